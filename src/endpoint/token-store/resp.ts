// The Redis token store's own connection: a minimal RESP2 client over node:net / node:tls (so it
// runs on Node, Bun and Deno's node compat), with just what the store sends (EVAL, EVALSHA,
// SCRIPT LOAD) and a generic command().
//
// Why not the `redis` package: a completing request costs the store two round trips, and issue
// 16 allows both together ≈ 30 µs of this process's CPU next to ≈ 284 µs of RSA. node-redis v5
// measured ≈ 23 µs of CPU per PING and ≈ 33 µs per EVALSHA here, a raw socket writing RESP
// ≈ 7 µs (this file: ≈ 9 µs). So the hot path is one string built per command, one socket.write,
// one promise, and a parser that walks a Buffer by offset (no per-chunk string building).
// Commands are written at once, not gathered per tick: gathering saved system CPU but held a
// command behind the other requests' RSA in that tick, and the endpoint's throughput did not gain.
//
// Replies come back in the order commands were sent (RESP2 without pub/sub), so a FIFO of pending
// promises matches them. AUTH and SELECT are pipelined ahead of the first command of each socket.
//
// Failures: when the socket drops, errors or sends bytes that are not RESP, every pending command
// rejects (host:port in the message, never the password) and the connection is forgotten; the
// next command opens a new one. That is one connect attempt per command, no retry loop and no
// backoff: the caller (an endpoint request) fails fast and the next request tries again. A command
// whose reply was lost may still have run on the server; for the store that is a claim nobody
// holds, which its lease frees, or a settle the next claim's lease check makes harmless.
// Connection state set with command() (SELECT, CLIENT SETNAME, ...) is not replayed on reconnect:
// only the URL's AUTH and db are.
import { Buffer } from 'node:buffer';
import { connect as netConnect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions } from 'node:tls';
import type { RedisScriptClient } from './redis-scripts.js';

/** A decoded RESP2 reply. Integers beyond 2^53 lose precision (the store's never get there). */
export type RespReply = string | number | null | RedisReplyError | RespReply[];

/** An error reply (`-ERR ...`); its message is Redis's text, e.g. `NOSCRIPT No matching script...`. */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
}

/** Bytes that are not RESP2: the connection that sent them cannot be trusted to stay in step. */
export class RespProtocolError extends Error {
  override name = 'RespProtocolError';
}

const CR = 13;
const LF = 10;
const INCOMPLETE = Symbol('incomplete');
const EMPTY = Buffer.alloc(0);

/**
 * Turns bytes into replies, whatever the chunking: a reply split at any byte waits for the rest,
 * and a chunk holding several replies yields them all. Pure: no socket, so it is tested alone.
 * push() throws RespProtocolError on bytes that are not RESP2.
 */
export class RespParser {
  private buf: Buffer = EMPTY;
  /** First byte of `buf` not consumed by a complete reply. */
  private start = 0;
  /** Read cursor during one parse attempt. */
  private at = 0;
  /** On INCOMPLETE: a lower bound for the end `buf` must reach before a retry can succeed. */
  private needEnd = 0;
  /** Chunks held back while a long reply (a large bulk string) is still short of `need` bytes. */
  private held: Buffer[] = [];
  private heldLength = 0;
  private need = 0;

  constructor(private readonly onReply: (reply: RespReply) => void) {}

  push(chunk: Buffer): void {
    if (this.start >= this.buf.length) {
      this.buf = chunk;
      this.start = 0;
    } else {
      // A partial reply: join only once enough bytes are here to finish it, so a large bulk string
      // arriving in many chunks is copied once, not once per chunk.
      this.held.push(chunk);
      this.heldLength += chunk.length;
      if (this.buf.length - this.start + this.heldLength < this.need) return;
      this.buf = Buffer.concat([this.buf.subarray(this.start), ...this.held]);
      this.start = 0;
      this.held = [];
      this.heldLength = 0;
    }
    while (this.start < this.buf.length) {
      this.at = this.start;
      const reply = this.read();
      if (reply === INCOMPLETE) {
        this.need = this.needEnd - this.start;
        return;
      }
      this.start = this.at;
      this.onReply(reply);
    }
    this.buf = EMPTY;
    this.start = 0;
  }

