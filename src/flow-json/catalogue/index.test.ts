import { describe, expect, it } from 'vitest';
import { FLOW_JSON_VERSIONS } from '../versions.js';
import {
  COMPONENT_SPECS,
  actionSpecsFor,
  componentSpecsFor,
  getActionSpec,
  getComponentSpec,
  getLayoutSpec,
  resolvePropertyList,
  resolvePropertyMap,
} from './index.js';

describe('catalogue lookups', () => {
  it('finds components by type and rejects unknown or layout types', () => {
    expect(getComponentSpec('TextInput')?.type).toBe('TextInput');
    expect(getComponentSpec('textinput')).toBeUndefined();
    expect(getComponentSpec('Nope')).toBeUndefined();
    expect(getComponentSpec('SingleColumnLayout')).toBeUndefined();
    expect(getLayoutSpec('SingleColumnLayout')?.category).toBe('layout');
    expect(getLayoutSpec('TextInput')).toBeUndefined();
  });

  it('lists the components of a version', () => {
    const in51 = componentSpecsFor('5.1').map((c) => c.type);
    expect(in51).toContain('RichText');
    expect(in51).toContain('PhotoPicker');
    expect(in51).not.toContain('CalendarPicker');
    expect(componentSpecsFor('6.1').map((c) => c.type)).toContain('CalendarPicker');
    const in21 = componentSpecsFor('2.1').map((c) => c.type);
    expect(in21).toContain('Footer');
    expect(in21).not.toContain('If');
    expect(componentSpecsFor('7.3')).toHaveLength(COMPONENT_SPECS.length);
  });

  it('grows monotonically: nothing is removed in a later version', () => {
    let previous = new Set<string>();
    for (const v of FLOW_JSON_VERSIONS) {
      const now = new Set(componentSpecsFor(v).map((c) => c.type));
      for (const t of previous) expect(now.has(t), `${t} in ${v}`).toBe(true);
      previous = now;
    }
  });

  it('finds actions by name and version', () => {
    expect(getActionSpec('open_url')?.properties['url']?.required).toBe(true);
    expect(getActionSpec('submit')).toBeUndefined();
    expect(actionSpecsFor('5.1').map((a) => a.name)).toEqual(['navigate', 'data_exchange', 'complete']);
    expect(actionSpecsFor('6.0').map((a) => a.name)).toEqual(['navigate', 'data_exchange', 'complete', 'update_data', 'open_url']);
  });
});

describe('resolvePropertyList', () => {
  it('lists the properties of the version in catalogue order, once per owner and version', () => {
    const checkboxes = getComponentSpec('CheckboxGroup')!;
    for (const version of ['3.0', '4.0', '7.3'] as const) {
      const list = resolvePropertyList(checkboxes.properties, version);
      expect(list.map((p) => p.name)).toEqual([...resolvePropertyMap(checkboxes.properties, version).keys()]);
      expect(resolvePropertyList(checkboxes.properties, version)).toBe(list);
    }
    // CheckboxGroup's description arrived in 4.0: the list follows the version.
    expect(resolvePropertyList(checkboxes.properties, '3.0').map((p) => p.name)).not.toContain('description');
    expect(resolvePropertyList(checkboxes.properties, '4.0').map((p) => p.name)).toContain('description');
  });
});
