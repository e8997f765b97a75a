// The registry of open flow sessions stays bounded: 2,000 journeys through a real sandbox on PGlite
// leave only the sessions still open in memory, every finished one answers from the store as it
// did from memory, and open ones are closed when idle past a flow token's life or, least recently
// used first, to stay under the cap. Journeys run in process (journey-test-kit.ts); the few route
// checks go over HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSandbox, tempDir } from './test-kit.js';
import type { Sandbox } from '../server.js';
import type { SessionChangedEvent } from './sessions.js';
import { act, findSession, liveSessionCount, liveSessions, openFlowMessage, setSessionLimits } from './sessions.js';
import { journeyRig } from './journey-test-kit.js';
import type { JourneyRig } from './journey-test-kit.js';
import { DEFAULT_SESSION_LIMITS, SessionRegistry } from './registry.js';
import type { Registered } from './registry.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const JOURNEYS = 2_000;
const ENDPOINT_FLOW = JSON.stringify({
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { ASK: [] },
  screens: [{ id: 'ASK', title: 'Ask', terminal: true, data: {}, layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }] } }],
});
const PHONES = 8;

const dir = tempDir('waflow-registry-');
let sandbox: Sandbox;
let rig: JourneyRig;
// The sandbox's clock runs with real time plus what a test skips ahead.
let skippedMs = 0;

beforeAll(async () => {
  sandbox = await startSandbox(dir.path, { clock: () => new Date(Date.now() + skippedMs) });
  rig = await journeyRig(sandbox, PHONES);
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  dir.remove();
});

async function get(path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sandbox.url}${path}`);
  return { status: res.status, body: (await res.json()) as Json };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Opens a fresh flow message on phone `waId` and leaves the session open. */
async function openOne(i: number): Promise<string> {
  return (await rig.run(i, 'leave-open')).sessionId;
}

describe('the registry of open flow sessions', () => {
  const leftOpen: string[] = [];
  const closed: string[] = [];
  const completed: string[] = [];

  it(`holds only the open sessions after ${JOURNEYS} journeys`, { timeout: 300_000 }, async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: PHONES }, async () => {
        for (;;) {
          const i = next++;
          if (i >= JOURNEYS) return;
          // Every 100th journey is left open, and another closed with the back button.
          const end = i % 100 === 7 ? 'leave-open' : i % 100 === 57 ? 'close' : 'complete';
          const { sessionId, status } = await rig.run(i, end);
          expect(status).toBe(end === 'leave-open' ? 'open' : end === 'close' ? 'closed' : 'completed');
          (end === 'leave-open' ? leftOpen : end === 'close' ? closed : completed).push(sessionId);
        }
      }),
    );
    const held = liveSessions(sandbox.context);
    expect(held.map((s) => s.id).sort()).toEqual([...leftOpen].sort());
    expect(held.every((s) => s.status === 'open')).toBe(true);
    expect(liveSessionCount(sandbox.context)).toBe(JOURNEYS / 100);

    // Every journey's row is in the store; each finished one with its last view.
    const rows = await sandbox.context.store.query<{ status: string; n: number; viewed: number }>(
      `SELECT status, count(*)::int AS n, count(final_view)::int AS viewed FROM phone_flow_sessions GROUP BY status ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'closed', n: closed.length, viewed: closed.length },
      { status: 'completed', n: completed.length, viewed: completed.length },
      { status: 'open', n: leftOpen.length, viewed: 0 },
    ]);
  });

  it('answers for a finished session from the store as it did from memory', { timeout: 60_000 }, async () => {
    const id = completed[completed.length - 1] as string;
    const { status, body } = await get(`/_sandbox/sessions/${id}`);
    expect(status).toBe(200);
    expect(body.session).toMatchObject({ id, status: 'completed', flow_id: rig.flowId, screen: { id: 'ASK' }, history: ['ASK'], errors: { fields: {} } });
    expect(body.session.form.answer).toMatch(/^answer \d+$/);
    expect(body.session.completion.response_json).toEqual({ flow_token: expect.stringMatching(/^journey-\d+$/), answer: body.session.form.answer });
    expect(body.session.completion.reply_message_id).toMatch(/^wamid\./);
    expect(body.session.summary).toEqual([expect.objectContaining({ screen: 'ASK', value: body.session.form.answer })]);

    // An action on it is refused as the runtime refuses one on a completed flow, with the view.
    const submit = await post(`/_sandbox/sessions/${id}/submit`, {});
    expect(submit.status).toBe(422);
    expect(submit.body).toMatchObject({ ok: false, reason: 'the flow is completed', session: { id, status: 'completed' } });
    const fill = await post(`/_sandbox/sessions/${id}/fill`, { name: 'answer', value: 'again' });
    expect(fill.status).toBe(422);
    expect(fill.body).toMatchObject({ ok: false, reason: 'the flow is completed', session: { form: body.session.form } });

    const back = await get(`/_sandbox/sessions/${closed[0] as string}`);
    expect(back.body.session).toMatchObject({ status: 'closed', completion: null });

    expect((await get('/_sandbox/sessions/ps_nosuchsession')).status).toBe(404);
    // An open one is still the running session.
    const open = await get(`/_sandbox/sessions/${leftOpen[0] as string}`);
    expect(open.body.session).toMatchObject({ status: 'open', screen: { id: 'ASK' } });
  });

  it('closes the least recently used idle sessions beyond the cap', { timeout: 60_000 }, async () => {
    const ctx = sandbox.context;
    const before = liveSessionCount(ctx);
    setSessionLimits(ctx, { maxOpen: before + 2 });
    try {
      const oldest = liveSessions(ctx)[0]?.id as string;
      const second = liveSessions(ctx)[1]?.id as string;
      const changes: SessionChangedEvent[] = [];
      const off = ctx.events.on('session.changed', (e) => {
        changes.push(e);
      });
      // Looking at the oldest makes it the most recently used: the second oldest goes first.
      await findSession(ctx, oldest);
      const a = await openOne(JOURNEYS + 1);
      const b = await openOne(JOURNEYS + 2);
      expect(liveSessionCount(ctx)).toBe(before + 2);
      const c = await openOne(JOURNEYS + 3);
      off();
      const held = liveSessions(ctx).map((s) => s.id);
      expect(held).toHaveLength(before + 2);
      expect(held).toContain(oldest);
      expect(held).not.toContain(second);
      expect(held.slice(-3)).toEqual([a, b, c]);
      expect(changes).toContainEqual(expect.objectContaining({ sessionId: second, status: 'closed' }));
      const gone = await get(`/_sandbox/sessions/${second}`);
      expect(gone.body.session).toMatchObject({ id: second, status: 'closed', screen: { id: 'ASK' } });
    } finally {
      setSessionLimits(ctx, DEFAULT_SESSION_LIMITS);
    }
  });

  it("closes sessions left idle past a flow token's life", { timeout: 60_000 }, async () => {
    const ctx = sandbox.context;
    const idle = liveSessions(ctx).map((s) => s.id);
    expect(idle.length).toBeGreaterThan(0);
    const touched = idle[0] as string;
    skippedMs += DEFAULT_SESSION_LIMITS.idleMs - 60_000;
    await act(ctx, touched, { kind: 'fill', name: 'answer', value: 'still here' });
    skippedMs += 120_000;
    // Opening another session sweeps: all but the one used a minute ago have been idle a day.
    const fresh = await openOne(JOURNEYS + 4);
    expect(liveSessions(ctx).map((s) => s.id).sort()).toEqual([touched, fresh].sort());
    const rows = await ctx.store.query<{ id: string; status: string }>(`SELECT id, status FROM phone_flow_sessions WHERE id = ANY($1::text[])`, [idle]);
    for (const row of rows) expect(row.status).toBe(row.id === touched ? 'open' : 'closed');
    const refused = await act(ctx, idle[1] as string, { kind: 'submit' });
    expect(refused.result).toEqual({ ok: false, reason: 'the flow is closed' });
    // The one in use completes as usual and leaves.
    const done = await act(ctx, touched, { kind: 'submit' });
    expect(done.result).toMatchObject({ ok: true, outcome: 'completed' });
    expect(liveSessions(ctx).map((s) => s.id)).toEqual([fresh]);
  });

  it('lets a session that stopped with an error go at once', { timeout: 60_000 }, async () => {
    const ctx = sandbox.context;
    // A data_exchange flow whose INIT cannot be sent (no business public key was uploaded): the
    // session opens in status "error", as a phone shows "Something went wrong".
    const { id: flowId } = await rig.client.flows.create({ name: `unreachable_${Date.now()}`, categories: ['OTHER'], endpointUri: `http://127.0.0.1:${await freePort()}/flow` });
    await rig.client.flows.uploadJson(flowId, ENDPOINT_FLOW);
    const waId = rig.waIds[0] as string;
    const sent = await rig.client.messages.sendFlow({ to: waId, body: 'Book', flowId, flowCta: 'Book', mode: 'draft', flowAction: 'data_exchange', flowToken: 'err-1' });
    const before = liveSessionCount(ctx);
    const live = await openFlowMessage(ctx, waId, sent.messages[0]?.id as string);
    expect(live.session?.status).toBe('error');
    expect(liveSessionCount(ctx)).toBe(before);
    const { body } = await get(`/_sandbox/sessions/${live.id}`);
    expect(body.session).toMatchObject({ id: live.id, status: 'error', errors: { session: { kind: 'endpoint' } } });
    const refused = await post(`/_sandbox/sessions/${live.id}/back`, {});
    expect(refused.body).toMatchObject({ ok: false, reason: expect.stringMatching(/^the flow stopped: /) });
  });
});

