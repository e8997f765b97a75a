// Picking files on a simulated phone (POST /_sandbox/sessions/:id/pick): the picker's limits, the
// encrypted upload to the sandbox CDN as the data_exchange item, and the response message's media
// downloaded through the Cloud API media endpoints on waba-v2 and Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError, ApiError } from '../../api/index.js';
import type { ApiClient } from '../../api/index.js';
import { DEFAULT_GRAPH_VERSION } from '../../api/contract/dialects.js';
import { FlowMediaError, decryptFlowMedia } from '../../media/index.js';
import type { FlowMediaItem } from '../../media/index.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** DOCS (a DocumentPicker: PDFs of at most 1 KiB, two at most) → PHOTO (one photo, sent in the response message). */
const FLOW = {
  version: '7.3',
  screens: [
    {
      id: 'DOCS',
      title: 'Documents',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'DocumentPicker', name: 'docs', label: 'Your receipts', 'min-uploaded-documents': 1, 'max-uploaded-documents': 2, 'max-file-size-kb': 1, 'allowed-mime-types': ['application/pdf'] },
          { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'PHOTO' }, payload: {} } },
        ],
      },
    },
    {
      id: 'PHOTO',
      title: 'Photo',
      terminal: true,
      success: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'PhotoPicker', name: 'photo', label: 'A photo', 'max-uploaded-photos': 1 },
          { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload: { photo: '${form.photo}' } } },
        ],
      },
    },
  ],
};

const WA_ID = '4915120000077';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 300 }, (_, i) => (i * 7) % 256)]);
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

let t: ApiTestSandbox;
let cloud: ApiClient;
let flowId: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(path.startsWith('http') ? path : `${t.sandbox.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: res.headers };
}

let tokens = 0;
async function openSession(api: ApiClient = cloud): Promise<string> {
  tokens += 1;
  const sent = await api.messages.sendFlow({ to: WA_ID, body: 'Send us your files', flowId, flowCta: 'Upload', flowToken: `pick-${tokens}`, mode: 'draft', flowAction: 'navigate', flowActionPayload: { screen: 'DOCS' } });
  const opened = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(sent.messages[0]?.id ?? '')}/open`);
  expect(opened.status).toBe(201);
  return opened.body.session_id as string;
}

const pick = (session: string, name: string, files: { file_name: string; mime_type?: string; bytes: Uint8Array }[]) =>
  call('POST', `/_sandbox/sessions/${session}/pick`, { name, files: files.map((f) => ({ file_name: f.file_name, ...(f.mime_type === undefined ? {} : { mime_type: f.mime_type }), data_base64: b64(f.bytes) })) });

