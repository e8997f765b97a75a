// `waflow dev`: the local sandbox (360dialog, Meta's Graph API and WhatsApp stand-in) on embedded
// defaults. Prints the URL, the keys (the number's API key and the partner API key, created and
// shown once, on the first start of a data folder) and how to point each provider at it (base URL,
// header, account ids); stops cleanly on SIGINT/SIGTERM. A database URL, app secret or key is
// never printed again, and never to stderr.
import { resolve, join } from 'node:path';
import process from 'node:process';
import { DEFAULT_GRAPH_VERSION } from '../../api/contract/dialects.js';
import type { HostingType } from '../../api/types.js';
import { MissingPeerError, peerMissing } from '../../peer/optional.js';
import { ConfigError, formatIssue } from '../../project/config.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../sandbox/context.js';
import type { Sandbox } from '../../sandbox/server.js';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { watchProjectTypes, WatchSetupError } from './dev-watch.js';
import type { ProjectWatch } from './dev-watch.js';

const USAGE =
  'waflow dev [--port 4010] [--host 127.0.0.1] [--data-dir .waflow] [--database-url URL] [--hosting-type cloud|on-premise] [--webhook-url URL]... [--app-secret-env VAR] [--allowed-host HOST]... [--new-key] [--new-partner-key] [--watch]';

const HELP = `usage: ${USAGE}

Starts the local WhatsApp Flows sandbox: 360dialog's Messaging API (Cloud at /cloud, On-Premise
at /on-premise, or unprefixed), 360dialog's Partner API (/hub/api/v2), Meta's Graph API
(/graph/v24.0), simulated phones, webhooks and endpoint health checks.

options:
  --port <n>             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>          interface to listen on (default ${DEFAULT_HOST})
  --data-dir <dir>       where the embedded database lives (default .waflow)
  --database-url <url>   use PostgreSQL instead (DATABASE_URL is read when neither is given)
  --hosting-type <type>  cloud or on-premise: the account's default (default cloud)
  --webhook-url <url>    deliver webhooks here (repeat for several)
  --app-secret-env VAR   sign webhooks with the app secret in environment variable VAR
  --allowed-host <host>  also answer to this Host (name or name:port; repeat for several): by
                         default only 127.0.0.1, localhost and [::1] at the port are accepted
  --new-key              create and print another API key of the number
  --new-partner-key      create and print another partner API key
  --watch                keep the TypeScript types of the project's flows (waflow.config.json,
                         "typegen") in step with their JSON, as waflow typegen writes them
`;

class UsageError extends Error {}

export interface DevOptions {
  port: number;
  host: string;
  dataDir: string | undefined;
  databaseUrl: string | undefined;
  hostingType: HostingType;
  webhookUrls: string[];
  appSecret: string | undefined;
  newKey: boolean;
  newPartnerKey: boolean;
  /** Host names besides the listening address; present only when given. */
  allowedHosts?: string[];
  /** --watch: the project's flow types follow their JSON (dev-watch.ts); present only when given. */
  watch?: true;
}

const VALUE_OPTIONS = new Set(['--port', '--host', '--data-dir', '--database-url', '--hosting-type', '--webhook-url', '--app-secret-env', '--allowed-host']);

export function parseDevArgs(argv: readonly string[], io: Pick<CliIo, 'cwd' | 'env'>): DevOptions {
  const values = new Map<string, string[]>();
  let newKey = false;
  let newPartnerKey = false;
  let watchFlows = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--watch') {
      watchFlows = true;
      continue;
    }
    if (arg === '--new-key') {
      newKey = true;
      continue;
    }
    if (arg === '--new-partner-key') {
      newPartnerKey = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    // Never echo an unknown argument whole: it could be a URL with a password.
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(arg.startsWith('-') ? `unknown option ${name.slice(0, 40)}` : 'unexpected argument');
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && name !== '--webhook-url' && name !== '--allowed-host') throw new UsageError(`${name} given twice`);
    values.set(name, [...list, value]);
  }
  const one = (name: string) => values.get(name)?.[0];

  const portText = one('--port') ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError('--port must be a whole number from 0 to 65535');
  const hostingType = one('--hosting-type') ?? 'cloud';
  if (hostingType !== 'cloud' && hostingType !== 'on-premise') throw new UsageError('--hosting-type must be cloud or on-premise');
  const webhookUrls = values.get('--webhook-url') ?? [];
  for (const url of webhookUrls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new UsageError('--webhook-url must be an http(s) URL');
  }
  const databaseUrl = one('--database-url');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database-url must start with postgres:// or postgresql://');
  if (databaseUrl !== undefined && one('--data-dir') !== undefined) throw new UsageError('give either --data-dir or --database-url, not both');
  let appSecret: string | undefined;
  const secretVar = one('--app-secret-env');
  if (secretVar !== undefined) {
    appSecret = io.env[secretVar];
    if (appSecret === undefined || appSecret === '') throw new UsageError(`environment variable ${secretVar.slice(0, 64)} is not set or empty`);
  }
  const allowedHosts = values.get('--allowed-host') ?? [];
  for (const host of allowedHosts) if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(host)) throw new UsageError('--allowed-host must be a host name, optionally with :port');
  const envUrl = io.env.DATABASE_URL;
  const useEnvUrl = databaseUrl === undefined && one('--data-dir') === undefined && envUrl !== undefined && envUrl !== '';
  return {
    port: Number(portText),
    host: one('--host') ?? DEFAULT_HOST,
    dataDir: databaseUrl !== undefined || useEnvUrl ? undefined : resolve(io.cwd, one('--data-dir') ?? '.waflow'),
    databaseUrl: databaseUrl ?? (useEnvUrl ? envUrl : undefined),
    hostingType,
    webhookUrls,
    appSecret,
    newKey,
    newPartnerKey,
    ...(allowedHosts.length === 0 ? {} : { allowedHosts }),
    ...(watchFlows ? { watch: true as const } : {}),
  };
}

