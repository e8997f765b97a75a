// Cost of the business endpoint against the RSA-OAEP unwrap it cannot avoid, in one run (the
// machine is shared and noisy, so every figure that matters is a ratio to a baseline measured
// alongside it):
//   1. rsa_oaep_cpu_us      one raw privateDecrypt (RSA-OAEP-SHA256, 2048-bit key, 16-byte
//                           payload), process.cpuUsage over many operations
//   2. endpoint_cpu_us      createFlowEndpoint's handler, web Request in → Response out, on
//                           pre-encrypted requests (built beforehand, not counted)
//      core_cpu_us          the same endpoint core without web Request/Response, as the
//                           node:http listener of src/endpoint/serve runs it
//   3. endpoint_cpu_ratio   2 ÷ 1, goal ≤ 1.15; measured in small interleaved blocks and taken
//                           as the median of per-round ratios, so a noisy neighbour slows both
//                           sides of a ratio alike
//   4. rsa_ceiling_per_s    two threads doing raw decryptions flat out (both cores)
//      <model>_rps(_ratio)  requests/s over real HTTP (127.0.0.1, keep-alive) from a separate
//                           load-generator process ÷ the ceiling measured just before each load
//                           window (median over windows; models interleaved); goal ≥ 0.9. Models: web =
//                           toNodeHandler(createFlowEndpoint()), one process; single, cluster =
//                           serveFlowEndpoint with 1 or 2 worker processes; threads = one HTTP
//                           thread handing the RSA unwrap to a pool of 2 worker_threads
//      <model>_cpu_ratio    the server processes' CPU per request (/proc) ÷ rsa_oaep_cpu_us
//   5. p50_ms, p99_ms       latency at that load, for the chosen model (cluster)
//
// Four runs on the shared 2-core machine (load average 10–18 from other jobs, so CPU times are
// inflated and the throughput models overlap; see src/endpoint/serve/serve.ts for the table):
//   rsa_oaep_cpu_us 880–1080; endpoint_cpu_ratio 1.55–1.72 (goal ≤ 1.15 not met under this
//   load); core_cpu_ratio 1.23–1.29; cluster_rps_ratio 0.40–0.63 (goal ≥ 0.9 not met);
//   p50 4–15 ms, p99 55–160 ms at 4 connections; generator 2–5 % of the two cores.
// Measured alone (tight loops, warm JIT), the non-RSA work is small: data channel ≈ 23 µs
// (2 AES-GCM contexts ≈ 15), reading the Request body ≈ 23 µs, building the Response ≈ 30 µs,
// against ≈ 750 µs of RSA; under contention the JS-heavy parts inflate far more than RSA does.
// perf on a warm cluster worker (main thread): RSA bignum 65 %, V8 (JS, builtins, GC) 20 %,
// kernel 5 %, other OpenSSL (AES-GCM contexts, OAEP, name lookups) 4 %, libc 3 %, llhttp/libuv
// 2 %: a flat tail, no single item over 1 %. The first load window used to include V8's
// optimising-compiler threads (~70 µs a request), hence warmupWindows. The cluster shares the
// two cores with the generator (~80–110 µs a request) while the ceiling has them to itself, so
// cluster_rps_ratio ≤ (2 s ÷ ceiling) ÷ (server + generator CPU per request): ≈ 0.88 even with
// zero server work beyond RSA; the 0.9 goal cannot be met with the generator on the same cores.
// Changes this benchmark led to: strict base64 checked arithmetically instead of re-encoding;
// the endpoint core works on bytes (createFlowProcessor), so node:http skips web
// Request/Response (createFlowRequestListener, and toNodeHandler's fast path); the envelope's
// base64 checked with a one-character search instead of an anchored whole-string pattern.
import type { ChildProcess } from 'node:child_process';
import { constants, createPrivateKey, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decryptResponse, encryptRequest, generateKeyPair, loadPublicKey } from '../src/data-channel/index.js';
import { createFlowEndpoint } from '../src/endpoint/index.js';
import { createFlowProcessor } from '../src/endpoint/handler.js';
import type { FlowInput } from '../src/endpoint/handler.js';
import { benchHandlers, benchRequest, quietLogger } from './endpoint-fixture.js';
import type { LoadPlan, LoadResult } from './endpoint-load.js';
import { nextMessage, processCpuUs, spawnTs } from './children.js';
import { percentile } from './measure.js';

