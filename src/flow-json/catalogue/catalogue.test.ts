import { describe, expect, it } from 'vitest';
import { FLOW_JSON_VERSIONS, compareVersions, inRange, isFlowJsonVersion, type FlowJsonVersion, type VersionRange } from '../versions.js';
import {
  ACTION_SPECS,
  COMPONENT_SPECS,
  FLOW_LIMITS,
  FLOW_SPEC,
  LAYOUT_SPECS,
  SCREEN_SPEC,
  resolveProperties,
  resolveProperty,
} from './index.js';
import type { ActionSpec, ComponentSpec, PropertySpec, ValueSpec } from './types.js';

/** Every property spec in the catalogue, with a readable path and the range of its owner. */
interface Entry {
  readonly path: string;
  readonly spec: PropertySpec;
  readonly owner: VersionRange;
}

const ALL_VERSIONS: VersionRange = { since: '2.1' };

function* propertiesIn(path: string, props: Readonly<Record<string, PropertySpec>>, owner: VersionRange): Generator<Entry> {
  for (const [name, spec] of Object.entries(props)) {
    const here = `${path}.${name}`;
    yield { path: here, spec, owner };
    const nestedOwner = spec.versions ?? owner;
    for (const v of [spec.value, ...(spec.overrides ?? []).flatMap((o) => (o.value ? [o.value] : []))]) {
      yield* propertiesInValue(here, v, nestedOwner);
    }
  }
}

function* propertiesInValue(path: string, value: ValueSpec, owner: VersionRange): Generator<Entry> {
  if (value.kind === 'object') {
    yield* propertiesIn(path, value.properties, owner);
    if (typeof value.additionalProperties === 'object') yield* propertiesInValue(`${path}.*`, value.additionalProperties, owner);
  } else if (value.kind === 'array') {
    yield* propertiesInValue(`${path}[]`, value.items, owner);
  } else if (value.kind === 'oneOf') {
    for (const [i, option] of value.options.entries()) yield* propertiesInValue(`${path}|${i}`, option, owner);
  }
}

function* valuesIn(value: ValueSpec): Generator<ValueSpec> {
  yield value;
  if (value.kind === 'object') {
    for (const p of Object.values(value.properties)) {
      yield* valuesIn(p.value);
      for (const o of p.overrides ?? []) if (o.value) yield* valuesIn(o.value);
    }
    if (typeof value.additionalProperties === 'object') yield* valuesIn(value.additionalProperties);
  } else if (value.kind === 'array') {
    yield* valuesIn(value.items);
  } else if (value.kind === 'oneOf') {
    for (const option of value.options) yield* valuesIn(option);
  }
}

/** Values of one property, not descending into nested properties (each is an entry of its own). */
function* shallowValues(value: ValueSpec): Generator<ValueSpec> {
  yield value;
  if (value.kind === 'array') yield* shallowValues(value.items);
  else if (value.kind === 'oneOf') for (const option of value.options) yield* shallowValues(option);
  else if (value.kind === 'object' && typeof value.additionalProperties === 'object') yield* shallowValues(value.additionalProperties);
}

const OWNERS: { name: string; props: Readonly<Record<string, PropertySpec>>; versions: VersionRange }[] = [
  ...COMPONENT_SPECS.map((c) => ({ name: c.type, props: c.properties, versions: c.versions })),
  ...LAYOUT_SPECS.map((c) => ({ name: c.type, props: c.properties, versions: c.versions })),
  ...ACTION_SPECS.map((a) => ({ name: `action ${a.name}`, props: a.properties, versions: a.versions })),
  { name: 'flow', props: FLOW_SPEC.properties, versions: ALL_VERSIONS },
  { name: 'screen', props: SCREEN_SPEC.properties, versions: ALL_VERSIONS },
];

const ENTRIES: Entry[] = OWNERS.flatMap((o) => [...propertiesIn(o.name, o.props, o.versions)]);

