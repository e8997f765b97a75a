// Reads a node:http request body straight from the socket's Buffers: the web-stream route
// (Readable.toWeb + Request) costs more CPU than the body is worth on a 1 kB envelope.
import type { IncomingMessage } from 'node:http';
import type { ReadBodyResult } from '../read-body.js';

const DIGITS = /^\d+$/;

export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<ReadBodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && DIGITS.test(declared) && Number(declared) > maxBytes) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (result: ReadBodyResult): void => {
      req.off('data', onData).off('end', onEnd).off('error', onFail).off('close', onFail);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) settle({ ok: false, reason: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
      settle({ ok: true, bytes: new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength) });
    };
    // 'close' before 'end' means the client went away mid-body.
    const onFail = (): void => settle({ ok: false, reason: 'unreadable' });
    req.on('data', onData).on('end', onEnd).on('error', onFail).on('close', onFail);
  });
}
