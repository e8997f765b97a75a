// Regression corpus: real Flow JSON that people published (Meta's templates and examples, pywa's
// docs, public projects), kept outside the repository in ../shared/corpus/flow-json-real (third-party
// data, read in place, never copied). sources.json names each file's origin and, for the
// known-invalid ones, the rule it breaks (`why`, and Meta's `code` where Meta documents one).
// `valid/`: the platform accepts them, so no error (warnings are fine). `known-invalid/`: each breaks
// a documented rule, so at least one error, and the documented code when sources.json names one.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFlow } from './index.js';

const corpus = process.env['WAFLOW_FLOW_CORPUS'] ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'flow-json-real');
const present = existsSync(join(corpus, 'sources.json'));

interface Source {
  readonly file: string;
  readonly expect: 'valid' | 'known-invalid';
  readonly code?: string | null;
  readonly why?: string;
}

function sources(): Source[] {
  return JSON.parse(readFileSync(join(corpus, 'sources.json'), 'utf8')) as Source[];
}

function errorsOf(file: string): { code: string; pointer: string; message: string }[] {
  const result = validateFlow(readFileSync(join(corpus, file), 'utf8'));
  return result.diagnostics.filter((d) => d.severity === 'error');
}

describe('real-world Flow JSON corpus', () => {
  it.skipIf(!present)('lists every file of valid/ and known-invalid/ in sources.json', () => {
    const listed = new Set(sources().map((s) => s.file));
    const onDisk = ['valid', 'known-invalid'].flatMap((dir) => readdirSync(join(corpus, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));
    expect(onDisk.filter((f) => !listed.has(f))).toEqual([]);
  });

  it.skipIf(!present)('reports no error on any published flow of valid/', () => {
    const offenders = sources()
      .filter((s) => s.expect === 'valid')
      .flatMap((s) => errorsOf(s.file).map((e) => `${s.file}: ${e.code} at ${e.pointer}: ${e.message}`));
    expect(offenders, `errors on valid flows:\n${offenders.join('\n')}`).toEqual([]);
  });

  it.skipIf(!present)('reports at least one error on each flow of known-invalid/, with the documented code', () => {
    const offenders: string[] = [];
    for (const s of sources().filter((x) => x.expect === 'known-invalid')) {
      const codes = errorsOf(s.file).map((e) => e.code);
      if (codes.length === 0) offenders.push(`${s.file}: no error (expected: ${s.why ?? '?'})`);
      else if (s.code && !codes.includes(s.code)) offenders.push(`${s.file}: ${s.code} not reported (got ${[...new Set(codes)].join(', ')}; ${s.why ?? ''})`);
    }
    expect(offenders, `known-invalid flows not flagged as documented:\n${offenders.join('\n')}`).toEqual([]);
  });
});
