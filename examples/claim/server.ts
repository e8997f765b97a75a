// Runs the claim endpoint and the claims webhook on one HTTP server:
//   npx tsx examples/claim/server.ts --port 3000 --private-key ./private.pem
// POST / is the flow endpoint (set it as the flow's endpoint_uri); /webhook is the webhook (set it
// as the callback URL) when APP_SECRET and D360_API_KEY are given: it downloads the claim's photo
// through the media API of D360_BASE_URL (default waba-v2; `waflow dev` prints its own).
// Flags win over the environment: PORT, HOST, PRIVATE_KEY_PATH, PRIVATE_KEY_PASSPHRASE, APP_SECRET.
// Secrets are best given through the environment (flags show in `ps`).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '../../src/api/index.js';
import { loadPrivateKey } from '../../src/data-channel/index.js';
import { toNodeHandler } from '../../src/endpoint/node.js';
import { toNodeWebhookHandler } from '../../src/webhooks/index.js';
import { ClaimDesk } from './desk.js';
import { createClaimEndpoint } from './endpoint.js';
import { createClaimWebhook } from './webhook.js';

export interface ServerConfig {
  port: number;
  host: string;
  privateKeyPath: string;
  passphrase: string | undefined;
  appSecret: string | undefined;
  /** The number's D360-API-KEY, for the media API; no webhook without it. */
  d360ApiKey: string | undefined;
  /** Default https://waba-v2.360dialog.io. */
  d360BaseUrl: string | undefined;
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/** Reads flags and environment; throws an Error whose message says what is missing. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'private-key': { type: 'string' }, passphrase: { type: 'string' }, 'app-secret': { type: 'string' } },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be a port number (0-65535), got "${portText}"`);
  const privateKeyPath = values['private-key'] ?? env.PRIVATE_KEY_PATH;
  if (privateKeyPath === undefined || privateKeyPath === '') throw new Error('the private key is required: pass --private-key ./private.pem or set PRIVATE_KEY_PATH');
  return {
    port,
    host: values.host ?? env.HOST ?? '0.0.0.0',
    privateKeyPath,
    passphrase: nonEmpty(values.passphrase ?? env.PRIVATE_KEY_PASSPHRASE),
    appSecret: nonEmpty(values['app-secret'] ?? env.APP_SECRET),
    d360ApiKey: nonEmpty(env.D360_API_KEY),
    d360BaseUrl: nonEmpty(env.D360_BASE_URL),
  };
}

export interface RunningClaimServer {
  server: Server;
  /** The endpoint's URL (POST /). */
  url: string;
  /** The webhook's URL, when it runs. */
  webhookUrl: string | undefined;
  desk: ClaimDesk;
}

export async function startServer(config: ServerConfig, desk: ClaimDesk = new ClaimDesk()): Promise<RunningClaimServer> {
  let privateKey: string;
  try {
    privateKey = readFileSync(config.privateKeyPath, 'utf8');
  } catch {
    throw new Error(`cannot read the private key file ${config.privateKeyPath}`);
  }
  await loadPrivateKey(privateKey, config.passphrase); // fail at start when the key or passphrase is wrong
  const endpoint = toNodeHandler(createClaimEndpoint({ privateKey, passphrase: config.passphrase, appSecret: config.appSecret, desk }));
  const webhook =
    config.appSecret === undefined || config.d360ApiKey === undefined
      ? undefined
      : toNodeWebhookHandler(createClaimWebhook({ appSecret: config.appSecret, desk, client: createClient({ apiKey: config.d360ApiKey, ...(config.d360BaseUrl === undefined ? {} : { baseUrl: config.d360BaseUrl }) }) }));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/webhook' && webhook !== undefined) return void webhook(req, res);
    if (path === '/') return void endpoint(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/`;
  return { server, url, webhookUrl: webhook === undefined ? undefined : `${url}webhook`, desk };
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`claim server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  try {
    const { server, url, webhookUrl } = await startServer(config);
    console.log(`claim endpoint listening on ${url}${webhookUrl === undefined ? ' (no webhook: set APP_SECRET and D360_API_KEY)' : `, webhook on ${webhookUrl}`}`);
    const stop = (): void => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`claim server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
