import { shapeToExprType } from '../data-model/to-expr-type.js';
import type { DataShape } from '../data-model/shape.js';
import type { AstNode, Expr, ReferenceNode, Span } from './ast.js';
import { T } from './expr-type.js';
import type { ExprType } from './expr-type.js';
import { formatReference, toReference } from './references.js';
import type { Reference } from './references.js';

export type { ExprType } from './expr-type.js';

export type ResolutionFailure = {
  readonly ok: false;
  readonly code: 'unknown-screen' | 'unknown-reference' | 'not-an-object';
  readonly message: string;
  /** Names that do exist where the lookup failed (screen ids, or fields), for "did you mean". */
  readonly available: readonly string[];
  /** Index in `path` of the segment that failed; -1 when the screen id itself is unknown. */
  readonly segment: number;
};

export type Resolution = { readonly ok: true; readonly type: ExprType } | ResolutionFailure;

/** Resolves a reference to its declared type. Build one with `createTypeEnv`. */
export interface TypeEnv {
  resolve(ref: Reference): Resolution;
}

export interface ScopeTypes {
  /** The screen's data model (`parseDataModel(...).shape`). Absent: the screen declares no data. */
  readonly data?: DataShape;
  /** Form field name → type of `${form.<name>}` (from the catalogue's `formValue`). */
  readonly form?: Readonly<Record<string, ExprType>>;
}

