import { checkValue } from '../../data-model/index.js';
import { childPointer } from '../../diagnostics.js';
import { toReference } from '../../expressions/index.js';
import { containsDynamic, dataFieldsOf, parseCached } from '../flow-types.js';
import { hasOwn, isRecord } from '../json-type.js';
import type { FlowModel, ScreenNode } from '../model.js';
import type { Report, Rule } from '../rule.js';
import { suggest } from './catalogue-conformance.js';

const SELECT_PROPERTIES = ['on-select-action', 'on-unselect-action'] as const;

/**
 * Selection callbacks (6.0+): one place per callback (the component or its data-source items, not
 * both), and update_data may only set keys of the screen's data model, each to something other than
 * its own current value. Meta's "Action errors" (developers.facebook.com/docs/whatsapp/flows/reference/error-codes)
 * and the update_data action in the Flow JSON reference.
 */
export const selectActions: Rule = {
  id: 'select-actions',
  codes: ['INVALID_PROPERTY_VALUE', 'INVALID_ACTION_PAYLOAD_PROPERTY'],
  description: 'on-select/on-unselect actions are declared once, and update_data sets declared screen data.',
  check({ model, report }) {
    for (const screen of model.screens) {
      for (const c of screen.components) {
        const source = c.value['data-source'];
        if (!Array.isArray(source)) continue;
        for (const property of SELECT_PROPERTIES) {
          if (!hasOwn(c.value, property)) continue;
          if (source.some((item) => isRecord(item) && hasOwn(item, property))) {
            report({
              code: 'INVALID_PROPERTY_VALUE',
              pointer: childPointer(c.pointer, property),
              message: `The '${property}' property cannot be used at both the component and data-source levels. Keep it on the ${c.type} or on its options, not both.`,
            });
          }
        }
      }
      for (const action of screen.actions) {
        if (action.name === 'update_data') checkUpdate(model, screen, action.value['payload'], childPointer(action.pointer, 'payload'), report);
      }
    }
  },
};

function checkUpdate(model: FlowModel, screen: ScreenNode, payload: unknown, pointer: string, report: (r: Report) => void): void {
  if (!isRecord(payload)) return;
  const fields = dataFieldsOf(screen);
  const names = Object.keys(fields);
  for (const [key, value] of Object.entries(payload)) {
    const at = childPointer(pointer, key);
    if (!hasOwn(fields, key)) {
      report({
        code: 'INVALID_ACTION_PAYLOAD_PROPERTY',
        pointer: at,
        message: `The property '${key}' does not exist in the data model of screen '${screen.id ?? screen.index}'. update_data can only set declared fields: declare '${key}' in the screen's "data".${suggest(key, names)}`,
      });
      continue;
    }
    if (typeof value === 'string' && value.includes('${')) {
      const parsed = parseCached(model, value);
      if (!parsed.ok || parsed.value.kind !== 'expression' || parsed.value.expression.kind !== 'reference') continue;
      const ref = toReference(parsed.value.expression);
      if (ref.scope === 'data' && ref.screen === undefined && ref.path.length === 1 && ref.path[0] === key) {
        report({
          code: 'INVALID_PROPERTY_VALUE',
          pointer: at,
          message: `Attempting to update '${key}' with its own value is redundant and not allowed. Set it to a new value or remove it from the payload.`,
        });
      }
      continue; // other references are typed by dynamic-references
    }
    if (containsDynamic(value)) continue;
    for (const m of checkValue(value, fields[key]!)) {
      report({
        code: 'INVALID_ACTION_PAYLOAD_PROPERTY',
        pointer: `${at}${m.path}`,
        message: `Invalid value for '${key}${m.path}' in update_data: ${m.message}. It must match the screen's data model.`,
      });
    }
  }
}
