// Reading and checking the project file. A JSON config is parsed with source positions, so each
// problem names its JSON path and its line and column; a `.ts`/`.js` config is imported (tsx, Bun,
// Deno; plain Node cannot import TypeScript) and checked the same way, by path only. Every check
// says what to write instead, and a value that looks like a key or token is refused without being
// echoed: a config holds the NAMES of environment variables, never their values.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLOW_CATEGORIES } from '../api/contract/flows.js';
import { TEMPLATE_CATEGORIES } from '../api/contract/templates.js';
import { PROVIDERS } from '../api/contract/dialects.js';
import type { Range } from '../flow-json/diagnostics.js';
import { locate, parseJson } from '../flow-json/parse/index.js';
import { ENV_NAME, references } from './interpolate.js';
import type { WaflowConfig } from './types.js';

/** The names a project file may have, in the order they are looked for. */
export const CONFIG_FILES = ['waflow.config.json', 'waflow.config.ts', 'waflow.config.mts', 'waflow.config.js', 'waflow.config.mjs'] as const;

export interface ConfigIssue {
  /** RFC 6901 pointer ("" is the root). */
  readonly pointer: string;
  /** The same place as a JSON path: `environments.sandbox.apiKeyEnv`, `flows[0].categories[1]`. */
  readonly path: string;
  readonly message: string;
  /** JSON configs only. */
  readonly range?: Range;
}

/** A config that cannot be used; `issues` says every reason, each with its place. */
export class ConfigError extends Error {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];
  /** The config's text (JSON configs), for code frames. */
  readonly text: string | undefined;

  constructor(file: string, issues: readonly ConfigIssue[], text?: string) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
    this.text = text;
  }
}

/** `file:line:column error path: message` (without a position for a .ts config). */
export function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.range === undefined ? file : `${file}:${issue.range.start.line}:${issue.range.start.column}`;
  return `${where} error ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`;
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Its folder: flow files and the lock file are relative to it. */
  readonly dir: string;
  readonly config: WaflowConfig;
  /** The text of a JSON config. */
  readonly text?: string;
}

// ---------------------------------------------------------------------------------------------
// Secrets

const SECRET_SHAPES = [
  /^sbx[pt]?_[A-Za-z0-9_-]{12,}$/, // waflow dev's keys and tokens
  /^EAA[A-Za-z0-9]{20,}$/, // Meta access tokens
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$/,
];

/**
 * A value shaped like an API key, token or private key: a known key shape anywhere; with `strict`
 * (credentials, URLs and ids), also any long run of upper case letters, lower case letters and digits.
 */
