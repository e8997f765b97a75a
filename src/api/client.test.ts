import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, DEFAULT_BASE_URLS } from './client.js';
import { DEFAULT_GRAPH_VERSION } from './contract/index.js';
import { ApiClientError, ApiError, cloudErrorBody, onPremiseErrorBody } from './errors.js';
import {
  seedCloudFlowMessage,
  seedCreateTemplate,
  seedCreateTemplateResponse,
  seedFlowMessageResponse,
  seedOnPremiseFlowMessage,
  seedTemplateFlowMessage,
  seedTemplateFlowMessageResponse,
} from './contract/seed-samples.js';
import type { TestPeer } from './test-peer.js';
import { startTestPeer } from './test-peer.js';
import type { HostingType } from './types.js';

const API_KEY = 'test-key-7f3a9c2e1b';
let peer: TestPeer;

beforeAll(async () => {
  peer = await startTestPeer();
});
afterAll(async () => {
  await peer.close();
});
beforeEach(() => {
  peer.requests.length = 0;
});

function client(hostingType: HostingType) {
  return createClient({ apiKey: API_KEY, hostingType, baseUrl: peer.baseUrl });
}

function lastRequest() {
  const request = peer.requests.at(-1);
  if (request === undefined) throw new Error('The peer received no request.');
  return request;
}

const sendFlowInput = {
  to: 'whatsapp-id',
  header: 'Flow message header',
  body: 'Flow message body',
  footer: 'Flow message footer',
  flowToken: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
  flowId: '1',
  flowCta: 'Book!',
};

describe('messages on Cloud', () => {
  it('sends the seed flow message byte for byte in JSON, with the API key header', async () => {
    peer.reply('POST /messages', { body: seedTemplateFlowMessageResponse });
    const result = await client('cloud').messages.sendFlow({
      ...sendFlowInput,
      flowAction: 'navigate',
      flowActionPayload: { screen: '<SCREEN_NAME>', data: { product_name: 'name', product_description: 'description', product_price: 100 } },
    });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.pathname).toBe('/messages');
    expect(request.headers['d360-api-key']).toBe(API_KEY);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.json).toEqual(seedCloudFlowMessage);
    expect(result).toEqual({ messagingProduct: 'whatsapp', contacts: [{ input: '<phone-number>', waId: '<phone-number>' }], messages: [{ id: '<message-id>' }] });
  });

  it('sends the flow data keys exactly as written', async () => {
    peer.reply('POST /messages', { body: seedTemplateFlowMessageResponse });
    await client('cloud').messages.sendFlow({ ...sendFlowInput, flowAction: 'navigate', flowActionPayload: { screen: 'S', data: { firstName: 'Ana' } } });
    const parameters = (lastRequest().json as { interactive: { action: { parameters: Record<string, unknown> } } }).interactive.action.parameters;
    expect(parameters.flow_action_payload).toEqual({ screen: 'S', data: { firstName: 'Ana' } });
  });

  it('refuses bad input before sending anything', async () => {
    const attempt = client('cloud').messages.sendFlow({ ...sendFlowInput, flowCta: 'Open the booking form now' });
    await expect(attempt).rejects.toBeInstanceOf(ApiClientError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'interactive.action.parameters.flow_cta' }] });
    const exchange = client('cloud').messages.sendFlow({ ...sendFlowInput, flowAction: 'data_exchange', flowActionPayload: { screen: 'S' } });
    await expect(exchange).rejects.toMatchObject({ issues: [{ path: 'interactive.action.parameters.flow_action_payload', kind: 'invalid' }] });
    expect(peer.requests).toHaveLength(0);
  });

  it('sends the seed template message with its flow button', async () => {
    peer.reply('POST /messages', { body: seedTemplateFlowMessageResponse });
    await client('cloud').messages.sendTemplate({
      to: 'PHONE_NUMBER',
      name: 'TEMPLATE_NAME',
      language: 'LANGUAGE_AND_LOCALE_CODE',
      flowButton: { index: 0, flowToken: 'FLOW_TOKEN', flowActionData: { product_name: 'name' } },
    });
    expect(lastRequest().json).toEqual(seedTemplateFlowMessage);
  });

  it('leaves flow_token out when not given, for the platform default', async () => {
    peer.reply('POST /messages', { body: seedTemplateFlowMessageResponse });
    await client('cloud').messages.sendTemplate({ to: '1', name: 'n', language: 'en_US', flowButton: { index: 1 } });
    const component = (lastRequest().json as { template: { components: unknown[] } }).template.components[0];
    expect(component).toEqual({ type: 'button', sub_type: 'flow', index: '1', parameters: [{ type: 'action', action: {} }] });
  });

  it('sends a text message', async () => {
    peer.reply('POST /messages', { body: seedTemplateFlowMessageResponse });
    await client('cloud').messages.sendText({ to: '4915112345678', body: 'Thanks!', previewUrl: false });
    expect(lastRequest().json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '4915112345678',
      type: 'text',
      text: { body: 'Thanks!', preview_url: false },
    });
  });
});

