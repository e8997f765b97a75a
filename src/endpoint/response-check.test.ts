import { describe, expect, it } from 'vitest';
import { checkScreenData, collectDataModels } from './response-check.js';

const flow = {
  screens: [
    {
      id: 'S',
      data: {
        name: { type: 'string', __example__: 'Ana' },
        count: { type: 'integer', __example__: 1 },
        price: { type: 'number', __example__: 1.5 },
        ok: { type: 'boolean', __example__: true },
        tags: { type: 'array', items: { type: 'string' }, __example__: [] },
        slots: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, seats: { type: 'array', items: { type: 'integer' } } } },
          __example__: [],
        },
        meta: { type: 'object', properties: { where: { type: 'string' } }, __example__: {} },
      },
    },
    { id: 'EMPTY' },
  ],
};
const models = collectDataModels(flow);
const valid = { name: 'Ana', count: 3, price: 9.5, ok: false, tags: ['a'], slots: [{ id: 'x', seats: [1, 2] }], meta: { where: 'Lisbon' } };

describe('checkScreenData', () => {
  it('accepts data that matches every declared key', () => {
    expect(checkScreenData(models, 'S', valid, false)).toEqual([]);
  });

  it('names each missing key, wrong type and undeclared key', () => {
    const { price: _price, ...withoutPrice } = valid;
    const issues = checkScreenData(models, 'S', { ...withoutPrice, count: '3', extra: 1 }, false);
    expect(issues).toEqual([
      { path: 'count', expected: 'integer', actual: 'string' },
      { path: 'price', expected: 'number', actual: 'missing' },
      { path: 'extra', expected: 'no such key (not declared in the screen data)', actual: 'undeclared key' },
    ]);
  });

  it('checks nested arrays and objects recursively, with the path of the bad value', () => {
    const issues = checkScreenData(models, 'S', { ...valid, slots: [{ id: 'x', seats: [1, 2.5] }, { seats: [] }], meta: { where: 7 } }, false);
    expect(issues).toEqual([
      { path: 'slots[0].seats[1]', expected: 'integer', actual: 'number' },
      { path: 'slots[1].id', expected: 'string', actual: 'missing' },
      { path: 'meta.where', expected: 'string', actual: 'number' },
    ]);
  });

  it('tells null and arrays apart from objects', () => {
    const issues = checkScreenData(models, 'S', { ...valid, meta: null, tags: {} }, false);
    expect(issues).toEqual([
      { path: 'tags', expected: 'array of string', actual: 'object' },
      { path: 'meta', expected: 'object', actual: 'null' },
    ]);
  });

  it('allows error_message (a string) and, for error responses, leaves keys out', () => {
    expect(checkScreenData(models, 'S', { error_message: 'try again' }, true)).toEqual([]);
    expect(checkScreenData(models, 'S', { error_message: 42 }, true)).toEqual([{ path: 'error_message', expected: 'string', actual: 'number' }]);
    expect(checkScreenData(models, 'S', { error_message: 'x' }, false).length).toBe(7);
  });

  it('reports a screen the flow does not have, and treats a screen without data as empty', () => {
    expect(checkScreenData(models, 'NOPE', {}, false)).toBe('unknown-screen');
    expect(checkScreenData(models, 'EMPTY', {}, false)).toEqual([]);
    expect(checkScreenData(models, 'EMPTY', { a: 1 }, false)).toHaveLength(1);
  });

  it('ignores junk Flow JSON instead of crashing', () => {
    expect(collectDataModels(null).size).toBe(0);
    expect(collectDataModels({ screens: [null, { id: 3 }, { id: 'X', data: { k: 'string' } }] }).get('X')).toEqual({ k: { type: 'unknown' } });
  });
});
