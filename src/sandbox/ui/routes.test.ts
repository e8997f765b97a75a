import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../server.js';
import type { Sandbox } from '../server.js';
import { contentTypeOf, serveAsset } from './static.js';

const dist = mkdtempSync(join(tmpdir(), 'waflow-ui-dist-'));
const INDEX = '<!doctype html><title>app</title><div id="app"></div>';
let sandbox: Sandbox;
let empty: Sandbox;

const get = (s: Sandbox, path: string, headers: Record<string, string> = {}): Promise<Response> => s.fetch(new Request(`http://sandbox.test${path}`, { headers }));

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(dist, 'secret.txt'), 'outside assets');
  sandbox = await createSandbox({ dataDir: 'memory://', listen: false, templateApprovalDelayMs: -1, uiDistDir: dist });
  empty = await createSandbox({ dataDir: 'memory://', listen: false, templateApprovalDelayMs: -1, uiDistDir: join(dist, 'missing') });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await empty?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving the built app', () => {
  it('answers / and each app page with index.html', async () => {
    for (const path of ['/', '/builder', '/gallery', '/inbox', '/dashboard']) {
      const res = await get(sandbox, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets with their type and a long cache', async () => {
    const res = await get(sandbox, '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('never reads outside the assets folder', async () => {
    expect((await get(sandbox, '/assets/missing.js')).status).toBe(404);
    expect((await get(sandbox, '/assets/..%2Fsecret.txt')).status).toBe(404);
    // A name the router decoded is checked again, whatever reached it.
    expect((await serveAsset(dist, 'assets', '..')).status).toBe(404);
    expect((await serveAsset(dist, 'assets', '../secret.txt')).status).toBe(404);
  });

  it('says how to build the app when ui/dist is missing', async () => {
    const res = await get(empty, '/builder');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:ui');
  });

  it('knows the content types the build emits', () => {
    expect(contentTypeOf('a.css')).toContain('text/css');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });
});

describe('the app routes', () => {
  it('hands out no API key: the app page sets an HttpOnly, SameSite=Strict session cookie the API accepts', async () => {
    const config = (await (await get(sandbox, '/_sandbox/ui/config')).json()) as Record<string, unknown>;
    expect(config).not.toHaveProperty('api_key');
    expect(JSON.stringify(config)).not.toMatch(/sbx_/);
    expect(config.business_number).toBe(sandbox.businessPhone.number);

    const setCookie = (await get(sandbox, '/builder')).headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await get(sandbox, '/cloud/v1/configs/templates', { cookie })).status).toBe(200);
    expect((await get(sandbox, '/cloud/v1/configs/templates', { cookie: `${cookie.split('=')[0]}=forged` })).status).toBe(401);
    expect((await get(sandbox, '/cloud/v1/configs/templates')).status).toBe(401);
    // On Graph paths the session's key travels as the bearer access token; the app reads the ids from its config.
    const flows = `/graph/v24.0/${String(config.waba_id)}/flows`;
    expect(config.waba_id).toBe(sandbox.businessPhone.wabaId);
    expect((await get(sandbox, flows, { cookie })).status).toBe(200);
    expect((await get(sandbox, flows, { cookie: `${cookie.split('=')[0]}=forged` })).status).toBe(401);
    expect((await get(sandbox, flows)).status).toBe(401);
    // The same cookie on every page of the app: one session per sandbox.
    expect((await get(sandbox, '/')).headers.get('set-cookie')?.split(';')[0]).toBe(cookie);
  });

  it('lists simulated phones and answers 404 for responses of an unknown flow', async () => {
    await sandbox.fetch(new Request('http://sandbox.test/_sandbox/phones', { method: 'POST', body: JSON.stringify({ wa_id: '4915100000001', name: 'Ana' }) }));
    const phones = (await (await get(sandbox, '/_sandbox/ui/phones')).json()) as { data: { wa_id: string; name: string | null }[] };
    expect(phones.data).toContainEqual(expect.objectContaining({ wa_id: '4915100000001', name: 'Ana' }));
    expect(phones.data.some((p) => p.wa_id === sandbox.businessPhone.number)).toBe(false);
    const res = await get(sandbox, '/_sandbox/ui/flows/999/responses');
    expect(res.status).toBe(404);
    const sessions = (await (await get(sandbox, '/_sandbox/ui/sessions?wa_id=4915100000001')).json()) as { data: unknown[] };
    expect(sessions.data).toEqual([]);
  });
});
