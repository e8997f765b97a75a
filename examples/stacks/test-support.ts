// What stacks.test.ts needs around the examples (not part of any example): the platform side
// that encrypts and signs requests, the examples as child processes that are ready when they
// print their URL, and the type check against the packed package.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decryptResponse, encryptRequest, signRequestBody } from '../../src/data-channel/index.js';
import type { BusinessPublicKey, DataChannelRequest } from '../../src/data-channel/index.js';
import { REPO } from '../../test/packed.js';
import type { ServerProcess } from '../../test/runtimes/processes.js';

const exec = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// The platform side: what WhatsApp sends, over any transport.

/** POSTs a body with headers somewhere: over HTTP, or straight into a route handler. */
export type Send = (body: string, headers: Record<string, string>) => Promise<{ status: number; text: string }>;

export const overHttp =
  (url: string): Send =>
  async (body, headers) => {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
    return { status: response.status, text: await response.text() };
  };

export const intoHandler =
  (handler: (request: Request) => Promise<Response>, url: string): Send =>
  async (body, headers) => {
    const response = await handler(new Request(url, { method: 'POST', headers, body }));
    return { status: response.status, text: await response.text() };
  };

export interface CallOptions {
  /** Encrypt for this key instead of the endpoint's. */
  publicKey?: BusinessPublicKey;
  /** Sign with this secret instead of the endpoint's app secret. */
  appSecret?: string;
}

/** A phone: encrypts each request for the endpoint's public key, signs it, decrypts the answer. */
export class Phone {
  constructor(
    private readonly send: Send,
    private readonly publicKey: BusinessPublicKey,
    private readonly appSecret: string,
  ) {}

  async call(request: DataChannelRequest, options: CallOptions = {}): Promise<{ status: number; body: unknown }> {
    const { envelope, aesKey, iv } = await encryptRequest(request, options.publicKey ?? this.publicKey);
    const raw = JSON.stringify(envelope);
    const signature = await signRequestBody(raw, options.appSecret ?? this.appSecret);
    const { status, text } = await this.send(raw, { 'content-type': 'application/json', 'x-hub-signature-256': signature });
    if (status !== 200) return { status, body: JSON.parse(text) as unknown };
    return { status, body: await decryptResponse(text, aesKey, iv) };
  }
}

// ---------------------------------------------------------------------------------------------
// The Node examples as child processes: ready when they print their URL, output kept for failure
// messages. test/runtimes/processes.ts, which starts workerd here, waits for a bare
// `listening <port>` line instead; the examples print the URL a user would open, so they get
// this reader.

const READY_MS = 30_000;
const LISTENING = /listening on (http:\/\/\S+)/;
const children = new Set<ChildProcess>();

/** Runs a .ts file with the repository's tsx, as `npx tsx file.ts` would, until it prints its URL. */
export function launchTsx(name: string, file: string, options: { cwd: string; env: Record<string, string> }): Promise<ServerProcess> {
  // Detached: a process group of its own, so that stopAll() also reaches the node that tsx runs.
  const child = spawn(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsx'), file], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise<ServerProcess>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`${name} ${why}; its output:\n${log}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${READY_MS} ms`), READY_MS);
    child.stdout.on('data', () => {
      const url = LISTENING.exec(log)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, output: () => log, stop: () => stop(child) });
    });
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before it was ready`));
  });
}

const exited = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** SIGTERM to the process group, SIGKILL after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  signalGroup(child, 'SIGTERM');
  if (!(await exited(child, 5_000))) {
    signalGroup(child, 'SIGKILL');
    await exited(child, 5_000);
  }
  children.delete(child);
}

/** Stops every example launched here, ready or not. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

// ---------------------------------------------------------------------------------------------
// Type check: the repository's TypeScript, in the consumer project, against the installed package.

/** The compiler options a user of each kind of stack would have. */
export const COMPILER = {
  /** A Node app (`"type": "module"`, node16 resolution, Node's own globals only). */
  node: { module: 'node16', moduleResolution: 'node16', types: ['node'], lib: ['ES2023'] },
  /** Hono's own declarations use DOM types (MessageEvent, CloseEvent), so its users add the DOM lib. */
  honoOnNode: { module: 'node16', moduleResolution: 'node16', types: ['node'], lib: ['ES2023', 'DOM'] },
  /** A Worker: bundler resolution, no Node types, the Workers' web globals (WebWorker lib). */
  worker: { module: 'ESNext', moduleResolution: 'bundler', types: [], lib: ['ES2022', 'WebWorker'] },
  /** What `create-next-app` writes. */
  next: { module: 'ESNext', moduleResolution: 'bundler', types: ['node'], lib: ['DOM', 'DOM.Iterable', 'ESNext'] },
} as const;

/**
 * tsc -p on tsconfig.<name>.json, written into `dir` with `files` relative to it; returns tsc's
 * report ('' when it passes). skipLibCheck is off, so waflow's declarations are checked too.
 */
export async function typecheck(dir: string, name: string, files: readonly string[], options: Record<string, unknown>): Promise<string> {
  const config = {
    compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, isolatedModules: true, noUncheckedIndexedAccess: true, ...options },
    files,
  };
  const file = join(dir, `tsconfig.${name}.json`);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  try {
    await exec(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', file], { cwd: dir });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? String(error)}`;
  }
}
