// decryptFlowMedia against a real HTTP server on 127.0.0.1, and ctx.decryptMedia through a real
// endpoint: the client encrypts a request carrying picker items, the handler decrypts them.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../data-channel/index.js';
import { createFlowEndpoint } from '../endpoint/handler.js';
import { nextScreen } from '../endpoint/results.js';
import { PlatformClient, captureLogger, serveEndpoint } from '../endpoint/test-kit.js';
import { listen } from '../testing/listen.js';
import type { RunningServer } from '../testing/listen.js';
import { decryptFlowMedia } from './decrypt.js';
import { encryptFlowMedia } from './encrypt.js';
import { FlowMediaError } from './errors.js';
import { mediaErrors } from './media-errors.js';
import type { FetchLike, FlowMediaItem } from './types.js';
import { readFlowMedia } from './validate.js';

const PNG = new Uint8Array(Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(3000)]));
const PDF = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500)]));
// Signed CDN URLs carry tokens in the query: they must not reach error messages.
const QUERY_SECRET = 'oh=SiGnAtUrE-5e3b&oe=674A';

const files = new Map<string, Uint8Array>();
const requests: string[] = [];
let cdn: RunningServer;

beforeAll(async () => {
  cdn = await listen(
    createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push(url.pathname);
      const [, route, name] = url.pathname.split('/');
      const body = files.get(name ?? '');
      if (route === 'hang') return; // never answers: for abort and timeout
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (route === 'chunked') {
        // No content-length: the size cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let offset = 0; offset < body.length; offset += 4096) res.write(body.subarray(offset, offset + 4096));
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    }),
  );
});
afterAll(() => cdn.close());

async function upload(name: string, plain: Uint8Array, fileName: string): Promise<FlowMediaItem> {
  const sealed = await encryptFlowMedia(plain, { fileName });
  files.set(name, sealed.cdnFile);
  return { media_id: `m-${name}`, cdn_url: `${cdn.url}files/${name}?${QUERY_SECRET}`, file_name: fileName, encryption_metadata: sealed.encryptionMetadata };
}

async function refusal(run: () => Promise<unknown>): Promise<FlowMediaError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FlowMediaError);
  const refused = error as FlowMediaError;
  expect(refused.message).not.toContain('SiGnAtUrE');
  return refused;
}

