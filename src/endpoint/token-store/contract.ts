// One behavioural suite every token store must pass (memory, Redis, PostgreSQL), including the
// claim semantics that give one completion per flow token (types.ts).
import { expect, it } from 'vitest';
import type { FlowTokenStore } from './types.js';

export interface StoreFixture {
  store: FlowTokenStore;
  clock: { now: number };
  /** A second store on the same backend, as another endpoint instance would have. */
  peer?: FlowTokenStore;
}

export function tokenStoreContract(make: () => Promise<StoreFixture>): void {
  it('issues a token, then returns it as active with its data and times', async () => {
    const { store, clock } = await make();
    const issued = await store.issue('t1', { ttlSeconds: 30, data: { customer: 'ana', items: [1, 2], nested: { a: {} } } });
    expect(issued).toEqual({ token: 't1', status: 'active', data: { customer: 'ana', items: [1, 2], nested: { a: {} } }, issuedAt: clock.now, expiresAt: clock.now + 30_000 });
    expect(await store.get('t1')).toEqual(issued);
  });

  it('returns undefined for an unknown token and after it expires', async () => {
    const { store, clock } = await make();
    expect(await store.get('nobody')).toBeUndefined();
    await store.issue('t2', { ttlSeconds: 10 });
    clock.now += 9_999;
    expect((await store.get('t2'))?.status).toBe('active');
    clock.now += 1;
    expect(await store.get('t2')).toBeUndefined();
    expect(await store.markCompleted('t2')).toBe(false);
    expect(await store.saveData('t2', { a: 1 })).toBe(false);
  });

  it('marks a token completed and keeps it readable as completed', async () => {
    const { store } = await make();
    await store.issue('t3', { ttlSeconds: 60, data: { x: 1 } });
    expect(await store.markCompleted('t3')).toBe(true);
    expect(await store.get('t3')).toMatchObject({ status: 'completed', data: { x: 1 } });
    expect(await store.markCompleted('missing')).toBe(false);
  });

  it('saves session data, and re-issuing resets status and data', async () => {
    const { store } = await make();
    await store.issue('t4', { ttlSeconds: 60 });
    expect((await store.get('t4'))?.data).toBeUndefined();
    expect(await store.saveData('t4', { step: 2 })).toBe(true);
    expect((await store.get('t4'))?.data).toEqual({ step: 2 });
    await store.markCompleted('t4');
    await store.issue('t4', { ttlSeconds: 60 });
    expect(await store.get('t4')).toMatchObject({ status: 'active', data: undefined });
  });

  it('revokes a token', async () => {
    const { store } = await make();
    await store.issue('t5', { ttlSeconds: 60 });
    await store.revoke('t5');
    expect(await store.get('t5')).toBeUndefined();
  });

  it('refuses an empty token and a non-positive ttl', async () => {
    const { store } = await make();
    await expect(store.issue('', { ttlSeconds: 5 })).rejects.toThrow(/non-empty/);
    await expect(store.issue('t6', { ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
    await expect(store.issue('t6', { ttlSeconds: Number.NaN })).rejects.toThrow(/ttlSeconds/);
  });

  it('shares state with another instance on the same backend', async () => {
    const { store, peer } = await make();
    if (peer === undefined) return; // in-memory stores are per process by design
    await store.issue('shared', { ttlSeconds: 60, data: { who: 'first' } });
    expect((await peer.get('shared'))?.data).toEqual({ who: 'first' });
    await peer.markCompleted('shared');
    expect((await store.get('shared'))?.status).toBe('completed');
  });

  const LEASE = 30_000;
  const hold = (claimId: string, leaseMs = LEASE) => ({ claimId, leaseMs });

  it('claims an active token for one request, hands it the record, and refuses a second claim', async () => {
    const { store } = await make();
    const issued = await store.issue('c1', { ttlSeconds: 60, data: { step: 1 } });
    expect(await store.claim('c1', hold('a'))).toEqual({ ok: true, record: issued });
    expect(await store.claim('c1', hold('b'))).toEqual({ ok: false, reason: 'claimed' });
    // A claim is the store's business: the record users read does not change.
    expect(await store.get('c1')).toEqual(issued);
  });

  it('releases a claim so the next request can claim the token; only the holder settles', async () => {
    const { store } = await make();
    await store.issue('c2', { ttlSeconds: 60 });
    expect((await store.claim('c2', hold('a'))).ok).toBe(true);
    expect(await store.settle('c2', 'not-a', 'release')).toBe(false);
    expect(await store.settle('c2', 'not-a', 'complete')).toBe(false);
    expect(await store.settle('c2', 'a', 'release')).toBe(true);
    expect((await store.get('c2'))?.status).toBe('active');
    expect((await store.claim('c2', hold('b'))).ok).toBe(true);
    expect(await store.settle('c2', 'a', 'release')).toBe(false);
    expect(await store.settle('c2', 'a', 'complete')).toBe(false);
  });

  it('settles a claim as completed: the token is spent and every later claim says completed', async () => {
    const { store } = await make();
    await store.issue('c3', { ttlSeconds: 60, data: { x: 1 } });
    expect((await store.claim('c3', hold('a'))).ok).toBe(true);
    expect(await store.settle('c3', 'a', 'complete')).toBe(true);
    expect(await store.get('c3')).toMatchObject({ status: 'completed', data: { x: 1 } });
    expect(await store.claim('c3', hold('b'))).toEqual({ ok: false, reason: 'completed' });
    expect(await store.settle('c3', 'a', 'complete')).toBe(false);
  });

  it('refuses to claim an unknown, an expired or a completed token, with the reason', async () => {
    const { store, clock } = await make();
    expect(await store.claim('nobody', hold('a'))).toEqual({ ok: false, reason: 'unknown' });
    await store.issue('c4', { ttlSeconds: 10 });
    await store.issue('c4-done', { ttlSeconds: 60 });
    await store.markCompleted('c4-done');
    expect(await store.claim('c4-done', hold('a'))).toEqual({ ok: false, reason: 'completed' });
    expect((await store.claim('c4', hold('a'))).ok).toBe(true);
    clock.now += 10_000;
    // The token expired while claimed: it cannot be claimed again, nor complete any more. (A store
    // may forget an expired token once it looked at it, and say 'unknown' from then on.)
    expect(await store.claim('c4', hold('b'))).toEqual({ ok: false, reason: 'expired' });
    expect(await store.settle('c4', 'a', 'complete')).toBe(false);
  });

  it('lets another request take the token over when the lease runs out; the old holder then cannot settle', async () => {
    const { store, clock } = await make();
    await store.issue('c5', { ttlSeconds: 600 });
    expect((await store.claim('c5', hold('crashed', 5_000))).ok).toBe(true);
    clock.now += 4_999;
    expect(await store.claim('c5', hold('b'))).toEqual({ ok: false, reason: 'claimed' });
    clock.now += 1;
    expect((await store.claim('c5', hold('b'))).ok).toBe(true);
    expect(await store.settle('c5', 'crashed', 'complete')).toBe(false);
    expect(await store.settle('c5', 'crashed', 'release')).toBe(false);
    expect(await store.settle('c5', 'b', 'complete')).toBe(true);
  });

  it('settles a claim whose lease ran out while nobody took the token over', async () => {
    const { store, clock } = await make();
    await store.issue('c6', { ttlSeconds: 600 });
    expect((await store.claim('c6', hold('slow', 1_000))).ok).toBe(true);
    clock.now += 2_000;
    expect(await store.settle('c6', 'slow', 'complete')).toBe(true);
    expect((await store.get('c6'))?.status).toBe('completed');
  });

  it('re-issuing a token drops its claim, and markCompleted spends a claimed token', async () => {
    const { store } = await make();
    await store.issue('c7', { ttlSeconds: 60 });
    expect((await store.claim('c7', hold('a'))).ok).toBe(true);
    await store.issue('c7', { ttlSeconds: 60 });
    expect(await store.settle('c7', 'a', 'complete')).toBe(false);
    expect((await store.claim('c7', hold('b'))).ok).toBe(true);
    expect(await store.markCompleted('c7')).toBe(true);
    expect(await store.settle('c7', 'b', 'complete')).toBe(false);
    expect(await store.claim('c7', hold('c'))).toEqual({ ok: false, reason: 'completed' });
  });

  it('gives exactly one of 20 concurrent claims the token, across instances', async () => {
    const { store, peer } = await make();
    await store.issue('c8', { ttlSeconds: 60 });
    const stores = [store, peer ?? store];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (stores[i % 2] as typeof store).claim('c8', hold(`r${i}`))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(Array(19).fill('claimed'));
  });

  it('refuses an empty claim id and a non-positive lease', async () => {
    const { store } = await make();
    await store.issue('c9', { ttlSeconds: 60 });
    await expect(store.claim('c9', hold(''))).rejects.toThrow(/claimId/);
    await expect(store.claim('c9', hold('a', 0))).rejects.toThrow(/leaseMs/);
    await expect(store.claim('', hold('a'))).rejects.toThrow(/non-empty/);
  });
}
