import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { componentSpecsFor, resolveProperties, actionSpecsFor, COMPONENT_SPECS } from '../catalogue/index.js';
import { FLOW_JSON_VERSIONS, inRange, type FlowJsonVersion } from '../versions.js';
import { generateJsonSchema, schemaVersions } from './generate.js';
import type { JsonSchema } from './types.js';

// ajv-formats is CommonJS; depending on the loader its function arrives as the module or as `.default`.
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const formatsModule = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsModule.default ?? formatsModule;

function compile(version: FlowJsonVersion): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(generateJsonSchema(version));
}

const validators = new Map<FlowJsonVersion, ValidateFunction>();
function validatorFor(version: FlowJsonVersion): ValidateFunction {
  let v = validators.get(version);
  if (!v) validators.set(version, (v = compile(version)));
  return v;
}

/** A one-screen flow whose layout holds `children`. */
function flow(version: FlowJsonVersion, children: unknown[], extraScreen: Record<string, unknown> = {}): unknown {
  return {
    version,
    screens: [{ id: 'ONLY', title: 'Only', terminal: true, layout: { type: 'SingleColumnLayout', children }, ...extraScreen }],
  };
}

const footer = { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } };

function errorsOf(version: FlowJsonVersion, doc: unknown): { instancePath: string; keyword: string; message?: string }[] {
  const validate = validatorFor(version);
  validate(doc);
  return (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message }));
}

function accepts(version: FlowJsonVersion, doc: unknown): boolean {
  return validatorFor(version)(doc) === true;
}

describe('schemaVersions', () => {
  it('lists every Flow JSON version, oldest first', () => {
    expect(schemaVersions()).toEqual([...FLOW_JSON_VERSIONS]);
  });
});

