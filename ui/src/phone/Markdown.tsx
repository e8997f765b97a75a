// Renders the parsed Markdown tree as elements (links open through the driver's host, not here).
import type { ComponentChildren } from 'preact';
import { parseInline, parseMarkdown } from './markdown.js';
import type { Inline } from './markdown.js';

function inline(nodes: readonly Inline[]): ComponentChildren {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return n.text;
      case 'bold':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'italic':
        return <em key={i}>{inline(n.children)}</em>;
      case 'strike':
        return <s key={i}>{inline(n.children)}</s>;
      case 'link':
        // Only web links become anchors: a `javascript:` target in an unvalidated flow would run
        // in the sandbox's page. Anything else shows as its text, as WhatsApp refuses to open it.
        if (!/^https?:\/\//i.test(n.href)) return <span key={i} class="wa-link">{inline(n.children)}</span>;
        return (
          <a key={i} class="wa-link" href={n.href} target="_blank" rel="noreferrer noopener">
            {inline(n.children)}
          </a>
        );
    }
  });
}

export function InlineMarkdown({ text }: { text: string }) {
  return <>{inline(parseInline(text))}</>;
}

export function RichText({ text }: { text: string | readonly string[] }) {
  return (
    <div class="wa-richtext">
      {parseMarkdown(text).map((b, i) => {
        if (b.kind === 'heading') return b.level === 1 ? <h2 key={i}>{inline(b.children)}</h2> : <h3 key={i}>{inline(b.children)}</h3>;
        if (b.kind === 'paragraph') return <p key={i}>{inline(b.children)}</p>;
        const items = b.items.map((item, j) => <li key={j}>{inline(item)}</li>);
        return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      })}
    </div>
  );
}
