// Reads a response body with a size cap, so a wrong URL or a hostile server cannot fill memory:
// refused up front on a larger Content-Length, and while streaming once the bytes pass the cap.
import { concatBytes } from '../data-channel/bytes.js';

/** The body's bytes; throws `tooBig(declared)` (declared: the Content-Length, when it was the reason). */
export async function readCappedBody(response: Response, cap: number, tooBig: (declared: number | undefined) => Error): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    throw tooBig(declared);
  }
  if (response.body === null) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooBig(undefined);
    }
    chunks.push(value);
  }
  // concatBytes allocates a fresh ArrayBuffer.
  return concatBytes(...chunks) as Uint8Array<ArrayBuffer>;
}
