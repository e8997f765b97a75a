// Safe fixes for the builder's diagnostics, kept off the keystroke path. Proving a fix safe
// re-validates the document once per candidate (up to 32 times: ~0.4 s on a broken 20-screen flow,
// against ~10 ms for one validation), so the editor validates on every keystroke without fixes and
// asks for them once typing pauses, in a Web Worker (or on the page when no worker can start).
// Only the newest text waits while a job runs, and an answer is used only for the exact text and
// options it was computed for: a fix's ranges are meaningless in any other text.
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyFixes, validateFlow } from '../../../src/flow-json/index.js';
import type { Diagnostic, Fix, ValidateOptions, ValidationResult } from '../../../src/flow-json/index.js';

/** Quiet time after the last edit before fixes are computed. */
export const FIX_DELAY_MS = 300;

export interface FixJob {
  readonly text: string;
  readonly options: ValidateOptions;
}

/** What the page posts to the worker (fix-worker.ts). */
export interface FixRequest extends FixJob {
  readonly id: number;
}

/** What the worker answers. */
export type FixResponse = { readonly id: number; readonly result: ValidationResult } | { readonly id: number; readonly error: string };

/** The validation with fixes: what the worker runs, and the fallback on the page. */
export function validateWithFixes(job: FixJob): ValidationResult {
  return validateFlow(job.text, { ...job.options, fixes: true });
}

/**
 * Applies one fix to the text it was computed for. The fix module converts the 1-based line and
 * UTF-16 column to offsets itself (a leading BOM not counted, any line break), so this goes
 * through `applyFixes` rather than the editor's `offsetOf`. Undefined when the fix does not apply
 * (a range outside the text, edits that overlap).
 */
export function applyFix(text: string, diagnostic: Diagnostic, fix: Fix): string | undefined {
  const { text: fixed, applied } = applyFixes(text, [{ ...diagnostic, fixes: [fix] }]);
  return applied === 1 ? fixed : undefined;
}

/** Where a fix starts: the earliest start of its edits, which the edits leave in place. */
export function fixStart(fix: Fix): { line: number; column: number } | undefined {
  let first: { line: number; column: number } | undefined;
  for (const { range } of fix.edits) {
    const { line, column } = range.start;
    if (first === undefined || line < first.line || (line === first.line && column < first.column)) first = { line, column };
  }
  return first;
}

/** Runs one job at a time; while one runs, only the newest submitted job waits. */
export class FixQueue {
  private running = false;
  private waiting: FixJob | undefined;
  private closed = false;

  constructor(
    private readonly run: (job: FixJob) => Promise<ValidationResult>,
    private readonly done: (job: FixJob, result: ValidationResult) => void,
  ) {}

  submit(job: FixJob): void {
    if (this.closed) return;
    if (this.running) {
      this.waiting = job;
      return;
    }
    this.running = true;
    this.run(job)
      .then(
        (result) => {
          if (!this.closed) this.done(job, result);
        },
        () => undefined, // no fixes for this text; the next edit asks again
      )
      .finally(() => {
        this.running = false;
        const next = this.waiting;
        this.waiting = undefined;
        if (next !== undefined) this.submit(next);
      });
  }

  close(): void {
    this.closed = true;
    this.waiting = undefined;
  }
}

export interface FixRunner {
  run(job: FixJob): Promise<ValidationResult>;
  close(): void;
}

/** Runs jobs in a Web Worker, started on the first job; on the page if it cannot start or fails. */
export function workerRunner(): FixRunner {
  let worker: Worker | undefined;
  let broken = typeof Worker === 'undefined';
  let seq = 0;
  const pending = new Map<number, { job: FixJob; resolve: (r: ValidationResult) => void; reject: (e: Error) => void }>();
  const onPage = (job: FixJob): Promise<ValidationResult> => new Promise((resolve) => setTimeout(() => resolve(validateWithFixes(job)), 0));

  const start = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker !== undefined) return worker;
    try {
      worker = new Worker(new URL('./fix-worker.ts', import.meta.url), { type: 'module', name: 'flow-fixes' });
    } catch {
      broken = true;
      return undefined;
    }
    worker.onmessage = (e: MessageEvent<FixResponse>) => {
      const job = pending.get(e.data.id);
      if (job === undefined) return;
      pending.delete(e.data.id);
      if ('result' in e.data) job.resolve(e.data.result);
      else job.reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      // The worker did not load or crashed: its jobs and all later ones run on the page.
      e.preventDefault();
      broken = true;
      worker?.terminate();
      worker = undefined;
      for (const job of pending.values()) onPage(job.job).then(job.resolve, job.reject);
      pending.clear();
    };
    return worker;
  };

  return {
    run(job) {
      const w = start();
      if (w === undefined) return onPage(job);
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { job, resolve, reject });
        w.postMessage({ id, text: job.text, options: job.options } satisfies FixRequest);
      });
    },
    close() {
      worker?.terminate();
      worker = undefined;
      pending.clear();
    },
  };
}

export interface Fixes {
  /** The validation of `text` with `options`, fixes attached; undefined until it is computed. */
  result: ValidationResult | undefined;
  /** Records a result already computed for a text (fixFlow's), so it is not computed again. */
  remember(text: string, result: ValidationResult): void;
}

/** Fixes for the editor's text, computed FIX_DELAY_MS after the last change. */
export function useFixes(text: string, options: ValidateOptions): Fixes {
  const optionsKey = JSON.stringify(options);
  const [done, setDone] = useState<{ text: string; optionsKey: string; result: ValidationResult } | undefined>(undefined);
  const queue = useRef<FixQueue | undefined>(undefined);

  useEffect(() => {
    const runner = workerRunner();
    const q = new FixQueue(runner.run, (job, result) => setDone({ text: job.text, optionsKey: JSON.stringify(job.options), result }));
    queue.current = q;
    return () => {
      q.close();
      runner.close();
      queue.current = undefined;
    };
  }, []);

  const current = done !== undefined && done.text === text && done.optionsKey === optionsKey ? done.result : undefined;
  const ready = current !== undefined;
  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => queue.current?.submit({ text, options }), FIX_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, optionsKey, ready]); // `options` changes exactly when optionsKey does

  return {
    result: current,
    remember: (fixedText, result) => setDone({ text: fixedText, optionsKey, result }),
  };
}
