// The claim flow end to end, everything over HTTP on 127.0.0.1: a sandbox (PGlite) with the
// business's webhook configured; the claim server (endpoint at /, webhook at /webhook); the
// production client publishes flow.json; a simulated phone picks a photo and a receipt, which it
// encrypts and puts on the sandbox CDN; the endpoint decrypts and checks each (and rejects a file
// that is no photo, under the file); the completion's webhook carries both files as Cloud API media,
// which the webhook downloads through the media API: every byte as picked. A blob altered on the
// CDN fails the SDK's checks with the right FlowMediaError.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/api/index.js';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { FlowMediaError, decryptFlowMedia, decryptFlowMediaBytes } from '../../src/endpoint/index.js';
import type { FlowMediaItem } from '../../src/endpoint/index.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../../src/sandbox/api-test-kit.js';
import type { ApiTestSandbox } from '../../src/sandbox/api-test-kit.js';
import { freePort, tempDir } from '../../src/sandbox/phone/test-kit.js';
import { startServer } from './server.js';
import type { RunningClaimServer } from './server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const APP_SECRET = 'claim-app-secret';
const WA_ID = '4915130000042';
const FLOW_JSON = readFileSync(new URL('./flow.json', import.meta.url), 'utf8');

/** Bytes the test picks: a JPEG (its signature, then noise), a PDF, and a "photo" that is text. */
const PHOTO = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 40_000 }, (_, i) => (i * 131 + (i >> 7)) % 256), 0xff, 0xd9]);
const RECEIPT = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const NOT_A_PHOTO = new TextEncoder().encode('this is a shopping list, not a photo');

let t: ApiTestSandbox;
let api: ApiClient;
let claims: RunningClaimServer;
let flowId: string;
const dir = tempDir('waflow-claim-');

beforeAll(async () => {
  const keys = await generateKeyPair();
  const port = await freePort();
  t = await startApiSandbox('pglite', { appSecret: APP_SECRET, webhookUrls: [`http://127.0.0.1:${port}/webhook`] });
  const keyPath = join(dir.path, 'private.pem');
  writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
  claims = await startServer({ port, host: '127.0.0.1', privateKeyPath: keyPath, passphrase: undefined, appSecret: APP_SECRET, d360ApiKey: t.apiKey, d360BaseUrl: t.baseUrl('cloud') });
  api = t.client('cloud');
  await api.encryption.setPublicKey(keys.publicKeyPem);
  flowId = (await api.flows.create({ name: 'claim', categories: ['OTHER'], endpointUri: claims.url })).id;
  const upload = await api.flows.uploadJson(flowId, FLOW_JSON);
  expect(upload.validationErrors ?? []).toEqual([]);
  await api.flows.publish(flowId);
  await call('POST', '/_sandbox/phones', { wa_id: WA_ID, name: 'Cleo' });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
  await new Promise<void>((resolve) => {
    if (claims === undefined) return resolve();
    claims.server.closeAllConnections();
    claims.server.close(() => resolve());
  });
  dir.remove();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${t.sandbox.url}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Json };
}

async function act(session: string, action: string, body: unknown = {}): Promise<Json> {
  const res = await call('POST', `/_sandbox/sessions/${session}/${action}`, body);
  if (res.status !== 200) throw new Error(`${action} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`);
  return res.body;
}

