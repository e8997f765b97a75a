// Flow JSON actions. Source: https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson#actions
import type { ActionSpec, ValueSpec } from './types.js';

/** Action payloads are free-form objects whose values may be literals or ${...} references. */
const PAYLOAD: ValueSpec = { kind: 'object', properties: {}, additionalProperties: true };

export const navigateAction: ActionSpec = {
  name: 'navigate',
  versions: { since: '2.1' },
  description: 'Opens another screen, passing the payload as its data.',
  properties: {
    next: {
      value: {
        kind: 'object',
        properties: {
          type: { value: { kind: 'string', enum: ['screen'] }, required: true, description: 'What to open; only "screen" exists.' },
          name: { value: { kind: 'string', format: 'screen-id' }, required: true, description: 'Id of the screen to open.' },
        },
      },
      required: true,
      description: 'The screen to open.',
    },
    payload: { value: PAYLOAD, description: 'Data for the next screen, read there as ${data.<key>}.' },
  },
};

export const dataExchangeAction: ActionSpec = {
  name: 'data_exchange',
  versions: { since: '2.1' },
  description: 'Sends the payload to the flow endpoint, which answers with the next screen.',
  properties: {
    payload: { value: PAYLOAD, description: 'Data sent to the endpoint.' },
  },
};

export const completeAction: ActionSpec = {
  name: 'complete',
  versions: { since: '2.1' },
  description: 'Ends the flow and sends the payload back to the business.',
  properties: {
    payload: { value: PAYLOAD, description: 'Data delivered in the flow response message.' },
  },
};

export const updateDataAction: ActionSpec = {
  name: 'update_data',
  // "This action is supported from Flow JSON version 6.0 onwards."
  versions: { since: '6.0' },
  description: "Updates the current screen's data immediately.",
  properties: {
    payload: { value: PAYLOAD, required: true, description: 'Screen data keys to set, with their new values.' },
  },
};

export const openUrlAction: ActionSpec = {
  name: 'open_url',
  // "This action is supported from Flow JSON version 6.0 onwards."
  versions: { since: '6.0' },
  description: "Opens a web address in the device's browser.",
  properties: {
    // The docs only show literal URLs, so dynamic references are not assumed.
    url: { value: { kind: 'string', format: 'uri' }, required: true, description: 'Address to open.' },
  },
};

export const ACTION_SPECS: readonly ActionSpec[] = [navigateAction, dataExchangeAction, completeAction, updateDataAction, openUrlAction];
