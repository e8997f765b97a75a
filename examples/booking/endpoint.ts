// The appointment-booking endpoint: the business logic behind flow.json, on createFlowEndpoint.
import { readFileSync } from 'node:fs';
import { complete, createFlowEndpoint, nextScreen, showError } from '../../src/endpoint/index.js';
import type { EndpointLogger, FlowContext, FlowEndpoint, FlowTokenStore } from '../../src/endpoint/index.js';
import { appointmentData, detailsProblem, summaryData } from './answers.js';
import { Calendar, SERVICES } from './calendar.js';
import type { Option } from './calendar.js';

/** The data each screen of flow.json receives (its declared data model). */
export type BookingScreens = {
  APPOINTMENT: { services: Option[]; dates: Option[]; times: Option[]; is_time_enabled: boolean };
  DETAILS: { service: string; date: string; time: string; slot_label: string };
  SUMMARY: {
    summary: string;
    contact: string;
    service: string;
    date: string;
    time: string;
    name: string;
    email: string;
    phone: string;
    notes: string;
  };
};

export const BOOKING_FLOW: unknown = JSON.parse(readFileSync(new URL('./flow.json', import.meta.url), 'utf8'));

export interface BookingEndpointOptions {
  privateKey: string;
  passphrase?: string;
  appSecret?: string;
  tokenStore?: FlowTokenStore;
  logger?: EndpointLogger;
  calendar?: Calendar;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function createBookingEndpoint(options: BookingEndpointOptions): FlowEndpoint {
  const calendar = options.calendar ?? new Calendar();

  const appointment = (date?: string): BookingScreens['APPOINTMENT'] => appointmentData(calendar, date);

  const chosenSlot = (ctx: FlowContext) => ({ service: text(ctx.data.service), date: text(ctx.data.date), time: text(ctx.data.time) });

  return createFlowEndpoint<BookingScreens>({
    privateKey: options.privateKey,
    passphrase: options.passphrase,
    appSecret: options.appSecret,
    tokenStore: options.tokenStore,
    logger: options.logger,
    // The SDK checks every answer against flow.json before it is encrypted.
    flow: BOOKING_FLOW,
    handlers: {
      init: () => nextScreen('APPOINTMENT', appointment()),
      dataExchange: {
        APPOINTMENT: (ctx) => {
          if (ctx.data.trigger === 'date_selected') {
            const date = text(ctx.data.date);
            const data = appointment(date);
            return data.times.length > 0 ? nextScreen('APPOINTMENT', data) : showError('No free times that day. Please pick another day.', data);
          }
          const { service, date, time } = chosenSlot(ctx);
          if (!SERVICES.some((s) => s.id === service)) return showError('Please choose a service.');
          if (!calendar.isFree(date, time)) return showError('Sorry, that time is no longer free. Please pick another.', appointment(date));
          return nextScreen('DETAILS', { service, date, time, slot_label: calendar.describe(service, date, time) });
        },
        DETAILS: (ctx) => {
          const { service, date, time } = chosenSlot(ctx);
          const name = text(ctx.data.name);
          const email = text(ctx.data.email);
          const problem = detailsProblem(name, email);
          if (problem !== undefined) return showError(problem);
          return nextScreen('SUMMARY', summaryData(calendar, { service, date, time, name, email, phone: text(ctx.data.phone), notes: text(ctx.data.notes) }));
        },
        SUMMARY: (ctx) => {
          const { service, date, time } = chosenSlot(ctx);
          const booking = calendar.book({
            service,
            date,
            time,
            name: text(ctx.data.name),
            email: text(ctx.data.email),
            phone: text(ctx.data.phone),
            notes: text(ctx.data.notes),
          });
          if (booking === undefined) return showError('Sorry, someone just booked that time. Go back and pick another.');
          return complete({ booking_id: booking.id, service, date, time, name: booking.name });
        },
      },
    },
  });
}
