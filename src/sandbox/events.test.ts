import { describe, expect, it } from 'vitest';
import { createEventBus } from './events.js';
import type { FlowStatusEvent } from './events.js';

const event = (newStatus: FlowStatusEvent['newStatus']): FlowStatusEvent => ({ flowId: '1', flowName: 'f', oldStatus: 'DRAFT', newStatus, at: new Date(0) });

describe('createEventBus', () => {
  it('delivers to every listener and waits for async ones', async () => {
    const bus = createEventBus();
    const got: string[] = [];
    bus.on('flow.status', (e) => {
      got.push(`a:${e.newStatus}`);
    });
    bus.on('flow.status', async (e) => {
      await new Promise((r) => setTimeout(r, 10));
      got.push(`b:${e.newStatus}`);
    });
    await bus.emit('flow.status', event('PUBLISHED'));
    expect(got.sort()).toEqual(['a:PUBLISHED', 'b:PUBLISHED']);
  });

  it('keeps going when a listener throws, and reports it', async () => {
    const failures: string[] = [];
    const bus = createEventBus((name, error) => failures.push(`${name}:${(error as Error).message}`));
    const got: string[] = [];
    bus.on('flow.status', () => {
      throw new Error('boom');
    });
    bus.on('flow.status', (e) => {
      got.push(e.newStatus);
    });
    await expect(bus.emit('flow.status', event('DEPRECATED'))).resolves.toBeUndefined();
    expect(got).toEqual(['DEPRECATED']);
    expect(failures).toEqual(['flow.status:boom']);
  });

  it('unsubscribes, resolves once() on the first matching event, and clears', async () => {
    const bus = createEventBus();
    const got: string[] = [];
    const off = bus.on('flow.status', (e) => {
      got.push(e.newStatus);
    });
    const next = bus.once('flow.status', (e) => e.newStatus === 'BLOCKED');
    await bus.emit('flow.status', event('THROTTLED'));
    off();
    await bus.emit('flow.status', event('BLOCKED'));
    await expect(next).resolves.toMatchObject({ newStatus: 'BLOCKED' });
    expect(got).toEqual(['THROTTLED']);
    bus.on('flow.status', (e) => {
      got.push(e.newStatus);
    });
    bus.clear();
    await bus.emit('flow.status', event('PUBLISHED'));
    expect(got).toEqual(['THROTTLED']);
  });
});
