import { describe, expect, it } from 'vitest';
import { closestName, editDistance, objectEntryAt } from './spelling.js';

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit (Damerau)', () => {
    expect(editDistance('lable', 'label')).toBe(1);
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdef')).toBe(3);
  });
});

describe('closestName', () => {
  it('picks the one name within two edits that no other name ties', () => {
    expect(closestName('lable', ['label', 'name', 'required'])).toBe('label');
    expect(closestName('LABEL', ['label', 'lable'])).toBe('label');
    expect(closestName('Foor', ['Form', 'Footer'])).toBeUndefined();
    expect(closestName('xyz', ['label'])).toBeUndefined();
    // Two edits in a four-letter name are too many for a two-letter one.
    expect(closestName('ab', ['id'])).toBeUndefined();
    expect(closestName('label', ['label'])).toBeUndefined();
  });
});

describe('objectEntryAt', () => {
  const doc = {
    version: '7.3',
    screens: [{ id: 'A', layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'x', 'on-click-action': { name: 'complete', payload: {} } }] } }],
  };

  it('walks screens, components and actions through the catalogue', () => {
    expect(Object.keys(objectEntryAt(doc, '', '7.3')!.properties)).toContain('routing_model');
    expect(Object.keys(objectEntryAt(doc, '/screens/0', '7.3')!.properties)).toContain('terminal');
    expect(Object.keys(objectEntryAt(doc, '/screens/0/layout', '7.3')!.properties)).toEqual(['type', 'children']);
    expect(Object.keys(objectEntryAt(doc, '/screens/0/layout/children/0', '7.3')!.properties)).toContain('on-click-action');
    expect(Object.keys(objectEntryAt(doc, '/screens/0/layout/children/0/on-click-action', '7.3')!.properties)).toContain('payload');
    expect(objectEntryAt(doc, '/screens/0/layout/children/0/on-click-action/payload', '7.3')?.additional).not.toBe(false);
    expect(objectEntryAt(doc, '/screens/3', '7.3')).toBeUndefined();
  });
});
