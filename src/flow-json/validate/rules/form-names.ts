import type { ComponentNode } from '../model.js';
import type { Rule } from '../rule.js';
import { mutuallyExclusive } from '../walk.js';

export const formNames: Rule = {
  id: 'form-names',
  codes: ['DUPLICATE_FORM_COMPONENT_NAMES'],
  description: 'Input names are unique on a screen (outside mutually exclusive branches), since ${form.name} must mean one field.',
  check({ model, report }) {
    for (const screen of model.screens) {
      const seen = new Map<string, ComponentNode[]>();
      // Inputs and Forms in screen order (a Form holds no value, so none is both).
      for (const c of screen.components) {
        if (c.spec?.formValue === undefined && c.type !== 'Form') continue;
        const name = c.value['name'];
        if (typeof name !== 'string') continue;
        const earlier = seen.get(name);
        if (!earlier) {
          seen.set(name, [c]);
          continue;
        }
        if (earlier.some((e) => !mutuallyExclusive(e, c))) {
          report({ code: 'DUPLICATE_FORM_COMPONENT_NAMES', pointer: `${c.pointer}/name`, message: `Duplicate name found for Form components: '${name}'. Each input on a screen needs its own name.` });
        }
        earlier.push(c);
      }
    }
  },
};
