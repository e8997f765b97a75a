// The appointment booking of ../booking, written in TypeScript with the builders of waflow/author
// (imported from src here, as `waflow/author` in a project). toFlowJson(bookingFlow) is the Flow
// JSON to upload; booking.types.ts, generated from it, types the endpoint.
import { builders, toFlowJson } from '../../src/flow-json/author/index.js';

const { flow, screen, t, dataExchange, dropdown, footer, textArea, textBody, textHeading, textInput, textSubheading } = builders('7.3');

/** A dropdown option as the endpoint sends it. */
const option = t.object({ id: t.string(), title: t.string() });

const appointment = screen(
  'APPOINTMENT',
  {
    title: 'Book an appointment',
    data: {
      services: t.array(option, [
        { id: 'haircut', title: 'Haircut (30 min)' },
        { id: 'colour', title: 'Colour (90 min)' },
      ]),
      dates: t.array(option, [
        { id: '2026-12-01', title: 'Tue 1 Dec' },
        { id: '2026-12-02', title: 'Wed 2 Dec' },
      ]),
      times: t.array(option, [
        { id: '09:00', title: '09:00' },
        { id: '09:30', title: '09:30' },
      ]),
      is_time_enabled: t.boolean(false),
    },
    form: ['service', 'date', 'time'],
  },
  ({ data, form }) => [
    textSubheading({ text: 'Pick a service, a day and a time' }),
    dropdown({ name: 'service', label: 'Service', required: true, 'data-source': data.services }),
    dropdown({
      name: 'date',
      label: 'Day',
      required: true,
      'data-source': data.dates,
      // Asks the endpoint for that day's free times; it answers with this same screen.
      'on-select-action': dataExchange({ trigger: 'date_selected', date: form.date }),
    }),
    dropdown({ name: 'time', label: 'Time', required: true, enabled: data.is_time_enabled, 'data-source': data.times }),
    footer({
      label: 'Continue',
      // The endpoint decides the next screen; `next` tells routing_model where it may go.
      'on-click-action': dataExchange({ service: form.service, date: form.date, time: form.time }, { next: ['DETAILS'] }),
    }),
  ],
);

const details = screen(
  'DETAILS',
  {
    title: 'Your details',
    data: {
      service: t.string('haircut'),
      date: t.string('2026-12-01'),
      time: t.string('09:00'),
      slot_label: t.string('Haircut (30 min) on Tue 1 Dec at 09:00'),
    },
    form: ['name', 'email', 'phone', 'notes'],
  },
  ({ data, form }) => [
    textBody({ text: data.slot_label }),
    textInput({ name: 'name', label: 'Full name', 'input-type': 'text', required: true }),
    textInput({ name: 'email', label: 'Email', 'input-type': 'email', required: true }),
    textInput({ name: 'phone', label: 'Phone', 'input-type': 'phone', required: false }),
    textArea({ name: 'notes', label: 'Notes', required: false }),
    footer({
      label: 'Review',
      'on-click-action': dataExchange(
        { service: data.service, date: data.date, time: data.time, name: form.name, email: form.email, phone: form.phone, notes: form.notes },
        { next: ['SUMMARY'] },
      ),
    }),
  ],
);

const summary = screen(
  'SUMMARY',
  {
    title: 'Confirm your booking',
    terminal: true,
    data: {
      summary: t.string('Haircut (30 min) on Tue 1 Dec at 09:00'),
      contact: t.string('Ana Lima, ana@example.com'),
      service: t.string('haircut'),
      date: t.string('2026-12-01'),
      time: t.string('09:00'),
      name: t.string('Ana Lima'),
      email: t.string('ana@example.com'),
      phone: t.string('+351 912 345 678'),
      notes: t.string(''),
    },
  },
  ({ data }) => [
    textHeading({ text: data.summary }),
    textBody({ text: data.contact }),
    footer({
      label: 'Confirm booking',
      // The endpoint completes the flow here.
      'on-click-action': dataExchange({
        service: data.service,
        date: data.date,
        time: data.time,
        name: data.name,
        email: data.email,
        phone: data.phone,
        notes: data.notes,
      }),
    }),
  ],
);

/** The flow, with routing_model derived: APPOINTMENT → DETAILS → SUMMARY. */
export const bookingFlow = flow({ data_api_version: '3.0', screens: [appointment, details, summary] });

/** Its Flow JSON, what WhatsApp receives. */
export const BOOKING_FLOW_JSON = toFlowJson(bookingFlow);
