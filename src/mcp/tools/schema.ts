// `schema`: what `waflow schema` prints: the JSON Schema (draft 2020-12) of a Flow JSON version,
// or its TypeScript declarations.
import { generateJsonSchema, schemaVersions } from '../../flow-json/schema/index.js';
import { generateTypeScript } from '../../flow-json/typescript/generate.js';
import { LATEST_FLOW_JSON_VERSION } from '../../flow-json/versions.js';
import type { FlowJsonVersion } from '../../flow-json/versions.js';
import { answer } from './tool.js';
import type { ToolDefinition } from './tool.js';

export const schemaTool: ToolDefinition = {
  name: 'schema',
  title: 'Flow JSON schema of a version',
  description:
    `The JSON Schema (draft 2020-12) of a Flow JSON version (default ${LATEST_FLOW_JSON_VERSION}), generated from the same catalogue the validator reads, ` +
    'or with typescript: true its TypeScript declarations (FlowJson, Screen, Component...). Use `explain` for one component or property.',
  inputSchema: {
    type: 'object',
    properties: {
      version: { type: 'string', enum: [...schemaVersions()], description: `The Flow JSON version (default ${LATEST_FLOW_JSON_VERSION}).` },
      typescript: { type: 'boolean', description: 'Answer with TypeScript declarations instead of the JSON Schema.' },
    },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      version: { type: 'string' },
      schema: { type: 'object', description: 'The JSON Schema (without typescript).' },
      typescript: { type: 'string', description: 'The TypeScript declarations (with typescript: true).' },
    },
    required: ['version'],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handle(args) {
    const version = (typeof args.version === 'string' ? args.version : LATEST_FLOW_JSON_VERSION) as FlowJsonVersion;
    if (args.typescript === true) return answer({ version, typescript: generateTypeScript(version) });
    return answer({ version, schema: generateJsonSchema(version) as Record<string, unknown> });
  },
};
