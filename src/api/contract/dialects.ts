// The four HTTP surfaces waflow speaks, and the three providers a user picks among. What differs per
// surface besides the paths (declared on each operation): the base URL, how a request proves who it
// is, which account ids the paths carry, and the error body. The sandbox serves each surface under
// its own prefix, so a base URL is the only thing to change between `waflow dev` and the platform.
import type { Dialect } from '../types.js';

export type Provider = '360dialog' | '360dialog-partner' | 'meta';

export const PROVIDERS: readonly Provider[] = ['360dialog', '360dialog-partner', 'meta'];

/** Graph API version the `meta` provider calls unless told otherwise (the newest the Flows docs show). */
export const DEFAULT_GRAPH_VERSION = 'v24.0';

/** `v24.0`, `v21.0`: the version segment of a Graph URL. */
export const GRAPH_VERSION_PATTERN = /^v\d{1,3}\.\d{1,2}$/;

export type AuthScheme =
  /** `D360-API-KEY: <key>` (360dialog Messaging API, both hostings). */
  | 'd360-api-key'
  /** `X-API-Key: <partner key>`, or `Authorization: Bearer <token from POST /token>` (Partner API). */
  | 'partner'
  /** `Authorization: Bearer <access token>` (Graph API). */
  | 'bearer';

export interface DialectInfo {
  readonly dialect: Dialect;
  /** How the README and error messages name it. */
  readonly label: string;
  readonly provider: Provider;
  /** The platform's base URL; for `meta` the version is appended: `${baseUrl}/${graphVersion}`. */
  readonly defaultBaseUrl: string;
  /** Where `waflow dev` serves the same surface (after its own URL). */
  readonly sandboxPrefix: string;
  readonly auth: AuthScheme;
  /** Path parameters the client fills from its credentials rather than from a call's arguments. */
  readonly accountParams: readonly string[];
}

export const DIALECT_INFO: Readonly<Record<Dialect, DialectInfo>> = {
  cloud: {
    dialect: 'cloud',
    label: "360dialog Messaging API (Cloud API, waba-v2)",
    provider: '360dialog',
    defaultBaseUrl: 'https://waba-v2.360dialog.io',
    sandboxPrefix: '/cloud',
    auth: 'd360-api-key',
    accountParams: [],
  },
  'on-premise': {
    dialect: 'on-premise',
    label: "360dialog On-Premise API (legacy)",
    provider: '360dialog',
    defaultBaseUrl: 'https://waba.360dialog.io',
    sandboxPrefix: '/on-premise',
    auth: 'd360-api-key',
    accountParams: [],
  },
  partner: {
    dialect: 'partner',
    label: "360dialog Partner API",
    provider: '360dialog-partner',
    defaultBaseUrl: 'https://hub.360dialog.io/api/v2',
    sandboxPrefix: '/hub/api/v2',
    auth: 'partner',
    accountParams: ['partnerId', 'wabaAccountId'],
  },
  meta: {
    dialect: 'meta',
    label: "Meta Graph API (Cloud API)",
    provider: 'meta',
    defaultBaseUrl: 'https://graph.facebook.com',
    sandboxPrefix: '/graph',
    auth: 'bearer',
    accountParams: ['wabaId', 'phoneNumberId'],
  },
};

/** Header names, lower-case as the Fetch API reports them. */
export const D360_API_KEY_HEADER = 'd360-api-key';
export const PARTNER_API_KEY_HEADER = 'x-api-key';
