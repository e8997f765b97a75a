// The document as completion and hover see it: its value read forgivingly (json-scan), the
// version whose catalogue applies (the version switch's, else the one written, else the latest),
// and the validator's own index of screens, components and actions (buildModel) with its views of
// each screen's data model and form fields (validate/flow-types.ts), so a suggested
// `${data.…}`/`${form.…}` is exactly what the validator accepts.
import { buildModel, isFlowJsonVersion, LATEST_FLOW_JSON_VERSION } from '../../../src/flow-json/index.js';
import type { FlowJsonVersion, FlowModel } from '../../../src/flow-json/index.js';
import type { ScreenNode } from '../../../src/flow-json/validate/model.js';
import { looseParse } from './json-scan.js';
import type { PathSegment } from './json-scan.js';

export interface FlowDocument {
  readonly root: unknown;
  readonly version: FlowJsonVersion;
  /** Built on first use. */
  readonly model: () => FlowModel;
}

export interface FlowDocumentOptions {
  /** The version switch's choice; the document's own `version` otherwise. */
  readonly version?: FlowJsonVersion;
}

export function readFlow(text: string, options: FlowDocumentOptions = {}): FlowDocument {
  const root = looseParse(text);
  const written = typeof root === 'object' && root !== null ? (root as Record<string, unknown>)['version'] : undefined;
  const version = options.version ?? (isFlowJsonVersion(written) ? written : LATEST_FLOW_JSON_VERSION);
  let model: FlowModel | undefined;
  return {
    root,
    version,
    model: () => (model ??= buildModel(typeof root === 'object' && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>) : {}, version)),
  };
}

/** The screen a path is inside (`/screens/<i>/...`). */
export function screenOf(doc: FlowDocument, path: readonly PathSegment[]): ScreenNode | undefined {
  if (path[0] !== 'screens' || typeof path[1] !== 'number') return undefined;
  const index = path[1];
  return doc.model().screens.find((s) => s.index === index);
}

/** The value at a path. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const seg of path) {
    if (typeof seg === 'number') value = Array.isArray(value) ? value[seg] : undefined;
    else value = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, seg) ? (value as Record<string, unknown>)[seg] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}