export function looksLikeSecret(value: string, strict = true): boolean {
  const v = value.trim();
  if (SECRET_SHAPES.some((shape) => shape.test(v))) return true;
  if (!strict || v.length < 24 || v.includes('${') || /^https?:\/\//i.test(v) || !/^[A-Za-z0-9_\-+/=.]+$/.test(v)) return false;
  return [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length === 3;
}

/** Fields that would hold a secret, and the field to use instead. */
const SECRET_FIELDS: Record<string, string> = {
  apiKey: 'apiKeyEnv',
  accessToken: 'accessTokenEnv',
  token: 'tokenEnv',
  password: 'passwordEnv',
  secret: 'a field ending in Env',
  appSecret: 'a field ending in Env',
  privateKey: 'a field ending in Env',
  key: 'apiKeyEnv',
};

// ---------------------------------------------------------------------------------------------
// The checker

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

interface At {
  readonly pointer: string;
  readonly path: string;
}

const ROOT: At = { pointer: '', path: '' };

function child(at: At, token: string | number): At {
  const pointer = `${at.pointer}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (typeof token === 'number') return { pointer, path: `${at.path}[${token}]` };
  const part = IDENTIFIER.test(token) ? token : JSON.stringify(token);
  return { pointer, path: at.path === '' ? part : IDENTIFIER.test(token) ? `${at.path}.${part}` : `${at.path}[${part}]` };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = row[j] ?? 0;
      row[j] = next;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(key: string, known: readonly string[]): string {
  const best = known.map((k) => [k, distance(key, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return best !== undefined && best[1] <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean "${best[0]}"?)` : '';
}

class Checker {
  readonly issues: ConfigIssue[] = [];

  add(at: At, message: string): void {
    this.issues.push({ pointer: at.pointer, path: at.path, message });
  }

  /** Unknown keys are typos until proven otherwise; secret-holding keys get their own message. */
  keys(value: Json, at: At, known: readonly string[], what: string): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const instead = SECRET_FIELDS[key];
      if (instead !== undefined) {
        this.add(child(at, key), `"${key}" would put a secret in the config, which is shared and committed. Name the environment variable that holds it instead (${instead}, e.g. "${instead === 'apiKeyEnv' ? 'apiKeyEnv": "D360_API_KEY' : instead === 'accessTokenEnv' ? 'accessTokenEnv": "WHATSAPP_ACCESS_TOKEN' : `${instead}": "MY_VARIABLE`}"), and set that variable in your shell or CI.`);
      } else {
        this.add(child(at, key), `unknown field "${key}" in ${what}${suggestion(key, known)}; known fields: ${known.join(', ')}.`);
      }
    }
  }

  /** `interpolate`: a URL or id of an environment, where `${VAR}` is read and secrets are looked for strictly. */
  string(value: Json, key: string, at: At, opts: { required?: boolean; interpolate?: boolean; what?: string } = {}): string | undefined {
    const v = value[key];
    const here = child(at, key);
    if (v === undefined) {
      if (opts.required === true) this.add(at, `"${key}" is required${opts.what === undefined ? '' : `: ${opts.what}`}.`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.add(here, `must be a non-empty string${opts.what === undefined ? '' : `: ${opts.what}`}.`);
      return undefined;
    }
    const secret = 'looks like a key or token. A config holds only the NAMES of environment variables, never secrets: move the value into an environment variable and name it in a field ending in Env.';
    if (looksLikeSecret(v, opts.interpolate === true)) {
      this.add(here, secret);
      return undefined;
    }
    if (opts.interpolate === true) {
      const refs = references(v);
      if (typeof refs === 'string') {
        this.add(here, refs);
        return undefined;
      }
      if (refs.some((r) => r.fallback !== undefined && looksLikeSecret(r.fallback))) {
        this.add(here, `has a default that ${secret}`);
        return undefined;
      }
    } else if (v.includes('${')) {
      this.add(here, '"${...}" is read from the environment only in URLs, ids, the username and endpointUri.');
      return undefined;
    }
    return v;
  }

  envName(value: Json, key: string, at: At, required: boolean, what: string): void {
    const v = value[key];
    const here = child(at, key);
    if (v === undefined) {
      if (required) this.add(at, `"${key}" is required: the name of the environment variable that holds ${what}.`);
      return;
    }
    if (typeof v !== 'string' || v === '') {
      this.add(here, `must be the name of the environment variable that holds ${what}.`);
      return;
    }
    if (looksLikeSecret(v) || (!ENV_NAME.test(v) && v.length >= 16 && !/\s/.test(v))) {
      this.add(here, `looks like ${what} itself. Put the NAME of an environment variable here (e.g. "D360_API_KEY") and the value in that variable: a config is shared and committed, secrets are not.`);
      return;
    }
    if (!ENV_NAME.test(v)) this.add(here, `must be the name of an environment variable: upper case letters, digits and _ (e.g. "D360_API_KEY").`);
  }

  url(value: Json, key: string, at: At, required = false, what = 'an http(s) URL'): void {
    const v = this.string(value, key, at, { required, interpolate: true, what });
    if (v === undefined) return;
    const probe = v.replace(/\$\{[^}]*\}/g, 'x');
    const here = child(at, key);
    let url: URL | undefined;
    try {
      url = new URL(v.startsWith('${') ? `http://${probe}` : probe);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      if (!v.startsWith('${')) this.add(here, `must be ${what} (or \${VAR:-default}).`);
      return;
    }
    if (url.username !== '' || url.password !== '') this.add(here, 'must not carry a user name or password: credentials go in environment variables named by a field ending in Env.');
    else if (/(^|[?&])(access_token|token|key|api_key|apikey|password)=/i.test(url.search)) this.add(here, 'must not carry a key or token in its query: credentials go in environment variables named by a field ending in Env.');
  }

  number(value: Json, key: string, at: At, min: number, max: number): void {
    const v = value[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.add(child(at, key), `must be a whole number from ${min} to ${max}.`);
  }
}

const ROOT_KEYS = ['$schema', 'flows', 'templates', 'environments', 'defaultEnvironment', 'validate', 'typegen'];
const FLOW_KEYS = ['name', 'file', 'categories', 'endpointUri'];
const TEMPLATE_KEYS = ['name', 'language', 'category', 'body', 'button'];
const BUTTON_KEYS = ['text', 'flow', 'screen', 'action'];
const PARTNER_KEYS = ['baseUrl', 'partnerId', 'wabaAccountId', 'apiKeyEnv', 'tokenEnv', 'username', 'passwordEnv'];
const COMMON_ENV_KEYS = ['provider', 'timeoutMs', 'retries'];
const ENV_KEYS: Record<string, readonly string[]> = {
  '360dialog': [...COMMON_ENV_KEYS, 'baseUrl', 'hostingType', 'apiKeyEnv', 'partner'],
  '360dialog-partner': [...COMMON_ENV_KEYS, ...PARTNER_KEYS],
  meta: [...COMMON_ENV_KEYS, 'baseUrl', 'graphVersion', 'accessTokenEnv', 'wabaId', 'phoneNumberId'],
};
const STYLE_SETTINGS = ['off', 'info', 'warning'];

function checkFlows(c: Checker, value: unknown, at: At): string[] {
  const names: string[] = [];
  if (value === undefined) {
    c.add(ROOT, '"flows" is required: a list of { "name", "file", "categories" } (it may be empty).');
    return names;
  }
  if (!Array.isArray(value)) {
    c.add(at, 'must be a list of flows: [{ "name": "Feedback", "file": "flows/feedback.json", "categories": ["SURVEY"] }].');
    return names;
  }
  value.forEach((flow: unknown, i) => {
    const here = child(at, i);
    if (!isRecord(flow)) {
      c.add(here, 'must be an object: { "name", "file", "categories", "endpointUri"? }.');
      return;
    }
    c.keys(flow, here, FLOW_KEYS, 'a flow');
    const name = c.string(flow, 'name', here, { required: true, what: "the flow's name on the platform" });
    if (name !== undefined) {
      if (name.length > 200) c.add(child(here, 'name'), 'is longer than 200 characters.');
      if (names.includes(name)) c.add(child(here, 'name'), `another flow is already called "${name}": flow names are unique per WhatsApp Business Account.`);
      names.push(name);
    }
    const file = c.string(flow, 'file', here, { required: true, what: 'the Flow JSON file, relative to the config' });
    if (file !== undefined && isAbsolute(file)) c.add(child(here, 'file'), 'must be relative to the config file, so the project works on every machine.');
    const categories = flow.categories;
    if (categories === undefined) c.add(here, `"categories" is required: one or more of ${FLOW_CATEGORIES.join(', ')}.`);
    else if (!Array.isArray(categories) || categories.length === 0) c.add(child(here, 'categories'), `must be a non-empty list of ${FLOW_CATEGORIES.join(', ')}.`);
    else {
      categories.forEach((cat: unknown, j) => {
        if (typeof cat !== 'string' || !(FLOW_CATEGORIES as readonly string[]).includes(cat)) {
          c.add(child(child(here, 'categories'), j), `unknown category ${JSON.stringify(cat)}${typeof cat === 'string' ? suggestion(cat, FLOW_CATEGORIES) : ''}; one of ${FLOW_CATEGORIES.join(', ')}.`);
        } else if (categories.indexOf(cat) !== j) c.add(child(child(here, 'categories'), j), `"${cat}" is listed twice.`);
      });
    }
    c.url(flow, 'endpointUri', here, false, 'the https URL of the flow\'s data endpoint');
  });
  return names;
}

function checkTemplates(c: Checker, value: unknown, at: At, flowNames: readonly string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    c.add(at, 'must be a list of templates: [{ "name", "language", "category", "body", "button": { "text", "flow" } }].');
    return;
  }
  const seen = new Set<string>();
  value.forEach((template: unknown, i) => {
    const here = child(at, i);
    if (!isRecord(template)) {
      c.add(here, 'must be an object: { "name", "language", "category", "body", "button" }.');
      return;
    }
    c.keys(template, here, TEMPLATE_KEYS, 'a template');
    const name = c.string(template, 'name', here, { required: true, what: 'lower case letters, digits and _' });
    if (name !== undefined && !/^[a-z0-9_]{1,512}$/.test(name)) c.add(child(here, 'name'), 'may hold only lower case letters, digits and _ (WhatsApp template names), at most 512.');
    const language = c.string(template, 'language', here, { required: true, what: 'a language code such as en_US' });
    if (language !== undefined && !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(language)) c.add(child(here, 'language'), 'must be a language code such as en, en_US or pt_BR.');
    if (name !== undefined && language !== undefined) {
      if (seen.has(`${name}/${language}`)) c.add(child(here, 'name'), `template "${name}" in ${language} is listed twice.`);
      seen.add(`${name}/${language}`);
    }
    const category = template.category;
    if (category === undefined) c.add(here, `"category" is required: one of ${TEMPLATE_CATEGORIES.join(', ')}.`);
    else if (typeof category !== 'string' || !(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
      c.add(child(here, 'category'), `must be one of ${TEMPLATE_CATEGORIES.join(', ')}.`);
    }
    const body = c.string(template, 'body', here, { required: true, what: 'the message text' });
    if (body !== undefined && body.length > 1024) c.add(child(here, 'body'), `is ${body.length} characters; WhatsApp allows 1024.`);
    const button = template.button;
    const b = child(here, 'button');
    if (button === undefined) {
      c.add(here, '"button" is required: { "text", "flow" (a flow name of this config), "screen"?, "action"? }.');
      return;
    }
    if (!isRecord(button)) {
      c.add(b, 'must be an object: { "text", "flow", "screen"?, "action"? }.');
      return;
    }
    c.keys(button, b, BUTTON_KEYS, 'a FLOW button');
    const text = c.string(button, 'text', b, { required: true, what: 'the button text' });
    if (text !== undefined && text.length > 25) c.add(child(b, 'text'), `is ${text.length} characters; a button text may have 25.`);
    const flow = c.string(button, 'flow', b, { required: true, what: 'the name of a flow of this config' });
    if (flow !== undefined && !flowNames.includes(flow)) {
      c.add(child(b, 'flow'), `names no flow of this config${suggestion(flow, flowNames)}; flows: ${flowNames.length === 0 ? '(none)' : flowNames.map((n) => `"${n}"`).join(', ')}.`);
    }
    c.string(button, 'screen', b, { what: 'a screen id of the flow' });
    const action = button.action;
    if (action !== undefined && action !== 'navigate' && action !== 'data_exchange') c.add(child(b, 'action'), 'must be "navigate" or "data_exchange".');
    if (action === 'data_exchange' && button.screen !== undefined) c.add(child(b, 'screen'), 'goes with "action": "navigate" only: with data_exchange the endpoint picks the first screen.');
  });
}

function checkPartner(c: Checker, value: Json, at: At): void {
  c.string(value, 'partnerId', at, { required: true, interpolate: true, what: 'the 360dialog partner id (ends in PA)' });
  c.string(value, 'wabaAccountId', at, { required: true, interpolate: true, what: "360dialog's id of the WABA account" });
  c.url(value, 'baseUrl', at);
  c.envName(value, 'apiKeyEnv', at, false, 'the partner API key');
  c.envName(value, 'tokenEnv', at, false, 'a bearer token');
  c.envName(value, 'passwordEnv', at, false, "the Partner Hub user's password");
  c.string(value, 'username', at, { interpolate: true, what: "a Partner Hub user's email" });
  const ways = ['apiKeyEnv', 'tokenEnv', 'username'].filter((k) => value[k] !== undefined);
  if (ways.length === 0) c.add(at, 'needs one way to sign in to the Partner API: "apiKeyEnv" (X-API-Key), "tokenEnv" (a bearer token), or "username" and "passwordEnv".');
  if (ways.length > 1) c.add(at, `give only one way to sign in to the Partner API; got ${ways.join(' and ')}.`);
  if (value.username !== undefined && value.passwordEnv === undefined) c.add(at, '"username" needs "passwordEnv": the variable holding the Partner Hub password.');
  if (value.passwordEnv !== undefined && value.username === undefined) c.add(child(at, 'passwordEnv'), 'goes with "username" (the Partner Hub user\'s email).');
}

function checkEnvironments(c: Checker, value: unknown, at: At): string[] {
  if (value === undefined) {
    c.add(ROOT, '"environments" is required: e.g. { "sandbox": { "provider": "360dialog", "apiKeyEnv": "D360_API_KEY", ... } }.');
    return [];
  }
  if (!isRecord(value) || Object.keys(value).length === 0) {
    c.add(at, 'must be an object with at least one environment by name: { "sandbox": { "provider": ... } }.');
    return [];
  }
  for (const [name, env] of Object.entries(value)) {
    const here = child(at, name);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) c.add(here, 'an environment name may hold letters, digits, ".", "_" and "-" (e.g. sandbox, staging, production).');
    if (!isRecord(env)) {
      c.add(here, `must be an object: { "provider": ${PROVIDERS.map((p) => `"${p}"`).join(' | ')}, ... }.`);
      continue;
    }
    const provider = env.provider;
    if (typeof provider !== 'string' || !(PROVIDERS as readonly string[]).includes(provider)) {
      c.add(provider === undefined ? here : child(here, 'provider'), `"provider" must be one of ${PROVIDERS.map((p) => `"${p}"`).join(', ')}.`);
      continue;
    }
    c.keys(env, here, ENV_KEYS[provider] ?? [], `a "${provider}" environment`);
    c.number(env, 'timeoutMs', here, 1, 600_000);
    c.number(env, 'retries', here, 0, 10);
    if (provider === '360dialog') {
      c.url(env, 'baseUrl', here);
      c.envName(env, 'apiKeyEnv', here, true, "the number's D360-API-KEY");
      if (env.hostingType !== undefined && env.hostingType !== 'cloud' && env.hostingType !== 'on-premise') c.add(child(here, 'hostingType'), 'must be "cloud" or "on-premise".');
      const partner = env.partner;
      if (partner !== undefined) {
        const p = child(here, 'partner');
        if (!isRecord(partner)) c.add(p, 'must be an object: { "partnerId", "wabaAccountId", "apiKeyEnv" }.');
        else {
          c.keys(partner, p, PARTNER_KEYS, 'partner credentials');
          checkPartner(c, partner, p);
        }
      }
    } else if (provider === '360dialog-partner') {
      checkPartner(c, env, here);
    } else {
      c.url(env, 'baseUrl', here);
      c.envName(env, 'accessTokenEnv', here, true, 'the Graph API access token');
      c.string(env, 'wabaId', here, { required: true, interpolate: true, what: "Meta's WhatsApp Business Account id" });
      c.string(env, 'phoneNumberId', here, { required: true, interpolate: true, what: 'the phone number id' });
      c.string(env, 'graphVersion', here, { interpolate: true, what: 'a Graph API version such as v24.0' });
    }
  }
  return Object.keys(value);
}

