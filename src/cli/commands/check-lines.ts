// The lines of `waflow check`: each check's verdict (pass, warn, fail, skip), what it found and what
// to do, built from the ping's diagnosis (src/health) and the keys. No I/O here.
import type { HealthDiagnosis } from '../../health/index.js';
import { ENDPOINT_TIMEOUT_MS, STATUS_FLOW_TOKEN_INVALID, STATUS_SIGNATURE_INVALID } from '../../data-channel/index.js';
import type { PublicKeyInfo } from './business-key.js';
import { signatureVerdict } from './registered-key.js';
import type { RegisteredKey } from './registered-key.js';

export type CheckName = 'registered key' | 'private key' | 'ping' | 'latency';
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The diagnosis kinds of the ping (src/health), `slow`, and the key problems. */
export type CheckKind = HealthDiagnosis['kind'] | 'slow' | 'no-key' | 'signature' | 'key-mismatch' | 'skipped';

export interface CheckLine {
  readonly name: CheckName;
  readonly status: CheckStatus;
  readonly kind: CheckKind;
  readonly message: string;
  readonly advice?: string;
}

/** When latency is a problem. WhatsApp gives up after ENDPOINT_TIMEOUT_MS; Meta's latency alerts fire at p90 1 s, 5 s and 7 s. */
export interface LatencyLimits {
  /** The ping's timeout: WhatsApp's limit (10 s). */
  readonly timeoutMs: number;
  /** At or over this, a failure: close to the limit (Meta's highest latency alert, 7 s). */
  readonly slowMs: number;
  /** At or over this, a warning: Meta asks for answers under 1 s. */
  readonly aimMs: number;
}

export const LATENCY_LIMITS: LatencyLimits = { timeoutMs: ENDPOINT_TIMEOUT_MS, slowMs: 7_000, aimMs: 1_000 };

const pass = (name: CheckName, message: string): CheckLine => ({ name, status: 'pass', kind: 'ok', message });
const fail = (name: CheckName, kind: CheckKind, message: string, advice?: string): CheckLine => ({ name, status: 'fail', kind, message, ...(advice === undefined ? {} : { advice }) });
export const skip = (name: CheckName, why: string): CheckLine => ({ name, status: 'skip', kind: 'skipped', message: `not checked: ${why}` });

export interface PingContext {
  /** The key the ping was encrypted with, as shown to people. */
  readonly key: PublicKeyInfo;
  /** ` --env NAME` when an environment was named, for the commands in the advice. */
  readonly envFlag: string;
  readonly appSecretGiven: boolean;
  readonly limits: LatencyLimits;
}

function wrongStatusAdvice(status: number | undefined, ctx: PingContext): string {
  if (status === STATUS_SIGNATURE_INVALID) {
    return ctx.appSecretGiven
      ? 'the endpoint rejected the request signature (X-Hub-Signature-256): the app secret given is not the one it checks; name the right one with --app-secret-env VAR.'
      : 'the endpoint checks the request signature (X-Hub-Signature-256) and this request had none: name the variable holding the app secret with --app-secret-env VAR.';
  }
  if (status === STATUS_FLOW_TOKEN_INVALID) return 'a ping has no flow token: handle action "ping" before checking flow tokens (createFlowEndpoint does).';
  return 'handle action "ping" and answer 200 with the encrypted { "data": { "status": "active" } } (createFlowEndpoint in waflow/endpoint does).';
}

const ADVICE: Partial<Record<HealthDiagnosis['kind'], (d: HealthDiagnosis, ctx: PingContext) => string>> = {
  unreachable: () => 'start the endpoint and check the URL, port and any firewall; WhatsApp calls it from the internet, so in production it must be a public https URL.',
  'wrong-key': (_d, ctx) =>
    `give the endpoint the private key of ${ctx.key.fingerprint}, or register the public key of the endpoint's private key: \`waflow keys upload --private-key FILE${ctx.envFlag}\`. \`waflow check URL --private-key FILE\` tells whether a private key is the pair.`,
  'wrong-status': (d, ctx) => wrongStatusAdvice(d.httpStatus, ctx),
  'not-encrypted': () => 'encrypt every answer: AES-128-GCM with the request\'s AES key and the flipped IV, sent as base64 text (encryptResponse in waflow/data-channel).',
  'decrypt-failed': () => 'encrypt each answer with its own request\'s AES key and the flipped IV (every IV byte XOR 0xFF), the 16-byte tag appended, as base64.',
  'wrong-payload': () => 'answer action "ping" with { "data": { "status": "active" } }.',
};

