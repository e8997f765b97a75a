// The runtime against an endpoint: the host here is an in-process endpoint written for the test.
import { describe, expect, it } from 'vitest';
import { EndpointError, startFlow } from './index.js';
import type { ExchangeRequest, RuntimeHost } from './index.js';

const layout = (children: unknown[]) => ({ type: 'SingleColumnLayout', children });
const footer = (action: unknown, label = 'Next') => ({ type: 'Footer', label, 'on-click-action': action });

/** Three screens: LIST (endpoint data), ITEM (refresh_on_back), DONE. */
const flow = {
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { LIST: ['ITEM'], ITEM: ['DONE'], DONE: [] },
  screens: [
    {
      id: 'LIST',
      data: { count: { type: 'number', __example__: 1 }, label: { type: 'string', __example__: 'x' } },
      layout: layout([
        { type: 'TextBody', text: '${data.label}' },
        { type: 'TextInput', name: 'q', label: 'Search' },
        footer({ name: 'data_exchange', payload: { q: '${form.q}' } }),
      ]),
    },
    {
      id: 'ITEM',
      refresh_on_back: true,
      data: { name: { type: 'string', __example__: 'n' } },
      layout: layout([{ type: 'TextBody', text: '${data.name}' }, footer({ name: 'data_exchange', payload: {} })]),
    },
    { id: 'DONE', terminal: true, layout: layout([footer({ name: 'complete', payload: {} }, 'Done')]) },
  ],
};

function host(answer: (req: ExchangeRequest) => unknown | Promise<unknown>): RuntimeHost & { requests: ExchangeRequest[] } {
  const requests: ExchangeRequest[] = [];
  return {
    requests,
    exchange: async (req) => {
      requests.push(req);
      return answer(req);
    },
  };
}

const start = (h: RuntimeHost, dataApiVersion?: '3.0' | '4.0') =>
  startFlow({ flow, flowToken: 'tok', host: h, mode: { action: 'navigate', screen: 'LIST', data: { count: 1, label: 'first' } }, ...(dataApiVersion ? { dataApiVersion } : {}) });

describe('data_exchange responses', () => {
  it('sends the evaluated payload with screen, flow token and data API version', async () => {
    const h = host(() => ({ screen: 'ITEM', data: { name: 'Bolt' } }));
    const session = await start(h, '4.0');
    session.setValue('q', 'bolts');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'navigated', screen: 'ITEM' });
    expect(h.requests).toEqual([{ action: 'data_exchange', screen: 'LIST', data: { q: 'bolts' }, flowToken: 'tok', version: '4.0' }]);
    expect(session.history).toEqual(['LIST', 'ITEM']);
  });

  it('a response for the same screen updates its data and keeps the form', async () => {
    const session = await start(host(() => ({ screen: 'LIST', data: { label: 'second' } })));
    session.setValue('q', 'nuts');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'updated', screen: 'LIST' });
    expect(session.screen.data).toEqual({ count: 1, label: 'second' });
    expect(session.screen.components[0]?.props['text']).toBe('second');
    expect(session.form).toEqual({ q: 'nuts' });
    expect(session.history).toEqual(['LIST']);
  });

  it('shows data.error_message on the screen until the next action', async () => {
    let reply: unknown = { screen: 'LIST', data: { error_message: 'Nothing found' } };
    const session = await start(host(() => reply));
    expect(await session.submit()).toEqual({ ok: true, outcome: 'error-message', screen: 'LIST' });
    expect(session.screen.errorMessage).toBe('Nothing found');
    expect(session.screen.data).not.toHaveProperty('error_message');
    reply = { screen: 'ITEM', data: { name: 'Bolt' } };
    await session.submit();
    expect(session.screen.errorMessage).toBeUndefined();
  });

  it('SUCCESS completes with extension_message_response.params', async () => {
    const session = await start(host(() => ({ screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: 'tok', order: 7 } } } })));
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.status).toBe('completed');
    expect(session.completion).toEqual({ flow_token: 'tok', order: 7 });
  });

  it('a SUCCESS without the flow_token in params is an invalid response', async () => {
    const session = await start(host(() => ({ screen: 'SUCCESS', data: { extension_message_response: { params: { order: 7 } } } })));
    expect(await session.submit()).toMatchObject({ ok: false });
    expect(session.error).toMatchObject({ kind: 'invalid-response', field: '/data/extension_message_response/params/flow_token' });
  });

  it('data that does not fit the target screen\'s model is an invalid response naming the field', async () => {
    const session = await start(host(() => ({ screen: 'ITEM', data: { name: 42 } })));
    const result = await session.submit();
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('/name') as unknown });
    expect(session.status).toBe('error');
    expect(session.error).toMatchObject({ kind: 'invalid-response', field: '/data/name' });
    expect(session.error?.message).toContain('Something went wrong');
    expect(session.history).toEqual(['LIST']);
  });

  it('an unknown screen or a non-object body is an invalid response', async () => {
    const a = await start(host(() => ({ screen: 'NOPE', data: {} })));
    await a.submit();
    expect(a.error).toMatchObject({ kind: 'invalid-response', field: '/screen' });
    const b = await start(host(() => 'hello'));
    await b.submit();
    expect(b.error?.kind).toBe('invalid-response');
  });
});

