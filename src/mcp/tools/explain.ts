// `explain`: one entry of the catalogue or one diagnostic code, as data: a component (its
// properties in a version, per-screen and per-flow limits, the versions that have it), a property
// ("TextInput.label", "screen.terminal", "flow.routing_model"), an action, the flow-wide limits, or
// a code (the rules that report it, whether `fix` may fix it).
import { ACTION_SPECS, COMPONENT_SPECS, FLOW_LIMITS, FLOW_SPEC, LAYOUT_SPECS, SCREEN_SPEC, getActionSpec, getComponentSpec, getLayoutSpec, maxPerScreen, resolveProperty, resolvePropertyList } from '../../flow-json/catalogue/index.js';
import type { ComponentSpec, PropertySpec, ResolvedProperty } from '../../flow-json/catalogue/index.js';
import { closestName } from '../../flow-json/fix/spelling.js';
import { FLOW_JSON_VERSIONS, LATEST_FLOW_JSON_VERSION, describeRange, inRange } from '../../flow-json/versions.js';
import type { FlowJsonVersion, VersionRange } from '../../flow-json/versions.js';
import { explainCode, knownCodes } from '../codes.js';
import { ToolInputError, answer } from './tool.js';
import type { ToolDefinition } from './tool.js';

type Owner = { kind: 'component' | 'action' | 'document'; name: string; properties: Readonly<Record<string, PropertySpec>>; versions?: VersionRange };

/** The owners of properties: components, layouts, actions, and the flow and screen objects. */
function owners(): Owner[] {
  return [
    ...[...COMPONENT_SPECS, ...LAYOUT_SPECS].map((c): Owner => ({ kind: 'component', name: c.type, properties: c.properties, versions: c.versions })),
    ...ACTION_SPECS.map((a): Owner => ({ kind: 'action', name: a.name, properties: a.properties, versions: a.versions })),
    { kind: 'document', name: 'flow', properties: FLOW_SPEC.properties },
    { kind: 'document', name: 'screen', properties: SCREEN_SPEC.properties },
  ];
}

function propertyJson(p: ResolvedProperty, spec: PropertySpec): Record<string, unknown> {
  return {
    name: p.name,
    description: p.description,
    required: p.required,
    dynamic: p.dynamic,
    value: p.value,
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(spec.versions !== undefined ? { versions: describeRange(spec.versions) } : {}),
    ...((spec.overrides?.length ?? 0) > 0
      ? { changes: spec.overrides?.map((o) => ({ versions: describeRange(o.versions), ...(o.value ? { value: o.value } : {}), ...(o.required !== undefined ? { required: o.required } : {}), ...(o.dynamic !== undefined ? { dynamic: o.dynamic } : {}) })) }
      : {}),
  };
}

function propertiesJson(properties: Readonly<Record<string, PropertySpec>>, version: FlowJsonVersion): Record<string, unknown>[] {
  return resolvePropertyList(properties, version).map((p) => propertyJson(p, properties[p.name] as PropertySpec));
}

function componentJson(spec: ComponentSpec, version: FlowJsonVersion): Record<string, unknown> {
  const max = maxPerScreen(spec, version);
  const alone = spec.screenExclusive?.find((x) => inRange(version, x.versions));
  const limits = {
    ...(max !== undefined ? { maxPerScreen: max } : {}),
    ...(spec.maxPerFlow !== undefined ? { maxPerFlow: spec.maxPerFlow } : {}),
    ...(spec.notOnTerminalScreen === true ? { notOnTerminalScreen: true } : {}),
    ...(alone !== undefined ? { aloneOnScreen: { allowWith: alone.allowWith } } : {}),
    maxComponentsPerScreen: FLOW_LIMITS.maxComponentsPerScreen,
  };
  return {
    kind: 'component',
    name: spec.type,
    description: spec.description,
    category: spec.category,
    versions: describeRange(spec.versions),
    version,
    inVersion: inRange(version, spec.versions),
    properties: propertiesJson(spec.properties, version),
    limits,
    ...(spec.dependencies !== undefined ? { dependencies: spec.dependencies } : {}),
    ...(spec.formValue !== undefined ? { formValue: spec.formValue } : {}),
  };
}