beforeAll(async () => {
  t = await startApiSandbox('pglite');
  cloud = t.client('cloud');
  flowId = (await cloud.flows.create({ name: 'pick_test', categories: ['OTHER'] })).id;
  const upload = await cloud.flows.uploadJson(flowId, FLOW);
  expect(upload.validationErrors ?? []).toEqual([]);
  await call('POST', '/_sandbox/phones', { wa_id: WA_ID, name: 'Pia' });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

describe('the picker limits', () => {
  it('refuses too many, too large and the wrong type, with the phone message under the field, and keeps the files', async () => {
    const id = await openSession();
    const tooMany = await pick(id, 'docs', [1, 2, 3].map((n) => ({ file_name: `r${n}.pdf`, bytes: PDF })));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.reason).toBe('Add up to 2 documents: 3 picked (max-uploaded-documents)');
    expect(tooMany.body.session.media.docs).toEqual({ type: 'DocumentPicker', files: [], refused: tooMany.body.reason });

    const big = await pick(id, 'docs', [{ file_name: 'big.pdf', bytes: new Uint8Array([...PDF, ...new Uint8Array(1024)]) }]);
    expect(big.status).toBe(422);
    expect(big.body.reason).toBe('big.pdf is 1.05 KB; files must be at most 1 KB (max-file-size-kb 1)');

    const png = await pick(id, 'docs', [{ file_name: 'scan.png', bytes: PNG }]);
    expect(png.status).toBe(422);
    expect(png.body.reason).toBe('scan.png is image/png; this picker takes application/pdf');

    // A declared type wins over the bytes (the chooser's word), as does the sniffed one without it.
    const declared = await pick(id, 'docs', [{ file_name: 'notes.txt', mime_type: 'text/plain', bytes: PDF }]);
    expect(declared.body.reason).toBe('notes.txt is text/plain; this picker takes application/pdf');

    const ok = await pick(id, 'docs', [{ file_name: 'r1.pdf', bytes: PDF }]);
    expect(ok.status).toBe(200);
    const again = await pick(id, 'docs', [{ file_name: 'r2.pdf', bytes: PDF }, { file_name: 'r3.pdf', bytes: PDF }]);
    expect(again.body.reason).toBe('Add up to 2 documents: 1 already added, 2 picked (max-uploaded-documents)');
    expect(again.body.session.form.docs).toHaveLength(1);
    // replace: the new files instead of the old ones
    const swap = await call('POST', `/_sandbox/sessions/${id}/pick`, { name: 'docs', replace: true, files: [{ file_name: 'r2.pdf', data_base64: b64(PDF) }, { file_name: 'r3.pdf', data_base64: b64(PDF) }] });
    expect(swap.status).toBe(200);
    expect((swap.body.session.form.docs as FlowMediaItem[]).map((f) => f.file_name)).toEqual(['r2.pdf', 'r3.pdf']);
    expect(swap.body.session.media.docs.refused).toBeUndefined();
  });

  it('takes parallel picks one at a time: the count holds and no accepted file is dropped', async () => {
    const id = await openSession();
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => pick(id, 'docs', [{ file_name: `p${n}.pdf`, bytes: PDF }])));
    const accepted = answers.filter((a) => a.status === 200);
    expect(accepted).toHaveLength(2);
    expect(answers.filter((a) => a.status === 422).map((a) => a.body.reason as string)).toEqual(Array(4).fill('Add up to 2 documents: 2 already added, 1 picked (max-uploaded-documents)'));
    const state = await call('GET', `/_sandbox/sessions/${id}`);
    const held = (state.body.session.form.docs as FlowMediaItem[]).map((f) => f.media_id).sort();
    expect(held).toEqual(accepted.map((a) => (a.body.media as FlowMediaItem[])[0]?.media_id).sort());
  });

  it('answers bad requests plainly', async () => {
    const id = await openSession();
    expect((await pick(id, 'nope', [{ file_name: 'a.pdf', bytes: PDF }])).body.error).toMatchObject({ code: 'NOT_FOUND', message: 'screen DOCS has no field named "nope"' });
    expect((await pick(id, 'photo', [{ file_name: 'a.png', bytes: PNG }])).status).toBe(404); // on the next screen
    expect((await call('POST', `/_sandbox/sessions/${id}/pick`, { name: 'docs', files: [{ file_name: 'a.pdf', data_base64: '%%%' }] })).body.error.message).toBe("files[0].data_base64 must be the file's bytes in standard base64");
    expect((await call('POST', `/_sandbox/sessions/${id}/pick`, { name: 'docs', files: [] })).body.error.message).toBe('pick at least one file');
    expect((await call('POST', '/_sandbox/sessions/ps_nope/pick', { name: 'docs', files: [] })).status).toBe(404);
  });

  it('has no pickers on an On-Premise number (media upload is Cloud API only)', async () => {
    const id = await openSession(t.client('on-premise'));
    const res = await pick(id, 'docs', [{ file_name: 'a.pdf', bytes: PDF }]);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/not supported by the On-Premise API client/);
  });
});

