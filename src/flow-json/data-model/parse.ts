import type { DataType } from '../catalogue/types.js';
import { childPointer } from '../diagnostics.js';
import { checkValue, describeValue, isPlainObject } from './check.js';
import { setOwn } from './example.js';
import type { ArrayShape, DataShape, ObjectShape, StringShape } from './shape.js';

export interface DataModelProblem {
  /** JSON pointer relative to the screen's `data` declaration ("" is the declaration itself). */
  readonly pointer: string;
  readonly message: string;
}

export interface DataModelResult {
  /** The whole model as an object shape; absent only when the declaration is not an object. */
  readonly shape?: ObjectShape;
  readonly problems: readonly DataModelProblem[];
}

export interface DataModelOptions {
  /**
   * Report top-level fields without `__example__`. Default true: Meta's Flow JSON reference calls
   * the field mandatory ("`__example__` field serves as mock data ... This field is mandatory.").
   */
  readonly requireExamples?: boolean;
}

const DATA_TYPES: readonly DataType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];
const MAX_DEPTH = 32;

/** Keywords that only make sense for one type; seeing them elsewhere is almost always a slip. */
const KEYWORD_OWNER: readonly (readonly [string, DataType])[] = [
  ['items', 'array'],
  ['properties', 'object'],
  ['required', 'object'],
  ['enum', 'string'],
];

function report(problems: DataModelProblem[], pointer: string, message: string): undefined {
  problems.push({ pointer, message });
  return undefined;
}

function parseShape(decl: unknown, pointer: string, depth: number, problems: DataModelProblem[]): DataShape | undefined {
  if (depth > MAX_DEPTH) return report(problems, pointer, `declaration is nested more than ${MAX_DEPTH} levels deep`);
  if (!isPlainObject(decl)) {
    return report(problems, pointer, `expected a declaration object such as { "type": "string", "__example__": "text" }, got ${describeValue(decl)}`);
  }
  const type = decl.type;
  if (type === undefined) return report(problems, pointer, `missing "type": one of ${DATA_TYPES.join(', ')}`);
  if (Array.isArray(type)) return report(problems, childPointer(pointer, 'type'), `"type" must be one type name; unions such as ${JSON.stringify(type)} are not supported (and null never is)`);
  if (typeof type !== 'string' || !(DATA_TYPES as readonly string[]).includes(type)) {
    return report(problems, childPointer(pointer, 'type'), `unknown type ${JSON.stringify(type)}: expected one of ${DATA_TYPES.join(', ')}`);
  }
  const dataType = type as DataType;
  for (const [keyword, owner] of KEYWORD_OWNER) {
    if (decl[keyword] !== undefined && owner !== dataType) {
      report(problems, childPointer(pointer, keyword), `"${keyword}" applies to type "${owner}", not "${dataType}"`);
    }
  }
  const description = typeof decl.description === 'string' ? decl.description : undefined;

  // Built as a fresh mutable object, keys in a fixed order: type, description, then per type.
  const shape: { -readonly [K in keyof ShapeFields]?: ShapeFields[K] } & { type: DataType } = { type: dataType };
  if (description !== undefined) shape.description = description;
  switch (dataType) {
    case 'string': {
      if (decl.enum !== undefined) {
        if (Array.isArray(decl.enum) && decl.enum.length > 0 && decl.enum.every((e) => typeof e === 'string')) {
          shape.enum = decl.enum as string[];
        } else {
          report(problems, childPointer(pointer, 'enum'), '"enum" must be a non-empty array of strings');
        }
      }
      if (typeof decl.format === 'string') shape.format = decl.format;
      break;
    }
    case 'number':
    case 'integer':
    case 'boolean':
      break;
    case 'array': {
      if (decl.items === undefined) report(problems, pointer, 'an array needs "items" declaring the type of its elements, e.g. "items": { "type": "string" }');
      else if (Array.isArray(decl.items)) report(problems, childPointer(pointer, 'items'), '"items" must be one declaration object; tuple arrays are not supported');
      else {
        const items = parseShape(decl.items, childPointer(pointer, 'items'), depth + 1, problems);
        if (items) shape.items = items;
      }
      break;
    }
    case 'object': {
      if (decl.properties !== undefined) {
        if (!isPlainObject(decl.properties)) {
          report(problems, childPointer(pointer, 'properties'), `"properties" must be an object of declarations, got ${describeValue(decl.properties)}`);
        } else {
          const properties: Record<string, DataShape> = {};
          const declared = decl.properties;
          const at = childPointer(pointer, 'properties');
          for (const key in declared) {
            if (!Object.prototype.hasOwnProperty.call(declared, key)) continue;
            const parsed = parseShape(declared[key], childPointer(at, key), depth + 1, problems);
            if (parsed) setOwn(properties, key, parsed);
          }
          shape.properties = properties;
        }
      }
      if (decl.required !== undefined) {
        if (!Array.isArray(decl.required) || !decl.required.every((r) => typeof r === 'string')) {
          report(problems, childPointer(pointer, 'required'), '"required" must be an array of property names');
        } else {
          const required = decl.required as string[];
          for (let i = 0; i < required.length; i++) {
            if (!(i in required)) continue; // a hole in a sparse array (value input), as forEach skipped it
            const name = required[i]!;
            if (isPlainObject(decl.properties) && !Object.prototype.hasOwnProperty.call(decl.properties, name)) {
              report(problems, childPointer(childPointer(pointer, 'required'), i), `"${name}" is required but not declared in "properties"`);
            }
          }
          shape.required = required;
        }
      }
      break;
    }
  }

  if (decl.__example__ !== undefined) {
    for (const m of checkValue(decl.__example__, shape as DataShape)) {
      problems.push({ pointer: childPointer(pointer, '__example__') + m.path, message: `__example__ does not match the declaration: ${m.message}` });
    }
    shape.example = decl.__example__;
  }
  return shape as DataShape;
}