export interface EndpointBenchOptions {
  /** Interleaved rounds for the CPU ratio; each round runs every candidate once. */
  rounds?: number;
  /** Operations per candidate per round. */
  perBlock?: number;
  /** Length of each RSA-ceiling measurement. */
  ceilingMs?: number;
  warmupMs?: number;
  /** Load windows per concurrency model, each right after its own ceiling measurement. */
  windows?: number;
  /** Length of one load window (bounded by maxRequests too). */
  durationMs?: number;
  maxRequests?: number;
  connections?: number;
  /**
   * Unmeasured load windows per server before the measured ones. Without one, V8's optimising
   * compiler is still at work in the first window: perf showed its threads at ~6 % of the
   * server's CPU (≈ 70 µs per request) in the first seconds under load, ~0.5 % once warm.
   */
  warmupWindows?: number;
}

const FULL: Required<EndpointBenchOptions> = {
  rounds: 120,
  perBlock: 8,
  ceilingMs: 1000,
  warmupMs: 300,
  windows: 3,
  durationMs: 1500,
  maxRequests: 20_000,
  connections: 4,
  warmupWindows: 1,
};

const MODELS = ['web', 'single', 'threads', 'cluster'] as const;
type Model = (typeof MODELS)[number];
const CHOSEN: Model = 'cluster';

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;
const DISTINCT = 64;

interface Candidate {
  /** Builds the block's inputs outside the measured time. */
  prepare?: (count: number, offset: number) => unknown[];
  run: (input: unknown, i: number) => unknown;
}

/**
 * Runs every candidate `perBlock` times per round, in a fresh random order each round, timing
 * each block with process.cpuUsage; returns CPU per operation and the median over rounds of
 * (candidate block ÷ baseline block of the same round).
 */
async function pairedCpu(candidates: Record<string, Candidate>, baseline: string, rounds: number, perBlock: number): Promise<Record<string, { us: number; ratio: number }>> {
  const names = Object.keys(candidates);
  const ratios: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const totals: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const warmup = Math.max(2, Math.ceil(rounds / 10));
  for (let round = -warmup; round < rounds; round++) {
    const order = [...names].sort(() => Math.random() - 0.5);
    const cpu: Record<string, number> = {};
    for (const name of order) {
      const candidate = candidates[name]!;
      const offset = (round + warmup) * perBlock;
      const inputs = candidate.prepare?.(perBlock, offset) ?? [];
      const start = process.cpuUsage();
      for (let i = 0; i < perBlock; i++) await candidate.run(inputs[i], offset + i);
      const used = process.cpuUsage(start);
      cpu[name] = used.user + used.system;
    }
    if (round < 0) continue;
    for (const name of names) {
      totals[name]! += cpu[name]!;
      // A block can read 0 µs when the clock ticks coarsely; skip rather than divide by it.
      if (cpu[baseline]! > 0) ratios[name]!.push(cpu[name]! / cpu[baseline]!);
    }
  }
  return Object.fromEntries(
    names.map((n) => [n, { us: totals[n]! / (rounds * perBlock), ratio: percentile([...ratios[n]!].sort((a, b) => a - b), 50) }]),
  );
}

