import type { Diagnostic, Position, Range } from '../diagnostics.js';
import type { ParsedJson } from './types.js';
import { escapeToken, LazyLocations } from './locations.js';

/**
 * A single-pass recursive-descent JSON parser that records where every value and key sits.
 *
 * Speed matters (the validator must stay within 10× of JSON.parse), so the scanner works on char
 * codes, slices each string or number once, and keeps the current line number and the offset where
 * that line starts: a position is then `{ line, column: offset - lineStart + 1 }`, computed only
 * when a location is recorded. That shortcut is valid because a position is only ever taken at the
 * scan point or on the current line (JSON tokens never span lines).
 *
 * Ranges are half-open: `end` is the position just after the last code unit of the value.
 */

export const JSON_SYNTAX_ERROR = 'JSON_SYNTAX_ERROR';
export const DUPLICATE_KEY = 'DUPLICATE_KEY';

/** Deeper documents are reported rather than risking a stack overflow in the recursive descent. */
export const MAX_NESTING_DEPTH = 1000;

const enum Ch {
  Tab = 0x09, LineFeed = 0x0a, CarriageReturn = 0x0d, Space = 0x20,
  Quote = 0x22, Plus = 0x2b, Comma = 0x2c, Minus = 0x2d, Dot = 0x2e, Slash = 0x2f,
  Zero = 0x30, Nine = 0x39, Colon = 0x3a, UpperE = 0x45, OpenBracket = 0x5b, Backslash = 0x5c,
  CloseBracket = 0x5d, LowerE = 0x65, OpenBrace = 0x7b, CloseBrace = 0x7d, Star = 0x2a,
  SingleQuote = 0x27, Bom = 0xfeff,
}

/** Thrown internally to unwind after the first syntax error; never escapes parseJson. */
class SyntaxStop {}
const STOP = new SyntaxStop();

const ESCAPES: Record<number, string> = {
  0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t',
};

