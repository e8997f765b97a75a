import { getActionSpec, getComponentSpec, resolvePropertyList, SCREEN_SPEC } from '../catalogue/index.js';
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

/** Indexes a flow once so every rule reads screens, components, actions and dynamic strings directly. */
export function buildModel(root: Readonly<Record<string, unknown>>, version: FlowJsonVersion): FlowModel {
  const screens: ScreenNode[] = [];
  const screenById = new Map<string, ScreenNode>();
  const list = root['screens'];
  if (Array.isArray(list)) {
    const builder = new ModelBuilder(version);
    for (let index = 0; index < list.length; index++) {
      const value: unknown = list[index];
      if (!isRecord(value)) continue;
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
      builder.visitScreen(screen);
    }
  }
  return { root, version, screens, screenById, dataApiVersion: root['data_api_version'], routingModel: root['routing_model'] };
}

const ANY: ValueSpec = { kind: 'any' };

/**
 * Walks a flow once, keeping where it is (screen, component, form, branches, property, action,
 * key) in fields saved and restored around each step: a context object per value was the
 * validator's largest source of garbage.
 */
class ModelBuilder {
  private screen!: ScreenNode;
  private component: ComponentNode | undefined;
  /** The nearest enclosing Form. */
  private form: ComponentNode | undefined;
  private branches: readonly BranchRef[] = [];
  /** The catalogue property being filled; undefined inside free-form payloads. */
  private property: ResolvedProperty | undefined;
  private action: ActionNode | undefined;
  /** The name of the property holding the value, for actions. */
  private key = '';

  constructor(private readonly version: FlowJsonVersion) {}

  visitScreen(screen: ScreenNode): void {
    const value = screen.value;
    this.screen = screen;
    this.component = undefined;
    this.form = undefined;
    this.branches = [];
    this.action = undefined;
    for (const prop of resolvePropertyList(SCREEN_SPEC.properties, this.version)) {
      if (prop.value.kind === 'data-model' || !hasOwn(value, prop.name)) continue;
      this.property = prop;
      this.key = prop.name;
      this.descend(value[prop.name], prop.value, screen.pointer, prop.name);
    }
  }

  /** Indexes the value at `parent` + `key`; its pointer is built only for what gets indexed. */
  private descend(value: unknown, spec: ValueSpec, parent: string, key: string | number): void {
    if (typeof value === 'string') {
      if (value.includes('${')) {
        this.screen.dynamics.push({
          pointer: childPointer(parent, key),
          source: value,
          property: this.property,
          expected: spec,
          component: this.component,
          action: this.action,
          screen: this.screen,
        });
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return; // numbers and booleans hold nothing to index
    this.descendInto(value, spec, childPointer(parent, key));
  }

  /** Indexes an object or array at `pointer`. */
  private descendInto(value: object, spec: ValueSpec, pointer: string): void {
    switch (spec.kind) {
      case 'components':
        if (Array.isArray(value)) for (let i = 0; i < value.length; i++) this.visitComponent(value[i], childPointer(pointer, i));
        return;
      case 'action':
        if (isRecord(value)) this.visitAction(value, pointer, spec.actions);
        return;
      case 'object': {
        if (Array.isArray(value)) return;
        const record = value as Record<string, unknown>;
        const saved = this.key;
        const extra = typeof spec.additionalProperties === 'object' ? spec.additionalProperties : ANY;
        for (const key in record) {
          if (!hasOwn(record, key)) continue;
          // Own keys only: a document key such as "__proto__" must not find Object.prototype.
          const prop = hasOwn(spec.properties, key) ? spec.properties[key] : undefined;
          this.key = key;
          this.descend(record[key], prop ? prop.value : extra, pointer, key);
        }
        this.key = saved;
        return;
      }
      case 'array':
        if (Array.isArray(value)) for (let i = 0; i < value.length; i++) this.descend(value[i], spec.items, pointer, i);
        return;
      case 'oneOf':
        for (const option of spec.options) {
          if (!matchesKind(value, option)) continue;
          this.descendInto(value, option, pointer);
          return;
        }
        return;
      case 'any': {
        // Free-form values (payloads, init-values): still index their dynamic strings.
        const saved = this.property;
        this.property = undefined;
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) this.descend(value[i], spec, pointer, i);
        } else {
          const record = value as Record<string, unknown>;
          for (const key in record) if (hasOwn(record, key)) this.descend(record[key], spec, pointer, key);
        }
        this.property = saved;
        return;
      }
      default:
        return;
    }
  }

  private visitComponent(value: unknown, pointer: string): void {
    if (!isRecord(value) || typeof value['type'] !== 'string') return;
    const type = value['type'];
    const spec = getComponentSpec(type);
    const node: ComponentNode = {
      type,
      value,
      pointer,
      spec,
      screen: this.screen,
      parent: this.component,
      form: this.form,
      branches: this.branches,
    };
    this.screen.components.push(node);
    if (!spec) return;
    const conditional = spec.category === 'conditional';
    const { component, form, branches, property, key } = this;
    this.component = node;
    if (type === 'Form') this.form = node;
    for (const prop of resolvePropertyList(spec.properties, this.version)) {
      if (!hasOwn(value, prop.name)) continue;
      this.property = prop;
      this.key = prop.name;
      const child = value[prop.name];
      if (conditional && prop.value.kind === 'components') {
        this.branches = [...branches, { owner: node, branch: prop.name }];
        this.descend(child, prop.value, pointer, prop.name);
        this.branches = branches;
      } else if (conditional && prop.value.kind === 'object' && isRecord(child)) {
        // Switch cases: one branch per key.
        const at = childPointer(pointer, prop.name);
        for (const caseKey in child) {
          if (!hasOwn(child, caseKey)) continue;
          const branchSpec = typeof prop.value.additionalProperties === 'object' ? prop.value.additionalProperties : (hasOwn(prop.value.properties, caseKey) ? prop.value.properties[caseKey]?.value : undefined);
          if (!branchSpec) continue;
          this.branches = [...branches, { owner: node, branch: `${prop.name}.${caseKey}` }];
          this.descend(child[caseKey], branchSpec, at, caseKey);
          this.branches = branches;
        }
      } else {
        this.descend(child, prop.value, pointer, prop.name);
      }
    }
    this.component = component;
    this.form = form;
    this.property = property;
    this.key = key;
  }

  private visitAction(value: Record<string, unknown>, pointer: string, allowed: readonly ActionName[]): void {
    const name = typeof value['name'] === 'string' ? value['name'] : '';
    const action: ActionNode = { name, value, pointer, property: this.key, allowed, component: this.component, screen: this.screen };
    this.screen.actions.push(action);
    const spec = getActionSpec(name);
    if (!spec) return;
    const { property, key } = this;
    const outer = this.action;
    this.action = action;
    for (const prop of resolvePropertyList(spec.properties, this.version)) {
      if (!hasOwn(value, prop.name)) continue;
      this.property = prop;
      this.key = prop.name;
      this.descend(value[prop.name], prop.value, pointer, prop.name);
    }
    this.action = outer;
    this.property = property;
    this.key = key;
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