  /** True while part of a reply is waiting for its rest. */
  get partial(): boolean {
    return this.start < this.buf.length;
  }

  private read(): RespReply | typeof INCOMPLETE {
    const buf = this.buf;
    const type = buf[this.at];
    switch (type) {
      case undefined:
        this.needEnd = this.at + 1;
        return INCOMPLETE;
      case 0x2b /* + */: {
        const end = this.lineEnd();
        if (end < 0) return INCOMPLETE;
        const text = buf.toString('utf8', this.at + 1, end);
        this.at = end + 2;
        return text;
      }
      case 0x2d /* - */: {
        const end = this.lineEnd();
        if (end < 0) return INCOMPLETE;
        const text = buf.toString('utf8', this.at + 1, end);
        this.at = end + 2;
        return new RedisReplyError(text);
      }
      case 0x3a /* : */:
        return this.readInteger();
      case 0x24 /* $ */: {
        const length = this.readInteger();
        if (length === INCOMPLETE) return INCOMPLETE;
        if (length === -1) return null;
        if (length < -1) throw new RespProtocolError(`Redis sent a bulk string of length ${length}`);
        const from = this.at;
        const to = from + length;
        if (to + 2 > buf.length) {
          this.needEnd = to + 2;
          return INCOMPLETE;
        }
        if (buf[to] !== CR || buf[to + 1] !== LF) throw new RespProtocolError('Redis sent a bulk string without its CRLF');
        this.at = to + 2;
        return buf.toString('utf8', from, to);
      }
      case 0x2a /* * */: {
        const count = this.readInteger();
        if (count === INCOMPLETE) return INCOMPLETE;
        if (count === -1) return null;
        if (count < -1) throw new RespProtocolError(`Redis sent an array of length ${count}`);
        const items: RespReply[] = [];
        for (let i = 0; i < count; i++) {
          const item = this.read();
          if (item === INCOMPLETE) return INCOMPLETE;
          items.push(item);
        }
        return items;
      }
      default:
        throw new RespProtocolError(`Redis sent byte 0x${type.toString(16).padStart(2, '0')} where a reply should start`);
    }
  }

  /** Index of the CR ending the line that starts at `at`, or -1 (with needEnd set) if not here yet. */
  private lineEnd(): number {
    const buf = this.buf;
    const cr = buf.indexOf(CR, this.at + 1);
    if (cr < 0 || cr + 1 >= buf.length) {
      this.needEnd = buf.length + 1;
      return -1;
    }
    if (buf[cr + 1] !== LF) throw new RespProtocolError('Redis sent a CR without LF');
    return cr;
  }

  /** The integer after the type byte at `at` up to CRLF, digits read in place. */
  private readInteger(): number | typeof INCOMPLETE {
    const buf = this.buf;
    let i = this.at + 1;
    const negative = buf[i] === 0x2d;
    if (negative) i++;
    const digits = i;
    let n = 0;
    for (; i < buf.length; i++) {
      const b = buf[i]!;
      if (b >= 0x30 && b <= 0x39) {
        n = n * 10 + (b - 0x30);
        continue;
      }
      if (b !== CR || i === digits) throw new RespProtocolError('Redis sent a malformed integer');
      if (i + 1 >= buf.length) break;
      if (buf[i + 1] !== LF) throw new RespProtocolError('Redis sent a CR without LF');
      this.at = i + 2;
      return negative ? -n : n;
    }
    this.needEnd = buf.length + 1;
    return INCOMPLETE;
  }
}

/** Where and how to connect, from a `redis://` or `rediss://` URL. */
export interface RedisAddress {
  host: string;
  port: number;
  tls: boolean;
  user?: string;
  password?: string;
  db?: number;
}

const refuse = (reason: string): TypeError => new TypeError(`invalid Redis URL: ${reason} (expected redis://[[user]:password@]host[:port][/db] or rediss://...)`);

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw refuse(`the ${what} is not valid percent-encoding`);
  }
}