function checkValidate(c: Checker, value: unknown, at: At): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    c.add(at, 'must be an object: { "style": true, "rules": { "style/sentence-case": "off" } }.');
    return;
  }
  // Other keys belong to `waflow validate`, which may know more than this checker.
  if (value.style !== undefined && typeof value.style !== 'boolean') c.add(child(at, 'style'), 'must be true or false.');
  if (value.rules !== undefined) {
    if (!isRecord(value.rules)) c.add(child(at, 'rules'), 'must be an object of lint code to "off", "info" or "warning".');
    else {
      for (const [code, setting] of Object.entries(value.rules)) {
        if (typeof setting !== 'string' || !STYLE_SETTINGS.includes(setting)) c.add(child(child(at, 'rules'), code), 'must be "off", "info" or "warning".');
      }
    }
  }
}

function checkTypegen(c: Checker, value: unknown, at: At): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    c.add(at, 'must be an object: { "out": "src/flows" } (or {} to write the types next to each flow file).');
    return;
  }
  c.keys(value, at, ['out'], 'typegen');
  const out = c.string(value, 'out', at, { what: 'the folder for the types files, relative to the config' });
  if (out !== undefined && isAbsolute(out)) c.add(child(at, 'out'), 'must be relative to the config file, so the project works on every machine.');
}

