// The client's input rules, one function per component family. Limits and defaults come from the
// resolved properties (catalogue defaults already applied), never from constants here.
// Sources: components reference (developers.facebook.com/docs/whatsapp/flows/reference/components):
// TextInput input types and min/max-chars, pattern with helper-text (6.2+), TextArea max-length,
// selection min/max-selected-items, DatePicker/CalendarPicker min/max/unavailable dates, and the
// 5.0 switch of DatePicker dates from millisecond timestamps to "YYYY-MM-DD".
import { formValueOf, getComponentSpec } from '../flow-json/catalogue/index.js';
import { toNumber, toText } from '../flow-json/expressions/index.js';
import { compareVersions, type FlowJsonVersion } from '../flow-json/versions.js';
import { isRecord } from './document.js';
import type { OptionView } from './types.js';

export interface FieldContext {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly options: readonly OptionView[] | undefined;
  readonly version: FlowJsonVersion;
}

/** A value accepted (normalised) or refused with the message the field shows. */
export type Checked = { ok: true; value: unknown } | { ok: false; error: string; value?: unknown };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits with the separators a phone keyboard offers; 6 to 15 digits (E.164 allows at most 15). */
const PHONE = /^\+?[0-9 ()-]+$/;
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const DIGITS = /^\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const count = (v: unknown): number | undefined => {
  const n = toNumber(v);
  return n === undefined || n < 0 ? undefined : Math.floor(n);
};

/** Length in user-perceived characters (code points), as a phone keyboard counts them. */
const length = (s: string): number => [...s].length;

export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmpty);
  return false;
}

function checkText(ctx: FieldContext, raw: unknown): Checked {
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== 'string') return { ok: false, error: 'Enter text' };
  const value = raw;
  // A field the user typed into and emptied holds "" and is sent as "" (measured against WhatsApp's
  // web client, issue 15); it is still unanswered for `required` (isEmpty) and skips the length,
  // input-type and pattern rules, which apply to text only. A field never touched holds no value and
  // stays out of payloads, as WhatsApp leaves untouched optional fields out of the response.
  if (value === '') return { ok: true, value: '' };
  const p = ctx.props;
  if (ctx.type === 'TextArea') {
    const max = count(p['max-length']);
    if (max !== undefined && length(value) > max) return { ok: false, error: `Enter up to ${max} characters`, value };
    return { ok: true, value };
  }
  const inputType = typeof p['input-type'] === 'string' ? p['input-type'] : 'text';
  const min = count(p['min-chars']);
  const max = count(p['max-chars']);
  if (max !== undefined && length(value) > max) return { ok: false, error: `Enter up to ${max} characters`, value };
  if (min !== undefined && length(value) < min) return { ok: false, error: `Enter at least ${min} characters`, value };
  switch (inputType) {
    case 'email':
      if (!EMAIL.test(value)) return { ok: false, error: 'Enter a valid email address', value };
      break;
    case 'phone': {
      const digits = value.replace(/\D/g, '').length;
      if (!PHONE.test(value) || digits < 6 || digits > 15) return { ok: false, error: 'Enter a valid phone number', value };
      break;
    }
    case 'number':
      if (!NUMBER.test(value)) return { ok: false, error: 'Enter a number', value };
      break;
    case 'passcode':
      if (!DIGITS.test(value)) return { ok: false, error: 'Enter digits only', value };
      break;
    default:
      break;
  }
  if (typeof p['pattern'] === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(`^(?:${p['pattern']})$`, 'u');
    } catch {
      re = undefined; // an invalid pattern is the validator's finding; the field stays usable
    }
    // With a pattern the helper text is mandatory and is what the user sees when the value does not match.
    if (re && !re.test(value)) return { ok: false, error: toText(p['helper-text']) || 'Enter a value in the expected format', value };
  }
  return { ok: true, value: typedText(ctx, value) };
}

/**
 * The accepted text as the value `${form.x}` holds, typed by the catalogue's `formValueOf` (the
 * function the validator types expressions with): a number field holds a number, so
 * `${form.age} > 18` and `${form.age} == 42` compare numbers and payloads carry one.
 */
function typedText(ctx: FieldContext, value: string): unknown {
  const spec = getComponentSpec(ctx.type);
  const declared = spec ? formValueOf(spec, ctx.props)?.type : undefined;
  if (declared !== 'number' && declared !== 'integer') return value;
  const n = toNumber(value.replace(',', '.'));
  return n === undefined ? value : n;
}

function optionIds(ctx: FieldContext): Map<string, OptionView> {
  return new Map((ctx.options ?? []).map((o) => [o.id, o]));
}

