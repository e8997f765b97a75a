// Type tests: the endpoint and webhook code of the fixtures is type-checked against types that
// `waflow typegen` wrote for real flows. A line under `// @ts-expect-error TSxxxx` must not compile,
// for the reason the code names; everything else must.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { typegenCommand } from '../../src/cli/commands/typegen.js';
import { formatProblems, REPO_ROOT, typeCheck } from '../../src/flow-json/typegen/typecheck-test-kit.js';

const HERE = join(REPO_ROOT, 'test', 'types');
const FIXTURES = ['endpoint.fixture.ts', 'webhooks.fixture.ts', 'untyped.fixture.ts'].map((f) => join(HERE, f));
const DIRECTIVE = /^\s*\/\/ @ts-expect-error (TS\d+) (.*)$/;

interface Expected {
  readonly file: string;
  /** 1-based line the error must be on (the one under the directive). */
  readonly line: number;
  readonly code: number;
  readonly why: string;
}

function expectations(): Expected[] {
  return FIXTURES.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, i) => {
        const m = DIRECTIVE.exec(text);
        return m ? [{ file, line: i + 2, code: Number(m[1]!.slice(2)), why: m[2]! }] : [];
      }),
  );
}

describe('types from a flow', () => {
  it('the committed types of the fixtures are what waflow typegen writes today', async () => {
    let out = '';
    const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, cwd: REPO_ROOT, env: {} };
    const code = await typegenCommand.run(['examples/booking/flow.json', 'examples/feedback-form.json', '--out', 'test/types', '--check'], io);
    expect(code, out).toBe(0);
    expect(out).toBe('test/types/booking.types.ts: BookingFlow is up to date\ntest/types/feedback-form.types.ts: FeedbackFormFlow is up to date\n');
  });

  it('compiles the fixtures, and each line under @ts-expect-error fails for the reason it names', () => {
    const expected = expectations();
    // The ones issue 18 asks for: a field the screen does not declare, a wrong type, an unknown screen.
    expect(expected.map((e) => e.code)).toEqual(expect.arrayContaining([2353, 2322, 2345]));
    expect(expected.length).toBeGreaterThanOrEqual(12);

    // One program holds the fixtures as written and copies without the directives (one type check).
    const bare = (file: string): string => file.replace(/\.fixture\.ts$/, '.bare.ts');
    const overlay = new Map(FIXTURES.map((f) => [bare(f), readFileSync(f, 'utf8').replace(/\/\/ @ts-expect-error .*/g, '//')]));
    const problems = typeCheck([...FIXTURES, ...overlay.keys()], overlay);

    // As written: an unused directive is an error too, so this alone proves every marked line fails.
    const asWritten = problems.filter((p) => p.file === undefined || FIXTURES.includes(p.file));
    expect(asWritten, formatProblems(asWritten)).toEqual([]);

    // Without the directives: exactly the expected errors, each on its line with its code.
    const seen = problems.map((p) => `${p.file ?? ''}:${p.line} TS${p.code}`).sort();
    const wanted = expected.map((e) => `${bare(e.file)}:${e.line} TS${e.code}`).sort();
    expect(seen, formatProblems(problems)).toEqual(wanted);
  }, 120_000);
});
