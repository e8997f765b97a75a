import type { ActionSpec, ComponentSpec, DocumentSpec, FlowLimits } from '../catalogue/types.js';

/** A JSON Schema (draft 2020-12) document or subschema, as plain JSON. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  default?: unknown;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  contentEncoding?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
}

/**
 * The slice of the catalogue one version's schema is built from: already filtered to that version
 * (components and actions the version has), so the builder never re-checks component ranges.
 */
export interface SchemaCatalogue {
  readonly flow: DocumentSpec;
  readonly screen: DocumentSpec;
  /** Every component of the version, layouts included or not (layouts are told by `category`). */
  readonly components: readonly ComponentSpec[];
  /** Layout components of the version (e.g. SingleColumnLayout). */
  readonly layouts: readonly ComponentSpec[];
  readonly actions: readonly ActionSpec[];
  readonly limits: FlowLimits;
}
