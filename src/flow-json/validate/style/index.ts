import { hasOwn } from '../json-type.js';
import type { FlowModel } from '../model.js';
import type { Report } from '../rule.js';
import type { StyleRuleSetting } from '../types.js';
import { consistentCapitalisation } from './consistent-capitalisation.js';
import { ctaSaysWhatHappens } from './cta-says-what-happens.js';
import { restrainedEmoji } from './restrained-emoji.js';
import { sentenceCase } from './sentence-case.js';
import type { StyleRule } from './types.js';

export type { StyleRule } from './types.js';

/**
 * The design-guidance lints of the seed's "Designing your Flow" (codes `style/<rule>`), run by
 * `validateFlow` only with `{ style: true }`; docs/style-rules.md describes each one.
 */
export const STYLE_RULES: readonly StyleRule[] = [ctaSaysWhatHappens, sentenceCase, consistentCapitalisation, restrainedEmoji];

/** Every `style/...` code, for configuration checks (an unknown code in `rules` is a typo). */
export const STYLE_CODES: readonly string[] = STYLE_RULES.flatMap((r) => r.codes);

/**
 * Runs the style rules over a model. Each finding takes the severity set for its code in
 * `settings` ('off' drops it), else its own, and is never an error: a lint cannot make a valid flow
 * invalid, whatever a rule or an untyped configuration says. A failing rule becomes a warning too.
 */
export function runStyleRules(model: FlowModel, settings: Readonly<Record<string, StyleRuleSetting>> = {}, rules: readonly StyleRule[] = STYLE_RULES): Report[] {
  const setting = (code: string): StyleRuleSetting | undefined => (hasOwn(settings, code) ? settings[code] : undefined);
  const found: { rule: StyleRule; report: Report }[] = [];
  for (const rule of rules) {
    try {
      rule.check({ model, report: (report) => found.push({ rule, report }) });
    } catch (error) {
      found.push({
        rule,
        report: {
          code: 'VALIDATOR_INTERNAL_ERROR',
          pointer: '',
          severity: 'warning',
          message: `Style rule '${rule.id}' failed: ${error instanceof Error ? error.message : 'unknown error'}. Please report this bug.`,
        },
      });
    }
  }
  const out: Report[] = [];
  const kept = found.filter(({ report }) => setting(report.code) !== 'off');
  for (const { rule, report } of kept) {
    if (rule.supersededBy?.length && kept.some((k) => k.report.pointer === report.pointer && rule.supersededBy?.includes(k.report.code))) continue;
    const chosen = setting(report.code) ?? report.severity;
    out.push({ ...report, severity: chosen === 'info' ? 'info' : 'warning' });
  }
  return out;
}
