import { inRange, type FlowJsonVersion } from '../versions.js';
import type { ComponentSpec, PropertySpec, ResolvedProperty } from './types.js';

/** The property as it stands in `version`, or undefined when that version does not have it. */
export function resolveProperty(
  name: string,
  spec: PropertySpec,
  version: FlowJsonVersion,
): ResolvedProperty | undefined {
  if (!inRange(version, spec.versions)) return undefined;
  let value = spec.value;
  let required = spec.required ?? false;
  let dynamic = spec.dynamic ?? false;
  for (const o of spec.overrides ?? []) {
    if (!inRange(version, o.versions)) continue;
    if (o.value) value = o.value;
    if (o.required !== undefined) required = o.required;
    if (o.dynamic !== undefined) dynamic = o.dynamic;
  }
  return { name, value, required, dynamic, default: spec.default, description: spec.description };
}

type PropertyTable = Readonly<Record<string, PropertySpec>>;

// The catalogue is immutable, so each (owner, version) pair is resolved once; validation of a
// large flow asks for the same owners thousands of times.
const cache = new WeakMap<PropertyTable, Map<FlowJsonVersion, ReadonlyMap<string, ResolvedProperty>>>();

/** Every property an owner has in `version`, by name. */
export function resolvePropertyMap(properties: PropertyTable, version: FlowJsonVersion): ReadonlyMap<string, ResolvedProperty> {
  let byVersion = cache.get(properties);
  if (!byVersion) cache.set(properties, (byVersion = new Map()));
  let map = byVersion.get(version);
  if (!map) {
    const built = new Map<string, ResolvedProperty>();
    for (const [name, spec] of Object.entries(properties)) {
      const p = resolveProperty(name, spec, version);
      if (p) built.set(name, p);
    }
    byVersion.set(version, (map = built));
  }
  return map;
}

const lists = new WeakMap<PropertyTable, Map<FlowJsonVersion, readonly ResolvedProperty[]>>();

/** Every property an owner has in `version`, in catalogue order; cached like the map (do not mutate). */
export function resolvePropertyList(properties: PropertyTable, version: FlowJsonVersion): readonly ResolvedProperty[] {
  let byVersion = lists.get(properties);
  if (!byVersion) lists.set(properties, (byVersion = new Map()));
  let list = byVersion.get(version);
  if (!list) byVersion.set(version, (list = [...resolvePropertyMap(properties, version).values()]));
  return list;
}

/** Every property an owner has in `version`. */
export function resolveProperties(properties: PropertyTable, version: FlowJsonVersion): readonly ResolvedProperty[] {
  return [...resolvePropertyMap(properties, version).values()];
}

export function maxPerScreen(spec: ComponentSpec, version: FlowJsonVersion): number | undefined {
  let max = spec.maxPerScreen;
  for (const o of spec.maxPerScreenOverrides ?? []) if (inRange(version, o.versions)) max = o.max;
  return max;
}
