// The booking endpoint of the TypeScript-authored flow: the same rules as ../booking/endpoint.ts,
// typed from the flow itself. booking.types.ts is generated from toFlowJson(bookingFlow), so a
// field renamed in flow.ts breaks this file's build, not a user's session.
import { complete, createFlowEndpoint, nextScreen, showError } from '../../src/endpoint/index.js';
import type { FlowEndpoint } from '../../src/endpoint/index.js';
import { appointmentData, detailsProblem, summaryData } from '../booking/answers.js';
import { Calendar, SERVICES } from '../booking/calendar.js';
import type { BookingEndpointOptions } from '../booking/endpoint.js';
import type { BookingFlow } from './booking.types.js';
import { BOOKING_FLOW_JSON } from './flow.js';

export type { BookingEndpointOptions };

export function createBookingEndpoint(options: BookingEndpointOptions): FlowEndpoint {
  const calendar = options.calendar ?? new Calendar();

  const appointment = (date?: string): BookingFlow['screens']['APPOINTMENT']['data'] => appointmentData(calendar, date);

  return createFlowEndpoint<BookingFlow>({
    privateKey: options.privateKey,
    passphrase: options.passphrase,
    appSecret: options.appSecret,
    tokenStore: options.tokenStore,
    logger: options.logger,
    // The SDK checks every answer against the flow before it is encrypted.
    flow: BOOKING_FLOW_JSON,
    handlers: {
      init: () => nextScreen('APPOINTMENT', appointment()),
      dataExchange: {
        APPOINTMENT: (ctx) => {
          if (ctx.data.trigger === 'date_selected') {
            const data = appointment(ctx.data.date.trim());
            return data.times.length > 0 ? nextScreen('APPOINTMENT', data) : showError('No free times that day. Please pick another day.', data);
          }
          const { service, date, time } = ctx.data;
          if (!SERVICES.some((s) => s.id === service)) return showError('Please choose a service.');
          if (!calendar.isFree(date, time)) return showError('Sorry, that time is no longer free. Please pick another.', appointment(date));
          return nextScreen('DETAILS', { service, date, time, slot_label: calendar.describe(service, date, time) });
        },
        DETAILS: (ctx) => {
          const { service, date, time } = ctx.data;
          const name = ctx.data.name.trim();
          const email = ctx.data.email.trim();
          const problem = detailsProblem(name, email);
          if (problem !== undefined) return showError(problem);
          return nextScreen('SUMMARY', summaryData(calendar, { service, date, time, name, email, phone: ctx.data.phone?.trim() ?? '', notes: ctx.data.notes?.trim() ?? '' }));
        },
        SUMMARY: (ctx) => {
          const { service, date, time, name, email, phone, notes } = ctx.data;
          const booking = calendar.book({ service, date, time, name, email, phone, notes });
          if (booking === undefined) return showError('Sorry, someone just booked that time. Go back and pick another.');
          return complete({ booking_id: booking.id, service, date, time, name: booking.name });
        },
      },
    },
  });
}