describe('generateJsonSchema', () => {
  it.each(schemaVersions())('produces a valid draft 2020-12 schema for %s that ajv compiles in strict mode', (version) => {
    const schema = generateJsonSchema(version);
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://waflow.dev/schema/flow-json/${version}.json`);
  });

  it('is plain JSON: serialising and parsing it changes nothing', () => {
    const schema = generateJsonSchema('7.3');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it.each(schemaVersions())('has one definition per component of %s, with the catalogue properties and required list', (version) => {
    const defs = generateJsonSchema(version).$defs ?? {};
    const componentUnion = defs['component'];
    const types = componentSpecsFor(version).map((c) => c.type);
    expect(componentUnion?.properties?.['type']?.enum).toEqual(types);
    for (const spec of componentSpecsFor(version)) {
      const def = defs[`component.${spec.type}`];
      expect(def, spec.type).toBeDefined();
      const resolved = resolveProperties(spec.properties, version);
      expect(Object.keys(def?.properties ?? {}).sort()).toEqual(['type', ...resolved.map((p) => p.name)].sort());
      expect(def?.required?.slice().sort()).toEqual(['type', ...resolved.filter((p) => p.required).map((p) => p.name)].sort());
      expect(def?.description).toContain(spec.description);
    }
  });

  it('leaves out components and actions the version does not have', () => {
    for (const version of schemaVersions()) {
      const defs = generateJsonSchema(version).$defs ?? {};
      for (const spec of COMPONENT_SPECS) {
        expect(`component.${spec.type}` in defs, `${spec.type} in ${version}`).toBe(inRange(version, spec.versions));
      }
      const names = actionSpecsFor(version).map((a) => a.name);
      for (const name of ['navigate', 'data_exchange', 'complete', 'update_data', 'open_url'] as const) {
        expect(`action.${name}` in defs, `${name} in ${version}`).toBe(names.includes(name));
      }
    }
    expect('component.NavigationList' in (generateJsonSchema('6.1').$defs ?? {})).toBe(false);
    expect('component.NavigationList' in (generateJsonSchema('6.2').$defs ?? {})).toBe(true);
  });

  it('fixes `version` to the schema version', () => {
    expect(accepts('7.3', flow('7.3', [footer]))).toBe(true);
    expect(accepts('7.3', flow('7.2', [footer]))).toBe(false);
  });
});

describe('what the schema accepts and rejects', () => {
  it('rejects an unknown component type, naming the valid ones', () => {
    const errors = errorsOf('7.3', flow('7.3', [{ type: 'TextImput', name: 'x', label: 'X' }, footer]));
    const typeError = errors.find((e) => e.instancePath === '/screens/0/layout/children/0/type');
    expect(typeError?.keyword).toBe('enum');
  });

  it('rejects a missing required property at the component that lacks it', () => {
    const errors = errorsOf('7.3', flow('7.3', [{ type: 'TextInput', label: 'Name' }, footer]));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '/screens/0/layout/children/0', keyword: 'required' }));
  });

  it('rejects a label over the catalogue limit and accepts one at the limit', () => {
    const input = (label: string) => flow('7.3', [{ type: 'TextInput', name: 'n', label }, footer]);
    expect(accepts('7.3', input('x'.repeat(20)))).toBe(true);
    const errors = errorsOf('7.3', input('x'.repeat(21)));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '/screens/0/layout/children/0/label', keyword: 'maxLength' }));
  });

  it('reports only the errors of the component whose type matches, not of every other component', () => {
    const errors = errorsOf('7.3', flow('7.3', [{ type: 'TextInput', name: 'n', label: 'x'.repeat(21) }, footer]));
    const component = '/screens/0/layout/children/0';
    for (const e of errors) {
      const atLabel = e.instancePath === `${component}/label`;
      // "must match then schema" is repeated by each enclosing union (component, layout) on the way up.
      const branchNotice = component.startsWith(e.instancePath) && e.keyword === 'if';
      expect(atLabel || branchNotice, JSON.stringify(e)).toBe(true);
    }
    expect(errors.some((e) => e.keyword === 'maxLength')).toBe(true);
  });

  it('rejects a property used in a version that lacks it', () => {
    // TextInput `label-variant` arrived in 7.0.
    const doc = (v: FlowJsonVersion) => flow(v, [{ type: 'TextInput', name: 'n', label: 'Name', 'label-variant': 'large' }, footer]);
    expect(accepts('7.0', doc('7.0'))).toBe(true);
    const errors = errorsOf('6.3', doc('6.3'));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '/screens/0/layout/children/0', keyword: 'additionalProperties' }));
  });

  it('rejects a component used in a version that lacks it', () => {
    const chips = { type: 'ChipsSelector', name: 'c', label: 'Pick', 'data-source': [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] };
    expect(accepts('6.3', flow('6.3', [chips, footer]))).toBe(true);
    expect(accepts('6.2', flow('6.2', [chips, footer]))).toBe(false);
  });

  it('accepts a ${...} reference where a property is dynamic, and only there', () => {
    const doc = (extra: Record<string, unknown>) => flow('7.3', [{ type: 'TextInput', name: 'n', label: 'Name', ...extra }, footer]);
    expect(accepts('7.3', doc({ label: '${data.a_label_that_is_far_longer_than_twenty}' }))).toBe(true);
    expect(accepts('7.3', doc({ 'max-chars': '${data.max}' }))).toBe(true);
    expect(accepts('7.3', doc({ visible: '${form.other}' }))).toBe(true);
    expect(accepts('7.3', doc({ visible: 'yes' }))).toBe(false);
    // `input-type` is not dynamic in the catalogue.
    expect(accepts('7.3', doc({ 'input-type': '${data.kind}' }))).toBe(false);
  });

  it('allows only the actions a property lists, and only those of the version', () => {
    const link = (v: FlowJsonVersion) =>
      flow(v, [{ type: 'EmbeddedLink', text: 'Our terms', 'on-click-action': { name: 'open_url', url: 'https://example.com/terms' } }, footer]);
    expect(accepts('6.0', link('6.0'))).toBe(true);
    expect(accepts('5.1', link('5.1'))).toBe(false);
    const footerWith = (action: unknown) => flow('7.3', [{ type: 'Footer', label: 'Go', 'on-click-action': action }]);
    expect(accepts('7.3', footerWith({ name: 'update_data', payload: {} }))).toBe(false);
    expect(accepts('7.3', footerWith({ name: 'navigate', next: { type: 'screen', name: 'NEXT' }, payload: {} }))).toBe(true);
    const missingNext = errorsOf('7.3', footerWith({ name: 'navigate', payload: {} }));
    expect(missingNext).toContainEqual(
      expect.objectContaining({ instancePath: '/screens/0/layout/children/0/on-click-action', keyword: 'required' }),
    );
  });

  it('checks components nested in If branches and Switch cases against the same union', () => {
    const ifWith = (child: unknown) => flow('7.3', [{ type: 'If', condition: '${form.a}', then: [child] }, footer]);
    expect(accepts('7.3', ifWith({ type: 'TextBody', text: 'Shown' }))).toBe(true);
    expect(accepts('7.3', ifWith({ type: 'TextBody' }))).toBe(false);
    // NavigationList is not allowed in an If branch.
    const nav = { type: 'NavigationList', name: 'n', 'list-items': [{ id: 'a', 'main-content': { title: 'A' } }] };
    expect(accepts('7.3', ifWith(nav))).toBe(false);
    const switchWith = (cases: unknown) => flow('7.3', [{ type: 'Switch', value: '${form.a}', cases }, footer]);
    expect(accepts('7.3', switchWith({ a: [{ type: 'TextBody', text: 'A' }] }))).toBe(true);
    expect(accepts('7.3', switchWith({}))).toBe(false);
    expect(accepts('7.3', switchWith({ a: [{ type: 'TextBody', text: 'x'.repeat(4097) }] }))).toBe(false);
  });

  it('describes screen data recursively through items and properties', () => {
    const data = {
      people: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
        __example__: [{ name: 'Ana', tags: ['vip'] }],
      },
    };
    expect(accepts('7.3', flow('7.3', [footer], { data }))).toBe(true);
    const wrongNested = { people: { type: 'array', items: { type: 'object', properties: { name: { type: 'text' } } }, __example__: [] } };
    const errors = errorsOf('7.3', flow('7.3', [footer], { data: wrongNested }));
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/screens/0/data/people/items/properties/name/type', keyword: 'enum' }),
    );
    expect(accepts('7.3', flow('7.3', [footer], { data: { x: { __example__: 1 } } }))).toBe(false);
  });

  it('rejects a reserved screen id and an unknown screen property', () => {
    const doc = flow('7.3', [footer]) as { screens: Record<string, unknown>[] };
    expect(accepts('7.3', { ...doc, screens: [{ ...doc.screens[0], id: 'SUCCESS' }] })).toBe(false);
    expect(accepts('7.3', { ...doc, screens: [{ ...doc.screens[0], colour: 'red' }] })).toBe(false);
    // `sensitive` arrived in 5.1.
    expect(accepts('5.1', flow('5.1', [footer], { sensitive: ['pin'] }))).toBe(true);
    expect(accepts('5.0', flow('5.0', [footer], { sensitive: ['pin'] }))).toBe(false);
  });

  it('takes descriptions from the catalogue', () => {
    const schema: JsonSchema = generateJsonSchema('7.3');
    const label = schema.$defs?.['component.TextInput']?.properties?.['label'];
    expect(label?.description).toBe(COMPONENT_SPECS.find((c) => c.type === 'TextInput')?.properties['label']?.description);
  });
});
