// What PostgreSQL (and PGlite) can store, checked before a webhook event reaches the database.
//
// A JavaScript string is UTF-16 and may hold anything; PostgreSQL text is UTF-8 without NUL.
// Two things therefore break an insert, or worse, change the data silently:
//   - U+0000: `text` refuses it (SQLSTATE 22021), `jsonb` refuses the `\u0000` escape (22P05);
//   - a lone surrogate (U+D800–U+DFFF not in a pair): `jsonb` refuses its escape (22P02), and in
//     a `text` parameter the drivers encode it as U+FFFD without a word, so two different
//     message ids could even become the same key.
// Replacing these characters would change a customer's answer, so an event holding one is not
// stored at all: it goes to the quarantine whole, as JSON text in which JSON.stringify has
// written each of them as a `\u` escape (valid text; JSON.parse gives back the exact code units).
// Anything else the database refuses for its content (SQLSTATE classes 22 and 54: bad input
// values, an id too long for an index) is recognised afterwards by isContentRejection().

import { unstorableChar } from '../store/text.js';

/** Deeper events are quarantined: JSON.stringify recurses, and no WhatsApp payload nests this far. */
export const MAX_EVENT_DEPTH = 100;

export type UnstorableCode = 'NUL_CHARACTER' | 'LONE_SURROGATE' | 'TOO_DEEP';

export interface Unstorable {
  readonly code: UnstorableCode;
  /** Where in the value: property names and indices, made safe to print (see printable()). */
  readonly path: readonly string[];
  /** For characters: the UTF-16 index within the string (or property name) that holds it. */
  readonly index?: number;
  /** True when the character is in a property name rather than a value. */
  readonly inKey?: boolean;
}

function checkText(text: string, path: readonly string[], inKey: boolean): Unstorable | undefined {
  const found = unstorableChar(text);
  if (found === undefined) return undefined;
  return { ...found, path, ...(inKey ? { inKey } : {}) };
}

// NUL or any surrogate: a plain class, much cheaper than unstorableChar's look-arounds, which
// then run only on text that holds a surrogate (emoji, mostly) to tell pairs from lone halves.
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const SUSPECT = /[\u0000\ud800-\udfff]/;

/**
 * True when every string (value and property name) in `value` can be stored and it nests at most
 * `maxDepth` deep: the common case, checked without building paths (every delivery runs this).
 */
function storable(value: unknown, depth: number, maxDepth: number, text: boolean): boolean {
  if (typeof value === 'string') return !text || !SUSPECT.test(value) || unstorableChar(value) === undefined;
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= maxDepth) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!storable(item, depth + 1, maxDepth, text)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    if ((text && SUSPECT.test(key) && unstorableChar(key) !== undefined) || !storable((value as Record<string, unknown>)[key], depth + 1, maxDepth, text)) return false;
  }
  return true;
}

/**
 * findUnstorable for a value parsed from JSON text that holds no `\u` escape (and strings of our
 * own): only its depth needs checking. NUL and lone surrogates can reach a parsed string only
 * through such an escape: JSON forbids raw control characters in strings, valid UTF-8 cannot
 * encode a surrogate, and a JSON string nested in another (response_json) needs `\\u` in the
 * outer text for an escape of its own, which contains `\u` too.
 */
export function findTooDeep(value: unknown, maxDepth = MAX_EVENT_DEPTH): Unstorable | undefined {
  return storable(value, 0, maxDepth, false) ? undefined : locate(value, maxDepth, []);
}

/**
 * The first string (value or property name) in `value` that PostgreSQL cannot store as it is, or
 * nesting deeper than `maxDepth`. Recursion stops at `maxDepth`, so hostile nesting cannot
 * overflow the stack here.
 */
export function findUnstorable(value: unknown, maxDepth = MAX_EVENT_DEPTH, path: readonly string[] = []): Unstorable | undefined {
  if (path.length === 0 && storable(value, 0, maxDepth, true)) return undefined;
  return locate(value, maxDepth, path);
}

/** findUnstorable's search, naming the path to what it finds. */
function locate(value: unknown, maxDepth: number, path: readonly string[]): Unstorable | undefined {
  if (typeof value === 'string') return checkText(value, path, false);
  if (typeof value !== 'object' || value === null) return undefined;
  if (path.length >= maxDepth) return { code: 'TOO_DEEP', path };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = locate(value[i], maxDepth, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const at = [...path, printable(key, 40)];
    const found = checkText(key, at, true) ?? locate((value as Record<string, unknown>)[key], maxDepth, at);
    if (found) return found;
  }
  return undefined;
}

/** A reason in words, naming where but never quoting the content. */
export function describeUnstorable(found: Unstorable): string {
  const where = found.path.length === 0 ? 'the event' : `/${found.path.join('/')}`;
  const at = found.index === undefined ? '' : ` at code unit ${found.index} of ${found.inKey === true ? 'the property name' : 'the value'}`;
  switch (found.code) {
    case 'NUL_CHARACTER':
      return `a NUL character (U+0000) in ${where}${at}: PostgreSQL text cannot hold it`;
    case 'LONE_SURROGATE':
      return `an unpaired UTF-16 surrogate in ${where}${at}: not valid Unicode, so PostgreSQL refuses it or a driver would replace it with U+FFFD`;
    case 'TOO_DEEP':
      return `${where} is nested deeper than ${MAX_EVENT_DEPTH} levels`;
  }
}

/**
 * JSON text of `value` that any PostgreSQL text column accepts: JSON.stringify escapes NUL, the
 * other control characters and lone surrogates, so JSON.parse restores the exact original.
 * Objects nested deeper than `maxDepth` are replaced by a marker string instead of recursing
 * (the only case that loses content, and only for events quarantined as TOO_DEEP).
 */
export function storableJson(value: unknown, maxDepth = MAX_EVENT_DEPTH): string {
  const depths = new WeakMap<object, number>();
  const text = JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
    if (typeof v !== 'object' || v === null) return v;
    const parent = typeof this === 'object' && this !== null ? (depths.get(this) ?? 0) : 0;
    if (parent >= maxDepth) return `[nested deeper than ${maxDepth} levels: not kept]`;
    depths.set(v, parent + 1);
    return v;
  });
  return text ?? 'null';
}

/**
 * A string made safe for a log line or a text column: control characters, NUL and lone
 * surrogates become `\uXXXX`; longer text is cut at `max` code units (never inside a pair).
 * Ordinary ids come back unchanged.
 */
export function printable(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  let out = text.replace(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (out.length > max) {
    const high = out.charCodeAt(max - 1);
    out = `${out.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max)}…`;
  }
  return out;
}

/**
 * True when the database refused a statement for what the values hold rather than for a failure
 * of its own: SQLSTATE class 22 (data exception: bad encoding, invalid input syntax, value out of
 * range) or 54 (program limit exceeded: an index row too large). Retrying cannot fix these.
 */
export function isContentRejection(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code);
}

/** The SQLSTATE of a database error, for a reason that names it without quoting the data. */
export function sqlState(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown';
}
