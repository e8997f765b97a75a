import type { BinaryNode, BinaryOperator, Dialect, Expr, ExprSyntaxError } from './ast.js';
import { tokenize } from './lexer.js';
import type { LexResult, Token } from './lexer.js';

// The two grammars of Flow JSON expressions, one recursive descent each over the same tokens.
//
// Nested expressions (backticks, Flow JSON 6.0+): the documented operators (Flow JSON reference,
// "Nested Expressions") with JavaScript's precedence, loosest first: || && equality comparison
// + - * / % unary. WhatsApp's client reads them as JavaScript expressions. Concatenation has no
// operator: "just add space between the expression members". Each space-separated part is a whole
// expression, so `'Adult: ' ${form.age} > 18` joins 'Adult: ' and the comparison, and `(` right
// after text, a reference, true/false or `)` is a function call, which WhatsApp refuses (both
// measured against WhatsApp's client). Parts are joined only at the top level: that client refuses
// them side by side inside parentheses.
//
// If conditions (bare, Flow JSON 4.0+): components reference, If, "Supported Operators": ( ) == !=
// && || ! > >= < <=. "&& ... has high priority, i.e. it will be evaluated before other operators"
// (and the digest, §5.4); `!` goes "before immediately boolean values or parentheses"; parentheses
// are how "one of the sides is a result of a number or string comparison". So `&&` binds tightest,
// the other binary operators share one level (WhatsApp's client reduces them right to left), and a
// comparison next to another operator must be in parentheses: `${a} > 18 && ${b}` reads as
// `${a} > (18 && ${b})`, which WhatsApp's validator refuses, and so do we.

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
/** The If grammar's operators below `&&`: one level, right to left. */
const CONDITION_LOOSE: readonly string[] = ['||', ...EQUALITY, ...RELATIONAL];

export const COMPARISONS: ReadonlySet<string> = new Set([...EQUALITY, ...RELATIONAL]);
export const LOGICAL: ReadonlySet<string> = new Set([...OR, ...AND]);

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

function stop(message: string, token: Token, code?: ExprSyntaxError['code']): never {
  throw new Failure({ message, offset: token.start, ...(token.end > token.start ? { end: token.end } : {}), ...(code ? { code } : {}) });
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

/** What WhatsApp's client would call, were `(` to follow it (its parser reads `x (...)` as a call). */
function callee(e: Expr): string | undefined {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? 'a text literal' : typeof e.value === 'boolean' ? `'${String(e.value)}'` : undefined;
    case 'reference':
      return 'a reference';
    case 'group':
      return "')'";
    default:
      return undefined;
  }
}

export interface GrammarOptions {
  /**
   * Nested dialect: read `x (...)` as juxtaposition instead of refusing it as a call. Only used to
   * derive a corrected value for the refusal's message.
   */
  readonly callsAsParts?: boolean;
}

class TokenParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly options: GrammarOptions = {},
  ) {}

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

  // ---- nested expressions ----

  /** The top level of a nested expression: one part, or parts written side by side. */
  parts(): Expr {
    const first = this.expression();
    if (!startsOperand(this.peek())) return first;
    const parts: Expr[] = [first];
    while (startsOperand(this.peek())) parts.push(this.expression());
    return { kind: 'concat', parts, start: first.start, end: (parts[parts.length - 1] as Expr).end };
  }

  expression(): Expr {
    return this.leftAssociative(OR, () => this.leftAssociative(AND, () => this.leftAssociative(EQUALITY, () =>
      this.leftAssociative(RELATIONAL, () => this.leftAssociative(ADDITIVE, () => this.leftAssociative(MULTIPLICATIVE, () => this.unary()))))));
  }

  private leftAssociative(ops: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    for (let t = this.peek(); isOperator(t, ops); t = this.peek()) {
      this.next();
      left = binary(left, t, operand());
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
    const e = this.operand(() => {
      const inner = this.expression();
      if (startsOperand(this.peek())) {
        stop('parts written side by side are joined only at the top level of a nested expression, and WhatsApp refuses them inside parentheses; remove the parentheses around them', this.peek());
      }
      return inner;
    });
    const what = callee(e);
    const t = this.peek();
    if (t.type === '(' && what !== undefined && this.options.callsAsParts !== true) {
      stop(
        `'(' right after ${what} is read by WhatsApp as a function call, which it refuses; drop these parentheses (each space-separated part is already a whole expression) or start the part with something else`,
        t,
        'function-call',
      );
    }
    return e;
  }

  // ---- If conditions ----

  condition(): Expr {
    const left = this.leftAssociative(AND, () => this.conditionUnary());
    const t = this.peek();
    if (!isOperator(t, CONDITION_LOOSE)) return left;
    this.next();
    this.enter(t);
    const right = this.condition();
    this.depth--;
    return binary(left, t, right);
  }

  private conditionUnary(): Expr {
    const t = this.peek();
    if (isOperator(t, NOT)) {
      this.next();
      this.enter(t);
      const operand = this.conditionUnary();
      this.depth--;
      return { kind: 'unary', operator: '!', operand, start: t.start, end: operand.end };
    }
    return this.operand(() => this.condition());
  }

  /** A literal, a reference or a parenthesised expression read by `inner`. */
  private operand(inner: () => Expr): Expr {
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
        const expression = inner();
        this.depth--;
        const close = this.next();
        if (close.type !== ')') stop(`expected ')' to close the '(' at offset ${t.start}, found ${describe(close)}`, close);
        return { kind: 'group', expression, start: t.start, end: close.end };
      }
      default:
        return stop(`expected a value, found ${describe(t)}`, t);
    }
  }
}

