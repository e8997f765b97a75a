// The one place where our camelCase TypeScript shapes meet the snake_case wire format.
//
// Keys are converted recursively, except below "opaque" paths: values the user owns (the data for a
// flow's first screen, a template's flow_action_data) keep their keys exactly as given, so
// `{ firstName: 'Ana' }` reaches the flow as `firstName`, not `first_name`.
// An opaque path is a dotted list of wire keys where `[]` stands for any array index, e.g.
// `template.components[].parameters[].action.flow_action_data`.

type CamelToSnake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${CamelToSnake<Tail>}`
  : S;

type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Next}${infer Tail}`
  ? `${Head}${Uppercase<Next>}${SnakeToCamel<Tail>}`
  : S;

/** The wire (snake_case) form of a camelCase type. */
export type ToWire<T> = T extends readonly (infer U)[]
  ? ToWire<U>[]
  : T extends Record<string, unknown>
    ? string extends keyof T
      ? T
      : { [K in keyof T as K extends string ? CamelToSnake<K> : K]: ToWire<T[K]> }
    : T;

/** The camelCase form of a wire (snake_case) type. */
export type FromWire<T> = T extends readonly (infer U)[]
  ? FromWire<U>[]
  : T extends Record<string, unknown>
    ? string extends keyof T
      ? T
      : { [K in keyof T as K extends string ? SnakeToCamel<K> : K]: FromWire<T[K]> }
    : T;

export function camelToSnake(key: string): string {
  // An upper-case first letter is lowered without an underscore: the seed's `Input` becomes `input`.
  return key.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Convert a camelCase value to its wire form. `opaque` lists wire paths whose values are copied as they are. */
export function toWire(value: unknown, opaque: readonly string[] = []): unknown {
  return convert(value, camelToSnake, new Set(opaque), '', 'out');
}

/** Convert a wire value to camelCase. `opaque` lists wire paths whose values are copied as they are. */
export function fromWire(value: unknown, opaque: readonly string[] = []): unknown {
  return convert(value, snakeToCamel, new Set(opaque), '', 'in');
}

function convert(value: unknown, rename: (key: string) => string, opaque: Set<string>, path: string, direction: 'in' | 'out'): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, rename, opaque, `${path}[]`, direction));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    const renamed = rename(key);
    // Opaque paths are written in wire keys, whichever way we convert.
    const wireKey = direction === 'out' ? renamed : key;
    const childPath = path === '' ? wireKey : `${path}.${wireKey}`;
    out[renamed] = opaque.has(childPath) ? copy(item) : convert(item, rename, opaque, childPath, direction);
  }
  return out;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) out[key] = copy(item);
  }
  return out;
}
