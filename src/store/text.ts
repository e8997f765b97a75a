// What PostgreSQL (and PGlite) cannot store as text: U+0000 (`text` refuses it, `jsonb` refuses
// its `\u0000` escape) and a lone UTF-16 surrogate (`jsonb` refuses its escape; in `text` the
// drivers silently write U+FFFD instead). One definition for every boundary that checks input
// before it reaches the store: the sandbox's request bodies and the webhook handler's events.

// No `u` flag: the pattern must see code units, so that it can find unpaired surrogates.
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const UNSTORABLE_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface UnstorableChar {
  readonly code: 'NUL_CHARACTER' | 'LONE_SURROGATE';
  /** UTF-16 offset in the text. */
  readonly index: number;
}

/** The first character of `text` the database cannot store unchanged, if any. */
export function unstorableChar(text: string): UnstorableChar | undefined {
  const match = UNSTORABLE_CHAR.exec(text);
  if (match === null) return undefined;
  return { code: match[0] === '\u0000' ? 'NUL_CHARACTER' : 'LONE_SURROGATE', index: match.index };
}
