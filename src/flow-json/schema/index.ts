export { generateJsonSchema, schemaVersions } from './generate.js';
export { buildJsonSchema, schemaId, JSON_SCHEMA_DIALECT } from './build.js';
export type { JsonSchema, SchemaCatalogue } from './types.js';
