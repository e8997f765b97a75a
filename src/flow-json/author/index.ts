// Authoring flows in TypeScript (waflow/author): builders generated from the catalogue, checked
// against the flow's version, typed references, a derived routing_model, toFlowJson to get the
// JSON and flowJsonToTs to convert an existing flow. Browser-safe: imports no node: module.
export { builders, defineFlow } from './builders.js';
export type { Builders, FlowDefinition } from './builders.js';
export { AuthoringError, toFlowJson } from './flow.js';
export type { FlowJsonDocument } from './flow.js';
export { field, t } from './data-model.js';
export type { DataField, DataModel, SchemaType } from './data-model.js';
export { raw } from './node.js';
export type { Component, CompleteAction, DataExchangeAction, DataExchangeOptions, NavigateAction, OpenUrlAction, Payload, UpdateDataAction } from './node.js';
export { expr, ref } from './ref.js';
export type { Dyn, DynamicString, Ref } from './ref.js';
export { deriveRoutingModel } from './routing.js';
export type { AuthoredFlow, AuthoredScreen, RoutingModel, ScreenRefs } from './shape.js';
export { ConvertError, flowJsonToTs } from './convert.js';
export type { FlowJsonToTsOptions } from './convert.js';
export type * from './components.generated.js';
