// health/: endpoint health checks, the health monitor (flows alerts, version expiry warnings) and
// the flow health report.
export { checkEndpointHealth, flowEndpointUri, accountPublicKey, lastDiagnosis } from './check.js';
export type { EndpointHealthCheckResult } from './check.js';
export { pingEndpoint } from './diagnose.js';
export type { HealthDiagnosis, HealthDiagnosisKind, PingOptions } from './diagnose.js';
export { startHealthMonitor, healthMonitorOf, DEFAULT_THRESHOLDS, DEFAULT_WINDOWS } from './monitor.js';
export type { AlertType, HealthMonitor, HealthMonitorOptions, HealthThresholds } from './monitor.js';
export { alertFigures, crossed, errorTypeOf } from './alerts.js';
export { warnVersionExpiry } from './version-expiry.js';
export { recordSample, flowMetrics, recentSamples } from './samples.js';
export type { EndpointExchangeEvent, HealthMetrics, HealthSample } from './samples.js';
export { flowHealthReport } from './report.js';