/** Parses a Redis URL. Errors never quote the URL: it may hold a password. */
export function parseRedisUrl(url: string): RedisAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('it does not parse as a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw refuse(`the scheme ${JSON.stringify(parsed.protocol.slice(0, -1).slice(0, 20))} is not redis or rediss`);
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  if (host === '') throw refuse('no host (unix sockets are not supported)');
  if (parsed.search !== '' || parsed.hash !== '') throw refuse('query strings and fragments are not supported');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  if (port === 0) throw refuse('port 0');
  const address: RedisAddress = { host, port, tls: parsed.protocol === 'rediss:' };
  if (parsed.password !== '') address.password = decode(parsed.password, 'password');
  if (parsed.username !== '') {
    if (address.password === undefined) throw refuse('a user without a password');
    address.user = decode(parsed.username, 'user');
  }
  const path = parsed.pathname;
  if (path !== '' && path !== '/') {
    if (!/^\/\d{1,5}$/.test(path)) throw refuse('the path must be a database number');
    address.db = Number(path.slice(1));
  }
  return address;
}

/** One command as RESP: an array of bulk strings, lengths in UTF-8 bytes. */
export function encodeCommand(args: readonly string[]): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) out += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return out;
}

/** EVAL / EVALSHA without building an argument array first: this is the store's hot path. */
function encodeScript(verb: string, body: string, keys: readonly string[], args: readonly string[]): string {
  const count = String(keys.length);
  let out = `*${3 + keys.length + args.length}\r\n$${verb.length}\r\n${verb}\r\n$${Buffer.byteLength(body)}\r\n${body}\r\n$${count.length}\r\n${count}\r\n`;
  for (const key of keys) out += `$${Buffer.byteLength(key)}\r\n${key}\r\n`;
  for (const arg of args) out += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return out;
}

export interface RespConnectionOptions {
  /** How long opening a socket (TCP, and TLS for rediss://) may take; default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Extra node:tls options for rediss:// (ca, cert, key, rejectUnauthorized, ...). */
  tls?: Omit<ConnectionOptions, 'host' | 'port' | 'socket'>;
}

export interface RespConnection extends Required<RedisScriptClient> {
  /** Any command, e.g. `['PING']`; an error reply rejects with RedisReplyError. */
  command(args: readonly string[]): Promise<RespReply>;
  /** QUIT after the commands already sent; later commands reject. */
  close(): Promise<void>;
}

interface Pending {
  resolve(reply: RespReply): void;
  reject(error: Error): void;
}

/** A FIFO with a moving head: shift() does not move the array on every reply. */
class Queue {
  private items: (Pending | undefined)[] = [];
  private head = 0;
  push(item: Pending): void {
    this.items.push(item);
  }
  shift(): Pending | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  drain(): Pending[] {
    const rest = this.items.slice(this.head) as Pending[];
    this.items = [];
    this.head = 0;
    return rest;
  }
}

/** One socket and what waits on it; a new Link replaces it after it ends. */
interface Link {
  socket: Socket;
  queue: Queue;
  connected: boolean;
  ended: boolean;
  cause?: Error;
  /** Settles once the socket is up and AUTH / SELECT (if any) were accepted. */
  ready: Promise<void>;
  readyResolve(): void;
  readyReject(error: Error): void;
}

const QUIT = encodeCommand(['QUIT']);

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

class Connection implements RespConnection {
  private link: Link | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly where: string;

  constructor(
    private readonly address: RedisAddress,
    private readonly options: RespConnectionOptions,
  ) {
    this.where = `${isIP(address.host) === 6 ? `[${address.host}]` : address.host}:${address.port}`;
  }

  /** The current socket, or a new one: one connect attempt per command that finds none. */
  current(): Link {
    return this.link ?? this.open();
  }

