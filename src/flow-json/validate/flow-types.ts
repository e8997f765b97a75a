import { parseDataModel, shapeToExprType } from '../data-model/index.js';
import type { DataModelResult, DataShape } from '../data-model/index.js';
import { createTypeEnv, parseCondition, parseDynamic } from '../expressions/index.js';
import type { DynamicParseResult, ExprType, ScopeTypes, TypeEnv } from '../expressions/index.js';
import { formValueOf } from '../catalogue/index.js';
import type { ValueSpec } from '../catalogue/index.js';
import { hasOwn, isRecord } from './json-type.js';
import type { ComponentNode, FlowModel, ScreenNode } from './model.js';

// Shared, memoised views of a flow that several rules need: each screen's data model and form
// fields, and parsed `${...}` strings. Keyed by the model's own objects, so they live exactly as
// long as one validation and every rule pays the parsing cost once.

/** Everything derived from one screen, computed on first use. */
interface ScreenViews {
  dataModel?: DataModelResult | null;
  formFields?: Map<string, ComponentNode>;
  scope?: ScopeTypes;
  env?: TypeEnv;
}

const views = new WeakMap<ScreenNode, ScreenViews>();
const globalScopes = new WeakMap<FlowModel, Record<string, ScopeTypes>>();

function viewsOf(screen: ScreenNode): ScreenViews {
  let v = views.get(screen);
  if (!v) views.set(screen, (v = {}));
  return v;
}

/** The screen's parsed `data` declaration; undefined when the screen declares none (or not an object). */
export function dataModelOf(screen: ScreenNode): DataModelResult | undefined {
  const v = viewsOf(screen);
  let cached = v.dataModel;
  if (cached === undefined) {
    const declared = screen.value['data'];
    cached = hasOwn(screen.value, 'data') && isRecord(declared) ? parseDataModel(declared, { requireExamples: false }) : null;
    v.dataModel = cached;
  }
  return cached ?? undefined;
}

/** The declared top-level data fields of a screen (empty when it declares none). */
export function dataFieldsOf(screen: ScreenNode): Readonly<Record<string, DataShape>> {
  return dataModelOf(screen)?.shape?.properties ?? {};
}

/**
 * Input components of a screen by `name` (first one wins; duplicates are form-names' business).
 * A named component of an unknown type counts too, with an unknown value type: its type is
 * already reported, and references to it would only repeat that one mistake.
 */
export function formFieldsOf(screen: ScreenNode): ReadonlyMap<string, ComponentNode> {
  const v = viewsOf(screen);
  let cached = v.formFields;
  if (!cached) {
    cached = new Map();
    for (const c of screen.components) {
      const name = c.value['name'];
      if ((c.spec === undefined || c.spec.formValue) && typeof name === 'string' && !cached.has(name)) cached.set(name, c);
    }
    v.formFields = cached;
  }
  return cached;
}

function scalarType(t: string): ExprType {
  return t === 'array' ? { kind: 'array', items: { kind: 'unknown' } } : t === 'object' ? { kind: 'object', fields: {}, open: true } : ({ kind: t } as ExprType);
}

/**
 * The type of `${form.<name>}` for an input: the catalogue's `formValueOf`, the same function the
 * runtime stores values by (TextInput `input-type: "number"` is a number, CalendarPicker ranges are
 * objects).
 */
export function formValueType(c: ComponentNode): ExprType | undefined {
  const spec = c.spec;
  if (spec === undefined) return { kind: 'unknown' };
  const chosen = formValueOf(spec, c.value);
  if (!chosen) return undefined;
  if (chosen.type === 'array') return { kind: 'array', items: chosen.items ? scalarType(chosen.items) : { kind: 'unknown' } };
  return scalarType(chosen.type);
}

function scopeOf(screen: ScreenNode): ScopeTypes {
  const v = viewsOf(screen);
  if (v.scope) return v.scope;
  const form: Record<string, ExprType> = {};
  for (const [name, c] of formFieldsOf(screen)) {
    const t = formValueType(c);
    if (!t) continue;
    // An input named "__proto__" must become a field, not the object's prototype.
    if (name === '__proto__') Object.defineProperty(form, name, { value: t, enumerable: true });
    else form[name] = t;
  }
  const data = dataModelOf(screen)?.shape;
  return (v.scope = data ? { data, form } : { form });
}

/** Every screen's scope by id, computed only when a `${screen.<id>...}` reference asks for it. */
function globalScope(model: FlowModel): Record<string, ScopeTypes> {
  let cached = globalScopes.get(model);
  if (!cached) {
    const out: Record<string, ScopeTypes> = {};
    for (const [id, screen] of model.screenById) Object.defineProperty(out, id, { enumerable: true, get: () => scopeOf(screen) });
    cached = out;
    globalScopes.set(model, cached);
  }
  return cached;
}

/** Types of `${data...}`, `${form...}` and `${screen.<id>...}` as seen from a screen. */
export function typeEnvOf(model: FlowModel, screen: ScreenNode): TypeEnv {
  const v = viewsOf(screen);
  return (v.env ??= createTypeEnv({ ...scopeOf(screen), screens: globalScope(model) }));
}

interface ParseMemo {
  readonly dynamic: Map<string, DynamicParseResult>;
  readonly condition: Map<string, DynamicParseResult>;
}
const parses = new WeakMap<FlowModel, ParseMemo>();

/**
 * Parses a property string (or an If condition) once per validation: several rules read the same
 * strings. Deliberately not shared across validations, so each call pays its own way.
 */
export function parseCached(model: FlowModel, source: string, condition = false): DynamicParseResult {
  let memo = parses.get(model);
  if (!memo) parses.set(model, (memo = { dynamic: new Map(), condition: new Map() }));
  const map = condition ? memo.condition : memo.dynamic;
  let parsed = map.get(source);
  if (!parsed) {
    parsed = condition ? parseCondition(source, { version: model.version }) : parseDynamic(source, { version: model.version });
    map.set(source, parsed);
  }
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
