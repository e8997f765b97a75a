import { parseDataModel, shapeToExprType } from '../data-model/index.js';
import type { DataModelResult, DataShape } from '../data-model/index.js';
import { createTypeEnv, parseCondition, parseDynamic } from '../expressions/index.js';
import type { DynamicParseResult, ExprType, ScopeTypes, TypeEnv } from '../expressions/index.js';
import type { ValueSpec } from '../catalogue/index.js';
import type { FlowJsonVersion } from '../versions.js';
import { hasOwn, isRecord } from './json-type.js';
import type { ComponentNode, FlowModel, ScreenNode } from './model.js';

// Shared, memoised views of a flow that several rules need: each screen's data model and form
// fields, and parsed `${...}` strings. Keyed by the model's own objects, so they live exactly as
// long as one validation and every rule pays the parsing cost once.

const dataModels = new WeakMap<ScreenNode, DataModelResult | null>();
const formFields = new WeakMap<ScreenNode, Map<string, ComponentNode>>();
const envs = new WeakMap<ScreenNode, TypeEnv>();
const globalScopes = new WeakMap<FlowModel, Record<string, ScopeTypes>>();

/** The screen's parsed `data` declaration; undefined when the screen declares none (or not an object). */
export function dataModelOf(screen: ScreenNode): DataModelResult | undefined {
  let cached = dataModels.get(screen);
  if (cached === undefined) {
    const declared = screen.value['data'];
    cached = hasOwn(screen.value, 'data') && isRecord(declared) ? parseDataModel(declared, { requireExamples: false }) : null;
    dataModels.set(screen, cached);
  }
  return cached ?? undefined;
}

/** The declared top-level data fields of a screen (empty when it declares none). */
export function dataFieldsOf(screen: ScreenNode): Readonly<Record<string, DataShape>> {
  return dataModelOf(screen)?.shape?.properties ?? {};
}

/** Input components of a screen by `name` (first one wins; duplicates are form-names' business). */
export function formFieldsOf(screen: ScreenNode): ReadonlyMap<string, ComponentNode> {
  let cached = formFields.get(screen);
  if (!cached) {
    cached = new Map();
    for (const c of screen.components) {
      const name = c.value['name'];
      if (c.spec?.formValue && typeof name === 'string' && !cached.has(name)) cached.set(name, c);
    }
    formFields.set(screen, cached);
  }
  return cached;
}

/** The type of `${form.<name>}` for an input, honouring variants such as CalendarPicker ranges. */
export function formValueType(c: ComponentNode): ExprType | undefined {
  const spec = c.spec;
  if (!spec?.formValue) return undefined;
  const variant = spec.formValueVariants?.find((v) => c.value[v.property] === v.equals);
  const chosen = variant ?? spec.formValue;
  const scalar = (t: string): ExprType => (t === 'array' ? { kind: 'array', items: { kind: 'unknown' } } : t === 'object' ? { kind: 'object', fields: {}, open: true } : ({ kind: t } as ExprType));
  if (chosen.type === 'array') return { kind: 'array', items: chosen.items ? scalar(chosen.items) : { kind: 'unknown' } };
  return scalar(chosen.type);
}

function scopeOf(screen: ScreenNode): ScopeTypes {
  const form: Record<string, ExprType> = {};
  for (const [name, c] of formFieldsOf(screen)) {
    const t = formValueType(c);
    if (t) Object.defineProperty(form, name, { value: t, enumerable: true });
  }
  const data = dataModelOf(screen)?.shape;
  return data ? { data, form } : { form };
}

/** Every screen's scope by id, computed only when a `${screen.<id>...}` reference asks for it. */
function globalScope(model: FlowModel): Record<string, ScopeTypes> {
  let cached = globalScopes.get(model);
  if (!cached) {
    const out: Record<string, ScopeTypes> = {};
    for (const [id, screen] of model.screenById) {
      let scope: ScopeTypes | undefined;
      Object.defineProperty(out, id, { enumerable: true, get: () => (scope ??= scopeOf(screen)) });
    }
    cached = out;
    globalScopes.set(model, cached);
  }
  return cached;
}

/** Types of `${data...}`, `${form...}` and `${screen.<id>...}` as seen from a screen. */
export function typeEnvOf(model: FlowModel, screen: ScreenNode): TypeEnv {
  let cached = envs.get(screen);
  if (!cached) {
    cached = createTypeEnv({ ...scopeOf(screen), screens: globalScope(model) });
    envs.set(screen, cached);
  }
  return cached;
}

const MAX_PARSE_CACHE = 2000;
const parses = new Map<string, DynamicParseResult>();

/** Parses a property string (or an If condition), memoised: the builder re-validates on every keystroke. */
export function parseCached(source: string, version: FlowJsonVersion, condition = false): DynamicParseResult {
  const key = `${condition ? 'c' : 'd'}${version}\u0000${source}`;
  const hit = parses.get(key);
  if (hit) return hit;
  const parsed = condition ? parseCondition(source, { version }) : parseDynamic(source, { version });
  if (parses.size >= MAX_PARSE_CACHE) parses.clear();
  parses.set(key, parsed);
  return parsed;
}

/** The expression type a catalogue value spec stands for, or undefined where anything goes. */
export function specToType(spec: ValueSpec): ExprType | undefined {
  switch (spec.kind) {
    case 'string':
      return spec.enum ? { kind: 'string', enum: spec.enum } : { kind: 'string' };
    case 'number':
      return spec.integer ? { kind: 'integer' } : { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'array', items: specToType(spec.items) ?? { kind: 'unknown' } };
    case 'object':
      return { kind: 'object', fields: {}, open: true };
    default:
      return undefined;
  }
}

/** The shape's expression type (for payload checks against a target screen). */
export function shapeType(shape: DataShape): ExprType {
  return shapeToExprType(shape);
}

/** Whether a value holds a `${...}` string anywhere (its type is then known only per reference). */
export function containsDynamic(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (depth > 32) return false;
  if (Array.isArray(value)) return value.some((v) => containsDynamic(v, depth + 1));
  if (isRecord(value)) return Object.values(value).some((v) => containsDynamic(v, depth + 1));
  return false;
}
