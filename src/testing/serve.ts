// Serves a web-standard handler on an ephemeral port of 127.0.0.1, so a test can call its
// endpoint over real HTTP (httpEndpoint, `waflow run --endpoint`) and close it afterwards.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '../endpoint/adapters/node-http.js';
import type { WebHandler } from './transport.js';

export interface LocalServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveLocally(handler: WebHandler): Promise<LocalServer> {
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
