import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow } from '../src/flow-json/validate/index.js';
import { parseJson } from '../src/flow-json/parse/index.js';
import { twentyScreenFlow } from './fixtures/twenty-screens.js';
import { compare, round } from './measure.js';

/**
 * A ~200 KB flow whose one screen declares thousands of data fields, every one of them twice:
 * the shape of the upload that once froze the sandbox, when each duplicate key cost a scan of
 * every value parsed since its object began (a 158 KB document took 5.7 s). Each duplicate is
 * reported, so the parser also builds one diagnostic per duplicate.
 */
export function duplicateKeyFlowText(fields = 3200): string {
  const declarations: string[] = [];
  for (let f = 0; f < fields; f++) {
    // Field f and field f + fields/2 share a name: the later declaration replaces the earlier one.
    declarations.push(`        "field_${f % (fields / 2)}": { "type": "string", "__example__": "value ${f}" }`);
  }
  return [
    '{',
    '  "version": "7.3",',
    '  "screens": [',
    '    {',
    '      "id": "SURVEY",',
    '      "terminal": true,',
    '      "data": {',
    declarations.join(',\n'),
    '      },',
    '      "layout": { "type": "SingleColumnLayout", "children": [{ "type": "TextBody", "text": "${data.field_0}" }] }',
    '    }',
    '  ]',
    '}',
  ].join('\n');
}

/**
 * Validating a realistic 20-screen flow against JSON.parse of the same text (goal: ≤ 10×). Also
 * reports our position-tracking parser alone, to show where the time goes, and the parser on a
 * document full of duplicate keys (linear now; it was quadratic).
 */
export function benchFlowJson(runs = 300): Record<string, number | string> {
  const text = JSON.stringify(twentyScreenFlow(), null, 2);
  const t = compare(
    {
      jsonParse: () => JSON.parse(text),
      parseWithPositions: () => parseJson(text),
      validate: () => validateFlow(text),
    },
    runs,
  );
  const base = t['jsonParse']!.medianMs;
  const duplicates = duplicateKeyFlowText();
  const d = compare(
    { jsonParse: () => JSON.parse(duplicates), parseWithPositions: () => parseJson(duplicates), validate: () => validateFlow(duplicates) },
    Math.ceil(runs / 5),
  );
  return {
    'flow text (KiB)': round(text.length / 1024, 1),
    'JSON.parse median (ms)': round(base),
    'parseJson median (ms)': round(t['parseWithPositions']!.medianMs),
    'validateFlow median (ms)': round(t['validate']!.medianMs),
    'validateFlow / JSON.parse': round(t['validate']!.medianMs / base, 2),
    'parseJson / JSON.parse': round(t['parseWithPositions']!.medianMs / base, 2),
    'duplicate-key flow text (KiB)': round(duplicates.length / 1024, 1),
    'duplicate-key flow: duplicates': parseJson(duplicates).diagnostics.length,
    'duplicate-key flow: parseJson median (ms)': round(d['parseWithPositions']!.medianMs),
    'duplicate-key flow: parseJson / JSON.parse': round(d['parseWithPositions']!.medianMs / d['jsonParse']!.medianMs, 2),
    'duplicate-key flow: validateFlow / JSON.parse': round(d['validate']!.medianMs / d['jsonParse']!.medianMs, 2),
  };
}

/** The regression corpus of real Flow JSON (third-party data kept outside the repository). */
const CORPUS = process.env['WAFLOW_FLOW_CORPUS'] ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'flow-json-real');
/** Meta's health-insurance getting-started template: the largest real flow of the corpus (2.7 MB, mostly base64 images). */
export const LARGEST_REAL_TEMPLATE = join('valid', '16-7.3-meta-template-health-insurance.json');

/**
 * Validating Meta's largest real template against JSON.parse of the same text in the same run
 * (goal: ≤ 10×). Skipped, with a note, where the corpus is absent (CI without ../shared).
 */
export function benchRealTemplate(runs = 40): Record<string, number | string> {
  const file = join(CORPUS, LARGEST_REAL_TEMPLATE);
  if (!existsSync(file)) return { skipped: `corpus not found: ${file} (set WAFLOW_FLOW_CORPUS to its flow-json-real folder)` };
  const text = readFileSync(file, 'utf8');
  const result = validateFlow(text);
  const t = compare({ jsonParse: () => JSON.parse(text), parseWithPositions: () => parseJson(text), validate: () => validateFlow(text) }, runs);
  const base = t['jsonParse']!.medianMs;
  return {
    file: LARGEST_REAL_TEMPLATE,
    'flow text (KiB)': round(text.length / 1024, 1),
    'errors found (expected 0)': result.diagnostics.filter((d) => d.severity === 'error').length,
    'JSON.parse median (ms)': round(base),
    'parseJson median (ms)': round(t['parseWithPositions']!.medianMs),
    'validateFlow median (ms)': round(t['validate']!.medianMs),
    'validateFlow / JSON.parse': round(t['validate']!.medianMs / base, 2),
    'parseJson / JSON.parse': round(t['parseWithPositions']!.medianMs / base, 2),
    'goal: validateFlow / JSON.parse ≤': 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(benchFlowJson());
  console.table(benchRealTemplate());
}
