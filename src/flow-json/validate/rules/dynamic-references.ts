import type { ValueSpec } from '../../catalogue/index.js';
import { closestName, formatType, inferType, isAssignable, referenceNodes, toReference } from '../../expressions/index.js';
import type { AstNode, ExprType, ReferenceNode, TypeEnv } from '../../expressions/index.js';
import { compareVersions } from '../../versions.js';
import { GLOBAL_REFERENCES_SINCE } from '../../expressions/index.js';
import { formFieldsOf, parseCached, specToType, typeEnvOf } from '../flow-types.js';
import type { DynamicValue, FlowModel, ScreenNode } from '../model.js';
import type { Report, Rule } from '../rule.js';

/**
 * A warning: the expression is documented and evaluated as documented, but WhatsApp's web client
 * shows something else (src/flow-json/expressions/portability.ts says which constructs and why);
 * the message says what differs and how to write it so both agree.
 */
export const NON_PORTABLE_EXPRESSION = 'NON_PORTABLE_EXPRESSION';

/**
 * Every `${...}` string: it parses, its property accepts dynamic values, each reference exists
 * (screen data model, inputs on the screen, other screens' data and inputs from 4.0), and its type
 * fits the property. Codes and wording follow Meta's error-codes reference ("Screen Data Model
 * Errors", "On-click Action Errors"): developers.facebook.com/docs/whatsapp/flows/reference/error-codes
 */
export const dynamicReferences: Rule = {
  id: 'dynamic-references',
  codes: [
    'INVALID_PROPERTY_VALUE',
    'PATTERN_MISMATCH',
    'INVALID_SCREEN_DYNAMIC_DATA',
    'INVALID_SCREEN_DATA',
    'INVALID_ON_CLICK_ACTION_PAYLOAD',
    'INVALID_ACTION_PAYLOAD_PROPERTY',
    'UNDOCUMENTED_EXPRESSION_SYNTAX',
    NON_PORTABLE_EXPRESSION,
  ],
  description: '${...} strings parse, are allowed where they are written, reference declared data and inputs, and have the expected type.',
  check({ model, report }) {
    for (const screen of model.screens) {
      for (const d of screen.dynamics) checkDynamic(model, screen, d, report);
    }
  },
};

/** Whether a dynamic string is an If `condition` (parsed as a bare boolean expression). */
export function isCondition(d: DynamicValue): boolean {
  return d.component?.type === 'If' && d.pointer === `${d.component.pointer}/condition`;
}

function where(d: DynamicValue): string {
  const prop = d.property?.name ?? 'payload';
  if (d.action) return `${d.action.name} action '${prop}'`;
  return d.component ? `${d.component.type} property '${prop}'` : `screen property '${prop}'`;
}

function checkDynamic(model: FlowModel, screen: ScreenNode, d: DynamicValue, report: (r: Report) => void): void {
  const condition = isCondition(d);
  if (d.property && !d.property.dynamic && d.expected?.kind !== 'any') {
    report({
      code: 'PATTERN_MISMATCH',
      pointer: d.pointer,
      message: `Property '${d.property.name}' cannot hold a dynamic value such as \${data.your_value}; write a fixed value here.`,
    });
    return;
  }
  const parsed = parseCached(model, d.source, condition);
  if (!parsed.ok) {
    if (condition) return; // the conditionals rule explains condition syntax
    const fix = parsed.error.suggestion === undefined ? ' Write a reference such as ${data.field} or ${form.field}.' : ` For example: ${parsed.error.suggestion}`;
    report({
      code: 'INVALID_PROPERTY_VALUE',
      pointer: d.pointer,
      message: `Invalid dynamic value for ${where(d)} at character ${parsed.error.offset + 1}: ${parsed.error.message}.${fix}`,
    });
    return;
  }
  let versionGated = false;
  for (const p of parsed.problems) {
    if (p.code === 'undocumented-index-access' || p.code === 'undocumented-operator') {
      report({ code: 'UNDOCUMENTED_EXPRESSION_SYNTAX', severity: 'warning', pointer: d.pointer, message: `${capitalise(p.message)}.` });
    } else if (p.code === 'not-portable') {
      const portable = p.suggestion ? ` Portable form: ${p.suggestion}` : '';
      report({ code: NON_PORTABLE_EXPRESSION, severity: 'warning', pointer: d.pointer, message: `At character ${p.start + 1}: ${capitalise(p.message)}.${portable}` });
    } else {
      if (p.code === 'requires-version') versionGated = true;
      const hint = p.suggestion ? ` For example: ${p.suggestion}` : '';
      report({ code: 'INVALID_PROPERTY_VALUE', pointer: d.pointer, message: `Invalid value for ${where(d)}: ${p.message}.${hint}` });
    }
  }
  const ast = parsed.value;
  const env = typeEnvOf(model, screen);
  let resolved = true;
  for (const node of referenceNodes(ast)) {
    if (!checkReference(model, screen, d, node, env, versionGated, report)) resolved = false;
  }
  if (!resolved || condition || ast.kind !== 'expression') return;
  const inferred = inferType(ast, env);
  let operandError = false;
  for (const p of inferred.problems) {
    if (p.code === 'operand-type' || p.code === 'comparison-mismatch') {
      operandError = true;
      report({ code: 'INVALID_PROPERTY_VALUE', pointer: d.pointer, message: `Invalid expression for ${where(d)} at character ${p.start + 1}: ${p.message}.` });
    }
  }
  if (operandError) return;
  // A Switch `value` may be any scalar: its text picks the case.
  if (d.component?.type === 'Switch' && d.property?.name === 'value') return;
  if (d.expected) checkType(d, ast, inferred.type, d.expected, report);
}

