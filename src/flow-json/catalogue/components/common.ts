// Building blocks shared by the component entries. Each helper returns a plain PropertySpec or
// ValueSpec literal, so every entry stays declarative; nothing here holds a limit of its own
// unless the docs state it once for several components (the data-source item, below).
// Source for all limits: https://developers.facebook.com/docs/whatsapp/flows/reference/components
import type { VersionRange } from '../../versions.js';
import type { ActionName, PropertySpec, ValueSpec } from '../types.js';

export const STRING: ValueSpec = { kind: 'string' };
export const BOOLEAN: ValueSpec = { kind: 'boolean' };
export const INTEGER: ValueSpec = { kind: 'number', integer: true };

/** At least one non-space character. */
export const NON_BLANK_PATTERN = '[\\s\\S]*\\S[\\s\\S]*';
export const NON_BLANK_HINT = 'not blank (at least one character other than spaces and line breaks)';

/** Text the docs say may not be empty or blank: at least one non-space character. */
export function text(maxLength?: number): ValueSpec {
  return maxLength === undefined
    ? { kind: 'string', minLength: 1, pattern: NON_BLANK_PATTERN, patternHint: NON_BLANK_HINT }
    : { kind: 'string', minLength: 1, maxLength, pattern: NON_BLANK_PATTERN, patternHint: NON_BLANK_HINT };
}

export function str(maxLength?: number): ValueSpec {
  return maxLength === undefined ? STRING : { kind: 'string', maxLength };
}

export function oneOf(...options: ValueSpec[]): ValueSpec {
  return { kind: 'oneOf', options };
}

export function action(...actions: ActionName[]): ValueSpec {
  return { kind: 'action', actions };
}

/**
 * A count the docs type as "String" (TextInput `min-chars`/`max-chars`, TextArea `max-length`):
 * a non-negative integer, or the same integer written as a string of digits.
 */
export const COUNT: ValueSpec = oneOf({ kind: 'number', integer: true, minimum: 0 }, { kind: 'string', pattern: '[0-9]+' });

/** `name`: the key of the component's value in `${form.<name>}`, unique on the screen. */
export const NAME: PropertySpec = {
  value: { kind: 'string', minLength: 1 },
  required: true,
  description: 'Field name; the value is read as ${form.<name>} and must be unique on the screen.',
};

export function visible(): PropertySpec {
  return { value: BOOLEAN, default: true, dynamic: true, description: 'Whether the component is shown.' };
}

export function enabled(withDefault = false): PropertySpec {
  return withDefault
    ? { value: BOOLEAN, default: true, dynamic: true, description: 'Whether the user can interact with the component.' }
    : { value: BOOLEAN, dynamic: true, description: 'Whether the user can interact with the component.' };
}

export function requiredFlag(): PropertySpec {
  return { value: BOOLEAN, dynamic: true, description: 'Whether the user must fill this field before submitting.' };
}

/** `init-value` and `error-message` exist only for components outside a Form, which 4.0 allowed. */
export const OUTSIDE_FORM: VersionRange = { since: '4.0' };

export function initValue(value: ValueSpec, versions: VersionRange = OUTSIDE_FORM): PropertySpec {
  return { value, dynamic: true, versions, description: 'Initial value; only outside a Form (a Form uses init-values).' };
}

export function errorMessage(value: ValueSpec = STRING, versions: VersionRange = OUTSIDE_FORM): PropertySpec {
  return { value, dynamic: true, versions, description: 'Error shown under the field; only outside a Form (a Form uses error-messages).' };
}

export const MEDIA_SIZE: PropertySpec = {
  value: { kind: 'string', enum: ['regular', 'large'] },
  dynamic: true,
  versions: { since: '5.0' },
  description: 'Size of the images shown beside the options.',
};

/** Docs: "6-digit hex color string"; the examples write it with a leading '#'. */
const COLOR: ValueSpec = { kind: 'string', pattern: '#?[0-9A-Fa-f]{6}' };

/**
 * One option of CheckboxGroup, RadioButtonsGroup and Dropdown. Fields by version per the docs:
 * before 5.0 id/title/description/metadata/enabled; 5.0 adds image/alt-text/color; 6.0 adds the
 * per-option update_data actions. Limits (title 30, description 300, metadata 20) are the same for
 * the three components. The image size cap (300 KB before 6.0, 100 KB from 6.0) is in FLOW_LIMITS.
 */
export const DATA_SOURCE_ITEM: ValueSpec = {
  kind: 'object',
  properties: {
    id: { value: { kind: 'string', minLength: 1 }, required: true, description: 'Value stored in the form when this option is chosen.' },
    title: { value: text(30), required: true, description: 'Option text shown to the user.' },
    description: { value: str(300), description: 'Secondary text under the title.' },
    metadata: { value: str(20), description: 'Short extra text beside the option.' },
    enabled: { value: BOOLEAN, default: true, description: 'Whether this option can be chosen.' },
    image: { value: { kind: 'string', format: 'image-base64' }, versions: { since: '5.0' }, description: 'Base64 image shown beside the option.' },
    'alt-text': { value: STRING, versions: { since: '5.0' }, description: 'Accessibility text for the option image.' },
    color: { value: COLOR, versions: { since: '5.0' }, description: 'Six-digit hex colour of the option.' },
    'on-select-action': { value: action('update_data'), versions: { since: '6.0' }, description: 'Runs when this option is selected.' },
    'on-unselect-action': { value: action('update_data'), versions: { since: '6.0' }, description: 'Runs when this option is unselected.' },
  },
};

export function dataSource(minItems: number, maxItems: number, item: ValueSpec = DATA_SOURCE_ITEM): PropertySpec {
  return {
    value: { kind: 'array', items: item, minItems, maxItems, uniqueBy: 'id' },
    required: true,
    dynamic: true,
    description: 'The options to choose from.',
  };
}

/**
 * `on-select-action` of the selection components: data_exchange from the start, update_data from 6.0.
 * The docs are silent on a first version for the property itself; assumed from the component's first.
 */
export const SELECT_ACTION: PropertySpec = {
  value: action('data_exchange'),
  overrides: [{ versions: { since: '6.0' }, value: action('data_exchange', 'update_data') }],
  description: 'Runs when the user selects an option.',
};

export const UNSELECT_ACTION: PropertySpec = {
  value: action('update_data'),
  versions: { since: '6.0' },
  description: 'Runs when the user unselects an option; without it on-select-action handles both.',
};

/** YYYY-MM-DD, the date format used from Flow JSON 5.0 (DatePicker) and by CalendarPicker. */
export const DATE: ValueSpec = { kind: 'string', format: 'date' };
/** Before 5.0 DatePicker dates were UTC timestamps in milliseconds, written as strings. */
export const TIMESTAMP_MS: ValueSpec = { kind: 'string', pattern: '[0-9]+' };

/** A `label-variant` of "large" renders a more prominent label (TextInput and TextArea, 7.0+). */
export const LABEL_VARIANT: PropertySpec = {
  value: { kind: 'string', enum: ['large'] },
  versions: { since: '7.0' },
  description: 'Label style; "large" makes the label more prominent.',
};
