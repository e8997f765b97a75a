export type {
  ArithmeticOperator,
  AstNode,
  BinaryNode,
  BinaryOperator,
  ConcatNode,
  Dialect,
  DynamicParseResult,
  DynamicValue,
  EqualityOperator,
  Expr,
  GroupNode,
  LiteralNode,
  LogicalOperator,
  ParseProblem,
  ParseProblemCode,
  PathSegment,
  ReferenceNode,
  RelationalOperator,
  Scope,
  Span,
  ExprSyntaxError,
  TextPart,
  UnaryNode,
  UnaryOperator,
} from './ast.js';
export { GLOBAL_REFERENCES_SINCE, NESTED_EXPRESSIONS_SINCE, isDynamic, parseCondition, parseDynamic, walkExpr } from './parser.js';
export type { ParseOptions } from './parser.js';
export { collectReferences, formatReference, referenceNodes, toReference } from './references.js';
export type { Reference } from './references.js';
export type { ExprType } from './expr-type.js';
export { closestName, createTypeEnv, formatType, inferType, isAssignable } from './types.js';
export type {
  InferOptions,
  InferResult,
  Resolution,
  ResolutionFailure,
  ScopeTypes,
  TypeEnv,
  TypeEnvInput,
  TypeProblem,
  TypeProblemCode,
} from './types.js';
export { compile, evaluate, switchKey, toBoolean, toNumber, toText } from './evaluate.js';
export type { CompiledExpression, ScopeValues, ValueEnv } from './evaluate.js';
