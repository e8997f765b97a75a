import { getComponentSpec, resolvePropertyMap } from '../catalogue/index.js';
import { parseDataModel } from '../data-model/index.js';
import { childPointer, pointerTokens, type Diagnostic, type Fix } from '../diagnostics.js';
import type { ParsedJson } from '../parse/types.js';
import { hasOwn, isRecord } from '../validate/json-type.js';
import { buildModel, type FlowModel } from '../validate/model.js';
import type { ValidateOptions, ValidationResult } from '../validate/types.js';
import { navigations } from '../validate/walk.js';
import { compareVersions, isFlowJsonVersion, MIN_PUBLISHABLE_VERSION, type FlowJsonVersion } from '../versions.js';
import { exampleFor } from './examples.js';
import { JsonEditor } from './json-edit.js';
import { closestName, componentTypes, objectEntryAt } from './spelling.js';
import type { LineIndex } from './text.js';

/** What the fix producers read: the text, its parse, an editor on it and the flow model (built on first use). */
export class FixContext {
  readonly root: Readonly<Record<string, unknown>> | undefined;
  readonly version: FlowJsonVersion | undefined;
  private editorCache: JsonEditor | undefined;
  private modelCache: FlowModel | null | undefined;

  constructor(readonly text: string, readonly parsed: ParsedJson, result: ValidationResult, readonly options: ValidateOptions) {
    this.root = isRecord(parsed.value) ? parsed.value : undefined;
    this.version = result.version;
  }

  get editor(): JsonEditor {
    return (this.editorCache ??= new JsonEditor(this.text, this.parsed));
  }

  get index(): LineIndex {
    return this.editor.index;
  }

  get model(): FlowModel | undefined {
    if (this.modelCache === undefined) this.modelCache = this.root && this.version ? buildModel(this.root, this.version) : null;
    return this.modelCache ?? undefined;
  }
}

/** Codes some producer may fix (and any message about `__example__`): others cost nothing. */
const FIXABLE = new Set(['MISSING_REQUIRED_PROPERTY', 'INVALID_ROUTING_MODEL', 'INVALID_PROPERTY_VALUE', 'INVALID_PROPERTY_KEY', 'DEPRECATED_FLOW_JSON_VERSION']);

export function mayBeFixable(d: Diagnostic): boolean {
  return FIXABLE.has(d.code) || d.message.includes('__example__');
}

/** Candidate fixes for one diagnostic, best first; the caller keeps the first that checks out. */
export type FixProducer = (d: Diagnostic, ctx: FixContext) => readonly Fix[];

const none: readonly Fix[] = [];

function fix(title: string, edit: Fix['edits'][number] | undefined): Fix[] {
  return edit ? [{ title, edits: [edit] }] : [];
}

// --- routing_model --------------------------------------------------------------------------

type Graph = Map<string, string[]>;

/** Screen ids in document order (first of duplicates) with their navigate targets: other existing screens, deduplicated. */
function navigateGraph(model: FlowModel): Graph {
  const graph: Graph = new Map();
  for (const s of model.screens) if (s.id !== undefined && model.screenById.get(s.id) === s) graph.set(s.id, []);
  for (const [id, edges] of graph) {
    for (const { target } of navigations(model.screenById.get(id)!)) {
      if (target !== id && graph.has(target) && !edges.includes(target)) edges.push(target);
    }
  }
  return graph;
}

/** The declared routing model as a graph over existing screens. */
function declaredGraph(declared: Readonly<Record<string, unknown>>, known: ReadonlySet<string>): Graph {
  const graph: Graph = new Map();
  for (const [source, targets] of Object.entries(declared)) {
    if (!known.has(source)) continue;
    graph.set(source, Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string' && known.has(t)) : []);
  }
  return graph;
}

function reaches(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === to) return true;
    for (const next of graph.get(node) ?? []) if (!seen.has(next)) { seen.add(next); stack.push(next); }
  }
  return false;
}

/** Adds edge a→b unless it would close a cycle (a back-edge included); says whether it did. */
function addForward(graph: Graph, a: string, b: string): boolean {
  if (a === b || reaches(graph, b, a)) return false;
  const edges = graph.get(a);
  if (edges) {
    if (!edges.includes(b)) edges.push(b);
  } else graph.set(a, [b]);
  return true;
}

