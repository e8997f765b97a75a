// Every example is checked twice: by the validator and by the generated JSON Schema of its
// version, so neither the examples nor the two checkers can drift apart unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { generateJsonSchema } from '../src/flow-json/schema/index.js';
import { validateFlow } from '../src/flow-json/validate/index.js';
import { MIN_PUBLISHABLE_VERSION, compareVersions, isFlowJsonVersion } from '../src/flow-json/versions.js';

// ajv-formats is CommonJS; depending on the loader its function arrives as the module or as `.default`.
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const formatsModule = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsModule.default ?? formatsModule;

const here = dirname(fileURLToPath(import.meta.url));
// The gallery's starter flows (gallery/, in the shape of Meta's use-case templates) are checked alike.
const examples = [
  ...readdirSync(here).filter((f) => f.endsWith('.json')),
  ...readdirSync(join(here, 'gallery')).filter((f) => f.endsWith('.json')).map((f) => `gallery/${f}`),
].sort();

function read(file: string): { text: string; doc: { version?: unknown; screens?: unknown } } {
  const text = readFileSync(join(here, file), 'utf8');
  return { text, doc: JSON.parse(text) as { version?: unknown; screens?: unknown } };
}

describe('examples', () => {
  it('are all here', () => {
    expect(examples).toEqual(
      expect.arrayContaining([
        'all-inputs.json',
        'conditional-if-switch.json',
        'data-exchange.json',
        'feedback-form.json',
        'gallery/appointment-booking.json',
        'gallery/customer-satisfaction.json',
        'gallery/insurance-quote.json',
        'gallery/lead-generation.json',
        'gallery/purchase-interest.json',
        'gallery/support-request.json',
        'navigation-payloads.json',
        'sign-up.json',
        'update-data.json',
      ]),
    );
  });

  it.each(examples)('%s passes validateFlow with no error, and no warning but an old version\'s', (file) => {
    const { text, doc } = read(file);
    const result = validateFlow(text);
    // Versions before 5.1 can still be sent but not published, which the validator rightly warns
    // about (the seed's form is 2.1); any other diagnostic means the example or a rule is wrong.
    const expected = isFlowJsonVersion(doc.version) && compareVersions(doc.version, MIN_PUBLISHABLE_VERSION) < 0
      ? ['warning DEPRECATED_FLOW_JSON_VERSION /version']
      : [];
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.pointer}`)).toEqual(expected);
    expect(result.valid).toBe(true);
  });

  it.each(examples)('%s is valid against the JSON Schema of its version', (file) => {
    const { doc } = read(file);
    expect(isFlowJsonVersion(doc.version)).toBe(true);
    if (!isFlowJsonVersion(doc.version)) return;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(generateJsonSchema(doc.version));
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('README names every example', () => {
    const readme = readFileSync(join(here, 'README.md'), 'utf8');
    for (const file of examples) expect(readme).toContain(file);
  });
});

describe('feedback-form.json', () => {
  it("is the seed's feedback form: two screens, version 2.1, ending on a terminal screen", () => {
    const { doc } = read('feedback-form.json');
    const screens = doc.screens as { id: string; terminal?: boolean }[];
    expect(doc.version).toBe('2.1');
    expect(screens.map((s) => s.id)).toEqual(['screen_feedback_one', 'screen_feedback_two']);
    expect(screens[1]?.terminal).toBe(true);
  });
});
