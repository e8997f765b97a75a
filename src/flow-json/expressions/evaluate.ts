import type { AstNode, BinaryNode, Expr, ReferenceNode } from './ast.js';

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

/** How a value reads as a condition: missing, false, 0, '' , 'false' and [] are false. */
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

/** How a value reads inside text: missing values, objects and arrays contribute nothing. */
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

function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === typeof b) return a === b;
  // A number compared with text holding the same number (e.g. a TextInput value) is equal.
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x !== undefined && x === y;
  }
  return false;
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

function compileBinary(node: BinaryNode): CompiledExpression {
  const l = compileExpr(node.left);
  const r = compileExpr(node.right);
  switch (node.operator) {
    case '&&':
      return (env) => toBoolean(l(env)) && toBoolean(r(env));
    case '||':
      return (env) => toBoolean(l(env)) || toBoolean(r(env));
    case '==':
      return (env) => looseEquals(l(env), r(env));
    case '!=':
      return (env) => !looseEquals(l(env), r(env));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = node.operator;
      return (env) => {
        const a = toNumber(l(env));
        const b = toNumber(r(env));
        if (a === undefined || b === undefined) return false;
        return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
      };
    }
    case '/':
    case '%': {
      const divide = node.operator === '/';
      // Meta: "in case of division or modulo for zero or null value, the result will be zero".
      return (env) => {
        const a = toNumber(l(env));
        const b = toNumber(r(env));
        if (a === undefined || b === undefined || b === 0) return 0;
        return divide ? a / b : a % b;
      };
    }
    case '+':
    case '-':
    case '*': {
      const op = node.operator;
      return (env) => {
        const a = toNumber(l(env));
        const b = toNumber(r(env));
        if (a === undefined || b === undefined) return undefined;
        return op === '+' ? a + b : op === '-' ? a - b : a * b;
      };
    }
  }
}

function compileExpr(node: Expr): CompiledExpression {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'reference':
      return compileReference(node);
    case 'group':
      return compileExpr(node.expression);
    case 'unary': {
      const operand = compileExpr(node.operand);
      if (node.operator === '!') return (env) => !toBoolean(operand(env));
      return (env) => {
        const n = toNumber(operand(env));
        return n === undefined ? undefined : -n;
      };
    }
    case 'concat': {
      const parts = node.parts.map(compileExpr);
      return (env) => {
        let text = '';
        for (const part of parts) text += toText(part(env));
        return text;
      };
    }
    case 'binary':
      return compileBinary(node);
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
      const inner = compileExpr(ast.expression);
      // An If condition always decides a branch, so it always yields a boolean.
      fn = ast.form === 'condition' ? (env) => toBoolean(inner(env)) : inner;
      break;
    }
    default:
      fn = compileExpr(ast);
  }
  compiled.set(ast, fn);
  return fn;
}

/**
 * Evaluates a parsed value as the WhatsApp client does: a single reference yields the raw typed
 * value, text and nested concatenations yield a string, conditions a boolean; missing values give
 * undefined (or nothing in text), never a throw.
 */
export function evaluate(ast: AstNode, env: ValueEnv): unknown {
  return compile(ast)(env);
}
