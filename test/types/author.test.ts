// Type tests of the flow builders: author.fixture.ts compiles, and each line under
// `// @ts-expect-error TSxxxx` fails with that code (checked on a copy without the directives).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, REPO_ROOT, typeCheck } from '../../src/flow-json/typegen/typecheck-test-kit.js';

const FIXTURE = join(REPO_ROOT, 'test', 'types', 'author.fixture.ts');
const BARE = join(REPO_ROOT, 'test', 'types', 'author.bare.ts');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error (TS\d+) (.*)$/;

describe('types of the flow builders', () => {
  it('reject a newer component, property or action, an unknown property, a wrong enum and an undeclared form field', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const wanted = text.split('\n').flatMap((line, i) => {
      const m = DIRECTIVE.exec(line);
      return m ? [`${i + 2} ${m[1]}`] : [];
    });
    expect(wanted.length).toBeGreaterThanOrEqual(9);
    const overlay = new Map([[BARE, text.replace(/\/\/ @ts-expect-error .*/g, '//')]]);
    const problems = typeCheck([FIXTURE, BARE], overlay);
    const asWritten = problems.filter((p) => p.file === FIXTURE || p.file === undefined);
    expect(asWritten, formatProblems(asWritten)).toEqual([]);
    const seen = problems.filter((p) => p.file === BARE).map((p) => `${p.line} TS${p.code}`);
    expect(seen.sort(), formatProblems(problems)).toEqual(wanted.sort());
  }, 120_000);
});
