import { COMPONENT_SPECS, FLOW_SPEC, getActionSpec, getComponentSpec, resolvePropertyMap, SCREEN_SPEC } from '../../catalogue/index.js';
import type { ActionName, PropertySpec, ResolvedProperty, ValueSpec } from '../../catalogue/index.js';
import { childPointer } from '../../diagnostics.js';
import { describeRange, inRange, type FlowJsonVersion } from '../../versions.js';
import { hasOwn, isRecord, jsonTypeOf } from '../json-type.js';
import { matchesKind } from '../model.js';
import type { Report, Rule } from '../rule.js';

/**
 * Every value conforms to its catalogue entry in the flow's version: known keys, required keys,
 * JSON types, enums, character and item limits, number ranges, patterns, formats, component types
 * and the actions each property allows. This is the part a JSON Schema would do, with Meta's codes.
 */
export const catalogueConformance: Rule = {
  id: 'catalogue-conformance',
  codes: [
    'INVALID_PROPERTY_KEY',
    'MISSING_REQUIRED_PROPERTY',
    'MISSING_REQUIRED_TYPE_PROPERTY',
    'INVALID_PROPERTY_TYPE',
    'INVALID_PROPERTY_VALUE',
    'INVALID_ENUM_VALUE',
    'MIN_CHARS_REQUIRED',
    'MAX_CHARS_EXCEEDED',
    'MIN_ITEMS_REQUIRED',
    'MAX_ITEMS_REQUIRED',
    'MINIMUM_VALUE_REQUIRED',
    'MAXIMUM_VALUE_REQUIRED',
    'PATTERN_MISMATCH',
    'INVALID_PROPERTY_VALUE_FORMAT',
    'DUPLICATE_ITEM_IDS',
  ],
  description: 'Checks every property against the component and action catalogue for the flow version.',
  check({ model, report }) {
    const checker = new Checker(model.version, report);
    checker.checkObject(model.root, FLOW_SPEC.properties, '', 'the flow');
    const screens = model.root['screens'];
    if (!Array.isArray(screens)) return;
    screens.forEach((screen: unknown, i) => {
      const pointer = `/screens/${i}`;
      if (!isRecord(screen)) return checker.checkValue(screen, { kind: 'object', properties: {} }, pointer, undefined, 'a screen', false);
      const id = typeof screen['id'] === 'string' ? `screen '${screen['id']}'` : `screen #${i}`;
      checker.checkObject(screen, SCREEN_SPEC.properties, pointer, id);
    });
  },
};

class Checker {
  constructor(
    private readonly version: FlowJsonVersion,
    private readonly report: (r: Report) => void,
  ) {}

  checkObject(
    value: Readonly<Record<string, unknown>>,
    properties: Readonly<Record<string, PropertySpec>>,
    pointer: string,
    owner: string,
    additional: boolean | ValueSpec = false,
    ignore?: string,
  ): void {
    const plan = objectPlan(properties, this.version);
    const resolved = plan.byName;
    for (const key in value) {
      if (!hasOwn(value, key) || key === ignore) continue;
      const child = value[key];
      const prop = resolved.get(key);
      if (prop) {
        this.checkValue(child, prop.value, pointer, key, plan.labels.get(key)!, prop.dynamic);
        continue;
      }
      const known = properties[key];
      if (known && hasOwn(properties, key)) {
        this.report({
          code: 'INVALID_PROPERTY_KEY',
          pointer: childPointer(pointer, key),
          message: `Property '${key}' of ${owner} is not available in Flow JSON ${this.version}: it exists in ${describeRange(known.versions ?? { since: this.version })}. Change "version" or remove the property.`,
        });
      } else if (additional === true) {
        continue;
      } else if (typeof additional === 'object') {
        this.checkValue(child, additional, pointer, key, `'${key}'`, false);
      } else {
        this.report({
          code: 'INVALID_PROPERTY_KEY',
          pointer: childPointer(pointer, key),
          message: `Property '${key}' cannot be specified on ${owner}.${suggest(key, [...resolved.keys()])}`,
        });
      }
    }
    for (const prop of plan.required) {
      if (!hasOwn(value, prop.name)) {
        this.report({
          code: 'MISSING_REQUIRED_PROPERTY',
          pointer,
          message: `Required property '${prop.name}' is missing on ${owner}. Add it: ${prop.description}`,
        });
      }
    }
  }

