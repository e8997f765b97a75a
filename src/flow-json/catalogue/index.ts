// Public API of the Flow JSON catalogue: one declarative entry per component and action, read by
// validation, JSON Schema, TypeScript types and rendering.
import { inRange, type FlowJsonVersion } from '../versions.js';
import { ACTION_SPECS } from './actions.js';
import { COMPONENT_SPECS } from './components/index.js';
import { LAYOUT_SPECS } from './document.js';
import type { ActionSpec, ComponentSpec } from './types.js';

const componentsByType = new Map(COMPONENT_SPECS.map((c) => [c.type, c]));
const layoutsByType = new Map(LAYOUT_SPECS.map((l) => [l.type, l]));
const actionsByName = new Map<string, ActionSpec>(ACTION_SPECS.map((a) => [a.name, a]));

/** The component with this `type`, in any version; undefined for unknown types and for layouts. */
export function getComponentSpec(type: string): ComponentSpec | undefined {
  return componentsByType.get(type);
}

/** The layout with this `type` (only "SingleColumnLayout" exists). */
export function getLayoutSpec(type: string): ComponentSpec | undefined {
  return layoutsByType.get(type);
}

/** Components that exist in `version`. */
export function componentSpecsFor(version: FlowJsonVersion): ComponentSpec[] {
  return COMPONENT_SPECS.filter((c) => inRange(version, c.versions));
}

export function getActionSpec(name: string): ActionSpec | undefined {
  return actionsByName.get(name);
}

/** Actions that exist in `version`. */
export function actionSpecsFor(version: FlowJsonVersion): ActionSpec[] {
  return ACTION_SPECS.filter((a) => inRange(version, a.versions));
}

export { ACTION_SPECS, completeAction, dataExchangeAction, navigateAction, openUrlAction, updateDataAction } from './actions.js';
export * from './components/index.js';
export { FLOW_SPEC, LAYOUT_SPECS, SCREEN_SPEC } from './document.js';
export { FLOW_LIMITS, type CatalogueFlowLimits, type VersionedLimit } from './limits.js';
export { formValueOf, type FormValueType } from './form-value.js';
export { maxPerScreen, resolveProperties, resolveProperty, resolvePropertyList, resolvePropertyMap } from './resolve.js';
export type * from './types.js';