describe('endpoint failures', () => {
  it('427 means the flow token expired: the session stops and refuses further actions', async () => {
    const session = await start(host(() => Promise.reject(new EndpointError(427))));
    const result = await session.submit();
    expect(result.ok).toBe(false);
    expect(session.status).toBe('error');
    expect(session.error).toMatchObject({ kind: 'flow-token-expired', status: 427 });
    expect(await session.submit()).toEqual({ ok: false, reason: expect.stringMatching(/^the flow stopped: The flow token is no longer valid/) as unknown });
    expect(session.error?.userMessage).toBeUndefined();
  });

  it('a 427 with the endpoint\'s text keeps it as the text the client shows', async () => {
    const session = await start(host(() => Promise.reject(new EndpointError(427, 'HTTP 427', 'status', 'This order was already placed'))));
    await session.submit();
    expect(session.error).toEqual({
      kind: 'flow-token-expired',
      status: 427,
      userMessage: 'This order was already placed',
      message: 'The flow token is no longer valid (HTTP 427): the client shows "This order was already placed" and disables the button.',
    });
  });

  it('421 is reported as a decryption failure; other statuses and network errors as endpoint errors', async () => {
    const a = await start(host(() => Promise.reject(new EndpointError(421))));
    await a.submit();
    expect(a.error).toMatchObject({ kind: 'decrypt', status: 421 });
    const b = await start(host(() => Promise.reject(new EndpointError(500))));
    await b.submit();
    expect(b.error).toMatchObject({ kind: 'endpoint', status: 500 });
    const c = await start(host(() => Promise.reject(new Error('private key passphrase is hunter2'))));
    await c.submit();
    expect(c.error?.kind).toBe('endpoint');
    expect(c.error?.message).not.toContain('hunter2');
  });

  it('INIT failures leave the session in error with an empty screen', async () => {
    const session = await startFlow({ flow, flowToken: 't', host: host(() => Promise.reject(new EndpointError(427))), mode: { action: 'data_exchange' } });
    expect(session.status).toBe('error');
    expect(session.error?.kind).toBe('flow-token-expired');
    expect(session.screen.components).toEqual([]);
  });

  it('refuses a second action while the endpoint is still answering', async () => {
    let release: (v: unknown) => void = () => undefined;
    const session = await start(host(() => new Promise((resolve) => { release = resolve; })));
    const first = session.submit();
    expect(await session.submit()).toEqual({ ok: false, reason: 'waiting for the endpoint to answer' });
    release({ screen: 'ITEM', data: { name: 'x' } });
    expect(await first).toMatchObject({ ok: true, screen: 'ITEM' });
  });
});

describe('back and refresh_on_back', () => {
  it('back from a refresh_on_back screen sends BACK and applies the fresh data to the previous screen', async () => {
    const h = host((req) => (req.action === 'BACK' ? { screen: 'LIST', data: { count: 2, label: 'refreshed' } } : { screen: 'ITEM', data: { name: 'Bolt' } }));
    const session = await start(h);
    session.setValue('q', 'bolt');
    await session.submit();
    expect(await session.back()).toEqual({ ok: true, outcome: 'updated', screen: 'LIST' });
    expect(h.requests[1]).toEqual({ action: 'BACK', screen: 'ITEM', data: {}, flowToken: 'tok', version: '3.0' });
    expect(session.history).toEqual(['LIST']);
    expect(session.screen.data).toEqual({ count: 2, label: 'refreshed' });
    expect(session.form).toEqual({ q: 'bolt' });
  });

  it('back from a screen without refresh_on_back just pops, with no request', async () => {
    const h = host((req) => (req.screen === 'LIST' ? { screen: 'ITEM', data: { name: 'a' } } : { screen: 'DONE', data: {} }));
    const session = await start(h);
    await session.submit();
    await session.submit();
    expect(session.history).toEqual(['LIST', 'ITEM', 'DONE']);
    expect(await session.back()).toEqual({ ok: true, outcome: 'back', screen: 'ITEM' });
    expect(h.requests).toHaveLength(2);
  });
});

describe('endpoint failures the host classifies', () => {
  it('reports an undecryptable response as a decrypt error, not as an HTTP status', async () => {
    const flow = { version: '7.3', data_api_version: '3.0', routing_model: { A: [] }, screens: [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Go', 'on-click-action': { name: 'data_exchange', payload: {} } }] } }] };
    const host = { exchange: () => Promise.reject(new EndpointError(200, 'response did not decrypt', 'decrypt')) };
    const session = await startFlow({ flow, flowToken: 't', host, mode: { action: 'navigate' } });
    await session.submit();
    expect(session.status).toBe('error');
    expect(session.error?.kind).toBe('decrypt');
    expect(session.error?.message).toMatch(/response-decryption-error/);
  });
});
