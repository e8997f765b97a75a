// sendFlow and sendTemplate (its FLOW button) with a token store (the endpoint's): the flow token
// is issued in the store before the message leaves, a missing token is generated, the response
// carries it; a send the platform refused takes the token back, one that may have gone out
// (network failure) keeps it.
import { describe, expect, it } from 'vitest';
import { createMemoryTokenStore } from '../../endpoint/token-store/memory.js';
import type { FlowTokenRecord } from '../../endpoint/token-store/types.js';
import { createClient } from '../client.js';
import { cloudErrorBody } from '../errors.js';
import { DEFAULT_FLOW_TOKEN_TTL_SECONDS } from './messages.js';

const NOW = 1_764_072_000_000;
const input = { to: '4915112345678', body: 'How was your visit?', flowId: '1234', flowCta: 'Give feedback', flowAction: 'navigate' as const, flowActionPayload: { screen: 'RATE' } };

/** A client whose platform answers with `status` and records, per request, what the store held then. */
function setup(status = 200) {
  const store = createMemoryTokenStore({ now: () => NOW });
  const seen: { token: string; record: FlowTokenRecord | undefined }[] = [];
  const client = createClient({
    apiKey: 'k',
    baseUrl: 'https://waba.example.test/v1',
    retries: 0,
    fetch: async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as { interactive: { action: { parameters: { flow_token: string } } } };
      const token = body.interactive.action.parameters.flow_token;
      seen.push({ token, record: await store.get(token) });
      const answer = status === 200 ? { messaging_product: 'whatsapp', contacts: [{ input: input.to, wa_id: input.to }], messages: [{ id: 'wamid.sent' }] } : cloudErrorBody({ message: 'Invalid parameter', code: 131009, type: 'OAuthException' });
      return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { store, seen, client };
}

describe('messages.sendFlow with a token store', () => {
  it('issues the given token before the send, with its TTL and session data, and returns it', async () => {
    const { store, seen, client } = setup();
    const sent = await client.messages.sendFlow({ ...input, flowToken: 'visit-42' }, { tokenStore: store, tokenTtlSeconds: 600, tokenData: { visit: 42 } });
    expect(sent).toEqual({ messagingProduct: 'whatsapp', contacts: [{ input: input.to, waId: input.to }], messages: [{ id: 'wamid.sent' }], flowToken: 'visit-42' });
    // The record existed when the platform got the message, so the endpoint accepts the first request.
    expect(seen).toEqual([{ token: 'visit-42', record: { token: 'visit-42', status: 'active', data: { visit: 42 }, issuedAt: NOW, expiresAt: NOW + 600_000 } }]);
    expect((await store.claim('visit-42', { claimId: 'c1', leaseMs: 1000 })).ok).toBe(true);
  });

  it('generates an unpredictable token when none is given, and sends that one', async () => {
    const { store, seen, client } = setup();
    const first = await client.messages.sendFlow(input, { tokenStore: store });
    const second = await client.messages.sendFlow(input, { tokenStore: store });
    expect(first.flowToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.flowToken).not.toBe(first.flowToken);
    expect(seen.map((s) => s.token)).toEqual([first.flowToken, second.flowToken]);
    expect(await store.get(first.flowToken ?? '')).toMatchObject({ status: 'active', expiresAt: NOW + DEFAULT_FLOW_TOKEN_TTL_SECONDS * 1000 });
  });

  it('takes the token back when the platform refuses the message', async () => {
    const { store, seen, client } = setup(400);
    await expect(client.messages.sendFlow({ ...input, flowToken: 'refused' }, { tokenStore: store })).rejects.toMatchObject({ status: 400, code: 131009 });
    expect(seen[0]?.record?.status).toBe('active');
    expect(await store.get('refused')).toBeUndefined();
  });

  it('keeps the token when the message may have gone out (network failure)', async () => {
    const store = createMemoryTokenStore({ now: () => NOW });
    const client = createClient({ apiKey: 'k', baseUrl: 'https://waba.example.test/v1', retries: 0, fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await expect(client.messages.sendFlow({ ...input, flowToken: 'maybe' }, { tokenStore: store })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await store.get('maybe')).toMatchObject({ token: 'maybe', status: 'active' });
  });

  it('without a store, sends the input as it is and adds nothing to the response', async () => {
    const { seen, client } = setup();
    const sent = await client.messages.sendFlow({ ...input, flowToken: 'plain' });
    expect(sent).not.toHaveProperty('flowToken');
    expect(seen.map((s) => s.token)).toEqual(['plain']);
  });
});

describe('messages.sendTemplate with a token store', () => {
  const template = { to: input.to, name: 'visit_feedback', language: 'en_US', flowButton: { index: 0, flowActionData: { visit: 42 } } };
  function templateSetup(status = 200) {
    const store = createMemoryTokenStore({ now: () => NOW });
    const seen: { token: string | undefined; active: boolean }[] = [];
    const client = createClient({
      apiKey: 'k',
      baseUrl: 'https://waba.example.test/v1',
      retries: 0,
      fetch: async (_url, init) => {
        const body = JSON.parse(String(init?.body)) as { template: { components: { parameters: { action: { flow_token?: string } }[] }[] } };
        const token = body.template.components[0]?.parameters[0]?.action.flow_token;
        seen.push({ token, active: token !== undefined && (await store.get(token))?.status === 'active' });
        const answer = status === 200 ? { messaging_product: 'whatsapp', contacts: [{ input: input.to, wa_id: input.to }], messages: [{ id: 'wamid.tpl' }] } : cloudErrorBody({ message: 'Template name does not exist', code: 132001, type: 'OAuthException' });
        return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
      },
    });
    return { store, seen, client };
  }

  it("issues the FLOW button's token before the send and returns it", async () => {
    const { store, seen, client } = templateSetup();
    const given = await client.messages.sendTemplate({ ...template, flowButton: { ...template.flowButton, flowToken: 'tpl-1' } }, { tokenStore: store, tokenTtlSeconds: 60 });
    expect(given.flowToken).toBe('tpl-1');
    expect(await store.get('tpl-1')).toMatchObject({ status: 'active', expiresAt: NOW + 60_000 });
    const generated = await client.messages.sendTemplate(template, { tokenStore: store });
    expect(generated.flowToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Each token was in the store, active, when the platform got the message that carries it.
    expect(seen).toEqual([{ token: 'tpl-1', active: true }, { token: generated.flowToken, active: true }]);
  });

  it('takes the token back when the platform refuses the template', async () => {
    const { store, client } = templateSetup(404);
    await expect(client.messages.sendTemplate({ ...template, flowButton: { index: 0, flowToken: 'tpl-2' } }, { tokenStore: store })).rejects.toMatchObject({ code: 132001 });
    expect(await store.get('tpl-2')).toBeUndefined();
  });

  it('refuses a token store without a FLOW button, before any request', async () => {
    const { store, seen, client } = templateSetup();
    await expect(client.messages.sendTemplate({ to: input.to, name: 'plain', language: 'en_US' }, { tokenStore: store })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(seen).toEqual([]);
  });
});
