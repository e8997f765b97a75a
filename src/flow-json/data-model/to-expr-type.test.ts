import { describe, expect, it } from 'vitest';
import { parseDataModel } from './parse.js';
import { shapeToExprType } from './to-expr-type.js';

describe('shapeToExprType', () => {
  it('maps every shape to the expression type of ${data...}', () => {
    const { shape } = parseDataModel(
      {
        s: { type: 'string', enum: ['a'] },
        n: { type: 'number' },
        i: { type: 'integer' },
        b: { type: 'boolean' },
        list: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
        open: { type: 'object' },
        loose: { type: 'array', items: { type: 'nope' } },
      },
      { requireExamples: false },
    );
    expect(shape && shapeToExprType(shape)).toEqual({
      kind: 'object',
      fields: {
        s: { kind: 'string', enum: ['a'] },
        n: { kind: 'number' },
        i: { kind: 'integer' },
        b: { kind: 'boolean' },
        list: { kind: 'array', items: { kind: 'object', fields: { id: { kind: 'string' } } } },
        open: { kind: 'object', fields: {}, open: true },
        loose: { kind: 'array', items: { kind: 'unknown' } },
      },
    });
  });
});
