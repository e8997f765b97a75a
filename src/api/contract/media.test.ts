import { describe, expect, it } from 'vitest';
import { downloadMedia, getMedia, matchOperation } from './index.js';
import { describeWire } from './table.js';

describe('the media operations', () => {
  it('read a numeric media id on waba-v2 and Graph; anything else is not a media path', () => {
    expect(matchOperation('GET', '/1037543291543636', 'cloud')).toMatchObject({ operation: { id: 'media.get' }, params: { mediaId: '1037543291543636' } });
    expect(matchOperation('GET', '/flows', 'cloud')).toBeUndefined();
    expect(matchOperation('GET', '/1037543291543636', 'on-premise')).toBeUndefined();
    // Graph shares GET /{id} with flows.get: the platform (and the sandbox) resolve the node by its id.
    expect(matchOperation('GET', '/1037543291543636', 'meta')?.operation.id).toBe('flows.get');
    expect(getMedia.validate({ params: { mediaId: '12' }, query: { phone_number_id: 'x' }, body: undefined }, 'cloud')).toMatchObject([{ path: 'query.phone_number_id', kind: 'invalid' }]);
  });

  it("download is waba-v2's path for the URL media.get answers, with its signed query", () => {
    expect(matchOperation('GET', '/whatsapp_business/attachments/', 'cloud')?.operation.id).toBe('media.download');
    expect(downloadMedia.validate({ params: {}, query: { mid: '1', ext: '2' }, body: undefined }, 'cloud')).toEqual([
      { path: 'query.hash', kind: 'missing', message: 'query.hash is required: use the URL media.get answered, as it is.' },
    ]);
    expect(describeWire(downloadMedia, 'cloud')).toBe('`GET /whatsapp_business/attachments/?mid=…&ext=…&hash=…`');
    expect(describeWire(downloadMedia, 'meta')).toBeUndefined();
  });
});
