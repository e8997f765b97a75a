// The gallery's catalogue covers every flow file of examples/ (a new example shows up here as a
// failure until it has an entry), the cards' facts come from the documents, and the builder's
// `?gallery=` start picks the right text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GALLERY, flowNameOf, galleryEntry } from './entries.js';
import { builderHref, galleryStart } from './open.js';
import { summarizeFlow } from './summary.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));

/** The example folders whose endpoint flow the gallery shows. */
const FOLDER_FLOWS = ['booking/flow.json', 'claim/flow.json'];

/** The Flow JSON files the gallery must show: examples/*.json, gallery/*.json and the folders' flows. */
function flowFiles(): string[] {
  return [
    ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')),
    ...readdirSync(join(EXAMPLES, 'gallery')).filter((f) => f.endsWith('.json')).map((f) => `gallery/${f}`),
    ...FOLDER_FLOWS.filter((f) => existsSync(join(EXAMPLES, f))),
  ].sort();
}

describe('gallery entries', () => {
  it('list every flow file of examples/ once, with its text as written', () => {
    expect(GALLERY.map((e) => e.file).sort()).toEqual(flowFiles());
    expect(new Set(GALLERY.map((e) => e.id)).size).toBe(GALLERY.length);
    for (const e of GALLERY) expect(e.json, e.file).toBe(readFileSync(join(EXAMPLES, e.file), 'utf8'));
  });

  it("start with the seed's feedback form and hold every template of examples/gallery", () => {
    expect(GALLERY[0]).toMatchObject({ id: 'feedback-form', source: 'seed' });
    expect(GALLERY.filter((e) => e.source === 'template').map((e) => e.file).sort()).toEqual(flowFiles().filter((f) => f.startsWith('gallery/')));
    for (const e of GALLERY) expect(e.title.length * e.description.length * e.category.length, e.id).toBeGreaterThan(0);
  });

  it("summarise a flow: version, screens, and components in first-use order including a Form's children", () => {
    expect(summarizeFlow(galleryEntry('insurance-quote')?.json ?? '')).toEqual({
      version: '7.3',
      screens: 3,
      components: ['TextHeading', 'TextBody', 'Dropdown', 'TextInput', 'RadioButtonsGroup', 'OptIn'],
    });
    expect(summarizeFlow(galleryEntry('support-request')?.json ?? '').components).toEqual(['Form', 'TextInput', 'RadioButtonsGroup', 'TextArea', 'TextSubheading', 'Dropdown']);
    expect(summarizeFlow(galleryEntry('feedback-form')?.json ?? '')).toMatchObject({ version: '2.1', screens: 2 });
    expect(() => summarizeFlow('{')).toThrow(SyntaxError);
  });
});

describe('opening a gallery flow in the builder', () => {
  it('reads ?gallery=<id> for the text, the flow name and a status note', () => {
    const entry = galleryEntry('lead-generation');
    expect(builderHref('lead-generation')).toBe('/builder?gallery=lead-generation');
    expect(galleryStart('?gallery=lead-generation')).toEqual({ text: entry?.json, name: 'lead_generation', note: { kind: 'ok', text: 'Opened “Lead generation” from the gallery.' } });
    expect(flowNameOf(GALLERY[0] ?? entry!)).toBe('feedback_form');
  });

  it('keeps the default without the parameter and says so for an unknown id', () => {
    expect(galleryStart('')).toEqual({});
    expect(galleryStart('?wa_id=1555')).toEqual({});
    expect(galleryStart('?gallery=nope')).toEqual({ note: { kind: 'error', text: 'The gallery has no flow "nope"; showing the feedback form.' } });
  });
});
