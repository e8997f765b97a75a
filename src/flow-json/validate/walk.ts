import type { ActionNode, ComponentNode, FlowModel, ScreenNode } from './model.js';

/** Every navigate action with a string target, with its target screen id. */
export function navigations(screen: ScreenNode): { action: ActionNode; target: string; pointer: string }[] {
  const out: { action: ActionNode; target: string; pointer: string }[] = [];
  for (const action of screen.actions) {
    if (action.name !== 'navigate') continue;
    const next = action.value['next'];
    if (next && typeof next === 'object' && !Array.isArray(next)) {
      const name = (next as Record<string, unknown>)['name'];
      if (typeof name === 'string') out.push({ action, target: name, pointer: `${action.pointer}/next/name` });
    }
  }
  return out;
}

/** Whether the flow talks to an endpoint (data_api_version set), which changes the routing rules. */
export function hasDataChannel(model: FlowModel): boolean {
  return model.dataApiVersion !== undefined;
}

/** Components of a type on a screen. */
export function componentsOfType(screen: ScreenNode, type: string): ComponentNode[] {
  return screen.components.filter((c) => c.type === type);
}

/** Components that hold user input (they have a form value in the catalogue). */
export function inputComponents(screen: ScreenNode): ComponentNode[] {
  return screen.components.filter((c) => c.spec?.formValue !== undefined);
}

/** The label Meta uses for a screen in messages. */
export function screenLabel(screen: ScreenNode): string {
  return screen.id !== undefined ? `'${screen.id}'` : `#${screen.index}`;
}

/**
 * True when two components can never be shown together: they sit in different branches of the
 * same If or Switch.
 */
export function mutuallyExclusive(a: ComponentNode, b: ComponentNode): boolean {
  for (const ba of a.branches) {
    for (const bb of b.branches) {
      if (ba.owner === bb.owner && ba.branch !== bb.branch) return true;
    }
  }
  return false;
}
