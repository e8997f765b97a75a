// client.media against a recorded platform: where each provider fetches the bytes (Graph: the URL
// as given, with the bearer token; 360dialog: the same path and query on waba-v2, with
// D360-API-KEY), and the checks on what comes back.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import { ApiClientError, ApiError } from '../errors.js';

const FILE = new TextEncoder().encode('%PDF-1.4 a receipt');
const LOOKASIDE = 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1037543291543636&ext=1764072300&hash=ATsig';

interface Seen {
  url: string;
  headers: Headers;
}

/** A platform that answers GET /{media-id} with `info` and the lookaside URL with `bytes`. */
function platform(info: Record<string, unknown>, bytes: Uint8Array = FILE, status = 200) {
  const seen: Seen[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    seen.push({ url, headers: new Headers(init.headers) });
    if (url.includes('whatsapp_business/attachments')) {
      return status === 200 ? new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': 'application/pdf' } }) : new Response(JSON.stringify({ error: { message: 'Expired', code: 100 } }), { status, headers: { 'content-type': 'application/json' } });
    }
    return new Response(JSON.stringify(info), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { seen, fetch };
}

const info = (extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  url: LOOKASIDE,
  mime_type: 'application/pdf',
  sha256: createHash('sha256').update(FILE).digest('hex'),
  file_size: String(FILE.length), // Graph's example writes it as a string
  id: '1037543291543636',
  ...extra,
});

describe('client.media', () => {
  it('on Graph: GET /{version}/{media-id}, then the lookaside URL as it is, with the bearer token', async () => {
    const p = platform(info());
    const client = createClient({ accessToken: 'EAAG-secret', wabaId: '1', phoneNumberId: '2', fetch: p.fetch, retries: 0 });
    expect(await client.media.get('1037543291543636')).toEqual({ url: LOOKASIDE, mimeType: 'application/pdf', sha256: info().sha256, fileSize: FILE.length, id: '1037543291543636', messagingProduct: 'whatsapp' });
    const file = await client.media.download('1037543291543636');
    expect(Buffer.from(file.bytes).equals(Buffer.from(FILE))).toBe(true);
    expect(p.seen.map((s) => s.url)).toEqual(['https://graph.facebook.com/v24.0/1037543291543636', 'https://graph.facebook.com/v24.0/1037543291543636', LOOKASIDE]);
    expect(p.seen[2]?.headers.get('authorization')).toBe('Bearer EAAG-secret');
  });

  it("on 360dialog waba-v2: the URL's path and query on waba-v2, with D360-API-KEY (base64 sha256 too)", async () => {
    const p = platform(info({ sha256: createHash('sha256').update(FILE).digest('base64'), file_size: FILE.length }));
    const client = createClient({ apiKey: 'd360-secret', fetch: p.fetch, retries: 0 });
    await client.media.download('1037543291543636');
    expect(p.seen.map((s) => s.url)).toEqual(['https://waba-v2.360dialog.io/1037543291543636', 'https://waba-v2.360dialog.io/whatsapp_business/attachments/?mid=1037543291543636&ext=1764072300&hash=ATsig']);
    expect(p.seen[1]?.headers.get('d360-api-key')).toBe('d360-secret');
    expect(p.seen[1]?.headers.get('authorization')).toBeNull();
  });

  it('refuses a download that is not the file media.get described, or larger than maxBytes', async () => {
    const altered = platform(info(), new TextEncoder().encode('%PDF-1.4 a forgery'));
    const client = createClient({ apiKey: 'k', fetch: altered.fetch, retries: 0 });
    await expect(client.media.download('1037543291543636')).rejects.toThrow('media.download: media 1037543291543636 does not match the sha256 media.get gave (incomplete or altered download).');
    const short = createClient({ apiKey: 'k', fetch: platform(info({ file_size: 99 })).fetch, retries: 0 });
    await expect(short.media.download('1037543291543636')).rejects.toThrow(`media.download: media 1037543291543636 downloaded ${FILE.length} bytes; media.get said 99.`);
    const capped = await client.media.download('1037543291543636', { maxBytes: 4 }).catch((e: unknown) => e);
    expect(capped).toBeInstanceOf(ApiClientError);
    expect((capped as ApiClientError).message).toBe('media.download: the media is larger than maxBytes (4 bytes).');
  });

  it('reports a refused download as the platform error, without the key or the URL signature', async () => {
    const p = platform(info(), FILE, 404);
    const client = createClient({ apiKey: 'd360-secret', fetch: p.fetch, retries: 0 });
    const error = await client.media.download('1037543291543636').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).operation).toBe('media.download');
    const network = createClient({
      apiKey: 'd360-secret',
      retries: 0,
      fetch: async (url) => (url.includes('attachments') ? Promise.reject(new TypeError('fetch failed')) : new Response(JSON.stringify(info()), { status: 200 })),
    });
    const failed = (await network.media.download('1037543291543636').catch((e: unknown) => e)) as ApiClientError;
    expect(failed.code).toBe('NETWORK');
    expect(failed.message).toBe('media.download: the request to https://waba-v2.360dialog.io/whatsapp_business/attachments/ failed: fetch failed');
    await expect(client.media.get('../messages')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
