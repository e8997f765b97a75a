import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../data-channel/index.js';
import { createFlowEndpoint, nextScreen } from '../endpoint/index.js';
import { FlowTester } from './flow-tester.js';

// A cleared optional text field is sent as "" (WhatsApp's web client, issue 15), through the real
// encrypted endpoint round trip and in the complete payload; a field never touched stays out.
const FLOW = {
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { ASK: ['DONE'], DONE: [] },
  screens: [
    {
      id: 'ASK',
      title: 'Ask',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'nick', label: 'Nickname' },
          { type: 'TextArea', name: 'notes', label: 'Notes' },
          { type: 'TextInput', name: 'untouched', label: 'Untouched' },
          { type: 'Footer', label: 'Send', 'on-click-action': { name: 'data_exchange', payload: { nick: '${form.nick}', notes: '${form.notes}', untouched: '${form.untouched}' } } },
        ],
      },
    },
    {
      id: 'DONE',
      title: 'Done',
      terminal: true,
      data: { nick: { type: 'string', __example__: 'x' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'again', label: 'Again' },
          { type: 'Footer', label: 'Finish', 'on-click-action': { name: 'complete', payload: { nick: '${data.nick}', again: '${form.again}' } } },
        ],
      },
    },
  ],
};

describe('a cleared optional text field, end to end', () => {
  let keys: { privateKeyPem: string; publicKeyPem: string };
  beforeAll(async () => {
    keys = await generateKeyPair();
  });

  it('reaches the endpoint and the complete payload as ""', async () => {
    const received: Record<string, unknown>[] = [];
    const handler = createFlowEndpoint({
      privateKey: keys.privateKeyPem,
      logger: { warn: () => undefined, error: () => undefined },
      handlers: {
        dataExchange: {
          ASK: (ctx) => {
            received.push({ ...ctx.data });
            return nextScreen('DONE', { nick: String(ctx.data.nick) });
          },
        },
      },
    });
    const t = await FlowTester.start({ flow: FLOW, endpoint: { handler, publicKeyPem: keys.publicKeyPem } });
    await t.fill('Nickname', 'Jo').fill('Nickname', '').fill('Notes', 'hi').fill('Notes', '').tap('Send').expectScreen('DONE');
    expect(received).toEqual([{ nick: '', notes: '' }]);
    await t.fill('Again', 'x').fill('Again', '').tap('Finish');
    expect(t.completion).toEqual({ flow_token: expect.any(String) as unknown, nick: '', again: '' });
  });
});
