// Flows as code: the project file (waflow.config.json, or waflow.config.ts with defineConfig), the
// lock file, and the deploy that makes an environment match the project.
export { defineConfig } from './types.js';
export type {
  D360EnvironmentConfig,
  EnvironmentConfig,
  FlowConfig,
  MetaEnvironmentConfig,
  PartnerEnvironmentConfig,
  PartnerEnvironmentCredentials,
  TemplateButtonConfig,
  TemplateConfig,
  TypegenConfig,
  ValidateConfig,
  WaflowConfig,
} from './types.js';
export { CONFIG_FILES, ConfigError, checkConfig, findConfigFile, formatIssue, loadConfig, looksLikeSecret, parseConfigText } from './config.js';
export type { ConfigIssue, LoadedConfig } from './config.js';
export { interpolate, references, ENV_NAME } from './interpolate.js';
export { EnvironmentError, pickEnvironment, resolveEndpointUri, resolveEnvironment } from './environment.js';
export type { ResolvedEnvironment } from './environment.js';
export { LOCK_FILE, LOCKFILE_VERSION, emptyLock, environmentLock, flowHash, readLock, serializeLock, templateKey, writeLock } from './lock.js';
export type { EnvironmentLock, LockedFlow, LockedTemplate, Lockfile, ReadLock } from './lock.js';
export { computePlan, nameVersion, nextFlowName } from './plan.js';
export type { DeployPlan, ExistingTemplate, FlowOutcome, FlowPlan, FlowState, FlowStep, LocalFlow, PlanInput, PlanOptions, RemoteFlow, TemplatePlan, TemplateState } from './plan.js';
export { DeployError, FlowFileError, applyDeploy, clientFor, inspectDeploy, prepareDeploy, readFlows } from './deploy.js';
export type { DeployCounts, DeployResult, Inspection, InspectOptions, PreparedFlow, Prepared, StepEvent } from './deploy.js';
