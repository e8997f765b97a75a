import { describe, expect, it } from 'vitest';
import { DIALECTS, pathFor } from '../types.js';
import { fillPath, matchOperation, operationById, operations } from './index.js';

describe('the operation table', () => {
  it('declares each operation id once, and each has a path on at least one surface', () => {
    const ids = operations.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) expect(DIALECTS.some((d) => pathFor(op, d) !== undefined)).toBe(true);
  });

  it('keeps (method, path, selector) unique per surface, so routing is unambiguous', () => {
    for (const dialect of DIALECTS) {
      const keys = operations
        .filter((op) => pathFor(op, dialect) !== undefined)
        .map((op) => `${op.method} ${pathFor(op, dialect)} ${op.fieldsPrefix ?? ''} ${op.wire?.[dialect]?.whenQuery ?? ''}`);
      expect(new Set(keys).size, dialect).toBe(keys.length);
    }
  });

  it('routes requests to operations, with path parameters decoded', () => {
    expect(matchOperation('POST', '/messages', 'cloud')?.operation.id).toBe('messages.send');
    expect(matchOperation('POST', '/v1/messages', 'on-premise')?.operation.id).toBe('messages.send');
    expect(matchOperation('POST', '/1234/messages', 'meta')).toMatchObject({ operation: { id: 'messages.send' }, params: { phoneNumberId: '1234' } });
    expect(matchOperation('POST', '/messages', 'on-premise')).toBeUndefined();
    expect(matchOperation('GET', '/v1/configs/templates/order%20ready', 'cloud')).toMatchObject({
      operation: { id: 'templates.get' },
      params: { templateName: 'order ready' },
    });
    expect(matchOperation('post', '/42/publish', 'meta')).toMatchObject({ operation: { id: 'flows.publish' }, params: { flowId: '42' } });
    expect(matchOperation('POST', '/partners/abcPA/waba_accounts/w1/flows/42/publish', 'partner')).toMatchObject({
      operation: { id: 'flows.publish' },
      params: { partnerId: 'abcPA', wabaAccountId: 'w1', flowId: '42' },
    });
  });

  it('tells get, preview and metrics apart by the fields parameter, and a template read by its name parameter', () => {
    expect(matchOperation('GET', '/42', 'meta', 'id,name')?.operation.id).toBe('flows.get');
    expect(matchOperation('GET', '/42', 'meta')?.operation.id).toBe('flows.get');
    expect(matchOperation('GET', '/42', 'meta', 'preview.invalidate(false)')?.operation.id).toBe('flows.preview');
    expect(matchOperation('GET', '/42', 'meta', 'metric.name(ENDPOINT_AVAILABILITY).granularity(DAY)')?.operation.id).toBe('flows.metrics');
    expect(matchOperation('DELETE', '/42', 'meta')?.operation.id).toBe('flows.delete');
    expect(matchOperation('GET', '/9/message_templates', 'meta')?.operation.id).toBe('templates.list');
    expect(matchOperation('GET', '/9/message_templates', 'meta', { name: 'order_ready' })?.operation.id).toBe('templates.get');
    // The Partner API's preview has a path of its own.
    expect(matchOperation('GET', '/partners/p/waba_accounts/w/flows/42/preview', 'partner')?.operation.id).toBe('flows.preview');
  });

  it("has flow management only where it is documented: the Partner API and Graph, never waba-v2's invented paths", () => {
    expect(matchOperation('GET', '/flows', 'cloud')).toBeUndefined();
    expect(matchOperation('POST', '/flows/42/publish', 'cloud')).toBeUndefined();
    expect(matchOperation('GET', '/flows', 'on-premise')).toBeUndefined();
    for (const op of operations.filter((o) => o.id.startsWith('flows.'))) {
      expect(op.path.cloud, op.id).toBeUndefined();
      expect(op.path.onPremise, op.id).toBeUndefined();
      expect(op.path.partner, op.id).toBeDefined();
      expect(op.path.meta, op.id).toBeDefined();
    }
    expect(operationById('messages.send')?.path.partner).toBeUndefined();
  });

  it('encodes path parameters so an id cannot escape its segment', () => {
    expect(fillPath('/flows/{flowId}/assets', { flowId: '../messages' })).toBe('/flows/..%2Fmessages/assets');
    expect(() => fillPath('/flows/{flowId}', {})).toThrow('Missing path parameter "flowId"');
  });
});

describe('literal segments before parameters', () => {
  it("reads …/flows/migrate as the migration, not as a flow whose id is 'migrate'", () => {
    expect(matchOperation('POST', '/partners/p/waba_accounts/w/flows/migrate', 'partner')?.operation.id).toBe('flows.migrate');
    expect(matchOperation('POST', '/partners/p/waba_accounts/w/flows/12', 'partner')?.operation.id).toBe('flows.update');
  });
});
