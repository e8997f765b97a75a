/** 1-based line and column, columns counted in UTF-16 code units like editors do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A change to the source text, LSP-style: replace `range` with `newText` (an empty range inserts). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/**
 * A safe fix of one diagnostic, as an editor code action: applying every edit (they never overlap)
 * yields a document where this diagnostic is gone and nothing else changed but what the title says.
 */
export interface Fix {
  /** What the fix does, imperative: "Add LOGIN to routing_model". */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  /**
   * Stable code: Meta's where Meta has one (e.g. INVALID_PROPERTY_VALUE), ours in the same style
   * otherwise; design-guidance lints are `style/<rule>` (e.g. `style/sentence-case`).
   */
  readonly code: string;
  readonly severity: Severity;
  /** Plain words: what is wrong and what to do. */
  readonly message: string;
  /** RFC 6901 JSON pointer to the offending value ("" is the document root). */
  readonly pointer: string;
  /** Present when the input was text. */
  readonly range?: Range;
  /** Safe fixes, when the input was text and one is known (`waflow validate --fix` applies them). */
  readonly fixes?: readonly Fix[];
}

/** Appends a reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires. */
export function childPointer(pointer: string, token: string | number): string {
  if (typeof token === 'number') return `${pointer}/${token}`;
  if (!token.includes('~') && !token.includes('/')) return `${pointer}/${token}`;
  return `${pointer}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Splits a JSON pointer into its unescaped reference tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
