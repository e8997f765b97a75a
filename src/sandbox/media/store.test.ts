// The media rows keep every byte on both backends (bytea through PGlite and node-postgres), and go
// with their business phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOOK_TIMEOUT, TEST_BACKENDS, openTestStore } from '../../store/test-kit.js';
import type { TestStore } from '../../store/test-kit.js';
import { ensureBusinessPhone } from '../account.js';
import { findMedia, insertMedia, mediaData } from './store.js';

describe.each(TEST_BACKENDS)('sandbox_media on %s', (kind) => {
  let t: TestStore;
  let phoneId: string;

  beforeAll(async () => {
    t = await openTestStore(kind, undefined, { migrated: true });
    phoneId = (await ensureBusinessPhone(t.store, '15550009999', 'cloud')).id;
  }, STORE_HOOK_TIMEOUT);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('stores every byte value and reads it back as it was', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31 + (i >> 8)) % 256);
    const at = new Date('2025-03-01T10:00:00Z');
    const upload = await insertMedia(t.store, { businessPhoneId: phoneId, kind: 'upload', fileName: 'r.pdf', mimeType: 'application/pdf', fileSize: 10, sha256: 'x', data: bytes, at });
    expect(upload).toMatchObject({ id: expect.stringMatching(/^\d{16}$/), kind: 'upload', cdnToken: expect.stringMatching(/^[\w-]{32}$/), createdAt: at });
    const back = await mediaData(t.store, upload.id);
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back as Uint8Array).equals(Buffer.from(bytes))).toBe(true);

    const message = await insertMedia(t.store, { businessPhoneId: phoneId, kind: 'message', fileName: 'r.pdf', mimeType: 'application/pdf', fileSize: 3, sha256: 'y', data: new Uint8Array([0, 255, 0]), sourceId: upload.id, at });
    expect(message.cdnToken).toBeUndefined();
    expect(await findMedia(t.store, message.id)).toEqual(message);
    expect(await findMedia(t.store, '1')).toBeUndefined();

    await t.store.query('DELETE FROM phones WHERE id = $1', [phoneId]);
    expect(await findMedia(t.store, upload.id)).toBeUndefined();
  });
});