describe('SessionRegistry.pickToClose', () => {
  const entry = (id: string): Registered => ({ id, lastActiveMs: 0, busy: 0, closing: false });

  function filled(n: number): { r: SessionRegistry<Registered>; items: Registered[] } {
    const r = new SessionRegistry<Registered>();
    r.limits = { maxOpen: 3, idleMs: 1_000 };
    const items = Array.from({ length: n }, (_, i) => entry(`s${i}`));
    items.forEach((s, i) => r.touch(s, i));
    return { r, items };
  }

  it('picks nothing while there is room and nothing is stale', () => {
    const { r } = filled(2);
    expect(r.pickToClose(10)).toEqual([]);
  });

  it('picks the least recently used to make room, and marks them closing', () => {
    const { r, items } = filled(3);
    r.touch(items[0] as Registered, 5);
    const picked = r.pickToClose(10);
    expect(picked.map((s) => s.id)).toEqual(['s1']);
    expect(items[1]?.closing).toBe(true);
    // Already picked: a second caller picks the next one only if still short of room.
    expect(r.pickToClose(10).map((s) => s.id)).toEqual([]);
    expect(r.pickToClose(10, 2).map((s) => s.id)).toEqual(['s2']);
  });

  it('never picks a session running an action', () => {
    const { r, items } = filled(4);
    (items[0] as Registered).busy = 1;
    (items[1] as Registered).busy = 1;
    expect(r.pickToClose(10).map((s) => s.id)).toEqual(['s2', 's3']);
  });

  it('picks every stale session, room or not', () => {
    const { r } = filled(2);
    expect(r.pickToClose(1_000).map((s) => s.id)).toEqual(['s0']);
    expect(r.pickToClose(5_000).map((s) => s.id)).toEqual(['s1']);
  });
});