/**
 * The optional peer packages `waflow dev` needs and cannot load: the HTTP layer (hono,
 * @hono/node-server) always, the embedded database without a database URL.
 */
export async function missingDevPeers(options: Pick<DevOptions, 'databaseUrl'>): Promise<string[]> {
  const checks: [string, () => Promise<unknown>][] = [
    ['hono', () => import('hono')],
    ['@hono/node-server', () => import('@hono/node-server')],
  ];
  if (options.databaseUrl === undefined) checks.push(['@electric-sql/pglite', () => import('@electric-sql/pglite')]);
  const missing: string[] = [];
  for (const [name, load] of checks) {
    try {
      await load().catch(peerMissing(name, 'waflow dev'));
    } catch (error) {
      if (!(error instanceof MissingPeerError)) throw error;
      missing.push(name);
    }
  }
  return missing;
}

/** Starts the sandbox and prints how to use it; the caller decides when to close it. */
export async function startDev(options: DevOptions, io: CliIo): Promise<Sandbox> {
  // Loaded here, not on import: the sandbox needs optional peers (see missingDevPeers).
  const [{ createApiKey, createPartnerKey, countApiKeys }, { createLogger }, { createSandbox }, { ensureUiBuilt, isCheckout }] = await Promise.all([
    import('../../sandbox/auth.js'),
    import('../../sandbox/logger.js'),
    import('../../sandbox/server.js'),
    import('../../sandbox/ui/index.js'),
  ]);
  // The browser app is built from this checkout's sources on first start (and when they change).
  let ui = 'browser app:      ';
  try {
    const { built } = await ensureUiBuilt();
    ui += built ? 'built just now' : isCheckout() ? 'up to date' : 'shipped with the package';
  } catch (err) {
    ui += `not available (${err instanceof Error ? err.message : String(err)}); the API works without it`;
  }
  const sandbox = await createSandbox({
    port: options.port,
    host: options.host,
    hostingType: options.hostingType,
    webhookUrls: options.webhookUrls,
    appSecret: options.appSecret,
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
    ...(options.databaseUrl === undefined ? { dataDir: join(options.dataDir ?? '.waflow', 'pglite') } : { databaseUrl: options.databaseUrl }),
    log: createLogger(io.stderr, 'info'),
  });
  const store = sandbox.context.store;
  // Both keys are made on the first start of a data folder (and the partner key on the first start
  // after an upgrade that predates it); the store keeps only their hashes.
  let key: string | undefined;
  if (options.newKey || (await countApiKeys(store)) === 0) {
    key = (await createApiKey(store, { name: options.newKey ? 'waflow dev --new-key' : 'default', phoneId: sandbox.businessPhone.id })).key;
  }
  let partnerKey: string | undefined;
  if (options.newPartnerKey || (await countApiKeys(store, { scope: 'partner', partnerId: sandbox.partner.id })) === 0) {
    partnerKey = (await createPartnerKey(store, { name: options.newPartnerKey ? 'waflow dev --new-partner-key' : 'default', partnerId: sandbox.partner.id })).key;
  }
  io.stdout(devGuide({ url: sandbox.url, where: options.databaseUrl === undefined ? `embedded PGlite in ${options.dataDir ?? '.waflow'}` : 'PostgreSQL', ui, sandbox, hostingType: options.hostingType, key, partnerKey }));
  return sandbox;
}

/**
 * What `waflow dev` prints on start: where each provider's surface is, which header carries which
 * credential, and the ids the paths take. The keys appear only when they were just made.
 */
