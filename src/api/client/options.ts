// What createClient accepts, and what it makes of it: the provider (given, or inferred from the
// credentials), which dialect serves each area of the API, the base URL and account ids of each
// dialect, the credentials, and every secret to scrub from error messages. Options are checked here
// once, with messages that never echo a credential.
import type { Dialect, HostingType } from '../types.js';
import { HOSTING_TYPES } from '../types.js';
import type { Provider } from '../contract/dialects.js';
import { DEFAULT_GRAPH_VERSION, DIALECT_INFO, GRAPH_VERSION_PATTERN, PROVIDERS } from '../contract/dialects.js';
import { ApiClientError } from '../errors.js';
import type { ClientWarning } from './warnings.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** How calls travel, and where the client's warnings go, for every provider. */
export interface TransportOptions {
  /**
   * Receives the client's warnings (the On-Premise sunset when an On-Premise client is created),
   * each time. Default: Node's process.emitWarning, once per process (quiet when NODE_ENV is
   * "test"; `--no-warnings` silences it), else console.warn. `() => {}` silences them.
   */
  onWarning?: (warning: ClientWarning) => void;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** How long one HTTP attempt may take, answer body included, in ms; default 30000. */
  timeoutMs?: number;
  /** Further attempts for idempotent calls (GET, DELETE) after a 408/429/5xx or a network error; default 2. */
  retries?: number;
}

/** A 360dialog Partner API account: the partner, one of its WABA accounts, and one way to sign in. */
export interface PartnerCredentials {
  /** The partner id (it ends in `PA`). */
  partnerId: string;
  /** 360dialog's id of the WABA account (not Meta's WABA id). */
  wabaAccountId: string;
  /** The partner API key, sent as X-API-Key (360dialog's recommended way). */
  apiKey?: string;
  /** A Partner Hub user's email, exchanged with `password` for a bearer token (POST /token). */
  username?: string;
  password?: string;
  /** A bearer token obtained elsewhere. */
  token?: string;
  /** Defaults to https://hub.360dialog.io/api/v2. */
  baseUrl?: string;
}

/** 360dialog's Messaging API (a number's D360-API-KEY); flows through the Partner API when `partner` is given. */
export interface D360ClientOptions extends TransportOptions {
  provider?: '360dialog';
  /** The number's D360-API-KEY. */
  apiKey: string;
  /** Default `cloud`. */
  hostingType?: HostingType;
  /** Defaults to 360dialog's base URL for the hosting type. */
  baseUrl?: string;
  /** Partner API credentials, for flow management (waba-v2 documents none). */
  partner?: PartnerCredentials;
  accessToken?: never;
  partnerId?: never;
}

/** 360dialog's Partner API alone: flow management only. */
export interface PartnerClientOptions extends TransportOptions, PartnerCredentials {
  provider?: '360dialog-partner';
  accessToken?: never;
}

/** Meta's Graph API: messages, templates, flows and the public key, with a bearer access token. */
export interface MetaClientOptions extends TransportOptions {
  provider?: 'meta';
  /** A system-user (or temporary app) access token. */
  accessToken: string;
  /** Meta's WhatsApp Business Account id. */
  wabaId: string;
  /** The phone number id messages are sent from and the public key belongs to. */
  phoneNumberId: string;
  /** Default DEFAULT_GRAPH_VERSION (`v24.0`). */
  graphVersion?: string;
  /** Default https://graph.facebook.com; the client appends `/{graphVersion}`. */
  baseUrl?: string;
  apiKey?: never;
  partnerId?: never;
}

export type ClientOptions = D360ClientOptions | PartnerClientOptions | MetaClientOptions;

/** The parts of the API a client method belongs to. */
export type Area = 'messages' | 'templates' | 'flows' | 'encryption' | 'auth';

/** Which dialect serves each area; undefined where the provider has none. */
export interface ClientDialects {
  readonly messages: Dialect | undefined;
  readonly templates: Dialect | undefined;
  readonly flows: Dialect | undefined;
  readonly encryption: Dialect | undefined;
}

export type PartnerSignIn =
  | { readonly kind: 'api-key'; readonly apiKey: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'password'; readonly username: string; readonly password: string };

