import type { Diagnostic, Range } from '../diagnostics.js';

/** Where a JSON value (and, for object members, its key) sits in the source text. */
export interface SourceLocation {
  readonly value: Range;
  readonly key?: Range;
}

export interface ParsedJson {
  /** The parsed value; undefined when the text is not JSON at all. */
  readonly value: unknown;
  /** Location of every value by JSON pointer ("" is the root). */
  readonly locations: ReadonlyMap<string, SourceLocation>;
  /** Syntax problems (code JSON_SYNTAX_ERROR and friends), each with an exact range. */
  readonly diagnostics: readonly Diagnostic[];
}