export interface TypeEnvInput extends ScopeTypes {
  /** Every screen of the flow by id, for `${screen.<ID>.data|form...}`. */
  readonly screens?: Readonly<Record<string, ScopeTypes>>;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function rootTypes(scope: ScopeTypes): { data: ExprType; form: ExprType } {
  return {
    data: scope.data ? shapeToExprType(scope.data) : T.object({}),
    form: T.object(scope.form ?? {}),
  };
}

function describeRoot(ref: Reference): string {
  const where = ref.screen === undefined ? "this screen's" : `screen ${ref.screen}'s`;
  return ref.scope === 'data' ? `${where} data model` : `${where} form fields`;
}

export function createTypeEnv(input: TypeEnvInput): TypeEnv {
  const local = rootTypes(input);
  const screens = new Map<string, { data: ExprType; form: ExprType }>();
  const screenIds = Object.keys(input.screens ?? {});
  const screenRoot = (id: string): { data: ExprType; form: ExprType } | undefined => {
    const cached = screens.get(id);
    if (cached) return cached;
    if (!input.screens || !hasOwn(input.screens, id)) return undefined;
    const made = rootTypes(input.screens[id] as ScopeTypes);
    screens.set(id, made);
    return made;
  };
  return {
    resolve(ref: Reference): Resolution {
      let root = local;
      if (ref.screen !== undefined) {
        const found = screenRoot(ref.screen);
        if (!found) {
          return { ok: false, code: 'unknown-screen', message: `there is no screen "${ref.screen}" in this flow`, available: screenIds, segment: -1 };
        }
        root = found;
      }
      let current: ExprType = root[ref.scope];
      for (let i = 0; i < ref.path.length; i++) {
        const key = ref.path[i] as string | number;
        if (current.kind === 'unknown') return { ok: true, type: T.unknown };
        if (typeof key === 'number') {
          if (current.kind !== 'array') {
            const shown = formatReference({ ...ref, path: ref.path.slice(0, i + 1) });
            return { ok: false, code: 'not-an-object', message: `${shown} indexes a ${formatType(current)}, not an array`, available: [], segment: i };
          }
          current = current.items;
          continue;
        }
        if (current.kind !== 'object') {
          return {
            ok: false,
            code: 'not-an-object',
            message: `${formatReference({ ...ref, path: ref.path.slice(0, i) })} is ${article(current)}, so it has no field "${key}"`,
            available: [],
            segment: i,
          };
        }
        if (hasOwn(current.fields, key)) {
          current = current.fields[key] as ExprType;
        } else if (current.open) {
          return { ok: true, type: T.unknown };
        } else {
          const available = Object.keys(current.fields);
          const shown = formatReference({ ...ref, path: ref.path.slice(0, i + 1) });
          const where = i === 0 ? describeRoot(ref) : `the object ${formatReference({ ...ref, path: ref.path.slice(0, i) })}`;
          return { ok: false, code: 'unknown-reference', message: `${shown} is not declared in ${where}`, available, segment: i };
        }
      }
      return { ok: true, type: current };
    },
  };
}

function article(t: ExprType): string {
  const s = formatType(t);
  return /^[aeiou]/.test(s) ? `an ${s}` : `a ${s}`;
}

/** `string`, `integer`, `array<string>`, `object { id: string, title: string }`, `unknown`. */
export function formatType(t: ExprType): string {
  switch (t.kind) {
    case 'array':
      return `array<${formatType(t.items)}>`;
    case 'object': {
      const fields = Object.entries(t.fields).map(([k, v]) => `${k}: ${formatType(v)}`);
      if (t.open) fields.push('...');
      return fields.length === 0 ? 'object' : `object { ${fields.join(', ')} }`;
    }
    case 'string':
      return t.enum ? `string (${t.enum.map((e) => `'${e}'`).join(' | ')})` : 'string';
    default:
      return t.kind;
  }
}

const isNumeric = (t: ExprType): boolean => t.kind === 'number' || t.kind === 'integer';
const isBoolean = (t: ExprType): boolean => t.kind === 'boolean';
const isScalar = (t: ExprType): boolean => t.kind !== 'array' && t.kind !== 'object';
/** Types `==` treats as comparable: integers and numbers are one family. */
const family = (t: ExprType): string => (isNumeric(t) ? 'number' : t.kind);

/**
 * Whether a value of type `from` may be used where `to` is expected. `integer` fits `number`, but
 * `number` does not fit `integer` (it may be fractional). `unknown` fits, and accepts, anything.
 * Objects are structural and lenient: data model properties are optional, so only fields both sides
 * declare must agree. A string with an enum fits a plain string; into an enum only a subset fits.
 */
export function isAssignable(from: ExprType, to: ExprType): boolean {
  if (from.kind === 'unknown' || to.kind === 'unknown') return true;
  switch (to.kind) {
    case 'string':
      if (from.kind !== 'string') return false;
      return !to.enum || !from.enum || from.enum.every((e) => to.enum?.includes(e));
    case 'number':
      return isNumeric(from);
    case 'integer':
    case 'boolean':
      return from.kind === to.kind;
    case 'array':
      return from.kind === 'array' && isAssignable(from.items, to.items);
    case 'object':
      if (from.kind !== 'object') return false;
      return Object.entries(to.fields).every(([k, t]) => !hasOwn(from.fields, k) || isAssignable(from.fields[k] as ExprType, t));
  }
}

export type TypeProblemCode =
  | 'unknown-reference'
  | 'unknown-screen'
  | 'not-an-object'
  /** An operator applied to operands of the wrong type (`-` on text, `&&` on numbers...). */
  | 'operand-type'
  /** `==`/`!=` between different types; Meta requires both sides to have the same type. */
  | 'comparison-mismatch'
  /** A comparison in a condition between two fixed values (Meta: one side must be dynamic). */
  | 'literal-comparison'
  /** An If condition that does not yield a boolean. */
  | 'not-boolean'
  /** An If condition without any `${...}` (Meta: "should not only contain literals"). */
  | 'no-dynamic-value'
  /** The value's type does not fit what the property expects (`options.expected`). */
  | 'wrong-type';

export interface TypeProblem extends Span {
  readonly code: TypeProblemCode;
  readonly message: string;
  /** For unknown references: the names that exist there. */
  readonly available?: readonly string[];
  /** For unknown references: the closest existing name, if one is close. */
  readonly suggestion?: string;
  readonly expected?: string;
  readonly actual?: string;
}

export interface InferOptions {
  /** The type the property expects (e.g. boolean for `visible`); a mismatch is a `wrong-type` problem. */
  readonly expected?: ExprType;
}

export interface InferResult {
  readonly type: ExprType;
  readonly problems: TypeProblem[];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/** The available name closest to `name`, if it is close enough to be a likely typo. */
export function closestName(name: string, available: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of available) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

interface Inferred {
  readonly type: ExprType;
  /** Holds at least one `${...}`. */
  readonly dynamic: boolean;
}

class Checker {
  readonly problems: TypeProblem[] = [];
  constructor(
    private readonly env: TypeEnv,
    private readonly condition: boolean,
  ) {}