interface Targets {
  readonly options: readonly ValueSpec[];
  /** The type each option stands for; undefined when some option takes anything. */
  readonly targets: readonly ExprType[] | undefined;
}

// Keyed by the immutable catalogue's value specs: each is translated to types once.
const targetsBySpec = new WeakMap<ValueSpec, Targets>();

function targetsOf(expected: ValueSpec): Targets {
  let cached = targetsBySpec.get(expected);
  if (!cached) {
    const options = expected.kind === 'oneOf' ? expected.options : [expected];
    const targets = options.map(specToType);
    cached = { options, targets: targets.some((t) => t === undefined) ? undefined : (targets as ExprType[]) };
    targetsBySpec.set(expected, cached);
  }
  return cached;
}

function checkType(d: DynamicValue, ast: AstNode, type: ExprType, expected: ValueSpec, report: (r: Report) => void): void {
  const { options, targets } = targetsOf(expected);
  if (!targets) return; // somewhere that takes anything
  let fitting: ValueSpec[] | undefined;
  for (let i = 0; i < options.length; i++) if (isAssignable(type, targets[i]!)) (fitting ??= []).push(options[i]!);
  const shown = ast.kind === 'expression' && ast.expression.kind === 'reference' ? d.source.slice(ast.expression.start, ast.expression.end) : d.source;
  if (!fitting) {
    const names = [...new Set(targets.map((t) => t.kind))];
    const wanted = names.length === 1 ? `of type '${names[0]}'` : `of one of these types: [${names.join(', ')}]`;
    report({
      code: 'INVALID_SCREEN_DYNAMIC_DATA',
      pointer: d.pointer,
      message: `Expected '${shown}' to be ${wanted} for ${where(d)}, but it is ${formatType(type)}. Bind a field of that type or change its declaration.`,
    });
    return;
  }
  // Objects are structural and lenient, but a data-source item needs the fields the component reads.
  for (const spec of fitting) {
    if (spec.kind !== 'array' || spec.items.kind !== 'object' || type.kind !== 'array' || type.items.kind !== 'object' || type.items.open) continue;
    const fields = type.items.fields;
    const missing = Object.entries(spec.items.properties).filter(([k, p]) => p.required && !Object.prototype.hasOwnProperty.call(fields, k)).map(([k]) => k);
    if (missing.length > 0) {
      report({
        code: 'INVALID_SCREEN_DYNAMIC_DATA',
        pointer: d.pointer,
        message: `Data model schema is invalid for '${shown}'. Missing schema for ${missing.join(', ')}: declare ${missing.map((m) => `'${m}'`).join(' and ')} in the items' "properties".`,
      });
    }
  }
}

function missingCode(d: DynamicValue): string {
  if (!d.action) return 'INVALID_SCREEN_DYNAMIC_DATA';
  return d.action.name === 'update_data' ? 'INVALID_ACTION_PAYLOAD_PROPERTY' : 'INVALID_ON_CLICK_ACTION_PAYLOAD';
}

