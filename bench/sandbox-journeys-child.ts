// The process bench/sandbox-journeys.ts measures: a sandbox on PGlite in a temp folder, its webhooks
// delivered to a bare node:http receiver in this process, runs completed flow journeys
// (src/sandbox/phone/journey-test-kit.ts: sendFlow through the client, open, fill, complete) on
// `phones` phones at once. A journey ends when its nfm_reply webhook arrives. Every statement the
// sandbox sends to the store is counted by SQL text (statement-counter.ts).
// Usage (spawned by the bench): node --import tsx sandbox-journeys-child.ts <journeys> <phones> <warmup>
// Sends one JourneysResult over IPC, or prints it when run by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journeyRig } from '../src/sandbox/phone/journey-test-kit.js';
import { createSandbox } from '../src/sandbox/server.js';
import { openStore } from '../src/store/index.js';
import { percentile } from './measure.js';
import { countingStore } from './statement-counter.js';

export interface JourneysResult {
  readonly journeys: number;
  readonly phones: number;
  readonly seconds: number;
  readonly cpuUs: number;
  readonly statements: number;
  /** SQL text → statements over the measured journeys, most first. */
  readonly topStatements: [string, number][];
  readonly latenciesMs: number[];
  /** Webhooks the receiver got over the measured journeys, and how many were a second copy. */
  readonly webhooks: number;
  readonly duplicates: number;
  /** Measured journeys whose nfm_reply webhook arrived exactly once. */
  readonly repliesOnce: number;
  /** Delivery rows not recorded as delivered at the first attempt once all arrived (0: none to resend). */
  readonly unsettledRows: number;
}

interface WebhookBody {
  entry?: { changes?: { value?: { messages?: { id: string; interactive?: { nfm_reply?: { response_json: string } } }[]; statuses?: { id: string; status: string }[] } }[] }[];
}

/** A receiver that answers 200 and tells `onWebhook` the keys (`reply:<journey>`, `status:<id>:<status>`) of what arrived. */
async function startReceiver(onWebhook: (key: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookBody;
      for (const entry of body.entry ?? []) {
        for (const change of entry.changes ?? []) {
          for (const m of change.value?.messages ?? []) {
            const reply = m.interactive?.nfm_reply;
            if (reply === undefined) continue;
            const answer = String((JSON.parse(reply.response_json) as { answer?: unknown }).answer);
            onWebhook(`reply:${answer.replace(/^answer /, '')}`);
          }
          for (const s of change.value?.statuses ?? []) onWebhook(`status:${s.id}:${s.status}`);
        }
      }
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function runJourneys(journeys: number, phones: number, warmup: number): Promise<JourneysResult> {
  const dir = mkdtempSync(join(tmpdir(), 'waflow-bench-journeys-'));
  const seen = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const arrivedAt = new Map<string, number>();
  const receiver = await startReceiver((key) => {
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!arrivedAt.has(key)) arrivedAt.set(key, performance.now());
    waiters.get(key)?.();
    waiters.delete(key);
  });
  const arrival = (key: string): Promise<void> => (seen.has(key) ? Promise.resolve() : new Promise((resolve) => waiters.set(key, resolve)));
  const opened = await openStore({ dataDir: join(dir, 'pglite') });
  const { store, counts } = countingStore(opened);
  const sandbox = await createSandbox({ store, listen: false, templateApprovalDelayMs: -1, webhookUrls: [receiver.url] });
  try {
    const rig = await journeyRig(sandbox, phones);
    const sessionIds = new Map<number, string>();
    const run = async (from: number, to: number, startedAt: Map<number, number>): Promise<void> => {
      let next = from;
      await Promise.all(
        Array.from({ length: phones }, async () => {
          for (;;) {
            const i = next++;
            if (i >= to) return;
            startedAt.set(i, performance.now());
            const { sessionId, status } = await rig.run(i);
            sessionIds.set(i, sessionId);
            if (status !== 'completed') throw new Error(`journey ${i} ended ${status}`);
            // A closed loop, as a business's users are: a phone starts its next journey once the
            // business has this one's answer, so p50 is the latency a user's answer takes, not
            // the length of a queue that an open loop would build.
            await arrival(`reply:${i}`);
          }
        }),
      );
    };
    const settle = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i++) await arrival(`reply:${i}`);
      // Every status webhook of these journeys (sent, delivered, read) arrived too. rig.run names
      // the session, not the business message the statuses are keyed by: the store has both.
      const sessions = [...sessionIds.entries()].filter(([i]) => i >= from && i < to).map(([, id]) => id);
      const ids = await opened.query<{ message_id: string }>('SELECT message_id FROM phone_flow_sessions WHERE id = ANY($1::text[])', [sessions]);
      for (const { message_id } of ids) for (const s of ['sent', 'delivered', 'read']) await arrival(`status:${message_id}:${s}`);
    };
    const warm = new Map<number, number>();
    await run(0, warmup, warm);
    await settle(0, warmup);
    const seenBefore = [...seen.values()].reduce((a, b) => a + b, 0);
    const keysBefore = seen.size;
    counts.reset();
    const startedAt = new Map<number, number>();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await run(warmup, warmup + journeys, startedAt);
    for (let i = warmup; i < warmup + journeys; i++) await arrival(`reply:${i}`);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // The statuses of the last journeys may still be on their way: they belong to the count.
    await settle(warmup, warmup + journeys);
    const statements = counts.total();
    // The dispatcher records the attempts of a group after they finish: wait for that commit.
    let unsettledRows = -1;
    for (const deadline = performance.now() + 15_000; unsettledRows !== 0 && performance.now() < deadline; ) {
      const rows = await opened.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status <> 'delivered' OR attempt_count <> 1`);
      unsettledRows = rows[0]?.n ?? -1;
      if (unsettledRows !== 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const latenciesMs = Array.from({ length: journeys }, (_, k) => (arrivedAt.get(`reply:${warmup + k}`) ?? NaN) - (startedAt.get(warmup + k) ?? NaN)).sort((a, b) => a - b);
    const webhooks = [...seen.values()].reduce((a, b) => a + b, 0) - seenBefore;
    return {
      journeys,
      phones,
      seconds,
      cpuUs: cpu.user + cpu.system,
      statements,
      topStatements: [...counts.bySql.entries()].sort((a, b) => b[1] - a[1]),
      latenciesMs,
      webhooks,
      duplicates: webhooks - (seen.size - keysBefore),
      unsettledRows,
      repliesOnce: Array.from({ length: journeys }, (_, k) => seen.get(`reply:${warmup + k}`)).filter((n) => n === 1).length,
    };
  } finally {
    await sandbox.close();
    await opened.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('sandbox-journeys-child.ts')) {
  const result = await runJourneys(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 8), Number(process.argv[4] ?? 100));
  if (process.send !== undefined) process.send(result, () => process.exit(0));
  else {
    const per = (n: number): number => Math.round((n / result.journeys) * 100) / 100;
    console.log(`${result.journeys} journeys on ${result.phones} phones: ${(result.journeys / result.seconds).toFixed(1)}/s, ${per(result.statements)} statements/journey, p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms, CPU ${(result.cpuUs / result.journeys / 1000).toFixed(2)} ms/journey, ${result.webhooks} webhooks (${result.duplicates} duplicates)`);
    for (const [sql, n] of result.topStatements) console.log(`${per(n).toFixed(2).padStart(6)}  ${sql}`);
  }
}
