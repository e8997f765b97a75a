import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowJsonToTs } from '../../flow-json/author/convert.js';
import type { CliIo } from '../command.js';
import { convertCommand, parseConvertArgs } from './convert.js';

const BOOKING = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'booking', 'flow.json'), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-convert-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env: {} };
  const code = await convertCommand.run(argv, io);
  return { code, out, err };
}

describe('waflow convert', () => {
  it('prints the TypeScript of a flow, named after its file', async () => {
    writeFileSync(join(dir, 'booking.json'), BOOKING);
    const { code, out, err } = await run(['booking.json', '--to', 'ts']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe(flowJsonToTs(JSON.parse(BOOKING), { name: 'bookingFlow', source: 'booking.json' }));
    expect(out).toContain("import { builders } from 'waflow/author';");
    // The footer's exchange carries the routing hint; the day dropdown's stays on its screen.
    expect(out).toContain("'on-select-action': dataExchange({ trigger: 'date_selected', date: form.date }),");
    expect(out.replace(/\s+/g, ' ')).toContain("label: 'Continue', 'on-click-action': dataExchange({ service: form.service, date: form.date, time: form.time }, { next: ['DETAILS'], }),")
  });

  it('writes --out with --name and --import', async () => {
    writeFileSync(join(dir, 'flow.json'), BOOKING);
    const { code, out } = await run(['flow.json', '--to', 'ts', '--out', 'booking.ts', '--name', 'booking', '--import', '../author.js']);
    expect(code).toBe(0);
    expect(out).toBe('booking.ts: wrote booking (from flow.json)\n');
    const written = readFileSync(join(dir, 'booking.ts'), 'utf8');
    expect(written).toContain("import { builders } from '../author.js';");
    expect(written).toContain('export const booking = flow({');
  });

  it('reports bad JSON and a document that is no flow with line and column', async () => {
    writeFileSync(join(dir, 'broken.json'), '{\n  "version": "7.3",\n  "screens": [\n');
    const broken = await run(['broken.json', '--to', 'ts']);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^broken\.json:\d+:\d+ error /);
    writeFileSync(join(dir, 'old.json'), '{\n  "version": "1.0",\n  "screens": []\n}\n');
    const old = await run(['old.json', '--to', 'ts']);
    expect(old.code).toBe(1);
    expect(old.err).toContain('old.json:2:14 error /version: "1.0" is not a Flow JSON version');
  });

  it('rejects usage errors', async () => {
    expect(parseConvertArgs(['a.json'])).toBe('--to is required (--to ts)');
    expect(parseConvertArgs(['a.json', '--to', 'js'])).toBe('--to "js" is not supported; the only target is ts');
    expect(parseConvertArgs(['--to', 'ts'])).toBe('give the Flow JSON file to convert');
    expect(parseConvertArgs(['a.json', '--to', 'ts', '--name', 'a-b'])).toMatch(/is not a TypeScript identifier/);
    const missing = await run(['missing.json', '--to', 'ts']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^waflow convert: cannot read missing\.json: /);
  });
});
