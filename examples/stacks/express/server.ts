// Express: mount the endpoint on a route.
//   PRIVATE_KEY="$(cat private.pem)" PORT=3000 npx tsx express/server.ts
// Mount it before express.json() (or give it express.raw({ type: '*/*' })): the request
// signature covers the raw bytes, which a JSON body parser would consume.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { toExpressHandler } from 'waflow/endpoint/express';
import { createAppointmentEndpoint, listenAddress } from '../handlers.js';

const endpoint = createAppointmentEndpoint(process.env);
const { port, host } = listenAddress(process.env);

const app = express();
app.post('/flow', toExpressHandler(endpoint));
app.use(express.json()); // after the Flows route: the rest of your app parses JSON as usual

const server = app.listen(port, host, (error?: Error) => {
  if (error) throw error;
  const { port: bound } = server.address() as AddressInfo;
  console.log(`flow endpoint listening on http://${host}:${bound}/flow`);
});
