// Try the route handler without Next.js: a tiny node:http → fetch bridge that does what the
// framework does, turning the request into a web Request and the Response back into bytes.
//   PRIVATE_KEY="$(cat private.pem)" PORT=3000 npx tsx route-handler/serve.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenAddress } from '../handlers.js';
import { POST } from './app/api/flow/route.js';

const ROUTE = '/api/flow';
const { port, host } = listenAddress(process.env);

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  if (url.pathname !== ROUTE) return void res.writeHead(404).end();
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headersDistinct)) for (const v of value ?? []) headers.append(name, v);
  const response = await POST(new Request(url, { method: 'POST', headers, body: Buffer.concat(chunks) }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(port, host, () => {
  const { port: bound } = server.address() as AddressInfo;
  console.log(`flow endpoint listening on http://${host}:${bound}${ROUTE}`);
});