describe('messages on On-Premise', () => {
  it('sends the seed galaxy_message form to /v1/messages and reads the seed response', async () => {
    peer.reply('POST /v1/messages', { body: seedFlowMessageResponse });
    const result = await client('on-premise').messages.sendFlow({ ...sendFlowInput, mode: 'draft' });
    const request = lastRequest();
    expect(request.pathname).toBe('/v1/messages');
    expect(request.headers['d360-api-key']).toBe(API_KEY);
    expect(request.json).toEqual(seedOnPremiseFlowMessage);
    expect(result.contacts[0]).toEqual({ input: '+447385946746', waId: '47385946746' });
    expect(result.meta).toEqual({ apiStatus: 'stable', version: '2.44.0.27' });
  });

  it('sends templates with a deterministic language policy and no messaging_product', async () => {
    peer.reply('POST /v1/messages', { body: seedFlowMessageResponse });
    await client('on-premise').messages.sendTemplate({ to: '1', name: 'feedback', language: 'en', flowButton: { index: 0, flowToken: 't' } });
    const body = lastRequest().json as Record<string, unknown>;
    expect(body.messaging_product).toBeUndefined();
    expect((body.template as Record<string, unknown>).language).toEqual({ code: 'en', policy: 'deterministic' });
  });
});

describe.each(['cloud', 'on-premise'] as const)('templates on %s', (hostingType) => {
  it('creates the seed template (PENDING) and reads it back (APPROVED)', async () => {
    peer.reply('POST /v1/configs/templates', { body: seedCreateTemplateResponse });
    peer.reply('GET /v1/configs/templates/example_template_name', {
      body: { ...seedCreateTemplate, id: '<template-id>', status: 'APPROVED' },
    });
    const api = client(hostingType);
    const created = await api.templates.create({
      name: 'example_template_name',
      language: 'en_US',
      category: 'MARKETING',
      components: [
        { type: 'body', text: 'This is a flows as template demo' },
        { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Open flow!', flowId: '<flow-id>', navigateScreen: 'Flows Json screen name', flowAction: 'navigate' }] },
      ],
    });
    expect(lastRequest().json).toEqual(seedCreateTemplate);
    expect(created).toEqual({ id: '<template-id>', status: 'PENDING', category: 'MARKETING' });
    const record = await api.templates.get('example_template_name');
    expect(lastRequest()).toMatchObject({ method: 'GET', pathname: '/v1/configs/templates/example_template_name' });
    expect(record.status).toBe('APPROVED');
    expect(record.components[1]).toEqual({
      type: 'BUTTONS',
      buttons: [{ type: 'FLOW', text: 'Open flow!', flowId: '<flow-id>', navigateScreen: 'Flows Json screen name', flowAction: 'navigate' }],
    });
  });

  it('lists templates', async () => {
    peer.reply('GET /v1/configs/templates', { body: { count: 1, total: 1, waba_templates: [{ ...seedCreateTemplate, status: 'APPROVED' }] } });
    const list = await client(hostingType).templates.list();
    expect(list.wabaTemplates.map((t) => t.name)).toEqual(['example_template_name']);
  });
});

const PARTNER_KEY = 'partner-key-3d8e0a';
const ACCESS_TOKEN = 'EAAG-test-token-51c2';
const FLOWS = '/hub/partners/P1PA/waba_accounts/W1/flows';
const GRAPH = `/graph/${DEFAULT_GRAPH_VERSION}`;

/** A 360dialog number client that manages flows on the Partner API. */
function partnerClient(hostingType: HostingType = 'cloud') {
  return createClient({ apiKey: API_KEY, hostingType, baseUrl: peer.baseUrl, partner: { partnerId: 'P1PA', wabaAccountId: 'W1', apiKey: PARTNER_KEY, baseUrl: `${peer.baseUrl}/hub` } });
}

function metaClient() {
  return createClient({ accessToken: ACCESS_TOKEN, wabaId: '1020', phoneNumberId: '3040', baseUrl: `${peer.baseUrl}/graph` });
}

describe('flows management', () => {
  const validationError = {
    error: 'INVALID_PROPERTY_VALUE',
    error_type: 'FLOW_JSON_ERROR',
    message: 'Invalid value found for property type.',
    line_start: 10,
    line_end: 10,
    column_start: 21,
    column_end: 34,
    pointers: [{ line_start: 10, line_end: 10, column_start: 21, column_end: 34, path: 'screens[0].layout.children[0].type' }],
  };

  it('creates a flow on the Graph API in one request, stringifying an object Flow JSON', async () => {
    peer.reply(`POST ${GRAPH}/1020/flows`, { body: { id: '1234', success: true, validation_errors: [] } });
    const flowJson = { version: '6.0', screens: [] };
    const created = await metaClient().flows.create({ name: 'Feedback', categories: ['SURVEY'], endpointUri: 'https://example.com/e', flowJson });
    expect(lastRequest().json).toEqual({ name: 'Feedback', categories: ['SURVEY'], endpoint_uri: 'https://example.com/e', flow_json: JSON.stringify(flowJson, null, 2) });
    expect(lastRequest().headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(created).toEqual({ id: '1234', success: true, validationErrors: [] });
  });

  it('creates a flow on the Partner API as create, upload and publish', async () => {
    peer.reply(`POST ${FLOWS}`, { status: 201, body: { id: '1234' } });
    peer.reply(`POST ${FLOWS}/1234/assets`, { body: { success: true, validation_errors: [] } });
    peer.reply(`POST ${FLOWS}/1234/publish`, { body: { success: true } });
    const created = await partnerClient().flows.create({ name: 'Feedback', categories: ['SURVEY'], flowJson: { version: '6.0', screens: [] }, publish: true });
    expect(created).toEqual({ id: '1234', success: true, validationErrors: [] });
    expect(peer.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([`POST ${FLOWS}`, `POST ${FLOWS}/1234/assets`, `POST ${FLOWS}/1234/publish`]);
    expect(peer.requests[0]?.json).toEqual({ name: 'Feedback', categories: ['SURVEY'] });
    expect(peer.requests.every((r) => r.headers['x-api-key'] === PARTNER_KEY && r.headers['d360-api-key'] === undefined)).toBe(true);
  });

  it.each([
    ['meta', `${GRAPH}/1234/assets`],
    ['partner', `${FLOWS}/1234/assets`],
  ] as const)('uploads Flow JSON as multipart and reads the validation errors (%s)', async (provider, path) => {
    peer.reply(`POST ${path}`, { body: { success: true, validation_errors: [validationError] } });
    const api = provider === 'meta' ? metaClient() : partnerClient();
    const result = await api.flows.uploadJson('1234', { version: '6.0', screens: [] });
    const request = lastRequest();
    expect(request.pathname).toBe(path);
    expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request('http://peer/', {
      method: 'POST',
      headers: { 'content-type': String(request.headers['content-type']) },
      body: new Uint8Array(request.raw),
    }).formData();
    expect(form.get('name')).toBe('flow.json');
    expect(form.get('asset_type')).toBe('FLOW_JSON');
    const file = form.get('file') as File;
    expect(file.name).toBe('flow.json');
    expect(JSON.parse(await file.text())).toEqual({ version: '6.0', screens: [] });
    expect(result.validationErrors[0]).toMatchObject({ errorType: 'FLOW_JSON_ERROR', lineStart: 10, columnEnd: 34 });
    expect(result.validationErrors[0]?.pointers?.[0]?.path).toBe('screens[0].layout.children[0].type');
  });

  it('refuses an empty Flow JSON before sending', async () => {
    await expect(partnerClient().flows.uploadJson('1234', '  ')).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'file' }] });
    expect(peer.requests).toHaveLength(0);
  });

  it('reads details with the default fields, and preview and metrics through fields expressions (Graph)', async () => {
    peer.reply(`GET ${GRAPH}/1234`, {
      body: {
        id: '1234',
        name: 'Feedback',
        status: 'DRAFT',
        categories: ['SURVEY'],
        validation_errors: [],
        json_version: '6.0',
        data_api_version: '3.0',
        endpoint_uri: 'https://example.com/e',
        preview: { preview_url: 'https://business.facebook.com/wa/manage/flows/1234/preview/?token=t', expires_at: '2026-12-01T10:00:00+0000' },
        health_status: { can_send_message: 'AVAILABLE', entities: [] },
      },
    });
    const api = metaClient();
    const details = await api.flows.get('1234');
    expect(lastRequest().query.fields).toBe('id,name,status,categories,validation_errors,json_version,data_api_version,endpoint_uri,preview,health_status');
    expect(details).toMatchObject({ jsonVersion: '6.0', dataApiVersion: '3.0', healthStatus: { canSendMessage: 'AVAILABLE' } });
    expect(details.preview?.previewUrl).toContain('/preview/');

    await api.flows.preview('1234', { invalidate: true });
    expect(lastRequest().query).toEqual({ fields: 'preview.invalidate(true)' });
    await api.flows.metrics('1234', { name: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY', since: '2026-11-01', until: '2026-11-20' });
    expect(lastRequest().query).toEqual({ fields: 'metric.name(ENDPOINT_REQUEST_COUNT).granularity(DAY).since(2026-11-01).until(2026-11-20)' });
  });

  it('uses the contract path and method of each lifecycle call (Partner API)', async () => {
    for (const route of [`POST ${FLOWS}/1234`, `POST ${FLOWS}/1234/publish`, `POST ${FLOWS}/1234/deprecate`, `DELETE ${FLOWS}/1234`]) {
      peer.reply(route, { body: { success: true } });
    }
    peer.reply(`GET ${FLOWS}`, { body: { flows: [{ id: '1234', name: 'Feedback', status: 'PUBLISHED', categories: ['SURVEY'], validation_errors: [] }], count: 1, total: 1 } });
    peer.reply(`GET ${FLOWS}/1234/assets`, { body: { assets: [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: 'https://example.com/flow.json' }], count: 1, total: 1 } });
    const api = partnerClient('on-premise');
    expect(await api.flows.update('1234', { name: 'Feedback v2', categories: ['SURVEY'] })).toEqual({ success: true });
    expect(lastRequest().json).toEqual({ name: 'Feedback v2', categories: ['SURVEY'] });
    await api.flows.publish('1234');
    await api.flows.deprecate('1234');
    await api.flows.delete('1234');
    const list = await api.flows.list();
    const assets = await api.flows.listAssets('1234');
    expect(peer.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      `POST ${FLOWS}/1234`,
      `POST ${FLOWS}/1234/publish`,
      `POST ${FLOWS}/1234/deprecate`,
      `DELETE ${FLOWS}/1234`,
      `GET ${FLOWS}`,
      `GET ${FLOWS}/1234/assets`,
    ]);
    expect(peer.requests.every((r) => r.headers['x-api-key'] === PARTNER_KEY && r.headers['d360-api-key'] === undefined)).toBe(true);
    expect(list).toMatchObject({ count: 1, total: 1 });
    expect(list.data[0]?.validationErrors).toEqual([]);
    expect(assets.data[0]).toEqual({ name: 'flow.json', assetType: 'FLOW_JSON', downloadUrl: 'https://example.com/flow.json' });
  });

  it('throws the typed Flows error of an error answer, with the validation errors of a failed publish', async () => {
    peer.reply(`POST ${GRAPH}/1234/publish`, { status: 400, body: cloudErrorBody({ code: 139002, message: 'Publishing failed', subcode: 4016015 }) });
    peer.reply(`GET ${GRAPH}/1234`, { body: { id: '1234', validation_errors: [validationError] } });
    const attempt = metaClient().flows.publish('1234');
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      code: 139002,
      subcode: 4016015,
      dialect: 'meta',
      operation: 'flows.publish',
      isFlowError: true,
      validationErrors: [{ error: 'INVALID_PROPERTY_VALUE', lineStart: 10 }],
    });
  });
});