const file = (name: string, bytes: Uint8Array, type?: string) => ({ file_name: name, ...(type === undefined ? {} : { mime_type: type }), data_base64: Buffer.from(bytes).toString('base64') });
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** Sends the claim flow (it opens with a data_exchange) and opens it on the phone. */
async function startClaim(flowToken: string): Promise<{ session: string; view: Json }> {
  const sent = await api.messages.sendFlow({ to: WA_ID, body: 'File your claim', flowId, flowCta: 'Start claim', flowToken, flowAction: 'data_exchange' });
  const opened = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(sent.messages[0]?.id ?? '')}/open`);
  expect(opened.status).toBe(201);
  expect(opened.body.session.screen.id).toBe('DAMAGE');
  return { session: opened.body.session_id as string, view: opened.body.session as Json };
}

describe('the claim flow', () => {
  it('checks each picked file at the endpoint, rejects a bad one under it, and delivers both files to the webhook byte for byte', { timeout: 120_000 }, async () => {
    const { session } = await startClaim('claim-1');

    // A "photo" that is not one passes the phone (its type says image/jpeg) but not the endpoint.
    const bad = await act(session, 'pick', { name: 'photo', files: [file('damage.jpg', NOT_A_PHOTO, 'image/jpeg')] });
    const badId = (bad.media as FlowMediaItem[])[0]?.media_id;
    const refused = await act(session, 'submit');
    expect(refused.session.screen.id).toBe('DAMAGE');
    expect(refused.session.media.photo.files).toEqual([{ media_id: badId, file_name: 'damage.jpg', mime_type: 'image/jpeg', file_size: NOT_A_PHOTO.length, error: 'This is not a JPEG or PNG photo. Please pick another one.' }]);

    // The user replaces it; the endpoint takes the photo, then the receipt.
    await act(session, 'pick', { name: 'photo', replace: true, files: [file('damage.jpg', PHOTO)] });
    const receiptScreen = await act(session, 'submit');
    expect(receiptScreen.session.screen.id).toBe('RECEIPT');
    await act(session, 'pick', { name: 'receipt', files: [file('receipt.pdf', RECEIPT)] });
    const review = await act(session, 'submit');
    expect(review.session.screen.id).toBe('REVIEW');
    const claimId = review.session.screen.data.claim_id as string;
    expect(claimId).toMatch(/^CLM-\d+$/);

    // What the endpoint decrypted is what the phone picked.
    const claim = claims.desk.claim('claim-1');
    expect(claim?.id).toBe(claimId);
    expect(same(claim?.photo.bytes ?? new Uint8Array(), PHOTO)).toBe(true);
    expect(same(claim?.receipt.bytes ?? new Uint8Array(), RECEIPT)).toBe(true);
    expect(claim?.receipt.mimeType).toBe('application/pdf');

    const done = await act(session, 'submit');
    expect(done.session.status).toBe('completed');
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');
    const media = (fileName: string, mimeType: string, bytes: Uint8Array) => [{ file_name: fileName, mime_type: mimeType, sha256: sha256(bytes), id: expect.stringMatching(/^\d+$/) }];
    const reply = done.session.completion.response_json;
    expect(reply).toEqual({ flow_token: 'claim-1', claim_id: claimId, photo: media('damage.jpg', 'image/jpeg', PHOTO), receipt: media('receipt.pdf', 'application/pdf', RECEIPT) });

    // The webhook got the nfm_reply and downloaded both files through the media API.
    const attached = await claims.desk.attached('claim-1');
    expect(attached.map((f) => [f.field, f.fileName, f.mimeType, f.id])).toEqual([
      ['photo', 'damage.jpg', 'image/jpeg', reply.photo[0].id],
      ['receipt', 'receipt.pdf', 'application/pdf', reply.receipt[0].id],
    ]);
    expect(same(attached[0]?.bytes ?? new Uint8Array(), PHOTO)).toBe(true);
    expect(same(attached[1]?.bytes ?? new Uint8Array(), RECEIPT)).toBe(true);
  });

  it('a blob altered on the CDN fails the SDK checks: encrypted_hash, then hmac for a copy whose hash was forged to match', { timeout: 120_000 }, async () => {
    const { session } = await startClaim('claim-2');
    const picked = await act(session, 'pick', { name: 'photo', files: [file('damage.jpg', PHOTO)] });
    const item = (picked.media as FlowMediaItem[])[0] as FlowMediaItem;
    expect(same((await decryptFlowMedia(item)).bytes, PHOTO)).toBe(true);

    // Flip one byte of the stored ciphertext.
    await t.sandbox.context.store.query(`UPDATE sandbox_media SET data = overlay(data placing '\\x00'::bytea from 100 for 1) WHERE id = $1`, [item.media_id]);
    const altered = (await decryptFlowMedia(item).catch((e: unknown) => e)) as FlowMediaError;
    expect(altered).toBeInstanceOf(FlowMediaError);
    expect(altered.check).toBe('encrypted_hash');
    expect(altered.mediaId).toBe(item.media_id);

    // A copy served with its encrypted_hash made to match gets past the first check, not the HMAC.
    const blob = new Uint8Array(await (await fetch(item.cdn_url)).arrayBuffer());
    const forged = { ...item.encryption_metadata, encrypted_hash: createHash('sha256').update(blob).digest('base64') };
    const hmac = (await decryptFlowMediaBytes(blob, forged, { mediaId: item.media_id }).catch((e: unknown) => e)) as FlowMediaError;
    expect(hmac).toBeInstanceOf(FlowMediaError);
    expect(hmac.check).toBe('hmac');

    // The endpoint meets the same blob and says so under the file; the flow stays on the screen.
    const refused = await act(session, 'submit');
    expect(refused.session.screen.id).toBe('DAMAGE');
    expect(refused.session.media.photo.files[0].error).toBe('This file arrived damaged. Please pick it again.');
    expect(claims.desk.claim('claim-2')).toBeUndefined();
  });
});
