import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptResponse, encryptRequest, generateKeyPair, loadPublicKey, signRequestBody } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../handler.js';
import { nextScreen } from '../results.js';
import { captureLogger, serveEndpoint } from '../test-kit.js';
import type { RunningServer } from '../test-kit.js';

const SECRET = 'node-http-secret';
let keys: { privateKeyPem: string; publicKeyPem: string };
let server: RunningServer;

beforeAll(async () => {
  keys = await generateKeyPair();
  server = await serveEndpoint(
    createFlowEndpoint({
      privateKey: keys.privateKeyPem,
      appSecret: SECRET,
      maxBodyBytes: 4096,
      logger: captureLogger(),
      handlers: { init: (ctx) => nextScreen('WELCOME', { token: ctx.flowToken }) },
    }),
  );
});
afterAll(() => server.close());

/** Sends exact bytes in several chunks without a content-length (chunked encoding). */
function sendChunked(chunks: Buffer[], headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('toNodeHandler', () => {
  it('hands the exact raw bytes to the signature check, even when split across chunks', async () => {
    const { envelope, aesKey, iv } = await encryptRequest({ version: '3.0', action: 'INIT', flow_token: 'tök-ñ' }, await loadPublicKey(keys.publicKeyPem));
    // Odd spacing and a non-ASCII key: re-serialising would change the bytes and break the HMAC.
    const raw = Buffer.from(`{ "encrypted_flow_data" : "${envelope.encrypted_flow_data}",\n"encrypted_aes_key":"${envelope.encrypted_aes_key}", "initial_vector":"${envelope.initial_vector}", "ü": 1 }`);
    const signature = await signRequestBody(raw, SECRET);
    const third = Math.floor(raw.length / 3);
    const result = await sendChunked([raw.subarray(0, third), raw.subarray(third, 2 * third), raw.subarray(2 * third)], {
      'content-type': 'application/json',
      'x-hub-signature-256': signature,
    });
    expect(result.status).toBe(200);
    expect(await decryptResponse(result.text, aesKey, iv)).toEqual({ screen: 'WELCOME', data: { token: 'tök-ñ' } });
  });

  it('answers 413 to an oversized chunked upload and keeps serving', async () => {
    const big = Array.from({ length: 10 }, () => Buffer.alloc(1024, 0x41));
    expect((await sendChunked(big, { 'x-hub-signature-256': 'sha256=00' })).status).toBe(413);
    const ok = await fetch(server.url, { method: 'POST', body: '{}' });
    expect(ok.status).toBe(432);
  });
});