function devGuide(g: { url: string; where: string; ui: string; sandbox: Sandbox; hostingType: HostingType; key: string | undefined; partnerKey: string | undefined }): string {
  const { url, sandbox } = g;
  const phone = sandbox.businessPhone;
  const partnerId = sandbox.partner.id;
  const wabaAccountId = phone.wabaAccountId ?? '';
  const wabaId = phone.wabaId ?? '';
  const keyLine = (label: string, value: string | undefined, again: string) =>
    value === undefined ? `  ${label} the one printed on the first start of this data folder (${again} for another)` : `  ${label} ${value}`;
  const lines = [
    `waflow sandbox listening on ${url} (${g.where})`,
    `  ${g.ui}: ${url}/ (builder, inbox, dashboard)`,
    `  business number:  +${phone.number}`,
    '',
    keyLine('API key:         ', g.key, 'run with --new-key'),
    keyLine('partner API key: ', g.partnerKey, 'run with --new-partner-key'),
    ...(g.key === undefined && g.partnerKey === undefined ? [] : ['                    (shown once: keep them; the sandbox stores only their hashes)']),
    '',
    'Point each provider at it (a base URL is the only change from production):',
    '',
    "  360dialog Messaging API (provider '360dialog')",
    `    base URL:   ${url}/cloud   (On-Premise: ${url}/on-premise)`,
    '    header:     D360-API-KEY: <API key>',
    '',
    "  360dialog Partner API (provider '360dialog-partner'; flow management)",
    `    base URL:   ${url}/hub/api/v2`,
    '    header:     X-API-Key: <partner API key>',
    `                or Authorization: Bearer <access_token> from POST ${url}/hub/api/v2/token`,
    `                with {"username": "${sandbox.context.config.partnerUser}", "password": "<partner API key>"}`,
    `    partner id: ${partnerId}   WABA account id: ${wabaAccountId}`,
    '',
    "  Meta Graph API (provider 'meta')",
    `    base URL:   ${url}/graph   (paths after the version: ${url}/graph/${DEFAULT_GRAPH_VERSION}/...)`,
    "    header:     Authorization: Bearer <API key>   (the number's API key is its access token)",
    `    WABA id:    ${wabaId}   phone number id: ${phone.id}`,
    '',
    'With the client:',
    `  createClient({ apiKey: process.env.D360_API_KEY, hostingType: '${g.hostingType}', baseUrl: '${url}/${g.hostingType}',`,
    `    partner: { partnerId: '${partnerId}', wabaAccountId: '${wabaAccountId}', apiKey: process.env.D360_PARTNER_API_KEY, baseUrl: '${url}/hub/api/v2' } })`,
    `  createClient({ provider: 'meta', accessToken: process.env.WHATSAPP_ACCESS_TOKEN, wabaId: '${wabaId}', phoneNumberId: '${phone.id}', baseUrl: '${url}/graph' })`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  return lines.join('\n');
}

export const devCommand: Command = {
  name: 'dev',
  usage: USAGE,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    let options: DevOptions;
    try {
      options = parseDevArgs(argv, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`waflow dev: ${error.message}\nusage: ${USAGE}\n`);
      return EXIT_USAGE;
    }
    const missing = await missingDevPeers(options);
    if (missing.length > 0) {
      io.stderr(`waflow dev: the sandbox needs optional packages that are not installed: ${missing.join(', ')}. Install them with:\n  npm install -D ${missing.join(' ')}\n`);
      return EXIT_FAILED;
    }
    // Before the sandbox: a missing project is a usage error, and the first types are written.
    let watching: ProjectWatch | undefined;
    if (options.watch === true) {
      try {
        watching = await watchProjectTypes(io);
      } catch (error) {
        if (!(error instanceof WatchSetupError || error instanceof ConfigError)) throw error;
        io.stderr(`waflow dev: ${error instanceof ConfigError ? error.issues.map((i) => formatIssue(error.file, i)).join('\n') : error.message}\n`);
        return EXIT_USAGE;
      }
    }
    let sandbox: Sandbox;
    try {
      sandbox = await startDev(options, io);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const reason =
        code === 'EADDRINUSE'
          ? `port ${options.port} on ${options.host} is already in use (try --port)`
          : code === 'ECONNREFUSED'
            ? 'the database refused the connection'
            : error instanceof Error
              ? error.message
              : 'unknown error';
      io.stderr(`waflow dev: the sandbox could not start: ${reason}\n`);
      watching?.close();
      return EXIT_FAILED;
    }
    await new Promise<void>((done) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.stderr(`\nwaflow dev: ${signal}, stopping\n`);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    watching?.close();
    await sandbox.close();
    io.stderr('waflow dev: stopped\n');
    return EXIT_OK;
  },
};
