// The business public key over real HTTP with the production client, on both hosting types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HOSTING_TYPES } from '../../api/index.js';
import { generateKeyPair } from '../../data-channel/index.js';
import { ensureBusinessPhone } from '../account.js';
import { createApiKey } from '../auth.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

let t: ApiTestSandbox;
let first: { publicKeyPem: string };
let second: { publicKeyPem: string };

beforeAll(async () => {
  t = await startApiSandbox('pglite');
  [first, second] = await Promise.all([generateKeyPair(), generateKeyPair()]);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

describe.each(HOSTING_TYPES)('business public key (%s)', (hostingType) => {
  it('sets the key, reads it back as VALID, and replaces it on a second set', async () => {
    const api = t.client(hostingType);
    await expect(api.encryption.setPublicKey(first.publicKeyPem)).resolves.toEqual({ success: true });
    await expect(api.encryption.getPublicKey()).resolves.toEqual({ businessPublicKey: first.publicKeyPem, businessPublicKeySignatureStatus: 'VALID' });
    await api.encryption.setPublicKey(second.publicKeyPem);
    expect((await api.encryption.getPublicKey())?.businessPublicKey).toBe(second.publicKeyPem);
  });

  it('answers the raw wire shape of the hosting type', async () => {
    const res = await fetch(`${t.baseUrl(hostingType)}${hostingType === 'cloud' ? '' : '/v1/settings/business'}/whatsapp_business_encryption`, {
      headers: { 'D360-API-KEY': t.apiKey },
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (hostingType === 'cloud') {
      expect(body).toEqual({ data: [{ business_public_key: second.publicKeyPem, business_public_key_signature_status: 'VALID' }] });
    } else {
      expect(body).toMatchObject({ business_public_key: second.publicKeyPem, business_public_key_signature_status: 'VALID', meta: { api_status: 'stable' } });
    }
  });

  it('refuses a key that is 2048 bits long by its size but not an RSA key', async () => {
    // Right DER length, wrong content: only real parsing catches it.
    const fake = `-----BEGIN PUBLIC KEY-----\n${Buffer.alloc(294, 7).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`;
    const error = await t.client(hostingType).encryption.setPublicKey(fake).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).code).toBe(hostingType === 'cloud' ? 131009 : 1009);
    expect((await t.client(hostingType).encryption.getPublicKey())?.businessPublicKey).toBe(second.publicKeyPem);
  });
});

describe('business public key per number', () => {
  it('keeps one key per business number: the key of another number sees its own', async () => {
    const store = t.sandbox.context.store;
    const otherPhone = await ensureBusinessPhone(store, '15550009999', 'cloud');
    const { key } = await createApiKey(store, { name: 'second number', phoneId: otherPhone.id });
    const other = t.client('cloud', key);
    expect(await other.encryption.getPublicKey()).toBeNull();
    await other.encryption.setPublicKey(first.publicKeyPem);
    expect((await other.encryption.getPublicKey())?.businessPublicKey).toBe(first.publicKeyPem);
    expect((await t.client('cloud').encryption.getPublicKey())?.businessPublicKey).toBe(second.publicKeyPem);
  });
});
