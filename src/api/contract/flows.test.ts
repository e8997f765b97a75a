import { describe, expect, it } from 'vitest';
import type { Operation, ValidationIssue, WireRequest } from '../types.js';
import {
  createFlow,
  flowMetrics,
  getFlow,
  metricFields,
  parseMetricFields,
  previewFields,
  previewFlow,
  publishFlow,
  updateFlow,
  uploadFlowJson,
} from './flows.js';

function run(operation: Operation, request: Partial<WireRequest>): ValidationIssue[] {
  return operation.validate({ params: {}, query: {}, body: undefined, ...request }, 'cloud');
}

const flowJson = JSON.stringify({ version: '6.0', screens: [{ id: 'WELCOME', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });

describe('flows.create validator', () => {
  const good = { name: 'Feedback form', categories: ['SURVEY', 'OTHER'], endpoint_uri: 'https://example.com/flow', flow_json: flowJson, publish: true };

  it('accepts a full request and a minimal one', () => {
    expect(run(createFlow, { body: good })).toEqual([]);
    expect(run(createFlow, { body: { name: 'Minimal', categories: ['OTHER'] } })).toEqual([]);
  });

  it('requires name and at least one known, distinct category', () => {
    expect(run(createFlow, { body: { categories: ['OTHER'] } })).toEqual([expect.objectContaining({ path: 'name', kind: 'missing' })]);
    expect(run(createFlow, { body: { name: 'x', categories: [] } })).toEqual([expect.objectContaining({ path: 'categories', kind: 'missing' })]);
    expect(run(createFlow, { body: { name: 'x', categories: ['GAMES'] } })).toEqual([expect.objectContaining({ path: 'categories[0]' })]);
    expect(run(createFlow, { body: { name: 'x', categories: ['OTHER', 'OTHER'] } })).toEqual([
      expect.objectContaining({ path: 'categories[1]', message: 'categories[1] repeats "OTHER".' }),
    ]);
  });

  it('needs an https endpoint, allowing http on loopback for the sandbox', () => {
    expect(run(createFlow, { body: { ...good, endpoint_uri: 'http://example.com/flow' } })).toEqual([expect.objectContaining({ path: 'endpoint_uri' })]);
    expect(run(createFlow, { body: { ...good, endpoint_uri: 'not a url' } })).toEqual([expect.objectContaining({ path: 'endpoint_uri' })]);
    expect(run(createFlow, { body: { ...good, endpoint_uri: 'http://127.0.0.1:8080/flow' } })).toEqual([]);
  });

  it('leaves unparsable flow_json to validation_errors, and checks that it is there', () => {
    expect(run(createFlow, { body: { ...good, flow_json: '{"version": ' } })).toEqual([]);
    expect(run(createFlow, { body: { ...good, flow_json: '' } })).toEqual([expect.objectContaining({ path: 'flow_json', kind: 'missing' })]);
    expect(run(createFlow, { body: { ...good, flow_json: 42 } })).toEqual([expect.objectContaining({ path: 'flow_json', kind: 'invalid' })]);
    const { flow_json: _drop, ...withoutJson } = good;
    expect(run(createFlow, { body: withoutJson })).toEqual([expect.objectContaining({ path: 'flow_json', kind: 'missing' })]);
  });
});

describe('flows.update validator', () => {
  it('needs the flow id and at least one field', () => {
    expect(run(updateFlow, { params: { flowId: '123' }, body: { name: 'Renamed' } })).toEqual([]);
    expect(run(updateFlow, { params: { flowId: '123' }, body: {} })).toEqual([expect.objectContaining({ path: 'body', kind: 'missing' })]);
    expect(run(updateFlow, { params: {}, body: { name: 'x' } })).toEqual([expect.objectContaining({ path: 'params.flowId' })]);
  });
});

describe('flows.uploadJson validator', () => {
  const good = { name: 'flow.json', asset_type: 'FLOW_JSON', file: flowJson };

  it('accepts the multipart fields of a Flow JSON upload', () => {
    expect(run(uploadFlowJson, { params: { flowId: '123' }, body: good })).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(run(uploadFlowJson, { params: { flowId: '123' }, body: { ...good, name: 'x.json' } })).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(run(uploadFlowJson, { params: { flowId: '123' }, body: { ...good, asset_type: 'IMAGE' } })).toEqual([
      expect.objectContaining({ path: 'asset_type' }),
    ]);
    expect(run(uploadFlowJson, { params: { flowId: '123' }, body: { ...good, file: '' } })).toEqual([expect.objectContaining({ path: 'file' })]);
    expect(run(uploadFlowJson, { params: { flowId: '123' }, body: { name: 'flow.json', asset_type: 'FLOW_JSON' } })).toEqual([
      expect.objectContaining({ path: 'file', kind: 'missing' }),
    ]);
  });
});

describe('flow ids, fields, preview and metrics', () => {
  it('rejects a flow id that could change the path', () => {
    expect(run(publishFlow, { params: { flowId: '12/../34' } })).toEqual([expect.objectContaining({ path: 'params.flowId', kind: 'invalid' })]);
    expect(run(publishFlow, { params: { flowId: '1234567890' } })).toEqual([]);
  });

  it('knows the detail fields', () => {
    expect(run(getFlow, { params: { flowId: '1' }, query: { fields: 'id,name,health_status,preview' } })).toEqual([]);
    expect(run(getFlow, { params: { flowId: '1' }, query: { fields: 'id,colour' } })).toEqual([expect.objectContaining({ path: 'query.fields' })]);
  });

  it('builds and checks the preview fields', () => {
    expect(previewFields(true)).toBe('preview.invalidate(true)');
    expect(run(previewFlow, { params: { flowId: '1' }, query: { fields: previewFields() } })).toEqual([]);
    expect(run(previewFlow, { params: { flowId: '1' }, query: { fields: 'preview.invalidate(maybe)' } })).toEqual([
      expect.objectContaining({ path: 'query.fields' }),
    ]);
  });

  it('round-trips the metric fields expression', () => {
    const query = { name: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY', since: '2024-01-28', until: '2024-01-30' } as const;
    const fields = metricFields(query);
    expect(fields).toBe('metric.name(ENDPOINT_REQUEST_COUNT).granularity(DAY).since(2024-01-28).until(2024-01-30)');
    expect(parseMetricFields(fields)).toEqual(query);
    expect(run(flowMetrics, { params: { flowId: '1' }, query: { fields } })).toEqual([]);
  });

  it('names the wrong part of a metrics request', () => {
    const check = (fields: string) => run(flowMetrics, { params: { flowId: '1' }, query: { fields } });
    expect(check('metric.name(CPU).granularity(DAY)')).toEqual([expect.objectContaining({ path: 'query.fields.name' })]);
    expect(check('metric.name(ENDPOINT_AVAILABILITY).granularity(WEEK)')).toEqual([expect.objectContaining({ path: 'query.fields.granularity' })]);
    expect(check('metric.name(ENDPOINT_AVAILABILITY)')).toEqual([expect.objectContaining({ path: 'query.fields.granularity', kind: 'missing' })]);
    expect(check('metric.name(ENDPOINT_AVAILABILITY).granularity(DAY).since(2024-02-30)')).toEqual([
      expect.objectContaining({ path: 'query.fields.since' }),
    ]);
    expect(check('metric.name(ENDPOINT_AVAILABILITY).granularity(DAY).since(2024-03-02).until(2024-03-01)')).toEqual([
      expect.objectContaining({ message: 'since must not be after until.' }),
    ]);
    expect(check('metric.colour(red)')).toEqual([expect.objectContaining({ path: 'query.fields', kind: 'invalid' })]);
  });
});
