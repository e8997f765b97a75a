// waflow/sandbox: the local platform (a stand-in for 360dialog's Messaging and Partner APIs, Meta's
// Graph API and WhatsApp, speaking their wire formats).
export { createSandbox } from './server.js';
export type { CreateSandboxOptions, Sandbox } from './server.js';
export { resolveConfig, DEFAULT_PORT, DEFAULT_HOST, DEFAULT_BUSINESS_NUMBER, DEFAULT_PARTNER_ID, DEFAULT_PARTNER_USER, DEFAULT_TEMPLATE_APPROVAL_DELAY_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from './context.js';
export type { SandboxConfig, SandboxConfigInput, SandboxContext, BackgroundTasks } from './context.js';
export { createRouter, json, html, errorResponse, partnerError, readJson, hostingTypeOf, dialectOf, stripHostingPrefix, splitSurface, HOSTING_PREFIXES, SURFACE_PREFIXES } from './router.js';
export type { Router, RouteHandler, RouteOptions, ErrorSpec, BodyResult } from './router.js';
export { createEventBus } from './events.js';
export type * from './events.js';
export { createLogger, createMemoryLogger, silentLogger } from './logger.js';
export type { SandboxLogger, LogLevel, LogFields } from './logger.js';
export { createApiKey, createPartnerKey, issuePartnerToken, findApiKey, countApiKeys, hashApiKey, API_KEY_HEADER, PARTNER_TOKEN_TTL_SECONDS } from './auth.js';
export type { ApiKeyRecord, ApiKeyScope } from './auth.js';
export { defaultExtensions } from './extensions.js';
export type { SandboxExtensions, EndpointHealthCheck, EndpointHealthResult, Stoppable } from './extensions.js';
export { registerOperations, unauthorized } from './routes/operation.js';
export type { OperationHandler, OperationRequest, PublicOperationHandler, PublicOperationRequest } from './routes/operation.js';
export { validateFlowSource, pointerToPath } from './flow-validation.js';
export type { FlowValidationSummary } from './flow-validation.js';
export { previewOf } from './routes/preview.js';
export { setTemplateStatus, TEMPLATE_NAMESPACE } from './routes/templates.js';
export type { FlowRecord, TemplateRecord, PhoneRecord } from './records.js';
export { ensureBusinessPhone, ensureUserPhone, ensurePartner, findPartner, findPhone, findAccountByWabaId, findAccountByWabaAccountId, storeHostingType } from './account.js';
export type { PartnerRecord } from './account.js';
export { wamid, numericId, rowId, token, sandboxWabaId, wabaAccountId } from './ids.js';
export { createBackgroundTasks } from './background.js';
