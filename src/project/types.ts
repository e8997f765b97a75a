// The project file of a waflow project (`waflow.config.json`, or `waflow.config.ts` through
// defineConfig): the flows, the message templates with a FLOW button, and the environments to
// deploy them to. An environment names the provider, its base URLs and account ids, and the NAMES
// of the environment variables that hold its credentials: a config never holds a secret.
import type { FlowCategory } from '../api/contract/flows.js';
import type { TemplateCategory } from '../api/contract/templates.js';
import type { Provider } from '../api/contract/dialects.js';
import type { StyleRuleSetting } from '../flow-json/validate/types.js';

/** One flow of the project. */
export interface FlowConfig {
  /** The flow's name on the platform (unique per WABA). The lock file keys its ids by this name. */
  name: string;
  /** The Flow JSON file, relative to the config file. */
  file: string;
  /** At least one of SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER. */
  categories: FlowCategory[];
  /** The data endpoint of a flow that exchanges data; `${VAR}` and `${VAR:-default}` are read from the environment. */
  endpointUri?: string;
}

/** The FLOW button of a template. */
export interface TemplateButtonConfig {
  /** The button text: at most 25 characters. */
  text: string;
  /** The name of a flow of this config: deploy fills in the id of that flow in the environment. */
  flow: string;
  /** The screen the button opens (navigate); default: the flow's first screen. */
  screen?: string;
  /** Default `navigate`. */
  action?: 'navigate' | 'data_exchange';
}

/** A message template with a FLOW button. Deploy creates it when missing and never recreates it. */
export interface TemplateConfig {
  /** Lower case letters, digits and underscores. */
  name: string;
  /** A language code such as en_US. */
  language: string;
  category: TemplateCategory;
  /** The body text (at most 1024 characters). */
  body: string;
  button: TemplateButtonConfig;
}

/** Partner API credentials: the ids, and one way to sign in, by environment variable name. */
export interface PartnerEnvironmentCredentials {
  /** Default https://hub.360dialog.io/api/v2. */
  baseUrl?: string;
  /** The 360dialog partner id (ends in PA). */
  partnerId: string;
  /** 360dialog's id of the WABA account (not Meta's WABA id). */
  wabaAccountId: string;
  /** The variable holding the partner API key (X-API-Key). */
  apiKeyEnv?: string;
  /** The variable holding a bearer token. */
  tokenEnv?: string;
  /** A Partner Hub user's email, with passwordEnv (exchanged for a bearer token). */
  username?: string;
  /** The variable holding that user's password. */
  passwordEnv?: string;
}

interface EnvironmentBase {
  /** How long one HTTP attempt may take, in ms (default 30000). */
  timeoutMs?: number;
  /** Further attempts of idempotent calls (default 2). */
  retries?: number;
}

/** 360dialog's Messaging API (templates, messages, the public key); flows through the Partner API. */
export interface D360EnvironmentConfig extends EnvironmentBase {
  provider: '360dialog';
  /** Default 360dialog's base URL for the hosting type. */
  baseUrl?: string;
  hostingType?: 'cloud' | 'on-premise';
  /** The variable holding the number's D360-API-KEY. */
  apiKeyEnv: string;
  /** Needed to deploy flows: 360dialog's Messaging API has no flow management. */
  partner?: PartnerEnvironmentCredentials;
}

/** 360dialog's Partner API alone: flows only (templates need a '360dialog' environment). */
export interface PartnerEnvironmentConfig extends EnvironmentBase, PartnerEnvironmentCredentials {
  provider: '360dialog-partner';
}

/** Meta's Graph API: everything, with a system-user access token. */
export interface MetaEnvironmentConfig extends EnvironmentBase {
  provider: 'meta';
  /** Default https://graph.facebook.com (the client appends the Graph version). */
  baseUrl?: string;
  /** Default v24.0. */
  graphVersion?: string;
  /** The variable holding the access token. */
  accessTokenEnv: string;
  /** Meta's WhatsApp Business Account id. */
  wabaId: string;
  /** The phone number id. */
  phoneNumberId: string;
}

export type EnvironmentConfig = D360EnvironmentConfig | PartnerEnvironmentConfig | MetaEnvironmentConfig;

/** Options of `waflow validate` (read by that command; deploy validates with them too). */
export interface ValidateConfig {
  /** Run the design-guidance lints (`style/...`). */
  style?: boolean;
  /** Per-lint severity by code (`{ "style/sentence-case": "off" }`). */
  rules?: Record<string, StyleRuleSetting>;
}

/** `waflow typegen` for the project's flows; `waflow deploy` writes the types too when this is set. */
export interface TypegenConfig {
  /**
   * The folder for the types files (relative to the config), one `<flow-name>.types.ts` per flow;
   * default: next to each flow file, as `<file>.types.ts`.
   */
  out?: string;
}

export interface WaflowConfig {
  /** An editor's JSON Schema reference; ignored. */
  $schema?: string;
  flows: FlowConfig[];
  templates?: TemplateConfig[];
  /** At least one, by name (`sandbox`, `staging`, `production`...). */
  environments: Record<string, EnvironmentConfig>;
  /** The environment `--env` defaults to; without it: `sandbox` when there is one, or the only one. */
  defaultEnvironment?: string;
  validate?: ValidateConfig;
  typegen?: TypegenConfig;
}

/**
 * Types a `waflow.config.ts` (`export default defineConfig({ ... })`). Such a config is loaded with
 * a dynamic import(), which works under tsx, Bun and Deno; plain Node needs `waflow.config.json`.
 */
export function defineConfig(config: WaflowConfig): WaflowConfig {
  return config;
}

export type { Provider };
