// A small model of the TypeScript types typegen writes, and its printer. Building a tree first
// (rather than strings) lets payload members be compared, merged into unions and normalised
// (`key?: never` for the keys other members have) before anything is printed.

export interface TsField {
  readonly name: string;
  readonly type: TsType;
  readonly optional: boolean;
  /** One line of documentation (a data model's `description`, or where a value comes from). */
  readonly doc?: string;
}

export type TsType =
  | { readonly kind: 'keyword'; readonly name: 'string' | 'number' | 'boolean' | 'unknown' | 'never' }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'array'; readonly items: TsType }
  /** `open`: any other key may be present too (`[key: string]: unknown`). */
  | { readonly kind: 'object'; readonly fields: readonly TsField[]; readonly open?: boolean }
  | { readonly kind: 'union'; readonly members: readonly TsType[]; readonly docs?: readonly (string | undefined)[] };

export const ts = {
  string: { kind: 'keyword', name: 'string' },
  number: { kind: 'keyword', name: 'number' },
  boolean: { kind: 'keyword', name: 'boolean' },
  unknown: { kind: 'keyword', name: 'unknown' },
  never: { kind: 'keyword', name: 'never' },
} as const satisfies Record<string, TsType>;

/** Members of a union, each once (by printed form), in first-seen order; one member stays itself. */
export function union(members: readonly TsType[], docs?: readonly (string | undefined)[]): TsType {
  const seen = new Map<string, number>();
  const kept: TsType[] = [];
  const keptDocs: (string | undefined)[] = [];
  members.forEach((m, i) => {
    const parts = m.kind === 'union' ? m.members : [m];
    for (const part of parts) {
      const key = printType(part, '');
      if (seen.has(key)) continue;
      seen.set(key, kept.length);
      kept.push(part);
      keptDocs.push(docs?.[i]);
    }
  });
  if (kept.length === 0) return ts.never;
  if (kept.length === 1) return kept[0]!;
  return keptDocs.some((d) => d !== undefined) ? { kind: 'union', members: kept, docs: keptDocs } : { kind: 'union', members: kept };
}

/**
 * Gives every object member of a union the keys the others have, as `key?: never`, so code reads
 * `ctx.data.trigger` on any member and narrows on it (TypeScript refuses a property that only
 * some members declare).
 */
export function normaliseUnion(type: TsType): TsType {
  if (type.kind !== 'union') return type;
  const objects = type.members.filter((m): m is Extract<TsType, { kind: 'object' }> => m.kind === 'object');
  if (objects.length < 2) return type;
  const all = new Set(objects.flatMap((o) => o.fields.map((f) => f.name)));
  const members = type.members.map((m) => {
    if (m.kind !== 'object' || m.open) return m;
    const missing = [...all].filter((name) => !m.fields.some((f) => f.name === name));
    return missing.length === 0 ? m : { ...m, fields: [...m.fields, ...missing.map((name) => ({ name, type: ts.never, optional: true }))] };
  });
  return { ...type, members };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as TypeScript source: bare when it is an identifier, else quoted. */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A comment that cannot end early: `*\/` inside the text is broken up. */
function docLine(text: string): string {
  return `/** ${text.replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/')} */`;
}

/** A single-quoted string literal (JSON's escapes, which TypeScript reads the same). */
function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"');
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

const INLINE_WIDTH = 80;

function fieldsOf(type: Extract<TsType, { kind: 'object' }>): string[] {
  const out = type.fields.map((f) => `${propertyName(f.name)}${f.optional ? '?' : ''}: ${printType(f.type, '')}`);
  if (type.open) out.push('[key: string]: unknown');
  return out;
}

/** Prints a type; objects go on several lines (indented from `indent`) unless short and undocumented. */
export function printType(type: TsType, indent: string): string {
  switch (type.kind) {
    case 'keyword':
      return type.name;
    case 'literal':
      return typeof type.value === 'string' ? quote(type.value) : String(type.value);
    case 'array': {
      const items = printType(type.items, indent);
      return type.items.kind === 'keyword' || type.items.kind === 'literal' ? `${items}[]` : `Array<${items}>`;
    }
    case 'union': {
      const documented = type.docs?.some((d) => d !== undefined) === true;
      const inline = type.members.map((m) => printType(m, indent)).join(' | ');
      if (!documented && !inline.includes('\n') && inline.length <= INLINE_WIDTH) return inline;
      // One member a line, after a line break: the caller writes `name:` right before it.
      return type.members
        .map((m, i) => {
          const doc = type.docs?.[i];
          return `${doc === undefined ? '' : `\n${indent}  ${docLine(doc)}`}\n${indent}  | ${printType(m, `${indent}    `)}`;
        })
        .join('');
    }
    case 'object': {
      if (type.fields.length === 0) return type.open ? 'Record<string, unknown>' : 'Record<string, never>';
      const inline = `{ ${fieldsOf(type).join('; ')} }`;
      if (inline.length <= INLINE_WIDTH && !type.fields.some((f) => f.doc !== undefined) && !inline.includes('\n')) return inline;
      const inner = `${indent}  `;
      const lines = type.fields.map((f) => {
        const doc = f.doc === undefined ? '' : `${inner}${docLine(f.doc)}\n`;
        const printed = printType(f.type, inner);
        return `${doc}${inner}${propertyName(f.name)}${f.optional ? '?' : ''}:${printed.startsWith('\n') ? '' : ' '}${printed};`;
      });
      if (type.open) lines.push(`${inner}[key: string]: unknown;`);
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
  }
}
