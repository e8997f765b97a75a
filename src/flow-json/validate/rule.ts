import type { Severity } from '../diagnostics.js';
import type { FlowModel } from './model.js';

/** What a rule reports; the validator adds the source range. */
export interface Report {
  readonly code: string;
  readonly message: string;
  readonly pointer: string;
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly model: FlowModel;
  report(report: Report): void;
}

/**
 * One check of the Flow JSON language, in the style of an ESLint rule: a file of its own with its
 * codes, its message and its tests. Rules read the model; none mutates it.
 */
export interface Rule {
  readonly id: string;
  /** Every code this rule can report, so docs and tests can enumerate them. */
  readonly codes: readonly string[];
  readonly description: string;
  check(context: RuleContext): void;
}
