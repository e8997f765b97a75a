import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptRequest, encryptResponse, generateKeyPair, loadPrivateKey } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../../endpoint/index.js';
import { captureLogger, serveEndpoint } from '../../endpoint/test-kit.js';
import type { RunningServer } from '../../endpoint/test-kit.js';
import { pingEndpoint } from './diagnose.js';

let keys: { privateKeyPem: string; publicKeyPem: string };
let otherKeys: { privateKeyPem: string; publicKeyPem: string };
const servers: RunningServer[] = [];

async function serve(handler: (req: Request) => Promise<Response>): Promise<string> {
  const server = await serveEndpoint(handler);
  servers.push(server);
  return server.url;
}

/** An endpoint that decrypts for real, then answers whatever `answer` builds from the request's key. */
async function cryptoEndpoint(answer: (aesKey: Uint8Array, iv: Uint8Array) => Promise<Response>): Promise<string> {
  const key = await loadPrivateKey(keys.privateKeyPem);
  return serve(async (req) => {
    const { aesKey, iv } = await decryptRequest(await req.json(), key);
    return answer(aesKey, iv);
  });
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([generateKeyPair(), generateKeyPair()]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('pingEndpoint', () => {
  it('is OK, with its latency, for a real endpoint holding the matching private key', async () => {
    const url = await serve(createFlowEndpoint({ privateKey: keys.privateKeyPem, handlers: {} }));
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: true, kind: 'ok', httpStatus: 200, endpointUri: url });
    expect(d.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says "wrong-key" when the endpoint answers 421 (its private key is not the uploaded public key\'s)', async () => {
    const logger = captureLogger();
    const url = await serve(createFlowEndpoint({ privateKey: otherKeys.privateKeyPem, handlers: {}, logger }));
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: false, kind: 'wrong-key', httpStatus: 421 });
    expect(d.message).toMatch(/public key/);
    // The endpoint logs why it answered 421, and nothing else.
    expect(logger.lines).not.toEqual([]);
    for (const line of logger.lines) expect(line).toMatchObject({ level: 'warn', message: expect.stringContaining('could not decrypt a request') });
  });

  it('says "unreachable" when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/flow`;
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(d.httpStatus).toBeUndefined();
  });

  it('says "unreachable" when the endpoint does not answer before the timeout', async () => {
    const url = await serve(() => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response('late')), 2000)));
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem, timeoutMs: 200 });
    expect(d.kind).toBe('unreachable');
    expect(d.message).toMatch(/timeout/);
  });

  it('says "wrong-status" for another HTTP error, naming it', async () => {
    const url = await serve(async () => new Response('boom', { status: 503 }));
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: false, kind: 'wrong-status', httpStatus: 503 });
    expect(d.message).toContain('503');
  });

  it('says "not-encrypted" when the endpoint answers the ping in plain JSON', async () => {
    const url = await cryptoEndpoint(async () => Response.json({ data: { status: 'active' } }));
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: false, kind: 'not-encrypted', httpStatus: 200 });
    expect(d.message).toMatch(/plain JSON/);
  });

  it('says "decrypt-failed" when the answer is base64 but not sealed with the request\'s key and flipped IV', async () => {
    // Encrypted with the request's key but the IV not flipped: a classic mistake.
    const url = await cryptoEndpoint(async (aesKey, iv) => {
      const flippedTwice = iv.map((b) => ~b & 0xff);
      return new Response(await encryptResponse({ data: { status: 'active' } }, aesKey, flippedTwice));
    });
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: false, kind: 'decrypt-failed', httpStatus: 200 });
  });

  it('says "wrong-payload" when it decrypts but is not { data: { status: "active" } }', async () => {
    const url = await cryptoEndpoint(async (aesKey, iv) => new Response(await encryptResponse({ data: { status: 'ok' } }, aesKey, iv)));
    const d = await pingEndpoint({ endpointUri: url, publicKeyPem: keys.publicKeyPem });
    expect(d).toMatchObject({ ok: false, kind: 'wrong-payload', httpStatus: 200 });
    expect(d.message).toContain('"ok"');
  });

  it('says "not-configured" without an uploaded public key or with a bad URL, sending nothing', async () => {
    expect((await pingEndpoint({ endpointUri: 'http://127.0.0.1:1/', publicKeyPem: undefined })).kind).toBe('not-configured');
    expect((await pingEndpoint({ endpointUri: 'not a url', publicKeyPem: keys.publicKeyPem })).kind).toBe('not-configured');
    expect((await pingEndpoint({ endpointUri: 'ftp://x/', publicKeyPem: keys.publicKeyPem })).kind).toBe('not-configured');
  });

  it('never puts the key into the diagnosis', async () => {
    const d = await pingEndpoint({ endpointUri: 'http://127.0.0.1:1/', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' });
    expect(d.kind).toBe('not-configured');
    expect(JSON.stringify(d)).not.toContain('AAAA');
  });
});