  problem(code: TypeProblemCode, span: Span, message: string, extra: Partial<TypeProblem> = {}): void {
    this.problems.push({ code, message, start: span.start, end: span.end, ...extra });
  }

  reference(node: ReferenceNode): ExprType {
    const ref = toReference(node);
    const resolved = this.env.resolve(ref);
    if (resolved.ok) return resolved.type;
    const segment = resolved.segment >= 0 ? node.path[resolved.segment] : undefined;
    const span = resolved.segment < 0 ? (node.screenSpan ?? node) : (segment ?? node);
    const name = resolved.segment < 0 ? (node.screen ?? '') : String(segment?.key ?? '');
    const suggestion = closestName(name, resolved.available);
    let message = resolved.message;
    if (suggestion !== undefined) message += `. Did you mean "${suggestion}"?`;
    if (resolved.available.length > 0) message += ` Available: ${resolved.available.join(', ')}`;
    else if (resolved.code === 'unknown-reference') message += resolved.segment === 0 && ref.scope === 'data' ? '; declare it in the screen "data"' : ' (nothing is declared there)';
    this.problem(resolved.code, span, message, {
      available: resolved.available,
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
    return T.unknown;
  }

  operand(expr: Expr, ok: (t: ExprType) => boolean, need: string, operator: string, side: string): Inferred {
    const result = this.expr(expr);
    if (result.type.kind !== 'unknown' && !ok(result.type)) {
      const hint = operator === '+' && result.type.kind === 'string' ? "; to join text, write the parts side by side: 'Hello ' ${form.name}" : '';
      this.problem('operand-type', expr, `'${operator}' needs ${need}, but the ${side} is ${formatType(result.type)}${hint}`, {
        expected: need,
        actual: formatType(result.type),
      });
    }
    return result;
  }

  expr(node: Expr): Inferred {
    switch (node.kind) {
      case 'literal': {
        const v = node.value;
        const type = typeof v === 'string' ? T.string : typeof v === 'boolean' ? T.boolean : Number.isInteger(v) ? T.integer : T.number;
        return { type, dynamic: false };
      }
      case 'reference':
        return { type: this.reference(node), dynamic: true };
      case 'group':
        return this.expr(node.expression);
      case 'unary': {
        if (node.operator === '!') {
          const inner = this.operand(node.operand, isBoolean, 'a boolean', '!', 'operand');
          return { type: T.boolean, dynamic: inner.dynamic };
        }
        const inner = this.operand(node.operand, isNumeric, 'a number', '-', 'operand');
        return { type: inner.type.kind === 'integer' ? T.integer : T.number, dynamic: inner.dynamic };
      }
      case 'concat': {
        let dynamic = false;
        for (const part of node.parts) {
          const t = this.expr(part);
          dynamic ||= t.dynamic;
          if (t.type.kind === 'array' || t.type.kind === 'object') {
            this.problem('operand-type', part, `only text, numbers and booleans can be joined into text, but this part is ${formatType(t.type)}`, {
              expected: 'string, number or boolean',
              actual: formatType(t.type),
            });
          }
        }
        return { type: T.string, dynamic };
      }
      case 'binary':
        return this.binary(node);
    }
  }

  binary(node: Expr & { kind: 'binary' }): Inferred {
    const op = node.operator;
    switch (op) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        const l = this.operand(node.left, isNumeric, 'numbers', op, 'left side');
        const r = this.operand(node.right, isNumeric, 'numbers', op, 'right side');
        const integer = op !== '/' && l.type.kind === 'integer' && r.type.kind === 'integer';
        return { type: integer ? T.integer : T.number, dynamic: l.dynamic || r.dynamic };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const l = this.operand(node.left, isNumeric, 'numbers', op, 'left side');
        const r = this.operand(node.right, isNumeric, 'numbers', op, 'right side');
        this.literalOnly(node, l, r);
        return { type: T.boolean, dynamic: l.dynamic || r.dynamic };
      }
      case '==':
      case '!=': {
        const l = this.operand(node.left, isScalar, 'text, numbers or booleans', op, 'left side');
        const r = this.operand(node.right, isScalar, 'text, numbers or booleans', op, 'right side');
        if (isScalar(l.type) && isScalar(r.type) && l.type.kind !== 'unknown' && r.type.kind !== 'unknown' && family(l.type) !== family(r.type)) {
          this.problem('comparison-mismatch', node, `'${op}' compares values of the same type, but this compares ${formatType(l.type)} with ${formatType(r.type)}`, {
            expected: formatType(l.type),
            actual: formatType(r.type),
          });
        }
        this.literalOnly(node, l, r);
        return { type: T.boolean, dynamic: l.dynamic || r.dynamic };
      }
      case '&&':
      case '||': {
        const l = this.operand(node.left, isBoolean, 'booleans', op, 'left side');
        const r = this.operand(node.right, isBoolean, 'booleans', op, 'right side');
        return { type: T.boolean, dynamic: l.dynamic || r.dynamic };
      }
    }
  }

