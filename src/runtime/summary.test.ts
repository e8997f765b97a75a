import { describe, expect, it } from 'vitest';
import { startFlow } from './index.js';
import type { FlowJsonVersion } from '../flow-json/versions.js';
import { MASK } from './summary.js';

const flow = (version: FlowJsonVersion) => ({
  version,
  screens: [{
    id: 'S',
    terminal: true,
    sensitive: ['pin', 'id_photo', 'color'],
    layout: {
      type: 'SingleColumnLayout',
      children: [
        { type: 'TextInput', name: 'name', label: 'Name' },
        { type: 'TextInput', name: 'pin', label: 'PIN', 'input-type': 'passcode' },
        { type: 'RadioButtonsGroup', name: 'color', label: 'Colour', 'data-source': [{ id: 'r', title: 'Red' }] },
        { type: 'CheckboxGroup', name: 'extras', label: 'Extras', 'data-source': [{ id: 'x', title: 'Gift wrap' }, { id: 'y', title: 'Card' }] },
        { type: 'OptIn', name: 'news', label: 'News' },
        { type: 'TextInput', name: 'unanswered', label: 'Skipped' },
        { type: 'PhotoPicker', name: 'id_photo', label: 'ID photo' },
        { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } },
      ],
    },
  }],
});

async function answered(version: FlowJsonVersion) {
  const s = await startFlow({ flow: flow(version), flowToken: 't', mode: { action: 'navigate' } });
  s.setValue('name', 'Ana');
  s.setValue('pin', '1234');
  s.setValue('color', 'r');
  s.setValue('extras', ['y', 'x']);
  s.setValue('news', true);
  s.setValue('id_photo', [{ media_id: 'm' }]);
  return s;
}

describe('summary', () => {
  it('shows answers as the user saw them, masks sensitive fields and hides sensitive media', async () => {
    const s = await answered('7.3');
    expect(s.summary()).toEqual([
      { name: 'name', label: 'Name', screen: 'S', value: 'Ana', sensitive: false },
      { name: 'pin', label: 'PIN', screen: 'S', value: MASK, sensitive: true },
      { name: 'color', label: 'Colour', screen: 'S', value: MASK, sensitive: true },
      { name: 'extras', label: 'Extras', screen: 'S', value: 'Card, Gift wrap', sensitive: false },
      { name: 'news', label: 'News', screen: 'S', value: 'Yes', sensitive: false },
    ]);
    // The completion itself still carries the real values: masking is for display only.
    expect(JSON.stringify(s.summary())).not.toContain('1234');
  });

  it('ignores `sensitive` before Flow JSON 5.1, where screens do not have it', async () => {
    const s = await answered('5.0');
    expect(s.summary().find((i) => i.name === 'pin')).toMatchObject({ value: '1234', sensitive: false });
    expect(s.summary().find((i) => i.name === 'id_photo')?.value).toBe('1 file');
  });
});
