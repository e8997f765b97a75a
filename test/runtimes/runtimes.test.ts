// waflow/endpoint and waflow/data-channel, as built for the package, served by each JavaScript
// runtime and driven with real encrypted requests (scenario.ts). Node must take node:crypto;
// Bun, Deno and workerd (without nodejs_compat) WebCrypto.
// Node runs twice: the version running the tests and the other of 20 and 22 (node-versions.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import type { BusinessPublicKey } from '../../src/data-channel/index.js';
import { otherNodeBinaries } from './node-versions.js';
import { REPO, runtimeProject } from './package-source.js';
import type { RuntimeProject } from './package-source.js';
import { startServer, withOutput } from './processes.js';
import type { ServerProcess } from './processes.js';
import { SCENARIO, scenarioKeys } from './scenario.js';
import type { ScenarioContext } from './scenario.js';
import { bundleWorker, writeWorkerdConfig } from './workerd.js';
import type { WorkerBundle } from './workerd.js';

const START_TIMEOUT_MS = 30_000;
const BIN = join(REPO, 'node_modules', '.bin');
const PASSPHRASE = 'runtime-test-passphrase-7c1';
const SECRET_NAMES = ['PRIVATE_KEY', 'PRIVATE_KEY_PKCS8', 'ENCRYPTED_PRIVATE_KEY', 'KEY_PASSPHRASE', 'APP_SECRET'] as const;

interface Setup {
  project: RuntimeProject;
  /** The server scripts, next to the project's node_modules so `waflow/...` resolves. */
  servers: string;
  /** Scratch space in os.tmpdir(): workerd's config and bundle, Deno's cache, a HOME. */
  work: string;
  secrets: Record<(typeof SECRET_NAMES)[number], string>;
}

interface Runtime {
  name: string;
  /** What the server says it runs on (GET /__runtime); for Node, the exact version. */
  reports: RegExp;
  backend: 'node' | 'web';
  start(setup: Setup): Promise<ServerProcess>;
}

/** Only what the server needs: no NODE_OPTIONS or loaders inherited from vitest. */
function childEnv(setup: Setup, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: join(setup.work, 'home'), NO_COLOR: '1', ...setup.secrets, ...extra };
}

const nodeRuntime = (version: string, binary: string): Runtime => ({
  name: `node ${version}`,
  reports: new RegExp(`^node ${version.replace(/\./g, '\\.')}$`),
  backend: 'node',
  start: (setup) => startServer(binary, [join(setup.servers, 'node.mjs')], { cwd: setup.servers, env: childEnv(setup), timeoutMs: START_TIMEOUT_MS, port: 'stdout' }),
});

let worker: WorkerBundle | undefined;

