import type { AstNode, BinaryNode, Dialect, Expr, ReferenceNode } from './ast.js';
import {
  arithmetic,
  conditionAnd,
  conditionCompare,
  conditionEquals,
  conditionHolds,
  conditionNot,
  conditionOr,
  joinPart,
  negate,
  nestedCompare,
  nestedEquals,
  nestedTruthy,
} from './semantics.js';

export interface ScopeValues {
  readonly data?: Readonly<Record<string, unknown>>;
  readonly form?: Readonly<Record<string, unknown>>;
}

export interface ValueEnv {
  readonly data: Readonly<Record<string, unknown>>;
  readonly form: Readonly<Record<string, unknown>>;
  /** Every visited screen's data and form by id, for `${screen.<ID>...}`. */
  readonly screens?: Readonly<Record<string, ScopeValues>>;
}

/** A parsed value compiled once into a function; call it on every render. */
export type CompiledExpression = (env: ValueEnv) => unknown;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** One step into a value; anything missing or of the wrong kind yields undefined, never a throw. */
function step(value: unknown, key: string | number): unknown {
  if (typeof key === 'number') return Array.isArray(value) ? value[key] : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Numbers, and text that spells one (TextInput values may arrive as text); otherwise undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * How the runtime reads a boolean property such as `enabled` given a value of another type:
 * missing, false, 0, '', 'false' and [] are false. Expressions do not use it: semantics.ts decides
 * what their operators and If conditions read as true.
 */
export function toBoolean(v: unknown): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0 && !Number.isNaN(v);
    case 'string':
      return v !== '' && v !== 'false';
    case 'object':
      return v !== null && (!Array.isArray(v) || v.length > 0);
    default:
      return false;
  }
}

/**
 * How the runtime shows a value as text (labels, summaries, the mixed text WhatsApp refuses):
 * missing values, objects and arrays contribute nothing. Nested expressions join their parts with
 * semantics.ts's joinPart.
 */
export function toText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
      return String(v);
    default:
      return '';
  }
}

/** The `cases` key a Switch `value` selects: text as is, numbers and booleans spelled out. */
export function switchKey(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function compileReference(node: ReferenceNode): CompiledExpression {
  const { scope, screen } = node;
  const keys = node.path.map((s) => s.key);
  return (env) => {
    let value: unknown = screen === undefined ? step(env, scope) : step(step(step(env, 'screens'), screen), scope);
    for (const key of keys) {
      if (value === undefined) return undefined;
      value = step(value, key);
    }
    return value;
  };
}

/** Operators of nested expressions (6.0+); semantics.ts says what each does and why. */
function compileNestedBinary(node: BinaryNode): CompiledExpression {
  const l = compileExpr(node.left, 'nested');
  const r = compileExpr(node.right, 'nested');
  const op = node.operator;
  switch (op) {
    case '&&':
      return (env) => nestedTruthy(l(env)) && nestedTruthy(r(env));
    case '||':
      return (env) => nestedTruthy(l(env)) || nestedTruthy(r(env));
    case '==':
      return (env) => nestedEquals(l(env), r(env));
    case '!=':
      return (env) => !nestedEquals(l(env), r(env));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (env) => nestedCompare(op, l(env), r(env));
    default:
      return (env) => arithmetic(op, l(env), r(env));
  }
}

/** Operators of bare If conditions (4.0+); the grammar has no math (grammar.ts refuses it). */
function compileConditionBinary(node: BinaryNode): CompiledExpression {
  const l = compileExpr(node.left, 'if');
  const r = compileExpr(node.right, 'if');
  const op = node.operator;
  switch (op) {
    case '&&':
      return (env) => conditionAnd(l(env), r(env));
    case '||':
      return (env) => conditionOr(l(env), r(env));
    case '==':
    case '!=':
      return (env) => conditionEquals(op, l(env), r(env));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (env) => conditionCompare(op, l(env), r(env));
    default:
      return () => false;
  }
}

function compileExpr(node: Expr, dialect: Dialect): CompiledExpression {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'reference':
      return compileReference(node);
    case 'group':
      return compileExpr(node.expression, dialect);
    case 'unary': {
      const operand = compileExpr(node.operand, dialect);
      if (dialect === 'if') return node.operator === '!' ? (env) => conditionNot(operand(env)) : () => false;
      if (node.operator === '!') return (env) => !nestedTruthy(operand(env));
      return (env) => negate(operand(env));
    }
    case 'concat': {
      // Only nested expressions join parts; the If grammar has no juxtaposition.
      const parts = node.parts.map((p) => compileExpr(p, dialect));
      return (env) => {
        let text = '';
        for (const part of parts) text += joinPart(part(env));
        return text;
      };
    }
    case 'binary':
      return dialect === 'if' ? compileConditionBinary(node) : compileNestedBinary(node);
  }
}

const compiled = new WeakMap<AstNode, CompiledExpression>();

/** Compiles a parsed value into a reusable function (cached per AST node). */
export function compile(ast: AstNode): CompiledExpression {
  const cached = compiled.get(ast);
  if (cached) return cached;
  let fn: CompiledExpression;
  switch (ast.kind) {
    case 'static': {
      const text = ast.text;
      fn = () => text;
      break;
    }
    case 'template': {
      const parts = ast.parts.map((p): CompiledExpression => {
        if (p.kind === 'reference') return compileReference(p);
        const text = p.text;
        return () => text;
      });
      fn = (env) => {
        let text = '';
        for (const part of parts) text += toText(part(env));
        return text;
      };
      break;
    }
    case 'expression': {
      const inner = compileExpr(ast.expression, ast.dialect);
      // An If condition always decides a branch, so it always yields a boolean.
      fn = ast.form === 'condition' ? (env) => conditionHolds(inner(env)) : inner;
      break;
    }
    default:
      fn = compileExpr(ast, 'nested');
  }
  compiled.set(ast, fn);
  return fn;
}

/**
 * Evaluates a parsed value as WhatsApp does (semantics.ts): a single reference yields the raw typed
 * value, a juxtaposition a string, arithmetic a number rounded to 2 decimals, conditions a boolean;
 * missing values never throw.
 */
export function evaluate(ast: AstNode, env: ValueEnv): unknown {
  return compile(ast)(env);
}
