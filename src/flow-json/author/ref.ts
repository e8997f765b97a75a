// Typed references: `data.name` and `form.email` in an authored flow are values, not strings. They
// serialise to "${data.name}" and "${form.email}" (toString and toJSON), so a reference also works
// inside a JavaScript template string. The type parameter is phantom: what the reference holds, so
// a boolean data field fits `enabled` and a string one does not.

declare const HOLDS: unique symbol;

/** A `${...}` reference to a value of type T (a screen data field or a form field). */
export interface Ref<T = unknown> {
  /** What goes between `${` and `}`, e.g. "data.name". */
  readonly expression: string;
  /** Phantom: the type of the referenced value (never set at runtime). */
  readonly [HOLDS]?: T;
}

/** A dynamic string written by hand: "${data.x}", "${form.a} > 18", "`'Hi ' ${data.name}`". */
export type DynamicString = `${string}\${${string}}${string}`;

/** What a dynamic property accepts besides a literal T: a typed reference or a hand-written expression. */
export type Dyn<T> = Ref<T> | DynamicString;

// A registered symbol, so a reference made by another copy of this module (two installs, a bundle)
// is still recognised by toFlowJson.
const BRAND = Symbol.for('waflow.author.ref');

class Reference implements Ref<never> {
  readonly [BRAND] = true;
  constructor(readonly expression: string) {}
  toString(): string {
    return `\${${this.expression}}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

/** A reference to `expression` (without `${}`), e.g. ref<string>('screen.WELCOME.data.name'). */
export function ref<T = unknown>(expression: string): Ref<T> {
  return new Reference(expression) as Ref<T>;
}

export function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * A nested expression (Flow JSON 6.0 and later): expr`'Hello ' ${data.name}` gives the string
 * "`'Hello ' ${data.name}`". Literal parts are written as they are; references become `${...}`.
 */
export function expr(parts: TemplateStringsArray, ...refs: readonly (Ref | string | number | boolean)[]): DynamicString {
  let out = parts[0] ?? '';
  refs.forEach((r, i) => {
    out += `${String(r)}${parts[i + 1] ?? ''}`;
  });
  return `\`${out}\`` as DynamicString;
}
