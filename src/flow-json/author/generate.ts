// Writes components.generated.ts: one builder per catalogued component and layout, with property
// types and JSDoc from the catalogue, for every Flow JSON version. A version whose properties of a
// component are the same as the version before shares its props interface, so each interface is
// named after the first version it describes (TextInputProps_6_2 = TextInput from 6.2 on, until
// the next one). Run by generated.test.ts, which fails while the checked-in file is stale.
import { ACTION_SPECS, COMPONENT_SPECS, FLOW_SPEC, LAYOUT_SPECS, SCREEN_SPEC, resolvePropertyMap } from '../catalogue/index.js';
import type { ActionName, ComponentSpec, PropertySpec, ResolvedProperty, ValueSpec } from '../catalogue/index.js';
import { FLOW_JSON_VERSIONS, describeRange, inRange } from '../versions.js';
import type { FlowJsonVersion } from '../versions.js';
import { builderName } from './names.js';

const ACTION_TYPES: Record<ActionName, string> = {
  navigate: 'NavigateAction',
  data_exchange: 'DataExchangeAction',
  complete: 'CompleteAction',
  update_data: 'UpdateDataAction',
  open_url: 'OpenUrlAction',
};
const ACTION_BUILDERS: Record<ActionName, string> = {
  navigate: 'navigate',
  data_exchange: 'dataExchange',
  complete: 'complete',
  update_data: 'updateData',
  open_url: 'openUrl',
};

/**
 * Properties typed by hand: a condition or a case value may reference a field of any type, and
 * each entry of a Form's init-values and error-messages may be a reference (real flows do that).
 */
const FORM_VALUE = 'string | boolean | readonly string[]';
const PROPERTY_TYPES: Record<string, string> = {
  'If.condition': 'string | Ref<unknown>',
  'Switch.value': 'string | Ref<unknown>',
  'Form.init-values': `{ readonly [field: string]: ${FORM_VALUE} | Dyn<${FORM_VALUE}> } | Dyn<{ readonly [field: string]: ${FORM_VALUE} }>`,
  'Form.error-messages': '{ readonly [field: string]: string | Dyn<string> } | Dyn<{ readonly [field: string]: string }>',
};