describe('a picked file', () => {
  it('is encrypted with fresh keys, its ciphertext on the sandbox CDN (no key, an unguessable URL), and decrypts to the bytes picked', async () => {
    const id = await openSession();
    const json = await pick(id, 'docs', [{ file_name: 'receipt.pdf', bytes: PDF }]);
    // The browser's way: a multipart form with a file input.
    const form = new FormData();
    form.append('name', 'docs');
    form.append('files', new Blob([PDF], { type: 'application/pdf' }), 'second.pdf');
    const multipart = await fetch(`${t.sandbox.url}/_sandbox/sessions/${id}/pick`, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);
    const items = ((await multipart.json()) as Json).session.form.docs as FlowMediaItem[];
    expect(items.map((i) => i.file_name)).toEqual(['receipt.pdf', 'second.pdf']);
    expect(json.body.media[0]).toEqual(items[0]);
    for (const item of items) {
      // Meta's data_exchange shape, nothing more.
      expect(Object.keys(item).sort()).toEqual(['cdn_url', 'encryption_metadata', 'file_name', 'media_id']);
      expect(item.cdn_url.startsWith(`${t.sandbox.url}/_sandbox/cdn/${item.media_id}?oh=`)).toBe(true);
      const cdn = await fetch(item.cdn_url);
      expect(cdn.status).toBe(200);
      const blob = new Uint8Array(await cdn.arrayBuffer());
      expect(Buffer.from(blob).includes(Buffer.from('%PDF'))).toBe(false);
      const opened = await decryptFlowMedia(item);
      expect(Buffer.from(opened.bytes).equals(Buffer.from(PDF))).toBe(true);
      expect(opened.mimeType).toBe('application/pdf');
    }
    expect(items[0]?.encryption_metadata.encryption_key).not.toBe(items[1]?.encryption_metadata.encryption_key);
    const first = items[0] as FlowMediaItem;
    expect((await fetch(first.cdn_url.replace(/oh=[^&]+/, 'oh=guess'))).status).toBe(404);
    expect((await fetch(first.cdn_url.split('?')[0] as string)).status).toBe(404);

    // A blob altered on the CDN fails the endpoint's first check.
    await t.sandbox.context.store.query(`UPDATE sandbox_media SET data = overlay(data placing '\\xff'::bytea from 5 for 1) WHERE id = $1`, [first.media_id]);
    const tampered = await decryptFlowMedia(first).catch((error: unknown) => error);
    expect(tampered).toBeInstanceOf(FlowMediaError);
    expect((tampered as FlowMediaError).check).toBe('encrypted_hash');
  });

  it('travels in the response message as Cloud API media, downloaded through GET /{media-id} on waba-v2 and Graph', async () => {
    const id = await openSession();
    await pick(id, 'docs', [{ file_name: 'receipt.pdf', bytes: PDF }]);
    expect((await call('POST', `/_sandbox/sessions/${id}/submit`, {})).body.session.screen.id).toBe('PHOTO');
    const notPhoto = await pick(id, 'photo', [{ file_name: 'receipt.pdf', bytes: PDF }]);
    expect(notPhoto.body.reason).toBe('receipt.pdf is not a photo (application/pdf); pick an image');
    // curl -F sends application/octet-stream, which says nothing: the bytes tell.
    const form = new FormData();
    form.append('name', 'photo');
    form.append('files', new Blob([PNG], { type: 'application/octet-stream' }), 'damage.png');
    const picked = { body: (await (await fetch(`${t.sandbox.url}/_sandbox/sessions/${id}/pick`, { method: 'POST', body: form })).json()) as Json };
    const upload = (picked.body.media as FlowMediaItem[])[0] as FlowMediaItem;
    expect(picked.body.session.media.photo.files).toEqual([{ media_id: upload.media_id, file_name: 'damage.png', mime_type: 'image/png', file_size: PNG.length }]);
    const done = await call('POST', `/_sandbox/sessions/${id}/submit`, {});
    expect(done.body.session.status).toBe('completed');
    // The finished session has left the phone's memory; picking there is still a conflict.
    const late = await pick(id, 'photo', [{ file_name: 'late.png', bytes: PNG }]);
    expect([late.status, late.body.error?.code]).toEqual([409, 'CONFLICT']);
    const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', PNG)).toString('base64');
    const [media] = done.body.session.completion.response_json.photo as { file_name: string; mime_type: string; sha256: string; id: string }[];
    expect(done.body.session.completion.response_json).toEqual({ flow_token: expect.any(String), photo: [{ file_name: 'damage.png', mime_type: 'image/png', sha256, id: expect.stringMatching(/^\d+$/) }] });
    const mediaId = media?.id as string;
    expect(mediaId).not.toBe(upload.media_id);
    // The nfm_reply the business receives says the same.
    const reply = await t.sandbox.context.store.query<{ payload: Json }>('SELECT payload FROM messages WHERE id = $1', [done.body.session.completion.reply_message_id]);
    expect(JSON.parse(reply[0]?.payload.interactive.nfm_reply.response_json as string)).toEqual(done.body.session.completion.response_json);

    for (const client of [cloud, t.clientFor('meta')]) {
      const info = await client.media!.get(mediaId);
      expect(info).toMatchObject({ id: mediaId, mimeType: 'image/png', sha256, fileSize: PNG.length, messagingProduct: 'whatsapp' });
      expect(info.url.startsWith(`${t.sandbox.url}/whatsapp_business/attachments/?mid=${mediaId}&ext=`)).toBe(true);
      const file = await client.media!.download(mediaId);
      expect(Buffer.from(file.bytes).equals(Buffer.from(PNG))).toBe(true);
    }

    // The wire, as a hand-written client sees it.
    const cloudGet = await call('GET', `/cloud/${mediaId}`, undefined, { 'D360-API-KEY': t.apiKey });
    expect(cloudGet.body).toEqual({ messaging_product: 'whatsapp', url: expect.any(String), mime_type: 'image/png', sha256, file_size: PNG.length, id: mediaId });
    const graphGet = await call('GET', `/graph/${DEFAULT_GRAPH_VERSION}/${mediaId}`, undefined, { authorization: `Bearer ${t.meta.accessToken}` });
    expect(graphGet.body).toMatchObject({ id: mediaId, mime_type: 'image/png' });
    const url = cloudGet.body.url as string;
    expect((await fetch(url)).status).toBe(401);
    const viaBearer = await fetch(url, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(viaBearer.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await viaBearer.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);
    const viaD360 = await fetch(`${t.sandbox.url}/cloud${new URL(url).pathname}${new URL(url).search}`, { headers: { 'D360-API-KEY': t.apiKey } });
    expect(viaD360.status).toBe(200);
    expect((await call('GET', url.replace(/hash=[^&]+/, 'hash=forged'), undefined, { 'D360-API-KEY': t.apiKey })).status).toBe(404);

    // Without a key; an upload's id (it stays on the CDN); not a media id at all.
    expect((await call('GET', `/cloud/${mediaId}`)).status).toBe(401);
    const uploadGet = await call('GET', `/cloud/${upload.media_id}`, undefined, { 'D360-API-KEY': t.apiKey });
    expect(uploadGet.status).toBe(400);
    expect(uploadGet.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await call('GET', '/cloud/nope')).status).toBe(404);
    const wrongMethod = await call('GET', '/cloud/messages', undefined, { 'D360-API-KEY': t.apiKey });
    expect(wrongMethod.status).toBe(405);
    // A flow id on Graph is still a flow.
    expect((await call('GET', `/graph/${DEFAULT_GRAPH_VERSION}/${flowId}`, undefined, { authorization: `Bearer ${t.meta.accessToken}` })).body).toMatchObject({ id: flowId, name: 'pick_test' });
  });

  it('is not on the Partner API or On-Premise: the client says where media is', async () => {
    const partner = t.clientFor('360dialog-partner');
    await expect(partner.media!.get('123')).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    const onPremise = t.client('on-premise');
    const refused = await onPremise.media!.download('123').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiClientError);
    expect((refused as ApiClientError).message).toBe("media.download is not on the 360dialog On-Premise API (legacy); use hostingType 'cloud' (a Cloud API number), or provider 'meta'.");
    const unknown = await cloud.media!.get('9999999999999999').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(ApiError);
    expect((unknown as ApiError).status).toBe(400);
  });
});
