// Two accounts (two business numbers, each with its own API key) in one store: neither can read,
// change, delete, publish or send the other's flows and templates. Another account's id answers
// exactly as an unknown id does (404, Graph's code 100 subcode 33), so ids do not leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/index.js';
import type { ApiClient } from '../../api/index.js';
import { ensureBusinessPhone } from '../account.js';
import { START_TIMEOUT_MS, feedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';
import { createApiKey } from '../auth.js';

let t: ApiTestSandbox;
let a: ApiClient;
let b: ApiClient;
let keyB: string;
let wabaB: string;

beforeAll(async () => {
  t = await startApiSandbox('postgres');
  a = t.client('cloud');
  // A second number of the same partner: its own key, its own WABA (Graph) and WABA account (Partner API).
  const other = await ensureBusinessPhone(t.sandbox.context.store, '15550009999', 'cloud', { partnerId: t.partner.partnerId });
  keyB = (await createApiKey(t.sandbox.context.store, { name: 'account b', phoneId: other.id })).key;
  wabaB = other.wabaId ?? '';
  b = t.client('cloud', keyB, other.wabaAccountId);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function call(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** waba-v2 (messages, templates) with a number's key. */
const raw = (method: string, path: string, key: string, body?: unknown) => call(`${t.baseUrl('cloud')}${path}`, method, { 'D360-API-KEY': key }, body);
/** Graph with a number's key as its access token; paths after the version. */
const graph = (method: string, path: string, key: string, body?: unknown) => call(`${t.meta.baseUrl}/v24.0${path}`, method, { authorization: `Bearer ${key}` }, body);

describe('account scoping', () => {
  it("answers another account's flow id exactly as an unknown id: 404, never a 403", async () => {
    const { id } = await a.flows.create({ name: 'private form', categories: ['SURVEY'] });
    const unknown = await graph('GET', '/1234567890123456', keyB);
    const foreign = await graph('GET', `/${id}`, keyB);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    const shape = (x: unknown) => ({ ...((x as { error: Record<string, unknown> }).error), message: undefined, error_data: undefined, fbtrace_id: undefined });
    expect(shape(foreign.body)).toEqual(shape(unknown.body));
    expect((await failure(b.flows.get(id))).subcode).toBe(33);
  });

  it("cannot list, change, upload to, publish, deprecate or delete another account's flow", async () => {
    const { id } = await a.flows.create({ name: 'a survey', categories: ['SURVEY'] });
    await a.flows.uploadJson(id, feedbackFormSource());
    expect((await b.flows.list()).data.map((f) => f.id)).not.toContain(id);
    const attempts = [() => b.flows.update(id, { name: 'stolen' }), () => b.flows.uploadJson(id, feedbackFormSource()), () => b.flows.publish(id), () => b.flows.deprecate(id), () => b.flows.delete(id)];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.status).toBe(404);
      expect(error.subcode).toBe(33);
    }
    // Untouched for its owner.
    expect(await a.flows.get(id, { fields: ['name', 'status'] })).toMatchObject({ id, name: 'a survey', status: 'DRAFT' });
    expect((await a.flows.list()).data.map((f) => f.id)).toContain(id);
    // Cloning another account's flow is refused the same way.
    expect((await graph('POST', `/${wabaB}/flows`, keyB, { name: 'clone', categories: ['OTHER'], clone_flow_id: id })).status).toBe(404);
    // B's token does not reach A's WABA or number by naming them (Graph's 100/33), nor A's WABA account.
    const wabaA = await graph('GET', `/${t.meta.wabaId}/flows`, keyB);
    expect(wabaA.status).toBe(400);
    expect(wabaA.body).toMatchObject({ error: { code: 100, error_subcode: 33 } });
    expect((await graph('GET', `/${t.meta.phoneNumberId}/whatsapp_business_encryption`, keyB)).body).toMatchObject({ error: { code: 100, error_subcode: 33 } });
  });

  it('lets each account use a flow name the other already uses', async () => {
    await a.flows.create({ name: 'same name', categories: ['OTHER'] });
    await expect(b.flows.create({ name: 'same name', categories: ['OTHER'] })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("cannot send another account's flow", async () => {
    const { id } = await a.flows.create({ name: 'a published', categories: ['SURVEY'], flowJson: feedbackFormSource(), publish: true });
    const sent = await raw('POST', '/messages', keyB, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '4915199990001',
      type: 'interactive',
      interactive: { type: 'flow', body: { text: 'Hi' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: id, flow_cta: 'Open', flow_action: 'navigate', flow_action_payload: { screen: 'screen_feedback_one' } } } },
    });
    expect(sent.status).toBe(400);
    expect(JSON.stringify(sent.body)).toContain('does not exist in this account');
    expect((await raw('POST', '/messages', t.apiKey, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '4915199990001', type: 'interactive', interactive: { type: 'flow', body: { text: 'Hi' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: id, flow_cta: 'Open', flow_action: 'navigate', flow_action_payload: { screen: 'screen_feedback_one' } } } } })).status).toBe(200);
  });

  it("keeps templates apart: lists, reads and names are per account", async () => {
    const template = { name: 'welcome_a', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hello' }] };
    expect((await raw('POST', '/v1/configs/templates', t.apiKey, template)).status).toBe(200);
    const listB = (await raw('GET', '/v1/configs/templates', keyB)).body as { waba_templates: { name: string }[] };
    expect(listB.waba_templates.map((x) => x.name)).not.toContain('welcome_a');
    expect((await raw('GET', '/v1/configs/templates/welcome_a', keyB)).status).toBe(404);
    // The same name and language is free in the other account.
    expect((await raw('POST', '/v1/configs/templates', keyB, template)).status).toBe(200);
    expect((await raw('POST', '/v1/configs/templates', keyB, template)).status).toBe(400);
  });
});