describe('flows management without Partner API credentials', () => {
  it('says clearly that 360dialog\'s number API has none, and where to go, without sending', async () => {
    for (const hostingType of ['cloud', 'on-premise'] as const) {
      const api = client(hostingType);
      const error = await api.flows.list().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
      expect((error as Error).message).toMatch(/^flows\.list is not on 360dialog's (Messaging|On-Premise) API/);
      expect((error as Error).message).toContain('partner: { partnerId, wabaAccountId, apiKey }');
      expect((error as Error).message).toContain("provider 'meta'");
      await expect(api.flows.uploadJson('1', '{}')).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    }
    expect(peer.requests).toHaveLength(0);
  });
});

describe('business public key', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('sets and reads the key on Cloud', async () => {
    peer.reply('POST /whatsapp_business_encryption', { body: { success: true } });
    peer.reply('GET /whatsapp_business_encryption', { body: { data: [{ business_public_key: pem, business_public_key_signature_status: 'SIGNED' }] } });
    const api = client('cloud');
    expect(await api.encryption.setPublicKey(pem)).toEqual({ success: true });
    expect(lastRequest().json).toEqual({ public_key: pem });
    expect(await api.encryption.getPublicKey()).toEqual({ businessPublicKey: pem, businessPublicKeySignatureStatus: 'SIGNED' });
  });

  it('uses the settings path on On-Premise and reads its flat answer', async () => {
    const path = '/v1/settings/business/whatsapp_business_encryption';
    peer.reply(`POST ${path}`, { body: { meta: { api_status: 'stable', version: '2.53.1' } } });
    peer.reply(`GET ${path}`, { body: { business_public_key: pem, business_public_key_signature_status: 'VALID', meta: { api_status: 'stable' } } });
    const api = client('on-premise');
    expect(await api.encryption.setPublicKey(pem)).toEqual({ success: true });
    expect(lastRequest()).toMatchObject({ method: 'POST', pathname: path, json: { public_key: pem } });
    expect(await api.encryption.getPublicKey()).toEqual({ businessPublicKey: pem, businessPublicKeySignatureStatus: 'VALID' });
  });

  it('returns null when no key is set, and refuses a key that is not 2048-bit RSA', async () => {
    peer.reply('GET /whatsapp_business_encryption', { body: { data: [] } });
    expect(await client('cloud').encryption.getPublicKey()).toBeNull();
    const requests = peer.requests.length;
    await expect(client('cloud').encryption.setPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      issues: [{ path: 'public_key' }],
    });
    expect(peer.requests).toHaveLength(requests);
  });
});