/** Every problem of a config value, each with its pointer and JSON path (no positions). */
export function checkConfig(value: unknown): ConfigIssue[] {
  const c = new Checker();
  if (!isRecord(value)) {
    c.add(ROOT, 'the config must be an object: { "flows": [...], "environments": { ... } }.');
    return c.issues;
  }
  c.keys(value, ROOT, ROOT_KEYS, 'the config');
  const flowNames = checkFlows(c, value.flows, child(ROOT, 'flows'));
  checkTemplates(c, value.templates, child(ROOT, 'templates'), flowNames);
  const envNames = checkEnvironments(c, value.environments, child(ROOT, 'environments'));
  const def = value.defaultEnvironment;
  if (def !== undefined && (typeof def !== 'string' || !envNames.includes(def))) {
    c.add(child(ROOT, 'defaultEnvironment'), `must name an environment of this config: ${envNames.join(', ') || '(none)'}.`);
  }
  checkValidate(c, value.validate, child(ROOT, 'validate'));
  checkTypegen(c, value.typegen, child(ROOT, 'typegen'));
  return c.issues;
}

/** Parses and checks a JSON config; throws ConfigError with line and column for every problem. */
export function parseConfigText(text: string, file = 'waflow.config.json'): WaflowConfig {
  const parsed = parseJson(text);
  const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (syntax.length > 0) {
    throw new ConfigError(file, syntax.map((d) => ({ pointer: d.pointer, path: '', message: `not valid JSON: ${d.message}`, ...(d.range === undefined ? {} : { range: d.range }) })), text);
  }
  const issues = checkConfig(parsed.value);
  if (issues.length > 0) {
    throw new ConfigError(
      file,
      issues.map((i) => {
        const range = locate(parsed, i.pointer);
        return range === undefined ? i : { ...i, range };
      }),
      text,
    );
  }
  return parsed.value as WaflowConfig;
}

