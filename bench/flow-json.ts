import { validateFlow } from '../src/flow-json/validate/index.js';
import { parseJson } from '../src/flow-json/parse/index.js';
import { twentyScreenFlow } from './fixtures/twenty-screens.js';
import { compare, round } from './measure.js';

/**
 * Validating a realistic 20-screen flow against JSON.parse of the same text (goal: ≤ 10×). Also
 * reports our position-tracking parser alone, to show where the time goes.
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
  return {
    'flow text (KiB)': round(text.length / 1024, 1),
    'JSON.parse median (ms)': round(base),
    'parseJson median (ms)': round(t['parseWithPositions']!.medianMs),
    'validateFlow median (ms)': round(t['validate']!.medianMs),
    'validateFlow / JSON.parse': round(t['validate']!.medianMs / base, 2),
    'parseJson / JSON.parse': round(t['parseWithPositions']!.medianMs / base, 2),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchFlowJson());
