// Serves a web-standard handler on an ephemeral port of 127.0.0.1, so a test can call its
// endpoint over real HTTP (httpEndpoint, `waflow run --endpoint`) and close it afterwards.
import { createServer } from 'node:http';
import { toNodeHandler } from '../endpoint/adapters/node-http.js';
import { listen } from './listen.js';
import type { RunningServer } from './listen.js';
import type { WebHandler } from './transport.js';

export type LocalServer = RunningServer;

export function serveLocally(handler: WebHandler): Promise<LocalServer> {
  return listen(createServer(toNodeHandler(handler)));
}