/** The config file in `start` or the nearest folder above it; undefined when there is none. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const found = CONFIG_FILES.map((name) => join(dir, name)).filter((file) => existsSync(file));
    if (found.length > 1) {
      throw new ConfigError(found[0] ?? dir, [{ pointer: '', path: '', message: `${dir} holds ${found.map((f) => basename(f)).join(' and ')}: keep one project file.` }]);
    }
    if (found[0] !== undefined) return found[0];
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a config file (JSON, or a module whose default export is the config) and checks it. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const absolute = resolve(file);
  const dir = dirname(absolute);
  const shown = basename(absolute);
  if (extname(absolute) === '.json') {
    const text = await readFile(absolute, 'utf8');
    return { file: absolute, dir, config: parseConfigText(text, shown), text };
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message =
      code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? `plain Node cannot import ${shown}: run the CLI under tsx (npx tsx node_modules/waflow/bin/waflow.js ...), Bun or Deno, or write the config as waflow.config.json.`
        : `could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    throw new ConfigError(shown, [{ pointer: '', path: '', message }]);
  }
  const value = mod.default ?? mod.config;
  if (value === undefined) throw new ConfigError(shown, [{ pointer: '', path: '', message: 'has no default export: write `export default defineConfig({ ... })`.' }]);
  const issues = checkConfig(value);
  if (issues.length > 0) throw new ConfigError(shown, issues);
  return { file: absolute, dir, config: value as WaflowConfig };
}
