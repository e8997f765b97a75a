// Kill-and-restart harness for the sandbox (used by crash.test.ts with bounded counts and by
// `npm run soak` for minutes): the sandbox runs as a child process (child.ts) on PGlite in a temp
// folder or on PostgreSQL in its own schema; a webhook receiver here records every delivery; a
// load generator makes calls over the sandbox's HTTP API (messages sent, flow messages opened and
// completed on phones) and records which were acknowledged (2xx). The child is killed with SIGKILL
// at random moments, or kills itself right after a state change commits (a deterministic kill
// point), and is restarted on the same data. At the end every webhook owed is checked:
//   owed = what acknowledged calls promise ∪ what the committed state implies (a message whose
//          status is `delivered` owes its `sent` and `delivered` webhooks, an nfm_reply owes its
//          message webhook), so a state change that committed without its webhook row is caught
//          even when the kill also cut its request off.
// lost = owed webhooks that never arrived. Duplicates are allowed (at-least-once) and reported.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GRAPH_VERSION } from '../../api/contract/dialects.js';
import { openStore } from '../../store/index.js';
import { copyPgliteTemplate } from '../../store/pglite-template.js';
import type { StoreKind } from '../../store/index.js';
import { CHILD_CONFIG_ENV } from './child.js';
import type { ChildConfig } from './child.js';

export interface HarnessOptions {
  readonly backend: StoreKind;
  /** PostgreSQL URL (backend 'postgres'); a fresh schema is made and dropped. */
  readonly databaseUrl?: string;
  /** Kills (each followed by a restart). */
  readonly kills: number;
  /** Every n-th kill is the child's own, right after a matching commit; the others come from here at random moments. */
  readonly selfKillEvery?: number;
  /** Concurrent callers. */
  readonly workers?: number;
  /** Longest wait for the final webhooks. */
  readonly settleMs?: number;
  /** Longest wait for a child to say READY (PGlite's first start runs initdb). */
  readonly startMs?: number;
  /** Longest a load phase runs before an external kill ends it. */
  readonly maxPhaseMs?: number;
  /** Where the child's source is (default: this folder's child.ts); the old-code comparison points elsewhere. */
  readonly childScript?: string;
  readonly log?: (line: string) => void;
}

export interface HarnessReport {
  readonly backend: StoreKind;
  /** HTTP calls made to the sandbox by the load generator. */
  readonly requests: number;
  readonly acknowledged: number;
  /** Kills after which the sandbox came back on the same data. */
  readonly killsSurvived: number;
  readonly selfKills: number;
  readonly webhooksExpected: number;
  readonly webhooksDelivered: number;
  readonly webhooksDuplicated: number;
  readonly lost: number;
  /** Up to 20 of the lost webhooks, as `kind:id[:status]`. */
  readonly lostSample: readonly string[];
  readonly durationMs: number;
  /** The children's output (show it when something failed). */
  readonly childOutput: string;
}

const CHILD_SCRIPT = join(import.meta.dirname, 'child.ts');
const APP_SECRET = 'crash-harness-secret';
const API_KEY = `sbx_crash_${randomBytes(8).toString('hex')}`;
/**
 * Statements that change state a webhook announces: a message's status, a new message, a flow's
 * status; at the start of the statement or as a step (WITH ...) of one that writes its webhook rows too.
 */
export const STATE_CHANGE_PATTERN = String.raw`^\s*(WITH\b[\s\S]*)?\b(UPDATE messages (m )?SET status|INSERT INTO messages|UPDATE flows (f )?SET status)`;

/** One screen that completes at once: the phone's submit completes the flow. */
const FLOW_JSON = JSON.stringify({
  version: '6.0',
  screens: [
    {
      id: 'DONE',
      title: 'Done',
      terminal: true,
      success: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: 'Thanks' },
          { type: 'Footer', label: 'Finish', 'on-click-action': { name: 'complete', payload: { rating: '5' } } },
        ],
      },
    },
  ],
});

type Json = Record<string, unknown>;

/** The keys a webhook body announces: `status:<wamid>:<status>`, `message:<wamid>`, `flow:<id>:<status>`. */
export function webhookKeys(body: unknown): string[] {
  const out: string[] = [];
  const b = body as Json;
  const values: Json[] = [];
  if (Array.isArray(b.entry)) {
    for (const entry of b.entry as Json[]) for (const change of (entry.changes ?? []) as Json[]) values.push((change.value ?? {}) as Json);
  } else {
    values.push(b);
  }
  for (const v of values) {
    for (const s of (v.statuses ?? []) as Json[]) out.push(`status:${String(s.id)}:${String(s.status)}`);
    for (const m of (v.messages ?? []) as Json[]) out.push(`message:${String(m.id)}`);
    if (v.event === 'FLOW_STATUS_CHANGE') out.push(`flow:${String(v.flow_id)}:${String(v.new_status)}`);
  }
  return out;
}

