// Runs the booking endpoint over HTTP:
//   npx tsx examples/booking/server.ts --port 3000 --private-key ./private.pem
// Flags win over the environment: PORT, HOST, PRIVATE_KEY_PATH, PRIVATE_KEY_PASSPHRASE, APP_SECRET.
// The passphrase and app secret are best given through the environment (flags show in `ps`).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPrivateKey } from '../../src/data-channel/index.js';
import { toNodeHandler } from '../../src/endpoint/node.js';
import { createBookingEndpoint } from './endpoint.js';

export interface ServerConfig {
  port: number;
  host: string;
  privateKeyPath: string;
  passphrase: string | undefined;
  appSecret: string | undefined;
}

/** Reads flags and environment; throws an Error whose message says what is missing. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'private-key': { type: 'string' },
      passphrase: { type: 'string' },
      'app-secret': { type: 'string' },
    },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be a port number (0-65535), got "${portText}"`);
  const privateKeyPath = values['private-key'] ?? env.PRIVATE_KEY_PATH;
  if (privateKeyPath === undefined || privateKeyPath === '') {
    throw new Error('the private key is required: pass --private-key ./private.pem or set PRIVATE_KEY_PATH');
  }
  const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
  return {
    port,
    host: values.host ?? env.HOST ?? '0.0.0.0',
    privateKeyPath,
    passphrase: nonEmpty(values.passphrase ?? env.PRIVATE_KEY_PASSPHRASE),
    appSecret: nonEmpty(values['app-secret'] ?? env.APP_SECRET),
  };
}

export async function startServer(config: ServerConfig): Promise<{ server: Server; url: string }> {
  let privateKey: string;
  try {
    privateKey = readFileSync(config.privateKeyPath, 'utf8');
  } catch {
    throw new Error(`cannot read the private key file ${config.privateKeyPath}`);
  }
  // Fail at start, not on the first request, when the key or its passphrase is wrong.
  await loadPrivateKey(privateKey, config.passphrase);
  const endpoint = createBookingEndpoint({ privateKey, passphrase: config.passphrase, appSecret: config.appSecret });
  const server = createServer(toNodeHandler(endpoint));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${config.host}:${port}/` };
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`booking server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  try {
    const { server, url } = await startServer(config);
    console.log(`booking endpoint listening on ${url}${config.appSecret === undefined ? ' (no APP_SECRET: request signatures are not checked)' : ''}`);
    const stop = (): void => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`booking server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
