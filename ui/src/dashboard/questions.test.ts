import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerText, mediaFiles, mediaHref, questionsOf, summarize, toCsv } from './questions.js';

const feedback = JSON.parse(readFileSync(new URL('../../../examples/feedback-form.json', import.meta.url), 'utf8')) as unknown;

describe('questionsOf', () => {
  it('traces the feedback form completion back to its fields, across screens', () => {
    const qs = questionsOf(feedback);
    expect(qs.map((q) => q.key)).toEqual(['purchase_experience_rating', 'delivery_rating', 'customer_service_rating', 'would_recommend', 'how_to_do_better']);
    expect(qs[0]?.label).toBe('Purchase experience');
    expect(qs[0]?.options).toHaveLength(5);
    // would_recommend reaches the complete payload as ${data.would_recommend} from screen one's form.
    expect(qs[3]).toMatchObject({ label: 'Choose one:', options: [{ id: '1', title: 'Yes' }, { id: '0', title: 'No' }] });
    expect(qs[4]).toMatchObject({ label: 'Leave a comment' });
  });
});

describe('questionsOf with global references', () => {
  it('labels a key read from another screen\'s field (${screen.S.form.x})', () => {
    const claim = JSON.parse(readFileSync(new URL('../../../examples/claim/flow.json', import.meta.url), 'utf8')) as unknown;
    const photo = questionsOf(claim).find((q) => q.key === 'photo');
    expect(photo?.label).toBe('Damage photo');
  });
});

describe('summarize', () => {
  it('counts choices per option and collects texts', () => {
    const qs = questionsOf(feedback);
    const rows = [
      { would_recommend: '1', purchase_experience_rating: '5', how_to_do_better: 'faster' },
      { would_recommend: '0', purchase_experience_rating: '5' },
      { would_recommend: '1', extra: 'x' },
    ];
    const result = summarize(qs, rows);
    const recommend = result.find((r) => r.key === 'would_recommend');
    expect(recommend?.counts?.map((c) => c.count)).toEqual([2, 1]);
    const purchase = result.find((r) => r.key === 'purchase_experience_rating');
    expect(purchase?.answered).toBe(2);
    expect(purchase?.counts?.find((c) => c.id === '5')?.count).toBe(2);
    expect(result.find((r) => r.key === 'how_to_do_better')?.texts).toEqual(['faster']);
    expect(result.find((r) => r.key === 'extra')?.texts).toEqual(['x']);
  });
});

describe('toCsv', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ key: 'a', label: 'A' }], [{ wa_id: '491', completed_at: '2025-01-01T00:00:00.000Z', response_json: { flow_token: 'tok', a: 'x, "y"', b: '=SUM(1)' } }]);
    expect(csv).toBe('completed_at,wa_id,flow_token,a,b\r\n2025-01-01T00:00:00.000Z,491,tok,"x, ""y""",\'=SUM(1)\r\n');
  });
});

describe('media answers', () => {
  const photo = [{ file_name: 'damage.png', mime_type: 'image/png', sha256: 'q1w2', id: '1234567890' }];
  const two = [...photo, { file_name: 'receipt, final.pdf', mime_type: 'application/pdf', sha256: 'e3r4', id: '987' }];

  it('tells Cloud API media from other lists', () => {
    expect(mediaFiles(photo)).toEqual(photo);
    expect(mediaFiles([])).toBeUndefined();
    expect(mediaFiles(['a', 'b'])).toBeUndefined();
    expect(mediaFiles([{ file_name: 'x.png', id: '1' }])).toBeUndefined();
    expect(mediaHref('12/34')).toBe('/_sandbox/ui/media/12%2F34');
  });

  it('shows and exports media by file name, never as [object Object]', () => {
    expect(answerText(two)).toBe('damage.png; receipt, final.pdf');
    expect(summarize([], [{ photo: two }]).find((r) => r.key === 'photo')?.texts).toEqual(['damage.png; receipt, final.pdf']);
    const csv = toCsv([{ key: 'photo', label: 'Photo' }], [{ wa_id: '491', completed_at: null, response_json: { flow_token: 't', photo: two } }]);
    expect(csv).toBe('completed_at,wa_id,flow_token,photo\r\n,491,t,"damage.png; receipt, final.pdf"\r\n');
    expect(csv).not.toContain('object');
  });
});