export interface ResolvedOptions {
  readonly provider: Provider;
  readonly hostingType: HostingType;
  /** The base URL of the provider's main surface (messaging for 360dialog, the versioned Graph URL for meta). */
  readonly baseUrl: string;
  readonly dialects: ClientDialects;
  readonly baseUrls: Readonly<Partial<Record<Dialect, string>>>;
  /** Path parameters filled from the credentials, per dialect. */
  readonly accountParams: Readonly<Partial<Record<Dialect, Readonly<Record<string, string>>>>>;
  readonly d360ApiKey: string | undefined;
  readonly partner: PartnerSignIn | undefined;
  readonly accessToken: string | undefined;
  /** Every credential given, for redaction. */
  readonly secrets: readonly string[];
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly retries: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 2;
/** setTimeout's own limit; a longer timeout would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;
const MAX_RETRIES = 10;

function fail(message: string): never {
  throw new ApiClientError('INVALID_OPTIONS', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The provider an options object asks for: given, or inferred from its credentials. */
export function inferProvider(options: Record<string, unknown>): Provider {
  const given = options.provider;
  if (given !== undefined) {
    if (!PROVIDERS.includes(given as Provider)) fail(`provider must be one of ${PROVIDERS.map((p) => `"${p}"`).join(', ')}; got ${JSON.stringify(String(given))}.`);
    return given as Provider;
  }
  if (options.accessToken !== undefined) return 'meta';
  if (options.partnerId !== undefined) return '360dialog-partner';
  return '360dialog';
}

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (!isRecord(options)) fail('createClient needs an options object.');
  const o = options as unknown as Record<string, unknown>;
  const provider = inferProvider(o);
  const transport = checkTransport(o);
  const secrets: string[] = [];
  const secret = (value: string): string => {
    secrets.push(value);
    return value;
  };

  if (provider === '360dialog') {
    foreign(o, provider, ['accessToken', 'wabaId', 'phoneNumberId', 'graphVersion', 'partnerId', 'wabaAccountId', 'username', 'password', 'token']);
    const apiKey = secret(headerValue(o.apiKey, 'apiKey', 'apiKey is required: the D360-API-KEY of the number.'));
    const hostingType = (o.hostingType ?? 'cloud') as HostingType;
    if (!HOSTING_TYPES.includes(hostingType)) fail(`hostingType must be "cloud" or "on-premise"; got ${JSON.stringify(String(o.hostingType))}.`);
    const baseUrl = checkBaseUrl(o.baseUrl, 'baseUrl') ?? DIALECT_INFO[hostingType].defaultBaseUrl;
    const partner = o.partner === undefined ? undefined : checkPartner(o.partner, 'partner.', secret);
    return {
      provider,
      hostingType,
      baseUrl,
      dialects: { messages: hostingType, templates: hostingType, encryption: hostingType, flows: partner === undefined ? undefined : 'partner' },
      baseUrls: { [hostingType]: baseUrl, ...(partner === undefined ? {} : { partner: partner.baseUrl }) },
      accountParams: partner === undefined ? {} : { partner: partner.params },
      d360ApiKey: apiKey,
      partner: partner?.signIn,
      accessToken: undefined,
      secrets,
      ...transport,
    };
  }

  if (provider === '360dialog-partner') {
    foreign(o, provider, ['accessToken', 'wabaId', 'phoneNumberId', 'graphVersion', 'partner']);
    cloudOnly(o, provider);
    const partner = checkPartner(o, '', secret);
    return {
      provider,
      hostingType: 'cloud',
      baseUrl: partner.baseUrl,
      dialects: { messages: undefined, templates: undefined, encryption: undefined, flows: 'partner' },
      baseUrls: { partner: partner.baseUrl },
      accountParams: { partner: partner.params },
      d360ApiKey: undefined,
      partner: partner.signIn,
      accessToken: undefined,
      secrets,
      ...transport,
    };
  }

  foreign(o, provider, ['apiKey', 'partner', 'partnerId', 'wabaAccountId', 'username', 'password', 'token']);
  cloudOnly(o, provider);
  const accessToken = secret(headerValue(o.accessToken, 'accessToken', 'accessToken is required: a Graph API access token (a system-user token with whatsapp_business_management and whatsapp_business_messaging).'));
  const wabaId = accountId(o.wabaId, 'wabaId', "wabaId is required: Meta's WhatsApp Business Account id.");
  const phoneNumberId = accountId(o.phoneNumberId, 'phoneNumberId', 'phoneNumberId is required: the id of the phone number that sends messages.');
  const graphVersion = o.graphVersion ?? DEFAULT_GRAPH_VERSION;
  if (typeof graphVersion !== 'string' || !GRAPH_VERSION_PATTERN.test(graphVersion)) {
    fail(`graphVersion must look like "${DEFAULT_GRAPH_VERSION}"; got ${JSON.stringify(String(graphVersion))}.`);
  }
  const root = checkBaseUrl(o.baseUrl, 'baseUrl') ?? DIALECT_INFO.meta.defaultBaseUrl;
  const last = root.split('/').at(-1) ?? '';
  if (GRAPH_VERSION_PATTERN.test(last)) fail(`baseUrl must not end with a Graph version ("${last}"): the client appends graphVersion; pass graphVersion: "${last}" instead.`);
  const baseUrl = `${root}/${graphVersion}`;
  return {
    provider,
    hostingType: 'cloud',
    baseUrl,
    dialects: { messages: 'meta', templates: 'meta', encryption: 'meta', flows: 'meta' },
    baseUrls: { meta: baseUrl },
    accountParams: { meta: { wabaId, phoneNumberId } },
    d360ApiKey: undefined,
    partner: undefined,
    accessToken,
    secrets,
    ...transport,
  };
}