function didYouMean(name: string, available: readonly string[]): string {
  const close = closestName(name, available);
  return close !== undefined ? ` Did you mean '${close}'?` : '';
}

/** Checks one reference; false when it does not resolve (so no type check follows). */
function checkReference(
  model: FlowModel,
  screen: ScreenNode,
  d: DynamicValue,
  node: ReferenceNode,
  env: TypeEnv,
  versionGated: boolean,
  report: (r: Report) => void,
): boolean {
  const ref = toReference(node);
  const here = screen.id ?? `#${screen.index}`;
  if (ref.screen !== undefined) {
    if (versionGated || compareVersions(model.version, GLOBAL_REFERENCES_SINCE) < 0) return false; // reported as a version problem
    // Meta's own samples read the current screen's pickers globally in action payloads, so only
    // component properties must use the local form.
    if (ref.screen === screen.id && !d.action) {
      const local = `\${${ref.scope}${ref.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}}`;
      report({
        code: 'INVALID_SCREEN_DATA',
        pointer: d.pointer,
        message: `Global dynamic data '${d.source.slice(node.start, node.end)}' used on screen '${here}' for ${where(d)} is invalid since screen '${here}' is the current screen. Use the local form ${local}.`,
      });
      return false;
    }
  }
  const target = ref.screen === undefined ? screen : model.screenById.get(ref.screen);
  const first = ref.path[0];
  if (target && ref.scope === 'form' && typeof first === 'string' && !formFieldsOf(target).has(first)) {
    if (target.components.some((c) => c.type === 'Form' && c.value['name'] === first)) {
      report({
        code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
        pointer: d.pointer,
        message: `Value of 'Form' component cannot be used in form binding: '${d.source.slice(node.start, node.end)}' names the Form itself. Reference one of its inputs, e.g. \${form.<input name>}.`,
      });
      return false;
    }
  }
  const resolution = env.resolve(ref);
  if (resolution.ok) return true;
  const failed = resolution.segment >= 0 ? String(ref.path[resolution.segment] ?? '') : (ref.screen ?? '');
  const hint = didYouMean(failed, resolution.available);
  if (resolution.code === 'unknown-screen') {
    report({
      code: 'INVALID_SCREEN_DATA',
      pointer: d.pointer,
      message: `Global dynamic data '${d.source.slice(node.start, node.end)}' used on screen '${here}' for ${where(d)} is invalid since screen '${ref.screen}' is missing in the Flow JSON.${hint}`,
    });
  } else if (resolution.code === 'not-an-object') {
    report({
      code: 'INVALID_SCREEN_DYNAMIC_DATA',
      pointer: d.pointer,
      message: `'${d.source.slice(node.start, node.end)}' on screen '${here}' for ${where(d)} is invalid: ${resolution.message}.${arrayHint(env, ref, resolution.segment)}`,
    });
  } else if (ref.screen !== undefined) {
    report({
      code: 'INVALID_SCREEN_DATA',
      pointer: d.pointer,
      message: `Global dynamic data '${d.source.slice(node.start, node.end)}' does not exist on screen '${ref.screen}' but is used on screen '${here}'.${hint}`,
    });
  } else if (ref.scope === 'form') {
    report({
      code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
      pointer: d.pointer,
      message: `Missing Form component ${d.source.slice(node.start, node.end)} for screen '${here}': no input on this screen is named '${failed}'.${hint}`,
    });
  } else {
    report({
      code: missingCode(d),
      pointer: d.pointer,
      message: `Missing dynamic data '${d.source.slice(node.start, node.end)}' in the data model of screen '${here}'. Declare '${failed}' in the screen's "data".${hint}`,
    });
  }
  return false;
}

/** Meta's wording when a path walks into an array's schema keywords (`products.items.title`). */
function arrayHint(env: TypeEnv, ref: ReturnType<typeof toReference>, segment: number): string {
  const container = env.resolve({ ...ref, path: ref.path.slice(0, segment) });
  return container.ok && container.type.kind === 'array' ? ' Arrays cannot be read field by field; bind the whole array to a property that takes one (e.g. data-source).' : '';
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}
