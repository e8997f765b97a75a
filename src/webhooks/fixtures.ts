// Webhook bodies for tests: the seed's two flow-response samples (360dialog's Flows guide), and
// builders that wrap message objects in the Cloud API envelope.

/** The seed's On-Premise sample, as printed (response_json shown there as an object). */
export const SEED_ON_PREMISE_COMPLETION = {
  messages: [
    {
      context: { from: '16315558151', id: 'gBGGEiRVVgBPAgm7FUgc73noXjo' },
      from: '<USER_ACCOUNT_NUMBER>',
      id: '<MESSAGE_ID>',
      type: 'interactive',
      interactive: {
        type: 'nfm_reply',
        nfm_reply: {
          name: 'galaxy_message',
          response_json: { flow_token: '<FLOW_TOKEN>', optional_param1: '<value1>', optional_param2: '<value2>' },
        },
      },
      timestamp: '<MESSAGE_SEND_TIMESTAMP>',
    },
  ],
};

/** The seed's Cloud API message object, with response_json a string as the table says it is. */
export function seedCloudMessage(overrides: { id?: string; from?: string; response?: Record<string, unknown>; responseJson?: string; timestamp?: string } = {}) {
  return {
    context: { from: '16315558151', id: 'gBGGEiRVVgBPAgm7FUgc73noXjo' },
    from: overrides.from ?? '16505551234',
    id: overrides.id ?? 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdFRjNGQzU5',
    type: 'interactive',
    interactive: {
      type: 'nfm_reply',
      nfm_reply: {
        name: 'flow',
        body: 'Sent',
        response_json: overrides.responseJson ?? JSON.stringify(overrides.response ?? { flow_token: '<FLOW_TOKEN>', optional_param1: '<value1>', optional_param2: '<value2>' }),
      },
    },
    timestamp: overrides.timestamp ?? '1764072000',
  };
}

export const PHONE_NUMBER_ID = '106540352242922';
export const WABA_ID = '102290129340398';

/** A Cloud API `messages` change holding the given messages and statuses. */
export function cloudMessagesBody(parts: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...parts,
            },
          },
        ],
      },
    ],
  };
}

/** A Cloud API `flows` change. */
export function cloudFlowsBody(value: Record<string, unknown>, time = 1764072000) {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, time, changes: [{ field: 'flows', value }] }] };
}
