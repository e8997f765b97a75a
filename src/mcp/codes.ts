// The diagnostic codes, described from where they are reported: each validator rule lists its
// codes with its description (src/flow-json/validate/rules, style/), and the few codes reported
// before any rule runs (parsing, the version) are described here, next to where they come from.
import { mayBeFixable } from '../flow-json/fix/producers.js';
import { DUPLICATE_KEY } from '../flow-json/parse/index.js';
import { RULES, STYLE_RULES } from '../flow-json/validate/index.js';
import { FLOW_JSON_VERSIONS, LATEST_FLOW_JSON_VERSION, MIN_PUBLISHABLE_VERSION } from '../flow-json/versions.js';

/** Codes reported outside the rules: src/flow-json/parse (JSON text), validate/version.ts and validate/index.ts. */
const EARLY_CODES: Readonly<Record<string, { readonly source: string; readonly description: string }>> = {
  INVALID_FLOW_JSON: { source: 'parse', description: 'The text is not valid JSON; the message names the exact line and column (Meta reports unparsable Flow JSON with this code).' },
  [DUPLICATE_KEY]: { source: 'parse', description: 'An object has the same key twice; JSON parsers keep only the last one, so the first is silently lost.' },
  MISSING_FLOW_JSON_VERSION: { source: 'version', description: `The flow has no top-level "version"; add "version": "${LATEST_FLOW_JSON_VERSION}" (the latest).` },
  INVALID_FLOW_JSON_VERSION: { source: 'version', description: `"version" is not a Flow JSON version; use one of ${FLOW_JSON_VERSIONS.join(', ')}.` },
  UNSUPPORTED_FLOW_JSON_VERSION: { source: 'version', description: '"version" is older than every version WhatsApp supports, or not a string.' },
  DEPRECATED_FLOW_JSON_VERSION: { source: 'version', description: `A warning: the version can still be sent but no longer published; new flows need ${MIN_PUBLISHABLE_VERSION} or later.` },
  VALIDATOR_INTERNAL_ERROR: { source: 'validator', description: 'A bug in waflow: a rule failed on this flow. The other rules still ran; please report it.' },
};

export interface CodeExplanation {
  code: string;
  /** Meta's code or waflow's own in the same style, a design-guidance lint (style/...). */
  family: 'platform' | 'style';
  /** What reports it: a rule's id and what the rule checks, or the stage before the rules. */
  reportedBy: { rule: string; description: string }[];
  /** Whether the fix tool may have a safe fix for some diagnostics with this code. */
  mayHaveSafeFix: boolean;
}

/** Every known code, for suggestions. */
export function knownCodes(): string[] {
  return [...new Set([...Object.keys(EARLY_CODES), ...RULES.flatMap((r) => r.codes), ...STYLE_RULES.flatMap((r) => r.codes)])];
}

/** The code's explanation, or undefined when no rule reports it. */
export function explainCode(code: string): CodeExplanation | undefined {
  const reportedBy = [...RULES, ...STYLE_RULES].filter((r) => r.codes.includes(code)).map((r) => ({ rule: r.id, description: r.description }));
  const early = EARLY_CODES[code];
  if (early !== undefined) reportedBy.unshift({ rule: early.source, description: early.description });
  if (reportedBy.length === 0) return undefined;
  return {
    code,
    family: code.startsWith('style/') ? 'style' : 'platform',
    reportedBy,
    mayHaveSafeFix: mayBeFixable({ code, severity: 'error', message: '', pointer: '' }),
  };
}
