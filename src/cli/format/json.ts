import type { Diagnostic } from '../../flow-json/diagnostics.js';

export interface FileReadError {
  /** The OS error code, e.g. ENOENT. */
  readonly code: string;
  readonly message: string;
}

/**
 * The machine-readable result for one file: a single line of JSON (JSON Lines), so a consumer can
 * stream the output and `JSON.parse` each line. Fields are copied explicitly so the wire shape does
 * not change when the in-memory Diagnostic grows. `fixes` (LSP-style edits, 1-based line/column,
 * end exclusive) appear on diagnostics that have a safe fix.
 */
export function formatJsonLine(file: string, valid: boolean, diagnostics: readonly Diagnostic[], error?: FileReadError, fixed?: number): string {
  const out: Record<string, unknown> = {
    file,
    valid,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      pointer: d.pointer,
      ...(d.range ? { range: d.range } : {}),
      ...(d.fixes && d.fixes.length > 0
        ? { fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: e.range, newText: e.newText })) })) }
        : {}),
    })),
  };
  // With --fix: how many fixes were applied to the file (the diagnostics are what remains).
  if (fixed !== undefined) out.fixed = fixed;
  if (error) out.error = { code: error.code, message: error.message };
  return `${JSON.stringify(out)}\n`;
}
