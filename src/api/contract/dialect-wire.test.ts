// The per-surface wire shapes, checked against the samples of the documents: Meta's Flows API and
// encryption pages, 360dialog's Partner API reference and the seed (as digested in
// ../shared/spec/platform-protocols.md §7, §8, §11). Each sample is encoded or decoded by the one
// contract entry that owns it, and must come out in the other form exactly.
import { describe, expect, it } from 'vitest';
import type { Dialect, Operation, WireRequest } from '../types.js';
import { bodyFor, hostingOf } from '../types.js';
import { getPublicKey, setPublicKey } from './encryption.js';
import { createFlow, getFlow, listFlowAssets, listFlows, migrateFlows, previewFlow, previewFields } from './flows.js';
import { seedCloudFlowMessage, seedCreateTemplate, seedTemplateFlowMessage } from './seed-samples.js';
import { sendMessage } from './messages.js';
import { createTemplate, getTemplate, listTemplates } from './templates.js';

const request = (r: Partial<WireRequest>): WireRequest => ({ params: {}, query: {}, body: undefined, ...r });

function encodeRequest(op: Operation, dialect: Dialect, r: WireRequest): WireRequest {
  return op.wire?.[dialect]?.request?.encode(r) ?? r;
}
function decodeRequest(op: Operation, dialect: Dialect, r: WireRequest): WireRequest {
  return op.wire?.[dialect]?.request?.decode(r) ?? r;
}
function decodeResponse(op: Operation, dialect: Dialect, body: unknown): unknown {
  return op.wire?.[dialect]?.response?.decode(body) ?? body;
}
function encodeResponse(op: Operation, dialect: Dialect, body: unknown): unknown {
  return op.wire?.[dialect]?.response?.encode(body) ?? body;
}
const validate = (op: Operation, dialect: Dialect, r: WireRequest) => op.validate(r, hostingOf(dialect), dialect);

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----';

describe('business public key (§8, §11.1)', () => {
  it('Meta takes business_public_key as a form field; 360dialog the seed\'s JSON public_key', () => {
    const common = request({ body: { public_key: PEM } });
    expect(bodyFor(setPublicKey, 'meta')).toBe('form');
    expect(encodeRequest(setPublicKey, 'meta', common).body).toEqual({ business_public_key: PEM });
    expect(decodeRequest(setPublicKey, 'meta', request({ body: { business_public_key: PEM } })).body).toEqual({ public_key: PEM });
    expect(bodyFor(setPublicKey, 'cloud')).toBe('json');
    expect(encodeRequest(setPublicKey, 'cloud', common).body).toEqual({ public_key: PEM });
    expect(encodeRequest(setPublicKey, 'on-premise', common).body).toEqual({ public_key: PEM });
  });

  it("reads Meta's flat record and 360dialog's data-wrapped one into the same form", () => {
    const record = { business_public_key: PEM, business_public_key_signature_status: 'VALID' };
    expect(decodeResponse(getPublicKey, 'meta', record)).toEqual({ data: [record] });
    expect(decodeResponse(getPublicKey, 'cloud', { data: [record] })).toEqual({ data: [record] });
    expect(decodeResponse(getPublicKey, 'on-premise', { ...record, meta: { api_status: 'stable', version: '2.51.1' } })).toEqual({ data: [record] });
    expect(decodeResponse(getPublicKey, 'meta', {})).toEqual({ data: [] });
    expect(encodeResponse(getPublicKey, 'meta', { data: [record] })).toEqual(record);
  });
});

