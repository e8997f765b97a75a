// Without generated types the endpoint compiles as it always has: the README's endpoint, and a
// hand-written map of screen data (examples/booking/endpoint.ts). Type-checked, never run.
import { complete, createFlowEndpoint, nextScreen, showError } from '../../src/endpoint/index.js';
import type { FlowContext, FlowEndpoint, HandlerResult } from '../../src/endpoint/index.js';

const slots = [{ id: '0900', title: '09:00' }, { id: '0930', title: '09:30' }];

export function createEndpoint(privateKey: string, appSecret?: string): FlowEndpoint {
  return createFlowEndpoint({
    privateKey,
    appSecret,
    handlers: {
      init: () => nextScreen('BOOK', { slots }),
      dataExchange: {
        BOOK: ({ data }) => (typeof data.slot === 'string' ? complete({ slot: data.slot }) : showError('Pick a time')),
      },
    },
  });
}

type Screens = { BOOK: { slots: { id: string; title: string }[] }; DONE: { summary: string } };

export const mapped = createFlowEndpoint<Screens>({
  privateKey: 'PEM',
  handlers: {
    init: () => nextScreen('BOOK', { slots }),
    dataExchange: async (ctx: FlowContext) => (ctx.screen === 'BOOK' ? nextScreen('DONE', { summary: String(ctx.data.slot) }) : showError('Pick a time', { slots })),
  },
});

// Results made outside a handler keep the types of what they were given.
const later = nextScreen('DONE', { summary: 'x' });
export const summary: string = later.data.summary;
export const result: HandlerResult<Screens> = later;
export const error = showError('Try again', { slots });
export const first: string | undefined = error.data?.slots[0]?.id;
