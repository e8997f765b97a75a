import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore } from './redis.js';
import { defineScript } from './redis-scripts.js';
import { encodeCommand, openRespConnection, parseRedisUrl, RedisReplyError, RespParser, RespProtocolError } from './resp.js';
import type { RespConnection, RespConnectionOptions, RespReply } from './resp.js';

// A test encoder for replies (the module only encodes commands): what a server would send.
function encodeReply(reply: RespReply): string {
  if (reply === null) return '$-1\r\n';
  if (typeof reply === 'number') return `:${reply}\r\n`;
  if (typeof reply === 'string') return `$${Buffer.byteLength(reply)}\r\n${reply}\r\n`;
  if (reply instanceof RedisReplyError) return `-${reply.message}\r\n`;
  return `*${reply.length}\r\n${reply.map(encodeReply).join('')}`;
}

function parseAll(chunks: Buffer[]): RespReply[] {
  const replies: RespReply[] = [];
  const parser = new RespParser((reply) => replies.push(reply));
  for (const chunk of chunks) parser.push(chunk);
  expect(parser.partial).toBe(false);
  return replies;
}

const bytewise = (text: string): Buffer[] => Array.from(Buffer.from(text), (byte) => Buffer.from([byte]));

describe('RespParser', () => {
  const wire =
    '+OK\r\n-NOSCRIPT No matching script. Please use EVAL.\r\n:42\r\n:-7\r\n$5\r\nhello\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n' +
    '*3\r\n*1\r\n:1\r\n$-1\r\n$7\r\na\r\nb ü\r\n+ünï\r\n';
  const expected: RespReply[] = [
    'OK',
    new RedisReplyError('NOSCRIPT No matching script. Please use EVAL.'),
    42,
    -7,
    'hello',
    '',
    null,
    null,
    [],
    [[1], null, 'a\r\nb ü'],
    'ünï',
  ];

  it('decodes every RESP2 type, several replies in one chunk', () => {
    const replies = parseAll([Buffer.from(wire)]);
    expect(replies).toEqual(expected);
    expect(replies[1]).toBeInstanceOf(RedisReplyError);
  });

  it('decodes the same replies fed one byte at a time, each once it is complete', () => {
    const replies: RespReply[] = [];
    const parser = new RespParser((reply) => replies.push(reply));
    const bytes = bytewise('$5\r\nhello\r\n');
    bytes.slice(0, -1).forEach((b) => parser.push(b));
    expect(replies).toEqual([]);
    expect(parser.partial).toBe(true);
    parser.push(bytes.at(-1)!);
    expect(replies).toEqual(['hello']);
    expect(parseAll(bytewise(wire))).toEqual(expected);
  });

  it('joins a large bulk string sent in many chunks', () => {
    const big = 'x'.repeat(300_000) + 'é';
    const bytes = Buffer.from(encodeReply(big) + ':1\r\n');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
    expect(parseAll(chunks)).toEqual([big, 1]);
  });

  it.each([
    ['?oops\r\n', /byte 0x3f where a reply should start/],
    [':12a\r\n', /malformed integer/],
    ['$2\r\nabXY', /without its CRLF/],
    ['+OK\rX', /CR without LF/],
    ['$-2\r\n', /length -2/],
  ])('refuses bytes that are not RESP2: %j', (bytes, message) => {
    const parser = new RespParser(() => undefined);
    expect(() => parser.push(Buffer.from(bytes))).toThrow(RespProtocolError);
    expect(() => new RespParser(() => undefined).push(Buffer.from(bytes))).toThrow(message);
  });

  it('decodes random reply trees however the bytes are cut', () => {
    const line = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !s.includes('\r') && !s.includes('\n'));
    const { reply } = fc.letrec<{ reply: RespReply }>((tie) => ({
      reply: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constant(null),
        line.map((text) => new RedisReplyError(text)),
        fc.array(tie('reply'), { maxLength: 5 }),
      ),
    }));
    // Simple strings decode to strings as bulk strings do, so they are mixed in on the wire only.
    fc.assert(
      fc.property(fc.array(reply, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), fc.option(line), (replies, cuts, simple) => {
        const head = simple === null ? [] : [simple];
        const bytes = Buffer.from(head.map((text) => `+${text}\r\n`).join('') + replies.map(encodeReply).join(''));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => bytes.subarray(from, points[i] ?? bytes.length)).filter((c) => c.length > 0);
        expect(parseAll(chunks)).toEqual([...head, ...replies]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeCommand', () => {
  it('gives each argument its length in UTF-8 bytes', () => {
    expect(encodeCommand(['SET', 'clé', '😀\r\n'])).toBe('*3\r\n$3\r\nSET\r\n$4\r\nclé\r\n$6\r\n😀\r\n\r\n');
  });
});

describe('parseRedisUrl', () => {
  it('reads host, port, user, password (percent-decoded), db and TLS', () => {
    expect(parseRedisUrl('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379, tls: false });
    expect(parseRedisUrl('redis://:p%40ss%3Aw%C3%B6rd@cache:6380/3')).toEqual({ host: 'cache', port: 6380, tls: false, password: 'p@ss:wörd', db: 3 });
    expect(parseRedisUrl('rediss://app%2B1:pw@[::1]/')).toEqual({ host: '::1', port: 6379, tls: true, user: 'app+1', password: 'pw' });
  });

  it.each([
    'unix:///tmp/redis.sock',
    'redis:///tmp/redis.sock',
    'http://:s3cr3t-PW@cache',
    'redis://:s3cr3t-PW@cache/abc',
    'redis://:s3cr3t-PW@cache/1/2',
    'redis://:s3cr3t-PW@cache/1?tls=1',
    'redis://:s3cr3t-PW%zz@cache',
    'redis://:s3cr3t-PW@cache:0',
    'redis://user@cache',
    'redis://:s3cr3t-PW@ca che',
    's3cr3t-PW',
  ])('refuses %s with a TypeError that does not quote the password', (url) => {
    let error: unknown;
    try {
      parseRedisUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^invalid Redis URL: /);
    expect((error as Error).message).not.toContain('s3cr3t');
  });
});

// Real Redis on 127.0.0.1:6379; keys under a random prefix, removed afterwards.
const URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const where = (() => {
  const { host, port } = parseRedisUrl(URL);
  return `${host}:${port}`;
})();

describe('openRespConnection against Redis', () => {
  const prefix = `waflow-test:${randomUUID()}:`;
  let conn: RespConnection;
  beforeAll(async () => {
    conn = await openRespConnection(URL);
  });
  afterAll(async () => {
    await conn.eval(`for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end`, { keys: [], arguments: [`${prefix}*`] });
    await conn.close();
  });

  it('loads a script, runs it by SHA1 and as EVAL', async () => {
    const script = await defineScript(`-- ${randomUUID()}\nreturn {KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1, false, {1, 'x'}}`);
    expect(await conn.scriptLoad(script.text)).toBe(script.sha1);
    const options = { keys: [`${prefix}k`], arguments: ['a', '41'] };
    const reply = [`${prefix}k`, 'a', 42, null, [1, 'x']];
    expect(await conn.evalSha(script.sha1, options)).toEqual(reply);
    expect(await conn.eval(script.text, options)).toEqual(reply);
  });

  it('rejects an unknown SHA1 with Redis\'s NOSCRIPT text, and goes on working', async () => {
    const error = await conn.evalSha('0'.repeat(40), { keys: [], arguments: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisReplyError);
    expect((error as Error).message.startsWith('NOSCRIPT')).toBe(true);
    expect(await conn.command(['PING'])).toBe('PONG');
  });

  it('sends and receives multi-byte keys and arguments intact', async () => {
    const key = `${prefix}clé-🔑`;
    const value = 'ünïcødé 😀 中文\r\n$3\r\n';
    expect(await conn.eval(`redis.call('SET', KEYS[1], ARGV[1]) return {redis.call('GET', KEYS[1]), string.len(ARGV[1])}`, { keys: [key], arguments: [value] })).toEqual([
      value,
      Buffer.byteLength(value),
    ]);
    expect(await conn.command(['GET', key])).toBe(value);
  });

  it('answers 200 concurrent commands in the order they were sent', async () => {
    const key = `${prefix}counter`;
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => conn.eval(`return {redis.call('INCR', KEYS[1]), ARGV[1]}`, { keys: [key], arguments: [String(i)] })),
    );
    expect(replies).toEqual(Array.from({ length: 200 }, (_, i) => [i + 1, String(i)]));
  });

  it('rejects the pending commands when the server kills the connection, and reconnects on the next one', async () => {
    const own = await openRespConnection(URL);
    const admin = await openRespConnection(URL);
    try {
      const id = await own.command(['CLIENT', 'ID']);
      // A blocked command and one queued behind it are in flight when the kill comes.
      const blocked = own.command(['BLPOP', `${prefix}never`, '10']).catch((e: unknown) => e);
      const queued = own.command(['PING']).catch((e: unknown) => e);
      await expect.poll(async () => String(await admin.command(['CLIENT', 'LIST', 'ID', String(id)])), { timeout: 5_000 }).toContain('cmd=blpop');
      expect(await admin.command(['CLIENT', 'KILL', 'ID', String(id)])).toBe(1);
      for (const error of [await blocked, await queued]) {
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(new RegExp(`^the Redis connection to ${where} was lost`));
      }
      expect(await own.command(['PING'])).toBe('PONG');
      expect(await own.command(['CLIENT', 'ID'])).not.toBe(id);
    } finally {
      await Promise.all([own.close(), admin.close()]);
    }
  });

  it('lets the commands sent before close() finish, then refuses more', async () => {
    const own = await openRespConnection(URL);
    const sent = Array.from({ length: 50 }, (_, i) => own.eval('return ARGV[1]', { keys: [], arguments: [String(i)] }));
    await own.close();
    expect(await Promise.all(sent)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    await expect(own.command(['PING'])).rejects.toThrow(`the Redis connection to ${where} is closed`);
    await own.close();
  });
});

/** A loopback server that answers each connection as `answer` says: a misbehaving "Redis". */
async function fakeServer(answer: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    answer(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

async function stop(fake: { server: Server; sockets: Socket[] }): Promise<void> {
  for (const socket of fake.sockets) socket.destroy();
  await new Promise((resolve) => fake.server.close(resolve));
}

describe('openRespConnection failures', () => {
  it('ends the connection on a byte that is not RESP, and the next command connects again', async () => {
    // Answers +PONG to every command (AUTH included), except garbage to the first connection's second.
    let commands = 0;
    const fake = await fakeServer((socket) =>
      socket.on('data', (data: Buffer) => {
        for (const _ of data.toString().matchAll(/\*\d+\r\n\$/g)) socket.write(++commands === 2 ? '!bad\r\n' : '+PONG\r\n');
      }),
    );
    try {
      const conn = await openRespConnection(`redis://:s3cr3t-PW@127.0.0.1:${fake.port}`);
      await expect(conn.command(['PING'])).rejects.toThrow(`the Redis connection to 127.0.0.1:${fake.port} was lost: Redis sent byte 0x21 where a reply should start`);
      expect(await conn.command(['PING'])).toBe('PONG');
      expect(fake.sockets).toHaveLength(2);
      await conn.close();
    } finally {
      await stop(fake);
    }
  });

  it('refuses to connect where nothing listens, naming host and port only', async () => {
    const fake = await fakeServer(() => undefined);
    await stop(fake);
    const error = (await openRespConnection(`redis://u:s3cr3t-PW@127.0.0.1:${fake.port}`).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`^could not connect to Redis at 127.0.0.1:${fake.port}: .*ECONNREFUSED`));
    expect(error.message).not.toContain('s3cr3t');
  });

  it('gives up on a TLS handshake that never ends after the connect timeout', async () => {
    const fake = await fakeServer(() => undefined);
    try {
      const started = performance.now();
      await expect(openRespConnection(`rediss://127.0.0.1:${fake.port}`, { connectTimeoutMs: 200 })).rejects.toThrow(
        `could not connect to Redis at 127.0.0.1:${fake.port}: timed out after 200 ms`,
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      await stop(fake);
    }
  });
});

/** A free loopback port: one the OS just gave out and took back. */
async function freePort(): Promise<number> {
  const probe = await fakeServer(() => undefined);
  await stop(probe);
  return probe.port;
}

/**
 * A redis-server of our own (in a temp dir, nothing saved), ready once a connection to `url(port)`
 * succeeds; stop() ends it.
 */
async function startRedis(args: (port: number) => string[], url: (port: number) => string, options?: RespConnectionOptions) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'waflow-redis-'));
  const server: ChildProcess = spawn('/usr/bin/redis-server', ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args(port)], { stdio: 'ignore' });
  const stopServer = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const conn = await openRespConnection(url(port), options).catch((e: unknown) => e as Error);
    if (!(conn instanceof Error)) {
      await conn.close();
      return { port, stop: stopServer };
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      await stopServer();
      throw conn;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// A Redis of our own with a password, on a free loopback port.
describe('openRespConnection with AUTH and a database number', () => {
  const password = 'p@ss:wörd/% 1';
  const encoded = encodeURIComponent(password);
  let server: Awaited<ReturnType<typeof startRedis>> | undefined;
  let port: number;

  beforeAll(async () => {
    server = await startRedis((p) => ['--port', String(p), '--requirepass', password], (p) => `redis://:${encoded}@127.0.0.1:${p}`);
    port = server.port;
  }, 15_000);

  afterAll(() => server?.stop());

  it('refuses a wrong password without quoting it, and takes the right one, with or without a user', async () => {
    const error = (await openRespConnection(`redis://:wrong-s3cr3t@127.0.0.1:${port}`).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`^Redis at 127.0.0.1:${port} refused AUTH: WRONGPASS`));
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).not.toContain(password);
    for (const url of [`redis://:${encoded}@127.0.0.1:${port}`, `redis://default:${encoded}@127.0.0.1:${port}`]) {
      const conn = await openRespConnection(url);
      expect(await conn.eval('return ARGV[1]', { keys: [], arguments: ['in'] })).toBe('in');
      await conn.close();
    }
  });

  it('selects the database in the URL, again after a reconnect', async () => {
    const conn = await openRespConnection(`redis://:${encoded}@127.0.0.1:${port}/2`);
    const reader = createClient({ url: `redis://:${encoded}@127.0.0.1:${port}` });
    await reader.connect();
    try {
      await conn.command(['SET', 'where', 'two']);
      await reader.select(2);
      expect(await reader.get('where')).toBe('two');
      await reader.sendCommand(['CLIENT', 'KILL', 'ID', String(await conn.command(['CLIENT', 'ID']))]);
      // This one may still go out on the killed socket (and be lost) or on a new one.
      await conn.command(['PING']).catch((e: Error) => expect(e.message).toMatch(/was lost/));
      await conn.command(['SET', 'again', 'two']);
      expect(await reader.get('again')).toBe('two');
      await reader.select(0);
      expect(await reader.get('where')).toBeNull();
    } finally {
      await conn.close();
      await reader.close();
    }
  });
});

// A Redis of our own that speaks only TLS, with a self-signed certificate made by openssl.
describe('openRespConnection over TLS (rediss://)', () => {
  let server: Awaited<ReturnType<typeof startRedis>> | undefined;
  let certDir: string;
  let ca: string;

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'waflow-redis-tls-'));
    const [key, cert] = [join(certDir, 'key.pem'), join(certDir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    ca = readFileSync(cert, 'utf8');
    server = await startRedis(
      (p) => ['--port', '0', '--tls-port', String(p), '--tls-cert-file', cert, '--tls-key-file', key, '--tls-auth-clients', 'no'],
      (p) => `rediss://localhost:${p}`,
      { tls: { ca } },
    );
  }, 20_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('runs commands over TLS, checking the certificate against the host name', async () => {
    const conn = await openRespConnection(`rediss://localhost:${server!.port}`, { tls: { ca } });
    expect(await conn.eval('return ARGV[1]', { keys: [], arguments: ['secure ✓'] })).toBe('secure ✓');
    await conn.close();
    // Not trusted without the CA; and the certificate does not name 127.0.0.1.
    await expect(openRespConnection(`rediss://localhost:${server!.port}`)).rejects.toThrow(new RegExp(`^could not connect to Redis at localhost:${server!.port}: self[- ]signed certificate`));
    await expect(openRespConnection(`rediss://127.0.0.1:${server!.port}`, { tls: { ca } })).rejects.toThrow(/IP: 127.0.0.1 is not in the cert's list/);
  });

  it('serves the token store over TLS with the connection options passed through', async () => {
    const store = await createRedisTokenStore({ url: `rediss://localhost:${server!.port}`, connection: { tls: { ca } }, keyPrefix: `tls-${randomUUID()}:` });
    try {
      await store.issue('t', { ttlSeconds: 60, data: { over: 'tls' } });
      expect((await store.claim('t', { claimId: 'c', leaseMs: 1_000 })).ok).toBe(true);
      expect(await store.settle('t', 'c', 'complete')).toBe(true);
      expect((await store.get('t'))?.status).toBe('completed');
    } finally {
      await store.close();
    }
    await expect(createRedisTokenStore({ url: `rediss://localhost:${server!.port}` })).rejects.toThrow(/self[- ]signed certificate/);
  });
});
