// Liberal in what it accepts: the seed spells actions in lower case (init, back, data_exchange,
// ping), Meta in upper case (INIT, BACK); some clients write DATA_EXCHANGE. The endpoint takes every
// spelling, hands its handlers Meta's (the FlowAction type), and answers as the platform expects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../data-channel/index.js';
import type { DataChannelRequest } from '../data-channel/index.js';
import { createFlowEndpoint } from './handler.js';
import { complete, nextScreen } from './results.js';
import { PlatformClient, captureLogger, serveEndpoint } from './test-kit.js';
import type { RunningServer } from './test-kit.js';
import type { ErrorNotification, FlowContext } from './types.js';

let client: PlatformClient;
let server: RunningServer;
const seen: FlowContext[] = [];
const notifications: ErrorNotification[] = [];

beforeAll(async () => {
  const keys = await generateKeyPair();
  const record = (screen: string) => (ctx: FlowContext) => {
    seen.push(ctx);
    return nextScreen(screen, {});
  };
  server = await serveEndpoint(
    createFlowEndpoint({
      privateKey: keys.privateKeyPem,
      logger: captureLogger(),
      onErrorNotification: (n) => void notifications.push(n),
      handlers: {
        init: record('FIRST'),
        back: record('FIRST'),
        dataExchange: {
          FIRST: record('SECOND'),
          SECOND: (ctx) => {
            seen.push(ctx);
            return complete({ done: true });
          },
        },
      },
    }),
  );
  client = await PlatformClient.create(server.url, keys.publicKeyPem);
});
afterAll(async () => {
  await server?.close();
});

/** Sends a request whose action is spelled as given (the wire type knows only Meta's spelling). */
const call = (request: Record<string, unknown>) => client.call(request as unknown as DataChannelRequest);

describe('actions in lower and upper case', () => {
  it.each([
    ['init', 'INIT', { version: '3.0', flow_token: 't' }, 'FIRST'],
    ['INIT', 'INIT', { version: '3.0', flow_token: 't' }, 'FIRST'],
    ['back', 'BACK', { version: '3.0', flow_token: 't', screen: 'SECOND' }, 'FIRST'],
    ['BACK', 'BACK', { version: '3.0', flow_token: 't', screen: 'SECOND' }, 'FIRST'],
    ['data_exchange', 'data_exchange', { version: '3.0', flow_token: 't', screen: 'FIRST', data: {} }, 'SECOND'],
    ['DATA_EXCHANGE', 'data_exchange', { version: '3.0', flow_token: 't', screen: 'FIRST', data: {} }, 'SECOND'],
  ])('accepts %s and hands the handler %s', async (sent, handled, rest, next) => {
    seen.length = 0;
    const answer = await call({ ...rest, action: sent });
    expect(answer).toEqual({ status: 200, body: { screen: next, data: {} } });
    expect(seen.map((c) => c.action)).toEqual([handled]);
  });

  it('completes a flow sent in lower case, with the same response the upper-case one gets', async () => {
    const lower = await call({ version: '3.0', action: 'data_exchange', flow_token: 'tok-l', screen: 'SECOND', data: {} });
    const upper = await call({ version: '3.0', action: 'DATA_EXCHANGE', flow_token: 'tok-l', screen: 'SECOND', data: {} });
    expect(lower).toEqual({ status: 200, body: { screen: 'SUCCESS', data: { extension_message_response: { params: { done: true, flow_token: 'tok-l' } } } } });
    expect(upper).toEqual(lower);
  });

  it('answers ping and PING with the health check response', async () => {
    for (const action of ['ping', 'PING']) {
      expect(await call({ version: '3.0', action })).toEqual({ status: 200, body: { data: { status: 'active' } } });
    }
  });

  it('acknowledges an error notification in lower case, reported with Meta\'s spelling', async () => {
    notifications.length = 0;
    const answer = await call({ version: '3.0', action: 'init', flow_token: 't', data: { error: 'invalid-screen-transition', error_message: 'bad' } });
    expect(answer).toEqual({ status: 200, body: { data: { acknowledged: true } } });
    expect(notifications.map((n) => n.action)).toEqual(['INIT']);
  });

  it('still refuses an action that is none of them, with 400 naming the accepted ones', async () => {
    const answer = await call({ version: '3.0', action: 'navigate', flow_token: 't' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'MALFORMED_PAYLOAD', message: expect.stringContaining('ping, INIT, BACK, data_exchange (in any letter case)') as unknown } });
  });
});

describe('user_locale', () => {
  it('reaches every handler as ctx.userLocale, and is undefined when the client sends none', async () => {
    seen.length = 0;
    await call({ version: '3.0', action: 'init', flow_token: 't', user_locale: 'pt_BR' });
    await call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'FIRST', data: {}, user_locale: 'de_DE' });
    await call({ version: '3.0', action: 'BACK', flow_token: 't', screen: 'SECOND' });
    expect(seen.map((c) => [c.action, c.userLocale])).toEqual([['INIT', 'pt_BR'], ['data_exchange', 'de_DE'], ['BACK', undefined]]);
  });
});
