import { describe, expect, it } from 'vitest';
import { dateValue, displayDate, monthGrid, partsOf, selectable } from './dates.js';

describe('date sheet arithmetic', () => {
  it('gives timestamps before Flow JSON 5.0 and ISO dates from 5.0', () => {
    expect(dateValue('2025-03-12', '4.0')).toBe(String(Date.UTC(2025, 2, 12)));
    expect(dateValue('2025-03-12', '6.1')).toBe('2025-03-12');
    expect(partsOf(String(Date.UTC(2025, 2, 12)))).toEqual({ year: 2025, month: 2, day: 12 });
    expect(displayDate('2025-03-12')).toBe('12 Mar 2025');
  });

  it('refuses days outside min/max, unavailable dates and excluded weekdays', () => {
    const rules = { min: '2025-03-03', max: '2025-03-20', unavailable: ['2025-03-10'], includeDays: ['Mon', 'Tue'] };
    expect(selectable('2025-03-03', rules)).toBe(true); // a Monday
    expect(selectable('2025-03-02', rules)).toBe(false); // before min
    expect(selectable('2025-03-10', rules)).toBe(false); // unavailable
    expect(selectable('2025-03-05', rules)).toBe(false); // a Wednesday
    expect(selectable('2025-03-24', rules)).toBe(false); // after max
  });

  it('lays a month out in Monday-first weeks', () => {
    const grid = monthGrid(2025, 2); // March 2025 starts on a Saturday
    expect(grid[0]).toEqual([null, null, null, null, null, 1, 2]);
    expect(grid.flat().filter((d) => d !== null)).toHaveLength(31);
  });
});