interface RecordingReceiver {
  readonly url: string;
  readonly counts: Map<string, number>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<RecordingReceiver> {
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        for (const key of webhookKeys(JSON.parse(Buffer.concat(chunks).toString('utf8')))) counts.set(key, (counts.get(key) ?? 0) + 1);
      } catch {
        // not JSON: not ours to count
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RunningChild {
  readonly url: string;
  readonly process: ChildProcess;
  readonly exited: Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runHarness(options: HarnessOptions): Promise<HarnessReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const workers = options.workers ?? 4;
  const selfKillEvery = options.selfKillEvery ?? 2;
  const startMs = options.startMs ?? 120_000;
  const settleMs = options.settleMs ?? 60_000;
  const maxPhaseMs = options.maxPhaseMs ?? 8_000;
  const output: string[] = [];
  const receiver = await startReceiver();
  const dataDir = options.backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'waflow-crash-')) : undefined;
  if (dataDir !== undefined) await copyPgliteTemplate(dataDir);
  const schema = options.backend === 'postgres' ? `waflow_crash_${process.pid}_${randomBytes(4).toString('hex')}` : undefined;
  const databaseUrl = options.backend === 'postgres' ? (options.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test') : undefined;
  const base: ChildConfig = {
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(schema === undefined ? {} : { schema }),
    webhookUrl: receiver.url,
    appSecret: APP_SECRET,
    apiKey: API_KEY,
  };
  const children = new Set<ChildProcess>();
  const owedByCalls = new Set<string>();
  let requests = 0;
  let acknowledged = 0;
  let killsSurvived = 0;
  let selfKills = 0;

  async function startChild(config: ChildConfig): Promise<RunningChild> {
    const child = spawn(process.execPath, ['--import', 'tsx', options.childScript ?? CHILD_SCRIPT], {
      env: { ...process.env, [CHILD_CONFIG_ENV]: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
      children.delete(child);
      output.push(`[child ${child.pid ?? '?'} exited: ${signal ?? code ?? '?'}]`);
      resolve();
    }));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error(`the sandbox child did not start within ${startMs} ms`)), startMs);
      child.stdout?.on('data', (d: Buffer) => {
        buffered += d.toString('utf8');
        const match = /READY (\S+)/.exec(buffered);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error('the sandbox child exited before it was ready'));
      });
    });
    return { url, process: child, exited };
  }

  async function call(url: string, method: string, path: string, body?: unknown, apiKey = false): Promise<{ status: number; body: Json } | undefined> {
    requests += 1;
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        // The number's key is both its D360-API-KEY and its Graph access token.
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(apiKey ? { 'D360-API-KEY': API_KEY, authorization: `Bearer ${API_KEY}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      const parsed = (await res.json().catch(() => ({}))) as Json;
      if (res.status >= 200 && res.status < 300) acknowledged += 1;
      return { status: res.status, body: parsed };
    } catch (error) {
      if (process.env.WAFLOW_CRASH_DEBUG !== undefined) log(`call ${method} ${path} failed: ${String(error)}`);
      return undefined; // cut off by a kill: not acknowledged
    }
  }

  const ok = (r: { status: number } | undefined): r is { status: number; body: Json } => r !== undefined && r.status >= 200 && r.status < 300;

  async function setup(url: string): Promise<string> {
    // Flows are managed on Graph's paths: /graph/{version}/{waba-id}/flows.
    const info = await call(url, 'GET', '/_sandbox');
    const wabaId = String((info?.body.account as Json | undefined)?.waba_id ?? '');
    const created = await call(url, 'POST', `/graph/${DEFAULT_GRAPH_VERSION}/${wabaId}/flows`, { name: `crash_${randomBytes(3).toString('hex')}`, categories: ['OTHER'], flow_json: FLOW_JSON, publish: true }, true);
    if (!ok(created) || created.body.success !== true) throw new Error(`setting up the flow failed: ${JSON.stringify(created?.body)}`);
    const id = String(created.body.id);
    owedByCalls.add(`flow:${id}:DRAFT`);
    owedByCalls.add(`flow:${id}:PUBLISHED`);
    return id;
  }

  let seq = 0;
  async function work(url: string, flowId: string, worker: number, running: () => boolean): Promise<void> {
    while (running()) {
      seq += 1;
      const to = `49151${String(worker).padStart(2, '0')}${String(seq % 50).padStart(5, '0')}`;
      if (seq % 2 === 0) {
        const sent = await call(url, 'POST', '/messages', { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: `hello ${seq}` } }, true);
        if (!ok(sent)) continue;
        const id = String(((sent.body.messages as Json[] | undefined)?.[0] ?? {}).id);
        owedByCalls.add(`status:${id}:sent`).add(`status:${id}:delivered`);
        continue;
      }
      const sent = await call(
        url,
        'POST',
        '/messages',
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to,
          type: 'interactive',
          interactive: {
            type: 'flow',
            body: { text: 'Rate us' },
            action: { name: 'flow', parameters: { flow_message_version: '3', flow_token: `tok-${seq}`, flow_id: flowId, flow_cta: 'Rate', flow_action: 'navigate', flow_action_payload: { screen: 'DONE' } } },
          },
        },
        true,
      );
      if (!ok(sent)) continue;
      const id = String(((sent.body.messages as Json[] | undefined)?.[0] ?? {}).id);
      owedByCalls.add(`status:${id}:sent`).add(`status:${id}:delivered`);
      const opened = await call(url, 'POST', `/_sandbox/phones/${to}/messages/${encodeURIComponent(id)}/open`);
      if (!ok(opened)) continue;
      owedByCalls.add(`status:${id}:read`);
      const done = await call(url, 'POST', `/_sandbox/sessions/${String(opened.body.session_id)}/submit`, {});
      if (!ok(done)) continue;
      const reply = ((done.body.session as Json | undefined)?.completion as Json | null | undefined)?.reply_message_id;
      if (typeof reply === 'string') owedByCalls.add(`message:${reply}`);
    }
  }

  /** What the committed state owes, read from the store while no child runs. */
  async function owedByState(): Promise<Set<string>> {
    const store = await openStore({ ...(dataDir === undefined ? {} : { dataDir }), ...(databaseUrl === undefined ? {} : { databaseUrl }), ...(schema === undefined ? {} : { schema }) });
    try {
      const owed = new Set<string>();
      const rows = await store.query<{ id: string; direction: string; type: string; status: string }>('SELECT id, direction, type, status FROM messages');
      const order = ['sent', 'delivered', 'read'];
      for (const r of rows) {
        if (r.direction === 'inbound') {
          if (r.type === 'interactive') owed.add(`message:${r.id}`);
          continue;
        }
        const reached = order.indexOf(r.status);
        for (let i = 0; i <= reached; i++) owed.add(`status:${r.id}:${order[i] ?? ''}`);
      }
      return owed;
    } finally {
      await store.close();
    }
  }

  try {
    let child = await startChild(base);
    const flowId = await setup(child.url);
    for (let kill = 1; kill <= options.kills; kill++) {
      const self = selfKillEvery > 0 && kill % selfKillEvery === 0;
      if (self) {
        // Restart armed: it dies by itself right after some state change commits.
        child.process.kill('SIGTERM');
        await child.exited;
        child = await startChild({ ...base, crashPattern: STATE_CHANGE_PATTERN, crashProbability: 0.05 });
      }
      let running = true;
      const load = Array.from({ length: workers }, (_, w) => work(child.url, flowId, w, () => running));
      const phaseEnd = sleep(self ? maxPhaseMs : 150 + Math.random() * Math.min(1500, maxPhaseMs)).then(() => 'timer' as const);
      const why = await Promise.race([child.exited.then(() => 'exited' as const), phaseEnd]);
      if (why === 'exited') selfKills += 1;
      else child.process.kill('SIGKILL');
      await child.exited;
      running = false;
      await Promise.all(load);
      log(`${options.backend}: kill ${kill}/${options.kills} (${why === 'exited' ? 'after a commit' : 'random'}), ${requests} requests so far`);
      child = await startChild(base);
      killsSurvived += 1;
    }
    // Final: read what the committed state owes (with no child holding PGlite), then let a
    // restarted sandbox deliver everything still pending.
    child.process.kill('SIGKILL');
    await child.exited;
    const owed = new Set([...owedByCalls, ...(await owedByState())]);
    child = await startChild(base);
    const deadline = Date.now() + settleMs;
    const missing = (): string[] => [...owed].filter((k) => (receiver.counts.get(k) ?? 0) === 0);
    while (missing().length > 0 && Date.now() < deadline) await sleep(100);
    child.process.kill('SIGTERM');
    await Promise.race([child.exited, sleep(10_000)]);
    const lost = missing();
    let duplicated = 0;
    for (const k of owed) duplicated += Math.max(0, (receiver.counts.get(k) ?? 0) - 1);
    return {
      backend: options.backend,
      requests,
      acknowledged,
      killsSurvived,
      selfKills,
      webhooksExpected: owed.size,
      webhooksDelivered: owed.size - lost.length,
      webhooksDuplicated: duplicated,
      lost: lost.length,
      lostSample: lost.slice(0, 20),
      durationMs: Date.now() - started,
      childOutput: output.join(''),
    };
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await receiver.close();
    if (schema !== undefined && databaseUrl !== undefined) {
      const store = await openStore({ databaseUrl });
      await store.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => store.close());
    }
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One line per figure, for the soak's output and a failing test's message. */
export function formatReport(r: HarnessReport): string {
  return [
    `backend ${r.backend}: ${Math.round(r.durationMs / 1000)} s`,
    `  requests            ${r.requests} (${r.acknowledged} acknowledged)`,
    `  kills survived      ${r.killsSurvived} (${r.selfKills} right after a commit)`,
    `  webhooks expected   ${r.webhooksExpected}`,
    `  webhooks delivered  ${r.webhooksDelivered}`,
    `  webhooks duplicated ${r.webhooksDuplicated}`,
    `  lost                ${r.lost}${r.lost > 0 ? ` e.g. ${r.lostSample.slice(0, 5).join(', ')}` : ''}`,
  ].join('\n');
}
