import type { Rule } from '../rule.js';

/**
 * A design-guidance lint: a `Rule` whose codes are `style/<rule>`, whose findings are at most
 * warnings (the validator clamps them) and which runs only when `ValidateOptions.style` is true.
 */
export interface StyleRule extends Rule {
  /**
   * Codes whose finding at the same pointer makes this rule's finding redundant: the validator then
   * drops this one (style/consistent-capitalisation defers to style/sentence-case, so one string is
   * not told the same thing twice). A superseding code turned 'off' supersedes nothing.
   */
  readonly supersededBy?: readonly string[];
}
