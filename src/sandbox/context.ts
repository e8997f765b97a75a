// What every route handler, the webhook dispatcher and the health monitor share: the store, the
// configuration, the event bus, the clock and the logger.
import type { HostingType } from '../api/types.js';
import { ENDPOINT_TIMEOUT_MS } from '../data-channel/status.js';
import type { Store } from '../store/index.js';
import type { SandboxEvents } from './events.js';
import type { SandboxLogger } from './logger.js';

export interface SandboxConfig {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on; 127.0.0.1 unless asked otherwise. */
  readonly host: string;
  /**
   * The hosting type of the sandbox account: used for paths both hosting types share when they
   * are called without a `/cloud` or `/on-premise` prefix, and for webhook envelopes.
   */
  readonly hostingType: HostingType;
  /** Signs webhooks (X-Hub-Signature-256). Never logged. */
  readonly appSecret: string | undefined;
  /** Where webhooks are delivered; empty means none are sent. */
  readonly webhookUrls: readonly string[];
  /** Extra API keys accepted besides those in the store (added to the store, hashed, on start). */
  readonly apiKeys: readonly string[];
  /** PGlite folder (default `.waflow/pglite`); ignored when databaseUrl is set. */
  readonly dataDir: string | undefined;
  /** PostgreSQL URL; wins over dataDir. Never logged. */
  readonly databaseUrl: string | undefined;
  /** Schema for the store (tests give each run its own). */
  readonly schema: string | undefined;
  /** The URL clients and phones reach the sandbox at; defaults to http://host:port once listening. */
  readonly publicBaseUrl: string;
  /** The business number the sandbox account sends from (digits only). */
  readonly businessNumber: string;
  /**
   * The sandbox's 360dialog partner (Partner API paths /partners/{id}/...; 360dialog's partner ids
   * end in "PA"). Every business number of the sandbox is onboarded under it.
   */
  readonly partnerId: string;
  /** The Partner Hub user's email: the `username` of POST /hub/api/v2/token (the password is a partner API key). */
  readonly partnerUser: string;
  /** Milliseconds before a PENDING template turns APPROVED; negative: only by /_sandbox approve. */
  readonly templateApprovalDelayMs: number;
  /**
   * Host names (with or without `:port`) the sandbox answers to besides the address it listens on
   * (127.0.0.1, localhost and [::1] at its port) and the host of publicBaseUrl. Any other Host
   * header is refused, so a DNS-rebinding page cannot talk to the sandbox.
   */
  readonly allowedHosts: readonly string[];
  /** Largest request body read, chunked or not; a larger one gets 413 without being buffered. */
  readonly maxBodyBytes: number;
  /**
   * Milliseconds a client has to send a whole request (headers and body): WhatsApp gives an
   * endpoint 10 s, and a slow body is dropped after this rather than Node's 300 s default.
   */
  readonly requestTimeoutMs: number;
}

/** Everything optional: defaults fill the rest (see resolveConfig). */
export type SandboxConfigInput = Partial<SandboxConfig>;

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BUSINESS_NUMBER = '15550001234';
export const DEFAULT_PARTNER_ID = 'waflowPA';
export const DEFAULT_PARTNER_USER = 'partner@waflow.test';
export const DEFAULT_TEMPLATE_APPROVAL_DELAY_MS = 2000;
/** Flow JSON uploads may be 10 MB; multipart framing and JSON requests fit in 16 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = ENDPOINT_TIMEOUT_MS;

export function resolveConfig(input: SandboxConfigInput = {}): SandboxConfig {
  const port = input.port ?? DEFAULT_PORT;
  const host = input.host ?? DEFAULT_HOST;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer from 0 to 65535; got ${String(port)}`);
  const businessNumber = input.businessNumber ?? DEFAULT_BUSINESS_NUMBER;
  if (!/^\d{6,15}$/.test(businessNumber)) throw new RangeError('businessNumber must be 6 to 15 digits');
  const partnerId = input.partnerId ?? DEFAULT_PARTNER_ID;
  if (!/^[A-Za-z0-9]{1,62}PA$/.test(partnerId)) throw new RangeError('partnerId must be letters and digits ending in "PA" (360dialog partner ids do), at most 64 characters');
  const partnerUser = input.partnerUser ?? DEFAULT_PARTNER_USER;
  if (!/^[^\s@]+@[^\s@]+$/.test(partnerUser)) throw new RangeError('partnerUser must be an email address');
  const maxBodyBytes = input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new RangeError('maxBodyBytes must be a positive integer');
  const requestTimeoutMs = input.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) throw new RangeError('requestTimeoutMs must be a positive integer');
  return {
    port,
    host,
    hostingType: input.hostingType ?? 'cloud',
    appSecret: input.appSecret,
    webhookUrls: input.webhookUrls ?? [],
    apiKeys: input.apiKeys ?? [],
    dataDir: input.dataDir,
    databaseUrl: input.databaseUrl,
    schema: input.schema,
    publicBaseUrl: input.publicBaseUrl ?? '',
    businessNumber,
    partnerId,
    partnerUser,
    templateApprovalDelayMs: input.templateApprovalDelayMs ?? DEFAULT_TEMPLATE_APPROVAL_DELAY_MS,
    allowedHosts: (input.allowedHosts ?? []).map((h) => h.toLowerCase()),
    maxBodyBytes,
    requestTimeoutMs,
  };
}

export interface SandboxContext {
  readonly store: Store;
  readonly config: SandboxConfig;
  readonly events: SandboxEvents;
  readonly clock: () => Date;
  readonly log: SandboxLogger;
  /** Work started by a request that must finish (or be cancelled) before close: timers, deliveries. */
  readonly background: BackgroundTasks;
}

/** Timers and promises owned by the sandbox, cancelled or awaited on close. */
export interface BackgroundTasks {
  /** Runs fn after ms unless the sandbox closes first. */
  later(ms: number, fn: () => Promise<void>): void;
  /** Tracks a promise so close() waits for it. */
  track(promise: Promise<unknown>): void;
  /** Cancels timers and waits for tracked work. */
  drain(): Promise<void>;
}
