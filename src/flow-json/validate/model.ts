import { getActionSpec, getComponentSpec, resolvePropertyMap, SCREEN_SPEC } from '../catalogue/index.js';
import type { ActionName, ComponentSpec, ResolvedProperty, ValueSpec } from '../catalogue/index.js';
import { childPointer } from '../diagnostics.js';
import type { FlowJsonVersion } from '../versions.js';
import { hasOwn, isRecord } from './json-type.js';

/** A branch of an If (then/else) or a Switch case that a component sits in. */
export interface BranchRef {
  readonly owner: ComponentNode;
  readonly branch: string;
}

export interface ComponentNode {
  readonly type: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly pointer: string;
  /** Undefined for a type the catalogue does not know. */
  readonly spec: ComponentSpec | undefined;
  readonly screen: ScreenNode;
  readonly parent: ComponentNode | undefined;
  /** The nearest enclosing Form component. */
  readonly form: ComponentNode | undefined;
  /** Conditional branches around this component, outermost first. */
  readonly branches: readonly BranchRef[];
}

export interface ActionNode {
  readonly name: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly pointer: string;
  /** The property holding the action, e.g. "on-click-action". */
  readonly property: string;
  readonly allowed: readonly ActionName[];
  readonly component: ComponentNode | undefined;
  readonly screen: ScreenNode;
}

/** A string value holding `${...}`: a dynamic reference, expression or template. */
export interface DynamicValue {
  readonly pointer: string;
  readonly source: string;
  /** The catalogue property it fills; undefined inside free-form payloads. */
  readonly property: ResolvedProperty | undefined;
  /** The shape expected at this place (the property's value spec, or the item spec inside it). */
  readonly expected: ValueSpec | undefined;
  readonly component: ComponentNode | undefined;
  /** Set when the string sits inside an action's payload. */
  readonly action: ActionNode | undefined;
  readonly screen: ScreenNode;
}

export interface ScreenNode {
  readonly id: string | undefined;
  readonly index: number;
  readonly pointer: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly terminal: boolean;
  readonly components: ComponentNode[];
  readonly actions: ActionNode[];
  readonly dynamics: DynamicValue[];
}

export interface FlowModel {
  readonly root: Readonly<Record<string, unknown>>;
  readonly version: FlowJsonVersion;
  readonly screens: readonly ScreenNode[];
  /** First screen with each id (duplicates are a rule's business). */
  readonly screenById: ReadonlyMap<string, ScreenNode>;
  readonly dataApiVersion: unknown;
  readonly routingModel: unknown;
}

interface Place {
  readonly screen: ScreenNode;
  readonly component: ComponentNode | undefined;
  readonly form: ComponentNode | undefined;
  readonly branches: readonly BranchRef[];
  readonly property: ResolvedProperty | undefined;
  readonly action: ActionNode | undefined;
  /** The name of the property holding the value, for actions. */
  readonly key: string;
}

/** Indexes a flow once so every rule reads screens, components, actions and dynamic strings directly. */
export function buildModel(root: Readonly<Record<string, unknown>>, version: FlowJsonVersion): FlowModel {
  const screens: ScreenNode[] = [];
  const screenById = new Map<string, ScreenNode>();
  const list = root['screens'];
  if (Array.isArray(list)) {
    list.forEach((value: unknown, index) => {
      if (!isRecord(value)) return;
      const id = typeof value['id'] === 'string' ? value['id'] : undefined;
      const screen: ScreenNode = {
        id,
        index,
        pointer: `/screens/${index}`,
        value,
        terminal: value['terminal'] === true,
        components: [],
        actions: [],
        dynamics: [],
      };
      screens.push(screen);
      if (id !== undefined && !screenById.has(id)) screenById.set(id, screen);
      const place: Place = { screen, component: undefined, form: undefined, branches: [], property: undefined, action: undefined, key: '' };
      for (const prop of resolvePropertyMap(SCREEN_SPEC.properties, version).values()) {
        if (prop.value.kind === 'data-model' || !hasOwn(value, prop.name)) continue;
        descend(value[prop.name], prop.value, childPointer(screen.pointer, prop.name), { ...place, property: prop, key: prop.name }, version);
      }
    });
  }
  return { root, version, screens, screenById, dataApiVersion: root['data_api_version'], routingModel: root['routing_model'] };
}

