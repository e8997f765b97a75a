// The response summary the client shows after completion: each answered field with its label and
// a readable answer. Fields listed in a screen's `sensitive` (Flow JSON 5.1+) are masked, and media
// pickers among them are left out entirely (Flow JSON reference, "Sensitive fields":
// developers.facebook.com/docs/whatsapp/flows/reference/flowjson#sensitive-fields).
import { toText } from '../flow-json/expressions/index.js';
import { isRecord } from './document.js';
import { isEmpty } from './rules.js';
import type { FieldInfo } from './render.js';
import type { SummaryItem } from './types.js';

export const MASK = '••••';

const HIDDEN_WHEN_SENSITIVE = new Set(['PhotoPicker', 'DocumentPicker']);

function display(field: FieldInfo, value: unknown): string {
  const titles = new Map((field.view.options ?? []).map((o) => [o.id, o.title]));
  switch (field.type) {
    case 'Dropdown':
    case 'RadioButtonsGroup':
      return titles.get(String(value)) ?? toText(value);
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return Array.isArray(value) ? value.map((id) => titles.get(String(id)) ?? toText(id)).join(', ') : '';
    case 'OptIn':
      return value === true ? 'Yes' : 'No';
    case 'CalendarPicker':
      return isRecord(value) ? [toText(value['start-date']), toText(value['end-date'])].filter(Boolean).join(' – ') : toText(value);
    case 'PhotoPicker':
    case 'DocumentPicker': {
      const n = Array.isArray(value) ? value.length : 0;
      return `${n} ${n === 1 ? 'file' : 'files'}`;
    }
    default:
      return toText(value);
  }
}

/** Summary lines for one screen's visible, answered fields. */
export function summarise(screen: string, fields: Iterable<FieldInfo>, form: Readonly<Record<string, unknown>>, sensitive: readonly string[]): SummaryItem[] {
  const out: SummaryItem[] = [];
  for (const field of fields) {
    if (!field.visible) continue;
    const value = form[field.name];
    if (isEmpty(value)) continue;
    const isSensitive = sensitive.includes(field.name);
    if (isSensitive && HIDDEN_WHEN_SENSITIVE.has(field.type)) continue;
    out.push({ name: field.name, label: field.label, screen, value: isSensitive ? MASK : display(field, value), sensitive: isSensitive });
  }
  return out;
}