/** The ping's line: ✓ when the endpoint answered the encrypted ping as WhatsApp expects. */
export function pingLine(d: HealthDiagnosis, ctx: PingContext): CheckLine {
  if (d.ok) return pass('ping', `answered the encrypted ping (HTTP 200, { "status": "active" }) with the key ${ctx.key.fingerprint}`);
  if (d.timedOut === true) {
    return fail('ping', 'slow', `no answer within ${ctx.limits.timeoutMs} ms: WhatsApp gives up after ${ENDPOINT_TIMEOUT_MS / 1000} s and counts a timeout_error`, 'answer the ping at once (it needs no data), and keep every answer well under a second.');
  }
  // The diagnosis names 421 and other error statuses itself; for a 200 that is wrong, say it was a 200.
  const status = d.httpStatus === undefined || d.message.includes(String(d.httpStatus)) ? '' : `HTTP ${d.httpStatus}: `;
  return fail('ping', d.kind, `${status}${d.message}`, ADVICE[d.kind]?.(d, ctx));
}

/** The latency line: from the ping's answer; failed when over or close to the limit. */
export function latencyLine(d: HealthDiagnosis, limits: LatencyLimits): CheckLine {
  const limit = `WhatsApp's limit ${limits.timeoutMs} ms`;
  if (d.timedOut === true) return fail('latency', 'slow', `over ${limits.timeoutMs} ms (no answer before ${limit})`, 'find what holds the answer back (cold start, a slow lookup): the health check must answer within the limit.');
  if (d.httpStatus === undefined || d.latencyMs === undefined) return skip('latency', 'no answer to time');
  const ms = d.latencyMs;
  if (ms >= limits.slowMs) {
    return fail('latency', 'slow', `${ms} ms: close to ${limit}`, `keep answers under ${limits.aimMs} ms; Meta's latency alerts fire at p90 1 s, 5 s and 7 s, and at ${limits.timeoutMs} ms users see an error.`);
  }
  if (ms >= limits.aimMs) return { name: 'latency', status: 'warn', kind: 'slow', message: `${ms} ms (${limit}; Meta asks for under ${limits.aimMs} ms)`, advice: 'Meta alerts when p90 latency passes 1 s: make the endpoint answer faster.' };
  return pass('latency', `${ms} ms (${limit})`);
}

/** A key read from a local file, and the file as shown. */
export interface FileKey {
  readonly key: PublicKeyInfo;
  readonly file: string;
}

/** What the environment told about its key, or why it was not asked. */
export type PlatformView =
  | { readonly read: false; readonly why: string }
  | { readonly read: true; readonly environment: string; readonly provider: string; readonly registered: RegisteredKey | null };

/** The registered key's line: registered, signed, and (with --public-key) the file's key. */
export function registeredKeyLine(platform: PlatformView, file: FileKey | undefined, envFlag: string): CheckLine {
  if (!platform.read) return skip('registered key', platform.why);
  const where = `"${platform.environment}" (${platform.provider})`;
  const { registered } = platform;
  if (registered === null) {
    return fail('registered key', 'no-key', `no business public key is registered on ${where}, so WhatsApp cannot encrypt requests to the endpoint`, `register one: \`waflow keys upload${file === undefined ? '' : ` --public-key ${file.file}`}${envFlag}\`.`);
  }
  if (registered.key === undefined) return fail('registered key', 'no-key', `${where} holds a business public key that cannot be read as an RSA public key`, `register a good one: \`waflow keys upload${envFlag}\`.`);
  const verdict = signatureVerdict(registered.signatureStatus, platform.environment);
  if (!verdict.ok) return fail('registered key', 'signature', `${registered.key.fingerprint} on ${where}: ${verdict.text}`, verdict.advice);
  if (file !== undefined && file.key.sha256 !== registered.key.sha256) {
    return fail(
      'registered key',
      'key-mismatch',
      `${file.file} (${file.key.fingerprint}) is not the key registered on ${where} (${registered.key.fingerprint}); WhatsApp encrypts with the registered one`,
      `register the file's key: \`waflow keys upload --public-key ${file.file}${envFlag}\`, or check without --public-key.`,
    );
  }
  return pass('registered key', `${registered.key.fingerprint} on ${where}, ${verdict.text}`);
}

/** The --private-key line: is the local private key the pair of the key the ping used? */
export function privateKeyLine(privateKey: FileKey, pingKey: { key: PublicKeyInfo; registered: boolean } | undefined, envFlag: string): CheckLine {
  if (pingKey === undefined) return skip('private key', 'no public key to compare it with');
  const which = pingKey.registered ? 'the registered key' : 'the --public-key file';
  if (privateKey.key.sha256 === pingKey.key.sha256) return pass('private key', `${privateKey.file} is the pair of ${which} ${pingKey.key.fingerprint}`);
  return fail(
    'private key',
    'key-mismatch',
    `${privateKey.file} is not the pair of ${which}: its public key is ${privateKey.key.fingerprint}, not ${pingKey.key.fingerprint}; an endpoint holding it cannot decrypt WhatsApp's requests and answers 421`,
    `register its public key (\`waflow keys upload --private-key ${privateKey.file}${envFlag}\`), or give the endpoint the private key of ${pingKey.key.fingerprint}.`,
  );
}
