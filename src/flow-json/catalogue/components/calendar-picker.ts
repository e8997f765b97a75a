import type { ComponentSpec, ValueSpec } from '../types.js';
import { BOOLEAN, DATE, NAME, action, enabled, oneOf, str, text, visible } from './common.js';

/** In range mode several properties take one value per end: {"start-date": ..., "end-date": ...}. */
function perEnd(value: ValueSpec): ValueSpec {
  return {
    kind: 'object',
    properties: {
      'start-date': { value, description: 'Value for the start date.' },
      'end-date': { value, description: 'Value for the end date.' },
    },
  };
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const calendarPicker: ComponentSpec = {
  type: 'CalendarPicker',
  category: 'input',
  versions: { since: '6.1' },
  description: 'Full calendar for picking one date or a date range.',
  properties: {
    name: NAME,
    mode: { value: { kind: 'string', enum: ['single', 'range'] }, default: 'single', dynamic: true, description: 'Pick one date or a start and end date.' },
    title: { value: str(80), dynamic: true, description: 'Title shown in range mode, at most 80 characters.' },
    description: { value: str(300), dynamic: true, description: 'Description shown in range mode, at most 300 characters.' },
    label: { value: oneOf(text(40), perEnd(text(40))), required: true, dynamic: true, description: 'Label, at most 40 characters; per end in range mode.' },
    'helper-text': { value: oneOf(str(80), perEnd(str(80))), dynamic: true, description: 'Hint, at most 80 characters; per end in range mode.' },
    required: { value: oneOf(BOOLEAN, perEnd(BOOLEAN)), default: false, dynamic: true, description: 'Whether a date is required; per end in range mode.' },
    visible: visible(),
    enabled: enabled(true),
    'min-date': { value: DATE, dynamic: true, description: 'Earliest selectable date (YYYY-MM-DD).' },
    'max-date': { value: DATE, dynamic: true, description: 'Latest selectable date (YYYY-MM-DD).' },
    'unavailable-dates': { value: { kind: 'array', items: DATE }, dynamic: true, description: 'Dates the user cannot select, within min and max.' },
    'include-days': {
      value: { kind: 'array', items: { kind: 'string', enum: DAYS } },
      default: DAYS,
      dynamic: true,
      description: 'Weekdays that can be selected.',
    },
    'min-days': { value: { kind: 'number', integer: true, minimum: 0 }, dynamic: true, description: 'Fewest days between start and end (range mode).' },
    'max-days': { value: { kind: 'number', integer: true, minimum: 0 }, dynamic: true, description: 'Most days between start and end (range mode).' },
    'on-select-action': { value: action('data_exchange'), description: 'Runs when the user picks a date or range.' },
    'init-value': {
      value: oneOf(DATE, perEnd(DATE)),
      dynamic: true,
      description: 'Initial date, or dates per end in range mode; only outside a Form.',
    },
    'error-message': {
      value: oneOf(str(80), perEnd(str(80))),
      dynamic: true,
      description: 'Error shown under the field, at most 80 characters; only outside a Form.',
    },
  },
  formValue: { type: 'string' },
  formValueVariants: [{ property: 'mode', equals: 'range', type: 'object' }],
};
