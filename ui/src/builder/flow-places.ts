// What the catalogue says about a place in a Flow JSON document: the flow, a screen, a list of
// components (and which types it takes), one component, an action, a plain value with its spec,
// or a screen's data model. Completion and hover walk the path the cursor is on through it.
import { FLOW_SPEC, getActionSpec, getComponentSpec, LAYOUT_SPECS, resolvePropertyMap, SCREEN_SPEC } from '../../../src/flow-json/index.js';
import type { ActionName, ActionSpec, ComponentSpec, FlowJsonVersion, PropertySpec, ResolvedProperty, ValueSpec } from '../../../src/flow-json/index.js';
import { matchesKind } from '../../../src/flow-json/validate/model.js';
import type { PathSegment } from './json-scan.js';

export type Place =
  | { readonly kind: 'flow' }
  | { readonly kind: 'screens' }
  | { readonly kind: 'screen' }
  /** A list of child components; `allowed` absent means any component of the version. */
  | { readonly kind: 'components'; readonly allowed: readonly string[] | undefined; readonly inForm: boolean }
  | { readonly kind: 'component'; readonly allowed: readonly string[] | undefined; readonly inForm: boolean; readonly spec: ComponentSpec | undefined }
  | { readonly kind: 'action'; readonly actions: readonly ActionName[]; readonly spec: ActionSpec | undefined }
  | { readonly kind: 'value'; readonly spec: ValueSpec; readonly inForm: boolean }
  /** A screen's `data` (or an object field's `properties`): field name → declaration. */
  | { readonly kind: 'data-model' }
  /** One data model declaration: { "type": ..., "__example__": ... }. */
  | { readonly kind: 'data-field' }
  | { readonly kind: 'unknown' };

/** A property a place's object may have, with what the catalogue says about it. */
export interface PropertyInfo {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  /** Absent for the `type`/`name` discriminators and data model keywords. */
  readonly resolved?: ResolvedProperty;
  /** The catalogue entry (for the versions that have it). */
  readonly spec?: PropertySpec;
}

export const DATA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;

const DATA_FIELD_KEYS: readonly PropertyInfo[] = [
  { name: 'type', required: true, description: `The field's type: ${DATA_TYPES.join(', ')}.` },
  { name: '__example__', required: false, description: 'Example value, used by previews and by Meta\'s Flow Builder as mock data.' },
  { name: 'description', required: false, description: 'What the field holds.' },
  { name: 'items', required: false, description: 'Declaration of each item (type "array").' },
  { name: 'properties', required: false, description: 'Declarations of the fields (type "object").' },
  { name: 'required', required: false, description: 'Fields that must be present (type "object").' },
  { name: 'enum', required: false, description: 'The values allowed (type "string").' },
  { name: 'format', required: false, description: 'String format, e.g. "date".' },
];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function child(value: unknown, seg: PathSegment): unknown {
  if (typeof seg === 'number') return Array.isArray(value) ? value[seg] : undefined;
  const r = record(value);
  return r !== undefined && Object.prototype.hasOwnProperty.call(r, seg) ? r[seg] : undefined;
}

/** The place a value spec makes, given the value written there (it picks a oneOf's branch). */
function fromSpec(spec: ValueSpec, value: unknown, inForm: boolean): Place {
  switch (spec.kind) {
    case 'components':
      return { kind: 'components', allowed: spec.allowedTypes, inForm };
    case 'action': {
      const name = record(value)?.['name'];
      return { kind: 'action', actions: spec.actions, spec: typeof name === 'string' ? getActionSpec(name) : undefined };
    }
    case 'data-model':
      return { kind: 'data-model' };
    case 'oneOf': {
      const option = value === undefined ? undefined : spec.options.find((o) => matchesKind(value, o));
      return option === undefined ? { kind: 'value', spec, inForm } : fromSpec(option, value, inForm);
    }
    default:
      return { kind: 'value', spec, inForm };
  }
}

function componentPlace(value: unknown, allowed: readonly string[] | undefined, inForm: boolean): Place {
  const type = record(value)?.['type'];
  return { kind: 'component', allowed, inForm, spec: typeof type === 'string' ? getComponentSpec(type) : undefined };
}

