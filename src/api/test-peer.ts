// A minimal stand-in for 360dialog in tests: a real node:http server on 127.0.0.1 that records each
// request and answers with the canned body registered for its method and path. Test-only; the
// sandbox server later takes its place for the same client tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  pathname: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  /** When it arrived (Date.now()), for tests of waits between attempts. */
  at: number;
}

export interface CannedReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a responder may also do: never answer (timeouts, aborts) or cut the connection. */
export type PeerReply = CannedReply | { hang: true } | { reset: true };

export interface TestPeer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Register the reply for `METHOD /path`. */
  reply(route: string, reply: CannedReply): void;
  /** Answer every request with this function instead of the canned replies (undefined clears it). */
  respond(responder: ((request: RecordedRequest) => PeerReply) | undefined): void;
  close(): Promise<void>;
}

export async function startTestPeer(): Promise<TestPeer> {
  const routes = new Map<string, CannedReply>();
  const requests: RecordedRequest[] = [];
  let responder: ((request: RecordedRequest) => PeerReply) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks);
      let json: unknown;
      if (String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        try {
          json = JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          json = undefined;
        }
      }
      const recorded: RecordedRequest = { method: req.method ?? '', pathname: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, raw, json, at: Date.now() };
      requests.push(recorded);
      const reply = responder?.(recorded) ?? routes.get(`${recorded.method} ${url.pathname}`) ?? { status: 404, body: { error: { message: 'Unknown path', type: 'GraphMethodException', code: 100 } } };
      if ('hang' in reply) return;
      if ('reset' in reply) {
        req.socket.destroy();
        return;
      }
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply(route, reply) {
      routes.set(route, reply);
    },
    respond(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections(); // a hanging request must not keep the server open
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
