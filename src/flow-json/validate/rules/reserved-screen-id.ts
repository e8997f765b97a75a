import { FLOW_LIMITS } from '../../catalogue/index.js';
import type { Rule } from '../rule.js';

export const reservedScreenId: Rule = {
  id: 'reserved-screen-id',
  codes: ['SCREEN_ID_IS_RESERVED_KEYWORD'],
  description: "Screen ids reserved by WhatsApp (SUCCESS ends a flow from the endpoint) cannot name a screen.",
  check({ model, report }) {
    const reserved = FLOW_LIMITS.reservedScreenIds.map((id) => id.toLowerCase());
    for (const screen of model.screens) {
      if (screen.id !== undefined && reserved.includes(screen.id.toLowerCase())) {
        report({
          code: 'SCREEN_ID_IS_RESERVED_KEYWORD',
          pointer: `${screen.pointer}/id`,
          message: `Screen id cannot be '${screen.id}' since it is a reserved keyword: an endpoint answers with it to complete the flow. Rename the screen.`,
        });
      }
    }
  },
};
