// waflow as users get it: the `npm pack` tarball installed into fresh projects (test/packed.ts),
// then used the way a plain Node app, a TypeScript app, a browser bundle and a shell would.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, packedProject } from './packed.js';
import type { PackedProject } from './packed.js';

const exec = promisify(execFile);
let packed: PackedProject;
const scratch = mkdtempSync(join(tmpdir(), 'waflow-package-test-'));

beforeAll(async () => {
  packed = await packedProject();
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; version: string };
const SUBPATHS = Object.keys(pkg.exports).filter((key) => key !== './package.json').map((key) => (key === '.' ? 'waflow' : `waflow/${key.slice(2)}`));

/** The entries of a .tgz: name and content (ustar, as npm writes it). */
function tarEntries(file: string): { name: string; content: Buffer }[] {
  const tar = gunzipSync(readFileSync(file));
  const entries: { name: string; content: Buffer }[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    entries.push({ name: prefix ? `${prefix}/${name}` : name, content: tar.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

async function npx(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('npx', ['--no-install', ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the tarball', () => {
  it('holds the built package and the browser app, and no test, fixture or private key', () => {
    const entries = tarEntries(packed.tarball);
    const names = entries.map((e) => e.name.replace(/^package\//, ''));
    expect(names).toContain('dist/flow-json/index.js');
    expect(names).toContain('dist/flow-json/index.d.ts');
    expect(names).toContain('dist/flow-json/index.d.ts.map');
    expect(names).toContain('dist/store/migrations/001_sandbox.sql');
    expect(names).toContain('ui/dist/index.html');
    expect(names).toContain('bin/waflow.js');
    expect(names.filter((n) => /\.test\.[cm]?[jt]s$|(^|\/)fixtures\/|test-kit|\.pem$|(^|\/)keys\//.test(n))).toEqual([]);
    const pemKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n(?:[A-Za-z0-9+/=:,\- ]*\r?\n){3,}/;
    expect(entries.filter((e) => pemKey.test(e.content.toString('latin1'))).map((e) => e.name)).toEqual([]);
  });

  it('passes publint and arethetypeswrong', async () => {
    // require(esm) works from Node 20.19 (our engines floor), so a CommonJS consumer can load
    // the ESM-only package; attw's cjs-resolves-to-esm rule predates that and is the one ignored.
    const bin = (name: string) => join(REPO, 'node_modules', '.bin', name);
    const publint = await exec(bin('publint'), ['run', packed.tarball, '--strict'], { cwd: scratch });
    expect(publint.stdout).toContain('All good');
    // attw exits non-zero (and exec throws with its report) on any problem not ignored.
    const attw = await exec(bin('attw'), [packed.tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii'], { cwd: scratch, maxBuffer: 64 * 1024 * 1024 });
    expect(attw.stdout).toContain('"waflow/endpoint"');
    expect(attw.stdout).not.toMatch(/Resolution failed|No types|Masquerading|Incorrect default export/);
  }, 180_000);
});

describe('plain Node ESM', () => {
  // The sandbox is the one subpath whose peers (hono, @hono/node-server) are imported statically:
  // it is a server, loaded only by `waflow dev` (which checks them first) and by tests that embed it.
  const importAll = (subpaths: readonly string[]) => `
      const out = {};
      for (const s of ${JSON.stringify(subpaths)}) {
        try { out[s] = Object.keys(await import(s)).length; } catch (e) { out[s] = String(e.code) + ' ' + e.message; }
      }
      const { validateFlow } = await import('waflow/flow-json');
      out.valid = validateFlow('{"version":"7.3","screens":[]}').valid;
      console.log(JSON.stringify(out));`;

  it('imports every subpath but the sandbox from a project that installed only waflow', async () => {
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', importAll(SUBPATHS)], { cwd: packed.lean });
    const out = JSON.parse(stdout) as Record<string, number | string | boolean>;
    for (const subpath of SUBPATHS.filter((s) => s !== 'waflow/sandbox')) expect(out[subpath], subpath).toBeGreaterThan(0);
    expect(out['waflow/sandbox']).toMatch(/ERR_MODULE_NOT_FOUND .*hono/);
    expect(out.valid).toBe(false);
  });

  it('imports every subpath, the sandbox included, once its optional peers are installed', async () => {
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', importAll(SUBPATHS)], { cwd: packed.full });
    const out = JSON.parse(stdout) as Record<string, number | string | boolean>;
    for (const subpath of SUBPATHS) expect(out[subpath], subpath).toBeGreaterThan(0);
  });

  it('names the package to install when an optional peer is missing', async () => {
    const script = `
      const { createPostgresTokenStore } = await import('waflow/endpoint/postgres');
      try { await createPostgresTokenStore({ connectionString: 'postgres://127.0.0.1/x' }); } catch (e) { console.log(e.code + ' ' + e.message); }`;
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: packed.lean });
    expect(stdout).toContain('PEER_MISSING');
    expect(stdout).toContain('npm install pg');
  });

  it('runs the Redis token store from a URL with no redis package installed', async () => {
    expect(existsSync(join(packed.lean, 'node_modules', 'redis'))).toBe(false);
    const prefix = `waflow-packed:${process.pid}:${Date.now()}:`;
    const script = `
      const { createRedisTokenStore } = await import('waflow/endpoint/redis');
      const store = await createRedisTokenStore({ url: ${JSON.stringify(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')}, keyPrefix: ${JSON.stringify(prefix)} });
      await store.issue('t', { ttlSeconds: 60 });
      const claim = await store.claim('t', { claimId: 'c', leaseMs: 1000 });
      const settled = await store.settle('t', 'c', 'complete');
      const again = await store.claim('t', { claimId: 'd', leaseMs: 1000 });
      await store.revoke('t');
      await store.close();
      console.log(JSON.stringify({ claimed: claim.ok, settled, again: again.ok ? 'ok' : again.reason }));`;
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: packed.lean });
    expect(JSON.parse(stdout)).toEqual({ claimed: true, settled: true, again: 'completed' });
  });
});

describe('a TypeScript consumer', () => {
  const consumer = `
import * as waflow from 'waflow';
import { validateFlow, generateJsonSchema } from 'waflow/flow-json';
import type { Diagnostic, ValidationResult } from 'waflow/flow-json';
import { startFlow } from 'waflow/runtime';
import { encryptRequest, loadPublicKey } from 'waflow/data-channel';
import { createFlowEndpoint, nextScreen, complete, createMemoryTokenStore } from 'waflow/endpoint';
import type { FlowEndpoint } from 'waflow/endpoint';
import { toNodeHandler, serveFlowEndpoint } from 'waflow/endpoint/node';
import { toExpressHandler } from 'waflow/endpoint/express';
import { registerFlowEndpoint } from 'waflow/endpoint/fastify';
import { createRedisTokenStore } from 'waflow/endpoint/redis';
import { createPostgresTokenStore } from 'waflow/endpoint/postgres';
import { createWebhookHandler, parseWebhook } from 'waflow/webhooks';
import { createClient } from 'waflow/api';
import { openStore, migrate } from 'waflow/store';
import { FlowTester } from 'waflow/testing';
import { createSandbox } from 'waflow/sandbox';

const result: ValidationResult = validateFlow('{}');
const first: Diagnostic | undefined = result.diagnostics[0];
// @ts-expect-error valid is a boolean: the types are real, not any
const wrong: string = result.valid;
const endpoint: FlowEndpoint = createFlowEndpoint({
  privateKey: 'PEM',
  tokenStore: createMemoryTokenStore(),
  handlers: { init: () => nextScreen('START', { name: 'Ana' }), dataExchange: { START: () => complete({ ok: true }) } },
});
const reply: Promise<Response> = endpoint(new Request('http://127.0.0.1/'));
export const used = [waflow.validateFlow, generateJsonSchema, startFlow, encryptRequest, loadPublicKey, toNodeHandler, serveFlowEndpoint,
  toExpressHandler, registerFlowEndpoint, createRedisTokenStore, createPostgresTokenStore, createWebhookHandler, parseWebhook,
  createClient, openStore, migrate, FlowTester, createSandbox, first, wrong, reply];
`;
  // Only the browser-safe core: no @types/node, no DOM beyond what a browser app has.
  const browserConsumer = `
import { validateFlow } from 'waflow/flow-json';
import { startFlow } from 'waflow/runtime';
export const checks = [validateFlow('{}').valid, startFlow];
`;

  async function typecheck(name: string, source: string, compilerOptions: Record<string, unknown>): Promise<string> {
    const dir = join(packed.full, `tscheck-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), source);
    const config = { compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, ...compilerOptions }, files: ['index.ts'] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
    try {
      await exec(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir });
      return '';
    } catch (error) {
      return (error as { stdout?: string }).stdout ?? String(error);
    }
  }

  it('type-checks with moduleResolution node16 and skipLibCheck off', async () => {
    expect(await typecheck('node16', consumer, { module: 'node16', moduleResolution: 'node16', types: ['node'], lib: ['ES2023'] })).toBe('');
  }, 120_000);

  it('type-checks with moduleResolution bundler and skipLibCheck off', async () => {
    expect(await typecheck('bundler', consumer, { module: 'ESNext', moduleResolution: 'bundler', types: ['node'], lib: ['ES2023', 'DOM'] })).toBe('');
  }, 120_000);

  it('type-checks the browser-safe core without Node types', async () => {
    expect(await typecheck('browser', browserConsumer, { module: 'ESNext', moduleResolution: 'bundler', types: [], lib: ['ES2023', 'DOM'] })).toBe('');
  }, 120_000);

  it('fails the check when a consumer misuses the types', async () => {
    const output = await typecheck('misuse', `import { validateFlow } from 'waflow/flow-json';\nexport const n: number = validateFlow('{}');\n`, {
      module: 'node16',
      moduleResolution: 'node16',
      types: ['node'],
    });
    expect(output).toMatch(/TS2322/);
  }, 120_000);
});

describe('a browser bundle', () => {
  it('bundles waflow/flow-json and waflow/runtime with no node: module', async () => {
    const esbuild = await import('esbuild');
    const nodeImports: string[] = [];
    const result = await esbuild.build({
      stdin: { contents: "export * from 'waflow/flow-json';\nexport * from 'waflow/runtime';\n", resolveDir: packed.lean, loader: 'js' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
      plugins: [
        {
          name: 'no-node-builtins',
          setup(build) {
            build.onResolve({ filter: /^node:|^(fs|path|crypto|buffer|url|os|util|http|process)$/ }, (args) => {
              nodeImports.push(`${args.path} (from ${args.importer})`);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    expect(nodeImports).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain('validateFlow');
  });
});

describe('the CLI from the install', () => {
  it('answers --version and --help with exit 0', async () => {
    const version = await npx(packed.lean, ['waflow', '--version']);
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await npx(packed.lean, ['waflow', '--help']);
    expect(help.code).toBe(0);
    for (const command of ['dev', 'validate', 'schema', 'keys', 'run']) expect(help.stdout).toContain(`  ${command} `);
  });

  it('validates a file: exit 0 when valid, 1 with a located error when not', async () => {
    const good = await npx(packed.lean, ['waflow', 'validate', join(REPO, 'examples', 'sign-up.json')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('1 valid');
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{\n  "version": "7.3",\n  "screens": [ { "id": "A" ] \n}\n');
    const bad = await npx(packed.lean, ['waflow', 'validate', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/broken\.json:3:\d+ error INVALID_FLOW_JSON/);
  });

  it('validate loads the validator only: no sandbox, store, database driver or crypto', async () => {
    const log = join(scratch, 'loaded.txt');
    writeFileSync(join(scratch, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
  return result;
}\n`);
    writeFileSync(join(scratch, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    const bin = join(packed.lean, 'node_modules', 'waflow', 'bin', 'waflow.js');
    await exec(process.execPath, ['--import', join(scratch, 'register.mjs'), bin, 'validate', join(REPO, 'examples', 'sign-up.json')], { cwd: scratch });
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((url) => url.includes('/dist/flow-json/validate/'))).toBe(true);
    const heavy = loaded.filter((url) => /\/dist\/(sandbox|store|data-channel|endpoint|runtime|testing|api)\/|node:crypto|pglite|\/node_modules\/(pg|redis)\//.test(url));
    expect(heavy).toEqual([]);
  });

  it('prints dev --help, and says which package to add when dev has no embedded database', async () => {
    const help = await npx(packed.lean, ['waflow', 'dev', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: waflow dev');
    const dev = await npx(packed.lean, ['waflow', 'dev', '--port', '0', '--data-dir', join(scratch, 'lean-data')]);
    expect(dev.code).toBe(1);
    expect(dev.stderr).toMatch(/npm install -D .*@electric-sql\/pglite/);
    expect(dev.stderr).toMatch(/npm install -D .*hono/);
  });

  it('serves the sandbox and its browser app from the install', async () => {
    const child = spawn('npx', ['--no-install', 'waflow', 'dev', '--port', '0', '--data-dir', join(scratch, 'full-data')], {
      cwd: packed.full,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL from waflow dev; stderr: ${stderr}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`waflow dev exited with ${code}; stderr: ${stderr}`)));
      });
      expect(stdout).toContain('shipped with the package');
      const page = await fetch(`${url}/builder`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect((await asset.text()).length).toBeGreaterThan(10_000);
    } finally {
      // npx runs waflow in a child of its own: stop the whole group.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    }
  }, 90_000);
});
