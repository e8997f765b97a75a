import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, emptyLock, flowHash, readLock, serializeLock, writeLock } from './lock.js';
import type { Lockfile } from './lock.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'waflow-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LOCK: Lockfile = {
  lockfileVersion: 1,
  environments: {
    staging: { flows: { Zeta: { id: '2', name: 'Zeta', hash: flowHash('{}') } }, templates: {} },
    sandbox: {
      flows: { Feedback: { id: '1', name: 'Feedback v2', hash: flowHash('{"version":"7.3"}'), status: 'DRAFT', replaces: '0' } },
      templates: { 'visit_feedback/en_US': { id: 't1', name: 'visit_feedback', language: 'en_US', flowId: '1' } },
    },
  },
};

describe('the lock file', () => {
  it('round-trips: what is written is read back the same', async () => {
    const dir = tempDir();
    await writeLock(dir, LOCK);
    expect((await readLock(dir)).lock).toEqual(LOCK);
    // Written atomically: no temp file is left behind.
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('is written with sorted keys and a final newline, so it diffs well', async () => {
    const dir = tempDir();
    await writeLock(dir, LOCK);
    const text = readFileSync(join(dir, LOCK_FILE), 'utf8');
    expect(text).toBe(serializeLock(LOCK));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"sandbox"')).toBeLessThan(text.indexOf('"staging"'));
    expect(text.indexOf('"hash"')).toBeLessThan(text.indexOf('"id"'));
  });

  it('is empty when there is none, and ignored with a warning when it is not a lock', async () => {
    const dir = tempDir();
    expect(await readLock(dir)).toEqual({ lock: emptyLock() });
    writeFileSync(join(dir, LOCK_FILE), '{ "lockfileVersion": 1, ');
    expect((await readLock(dir)).warning).toMatch(/is not valid JSON: ignored/);
    writeFileSync(join(dir, LOCK_FILE), '{ "lockfileVersion": 9, "environments": {} }');
    expect((await readLock(dir)).warning).toMatch(/is not a lockfileVersion 1 lock/);
  });

  it('drops malformed entries (it is a cache) and keeps the rest', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ lockfileVersion: 1, environments: { sandbox: { flows: { A: { id: '1', name: 'A', hash: 'sha256:x' }, B: { id: 2 } }, templates: { x: 'y' } } } }));
    expect((await readLock(dir)).lock.environments).toEqual({ sandbox: { flows: { A: { id: '1', name: 'A', hash: 'sha256:x' } }, templates: {} } });
  });

  it('hashes the exact text with sha-256', () => {
    expect(flowHash('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(flowHash('{}')).not.toBe(flowHash('{ }'));
  });
});
