import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptResponse, encryptRequest, generateKeyPair, loadPublicKey } from '../../data-channel/index.js';
import { PlatformClient } from '../test-kit.js';
import { serveFlowEndpoint } from './serve.js';

let keys: { privateKeyPem: string; publicKeyPem: string };
let dir: string;
const handlers = { init: () => ({ screen: 'WHO', data: { pid: process.pid } }) };
const logger = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  keys = await generateKeyPair();
  dir = mkdtempSync(join(tmpdir(), 'waflow-serve-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One INIT call on a connection of its own (no keep-alive), so the cluster primary places it anew. */
async function pidOnFreshConnection(url: string): Promise<number> {
  const { envelope, aesKey, iv } = await encryptRequest({ version: '3.0', action: 'INIT', flow_token: 't' }, await loadPublicKey(keys.publicKeyPem));
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(envelope));
  });
  return ((await decryptResponse(text, aesKey, iv)) as { data: { pid: number } }).data.pid;
}

describe('serveFlowEndpoint', () => {
  it('serves the endpoint from this process by default, on an ephemeral port of 127.0.0.1', async () => {
    const served = await serveFlowEndpoint({ privateKey: keys.privateKeyPem, handlers, logger });
    try {
      expect(served.role).toBe('single');
      expect(served.url).toBe(`http://127.0.0.1:${served.port}/`);
      const client = await PlatformClient.create(served.url, keys.publicKeyPem);
      expect(await client.call({ version: '3.0', action: 'INIT', flow_token: 't' })).toEqual({ status: 200, body: { screen: 'WHO', data: { pid: process.pid } } });
    } finally {
      await served.close();
    }
    await expect(fetch(served.url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('drops a request whose body trickles in slower than requestTimeoutMs (WhatsApp waits 10 s)', async () => {
    const served = await serveFlowEndpoint({ privateKey: keys.privateKeyPem, handlers, logger, requestTimeoutMs: 400 });
    try {
      const { port } = new URL(served.url);
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const started = Date.now();
      // The headers promise 100 bytes; only a few ever come. Node's default would wait 300 s.
      socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"enc`);
      await new Promise((resolve) => socket.once('close', resolve));
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await served.close();
    }
  });

  it('rejects bad worker counts, ports and hosts with a clear error', async () => {
    const base = { privateKey: keys.privateKeyPem, handlers, logger };
    await expect(serveFlowEndpoint({ ...base, workers: 0 })).rejects.toThrow(/workers must be an integer from 1 to 256/);
    await expect(serveFlowEndpoint({ ...base, workers: 1.5 })).rejects.toThrow(/workers/);
    await expect(serveFlowEndpoint({ ...base, port: 70000 })).rejects.toThrow(/port must be an integer/);
    await expect(serveFlowEndpoint({ ...base, host: '' })).rejects.toThrow(/host must be/);
    await expect(serveFlowEndpoint({ ...base, requestTimeoutMs: 0 })).rejects.toThrow(/requestTimeoutMs must be a positive integer/);
    await expect(serveFlowEndpoint({ ...base, privateKey: '' })).rejects.toThrow(/privateKey must be the PEM text/);
  });

  it('spreads connections over worker processes with node:cluster, and stops them on close', async () => {
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
    const app = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'cluster-app.ts'), keyFile], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const { url, pids } = await new Promise<{ url: string; pids: number[] }>((resolve, reject) => {
        app.once('message', (m) => resolve(m as { url: string; pids: number[] }));
        app.once('exit', (code) => reject(new Error(`cluster app exited with ${code}`)));
      });
      expect(pids).toHaveLength(2);
      expect(pids).not.toContain(app.pid);
      // The primary hands connections out round-robin, so both workers answer.
      const seen = new Set<number>();
      for (let i = 0; i < 10 && seen.size < 2; i++) seen.add(await pidOnFreshConnection(url));
      expect([...seen].sort()).toEqual([...pids].sort());
      app.send('stop');
      await new Promise((resolve) => app.once('exit', resolve));
      for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (app.exitCode === null) app.kill();
    }
  }, 60_000);
});
