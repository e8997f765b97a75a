// The client against each provider, over real HTTP on 127.0.0.1 and without the sandbox: the
// recording test peer serves every dialect under its own prefix and answers each operation with a fixed
// common answer, encoded for the dialect by the contract (as the sandbox does). Every request the
// client sends must route, by the contract's own matchOperation, to the operation the method is for,
// and carry exactly the credential of its surface.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import type { ApiClient, ClientOptions } from './client.js';
import { createClientWith } from './client/create.js';
import { parseRetryAfter } from './client/retry.js';
import { DEFAULT_GRAPH_VERSION, matchOperation } from './contract/index.js';
import { ApiClientError, ApiError, cloudErrorBody, partnerErrorBody } from './errors.js';
import { startTestPeer } from './test-peer.js';
import type { PeerReply, RecordedRequest, TestPeer } from './test-peer.js';
import type { Dialect } from './types.js';

// ---------------------------------------------------------------------------------------------
// The recording server

/** A request as the peer recorded it (`pathname` with the prefix), and the surface its prefix names. */
interface Recorded extends RecordedRequest {
  dialect: Dialect | undefined;
  /** Path relative to the dialect's base URL. */
  relative: string;
}

/** An answer, or `{ hang: true }` (never answer: timeouts, aborts) or `{ reset: true }` (cut the connection). */
type Reply = PeerReply;

type Responder = (request: Recorded) => Reply | undefined;

const GRAPH = `/graph/${DEFAULT_GRAPH_VERSION}`;
const PREFIXES: readonly [string, Dialect][] = [
  ['/d360', 'cloud'],
  ['/onprem', 'on-premise'],
  ['/hub/api/v2', 'partner'],
  [GRAPH, 'meta'],
];

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

const validationError = {
  error: 'INVALID_PROPERTY_VALUE',
  error_type: 'FLOW_JSON_ERROR',
  message: 'Invalid value found for property type.',
  line_start: 10,
  line_end: 10,
  column_start: 21,
  column_end: 34,
};
const templateRecord = { id: 't1', name: 'order_ready', language: 'en_US', category: 'UTILITY', status: 'APPROVED', components: [{ type: 'BODY', text: 'Hi' }] };

