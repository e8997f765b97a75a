import { FLOW_SPEC, getActionSpec, getComponentSpec, componentSpecsFor, resolvePropertyMap, SCREEN_SPEC } from '../catalogue/index.js';
import type { PropertySpec, ValueSpec } from '../catalogue/index.js';
import { pointerTokens } from '../diagnostics.js';
import { isRecord } from '../validate/json-type.js';
import { matchesKind } from '../validate/model.js';
import type { FlowJsonVersion } from '../versions.js';

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one substring):
 * insertions, deletions, substitutions and swaps of two neighbours cost 1. Capped: anything above
 * `max` is returned as max + 1.
 */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return Math.min(rows[a.length]![b.length]!, max + 1);
}

/**
 * The one known name `name` is a slip of, if any: case-insensitively within two edits (and no
 * more edits than half the shorter name's length), with every other name strictly farther.
 * A name that differs only in case is at distance 0.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const k of known) {
    if (k === name) return undefined; // not a slip at all
    const d = editDistance(lower, k.toLowerCase());
    if (d > 2 || 2 * d > Math.min(name.length, k.length)) continue;
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** Component types that exist in a version. */
export function componentTypes(version: FlowJsonVersion): string[] {
  return componentSpecsFor(version).map((c) => c.type);
}

type PropertyTable = Readonly<Record<string, PropertySpec>>;

/** An object's catalogue entry: its property table and what it says about other keys. */
export interface ObjectEntry {
  readonly properties: PropertyTable;
  readonly additional: boolean | ValueSpec;
}

let screens: ValueSpec | undefined;
/** The flow's `screens` with each item a screen (the conformance rule special-cases them the same way). */
const screensSpec = (): ValueSpec => (screens ??= { kind: 'array', items: { kind: 'object', properties: SCREEN_SPEC.properties } });

/**
 * The catalogue entry of the object at `pointer`, found by walking the document from the root
 * through the catalogue as the conformance rule does (screens, components by type, actions by
 * name, `oneOf` by the value's kind). Undefined where the catalogue does not describe the object
 * (free-form payloads, data models, unknown components).
 */
export function objectEntryAt(root: unknown, pointer: string, version: FlowJsonVersion): ObjectEntry | undefined {
  let value: unknown = root;
  let spec: ValueSpec | 'component' = { kind: 'object', properties: FLOW_SPEC.properties };
  for (const token of pointerTokens(pointer)) {
    const entry = entryOf(spec, value);
    if (entry) {
      if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, token)) return undefined;
      const next = value[token];
      const prop = value === root && token === 'screens' ? screensSpec() : resolvePropertyMap(entry.properties, version).get(token)?.value;
      spec = prop ?? (typeof entry.additional === 'object' ? entry.additional : undefined) ?? { kind: 'any' };
      value = next;
      continue;
    }
    const current = unwrap(spec, value);
    if (current === 'component' || !Array.isArray(value)) return undefined;
    const index = Number(token);
    if (!/^(0|[1-9]\d*)$/.test(token) || index >= value.length) return undefined;
    value = value[index];
    if (current.kind === 'array') spec = current.items;
    else if (current.kind === 'components') spec = 'component';
    else return undefined;
  }
  return entryOf(spec, value);
}

function unwrap(spec: ValueSpec | 'component', value: unknown): ValueSpec | 'component' {
  if (spec !== 'component' && spec.kind === 'oneOf') return spec.options.find((o) => matchesKind(value, o)) ?? spec;
  return spec;
}

function entryOf(spec: ValueSpec | 'component', value: unknown): ObjectEntry | undefined {
  const s = unwrap(spec, value);
  if (!isRecord(value)) return undefined;
  if (s === 'component') {
    const type = value['type'];
    const component = typeof type === 'string' ? getComponentSpec(type) : undefined;
    return component ? { properties: component.properties, additional: false } : undefined;
  }
  if (s.kind === 'object') return { properties: s.properties, additional: s.additionalProperties ?? false };
  if (s.kind === 'action') {
    const name = value['name'];
    const action = typeof name === 'string' ? getActionSpec(name) : undefined;
    return action ? { properties: action.properties, additional: false } : undefined;
  }
  return undefined;
}
