import {
  compareVersions,
  FLOW_JSON_VERSIONS,
  isFlowJsonVersion,
  LATEST_FLOW_JSON_VERSION,
  MIN_PUBLISHABLE_VERSION,
  type FlowJsonVersion,
} from '../versions.js';
import type { Report } from './rule.js';

/** Decides which version's catalogue applies; without one, no further check makes sense. */
export function resolveVersion(
  root: Readonly<Record<string, unknown>>,
  override: FlowJsonVersion | undefined,
  report: (r: Report) => void,
): FlowJsonVersion | undefined {
  const declared = root['version'];
  if (override) return override;
  if (declared === undefined) {
    report({
      code: 'MISSING_FLOW_JSON_VERSION',
      pointer: '',
      message: `Flow JSON version is not specified. Add "version": "${LATEST_FLOW_JSON_VERSION}" (the latest) at the top level.`,
    });
    return undefined;
  }
  if (typeof declared !== 'string') {
    report({
      code: 'UNSUPPORTED_FLOW_JSON_VERSION',
      pointer: '/version',
      message: `Unsupported Flow JSON version: "version" must be a string such as "${LATEST_FLOW_JSON_VERSION}", not a ${typeof declared}.`,
    });
    return undefined;
  }
  if (!isFlowJsonVersion(declared)) {
    const older = /^\d+\.\d+$/.test(declared) && Number(declared) < 2.1;
    report({
      code: older ? 'UNSUPPORTED_FLOW_JSON_VERSION' : 'INVALID_FLOW_JSON_VERSION',
      pointer: '/version',
      message: `${older ? 'Unsupported' : 'Invalid'} Flow JSON version '${declared}'. Use one of: ${FLOW_JSON_VERSIONS.join(', ')}.`,
    });
    return undefined;
  }
  if (compareVersions(declared, MIN_PUBLISHABLE_VERSION) < 0) {
    report({
      code: 'DEPRECATED_FLOW_JSON_VERSION',
      severity: 'warning',
      pointer: '/version',
      message: `Flow JSON ${declared} can still be sent but no longer published; new flows need ${MIN_PUBLISHABLE_VERSION} or later (latest: ${LATEST_FLOW_JSON_VERSION}).`,
    });
  }
  return declared;
}