describe('decryptFlowMedia over HTTP', () => {
  it('downloads, verifies and decrypts, naming the type from the bytes', async () => {
    const item = await upload('photo', PNG, 'IMG_0001');
    const media = await decryptFlowMedia(item);
    expect(Buffer.from(media.bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(media).toMatchObject({ mediaId: 'm-photo', fileName: 'IMG_0001', mimeType: 'image/png' });
    expect(media.sha256).toBe(createHash('sha256').update(PNG).digest('base64'));
  });

  it('a 404 fails the download check with the status, the file and the URL without its query', async () => {
    const item = { ...(await upload('gone', PDF, 'receipt.pdf')), cdn_url: `${cdn.url}files/missing?${QUERY_SECRET}` };
    const error = await refusal(() => decryptFlowMedia(item, { path: 'documents[0]' }));
    expect(error.check).toBe('download');
    expect(error.status).toBe(404);
    expect(error.message).toBe(`download check failed for media m-gone (receipt.pdf) at documents[0]: ${cdn.url}files/missing answered HTTP 404 Not Found`);
  });

  it('a file altered on the CDN fails encrypted_hash', async () => {
    const item = await upload('altered', PDF, 'receipt.pdf');
    const altered = files.get('altered')!.slice();
    altered[0]! ^= 0xff;
    files.set('altered', altered);
    expect((await refusal(() => decryptFlowMedia(item))).check).toBe('encrypted_hash');
  });

  it('stops a download that outgrows maxBytes, with or without content-length', async () => {
    const item = await upload('big', new Uint8Array(randomBytes(100_000)), 'big.bin');
    for (const route of ['files', 'chunked']) {
      const error = await refusal(() => decryptFlowMedia({ ...item, cdn_url: `${cdn.url}${route}/big` }, { maxBytes: 50_000 }));
      expect(error.check, route).toBe('download');
      expect(error.message, route).toMatch(/more than the 50026 bytes allowed/);
    }
    // At the limit it passes: the cap allows for padding and MAC.
    const media = await decryptFlowMedia({ ...item, cdn_url: `${cdn.url}chunked/big` }, { maxBytes: 100_000 });
    expect(media.bytes.length).toBe(100_000);
    expect((await refusal(() => decryptFlowMedia({ ...item, cdn_url: `${cdn.url}files/big` }, { maxBytes: 99_999 }))).check).toBe('download');
  });

  it('an aborted or timed-out download fails the download check', async () => {
    const item = { ...(await upload('slow', PDF, 'slow.pdf')), cdn_url: `${cdn.url}hang/slow?${QUERY_SECRET}` };
    const controller = new AbortController();
    const pending = refusal(() => decryptFlowMedia(item, { signal: controller.signal }));
    controller.abort();
    const aborted = await pending;
    expect([aborted.check, aborted.message]).toEqual(['download', `download check failed for media m-slow (slow.pdf) at media: the download from ${cdn.url}hang/slow was aborted`]);
    const timedOut = await refusal(() => decryptFlowMedia(item, { signal: AbortSignal.timeout(50) }));
    expect(timedOut.message).toContain('timed out');
  });

  it('a refused connection fails the download check', async () => {
    const closed = await listen(createServer());
    const url = closed.url;
    await closed.close();
    const item = { ...(await upload('nowhere', PDF, 'x.pdf')), cdn_url: `${url}files/nowhere` };
    const error = await refusal(() => decryptFlowMedia(item));
    expect(error.check).toBe('download');
    expect(error.message).toContain(`could not fetch ${url}files/nowhere`);
  });

  it('uses an injected fetch', async () => {
    const item = await upload('injected', PDF, 'doc.pdf');
    const seen: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      seen.push(url);
      return new Response(files.get('injected')! as Uint8Array<ArrayBuffer>);
    };
    const before = requests.length;
    const media = await decryptFlowMedia({ ...item, cdn_url: 'https://mmg.whatsapp.net/v/t62/abc?x=1' }, { fetch: fetchFn });
    expect(media.mimeType).toBe('application/pdf');
    expect(seen).toEqual(['https://mmg.whatsapp.net/v/t62/abc?x=1']);
    expect(requests.length).toBe(before);
  });

  it('errors name the payload path readFlowMedia read the item from', async () => {
    const good = await upload('first', PNG, 'a.png');
    const bad = { ...(await upload('second', PNG, 'b.png')), cdn_url: `${cdn.url}files/absent` };
    const [, second] = readFlowMedia([good, bad], 'photos');
    const error = await refusal(() => decryptFlowMedia(second));
    expect(error.path).toBe('photos[1]');
    expect(error.message).toContain('media m-second (b.png) at photos[1]');
  });
});

describe('ctx.decryptMedia in an endpoint handler', () => {
  let keys: { privateKeyPem: string; publicKeyPem: string };
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    keys = await generateKeyPair();
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  /** The handler decrypts every photo and rejects the unreadable ones per media id. */
  async function start(fetchFn?: FetchLike) {
    const logger = captureLogger();
    const endpoint = createFlowEndpoint({
      privateKey: keys.privateKeyPem,
      logger,
      ...(fetchFn === undefined ? {} : { fetch: fetchFn }),
      handlers: {
        dataExchange: async (ctx) => {
          const photos = readFlowMedia(ctx.data.photos, 'photos');
          const results = await Promise.allSettled(photos.map((item) => ctx.decryptMedia(item)));
          const accepted = results.flatMap((r) => (r.status === 'fulfilled' ? [{ name: r.value.fileName, type: r.value.mimeType, sha256: r.value.sha256 }] : []));
          const errors = mediaErrors(results.map((r, i) => [photos[i]!, r.status === 'rejected' ? `Could not read this photo (${(r.reason as FlowMediaError).check})` : undefined] as const));
          return nextScreen('UPLOAD', { accepted, photo_errors: errors });
        },
      },
    });
    const server = await serveEndpoint(endpoint);
    servers.push(server);
    return { client: await PlatformClient.create(server.url, keys.publicKeyPem), logger };
  }

  it('decrypts the good files and answers a per-file error for a tampered one', async () => {
    const good = await upload('ctx-good', PNG, 'front.png');
    const tampered = await upload('ctx-bad', PDF, 'back.pdf');
    const { client, logger } = await start();
    const badMetadata = { ...tampered.encryption_metadata, plaintext_hash: createHash('sha256').update('other').digest('base64') };
    const result = await client.call({
      version: '3.0',
      action: 'data_exchange',
      screen: 'UPLOAD',
      flow_token: 'tok-media',
      data: { photos: [good, { ...tampered, encryption_metadata: badMetadata }] },
    });
    expect(result).toEqual({
      status: 200,
      body: {
        screen: 'UPLOAD',
        data: {
          accepted: [{ name: 'front.png', type: 'image/png', sha256: createHash('sha256').update(PNG).digest('base64') }],
          photo_errors: { 'm-ctx-bad': 'Could not read this photo (plaintext_hash)' },
        },
      },
    });
    expect(logger.text()).toBe('');
  });

  it("downloads with the endpoint's fetch option", async () => {
    const item = await upload('ctx-fetch', PDF, 'doc.pdf');
    const seen: string[] = [];
    const signals: (AbortSignal | undefined)[] = [];
    const { client } = await start(async (url, init) => {
      seen.push(url);
      signals.push(init.signal);
      return new Response(files.get('ctx-fetch')! as Uint8Array<ArrayBuffer>);
    });
    const cdnUrl = 'https://mmg.whatsapp.net/v/t62/ctx?oh=1';
    const result = await client.call({ version: '3.0', action: 'data_exchange', screen: 'UPLOAD', flow_token: 'tok-fetch', data: { photos: [{ ...item, cdn_url: cdnUrl }] } });
    expect(result.status).toBe(200);
    expect((result.body as { data: { accepted: unknown[] } }).data.accepted).toHaveLength(1);
    expect(seen).toEqual([cdnUrl]);
    // Bounded by the client's 10 s request window.
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[0]!.aborted).toBe(false);
  });
});