  literalOnly(node: Expr & { kind: 'binary' }, l: Inferred, r: Inferred): void {
    if (this.condition && !l.dynamic && !r.dynamic) {
      this.problem('literal-comparison', node, `'${node.operator}' compares two fixed values; at least one side must be a \${data...} or \${form...} reference`);
    }
  }
}

/**
 * Infers the type of a parsed value and reports type problems. Conditions (from `parseCondition`)
 * must also be boolean and read at least one `${...}` (components reference, If "Rules").
 */
export function inferType(ast: AstNode, env: TypeEnv, options: InferOptions = {}): InferResult {
  const isCondition = ast.kind === 'expression' && ast.form === 'condition';
  const checker = new Checker(env, isCondition);
  let type: ExprType;
  switch (ast.kind) {
    case 'static':
      type = T.string;
      break;
    case 'template':
      for (const part of ast.parts) if (part.kind === 'reference') checker.reference(part);
      type = T.string;
      break;
    case 'expression': {
      const inferred = checker.expr(ast.expression);
      type = inferred.type;
      if (isCondition) {
        if (type.kind !== 'boolean' && type.kind !== 'unknown') {
          checker.problem('not-boolean', ast.expression, `a condition must be true or false, but this is ${formatType(type)}; compare it, e.g. \${form.age} > 18`, {
            expected: 'boolean',
            actual: formatType(type),
          });
        }
        if (!inferred.dynamic) {
          checker.problem('no-dynamic-value', ast.expression, 'a condition must read at least one ${data...} or ${form...} value; fixed values alone never change');
        }
      }
      break;
    }
    default:
      type = checker.expr(ast).type;
  }
  if (options.expected && !isAssignable(type, options.expected)) {
    checker.problem('wrong-type', ast, `expected ${formatType(options.expected)}, but this value is ${formatType(type)}`, {
      expected: formatType(options.expected),
      actual: formatType(type),
    });
  }
  return { type, problems: checker.problems };
}
