/**
 * The static type of an expression, following the Flow JSON data types (catalogue `DataType`) plus
 * `unknown` for values nothing declares (an undeclared object's fields, a broken declaration).
 */
export type ExprType =
  | { readonly kind: 'string'; readonly enum?: readonly string[] }
  | { readonly kind: 'number' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'array'; readonly items: ExprType }
  /** `open`: the declaration lists no properties, so any field may exist (typed unknown). */
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, ExprType>>; readonly open?: boolean }
  | { readonly kind: 'unknown' };

export const T = {
  string: { kind: 'string' },
  number: { kind: 'number' },
  integer: { kind: 'integer' },
  boolean: { kind: 'boolean' },
  unknown: { kind: 'unknown' },
  array: (items: ExprType): ExprType => ({ kind: 'array', items }),
  object: (fields: Readonly<Record<string, ExprType>>, open = false): ExprType =>
    open ? { kind: 'object', fields, open } : { kind: 'object', fields },
} as const satisfies Record<string, ExprType | ((...args: never[]) => ExprType)>;