class Parser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private depth = 0;
  readonly locations: LazyLocations;
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly text: string) {
    // Pretty-printed Flow JSON holds one value per 20 to 40 characters; a fair guess avoids regrowth.
    this.locations = new LazyLocations(text.length / 32);
    // A UTF-8 BOM decoded as U+FEFF is not part of the document; columns start after it.
    if (text.charCodeAt(0) === Ch.Bom) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  parseDocument(): unknown {
    this.skipWhitespace(-1);
    if (this.pos >= this.text.length) this.fail('Unexpected end of input: expected a JSON value', -1);
    const value = this.parseValue(-1, '');
    this.skipWhitespace(-1);
    if (this.pos < this.text.length) {
      this.fail('Unexpected content after the JSON value; a document holds exactly one value', -1, this.charEnd());
    }
    return value;
  }

  private at(offset: number): Position {
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  /** Records an error at [pos, end) on the current line and stops parsing. */
  private fail(message: string, id: number, end = this.pos, start = this.pos): never {
    this.diagnostics.push({
      code: JSON_SYNTAX_ERROR, severity: 'error', message, pointer: this.locations.pointerOf(id),
      range: { start: this.at(start), end: this.at(end) },
    });
    throw STOP;
  }

  /** End offset of the character at pos (a surrogate pair counts as one character). */
  private charEnd(): number {
    const c = this.text.charCodeAt(this.pos);
    if (Number.isNaN(c)) return this.pos;
    const next = this.text.charCodeAt(this.pos + 1);
    return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? this.pos + 2 : this.pos + 1;
  }

  private skipWhitespace(id: number): void {
    const text = this.text;
    // A local copy of pos keeps the hot loop off the object's fields.
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === Ch.Space || c === Ch.Tab) {
        pos++;
      } else if (c === Ch.LineFeed) {
        this.line++;
        this.lineStart = ++pos;
      } else if (c === Ch.CarriageReturn) {
        if (text.charCodeAt(++pos) === Ch.LineFeed) pos++;
        this.line++;
        this.lineStart = pos;
      } else {
        this.pos = pos;
        if (c === Ch.Slash) {
          const next = text.charCodeAt(pos + 1);
          if (next === Ch.Slash || next === Ch.Star) this.fail('Comments are not allowed in JSON', id, pos + 2);
        }
        return;
      }
    }
  }

  /**
   * Parses the value at pos, member `key` of container `parent` (-1: the document);
   * keyLine/keyStart/keyEnd locate its property name (keyLine 0: none).
   */
  private parseValue(parent: number, key: string | number, keyLine = 0, keyStart = 0, keyEnd = 0): unknown {
    const id = this.locations.open(parent, key);
    const c = this.text.charCodeAt(this.pos);
    const startLine = this.line;
    const startColumn = this.pos - this.lineStart + 1;
    let value: unknown;
    switch (c) {
      case Ch.OpenBrace: value = this.parseObject(id); break;
      case Ch.OpenBracket: value = this.parseArray(id); break;
      case Ch.Quote: value = this.parseString(id); break;
      case 0x74: value = this.parseLiteral('true', true, id); break;
      case 0x66: value = this.parseLiteral('false', false, id); break;
      case 0x6e: value = this.parseLiteral('null', null, id); break;
      default:
        if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) value = this.parseNumber(id);
        else this.unexpectedValue(id);
    }
    this.locations.close(id, startLine, startColumn, this.line, this.pos - this.lineStart + 1, keyLine, keyStart, keyEnd);
    return value;
  }

  private unexpectedValue(id: number): never {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (Number.isNaN(c)) this.fail('Unexpected end of input: expected a JSON value', id);
    if (c === Ch.SingleQuote) this.fail('Strings must use double quotes (") in JSON', id, this.pos + 1);
    if (c === Ch.Plus || c === Ch.Dot) this.fail('Invalid number: JSON numbers start with a digit or "-"', id, this.pos + 1);
    if (c === Ch.CloseBrace || c === Ch.CloseBracket || c === Ch.Comma || c === Ch.Colon) {
      this.fail(`Expected a JSON value but found '${text[this.pos]}'`, id, this.pos + 1);
    }
    const word = this.wordEnd();
    if (word > this.pos) {
      const token = text.slice(this.pos, word);
      this.fail(`Unexpected token '${token}': expected a JSON value (an object, array, string, number, true, false or null)`, id, word);
    }
    const end = this.charEnd();
    this.fail(`Unexpected character '${text.slice(this.pos, end)}': expected a JSON value`, id, end);
  }

  /** End of an identifier-like run at pos, to quote words like NaN or undefined in messages. */
  private wordEnd(): number {
    let i = this.pos;
    for (;;) {
      const c = this.text.charCodeAt(i);
      const isWord = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= Ch.Zero && c <= Ch.Nine) || c === 0x5f || c === 0x24;
      if (!isWord || i - this.pos >= 40) return i;
      i++;
    }
  }

  private parseLiteral<T>(word: string, value: T, id: number): T {
    if (this.text.startsWith(word, this.pos)) {
      const after = this.text.charCodeAt(this.pos + word.length);
      const glued = (after >= 0x61 && after <= 0x7a) || (after >= 0x41 && after <= 0x5a) || (after >= Ch.Zero && after <= Ch.Nine);
      if (!glued) {
        this.pos += word.length;
        return value;
      }
    }
    return this.unexpectedValue(id);
  }

  private parseNumber(id: number): number {
    const text = this.text;
    const start = this.pos;
    let c = text.charCodeAt(this.pos);
    if (c === Ch.Minus) c = text.charCodeAt(++this.pos);
    if (c === Ch.Zero) {
      c = text.charCodeAt(++this.pos);
      if (c >= Ch.Zero && c <= Ch.Nine) this.fail('Leading zeros are not allowed in JSON numbers', id, this.pos + 1, start);
    } else if (c >= Ch.Zero && c <= Ch.Nine) {
      do c = text.charCodeAt(++this.pos); while (c >= Ch.Zero && c <= Ch.Nine);
    } else {
      this.fail('Invalid number: expected a digit after "-"', id, this.pos === text.length ? this.pos : this.charEnd(), start);
    }
    if (c === Ch.Dot) {
      c = text.charCodeAt(++this.pos);
      if (!(c >= Ch.Zero && c <= Ch.Nine)) this.fail('Invalid number: expected a digit after the decimal point', id, this.pos, start);
      do c = text.charCodeAt(++this.pos); while (c >= Ch.Zero && c <= Ch.Nine);
    }
    if (c === Ch.LowerE || c === Ch.UpperE) {
      c = text.charCodeAt(++this.pos);
      if (c === Ch.Plus || c === Ch.Minus) c = text.charCodeAt(++this.pos);
      if (!(c >= Ch.Zero && c <= Ch.Nine)) this.fail('Invalid number: expected a digit in the exponent', id, this.pos, start);
      do c = text.charCodeAt(++this.pos); while (c >= Ch.Zero && c <= Ch.Nine);
    }
    return Number(text.slice(start, this.pos));
  }

  /** Parses a string at pos (which holds the opening quote). */
  private parseString(id: number): string {
    const text = this.text;
    const open = this.pos;
    let pos = open + 1;
    let chunkStart = pos;
    let out = '';
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === Ch.Quote) {
        this.pos = pos + 1;
        return chunkStart === open + 1 ? text.slice(chunkStart, pos) : out + text.slice(chunkStart, pos);
      }
      if (c === Ch.Backslash) {
        out += text.slice(chunkStart, pos);
        this.pos = pos;
        out += this.parseEscape(id);
        pos = chunkStart = this.pos;
      } else if (c >= Ch.Space) {
        pos++;
      } else {
        this.pos = pos;
        if (Number.isNaN(c) || c === Ch.LineFeed || c === Ch.CarriageReturn) {
          this.fail('Unterminated string: add the closing quote (a line break inside a string must be written \\n)', id, pos, open);
        }
        const hex = c.toString(16).toUpperCase().padStart(4, '0');
        this.fail(`Control character U+${hex} is not allowed in a string; escape it (e.g. \\t, \\u${hex})`, id, pos + 1);
      }
    }
  }

  /** Parses one escape at pos (the backslash) and returns the character it stands for. */
  private parseEscape(id: number): string {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start + 1);
    const simple = ESCAPES[c];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    if (c === 0x75) {
      let code = 0;
      for (let i = 2; i < 6; i++) {
        const h = text.charCodeAt(start + i);
        const digit = h >= 0x30 && h <= 0x39 ? h - 0x30 : h >= 0x61 && h <= 0x66 ? h - 0x57 : h >= 0x41 && h <= 0x46 ? h - 0x37 : -1;
        if (digit < 0) this.fail('Invalid escape sequence: \\u must be followed by 4 hex digits', id, start + i, start);
        code = code * 16 + digit;
      }
      this.pos += 6;
      // Lone surrogates are kept, exactly as JSON.parse keeps them.
      return String.fromCharCode(code);
    }
    if (Number.isNaN(c)) this.fail('Unterminated string: input ends after a backslash', id, start + 1, start);
    const shown = c < Ch.Space ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : text[start + 1];
    this.fail(`Invalid escape sequence '\\${shown}': valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`, id, start + 2, start);
  }

  private enter(id: number): void {
    if (++this.depth > MAX_NESTING_DEPTH) this.fail(`Nesting deeper than ${MAX_NESTING_DEPTH} levels is not supported`, id, this.pos + 1);
  }

  private parseArray(id: number): unknown[] {
    this.enter(id);
    const text = this.text;
    const out: unknown[] = [];
    this.pos++;
    this.skipWhitespace(id);
    if (text.charCodeAt(this.pos) === Ch.CloseBracket) {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      if (this.pos >= text.length) this.fail("Unexpected end of input: expected an array element or ']'", id);
      out.push(this.parseValue(id, out.length));
      this.skipWhitespace(id);
      const c = text.charCodeAt(this.pos);
      if (c === Ch.CloseBracket) {
        this.pos++;
        this.depth--;
        return out;
      }
      if (c !== Ch.Comma) this.expectedAfter("Expected ',' or ']' after array element", id);
      this.checkTrailingComma(Ch.CloseBracket, id);
    }
  }

  private parseObject(id: number): Record<string, unknown> {
    this.enter(id);
    const text = this.text;
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace(id);
    if (text.charCodeAt(this.pos) === Ch.CloseBrace) {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c !== Ch.Quote) this.badPropertyName(id);
      const keyLine = this.line;
      const keyStart = this.pos - this.lineStart + 1;
      const key = this.parseString(id);
      const keyEnd = this.pos - this.lineStart + 1;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        this.reportDuplicate(key, id, { start: { line: keyLine, column: keyStart }, end: { line: keyLine, column: keyEnd } });
      }
      this.skipWhitespace(id);
      if (text.charCodeAt(this.pos) !== Ch.Colon) this.expectedAfter("Expected ':' after property name", id);
      this.pos++;
      this.skipWhitespace(id);
      if (this.pos >= text.length) this.fail('Unexpected end of input: expected a property value', id);
      const value = this.parseValue(id, key, keyLine, keyStart, keyEnd);
      // `__proto__` must become an own property, as JSON.parse makes it, not the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      this.skipWhitespace(id);
      const next = text.charCodeAt(this.pos);
      if (next === Ch.CloseBrace) {
        this.pos++;
        this.depth--;
        return out;
      }
      if (next !== Ch.Comma) this.expectedAfter("Expected ',' or '}' after property value", id);
      this.checkTrailingComma(Ch.CloseBrace, id);
    }
  }

  /**
   * Flow JSON forbids ambiguous documents: with two members of the same name, JSON.parse keeps the
   * last one silently while other tools keep the first, so a duplicate is an error, not a warning.
   * Parsing goes on with the later value winning (as JSON.parse does) to report later problems too.
   */
  private reportDuplicate(key: string, object: number, keyRange: Range): void {
    this.diagnostics.push({
      code: DUPLICATE_KEY, severity: 'error', pointer: `${this.locations.pointerOf(object)}/${escapeToken(key)}`, range: keyRange,
      message: `Duplicate property "${key}": a property may appear only once in an object (the later value wins)`,
    });
    // The earlier value's descendants no longer exist in the document.
    this.locations.replaceMember(object, key);
  }

  private badPropertyName(id: number): never {
    const c = this.text.charCodeAt(this.pos);
    if (Number.isNaN(c)) this.fail("Unexpected end of input: expected a property name or '}'", id);
    if (c === Ch.SingleQuote) this.fail('Property names must use double quotes (") in JSON', id, this.pos + 1);
    const word = this.wordEnd();
    if (word > this.pos) this.fail(`Property names must be double-quoted strings: write "${this.text.slice(this.pos, word)}"`, id, word);
    const end = this.charEnd();
    this.fail(`Expected a double-quoted property name but found '${this.text.slice(this.pos, end)}'`, id, end);
  }

  private expectedAfter(message: string, id: number): never {
    if (this.pos >= this.text.length) this.fail(`Unexpected end of input: ${message[0]?.toLowerCase()}${message.slice(1)}`, id);
    this.fail(message, id, this.charEnd());
  }

  /** At a comma: consume it and reject `,]` / `,}` with the comma as the range. */
  private checkTrailingComma(close: number, id: number): void {
    const comma = this.pos;
    const commaLine = this.line;
    const commaLineStart = this.lineStart;
    this.pos++;
    this.skipWhitespace(id);
    if (this.text.charCodeAt(this.pos) === close) {
      const start = { line: commaLine, column: comma - commaLineStart + 1 };
      this.diagnostics.push({
        code: JSON_SYNTAX_ERROR, severity: 'error', pointer: this.locations.pointerOf(id),
        message: 'Trailing comma is not allowed in JSON; remove it',
        range: { start, end: { line: commaLine, column: start.column + 1 } },
      });
      throw STOP;
    }
  }
}

/** Parses JSON text with source positions. Never throws: malformed text yields diagnostics. */
export function parseJson(text: string): ParsedJson {
  const parser = new Parser(text);
  try {
    const value = parser.parseDocument();
    return { value, locations: parser.locations, diagnostics: parser.diagnostics };
  } catch (err) {
    if (!(err instanceof SyntaxStop)) {
      // Only a stack overflow on a pathological input can get here; report it rather than crash.
      parser.diagnostics.push({
        code: JSON_SYNTAX_ERROR, severity: 'error', pointer: '',
        message: `The document could not be parsed: ${err instanceof Error ? err.message : String(err)}`,
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      });
    }
    return { value: undefined, locations: parser.locations, diagnostics: parser.diagnostics };
  }
}

/**
 * The best range for a pointer: the value itself when it exists, otherwise the nearest existing
 * ancestor (so "missing property" diagnostics point at the object that lacks it).
 */
export function locate(parsed: Pick<ParsedJson, 'locations'>, pointer: string): Range | undefined {
  let p = pointer;
  for (;;) {
    const found = parsed.locations.get(p);
    if (found) return found.value;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
