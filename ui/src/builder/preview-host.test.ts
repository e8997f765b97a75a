import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFlow } from '../../../src/runtime/index.js';
import { exampleData, exampleHost, nextScreen } from './preview-host.js';

const booking = JSON.parse(readFileSync(new URL('../../../examples/booking/flow.json', import.meta.url), 'utf8')) as unknown;

describe('the preview stand-in endpoint', () => {
  it('follows the routing model from the entry screen', () => {
    expect(nextScreen(booking, undefined)).toBe('APPOINTMENT');
    expect(nextScreen(booking, 'APPOINTMENT')).toBe('DETAILS');
    expect(nextScreen(booking, 'SUMMARY')).toBeUndefined();
  });

  it('starts an endpoint flow with INIT on the example data of its first screen', async () => {
    const session = await startFlow({ flow: booking, flowToken: 'tok', mode: { action: 'data_exchange' }, preview: true, host: exampleHost(booking) });
    expect(session.status).toBe('open');
    expect(session.screen.id).toBe('APPOINTMENT');
    expect(session.screen.data).toEqual(exampleData(booking, 'APPOINTMENT'));
    expect(Object.keys(session.screen.data).length).toBeGreaterThan(0);
  });
});
