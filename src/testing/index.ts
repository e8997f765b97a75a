// waflow/testing: drive flows as a person would, against your real endpoint, in any test runner.
export { FlowTester, FlowStepError, DEFAULT_FLOW_TOKEN } from './flow-tester.js';
export type { FlowTesterOptions } from './flow-tester.js';
export { FlowSteps } from './steps.js';
export type { TesterEndpoint } from './tester-host.js';
export { inProcessEndpoint, httpEndpoint } from './transport.js';
export type { ExchangeRecord, ExchangeTransport, HttpEndpointOptions, TransportOptions, WebHandler } from './transport.js';
export { EndpointError } from './errors.js';
export type { EndpointErrorKind } from './errors.js';
export { FlowAssertionError, partialMismatch } from './assert.js';
export { LookupError } from './view.js';
export type { ComponentSummary, FieldErrorSummary, FooterSummary } from './view.js';
export { parseScript, runScript, STEP_KINDS } from './script.js';
export type { ScriptExpectation, ScriptStep, Transcript, TranscriptStep } from './script.js';
export { serveLocally } from './serve.js';
export type { LocalServer } from './serve.js';
