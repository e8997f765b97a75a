// The document as the visual editor shows it: the version it is edited in, each screen's tree of
// components (the lists that hold them — layout children, Form children, If branches, Switch
// cases — with the types each list takes, as flow-places reads them from the catalogue), and
// where a component added from the palette goes.
import { getComponentSpec, isFlowJsonVersion, LATEST_FLOW_JSON_VERSION, resolvePropertyList, routingGraph } from '../../../../src/flow-json/index.js';
import type { ComponentSpec, FlowJsonVersion } from '../../../../src/flow-json/index.js';
import { childPointer } from '../../../../src/flow-json/diagnostics.js';
import { placeAt } from '../flow-places.js';
import type { PathSegment } from '../json-scan.js';
import type { PlaceholderContext } from './placeholders.js';

export type Path = readonly PathSegment[];

export const pointerOf = (path: Path): string => path.reduce<string>((p, seg) => childPointer(p, seg), '');
export const samePath = (a: Path | undefined, b: Path | undefined): boolean => a !== undefined && b !== undefined && a.length === b.length && a.every((s, i) => s === b[i]);

export const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The value at a path (undefined when absent). */
export function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const seg of path) {
    if (typeof seg === 'number') value = Array.isArray(value) ? value[seg] : undefined;
    else value = record(value) !== undefined && Object.prototype.hasOwnProperty.call(value, seg) ? (value as Record<string, unknown>)[seg] : undefined;
  }
  return value;
}

/** The version the editor is set to, else the document's own, else the latest. */
export function versionOf(flow: unknown, override: FlowJsonVersion | undefined): FlowJsonVersion {
  if (override !== undefined) return override;
  const written = record(flow)?.['version'];
  return isFlowJsonVersion(written) ? written : LATEST_FLOW_JSON_VERSION;
}

export interface ComponentNode {
  readonly path: Path;
  readonly type: string;
  /** A short summary: the label, text or name written on it. */
  readonly summary: string;
  readonly spec: ComponentSpec | undefined;
  readonly lists: ComponentList[];
}

export interface ComponentList {
  readonly path: Path;
  /** "children", "then", "cases › gold"… */
  readonly label: string;
  /** Types the list takes; undefined: any component of the version. */
  readonly allowed: readonly string[] | undefined;
  readonly items: ComponentNode[];
}

function summaryOf(c: Record<string, unknown>): string {
  for (const key of ['label', 'text', 'name', 'condition', 'value']) {
    const v = c[key];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v.join(' ');
    if (record(v) !== undefined && key === 'label') return Object.values(v as object).filter((x) => typeof x === 'string').join(' / ');
  }
  return '';
}

function listAt(root: unknown, path: Path, label: string, version: FlowJsonVersion, depth: number): ComponentList | undefined {
  const items = valueAt(root, path);
  if (!Array.isArray(items)) return undefined;
  const place = placeAt(root, path as PathSegment[], version);
  const allowed = place.kind === 'components' ? place.allowed : undefined;
  return { path, label, allowed, items: items.map((_, i) => nodeAt(root, [...path, i], version, depth + 1)) };
}

function nodeAt(root: unknown, path: Path, version: FlowJsonVersion, depth: number): ComponentNode {
  const c = record(valueAt(root, path)) ?? {};
  const type = typeof c['type'] === 'string' ? c['type'] : '?';
  const spec = getComponentSpec(type);
  const lists: ComponentList[] = [];
  if (spec !== undefined && depth < 20) {
    for (const p of resolvePropertyList(spec.properties, version)) {
      if (p.value.kind === 'components') {
        const list = listAt(root, [...path, p.name], p.name, version, depth);
        if (list) lists.push(list);
      } else if (p.value.kind === 'object' && typeof p.value.additionalProperties === 'object' && p.value.additionalProperties.kind === 'components') {
        for (const key of Object.keys(record(c[p.name]) ?? {})) {
          const list = listAt(root, [...path, p.name, key], `${p.name} › ${key}`, version, depth);
          if (list) lists.push(list);
        }
      }
    }
  }
  return { path, type, summary: summaryOf(c), spec, lists };
}

/** A screen's components, from its layout's children down. */
export function screenTree(root: unknown, screen: number, version: FlowJsonVersion): ComponentList | undefined {
  return listAt(root, ['screens', screen, 'layout', 'children'], 'children', version, 0);
}

