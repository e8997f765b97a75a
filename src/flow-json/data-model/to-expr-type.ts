import type { ExprType } from '../expressions/expr-type.js';
import { setOwn } from './example.js';
import type { DataShape } from './shape.js';

/** The expression type of `${data...}` values declared by a shape. */
export function shapeToExprType(shape: DataShape): ExprType {
  switch (shape.type) {
    case 'string':
      return shape.enum ? { kind: 'string', enum: shape.enum } : { kind: 'string' };
    case 'number':
    case 'integer':
    case 'boolean':
      return { kind: shape.type };
    case 'array':
      return { kind: 'array', items: shape.items ? shapeToExprType(shape.items) : { kind: 'unknown' } };
    case 'object': {
      if (!shape.properties) return { kind: 'object', fields: {}, open: true };
      const fields: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(shape.properties)) setOwn(fields, key, shapeToExprType(sub));
      return { kind: 'object', fields: fields as Record<string, ExprType> };
    }
  }
}