function checkTransport(o: Record<string, unknown>): Pick<ResolvedOptions, 'fetch' | 'timeoutMs' | 'retries'> {
  if (o.fetch !== undefined && typeof o.fetch !== 'function') fail('fetch must be a function with the signature of the global fetch.');
  if (o.onWarning !== undefined && typeof o.onWarning !== 'function') fail('onWarning must be a function taking { code, message } (() => {} silences warnings).');
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    fail(`timeoutMs must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}; got ${JSON.stringify(String(o.timeoutMs))}.`);
  }
  const retries = o.retries ?? DEFAULT_RETRIES;
  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    fail(`retries must be a whole number from 0 to ${MAX_RETRIES}; got ${JSON.stringify(String(o.retries))}.`);
  }
  const given = o.fetch as FetchLike | undefined;
  return { fetch: given ?? ((input, init) => fetch(input, init)), timeoutMs, retries };
}

/** A credential that travels in a header: a non-empty string of visible ASCII. Never echoed. */
function headerValue(value: unknown, name: string, missingMessage: string): string {
  if (typeof value !== 'string' || value === '') fail(missingMessage);
  // Checked without echoing the value: a header value must be visible ASCII.
  if (!/^[\x21-\x7e]+$/.test(value)) fail(`${name} holds characters an HTTP header cannot carry (spaces, line breaks or non-ASCII).`);
  return value;
}

function accountId(value: unknown, name: string, missingMessage: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(missingMessage);
  if (!/^[A-Za-z0-9_.-]+$/.test(value)) fail(`${name} may hold only letters, digits, ".", "_" and "-".`);
  return value;
}

function checkBaseUrl(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) fail(`${name} must be an http(s) URL.`);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    fail(`${name} must not carry credentials, a query or a fragment.`);
  }
  return (value as string).replace(/\/+$/, '');
}

function checkPartner(value: unknown, prefix: string, secret: (v: string) => string): { baseUrl: string; params: Record<string, string>; signIn: PartnerSignIn } {
  if (!isRecord(value)) fail(`${prefix === '' ? 'The options' : 'partner'} must be an object with partnerId, wabaAccountId and a way to sign in.`);
  const partnerId = accountId(value.partnerId, `${prefix}partnerId`, `${prefix}partnerId is required: the 360dialog partner id (it ends in PA).`);
  const wabaAccountId = accountId(value.wabaAccountId, `${prefix}wabaAccountId`, `${prefix}wabaAccountId is required: 360dialog's id of the WABA account (not Meta's WABA id).`);
  const baseUrl = checkBaseUrl(value.baseUrl, `${prefix}baseUrl`) ?? DIALECT_INFO.partner.defaultBaseUrl;
  const ways = (['apiKey', 'token', 'username'] as const).filter((k) => value[k] !== undefined);
  if (value.password !== undefined && !ways.includes('username')) fail(`${prefix}password needs ${prefix}username (the Partner Hub user's email).`);
  if (ways.length === 0) fail(`Give one way to sign in to the Partner API: ${prefix}apiKey (X-API-Key), ${prefix}token (a bearer token), or ${prefix}username and ${prefix}password.`);
  if (ways.length > 1) fail(`Give only one way to sign in to the Partner API; got ${ways.map((k) => prefix + k).join(' and ')}.`);
  let signIn: PartnerSignIn;
  if (ways[0] === 'apiKey') {
    signIn = { kind: 'api-key', apiKey: secret(headerValue(value.apiKey, `${prefix}apiKey`, `${prefix}apiKey must be the partner API key.`)) };
  } else if (ways[0] === 'token') {
    signIn = { kind: 'token', token: secret(headerValue(value.token, `${prefix}token`, `${prefix}token must be a bearer token.`)) };
  } else {
    const username = value.username;
    const password = value.password;
    if (typeof username !== 'string' || username === '') fail(`${prefix}username must be the Partner Hub user's email.`);
    if (typeof password !== 'string' || password === '') fail(`${prefix}password is required with ${prefix}username.`);
    signIn = { kind: 'password', username, password: secret(password) };
  }
  return { baseUrl, params: { partnerId, wabaAccountId }, signIn };
}

/** Options that belong to another provider are a mistake worth naming (a key in the wrong place). */
function foreign(o: Record<string, unknown>, provider: Provider, keys: readonly string[]): void {
  const found = keys.filter((k) => o[k] !== undefined);
  if (found.length === 0) return;
  const where = provider === '360dialog' && found.some((k) => ['partnerId', 'wabaAccountId', 'username', 'password', 'token'].includes(k)) ? ' (Partner API credentials go in partner: { ... })' : '';
  fail(`${found.join(', ')} ${found.length === 1 ? 'is' : 'are'} not an option of provider "${provider}"${where}.`);
}

function cloudOnly(o: Record<string, unknown>, provider: Provider): void {
  if (o.hostingType !== undefined && o.hostingType !== 'cloud') {
    fail(`hostingType ${JSON.stringify(String(o.hostingType))} is a provider "360dialog" option; provider "${provider}" speaks the Cloud API.`);
  }
}
