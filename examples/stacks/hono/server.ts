// Hono: the endpoint is already a fetch handler, so the route hands it the raw Request.
//   PRIVATE_KEY="$(cat private.pem)" PORT=3000 npx tsx hono/server.ts
// The same `app` runs on Bun (`export default app`), Deno (`Deno.serve(app.fetch)`) and Workers;
// here @hono/node-server serves it on Node.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createAppointmentEndpoint, listenAddress } from '../handlers.js';

const endpoint = createAppointmentEndpoint(process.env);
const { port, host } = listenAddress(process.env);

const app = new Hono();
app.post('/flow', (c) => endpoint(c.req.raw));

serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(`flow endpoint listening on http://${host}:${info.port}/flow`);
});
