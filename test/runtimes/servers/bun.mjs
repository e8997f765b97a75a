/* global Bun */
import { createApp } from './app.mjs';

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createApp((name) => Bun.env[name]) });
console.log(`listening ${server.port}`);
