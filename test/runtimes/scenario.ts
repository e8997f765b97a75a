// What every runtime's endpoint must do, driven the way WhatsApp drives it: requests encrypted,
// signed and decrypted with waflow's own platform-side functions, over real HTTP.
import { expect } from 'vitest';
import { decryptResponse, encryptRequest, loadPublicKey, signFlowToken, signRequestBody } from '../../src/data-channel/index.js';
import type { BusinessPublicKey, DataChannelRequest } from '../../src/data-channel/index.js';

export interface ScenarioContext {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  publicKeyPem: string;
  /** A key pair the endpoint does not have: its requests must get 421. */
  otherPublicKeyPem: string;
  appSecret: string;
}

interface CallOptions {
  path?: string;
  publicKey: BusinessPublicKey;
  /** Overrides the correct X-Hub-Signature-256; null sends none. */
  signature?: string | null;
}

interface CallResult {
  status: number;
  body: unknown;
}

async function call(ctx: ScenarioContext, request: DataChannelRequest, options: CallOptions): Promise<CallResult> {
  const { envelope, aesKey, iv } = await encryptRequest(request, options.publicKey);
  const raw = JSON.stringify(envelope);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? await signRequestBody(raw, ctx.appSecret) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const response = await fetch(`${ctx.baseUrl}${options.path ?? '/'}`, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, body: JSON.parse(text) as unknown };
  return { status: 200, body: await decryptResponse(text, aesKey, iv) };
}

export interface ScenarioStep {
  name: string;
  run(ctx: ScenarioContext, keys: { own: BusinessPublicKey; other: BusinessPublicKey }): Promise<void>;
}

const TOKEN = 'flow-token-ü-1';

export const SCENARIO: ScenarioStep[] = [
  {
    name: 'ping → status active',
    async run(ctx, keys) {
      expect(await call(ctx, { version: '3.0', action: 'ping' }, { publicKey: keys.own })).toEqual({ status: 200, body: { data: { status: 'active' } } });
    },
  },
  {
    name: 'INIT → the first screen',
    async run(ctx, keys) {
      const result = await call(ctx, { version: '3.0', action: 'INIT', flow_token: TOKEN }, { publicKey: keys.own });
      expect(result).toEqual({ status: 200, body: { screen: 'WELCOME', data: { greeting: 'hello' } } });
    },
  },
  {
    name: 'data_exchange → the next screen, then completion',
    async run(ctx, keys) {
      const next = await call(ctx, { version: '3.0', action: 'data_exchange', flow_token: TOKEN, screen: 'WELCOME', data: { name: 'Ana Ñúñez' } }, { publicKey: keys.own });
      expect(next).toEqual({ status: 200, body: { screen: 'CONFIRM', data: { name: 'Ana Ñúñez' } } });
      const done = await call(ctx, { version: '3.0', action: 'data_exchange', flow_token: TOKEN, screen: 'CONFIRM', data: { name: 'Ana Ñúñez' } }, { publicKey: keys.own });
      expect(done).toEqual({ status: 200, body: { screen: 'SUCCESS', data: { extension_message_response: { params: { name: 'Ana Ñúñez', flow_token: TOKEN } } } } });
    },
  },
  {
    name: 'Data API 4.0: a signed flow token passes, a forged one gets 432',
    async run(ctx, keys) {
      const good = await signFlowToken({ flowToken: TOKEN, appSecret: ctx.appSecret });
      const forged = await signFlowToken({ flowToken: TOKEN, appSecret: `${ctx.appSecret}-not` });
      expect((await call(ctx, { version: '4.0', action: 'INIT', flow_token: TOKEN, flow_token_signature: good }, { publicKey: keys.own })).status).toBe(200);
      const refused = await call(ctx, { version: '4.0', action: 'INIT', flow_token: TOKEN, flow_token_signature: forged }, { publicKey: keys.own });
      expect(refused).toMatchObject({ status: 432, body: { error: { code: 'FLOW_TOKEN_SIGNATURE_BAD_SIGNATURE' } } });
    },
  },
  {
    name: 'a request encrypted for another public key → 421',
    async run(ctx, keys) {
      const result = await call(ctx, { version: '3.0', action: 'INIT', flow_token: TOKEN }, { publicKey: keys.other });
      expect(result).toMatchObject({ status: 421, body: { error: { code: 'DECRYPT_FAILED' } } });
    },
  },
  {
    name: 'a bad or missing X-Hub-Signature-256 → 432',
    async run(ctx, keys) {
      for (const signature of [`sha256=${'ab'.repeat(32)}`, await signRequestBody('another body', ctx.appSecret), null]) {
        const result = await call(ctx, { version: '3.0', action: 'ping' }, { publicKey: keys.own, signature });
        expect(result).toMatchObject({ status: 432, body: { error: { code: 'SIGNATURE_INVALID' } } });
      }
    },
  },
  {
    name: 'the same key as PKCS#8 serves too',
    async run(ctx, keys) {
      const result = await call(ctx, { version: '3.0', action: 'INIT', flow_token: TOKEN }, { path: '/pkcs8', publicKey: keys.own });
      expect(result).toEqual({ status: 200, body: { screen: 'WELCOME', data: { greeting: 'hello' } } });
    },
  },
];

export async function scenarioKeys(ctx: ScenarioContext): Promise<{ own: BusinessPublicKey; other: BusinessPublicKey }> {
  return { own: await loadPublicKey(ctx.publicKeyPem), other: await loadPublicKey(ctx.otherPublicKeyPem) };
}
