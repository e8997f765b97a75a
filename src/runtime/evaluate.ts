// Evaluates property values the way a client of the flow's version reads them: `${...}` references
// and (6.0+) backtick nested expressions become values; text a version does not understand stays text.
import { evaluate, parseCondition, parseDynamic } from '../flow-json/expressions/index.js';
import type { DynamicParseResult, ValueEnv } from '../flow-json/expressions/index.js';
import { setOwn } from '../flow-json/data-model/example.js';
import type { FlowJsonVersion } from '../flow-json/versions.js';
import { isRecord } from './document.js';

export type { ValueEnv };

const cache = new Map<string, DynamicParseResult>();
const MAX_CACHE = 5000;

function parsed(kind: 'value' | 'condition', source: string, version: FlowJsonVersion): DynamicParseResult {
  const key = `${kind}\u0000${version}\u0000${source}`;
  let result = cache.get(key);
  if (!result) {
    result = kind === 'value' ? parseDynamic(source, { version }) : parseCondition(source, { version });
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, result);
  }
  return result;
}

/** Could this string hold an expression at all? Plain text skips the parser. */
function mayBeDynamic(source: string): boolean {
  return source.includes('${') || (source.length > 1 && source.startsWith('`') && source.endsWith('`'));
}

/**
 * One string property. Features newer than the flow's version (global references before 4.0,
 * nested expressions before 6.0) are not understood by that client, so the text stays as written.
 */
export function resolveString(source: string, env: ValueEnv, version: FlowJsonVersion): unknown {
  if (!mayBeDynamic(source)) return source;
  const result = parsed('value', source, version);
  if (!result.ok) return source;
  if (result.problems.some((p) => p.code === 'requires-version')) return source;
  return evaluate(result.value, env);
}

/** Any JSON value with every string in it resolved (payloads, init-values, data-source items). */
export function resolveDeep(value: unknown, env: ValueEnv, version: FlowJsonVersion, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (typeof value === 'string') return resolveString(value, env, version);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, env, version, depth + 1));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolveDeep(v, env, version, depth + 1);
      if (r !== undefined) setOwn(out, k, r);
    }
    return out;
  }
  return value;
}

/**
 * An If `condition`, read by the flow-json expression semantics (bare If grammar, or a nested
 * expression in backticks from 6.0): `then` shows only for a real true. A condition WhatsApp
 * refuses, or one newer than the flow's version, reads as false, as WhatsApp's client reads it.
 */
export function resolveCondition(source: unknown, env: ValueEnv, version: FlowJsonVersion): boolean {
  if (typeof source === 'boolean') return source;
  if (typeof source !== 'string') return false;
  const result = parsed('condition', source, version);
  if (!result.ok || result.problems.some((p) => p.code === 'requires-version')) return false;
  return evaluate(result.value, env) === true;
}