  command(args: readonly string[]): Promise<RespReply> {
    return this.send(encodeCommand(args));
  }

  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
    return this.send(encodeScript('EVAL', script, options.keys, options.arguments));
  }

  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
    return this.send(encodeScript('EVALSHA', sha1, options.keys, options.arguments));
  }

  scriptLoad(script: string): Promise<unknown> {
    return this.send(encodeCommand(['SCRIPT', 'LOAD', script]));
  }

  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    this.closed = true;
    const link = this.link;
    if (link === undefined) return (this.closing = Promise.resolve());
    this.closing = new Promise<void>((resolve) => {
      link.socket.once('close', () => resolve());
      // The server closes after its reply to QUIT; a server that never answers is cut off.
      const timer = setTimeout(() => link.socket.destroy(), this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
      timer.unref?.();
      link.socket.once('close', () => clearTimeout(timer));
      link.queue.push({ resolve: () => link.socket.end(), reject: () => undefined });
      link.socket.write(QUIT);
    });
    return this.closing;
  }

  private send(payload: string): Promise<RespReply> {
    if (this.closed) return Promise.reject(new Error(`the Redis connection to ${this.where} is closed`));
    const link = this.link ?? this.open();
    return new Promise<RespReply>((resolve, reject) => {
      link.queue.push({ resolve, reject });
      link.socket.write(payload);
    });
  }

  private open(): Link {
    const { host, port, tls, user, password, db } = this.address;
    const socket = tls
      ? tlsConnect({ ...this.options.tls, host, port, servername: this.options.tls?.servername ?? (isIP(host) === 0 ? host : undefined) })
      : netConnect({ host, port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    const link = { socket, queue: new Queue(), connected: false, ended: false } as Link;
    link.ready = new Promise<void>((resolve, reject) => {
      link.readyResolve = resolve;
      link.readyReject = reject;
    });
    // Only openRespConnection waits on `ready`; a failure reaches the commands all the same.
    link.ready.catch(() => undefined);
    this.link = link;

    // AUTH and SELECT go first on the wire; commands sent meanwhile queue behind them.
    const handshake: { args: string[]; verb: string }[] = [];
    if (password !== undefined) handshake.push({ args: user === undefined ? ['AUTH', password] : ['AUTH', user, password], verb: 'AUTH' });
    if (db !== undefined) handshake.push({ args: ['SELECT', String(db)], verb: `SELECT ${db}` });
    handshake.forEach(({ args, verb }, i) => {
      link.queue.push({
        resolve: () => (i === handshake.length - 1 ? link.readyResolve() : undefined),
        // Redis's own text (WRONGPASS ..., NOAUTH ...) never repeats the password.
        reject: (error) => this.end(link, new Error(`Redis at ${this.where} refused ${verb}: ${error.message}`)),
      });
      socket.write(encodeCommand(args));
    });

    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const timer = setTimeout(() => this.fail(link, new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      link.connected = true;
      if (handshake.length === 0) link.readyResolve();
    });
    const parser = new RespParser((reply) => {
      const pending = link.queue.shift();
      if (pending === undefined) throw new RespProtocolError('Redis sent a reply no command asked for');
      if (reply instanceof RedisReplyError) pending.reject(reply);
      else pending.resolve(reply);
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        this.fail(link, error as Error);
      }
    });
    socket.on('error', (error) => (link.cause ??= error));
    socket.on('end', () => this.end(link));
    socket.on('close', () => {
      clearTimeout(timer);
      this.end(link);
    });
    return link;
  }

  /** Ends a link on a protocol error or a connect timeout. */
  private fail(link: Link, cause: Error): void {
    link.cause = cause;
    this.end(link);
  }

  /** The link is gone: reject what waits on it, and let the next command open another. */
  private end(link: Link, error?: Error): void {
    if (link.ended) return;
    link.ended = true;
    if (this.link === link) this.link = undefined;
    link.socket.destroy();
    const cause = link.cause;
    const because = cause ? `: ${cause.message}` : '';
    error ??= link.connected
      ? new Error(`the Redis connection to ${this.where} was lost${because}`, { cause })
      : new Error(`could not connect to Redis at ${this.where}${because}`, { cause });
    link.readyReject(error);
    for (const pending of link.queue.drain()) pending.reject(error);
  }
}

/**
 * Opens a connection to the Redis at `url` and resolves once it is up and AUTH / SELECT passed;
 * rejects (without the password in the message) when the URL is refused or the server is not.
 */
export async function openRespConnection(url: string, options: RespConnectionOptions = {}): Promise<RespConnection> {
  const connection = new Connection(parseRedisUrl(url), options);
  await connection.current().ready;
  return connection;
}
