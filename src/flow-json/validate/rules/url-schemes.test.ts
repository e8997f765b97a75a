import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { buildModel } from '../model.js';
import { check, errors, flow, screen, terminalScreen } from '../test-helpers.js';
import type { Report } from '../rule.js';
import { urlSchemes } from './url-schemes.js';

const link = (url: string) => ({ type: 'EmbeddedLink', text: 'Read more', 'on-click-action': { name: 'open_url', url } });
const richText = (text: string | string[]) => flow('7.3', [terminalScreen('INFO', [{ type: 'RichText', text }])]);

describe('url-schemes', () => {
  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'intent://scan/#Intent;scheme=zxing;end',
    'tel:+4915112345678',
  ])('refuses open_url %s', (url) => {
    expect(check(flow('7.3', [terminalScreen('A', [link(url)])]))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/on-click-action/url']);
  });

  it('accepts https and warns about http', () => {
    expect(check(flow('7.3', [terminalScreen('A', [link('https://example.com/terms?x=1#top')])]))).toEqual([]);
    expect(check(flow('7.3', [terminalScreen('A', [link('http://example.com/terms')])]))).toEqual(['INSECURE_URL@/screens/0/layout/children/0/on-click-action/url']);
    const result = validateFlow(flow('7.3', [terminalScreen('A', [link('http://example.com/terms')])]));
    expect(result.valid).toBe(true);
  });

  it('reports with line and column when the flow is text, like every rule', () => {
    const text = JSON.stringify(flow('7.3', [terminalScreen('A', [link('javascript:alert(1)')])]), null, 2);
    const d = validateFlow(text).diagnostics.find((x) => x.code === 'INVALID_PROPERTY_VALUE_FORMAT');
    const line = text.split('\n').findIndex((l) => l.includes('"url": "javascript:alert(1)"')) + 1;
    expect(d?.range?.start).toEqual({ line, column: text.split('\n')[line - 1]!.indexOf('"javascript') + 1 });
    expect(d?.message).toContain("'javascript:'");
  });

  it('checks an OptIn read-more link and links inside If branches', () => {
    const optIn = { type: 'OptIn', name: 'terms', label: 'I agree', 'on-click-action': { name: 'open_url', url: 'javascript:void(0)' } };
    const branch = { type: 'If', condition: '${form.terms}', then: [link('javascript:alert(2)')], else: [link('https://example.com')] };
    const form = { type: 'Form', name: 'f', children: [optIn, branch, { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }] };
    const found = check(flow('7.3', [screen('A', [form], { terminal: true })])).filter((f) => f.endsWith('/url'));
    expect(found).toEqual([
      'INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/children/0/on-click-action/url',
      'INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/children/1/then/0/on-click-action/url',
    ]);
  });

  it('finds a scheme hidden by the characters a browser strips', () => {
    // Whichever check sees it (this rule or the uri format), the flow does not pass.
    for (const url of [' javascript:alert(1)', 'java\tscript:alert(1)', 'javascript\n:alert(1)']) {
      expect(validateFlow(flow('7.3', [terminalScreen('A', [link(url)])])).valid).toBe(false);
    }
  });

  it('leaves a value that is not a URL to the uri format check, reported once', () => {
    // errors(): 2.1 is also reported as a deprecated version, a warning.
    expect(errors(flow('2.1', [terminalScreen('A')], { data_channel_uri: 'placeholder_uri' }))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/data_channel_uri']);
    expect(errors(flow('2.1', [terminalScreen('A')], { data_channel_uri: 'javascript:alert(1)' }))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/data_channel_uri']);
    expect(errors(flow('2.1', [terminalScreen('A')], { data_channel_uri: 'https://example.com/flow' }))).toEqual([]);
  });

  it('checks markdown links and images in RichText, and in TextBody only with markdown: true', () => {
    expect(check(richText('Read the [terms](https://example.com/terms) and ![logo](data:image/png;base64,iVBORw0KGgo=)'))).toEqual([]);
    expect(check(richText('Click [here](javascript:alert(1))'))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/text']);
    expect(check(richText(['# Title', 'See [the site](www.example.com)']))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/text/1']);
    expect(check(richText('![x](https://example.com/track.png)'))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/text']);
    expect(check(richText('[old](http://example.com)'))).toEqual(['INSECURE_URL@/screens/0/layout/children/0/text']);
    const body = (markdown: boolean) => flow('7.3', [terminalScreen('A', [{ type: 'TextBody', text: '[x](javascript:alert(1))', markdown }])]);
    expect(check(body(true))).toEqual(['INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/text']);
    expect(check(body(false))).toEqual([]);
  });

  it('does not judge dynamic values', () => {
    expect(check(richText('${data.text}'))).not.toContain('INVALID_PROPERTY_VALUE_FORMAT@/screens/0/layout/children/0/text');
  });

  const corpus = join(import.meta.dirname, '../../../../../shared/corpus/flow-json-real/valid');
  it.skipIf(!existsSync(corpus))('finds nothing to say about any URL of the real flows Meta accepts', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    let urls = 0;
    for (const file of files) {
      const text = readFileSync(join(corpus, file), 'utf8');
      urls += (text.match(/"url"\s*:/g) ?? []).length;
      const { version } = validateFlow(text);
      expect(version, file).toBeDefined();
      // This rule alone: the corpus also trips other rules (their own issues), which must not
      // hide a finding of this one, and none of this rule's findings may be a warning either.
      const reports: Report[] = [];
      urlSchemes.check({ model: buildModel(JSON.parse(text) as Record<string, unknown>, version!), report: (r) => reports.push(r) });
      expect(reports, file).toEqual([]);
    }
    expect(urls).toBeGreaterThan(0); // the corpus does exercise open_url
  });
});
