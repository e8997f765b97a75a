// A new component from the palette: its type with every property the catalogue requires in the
// document's version, filled with placeholder values that pass the catalogue's checks (lengths,
// enums, limits, unique ids and form names), so what the author drops in validates and can be
// edited from there. Conditions (If, Switch) need the author's own references and are only
// given an obvious placeholder.
import { getActionSpec, getComponentSpec, inRange, resolvePropertyList } from '../../../../src/flow-json/index.js';
import type { ActionName, ComponentSpec, FlowJsonVersion, PropertySpec, ValueSpec } from '../../../../src/flow-json/index.js';

/** What a placeholder depends on around the place it goes. */
export interface PlaceholderContext {
  /** Component `name`s already in the flow; names given out are added. */
  readonly names: Set<string>;
  /** The screen the component goes on is terminal (a Footer completes the flow there). */
  readonly terminal: boolean;
  /** A screen this one already routes to (a Footer navigates there), if any. */
  readonly next?: string;
  /** What that screen's data model expects in the navigate payload, with example values. */
  readonly nextPayload?: Readonly<Record<string, unknown>>;
  /** The flow talks to an endpoint (data_exchange is possible). */
  readonly endpoint: boolean;
  readonly version: FlowJsonVersion;
}

/** A 1×1 transparent PNG: the smallest image every image property accepts. */
export const PLACEHOLDER_IMAGE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const words = (type: string): string[] => type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter((w) => w !== '');
const human = (name: string): string => {
  const s = words(name).join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** `text_input_1`, `text_input_2`…: the first name of this type not used in the flow. */
export function uniqueName(type: string, names: Set<string>): string {
  const base = words(type).join('_') || 'field';
  for (let n = 1; ; n++) {
    const name = `${base}_${n}`;
    if (!names.has(name)) {
      names.add(name);
      return name;
    }
  }
}

function fit(text: string, spec: Extract<ValueSpec, { kind: 'string' }>): string {
  const max = spec.maxLength ?? Infinity;
  const out = text.length > max ? text.slice(0, max).trimEnd() : text;
  return out.length >= (spec.minLength ?? 0) ? out : out.padEnd(spec.minLength ?? 0, 'x');
}

interface Slot {
  /** The property the value is for (picks wording: label, title, id…). */
  readonly key: string;
  /** The component the value belongs to. */
  readonly owner: string;
  /** Position in an array of objects, for ids and titles that must differ. */
  readonly item?: number;
}

function stringFor(spec: Extract<ValueSpec, { kind: 'string' }>, slot: Slot, ctx: PlaceholderContext): string {
  if (spec.enum !== undefined && spec.enum.length > 0) return spec.enum[0]!;
  switch (spec.format) {
    case 'uri':
      return 'https://example.com';
    case 'date':
      return '2030-01-01';
    case 'image-base64':
      return PLACEHOLDER_IMAGE;
    case 'screen-id':
      return ctx.next ?? '';
    default:
      break;
  }
  const n = slot.item === undefined ? '' : ` ${slot.item + 1}`;
  switch (slot.key) {
    case 'id':
      return slot.item === undefined ? '1' : `option_${slot.item + 1}`;
    case 'label':
      return fit(human(slot.owner), spec);
    case 'title':
      return fit(`Option${n}`, spec);
    case 'text':
      return fit(slot.owner === 'TextHeading' || slot.owner === 'TextSubheading' ? human(slot.owner) : 'New text', spec);
    case 'condition':
    case 'value':
      return '${data.choice}';
    default:
      return fit(`${human(slot.key)}${n}`, spec);
  }
}

/** An action of `actions` that validates on this screen, if any. */
function usableAction(actions: readonly ActionName[], ctx: PlaceholderContext): Record<string, unknown> | undefined {
  const has = (name: ActionName): boolean => {
    const spec = getActionSpec(name);
    return actions.includes(name) && spec !== undefined && inRange(ctx.version, spec.versions);
  };
  if (ctx.terminal && has('complete')) return { name: 'complete', payload: {} };
  if (ctx.next !== undefined && has('navigate')) return { name: 'navigate', next: { type: 'screen', name: ctx.next }, payload: { ...ctx.nextPayload } };
  if (ctx.endpoint && has('data_exchange')) return { name: 'data_exchange', payload: {} };
  if (has('open_url')) return { name: 'open_url', url: 'https://example.com' };
  return undefined;
}

function actionFor(actions: readonly ActionName[], ctx: PlaceholderContext): Record<string, unknown> {
  const usable = usableAction(actions, ctx);
  if (usable !== undefined) return usable;
  const name = actions[0] ?? 'complete';
  const spec = getActionSpec(name);
  return { name, ...(spec === undefined ? {} : requiredOf(spec.properties, name, ctx)) };
}

/**
 * Why a new component of this type would not validate on this screen whatever its placeholder:
 * a required action with nowhere to go (no next screen, no endpoint, not terminal).
 */
export function placeholderProblem(spec: ComponentSpec, ctx: PlaceholderContext): string | undefined {
  for (const p of resolvePropertyList(spec.properties, ctx.version)) {
    if (p.required && p.value.kind === 'action' && usableAction(p.value.actions, ctx) === undefined) return `Its ${p.name} needs a screen to go to or an endpoint.`;
  }
  return undefined;
}

function componentsFor(allowed: readonly string[] | undefined, owner: string, ctx: PlaceholderContext, depth: number): unknown[] {
  const wanted = owner === 'Form' ? ['TextInput', 'TextBody'] : ['TextBody', 'TextInput'];
  const type = wanted.find((t) => allowed === undefined || allowed.includes(t)) ?? allowed?.[0];
  const spec = type === undefined ? undefined : getComponentSpec(type);
  return spec === undefined || depth > 3 ? [] : [build(spec, ctx, depth + 1)];
}

function valueFor(spec: ValueSpec, slot: Slot, ctx: PlaceholderContext, depth: number, fallback?: unknown): unknown {
  switch (spec.kind) {
    case 'string':
      // A component's own `name` (a form field's key), not an action's or an item's.
      if (slot.key === 'name' && slot.item === undefined && getComponentSpec(slot.owner) !== undefined) return uniqueName(slot.owner, ctx.names);
      return typeof fallback === 'string' && (spec.enum === undefined || spec.enum.includes(fallback)) ? fallback : stringFor(spec, slot, ctx);
    case 'number': {
      if (typeof fallback === 'number') return fallback;
      const n = spec.minimum ?? (spec.maximum !== undefined && spec.maximum < 0 ? spec.maximum : 0);
      return spec.integer === true ? Math.ceil(n) : n;
    }
    case 'boolean':
      return typeof fallback === 'boolean' ? fallback : false;
    case 'array': {
      const objects = spec.items.kind === 'object';
      const count = Math.min(Math.max(spec.minItems ?? 0, objects ? 2 : 1), spec.maxItems ?? Infinity);
      return Array.from({ length: count }, (_, i) => valueFor(spec.items, { ...slot, item: i }, ctx, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(spec.properties)) {
        if (prop.required === true) out[key] = valueFor(prop.value, { ...slot, key }, ctx, depth + 1, prop.default);
      }
      const extra = spec.additionalProperties;
      if (Object.keys(out).length < (spec.minProperties ?? 0) && typeof extra === 'object') out['case_1'] = valueFor(extra, { ...slot, key: 'case_1' }, ctx, depth + 1);
      return out;
    }
    case 'components':
      return (spec.minItems ?? 0) > 0 ? componentsFor(spec.allowedTypes, slot.owner, ctx, depth) : [];
    case 'action':
      return actionFor(spec.actions, ctx);
    case 'oneOf':
      return spec.options[0] === undefined ? '' : valueFor(spec.options[0], slot, ctx, depth, fallback);
    case 'data-model':
      return {};
    case 'any':
      return '';
  }
}

function requiredOf(properties: Readonly<Record<string, PropertySpec>>, owner: string, ctx: PlaceholderContext, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of resolvePropertyList(properties, ctx.version)) {
    if (p.required) out[p.name] = valueFor(p.value, { key: p.name, owner }, ctx, depth, p.default);
  }
  return out;
}

function build(spec: ComponentSpec, ctx: PlaceholderContext, depth: number): Record<string, unknown> {
  return { type: spec.type, ...requiredOf(spec.properties, spec.type, ctx, depth) };
}

/** The new component of `spec`'s type, required properties filled in. */
export function newComponent(spec: ComponentSpec, ctx: PlaceholderContext): Record<string, unknown> {
  return build(spec, ctx, 0);
}
