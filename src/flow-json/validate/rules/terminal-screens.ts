import type { Rule } from '../rule.js';
import { componentsOfType } from '../walk.js';

export const terminalScreens: Rule = {
  id: 'terminal-screens',
  codes: ['MISSING_TERMINAL_SCREEN', 'MISSING_FOOTER_ON_TERMINAL_SCREEN', 'NOT_KEYWORD_SCHEMA_VALIDATION_FAILED', 'INVALID_PROPERTY_VALUE'],
  description: 'A flow needs a terminal screen; terminal screens need a Footer; success belongs to terminal screens.',
  check({ model, report }) {
    if (model.screens.length === 0) return;
    const terminals = model.screens.filter((s) => s.terminal);
    if (terminals.length === 0) {
      report({ code: 'MISSING_TERMINAL_SCREEN', pointer: '/screens', message: 'Terminal screen is required but not provided. Mark the last screen with "terminal": true and give it a Footer that completes the flow.' });
    }
    for (const screen of terminals) {
      if (componentsOfType(screen, 'Footer').length === 0) {
        report({
          code: 'MISSING_FOOTER_ON_TERMINAL_SCREEN',
          pointer: screen.pointer,
          message: `Footer component is missing on terminal screen '${screen.id ?? screen.index}'. Add a Footer whose on-click-action completes the flow, or the user cannot finish it.`,
        });
      }
    }
    for (const screen of model.screens) {
      if (!screen.terminal && 'success' in screen.value) {
        report({ code: 'NOT_KEYWORD_SCHEMA_VALIDATION_FAILED', pointer: `${screen.pointer}/success`, message: "Property 'success' can only be specified on a terminal screen. Remove it or set \"terminal\": true." });
      }
    }
    if (terminals.length > 0 && terminals.every((s) => s.value['success'] === false)) {
      report({
        code: 'INVALID_PROPERTY_VALUE',
        pointer: `${terminals[0]!.pointer}/success`,
        message: "At least one terminal screen must have property 'success' set as true (the default); otherwise no way through the flow counts as a successful outcome.",
      });
    }
  },
};
