import { checkValue, describeShape } from '../../data-model/index.js';
import { childPointer } from '../../diagnostics.js';
import { formatType, inferType, isAssignable } from '../../expressions/index.js';
import { containsDynamic, dataModelOf, parseCached, shapeType, typeEnvOf } from '../flow-types.js';
import { hasOwn, isRecord } from '../json-type.js';
import type { Rule } from '../rule.js';
import { hasDataChannel, navigations } from '../walk.js';
import { suggest } from './catalogue-conformance.js';

const CODE = 'INVALID_NAVIGATE_ACTION_PAYLOAD';

/**
 * A navigate payload becomes the next screen's data, so it must match that screen's data model:
 * no keys it does not declare, values of the declared types and, in flows without an endpoint
 * (where nothing else can fill the data), every declared key. Meta's "Navigate Action Errors":
 * developers.facebook.com/docs/whatsapp/flows/reference/error-codes
 */
export const navigatePayload: Rule = {
  id: 'navigate-payload',
  codes: [CODE],
  description: "A navigate action's payload matches the data model of the screen it opens.",
  check({ model, report }) {
    const requireAll = !hasDataChannel(model);
    for (const screen of model.screens) {
      const from = screen.id ?? `#${screen.index}`;
      for (const { action, target } of navigations(screen)) {
        const next = model.screenById.get(target);
        if (!next || next === screen) continue; // navigate-target reports these
        const payload = action.value['payload'];
        if (payload !== undefined && !isRecord(payload)) continue; // a type error catalogue-conformance reports
        const entries = payload ? Object.entries(payload) : [];
        const payloadPointer = childPointer(action.pointer, 'payload');
        const declared = dataModelOf(next);
        if (!declared) {
          if (entries.length > 0) {
            report({ code: CODE, pointer: payloadPointer, message: `No data model is defined in the next screen '${target}', so it cannot receive this payload. Declare the fields in its "data", or remove the payload (from 4.0, later screens can read values with \${screen.${from}.form.<name>}).` });
          }
          continue;
        }
        const fields = declared.shape?.properties ?? {};
        const names = Object.keys(fields);
        for (const [key, value] of entries) {
          const at = childPointer(payloadPointer, key);
          if (!hasOwn(fields, key)) {
            report({ code: CODE, pointer: at, message: `Following fields are missing in the next screen's data model: [${key}]. Declare '${key}' in the "data" of screen '${target}' or remove it from the payload.${suggest(key, names)}` });
            continue;
          }
          const shape = fields[key]!;
          if (typeof value === 'string' && value.includes('${')) {
            const parsed = parseCached(model, value);
            if (!parsed.ok) continue; // dynamic-references reports syntax errors
            const type = inferType(parsed.value, typeEnvOf(model, screen)).type;
            const wanted = shapeType(shape);
            if (!isAssignable(type, wanted)) {
              report({ code: CODE, pointer: at, message: `Schema of dynamic data '${value}' is not matching schema of data model field '${key}' on screen '${target}'. Property is expecting '${formatType(wanted)}' but got '${formatType(type)}'.` });
            }
          } else if (!containsDynamic(value)) {
            for (const m of checkValue(value, shape)) {
              report({ code: CODE, pointer: `${at}${m.path}`, message: `Schema of payload data at '${key}${m.path}' on screen '${from}' is not matching with schema of data model field on screen '${target}'. Property is expecting '${m.expected}' but got ${m.actual}.` });
            }
          }
        }
        if (!requireAll) continue;
        const missing = names.filter((n) => !entries.some(([k]) => k === n));
        if (missing.length > 0) {
          report({
            code: CODE,
            pointer: payload ? payloadPointer : action.pointer,
            message: `Following fields are expected in the next screen's data model but missing in payload: [${missing.join(', ')}]. Send ${missing.map((m) => `'${m}' (${describeShape(fields[m]!)})`).join(', ')} to screen '${target}'.`,
          });
        }
      }
    }
  },
};
