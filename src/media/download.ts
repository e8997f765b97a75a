// Fetches a CDN file with a size cap, so a wrong URL or a hostile server cannot fill memory.
import { FlowMediaError } from './errors.js';
import { readCappedBody } from './read-capped.js';
import type { FetchLike, FlowMediaLabel } from './types.js';

/** Origin and path only: CDN URLs carry signed query parameters that must not reach logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function abortText(signal: AbortSignal, where: string): string {
  const reason = signal.reason as { name?: unknown } | undefined;
  return reason?.name === 'TimeoutError' ? `the download from ${where} timed out` : `the download from ${where} was aborted`;
}

export async function download(url: string, cap: number, fetchFn: FetchLike, signal: AbortSignal | undefined, label: FlowMediaLabel): Promise<Uint8Array> {
  const where = safeUrl(url);
  const fail = (detail: string, options?: { cause?: unknown; status?: number }): FlowMediaError => new FlowMediaError('download', label, detail, options);

  let response: Response;
  try {
    response = await fetchFn(url, { redirect: 'follow', ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    throw fail(signal?.aborted === true ? abortText(signal, where) : `could not fetch ${where}: ${messageOf(error)}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`${where} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, { status: response.status });
  }
  try {
    return await readCappedBody(response, cap, (declared) =>
      fail(declared === undefined ? `${where} sent more than the ${cap} bytes allowed (maxBytes plus padding and MAC)` : `${where} sends ${declared} bytes, more than the ${cap} bytes allowed (maxBytes plus padding and MAC)`),
    );
  } catch (error) {
    if (error instanceof FlowMediaError) throw error;
    throw fail(signal?.aborted === true ? abortText(signal, where) : `reading ${where} failed: ${messageOf(error)}`, { cause: error });
  }
}