  /**
   * Checks the value at `parent` + `key` (key undefined: at `parent` itself). The pointer is built
   * only when it is needed (a report, or a container's children): most values are leaves that pass.
   */
  checkValue(value: unknown, spec: ValueSpec, parent: string, key: string | number | undefined, label: string, dynamic: boolean): void {
    // A dynamic reference stands for a value of this type; its type is checked against the data model elsewhere.
    if (dynamic && typeof value === 'string' && value.includes('${')) return;
    switch (spec.kind) {
      case 'string':
        return this.checkString(value, spec, parent, key, label, dynamic);
      case 'number':
        return this.checkNumber(value, spec, parent, key, label);
      case 'boolean':
        if (typeof value !== 'boolean') this.typeError(value, 'boolean', at(parent, key), label, dynamic);
        return;
      case 'array': {
        const pointer = at(parent, key);
        if (!Array.isArray(value)) return this.typeError(value, 'array', pointer, label, dynamic);
        this.checkCount(value.length, spec.minItems, spec.maxItems, pointer, label);
        if (value.length > 0) {
          const itemLabel = `${label} item`;
          for (let i = 0; i < value.length; i++) if (i in value) this.checkValue(value[i], spec.items, pointer, i, itemLabel, false);
        }
        if (spec.uniqueBy) this.checkUnique(value, spec.uniqueBy, pointer, label);
        return;
      }
      case 'object': {
        const pointer = at(parent, key);
        if (!isRecord(value)) {
          // A typed object (the screen layout) written as a bare name: Meta calls it an invalid value.
          const typeProp = spec.properties['type']?.value;
          if (typeof value === 'string' && typeProp?.kind === 'string' && typeProp.enum) {
            return this.report({
              code: 'INVALID_PROPERTY_VALUE',
              pointer,
              message: `Invalid value found for property ${label}: expected an object such as { "type": "${typeProp.enum[0] ?? ''}", ... }, not the string '${value}'.`,
            });
          }
          return this.typeError(value, 'object', pointer, label, dynamic);
        }
        return this.checkObject(value, spec.properties, pointer, label, spec.additionalProperties ?? false);
      }
      case 'components': {
        const pointer = at(parent, key);
        if (!Array.isArray(value)) return this.typeError(value, 'array', pointer, label, dynamic);
        if (value.length === 0 && (spec.minItems ?? 0) >= 1) {
          // Meta reports an empty component list (If `then`, Form `children`) as an invalid value.
          this.report({ code: 'INVALID_PROPERTY_VALUE', pointer, message: `Expected array to contain at least one component: property ${label} cannot be empty.` });
        } else {
          this.checkCount(value.length, spec.minItems, spec.maxItems, pointer, label, 'component');
        }
        for (let i = 0; i < value.length; i++) if (i in value) this.checkComponent(value[i], childPointer(pointer, i));
        return;
      }
      case 'action':
        return this.checkAction(value, spec.actions, at(parent, key), label);
      case 'oneOf': {
        for (const option of spec.options) if (matchesKind(value, option)) return this.checkValue(value, option, parent, key, label, dynamic);
        const expected = [...new Set(spec.options.map(kindName))].join(' or ');
        return this.typeError(value, expected, at(parent, key), label, dynamic);
      }
      case 'data-model':
        if (!isRecord(value)) this.typeError(value, 'object', at(parent, key), label, false);
        return; // its inside is the data-model rule's business
      case 'any':
        return;
    }
  }

  checkComponent(value: unknown, pointer: string): void {
    if (!isRecord(value)) return this.typeError(value, 'object', pointer, 'a component', false);
    if (!hasOwn(value, 'type')) {
      this.report({ code: 'MISSING_REQUIRED_TYPE_PROPERTY', pointer, message: "Required property 'type' is missing: every component needs a \"type\" such as \"TextBody\"." });
      return;
    }
    const type = value['type'];
    if (typeof type !== 'string') return this.typeError(type, 'string', childPointer(pointer, 'type'), "'type'", false);
    const spec = getComponentSpec(type);
    if (!spec) {
      this.report({
        code: 'INVALID_PROPERTY_VALUE',
        pointer: childPointer(pointer, 'type'),
        message: `Unknown component type '${type}'.${suggest(type, knownComponentTypes())}`,
      });
      return;
    }
    if (!inRange(this.version, spec.versions)) {
      this.report({
        code: 'INVALID_PROPERTY_VALUE',
        pointer: childPointer(pointer, 'type'),
        message: `${type} is not available in Flow JSON ${this.version}: it exists in ${describeRange(spec.versions)}. Change "version" or use another component.`,
      });
      return;
    }
    this.checkObject(value, spec.properties, pointer, type, false, 'type');
  }

