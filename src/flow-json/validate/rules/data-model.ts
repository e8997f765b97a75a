import { checkValue, describeShape } from '../../data-model/index.js';
import { exampleHint } from '../../data-model/parse.js';
import { childPointer } from '../../diagnostics.js';
import { dataModelOf } from '../flow-types.js';
import { hasOwn, isRecord, jsonTypeOf } from '../json-type.js';
import type { Report, Rule } from '../rule.js';
import { suggest } from './catalogue-conformance.js';

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'];
const MAX_DEPTH = 32;

/**
 * A screen's `data` is a JSON-Schema-like declaration: every field has a string `type`, arrays
 * declare `items`, and `__example__` (mock data for previews) sits only on top-level fields and
 * matches the declaration. Messages follow Meta's "Screen Data Model Errors"
 * (developers.facebook.com/docs/whatsapp/flows/reference/error-codes).
 */
export const dataModel: Rule = {
  id: 'data-model',
  codes: ['INVALID_SCREEN_DATA'],
  description: 'Screen data declarations are well formed, and every top-level field has an __example__ that matches it.',
  check({ model, report }) {
    for (const screen of model.screens) {
      const data = screen.value['data'];
      if (!isRecord(data)) continue; // a non-object `data` is a type error catalogue-conformance reports
      const base = childPointer(screen.pointer, 'data');
      const fields = dataModelOf(screen)?.shape?.properties ?? {};
      for (const [key, decl] of Object.entries(data)) {
        const pointer = childPointer(base, key);
        walk(decl, pointer, 0, report);
        if (isRecord(decl) && !hasOwn(decl, '__example__') && hasOwn(fields, key)) {
          // Reading: the Flow JSON reference ("Screen data model", Properties) says the
          // `__example__` field "serves as mock data ... This field is mandatory", for every
          // top-level field and in every version; nested properties carry none (they are part of
          // the top-level example). Data-model schema errors are INVALID_SCREEN_DATA (error codes
          // page, "Screen Data Model Errors").
          report({
            code: 'INVALID_SCREEN_DATA',
            pointer,
            message: `Missing property '__example__' for data model field '${key}': every top-level field needs example data (shown in previews), e.g. ${exampleHint(fields[key]!)}.`,
          });
          continue;
        }
        if (!isRecord(decl) || !hasOwn(decl, '__example__') || !hasOwn(fields, key)) continue;
        const shape = fields[key]!;
        for (const m of checkValue(decl['__example__'], shape)) {
          report({
            code: 'INVALID_SCREEN_DATA',
            pointer: `${childPointer(pointer, '__example__')}${m.path}`,
            message: `Invalid data model schema. Expected property '__example__' of '${key}' to be of type '${m.expected}', but found ${m.actual}. Make the example match ${describeShape(shape)}.`,
          });
        }
      }
    }
  },
};

function walk(decl: unknown, pointer: string, depth: number, report: (r: Report) => void): void {
  if (depth > MAX_DEPTH) return fail(report, pointer, `Data model is nested more than ${MAX_DEPTH} levels deep.`);
  if (!isRecord(decl)) {
    return fail(report, pointer, `Expected a field declaration object such as { "type": "string", "__example__": "text" }, but found '${jsonTypeOf(decl)}'.`);
  }
  if (depth > 0 && hasOwn(decl, '__example__')) {
    fail(report, childPointer(pointer, '__example__'), `Property '__example__' is allowed only on top-level fields of the data model. Invalid entry: '${pointer}'. Move the example to the top-level field.`);
  }
  if (!hasOwn(decl, 'type')) return fail(report, pointer, `Missing the definition of property 'type'. Add "type": one of ${TYPES.join(', ')}.`);
  const type = decl['type'];
  if (typeof type !== 'string') {
    return fail(report, childPointer(pointer, 'type'), `Expected the property 'type' to be of type string (one of ${TYPES.join(', ')}), but found '${jsonTypeOf(type)}'.`);
  }
  if (!TYPES.includes(type)) {
    return fail(report, childPointer(pointer, 'type'), `Unknown data type '${type}'. Use one of: ${TYPES.join(', ')}.${suggest(type, TYPES)}`);
  }
  if (type === 'array') {
    if (!hasOwn(decl, 'items')) return fail(report, pointer, 'Missing the schema for property \'items\' in array. Declare its elements, e.g. "items": { "type": "string" }.');
    const items = decl['items'];
    if (typeof items === 'boolean') return;
    if (!isRecord(items)) return fail(report, childPointer(pointer, 'items'), `Expected the property 'items' to be of type boolean or object, but found '${jsonTypeOf(items)}'. Write e.g. "items": { "type": "string" }.`);
    walk(items, childPointer(pointer, 'items'), depth + 1, report);
  }
  if (type === 'object' && hasOwn(decl, 'properties')) {
    const properties = decl['properties'];
    const at = childPointer(pointer, 'properties');
    if (!isRecord(properties)) return fail(report, at, `Expected the property 'properties' to be an object of field declarations, but found '${jsonTypeOf(properties)}'.`);
    for (const [key, sub] of Object.entries(properties)) {
      const subPointer = childPointer(at, key);
      if (key === '__example__') {
        fail(report, subPointer, `Property '__example__' is allowed only on top-level fields of the data model. Invalid entry: '${subPointer}'. Move the example to the top-level field.`);
        continue;
      }
      walk(sub, subPointer, depth + 1, report);
    }
  }
}

function fail(report: (r: Report) => void, at: string, message: string): void {
  report({ code: 'INVALID_SCREEN_DATA', pointer: at, message });
}
