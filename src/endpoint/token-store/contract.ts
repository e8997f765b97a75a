// One behavioural suite every token store must pass (memory, Redis, PostgreSQL).
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
}
