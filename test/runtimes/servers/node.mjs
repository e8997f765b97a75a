/* global Buffer, Headers, Request */
// Node: the web-standard endpoint behind a minimal node:http bridge (no adapter of ours, so
// only waflow/endpoint and waflow/data-channel are under test).
import { createServer } from 'node:http';
import { createApp } from './app.mjs';

const app = createApp((name) => process.env[name]);

const server = createServer(async (req, res) => {
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
    const response = await app(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error(error);
    res.writeHead(500).end();
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
