// The sandbox's HTTP floor over a real socket: the Host check (DNS rebinding), cross-site
// requests, body limits on chunked bodies with bounded memory, connections closed after an early
// answer, the request timeout, NUL in the URL, and the event stream.
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../server.js';
import type { Sandbox } from '../server.js';

const KEY = 'sbx_http_test_key_0123456789';
const LIMIT = 1024 * 1024;
const TIMEOUT_MS = 800;
let sandbox: Sandbox;
let port: number;

beforeAll(async () => {
  sandbox = await createSandbox({
    dataDir: 'memory://',
    port: 0,
    templateApprovalDelayMs: -1,
    apiKeys: [KEY],
    maxBodyBytes: LIMIT,
    requestTimeoutMs: TIMEOUT_MS,
    allowedHosts: ['sandbox.lan'],
  });
  port = Number(new URL(sandbox.url).port);
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

/** A raw HTTP/1.1 exchange: writes `head` (and `body`), collects what comes back until the socket closes or `until` matches. */
function raw(head: string, body = '', until?: RegExp): Promise<{ text: string; closed: boolean; socket: Socket; msToClose: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    let answeredAt = 0;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      resolve({ text, closed, socket, msToClose: Date.now() - answeredAt });
    };
    socket.on('data', (chunk: Buffer) => {
      if (text === '') answeredAt = Date.now();
      text += chunk.toString('latin1');
      if (until?.test(text) === true) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish(true) : reject(error)));
    socket.write(head + body);
  });
}

/** Resolves on 'drain' or 'close', leaving no listener behind. */
function drained(req: ReturnType<typeof request>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

const status = (text: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

describe('Host check', () => {
  it('answers its own addresses and configured names, and refuses any other Host (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `sandbox.lan:${port}`]) {
      const { text, socket } = await raw(`GET /_sandbox HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      expect(status(text), host).toBe(200);
    }
    const { text } = await raw(`GET /_sandbox/ui/config HTTP/1.1\r\nHost: evil.test:${port}\r\nConnection: close\r\n\r\n`);
    expect(status(text)).toBe(403);
    expect(text).toContain('is not an address of this sandbox');
    expect(text).not.toContain('business_number');
  });
});

describe('cross-site requests', () => {
  const post = (headers: Record<string, string>, body = JSON.stringify({ wa_id: '4915100000009' })) =>
    fetch(`${sandbox.url}/_sandbox/phones`, { method: 'POST', headers, body });

  it('refuses a foreign Origin, Sec-Fetch-Site cross-site, and a browser text/plain body', async () => {
    expect((await post({ origin: 'http://evil.test', 'content-type': 'text/plain' })).status).toBe(403);
    expect((await post({ origin: 'null', 'content-type': 'application/json' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' })).status).toBe(403);
    expect((await post({ origin: sandbox.url, 'content-type': 'text/plain' })).status).toBe(415);
    const refused = await post({ origin: 'http://evil.test' });
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/refused/);
  });

  it('accepts its own pages and clients that are not browsers', async () => {
    expect((await post({ origin: sandbox.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' })).status).toBeLessThan(300);
    expect((await post({})).status).toBeLessThan(300); // a string body without a type: text/plain, as the SDK or curl may send
  });
});

describe('body limits', () => {
  it('answers 413 to a too-large Content-Length without reading it, and closes the connection', async () => {
    const { text, closed } = await raw(
      `POST /_sandbox/phones HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: 300000000\r\n\r\n`,
      '{"wa_id":"' + 'x'.repeat(4096),
    );
    expect(status(text)).toBe(413);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(closed).toBe(true);
  });

  it('streams a 50 MB chunked body into a 413 on a route without a key, with memory bounded', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const before = process.memoryUsage();
    let peak = 0;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.arrayBuffers + m.heapUsed - (before.arrayBuffers + before.heapUsed));
    }, 5);
    try {
      const code = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/_sandbox/phones', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
        let answered = false;
        req.on('response', (res) => {
          answered = true;
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', (error) => (answered ? undefined : reject(error)));
        void (async () => {
          for (let sent = 0; sent < 50 * 1024 * 1024 && !answered && !req.destroyed; sent += chunk.length) {
            if (!req.write(chunk)) await drained(req);
          }
          if (!req.destroyed) req.end();
        })();
      });
      expect(code).toBe(413);
    } finally {
      clearInterval(sample);
    }
    // The old server read all 50 MB into one string; this one stops at the 1 MiB limit.
    expect(peak).toBeLessThan(24 * 1024 * 1024);
  });
});

describe('connections after an early answer', () => {
  for (const [name, path, want] of [
    ['401', '/cloud/v1/configs/templates', 401],
    ['404', '/cloud/nothing-here', 404],
  ] as const) {
    it(`closes a keep-alive connection after a ${name} given before the body was read`, async () => {
      const { text, closed, msToClose } = await raw(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n`,
        '{"name":"' + 'y'.repeat(2048),
      );
      expect(status(text)).toBe(want);
      expect(closed).toBe(true);
      // At once, not when Node's keep-alive timer (5 s) gives up on the rest of the body.
      expect(msToClose).toBeLessThan(1500);
    });
  }

  it('keeps reading what the client still sends after the answer, so it ends in a clean close, not a reset', async () => {
    // The client goes on sending after our FIN, as an uploader busy with its body does. The
    // server drops those bytes and closes once the client does; a server that destroyed its
    // socket would answer them with a reset (EPIPE / ECONNRESET here).
    const outcome = await new Promise<{ text: string; error?: string }>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
      let text = '';
      let error: string | undefined;
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('end', () => {
        socket.write(Buffer.alloc(1024 * 1024, 0x79));
        socket.end();
      });
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      socket.on('close', () => resolve({ text, ...(error === undefined ? {} : { error }) }));
      socket.write(`POST /_sandbox/phones HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 4000000\r\n\r\n{"name":"${'y'.repeat(64 * 1024)}`);
    });
    expect(status(outcome.text)).toBe(413);
    expect(outcome.error).toBeUndefined();
  });
});

describe('request timeout', () => {
  it('drops a request whose body trickles in slower than requestTimeoutMs', async () => {
    const started = Date.now();
    const { closed } = await raw(`POST /_sandbox/phones HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`, '{"wa_id":');
    expect(closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5000);
  });
});

describe('hostile URLs and the event stream', () => {
  it('answers a NUL in the path or query with 400 in the platform shape, not 500', async () => {
    const path = await fetch(`${sandbox.url}/cloud/v1/configs/templates/%00`, { headers: { 'D360-API-KEY': KEY } });
    expect(path.status).toBe(400);
    expect(((await path.json()) as { error: { code: number } }).error.code).toBe(100);
    expect((await fetch(`${sandbox.url}/_sandbox/ui/sessions?wa_id=%00`)).status).toBe(400);
  });

  it('streams server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${sandbox.url}/_sandbox/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain(': connected');
    controller.abort();
  });
});
