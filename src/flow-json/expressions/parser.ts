import { compareVersions } from '../versions.js';
import type { FlowJsonVersion } from '../versions.js';
import type {
  BinaryOperator,
  DynamicParseResult,
  DynamicValue,
  Expr,
  ParseProblem,
  ReferenceNode,
  ExprSyntaxError,
  TextPart,
} from './ast.js';
import { lexReference, tokenize } from './lexer.js';
import type { LexResult, Token } from './lexer.js';

export interface ParseOptions {
  /** The flow's `version`; when given, features newer than it are reported as problems. */
  readonly version?: FlowJsonVersion;
}

/**
 * Versions that introduced each feature (developers.facebook.com/documentation/business-messaging/
 * whatsapp/flows/reference/flowjson): "Global dynamic and form properties — Supported starting with
 * Flow JSON version 4.0"; "Nested Expressions — Supported starting with Flow JSON version 6.0".
 */
export const GLOBAL_REFERENCES_SINCE: FlowJsonVersion = '4.0';
export const NESTED_EXPRESSIONS_SINCE: FlowJsonVersion = '6.0';

/** Guards the recursive descent against stack exhaustion on hostile input such as 10,000 '('. */
const MAX_DEPTH = 200;
/** Bounds the tree depth (a chain `1+1+...` nests one level per operator) for every later walk. */
const MAX_TOKENS = 1000;

class Failure {
  constructor(readonly error: ExprSyntaxError) {}
}

const OR: readonly string[] = ['||'];
const AND: readonly string[] = ['&&'];
const EQUALITY: readonly string[] = ['==', '!='];
const RELATIONAL: readonly string[] = ['<', '<=', '>', '>='];
const ADDITIVE: readonly string[] = ['+', '-'];
const MULTIPLICATIVE: readonly string[] = ['*', '/', '%'];
const PREFIX: readonly string[] = ['!', '-'];
const NOT: readonly string[] = ['!'];

function isOperator(t: Token, ops: readonly string[]): t is Token & { type: 'operator' } {
  return t.type === 'operator' && ops.includes(t.value);
}

function describe(t: Token): string {
  switch (t.type) {
    case 'end':
      return 'the end of the expression';
    case 'operator':
      return `'${t.value}'`;
    case 'number':
    case 'boolean':
      return `'${String(t.value)}'`;
    case 'string':
      return 'a text literal';
    case 'reference':
      return 'a reference';
    default:
      return `'${t.type}'`;
  }
}

function stop(message: string, token: Token): never {
  throw new Failure({ message, offset: token.start, ...(token.end > token.start ? { end: token.end } : {}) });
}

function binary(left: Expr, op: Token & { type: 'operator' }, right: Expr): Expr {
  return {
    kind: 'binary',
    operator: op.value as BinaryOperator,
    operatorSpan: { start: op.start, end: op.end },
    left,
    right,
    start: left.start,
    end: right.end,
  };
}

function startsOperand(t: Token): boolean {
  return t.type === 'number' || t.type === 'string' || t.type === 'boolean' || t.type === 'reference' || t.type === '(' || isOperator(t, NOT);
}

/**
 * Recursive descent over the token list, one method per precedence level (loosest first: ||, &&,
 * equality, relational, concatenation, additive, multiplicative, unary). Failures unwind with a
 * private sentinel, caught in parseTokens.
 */
class TokenParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.pos] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'end') this.pos++;
    return t;
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) stop('expression is nested too deeply', t);
  }

  expression(): Expr {
    let left = this.and();
    for (let t = this.peek(); isOperator(t, OR); t = this.peek()) {
      this.next();
      left = binary(left, t, this.and());
    }
    return left;
  }

  private and(): Expr {
    let left = this.equality();
    for (let t = this.peek(); isOperator(t, AND); t = this.peek()) {
      this.next();
      left = binary(left, t, this.equality());
    }
    return left;
  }

  private equality(): Expr {
    let left = this.relational();
    for (let t = this.peek(); isOperator(t, EQUALITY); t = this.peek()) {
      this.next();
      left = binary(left, t, this.relational());
    }
    return left;
  }

  private relational(): Expr {
    let left = this.concat();
    for (let t = this.peek(); isOperator(t, RELATIONAL); t = this.peek()) {
      this.next();
      left = binary(left, t, this.concat());
    }
    return left;
  }

  // Meta's concatenation has no operator: members are written side by side. It binds looser than
  // math, so `'Total: ' ${data.a} / ${data.b}` is the text followed by the quotient.
  private concat(): Expr {
    const first = this.additive();
    if (!startsOperand(this.peek())) return first;
    const parts: Expr[] = [first];
    while (startsOperand(this.peek())) parts.push(this.additive());
    return { kind: 'concat', parts, start: first.start, end: (parts[parts.length - 1] as Expr).end };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.peek(); isOperator(t, ADDITIVE); t = this.peek()) {
      this.next();
      left = binary(left, t, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let t = this.peek(); isOperator(t, MULTIPLICATIVE); t = this.peek()) {
      this.next();
      left = binary(left, t, this.unary());
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (isOperator(t, PREFIX)) {
      this.next();
      this.enter(t);
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', operator: t.value as '!' | '-', operand, start: t.start, end: operand.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number':
      case 'string':
      case 'boolean':
        return { kind: 'literal', value: t.value, start: t.start, end: t.end };
      case 'reference':
        return t.node;
      case '(': {
        this.enter(t);
        const inner = this.expression();
        this.depth--;
        const close = this.next();
        if (close.type !== ')') stop(`expected ')' to close the '(' at offset ${t.start}, found ${describe(close)}`, close);
        return { kind: 'group', expression: inner, start: t.start, end: close.end };
      }
      default:
        return stop(`expected a value, found ${describe(t)}`, t);
    }
  }
}

