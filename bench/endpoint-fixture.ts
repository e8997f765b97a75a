// What every part of bench/endpoint.ts serves and sends: one trivial data_exchange handler and
// one realistic decrypted request (a few form fields, as a booking screen would send).
import type { DataChannelRequest } from '../src/data-channel/index.js';
import type { FlowHandlers } from '../src/endpoint/index.js';

export const BENCH_SCREEN = 'APPOINTMENT';

export const benchHandlers: FlowHandlers = {
  dataExchange: { [BENCH_SCREEN]: (ctx) => ({ screen: 'CONFIRM', data: { department: String(ctx.data.department ?? ''), ok: true } }) },
};

export const benchRequest: DataChannelRequest = {
  version: '3.0',
  action: 'data_exchange',
  screen: BENCH_SCREEN,
  flow_token: 'bench-flow-token-0001',
  data: { department: 'shopping', date: '2026-11-25', time: '10:30', note: 'x'.repeat(200) },
};

export const quietLogger = { warn: (): void => undefined, error: (message: string): void => console.error(message) };
