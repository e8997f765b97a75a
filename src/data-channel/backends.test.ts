// The two crypto backends against each other: whatever one encrypts, signs or wraps, the other
// opens and verifies, in both directions. A WhatsApp client on one runtime and an endpoint on
// another must agree byte for byte.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS } from './backend-test-kit.js';
import { isNodeRuntime } from './crypto-backend.js';
import type { CryptoBackendName } from './crypto-backend.js';
import {
  activeCryptoBackend,
  decryptRequest,
  decryptResponse,
  encryptRequest,
  encryptResponse,
  generateKeyPair,
  loadPrivateKey,
  loadPublicKey,
  signFlowToken,
  signRequestBody,
  useCryptoBackend,
  verifyFlowTokenSignature,
  verifyRequestSignature,
} from './index.js';
import type { BusinessPrivateKey, BusinessPublicKey, DataChannelRequest } from './index.js';

const SECRET = 'cross-backend-app-secret';
const REQUEST: DataChannelRequest = { version: '4.0', action: 'data_exchange', screen: 'S', flow_token: 'tök-ñ', data: { note: 'Grüße ✓' } };

const keys = {} as Record<CryptoBackendName, { privateKey: BusinessPrivateKey; publicKey: BusinessPublicKey }>;

beforeAll(async () => {
  const { privateKeyPem, publicKeyPem } = await generateKeyPair();
  for (const backend of BACKENDS) {
    useCryptoBackend(backend);
    keys[backend] = { privateKey: await loadPrivateKey(privateKeyPem), publicKey: await loadPublicKey(publicKeyPem) };
  }
  useCryptoBackend('auto');
});

afterEach(() => {
  vi.unstubAllGlobals();
  useCryptoBackend('auto');
});

const pairs = BACKENDS.flatMap((from) => BACKENDS.filter((to) => to !== from).map((to) => [from, to] as const));

describe.each(pairs)('%s → %s', (from, to) => {
  it('the request one encrypts, the other decrypts; and the response back', async () => {
    const { envelope, aesKey, iv } = await encryptRequest(REQUEST, keys[from].publicKey);
    const decrypted = await decryptRequest(envelope, keys[to].privateKey);
    expect(decrypted.body).toEqual(REQUEST);
    useCryptoBackend(to);
    const response = await encryptResponse({ screen: 'NEXT', data: { ok: 'ü' } }, decrypted.aesKey, decrypted.iv);
    useCryptoBackend(from);
    expect(await decryptResponse(response, aesKey, iv)).toEqual({ screen: 'NEXT', data: { ok: 'ü' } });
  });

  it('the X-Hub-Signature-256 one computes, the other verifies (and both agree on a wrong one)', async () => {
    useCryptoBackend(from);
    const header = await signRequestBody(JSON.stringify(REQUEST), SECRET);
    useCryptoBackend(to);
    expect(await signRequestBody(JSON.stringify(REQUEST), SECRET)).toBe(header);
    expect(await verifyRequestSignature(new TextEncoder().encode(JSON.stringify(REQUEST)), header, SECRET)).toBe(true);
    expect(await verifyRequestSignature(JSON.stringify(REQUEST), header, 'other-secret')).toBe(false);
  });

  it('the flow token signature one signs, the other verifies', async () => {
    useCryptoBackend(from);
    const signature = await signFlowToken({ flowToken: 'tök-ñ', appSecret: SECRET, issuedAt: 1_790_000_000 });
    useCryptoBackend(to);
    expect(await signFlowToken({ flowToken: 'tök-ñ', appSecret: SECRET, issuedAt: 1_790_000_000 })).toBe(signature);
    expect(await verifyFlowTokenSignature({ flowToken: 'tök-ñ', signature, appSecret: SECRET, now: 1_790_000_000 })).toMatchObject({ valid: true });
  });
});

describe('backend selection', () => {
  it('uses node:crypto on Node by default, and either one when asked', async () => {
    expect(isNodeRuntime()).toBe(true);
    expect(await activeCryptoBackend()).toBe('node');
    useCryptoBackend('web');
    expect(await activeCryptoBackend()).toBe('web');
    useCryptoBackend('node');
    expect(await activeCryptoBackend()).toBe('node');
  });

  it.each([
    ['Bun', { Bun: { version: '1.4.5' } }],
    ['Deno', { Deno: { version: { deno: '2.9.6' } } }],
    ['workerd with nodejs_compat', { navigator: { userAgent: 'Cloudflare-Workers' } }],
  ])('uses WebCrypto on %s, although it emulates process.versions.node', async (_name, globals) => {
    for (const [key, value] of Object.entries(globals)) vi.stubGlobal(key, value);
    useCryptoBackend('auto');
    expect(isNodeRuntime()).toBe(false);
    expect(await activeCryptoBackend()).toBe('web');
  });

  it('generateKeyPair says it needs Node.js elsewhere, instead of failing obscurely', async () => {
    vi.stubGlobal('Deno', {});
    await expect(generateKeyPair()).rejects.toMatchObject({ code: 'UNSUPPORTED_RUNTIME', message: expect.stringContaining('openssl genrsa') });
  });

  it('keys keep the backend that loaded them after a switch', async () => {
    useCryptoBackend('web');
    const { envelope } = await encryptRequest(REQUEST, keys.node.publicKey);
    expect((await decryptRequest(envelope, keys.node.privateKey)).body).toEqual(REQUEST);
  });
});
