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

/** Every property an owner has in `version`. */
export function resolveProperties(
  properties: Readonly<Record<string, PropertySpec>>,
  version: FlowJsonVersion,
): ResolvedProperty[] {
  const out: ResolvedProperty[] = [];
  for (const [name, spec] of Object.entries(properties)) {
    const p = resolveProperty(name, spec, version);
    if (p) out.push(p);
  }
  return out;
}

export function maxPerScreen(spec: ComponentSpec, version: FlowJsonVersion): number | undefined {
  let max = spec.maxPerScreen;
  for (const o of spec.maxPerScreenOverrides ?? []) if (inRange(version, o.versions)) max = o.max;
  return max;
}
