// A forgiving reading of JSON text for the editor's completion and hover: where the cursor is
// (the keys and indices leading to it, and whether a key or a value is being written) and the
// document's value as far as it can be read. Both must work on the half-typed text the editor
// holds between keystrokes (`{"type": "TextIn` with no closing quote or brace), which JSON.parse
// refuses, and both read the same tokens, so an array index means the same item in each.

export type PathSegment = string | number;

export interface Token {
  readonly kind: 'string' | 'word' | 'punct';
  readonly from: number;
  /** Just after the token (after the closing quote of a closed string). */
  readonly to: number;
  /** For strings: false when the line ended before the closing quote. */
  readonly closed: boolean;
  /** The punctuation character, the raw word, or the string's raw content (between the quotes). */
  readonly raw: string;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

/** The tokens of `text`; anything that is not whitespace, punctuation or a string is a word. */
export function* tokens(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const ch = text[i] as string;
    if ('{}[]:,'.includes(ch)) {
      yield { kind: 'punct', from: i, to: i + 1, closed: true, raw: ch };
      i++;
      continue;
    }
    if (ch === '"') {
      // A JSON string never spans lines: an unterminated one ends at the line's end.
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === '\n' || d === '\r') break;
        j++;
      }
      j = Math.min(j, n);
      yield { kind: 'string', from: i, to: closed ? j + 1 : j, closed, raw: text.slice(i + 1, j) };
      i = closed ? j + 1 : j;
      continue;
    }
    let j = i + 1;
    while (j < n && !isSpace(text.charCodeAt(j)) && !'{}[]:,"'.includes(text[j] as string)) j++;
    yield { kind: 'word', from: i, to: j, closed: true, raw: text.slice(i, j) };
    i = j;
  }
}

