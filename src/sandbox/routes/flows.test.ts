// Flows management over real HTTP with the production client: lifecycle rules and their error
// shapes, Flow JSON validation with line/column, the endpoint health check before publishing,
// preview links and metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError, ApiError, createClient } from '../../api/index.js';
import type { ApiClient } from '../../api/index.js';
import { generateKeyPair } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../../endpoint/index.js';
import { serveEndpoint } from '../../endpoint/test-kit.js';
import type { RunningServer } from '../../endpoint/test-kit.js';
import { FEEDBACK_FORM_VERSION, INVALID_FLOW, START_TIMEOUT_MS, feedbackFormSource, seedFeedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';
import type { FlowStatusEvent } from '../events.js';

let t: ApiTestSandbox;
let api: ApiClient;
let keys: { privateKeyPem: string; publicKeyPem: string };
let endpoint: RunningServer;
const statusEvents: FlowStatusEvent[] = [];

beforeAll(async () => {
  t = await startApiSandbox('pglite');
  api = t.client('cloud');
  t.sandbox.context.events.on('flow.status', (e) => {
    statusEvents.push(e);
  });
  keys = await generateKeyPair();
  endpoint = await serveEndpoint(createFlowEndpoint({ privateKey: keys.privateKeyPem, handlers: {} }));
}, START_TIMEOUT_MS);

afterAll(async () => {
  await endpoint?.close();
  await t?.cleanup();
});

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

let counter = 0;
const uniqueName = (base: string) => `${base} ${++counter}`;

async function draftWithForm(name = uniqueName('form')): Promise<string> {
  const { id } = await api.flows.create({ name, categories: ['SURVEY'] });
  const upload = await api.flows.uploadJson(id, feedbackFormSource());
  expect(upload.validationErrors).toEqual([]);
  return id;
}

describe('flows: create, list, get, update', () => {
  it('creates a DRAFT flow with a numeric id and lists and reads it', async () => {
    const name = uniqueName('Feedback');
    const { id } = await api.flows.create({ name, categories: ['SURVEY', 'OTHER'] });
    expect(id).toMatch(/^\d{16}$/);
    const list = await api.flows.list();
    expect(list.data.find((f) => f.id === id)).toMatchObject({ name, status: 'DRAFT', categories: ['SURVEY', 'OTHER'], validationErrors: [] });
    const details = await api.flows.get(id, { fields: ['name', 'status', 'categories'] });
    expect(details).toEqual({ id, name, status: 'DRAFT', categories: ['SURVEY', 'OTHER'] });
    expect(statusEvents.some((e) => e.flowId === id && e.newStatus === 'DRAFT' && e.oldStatus === undefined)).toBe(true);
  });

  it('pages the list when asked, on Graph (after cursor) and on the Partner API (offset), and listAll reads every page', async () => {
    for (let i = 0; i < 3; i++) await api.flows.create({ name: uniqueName('Paged'), categories: ['OTHER'] });
    const everything = (await api.flows.list()).data.map((f) => f.id);
    expect(everything.length).toBeGreaterThanOrEqual(3);
    for (const client of [t.clientFor('meta'), api]) {
      const first = await client.flows.list({ limit: 2 });
      expect(first.data.map((f) => f.id)).toEqual(everything.slice(0, 2));
      expect(first.paging?.next).toBeDefined();
      const second = await client.flows.list({ limit: 2, after: first.paging?.cursors.after ?? '' });
      expect(second.data.map((f) => f.id)).toEqual(everything.slice(2, 4));
      expect((await client.flows.listAll()).map((f) => f.id)).toEqual(everything);
    }
    const last = await api.flows.list({ limit: everything.length });
    expect(last.paging?.next).toBeUndefined();
    // The client checks the page before sending it.
    const bad = await api.flows.list({ limit: 0 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiClientError);
    expect((bad as ApiClientError).message).toContain('query.limit');
  });

  it('refuses a second flow with the same name with error 100', async () => {
    const name = uniqueName('Unique');
    await api.flows.create({ name, categories: ['OTHER'] });
    const error = await apiError(api.flows.create({ name, categories: ['OTHER'] }));
    expect(error.status).toBe(400);
    expect(error.code).toBe(100);
    expect(error.details).toMatch(/not unique/);
  });

  it('updates the metadata of a draft, endpoint_uri included, and refuses a taken name', async () => {
    const { id } = await api.flows.create({ name: uniqueName('Meta'), categories: ['OTHER'] });
    const taken = uniqueName('Taken');
    await api.flows.create({ name: taken, categories: ['OTHER'] });
    await expect(api.flows.update(id, { categories: ['LEAD_GENERATION'], endpointUri: 'https://example.test/flow' })).resolves.toEqual({ success: true });
    const details = await api.flows.get(id, { fields: ['categories', 'endpoint_uri'] });
    expect(details).toEqual({ id, categories: ['LEAD_GENERATION'], endpointUri: 'https://example.test/flow' });
    const error = await apiError(api.flows.update(id, { name: taken }));
    expect(error.code).toBe(100);
  });

  it('answers an unknown flow id with Graph\'s code 100, subcode 33', async () => {
    const error = await apiError(api.flows.get('1234567890123456'));
    expect(error.code).toBe(100);
    expect(error.subcode).toBe(33);
  });

  it('has no flows API on the waba-v2 and On-Premise paths: a 360dialog client needs partner credentials for flows', async () => {
    const bare = createClient({ apiKey: t.apiKey, hostingType: 'on-premise', baseUrl: t.baseUrl('on-premise') });
    const refused = await bare.flows.list().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiClientError);
    expect(refused).toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    const res = await fetch(`${t.baseUrl('on-premise')}/flows`, { headers: { 'D360-API-KEY': t.apiKey } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    const cloud = await fetch(`${t.baseUrl('cloud')}/flows`, { headers: { 'D360-API-KEY': t.apiKey } });
    expect(cloud.status).toBe(404);
    expect(((await cloud.json()) as { error: { code: number } }).error.code).toBe(100);
    // With partner credentials the On-Premise client manages flows through the Partner API.
    await expect(t.client('on-premise').flows.list()).resolves.toMatchObject({ data: expect.any(Array) });
  });
});

describe('flows: Flow JSON upload', () => {
  it('stores the seed feedback form with no validation errors and reports its version', async () => {
    const id = await draftWithForm();
    const details = await api.flows.get(id, { fields: ['json_version', 'validation_errors'] });
    expect(details).toEqual({ id, jsonVersion: FEEDBACK_FORM_VERSION, validationErrors: [] });
    const assets = await api.flows.listAssets(id);
    expect(assets.data).toHaveLength(1);
    const asset = assets.data[0];
    expect(asset).toMatchObject({ name: 'flow.json', assetType: 'FLOW_JSON' });
    const download = await fetch(asset?.downloadUrl ?? '');
    expect(await download.text()).toBe(feedbackFormSource());
  });

  it('answers an invalid flow with validation_errors that point at line and column', async () => {
    const { id } = await api.flows.create({ name: uniqueName('Broken'), categories: ['OTHER'] });
    const upload = await api.flows.uploadJson(id, INVALID_FLOW);
    expect(upload.success).toBe(true);
    const unknown = upload.validationErrors.find((e) => e.error === 'INVALID_PROPERTY_VALUE');
    expect(unknown).toMatchObject({ errorType: 'FLOW_JSON_ERROR', lineStart: 9, lineEnd: 9, columnStart: 19, columnEnd: 29 });
    expect(unknown?.message).toContain('Sparkles');
    expect(unknown?.pointers?.[0]).toMatchObject({ path: 'screens[0].layout.children[0].type', lineStart: 9 });
    // The missing footer is an error too; the old version comes back as a warning entry.
    expect(upload.validationErrors.filter((e) => e.errorType === 'FLOW_JSON_ERROR').map((e) => e.error).sort()).toEqual(['INVALID_PROPERTY_VALUE', 'MISSING_FOOTER_ON_TERMINAL_SCREEN']);
    expect(upload.validationErrors.filter((e) => e.errorType === 'FLOW_JSON_WARNING').map((e) => e.error)).toEqual(['DEPRECATED_FLOW_JSON_VERSION']);
    const details = await api.flows.get(id, { fields: ['validation_errors'] });
    expect(details.validationErrors).toEqual(upload.validationErrors);
  });

  it('saves JSON that does not parse and reports it in validation_errors with its position', async () => {
    const { id } = await api.flows.create({ name: uniqueName('Syntax'), categories: ['OTHER'] });
    const form = new FormData();
    form.append('file', new Blob(['{ "version": '], { type: 'application/json' }), 'flow.json');
    form.append('name', 'flow.json');
    form.append('asset_type', 'FLOW_JSON');
    const res = await fetch(`${t.partner.baseUrl}/partners/${t.partner.partnerId}/waba_accounts/${t.partner.wabaAccountId}/flows/${id}/assets`, {
      method: 'POST',
      headers: { 'X-API-Key': t.partner.apiKey },
      body: form,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { success: boolean; validation_errors: { error: string; line_start: number; column_start: number }[] };
    expect(body.success).toBe(true);
    expect(body.validation_errors).toEqual([expect.objectContaining({ error: 'INVALID_FLOW_JSON', line_start: 1, column_start: 14 })]);
  });
});

describe('flows: lifecycle', () => {
  it('publishes a valid draft, then refuses to publish, update, upload or delete it', async () => {
    const id = await draftWithForm();
    await expect(api.flows.publish(id)).resolves.toEqual({ success: true });
    expect((await api.flows.get(id, { fields: ['status'] })).status).toBe('PUBLISHED');
    expect(statusEvents.some((e) => e.flowId === id && e.oldStatus === 'DRAFT' && e.newStatus === 'PUBLISHED')).toBe(true);

    expect((await apiError(api.flows.publish(id))).code).toBe(139002);
    expect((await apiError(api.flows.update(id, { name: uniqueName('renamed') }))).code).toBe(139006);
    expect((await apiError(api.flows.uploadJson(id, feedbackFormSource()))).code).toBe(139006);
    const del = await apiError(api.flows.delete(id));
    expect(del.code).toBe(139004);
    expect(del.details).toMatch(/Only a DRAFT flow can be deleted/);
  });

  it('refuses to publish a draft with validation errors or without Flow JSON (139002)', async () => {
    const { id: empty } = await api.flows.create({ name: uniqueName('Empty'), categories: ['OTHER'] });
    const noJson = await apiError(api.flows.publish(empty));
    expect(noJson.code).toBe(139002);
    expect(noJson.details).toMatch(/no Flow JSON/);

    const { id: broken } = await api.flows.create({ name: uniqueName('Invalid'), categories: ['OTHER'] });
    await api.flows.uploadJson(broken, INVALID_FLOW);
    const invalid = await apiError(api.flows.publish(broken));
    expect(invalid.code).toBe(139002);
    expect(invalid.details).toMatch(/2 validation error/);
    expect((await api.flows.get(broken, { fields: ['status'] })).status).toBe('DRAFT');
  });

  it('refuses to publish a flow below Flow JSON 5.1 (139002), as WhatsApp does, naming the version', async () => {
    // The seed's form as written is 2.1: it uploads with a warning and no error (a frozen version
    // is still sent and opened), but WhatsApp publishes only 5.1 and later.
    const { id } = await api.flows.create({ name: uniqueName('Old'), categories: ['SURVEY'] });
    expect((await api.flows.uploadJson(id, seedFeedbackFormSource())).validationErrors).toEqual([
      expect.objectContaining({ error: 'DEPRECATED_FLOW_JSON_VERSION', errorType: 'FLOW_JSON_WARNING', lineStart: 2 }),
    ]);
    const refused = await apiError(api.flows.publish(id));
    expect(refused.code).toBe(139002);
    expect(refused.message).toContain('Publishing Flow failed');
    expect(refused.details).toMatch(/Flow JSON version 2\.1 .*publishing needs Flow JSON version 5\.1 or later/);
    expect((await api.flows.get(id, { fields: ['status'] })).status).toBe('DRAFT');
    const oneShot = await apiError(api.flows.create({ name: uniqueName('OldOneShot'), categories: ['SURVEY'], flowJson: seedFeedbackFormSource(), publish: true }));
    expect(oneShot.code).toBe(139002);
    expect(oneShot.details).toMatch(/version 2\.1/);
  });

  it('lists warnings in validation_errors as FLOW_JSON_WARNING, and publishes and sends a flow that has only warnings', async () => {
    // A label over the documented 20 characters: a validator warning (MAX_CHARS_EXCEEDED).
    const long = feedbackFormSource().replace('"Leave a comment"', '"Leave us a comment, if you like"');
    expect(long).not.toBe(feedbackFormSource());
    const { id } = await api.flows.create({ name: uniqueName('Long label'), categories: ['SURVEY'] });
    const warned = [expect.objectContaining({ error: 'MAX_CHARS_EXCEEDED', errorType: 'FLOW_JSON_WARNING', message: expect.stringContaining('limit of 20') as unknown })];
    expect((await api.flows.uploadJson(id, long)).validationErrors).toEqual(warned);
    expect((await api.flows.get(id, { fields: ['validation_errors'] })).validationErrors).toEqual(warned);
    await expect(api.flows.publish(id)).resolves.toEqual({ success: true });
    const sent = await api.messages.sendFlow({ to: '4915112345678', body: 'Tell us', flowId: id, flowCta: 'Open form' });
    expect(sent.messages[0]?.id).toBeTruthy();
  });

  it('deprecates only a PUBLISHED flow (139003)', async () => {
    const id = await draftWithForm();
    const early = await apiError(api.flows.deprecate(id));
    expect(early.code).toBe(139003);
    await api.flows.publish(id);
    await expect(api.flows.deprecate(id)).resolves.toEqual({ success: true });
    expect((await api.flows.get(id, { fields: ['status'] })).status).toBe('DEPRECATED');
    expect((await apiError(api.flows.deprecate(id))).code).toBe(139003);
    expect((await apiError(api.flows.delete(id))).code).toBe(139004);
  });

  it('deletes a draft, after which it is gone', async () => {
    const id = await draftWithForm();
    await expect(api.flows.delete(id)).resolves.toEqual({ success: true });
    expect((await apiError(api.flows.get(id))).subcode).toBe(33);
    expect((await api.flows.list()).data.some((f) => f.id === id)).toBe(false);
  });

  it('creates and publishes in one call from flow_json', async () => {
    const { id, success, validationErrors } = await api.flows.create({ name: uniqueName('OneShot'), categories: ['SURVEY'], flowJson: feedbackFormSource(), publish: true });
    expect(success).toBe(true);
    expect(validationErrors).toEqual([]);
    expect((await api.flows.get(id, { fields: ['status'] })).status).toBe('PUBLISHED');
  });
});

describe('flows: endpoint health check before publishing', () => {
  it('publishes a flow whose endpoint answers the encrypted ping', async () => {
    await api.encryption.setPublicKey(keys.publicKeyPem);
    const id = await draftWithForm();
    await api.flows.update(id, { endpointUri: endpoint.url });
    await expect(api.flows.publish(id)).resolves.toEqual({ success: true });
    // The ping was stored as a health sample, which the metrics API reads.
    const metrics = await api.flows.metrics(id, { name: 'ENDPOINT_REQUEST_COUNT', granularity: 'LIFETIME' });
    expect(metrics.metric.dataPoints[0]?.data).toEqual([{ key: 'value', value: 1 }]);
    const availability = await api.flows.metrics(id, { name: 'ENDPOINT_AVAILABILITY', granularity: 'DAY' });
    expect(availability.metric.dataPoints).toHaveLength(1);
    expect(availability.metric.dataPoints[0]?.data).toEqual([{ key: 'availability', value: 100 }]);
  });

  it('refuses to publish when the endpoint does not answer, and says why', async () => {
    await api.encryption.setPublicKey(keys.publicKeyPem);
    const id = await draftWithForm();
    // A port nothing listens on: the endpoint server above, closed.
    const gone = await serveEndpoint(createFlowEndpoint({ privateKey: keys.privateKeyPem, handlers: {} }));
    await gone.close();
    await api.flows.update(id, { endpointUri: gone.url });
    const error = await apiError(api.flows.publish(id));
    expect(error.code).toBe(139002);
    expect(error.details).toMatch(/health check failed/);
    expect((await api.flows.get(id, { fields: ['status'] })).status).toBe('DRAFT');
  });

  it('fails clearly rather than skipping the check when no health check is available', async () => {
    const bare = await startApiSandbox('pglite', { extensions: { checkEndpointHealth: undefined } });
    try {
      const client = bare.client('cloud');
      const { id } = await client.flows.create({ name: 'With endpoint', categories: ['OTHER'], endpointUri: endpoint.url, flowJson: feedbackFormSource() });
      const error = await apiError(client.flows.publish(id));
      expect(error.code).toBe(139002);
      expect(error.details).toMatch(/no endpoint health check/);
    } finally {
      await bare.cleanup();
    }
  }, START_TIMEOUT_MS);
});

describe('flows: preview', () => {
  it('serves a preview page at a tokened link that invalidate(true) replaces', async () => {
    const id = await draftWithForm();
    const first = await api.flows.preview(id);
    expect(first.id).toBe(id);
    expect(first.preview.previewUrl.startsWith(`${t.sandbox.url}/preview/${id}?token=`)).toBe(true);
    expect(first.preview.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
    const page = await fetch(first.preview.previewUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Feedback 1 of 2');
    expect(html).toContain('RadioButtonsGroup');

    const again = await api.flows.preview(id);
    expect(again.preview.previewUrl).toBe(first.preview.previewUrl);
    // The Partner API has no invalidate option; Graph has (the same account, as provider meta).
    const fresh = await t.clientFor('meta').flows.preview(id, { invalidate: true });
    expect(fresh.preview.previewUrl).not.toBe(first.preview.previewUrl);
    expect((await fetch(first.preview.previewUrl)).status).toBe(404);
    expect((await fetch(fresh.preview.previewUrl)).status).toBe(200);
    expect((await fetch(`${t.sandbox.url}/preview/${id}`)).status).toBe(404);
  });
});