describe('errors and secrets', () => {
  it('reads an On-Premise error answer', async () => {
    peer.reply('POST /v1/messages', { status: 403, body: onPremiseErrorBody([{ code: 2068, title: 'Flow is blocked', details: 'Flow 1 is blocked.' }]) });
    await expect(client('on-premise').messages.sendFlow(sendFlowInput)).rejects.toMatchObject({ status: 403, code: 2068, hostingType: 'on-premise' });
  });

  it('scrubs the API key from an error answer that echoes it', async () => {
    peer.reply('POST /messages', { status: 401, body: cloudErrorBody({ code: 0, message: `Invalid D360-API-KEY ${API_KEY}`, type: 'AuthException' }) });
    const error = await client('cloud').messages.sendText({ to: '1', body: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(JSON.stringify({ message: (error as ApiError).message, stack: (error as ApiError).stack })).not.toContain(API_KEY);
  });

  it('reports a network failure without the key', async () => {
    const closed = await startTestPeer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await createClient({ apiKey: API_KEY, hostingType: 'cloud', baseUrl }).messages.sendText({ to: '1', body: 'hi' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect((error as Error).message).not.toContain(API_KEY);
  });

  it('reports a success answer that is not JSON', async () => {
    peer.reply('GET /v1/configs/templates', { body: 'not json' });
    await expect(client('cloud').templates.list()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});

describe('createClient options', () => {
  it("defaults to 360dialog's base URL for the hosting type", () => {
    expect(createClient({ apiKey: 'k', hostingType: 'cloud' }).baseUrl).toBe('https://waba-v2.360dialog.io');
    expect(createClient({ apiKey: 'k', hostingType: 'on-premise' }).baseUrl).toBe(DEFAULT_BASE_URLS['on-premise']);
    expect(DEFAULT_BASE_URLS['on-premise']).toBe('https://waba.360dialog.io');
  });

  it('rejects bad options with specific messages that never hold the key', () => {
    const bad = (options: unknown) => {
      try {
        createClient(options as Parameters<typeof createClient>[0]);
      } catch (error) {
        return error as ApiClientError;
      }
      throw new Error('createClient accepted bad options');
    };
    expect(bad({ hostingType: 'cloud' }).message).toContain('apiKey is required');
    const withNewline = bad({ apiKey: 'abc\r\nX-Evil: 1', hostingType: 'cloud' });
    expect(withNewline.code).toBe('INVALID_OPTIONS');
    expect(withNewline.message).not.toContain('abc');
    expect(bad({ apiKey: 'k', hostingType: 'hosted' }).message).toContain('"cloud" or "on-premise"');
    expect(bad({ apiKey: 'k', hostingType: 'cloud', baseUrl: 'ftp://example.com' }).message).toContain('http(s) URL');
    expect(bad({ apiKey: 'k', hostingType: 'cloud', baseUrl: 'https://user:pw@example.com' }).message).toContain('credentials');
  });
});
