// The request and response samples of the seed (360dialog's Flows guide), as written there. They are
// test fixtures: every validator must accept the requests as they are.

/** "Send Flow as Message", Sample Request for Cloud API. */
export const seedCloudFlowMessage = {
  recipient_type: 'individual',
  messaging_product: 'whatsapp',
  to: 'whatsapp-id',
  type: 'interactive',
  interactive: {
    type: 'flow',
    header: { type: 'text', text: 'Flow message header' },
    body: { text: 'Flow message body' },
    footer: { text: 'Flow message footer' },
    action: {
      name: 'flow',
      parameters: {
        flow_message_version: '3',
        flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
        flow_id: '1',
        flow_cta: 'Book!',
        flow_action: 'navigate',
        flow_action_payload: {
          screen: '<SCREEN_NAME>',
          data: { product_name: 'name', product_description: 'description', product_price: 100 },
        },
      },
    },
  },
};

/** "Send Flow as Message", Sample Response (with the On-Premise `meta` and the seed's `Input`). */
export const seedFlowMessageResponse = {
  contacts: [{ Input: '+447385946746', wa_id: '47385946746' }],
  messages: [{ id: 'gHTRETHRTHTRTH-av4Y' }],
  meta: { api_status: 'stable', version: '2.44.0.27' },
};

/** "Sending a WhatsApp Flow as user initiated message" (On-Premise, galaxy_message). */
export const seedOnPremiseFlowMessage = {
  recipient_type: 'individual',
  to: 'whatsapp-id',
  type: 'interactive',
  interactive: {
    type: 'galaxy_message',
    header: { type: 'text', text: 'Flow message header' },
    body: { text: 'Flow message body' },
    footer: { text: 'Flow message footer' },
    action: {
      name: '',
      parameters: {
        flow_message_version: '3',
        flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
        flow_id: '1',
        flow_cta: 'Book!',
        mode: 'draft',
      },
    },
  },
};

/** "Send Flow Template Message": the template creation request. */
export const seedCreateTemplate = {
  name: 'example_template_name',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'body', text: 'This is a flows as template demo' },
    {
      type: 'BUTTONS',
      buttons: [{ type: 'FLOW', text: 'Open flow!', flow_id: '<flow-id>', navigate_screen: 'Flows Json screen name', flow_action: 'navigate' }],
    },
  ],
};

export const seedCreateTemplateResponse = { id: '<template-id>', status: 'PENDING', category: 'MARKETING' };

/**
 * The template message with a flow button, Sample Request for Cloud API. The seed writes the data
 * as a `{ ... }` placeholder ("json object with the data payload for the first screen"); a small
 * object stands in for it.
 */
export const seedTemplateFlowMessage = {
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: 'PHONE_NUMBER',
  type: 'template',
  template: {
    name: 'TEMPLATE_NAME',
    language: { code: 'LANGUAGE_AND_LOCALE_CODE' },
    components: [
      {
        type: 'button',
        sub_type: 'flow',
        index: '0',
        parameters: [{ type: 'action', action: { flow_token: 'FLOW_TOKEN', flow_action_data: { product_name: 'name' } } }],
      },
    ],
  },
};

export const seedTemplateFlowMessageResponse = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '<phone-number>', wa_id: '<phone-number>' }],
  messages: [{ id: '<message-id>' }],
};
