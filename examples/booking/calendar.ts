// The business behind the booking example: which days and times are open, and the bookings.
// In memory here; a real business would keep this in its own database.

export interface Option {
  id: string;
  title: string;
}

export const SERVICES: readonly Option[] = [
  { id: 'haircut', title: 'Haircut (30 min)' },
  { id: 'colour', title: 'Colour (90 min)' },
  { id: 'beard', title: 'Beard trim (20 min)' },
];

const OPENING_MINUTES = 9 * 60;
const CLOSING_MINUTES = 17 * 60;
const SLOT_MINUTES = 30;
const DAYS_AHEAD = 7;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Booking {
  id: string;
  service: string;
  date: string;
  time: string;
  name: string;
  email: string;
  phone: string;
  notes: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export class Calendar {
  private readonly bookings = new Map<string, Booking>();
  private counter = 0;

  /** `now` is injectable so tests see a fixed week. Times are UTC to keep the example simple. */
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The next open days (Sundays closed), starting today unless today's last slot has begun. */
  dates(): Option[] {
    const out: Option[] = [];
    const start = this.now();
    const pastLastSlot = start.getUTCHours() * 60 + start.getUTCMinutes() >= CLOSING_MINUTES - SLOT_MINUTES;
    for (let i = pastLastSlot ? 1 : 0; out.length < DAYS_AHEAD && i < DAYS_AHEAD * 2 + 1; i++) {
      const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + i));
      if (day.getUTCDay() === 0) continue;
      out.push({ id: isoDate(day), title: `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}` });
    }
    return out;
  }

  isOpenDate(date: string): boolean {
    return this.dates().some((d) => d.id === date);
  }

  /** Free times on an open day; today's past times are gone. */
  freeTimes(date: string): Option[] {
    if (!this.isOpenDate(date)) return [];
    const now = this.now();
    const today = isoDate(now) === date;
    const nowMinutes = now.getUTCHours() * 60 + now.getUTCMinutes();
    const out: Option[] = [];
    for (let m = OPENING_MINUTES; m < CLOSING_MINUTES; m += SLOT_MINUTES) {
      const time = `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
      if (today && m <= nowMinutes) continue;
      if (this.bookings.has(`${date} ${time}`)) continue;
      out.push({ id: time, title: time });
    }
    return out;
  }

  isFree(date: string, time: string): boolean {
    return this.freeTimes(date).some((t) => t.id === time);
  }

  /** Books the slot, or returns undefined when someone else took it first. */
  book(request: Omit<Booking, 'id'>): Booking | undefined {
    if (!this.isFree(request.date, request.time)) return undefined;
    this.counter += 1;
    const booking = { id: `BK-${pad(this.counter)}${request.date.replaceAll('-', '')}`, ...request };
    this.bookings.set(`${request.date} ${request.time}`, booking);
    return booking;
  }

  all(): Booking[] {
    return [...this.bookings.values()];
  }

  describe(service: string, date: string, time: string): string {
    const serviceTitle = SERVICES.find((s) => s.id === service)?.title ?? service;
    const dateTitle = this.dates().find((d) => d.id === date)?.title ?? date;
    return `${serviceTitle} on ${dateTitle} at ${time}`;
  }
}
