// The request pipeline every API operation goes through: the D360-API-KEY check, the contract's
// validators answering 400 in each hosting type's shape, body parsing, and routing by prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HOSTING_TYPES } from '../../api/index.js';
import type { HostingType } from '../../api/index.js';
import { createMemoryLogger } from '../logger.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

let t: ApiTestSandbox;
const log = createMemoryLogger();

beforeAll(async () => {
  t = await startApiSandbox('pglite', { log });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

const messagesPath = (h: HostingType) => `${t.baseUrl(h)}${h === 'cloud' ? '/messages' : '/v1/messages'}`;

describe.each(HOSTING_TYPES)('authentication (%s)', (hostingType) => {
  it('answers a missing key with 401 in the hosting type shape', async () => {
    const res = await fetch(messagesPath(hostingType), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error?: { code: number; type: string }; errors?: { code: number; details: string }[] };
    if (hostingType === 'cloud') expect(body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    else expect(body.errors?.[0]).toMatchObject({ code: 1005 });
  });

  it('answers a wrong key with 401 through the client, without echoing the key', async () => {
    const wrong = 'sbx_this-key-is-not-known-0123456789';
    const error = await t.client(hostingType, wrong).encryption.getPublicKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).code).toBe(hostingType === 'cloud' ? 190 : 1005);
    expect((error as ApiError).message).not.toContain(wrong);
  });

  it('answers a request the contract rejects with 400 and the missing-parameter code', async () => {
    const res = await fetch(messagesPath(hostingType), {
      method: 'POST',
      headers: { 'D360-API-KEY': t.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: 'hi' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { code: number; error_data: { details: string } }; errors?: { code: number; details: string }[] };
    if (hostingType === 'cloud') {
      expect(body.error?.code).toBe(131008);
      expect(body.error?.error_data.details).toContain('to is required');
    } else {
      expect(body.errors?.[0]).toMatchObject({ code: 1008, details: 'to is required.' });
    }
  });

  it('answers a wrong value with the invalid-parameter code', async () => {
    const res = await fetch(messagesPath(hostingType), {
      method: 'POST',
      headers: { 'D360-API-KEY': t.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '4915112345678', type: 'sticker' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { code: number }; errors?: { code: number }[] };
    expect(body.error?.code ?? body.errors?.[0]?.code).toBe(hostingType === 'cloud' ? 131009 : 1009);
  });

  it('answers a body that is not JSON with 400', async () => {
    const res = await fetch(messagesPath(hostingType), { method: 'POST', headers: { 'D360-API-KEY': t.apiKey, 'content-type': 'application/json' }, body: '{"to": ' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { error_data: { details: string } }; errors?: { details: string }[] };
    expect(body.error?.error_data.details ?? body.errors?.[0]?.details).toMatch(/not valid JSON/);
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await fetch(messagesPath(hostingType), { method: 'GET', headers: { 'D360-API-KEY': t.apiKey } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('routing without a prefix', () => {
  it('serves On-Premise /v1/messages and Cloud /messages at the root as well', async () => {
    const cloud = await fetch(`${t.sandbox.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await cloud.json()) as { error?: unknown }).error).toBeDefined();
    const onPrem = await fetch(`${t.sandbox.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await onPrem.json()) as { errors?: unknown }).errors).toBeDefined();
  });
});

describe('secrets in logs', () => {
  it('never logs an API key, good or bad', async () => {
    await fetch(messagesPath('cloud'), { method: 'POST', headers: { 'D360-API-KEY': 'sbx_bad-key-for-the-log-test' }, body: '{}' });
    await t.client('cloud').encryption.getPublicKey();
    const text = log.lines.join('');
    expect(text).not.toContain(t.apiKey);
    expect(text).not.toContain('sbx_bad-key-for-the-log-test');
  });
});
