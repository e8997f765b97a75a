import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/errors.js';
import type { MediaApi } from '../api/client/types.js';
import { downloadFlowCompletionMedia, flowResponseMedia } from './media.js';

const PHOTO = new Uint8Array([1, 2, 3, 4]);
const base64 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');
const hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A client whose media API serves `files` by id and records what was asked. */
function fakeClient(files: Record<string, Uint8Array>): { media: MediaApi; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    media: {
      get: () => Promise.reject(new Error('not used')),
      download: async (id) => {
        asked.push(id);
        const bytes = files[id];
        if (bytes === undefined) throw new Error(`no media ${id}`);
        return { id, mimeType: 'image/jpeg', sha256: base64(bytes), fileSize: bytes.length, bytes };
      },
    },
  };
}

describe('flowResponseMedia', () => {
  it('finds the picker fields of response_json, and nothing else', () => {
    const response = {
      flow_token: 't',
      photo: [{ file_name: 'a.jpg', mime_type: 'image/jpeg', sha256: base64(PHOTO), id: '11' }],
      docs: [
        { file_name: 'r.pdf', mime_type: 'application/pdf', sha256: 'abc', id: '12' },
        { file_name: 's.pdf', mime_type: 'application/pdf', sha256: 'def', id: '13' },
      ],
      tags: ['a', 'b'],
      mixed: [{ id: '14', sha256: 'x', mime_type: 'image/png' }, { name: 'not media' }],
      empty: [],
    };
    expect(flowResponseMedia(response).map((m) => [m.field, m.index, m.id, m.fileName])).toEqual([
      ['photo', 0, '11', 'a.jpg'],
      ['docs', 0, '12', 'r.pdf'],
      ['docs', 1, '13', 's.pdf'],
    ]);
  });
});

describe('downloadFlowCompletionMedia', () => {
  it('downloads each file through the client and checks it against the sha256 of the response message (base64 or hex)', async () => {
    const other = new Uint8Array([9, 9]);
    const client = fakeClient({ '11': PHOTO, '12': other });
    const files = await downloadFlowCompletionMedia(
      { response: { photo: [{ file_name: 'a.jpg', mime_type: 'image/jpeg', sha256: base64(PHOTO), id: '11' }], doc: [{ file_name: 'b.pdf', mime_type: 'application/pdf', sha256: hex(other), id: '12' }] } },
      client,
    );
    expect(files.map((f) => [f.field, f.id, Array.from(f.bytes)])).toEqual([
      ['photo', '11', [1, 2, 3, 4]],
      ['doc', '12', [9, 9]],
    ]);
    expect(await downloadFlowCompletionMedia({ response: { flow_token: 't' } }, {})).toEqual([]);
  });

  it('refuses a file that is not the one the message describes', async () => {
    const client = fakeClient({ '11': new Uint8Array([0]) });
    const error = await downloadFlowCompletionMedia({ response: { photo: [{ file_name: 'a.jpg', mime_type: 'image/jpeg', sha256: base64(PHOTO), id: '11' }] } }, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect((error as ApiClientError).message).toBe('media 11 (a.jpg, photo[0]) does not match the sha256 of the response message.');
    await expect(downloadFlowCompletionMedia({ response: { photo: [{ file_name: 'a.jpg', mime_type: 'image/jpeg', sha256: 'x', id: '11' }] } }, {})).rejects.toThrow(/needs a client with a media API/);
  });
});
