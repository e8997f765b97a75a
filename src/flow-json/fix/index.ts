import type { Diagnostic, Fix, TextEdit } from '../diagnostics.js';
import { parseJson } from '../parse/index.js';
import { validateFlow } from '../validate/index.js';
import type { ValidateOptions, ValidationResult } from '../validate/types.js';
import type { ParsedJson } from '../parse/types.js';
import { FixContext, mayBeFixable, PRODUCERS } from './producers.js';
import { applyOffsetEdits, editsConflict, LineIndex, toOffsetEdit, type OffsetEdit } from './text.js';

// Safe fixes: computed for the diagnostics of a text validation, offered as editor code actions
// (`Diagnostic.fixes`) and applied by `waflow validate --fix`.

/** Validations spent checking candidate fixes in one call; the rest get no fix (a later pass may). */
const MAX_CHECKS = 32;
/** Validate→fix passes of fixFlow. */
const MAX_ROUNDS = 10;

/**
 * Attaches `fixes` to the diagnostics of `result` that have a safe fix. `result` must come from
 * validating `text` with `options`; `parsed`, when given, is `parseJson(text)` (validateFlow's own
 * parse, saving a second one). A fix is attached only when applying it alone to `text` and
 * validating again with the same options makes its diagnostic disappear and adds no error (no
 * code/pointer pair has more errors than before). Diagnostics that already carry fixes keep them.
 * Never throws: on any failure the result comes back unchanged.
 */
export function computeFixes(text: string, result: ValidationResult, options: ValidateOptions = {}, parsed?: ParsedJson): ValidationResult {
  if (!result.diagnostics.some(mayBeFixable)) return result;
  try {
    parsed ??= parseJson(text);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) return result;
    const ctx = new FixContext(text, parsed, result, options);
    const before = errorCounts(result.diagnostics);
    const checked = new Map<string, ValidationResult>();
    let checks = 0;
    let changed = false;
    const diagnostics = result.diagnostics.map((d): Diagnostic => {
      if ((d.fixes && d.fixes.length > 0) || !mayBeFixable(d)) return d;
      for (const produce of PRODUCERS) {
        let candidates: readonly Fix[];
        try {
          candidates = produce(d, ctx);
        } catch {
          continue; // a bug in one producer costs its fix, never the validation
        }
        for (const fix of candidates) {
          const after = applyEdits(text, ctx.index, fix.edits);
          if (after === undefined) continue;
          let revalidated = checked.get(after);
          if (!revalidated) {
            if (checks >= MAX_CHECKS) return d;
            checks++;
            revalidated = validateFlow(after, { ...options, fixes: false });
            checked.set(after, revalidated);
          }
          if (!isImprovement(d, result.diagnostics, before, revalidated)) continue;
          changed = true;
          return { ...d, fixes: [fix] };
        }
      }
      return d;
    });
    return changed ? { ...result, diagnostics } : result;
  } catch {
    return result;
  }
}

/**
 * Applies the first fix of each diagnostic, in order, skipping a fix whose edits touch an edit
 * already taken (or each other). Ranges refer to `text`. Returns the new text and how many fixes
 * were applied.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): { text: string; applied: number } {
  const index = new LineIndex(text);
  const taken: OffsetEdit[] = [];
  let applied = 0;
  for (const d of diagnostics) {
    const fix = d.fixes?.[0];
    if (!fix) continue;
    const edits = toOffsetEdits(index, fix.edits);
    if (!edits) continue;
    if (edits.some((e) => taken.some((t) => editsConflict(e, t)))) continue;
    taken.push(...edits);
    applied++;
  }
  return { text: applied === 0 ? text : applyOffsetEdits(text, taken), applied };
}

export interface FixFlowResult {
  /** The fixed text (the input when nothing applied). */
  readonly text: string;
  /** Fixes applied over all passes. */
  readonly applied: number;
  /** Validation of the fixed text, with fixes attached to what remains fixable. */
  readonly result: ValidationResult;
}

/**
 * Validates and applies safe fixes until none is left (at most 10 passes): what
 * `waflow validate --fix` does to a file. A pass whose fixes, applied together, add an error
 * (each was checked alone) is redone with its first fix only.
 */
export function fixFlow(text: string, options: ValidateOptions = {}): FixFlowResult {
  const opts: ValidateOptions = { ...options, fixes: false };
  let current = text;
  let result = computeFixes(current, validateFlow(current, opts), opts);
  let applied = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fixable = result.diagnostics.filter((d) => d.fixes && d.fixes.length > 0);
    if (fixable.length === 0) break;
    let next = applyFixes(current, fixable);
    if (next.applied === 0) break;
    let validated = validateFlow(next.text, opts);
    if (next.applied > 1 && addsError(result.diagnostics, validated.diagnostics)) {
      next = applyFixes(current, fixable.slice(0, 1));
      validated = validateFlow(next.text, opts);
    }
    applied += next.applied;
    current = next.text;
    result = computeFixes(current, validated, opts);
  }
  return { text: current, applied, result };
}

function toOffsetEdits(index: LineIndex, edits: readonly TextEdit[]): OffsetEdit[] | undefined {
  const out: OffsetEdit[] = [];
  for (const edit of edits) {
    const e = toOffsetEdit(index, edit);
    if (!e || out.some((o) => editsConflict(o, e))) return undefined;
    out.push(e);
  }
  return out.length > 0 ? out : undefined;
}

function applyEdits(text: string, index: LineIndex, edits: readonly TextEdit[]): string | undefined {
  const offsets = toOffsetEdits(index, edits);
  return offsets && applyOffsetEdits(text, offsets);
}

const keyOf = (d: Diagnostic): string => `${d.code}\u0000${d.pointer}`;

function errorCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (d.severity === 'error') counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
  return counts;
}

function addsError(before: readonly Diagnostic[], after: readonly Diagnostic[]): boolean {
  const counts = errorCounts(before);
  for (const [key, n] of errorCounts(after)) if (n > (counts.get(key) ?? 0)) return true;
  return false;
}

/**
 * The diagnostic is gone: none with its code, pointer and message is left, and fewer with its
 * code and pointer (a message that lists names changes when only some are dealt with). And no
 * error was added: no code/pointer pair has more errors than before.
 */
function isImprovement(d: Diagnostic, before: readonly Diagnostic[], beforeErrors: ReadonlyMap<string, number>, after: ValidationResult): boolean {
  const key = keyOf(d);
  let same = 0;
  for (const a of after.diagnostics) {
    if (a.code !== d.code || a.pointer !== d.pointer) continue;
    if (a.message === d.message) return false;
    same++;
  }
  if (same >= before.filter((b) => keyOf(b) === key).length) return false;
  for (const [k, n] of errorCounts(after.diagnostics)) if (n > (beforeErrors.get(k) ?? 0)) return false;
  return true;
}
