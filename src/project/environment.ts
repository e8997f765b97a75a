// An environment of the config, made concrete: `${VAR}` references filled in, credentials read
// from the variables the config names, and the createClient options built from them. A missing
// variable is named (with the field that wants it); its value, once read, is never printed.
import type { ClientOptions, PartnerCredentials } from '../api/client/options.js';
import type { Provider } from '../api/contract/dialects.js';
import { interpolate } from './interpolate.js';
import type { EnvironmentConfig, PartnerEnvironmentCredentials, WaflowConfig } from './types.js';

/** The environment cannot be used as configured on this machine (a variable is missing...). */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The environment `--env` names, or the default one: defaultEnvironment, `sandbox`, or the only one. */
export function pickEnvironment(config: WaflowConfig, requested: string | undefined): string {
  const names = Object.keys(config.environments);
  const list = names.map((n) => `"${n}"`).join(', ');
  if (requested !== undefined) {
    if (!names.includes(requested)) throw new EnvironmentError(`the config has no environment "${requested.slice(0, 64)}"; its environments: ${list}.`);
    return requested;
  }
  if (config.defaultEnvironment !== undefined) return config.defaultEnvironment;
  if (names.includes('sandbox')) return 'sandbox';
  if (names.length === 1 && names[0] !== undefined) return names[0];
  throw new EnvironmentError(`the config has several environments (${list}) and no "defaultEnvironment": choose one with --env NAME.`);
}

export interface ResolvedEnvironment {
  readonly name: string;
  readonly provider: Provider;
  /** createClient options, credentials included: never print them. */
  readonly options: ClientOptions;
  /** Whether this environment manages flows (360dialog needs partner credentials for it). */
  readonly flows: boolean;
  /** Whether it manages templates (the Partner API alone does not). */
  readonly templates: boolean;
  /** Where it points, for people: base URLs, no credentials. */
  readonly where: string;
}

class Reader {
  constructor(
    private readonly name: string,
    private readonly env: Env,
  ) {}

  /** A URL or id, with `${VAR}` filled in. */
  value(field: string, text: string): string;
  value(field: string, text: string | undefined): string | undefined;
  value(field: string, text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    const done = interpolate(text, this.env);
    if (!done.ok) {
      throw new EnvironmentError(`environment "${this.name}": ${field} reads the environment variable ${done.missing}, which is not set. Set it (export ${done.missing}=...), or give a default in the config: \${${done.missing}:-value}.`);
    }
    return done.value;
  }

  /** A credential, from the variable the config names. */
  secret(field: string, variable: string, what: string): string {
    const value = this.env[variable];
    if (value === undefined || value === '') {
      throw new EnvironmentError(`environment "${this.name}": the environment variable ${variable} is not set; it holds ${what} (${field}). Set it in your shell or CI (export ${variable}=...); waflow never reads credentials from the config.`);
    }
    return value;
  }
}

function partnerCredentials(r: Reader, p: PartnerEnvironmentCredentials, prefix: string): PartnerCredentials {
  const signIn: Partial<PartnerCredentials> =
    p.apiKeyEnv !== undefined
      ? { apiKey: r.secret(`${prefix}apiKeyEnv`, p.apiKeyEnv, 'the partner API key') }
      : p.tokenEnv !== undefined
        ? { token: r.secret(`${prefix}tokenEnv`, p.tokenEnv, 'a Partner API bearer token') }
        : {
            username: r.value(`${prefix}username`, p.username ?? ''),
            password: r.secret(`${prefix}passwordEnv`, p.passwordEnv ?? '', "the Partner Hub user's password"),
          };
  const baseUrl = r.value(`${prefix}baseUrl`, p.baseUrl);
  return {
    partnerId: r.value(`${prefix}partnerId`, p.partnerId),
    wabaAccountId: r.value(`${prefix}wabaAccountId`, p.wabaAccountId),
    ...signIn,
    ...(baseUrl === undefined ? {} : { baseUrl }),
  };
}

/** The client options of an environment, reading the variables it names from `env`. */
export function resolveEnvironment(config: WaflowConfig, name: string, env: Env): ResolvedEnvironment {
  const e: EnvironmentConfig | undefined = config.environments[name];
  if (e === undefined) throw new EnvironmentError(`the config has no environment "${name}".`);
  const r = new Reader(name, env);
  const transport = { ...(e.timeoutMs === undefined ? {} : { timeoutMs: e.timeoutMs }), ...(e.retries === undefined ? {} : { retries: e.retries }) };
  if (e.provider === '360dialog') {
    const baseUrl = r.value('baseUrl', e.baseUrl);
    const partner = e.partner === undefined ? undefined : partnerCredentials(r, e.partner, 'partner.');
    const options: ClientOptions = {
      provider: '360dialog',
      apiKey: r.secret('apiKeyEnv', e.apiKeyEnv, "the number's D360-API-KEY"),
      ...(e.hostingType === undefined ? {} : { hostingType: e.hostingType }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(partner === undefined ? {} : { partner }),
      ...transport,
    };
    const where = [baseUrl ?? `360dialog ${e.hostingType ?? 'cloud'}`, ...(partner === undefined ? [] : [`flows: ${partner.baseUrl ?? 'hub.360dialog.io'}`])].join(', ');
    return { name, provider: e.provider, options, flows: partner !== undefined, templates: true, where };
  }
  if (e.provider === '360dialog-partner') {
    const credentials = partnerCredentials(r, e, '');
    return {
      name,
      provider: e.provider,
      options: { provider: '360dialog-partner', ...credentials, ...transport },
      flows: true,
      templates: false,
      where: credentials.baseUrl ?? 'https://hub.360dialog.io/api/v2',
    };
  }
  const baseUrl = r.value('baseUrl', e.baseUrl);
  const graphVersion = r.value('graphVersion', e.graphVersion);
  return {
    name,
    provider: e.provider,
    options: {
      provider: 'meta',
      accessToken: r.secret('accessTokenEnv', e.accessTokenEnv, 'the Graph API access token'),
      wabaId: r.value('wabaId', e.wabaId),
      phoneNumberId: r.value('phoneNumberId', e.phoneNumberId),
      ...(graphVersion === undefined ? {} : { graphVersion }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...transport,
    },
    flows: true,
    templates: true,
    where: baseUrl ?? 'https://graph.facebook.com',
  };
}

/** A flow's endpointUri with `${VAR}` filled in from `env`. */
export function resolveEndpointUri(environment: string, flowName: string, uri: string | undefined, env: Env): string | undefined {
  return new Reader(environment, env).value(`flow "${flowName}" endpointUri`, uri);
}
