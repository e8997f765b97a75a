import { describe, expect, it } from 'vitest';
import { readBody } from './read-body.js';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A POST whose body arrives as the given chunks, with no content-length to go by. */
function streamed(chunks: string[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(bytesOf(chunk));
      controller.close();
    },
  });
  return new Request('http://127.0.0.1/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('readBody', () => {
  it('returns a one-chunk body byte for byte', async () => {
    const result = await readBody(new Request('http://127.0.0.1/', { method: 'POST', body: '{"a":"é"}' }), 100);
    expect(result).toEqual({ ok: true, bytes: bytesOf('{"a":"é"}') });
  });

  it('joins a body that arrives in several chunks, in order', async () => {
    const result = await readBody(streamed(['{"en', 'velope"', ':1}']), 100);
    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe('{"envelope":1}');
  });

  it('stops at the limit when the chunks add up past it, whatever content-length says', async () => {
    expect(await readBody(streamed(['12345', '67890', 'x']), 10)).toEqual({ ok: false, reason: 'too-large' });
    expect(await readBody(streamed(['12345', '67890']), 10)).toEqual({ ok: true, bytes: bytesOf('1234567890') });
  });

  it('refuses a declared content-length over the limit without reading', async () => {
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: 'x'.repeat(20), headers: { 'content-length': '20' } });
    expect(await readBody(request, 10)).toEqual({ ok: false, reason: 'too-large' });
    expect(request.bodyUsed).toBe(false);
  });

  it('reads a missing body as empty', async () => {
    expect(await readBody(new Request('http://127.0.0.1/', { method: 'POST' }), 10)).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });
});