function explainProperty(ownerName: string, property: string, version: FlowJsonVersion): Record<string, unknown> {
  const all = owners();
  const owner = all.find((o) => o.name === ownerName) ?? all.find((o) => o.name.toLowerCase() === ownerName.toLowerCase());
  if (owner === undefined) {
    const near = closestName(ownerName, all.map((o) => o.name));
    throw new ToolInputError(`"${ownerName.slice(0, 60)}" is no component, action, "flow" or "screen"${near ? `; did you mean "${near}"?` : ''}`);
  }
  const spec = owner.properties[property];
  if (spec === undefined) {
    const names = Object.keys(owner.properties);
    const near = closestName(property, names);
    throw new ToolInputError(`${owner.name} has no property "${property.slice(0, 60)}"${near ? `; did you mean "${near}"?` : ''} (its properties: ${names.join(', ')})`);
  }
  const resolved = resolveProperty(property, spec, version);
  const fallback: ResolvedProperty = { name: property, value: spec.value, required: spec.required ?? false, dynamic: spec.dynamic ?? false, default: spec.default, description: spec.description };
  const range = spec.versions ?? owner.versions;
  return {
    kind: 'property',
    ...propertyJson(resolved ?? fallback, spec),
    name: `${owner.name}.${property}`,
    owner: owner.name,
    property,
    version,
    inVersion: resolved !== undefined && inRange(version, owner.versions),
    ...(range !== undefined ? { versions: describeRange(range) } : {}),
  };
}

/** Everything `name` may be, for "did you mean". */
function allNames(): string[] {
  return [...owners().map((o) => o.name), ...knownCodes(), 'limits'];
}

export function explain(name: string, property: string | undefined, version: FlowJsonVersion): Record<string, unknown> {
  const trimmed = name.trim();
  if (property !== undefined) return explainProperty(trimmed, property, version);
  const dot = trimmed.indexOf('.');
  if (dot > 0 && !trimmed.startsWith('style/')) return explainProperty(trimmed.slice(0, dot), trimmed.slice(dot + 1), version);
  if (trimmed === 'limits' || trimmed === 'FLOW_LIMITS') {
    return { kind: 'limits', name: 'limits', description: 'Flow-wide limits that belong to no single component (sizes in bytes).', limits: FLOW_LIMITS };
  }
  const code = explainCode(trimmed);
  if (code !== undefined) {
    return { kind: 'code', name: code.code, description: code.reportedBy.map((r) => r.description).join(' '), ...code };
  }
  const component = getComponentSpec(trimmed) ?? getLayoutSpec(trimmed);
  if (component !== undefined) return componentJson(component, version);
  const action = getActionSpec(trimmed);
  if (action !== undefined) {
    return { kind: 'action', name: action.name, description: action.description, versions: describeRange(action.versions), version, inVersion: inRange(version, action.versions), properties: propertiesJson(action.properties, version) };
  }
  if (trimmed === 'flow' || trimmed === 'screen') {
    const spec = trimmed === 'flow' ? FLOW_SPEC : SCREEN_SPEC;
    return { kind: 'document', name: trimmed, description: trimmed === 'flow' ? 'The top level of a Flow JSON document.' : 'One screen of the flow.', version, properties: propertiesJson(spec.properties, version) };
  }
  const near = closestName(trimmed, allNames());
  throw new ToolInputError(`nothing in the catalogue is called "${trimmed.slice(0, 80)}"${near ? ` (did you mean "${near}"?)` : ''}. Give a component type (TextInput), an action (navigate), Owner.property (TextInput.label, screen.terminal), a diagnostic code (INVALID_ROUTING_MODEL) or "limits".`);
}

export const explainTool: ToolDefinition = {
  name: 'explain',
  title: 'Explain a component, property or error code',
  description:
    'Looks one thing up in the Flow JSON catalogue the validator reads: a component type (TextInput), a layout, an action (navigate), a property ' +
    '(TextInput.label, Footer.on-click-action, screen.terminal, flow.routing_model), "limits" for the flow-wide limits, or a diagnostic code ' +
    '(INVALID_ROUTING_MODEL, style/sentence-case). Answers with the description, the value\'s type and limits, whether it is required or takes ${...} ' +
    'references, the versions that have it (and what changes between them); for a code, the rules that report it and whether `fix` may fix it.',
  inputSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, description: 'A component, action, Owner.property, diagnostic code, or "limits".' },
      property: { type: 'string', minLength: 1, description: 'A property of the component or action named by name (same as name: "Owner.property").' },
      version: { type: 'string', enum: [...FLOW_JSON_VERSIONS], description: `The Flow JSON version to describe it in (default ${LATEST_FLOW_JSON_VERSION}).` },
    },
    required: ['name'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      kind: { type: 'string', enum: ['component', 'property', 'action', 'document', 'code', 'limits'] },
      name: { type: 'string' },
      description: { type: 'string' },
      versions: { type: 'string', description: 'The versions that have it.' },
      inVersion: { type: 'boolean', description: 'Whether the asked version has it.' },
      properties: { type: 'array', items: { type: 'object' } },
      limits: { type: 'object' },
      reportedBy: { type: 'array', items: { type: 'object', properties: { rule: { type: 'string' }, description: { type: 'string' } }, required: ['rule', 'description'] } },
      mayHaveSafeFix: { type: 'boolean' },
    },
    required: ['kind', 'name', 'description'],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handle(args) {
    const version = (typeof args.version === 'string' ? args.version : LATEST_FLOW_JSON_VERSION) as FlowJsonVersion;
    return answer(explain(String(args.name), typeof args.property === 'string' ? args.property : undefined, version));
  },
};
