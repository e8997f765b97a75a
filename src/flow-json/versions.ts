/** Every Flow JSON version WhatsApp has released, oldest first. Order matters: ranges compare by index. */
export const FLOW_JSON_VERSIONS = [
  '2.1', '3.0', '3.1', '4.0', '5.0', '5.1', '6.0', '6.1', '6.2', '6.3', '7.0', '7.1', '7.2', '7.3',
] as const;

export type FlowJsonVersion = (typeof FLOW_JSON_VERSIONS)[number];

export const LATEST_FLOW_JSON_VERSION: FlowJsonVersion = '7.3';

/**
 * Versions that can still be sent but no longer published (Meta's "Currently supported versions":
 * publishing needs 5.1 or later; sending accepts 2.1 and later).
 */
export const MIN_PUBLISHABLE_VERSION: FlowJsonVersion = '5.1';

/** Data API versions an endpoint may speak. */
export const DATA_API_VERSIONS = ['3.0', '4.0'] as const;
export type DataApiVersion = (typeof DATA_API_VERSIONS)[number];

/** Inclusive range; `until` absent means "still supported in the latest version". */
export interface VersionRange {
  readonly since: FlowJsonVersion;
  readonly until?: FlowJsonVersion;
}

export function isFlowJsonVersion(value: unknown): value is FlowJsonVersion {
  return typeof value === 'string' && (FLOW_JSON_VERSIONS as readonly string[]).includes(value);
}

const ORDER = new Map<string, number>(FLOW_JSON_VERSIONS.map((v, i) => [v, i]));

export function compareVersions(a: FlowJsonVersion, b: FlowJsonVersion): number {
  return ORDER.get(a)! - ORDER.get(b)!;
}

export function inRange(version: FlowJsonVersion, range: VersionRange | undefined): boolean {
  if (!range) return true;
  if (compareVersions(version, range.since) < 0) return false;
  return range.until === undefined || compareVersions(version, range.until) <= 0;
}

export function describeRange(range: VersionRange): string {
  return range.until ? `Flow JSON ${range.since} to ${range.until}` : `Flow JSON ${range.since} and later`;
}
