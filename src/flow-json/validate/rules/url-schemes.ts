import { childPointer } from '../../diagnostics.js';
import type { Report, Rule } from '../rule.js';

/**
 * Addresses a flow hands to the phone must be web addresses.
 *
 * Reading of the spec (../shared/spec/flow-json.md §6, Meta's Flow JSON page): `open_url` "opens
 * in the device browser" and its only documented shape is `"url": "https://…"`; RichText (and
 * TextBody/TextCaption with `markdown: true`) renders `[text](url)` links the same way, and its
 * inline images are base64 `data:` URIs only ("no external URLs"); `data_channel_uri` is the
 * flow's endpoint. None of them has a use for `javascript:`, `data:` (outside images), `file:`,
 * `intent:` or any other scheme, and a `javascript:` link is a script injection wherever a flow
 * is rendered as a web page (the builder's preview, the sandbox's phone). So:
 *   - `https:` is accepted;
 *   - `http:` is a warning: a browser opens it, and Meta's docs do not say it is refused, but it
 *     is sent in the clear (Meta requires HTTPS for endpoints);
 *   - every other scheme is an error, with Meta's code for a value in the wrong format.
 * A value that is not an absolute URL at all is left to the catalogue's `uri` format check, so
 * the same problem is not reported twice; markdown targets have no such check and get it here.
 * Values holding `${...}` are resolved at run time and cannot be judged statically.
 */

export const URL_FORMAT = 'INVALID_PROPERTY_VALUE_FORMAT';
export const INSECURE_URL = 'INSECURE_URL';

const MARKDOWN_TEXT_TYPES = new Set(['RichText', 'TextBody', 'TextCaption']);

/** `[label](target)` and `![alt](target)`, as the phone's renderer reads them (no nesting). */
const MARKDOWN_LINK = /(!?)\[[^\]\n]*\]\(([^)\n]*)\)/g;

/** The inline image sources the spec lists: base64 PNG, JPEG and WebP. */
const DATA_IMAGE = /^data:image\/(png|jpe?g|webp);base64,/i;

type Where = 'open_url' | 'data_channel_uri' | 'link' | 'image';

/** The scheme a browser would use (lower case, with the colon), or undefined if `value` is not an absolute URL. */
function schemeOf(value: string): string | undefined {
  // Same test as the catalogue's `uri` format, so a value is judged by one check or the other.
  // The protocol is the WHATWG parser's, which is what a browser applies.
  return URL.canParse(value) && /^[a-z][a-z0-9+.-]*:/i.test(value) ? new URL(value).protocol : undefined;
}

function label(where: Where): string {
  switch (where) {
    case 'open_url': return "open_url 'url'";
    case 'data_channel_uri': return 'data_channel_uri';
    case 'link': return 'the link target';
    case 'image': return 'the image source';
  }
}

function checkUrl(value: string, where: Where, pointer: string): Report | undefined {
  if (value.includes('${')) return undefined;
  if (where === 'image') {
    if (DATA_IMAGE.test(value.trim())) return undefined;
    return {
      code: URL_FORMAT, pointer,
      message: `Markdown images must be inline base64 data (data:image/png;base64,…, also jpeg or webp); '${preview(value)}' is not. External image URLs are not supported.`,
    };
  }
  const scheme = schemeOf(value);
  if (scheme === undefined) {
    if (where !== 'link') return undefined; // the catalogue's uri format check reports it
    return { code: URL_FORMAT, pointer, message: `The link target '${preview(value)}' is not an absolute URL; write it as https://…` };
  }
  if (scheme === 'https:') return undefined;
  if (scheme === 'http:') {
    return { code: INSECURE_URL, severity: 'warning', pointer, message: `Property ${label(where)} uses http://, which is sent unencrypted; use https://.` };
  }
  return {
    code: URL_FORMAT, pointer,
    message: `Property ${label(where)} must be an https:// URL that WhatsApp can open in the browser; the scheme '${preview(scheme)}' is not allowed.`,
  };
}

/** A value as quoted in a message: short, and a base64 image does not fill the screen. */
function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

function checkMarkdown(text: string, pointer: string, report: (r: Report) => void): void {
  if (!text.includes('](') || text.includes('${')) return;
  for (const match of text.matchAll(MARKDOWN_LINK)) {
    // CommonMark allows `<target>` and a trailing "title"; the address is the first word.
    const target = (match[2] ?? '').trim().replace(/^<(.*)>$/, '$1').split(/\s+/)[0] ?? '';
    const found = checkUrl(target, match[1] === '!' ? 'image' : 'link', pointer);
    if (found) report(found);
  }
}

export const urlSchemes: Rule = {
  id: 'url-schemes',
  codes: [URL_FORMAT, INSECURE_URL],
  description: 'open_url, markdown links and data_channel_uri must be web (https) addresses; markdown images must be base64 data.',
  check({ model, report }) {
    const emit = (r: Report | undefined): void => {
      if (r) report(r);
    };
    const channel = model.root['data_channel_uri'];
    if (typeof channel === 'string') emit(checkUrl(channel, 'data_channel_uri', '/data_channel_uri'));
    for (const screen of model.screens) {
      for (const action of screen.actions) {
        const url = action.value['url'];
        if (action.name === 'open_url' && typeof url === 'string') emit(checkUrl(url, 'open_url', childPointer(action.pointer, 'url')));
      }
      for (const component of screen.components) {
        if (!MARKDOWN_TEXT_TYPES.has(component.type)) continue;
        if (component.type !== 'RichText' && component.value['markdown'] !== true) continue;
        const text = component.value['text'];
        const at = childPointer(component.pointer, 'text');
        if (typeof text === 'string') checkMarkdown(text, at, report);
        else if (Array.isArray(text)) text.forEach((line, i) => typeof line === 'string' && checkMarkdown(line, childPointer(at, i), report));
      }
    }
  },
};
