// Many flow journeys through one sandbox, for the registry test and the memory bench: the business
// sends a flow message through the production client (its requests answered in process by the
// sandbox's own router, so no sockets), then a phone opens it, fills the one field and completes
// it through the phone module, which writes to the store as the HTTP routes do. The flow has no
// endpoint, so a journey costs what the sandbox itself costs.
import { createClient } from '../../api/index.js';
import type { ApiClient } from '../../api/index.js';
import { createApiKey } from '../auth.js';
import { SURFACE_PREFIXES } from '../router.js';
import type { Sandbox } from '../server.js';
import { createPhone } from './chat.js';
import { act, openFlowMessage, statusOf } from './sessions.js';

/** One screen, one required field, `complete` in the footer. */
export const QUICK_FLOW = JSON.stringify({
  version: '7.3',
  screens: [
    {
      id: 'ASK',
      title: 'Quick question',
      terminal: true,
      success: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'answer', label: 'Your answer', required: true },
          { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload: { answer: '${form.answer}' } } },
        ],
      },
    },
  ],
});

/** How a journey ends: completed (the default), left open, or closed with the back button. */
export type JourneyEnd = 'complete' | 'leave-open' | 'close';

export interface JourneyRig {
  readonly client: ApiClient;
  readonly flowId: string;
  readonly waIds: readonly string[];
  /** Runs journey `i` on phone `i % phones`; resolves with its session's id and last status. */
  run(i: number, end?: JourneyEnd): Promise<{ sessionId: string; status: string }>;
}

/** Publishes QUICK_FLOW and makes `phones` user phones on `sandbox`. */
export async function journeyRig(sandbox: Sandbox, phones = 8): Promise<JourneyRig> {
  const ctx = sandbox.context;
  const phone = sandbox.businessPhone;
  if (phone.wabaId === undefined) throw new Error('the sandbox business phone has no WABA id');
  const { key } = await createApiKey(ctx.store, { name: 'journeys', phoneId: phone.id });
  const client = createClient({
    provider: 'meta',
    accessToken: key,
    wabaId: phone.wabaId,
    phoneNumberId: phone.id,
    baseUrl: `${sandbox.url}${SURFACE_PREFIXES.meta}`,
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
  });
  const { id: flowId } = await client.flows.create({ name: `journeys_${Date.now()}`, categories: ['SURVEY'] });
  const upload = await client.flows.uploadJson(flowId, QUICK_FLOW);
  if ((upload.validationErrors ?? []).length > 0) throw new Error(`QUICK_FLOW does not validate: ${JSON.stringify(upload.validationErrors)}`);
  await client.flows.publish(flowId);
  const waIds = Array.from({ length: phones }, (_, i) => `49151700${String(i).padStart(5, '0')}`);
  for (const waId of waIds) await createPhone(ctx.store, { wa_id: waId });

  return {
    client,
    flowId,
    waIds,
    async run(i, end = 'complete') {
      const waId = waIds[i % waIds.length] as string;
      const sent = await client.messages.sendFlow({ to: waId, body: 'One question', flowId, flowCta: 'Answer', flowToken: `journey-${i}`, flowAction: 'navigate', flowActionPayload: { screen: 'ASK' } });
      const messageId = sent.messages[0]?.id;
      if (messageId === undefined) throw new Error(`journey ${i}: the send answered no message id`);
      const live = await openFlowMessage(ctx, waId, messageId);
      if (end === 'leave-open') return { sessionId: live.id, status: live.session?.status ?? 'none' };
      if (end === 'close') {
        const { live: after } = await act(ctx, live.id, { kind: 'back' });
        return { sessionId: live.id, status: statusOf(after) ?? 'none' };
      }
      await act(ctx, live.id, { kind: 'fill', name: 'answer', value: `answer ${i}` });
      const { live: after } = await act(ctx, live.id, { kind: 'submit' });
      return { sessionId: live.id, status: statusOf(after) ?? 'none' };
    },
  };
}
