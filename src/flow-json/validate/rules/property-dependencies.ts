import { inRange } from '../../versions.js';
import { hasOwn } from '../json-type.js';
import type { Rule } from '../rule.js';

/** The catalogue's property dependencies: captions that go in pairs, a pattern that needs helper text. */
export const propertyDependencies: Rule = {
  id: 'property-dependencies',
  codes: ['INVALID_DEPENDENCIES', 'NOT_KEYWORD_SCHEMA_VALIDATION_FAILED'],
  description: 'Properties that need, or exclude, other properties of the same component.',
  check({ model, report }) {
    for (const screen of model.screens) {
      for (const c of screen.components) {
        if (!c.spec?.dependencies || !inRange(model.version, c.spec.versions)) continue;
        for (const dep of c.spec.dependencies) {
          if (!hasOwn(c.value, dep.property)) continue;
          const missing = (dep.requires ?? []).filter((p) => !hasOwn(c.value, p));
          if (missing.length > 0) {
            report({
              code: 'INVALID_DEPENDENCIES',
              pointer: `${c.pointer}/${dep.property}`,
              message: `${c.type} should have property ${missing.map((p) => `'${p}'`).join(' and ')} when property '${dep.property}' is present: ${dep.reason}.`,
            });
          }
          const clash = (dep.excludes ?? []).filter((p) => hasOwn(c.value, p));
          if (clash.length > 0) {
            report({
              code: 'NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
              pointer: `${c.pointer}/${dep.property}`,
              message: `Properties '${dep.property}' and [${clash.join(', ')}] must be present exclusively at ${c.type}: ${dep.reason}. Remove one.`,
            });
          }
        }
      }
    }
  },
};
