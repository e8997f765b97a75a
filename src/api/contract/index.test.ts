import { describe, expect, it } from 'vitest';
import { fillPath, matchOperation, operationById, operations } from './index.js';

describe('the operation table', () => {
  it('declares each operation id once, and each has a path for at least one hosting type', () => {
    const ids = operations.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) expect(op.path.cloud ?? op.path.onPremise).toBeDefined();
  });

  it('keeps (method, path, fields prefix) unique per hosting type, so routing is unambiguous', () => {
    for (const hosting of ['cloud', 'onPremise'] as const) {
      const keys = operations.filter((op) => op.path[hosting] !== undefined).map((op) => `${op.method} ${op.path[hosting]} ${op.fieldsPrefix ?? ''}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('routes requests to operations, with path parameters decoded', () => {
    expect(matchOperation('POST', '/messages', 'cloud')?.operation.id).toBe('messages.send');
    expect(matchOperation('POST', '/v1/messages', 'on-premise')?.operation.id).toBe('messages.send');
    expect(matchOperation('POST', '/messages', 'on-premise')).toBeUndefined();
    expect(matchOperation('GET', '/v1/configs/templates/order%20ready', 'cloud')).toMatchObject({
      operation: { id: 'templates.get' },
      params: { templateName: 'order ready' },
    });
    expect(matchOperation('post', '/flows/42/publish', 'cloud')).toMatchObject({ operation: { id: 'flows.publish' }, params: { flowId: '42' } });
  });

  it('tells get, preview and metrics apart by the fields parameter', () => {
    expect(matchOperation('GET', '/flows/42', 'cloud', 'id,name')?.operation.id).toBe('flows.get');
    expect(matchOperation('GET', '/flows/42', 'cloud')?.operation.id).toBe('flows.get');
    expect(matchOperation('GET', '/flows/42', 'cloud', 'preview.invalidate(false)')?.operation.id).toBe('flows.preview');
    expect(matchOperation('GET', '/flows/42', 'cloud', 'metric.name(ENDPOINT_AVAILABILITY).granularity(DAY)')?.operation.id).toBe('flows.metrics');
    expect(matchOperation('DELETE', '/flows/42', 'cloud')?.operation.id).toBe('flows.delete');
  });

  it('has no flows management on On-Premise', () => {
    expect(matchOperation('GET', '/flows', 'on-premise')).toBeUndefined();
    expect(operationById('flows.create')?.path.onPremise).toBeUndefined();
  });

  it('encodes path parameters so an id cannot escape its segment', () => {
    expect(fillPath('/flows/{flowId}/assets', { flowId: '../messages' })).toBe('/flows/..%2Fmessages/assets');
    expect(() => fillPath('/flows/{flowId}', {})).toThrow('Missing path parameter "flowId"');
  });
});
