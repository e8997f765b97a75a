// GET /_sandbox/ui/media/:id: a completion's file for the dashboard, to the app's pages only, and
// never as something that runs in the app's origin.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth.js';
import { insertMedia } from '../media/index.js';
import type { MediaKind } from '../media/index.js';
import { createSandbox } from '../server.js';
import type { Sandbox } from '../server.js';
import { contentDisposition } from './media.js';

const dist = mkdtempSync(join(tmpdir(), 'waflow-ui-media-'));
let sandbox: Sandbox;
let cookie: string;

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => sandbox.fetch(new Request(`http://sandbox.test${path}`, { headers }));

async function stored(fileName: string, mimeType: string, data: Uint8Array, kind: MediaKind = 'message', phoneId = sandbox.businessPhone.id): Promise<string> {
  const media = await insertMedia(sandbox.context.store, {
    businessPhoneId: phoneId,
    kind,
    fileName,
    mimeType,
    fileSize: data.byteLength,
    sha256: createHash('sha256').update(data).digest('base64'),
    data,
    at: new Date(),
  });
  return media.id;
}

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  sandbox = await createSandbox({ dataDir: 'memory://', listen: false, templateApprovalDelayMs: -1, uiDistDir: dist });
  cookie = ((await get('/dashboard')).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^waflow_ui_\d+=/);
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the app media route', () => {
  it('serves an image inline with its type, name and bytes, to the app page only', async () => {
    const id = await stored('damage photo.png', 'image/png', PNG);
    const res = await get(`/_sandbox/ui/media/${id}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="damage photo.png"; filename*=UTF-8''damage%20photo.png`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);

    // No cookie, a forged one, or an API key alone: not the app.
    expect((await get(`/_sandbox/ui/media/${id}`)).status).toBe(401);
    expect((await get(`/_sandbox/ui/media/${id}`, { cookie: `${cookie.split('=')[0]}=forged` })).status).toBe(401);
    const { key } = await createApiKey(sandbox.context.store, { name: 'test', phoneId: sandbox.businessPhone.id });
    expect((await get(`/_sandbox/ui/media/${id}`, { 'D360-API-KEY': key })).status).toBe(401);
  });

  it('hands documents and SVG out as attachments, never inline', async () => {
    const pdf = await get(`/_sandbox/ui/media/${await stored('Rechnung März.pdf', 'application/pdf', PDF)}`, { cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(PDF);

    const svg = await get(`/_sandbox/ui/media/${await stored('logo.svg', 'image/svg+xml', SVG)}`, { cookie });
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(svg.headers.get('x-content-type-options')).toBe('nosniff');

    // A stored type that is no plain type/subtype is served as bytes.
    const odd = await get(`/_sandbox/ui/media/${await stored('x.bin', 'text/html, image/png', PNG)}`, { cookie });
    expect(odd.headers.get('content-type')).toBe('application/octet-stream');
    expect(odd.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('answers 404 for picker uploads (ciphertext on the CDN), other numbers\' media and unknown ids', async () => {
    const upload = await stored('damage.png', 'image/png', PNG, 'upload');
    expect((await get(`/_sandbox/ui/media/${upload}`, { cookie })).status).toBe(404);
    const created = await sandbox.fetch(new Request('http://sandbox.test/_sandbox/phones', { method: 'POST', body: JSON.stringify({ wa_id: '4915100000077' }) }));
    expect(created.status).toBeLessThan(300);
    const rows = await sandbox.context.store.query<{ id: string }>(`SELECT id FROM phones WHERE number = '4915100000077'`);
    const other = await stored('theirs.png', 'image/png', PNG, 'message', rows[0]?.id);
    expect((await get(`/_sandbox/ui/media/${other}`, { cookie })).status).toBe(404);
    expect((await get('/_sandbox/ui/media/999999999', { cookie })).status).toBe(404);
    expect((await get('/_sandbox/ui/media/..%2Fetc', { cookie })).status).toBe(404);
  });

  it('names files for both old and new browsers', () => {
    expect(contentDisposition('attachment', 'a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
    expect(contentDisposition('inline', "it's (1).png")).toBe(`inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });
});
