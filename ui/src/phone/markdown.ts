// The Markdown subset WhatsApp Flows render in RichText (and in TextBody/TextCaption with
// `markdown: true`): headings (# and ##), paragraphs, bulleted and numbered lists, **bold**,
// *italic*, ~~strikethrough~~ and [links](url). Parsed into a small tree, so rendering never
// goes through innerHTML.
// https://developers.facebook.com/docs/whatsapp/flows/reference/components#richtext

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const MARKERS: readonly { open: string; kind: 'bold' | 'italic' | 'strike' }[] = [
  { open: '**', kind: 'bold' },
  { open: '~~', kind: 'strike' },
  { open: '*', kind: 'italic' },
  { open: '_', kind: 'italic' },
];

/** Inline spans of one line. Unclosed markers stay as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf('](', i + 1);
      const end = close === -1 ? -1 : text.indexOf(')', close + 2);
      if (close !== -1 && end !== -1) {
        flush();
        out.push({ kind: 'link', href: text.slice(close + 2, end), children: parseInline(text.slice(i + 1, close)) });
        i = end + 1;
        continue;
      }
    }
    const marker = MARKERS.find((m) => text.startsWith(m.open, i));
    if (marker !== undefined) {
      const end = text.indexOf(marker.open, i + marker.open.length);
      if (end > i + marker.open.length) {
        flush();
        out.push({ kind: marker.kind, children: parseInline(text.slice(i + marker.open.length, end)) });
        i = end + marker.open.length;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  flush();
  return out;
}

/** Blocks of a RichText text (a string, or an array of lines as Flow JSON allows). */
export function parseMarkdown(source: string | readonly string[]): Block[] {
  const lines = (typeof source === 'string' ? source : source.join('\n')).split(/\r?\n/);
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | undefined;
  const endParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = (): void => {
    if (list !== undefined) blocks.push({ kind: 'list', ...list });
    list = undefined;
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      endParagraph();
      endList();
      continue;
    }
    const heading = /^(#{1,2})\s+(.*)$/.exec(line);
    if (heading !== null) {
      endParagraph();
      endList();
      blocks.push({ kind: 'heading', level: heading[1] === '#' ? 1 : 2, children: parseInline(heading[2] ?? '') });
      continue;
    }
    const bullet = /^[-+*]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item !== null) {
      endParagraph();
      const ordered = numbered !== null;
      if (list !== undefined && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(parseInline(item[1] ?? ''));
      continue;
    }
    endList();
    paragraph.push(line);
  }
  endParagraph();
  endList();
  return blocks;
}