function run(tokens: readonly Token[], dialect: Dialect, options: GrammarOptions): LexResult<Expr> {
  const parser = new TokenParser(tokens, options);
  try {
    const result = dialect === 'if' ? parser.condition() : parser.parts();
    const rest = parser.peek();
    if (rest.type !== 'end') {
      if (rest.type === ')') stop("unmatched ')'", rest);
      if (dialect === 'if' && startsOperand(rest)) {
        stop(`an operator is missing before ${describe(rest)}: If conditions join values only with == != < <= > >= && || !`, rest);
      }
      stop(`unexpected ${describe(rest)} after the expression`, rest);
    }
    if (dialect === 'if') checkConditionShape(result);
    return { ok: true, value: result };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}

/** A comparison written next to another operator without parentheses, as WhatsApp's validator refuses it. */
export function badNeighbour(parent: BinaryNode, child: Expr): boolean {
  if (COMPARISONS.has(parent.operator)) return child.kind === 'binary' || (child.kind === 'unary' && child.operator === '!');
  if (LOGICAL.has(parent.operator)) return child.kind === 'binary' && COMPARISONS.has(child.operator);
  return false;
}

function checkConditionShape(e: Expr): void {
  switch (e.kind) {
    case 'group':
      checkConditionShape(e.expression);
      return;
    case 'unary':
      checkConditionShape(e.operand);
      return;
    case 'binary':
      for (const child of [e.left, e.right]) {
        if (!badNeighbour(e, child)) continue;
        const other = child.kind === 'binary' ? child.operator : '!';
        const comparison = COMPARISONS.has(e.operator) ? e.operator : other;
        const neighbour = comparison === e.operator ? other : e.operator;
        const tighter = neighbour === '&&' || other === '&&' ? " ('&&' binds tighter than any other operator in an If condition)" : '';
        throw new Failure({
          message: `'${comparison}' is combined with '${neighbour}' without parentheses${tighter}; WhatsApp refuses it: put each comparison in parentheses`,
          offset: e.operatorSpan.start,
          end: e.operatorSpan.end,
          code: 'comparison-needs-parentheses',
        });
      }
      checkConditionShape(e.left);
      checkConditionShape(e.right);
      return;
    default:
      return;
  }
}

/** Parses `source[start, end)` as one expression of the given dialect. */
export function parseExpression(source: string, start: number, end: number, dialect: Dialect, options: GrammarOptions = {}): LexResult<Expr> {
  if (source.slice(start, end).trim() === '') return { ok: false, error: { message: 'empty expression', offset: start, end } };
  const lexed = tokenize(source, start, end, dialect);
  if (!lexed.ok) return lexed;
  if (lexed.value.length > MAX_TOKENS) {
    return { ok: false, error: { message: `expression is too long (more than ${MAX_TOKENS} tokens)`, offset: start, end } };
  }
  return run(lexed.value, dialect, options);
}

/**
 * The tokens of a refused If condition read with the nested grammar's precedence (comparisons
 * before && before ||), or undefined when that does not parse either. Used to suggest a fix.
 */
export function parseConditionConventionally(source: string, start: number, end: number): Expr | undefined {
  const lexed = tokenize(source, start, end, 'if');
  if (!lexed.ok || lexed.value.length > MAX_TOKENS) return undefined;
  const parser = new TokenParser(lexed.value);
  try {
    const result = parser.expression();
    return parser.peek().type === 'end' ? result : undefined;
  } catch (e) {
    if (e instanceof Failure) return undefined;
    throw e;
  }
}