/** The common wire answer of each operation. */
const ANSWERS: Record<string, unknown> = {
  'messages.send': { messaging_product: 'whatsapp', contacts: [{ input: '4915112345678', wa_id: '4915112345678' }], messages: [{ id: 'wamid.1' }] },
  'templates.create': { id: 't1', status: 'PENDING', category: 'UTILITY' },
  'templates.list': { waba_templates: [templateRecord], count: 1, total: 1 },
  'templates.get': templateRecord,
  'flows.create': { id: 'f1', success: true, validation_errors: [] },
  'flows.list': { data: [{ id: 'f1', name: 'Feedback', status: 'DRAFT', categories: ['SURVEY'], validation_errors: [] }], paging: { cursors: { before: 'b', after: 'a' } } },
  'flows.get': { id: 'f1', name: 'Feedback', status: 'DRAFT', categories: ['SURVEY'], validation_errors: [], health_status: { can_send_message: 'AVAILABLE', entities: [] } },
  'flows.update': { success: true },
  'flows.uploadJson': { success: true, validation_errors: [] },
  'flows.listAssets': { data: [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: 'https://example.com/flow.json' }] },
  'flows.publish': { success: true },
  'flows.deprecate': { success: true },
  'flows.delete': { success: true },
  'flows.preview': { id: 'f1', preview: { preview_url: 'https://example.com/preview', expires_at: '2026-12-01T10:00:00+0000' } },
  'flows.metrics': { id: 'f1', metric: { name: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY', data_points: [] } },
  'flows.migrate': { migrated_flows: [{ source_name: 'a', source_id: '1', migrated_id: '2' }], failed_flows: [] },
  'encryption.setPublicKey': { success: true },
  'encryption.getPublicKey': { data: [{ business_public_key: pem, business_public_key_signature_status: 'VALID' }] },
  'auth.token': { access_token: 'fetched-token-1', token_type: 'bearer', expires_in: 3600 },
};

/** What the platform would answer: the operation's common answer, encoded for the dialect. */
function defaultReply(request: Recorded): Reply {
  if (request.dialect === undefined) return { status: 404, body: { error: { message: 'no such prefix', code: 100 } } };
  const match = matchOperation(request.method, request.relative, request.dialect, request.query);
  if (match === undefined) return { status: 404, body: { error: { message: `no operation for ${request.method} ${request.relative}`, code: 100 } } };
  const common = ANSWERS[match.operation.id] ?? {};
  const encode = match.operation.wire?.[request.dialect]?.response?.encode;
  return { status: 200, body: encode === undefined ? common : encode(common) };
}

let peer: TestPeer;
let origin: string;
const requests: Recorded[] = [];
let responder: Responder = () => undefined;

function withSurface(request: RecordedRequest): Recorded {
  const prefix = PREFIXES.find(([p]) => request.pathname === p || request.pathname.startsWith(`${p}/`));
  return { ...request, dialect: prefix?.[1], relative: prefix === undefined ? request.pathname : request.pathname.slice(prefix[0].length) };
}

beforeAll(async () => {
  peer = await startTestPeer();
  origin = peer.baseUrl;
  peer.respond((request) => {
    const recorded = withSurface(request);
    requests.push(recorded);
    return responder(recorded) ?? defaultReply(recorded);
  });
});

afterAll(() => peer.close());

beforeEach(() => {
  requests.length = 0;
  responder = () => undefined;
});

// ---------------------------------------------------------------------------------------------
// Clients of every provider

const KEY = 'd360-key-5b1e';
const PARTNER_KEY = 'partner-key-9c4d';
const PARTNER_TOKEN = 'partner-token-2a7f';
const PASSWORD = 'hunter2-partner-pw';
const ACCESS_TOKEN = 'EAAGmeta-token-77';
const SECRETS = [KEY, PARTNER_KEY, PARTNER_TOKEN, PASSWORD, ACCESS_TOKEN, 'fetched-token-1'];
const partnerIds = { partnerId: 'abcPA', wabaAccountId: 'wA1' };

const configs = {
  '360dialog cloud': () => ({ apiKey: KEY, hostingType: 'cloud', baseUrl: `${origin}/d360` }),
  '360dialog on-premise': () => ({ apiKey: KEY, hostingType: 'on-premise', baseUrl: `${origin}/onprem` }),
  '360dialog cloud + partner key': () => ({ apiKey: KEY, baseUrl: `${origin}/d360`, partner: { ...partnerIds, apiKey: PARTNER_KEY, baseUrl: `${origin}/hub/api/v2` } }),
  '360dialog on-premise + partner token': () => ({
    provider: '360dialog',
    apiKey: KEY,
    hostingType: 'on-premise',
    baseUrl: `${origin}/onprem`,
    partner: { ...partnerIds, token: PARTNER_TOKEN, baseUrl: `${origin}/hub/api/v2` },
  }),
  '360dialog-partner key': () => ({ provider: '360dialog-partner', ...partnerIds, apiKey: PARTNER_KEY, baseUrl: `${origin}/hub/api/v2` }),
  '360dialog-partner password': () => ({ ...partnerIds, username: 'ops@example.com', password: PASSWORD, baseUrl: `${origin}/hub/api/v2` }),
  meta: () => ({ accessToken: ACCESS_TOKEN, wabaId: '1020', phoneNumberId: '3040', baseUrl: `${origin}/graph` }),
} satisfies Record<string, () => ClientOptions>;
type ConfigName = keyof typeof configs;

/** The credential header each dialect's requests carry, for each configuration. */
function expectedAuth(config: ConfigName, dialect: Dialect): [string, string] {
  if (dialect === 'cloud' || dialect === 'on-premise') return ['d360-api-key', KEY];
  if (dialect === 'meta') return ['authorization', `Bearer ${ACCESS_TOKEN}`];
  if (config === '360dialog on-premise + partner token') return ['authorization', `Bearer ${PARTNER_TOKEN}`];
  if (config === '360dialog-partner password') return ['authorization', 'Bearer fetched-token-1'];
  return ['x-api-key', PARTNER_KEY];
}
const CREDENTIAL_HEADERS = ['d360-api-key', 'x-api-key', 'authorization'];

interface MethodCase {
  name: string;
  run: (api: ApiClient) => Promise<unknown>;
  /** Operation ids of the requests, in order; Partner API composes create of three. */
  ops: (dialect: Dialect) => string[];
}

const flowJson = { version: '6.0', screens: [{ id: 'START', title: 'Start', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] };

const METHODS: MethodCase[] = [
  { name: 'messages.sendFlow', run: (a) => a.messages.sendFlow({ to: '4915112345678', body: 'Hi', flowId: '1', flowCta: 'Open' }), ops: () => ['messages.send'] },
  { name: 'messages.sendText', run: (a) => a.messages.sendText({ to: '4915112345678', body: 'Hi' }), ops: () => ['messages.send'] },
  { name: 'messages.sendTemplate', run: (a) => a.messages.sendTemplate({ to: '4915112345678', name: 'order_ready', language: 'en_US', flowButton: { index: 0 } }), ops: () => ['messages.send'] },
  {
    name: 'templates.create',
    run: (a) =>
      a.templates.create({
        name: 'order_ready',
        language: 'en_US',
        category: 'UTILITY',
        components: [
          { type: 'BODY', text: 'Hi' },
          { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Open', flowId: '1', navigateScreen: 'START' }] },
        ],
      }),
    ops: () => ['templates.create'],
  },
  { name: 'templates.list', run: (a) => a.templates.list(), ops: () => ['templates.list'] },
  { name: 'templates.get', run: (a) => a.templates.get('order_ready'), ops: () => ['templates.get'] },
  {
    name: 'flows.create',
    run: (a) => a.flows.create({ name: 'Feedback', categories: ['SURVEY'], flowJson, publish: true }),
    ops: (d) => (d === 'partner' ? ['flows.create', 'flows.uploadJson', 'flows.publish'] : ['flows.create']),
  },
  { name: 'flows.list', run: (a) => a.flows.list(), ops: () => ['flows.list'] },
  { name: 'flows.get', run: (a) => a.flows.get('f1'), ops: () => ['flows.get'] },
  { name: 'flows.update', run: (a) => a.flows.update('f1', { name: 'Feedback 2' }), ops: () => ['flows.update'] },
  { name: 'flows.uploadJson', run: (a) => a.flows.uploadJson('f1', flowJson), ops: () => ['flows.uploadJson'] },
  { name: 'flows.listAssets', run: (a) => a.flows.listAssets('f1'), ops: () => ['flows.listAssets'] },
  { name: 'flows.publish', run: (a) => a.flows.publish('f1'), ops: () => ['flows.publish'] },
  { name: 'flows.deprecate', run: (a) => a.flows.deprecate('f1'), ops: () => ['flows.deprecate'] },
  { name: 'flows.delete', run: (a) => a.flows.delete('f1'), ops: () => ['flows.delete'] },
  { name: 'flows.preview', run: (a) => a.flows.preview('f1'), ops: () => ['flows.preview'] },
  { name: 'flows.metrics', run: (a) => a.flows.metrics('f1', { name: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY' }), ops: () => ['flows.metrics'] },
  { name: 'flows.migrate', run: (a) => a.flows.migrate({ sourceWabaId: '111', sourceFlowNames: ['a', 'b'] }), ops: () => ['flows.migrate'] },
  { name: 'flows.health', run: (a) => a.flows.health('f1'), ops: () => ['flows.get'] },
  { name: 'encryption.setPublicKey', run: (a) => a.encryption.setPublicKey(pem), ops: () => ['encryption.setPublicKey'] },
  { name: 'encryption.getPublicKey', run: (a) => a.encryption.getPublicKey(), ops: () => ['encryption.getPublicKey'] },
];

/** Where each configuration sends each area; undefined: the method must be refused. */
function dialectFor(config: ConfigName, method: string): Dialect | undefined {
  const area = method.slice(0, method.indexOf('.'));
  const messaging: Record<ConfigName, Dialect | undefined> = {
    '360dialog cloud': 'cloud',
    '360dialog on-premise': 'on-premise',
    '360dialog cloud + partner key': 'cloud',
    '360dialog on-premise + partner token': 'on-premise',
    '360dialog-partner key': undefined,
    '360dialog-partner password': undefined,
    meta: 'meta',
  };
  if (area !== 'flows') return messaging[config];
  if (config === 'meta') return 'meta';
  if (method === 'flows.health') return undefined;
  return config.includes('partner') ? 'partner' : undefined;
}

describe.each(Object.keys(configs) as ConfigName[])('provider %s', (config) => {
  const api = (): ApiClient => createClient(configs[config]());

  it.each(METHODS.map((m) => [m.name, m] as const))('%s', async (_name, method) => {
    const dialect = dialectFor(config, method.name);
    if (dialect === undefined) {
      const error = await method.run(api()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiClientError);
      expect(error).toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
      expect((error as Error).message).toContain(method.name);
      expect(requests).toHaveLength(0);
      return;
    }
    await method.run(api());
    const calls = requests.filter((r) => !(r.dialect === 'partner' && r.relative === '/token'));
    expect(calls.map((r) => matchOperation(r.method, r.relative, dialect, r.query)?.operation.id)).toEqual(method.ops(dialect));
    for (const request of requests) {
      expect(request.dialect).toBe(dialect);
      const isToken = request.relative === '/token';
      const [header, value] = expectedAuth(config, dialect);
      for (const name of CREDENTIAL_HEADERS) {
        if (!isToken && name === header) expect(request.headers[name]).toBe(value);
        else expect(request.headers[name], `${request.method} ${request.relative} carries ${name}`).toBeUndefined();
      }
    }
  });
});

describe('routing and options', () => {
  it('infers the provider from the credentials and says which dialect serves each area', () => {
    const d360 = createClient({ apiKey: KEY });
    expect(d360).toMatchObject({ provider: '360dialog', hostingType: 'cloud', baseUrl: 'https://waba-v2.360dialog.io' });
    expect(d360.dialects).toEqual({ messages: 'cloud', templates: 'cloud', encryption: 'cloud', flows: undefined });
    const withPartner = createClient({ apiKey: KEY, hostingType: 'on-premise', partner: { ...partnerIds, apiKey: PARTNER_KEY } });
    expect(withPartner.dialects).toEqual({ messages: 'on-premise', templates: 'on-premise', encryption: 'on-premise', flows: 'partner' });
    const partner = createClient({ ...partnerIds, apiKey: PARTNER_KEY });
    expect(partner).toMatchObject({ provider: '360dialog-partner', baseUrl: 'https://hub.360dialog.io/api/v2' });
    expect(partner.dialects).toEqual({ messages: undefined, templates: undefined, encryption: undefined, flows: 'partner' });
    const meta = createClient({ accessToken: ACCESS_TOKEN, wabaId: '1', phoneNumberId: '2' });
    expect(meta).toMatchObject({ provider: 'meta', hostingType: 'cloud', baseUrl: `https://graph.facebook.com/${DEFAULT_GRAPH_VERSION}` });
    expect(createClient({ accessToken: ACCESS_TOKEN, wabaId: '1', phoneNumberId: '2', graphVersion: 'v21.0', baseUrl: 'http://127.0.0.1:1/graph/' }).baseUrl).toBe(
      'http://127.0.0.1:1/graph/v21.0',
    );
  });

  it('names where an operation is missing and which providers have it', async () => {
    const flows = await createClient({ apiKey: KEY }).flows.create({ name: 'x', categories: ['OTHER'] }).catch((e: unknown) => e);
    expect((flows as Error).message).toBe(
      "flows.create is not on 360dialog's Messaging API (waba-v2); 360dialog documents flow management on its Partner API: pass partner: { partnerId, wabaAccountId, apiKey }, or use provider 'meta'.",
    );
    const send = await createClient({ ...partnerIds, apiKey: PARTNER_KEY }).messages.sendFlow({ to: '1', body: 'b', flowId: '1', flowCta: 'Go' }).catch((e: unknown) => e);
    expect((send as Error).message).toMatch(/^messages\.sendFlow is not on 360dialog's Partner API/);
    expect((send as Error).message).toContain("provider '360dialog'");
    expect((send as Error).message).toContain("provider 'meta'");
    const health = await createClient({ ...partnerIds, apiKey: PARTNER_KEY }).flows.health('1').catch((e: unknown) => e);
    expect(health).toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    expect((health as Error).message).toContain("provider 'meta'");
  });

  it('refuses Graph-only fields and preview invalidation on the Partner API before any request', async () => {
    const partner = createClient({ ...partnerIds, apiKey: PARTNER_KEY, baseUrl: `${origin}/hub/api/v2` });
    await expect(partner.flows.get('f1', { fields: ['health_status'] })).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'query.fields' }] });
    await expect(partner.flows.preview('f1', { invalidate: true })).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'query.fields' }] });
    await expect(partner.flows.create({ name: 'x', categories: ['OTHER'], publish: true })).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'flow_json' }] });
    await expect(partner.flows.create({ name: 'x', categories: ['OTHER'], flowJson: '  ' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'flow_json' }] });
    expect(requests).toHaveLength(0);
  });

  it('rejects options of another provider, and bad ones, without echoing a credential', () => {
    const bad = (options: unknown): ApiClientError => {
      try {
        createClient(options as ClientOptions);
      } catch (error) {
        return error as ApiClientError;
      }
      throw new Error('createClient accepted bad options');
    };
    expect(bad({ provider: 'meta', apiKey: KEY, accessToken: ACCESS_TOKEN, wabaId: '1', phoneNumberId: '2' }).message).toContain('apiKey is not an option of provider "meta"');
    expect(bad({ apiKey: KEY, wabaAccountId: 'w' }).message).toContain('partner: {');
    expect(bad({ ...partnerIds }).message).toContain('one way to sign in');
    expect(bad({ ...partnerIds, apiKey: PARTNER_KEY, token: PARTNER_TOKEN }).message).toContain('only one way');
    expect(bad({ ...partnerIds, username: 'u' }).message).toContain('password is required');
    expect(bad({ accessToken: 'tok en', wabaId: '1', phoneNumberId: '2' }).message).not.toContain('tok');
    expect(bad({ accessToken: ACCESS_TOKEN, wabaId: '1', phoneNumberId: '2', baseUrl: 'https://graph.facebook.com/v21.0' }).message).toContain('graphVersion');
    expect(bad({ accessToken: ACCESS_TOKEN, wabaId: '1', phoneNumberId: '2', graphVersion: '24' }).message).toContain('graphVersion');
    expect(bad({ apiKey: KEY, timeoutMs: 0 }).message).toContain('timeoutMs');
    expect(bad({ apiKey: KEY, retries: 1.5 }).message).toContain('retries');
    expect(bad({ provider: 'twilio', apiKey: KEY }).code).toBe('INVALID_OPTIONS');
  });
});