function descend(value: unknown, spec: ValueSpec, pointer: string, place: Place, version: FlowJsonVersion): void {
  if (typeof value === 'string') {
    if (value.includes('${')) {
      place.screen.dynamics.push({
        pointer,
        source: value,
        property: place.property,
        expected: spec,
        component: place.component,
        action: place.action,
        screen: place.screen,
      });
    }
    return;
  }
  switch (spec.kind) {
    case 'components':
      if (Array.isArray(value)) value.forEach((item, i) => visitComponent(item, childPointer(pointer, i), place, version));
      return;
    case 'action':
      if (isRecord(value)) visitAction(value, pointer, spec.actions, place, version);
      return;
    case 'object':
      if (!isRecord(value)) return;
      for (const [key, child] of Object.entries(value)) {
        const prop = spec.properties[key];
        const childSpec = prop ? prop.value : typeof spec.additionalProperties === 'object' ? spec.additionalProperties : { kind: 'any' as const };
        descend(child, childSpec, childPointer(pointer, key), { ...place, key }, version);
      }
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, i) => descend(item, spec.items, childPointer(pointer, i), place, version));
      return;
    case 'oneOf': {
      const option = spec.options.find((o) => matchesKind(value, o));
      if (option) descend(value, option, pointer, place, version);
      return;
    }
    case 'any':
      // Free-form values (payloads, init-values): still index their dynamic strings.
      if (Array.isArray(value)) value.forEach((item, i) => descend(item, spec, childPointer(pointer, i), { ...place, property: undefined }, version));
      else if (isRecord(value)) for (const [k, v] of Object.entries(value)) descend(v, spec, childPointer(pointer, k), { ...place, property: undefined }, version);
      return;
    default:
      return;
  }
}

function visitComponent(value: unknown, pointer: string, place: Place, version: FlowJsonVersion): void {
  if (!isRecord(value) || typeof value['type'] !== 'string') return;
  const type = value['type'];
  const spec = getComponentSpec(type);
  const node: ComponentNode = {
    type,
    value,
    pointer,
    spec,
    screen: place.screen,
    parent: place.component,
    form: place.form,
    branches: place.branches,
  };
  place.screen.components.push(node);
  if (!spec) return;
  const conditional = spec.category === 'conditional';
  for (const prop of resolvePropertyMap(spec.properties, version).values()) {
    if (!hasOwn(value, prop.name)) continue;
    const childPlace: Place = {
      screen: place.screen,
      component: node,
      form: type === 'Form' ? node : place.form,
      branches: place.branches,
      property: prop,
      action: place.action,
      key: prop.name,
    };
    if (conditional && prop.value.kind === 'components') {
      descend(value[prop.name], prop.value, childPointer(pointer, prop.name), { ...childPlace, branches: [...place.branches, { owner: node, branch: prop.name }] }, version);
    } else if (conditional && prop.value.kind === 'object' && isRecord(value[prop.name])) {
      // Switch cases: one branch per key.
      for (const [key, branch] of Object.entries(value[prop.name] as Record<string, unknown>)) {
        const branchSpec = typeof prop.value.additionalProperties === 'object' ? prop.value.additionalProperties : prop.value.properties[key]?.value;
        if (!branchSpec) continue;
        descend(branch, branchSpec, childPointer(childPointer(pointer, prop.name), key), { ...childPlace, branches: [...place.branches, { owner: node, branch: `${prop.name}.${key}` }] }, version);
      }
    } else {
      descend(value[prop.name], prop.value, childPointer(pointer, prop.name), childPlace, version);
    }
  }
}

function visitAction(value: Record<string, unknown>, pointer: string, allowed: readonly ActionName[], place: Place, version: FlowJsonVersion): void {
  const name = typeof value['name'] === 'string' ? value['name'] : '';
  const action: ActionNode = { name, value, pointer, property: place.key, allowed, component: place.component, screen: place.screen };
  place.screen.actions.push(action);
  const spec = getActionSpec(name);
  if (!spec) return;
  for (const prop of resolvePropertyMap(spec.properties, version).values()) {
    if (!hasOwn(value, prop.name)) continue;
    descend(value[prop.name], prop.value, childPointer(pointer, prop.name), { ...place, property: prop, action, key: prop.name }, version);
  }
}

/** Whether a value has the JSON shape a spec kind describes (used to pick a oneOf branch). */
export function matchesKind(value: unknown, spec: ValueSpec): boolean {
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && (!spec.integer || Number.isInteger(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
    case 'components':
      return Array.isArray(value);
    case 'object':
    case 'action':
    case 'data-model':
      return isRecord(value);
    case 'oneOf':
      return spec.options.some((o) => matchesKind(value, o));
    case 'any':
      return true;
  }
}
