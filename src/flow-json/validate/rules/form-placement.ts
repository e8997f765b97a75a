import { compareVersions } from '../../versions.js';
import type { Rule } from '../rule.js';
import { inputComponents } from '../walk.js';

/**
 * Before 4.0 every input lives in a Form. From 4.0 the Form is optional, but when a screen has one,
 * all its inputs must be inside it (the Footer submits one form).
 */
export const formPlacement: Rule = {
  id: 'form-placement',
  codes: ['KEYWORD_ONE_OF', 'COMPONENTS_OUTSIDE_FORM'],
  description: 'Input components sit inside the Form when the version or the screen requires one.',
  check({ model, report }) {
    const formRequired = compareVersions(model.version, '4.0') < 0;
    for (const screen of model.screens) {
      const hasForm = screen.components.some((c) => c.type === 'Form');
      const outside = inputComponents(screen).filter((c) => c.form === undefined);
      if (formRequired) {
        for (const c of outside) {
          report({ code: 'KEYWORD_ONE_OF', pointer: c.pointer, message: `Property '${c.type}' must be defined inside parent property 'Form' in Flow JSON ${model.version}. Wrap the inputs in a Form, or use version 4.0 or later where the Form is optional.` });
        }
      } else if (hasForm && outside.length > 0) {
        const types = [...new Set(outside.map((c) => c.type))];
        for (const c of outside) {
          report({
            code: 'COMPONENTS_OUTSIDE_FORM',
            pointer: c.pointer,
            message: `${types.length === 1 ? 'Component' : 'Components'} '${types.join("', '")}' ${types.length === 1 ? 'is' : 'are'} not allowed outside Form when a Form component is present. Move ${c.type} into the Form.`,
          });
        }
      }
    }
  },
};
