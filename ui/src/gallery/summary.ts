// What a gallery card says about a flow: its version, how many screens it has and which components
// it uses (the validator's model walks Forms and If/Switch branches, so nested ones count too).
import { LATEST_FLOW_JSON_VERSION, buildModel, isFlowJsonVersion } from '../../../src/flow-json/index.js';

export interface FlowSummary {
  /** The document's "version", as written. */
  version: string | undefined;
  screens: number;
  /** Component types in order of first use; the Footer and layout are left out (every flow has them). */
  components: string[];
}

const COMMON = new Set(['Footer', 'SingleColumnLayout']);

export function summarizeFlow(json: string): FlowSummary {
  const doc = JSON.parse(json) as Record<string, unknown>;
  const written = doc['version'];
  const model = buildModel(doc, isFlowJsonVersion(written) ? written : LATEST_FLOW_JSON_VERSION);
  const components: string[] = [];
  for (const screen of model.screens) {
    for (const node of screen.components) {
      if (!COMMON.has(node.type) && !components.includes(node.type)) components.push(node.type);
    }
  }
  return { version: typeof written === 'string' ? written : undefined, screens: model.screens.length, components };
}
