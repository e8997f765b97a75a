import { describe, expect, it } from 'vitest';
import type { ValidationResult } from '../../../src/flow-json/index.js';
import { applyFix, FixQueue, fixStart, validateWithFixes } from './fixes.js';
import type { FixJob } from './fixes.js';

const SIGN_UP_LIKE = JSON.stringify(
  {
    version: '7.3',
    screens: [
      {
        id: 'START',
        title: 'Your name',
        terminal: true,
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextInptu', name: 'who', label: 'Your name' },
            { type: 'Footer', label: 'Send name', 'on-click-action': { name: 'complete', payload: { who: '${form.who}' } } },
          ],
        },
      },
    ],
  },
  null,
  2,
);

describe('builder fixes', () => {
  it('applies one fix of a diagnostic to the text it was computed for', () => {
    const result = validateWithFixes({ text: SIGN_UP_LIKE, options: { style: true } });
    const typo = result.diagnostics.find((d) => d.fixes !== undefined);
    expect(typo?.fixes?.[0]?.title).toBe("Change 'TextInptu' to 'TextInput'");
    const fixed = applyFix(SIGN_UP_LIKE, typo!, typo!.fixes![0]!);
    expect(fixed).toBe(SIGN_UP_LIKE.replace('"TextInptu"', '"TextInput"'));
    expect(validateWithFixes({ text: fixed!, options: { style: true } }).diagnostics).toEqual([]);
    expect(fixStart(typo!.fixes![0]!)).toEqual(typo!.range!.start);
    // A fix whose range is not in the text does not apply.
    expect(applyFix('{}', typo!, typo!.fixes![0]!)).toBeUndefined();
  });

  it('starts a fix at its earliest edit', () => {
    const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column } });
    expect(fixStart({ title: 'x', edits: [{ range: at(4, 2), newText: 'a' }, { range: at(2, 9), newText: 'b' }, { range: at(2, 3), newText: 'c' }] })).toEqual({ line: 2, column: 3 });
    expect(fixStart({ title: 'none', edits: [] })).toBeUndefined();
  });

  it('runs one job at a time and keeps only the newest waiting one', async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const release: (() => void)[] = [];
    const queue = new FixQueue(
      (job) => {
        started.push(job.text);
        return new Promise<ValidationResult>((resolve) => release.push(() => resolve({ valid: true, diagnostics: [] })));
      },
      (job) => finished.push(job.text),
    );
    const job = (text: string): FixJob => ({ text, options: {} });
    queue.submit(job('a'));
    queue.submit(job('b'));
    queue.submit(job('c'));
    expect(started).toEqual(['a']);
    release.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(finished).toEqual(['a']);
    expect(started).toEqual(['a', 'c']);
    queue.close();
    release.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(finished).toEqual(['a']); // closed: a late answer is dropped
  });
});