function connected(graph: Graph): boolean {
  const ids = [...graph.keys()];
  if (ids.length < 2) return true;
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [a, targets] of graph) for (const b of targets) { neighbours.get(a)?.push(b); neighbours.get(b)?.push(a); }
  const seen = new Set([ids[0]!]);
  const stack = [ids[0]!];
  while (stack.length > 0) for (const n of neighbours.get(stack.pop()!) ?? []) if (!seen.has(n)) { seen.add(n); stack.push(n); }
  return seen.size === ids.length;
}

/**
 * routing_model required (data_api_version is set) but absent: write it from the navigate
 * actions, the only routes known without running the endpoint. Offered only when that graph is
 * by itself a valid routing model (no loop or back route, every screen connected): a screen
 * reached only through data_exchange would otherwise be left out, and only its author knows where
 * the endpoint sends the user.
 */
const generateRoutingModel: FixProducer = (d, ctx) => {
  if (d.code !== 'MISSING_REQUIRED_PROPERTY' || d.pointer !== '' || !d.message.includes('routing_model')) return none;
  const model = ctx.model;
  if (!model || !ctx.root || ctx.root['routing_model'] !== undefined) return none;
  const graph = navigateGraph(model);
  if (graph.size === 0 || !connected(graph)) return none;
  const acyclic: Graph = new Map([...graph.keys()].map((id) => [id, []]));
  for (const [a, targets] of graph) for (const b of targets) if (!addForward(acyclic, a, b)) return none;
  const value: Record<string, string[]> = {};
  for (const [id, targets] of graph) value[id] = targets;
  const after = hasOwn(ctx.root, 'data_api_version') ? 'data_api_version' : hasOwn(ctx.root, 'version') ? 'version' : undefined;
  return fix('Add routing_model built from the navigate actions', ctx.editor.insertMembers('', [['routing_model', value]], after));
};

/**
 * Screens missing from a declared routing_model: add every screen that is not a key, with its
 * navigate targets (those that keep the routes forward; the others stay reported). A screen
 * named only as a destination gets its key too: the model then says every screen's routes.
 */
const addMissingScreens: FixProducer = (d, ctx) => {
  if (d.code !== 'INVALID_ROUTING_MODEL' || d.pointer !== '/routing_model') return none;
  const model = ctx.model;
  const declared = ctx.root?.['routing_model'];
  if (!model || !isRecord(declared)) return none;
  const nav = navigateGraph(model);
  const graph = declaredGraph(declared, new Set(nav.keys()));
  const missing = [...nav.keys()].filter((id) => !hasOwn(declared, id));
  if (missing.length === 0) return none;
  const entries = missing.map((id): [string, string[]] => [id, nav.get(id)!.filter((t) => addForward(graph, id, t))]);
  return fix(`Add ${missing.join(', ')} to routing_model`, ctx.editor.insertMembers('/routing_model', entries));
};

/** A navigate action's route missing from the declared routing_model: add it, if it goes forward. */
const addMissingRoute: FixProducer = (d, ctx) => {
  if (d.code !== 'INVALID_ROUTING_MODEL') return none;
  const m = /^\/screens\/(\d+)\/.+\/next\/name$/.exec(d.pointer);
  const model = ctx.model;
  const declared = ctx.root?.['routing_model'];
  if (!m || !model || !isRecord(declared)) return none;
  const screen = model.screens.find((s) => s.index === Number(m[1]));
  const target = ctx.editor.valueAt(d.pointer);
  if (!screen?.id || typeof target !== 'string' || model.screenById.get(screen.id) !== screen || !model.screenById.has(target)) return none;
  const source = screen.id;
  const graph = declaredGraph(declared, new Set(model.screenById.keys()));
  if (!addForward(graph, source, target)) return none;
  const routes = declared[source];
  const title = `Add route ${source} → ${target} to routing_model`;
  if (routes === undefined) return fix(title, ctx.editor.insertMembers('/routing_model', [[source, [target]]]));
  if (!Array.isArray(routes) || routes.includes(target)) return none;
  return fix(title, ctx.editor.appendElement(childPointer('/routing_model', source), target));
};

// --- __example__ ----------------------------------------------------------------------------

/**
 * A top-level screen data field without `__example__` (reported at the field or at its
 * `__example__`, the message naming `__example__`; INVALID_SCREEN_DATA today, matched by pointer
 * and the document rather than by code): add one built from the declared type.
 */