describe('wire shapes per dialect', () => {
  const meta = (): ApiClient => createClient(configs.meta());
  const partner = (): ApiClient => createClient(configs['360dialog-partner key']());

  it('meta: sets the public key as a form field business_public_key on the phone number', async () => {
    expect(await meta().encryption.setPublicKey(pem)).toEqual({ success: true });
    const request = requests[0];
    expect(request).toMatchObject({ method: 'POST', relative: '/3040/whatsapp_business_encryption' });
    expect(String(request?.headers['content-type'])).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request?.raw.toString('utf8')))).toEqual({ business_public_key: pem });
  });

  it('meta: reads the flat public key record into the common one', async () => {
    expect(await meta().encryption.getPublicKey()).toEqual({ businessPublicKey: pem, businessPublicKeySignatureStatus: 'VALID' });
  });

  it('meta: migrates with source_waba_id and source_flow_names in the query, no body', async () => {
    const result = await meta().flows.migrate({ sourceWabaId: '111', sourceFlowNames: ['a', 'b'] });
    const request = requests[0];
    expect(request).toMatchObject({ method: 'POST', relative: '/1020/migrate_flows', query: { source_waba_id: '111', source_flow_names: '["a","b"]' } });
    expect(request?.raw.length).toBe(0);
    expect(result).toEqual({ migratedFlows: [{ sourceName: 'a', sourceId: '1', migratedId: '2' }], failedFlows: [] });
  });

  it('meta: creates a flow with flow_json and publish in one request', async () => {
    const created = await meta().flows.create({ name: 'Feedback', categories: ['SURVEY'], flowJson, publish: true });
    expect(created).toEqual({ id: 'f1', success: true, validationErrors: [] });
    expect(JSON.parse(requests[0]?.raw.toString('utf8') ?? '')).toEqual({ name: 'Feedback', categories: ['SURVEY'], flow_json: JSON.stringify(flowJson, null, 2), publish: true });
  });

  it('meta: reads one template through the name filter, and a name with no template is a 404', async () => {
    expect((await meta().templates.get('order_ready')).status).toBe('APPROVED');
    expect(requests[0]).toMatchObject({ relative: '/1020/message_templates', query: { name: 'order_ready' } });
    responder = () => ({ body: { data: [], paging: { cursors: { before: '', after: '' } } } });
    const error = await meta().templates.get('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, dialect: 'meta', operation: 'templates.get' });
    expect((error as Error).message).toContain('"nope"');
  });

  it('meta: flows.health returns the health status', async () => {
    expect(await meta().flows.health('f1')).toEqual({ canSendMessage: 'AVAILABLE', entities: [] });
    expect(requests[0]?.query).toEqual({ fields: 'health_status' });
  });

  it('partner: decodes the list from { flows, count, total }', async () => {
    responder = (r) => (r.relative.endsWith('/flows') && r.method === 'GET' ? { body: { flows: [{ id: 'f1', name: 'A', status: 'DRAFT', categories: ['OTHER'], validation_errors: [] }], count: 1, total: 7 } } : undefined);
    const list = await partner().flows.list();
    // Offset paging becomes Graph's `paging`, the cursor being the next offset.
    expect(list).toEqual({
      data: [{ id: 'f1', name: 'A', status: 'DRAFT', categories: ['OTHER'], validationErrors: [] }],
      count: 1,
      total: 7,
      paging: { cursors: { before: '0', after: '1' }, next: 'offset=1' },
    });
    expect(requests[0]?.relative).toBe('/partners/abcPA/waba_accounts/wA1/flows');
    await partner().flows.list({ limit: 5, after: list.paging?.cursors.after ?? '' });
    expect(requests[1]?.query).toEqual({ limit: '5', offset: '1' });
  });

  it('listAll follows the pages: offsets on the Partner API, after cursors on Graph', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, name: `F${i}`, status: 'DRAFT', categories: ['OTHER'], validation_errors: [] }));
    responder = (r) => {
      if (!r.relative.endsWith('/flows') || r.method !== 'GET') return undefined;
      const offset = Number(r.query.offset ?? '0');
      if (r.relative.startsWith('/partners')) return { body: { flows: all.slice(offset, offset + 2), count: all.slice(offset, offset + 2).length, total: all.length } };
      const start = r.query.after === undefined ? 0 : Number(r.query.after) + 1;
      const page = all.slice(start, start + 2);
      const last = start + page.length - 1;
      return { body: { data: page, paging: { cursors: { before: String(start), after: String(last) }, ...(last < all.length - 1 ? { next: 'https://graph.test/next' } : {}) } } };
    };
    expect((await partner().flows.listAll()).map((f) => f.id)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    expect(requests.map((r) => r.query.offset)).toEqual([undefined, '2', '4']);
    requests.length = 0;
    expect((await meta().flows.listAll()).map((f) => f.id)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    expect(requests.map((r) => r.query.after)).toEqual([undefined, '1', '3']);
  });

  it('partner: the preview has its own path and no fields', async () => {
    const preview = await partner().flows.preview('f1');
    expect(requests[0]).toMatchObject({ method: 'GET', relative: '/partners/abcPA/waba_accounts/wA1/flows/f1/preview', query: {} });
    expect(preview.preview.previewUrl).toBe('https://example.com/preview');
  });

  it('partner: flows.get asks for the default fields the Partner API has', async () => {
    await partner().flows.get('f1');
    expect(requests[0]?.query.fields).toBe('id,name,status,categories,validation_errors,json_version,data_api_version,endpoint_uri,preview');
  });

  it('partner: create uploads the JSON and does not publish when it has validation errors', async () => {
    responder = (r) => (r.relative.endsWith('/assets') ? { body: { success: true, validation_errors: [validationError] } } : r.relative.endsWith('/flows') ? { status: 201, body: { id: 'f9' } } : undefined);
    const created = await partner().flows.create({ name: 'Broken', categories: ['OTHER'], flowJson: '{"version":"6.0"}', publish: true });
    expect(created).toMatchObject({ id: 'f9', success: false, validationErrors: [{ error: 'INVALID_PROPERTY_VALUE', lineStart: 10 }] });
    expect(requests.map((r) => `${r.method} ${r.relative}`)).toEqual(['POST /partners/abcPA/waba_accounts/wA1/flows', 'POST /partners/abcPA/waba_accounts/wA1/flows/f9/assets']);
    expect(JSON.parse(requests[0]?.raw.toString('utf8') ?? '')).toEqual({ name: 'Broken', categories: ['OTHER'] });
  });

  it('partner: a failure after create names the created flow', async () => {
    responder = (r) => (r.relative.endsWith('/assets') ? { status: 500, body: partnerErrorBody(500, 'storage down') } : undefined);
    const error = await partner().flows.create({ name: 'Half', categories: ['OTHER'], flowJson }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toContain('created as a DRAFT with id f1');
  });

  it('partner: a password sign-in fetches a token once, and once more after a 401', async () => {
    let tokens = 0;
    let refuse = false;
    responder = (r) => {
      if (r.relative === '/token') {
        tokens += 1;
        return { body: { access_token: `fetched-token-${tokens}`, token_type: 'bearer' } };
      }
      if (refuse && r.headers.authorization === 'Bearer fetched-token-1') return { status: 401, body: partnerErrorBody(401, 'token expired') };
      return undefined;
    };
    const api = createClient(configs['360dialog-partner password']());
    await Promise.all([api.flows.list(), api.flows.get('f1'), api.flows.listAssets('f1')]);
    expect(tokens).toBe(1);
    expect(JSON.parse(requests[0]?.raw.toString('utf8') ?? '')).toEqual({ username: 'ops@example.com', password: PASSWORD });
    refuse = true;
    requests.length = 0;
    await api.flows.publish('f1');
    expect(requests.map((r) => `${r.method} ${r.relative} ${r.headers.authorization ?? ''}`)).toEqual([
      'POST /partners/abcPA/waba_accounts/wA1/flows/f1/publish Bearer fetched-token-1',
      'POST /token ',
      'POST /partners/abcPA/waba_accounts/wA1/flows/f1/publish Bearer fetched-token-2',
    ]);
    // A 401 the new token does not cure is the caller's: no loop.
    responder = (r) => (r.relative === '/token' ? { body: { access_token: 'fetched-token-3' } } : { status: 401, body: partnerErrorBody(401, 'no access') });
    requests.length = 0;
    await expect(api.flows.list()).rejects.toMatchObject({ status: 401, dialect: 'partner', operation: 'flows.list' });
    expect(requests.map((r) => r.relative)).toEqual(['/partners/abcPA/waba_accounts/wA1/flows', '/token', '/partners/abcPA/waba_accounts/wA1/flows']);
  });

  it('a failed publish (139002) carries the validation errors and the hint', async () => {
    responder = (r) => {
      if (r.relative.endsWith('/publish')) return { status: 400, body: cloudErrorBody({ code: 139002, message: 'Publishing failed' }) };
      if (r.method === 'GET') return { body: { id: 'f1', validation_errors: [validationError] } };
      return undefined;
    };
    for (const api of [meta(), partner()]) {
      requests.length = 0;
      const error = await api.flows.publish('f1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 139002, operation: 'flows.publish', validationErrors: [{ error: 'INVALID_PROPERTY_VALUE', lineStart: 10, columnStart: 21 }] });
      expect((error as ApiError).hint).toContain('validation_errors');
      expect(requests.at(-1)?.query).toEqual({ fields: 'validation_errors' });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Retries, timeouts, aborts

/** A client with a fast backoff (base 20 ms, cap 100 ms); Retry-After is honoured as sent. */
function fastClient(options: Partial<{ retries: number; timeoutMs: number }> = {}, config: ConfigName = '360dialog cloud'): ApiClient {
  return createClientWith({ ...configs[config](), ...options } as ClientOptions, { backoff: { baseMs: 20, capMs: 100 } });
}

function statusSequence(...statuses: (number | Reply)[]): Responder {
  let i = 0;
  return () => {
    const next = statuses[i];
    i += 1;
    if (next === undefined) return undefined;
    return typeof next === 'number' ? { status: next, body: cloudErrorBody({ code: 1, message: `HTTP ${next}` }) } : next;
  };
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('retries', () => {
  it('retries a GET after 503 twice, then succeeds', async () => {
    responder = statusSequence(503, 503);
    const list = await fastClient().templates.list();
    expect(list.wabaTemplates).toHaveLength(1);
    expect(requests).toHaveLength(3);
  });

  it('gives up after `retries` further attempts with the last error', async () => {
    responder = statusSequence(503, 502, 500, 200);
    await expect(fastClient({ retries: 2 }).templates.list()).rejects.toMatchObject({ status: 500 });
    expect(requests).toHaveLength(3);
    requests.length = 0;
    responder = statusSequence(503);
    await expect(fastClient({ retries: 0 }).templates.list()).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
  });

  it('honours Retry-After (seconds) on a 429', async () => {
    responder = statusSequence({ status: 429, headers: { 'retry-after': '1' }, body: cloudErrorBody({ code: 130429, message: 'Rate limit hit' }) });
    await fastClient().templates.get('order_ready');
    expect(requests).toHaveLength(2);
    const [first, second] = requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('does not wait for a Retry-After beyond 60 s: the 429 goes to the caller', async () => {
    responder = statusSequence({ status: 429, headers: { 'retry-after': '120' }, body: cloudErrorBody({ code: 4, message: 'slow down' }) });
    const started = Date.now();
    await expect(fastClient().templates.list()).rejects.toMatchObject({ status: 429, hint: expect.stringContaining('Rate limited') });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(requests).toHaveLength(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('never repeats a POST: not after a 503, a 429 or a cut connection', async () => {
    for (const reply of [503, { status: 429, headers: { 'retry-after': '0' }, body: {} }, { reset: true }] as const) {
      requests.length = 0;
      responder = statusSequence(reply);
      const error = await fastClient().messages.sendText({ to: '1', body: 'hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(requests).toHaveLength(1);
    }
  });

  it('retries a GET and a DELETE after a cut connection', async () => {
    responder = statusSequence({ reset: true });
    await fastClient().templates.list();
    expect(requests).toHaveLength(2);
    requests.length = 0;
    responder = statusSequence({ reset: true }, 503);
    expect(await fastClient({}, 'meta').flows.delete('f1')).toEqual({ success: true });
    expect(requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
  });

  it('retries the Partner API token request (it changes nothing)', async () => {
    responder = statusSequence(503);
    await fastClient({}, '360dialog-partner password').flows.list();
    expect(requests.map((r) => `${r.method} ${r.relative}`)).toEqual(['POST /token', 'POST /token', 'GET /partners/abcPA/waba_accounts/wA1/flows']);
  });
});

describe('timeouts and aborts', () => {
  it('times out a request that gets no answer, without retrying it or leaving a timer', async () => {
    responder = () => ({ hang: true });
    const before = activeTimers();
    const started = Date.now();
    const error = await fastClient({ timeoutMs: 200 }).templates.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as Error).message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(requests).toHaveLength(1);
    expect(activeTimers()).toBeLessThanOrEqual(before);
  });

  it('aborts a request in flight', async () => {
    responder = () => ({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await fastClient().templates.list({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
  });

  it('aborts the wait before a retry at once', async () => {
    responder = statusSequence({ status: 503, headers: { 'retry-after': '30' }, body: {} });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const before = activeTimers();
    const error = await fastClient().templates.list({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(requests).toHaveLength(1);
    expect(activeTimers()).toBeLessThanOrEqual(before);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fastClient({}, 'meta').flows.get('f1', undefined, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(requests).toHaveLength(0);
  });
});

describe('secrets', () => {
  /** Echo every header and the body back in the error message, as a careless server might. */
  const echo: Responder = (r) => ({
    status: 401,
    body: { error: { message: `denied: ${JSON.stringify(r.headers)} ${r.raw.toString('utf8')}`, code: 190, error_data: { details: JSON.stringify(r.headers) } } },
  });

  it.each(Object.keys(configs) as ConfigName[])('never puts a credential in an error (%s)', async (config) => {
    const api = createClient(configs[config]());
    const errors: unknown[] = [];
    responder = (r) => (r.relative === '/token' && requests.filter((q) => q.relative === '/token').length === 1 ? undefined : echo(r));
    for (const method of METHODS) errors.push(await method.run(api).catch((e: unknown) => e));
    const closed = createClient({ ...configs[config](), baseUrl: 'http://127.0.0.1:1/x' } as ClientOptions);
    for (const method of METHODS.slice(0, 8)) errors.push(await method.run(closed).catch((e: unknown) => e));
    expect(errors.some((e) => e instanceof ApiError)).toBe(true);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      const text = JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack, ...(error as object) });
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
