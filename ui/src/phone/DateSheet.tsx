// The date sheet of DatePicker and CalendarPicker: a month grid that greys out days the
// component's min/max dates, unavailable dates and include-days rule out. A range CalendarPicker
// takes two taps (start, then end).
import { useState } from 'preact/hooks';
import { isoOf, monthGrid, partsOf, selectable } from './dates.js';
import type { DayRules } from './dates.js';
import { Sheet } from './Sheet.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface DateSheetProps {
  title: string;
  rules: DayRules;
  /** The current value: one ISO day, or a range. */
  value: string | { start?: string; end?: string } | undefined;
  range: boolean;
  onPick: (value: string | { start: string; end?: string }) => void;
  onClose: () => void;
}

export function DateSheet(props: DateSheetProps) {
  // Open on the chosen day, else today kept within min/max (a birth date's max lies in the past).
  const today = new Date().toISOString().slice(0, 10);
  const bound = (v: string | undefined): string | undefined => {
    const p = partsOf(v);
    return p === undefined ? undefined : isoOf(p.year, p.month, p.day);
  };
  const min = bound(props.rules.min);
  const max = bound(props.rules.max);
  const clamped = max !== undefined && today > max ? max : min !== undefined && today < min ? min : today;
  const initial = typeof props.value === 'string' ? props.value : (props.value?.start ?? clamped);
  const start = partsOf(initial) ?? partsOf(today) ?? { year: 2025, month: 0, day: 1 };
  const [cursor, setCursor] = useState({ year: start.year, month: start.month });
  const [rangeStart, setRangeStart] = useState<string | undefined>(undefined);
  const shift = (delta: number): void => {
    const m = cursor.month + delta;
    setCursor({ year: cursor.year + Math.floor(m / 12), month: ((m % 12) + 12) % 12 });
  };
  const chosen = (iso: string): boolean => {
    if (typeof props.value === 'string') return props.value === iso;
    if (rangeStart !== undefined) return rangeStart === iso;
    const v = props.value;
    if (v?.start === undefined) return false;
    return v.end === undefined ? v.start === iso : iso >= v.start && iso <= v.end;
  };
  const tap = (iso: string): void => {
    if (!props.range) return props.onPick(iso);
    if (rangeStart === undefined || iso < rangeStart) {
      setRangeStart(iso);
      return;
    }
    props.onPick({ start: rangeStart, end: iso });
  };
  return (
    <Sheet title={props.title} onClose={props.onClose} testId="date-sheet">
      <div class="wa-cal-head">
        <button type="button" class="wa-icon-btn" aria-label="Previous month" onClick={() => shift(-1)}>
          ‹
        </button>
        <span data-testid="calendar-month">
          {MONTHS[cursor.month]} {cursor.year}
        </span>
        <button type="button" class="wa-icon-btn" aria-label="Next month" onClick={() => shift(1)}>
          ›
        </button>
      </div>
      {props.range && <p class="wa-cal-hint">{rangeStart === undefined ? 'Tap the first day' : 'Now tap the last day'}</p>}
      <table class="wa-cal">
        <thead>
          <tr>
            {['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => (
              <th key={d}>{d}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(cursor.year, cursor.month).map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (day === null) return <td key={i} />;
                const iso = isoOf(cursor.year, cursor.month, day);
                const ok = selectable(iso, props.rules);
                return (
                  <td key={i}>
                    <button type="button" class={`wa-day${chosen(iso) ? ' is-chosen' : ''}`} disabled={!ok} data-date={iso} onClick={() => tap(iso)}>
                      {day}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Sheet>
  );
}
