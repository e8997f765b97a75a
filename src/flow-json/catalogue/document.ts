// The top level of a Flow JSON document and of each screen, catalogued like components.
// Source: https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson
import { DATA_API_VERSIONS, FLOW_JSON_VERSIONS } from '../versions.js';
import { singleColumnLayout } from './components/single-column-layout.js';
import { FLOW_LIMITS } from './limits.js';
import type { ComponentSpec, DocumentSpec } from './types.js';

/** Layouts a screen's `layout` may be; SingleColumnLayout is the only one Flow JSON has. */
export const LAYOUT_SPECS: readonly ComponentSpec[] = [singleColumnLayout];

export const FLOW_SPEC: DocumentSpec = {
  properties: {
    version: {
      value: { kind: 'string', enum: FLOW_JSON_VERSIONS },
      required: true,
      description: 'Flow JSON version the document is written in.',
    },
    data_api_version: {
      // Required when the flow uses an endpoint (a validator rule, not a schema one).
      value: { kind: 'string', enum: DATA_API_VERSIONS },
      description: 'Data API version spoken with the flow endpoint.',
    },
    routing_model: {
      // Screen id -> ids it may go to next.
      value: {
        kind: 'object',
        properties: {},
        additionalProperties: { kind: 'array', items: { kind: 'string', format: 'screen-id' }, maxItems: FLOW_LIMITS.maxRoutesPerScreen },
      },
      description: 'Allowed forward transitions between screens; needed with an endpoint.',
    },
    data_channel_uri: {
      // "data_channel_uri is not supported by Flow JSON as of version 3.0" (set endpoint_uri via the API).
      value: { kind: 'string', format: 'uri' },
      versions: { since: '2.1', until: '2.1' },
      description: 'Endpoint URL; from 3.0 set through the Flows API instead.',
    },
    screens: {
      // Each item is checked against SCREEN_SPEC.
      value: { kind: 'array', items: { kind: 'object', properties: {}, additionalProperties: true }, minItems: 1 },
      required: true,
      description: 'The screens of the flow.',
    },
  },
};

const SCREEN_ID_HINT = 'only alphabets and underscores (no digits, hyphens or spaces)';

export const SCREEN_SPEC: DocumentSpec = {
  properties: {
    id: {
      // "SUCCESS is a reserved keyword" (FLOW_LIMITS.reservedScreenIds). Characters: Meta's error
      // codes page (PATTERN_MISMATCH) says a screen id "should only consist of alphabets and
      // underscores": no hyphen, no digit. The patterns are WhatsApp's client schema: until 6.3
      // ^[a-zA-Z,_]+$ (a comma passes there), from 7.0 ^(?!_+$)[a-zA-Z_]+$ (not only underscores).
      value: { kind: 'string', minLength: 1, pattern: '[a-zA-Z,_]+', patternHint: SCREEN_ID_HINT },
      overrides: [{ versions: { since: '7.0' }, value: { kind: 'string', minLength: 1, pattern: '(?!_+$)[a-zA-Z_]+', patternHint: SCREEN_ID_HINT } }],
      required: true,
      description: 'Unique id of the screen, used in navigate actions and routing: letters and underscores only.',
    },
    title: {
      value: { kind: 'string' },
      // Global references (${screen.X.data.y}) are allowed in screen titles.
      dynamic: true,
      description: 'Text in the top navigation bar.',
    },
    terminal: { value: { kind: 'boolean' }, default: false, description: 'Whether the flow can end on this screen; needs a Footer.' },
    success: { value: { kind: 'boolean' }, default: true, description: 'Whether ending on this terminal screen counts as success.' },
    refresh_on_back: {
      value: { kind: 'boolean' },
      default: false,
      description: 'Ask the endpoint for fresh data when the user goes back from this screen.',
    },
    data: { value: { kind: 'data-model' }, description: 'JSON Schema of the data the screen receives, with __example__ values.' },
    layout: {
      value: {
        kind: 'object',
        properties: {
          type: { value: { kind: 'string', enum: LAYOUT_SPECS.map((l) => l.type) }, required: true, description: 'Layout type.' },
          children: { value: { kind: 'components' }, required: true, description: 'Components of the screen.' },
        },
      },
      required: true,
      description: 'What the screen shows.',
    },
    sensitive: {
      value: { kind: 'array', items: { kind: 'string', minLength: 1 } },
      default: [],
      // The docs' screen reference marks the field new in 5.1.
      versions: { since: '5.1' },
      description: 'Field names masked or hidden in the response summary.',
    },
  },
};
