// GET /_sandbox/completions/:flowToken?wait=MS[&message_id=WAMID]: the completion a simulated
// phone produced for a flow token, long-polled. `waflow send --wait` uses it to print the answer
// of the message it sent without a webhook receiver.
//   200 { completion: { flow_token, response_json, message_id, reply_message_id, wa_id, flow_id,
//         session_id, completed_at } } as soon as a phone completes the flow (or at once when one
//         did already: the newest such completion);
//   204 when none arrived within `wait` ms (default 0, capped at MAX_WAIT_MS: a client asks again;
//       the cap stays below the HTTP clients' own header timeouts);
//   400 for a bad `wait`.
// `message_id` narrows it to the completion of that business message, so a token reused across
// sends (the default "unused", a fixed --token) does not answer with an older completion.
// A sandbox control like the other /_sandbox routes: no API key, as the phone routes.
//
// The completion is read from phone_flow_sessions: it counts once the row names the nfm_reply
// message (the session may show `completed` a moment before the phone has sent that reply; the
// reply, the row and its webhook commit together, then `message.received` is announced). The
// route re-reads on each announcement, and reads once after subscribing, so none is missed.
import type { SandboxContext } from '../context.js';
import { json } from '../router.js';
import type { Router } from '../router.js';

export const MAX_WAIT_MS = 30_000;

interface CompletionRow {
  id: string;
  message_id: string;
  flow_id: string;
  flow_token: string;
  completion: unknown;
  reply_message_id: string | null;
  updated_at: unknown;
  wa_id: string;
}

function problem(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

function iso(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? new Date(value).toISOString() : null;
}

async function findCompletion(ctx: SandboxContext, flowToken: string, messageId: string | undefined): Promise<Record<string, unknown> | undefined> {
  const rows = await ctx.store.query<CompletionRow>(
    `SELECT s.id, s.message_id, s.flow_id, s.flow_token, s.completion, s.reply_message_id, s.updated_at, p.number AS wa_id
     FROM phone_flow_sessions s JOIN phones p ON p.id = s.user_phone_id
     WHERE s.flow_token = $1 AND s.status = 'completed' AND s.completion IS NOT NULL AND s.reply_message_id IS NOT NULL
       AND ($2::text IS NULL OR s.message_id = $2)
     ORDER BY s.updated_at DESC LIMIT 1`,
    [flowToken, messageId ?? null],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const response = typeof row.completion === 'string' ? (JSON.parse(row.completion) as unknown) : row.completion;
  return {
    flow_token: row.flow_token,
    response_json: response,
    message_id: row.message_id,
    reply_message_id: row.reply_message_id,
    wa_id: row.wa_id,
    flow_id: row.flow_id,
    session_id: row.id,
    completed_at: iso(row.updated_at),
  };
}

function waitParam(text: string | null): number | string {
  if (text === null || text === '') return 0;
  if (!/^\d{1,9}$/.test(text)) return `wait must be a whole number of milliseconds (at most ${MAX_WAIT_MS}); got "${text.slice(0, 20)}"`;
  return Math.min(Number(text), MAX_WAIT_MS);
}

export function registerCompletionRoutes(router: Router): void {
  router.add('GET', '/_sandbox/completions/:flowToken', async (req, params, ctx) => {
    const flowToken = params.flowToken ?? '';
    if (flowToken === '') return problem(400, 'INVALID_INPUT', 'the flow token must not be empty');
    const query = new URL(req.url).searchParams;
    const wait = waitParam(query.get('wait'));
    if (typeof wait === 'string') return problem(400, 'INVALID_INPUT', wait);
    const messageId = query.get('message_id') ?? undefined;

    // `dirty` says an announcement came since the last read; `wake` cuts the current wait short.
    let dirty = false;
    let wake: () => void = () => undefined;
    const poke = (): void => {
      dirty = true;
      wake();
    };
    const offs = [
      ctx.events.on('session.changed', (e) => {
        if (e.status === 'completed') poke();
      }),
      ctx.events.on('message.received', poke),
    ];
    const aborted = (): boolean => req.signal?.aborted === true;
    try {
      const deadline = performance.now() + wait;
      for (;;) {
        dirty = false;
        const found = await findCompletion(ctx, flowToken, messageId);
        if (found !== undefined) return json({ completion: found });
        const left = deadline - performance.now();
        if (left <= 0 || aborted()) return new Response(null, { status: 204 });
        if (dirty) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, left);
          function done(): void {
            clearTimeout(timer);
            req.signal?.removeEventListener('abort', done);
            wake = () => undefined;
            resolve();
          }
          wake = done;
          req.signal?.addEventListener('abort', done, { once: true });
        });
      }
    } finally {
      for (const off of offs) off();
    }
  });
}
