import { FLOW_LIMITS, maxPerScreen } from '../../catalogue/index.js';
import type { ComponentNode } from '../model.js';
import type { Rule } from '../rule.js';

export const componentLimits: Rule = {
  id: 'component-limits',
  codes: ['MAX_SCREENS_NUMBER', 'MAX_ALLOWED_COMPONENTS_PER_SCREEN', 'COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN', 'COMPONENT_TYPE_MAX_NUMBER_PER_FLOW', 'INVALID_COMPONENT_PLACEMENT'],
  description: 'Screens per flow, components per screen and per flow, and per-type counts stay within WhatsApp limits.',
  check({ model, report }) {
    const maxScreens = FLOW_LIMITS.maxScreens;
    if (maxScreens !== undefined && model.screens.length > maxScreens) {
      report({ code: 'MAX_SCREENS_NUMBER', pointer: '/screens', message: `Maximum number of screens allowed per Flow is ${maxScreens} but found ${model.screens.length}. Split the journey into several flows.` });
    }
    const perFlow = new Map<string, ComponentNode[]>();
    for (const screen of model.screens) {
      for (const c of screen.components) {
        if (c.spec?.maxPerFlow !== undefined) listFor(perFlow, c.type).push(c);
        if (c.spec?.notOnTerminalScreen && screen.terminal) {
          report({ code: 'INVALID_COMPONENT_PLACEMENT', pointer: c.pointer, message: `${c.type} cannot be used on a terminal screen. Move it to a screen that leads to the terminal one.` });
        }
      }
      if (screen.components.length > FLOW_LIMITS.maxComponentsPerScreen) {
        report({
          code: 'MAX_ALLOWED_COMPONENTS_PER_SCREEN',
          pointer: screen.pointer,
          message: `Screen '${screen.id ?? screen.index}' has ${screen.components.length} components; at most ${FLOW_LIMITS.maxComponentsPerScreen} are allowed. Move some to another screen.`,
        });
      }
      const byType = new Map<string, ComponentNode[]>();
      // Footer has its own rule that understands branches.
      for (const c of screen.components) if (c.type !== 'Footer') listFor(byType, c.type).push(c);
      for (const [type, list] of byType) {
        const spec = list[0]!.spec;
        const max = spec ? maxPerScreen(spec, model.version) : undefined;
        if (max === undefined || list.length <= max) continue;
        report({
          code: 'COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN',
          pointer: list[max]!.pointer,
          message: `Maximum number of ${type} allowed per screen is ${max} but found ${list.length}.`,
        });
      }
    }
    for (const [type, list] of perFlow) {
      const max = list[0]!.spec!.maxPerFlow!;
      if (list.length > max) {
        report({ code: 'COMPONENT_TYPE_MAX_NUMBER_PER_FLOW', pointer: list[max]!.pointer, message: `Maximum number of ${type} allowed per flow is ${max} but found ${list.length}.` });
      }
    }
  },
};

/** The list kept under `key`, created on first use. */
function listFor(map: Map<string, ComponentNode[]>, key: string): ComponentNode[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
