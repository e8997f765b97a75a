// health/: endpoint health checks, the health monitor and the flow health report.
export { checkEndpointHealth, flowEndpointUri, accountPublicKey, lastDiagnosis } from './check.js';
export type { EndpointHealthCheckResult } from './check.js';
export { pingEndpoint } from './diagnose.js';
export type { HealthDiagnosis, HealthDiagnosisKind, PingOptions } from './diagnose.js';
export { startHealthMonitor, healthMonitorOf, alertsFor, DEFAULT_THRESHOLDS } from './monitor.js';
export type { AlertType, HealthMonitor, HealthMonitorOptions, HealthThresholds } from './monitor.js';
export { recordSample, flowMetrics, recentSamples } from './samples.js';
export type { EndpointExchangeEvent, HealthMetrics, HealthSample } from './samples.js';
export { flowHealthReport } from './report.js';
