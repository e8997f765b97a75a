// Type tests of createFlowEndpoint<F> with the booking flow's generated types (booking.types.ts).
// The line under each `// @ts-expect-error TSxxxx` must fail to compile with that code:
// types.test.ts compiles this file as it is (an unused directive is an error too) and again
// without the directives, to see each error where it is expected. Type-checked, never run.
import { complete, createFlowEndpoint, nextScreen, showError } from '../../src/endpoint/index.js';
import type { FlowContext, ScreenExchangeHandler } from '../../src/endpoint/index.js';
import { createFlowRequestListener } from '../../src/endpoint/node.js';
import type { BookingFlow } from './booking.types.js';

const options = [{ id: '09:00', title: '09:00' }];
const privateKey = 'PEM';
const summary = { summary: 's', contact: 'c', service: 's', date: 'd', time: 't', name: 'n', email: 'e', phone: 'p', notes: '' };

/** Code written for untyped contexts takes a typed one. */
const text = (ctx: FlowContext, field: string): string => String(ctx.data[field] ?? '');

// A handler per screen that exchanges data, each typed from the flow: this compiles.
export const typed = createFlowEndpoint<BookingFlow>({
  privateKey,
  handlers: {
    init: () => nextScreen('APPOINTMENT', { services: options, dates: options, times: [], is_time_enabled: false }),
    dataExchange: {
      APPOINTMENT: (ctx) => {
        // The two data_exchange actions of APPOINTMENT narrow on the key that tells them apart.
        if (ctx.data.trigger === 'date_selected') return showError('No free times that day', { times: [], is_time_enabled: false });
        const { service, date, time } = ctx.data;
        return nextScreen('DETAILS', { service, date, time, slot_label: `${service} ${date} ${time}` });
      },
      DETAILS: async (ctx) => {
        const phone: string | undefined = ctx.data.phone;
        if (!ctx.data.email.includes('@')) return showError('Please enter a valid email address.');
        return nextScreen('SUMMARY', { ...summary, name: ctx.data.name, phone: phone ?? '', notes: text(ctx, 'notes') });
      },
      SUMMARY: (ctx) => complete({ booking_id: 'B-1', name: ctx.data.name }),
    },
  },
});

// One function for every screen: ctx is narrowed by ctx.screen.
export const oneHandler = createFlowEndpoint<BookingFlow>({
  privateKey,
  handlers: {
    dataExchange: (ctx) => {
      if (ctx.screen === 'SUMMARY') return complete({ name: ctx.data.name });
      if (ctx.screen === 'DETAILS') return nextScreen('SUMMARY', { ...summary, email: ctx.data.email });
      return showError('Please pick a time.');
    },
  },
});

// The Node transports take the same type argument.
export const listener = createFlowRequestListener<BookingFlow>({ privateKey, handlers: { init: () => nextScreen('APPOINTMENT', { services: [], dates: [], times: [], is_time_enabled: false }) } });

// A handler written on its own.
export const details: ScreenExchangeHandler<BookingFlow, 'DETAILS'> = (ctx) =>
  nextScreen('SUMMARY', {
    ...summary,
    name: ctx.data.name,
    // @ts-expect-error TS2353 a field the SUMMARY screen does not declare
    discount: 10,
  });

export const wrongType: ScreenExchangeHandler<BookingFlow, 'APPOINTMENT'> = () =>
  nextScreen('DETAILS', {
    // @ts-expect-error TS2322 a number where DETAILS declares a string
    service: 42,
    date: '2026-12-01',
    time: '09:00',
    slot_label: 'Haircut',
  });

export const unknownScreen: ScreenExchangeHandler<BookingFlow, 'DETAILS'> = () =>
  // @ts-expect-error TS2345 a screen the flow does not have
  nextScreen('PAYMENT', { amount: 10 });

export const missingField: ScreenExchangeHandler<BookingFlow, 'APPOINTMENT'> = () =>
  // @ts-expect-error TS2345 DETAILS needs slot_label too
  nextScreen('DETAILS', { service: 'haircut', date: '2026-12-01', time: '09:00' });

export const errorDataOfAnotherScreen: ScreenExchangeHandler<BookingFlow, 'DETAILS'> = () =>
  // @ts-expect-error TS2353 showError data is the current screen's (DETAILS has no summary)
  showError('Try again', { summary: 'x' });

export const wrongInitData = createFlowEndpoint<BookingFlow>({
  privateKey,
  handlers: {
    init: () =>
      nextScreen('APPOINTMENT', {
        services: options,
        dates: options,
        times: [],
        // @ts-expect-error TS2322 APPOINTMENT declares is_time_enabled a boolean
        is_time_enabled: 'yes',
      }),
  },
});

export const unknownHandler = createFlowEndpoint<BookingFlow>({
  privateKey,
  handlers: {
    dataExchange: {
      // @ts-expect-error TS2353 no screen PAYMENT in the flow
      PAYMENT: () => complete({}),
    },
  },
});

export const received = createFlowEndpoint<BookingFlow>({
  privateKey,
  handlers: {
    dataExchange: {
      DETAILS: (ctx) => {
        // @ts-expect-error TS2339 DETAILS sends no field "coupon"
        const coupon: unknown = ctx.data.coupon;
        // @ts-expect-error TS2322 phone is optional in the DETAILS payload: it may be missing
        const phone: string = ctx.data.phone;
        return complete({ coupon, phone });
      },
      APPOINTMENT: (ctx) => {
        // @ts-expect-error TS1360 the date_selected exchange sends no time
        if (ctx.data.trigger === 'date_selected') return complete({ time: ctx.data.time satisfies string });
        return complete({ time: ctx.data.time satisfies string });
      },
    },
  },
});
