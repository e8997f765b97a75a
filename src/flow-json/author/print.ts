// A small printer for the TypeScript convert writes: a tree of calls, objects, arrays and arrow
// functions, each on one line when it fits in the width, else broken over lines and indented.

export type Code =
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'call'; readonly callee: string; args: Code[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Code])[] }
  | { readonly kind: 'array'; readonly items: readonly Code[] }
  | { readonly kind: 'arrow'; readonly params: string; readonly body: Code };

const WIDTH = 110;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const code = (text: string): Code => ({ kind: 'code', text });
export const call = (callee: string, ...args: Code[]): Code & { kind: 'call' } => ({ kind: 'call', callee, args });
export const object = (entries: readonly (readonly [string, Code])[]): Code => ({ kind: 'object', entries });
export const array = (items: readonly Code[]): Code => ({ kind: 'array', items });
export const arrow = (params: string, body: Code): Code => ({ kind: 'arrow', params, body });

/** A string literal, in single quotes unless the text has one and no double quote. */
export function stringLiteral(text: string): string {
  if (text.includes("'") && !text.includes('"')) return JSON.stringify(text);
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** An object key: bare when it is an identifier; `__proto__` computed, so it stays an own key. */
export function propertyKey(name: string): string {
  if (name === '__proto__') return `['__proto__']`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** JSON as a TypeScript literal. */
export function literal(value: unknown): Code {
  if (Array.isArray(value)) return array(value.map(literal));
  if (typeof value === 'object' && value !== null) return object(Object.entries(value).map(([k, v]) => [k, literal(v)] as const));
  if (typeof value === 'string') return code(stringLiteral(value));
  return code(JSON.stringify(value) ?? 'null');
}

function flat(c: Code): string {
  switch (c.kind) {
    case 'code':
      return c.text;
    case 'call':
      return `${c.callee}(${c.args.map(flat).join(', ')})`;
    case 'object':
      return c.entries.length === 0 ? '{}' : `{ ${c.entries.map(([k, v]) => `${propertyKey(k)}: ${flat(v)}`).join(', ')} }`;
    case 'array':
      return `[${c.items.map(flat).join(', ')}]`;
    case 'arrow':
      return `${c.params} => ${flat(c.body)}`;
  }
}

/** `c` printed at `indent` (the text before it on its line is `lead` characters long). */
export function print(c: Code, indent = '', lead = indent.length): string {
  const one = flat(c);
  if (lead + one.length <= WIDTH && !one.includes('\n')) return one;
  const inner = `${indent}  `;
  switch (c.kind) {
    case 'code':
      return c.text;
    case 'call': {
      let text = `${c.callee}(`;
      c.args.forEach((a, i) => {
        if (i > 0) text += ', ';
        text += print(a, indent, lastLineLength(text, lead));
      });
      return `${text})`;
    }
    case 'object':
      return `{\n${c.entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${print(v, inner, inner.length + propertyKey(k).length + 2)},`).join('\n')}\n${indent}}`;
    case 'array':
      return `[\n${c.items.map((v) => `${inner}${print(v, inner)},`).join('\n')}\n${indent}]`;
    case 'arrow':
      return `${c.params} => ${print(c.body, indent, lead + c.params.length + 4)}`;
  }
}

function lastLineLength(text: string, lead: number): number {
  const nl = text.lastIndexOf('\n');
  return nl === -1 ? lead + text.length : text.length - nl - 1;
}