const RUNTIMES: Runtime[] = [
  nodeRuntime(process.versions.node, process.execPath),
  ...otherNodeBinaries().map((binary) => nodeRuntime(execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, ''), binary)),
  {
    name: 'bun',
    reports: /^bun \d/,
    backend: 'web',
    start: (setup) =>
      startServer(join(BIN, 'bun'), ['--no-install', join(setup.servers, 'bun.mjs')], {
        cwd: setup.servers,
        env: childEnv(setup, { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }),
        timeoutMs: START_TIMEOUT_MS,
        port: 'stdout',
      }),
  },
  {
    name: 'deno',
    reports: /^deno \d/,
    backend: 'web',
    start: (setup) =>
      startServer(
        join(BIN, 'deno'),
        ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-env=${SECRET_NAMES.join(',')}`, join(setup.servers, 'deno.mjs')],
        {
          cwd: setup.servers,
          env: childEnv(setup, { DENO_DIR: join(setup.work, 'deno'), DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' }),
          timeoutMs: START_TIMEOUT_MS,
          port: 'stdout',
        },
      ),
  },
  {
    name: 'workerd',
    reports: /^workerd$/,
    backend: 'web',
    async start(setup) {
      const dir = join(setup.work, 'workerd');
      mkdirSync(dir, { recursive: true });
      worker = await bundleWorker(join(setup.servers, 'worker.mjs'), setup.project.dir, dir);
      if (worker.nodeImports.length > 0) throw new Error(`the workerd bundle imports node: modules: ${worker.nodeImports.join(', ')}`);
      const config = writeWorkerdConfig(dir, setup.secrets);
      return startServer(join(BIN, 'workerd'), ['serve', basename(config), '--control-fd=3'], { cwd: dir, env: childEnv(setup), timeoutMs: START_TIMEOUT_MS, port: 'control-fd' });
    },
  },
];

async function getJson<T>(url: string): Promise<T> {
  return (await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).json()) as T;
}

let setup: Setup;
let keys: { own: BusinessPublicKey; other: BusinessPublicKey };
let context: Omit<ScenarioContext, 'baseUrl'>;

beforeAll(async () => {
  const project = await runtimeProject();
  const work = join(project.dir, 'work');
  mkdirSync(join(work, 'home'), { recursive: true });
  const [pair, other, encrypted] = await Promise.all([generateKeyPair(), generateKeyPair(), generateKeyPair({ passphrase: PASSPHRASE })]);
  // Unencrypted PKCS#1 (what generateKeyPair and `openssl genrsa -traditional` write) and the same
  // key as PKCS#8; the encrypted one as OpenSSL 3's `genrsa -des3` writes it (encrypted PKCS#8).
  const pkcs8 = createPrivateKey(pair.privateKeyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  const encryptedPkcs8 = createPrivateKey({ key: encrypted.privateKeyPem, passphrase: PASSPHRASE })
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
    .toString();
  const appSecret = 'runtime-app-secret-5e2a9b';
  setup = {
    project,
    servers: project.servers,
    work,
    secrets: { PRIVATE_KEY: pair.privateKeyPem, PRIVATE_KEY_PKCS8: pkcs8, ENCRYPTED_PRIVATE_KEY: encryptedPkcs8, KEY_PASSPHRASE: PASSPHRASE, APP_SECRET: appSecret },
  };
  context = { publicKeyPem: pair.publicKeyPem, otherPublicKeyPem: other.publicKeyPem, appSecret };
  keys = await scenarioKeys({ ...context, baseUrl: '' });
}, 11 * 60_000); // a cold packed build (test/packed.ts) may wait up to 10 minutes for its lock

afterAll(() => {
  if (setup) rmSync(setup.project.dir, { recursive: true, force: true });
});

describe.each(RUNTIMES.map((runtime) => [runtime.name, runtime] as const))('the endpoint on %s', (_name, runtime) => {
  let server: ServerProcess | undefined;
  const ctx = (): ScenarioContext => ({ ...context, baseUrl: server?.url ?? '' });

  beforeAll(async () => {
    server = await runtime.start(setup);
  }, 2 * START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
  });

  it(`the data channel runs on ${runtime.backend === 'node' ? 'node:crypto' : 'WebCrypto'}`, async () => {
    await withOutput(server, async () => {
      const probe = await getJson<{ runtime: string; backend: string; hasProcess: boolean }>(`${ctx().baseUrl}/__runtime`);
      expect(probe.backend).toBe(runtime.backend);
      expect(probe.runtime).toMatch(runtime.reports);
      // workerd without nodejs_compat: no process global, so no Node emulation at all.
      if (runtime.name === 'workerd') expect(probe.hasProcess).toBe(false);
    });
  });

  for (const step of SCENARIO) {
    it(step.name, async () => {
      await withOutput(server, () => step.run(ctx(), keys));
    });
  }

  it(runtime.backend === 'node' ? 'opens a passphrase-protected PEM' : 'refuses a passphrase-protected PEM with a clear error and no key material', async () => {
    await withOutput(server, async () => {
      const answer = await getJson<Record<string, unknown>>(`${ctx().baseUrl}/__encrypted-key`);
      if (runtime.backend === 'node') {
        expect(answer).toEqual({ loaded: true });
        return;
      }
      expect(answer).toMatchObject({ loaded: false, name: 'DataChannelError', code: 'ENCRYPTED_KEY_UNSUPPORTED' });
      const message = String(answer.message);
      expect(message).toContain("Store the key unencrypted in the platform's secret store");
      expect(message).not.toContain(PASSPHRASE);
      expect(message).not.toContain('-----');
      for (const line of setup.secrets.ENCRYPTED_PRIVATE_KEY.split('\n').filter((l) => l.length > 40)) expect(message).not.toContain(line.slice(0, 20));
    });
  });

  it('validates Flow JSON and runs a flow headlessly (waflow/flow-json, waflow/runtime)', async () => {
    await withOutput(server, async () => {
      const answer = await getJson<Record<string, unknown>>(`${ctx().baseUrl}/__core`);
      expect(answer).toEqual({
        valid: true,
        broken: { valid: false, code: expect.any(String), line: expect.any(Number) },
        refused: false,
        completion: { flow_token: 'core-probe', name: 'Ana' },
      });
    });
  });

  if (runtime.name === 'workerd') {
    it('was bundled without any node: import', () => {
      expect(worker?.nodeImports).toEqual([]);
    });
  }
});
