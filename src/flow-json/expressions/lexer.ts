import type { Dialect, PathSegment, ReferenceNode, Scope, Span, ExprSyntaxError } from './ast.js';

export type OperatorToken =
  | '==' | '!=' | '<=' | '>=' | '<' | '>' | '&&' | '||' | '!' | '+' | '-' | '*' | '/' | '%';

export type Token =
  | (Span & { readonly type: 'number'; readonly value: number })
  | (Span & { readonly type: 'string'; readonly value: string })
  | (Span & { readonly type: 'boolean'; readonly value: boolean })
  | (Span & { readonly type: 'reference'; readonly node: ReferenceNode })
  | (Span & { readonly type: 'operator'; readonly value: OperatorToken })
  | (Span & { readonly type: '(' | ')' | 'end' });

export type LexResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ExprSyntaxError };

const fail = (message: string, offset: number, end?: number): { ok: false; error: ExprSyntaxError } => ({
  ok: false,
  error: end === undefined ? { message, offset } : { message, offset, end },
});

/** Whether a UTF-16 code unit is whitespace as the regular expression class `\s` defines it. */
function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** ASCII punctuation that ends a name: . [ ] { } $ ` ' " ( ) and backslash. */
const NAME_STOP = new Uint8Array(128);
for (const ch of '.[]{}$`\'"()\\') NAME_STOP[ch.charCodeAt(0)] = 1;

/** Characters a field or screen name may hold: Meta allows names such as "T&Cs", so be generous. */
function isNameCode(c: number): boolean {
  return c < 0x80 ? NAME_STOP[c] === 0 && !isSpaceCode(c) : !isSpaceCode(c);
}