/** A string token's value: its escapes decoded where they are valid, kept as written where not. */
export function stringValue(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function wordValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * The document's value as far as it can be read: a missing closing bracket closes at the end, a
 * key without a value is left out, an array item that cannot be read is `undefined` (so later
 * items keep their indices). Equal to JSON.parse for valid JSON (the last duplicate key wins).
 */
export function looseParse(text: string): unknown {
  const list = [...tokens(text)];
  let pos = 0;

  const value = (): unknown => {
    const t = list[pos];
    if (t === undefined) return undefined;
    if (t.kind === 'string') {
      pos++;
      return stringValue(t.raw);
    }
    if (t.kind === 'word') {
      pos++;
      return wordValue(t.raw);
    }
    if (t.raw === '{') {
      pos++;
      return object();
    }
    if (t.raw === '[') {
      pos++;
      return array();
    }
    return undefined; // a stray ':' ',' '}' or ']' is left for the caller
  };

  const object = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (;;) {
      const t = list[pos];
      if (t === undefined) return out;
      if (t.raw === '}' && t.kind === 'punct') {
        pos++;
        return out;
      }
      if (t.kind === 'punct' && (t.raw === ',' || t.raw === ':')) {
        pos++;
        continue;
      }
      if (t.kind === 'punct' && t.raw === ']') return out; // an unclosed object inside an array that closes
      if (t.kind !== 'string') {
        value(); // a value where a key belongs: skip it
        continue;
      }
      pos++;
      const key = stringValue(t.raw);
      if (list[pos]?.raw !== ':' || list[pos]?.kind !== 'punct') continue;
      pos++;
      const next = list[pos];
      if (next === undefined || (next.kind === 'punct' && (next.raw === ',' || next.raw === '}' || next.raw === ']'))) continue;
      const v = value();
      if (v === undefined) continue;
      // Own data property even for "__proto__", like JSON.parse.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
  };

  const array = (): unknown[] => {
    const out: unknown[] = [];
    let filled = false;
    for (;;) {
      const t = list[pos];
      if (t === undefined) return out;
      if (t.kind === 'punct' && t.raw === ']') {
        pos++;
        return out;
      }
      if (t.kind === 'punct' && t.raw === '}') return out;
      if (t.kind === 'punct' && t.raw === ',') {
        if (!filled) out.push(undefined);
        filled = false;
        pos++;
        continue;
      }
      if (t.kind === 'punct' && t.raw === ':') {
        pos++;
        continue;
      }
      const v = value();
      if (filled) out[out.length - 1] = v;
      else out.push(v);
      filled = true;
    }
  };

  return value();
}

/** What the cursor is writing: a key of the object at `path`, or the value at `path` + `key`. */
export interface CursorContext {
  /** Keys and indices from the root to the object or array the cursor is in. */
  readonly path: readonly PathSegment[];
  readonly where: 'key' | 'value';
  /** For a value: its property name (in an object) or index (in an array). */
  readonly key?: PathSegment;
  /** The string or word under the cursor, when there is one. */
  readonly token?: Token;
}

type Frame =
  | { kind: 'object'; at: PathSegment | undefined; key: string | undefined; state: 'key' | 'colon' | 'value' | 'after' }
  | { kind: 'array'; at: PathSegment | undefined; index: number; state: 'value' | 'after' };

function inside(t: Token, offset: number): boolean {
  if (t.kind === 'string') return t.from < offset && (offset < t.to || (!t.closed && offset === t.to));
  return t.from < offset && offset <= t.to;
}

/** The open objects and arrays at `offset`, and the string or word the offset is in, if any. */
function walk(text: string, offset: number): { stack: Frame[]; token: Token | undefined } {
  const stack: Frame[] = [];
  // A token written where a value belongs: the frame above now waits for a comma.
  const valueDone = (): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.state = 'after';
  };
  for (const t of tokens(text)) {
    if (t.from >= offset) return { stack, token: undefined };
    // The token at the offset is answered for in the state before it.
    if (t.kind !== 'punct' && inside(t, offset)) return { stack, token: t };
    const top = stack[stack.length - 1];
    if (t.kind === 'string') {
      if (top?.kind === 'object' && top.state === 'key') {
        top.key = stringValue(t.raw);
        top.state = 'colon';
      } else valueDone();
      continue;
    }
    if (t.kind === 'word') {
      valueDone();
      continue;
    }
    switch (t.raw) {
      case '{':
      case '[': {
        const at = top === undefined ? undefined : top.kind === 'object' ? top.key : top.index;
        valueDone();
        stack.push(t.raw === '{' ? { kind: 'object', at, key: undefined, state: 'key' } : { kind: 'array', at, index: 0, state: 'value' });
        break;
      }
      case '}':
      case ']':
        stack.pop();
        break;
      case ':':
        if (top?.kind === 'object') top.state = 'value';
        break;
      case ',':
        if (top?.kind === 'object') {
          top.state = 'key';
          top.key = undefined;
        } else if (top?.kind === 'array') {
          top.index += 1;
          top.state = 'value';
        }
        break;
    }
  }
  return { stack, token: undefined };
}

function pathOf(stack: readonly Frame[]): PathSegment[] {
  return stack.slice(1).map((f) => f.at ?? '');
}

/**
 * Where a cursor at `offset` is, or undefined outside any object or array and between a key and
 * its colon. The character under a mouse at `pos` is the context at `pos + 1`.
 */
export function contextAt(text: string, offset: number): CursorContext | undefined {
  const { stack, token } = walk(text, offset);
  const top = stack[stack.length - 1];
  if (top === undefined) return undefined;
  const path = pathOf(stack);
  if (top.kind === 'object') {
    if (top.state === 'key' || (top.state === 'colon' && token?.kind === 'string')) {
      // A bare word where a key belongs is a key typed without its quotes.
      return token === undefined ? { path, where: 'key' } : { path, where: 'key', token };
    }
    if (top.key === undefined) return undefined;
    if (top.state === 'value' || (top.state === 'after' && token !== undefined)) {
      return token === undefined ? { path, where: 'value', key: top.key } : { path, where: 'value', key: top.key, token };
    }
    return undefined;
  }
  if (top.state === 'value' || token !== undefined) {
    return token === undefined ? { path, where: 'value', key: top.index } : { path, where: 'value', key: top.index, token };
  }
  return undefined;
}

/** The keys and indices down to the innermost value at `offset` (a key being written counts). */
export function pathAt(text: string, offset: number): PathSegment[] {
  const { stack } = walk(text, offset);
  const top = stack[stack.length - 1];
  const path = pathOf(stack);
  if (top === undefined) return path;
  const here = top.kind === 'object' ? top.key : top.index;
  return here === undefined ? path : [...path, here];
}
