// Types of a flow for the code around it: `generateFlowTypes` (and `waflow typegen`) write them;
// `FlowTypes` is the shape the endpoint and webhooks SDKs read them by.
export { generateFlowTypes, TypegenError } from './generate.js';
export type { GenerateFlowTypesOptions, TypegenIssue } from './generate.js';
export { flowFileStem, flowTypeName, kebabName } from './names.js';
export type { CompletionOf, FlowTypes, ScreenTypes } from './types.js';