  checkAction(value: unknown, allowed: readonly ActionName[], pointer: string, label: string): void {
    if (!isRecord(value)) return this.typeError(value, 'object', pointer, label, false);
    const name = value['name'];
    if (!hasOwn(value, 'name')) {
      this.report({ code: 'MISSING_REQUIRED_PROPERTY', pointer, message: `Required property 'name' is missing on action ${label}. Use one of: ${allowed.join(', ')}.` });
      return;
    }
    if (typeof name !== 'string') return this.typeError(name, 'string', childPointer(pointer, 'name'), "'name'", false);
    const spec = getActionSpec(name);
    // The same test as "name is among the allowed actions this version has", without building that list.
    if (!spec || !allowed.includes(name as ActionName) || !inRange(this.version, spec.versions)) {
      const available = allowed.filter((a) => inRange(this.version, getActionSpec(a)?.versions));
      const why = spec && !inRange(this.version, spec.versions) ? ` Action '${name}' needs ${describeRange(spec.versions)}.` : '';
      this.report({
        code: 'INVALID_ENUM_VALUE',
        pointer: childPointer(pointer, 'name'),
        message: `Action '${name}' cannot be used in ${label}. Value should be one of: [${available.join(', ')}].${why}`,
      });
      return;
    }
    this.checkObject(value, spec.properties, pointer, `action '${name}'`, false, 'name');
  }

  private checkString(value: unknown, spec: Extract<ValueSpec, { kind: 'string' }>, parent: string, key: string | number | undefined, label: string, dynamic: boolean): void {
    if (typeof value !== 'string') return this.typeError(value, 'string', at(parent, key), label, dynamic);
    if (spec.enum && !spec.enum.includes(value)) {
      this.report({ code: 'INVALID_ENUM_VALUE', pointer: at(parent, key), message: `Invalid value '${value}' for ${label}. Value should be one of: [${spec.enum.join(', ')}].` });
      return;
    }
    const length = characterCount(value, spec.minLength, spec.maxLength);
    if (spec.minLength !== undefined && length < spec.minLength) {
      const what = spec.minLength === 1 ? 'must not be empty' : `should have at least ${spec.minLength} characters`;
      this.report({ code: 'MIN_CHARS_REQUIRED', pointer: at(parent, key), message: `Property ${label} ${what}.` });
    }
    if (spec.maxLength !== undefined && length > spec.maxLength) {
      // A warning, not an error. Reading: Meta's components reference documents these limits
      // ("Max character limit: 20" and the like) but its error-codes page lists no code for
      // exceeding one, and WhatsApp's client validator checks minimum lengths (MIN_CHARS_REQUIRED)
      // but no maximum. Published flows go over them: Meta's own templates and public flows in the
      // regression corpus (shared/corpus/flow-json-real, valid/10, 23, 25, 28) are accepted by the
      // platform. So the limit is design guidance: text beyond it may be cut off on the phone.
      this.report({
        code: 'MAX_CHARS_EXCEEDED',
        severity: 'warning',
        pointer: at(parent, key),
        message: `Property ${label} has ${length} characters; Meta documents a limit of ${spec.maxLength} for it. Longer text may be cut off on the phone: shorten it.`,
      });
    }
    if (spec.pattern !== undefined && !anchored(spec.pattern).test(value)) {
      const what = spec.patternHint ?? `match the pattern '${spec.pattern}'`;
      this.report({ code: 'PATTERN_MISMATCH', pointer: at(parent, key), message: `Property ${label} should ${spec.patternHint ? 'be ' : ''}${what}, but is ${JSON.stringify(value)}.` });
    }
    if (spec.format && !matchesFormat(value, spec.format)) {
      this.report({ code: 'INVALID_PROPERTY_VALUE_FORMAT', pointer: at(parent, key), message: `Property ${label} should be in '${spec.format}' format${spec.format === 'date' ? ' (YYYY-MM-DD)' : ''}, but is '${value}'.` });
    }
  }

  private checkNumber(value: unknown, spec: Extract<ValueSpec, { kind: 'number' }>, parent: string, key: string | number | undefined, label: string): void {
    if (typeof value !== 'number' || (spec.integer && !Number.isInteger(value))) {
      return this.typeError(value, spec.integer ? 'integer' : 'number', at(parent, key), label, false);
    }
    if (spec.minimum !== undefined && value < spec.minimum) {
      this.report({ code: 'MINIMUM_VALUE_REQUIRED', pointer: at(parent, key), message: `The minimum value allowed for property ${label} is ${spec.minimum}; found ${value}.` });
    }
    if (spec.maximum !== undefined && value > spec.maximum) {
      this.report({ code: 'MAXIMUM_VALUE_REQUIRED', pointer: at(parent, key), message: `The maximum value allowed for property ${label} is ${spec.maximum}; found ${value}.` });
    }
  }

