// Fastify: registerFlowEndpoint adds the route in an encapsulated plugin whose body parser keeps
// the raw bytes (the request signature covers them); the rest of the app parses JSON as usual.
//   PRIVATE_KEY="$(cat private.pem)" PORT=3000 npx tsx fastify/server.ts
import { fastify } from 'fastify';
import { registerFlowEndpoint } from 'waflow/endpoint/fastify';
import { createAppointmentEndpoint, listenAddress } from '../handlers.js';

const endpoint = createAppointmentEndpoint(process.env);
const { port, host } = listenAddress(process.env);

const app = fastify();
await registerFlowEndpoint(app, '/flow', endpoint);

const address = await app.listen({ port, host });
console.log(`flow endpoint listening on ${address}/flow`);