/** Every list of the tree, depth first. */
export function allLists(list: ComponentList): ComponentList[] {
  return [list, ...list.items.flatMap((n) => n.lists.flatMap(allLists))];
}

export function findNode(list: ComponentList, path: Path): ComponentNode | undefined {
  for (const n of list.items) {
    if (samePath(n.path, path)) return n;
    for (const l of n.lists) {
      const found = findNode(l, path);
      if (found) return found;
    }
  }
  return undefined;
}

const takes = (list: ComponentList, type: string): boolean => list.allowed === undefined || list.allowed.includes(type);

/** Before a trailing Footer: new content goes above the screen's button. */
function endOf(list: ComponentList): number {
  const last = list.items.at(-1);
  return last?.type === 'Footer' ? list.items.length - 1 : list.items.length;
}

/**
 * Where "Add" puts a component of `type`: into the selected container, else after the selected
 * component, else at the end of the screen (inside its Form for inputs, when it has one) —
 * always above a closing Footer and only in a list that takes the type.
 */
export function defaultTarget(tree: ComponentList, selected: Path | undefined, type: string): { list: ComponentList; index: number } | undefined {
  const spec = getComponentSpec(type);
  const node = selected === undefined ? undefined : findNode(tree, selected);
  if (node !== undefined) {
    const inside = node.lists.find((l) => takes(l, type));
    if (inside) return { list: inside, index: type === 'Footer' ? inside.items.length : endOf(inside) };
    const parent = allLists(tree).find((l) => l.items.includes(node));
    if (parent && takes(parent, type)) return { list: parent, index: parent.items.indexOf(node) + 1 };
  }
  const form = tree.items.find((n) => n.type === 'Form')?.lists[0];
  const input = spec?.formValue !== undefined;
  if (form && input && takes(form, type)) return { list: form, index: endOf(form) };
  if (!takes(tree, type)) return undefined;
  return { list: tree, index: type === 'Footer' ? tree.items.length : endOf(tree) };
}

/** Every `name` a component has in the flow (new inputs get one that is not among them). */
export function namesIn(root: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 64 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const r = v as Record<string, unknown>;
    if (typeof r['type'] === 'string' && typeof r['name'] === 'string') names.add(r['name']);
    for (const x of Object.values(r)) visit(x, depth + 1);
  };
  visit(record(root)?.['screens'], 0);
  return names;
}

const EMPTY: Readonly<Record<string, unknown>> = { string: '', number: 0, integer: 0, boolean: false, array: [], object: {} };

/** A data model's fields with their `__example__` values (or an empty value of their type). */
function examplesOf(model: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries(record(model) ?? {})) {
    const d = record(decl);
    out[key] = d?.['__example__'] !== undefined ? d['__example__'] : EMPTY[String(d?.['type'])] ?? '';
  }
  return out;
}

export function placeholderContext(root: unknown, screen: number, version: FlowJsonVersion): PlaceholderContext {
  const s = record(valueAt(root, ['screens', screen]));
  const id = typeof s?.['id'] === 'string' ? s['id'] : undefined;
  const next = routingGraph(root).edges.find((e) => e.from === id && e.to !== id)?.to;
  const flow = record(root);
  const target = Array.isArray(flow?.['screens']) ? (flow['screens'] as unknown[]).find((x) => record(x)?.['id'] === next) : undefined;
  return {
    names: namesIn(root),
    terminal: s?.['terminal'] === true,
    ...(next === undefined ? {} : { next, nextPayload: examplesOf(record(target)?.['data']) }),
    endpoint: flow?.['routing_model'] !== undefined || flow?.['data_api_version'] !== undefined,
    version,
  };
}

/** The path of a JSON pointer in `root`: array indices as numbers, object keys as strings. */
export function pathOf(root: unknown, pointer: string): PathSegment[] {
  const path: PathSegment[] = [];
  let value = root;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg: PathSegment = Array.isArray(value) ? Number(token) : token;
    path.push(seg);
    value = valueAt(value, [seg]);
  }
  return path;
}

/** How many components of `type` the screen's tree holds (all branches counted). */
export function countOf(list: ComponentList, type: string): number {
  return list.items.reduce((n, node) => n + (node.type === type ? 1 : 0) + node.lists.reduce((m, l) => m + countOf(l, type), 0), 0);
}
