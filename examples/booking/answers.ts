// What the booking endpoint answers, whichever way it is typed: ./endpoint.ts (types written by
// hand) and ../booking-ts/endpoint.ts (types generated from the TypeScript-authored flow) both
// build their screens' data and their refusals here.
import { SERVICES } from './calendar.js';
import type { Calendar } from './calendar.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** APPOINTMENT's data: the services, the open days, and the free times of `date` when one is picked. */
export function appointmentData(calendar: Calendar, date?: string) {
  const times = date === undefined ? [] : calendar.freeTimes(date);
  return { services: [...SERVICES], dates: calendar.dates(), times, is_time_enabled: times.length > 0 };
}

/** Why DETAILS cannot go on with this name and email (the text the user reads), or undefined. */
export function detailsProblem(name: string, email: string): string | undefined {
  if (name.length < 2) return 'Please enter your full name.';
  if (!EMAIL.test(email)) return 'Please enter a valid email address.';
  return undefined;
}

export interface BookingDetails {
  service: string;
  date: string;
  time: string;
  name: string;
  email: string;
  phone: string;
  notes: string;
}

/** SUMMARY's data: the slot in words, the contact on one line, and every detail to book with. */
export function summaryData(calendar: Calendar, details: BookingDetails) {
  const { service, date, time, name, email, phone } = details;
  return { summary: calendar.describe(service, date, time), contact: phone === '' ? `${name}, ${email}` : `${name}, ${email}, ${phone}`, ...details };
}
