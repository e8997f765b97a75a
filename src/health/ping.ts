// One encrypted health-check ping to a flow endpoint, as WhatsApp sends it before a flow with an
// endpoint is published and periodically afterwards, turned into a diagnosis a developer can act
// on. Runtime-neutral (fetch and the data channel only): the sandbox's health monitor and
// `waflow check` both use it. Meta, "Implementing Endpoint for Flows", health check request: the request is
// `{ version, action: "ping" }` and the endpoint answers `{ data: { status: "active" } }`,
// encrypted with the request's AES key and the flipped IV, as a base64 body.
import { DataChannelError, decryptResponse, ENDPOINT_TIMEOUT_MS, encryptRequest, loadPublicKey, signRequestBody, STATUS_DECRYPT_FAILED } from '../data-channel/index.js';
import type { DataApiVersion, DataChannelRequest } from '../data-channel/index.js';

export type HealthDiagnosisKind =
  | 'ok'
  /** No HTTP answer at all (connection refused, DNS, TLS, timeout). */
  | 'unreachable'
  /** 421: the endpoint could not decrypt, so it holds a private key that does not match the uploaded public key. */
  | 'wrong-key'
  /** Another non-200 status. */
  | 'wrong-status'
  /** 200, but the body is not base64 text (often plain JSON: the response was not encrypted). */
  | 'not-encrypted'
  /** 200 and base64, but it does not open with the request's AES key and flipped IV. */
  | 'decrypt-failed'
  /** It decrypts, but is not `{ data: { status: "active" } }`. */
  | 'wrong-payload'
  /** The sandbox cannot even build the request (no business public key uploaded, bad URL). */
  | 'not-configured';

export interface HealthDiagnosis {
  ok: boolean;
  kind: HealthDiagnosisKind;
  /** What is wrong and what to do; never contains a key or a secret. */
  message: string;
  endpointUri: string;
  /** HTTP status; absent when no answer arrived. */
  httpStatus?: number;
  latencyMs?: number;
  /** Set on 'unreachable' when the endpoint did not answer before the timeout (it may be up, but slow). */
  timedOut?: boolean;
  checkedAt: string;
}

export interface PingOptions {
  endpointUri: string;
  /** The business public key PEM the platform encrypts with; undefined when none was uploaded. */
  publicKeyPem: string | undefined;
  appSecret?: string;
  version?: DataApiVersion;
  timeoutMs?: number;
  now?: () => Date;
}

const EXCERPT = 120;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isActive(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const data = (value as { data?: unknown }).data;
  return typeof data === 'object' && data !== null && (data as { status?: unknown }).status === 'active';
}

/** Sends one encrypted ping and explains the answer. Never throws for a bad endpoint. */
export async function pingEndpoint(options: PingOptions): Promise<HealthDiagnosis> {
  const now = options.now ?? (() => new Date());
  const base = { endpointUri: options.endpointUri, checkedAt: now().toISOString() };
  const fail = (kind: HealthDiagnosisKind, message: string, extra: Partial<HealthDiagnosis> = {}): HealthDiagnosis => ({ ok: false, kind, message, ...base, ...extra });

  let url: URL;
  try {
    url = new URL(options.endpointUri);
  } catch {
    return fail('not-configured', `the endpoint URI "${options.endpointUri}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('not-configured', `the endpoint URI must be http or https, got "${url.protocol}"`);
  if (options.publicKeyPem === undefined) {
    return fail('not-configured', 'no business public key was uploaded for this number; set it (whatsapp_business_encryption) before publishing a flow with an endpoint');
  }
  let encrypted: Awaited<ReturnType<typeof encryptRequest>>;
  try {
    const key = await loadPublicKey(options.publicKeyPem);
    const ping = { version: options.version ?? '3.0', action: 'ping' } as DataChannelRequest;
    encrypted = await encryptRequest(ping, key);
  } catch (error) {
    const why = error instanceof DataChannelError ? error.message : 'it could not be loaded';
    return fail('not-configured', `the uploaded business public key cannot encrypt a request: ${why}`);
  }
  const body = JSON.stringify(encrypted.envelope);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.appSecret !== undefined) headers['x-hub-signature-256'] = await signRequestBody(body, options.appSecret);

  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? ENDPOINT_TIMEOUT_MS) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? 'no answer before the timeout' : error instanceof Error && error.cause instanceof Error ? error.cause.message : 'the connection failed';
    return fail('unreachable', `the endpoint could not be reached (${reason}); is it running and reachable at ${options.endpointUri}?`, { latencyMs, ...(timedOut ? { timedOut } : {}) });
  }
  const latencyMs = Math.round(performance.now() - started);
  const answered = { httpStatus: status, latencyMs };
  if (status === STATUS_DECRYPT_FAILED) {
    return fail('wrong-key', 'the endpoint answered 421: it could not decrypt the request, so its private key does not match the business public key uploaded to WhatsApp; upload the public key of the pair the endpoint uses', answered);
  }
  if (status !== 200) {
    return fail('wrong-status', `the endpoint answered HTTP ${status} to a health check; it must answer 200 with the encrypted { "data": { "status": "active" } }`, answered);
  }
  const trimmed = text.trim();
  if (trimmed === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    const hint = looksLikeJson(trimmed) ? 'it looks like plain JSON: encrypt the response with the request\'s AES key and the flipped IV and send it as base64 text' : 'the response must be the base64 text of the AES-GCM encrypted body';
    return fail('not-encrypted', `the endpoint's answer is not base64 (${JSON.stringify(excerpt(trimmed))}); ${hint}`, answered);
  }
  let decrypted: unknown;
  try {
    decrypted = await decryptResponse(trimmed, encrypted.aesKey, encrypted.iv);
  } catch (error) {
    const why = error instanceof DataChannelError ? error.message : 'it could not be decrypted';
    return fail('decrypt-failed', `the endpoint's answer does not decrypt with this request's AES key and flipped IV (${why}); encrypt each response with the key and IV of its own request`, answered);
  }
  if (!isActive(decrypted)) {
    return fail('wrong-payload', `the endpoint answered ${excerpt(JSON.stringify(decrypted) ?? 'nothing')} to a health check; it must answer { "data": { "status": "active" } }`, answered);
  }
  return { ok: true, kind: 'ok', message: `the endpoint answered the health check in ${latencyMs} ms`, ...base, ...answered };
}