function checkSingle(ctx: FieldContext, raw: unknown): Checked {
  if (raw === undefined || raw === '') return { ok: true, value: undefined };
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, error: 'Choose one option' };
  const id = String(raw);
  const option = optionIds(ctx).get(id);
  if (!option) return { ok: false, error: `"${id}" is not one of the options` };
  if (!option.enabled) return { ok: false, error: `"${option.title}" cannot be chosen` };
  return { ok: true, value: id };
}

function checkMulti(ctx: FieldContext, raw: unknown): Checked {
  if (raw === undefined) return { ok: true, value: [] };
  const list = Array.isArray(raw) ? raw : [raw];
  const options = optionIds(ctx);
  const ids: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' && typeof item !== 'number') return { ok: false, error: 'Choose options by their id' };
    const id = String(item);
    const option = options.get(id);
    if (!option) return { ok: false, error: `"${id}" is not one of the options` };
    if (!option.enabled) return { ok: false, error: `"${option.title}" cannot be chosen` };
    if (!ids.includes(id)) ids.push(id);
  }
  const max = count(ctx.props['max-selected-items']);
  if (max !== undefined && ids.length > max) return { ok: false, error: `Choose up to ${max}`, value: ids };
  const min = count(ctx.props['min-selected-items']);
  if (min !== undefined && ids.length > 0 && ids.length < min) return { ok: false, error: `Choose at least ${min}`, value: ids };
  return { ok: true, value: ids };
}

/** Days since the epoch of a valid "YYYY-MM-DD", else undefined. */
export function dayNumber(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = DATE.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const date = new Date(t);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return Math.round(t / 86_400_000);
}