function allValueSpecs(entry: Entry): ValueSpec[] {
  const roots = [entry.spec.value, ...(entry.spec.overrides ?? []).flatMap((o) => (o.value ? [o.value] : []))];
  return roots.flatMap((r) => [...valuesIn(r)]);
}

function intersects(a: VersionRange, b: VersionRange): boolean {
  return FLOW_JSON_VERSIONS.some((v) => inRange(v, a) && inRange(v, b));
}

/** Whether a literal satisfies the scalar parts of a spec (enough to check declared defaults). */
function fits(spec: ValueSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'string':
      return (
        typeof value === 'string' &&
        (spec.enum === undefined || spec.enum.includes(value)) &&
        (spec.minLength === undefined || value.length >= spec.minLength) &&
        (spec.maxLength === undefined || value.length <= spec.maxLength) &&
        (spec.pattern === undefined || new RegExp(`^(?:${spec.pattern})$`).test(value))
      );
    case 'number':
      return (
        typeof value === 'number' &&
        (!spec.integer || Number.isInteger(value)) &&
        (spec.minimum === undefined || value >= spec.minimum) &&
        (spec.maximum === undefined || value <= spec.maximum)
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value) && value.every((v) => fits(spec.items, v));
    case 'oneOf':
      return spec.options.some((o) => fits(o, value));
    default:
      return true;
  }
}

function validRange(range: VersionRange): boolean {
  if (!isFlowJsonVersion(range.since)) return false;
  if (range.until === undefined) return true;
  return isFlowJsonVersion(range.until) && compareVersions(range.since, range.until) <= 0;
}

function prop(spec: ComponentSpec | ActionSpec, name: string, version: FlowJsonVersion) {
  const p = spec.properties[name];
  if (!p) throw new Error(`${'type' in spec ? spec.type : spec.name} has no property ${name}`);
  return resolveProperty(name, p, version);
}

function component(type: string): ComponentSpec {
  const c = COMPONENT_SPECS.find((s) => s.type === type);
  if (!c) throw new Error(`no component ${type}`);
  return c;
}

function actionsAllowed(spec: ComponentSpec, name: string, version: FlowJsonVersion): readonly string[] | undefined {
  const p = prop(spec, name, version);
  return p?.value.kind === 'action' ? p.value.actions : undefined;
}

