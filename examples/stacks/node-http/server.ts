// node:http: the endpoint as a plain request listener, no framework.
//   PRIVATE_KEY="$(cat private.pem)" PORT=3000 npx tsx node-http/server.ts
// toNodeHandler serves every path and answers 405 to anything but POST. For one process per
// core, serveFlowEndpoint({ ...options, workers: 'auto' }) from the same subpath does the rest.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from 'waflow/endpoint/node';
import { createAppointmentEndpoint, listenAddress } from '../handlers.js';

const endpoint = createAppointmentEndpoint(process.env);
const { port, host } = listenAddress(process.env);

const server = createServer(toNodeHandler(endpoint));
server.listen(port, host, () => {
  const { port: bound } = server.address() as AddressInfo;
  console.log(`flow endpoint listening on http://${host}:${bound}/`);
});
