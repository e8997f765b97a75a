// How each request proves who it is. 360dialog's Messaging API: D360-API-KEY. Partner API: X-API-Key,
// or a bearer token (given, or fetched once from POST /token with a user's email and password, then
// cached and fetched again once after a 401 or when it expires). Graph: a bearer access token. Each
// request carries exactly one credential, the one of the surface it goes to.
import type { Dialect } from '../types.js';
import { D360_API_KEY_HEADER, PARTNER_API_KEY_HEADER } from '../contract/dialects.js';
import { ApiClientError } from '../errors.js';
import type { ResolvedOptions } from './options.js';
import { untilAborted } from './retry.js';

export interface FetchedToken {
  readonly accessToken: string;
  /** Seconds, when the token answer says. */
  readonly expiresIn?: number | undefined;
}

/** A refetch this long before the stated expiry, so a token does not die in flight. */
const EXPIRY_MARGIN_MS = 60_000;

export interface Authenticator {
  /** The headers for a request to `dialect`; the token (when one is used) is returned to report a 401 against it. */
  headers(dialect: Dialect, signal: AbortSignal | undefined, label: string): Promise<{ headers: Record<string, string>; token?: string }>;
  /** True when a 401 from `dialect` may be cured by fetching a new token. */
  canRefresh(dialect: Dialect): boolean;
  /** Forget `token` (if it is still the cached one), so the next request fetches another. */
  invalidate(token: string | undefined): void;
  /** Every credential in use, the fetched token included. */
  secrets(): readonly string[];
}

export function createAuthenticator(resolved: ResolvedOptions, fetchToken: (username: string, password: string) => Promise<FetchedToken>, now: () => number = Date.now): Authenticator {
  let cached: Entry | undefined;
  /** Every token fetched so far: an old one may still be echoed in an error. */
  const fetched = new Set<string>();

  function partnerToken(signal: AbortSignal | undefined, label: string): Promise<string> {
    const signIn = resolved.partner;
    if (signIn?.kind !== 'password') throw new Error('partnerToken needs username and password credentials.');
    if (cached === undefined || now() >= cached.expiresAt) {
      // One fetch shared by every call waiting for it; it runs without any one caller's signal, so
      // one caller giving up does not fail the others, and each stops waiting on its own signal.
      const entry: Entry = { expiresAt: Number.POSITIVE_INFINITY, token: undefined, promise: Promise.resolve('') };
      entry.promise = fetchToken(signIn.username, signIn.password).then(
        (answer) => {
          fetched.add(answer.accessToken);
          entry.token = answer.accessToken;
          if (answer.expiresIn !== undefined && answer.expiresIn > 0) entry.expiresAt = now() + Math.max(0, answer.expiresIn * 1000 - EXPIRY_MARGIN_MS);
          return answer.accessToken;
        },
        (error: unknown) => {
          if (cached === entry) cached = undefined; // the next call tries again
          throw error;
        },
      );
      entry.promise.catch(() => undefined);
      cached = entry;
    }
    return untilAborted(cached.promise, signal, label);
  }

  return {
    async headers(dialect, signal, label): Promise<{ headers: Record<string, string>; token?: string }> {
      switch (dialect) {
        case 'cloud':
        case 'on-premise':
          return { headers: { [D360_API_KEY_HEADER]: required(resolved.d360ApiKey) } };
        case 'meta':
          return { headers: { Authorization: `Bearer ${required(resolved.accessToken)}` } };
        case 'partner': {
          const signIn = resolved.partner;
          if (signIn === undefined) throw new ApiClientError('INVALID_OPTIONS', `${label}: no Partner API credentials.`);
          if (signIn.kind === 'api-key') return { headers: { [PARTNER_API_KEY_HEADER]: signIn.apiKey } };
          if (signIn.kind === 'token') return { headers: { Authorization: `Bearer ${signIn.token}` } };
          const token = await partnerToken(signal, label);
          return { headers: { Authorization: `Bearer ${token}` }, token };
        }
      }
    },
    canRefresh: (dialect) => dialect === 'partner' && resolved.partner?.kind === 'password',
    invalidate(token) {
      // Only the token that failed is dropped: a concurrent call may already be fetching a new one.
      if (token !== undefined && cached?.token === token) cached = undefined;
    },
    secrets: () => (fetched.size === 0 ? resolved.secrets : [...resolved.secrets, ...fetched]),
  };
}

interface Entry {
  promise: Promise<string>;
  token: string | undefined;
  expiresAt: number;
}

function required(value: string | undefined): string {
  if (value === undefined) throw new Error('A credential the options check guarantees is missing.');
  return value;
}
