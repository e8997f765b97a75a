import { describe, expect, it } from 'vitest';
import { FlowMediaError } from './errors.js';
import { mediaErrors } from './media-errors.js';

describe('mediaErrors', () => {
  it('builds { media_id: message } from ids, items, results and errors, skipping accepted files', () => {
    const error = new FlowMediaError('hmac', { mediaId: 'e-4' });
    const out = mediaErrors([
      ['id-1', 'Too blurry'],
      [{ media_id: 'item-2' }, undefined],
      [{ mediaId: 'decrypted-3' }, 'Wrong document'],
      [error, 'Upload it again'],
    ]);
    expect(out).toEqual({ 'id-1': 'Too blurry', 'decrypted-3': 'Wrong document', 'e-4': 'Upload it again' });
  });

  it('takes a record and a Map', () => {
    expect(mediaErrors({ a: 'No', b: undefined })).toEqual({ a: 'No' });
    expect(mediaErrors(new Map([['c', 'No']]))).toEqual({ c: 'No' });
  });

  it('refuses an entry without a media id or with an empty message', () => {
    expect(() => mediaErrors([[new FlowMediaError('metadata', {}), 'x']])).toThrow('entry 0 names no media id');
    expect(() => mediaErrors([['id', '  ']])).toThrow('the message for media id must be non-empty text');
  });
});
