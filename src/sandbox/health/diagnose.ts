// The health-check ping lives in src/health/ (runtime-neutral, shared with `waflow check`); the
// sandbox keeps importing it from here.
export { pingEndpoint } from '../../health/ping.js';
export type { HealthDiagnosis, HealthDiagnosisKind, PingOptions } from '../../health/ping.js';
