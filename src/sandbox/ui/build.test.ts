import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newestSource, uiBuilt } from './build.js';

const dir = mkdtempSync(join(tmpdir(), 'waflow-ui-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ui build freshness', () => {
  it('takes the newest source file, ignoring tests', () => {
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'src', 'a.ts'), '');
    writeFileSync(join(dir, 'src', 'deep', 'b.tsx'), '');
    writeFileSync(join(dir, 'src', 'deep', 'b.test.ts'), '');
    utimesSync(join(dir, 'src', 'a.ts'), 1000, 1000);
    utimesSync(join(dir, 'src', 'deep', 'b.tsx'), 2000, 2000);
    utimesSync(join(dir, 'src', 'deep', 'b.test.ts'), 9000, 9000);
    expect(newestSource([join(dir, 'src'), join(dir, 'missing')])).toBe(2000 * 1000);
  });

  it('sees a build only where index.html exists', () => {
    expect(uiBuilt(join(dir, 'nothing'))).toBe(false);
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html>');
    expect(uiBuilt(join(dir, 'dist'))).toBe(true);
  });
});