const tag = (v: FlowJsonVersion): string => v.replace('.', '_');
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const key = (name: string): string => (IDENTIFIER.test(name) ? name : quote(name));
const doc = (text: string, indent: string): string => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */`;

/** The source of components.generated.ts. */
export function generateBuilderSource(): string {
  const out: string[] = [
    '// Generated from the component catalogue by src/flow-json/author/generate.ts. Do not edit:',
    '// run `WAFLOW_WRITE_GENERATED=1 npx vitest run src/flow-json/author/generated.test.ts` after changing the catalogue.',
    "import { component } from './node.js';",
    "import type { CompleteAction, Component, DataExchangeAction, NavigateAction, OpenUrlAction, UpdateDataAction } from './node.js';",
    "import type { ActionBuilders, CommonBuilders } from './builders-types.js';",
    "import type { Dyn, Ref } from './ref.js';",
    "import type { FlowBuilder, ScreenBuilder } from './shape.js';",
    '',
  ];
  for (const v of FLOW_JSON_VERSIONS) {
    const types = COMPONENT_SPECS.filter((c) => inRange(v, c.versions)).map((c) => `'${c.type}'`);
    out.push(`/** The component types of Flow JSON ${v}. */`, `export type ComponentType_${tag(v)} = ${types.join(' | ')};`, '');
  }
  const owners: { spec: ComponentSpec; props: Map<FlowJsonVersion, string> }[] = [];
  for (const spec of [...COMPONENT_SPECS, ...LAYOUT_SPECS]) owners.push({ spec, props: propsInterfaces(out, spec.type, `Properties of ${spec.type}`, spec.properties, spec.versions.since, spec.versions.until, []) });
  const screenProps = propsInterfaces(out, 'Screen', 'Properties of a screen', SCREEN_SPEC.properties, '2.1', undefined, ['id', 'data', 'layout']);
  const flowProps = propsInterfaces(out, 'Flow', 'Top-level properties of a flow', FLOW_SPEC.properties, '2.1', undefined, ['version', 'screens', 'routing_model']);

  for (const v of FLOW_JSON_VERSIONS) {
    out.push(`/** The builders of Flow JSON ${v}: only what ${v} has, typed as ${v} has it. */`, `export interface Builders_${tag(v)} extends CommonBuilders {`);
    out.push(`  readonly version: '${v}';`);
    out.push('  /** The flow: its screens, and top-level properties such as data_api_version; routing_model is derived. */');
    out.push(`  readonly flow: FlowBuilder<'${v}', ${flowProps.get(v)}>;`);
    out.push('  /** A screen: id, options (title, data, form fields...) and its components, or a function of its references returning them. */');
    out.push(`  readonly screen: ScreenBuilder<${screenProps.get(v)}, Component<ComponentType_${tag(v)}>>;`);
    for (const { spec, props } of owners) {
      const name = props.get(v);
      if (name === undefined) continue;
      out.push(doc(`${spec.description} (${spec.type}, ${describeRange(spec.versions)})`, '  '));
      out.push(`  readonly ${builderName(spec.type)}: (props: ${name}) => Component<'${spec.type}'>;`);
    }
    for (const a of ACTION_SPECS.filter((s) => inRange(v, s.versions))) out.push(`  readonly ${ACTION_BUILDERS[a.name]}: ActionBuilders['${ACTION_BUILDERS[a.name]}'];`);
    out.push('}', '');
  }
  out.push('/** The builders of each Flow JSON version. */', 'export interface BuildersByVersion {');
  for (const v of FLOW_JSON_VERSIONS) out.push(`  readonly '${v}': Builders_${tag(v)};`);
  out.push('}', '');
  out.push('/** Every component and layout builder (the runtime is the same in every version; the types differ). */', 'export const COMPONENT_BUILDERS = {');
  for (const { spec } of owners) out.push(`  ${builderName(spec.type)}: (props: object): Component<'${spec.type}'> => component('${spec.type}', props),`);
  out.push('};', '');
  return out.join('\n');
}

/**
 * Emits one props interface per distinct shape over [since, until] and returns, per version, the
 * name of the interface that version uses.
 */
function propsInterfaces(
  out: string[],
  owner: string,
  what: string,
  properties: Readonly<Record<string, PropertySpec>>,
  since: FlowJsonVersion,
  until: FlowJsonVersion | undefined,
  skip: readonly string[],
): Map<FlowJsonVersion, string> {
  const byVersion = new Map<FlowJsonVersion, string>();
  let previous: { body: string; name: string; first: FlowJsonVersion; last: FlowJsonVersion } | undefined;
  const emit = (): void => {
    if (!previous) return;
    const range = previous.first === previous.last ? `Flow JSON ${previous.first}` : `Flow JSON ${previous.first} to ${previous.last}`;
    out.push(`/** ${what} in ${range}. */`, `export interface ${previous.name} {`, previous.body, '}', '');
  };
  for (const v of FLOW_JSON_VERSIONS) {
    if (!inRange(v, { since, ...(until ? { until } : {}) })) continue;
    const members = [...resolvePropertyMap(properties, v).values()].filter((p) => !skip.includes(p.name));
    const body = members.map((p) => member(owner, p, v, '  ')).join('\n');
    if (previous?.body === body) {
      previous.last = v;
    } else {
      emit();
      previous = { body, name: `${owner}Props_${tag(v)}`, first: v, last: v };
    }
    byVersion.set(v, previous.name);
  }
  emit();
  return byVersion;
}

function member(owner: string, p: ResolvedProperty, v: FlowJsonVersion, indent: string): string {
  const base = PROPERTY_TYPES[`${owner}.${p.name}`] ?? typeOf(p.value, v, indent);
  const type = p.dynamic && PROPERTY_TYPES[`${owner}.${p.name}`] === undefined ? `${base} | Dyn<${base}>` : base;
  const extra = p.default === undefined ? '' : ` Default: ${JSON.stringify(p.default)}.`;
  return `${doc(`${p.description}${extra}`, indent)}\n${indent}readonly ${key(p.name)}${p.required ? '' : '?'}: ${type};`;
}

function typeOf(spec: ValueSpec, v: FlowJsonVersion, indent: string): string {
  switch (spec.kind) {
    case 'string':
      return spec.enum ? spec.enum.map(quote).join(' | ') : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = typeOf(spec.items, v, indent);
      return /^[\w.<>']+$/.test(item) ? `readonly ${item}[]` : `ReadonlyArray<${item}>`;
    }
    case 'object': {
      const inner = `${indent}  `;
      const lines = [...resolvePropertyMap(spec.properties, v).values()].map((p) => member('', p, v, inner));
      if (spec.additionalProperties === true) lines.push(`${inner}readonly [key: string]: unknown;`);
      else if (typeof spec.additionalProperties === 'object') lines.push(`${inner}readonly [key: string]: ${typeOf(spec.additionalProperties, v, inner)};`);
      return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
    }
    case 'components': {
      if (!spec.allowedTypes) return `readonly Component<ComponentType_${tag(v)}>[]`;
      const allowed = spec.allowedTypes.filter((t) => COMPONENT_SPECS.some((c) => c.type === t && inRange(v, c.versions)));
      return `ReadonlyArray<Component<${allowed.map((t) => `'${t}'`).join(' | ')}>>`;
    }
    case 'action':
      return spec.actions.filter((a) => ACTION_SPECS.some((s) => s.name === a && inRange(v, s.versions))).map((a) => ACTION_TYPES[a]).join(' | ');
    case 'oneOf':
      return spec.options
        .map((o) => typeOf(o, v, indent))
        .map((t) => (/^[\w.<>'[\] ]+$/.test(t) ? t : `(${t})`))
        .join(' | ');
    case 'data-model':
      return 'unknown';
    case 'any':
      return 'unknown';
  }
}
