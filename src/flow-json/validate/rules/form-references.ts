import { childPointer } from '../../diagnostics.js';
import { formatType, inferType, isAssignable } from '../../expressions/index.js';
import type { ExprType } from '../../expressions/index.js';
import { formFieldsOf, formValueType, parseCached, typeEnvOf } from '../flow-types.js';
import { isRecord, jsonTypeOf } from '../json-type.js';
import type { ComponentNode, FlowModel, ScreenNode } from '../model.js';
import type { Report, Rule } from '../rule.js';
import { suggest } from './catalogue-conformance.js';

/**
 * Names that point at inputs must name real ones: a Form's `init-values` and `error-messages` keys
 * (inputs of that Form, with initial values of the input's type) and a screen's `sensitive` fields
 * (Flow JSON reference, "Form" and "Sensitive fields").
 */
export const formReferences: Rule = {
  id: 'form-references',
  codes: ['INVALID_PROPERTY_VALUE', 'INVALID_SENSITIVE_FIELD'],
  description: 'init-values, error-messages and sensitive name inputs that exist, with values of the right type.',
  check({ model, report }) {
    for (const screen of model.screens) {
      for (const form of screen.components) {
        if (form.type !== 'Form') continue;
        const inputs = new Map<string, ComponentNode>();
        for (const [name, c] of formFieldsOf(screen)) if (c.form === form) inputs.set(name, c);
        checkKeys(model, screen, form, 'init-values', inputs, report);
        checkKeys(model, screen, form, 'error-messages', inputs, report);
      }
      checkSensitive(screen, report);
    }
  },
};

function checkKeys(
  model: FlowModel,
  screen: ScreenNode,
  form: ComponentNode,
  property: 'init-values' | 'error-messages',
  inputs: ReadonlyMap<string, ComponentNode>,
  report: (r: Report) => void,
): void {
  const value = form.value[property];
  if (!isRecord(value)) return; // a dynamic object or a type error, handled elsewhere
  const base = childPointer(form.pointer, property);
  const names = [...inputs.keys()];
  const formName = typeof form.value['name'] === 'string' ? ` '${form.value['name']}'` : '';
  for (const [key, v] of Object.entries(value)) {
    const at = childPointer(base, key);
    const input = inputs.get(key);
    if (!input) {
      report({
        code: 'INVALID_PROPERTY_VALUE',
        pointer: at,
        message: `Invalid key '${key}' in '${property}': the Form${formName} has no input named '${key}'.${suggest(key, names)}${names.length > 0 && suggest(key, names) === '' ? ` Its inputs are: ${names.join(', ')}.` : ''}`,
      });
      continue;
    }
    if (property !== 'init-values' || input.type === 'PhotoPicker' || input.type === 'DocumentPicker') continue;
    const wanted = formValueType(input);
    if (!wanted) continue;
    const actual = typeOfValue(model, screen, v);
    if (actual && !isAssignable(actual, wanted)) {
      report({
        code: 'INVALID_PROPERTY_VALUE',
        pointer: at,
        message: `Invalid initial value for ${input.type} '${key}': expected ${formatType(wanted)}, but found ${formatType(actual)}.`,
      });
    }
  }
}

/** The type of an init value: a literal's JSON type, or a `${...}` reference's declared type. */
function typeOfValue(model: FlowModel, screen: ScreenNode, v: unknown): ExprType | undefined {
  if (typeof v === 'string' && v.includes('${')) {
    const parsed = parseCached(model, v);
    return parsed.ok ? inferType(parsed.value, typeEnvOf(model, screen)).type : undefined;
  }
  if (Array.isArray(v)) {
    const kinds = new Set(v.map((item) => jsonTypeOf(item)));
    const only = kinds.size === 1 ? [...kinds][0] : undefined;
    return { kind: 'array', items: only === 'string' || only === 'boolean' ? { kind: only } : only === 'integer' || only === 'number' ? { kind: 'number' } : { kind: 'unknown' } };
  }
  switch (jsonTypeOf(v)) {
    case 'string':
      return { kind: 'string' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
    case 'number':
      return { kind: 'number' };
    case 'object':
      return { kind: 'object', fields: {}, open: true };
    default:
      return undefined; // null: a type error catalogue-conformance reports
  }
}

function checkSensitive(screen: ScreenNode, report: (r: Report) => void): void {
  const sensitive = screen.value['sensitive'];
  if (!Array.isArray(sensitive)) return;
  const names = [...formFieldsOf(screen).keys()];
  sensitive.forEach((name: unknown, i) => {
    if (typeof name !== 'string' || formFieldsOf(screen).has(name)) return;
    report({
      code: 'INVALID_SENSITIVE_FIELD',
      pointer: childPointer(childPointer(screen.pointer, 'sensitive'), i),
      message: `No component corresponding to the sensitive field '${name}' can be found in screen '${screen.id ?? screen.index}'. List the names of inputs on this screen.${suggest(name, names)}`,
    });
  });
}
