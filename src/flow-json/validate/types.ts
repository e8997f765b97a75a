import type { Diagnostic } from '../diagnostics.js';
import type { FlowJsonVersion } from '../versions.js';

export interface ValidateOptions {
  /** Validate as this version instead of the document's own `version`. */
  readonly version?: FlowJsonVersion;
  /** Report Meta's deprecation warnings (default true). */
  readonly warnings?: boolean;
  /**
   * Also run the design-guidance lints of the seed's "Designing your Flow" (`style/...` codes,
   * never errors). Default false in the API, so results mirror what the platform reports; the CLI
   * turns them on.
   */
  readonly style?: boolean;
  /** Per-lint severity by code (`{ "style/sentence-case": "off" }`); lints stay at most warnings. */
  readonly rules?: Readonly<Record<string, StyleRuleSetting>>;
  /**
   * Attach `fixes` to diagnostics that have a safe one (needs text input). Default false: proving a
   * fix safe re-validates the edited text, so editors ask for them (the builder, `waflow
   * validate`) while the platform path (uploads, the sandbox) does not pay for them.
   */
  readonly fixes?: boolean;
}

export type StyleRuleSetting = 'off' | 'info' | 'warning';

export interface ValidationResult {
  /** True when no diagnostic has severity "error". */
  readonly valid: boolean;
  /** Sorted by position (by pointer when there is no text). */
  readonly diagnostics: readonly Diagnostic[];
  /** The version the document was checked against, when one could be determined. */
  readonly version?: FlowJsonVersion;
}