function parseTokens(tokens: readonly Token[]): LexResult<Expr> {
  const parser = new TokenParser(tokens);
  try {
    const result = parser.expression();
    const rest = parser.peek();
    if (rest.type !== 'end') {
      stop(rest.type === ')' ? "unmatched ')'" : `unexpected ${describe(rest)} after the expression`, rest);
    }
    return { ok: true, value: result };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Parses `source[start, end)` as one expression. */
function parseExpression(source: string, start: number, end: number): LexResult<Expr> {
  if (source.slice(start, end).trim() === '') return { ok: false, error: { message: 'empty expression', offset: start, end } };
  const lexed = tokenize(source, start, end);
  if (!lexed.ok) return lexed;
  if (lexed.value.length > MAX_TOKENS) {
    return { ok: false, error: { message: `expression is too long (more than ${MAX_TOKENS} tokens)`, offset: start, end } };
  }
  return parseTokens(lexed.value);
}

function isBacktickWrapped(source: string): boolean {
  return source.length >= 2 && source.startsWith('`') && source.endsWith('`');
}

/** True when the value is not plain static text: it holds `${` or is a backtick nested expression. */
export function isDynamic(source: string): boolean {
  return source.includes('${') || isBacktickWrapped(source);
}

function before(version: FlowJsonVersion | undefined, since: FlowJsonVersion): boolean {
  return version !== undefined && compareVersions(version, since) < 0;
}

/** Visits every expression node, parents first. */
export function walkExpr(node: Expr, visit: (node: Expr) => void): void {
  visit(node);
  switch (node.kind) {
    case 'unary':
      walkExpr(node.operand, visit);
      break;
    case 'binary':
      walkExpr(node.left, visit);
      walkExpr(node.right, visit);
      break;
    case 'concat':
      for (const part of node.parts) walkExpr(part, visit);
      break;
    case 'group':
      walkExpr(node.expression, visit);
      break;
    default:
      break;
  }
}

function referenceProblems(ref: ReferenceNode, version: FlowJsonVersion | undefined, out: ParseProblem[]): void {
  if (ref.screen !== undefined && before(version, GLOBAL_REFERENCES_SINCE)) {
    out.push({
      code: 'requires-version',
      since: GLOBAL_REFERENCES_SINCE,
      message: `global references such as \${screen.${ref.screen}.${ref.scope}...} need Flow JSON ${GLOBAL_REFERENCES_SINCE} or later (this flow is ${String(version)}); pass the value through the navigate payload instead`,
      start: ref.start,
      end: ref.end,
    });
  }
  for (const segment of ref.path) {
    if (typeof segment.key === 'number') {
      out.push({
        code: 'undocumented-index-access',
        message: `array index access '[${segment.key}]' is not in Meta's Flow JSON documentation; WhatsApp may reject it`,
        start: segment.start,
        end: segment.end,
      });
    }
  }
}

/** Problems found inside an expression: version gates and undocumented syntax. */
function expressionProblems(expr: Expr, version: FlowJsonVersion | undefined, gateMath: boolean, out: ParseProblem[]): void {
  walkExpr(expr, (node) => {
    if (node.kind === 'reference') referenceProblems(node, version, out);
    if (node.kind === 'binary' && node.operator === '*') {
      out.push({
        code: 'undocumented-operator',
        message: "'*' is not among the math operators Meta documents (+ - / %); WhatsApp may reject it",
        start: node.operatorSpan.start,
        end: node.operatorSpan.end,
      });
    }
    if (gateMath && before(version, NESTED_EXPRESSIONS_SINCE)) {
      const isMath = node.kind === 'binary' && ['+', '-', '*', '/', '%'].includes(node.operator);
      if (isMath || node.kind === 'concat') {
        out.push({
          code: 'requires-version',
          since: NESTED_EXPRESSIONS_SINCE,
          message: `${isMath ? 'math operations' : 'string concatenation'} in conditions need Flow JSON ${NESTED_EXPRESSIONS_SINCE} or later (this flow is ${String(version)})`,
          start: node.start,
          end: node.end,
        });
      }
    }
  });
}

function quoteText(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/`/g, '\\`')}'`;
}

function parseTemplate(source: string, version: FlowJsonVersion | undefined): DynamicParseResult {
  const parts: (TextPart | ReferenceNode)[] = [];
  const problems: ParseProblem[] = [];
  let i = 0;
  while (i < source.length) {
    const at = source.indexOf('${', i);
    const textEnd = at === -1 ? source.length : at;
    if (textEnd > i) parts.push({ kind: 'text', text: source.slice(i, textEnd), start: i, end: textEnd });
    if (at === -1) break;
    const ref = lexReference(source, at);
    if (!ref.ok) return ref;
    referenceProblems(ref.value, version, problems);
    parts.push(ref.value);
    i = ref.value.end;
  }
  const suggestion = `\`${parts.map((p) => (p.kind === 'text' ? quoteText(p.text) : source.slice(p.start, p.end))).join(' ')}\``;
  problems.unshift({
    code: 'mixed-static-dynamic',
    message: before(version, NESTED_EXPRESSIONS_SINCE)
      ? `static text and \${...} cannot be mixed in one property; pass the whole text as one \${data...} value, or use Flow JSON ${NESTED_EXPRESSIONS_SINCE}+ nested expressions`
      : 'static text and ${...} cannot be mixed in one property; wrap it as a nested expression',
    start: 0,
    end: source.length,
    ...(before(version, NESTED_EXPRESSIONS_SINCE) ? { since: NESTED_EXPRESSIONS_SINCE } : {}),
    suggestion,
  });
  return { ok: true, value: { kind: 'template', parts, start: 0, end: source.length }, problems };
}

function parseNested(
  source: string,
  form: 'nested' | 'condition',
  version: FlowJsonVersion | undefined,
): DynamicParseResult {
  const parsed = parseExpression(source, 1, source.length - 1);
  if (!parsed.ok) {
    return parsed.error.message === 'empty expression'
      ? { ok: false, error: { message: 'empty nested expression: put an expression between the backticks', offset: 0, end: source.length } }
      : parsed;
  }
  const problems: ParseProblem[] = [];
  if (before(version, NESTED_EXPRESSIONS_SINCE)) {
    problems.push({
      code: 'requires-version',
      since: NESTED_EXPRESSIONS_SINCE,
      message: `nested expressions (\`...\`) need Flow JSON ${NESTED_EXPRESSIONS_SINCE} or later (this flow is ${String(version)})`,
      start: 0,
      end: source.length,
    });
  }
  expressionProblems(parsed.value, version, false, problems);
  const value: DynamicValue = { kind: 'expression', form, expression: parsed.value, start: 0, end: source.length };
  return { ok: true, value, problems };
}

/**
 * Parses a string property value: static text, one `${...}` reference, or a backtick nested
 * expression. Never throws; syntax errors come back as `{ ok: false, error }`.
 */
export function parseDynamic(source: string, options: ParseOptions = {}): DynamicParseResult {
  const { version } = options;
  if (isBacktickWrapped(source)) {
    const nested = parseNested(source, 'nested', version);
    // Before 6.0 backticks meant nothing: text such as "`npm install`" is plain text there, so only
    // a value that really parses as an expression is reported as needing 6.0.
    if (nested.ok || !before(version, NESTED_EXPRESSIONS_SINCE)) return nested;
  }
  if (!source.includes('${')) {
    return { ok: true, value: { kind: 'static', text: source, start: 0, end: source.length }, problems: [] };
  }
  if (source.startsWith('${')) {
    const ref = lexReference(source, 0);
    if (!ref.ok) return ref;
    if (ref.value.end === source.length) {
      const problems: ParseProblem[] = [];
      referenceProblems(ref.value, version, problems);
      return { ok: true, value: { kind: 'expression', form: 'reference', expression: ref.value, start: 0, end: source.length }, problems };
    }
  }
  return parseTemplate(source, version);
}

/**
 * Parses an If component's `condition`: a bare boolean expression such as
 * `${form.age} > 18 && ${data.is_member}` (components reference, "If"). A backtick-wrapped
 * condition is read as a nested expression (6.0+).
 */
export function parseCondition(source: string, options: ParseOptions = {}): DynamicParseResult {
  const { version } = options;
  if (isBacktickWrapped(source)) return parseNested(source, 'condition', version);
  const parsed = parseExpression(source, 0, source.length);
  if (!parsed.ok) {
    return parsed.error.message === 'empty expression'
      ? { ok: false, error: { message: 'empty condition: write a boolean expression such as ${form.age} > 18', offset: 0, end: source.length } }
      : parsed;
  }
  const problems: ParseProblem[] = [];
  expressionProblems(parsed.value, version, true, problems);
  return { ok: true, value: { kind: 'expression', form: 'condition', expression: parsed.value, start: 0, end: source.length }, problems };
}