// Two threads doing nothing but raw RSA-OAEP decryptions: the most the two cores can unwrap.
const CEILING_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, privateDecrypt, constants } = require('node:crypto');
const key = createPrivateKey(workerData.pem);
const options = { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
parentPort.postMessage('ready');
parentPort.once('message', (ms) => {
  const end = performance.now() + ms;
  let count = 0;
  while (performance.now() < end) for (let i = 0; i < 8; i++) privateDecrypt(options, workerData.wrapped[count++ % workerData.wrapped.length]);
  parentPort.postMessage(count);
});`;

async function rsaCeiling(pem: string, wrapped: Uint8Array[], ms: number, threads = 2): Promise<number> {
  const workers = Array.from({ length: threads }, () => new Worker(CEILING_WORKER, { eval: true, workerData: { pem, wrapped } }));
  try {
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    const t0 = performance.now();
    const counts = await Promise.all(workers.map((w) => new Promise<number>((resolve) => { w.once('message', resolve); w.postMessage(ms); })));
    return counts.reduce((a, b) => a + b, 0) / ((performance.now() - t0) / 1000);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

interface ModelRun {
  requests: number;
  wallMs: number;
  /** Median over windows of (requests/s in the window ÷ the ceiling measured just before it). */
  ratio: number;
  ceiling: number;
  latencies: number[];
  serverCpuUs: number;
  generatorCpuUs: number;
}

interface Rig {
  model: Model;
  server: ChildProcess;
  generator: ChildProcess;
  pids: number[];
}

/** Starts the model's server and an idle load generator connected to it. */
async function startRig(model: Model, keyFile: string, plan: Omit<LoadPlan, 'url'>, check: (url: string) => Promise<void>): Promise<Rig> {
  const server = spawnTs('endpoint-server.ts', [model, keyFile]);
  const { url, pids } = await nextMessage<{ url: string; pids: number[] }>(server, `the ${model} server`);
  await check(url);
  const generator = spawnTs('endpoint-load.ts', []);
  const ready = nextMessage<{ type: string }>(generator, 'the load generator');
  generator.send({ ...plan, url } satisfies LoadPlan);
  await ready;
  return { model, server, generator, pids };
}

async function stopRig(rig: Rig): Promise<void> {
  if (rig.generator.connected) rig.generator.send('stop');
  if (rig.server.connected) rig.server.send('stop');
  await new Promise((resolve) => (rig.server.exitCode === null ? rig.server.once('exit', resolve) : resolve(undefined)));
}

/** One load window on an idle rig; the server's CPU is read from /proc around it. */
async function loadWindow(rig: Rig): Promise<LoadResult & { serverCpuUs: number }> {
  const started = nextMessage<{ type: string }>(rig.generator, 'the load generator');
  rig.generator.send('window');
  await started;
  const cpu0 = processCpuUs(rig.pids);
  const load = await nextMessage<LoadResult>(rig.generator, 'the load generator');
  const serverCpuUs = processCpuUs(rig.pids) - cpu0;
  if (load.failures > 0) throw new Error(`the ${rig.model} server answered ${load.failures} requests with a non-200 status`);
  return { ...load, serverCpuUs };
}

/**
 * All models are served at once (idle until their turn); each round visits them in a fresh
 * random order, and each visit is the RSA ceiling (everything else idle) followed by a load
 * window on that model. So every model samples the same stretch of a noisy machine, and each
 * window is divided by a ceiling measured seconds before it.
 */
async function runModels(keyFile: string, pem: string, wrapped: Uint8Array[], plan: Omit<LoadPlan, 'url'>, o: Required<EndpointBenchOptions>, check: (url: string) => Promise<void>): Promise<Record<Model, ModelRun>> {
  const rigs: Rig[] = [];
  try {
    for (const model of MODELS) rigs.push(await startRig(model, keyFile, plan, check));
    // A long-running server is warm: let the JIT settle before anything is counted.
    for (let w = 0; w < o.warmupWindows; w++) for (const rig of rigs) await loadWindow(rig);
    const runs = Object.fromEntries(MODELS.map((m) => [m, { requests: 0, wallMs: 0, ratio: 0, ceiling: 0, latencies: [], serverCpuUs: 0, generatorCpuUs: 0 }])) as unknown as Record<Model, ModelRun>;
    const ratios = Object.fromEntries(MODELS.map((m) => [m, [] as number[]])) as Record<Model, number[]>;
    for (let w = 0; w < o.windows; w++) {
      for (const rig of [...rigs].sort(() => Math.random() - 0.5)) {
        const ceiling = await rsaCeiling(pem, wrapped, o.ceilingMs);
        const load = await loadWindow(rig);
        const run = runs[rig.model];
        ratios[rig.model].push(load.requests / (load.wallMs / 1000) / ceiling);
        run.requests += load.requests;
        run.wallMs += load.wallMs;
        run.ceiling += ceiling / o.windows;
        run.serverCpuUs += load.serverCpuUs;
        run.generatorCpuUs += load.cpuUs;
        run.latencies.push(...load.latencies);
      }
    }
    for (const model of MODELS) {
      runs[model].ratio = percentile(ratios[model].sort((a, b) => a - b), 50);
      runs[model].latencies.sort((a, b) => a - b);
    }
    return runs;
  } finally {
    await Promise.all(rigs.map(stopRig));
  }
}

export async function benchEndpoint(options: EndpointBenchOptions = {}): Promise<Record<string, number | string>> {
  const o = { ...FULL, ...options };
  const began = performance.now();
  const { privateKeyPem, publicKeyPem } = await generateKeyPair();
  const publicKey = await loadPublicKey(publicKeyPem);

  // Distinct requests, as in production: every request brings its own wrapped key.
  const sealed = await Promise.all(Array.from({ length: DISTINCT }, () => encryptRequest(benchRequest, publicKey)));
  const bodies = sealed.map((s) => JSON.stringify(s.envelope));
  const bodyBytes = bodies.map((b) => new TextEncoder().encode(b));
  const wrapped = Array.from({ length: DISTINCT }, () => new Uint8Array(publicEncrypt({ key: publicKeyPem, ...OAEP }, randomBytes(16))));
  const keyObject = createPrivateKey(privateKeyPem);

  const endpoint = createFlowEndpoint({ privateKey: privateKeyPem, handlers: benchHandlers, logger: quietLogger });
  const core = createFlowProcessor({ privateKey: privateKeyPem, handlers: benchHandlers, logger: quietLogger });
  const toRequest = (i: number): Request =>
    new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i % DISTINCT]! });

  // The path measured must be the success path: check one answer end to end first.
  const expected = { screen: 'CONFIRM', data: { department: 'shopping', ok: true } };
  const first = sealed[0]!;
  const sample = await endpoint(toRequest(0));
  const answer = await decryptResponse(await sample.text(), first.aesKey, first.iv);
  if (sample.status !== 200 || JSON.stringify(answer) !== JSON.stringify(expected)) throw new Error('the benchmark endpoint did not answer as expected');

  const cpu = await pairedCpu(
    {
      rsa: { run: (_, i) => privateDecrypt({ key: keyObject, ...OAEP }, wrapped[i % DISTINCT]!) },
      endpoint: {
        prepare: (count, offset) => Array.from({ length: count }, (_, i) => toRequest(offset + i)),
        run: async (request) => {
          const response = await endpoint(request as Request);
          if (response.status !== 200) throw new Error(`endpoint answered ${response.status}`);
        },
      },
      core: {
        run: async (_, i) => {
          const bytes = bodyBytes[i % DISTINCT]!;
          const input: FlowInput = { method: 'POST', header: () => null, readBody: async () => ({ ok: true, bytes }) };
          const reply = await core(input);
          if (reply.status !== 200) throw new Error(`endpoint core answered ${reply.status}`);
        },
      },
    },
    'rsa',
    o.rounds,
    o.perBlock,
  );

  // Throughput: the server reads the key from a file, as a deployment would.
  const dir = mkdtempSync(join(tmpdir(), 'waflow-bench-'));
  const keyFile = join(dir, 'private.pem');
  writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
  const check = async (url: string): Promise<void> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[1] });
    const got = await decryptResponse(await response.text(), sealed[1]!.aesKey, sealed[1]!.iv);
    if (response.status !== 200 || JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`the server at ${url} did not answer as expected`);
  };
  const plan = { bodies, connections: o.connections, warmupMs: o.warmupMs, durationMs: o.durationMs, maxRequests: o.maxRequests };
  let runs: Record<Model, ModelRun>;
  try {
    runs = await runModels(keyFile, privateKeyPem, wrapped, plan, o, check);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const r2 = (n: number): number => Math.round(n * 100) / 100;
  const r1 = (n: number): number => Math.round(n * 10) / 10;
  const rps = (run: ModelRun): number => run.requests / (run.wallMs / 1000);
  const chosen = runs[CHOSEN];
  const meanCeiling = MODELS.reduce((sum, m) => sum + runs[m].ceiling, 0) / MODELS.length;
  const result: Record<string, number> = {
    key_bits: 2048,
    rsa_oaep_cpu_us: r1(cpu.rsa!.us),
    endpoint_cpu_us: r1(cpu.endpoint!.us),
    endpoint_cpu_ratio: r2(cpu.endpoint!.ratio),
    core_cpu_us: r1(cpu.core!.us),
    core_cpu_ratio: r2(cpu.core!.ratio),
    rsa_ceiling_per_s: Math.round(meanCeiling),
  };
  for (const model of MODELS) {
    result[`${model}_rps`] = Math.round(rps(runs[model]));
    result[`${model}_rps_ratio`] = r2(runs[model].ratio);
    // Server CPU per request ÷ one raw RSA decryption: efficiency, which contention distorts less.
    result[`${model}_cpu_ratio`] = r2(runs[model].serverCpuUs / runs[model].requests / cpu.rsa!.us);
  }
  Object.assign(result, {
    connections: o.connections,
    requests: chosen.requests,
    p50_ms: r2(percentile(chosen.latencies, 50)),
    p99_ms: r2(percentile(chosen.latencies, 99)),
    server_cpu_per_request_us: r1(chosen.serverCpuUs / chosen.requests),
    generator_cpu_per_request_us: r1(chosen.generatorCpuUs / chosen.requests),
    // Share of the two cores the generator took during the windows.
    generator_cpu_share: r2(chosen.generatorCpuUs / 1000 / (2 * chosen.wallMs)),
    seconds: r1((performance.now() - began) / 1000),
  });
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchEndpoint();
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  process.stdout.write('business endpoint vs RSA-OAEP (chosen model: cluster, 2 workers)\n');
  for (const [name, value] of Object.entries(results)) process.stdout.write(`  ${name.padEnd(width)}  ${value}\n`);
}
