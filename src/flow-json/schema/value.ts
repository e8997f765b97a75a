import { resolveProperties } from '../catalogue/resolve.js';
import type { ActionName, PropertySpec, ResolvedProperty, ValueSpec } from '../catalogue/types.js';
import type { FlowJsonVersion } from '../versions.js';
import type { JsonSchema } from './types.js';

/** `$defs` names, in one place so references and definitions cannot drift apart. */
export const DEF = {
  component: 'component',
  componentOf: (type: string) => `component.${type}`,
  layout: 'layout',
  screen: 'screen',
  actionOf: (name: ActionName) => `action.${name}`,
  actionsAllowed: (names: readonly ActionName[]) => `actions.${names.join('.')}`,
  dynamic: 'dynamic',
  dataModel: 'data-model',
  dataField: 'data-field',
} as const;

export const ref = (def: string): JsonSchema => ({ $ref: `#/$defs/${def}` });

/** What turning a value spec into a schema needs to know about the version being generated. */
export interface ValueContext {
  readonly version: FlowJsonVersion;
  /** Component types the version has. */
  readonly componentTypes: readonly string[];
  /** Action names the version has. */
  readonly actionNames: readonly ActionName[];
  /** Registers a shared definition once (action unions) and returns its name. */
  define(name: string, build: () => JsonSchema): string;
}

/** Schema of an object whose keys are catalogued properties, as they stand in the context's version. */
export function objectSchema(
  properties: Readonly<Record<string, PropertySpec>>,
  ctx: ValueContext,
  additional: boolean | JsonSchema = false,
): JsonSchema {
  const resolved = resolveProperties(properties, ctx.version);
  const schema: JsonSchema = { type: 'object', properties: {} };
  for (const p of resolved) schema.properties![p.name] = propertySchema(p, ctx);
  const required = resolved.filter((p) => p.required).map((p) => p.name);
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = additional;
  return schema;
}

export function propertySchema(p: ResolvedProperty, ctx: ValueContext): JsonSchema {
  const base = valueSchema(p.value, ctx);
  // A dynamic property takes its static type or a `${...}` reference standing for it.
  const schema: JsonSchema = p.dynamic ? { anyOf: [base, ref(DEF.dynamic)] } : base;
  schema.description = p.description;
  if (p.default !== undefined) schema.default = p.default;
  return schema;
}

export function valueSchema(spec: ValueSpec, ctx: ValueContext): JsonSchema {
  switch (spec.kind) {
    case 'string': {
      const s: JsonSchema = { type: 'string' };
      if (spec.enum) s.enum = [...spec.enum];
      if (spec.minLength !== undefined) s.minLength = spec.minLength;
      if (spec.maxLength !== undefined) s.maxLength = spec.maxLength;
      // The catalogue's patterns are whole-value matches; JSON Schema's `pattern` is a search.
      if (spec.pattern !== undefined) s.pattern = `^(?:${spec.pattern})$`;
      if (spec.format === 'date') s.format = 'date';
      else if (spec.format === 'uri') s.format = 'uri';
      else if (spec.format === 'image-base64') s.contentEncoding = 'base64';
      // 'screen-id' and 'markdown' have no JSON Schema counterpart; the validator checks them.
      return s;
    }
    case 'number': {
      const s: JsonSchema = { type: spec.integer ? 'integer' : 'number' };
      if (spec.minimum !== undefined) s.minimum = spec.minimum;
      if (spec.maximum !== undefined) s.maximum = spec.maximum;
      return s;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'array': {
      const s: JsonSchema = { type: 'array', items: valueSchema(spec.items, ctx) };
      if (spec.minItems !== undefined) s.minItems = spec.minItems;
      if (spec.maxItems !== undefined) s.maxItems = spec.maxItems;
      // `uniqueBy` (unique ids across items) has no JSON Schema keyword; the validator checks it.
      return s;
    }
    case 'object': {
      const extra = spec.additionalProperties;
      const additional = extra === undefined ? false : typeof extra === 'boolean' ? extra : valueSchema(extra, ctx);
      const s = objectSchema(spec.properties, ctx, additional);
      if (spec.minProperties !== undefined) s.minProperties = spec.minProperties;
      return s;
    }
    case 'components': {
      const items: JsonSchema = ref(DEF.component);
      if (spec.allowedTypes) {
        const allowed = spec.allowedTypes.filter((t) => ctx.componentTypes.includes(t));
        items.type = 'object';
        items.properties = { type: { enum: allowed } };
      }
      const s: JsonSchema = { type: 'array', items };
      if (spec.minItems !== undefined) s.minItems = spec.minItems;
      if (spec.maxItems !== undefined) s.maxItems = spec.maxItems;
      return s;
    }
    case 'action': {
      const names = spec.actions.filter((n) => ctx.actionNames.includes(n));
      // No listed action exists in this version: nothing can be valid here.
      if (names.length === 0) return { not: {}, description: 'No action is available here in this version.' };
      return ref(ctx.define(DEF.actionsAllowed(names), () => actionUnion(names)));
    }
    case 'oneOf':
      // anyOf, not oneOf: options may overlap (a free string and an enum of strings) and a value
      // matching two of them is still valid.
      return { anyOf: spec.options.map((o) => valueSchema(o, ctx)) };
    case 'data-model':
      return ref(DEF.dataModel);
    case 'any':
      return {};
  }
}

/**
 * A union discriminated by a string key, written as `if {key: const X} then {$ref X}` per member
 * rather than `oneOf`. Why: with `oneOf`, a component with one mistake fails every branch, so
 * validators (ajv, VS Code) report the errors of all 30-odd branches or pick a wrong "best match",
 * and completion offers every component's properties. With if/then only the branch whose `type`
 * (or `name`) matches applies: completion lists that component's properties, an error names the
 * exact property, and an unknown `type` fails just the `enum` on the key, listing the valid ones.
 */
export function discriminatedUnion(key: string, members: readonly { value: string; def: string }[], keyDescription: string): JsonSchema {
  return {
    type: 'object',
    required: [key],
    properties: { [key]: { description: keyDescription, enum: members.map((m) => m.value) } },
    allOf: members.map((m) => ({
      if: { type: 'object', properties: { [key]: { const: m.value } }, required: [key] },
      then: ref(m.def),
    })),
  };
}

function actionUnion(names: readonly ActionName[]): JsonSchema {
  return discriminatedUnion(
    'name',
    names.map((n) => ({ value: n, def: DEF.actionOf(n) })),
    `The action to run. Allowed here: ${names.join(', ')}.`,
  );
}