describe("the Partner API's lists and preview (§11.3)", () => {
  const flow = { id: '1', name: 'Feedback', status: 'DRAFT', categories: ['SURVEY'], validation_errors: [] };

  it('unwraps { flows, count, total } and { assets, count, total } and writes them back', () => {
    expect(decodeResponse(listFlows, 'partner', { flows: [flow], count: 1, total: 7 })).toEqual({ data: [flow], count: 1, total: 7 });
    expect(encodeResponse(listFlows, 'partner', { data: [flow] })).toEqual({ flows: [flow], count: 1, total: 1 });
    const asset = { name: 'flow.json', asset_type: 'FLOW_JSON', download_url: 'https://example.com/a' };
    expect(decodeResponse(listFlowAssets, 'partner', { assets: [asset], count: 1, total: 1 })).toEqual({ data: [asset], count: 1, total: 1 });
  });

  it("keeps Graph's { data, paging } as the common form", () => {
    const graph = { data: [flow], paging: { cursors: { before: 'QVFI', after: 'QVFJ' } } };
    expect(decodeResponse(listFlows, 'meta', graph)).toBe(graph);
  });

  it('asks for the preview on its own path without fields, and refuses invalidate there', () => {
    const common = request({ params: { flowId: '1' }, query: { fields: previewFields(false) } });
    expect(encodeRequest(previewFlow, 'partner', common).query).toEqual({});
    expect(decodeRequest(previewFlow, 'partner', request({ params: { flowId: '1' } })).query).toEqual({ fields: previewFields(false) });
    expect(validate(previewFlow, 'partner', common)).toEqual([]);
    const invalidate = request({ params: { flowId: '1' }, query: { fields: previewFields(true) } });
    expect(validate(previewFlow, 'partner', invalidate)[0]?.message).toMatch(/no invalidate option.*meta/);
    expect(validate(previewFlow, 'meta', invalidate)).toEqual([]);
  });

  it("knows the Partner API's field list: no health_status there", () => {
    const health = request({ params: { flowId: '1' }, query: { fields: 'id,health_status' } });
    expect(validate(getFlow, 'meta', health)).toEqual([]);
    expect(validate(getFlow, 'partner', health)[0]?.message).toMatch(/"health_status"/);
    expect(validate(getFlow, 'meta', request({ params: { flowId: '1' }, query: { fields: 'health_status.phone_number(1234)' } }))).toEqual([]);
  });

  it('takes create without flow_json or publish (the client uploads and publishes separately)', () => {
    const body = { name: 'Feedback', categories: ['SURVEY'], clone_flow_id: '9', endpoint_uri: 'https://example.com/flow' };
    expect(validate(createFlow, 'partner', request({ body }))).toEqual([]);
    const issues = validate(createFlow, 'partner', request({ body: { ...body, flow_json: '{}', publish: false } }));
    expect(issues.map((i) => i.path)).toEqual(['flow_json', 'publish']);
  });
});

describe('migrating flows (§7 Migrate)', () => {
  it("puts Graph's inputs in the query, the JSON array as text, and reads them back", () => {
    const common = request({ body: { source_waba_id: '104996', source_flow_names: ['appointment-booking', 'lead-gen'] } });
    const wire = encodeRequest(migrateFlows, 'meta', common);
    expect(bodyFor(migrateFlows, 'meta')).toBe('none');
    expect(wire.query).toEqual({ source_waba_id: '104996', source_flow_names: '["appointment-booking","lead-gen"]' });
    expect(wire.body).toBeUndefined();
    expect(decodeRequest(migrateFlows, 'meta', wire)).toEqual(common);
    expect(encodeRequest(migrateFlows, 'partner', common)).toBe(common);
  });

  it('takes at most 100 names, and all flows when none are named', () => {
    expect(validate(migrateFlows, 'meta', request({ body: { source_waba_id: '1' } }))).toEqual([]);
    const names = Array.from({ length: 101 }, (_, i) => `f${i}`);
    expect(validate(migrateFlows, 'meta', request({ body: { source_waba_id: '1', source_flow_names: names } }))[0]?.message).toMatch(/at most 100/);
  });
});

describe('templates on Graph (§9.2)', () => {
  it("reads one template as the list filtered by name, and an empty list as not found", () => {
    const common = request({ params: { templateName: 'feedback_tpl' } });
    const wire = encodeRequest(getTemplate, 'meta', common);
    expect(wire).toEqual(request({ query: { name: 'feedback_tpl' } }));
    expect(decodeRequest(getTemplate, 'meta', wire)).toEqual(common);
    const record = { name: 'feedback_tpl', language: 'en_US', status: 'APPROVED', category: 'MARKETING', id: '5', components: [] };
    expect(decodeResponse(getTemplate, 'meta', { data: [record], paging: { cursors: { before: '', after: '' } } })).toEqual(record);
    expect(decodeResponse(getTemplate, 'meta', { data: [] })).toEqual({});
    expect(decodeResponse(listTemplates, 'meta', { data: [record] })).toEqual({ waba_templates: [record], count: 1, total: 1 });
  });

  it("accepts the seed's template and messages as they are on every surface that sends them", () => {
    for (const dialect of ['cloud', 'meta'] as const) {
      expect(validate(createTemplate, dialect, request({ body: seedCreateTemplate }))).toEqual([]);
      expect(validate(sendMessage, dialect, request({ body: seedCloudFlowMessage }))).toEqual([]);
      expect(validate(sendMessage, dialect, request({ body: seedTemplateFlowMessage }))).toEqual([]);
    }
  });
});
