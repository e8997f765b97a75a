// health/: the endpoint health check WhatsApp runs (an encrypted ping and its diagnosis), usable
// from any runtime: the sandbox's monitor and `waflow check` share it.
export { pingEndpoint } from './ping.js';
export type { HealthDiagnosis, HealthDiagnosisKind, PingOptions } from './ping.js';