describe('catalogue invariants', () => {
  it('has one entry per component type, none shadowing a layout', () => {
    const types = COMPONENT_SPECS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    for (const layout of LAYOUT_SPECS) expect(types).not.toContain(layout.type);
    const names = ACTION_SPECS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses only valid version ranges, since <= until', () => {
    const ranges: [string, VersionRange][] = [
      ...COMPONENT_SPECS.flatMap((c): [string, VersionRange][] => [
        [c.type, c.versions],
        ...(c.maxPerScreenOverrides ?? []).map((o): [string, VersionRange] => [`${c.type} maxPerScreen`, o.versions]),
        ...(c.screenExclusive ?? []).map((o): [string, VersionRange] => [`${c.type} screenExclusive`, o.versions]),
      ]),
      ...ACTION_SPECS.map((a): [string, VersionRange] => [a.name, a.versions]),
      ...ENTRIES.flatMap((e): [string, VersionRange][] => [
        ...(e.spec.versions ? [[e.path, e.spec.versions] as [string, VersionRange]] : []),
        ...(e.spec.overrides ?? []).map((o): [string, VersionRange] => [`${e.path} override`, o.versions]),
      ]),
      ...FLOW_LIMITS.dataSourceImageMaxBytes.map((l): [string, VersionRange] => ['dataSourceImageMaxBytes', l.versions]),
    ];
    expect(ranges.length).toBeGreaterThan(50);
    const bad = ranges.filter(([, r]) => !validRange(r)).map(([where]) => where);
    expect(bad).toEqual([]);
  });

  it('gives every property and override a range that overlaps its owner', () => {
    const dead = ENTRIES.filter(
      (e) =>
        (e.spec.versions && !intersects(e.spec.versions, e.owner)) ||
        (e.spec.overrides ?? []).some((o) => !intersects(o.versions, e.spec.versions ?? e.owner)),
    ).map((e) => e.path);
    expect(dead).toEqual([]);
  });

  it('keeps every minimum at or below its maximum', () => {
    const bad: string[] = [];
    for (const e of ENTRIES) {
      for (const v of allValueSpecs(e)) {
        if (v.kind === 'string' && v.minLength !== undefined && v.maxLength !== undefined && v.minLength > v.maxLength) bad.push(e.path);
        if ((v.kind === 'array' || v.kind === 'components') && v.minItems !== undefined && v.maxItems !== undefined && v.minItems > v.maxItems) bad.push(e.path);
        if (v.kind === 'number' && v.minimum !== undefined && v.maximum !== undefined && v.minimum > v.maximum) bad.push(e.path);
        if (v.kind === 'string' && v.maxLength !== undefined && v.maxLength < 1) bad.push(e.path);
      }
    }
    expect(bad).toEqual([]);
  });

  it('compiles every pattern and keeps enums non-empty and unique', () => {
    for (const e of ENTRIES) {
      for (const v of allValueSpecs(e)) {
        if (v.kind !== 'string') continue;
        if (v.pattern !== undefined) expect(() => new RegExp(v.pattern ?? ''), e.path).not.toThrow();
        if (v.enum) {
          expect(v.enum.length, e.path).toBeGreaterThan(0);
          expect(new Set(v.enum).size, e.path).toBe(v.enum.length);
        }
      }
    }
  });

  it('gives every default a value its own spec accepts', () => {
    const bad = ENTRIES.filter((e) => e.spec.default !== undefined && !fits(e.spec.value, e.spec.default)).map((e) => e.path);
    expect(bad).toEqual([]);
  });

  it('names only catalogued actions, each existing wherever the property does', () => {
    const problems: string[] = [];
    for (const e of ENTRIES) {
      for (const version of FLOW_JSON_VERSIONS) {
        if (!inRange(version, e.owner)) continue;
        const resolved = resolveProperty(e.path, e.spec, version);
        if (!resolved) continue;
        for (const v of shallowValues(resolved.value)) {
          if (v.kind !== 'action') continue;
          if (v.actions.length === 0) problems.push(`${e.path}: empty action list`);
          for (const name of v.actions) {
            const a = ACTION_SPECS.find((s) => s.name === name);
            if (!a) problems.push(`${e.path}: unknown action ${name}`);
            else if (!inRange(version, a.versions)) problems.push(`${e.path}: ${name} does not exist in ${version}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names only catalogued components in allowedTypes', () => {
    const known = new Set(COMPONENT_SPECS.map((c) => c.type));
    for (const e of ENTRIES) {
      for (const v of allValueSpecs(e)) {
        if (v.kind === 'components') for (const t of v.allowedTypes ?? []) expect(known.has(t), `${e.path}: ${t}`).toBe(true);
      }
    }
    for (const c of COMPONENT_SPECS) {
      for (const x of c.screenExclusive ?? []) for (const t of x.allowWith) expect(known.has(t), `${c.type}: ${t}`).toBe(true);
    }
  });

  it('gives every input a form value and every form value a required name', () => {
    for (const c of COMPONENT_SPECS) {
      const name = c.properties['name'];
      if (c.category === 'input' || c.category === 'selection') expect(c.formValue, c.type).toBeDefined();
      if (c.formValue) {
        expect(name?.required, c.type).toBe(true);
        if (c.formValue.type === 'array') expect(c.formValue.items, c.type).toBeDefined();
      }
      for (const variant of c.formValueVariants ?? []) expect(c.properties[variant.property], c.type).toBeDefined();
    }
  });

  it('describes everything in one non-empty line', () => {
    const descriptions = [
      ...COMPONENT_SPECS.map((c) => [c.type, c.description] as const),
      ...ACTION_SPECS.map((a) => [a.name, a.description] as const),
      ...ENTRIES.map((e) => [e.path, e.spec.description] as const),
    ];
    const bad = descriptions.filter(([, d]) => d.trim() === '' || d.includes('\n')).map(([w]) => w);
    expect(bad).toEqual([]);
  });

  it('keeps per-screen and per-flow limits positive', () => {
    for (const c of COMPONENT_SPECS) {
      if (c.maxPerScreen !== undefined) expect(c.maxPerScreen, c.type).toBeGreaterThan(0);
      if (c.maxPerFlow !== undefined) expect(c.maxPerFlow, c.type).toBeGreaterThanOrEqual(c.maxPerScreen ?? 1);
    }
  });

  it('resolves every component in every version it exists in', () => {
    for (const c of COMPONENT_SPECS) {
      for (const v of FLOW_JSON_VERSIONS) {
        if (!inRange(v, c.versions)) continue;
        const props = resolveProperties(c.properties, v);
        expect(props.some((p) => p.required), `${c.type} ${v}`).toBe(true);
      }
    }
  });
});

// Spot checks against the documentation (components, media upload and Flow JSON references).
describe('documented facts', () => {
  it('limits text components as the components reference states', () => {
    const max = (type: string, v: FlowJsonVersion = '7.3') => {
      const p = prop(component(type), 'text', v);
      const value = p?.value.kind === 'oneOf' ? p.value.options[0] : p?.value;
      return value?.kind === 'string' ? value.maxLength : undefined;
    };
    expect(max('TextHeading')).toBe(80);
    expect(max('TextSubheading')).toBe(80);
    expect(max('TextBody')).toBe(4096);
    expect(max('TextCaption')).toBe(409);
    expect(max('EmbeddedLink')).toBe(25);
    expect(max('TextBody', '2.1')).toBe(4096);
  });

  it('rejects blank text in text components', () => {
    const p = prop(component('TextHeading'), 'text', '7.3');
    expect(p?.value.kind).toBe('string');
    expect(fits(p!.value, '   ')).toBe(false);
    expect(fits(p!.value, 'Hello')).toBe(true);
    expect(fits(p!.value, 'x'.repeat(81))).toBe(false);
  });

  it('limits TextInput: label 20, helper-text 80, error-message 30 from 4.0', () => {
    const ti = component('TextInput');
    expect(prop(ti, 'label', '2.1')?.value).toMatchObject({ kind: 'string', maxLength: 20 });
    expect(prop(ti, 'helper-text', '7.3')?.value).toMatchObject({ maxLength: 80 });
    expect(prop(ti, 'error-message', '3.1')).toBeUndefined();
    expect(prop(ti, 'error-message', '4.0')?.value).toMatchObject({ maxLength: 30 });
    expect(prop(ti, 'pattern', '6.1')).toBeUndefined();
    expect(prop(ti, 'pattern', '6.2')).toBeDefined();
    expect(ti.properties['max-chars']?.default).toBe(80);
    expect(prop(ti, 'input-type', '2.1')?.value).toMatchObject({ enum: ['text', 'number', 'email', 'password', 'passcode', 'phone'] });
  });

  it('allows one Footer per screen with a 35-character label and no open_url', () => {
    const f = component('Footer');
    expect(f.maxPerScreen).toBe(1);
    expect(f.versions.since).toBe('2.1');
    expect(prop(f, 'label', '7.3')?.value).toMatchObject({ maxLength: 35 });
    expect(prop(f, 'center-caption', '7.3')?.value).toMatchObject({ maxLength: 15 });
    expect(actionsAllowed(f, 'on-click-action', '7.3')).toEqual(['navigate', 'data_exchange', 'complete']);
  });

  it('adds open_url to EmbeddedLink and OptIn links only from 6.0', () => {
    for (const type of ['EmbeddedLink', 'OptIn']) {
      expect(actionsAllowed(component(type), 'on-click-action', '5.1')).not.toContain('open_url');
      expect(actionsAllowed(component(type), 'on-click-action', '6.0')).toContain('open_url');
    }
  });

  it('adds update_data to selection callbacks from 6.0', () => {
    for (const type of ['Dropdown', 'RadioButtonsGroup', 'CheckboxGroup']) {
      expect(actionsAllowed(component(type), 'on-select-action', '5.1')).toEqual(['data_exchange']);
      expect(actionsAllowed(component(type), 'on-select-action', '6.0')).toEqual(['data_exchange', 'update_data']);
      expect(prop(component(type), 'on-unselect-action', '5.1')).toBeUndefined();
      expect(actionsAllowed(component(type), 'on-unselect-action', '6.0')).toEqual(['update_data']);
    }
    expect(actionsAllowed(component('DatePicker'), 'on-select-action', '7.3')).toEqual(['data_exchange']);
  });

  it('sizes data sources per component', () => {
    const ds = (type: string) => prop(component(type), 'data-source', '7.3')?.value;
    expect(ds('Dropdown')).toMatchObject({ kind: 'array', minItems: 1, maxItems: 200, uniqueBy: 'id' });
    expect(ds('RadioButtonsGroup')).toMatchObject({ minItems: 1, maxItems: 20 });
    expect(ds('CheckboxGroup')).toMatchObject({ minItems: 1, maxItems: 20 });
    expect(ds('ChipsSelector')).toMatchObject({ minItems: 2, maxItems: 20 });
    expect(FLOW_LIMITS.dropdownMaxItemsWithImages).toBe(100);
  });

  it('versions data-source item fields: image from 5.0, item actions from 6.0', () => {
    const items = prop(component('Dropdown'), 'data-source', '7.3')?.value;
    if (items?.kind !== 'array' || items.items.kind !== 'object') throw new Error('data-source items are not objects');
    const fields = (v: FlowJsonVersion) => resolveProperties(items.items.kind === 'object' ? items.items.properties : {}, v).map((p) => p.name);
    expect(fields('4.0')).toEqual(['id', 'title', 'description', 'metadata', 'enabled']);
    expect(fields('5.0')).toContain('image');
    expect(fields('5.0')).not.toContain('on-select-action');
    expect(fields('6.0')).toContain('on-unselect-action');
    expect(items.items.properties['title']?.value).toMatchObject({ maxLength: 30 });
    expect(items.items.properties['description']?.value).toMatchObject({ maxLength: 300 });
    expect(items.items.properties['metadata']?.value).toMatchObject({ maxLength: 20 });
  });

  it('makes the group label required only from 4.0', () => {
    for (const type of ['CheckboxGroup', 'RadioButtonsGroup']) {
      expect(prop(component(type), 'label', '3.1')?.required).toBe(false);
      expect(prop(component(type), 'label', '4.0')?.required).toBe(true);
    }
  });

  it('switches DatePicker dates from timestamps to YYYY-MM-DD at 5.0', () => {
    const dp = component('DatePicker');
    expect(prop(dp, 'min-date', '4.0')?.value).toMatchObject({ kind: 'string', pattern: '[0-9]+' });
    expect(prop(dp, 'min-date', '5.0')?.value).toMatchObject({ kind: 'string', format: 'date' });
    expect(prop(dp, 'label', '7.3')?.value).toMatchObject({ maxLength: 40 });
  });

  it('introduces components in the versions the docs give', () => {
    const since = (type: string) => component(type).versions.since;
    expect(since('RichText')).toBe('5.1');
    expect(since('If')).toBe('4.0');
    expect(since('Switch')).toBe('4.0');
    expect(since('PhotoPicker')).toBe('4.0');
    expect(since('DocumentPicker')).toBe('4.0');
    expect(since('CalendarPicker')).toBe('6.1');
    expect(since('NavigationList')).toBe('6.2');
    expect(since('ChipsSelector')).toBe('6.3');
    expect(since('ImageCarousel')).toBe('7.1');
  });

  it('caps components per screen as documented', () => {
    const cap = (type: string) => component(type).maxPerScreen;
    expect(cap('OptIn')).toBe(5);
    expect(cap('EmbeddedLink')).toBe(2);
    expect(cap('Image')).toBe(3);
    expect(cap('NavigationList')).toBe(2);
    expect(cap('PhotoPicker')).toBe(1);
    expect(cap('DocumentPicker')).toBe(1);
    expect(cap('ImageCarousel')).toBe(2);
    expect(component('ImageCarousel').maxPerFlow).toBe(3);
    expect(cap('TextInput')).toBeUndefined();
  });

  it('types form values per component', () => {
    expect(component('TextInput').formValue).toEqual({ type: 'string' });
    expect(component('CheckboxGroup').formValue).toEqual({ type: 'array', items: 'string' });
    expect(component('ChipsSelector').formValue).toEqual({ type: 'array', items: 'string' });
    expect(component('OptIn').formValue).toEqual({ type: 'boolean' });
    expect(component('PhotoPicker').formValue).toEqual({ type: 'array', items: 'object' });
    expect(component('CalendarPicker').formValueVariants).toEqual([{ property: 'mode', equals: 'range', type: 'object' }]);
    expect(component('Footer').formValue).toBeUndefined();
  });

  it('bounds media pickers to the documented ranges', () => {
    const pp = component('PhotoPicker');
    expect(prop(pp, 'max-file-size-kb', '7.3')?.value).toMatchObject({ minimum: 1, maximum: 25600 });
    expect(prop(pp, 'min-uploaded-photos', '7.3')?.value).toMatchObject({ minimum: 0, maximum: 30 });
    expect(prop(pp, 'max-uploaded-photos', '7.3')?.value).toMatchObject({ minimum: 1, maximum: 30 });
    expect(prop(pp, 'photo-source', '7.3')?.value).toMatchObject({ enum: ['camera_gallery', 'camera', 'gallery'] });
    const dp = component('DocumentPicker');
    expect(dp.properties['min-uploaded-documents']).toBeDefined();
    expect(dp.properties['min-uploaded-photos']).toBeUndefined();
    expect(FLOW_LIMITS.mediaPickersPerScreen).toEqual({ types: ['PhotoPicker', 'DocumentPicker'], max: 1 });
  });

  it('keeps RichText alone until 6.2 and allows a Footer from 6.3', () => {
    const rules = component('RichText').screenExclusive ?? [];
    const at = (v: FlowJsonVersion) => rules.find((r) => inRange(v, r.versions))?.allowWith;
    expect(at('6.2')).toEqual([]);
    expect(at('6.3')).toEqual(['Footer']);
    expect(component('NavigationList').notOnTerminalScreen).toBe(true);
  });

  it('versions actions and top-level fields as documented', () => {
    const has = (name: string, v: FlowJsonVersion) => inRange(v, ACTION_SPECS.find((a) => a.name === name)!.versions);
    expect(has('update_data', '5.1')).toBe(false);
    expect(has('update_data', '6.0')).toBe(true);
    expect(has('open_url', '5.1')).toBe(false);
    expect(has('navigate', '2.1')).toBe(true);
    const channel = FLOW_SPEC.properties['data_channel_uri']!;
    expect(resolveProperty('data_channel_uri', channel, '2.1')).toBeDefined();
    expect(resolveProperty('data_channel_uri', channel, '3.0')).toBeUndefined();
    const sensitive = SCREEN_SPEC.properties['sensitive']!;
    expect(resolveProperty('sensitive', sensitive, '5.0')).toBeUndefined();
    expect(resolveProperty('sensitive', sensitive, '5.1')).toBeDefined();
  });

  it('states the flow-wide limits', () => {
    expect(FLOW_LIMITS.maxComponentsPerScreen).toBe(50);
    expect(FLOW_LIMITS.reservedScreenIds).toContain('SUCCESS');
    expect(FLOW_LIMITS.maxRoutesPerScreen).toBe(10);
    expect(FLOW_LIMITS.maxIfNesting).toBe(3);
  });
});
