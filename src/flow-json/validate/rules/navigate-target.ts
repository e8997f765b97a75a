import type { Rule } from '../rule.js';
import { navigations } from '../walk.js';
import { suggest } from './catalogue-conformance.js';

export const navigateTarget: Rule = {
  id: 'navigate-target',
  codes: ['INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME'],
  description: 'A navigate action names an existing screen other than its own.',
  check({ model, report }) {
    const ids = [...model.screenById.keys()];
    for (const screen of model.screens) {
      for (const { target, pointer } of navigations(screen)) {
        if (target === screen.id) {
          report({ code: 'INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME', pointer, message: `Same screen navigation is not allowed. Loop detected at ['${target}']. Use update_data or data_exchange to change the current screen.` });
        } else if (!model.screenById.has(target)) {
          report({ code: 'INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME', pointer, message: `Unknown screen id found: '${target}'.${suggest(target, ids)}` });
        }
      }
    }
  },
};
