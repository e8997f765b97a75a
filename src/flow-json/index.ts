// The Flow JSON language: catalogue, parser with positions, expressions, data model, validator,
// JSON Schema and TypeScript generation. Browser-safe: imports no node: module.
export * from './versions.js';
export type { Diagnostic, Fix, Position, Range, Severity, TextEdit } from './diagnostics.js';
export { childPointer, pointerTokens } from './diagnostics.js';
export * from './catalogue/index.js';
export { parseJson, locate, formatCodeFrame } from './parse/index.js';
export type { ParsedJson, SourceLocation, CodeFrameOptions } from './parse/index.js';
export * as expressions from './expressions/index.js';
export * as dataModel from './data-model/index.js';
export { validateFlow, RULES, STYLE_RULES, buildModel } from './validate/index.js';
export type { ValidateOptions, ValidationResult, Rule, RuleContext, FlowModel, StyleRuleSetting } from './validate/index.js';
export { applyFixes, computeFixes, fixFlow } from './fix/index.js';
export { generateJsonSchema, schemaVersions } from './schema/index.js';
export type { JsonSchema } from './schema/index.js';
export { generateTypeScript } from './typescript/generate.js';
export { routingGraph } from './routing/graph.js';
export type { RoutingEdge, RoutingEdgeKind, RoutingGraph, RoutingNode } from './routing/graph.js';
export { generateFlowTypes, TypegenError, flowTypeName } from './typegen/index.js';
export type { CompletionOf, FlowTypes, GenerateFlowTypesOptions, ScreenTypes, TypegenIssue } from './typegen/index.js';
