// Whether a root URL is `waflow dev`: its GET /_sandbox answers { "name": "waflow sandbox" }.
// `waflow logs` needs the sandbox (and says why when it is not one); `waflow send --wait` waits
// on it when it is one, else on a webhook receiver.
import type { FetchLike } from '../api/client/options.js';

export type SandboxProbe =
  | { readonly kind: 'sandbox' }
  /** Something answered, but not as `waflow dev` (an error status, not JSON, another name). */
  | { readonly kind: 'other' }
  /** Nothing answered: the network error (refused, timed out, ...). */
  | { readonly kind: 'unreachable'; readonly error: unknown };

const OTHER: SandboxProbe = { kind: 'other' };

export async function probeSandbox(fetcher: FetchLike, root: string, timeoutMs: number): Promise<SandboxProbe> {
  try {
    const res = await fetcher(`${root}/_sandbox`, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return OTHER;
    }
    const about = (await res.json()) as unknown;
    return typeof about === 'object' && about !== null && (about as { name?: unknown }).name === 'waflow sandbox' ? { kind: 'sandbox' } : OTHER;
  } catch (error) {
    return error instanceof SyntaxError ? OTHER : { kind: 'unreachable', error };
  }
}
