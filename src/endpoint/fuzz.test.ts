// Fuzzing the handler in process: malformed and tampered bodies get only the contract's
// status codes, never a crash, an unhandled rejection or a secret in a log line.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptRequest, generateKeyPair, loadPublicKey, signRequestBody } from '../data-channel/index.js';
import type { EncryptedRequestEnvelope } from '../data-channel/index.js';
import { createFlowEndpoint } from './handler.js';
import { nextScreen } from './results.js';
import { captureLogger } from './test-kit.js';
import type { CapturedLogger } from './test-kit.js';
import type { FlowEndpoint } from './types.js';

const PASSPHRASE = 'fuzz-passphrase-5b1e';
const APP_SECRET = 'fuzz-app-secret-90aa';
const URL = 'http://127.0.0.1/flow';

let pem: string;
let plain: FlowEndpoint;
let signed: FlowEndpoint;
let logger: CapturedLogger;
let valid: EncryptedRequestEnvelope[];
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  const keys = await generateKeyPair({ passphrase: PASSPHRASE });
  pem = keys.privateKeyPem;
  logger = captureLogger();
  const options = {
    privateKey: pem,
    passphrase: PASSPHRASE,
    logger,
    maxBodyBytes: 16 * 1024,
    flow: { screens: [{ id: 'A', data: { n: { type: 'number' } } }] },
    handlers: { init: () => nextScreen('A', { n: 1 }), dataExchange: () => nextScreen('A', { n: 2 }) },
  };
  plain = createFlowEndpoint(options);
  signed = createFlowEndpoint({ ...options, appSecret: APP_SECRET });
  const publicKey = await loadPublicKey(keys.publicKeyPem);
  valid = await Promise.all(
    [
      { version: '3.0', action: 'ping' },
      { version: '3.0', action: 'INIT', flow_token: 'f' },
      { version: '3.0', action: 'data_exchange', flow_token: 'f', screen: 'A', data: { x: 'y' } },
    ].map(async (body) => (await encryptRequest(body as never, publicKey)).envelope),
  );
});

afterAll(() => {
  process.off('unhandledRejection', onRejection);
});

const post = (endpoint: FlowEndpoint, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> =>
  endpoint(new Request(URL, { method: 'POST', body: body as BodyInit, headers }));

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const field = fc.oneof(fc.string(), fc.base64String({ maxLength: 400 }), jsonValue);
const envelopeLike = fc.record(
  { encrypted_flow_data: field, encrypted_aes_key: field, initial_vector: field },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }),
  jsonValue.map((v) => JSON.stringify(v) ?? 'null'),
  envelopeLike.map((v) => JSON.stringify(v)),
  fc.constant('x'.repeat(20_000)),
);

describe('endpoint fuzz', () => {
  it('answers arbitrary bodies only with 400, 413 or 421', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const response = await post(plain, b);
        expect([400, 413, 421]).toContain(response.status);
        const parsed = (await response.json()) as { error: { code: string } };
        expect(typeof parsed.error.code).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('answers tampered valid envelopes with 421 (or 400 when the tamper breaks the envelope shape)', async () => {
    const tamper = fc.record({
      which: fc.integer({ min: 0, max: 2 }),
      fieldName: fc.constantFrom('encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'),
      position: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
      truncate: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(tamper, async ({ which, fieldName, position, mask, truncate }) => {
        const envelope = { ...(valid[which] as EncryptedRequestEnvelope) };
        const bytes = Buffer.from(envelope[fieldName as keyof EncryptedRequestEnvelope], 'base64');
        const at = position % bytes.length;
        bytes[at] = (bytes[at] as number) ^ mask;
        const changed = truncate ? bytes.subarray(0, at) : bytes;
        envelope[fieldName as keyof EncryptedRequestEnvelope] = changed.toString('base64');
        const response = await post(plain, JSON.stringify(envelope));
        if (changed.length === 0) expect(response.status).toBe(400);
        else expect(response.status).toBe(421);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers 432 to anything not signed with the app secret, signed or not', async () => {
    const header = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }).map((h) => `sha256=${h}`),
      // Signed with another secret (computed here: arbitraries are synchronous).
      fc.string().map((s) => `sha256=${createHmac('sha256', 'some-other-secret').update(s).digest('hex')}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.constantFrom(...valid.map((v) => JSON.stringify(v)))), header, async (b, h) => {
        const headers: Record<string, string> = {};
        if (h !== undefined) headers['x-hub-signature-256'] = h;
        const response = await post(signed, b, headers);
        const status = response.status;
        if (typeof b === 'string' && b.length > 16 * 1024) expect(status).toBe(413);
        else expect(status).toBe(432);
      }),
      { numRuns: 1000 },
    );
    // And correctly signed valid envelopes pass.
    const raw = JSON.stringify(valid[1]);
    expect((await post(signed, raw, { 'x-hub-signature-256': await signRequestBody(raw, APP_SECRET) })).status).toBe(200);
  });

  it('never logged a secret and never left an unhandled rejection', () => {
    const text = logger.text();
    expect(logger.lines.length).toBeGreaterThan(100);
    const pemBody = pem.split('\n').filter((l) => l.length > 40);
    for (const line of pemBody) expect(text).not.toContain(line);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain(APP_SECRET);
    expect(rejections).toEqual([]);
  });
});
