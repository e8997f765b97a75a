// The four surfaces the sandbox serves, spoken with raw fetch as a client of each provider would:
// 360dialog waba-v2 (/cloud) and On-Premise (/on-premise) with D360-API-KEY, the Partner API
// (/hub/api/v2) with X-API-Key or a bearer token from POST /token, Meta's Graph API
// (/graph/{version}) with a number's key as bearer access token. Each with its own paths, auth
// failures and error bodies; flows reachable on Partner and Graph paths; migration between WABAs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../data-channel/index.js';
import { ensureBusinessPhone, ensurePartner } from '../account.js';
import { FEEDBACK_FORM_VERSION, START_TIMEOUT_MS, feedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';
import { createApiKey, createPartnerKey, issuePartnerToken } from '../auth.js';
import type { PhoneRecord } from '../records.js';

type Json = Record<string, unknown>;

let t: ApiTestSandbox;
/** A second number of the sandbox's partner (another WABA of the same business). */
let second: PhoneRecord;
let secondKey: string;
/** Another partner, with a number of its own and a key. */
const OTHER_PARTNER = 'otherPA';
let otherPhone: PhoneRecord;
let otherPartnerKey: string;

beforeAll(async () => {
  t = await startApiSandbox('pglite');
  const store = t.sandbox.context.store;
  second = await ensureBusinessPhone(store, '15550007777', 'cloud', { partnerId: t.partner.partnerId });
  secondKey = (await createApiKey(store, { name: 'second', phoneId: second.id })).key;
  await ensurePartner(store, OTHER_PARTNER, 'other@waflow.test');
  otherPhone = await ensureBusinessPhone(store, '15550006666', 'cloud', { partnerId: OTHER_PARTNER });
  otherPartnerKey = (await createPartnerKey(store, { name: 'other', partnerId: OTHER_PARTNER })).key;
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

interface Answer {
  status: number;
  body: Json;
}

async function call(url: string, init: { method?: string; headers?: Record<string, string>; json?: unknown; body?: BodyInit } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { method: init.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? {} : JSON.parse(text)) as Json };
}

const partnerHeaders = () => ({ 'X-API-Key': t.partner.apiKey });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** The Partner API flows path of a WABA account (the sandbox account's unless named). */
const partnerFlows = (wabaAccountId = t.partner.wabaAccountId, partnerId = t.partner.partnerId) =>
  `${t.partner.baseUrl}/partners/${partnerId}/waba_accounts/${wabaAccountId}/flows`;
const graph = (path: string) => `${t.meta.baseUrl}/v24.0${path}`;

function uploadForm(source: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([source], { type: 'application/json' }), 'flow.json');
  form.append('name', 'flow.json');
  form.append('asset_type', 'FLOW_JSON');
  return form;
}

let counter = 0;
const uniqueName = (base: string) => `${base} ${++counter}`;

describe('authentication, surface by surface', () => {
  it('waba-v2 and On-Premise: D360-API-KEY missing, unknown, or a partner key → 401 in their shapes', async () => {
    const cloud = `${t.baseUrl('cloud')}/whatsapp_business_encryption`;
    const onPrem = `${t.baseUrl('on-premise')}/v1/settings/business/whatsapp_business_encryption`;
    const tries: Record<string, string>[] = [{}, { 'D360-API-KEY': 'sbx_not_a_key_0123456789' }, { 'D360-API-KEY': t.partner.apiKey }];
    for (const headers of tries) {
      const c = await call(cloud, { headers });
      expect(c.status).toBe(401);
      expect(c.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
      const o = await call(onPrem, { headers });
      expect(o.status).toBe(401);
      expect((o.body.errors as Json[])[0]).toMatchObject({ code: 1005 });
    }
    expect((await call(cloud, { headers: { 'D360-API-KEY': t.apiKey } })).status).toBe(200);
  });

  it('Graph: a missing, unknown or partner credential → 401 OAuthException 190', async () => {
    const url = graph(`/${t.meta.wabaId}/flows`);
    const token = (await call(`${t.partner.baseUrl}/token`, { method: 'POST', json: { username: 'partner@waflow.test', password: t.partner.apiKey } })).body.access_token as string;
    const tries: Record<string, string>[] = [{}, bearer('sbx_unknown_token_0123456789'), bearer(t.partner.apiKey), bearer(token), { 'D360-API-KEY': t.apiKey }, { authorization: t.apiKey }];
    for (const headers of tries) {
      const res = await call(url, { headers });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    }
    expect((await call(url, { headers: bearer(t.meta.accessToken) })).status).toBe(200);
  });

  it('Graph: ids in the path must belong to the token\'s account (100, subcode 33)', async () => {
    const foreignWaba = await call(graph(`/${second.wabaId ?? ''}/flows`), { headers: bearer(t.meta.accessToken) });
    expect(foreignWaba.status).toBe(400);
    expect(foreignWaba.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(String((foreignWaba.body.error as Json).message)).toContain(`Object with ID '${second.wabaId ?? ''}' does not exist`);
    const foreignNumber = await call(graph(`/${second.id}/whatsapp_business_encryption`), { method: 'POST', headers: bearer(t.meta.accessToken), body: new URLSearchParams({ business_public_key: 'x' }) });
    expect(foreignNumber.status).toBe(400);
    expect(foreignNumber.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(String((foreignNumber.body.error as Json).message)).toMatch(/^Unsupported post request\./);
  });

  it('Partner API: missing, unknown or a number\'s credential → 401 in its envelope', async () => {
    const tries: Record<string, string>[] = [{}, { 'X-API-Key': 'sbxp_unknown_0123456789' }, { 'X-API-Key': t.apiKey }, bearer(t.apiKey), bearer('sbxt_unknown_0123456789'), { 'D360-API-KEY': t.apiKey }];
    for (const headers of tries) {
      const res = await call(partnerFlows(), { headers });
      expect(res.status).toBe(401);
      expect(res.body.meta).toMatchObject({ success: false, http_code: 401 });
      expect(res.body).not.toHaveProperty('error');
    }
  });

  it('Partner API: a key acts only for its partner and that partner\'s WABA accounts', async () => {
    const foreignPartner = await call(partnerFlows(otherPhone.wabaAccountId, OTHER_PARTNER), { headers: partnerHeaders() });
    expect(foreignPartner.status).toBe(403);
    expect(foreignPartner.body.meta).toMatchObject({ http_code: 403 });
    const foreignAccount = await call(partnerFlows(otherPhone.wabaAccountId), { headers: partnerHeaders() });
    expect(foreignAccount.status).toBe(404);
    expect(foreignAccount.body.meta).toMatchObject({ http_code: 404 });
    const unknownAccount = await call(partnerFlows('sbx000000000000'), { headers: partnerHeaders() });
    expect(unknownAccount.status).toBe(404);
    // The other partner's key: its own account works, ours does not.
    expect((await call(partnerFlows(otherPhone.wabaAccountId, OTHER_PARTNER), { headers: { 'X-API-Key': otherPartnerKey } })).status).toBe(200);
    expect((await call(partnerFlows(), { headers: { 'X-API-Key': otherPartnerKey } })).status).toBe(403);
    // Another number of the same partner is one of its WABA accounts.
    expect((await call(partnerFlows(second.wabaAccountId), { headers: partnerHeaders() })).status).toBe(200);
  });

  it('Partner API: POST /token exchanges the user email and a partner key for a bearer token that works until it expires', async () => {
    const exchanged = await call(`${t.partner.baseUrl}/token`, { method: 'POST', json: { username: 'Partner@Waflow.test', password: t.partner.apiKey } });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({ access_token: expect.stringMatching(/^sbxt_/), token_type: 'bearer', expires_in: 86400 });
    const token = exchanged.body.access_token as string;
    const list = await call(partnerFlows(), { headers: bearer(token) });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ flows: expect.any(Array) });
    // Only its partner.
    expect((await call(partnerFlows(otherPhone.wabaAccountId, OTHER_PARTNER), { headers: bearer(token) })).status).toBe(403);
    // The token is stored as a hash only.
    const rows = await t.sandbox.context.store.query<{ key_hash: string }>(`SELECT key_hash FROM api_keys WHERE scope = 'partner_token'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);

    const expired = await issuePartnerToken(t.sandbox.context.store, { partnerId: t.partner.partnerId, now: new Date(Date.now() - 2 * 86_400_000) });
    const refused = await call(partnerFlows(), { headers: bearer(expired.token) });
    expect(refused.status).toBe(401);
    expect(refused.body.meta).toMatchObject({ http_code: 401 });
  });

  it('Partner API: POST /token refuses a wrong user, a wrong password, a number key, and a body without them', async () => {
    for (const json of [
      { username: 'someone@waflow.test', password: t.partner.apiKey },
      { username: 'partner@waflow.test', password: 'not-the-key-at-all' },
      { username: 'partner@waflow.test', password: t.apiKey },
      { username: 'other@waflow.test', password: t.partner.apiKey },
    ]) {
      const res = await call(`${t.partner.baseUrl}/token`, { method: 'POST', json });
      expect(res.status).toBe(401);
      expect(res.body.meta).toMatchObject({ http_code: 401 });
      expect(JSON.stringify(res.body)).not.toContain(t.partner.apiKey);
    }
    const other = await call(`${t.partner.baseUrl}/token`, { method: 'POST', json: { username: 'other@waflow.test', password: otherPartnerKey } });
    expect(other.status).toBe(200);
    const invalid = await call(`${t.partner.baseUrl}/token`, { method: 'POST', json: { username: 'partner@waflow.test' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.meta).toMatchObject({ http_code: 400 });
    expect(invalid.body.error).toMatchObject({ code: 131008 });
  });
});

describe('unknown paths answer in the shape of the surface they are under', () => {
  it('never with a success', async () => {
    const cloud = await call(`${t.sandbox.url}/cloud/nothing/here`);
    expect(cloud.status).toBe(404);
    expect(cloud.body.error).toMatchObject({ code: 100 });
    const onPrem = await call(`${t.sandbox.url}/on-premise/v1/nothing`);
    expect(onPrem.status).toBe(404);
    expect(onPrem.body.errors).toHaveLength(1);
    const partner = await call(`${t.sandbox.url}/hub/api/v2/partners/${t.partner.partnerId}/nothing`, { headers: partnerHeaders() });
    expect(partner.status).toBe(404);
    expect(partner.body.meta).toMatchObject({ success: false, http_code: 404 });
    const meta = await call(graph(`/${t.meta.wabaId}/nothing`), { headers: bearer(t.meta.accessToken) });
    expect(meta.status).toBe(404);
    expect(meta.body.error).toMatchObject({ code: 100 });
    const version = await call(`${t.sandbox.url}/graph/latest/${t.meta.wabaId}/flows`, { headers: bearer(t.meta.accessToken) });
    expect(version.status).toBe(400);
    expect(version.body.error).toMatchObject({ code: 100 });
  });

  it('the invented waba-v2 flow paths are gone', async () => {
    for (const path of ['/cloud/flows', '/flows', '/cloud/flows/123/publish']) {
      const res = await call(`${t.sandbox.url}${path}`, { method: path.endsWith('publish') ? 'POST' : 'GET', headers: { 'D360-API-KEY': t.apiKey } });
      expect(res.status, path).toBe(404);
      expect(res.body.error, path).toMatchObject({ code: 100 });
    }
  });
});

describe('flows on Graph paths', () => {
  it('tells /{flowId} from /{wabaId}/flows, and reads the real WABA id back', async () => {
    const name = uniqueName('Graph flow');
    const created = await call(graph(`/${t.meta.wabaId}/flows`), { method: 'POST', headers: bearer(t.meta.accessToken), json: { name, categories: ['SURVEY'], flow_json: feedbackFormSource() } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^\d{16}$/), success: true, validation_errors: [] });
    const id = created.body.id as string;
    const list = await call(graph(`/${t.meta.wabaId}/flows`), { headers: bearer(t.meta.accessToken) });
    expect(list.body).toMatchObject({ data: expect.arrayContaining([expect.objectContaining({ id, name })]), paging: { cursors: expect.any(Object) } });
    const one = await call(graph(`/${id}?fields=name,status,whatsapp_business_account`), { headers: bearer(t.meta.accessToken) });
    expect(one.body).toEqual({ id, name, status: 'DRAFT', whatsapp_business_account: expect.objectContaining({ id: t.meta.wabaId }) });
    const preview = await call(graph(`/${id}?fields=preview.invalidate(false)`), { headers: bearer(t.meta.accessToken) });
    expect(preview.body).toMatchObject({ id, preview: { preview_url: expect.stringContaining(`/preview/${id}?token=`) } });
    const assets = await call(graph(`/${id}/assets`), { headers: bearer(t.meta.accessToken) });
    expect(assets.body).toMatchObject({ data: [{ name: 'flow.json', asset_type: 'FLOW_JSON' }], paging: expect.any(Object) });
    const publish = await call(graph(`/${id}/publish`), { method: 'POST', headers: bearer(t.meta.accessToken) });
    expect(publish.body).toEqual({ success: true });
    // Another account's flow reads as no flow at all (404, 100/33).
    const foreign = await call(graph(`/${id}`), { headers: bearer(secondKey) });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('flows on Partner API paths', () => {
  it('answers lists as { flows | assets, count, total }, the preview on its own path, a create with 201', async () => {
    const name = uniqueName('Partner flow');
    const created = await call(partnerFlows(), { method: 'POST', headers: partnerHeaders(), json: { name, categories: ['OTHER'] } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^\d{16}$/) });
    const id = created.body.id as string;
    const upload = await call(`${partnerFlows()}/${id}/assets`, { method: 'POST', headers: partnerHeaders(), body: uploadForm(feedbackFormSource()) });
    expect(upload.body).toEqual({ success: true, validation_errors: [] });

    const list = await call(partnerFlows(), { headers: partnerHeaders() });
    expect(list.status).toBe(200);
    expect(Object.keys(list.body).sort()).toEqual(['count', 'flows', 'total']);
    expect(list.body.count).toBe((list.body.flows as unknown[]).length);
    expect(list.body.flows).toContainEqual(expect.objectContaining({ id, name, status: 'DRAFT' }));

    const assets = await call(`${partnerFlows()}/${id}/assets`, { headers: partnerHeaders() });
    expect(assets.body).toEqual({ assets: [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: expect.any(String) }], count: 1, total: 1 });

    const preview = await call(`${partnerFlows()}/${id}/preview`, { headers: partnerHeaders() });
    expect(preview.body).toEqual({ id, preview: { preview_url: expect.stringContaining(`/preview/${id}?token=`), expires_at: expect.any(String) } });

    const details = await call(`${partnerFlows()}/${id}`, { headers: partnerHeaders() });
    expect(details.body).toMatchObject({ id, name, status: 'DRAFT' });
    expect(details.body).not.toHaveProperty('health_status');
    const waba = await call(`${partnerFlows()}/${id}?fields=whatsapp_business_account`, { headers: partnerHeaders() });
    expect(waba.body).toEqual({ id, whatsapp_business_account: expect.objectContaining({ id: t.meta.wabaId }) });

    expect((await call(`${partnerFlows()}/${id}/publish`, { method: 'POST', headers: partnerHeaders() })).body).toEqual({ success: true });
  });

  it('relays Meta\'s errors inside its envelope, and answers contract violations in it', async () => {
    const missing = await call(`${partnerFlows()}/1234567890123456`, { headers: partnerHeaders() });
    expect(missing.status).toBe(404);
    expect(missing.body.meta).toMatchObject({ success: false, http_code: 404, developer_message: expect.stringContaining('1234567890123456') });
    expect(missing.body.error).toMatchObject({ code: 100, error_subcode: 33 });

    const withJson = await call(partnerFlows(), { method: 'POST', headers: partnerHeaders(), json: { name: uniqueName('x'), categories: ['OTHER'], flow_json: '{}' } });
    expect(withJson.status).toBe(400);
    expect(withJson.body.meta).toMatchObject({ http_code: 400 });
    expect(withJson.body.error).toMatchObject({ code: 131009 });

    const name = uniqueName('Dup');
    await call(partnerFlows(), { method: 'POST', headers: partnerHeaders(), json: { name, categories: ['OTHER'] } });
    const dup = await call(partnerFlows(), { method: 'POST', headers: partnerHeaders(), json: { name, categories: ['OTHER'] } });
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({ code: 100 });
    expect(String((dup.body.meta as Json).developer_message)).toMatch(/not unique/);
  });
});

describe('the business public key on Graph', () => {
  it('is set form-encoded as business_public_key and read back flat', async () => {
    const url = graph(`/${second.id}/whatsapp_business_encryption`);
    expect((await call(url, { headers: bearer(secondKey) })).body).toEqual({});
    const { publicKeyPem } = await generateKeyPair();
    const set = await call(url, { method: 'POST', headers: bearer(secondKey), body: new URLSearchParams({ business_public_key: publicKeyPem }) });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ success: true });
    expect((await call(url, { headers: bearer(secondKey) })).body).toEqual({ business_public_key: publicKeyPem, business_public_key_signature_status: 'VALID' });
    // The same key, as waba-v2 reads it: wrapped in data.
    const cloud = await call(`${t.baseUrl('cloud')}/whatsapp_business_encryption`, { headers: { 'D360-API-KEY': secondKey } });
    expect(cloud.body).toEqual({ data: [{ business_public_key: publicKeyPem, business_public_key_signature_status: 'VALID' }] });
    const empty = await call(url, { method: 'POST', headers: bearer(secondKey), body: new URLSearchParams({}) });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 131008 });
  });
});

describe('templates and messages on Graph', () => {
  it('creates a template on /{wabaId}/message_templates, lists it as data, and reads one by ?name=', async () => {
    const template = { name: 'graph_welcome', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hello' }] };
    const created = await call(graph(`/${t.meta.wabaId}/message_templates`), { method: 'POST', headers: bearer(t.meta.accessToken), json: template });
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'PENDING', category: 'MARKETING' });
    const list = await call(graph(`/${t.meta.wabaId}/message_templates`), { headers: bearer(t.meta.accessToken) });
    expect(list.body).toMatchObject({ data: expect.arrayContaining([expect.objectContaining({ name: 'graph_welcome' })]), paging: expect.any(Object) });
    const one = await call(graph(`/${t.meta.wabaId}/message_templates?name=graph_welcome`), { headers: bearer(t.meta.accessToken) });
    expect(one.body).toEqual({ data: [expect.objectContaining({ id: created.body.id, name: 'graph_welcome', status: 'PENDING' })], paging: expect.any(Object) });
    const none = await call(graph(`/${t.meta.wabaId}/message_templates?name=no_such_template`), { headers: bearer(t.meta.accessToken) });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ data: [] });
  });

  it('sends a message from /{phoneNumberId}/messages', async () => {
    const sent = await call(graph(`/${t.meta.phoneNumberId}/messages`), {
      method: 'POST',
      headers: bearer(t.meta.accessToken),
      json: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '4915100000042', type: 'text', text: { body: 'hi' } },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ messaging_product: 'whatsapp', messages: [{ id: expect.stringMatching(/^wamid\./) }] });
  });
});

describe('migrating flows between WABAs', () => {
  async function graphFlow(wabaId: string, key: string, name: string, publish: boolean): Promise<string> {
    const res = await call(graph(`/${wabaId}/flows`), { method: 'POST', headers: bearer(key), json: { name, categories: ['SURVEY'], flow_json: feedbackFormSource(), publish } });
    expect(res.status).toBe(200);
    return res.body.id as string;
  }

  it('on Graph: copies named flows from another WABA with their status, new ids, skipping a clashing name (4233041)', async () => {
    const published = await graphFlow(second.wabaId ?? '', secondKey, 'migrate published', true);
    const draft = await graphFlow(second.wabaId ?? '', secondKey, 'migrate draft', false);
    await graphFlow(second.wabaId ?? '', secondKey, 'migrate clash', false);
    await graphFlow(t.meta.wabaId, t.meta.accessToken, 'migrate clash', false);
    const names = JSON.stringify(['migrate published', 'migrate draft', 'migrate clash']);
    const res = await call(graph(`/${t.meta.wabaId}/migrate_flows?source_waba_id=${second.wabaId ?? ''}&source_flow_names=${encodeURIComponent(names)}`), {
      method: 'POST',
      headers: bearer(t.meta.accessToken),
    });
    expect(res.status).toBe(200);
    const migrated = res.body.migrated_flows as { source_name: string; source_id: string; migrated_id: string }[];
    expect(migrated.map((m) => [m.source_name, m.source_id])).toEqual([
      ['migrate published', published],
      ['migrate draft', draft],
    ]);
    expect(res.body.failed_flows).toEqual([{ source_name: 'migrate clash', error_code: '4233041', error_message: 'Flow with the same name exists in destination WABA.' }]);
    for (const m of migrated) {
      expect(m.migrated_id).not.toBe(m.source_id);
      const copy = await call(graph(`/${m.migrated_id}?fields=name,status,json_version,validation_errors`), { headers: bearer(t.meta.accessToken) });
      expect(copy.body).toEqual({ id: m.migrated_id, name: m.source_name, status: m.source_name === 'migrate published' ? 'PUBLISHED' : 'DRAFT', json_version: FEEDBACK_FORM_VERSION, validation_errors: [] });
    }
    // The source keeps its flows.
    expect((await call(graph(`/${published}?fields=status`), { headers: bearer(secondKey) })).body).toEqual({ id: published, status: 'PUBLISHED' });
  });

  it('on the Partner API: source_waba_id is the WABA account id; without names every flow comes', async () => {
    const name = uniqueName('from main');
    const created = await call(partnerFlows(), { method: 'POST', headers: partnerHeaders(), json: { name, categories: ['OTHER'] } });
    const res = await call(`${partnerFlows(second.wabaAccountId)}/migrate`, { method: 'POST', headers: partnerHeaders(), json: { source_waba_id: t.partner.wabaAccountId } });
    expect(res.status).toBe(200);
    const migrated = res.body.migrated_flows as { source_name: string; source_id: string; migrated_id: string }[];
    expect(migrated).toContainEqual({ source_name: name, source_id: created.body.id, migrated_id: expect.stringMatching(/^\d{16}$/) });
    // The flows migrated from it on Graph above already exist there: name clashes.
    expect(res.body.failed_flows).toContainEqual({ source_name: 'migrate published', error_code: '4233041', error_message: 'Flow with the same name exists in destination WABA.' });
    const list = await call(partnerFlows(second.wabaAccountId), { headers: partnerHeaders() });
    expect((list.body.flows as Json[]).map((f) => f.name)).toContain(name);
  });

  it('refuses a source outside the business, the destination itself, and a Meta WABA id on the Partner API', async () => {
    const foreign = await call(`${partnerFlows()}/migrate`, { method: 'POST', headers: partnerHeaders(), json: { source_waba_id: otherPhone.wabaAccountId } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 100 });
    const itself = await call(graph(`/${t.meta.wabaId}/migrate_flows?source_waba_id=${t.meta.wabaId}`), { method: 'POST', headers: bearer(t.meta.accessToken) });
    expect(itself.status).toBe(400);
    const metaId = await call(`${partnerFlows()}/migrate`, { method: 'POST', headers: partnerHeaders(), json: { source_waba_id: second.wabaId } });
    expect(metaId.status).toBe(400);
    const missing = await call(graph(`/${t.meta.wabaId}/migrate_flows`), { method: 'POST', headers: bearer(t.meta.accessToken) });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 131008 });
  });
});