  private checkCount(count: number, min: number | undefined, max: number | undefined, pointer: string, label: string, unit = 'item'): void {
    if (min !== undefined && count < min) {
      this.report({ code: 'MIN_ITEMS_REQUIRED', pointer, message: `Property ${label} should have at least ${min} ${unit}${min === 1 ? '' : 's'}; found ${count}.` });
    }
    if (max !== undefined && count > max) {
      this.report({ code: 'MAX_ITEMS_REQUIRED', pointer, message: `Property ${label} should have at most ${max} ${unit}s; found ${count}.` });
    }
  }

  private checkUnique(items: readonly unknown[], key: string, pointer: string, label: string): void {
    const seen = new Set<unknown>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isRecord(item) || !hasOwn(item, key)) continue;
      const id = item[key];
      if (seen.has(id)) {
        this.report({ code: 'DUPLICATE_ITEM_IDS', pointer: childPointer(childPointer(pointer, i), key), message: `Duplicate ${key} '${String(id)}' in ${label}: each item needs its own ${key}, since the selection reports it.` });
      }
      seen.add(id);
    }
  }

  private typeError(value: unknown, expected: string, pointer: string, label: string, dynamic: boolean): void {
    const alt = dynamic ? ' or a dynamic reference like "${data.field}"' : '';
    this.report({
      code: 'INVALID_PROPERTY_TYPE',
      pointer,
      message: `Expected property ${label} to be of type '${expected}'${alt}, but found '${jsonTypeOf(value)}'.`,
    });
  }
}

/** The pointer of member `key` of `parent` (key undefined: `parent` itself). */
function at(parent: string, key: string | number | undefined): string {
  return key === undefined ? parent : childPointer(parent, key);
}

interface ObjectPlan {
  readonly byName: ReadonlyMap<string, ResolvedProperty>;
  /** `'name'` as messages quote each property, built once. */
  readonly labels: ReadonlyMap<string, string>;
  readonly required: readonly ResolvedProperty[];
}

// Keyed by the immutable catalogue's property tables, so each owner is prepared once per version.
const plans = new WeakMap<Readonly<Record<string, PropertySpec>>, Map<FlowJsonVersion, ObjectPlan>>();

function objectPlan(properties: Readonly<Record<string, PropertySpec>>, version: FlowJsonVersion): ObjectPlan {
  let byVersion = plans.get(properties);
  if (!byVersion) plans.set(properties, (byVersion = new Map()));
  let plan = byVersion.get(version);
  if (!plan) {
    const byName = resolvePropertyMap(properties, version);
    const labels = new Map<string, string>();
    for (const name of byName.keys()) labels.set(name, `'${name}'`);
    plan = { byName, labels, required: [...byName.values()].filter((p) => p.required) };
    byVersion.set(version, plan);
  }
  return plan;
}

/**
 * Characters as a person counts them (code points, not UTF-16 units), computed only when the
 * cheap UTF-16 length cannot settle the limits: a string has at most as many code points as units.
 */
function characterCount(value: string, min: number | undefined, max: number | undefined): number {
  const undecidedMax = max !== undefined && value.length > max;
  const undecidedMin = min !== undefined && value.length >= min && value.length < 2 * min;
  if (!undecidedMax && !undecidedMin) return value.length;
  let count = 0;
  for (const _ of value) count++;
  return count;
}

const patterns = new Map<string, RegExp>();
function anchored(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(`^(?:${source})$`, 'u')));
  return re;
}

function kindName(spec: ValueSpec): string {
  switch (spec.kind) {
    case 'components':
      return 'array';
    case 'action':
    case 'data-model':
      return 'object';
    case 'oneOf':
      return spec.options.map(kindName).join(' or ');
    default:
      return spec.kind;
  }
}

function matchesFormat(value: string, format: string): boolean {
  switch (format) {
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return false;
      const d = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
    }
    case 'uri':
      return URL.canParse(value) && /^[a-z][a-z0-9+.-]*:/i.test(value);
    default:
      return true;
  }
}

function knownComponentTypes(): string[] {
  return COMPONENT_SPECS.map((c) => c.type);
}

/** " Did you mean 'X'?" when a known name is within two edits (case-insensitive). */
export function suggest(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? ` Did you mean '${best}'?` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