const addExample: FixProducer = (d, ctx) => {
  const m = /^(\/screens\/\d+\/data\/[^/]+)(?:\/__example__)?$/.exec(d.pointer);
  if (!m || !d.message.includes('__example__')) return none;
  const field = pointerTokens(m[1]!).at(-1)!;
  const decl = ctx.editor.valueAt(m[1]!);
  if (!isRecord(decl) || Object.prototype.hasOwnProperty.call(decl, '__example__')) return none;
  const shape = parseDataModel({ [field]: decl }, { requireExamples: false }).shape?.properties?.[field];
  if (!shape) return none;
  return fix(`Add an __example__ to '${field}'`, ctx.editor.insertMembers(m[1]!, [['__example__', exampleFor(shape)]]));
};

// --- misspelt names -------------------------------------------------------------------------

/**
 * An unknown component type one slip away from exactly one component of the version. The
 * component's properties were not checked while its type was unknown; when the right type shows
 * misspelt property names too, a second candidate also renames those (each one slip away from
 * exactly one property of that component).
 */
const fixComponentType: FixProducer = (d, ctx) => {
  if (d.code !== 'INVALID_PROPERTY_VALUE' || !d.pointer.endsWith('/type') || !ctx.version) return none;
  const owner = d.pointer.slice(0, -'/type'.length);
  const type = ctx.editor.valueAt(d.pointer);
  const component = ctx.editor.valueAt(owner);
  if (typeof type !== 'string' || !isRecord(component) || getComponentSpec(type)) return none;
  if (!ctx.model?.screens.some((s) => s.components.some((c) => c.pointer === owner))) return none;
  const name = closestName(type, componentTypes(ctx.version));
  const edit = name && ctx.editor.replaceValue(d.pointer, name);
  if (!name || !edit) return none;
  const title = `Change '${type}' to '${name}'`;
  const out: Fix[] = [{ title, edits: [edit] }];
  const known = resolvePropertyMap(getComponentSpec(name)!.properties, ctx.version);
  const renames: [string, string][] = [];
  for (const key of Object.keys(component)) {
    if (key === 'type' || known.has(key) || Object.prototype.hasOwnProperty.call(getComponentSpec(name)!.properties, key)) continue;
    const to = closestName(key, known.keys());
    if (to && !hasOwn(component, to) && !renames.some(([, t]) => t === to)) renames.push([key, to]);
  }
  const edits = renames.map(([from, to]) => ctx.editor.renameKey(childPointer(owner, from), to));
  if (renames.length > 0 && edits.every((e) => e !== undefined)) {
    const also = renames.map(([from, to]) => `'${from}' to '${to}'`).join(', ');
    out.push({ title: `${title} and rename ${also}`, edits: [edit, ...edits] });
  }
  return out;
};

/** An unknown property name one slip away from exactly one property its owner has in the version. */
const fixPropertyName: FixProducer = (d, ctx) => {
  if (d.code !== 'INVALID_PROPERTY_KEY' || d.pointer === '' || !ctx.version) return none;
  const owner = d.pointer.slice(0, d.pointer.lastIndexOf('/'));
  const key = pointerTokens(d.pointer).at(-1)!;
  const object = ctx.editor.valueAt(owner);
  const entry = objectEntryAt(ctx.root, owner, ctx.version);
  if (!isRecord(object) || !entry || entry.additional === true) return none;
  // A property of another version is not a slip: the message says to change "version".
  if (Object.prototype.hasOwnProperty.call(entry.properties, key)) return none;
  const name = closestName(key, resolvePropertyMap(entry.properties, ctx.version).keys());
  if (!name || Object.prototype.hasOwnProperty.call(object, name)) return none;
  return fix(`Rename '${key}' to '${name}'`, ctx.editor.renameKey(d.pointer, name));
};

// --- version --------------------------------------------------------------------------------

/** A deprecated version: move to the oldest publishable one, when the flow is valid there too. */
const bumpVersion: FixProducer = (d, ctx) => {
  if (d.code !== 'DEPRECATED_FLOW_JSON_VERSION' || d.pointer !== '/version') return none;
  const version = ctx.root?.['version'];
  if (!isFlowJsonVersion(version) || compareVersions(version, MIN_PUBLISHABLE_VERSION) >= 0) return none;
  return fix(`Change version to "${MIN_PUBLISHABLE_VERSION}"`, ctx.editor.replaceValue('/version', MIN_PUBLISHABLE_VERSION));
};

export const PRODUCERS: readonly FixProducer[] = [
  generateRoutingModel,
  addMissingScreens,
  addMissingRoute,
  addExample,
  fixComponentType,
  fixPropertyName,
  bumpVersion,
];