function isNameChar(c: string): boolean {
  return isNameCode(c.charCodeAt(0));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function readName(source: string, at: number, end: number): number {
  let i = at;
  while (i < end && isNameCode(source.charCodeAt(i))) i++;
  return i;
}

/**
 * Reads one `${...}` reference starting at `at` (which must point at `$`). Stops at `end`.
 * Grammar: `${` ( `data` | `form` | `screen.<ID>.(data|form)` ) ( `.name` | `[digits]` )+ `}`.
 */
export function lexReference(source: string, at: number, end: number = source.length): LexResult<ReferenceNode> {
  if (source.startsWith('${', at) === false) return fail("expected '${'", at);
  let i = at + 2;
  const headEnd = readName(source, i, end);
  const head = source.slice(i, headEnd);
  if (head === '') {
    if (i >= end) return fail("unterminated '${': expected 'data', 'form' or 'screen' and a closing '}'", at, end);
    return fail(`expected 'data', 'form' or 'screen' after '\${', found '${source[i] as string}'`, i, i + 1);
  }
  let scope: Scope;
  let screen: string | undefined;
  let screenSpan: Span | undefined;
  if (head === 'data' || head === 'form') {
    scope = head;
    i = headEnd;
  } else if (head === 'screen') {
    i = headEnd;
    if (source[i] !== '.') return fail("expected '.' and a screen id after '${screen'", i, i + 1);
    i++;
    const idEnd = readName(source, i, end);
    if (idEnd === i) return fail('expected a screen id after "${screen."', i, i + 1);
    screen = source.slice(i, idEnd);
    screenSpan = { start: i, end: idEnd };
    i = idEnd;
    if (source[i] !== '.') return fail(`expected '.data' or '.form' after the screen id "${screen}"`, i, i + 1);
    i++;
    const scopeEnd = readName(source, i, end);
    const word = source.slice(i, scopeEnd);
    if (word !== 'data' && word !== 'form') {
      return fail(`expected 'data' or 'form' after "\${screen.${screen}.", found '${word || (source[i] ?? '')}'`, i, Math.max(scopeEnd, i + 1));
    }
    scope = word;
    i = scopeEnd;
  } else {
    return fail(`unknown reference root '${head}': expected 'data', 'form' or 'screen'`, i, headEnd);
  }

  const path: PathSegment[] = [];
  for (;;) {
    const c = source[i];
    if (i >= end || c === undefined) return fail("unterminated '${': missing '}'", at, end);
    if (c === '}') break;
    if (c === '.') {
      const nameEnd = readName(source, i + 1, end);
      if (nameEnd === i + 1) return fail("expected a field name after '.'", i + 1, i + 2);
      path.push({ key: source.slice(i + 1, nameEnd), start: i + 1, end: nameEnd });
      i = nameEnd;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      while (j < end && isDigit(source[j])) j++;
      if (j === i + 1 || source[j] !== ']') return fail("expected an array index such as '[0]'", i, Math.min(j + 1, end));
      path.push({ key: Number(source.slice(i + 1, j)), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (isSpaceCode(c.charCodeAt(0))) return fail("spaces are not allowed inside '${...}'", i, i + 1);
    return fail(`unexpected '${c}' in reference`, i, i + 1);
  }
  if (path.length === 0) {
    return fail(`expected a field after '${scope}', e.g. \${${screen === undefined ? '' : `screen.${screen}.`}${scope}.field_name}`, i, i + 1);
  }
  const node: ReferenceNode = {
    kind: 'reference',
    scope,
    ...(screen === undefined ? {} : { screen, screenSpan }),
    path,
    start: at,
    end: i + 1,
  };
  return { ok: true, value: node };
}

/** Reads a single-quoted string at `at`. Escapes: \' \\ and \` (Meta's way to put a backtick in text). */
function lexString(source: string, at: number, end: number): LexResult<Token> {
  let i = at + 1;
  let text = '';
  while (i < end) {
    const c = source[i] as string;
    if (c === "'") return { ok: true, value: { type: 'string', value: text, start: at, end: i + 1 } };
    if (c === '\\') {
      const next = source[i + 1];
      if (next === "'" || next === '\\' || next === '`') {
        text += next;
        i += 2;
        continue;
      }
    }
    if (c === '`') return fail('a backtick inside text must be escaped with a backslash: \\`', i, i + 1);
    text += c;
    i++;
  }
  return fail("unterminated string: missing closing '", at, end);
}

const TWO_CHAR = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR = new Set(['<', '>', '!', '+', '-', '*', '/', '%']);

/** The If condition grammar has no math (components reference, If, "Supported Operators"). */
const NOT_IN_CONDITIONS = new Set(['+', '*', '/', '%']);

/**
 * An If condition's number literal (Flow JSON 4.0+): whole digits with an optional leading '-'.
 * WhatsApp's validator refuses a decimal point, a leading zero and a lone '-' (the digest, §5.3
 * "Parser errors"; WhatsApp's client validator), and its evaluator reads only whole numbers.
 */
function lexConditionNumber(source: string, at: number, end: number): LexResult<Token> {
  let j = source[at] === '-' ? at + 1 : at;
  if (!isDigit(source[j])) return fail('a number is expected right after the negative sign, e.g. -5', at, at + 1);
  const digits = j;
  while (j < end && isDigit(source[j])) j++;
  if (source[digits] === '0' && (j - digits > 1 || source[at] === '-')) {
    return fail(`numbers in an If condition cannot start with 0; write ${String(Number(source.slice(at, j)))}`, at, j);
  }
  if (source[j] === '.') {
    let k = j + 1;
    while (k < end && isDigit(source[k])) k++;
    return fail(
      `decimal numbers cannot be written in an If condition (WhatsApp compares numbers in conditions as whole numbers); write a whole number such as ${source.slice(at, j)}, or use a nested expression in backticks (Flow JSON 6.0+)`,
      at,
      k,
    );
  }
  if (j < end && /[A-Za-z_]/.test(source[j] as string)) return fail(`unexpected '${source[j] as string}' after a number`, j, j + 1);
  return { ok: true, value: { type: 'number', value: Number(source.slice(at, j)), start: at, end: j } };
}

/**
 * Splits `source[start, end)` into tokens; always ends with an `end` token. The `if` dialect (bare
 * If conditions) reads numbers and math operators as that grammar does.
 */
export function tokenize(source: string, start = 0, end: number = source.length, dialect: Dialect = 'nested'): LexResult<Token[]> {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    if (isSpaceCode(source.charCodeAt(i))) {
      i++;
      continue;
    }
    const c = source[i] as string;
    if (dialect === 'if' && (isDigit(c) || c === '-')) {
      const num = lexConditionNumber(source, i, end);
      if (!num.ok) return num;
      tokens.push(num.value);
      i = num.value.end;
      continue;
    }
    if (dialect === 'if' && NOT_IN_CONDITIONS.has(c)) {
      return fail(
        `'${c}' is not an If condition operator (those are == != < <= > >= && || ! and parentheses); to compute values, write the condition as a nested expression in backticks (Flow JSON 6.0+)`,
        i,
        i + 1,
      );
    }
    if (c === '$') {
      if (source[i + 1] !== '{') return fail("'$' must start a reference such as ${data.x}", i, i + 1);
      const ref = lexReference(source, i, end);
      if (!ref.ok) return ref;
      tokens.push({ type: 'reference', node: ref.value, start: ref.value.start, end: ref.value.end });
      i = ref.value.end;
      continue;
    }
    if (c === "'") {
      const str = lexString(source, i, end);
      if (!str.ok) return str;
      tokens.push(str.value);
      i = str.value.end;
      continue;
    }
    if (isDigit(c)) {
      let j = i;
      while (j < end && isDigit(source[j])) j++;
      if (source[j] === '.') {
        if (!isDigit(source[j + 1])) return fail('expected a digit after the decimal point', j, j + 1);
        j++;
        while (j < end && isDigit(source[j])) j++;
      }
      if (j < end && isNameChar(source[j] as string) && /[A-Za-z_]/.test(source[j] as string)) {
        return fail(`unexpected '${source[j] as string}' after a number`, j, j + 1);
      }
      tokens.push({ type: 'number', value: Number(source.slice(i, j)), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ type: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (i + 1 < end && TWO_CHAR.has(two)) {
      tokens.push({ type: 'operator', value: two as OperatorToken, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (ONE_CHAR.has(c)) {
      tokens.push({ type: 'operator', value: c as OperatorToken, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '=') return fail("use '==' to compare values", i, i + 1);
    if (c === '&') return fail("use '&&' for a logical AND", i, i + 1);
    if (c === '|') return fail("use '||' for a logical OR", i, i + 1);
    if (c === '"') return fail("text is written in single quotes, e.g. 'London'", i, i + 1);
    if (c === '`') return fail('unexpected backtick: a nested expression is wrapped in one pair of backticks', i, i + 1);
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < end && /[A-Za-z0-9_]/.test(source[j] as string)) j++;
      const word = source.slice(i, j);
      if (word === 'true' || word === 'false') {
        tokens.push({ type: 'boolean', value: word === 'true', start: i, end: j });
        i = j;
        continue;
      }
      if (word === 'data' || word === 'form' || word === 'screen') {
        return fail(`references are written inside '\${...}', e.g. \${${word}.field_name}`, i, j);
      }
      if (word === 'null') return fail('null is not supported in Flow JSON expressions', i, j);
      return fail(`unexpected '${word}': text must be in single quotes, e.g. '${word}'`, i, j);
    }
    return fail(`unexpected character '${c}'`, i, i + 1);
  }
  tokens.push({ type: 'end', start: end, end });
  return { ok: true, value: tokens };
}
