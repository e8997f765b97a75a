// Test support for the endpoint's own suites and the examples: a real HTTP server on
// 127.0.0.1 and a platform-side client that encrypts requests the way WhatsApp does.
import { createServer } from 'node:http';
import { decryptResponse, encryptRequest, loadPublicKey, signRequestBody } from '../data-channel/index.js';
import type { BusinessPublicKey, DataChannelRequest } from '../data-channel/index.js';
import { listen } from '../testing/listen.js';
import type { RunningServer } from '../testing/listen.js';
import { toNodeHandler } from './adapters/node-http.js';
import type { EndpointLogger, FlowEndpoint } from './types.js';

export { listen } from '../testing/listen.js';
export type { RunningServer } from '../testing/listen.js';

export function serveEndpoint(endpoint: FlowEndpoint): Promise<RunningServer> {
  return listen(createServer(toNodeHandler(endpoint)));
}

export interface CallOptions {
  /** Sign the body with this app secret (X-Hub-Signature-256). */
  appSecret?: string;
  /** Send this header value instead of a correct signature. */
  signature?: string;
}

export interface CallResult {
  status: number;
  /** Decrypted response for 200, parsed JSON error otherwise. */
  body: unknown;
}

/** The platform side: encrypts `request` for `publicKey`, POSTs it, decrypts the answer. */
export class PlatformClient {
  private constructor(
    readonly url: string,
    private readonly publicKey: BusinessPublicKey,
  ) {}

  static async create(url: string, publicKeyPem: string): Promise<PlatformClient> {
    return new PlatformClient(url, await loadPublicKey(publicKeyPem));
  }

  async call(request: DataChannelRequest, options: CallOptions = {}): Promise<CallResult> {
    const { envelope, aesKey, iv } = await encryptRequest(request, this.publicKey);
    const raw = JSON.stringify(envelope);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.signature !== undefined) headers['x-hub-signature-256'] = options.signature;
    else if (options.appSecret !== undefined) headers['x-hub-signature-256'] = await signRequestBody(raw, options.appSecret);
    const response = await fetch(this.url, { method: 'POST', headers, body: raw });
    const text = await response.text();
    if (response.status !== 200) return { status: response.status, body: JSON.parse(text) as unknown };
    return { status: 200, body: await decryptResponse(text, aesKey, iv) };
  }
}

export interface CapturedLogger extends EndpointLogger {
  lines: { level: string; message: string; meta: string }[];
  text(): string;
}

/** A logger that keeps every line (meta serialised) so tests can search it for secrets. */
export function captureLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  const push =
    (level: string) =>
    (message: string, meta?: Record<string, unknown>): void => {
      lines.push({ level, message, meta: meta === undefined ? '' : JSON.stringify(meta) });
    };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    text: () => lines.map((l) => `${l.level} ${l.message} ${l.meta}`).join('\n'),
  };
}
