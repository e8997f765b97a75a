// The whole sandbox on the real PostgreSQL (a fresh schema, dropped afterwards): the production
// client for both hosting types through a full flow lifecycle, template and messages; plus the
// server's own behaviour (listening address, 404 shapes, close).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.js';
import { generateKeyPair } from '../data-channel/index.js';
import { START_TIMEOUT_MS, INVALID_FLOW, feedbackFormSource, startApiSandbox } from './api-test-kit.js';
import type { ApiTestSandbox } from './api-test-kit.js';
import { openStore } from '../store/index.js';
import { TEST_DATABASE_URL, uniqueSchema } from '../store/test-kit.js';
import { createSandbox } from './server.js';

let t: ApiTestSandbox;

beforeAll(async () => {
  t = await startApiSandbox('postgres');
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

describe('sandbox on PostgreSQL', () => {
  it('runs on a PostgreSQL store in its own schema', () => {
    expect(t.sandbox.context.store.kind).toBe('postgres');
    expect(t.sandbox.context.store.schema).toMatch(/^waflow_sandbox_/);
    expect(t.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('goes through key, flow lifecycle, template and messages with the production client', async () => {
    const cloud = t.client('cloud');
    const onPrem = t.client('on-premise');
    const { publicKeyPem } = await generateKeyPair();
    await onPrem.encryption.setPublicKey(publicKeyPem);
    expect(await cloud.encryption.getPublicKey()).toEqual({ businessPublicKey: publicKeyPem, businessPublicKeySignatureStatus: 'VALID' });

    const { id } = await cloud.flows.create({ name: 'PG feedback', categories: ['SURVEY'] });
    const invalid = await cloud.flows.uploadJson(id, INVALID_FLOW);
    expect(invalid.validationErrors.find((e) => e.error === 'INVALID_PROPERTY_VALUE')).toMatchObject({ lineStart: 9, columnStart: 19 });
    expect(((await cloud.flows.publish(id).catch((e: unknown) => e)) as ApiError).code).toBe(139002);
    expect((await cloud.flows.uploadJson(id, feedbackFormSource())).validationErrors).toEqual([]);

    const draftSend = await onPrem.messages.sendFlow({ to: '4917000000001', body: 'Try it', flowCta: 'Open', flowId: id, mode: 'draft', flowToken: 't1' });
    expect(draftSend.messages[0]?.id).toMatch(/^wamid\./);
    await cloud.flows.publish(id);

    const { id: templateId } = await onPrem.templates.create({
      name: 'pg_feedback',
      language: 'en_US',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'How was it?' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Answer', flowId: id, navigateScreen: 'screen_feedback_one' }] }],
    });
    expect((await fetch(`${t.sandbox.url}/_sandbox/templates/${templateId}/approve`, { method: 'POST' })).status).toBe(200);
    const sent = await cloud.messages.sendTemplate({ to: '4917000000001', name: 'pg_feedback', language: 'en_US', flowButton: { index: 0, flowToken: 't2' } });
    const rows = await t.sandbox.context.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages m JOIN chats c ON c.id = m.chat_id JOIN phones p ON p.id = c.user_phone_id WHERE p.number = '4917000000001'`,
    );
    expect(rows[0]?.n).toBe(2);
    expect(sent.messages[0]?.id).toMatch(/^wamid\./);

    expect(((await cloud.flows.delete(id).catch((e: unknown) => e)) as ApiError).code).toBe(139004);
    await cloud.flows.deprecate(id);
    expect(((await cloud.flows.deprecate(id).catch((e: unknown) => e)) as ApiError).code).toBe(139003);
  });

  it('lets exactly one of several concurrent creates with the same name win', async () => {
    const cloud = t.client('cloud');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => cloud.flows.create({ name: 'Raced', categories: ['OTHER'] })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.reason instanceof ApiError && r.reason.code === 100)).toBe(true);
  });

  it('answers unknown paths in the shape of the hosting type the prefix names', async () => {
    const cloud = await fetch(`${t.sandbox.url}/cloud/nope`);
    expect(cloud.status).toBe(404);
    expect(((await cloud.json()) as { error: { code: number } }).error.code).toBe(100);
    const onPrem = await fetch(`${t.sandbox.url}/on-premise/v1/nope`);
    expect(onPrem.status).toBe(404);
    expect(((await onPrem.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(100);
    const partner = await fetch(`${t.sandbox.url}/hub/api/v2/nope`);
    expect(partner.status).toBe(404);
    expect(((await partner.json()) as { meta: { http_code: number } }).meta.http_code).toBe(404);
    const graph = await fetch(`${t.sandbox.url}/graph/v24.0/1/nope`);
    expect(graph.status).toBe(404);
    expect(((await graph.json()) as { error: { code: number } }).error.code).toBe(100);
  });

  it('lists every surface and the account ids at /_sandbox, never a key', async () => {
    const res = await fetch(`${t.sandbox.url}/_sandbox`);
    const text = await res.text();
    const info = JSON.parse(text) as { base_urls: Record<string, string>; account: Record<string, string> };
    expect(info.base_urls).toEqual({
      cloud: `${t.sandbox.url}/cloud`,
      'on-premise': `${t.sandbox.url}/on-premise`,
      partner: `${t.sandbox.url}/hub/api/v2`,
      meta: `${t.sandbox.url}/graph`,
    });
    expect(info.account).toEqual({ partner_id: t.partner.partnerId, waba_account_id: t.partner.wabaAccountId, waba_id: t.meta.wabaId, phone_number_id: t.meta.phoneNumberId });
    expect(info.account.partner_id).toMatch(/PA$/);
    expect(info.account.waba_id).toMatch(/^\d{15,16}$/);
    expect(text).not.toContain(t.apiKey);
    expect(text).not.toContain(t.partner.apiKey);
    expect(text).not.toMatch(/sbxp?_/);
  });

  it('fails to start on a port in use, and leaves nothing open behind', async () => {
    const port = Number(new URL(t.sandbox.url).port);
    const schema = uniqueSchema('waflow_sandbox');
    try {
      const error = await createSandbox({ port, databaseUrl: TEST_DATABASE_URL, schema }).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('EADDRINUSE');
    } finally {
      const admin = await openStore({ databaseUrl: TEST_DATABASE_URL });
      await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.close();
    }
    // The running sandbox is unaffected.
    expect((await fetch(`${t.sandbox.url}/_sandbox`)).status).toBe(200);
  });

  it('answers through fetch() without the network, the same as over HTTP', async () => {
    const res = await t.sandbox.fetch(new Request(`${t.meta.baseUrl}/v24.0/${t.meta.wabaId}/flows`, { headers: { authorization: `Bearer ${t.meta.accessToken}` } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { name: string }[] };
    expect(body.data.map((f) => f.name)).toContain('PG feedback');
  });
});
