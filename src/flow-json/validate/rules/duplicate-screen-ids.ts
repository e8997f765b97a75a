import type { Rule } from '../rule.js';

export const duplicateScreenIds: Rule = {
  id: 'duplicate-screen-ids',
  codes: ['DUPLICATE_SCREEN_IDS'],
  description: 'Screen ids must be unique, since navigation and the endpoint address screens by id.',
  check({ model, report }) {
    const seen = new Set<string>();
    for (const screen of model.screens) {
      if (screen.id === undefined) continue;
      if (seen.has(screen.id)) {
        report({ code: 'DUPLICATE_SCREEN_IDS', pointer: `${screen.pointer}/id`, message: `Duplicate screen id found: '${screen.id}'. Give each screen its own id.` });
      }
      seen.add(screen.id);
    }
  },
};
