import type { Diagnostic } from '../diagnostics.js';
import type { FlowJsonVersion } from '../versions.js';

export interface ValidateOptions {
  /** Validate as this version instead of the document's own `version`. */
  readonly version?: FlowJsonVersion;
  /** Report Meta's deprecation warnings (default true). */
  readonly warnings?: boolean;
}

export interface ValidationResult {
  /** True when no diagnostic has severity "error". */
  readonly valid: boolean;
  /** Sorted by position (by pointer when there is no text). */
  readonly diagnostics: readonly Diagnostic[];
  /** The version the document was checked against, when one could be determined. */
  readonly version?: FlowJsonVersion;
}
