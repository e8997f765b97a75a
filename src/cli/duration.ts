// Durations as the verbs take them: a number and a unit (`500ms`, `90s`, `10m`, `2h`, `1d`).

export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd';

const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `text` in milliseconds when it is a number with one of `units`, or a bare number and `bare` names
 * its unit; undefined for anything else (each verb has its own range to check).
 */
export function durationMs(text: string, units: readonly DurationUnit[], bare?: DurationUnit): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([a-z]*)$/.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2] === '' ? bare : units.find((u) => u === match[2]);
  return unit === undefined ? undefined : Number(match[1]) * UNIT_MS[unit];
}
