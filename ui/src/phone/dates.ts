// Calendar arithmetic for the date sheet, in UTC days so a time zone never shifts a date. Before
// Flow JSON 5.0 DatePicker values are timestamps in milliseconds; from 5.0 they are YYYY-MM-DD.
// https://developers.facebook.com/docs/whatsapp/flows/reference/components#datepicker

export function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** YYYY-MM-DD (or a millisecond timestamp) → { year, month (0-based), day }, or undefined. */
export function partsOf(value: unknown): { year: number; month: number; day: number } | undefined {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return { year: y, month: m - 1, day: d };
  }
  const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
}

/** The value a DatePicker of this Flow JSON version takes for a picked day. */
export function dateValue(iso: string, version: string): string {
  const legacy = Number.parseFloat(version) < 5;
  if (!legacy) return iso;
  const p = partsOf(iso);
  return p === undefined ? iso : String(Date.UTC(p.year, p.month, p.day));
}

/** A date value as the field shows it: "12 Mar 2025". */
export function displayDate(value: unknown): string {
  const p = partsOf(value);
  if (p === undefined) return '';
  return new Date(Date.UTC(p.year, p.month, p.day)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// include-days names weekdays by their three-letter English abbreviation (CalendarPicker reference).
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface DayRules {
  min?: string;
  max?: string;
  unavailable: readonly string[];
  includeDays?: readonly unknown[];
}

/** Whether a day can be picked under the component's min/max, unavailable dates and weekdays. */
export function selectable(iso: string, rules: DayRules): boolean {
  const norm = (v: string | undefined): string | undefined => {
    const p = partsOf(v);
    return p === undefined ? undefined : isoOf(p.year, p.month, p.day);
  };
  const min = norm(rules.min);
  const max = norm(rules.max);
  if (min !== undefined && iso < min) return false;
  if (max !== undefined && iso > max) return false;
  if (rules.unavailable.some((u) => norm(u) === iso)) return false;
  if (rules.includeDays !== undefined) {
    const p = partsOf(iso);
    if (p === undefined) return false;
    const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month, p.day)).getUTCDay()];
    if (!rules.includeDays.includes(weekday)) return false;
  }
  return true;
}

/** The weeks of a month as rows of 7 cells (null outside the month), weeks starting on Monday. */
export function monthGrid(year: number, month: number): (number | null)[][] {
  const first = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const rows: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}