/** The place of `seg` inside a place whose value is `value`. */
export function childPlace(place: Place, value: unknown, seg: PathSegment, version: FlowJsonVersion): Place {
  const inner = child(value, seg);
  switch (place.kind) {
    case 'flow':
      if (seg === 'screens') return { kind: 'screens' };
      return propertyPlace(FLOW_SPEC.properties, seg, inner, version, false);
    case 'screens':
      return typeof seg === 'number' ? { kind: 'screen' } : { kind: 'unknown' };
    case 'screen':
      return propertyPlace(SCREEN_SPEC.properties, seg, inner, version, false);
    case 'components':
      return typeof seg === 'number' ? componentPlace(inner, place.allowed, place.inForm) : { kind: 'unknown' };
    case 'component': {
      if (place.spec === undefined || typeof seg !== 'string') return { kind: 'unknown' };
      return propertyPlace(place.spec.properties, seg, inner, version, place.inForm || place.spec.type === 'Form');
    }
    case 'action':
      return place.spec === undefined ? { kind: 'unknown' } : propertyPlace(place.spec.properties, seg, inner, version, false);
    case 'value': {
      const spec = place.spec;
      if (spec.kind === 'array' && typeof seg === 'number') return fromSpec(spec.items, inner, place.inForm);
      if (spec.kind === 'object' && typeof seg === 'string') {
        const prop = resolvePropertyMap(spec.properties, version).get(seg);
        if (prop !== undefined) return fromSpec(prop.value, inner, place.inForm);
        const extra = spec.additionalProperties;
        return typeof extra === 'object' ? fromSpec(extra, inner, place.inForm) : { kind: 'unknown' };
      }
      if (spec.kind === 'oneOf') {
        const settled = fromSpec(spec, value, place.inForm);
        return settled.kind === 'value' && settled.spec === spec ? { kind: 'unknown' } : childPlace(settled, value, seg, version);
      }
      return { kind: 'unknown' };
    }
    case 'data-model':
      return typeof seg === 'string' ? { kind: 'data-field' } : { kind: 'unknown' };
    case 'data-field':
      if (seg === 'properties') return { kind: 'data-model' };
      if (seg === 'items') return { kind: 'data-field' };
      return { kind: 'unknown' };
    case 'unknown':
      return place;
  }
}

function propertyPlace(table: Readonly<Record<string, PropertySpec>>, seg: PathSegment, value: unknown, version: FlowJsonVersion, inForm: boolean): Place {
  if (typeof seg !== 'string') return { kind: 'unknown' };
  const prop = resolvePropertyMap(table, version).get(seg);
  return prop === undefined ? { kind: 'unknown' } : fromSpec(prop.value, value, inForm);
}

/** The place at `path` in the document `root`. */
export function placeAt(root: unknown, path: readonly PathSegment[], version: FlowJsonVersion): Place {
  let place: Place = { kind: 'flow' };
  let value = root;
  for (const seg of path) {
    place = childPlace(place, value, seg, version);
    value = child(value, seg);
    if (place.kind === 'unknown') return place;
  }
  // A oneOf place settles on the branch its written value has.
  return place.kind === 'value' && place.spec.kind === 'oneOf' ? fromSpec(place.spec, value, place.inForm) : place;
}

function fromTable(table: Readonly<Record<string, PropertySpec>>, version: FlowJsonVersion): PropertyInfo[] {
  return [...resolvePropertyMap(table, version).values()].map((p) => ({ name: p.name, required: p.required, description: p.description, resolved: p, spec: table[p.name] }));
}

/** The properties an object at this place may have in `version`; undefined where keys are free. */
export function propertiesOf(place: Place, version: FlowJsonVersion): PropertyInfo[] | undefined {
  switch (place.kind) {
    case 'flow':
      return fromTable(FLOW_SPEC.properties, version);
    case 'screen':
      return fromTable(SCREEN_SPEC.properties, version);
    case 'component':
      return [{ name: 'type', required: true, description: 'The component type.' }, ...(place.spec === undefined ? [] : fromTable(place.spec.properties, version))];
    case 'action':
      return [{ name: 'name', required: true, description: 'The action: ' + place.actions.join(', ') + '.' }, ...(place.spec === undefined ? [] : fromTable(place.spec.properties, version))];
    case 'value':
      return place.spec.kind === 'object' && Object.keys(place.spec.properties).length > 0 ? fromTable(place.spec.properties, version) : undefined;
    case 'data-field':
      return [...DATA_FIELD_KEYS];
    default:
      return undefined;
  }
}

/** Layout types a screen's `layout.type` takes. */
export function layoutTypes(): string[] {
  return LAYOUT_SPECS.map((l) => l.type);
}
