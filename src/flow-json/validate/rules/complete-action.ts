import type { Rule } from '../rule.js';

export const completeAction: Rule = {
  id: 'complete-action',
  codes: ['INVALID_COMPLETE_ACTION'],
  description: "The complete action ends the flow, so only terminal screens may use it.",
  check({ model, report }) {
    for (const screen of model.screens) {
      if (screen.terminal) continue;
      for (const action of screen.actions) {
        if (action.name === 'complete') {
          report({
            code: 'INVALID_COMPLETE_ACTION',
            pointer: `${action.pointer}/name`,
            message: `On-click-action 'complete' can only be configured on a terminal screen; screen '${screen.id ?? screen.index}' is not terminal. Set "terminal": true on it or navigate to a terminal screen.`,
          });
        }
      }
    }
  },
};