/** Every field any shape kind may carry, for building one in place. */
type ShapeFields = Omit<StringShape, 'type'> & Omit<ArrayShape, 'type'> & Omit<ObjectShape, 'type'>;

/**
 * Turns a screen's `data` declaration (`{ field: { type, items?, properties?, __example__ } }`) into
 * a shape tree, reporting every malformed part with a JSON pointer relative to the declaration.
 * Fields whose declaration is unusable are left out of the shape (and reported).
 */
export function parseDataModel(declaration: unknown, options: DataModelOptions = {}): DataModelResult {
  const problems: DataModelProblem[] = [];
  if (!isPlainObject(declaration)) {
    problems.push({ pointer: '', message: `screen "data" must be an object mapping field names to declarations, got ${describeValue(declaration)}` });
    return { problems };
  }
  const properties: Record<string, DataShape> = {};
  for (const key in declaration) {
    if (!Object.prototype.hasOwnProperty.call(declaration, key)) continue;
    const pointer = childPointer('', key);
    const shape = parseShape(declaration[key], pointer, 0, problems);
    if (!shape) continue;
    setOwn(properties, key, shape);
    if (shape.example === undefined && options.requireExamples !== false) {
      problems.push({ pointer, message: `missing "__example__": every screen data field needs example data (used for previews), e.g. ${exampleHint(shape)}` });
    }
  }
  return { shape: { type: 'object', properties }, problems };
}

/** An `__example__` line fitting a declaration, for messages: `"__example__": "text"`. */
export function exampleHint(shape: DataShape): string {
  switch (shape.type) {
    case 'string':
      return `"__example__": ${JSON.stringify(shape.enum?.[0] ?? 'text')}`;
    case 'number':
    case 'integer':
      return '"__example__": 1';
    case 'boolean':
      return '"__example__": true';
    case 'array':
      return '"__example__": []';
    case 'object':
      return '"__example__": {}';
  }
}
