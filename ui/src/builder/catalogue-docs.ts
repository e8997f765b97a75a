// The catalogue in words, for the editor's hover docs and the details of completion options: a
// component's or action's description, versions and limits, a property's type, limits, default,
// whether it takes `${…}` references and since when it exists.
import { describeRange, inRange, maxPerScreen, resolvePropertyList } from '../../../src/flow-json/index.js';
import type { ActionSpec, ComponentSpec, FlowJsonVersion, ValueSpec } from '../../../src/flow-json/index.js';
import type { PropertyInfo } from './flow-places.js';

/** A short description of a value spec: "string, 1–20 characters", "one of: text, number". */
export function describeSpec(spec: ValueSpec): string {
  switch (spec.kind) {
    case 'string': {
      if (spec.enum !== undefined) return `one of: ${spec.enum.map((v) => JSON.stringify(v)).join(', ')}`;
      const parts = ['string'];
      if (spec.format === 'screen-id') parts[0] = 'screen id';
      else if (spec.format !== undefined) parts.push(spec.format);
      if (spec.maxLength !== undefined) parts.push(spec.minLength !== undefined && spec.minLength > 0 ? `${spec.minLength}–${spec.maxLength} characters` : `at most ${spec.maxLength} characters`);
      else if (spec.minLength !== undefined && spec.minLength > 0) parts.push('not empty');
      if (spec.patternHint !== undefined) parts.push(spec.patternHint);
      return parts.join(', ');
    }
    case 'number': {
      const base = spec.integer === true ? 'integer' : 'number';
      if (spec.minimum !== undefined && spec.maximum !== undefined) return `${base} ${spec.minimum}–${spec.maximum}`;
      if (spec.minimum !== undefined) return `${base} ≥ ${spec.minimum}`;
      if (spec.maximum !== undefined) return `${base} ≤ ${spec.maximum}`;
      return base;
    }
    case 'boolean':
      return 'boolean';
    case 'array': {
      const count = spec.maxItems !== undefined ? `, ${spec.minItems ?? 0}–${spec.maxItems} items` : spec.minItems !== undefined && spec.minItems > 0 ? `, at least ${spec.minItems}` : '';
      return `array of ${describeSpec(spec.items)}${count}`;
    }
    case 'object':
      return 'object';
    case 'components': {
      const limit = spec.maxItems !== undefined ? ` (at most ${spec.maxItems})` : '';
      return spec.allowedTypes === undefined ? `components${limit}` : `components: ${spec.allowedTypes.join(', ')}${limit}`;
    }
    case 'action':
      return `action: ${spec.actions.join(', ')}`;
    case 'oneOf':
      return spec.options.map(describeSpec).join(' or ');
    case 'data-model':
      return 'data model (JSON Schema with __example__ values)';
    case 'any':
      return 'any JSON value';
  }
}

/** One line: "string, at most 20 characters · required". */
export function propertyDetail(p: PropertyInfo): string {
  const parts: string[] = [];
  if (p.resolved !== undefined) parts.push(describeSpec(p.resolved.value));
  if (p.required) parts.push('required');
  return parts.join(' · ');
}

/** The property's hover text, one fact per line. */
export function propertyDoc(p: PropertyInfo): string[] {
  const lines = [p.description];
  if (p.resolved !== undefined) {
    lines.push(`Type: ${describeSpec(p.resolved.value)}`);
    if (p.resolved.default !== undefined) lines.push(`Default: ${JSON.stringify(p.resolved.default)}`);
    if (p.resolved.dynamic) lines.push('Takes ${data.…}, ${form.…} or ${screen.…} references.');
  }
  lines.push(p.required ? 'Required.' : 'Optional.');
  if (p.spec?.versions !== undefined) lines.push(`In ${describeRange(p.spec.versions)}.`);
  for (const o of p.spec?.overrides ?? []) {
    const changes = [o.value !== undefined ? describeSpec(o.value) : undefined, o.required === true ? 'required' : o.required === false ? 'optional' : undefined].filter((x) => x !== undefined);
    if (changes.length > 0) lines.push(`${describeRange(o.versions)}: ${changes.join(', ')}.`);
  }
  return lines;
}

/** The component's hover text. */
export function componentDoc(spec: ComponentSpec, version: FlowJsonVersion): string[] {
  const lines = [spec.description, `${spec.category} component, ${describeRange(spec.versions)}${inRange(version, spec.versions) ? '' : ` (not in ${version})`}.`];
  const required = resolvePropertyList(spec.properties, version).filter((p) => p.required).map((p) => p.name);
  if (required.length > 0) lines.push(`Required: ${required.join(', ')}.`);
  const max = maxPerScreen(spec, version);
  if (max !== undefined) lines.push(`At most ${max} per screen.`);
  if (spec.maxPerFlow !== undefined) lines.push(`At most ${spec.maxPerFlow} per flow.`);
  if (spec.notOnTerminalScreen === true) lines.push('Not on a terminal screen.');
  for (const x of spec.screenExclusive ?? []) {
    if (inRange(version, x.versions)) lines.push(`Alone on its screen${x.allowWith.length === 0 ? '' : ` (with ${x.allowWith.join(', ')} at most)`}.`);
  }
  if (spec.formValue !== undefined) lines.push(`Its value is \${form.<name>}: ${spec.formValue.type}${spec.formValue.items === undefined ? '' : ` of ${spec.formValue.items}`}.`);
  return lines;
}

/** The action's hover text. */
export function actionDoc(spec: ActionSpec, version: FlowJsonVersion): string[] {
  return [spec.description, `Action, ${describeRange(spec.versions)}${inRange(version, spec.versions) ? '' : ` (not in ${version})`}.`];
}
