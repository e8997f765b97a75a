import type { DataType } from '../catalogue/types.js';

interface ShapeBase {
  readonly type: DataType;
  /** The declaration's `__example__` (mock data for previews), when it has one. */
  readonly example?: unknown;
  readonly description?: string;
}

export interface StringShape extends ShapeBase {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly format?: string;
}

export interface NumberShape extends ShapeBase {
  readonly type: 'number' | 'integer';
}

export interface BooleanShape extends ShapeBase {
  readonly type: 'boolean';
}

export interface ArrayShape extends ShapeBase {
  readonly type: 'array';
  /** Absent when the declaration lacks a usable `items` (already reported); items are then unchecked. */
  readonly items?: DataShape;
}

export interface ObjectShape extends ShapeBase {
  readonly type: 'object';
  /** Absent when the declaration lists no `properties`: any field is accepted, unchecked. */
  readonly properties?: Readonly<Record<string, DataShape>>;
  readonly required?: readonly string[];
}

/** A screen data model declaration (JSON-Schema-like) as a typed tree. */
export type DataShape = StringShape | NumberShape | BooleanShape | ArrayShape | ObjectShape;