/** Before 5.0 DatePicker bounds and values are millisecond timestamps (strings); the day they fall on. */
function timestampDay(s: unknown): number | undefined {
  const n = typeof s === 'number' ? s : typeof s === 'string' && DIGITS.test(s) ? Number(s) : undefined;
  return n === undefined || !Number.isFinite(n) ? undefined : Math.floor(n / 86_400_000);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface DateRules {
  min?: number;
  max?: number;
  unavailable: Set<number>;
  includeDays?: readonly unknown[];
}

function dateRules(ctx: FieldContext, toDay: (v: unknown) => number | undefined): DateRules {
  const p = ctx.props;
  const unavailable = new Set<number>();
  if (Array.isArray(p['unavailable-dates'])) for (const d of p['unavailable-dates']) { const n = toDay(d); if (n !== undefined) unavailable.add(n); }
  const rules: DateRules = { unavailable };
  const min = toDay(p['min-date']);
  const max = toDay(p['max-date']);
  if (min !== undefined) rules.min = min;
  if (max !== undefined) rules.max = max;
  if (Array.isArray(p['include-days'])) rules.includeDays = p['include-days'];
  return rules;
}

function checkDay(day: number, text: string, rules: DateRules): string | undefined {
  if (rules.min !== undefined && day < rules.min) return `${text} is before the earliest date allowed`;
  if (rules.max !== undefined && day > rules.max) return `${text} is after the latest date allowed`;
  if (rules.unavailable.has(day)) return `${text} is not available`;
  // 1970-01-01 (day 0) was a Thursday.
  if (rules.includeDays && !rules.includeDays.includes(WEEKDAYS[(((day + 4) % 7) + 7) % 7])) return `${text} is not a selectable weekday`;
  return undefined;
}

function checkDatePicker(ctx: FieldContext, raw: unknown): Checked {
  if (raw === undefined || raw === '') return { ok: true, value: undefined };
  const legacy = compareVersions(ctx.version, '5.0') < 0;
  if (legacy) {
    const value = typeof raw === 'number' ? String(raw) : raw;
    const day = timestampDay(value);
    if (day === undefined || typeof value !== 'string') return { ok: false, error: 'Pick a date (a timestamp in milliseconds before Flow JSON 5.0)' };
    const error = checkDay(day, 'This date', dateRules(ctx, timestampDay));
    return error ? { ok: false, error, value } : { ok: true, value };
  }
  const day = dayNumber(raw);
  if (day === undefined) return { ok: false, error: 'Pick a date as YYYY-MM-DD' };
  const error = checkDay(day, String(raw), dateRules(ctx, dayNumber));
  return error ? { ok: false, error, value: raw } : { ok: true, value: raw };
}

function checkCalendar(ctx: FieldContext, raw: unknown): Checked {
  if (raw === undefined || raw === '') return { ok: true, value: undefined };
  const rules = dateRules(ctx, dayNumber);
  if (ctx.props['mode'] !== 'range') {
    const day = dayNumber(raw);
    if (day === undefined) return { ok: false, error: 'Pick a date as YYYY-MM-DD' };
    const error = checkDay(day, String(raw), rules);
    return error ? { ok: false, error, value: raw } : { ok: true, value: raw };
  }
  if (!isRecord(raw)) return { ok: false, error: 'Pick a range as { "start-date": "YYYY-MM-DD", "end-date": "YYYY-MM-DD" }' };
  const value: Record<string, string> = {};
  const days: Partial<Record<'start-date' | 'end-date', number>> = {};
  for (const end of ['start-date', 'end-date'] as const) {
    const v = raw[end];
    if (v === undefined || v === '') continue;
    const day = dayNumber(v);
    if (day === undefined) return { ok: false, error: `Pick the ${end.replace('-', ' ')} as YYYY-MM-DD` };
    const error = checkDay(day, String(v), rules);
    if (error) return { ok: false, error, value: raw };
    value[end] = v as string;
    days[end] = day;
  }
  const { 'start-date': start, 'end-date': end } = days;
  if (start !== undefined && end !== undefined) {
    if (end < start) return { ok: false, error: 'The end date is before the start date', value };
    for (const u of rules.unavailable) if (u > start && u < end) return { ok: false, error: 'The range includes a date that is not available', value };
    const span = end - start;
    const minDays = count(ctx.props['min-days']);
    const maxDays = count(ctx.props['max-days']);
    if (minDays !== undefined && span < minDays) return { ok: false, error: `Choose a range of at least ${minDays} days`, value };
    if (maxDays !== undefined && span > maxDays) return { ok: false, error: `Choose a range of at most ${maxDays} days`, value };
  }
  return { ok: true, value };
}

function checkMedia(ctx: FieldContext, raw: unknown): Checked {
  if (raw === undefined) return { ok: true, value: [] };
  if (!Array.isArray(raw) || !raw.every(isRecord)) return { ok: false, error: 'Attach files as media objects' };
  const noun = ctx.type === 'PhotoPicker' ? 'photos' : 'documents';
  const max = count(ctx.props[`max-uploaded-${noun}`]);
  const min = count(ctx.props[`min-uploaded-${noun}`]);
  if (max !== undefined && raw.length > max) return { ok: false, error: `Add up to ${max} ${noun}`, value: raw };
  if (min !== undefined && raw.length > 0 && raw.length < min) return { ok: false, error: `Add at least ${min} ${noun}`, value: raw };
  const maxKb = count(ctx.props['max-file-size-kb']);
  if (maxKb !== undefined && raw.some((f) => typeof f['file_size'] === 'number' && f['file_size'] > maxKb * 1024)) {
    return { ok: false, error: `Files must be at most ${maxKb} KB`, value: raw };
  }
  return { ok: true, value: raw };
}

/** Normalises and checks a value for a field; `{ ok: false }` carries the message the field shows. */
export function checkFieldValue(ctx: FieldContext, raw: unknown): Checked {
  switch (ctx.type) {
    case 'TextInput':
    case 'TextArea':
      return raw === undefined ? { ok: true, value: undefined } : checkText(ctx, raw);
    case 'Dropdown':
    case 'RadioButtonsGroup':
      return checkSingle(ctx, raw);
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return checkMulti(ctx, raw);
    case 'DatePicker':
      return checkDatePicker(ctx, raw);
    case 'CalendarPicker':
      return checkCalendar(ctx, raw);
    case 'OptIn':
      if (raw === undefined) return { ok: true, value: false };
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, error: 'Check or uncheck the box (true or false)' };
    case 'PhotoPicker':
    case 'DocumentPicker':
      return checkMedia(ctx, raw);
    default:
      return { ok: true, value: raw };
  }
}

/** Whether a field counts as answered for `required`. CalendarPicker ranges may require each end. */
export function missingRequired(ctx: FieldContext, required: unknown, value: unknown): boolean {
  if (ctx.type === 'CalendarPicker' && ctx.props['mode'] === 'range' && isRecord(required)) {
    const v = isRecord(value) ? value : {};
    return (['start-date', 'end-date'] as const).some((end) => required[end] === true && isEmpty(v[end]));
  }
  if (ctx.type === 'CheckboxGroup' || ctx.type === 'ChipsSelector') {
    const min = count(ctx.props['min-selected-items']);
    const n = Array.isArray(value) ? value.length : 0;
    if (min !== undefined && min > 0 && n < min && required === true) return true;
  }
  return required === true && isEmpty(value);
}
