// The flow every stack example serves: a two-screen appointment booking (Flow JSON 7.3, Data API
// 3.0). INIT fills APPOINTMENT with the free times; its footer sends the name and time to the
// endpoint, which answers with CONFIRM; confirming there completes the flow. Upload the same JSON
// to WhatsApp (JSON.stringify(APPOINTMENT_FLOW, null, 2)); it is TypeScript here only so that
// every stack, a Worker bundle included, imports it without a JSON loader.

export interface Slot {
  id: string;
  title: string;
}

/** The data each screen receives from the endpoint (its declared data model). */
export type AppointmentScreens = {
  APPOINTMENT: { slots: Slot[] };
  CONFIRM: { summary: string; name: string; slot: string };
};

export const SLOTS: readonly Slot[] = [
  { id: 'mon-0900', title: 'Monday 09:00' },
  { id: 'mon-1400', title: 'Monday 14:00' },
  { id: 'tue-1100', title: 'Tuesday 11:00' },
];

export const APPOINTMENT_FLOW = {
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { APPOINTMENT: ['CONFIRM'], CONFIRM: [] },
  screens: [
    {
      id: 'APPOINTMENT',
      title: 'Book an appointment',
      data: {
        slots: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } },
          __example__: [{ id: 'mon-0900', title: 'Monday 09:00' }],
        },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'name', label: 'Your name', 'input-type': 'text', required: true },
          { type: 'Dropdown', name: 'slot', label: 'Time', required: true, 'data-source': '${data.slots}' },
          {
            type: 'Footer',
            label: 'Continue',
            'on-click-action': { name: 'data_exchange', payload: { name: '${form.name}', slot: '${form.slot}' } },
          },
        ],
      },
    },
    {
      id: 'CONFIRM',
      title: 'Confirm',
      terminal: true,
      data: {
        summary: { type: 'string', __example__: 'Ana, Monday 09:00' },
        name: { type: 'string', __example__: 'Ana' },
        slot: { type: 'string', __example__: 'mon-0900' },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.summary}' },
          {
            type: 'Footer',
            label: 'Confirm',
            'on-click-action': { name: 'data_exchange', payload: { name: '${data.name}', slot: '${data.slot}' } },
          },
        ],
      },
    },
  ],
};
