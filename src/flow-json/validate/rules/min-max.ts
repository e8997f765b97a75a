import type { Rule } from '../rule.js';

/** Pairs of properties where the first may not exceed the second. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['min-chars', 'max-chars'],
  ['min-selected-items', 'max-selected-items'],
  ['min-uploaded-photos', 'max-uploaded-photos'],
  ['min-uploaded-documents', 'max-uploaded-documents'],
  ['min-date', 'max-date'],
  ['min-days', 'max-days'],
];

export const minMax: Rule = {
  id: 'min-max',
  codes: ['MIN_VALUE_GREATER_THAN_MAX'],
  description: 'A minimum never exceeds its maximum (characters, selections, uploads, dates).',
  check({ model, report }) {
    for (const screen of model.screens) {
      for (const c of screen.components) {
        for (const [min, max] of PAIRS) {
          const a = c.value[min];
          const b = c.value[max];
          const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string' && !a.includes('${') && !b.includes('${'));
          if (comparable && a > b) {
            const name = typeof c.value['name'] === 'string' ? ` '${c.value['name']}'` : '';
            report({ code: 'MIN_VALUE_GREATER_THAN_MAX', pointer: `${c.pointer}/${min}`, message: `${min} (${String(a)}) cannot be greater than ${max} (${String(b)}) for ${c.type}${name}.` });
          }
        }
      }
    }
  },
};
