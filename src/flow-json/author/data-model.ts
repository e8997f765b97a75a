// Screen data declarations for authored flows. `t.string('Ana')` writes the JSON-Schema-like field
// Flow JSON expects ({ "type": "string", "__example__": "Ana" }); `field({...})` takes any field as
// written. Either way the TypeScript type of the field follows from its "type", so `data.name` is a
// Ref<string> in the screen body.

/** A field of a screen's `data`, as Flow JSON writes it. */
export interface DataField {
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  readonly items?: unknown;
  readonly properties?: unknown;
  readonly __example__?: unknown;
  readonly [key: string]: unknown;
}

/** A screen's `data`: field name → declaration. */
export type DataModel = { readonly [name: string]: DataField };

/* eslint-disable @typescript-eslint/no-explicit-any -- a field that declares no items or properties says nothing of them: any value fits */
/** The TypeScript type of a value a field declaration describes. */
export type SchemaType<S> = S extends { readonly type: 'string' }
  ? string
  : S extends { readonly type: 'number' | 'integer' }
    ? number
    : S extends { readonly type: 'boolean' }
      ? boolean
      : S extends { readonly type: 'array'; readonly items: infer I }
        ? SchemaType<I>[]
        : S extends { readonly type: 'array' }
          ? any[]
          : S extends { readonly type: 'object'; readonly properties: infer P }
            ? { [K in keyof P]: SchemaType<P[K]> }
            : S extends { readonly type: 'object' }
              ? Record<string, any>
              : unknown;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Any field declaration, kept exactly as written (extra JSON Schema keys included). */
export function field<const S extends DataField>(schema: S): S {
  return schema;
}

function scalar<T extends 'string' | 'number' | 'integer' | 'boolean', V>(type: T, example: V | undefined): { type: T; __example__?: V } {
  return example === undefined ? { type } : { type, __example__: example };
}

/** Field declarations by type; the argument is the `__example__` the editor and previews show. */
export const t = {
  string: (example?: string): { type: 'string'; __example__?: string } => scalar('string', example),
  number: (example?: number): { type: 'number'; __example__?: number } => scalar('number', example),
  integer: (example?: number): { type: 'integer'; __example__?: number } => scalar('integer', example),
  boolean: (example?: boolean): { type: 'boolean'; __example__?: boolean } => scalar('boolean', example),
  /** An array of `items` (a field declaration, without its own example). */
  array: <const I extends DataField>(items: I, example?: readonly SchemaType<I>[]): { type: 'array'; items: I; __example__?: readonly SchemaType<I>[] } =>
    example === undefined ? { type: 'array', items } : { type: 'array', items, __example__: example },
  /** An object with these properties (field declarations, without their own examples). */
  object: <const P extends DataModel>(properties: P, example?: { [K in keyof P]: SchemaType<P[K]> }): { type: 'object'; properties: P; __example__?: { [K in keyof P]: SchemaType<P[K]> } } =>
    example === undefined ? { type: 'object', properties } : { type: 'object', properties, __example__: example },
} as const;
