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
const brief = (issues: ReturnType<typeof checkScreenData>) =>
  issues === 'unknown-screen' ? issues : issues.map(({ path, expected, actual }) => ({ path, expected, actual }));

describe('checkScreenData', () => {
  it('accepts data that matches every declared key', () => {
    expect(checkScreenData(models, 'S', valid, false)).toEqual([]);
  });

  it('names each wrong type, missing key and undeclared key', () => {
    const { price: _price, ...withoutPrice } = valid;
    const issues = checkScreenData(models, 'S', { ...withoutPrice, count: '3', extra: 1 }, false);
    expect(brief(issues)).toEqual([
      { path: '/count', expected: 'integer', actual: 'string "3"' },
      { path: '/price', expected: 'number', actual: 'nothing' },
      { path: '/extra', expected: 'nothing', actual: 'number 1' },
    ]);
    expect(issues).not.toBe('unknown-screen');
    if (issues !== 'unknown-screen') expect(issues[2]?.message).toContain('"extra" is not declared');
  });

  it('checks nested arrays and objects recursively, with the pointer of the bad value', () => {
    const issues = checkScreenData(models, 'S', { ...valid, slots: [{ id: 'x', seats: [1, 2.5] }, { seats: [] }], meta: { where: 7 } }, false);
    expect(brief(issues)).toEqual([
      { path: '/slots/0/seats/1', expected: 'integer', actual: 'number 2.5' },
      { path: '/slots/1/id', expected: 'string', actual: 'nothing' },
      { path: '/meta/where', expected: 'string', actual: 'number 7' },
    ]);
  });

  it('refuses null and tells arrays apart from objects', () => {
    const issues = checkScreenData(models, 'S', { ...valid, meta: null, tags: {} }, false);
    expect(brief(issues)).toEqual([
      { path: '/tags', expected: 'array of string', actual: 'object' },
      { path: '/meta', expected: 'object', actual: 'null' },
    ]);
  });

  it('allows error_message (a string) and, for error responses, leaves keys out', () => {
    expect(checkScreenData(models, 'S', { error_message: 'try again' }, true)).toEqual([]);
    expect(brief(checkScreenData(models, 'S', { error_message: 42 }, true))).toEqual([{ path: '/error_message', expected: 'string', actual: 'number' }]);
    expect(checkScreenData(models, 'S', { error_message: 'x' }, false)).toHaveLength(7);
  });

  it('reports a screen the flow does not have, and treats a screen without data as empty', () => {
    expect(checkScreenData(models, 'NOPE', {}, false)).toBe('unknown-screen');
    expect(checkScreenData(models, 'EMPTY', {}, false)).toEqual([]);
    expect(checkScreenData(models, 'EMPTY', { a: 1 }, false)).toHaveLength(1);
  });

  it('ignores junk Flow JSON instead of crashing', () => {
    expect(collectDataModels(null).size).toBe(0);
    const junk = collectDataModels({ screens: [null, { id: 3 }, { id: 'X', data: { k: 'string' } }, { id: 'Y', data: 5 }] });
    expect([...junk.keys()]).toEqual(['X', 'Y']);
    // An unusable declaration declares nothing, so a value for it is reported, not crashed on.
    expect(checkScreenData(junk, 'X', { k: 'v' }, false)).toHaveLength(1);
  });
});
