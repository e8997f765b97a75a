import { createServer, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptResponse, encryptRequest, generateKeyPair, loadPublicKey, signRequestBody } from '../../data-channel/index.js';
import type { BusinessPublicKey } from '../../data-channel/index.js';
import { PlatformClient, captureLogger, listen } from '../test-kit.js';
import type { CapturedLogger, RunningServer } from '../test-kit.js';
import { createFlowRequestListener } from './listener.js';

const SECRET = 'listener-app-secret';
let keys: { privateKeyPem: string; publicKeyPem: string };
let publicKey: BusinessPublicKey;
let server: RunningServer;
let logger: CapturedLogger;

beforeAll(async () => {
  keys = await generateKeyPair();
  publicKey = await loadPublicKey(keys.publicKeyPem);
  logger = captureLogger();
  server = await listen(
    createServer(
      createFlowRequestListener({
        privateKey: keys.privateKeyPem,
        appSecret: SECRET,
        maxBodyBytes: 4096,
        logger,
        handlers: {
          init: (ctx) => ({ screen: 'WELCOME', data: { token: ctx.flowToken } }),
          dataExchange: { PICK: (ctx) => ({ screen: 'DONE', data: { got: String(ctx.data.choice) } }) },
        },
      }),
    ),
  );
});
afterAll(() => server.close());

function post(chunks: Buffer[], headers: Record<string, string>, method = 'POST'): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('createFlowRequestListener', () => {
  it('decrypts, routes and encrypts like the web handler', async () => {
    const client = await PlatformClient.create(server.url, keys.publicKeyPem);
    const exchange = await client.call({ version: '3.0', action: 'data_exchange', screen: 'PICK', flow_token: 'tok-1', data: { choice: 'b' } }, { appSecret: SECRET });
    expect(exchange).toEqual({ status: 200, body: { screen: 'DONE', data: { got: 'b' } } });
    const init = await client.call({ version: '3.0', action: 'INIT', flow_token: 'tok-2' }, { appSecret: SECRET });
    expect(init).toEqual({ status: 200, body: { screen: 'WELCOME', data: { token: 'tok-2' } } });
  });

  it('checks the signature over the exact bytes, even when they arrive in several chunks', async () => {
    const { envelope, aesKey, iv } = await encryptRequest({ version: '3.0', action: 'INIT', flow_token: 'tök-ñ' }, publicKey);
    const raw = Buffer.from(`{ "encrypted_flow_data" : "${envelope.encrypted_flow_data}",\n"encrypted_aes_key":"${envelope.encrypted_aes_key}", "initial_vector":"${envelope.initial_vector}" }`);
    const half = Math.floor(raw.length / 2);
    const ok = await post([raw.subarray(0, half), raw.subarray(half)], { 'x-hub-signature-256': await signRequestBody(raw, SECRET) });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-length']).toBe(String(Buffer.byteLength(ok.text)));
    expect(await decryptResponse(ok.text, aesKey, iv)).toEqual({ screen: 'WELCOME', data: { token: 'tök-ñ' } });
    const tampered = Buffer.from(raw);
    tampered[raw.length - 3] = 0x20;
    const rejected = await post([tampered], { 'x-hub-signature-256': await signRequestBody(raw, SECRET) });
    expect(rejected.status).toBe(432);
  });

  it('answers 405 with Allow to anything but POST', async () => {
    const result = await post([], {}, 'GET');
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe('POST');
    expect(JSON.parse(result.text)).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('answers 413 to an oversized body, declared or chunked, and keeps serving', async () => {
    const big = Array.from({ length: 10 }, () => Buffer.alloc(1024, 0x41));
    expect((await post(big, {})).status).toBe(413);
    expect((await post([Buffer.concat(big)], { 'content-length': String(10 * 1024) })).status).toBe(413);
    const client = await PlatformClient.create(server.url, keys.publicKeyPem);
    expect((await client.call({ version: '3.0', action: 'INIT', flow_token: 'after' }, { appSecret: SECRET })).status).toBe(200);
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest(server.url, { method: 'POST', headers: { 'content-length': '2000' } });
      req.on('error', () => resolve());
      // Waits for the socket to be closed, not for a fixed time.
      req.on('close', () => resolve());
      req.write(Buffer.alloc(500, 0x7b), () => req.destroy());
    });
    const after = await post([Buffer.from('{}')], { 'x-hub-signature-256': await signRequestBody('{}', SECRET) });
    expect(after.status).toBe(400); // served: valid signature, but not an envelope
    expect(logger.text()).not.toContain('PRIVATE KEY');
  });
});
