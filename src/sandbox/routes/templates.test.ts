// Message templates over real HTTP with the production client: a FLOW button template is created
// PENDING, approved by the sandbox control (or rejected), listed and read, on both hosting types;
// its status moves along the review lifecycle (paused, disabled, appealed); it is deleted by name
// (every language) on 360dialog and Graph, or by id on Graph, and an approved one's name stays
// taken for 30 days. On-Premise refuses flow_name and flow_json buttons (Cloud API only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError, ApiError, HOSTING_TYPES } from '../../api/index.js';
import type { ApiClient, CreateTemplateRequest } from '../../api/index.js';
import type { TemplateStatusEvent } from '../events.js';
import { START_TIMEOUT_MS, feedbackFormSource, seedFeedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

let t: ApiTestSandbox;
let cloud: ApiClient;
let flowId: string;
const events: TemplateStatusEvent[] = [];
/** How far the sandbox's clock runs ahead of the real one. */
let skewMs = 0;

beforeAll(async () => {
  t = await startApiSandbox('pglite', { clock: () => new Date(Date.now() + skewMs) });
  cloud = t.client('cloud');
  t.sandbox.context.events.on('template.status', (e) => {
    events.push(e);
  });
  ({ id: flowId } = await cloud.flows.create({ name: 'Feedback', categories: ['SURVEY'], flowJson: feedbackFormSource(), publish: true }));
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

function flowTemplate(name: string, button: Record<string, string>): CreateTemplateRequest {
  return {
    name,
    language: 'en_US',
    category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Tell us how we did.' },
      { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Give feedback', navigateScreen: 'screen_feedback_one', ...button }] },
    ],
  };
}

async function approve(id: string): Promise<Response> {
  return fetch(`${t.sandbox.url}/_sandbox/templates/${id}/approve`, { method: 'POST' });
}

describe.each(HOSTING_TYPES)('templates (%s)', (hostingType) => {
  it('creates a FLOW button template PENDING, approves it on request, lists and reads it', async () => {
    const api = t.client(hostingType);
    const name = `feedback_${hostingType.replace('-', '_')}`;
    const created = await api.templates.create(flowTemplate(name, { flowId }));
    expect(created).toMatchObject({ status: 'PENDING', category: 'MARKETING' });
    expect(created.id).toMatch(/^\d{16}$/);
    expect((await api.templates.get(name)).status).toBe('PENDING');

    const res = await approve(created.id);
    expect(res.status).toBe(200);
    const record = await api.templates.get(name);
    expect(record).toMatchObject({ id: created.id, name, language: 'en_US', status: 'APPROVED', namespace: 'waflow_sandbox' });
    const buttons = record.components.find((c) => c.type === 'BUTTONS') as { buttons: { type: string; flowId?: string }[] } | undefined;
    expect(buttons?.buttons[0]).toMatchObject({ type: 'FLOW', flowId });
    expect(events.filter((e) => e.templateId === created.id).map((e) => e.newStatus)).toEqual(['PENDING', 'APPROVED']);

    const list = await api.templates.list();
    expect(list.wabaTemplates.map((tpl) => tpl.name)).toContain(name);
    expect(list.total).toBe(list.wabaTemplates.length);
    // Approving twice is refused: it is no longer PENDING.
    expect((await approve(created.id)).status).toBe(409);
  });

  it('resolves a FLOW button given by flow_name to the flow id (Cloud API only)', async () => {
    const api = t.client(hostingType);
    const name = `by_name_${hostingType.replace('-', '_')}`;
    if (hostingType === 'on-premise') {
      const buttons: Record<string, string>[] = [{ flowName: 'Feedback' }, { flowJson: feedbackFormSource() }];
      for (const button of buttons) {
        const refused = await api.templates.create(flowTemplate(name, button)).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ApiClientError);
        expect((refused as ApiClientError).message).toMatch(/is a Cloud API feature the On-Premise API does not support: name the flow by flow_id/);
      }
      // The sandbox's On-Premise API refuses it too, in its own error shape.
      const raw = await fetch(`${t.baseUrl('on-premise')}/v1/configs/templates`, {
        method: 'POST',
        headers: { 'D360-API-KEY': t.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ name, language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'x' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Go', flow_name: 'Feedback', navigate_screen: 'screen_feedback_one' }] }] }),
      });
      expect(raw.status).toBe(400);
      expect(JSON.stringify(await raw.json())).toContain('flow_name is a Cloud API feature');
      return;
    }
    await api.templates.create(flowTemplate(name, { flowName: 'Feedback' }));
    const record = await api.templates.get(name);
    const buttons = record.components.find((c) => c.type === 'BUTTONS') as { buttons: { flowId?: string; flowName?: string }[] } | undefined;
    expect(buttons?.buttons[0]?.flowId).toBe(flowId);
    expect(buttons?.buttons[0]?.flowName).toBeUndefined();
  });

  it('refuses a FLOW button naming a flow that does not exist', async () => {
    const error = await t.client(hostingType).templates.create(flowTemplate(`ghost_${hostingType.replace('-', '_')}`, { flowId: '1111111111111111' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(hostingType === 'cloud' ? 100 : 1009);
    expect((error as ApiError).details).toMatch(/does not exist/);
  });

  it('refuses to send a template that is still PENDING, and sends it once approved', async () => {
    const api = t.client(hostingType);
    const name = `pending_${hostingType.replace('-', '_')}`;
    const { id } = await api.templates.create(flowTemplate(name, { flowId }));
    const send = () => api.messages.sendTemplate({ to: '4915110000009', name, language: 'en_US', flowButton: { index: 0, flowToken: 'tok' } });
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(hostingType === 'cloud' ? 132001 : 2001);
    expect((error as ApiError).details).toMatch(/PENDING/);
    await approve(id);
    expect((await send()).messages[0]?.id).toMatch(/^wamid\./);
  });

  it('answers an unknown template name with 404', async () => {
    const error = await t.client(hostingType).templates.get('never_made').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(404);
    const gone = await t.client(hostingType).templates.delete('never_made').catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ApiError);
    expect((gone as ApiError).status).toBe(404);
    expect((gone as ApiError).details).toMatch(/No template called "never_made" exists/);
  });

  it('deletes every language of a name, and nothing else', async () => {
    const api = t.client(hostingType);
    const name = `doomed_${hostingType.replace('-', '_')}`;
    await api.templates.create(flowTemplate(name, { flowId }));
    await api.templates.create({ ...flowTemplate(name, { flowId }), language: 'de' });
    await api.templates.create(flowTemplate(`${name}_kept`, { flowId }));
    expect(await api.templates.delete(name)).toMatchObject({ success: true });
    expect(((await api.templates.get(name).catch((e: unknown) => e)) as ApiError).status).toBe(404);
    const names = (await api.templates.list()).wabaTemplates.map((tpl) => tpl.name);
    expect(names).not.toContain(name);
    expect(names).toContain(`${name}_kept`);
    // A name that was never approved is free again at once.
    await expect(api.templates.create(flowTemplate(name, { flowId }))).resolves.toMatchObject({ status: 'PENDING' });
  });

  it('refuses to delete one language by id: 360dialog deletes by name only', async () => {
    const refused = await t.client(hostingType).templates.delete('anything', { id: '1234567890123456' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiClientError);
    expect((refused as ApiClientError).code).toBe('INVALID_REQUEST');
    expect((refused as ApiClientError).issues).toEqual([expect.objectContaining({ path: 'query.hsm_id' })]);
  });
});

describe('template delete on Graph (provider meta)', () => {
  it('deletes one language by id (hsm_id with the name), then the rest by name', async () => {
    const meta = t.clientFor('meta');
    const en = await meta.templates.create(flowTemplate('graph_doomed', { flowId }));
    const de = await meta.templates.create({ ...flowTemplate('graph_doomed', { flowId }), language: 'de' });
    const wrongName = await meta.templates.delete('graph_other', { id: en.id }).catch((e: unknown) => e);
    expect((wrongName as ApiError).status).toBe(404);
    expect(await meta.templates.delete('graph_doomed', { id: en.id })).toEqual({ success: true });
    const left = (await meta.templates.list()).wabaTemplates.filter((tpl) => tpl.name === 'graph_doomed');
    expect(left.map((tpl) => [tpl.id, tpl.language])).toEqual([[de.id, 'de']]);
    expect(await meta.templates.delete('graph_doomed')).toEqual({ success: true });
    expect(((await meta.templates.get('graph_doomed').catch((e: unknown) => e)) as ApiError).status).toBe(404);
    const bad = await meta.templates.delete('graph_doomed', { id: 'not-a-number' }).catch((e: unknown) => e);
    expect((bad as ApiClientError).issues).toEqual([expect.objectContaining({ path: 'query.hsm_id' })]);
  });

  it('sends the name in the query, as Graph takes it', async () => {
    const meta = t.clientFor('meta');
    await meta.templates.create(flowTemplate('graph_raw', { flowId }));
    const res = await fetch(`${t.meta.baseUrl}/v24.0/${t.meta.wabaId}/message_templates?name=graph_raw`, { method: 'DELETE', headers: { authorization: `Bearer ${t.meta.accessToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
  });
});

describe('the review lifecycle', () => {
  async function status(id: string, body: Record<string, unknown>): Promise<Response> {
    return fetch(`${t.sandbox.url}/_sandbox/templates/${id}/status`, { method: 'POST', body: JSON.stringify(body) });
  }

  it('pauses, unpauses and disables an approved template; a paused one cannot be sent', async () => {
    const { id } = await cloud.templates.create(flowTemplate('lifecycle', { flowId }));
    expect((await status(id, { status: 'PAUSED' })).status).toBe(409); // still PENDING
    await approve(id);
    expect((await status(id, { status: 'PAUSED' })).status).toBe(200);
    expect((await cloud.templates.get('lifecycle')).status).toBe('PAUSED');
    const send = () => cloud.messages.sendTemplate({ to: '4915110000010', name: 'lifecycle', language: 'en_US', flowButton: { index: 0 } });
    const refused = await send().catch((e: unknown) => e);
    expect((refused as ApiError).details).toMatch(/PAUSED; only an APPROVED template can be sent/);
    expect((await status(id, { status: 'APPROVED' })).status).toBe(200);
    expect((await send()).messages[0]?.id).toMatch(/^wamid\./);
    expect((await status(id, { status: 'DISABLED' })).status).toBe(200);
    expect((await cloud.templates.get('lifecycle')).status).toBe('DISABLED');
    expect(events.filter((e) => e.templateId === id).map((e) => e.newStatus)).toEqual(['PENDING', 'APPROVED', 'PAUSED', 'APPROVED', 'DISABLED']);
  });

  it('appeals a rejection, which approves it; refuses an unknown status or template', async () => {
    const { id } = await cloud.templates.create(flowTemplate('appealed', { flowId }));
    expect((await status(id, { status: 'REJECTED', reason: 'TAG_CONTENT_MISMATCH' })).status).toBe(200);
    expect(await cloud.templates.get('appealed')).toMatchObject({ status: 'REJECTED', rejectedReason: 'TAG_CONTENT_MISMATCH' });
    expect((await status(id, { status: 'IN_APPEAL' })).status).toBe(200);
    expect((await status(id, { status: 'APPROVED' })).status).toBe(200);
    expect(await cloud.templates.get('appealed')).toMatchObject({ status: 'APPROVED' });
    const bad = await status(id, { status: 'SHINY' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('status must be one of APPROVED, REJECTED, PAUSED, DISABLED, IN_APPEAL');
    expect((await status('404404', { status: 'PAUSED' })).status).toBe(404);
  });

  it("keeps a deleted approved template's name and language for 30 days", async () => {
    const { id } = await cloud.templates.create(flowTemplate('approved_then_deleted', { flowId }));
    await approve(id);
    await cloud.templates.delete('approved_then_deleted');
    const sent = await cloud.messages.sendTemplate({ to: '4915110000011', name: 'approved_then_deleted', language: 'en_US' }).catch((e: unknown) => e);
    expect((sent as ApiError).code).toBe(132001);
    const held = await cloud.templates.create(flowTemplate('approved_then_deleted', { flowId })).catch((e: unknown) => e);
    expect((held as ApiError).details).toMatch(/can't be added while the existing en_US content of "approved_then_deleted" is being deleted/);
    // Another language is free; 30 days later so is this one.
    await expect(cloud.templates.create({ ...flowTemplate('approved_then_deleted', { flowId }), language: 'fr' })).resolves.toMatchObject({ status: 'PENDING' });
    skewMs += 30 * 24 * 60 * 60 * 1000 + 60_000;
    await expect(cloud.templates.create(flowTemplate('approved_then_deleted', { flowId }))).resolves.toMatchObject({ status: 'PENDING' });
  });
});

describe('template rules', () => {
  it('refuses a second template with the same name and language', async () => {
    await cloud.templates.create(flowTemplate('twice', { flowId }));
    const error = await cloud.templates.create(flowTemplate('twice', { flowId })).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe(100);
    expect((error as ApiError).details).toMatch(/already exists/);
    await expect(cloud.templates.create({ ...flowTemplate('twice', { flowId }), language: 'de' })).resolves.toMatchObject({ status: 'PENDING' });
  });

  it('rejects on request with a reason', async () => {
    const { id } = await cloud.templates.create(flowTemplate('to_reject', { flowId }));
    const res = await fetch(`${t.sandbox.url}/_sandbox/templates/${id}/reject`, { method: 'POST', body: JSON.stringify({ reason: 'INCORRECT_CATEGORY' }) });
    expect(res.status).toBe(200);
    expect(await cloud.templates.get('to_reject')).toMatchObject({ status: 'REJECTED', rejectedReason: 'INCORRECT_CATEGORY' });
  });

  it('creates and publishes a flow from a FLOW button\'s flow_json', async () => {
    await cloud.templates.create(flowTemplate('inline_flow', { flowJson: feedbackFormSource() }));
    const record = await cloud.templates.get('inline_flow');
    const buttons = record.components.find((c) => c.type === 'BUTTONS') as { buttons: { flowId?: string; flowJson?: string }[] } | undefined;
    const made = buttons?.buttons[0]?.flowId ?? '';
    expect(buttons?.buttons[0]?.flowJson).toBeUndefined();
    expect((await cloud.flows.get(made, { fields: ['status'] })).status).toBe('PUBLISHED');
  });

  it("refuses a FLOW button's flow_json on a version frozen for publishing, and makes no flow", async () => {
    const before = (await cloud.flows.list()).data.length;
    const refused = await cloud.templates.create(flowTemplate('frozen_inline', { flowJson: seedFeedbackFormSource() })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(400);
    expect((refused as ApiError).message).toMatch(/flow_json cannot be published: Flow JSON version 2\.1 is no longer available for publishing/);
    expect((await cloud.flows.list()).data.length).toBe(before);
  });
});
