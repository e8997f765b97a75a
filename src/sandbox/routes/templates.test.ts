// Message templates over real HTTP with the production client: a FLOW button template is created
// PENDING, approved by the sandbox control (or rejected), listed and read, on both hosting types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HOSTING_TYPES } from '../../api/index.js';
import type { ApiClient, CreateTemplateRequest } from '../../api/index.js';
import type { TemplateStatusEvent } from '../events.js';
import { START_TIMEOUT_MS, feedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

let t: ApiTestSandbox;
let cloud: ApiClient;
let flowId: string;
const events: TemplateStatusEvent[] = [];

beforeAll(async () => {
  t = await startApiSandbox('pglite');
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

  it('resolves a FLOW button given by flow_name to the flow id', async () => {
    const api = t.client(hostingType);
    const name = `by_name_${hostingType.replace('-', '_')}`;
    await api.templates.create(flowTemplate(name, { flowName: 'Feedback' }));
    const record = await api.templates.get(name);
    const buttons = record.components.find((c) => c.type === 'BUTTONS') as { buttons: { flowId?: string; flowName?: string }[] } | undefined;
    expect(buttons?.buttons[0]?.flowId).toBe(flowId);
    expect(buttons?.buttons[0]?.flowName).toBeUndefined();
  });

  it('refuses a FLOW button naming a flow that does not exist', async () => {
    const error = await t.client(hostingType).templates.create(flowTemplate(`ghost_${hostingType.replace('-', '_')}`, { flowName: 'No such flow' })).catch((e: unknown) => e);
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
});
