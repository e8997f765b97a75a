// How `waflow send --wait` hears the answer of the message it sent:
//   - the sandbox (`waflow dev`, recognised by probeSandbox in ../sandbox-probe.ts): long-polls
//     GET /_sandbox/completions/:flowToken?message_id=... until a simulated phone completes the
//     flow; nothing to set up;
//   - any other platform: a webhook receiver on this machine (the webhooks SDK's handler, with
//     waitForCompletion), started before the message is sent. The platform must deliver the
//     number's webhooks to it, through a tunnel (the platform cannot reach 127.0.0.1).
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchLike } from '../../api/client/options.js';
import { EXIT_FAILED, EXIT_USAGE } from '../command.js';
import { createWebhookHandler, FlowCompletionTimeoutError, toNodeWebhookHandler } from '../../webhooks/index.js';
import type { CompletionWebhookHandler } from '../../webhooks/index.js';
import { VerbError } from '../verb.js';

/** The user's answer, however it was heard. */
export interface Answer {
  /** The user's WhatsApp id. */
  readonly from: string;
  /** The nfm_reply message's id, when known. */
  readonly replyMessageId: string | undefined;
  /** response_json: flow_token and the flow's answers. */
  readonly response: Record<string, unknown>;
}

/** Thrown when the deadline passes; send.ts turns it into the exit-1 message with what to do. */
export class WaitTimeout extends Error {
  constructor() {
    super('timed out');
    this.name = 'WaitTimeout';
  }
}

// Below the HTTP client's own header timeout, and the sandbox's cap (MAX_WAIT_MS there).
const POLL_MS = 25_000;

interface SandboxCompletion {
  response_json?: unknown;
  wa_id?: string;
  reply_message_id?: string | null;
}

/** Long-polls the sandbox until the phone completes the flow of `messageId`, the deadline or `signal`. */
export async function waitInSandbox(fetcher: FetchLike, root: string, flowToken: string, messageId: string, deadline: number, signal: AbortSignal): Promise<Answer> {
  for (;;) {
    const left = Math.floor(deadline - performance.now());
    if (left <= 0) throw new WaitTimeout();
    const wait = Math.min(left, POLL_MS);
    const url = `${root}/_sandbox/completions/${encodeURIComponent(flowToken)}?wait=${wait}&message_id=${encodeURIComponent(messageId)}`;
    let res: Response;
    try {
      res = await fetcher(url, { method: 'GET', signal: AbortSignal.any([signal, AbortSignal.timeout(wait + 15_000)]) });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const reason = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
      throw new VerbError(EXIT_FAILED, 'network', `lost the sandbox at ${root} while waiting (${reason}).`, { advice: 'check that `waflow dev` is still running; the message was sent.' });
    }
    if (res.status === 204) continue;
    const body = (await res.json().catch(() => undefined)) as { completion?: SandboxCompletion; error?: { message?: string } } | undefined;
    if (res.status === 404) throw new VerbError(EXIT_FAILED, 'sandbox', `the sandbox at ${root} has no completions route: it is older than this waflow.`, { advice: 'restart `waflow dev` from this version of waflow.' });
    const c = body?.completion;
    const response = c?.response_json;
    if (res.status !== 200 || typeof response !== 'object' || response === null || Array.isArray(response)) {
      throw new VerbError(EXIT_FAILED, 'sandbox', `the sandbox answered HTTP ${res.status} while waiting: ${body?.error?.message ?? 'not a completion'}`);
    }
    return { from: c?.wa_id ?? '', replyMessageId: c?.reply_message_id ?? undefined, response: response as Record<string, unknown> };
  }
}

/** Where the receiver listens: HOST:PORT, [IPv6]:PORT or PORT (on 127.0.0.1). */
export function parseListen(text: string): { host: string; port: number } | undefined {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):)?(\d{1,5})$/.exec(text.trim());
  if (match === null) return undefined;
  const port = Number(match[2]);
  if (port > 65_535) return undefined;
  return { host: (match[1] ?? '127.0.0.1').replace(/^\[|\]$/g, ''), port };
}

export interface Receiver {
  /** http://HOST:PORT/ as it listens (the real port when 0 was asked). */
  readonly url: string;
  readonly handler: CompletionWebhookHandler;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  readonly host: string;
  readonly port: number;
  readonly appSecret: string | undefined;
  readonly verifyToken: string | undefined;
  /** Where the handler's warnings (quarantined events) and failures go. */
  readonly note: (text: string) => void;
}

/** Starts the local webhook receiver; any path is accepted (the tunnel decides the public one). */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const handler = createWebhookHandler({
    ...(options.appSecret === undefined ? {} : { appSecret: options.appSecret }),
    ...(options.verifyToken === undefined ? {} : { verifyToken: options.verifyToken }),
    logger: { warn: (message) => options.note(`webhook: ${message}`) },
    onError: (error) => options.note(`webhook: a delivery failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const server: Server = createServer(toNodeWebhookHandler(handler));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new VerbError(EXIT_USAGE, 'listen', `cannot listen on ${options.host}:${options.port} for webhooks (${code ?? (error instanceof Error ? error.message : String(error))}).`, {
      advice: code === 'EADDRINUSE' ? 'pick a free port with --listen HOST:PORT.' : 'check --listen HOST:PORT (an address of this machine).',
    });
  }
  let closing = false;
  // A connection whose response ends after close() began is idle from then on: drop it at once.
  server.on('request', (_req, res: ServerResponse) => res.once('finish', () => closing && setImmediate(() => server.closeIdleConnections())));
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    handler,
    // The delivery that carried the answer is still being answered when the wait ends: let its
    // 200 go out (else the platform retries it), then drop whatever connection lingers.
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        const cut = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** Waits on the local receiver for the completion carrying `flowToken`. */
export async function waitOnReceiver(receiver: Receiver, flowToken: string, deadline: number, signal: AbortSignal): Promise<Answer> {
  const left = Math.floor(deadline - performance.now());
  if (left <= 0) throw new WaitTimeout();
  try {
    const done = await receiver.handler.waitForCompletion({ flowToken, timeout: left, signal });
    return { from: done.from, replyMessageId: done.messageId, response: done.response };
  } catch (error) {
    if (error instanceof FlowCompletionTimeoutError) throw new WaitTimeout();
    throw error;
  }
}
