import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.js';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs and both list kinds from an array of lines', () => {
    const blocks = parseMarkdown(['# Terms', 'Read **all** of it.', '', '- one', '- *two*', '1. first', '2. second', '## End']);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'heading']);
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: false });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
    expect(blocks[3]?.kind === 'list' ? blocks[3].items.length : 0).toBe(2);
    expect(blocks[4]).toMatchObject({ kind: 'heading', level: 2 });
  });

  it('joins consecutive lines into one paragraph', () => {
    expect(parseMarkdown('a\nb')).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: 'a b' }] }]);
  });
});

describe('parseInline', () => {
  it('nests bold, italic, strike and links', () => {
    expect(parseInline('**bold _it_** ~~gone~~ [site](https://x.test)')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'bold ' }, { kind: 'italic', children: [{ kind: 'text', text: 'it' }] }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'gone' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://x.test', children: [{ kind: 'text', text: 'site' }] },
    ]);
  });

  it('keeps an unclosed marker as text', () => {
    expect(parseInline('2 * 3 = 6')).toEqual([{ kind: 'text', text: '2 * 3 = 6' }]);
  });
});
