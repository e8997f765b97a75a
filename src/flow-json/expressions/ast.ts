import type { FlowJsonVersion } from '../versions.js';

/**
 * Offsets are UTF-16 indices into the property's string value (after JSON unescaping), `end`
 * exclusive, so a diagnostic can underline the exact part of `"`${form.age} > 18`"` that is wrong.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Scope = 'data' | 'form';

/** One step of a reference path: a field name, or an array index written `[0]`. */
export interface PathSegment extends Span {
  readonly key: string | number;
}

/**
 * `${data.a.b}`, `${form.x}`, `${screen.SCREEN_ID.data.x}` (Flow JSON 4.0+). `path` starts after the
 * scope, so `${data.user.name}` has path ["user", "name"].
 */
export interface ReferenceNode extends Span {
  readonly kind: 'reference';
  readonly scope: Scope;
  /** Set for global references `${screen.<id>.(data|form)...}`. */
  readonly screen?: string;
  readonly screenSpan?: Span;
  readonly path: readonly PathSegment[];
}

export interface LiteralNode extends Span {
  readonly kind: 'literal';
  readonly value: string | number | boolean;
}

export type UnaryOperator = '!' | '-';

export interface UnaryNode extends Span {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: Expr;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type RelationalOperator = '<' | '<=' | '>' | '>=';
export type EqualityOperator = '==' | '!=';
export type LogicalOperator = '&&' | '||';
export type BinaryOperator = ArithmeticOperator | RelationalOperator | EqualityOperator | LogicalOperator;

export interface BinaryNode extends Span {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly operatorSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

/** Meta's string concatenation: operands written side by side, `'Hello ' ${form.name}`. */
export interface ConcatNode extends Span {
  readonly kind: 'concat';
  readonly parts: readonly Expr[];
}

/** Parentheses are kept so positions and "literal only" checks see what the author wrote. */
export interface GroupNode extends Span {
  readonly kind: 'group';
  readonly expression: Expr;
}

export type Expr = ReferenceNode | LiteralNode | UnaryNode | BinaryNode | ConcatNode | GroupNode;

/** A run of plain text inside a (not allowed) mix of text and `${...}`. */
export interface TextPart extends Span {
  readonly kind: 'text';
  readonly text: string;
}

/**
 * Which rules read an expression (src/flow-json/expressions/semantics.ts holds both):
 * - `nested`: a backtick nested expression (Flow JSON 6.0+), and the whole-value `${...}` reference.
 * - `if`: the bare condition of an If component (Flow JSON 4.0+), a smaller grammar of its own.
 */
export type Dialect = 'nested' | 'if';

/**
 * What a string property holds:
 * - `static`: plain text, no `${`.
 * - `expression` with form `reference`: exactly one `${...}`, standing for a typed value.
 * - `expression` with form `nested`: a backtick-wrapped nested expression (Flow JSON 6.0+).
 * - `expression` with form `condition`: an If `condition`, bare (dialect `if`) or in backticks
 *   (dialect `nested`, 6.0+).
 * - `template`: text mixed with `${...}` outside backticks. WhatsApp rejects it (a parse problem
 *   says so and suggests the nested form); it is still parsed so tools can explain and preview it.
 */
export type DynamicValue =
  | (Span & { readonly kind: 'static'; readonly text: string })
  | (Span & {
      readonly kind: 'expression';
      readonly form: 'reference' | 'nested' | 'condition';
      readonly dialect: Dialect;
      readonly expression: Expr;
    })
  | (Span & { readonly kind: 'template'; readonly parts: readonly (TextPart | ReferenceNode)[] });

export type AstNode = DynamicValue | Expr;

export interface ExprSyntaxError {
  readonly message: string;
  /** Where the problem is; `end` present when a whole token is at fault. */
  readonly offset: number;
  readonly end?: number;
  /** Set on the refusals a corrected value can be derived for (which `suggestion` then holds). */
  readonly code?: 'function-call' | 'comparison-needs-parentheses';
  /** A corrected property value, where one can be derived. */
  readonly suggestion?: string;
}

export type ParseProblemCode =
  /** A feature used in a version that lacks it; `since` says which version introduced it. */
  | 'requires-version'
  /** Static text and `${...}` together outside a nested expression. */
  | 'mixed-static-dynamic'
  /** `[0]` in a reference: parsed and evaluated, but not in Meta's documentation. */
  | 'undocumented-index-access'
  /** `*`: parsed and evaluated, but Meta's table of math operators lists only + - / %. */
  | 'undocumented-operator'
  /**
   * Documented, and evaluated as documented, but WhatsApp's web client does something else; the
   * message says what differs and `suggestion` (where there is one) is a form both agree on.
   */
  | 'not-portable';

/** A non-fatal finding: the text parses, but WhatsApp may refuse it. */
export interface ParseProblem extends Span {
  readonly code: ParseProblemCode;
  readonly message: string;
  readonly since?: FlowJsonVersion;
  /** A corrected property value, where one can be derived. */
  readonly suggestion?: string;
}

export type DynamicParseResult =
  | { readonly ok: true; readonly value: DynamicValue; readonly problems: readonly ParseProblem[] }
  | { readonly ok: false; readonly error: ExprSyntaxError };
