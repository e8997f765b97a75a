// Input components: text fields, selections, dates, opt-in and media pickers. Each shows its label,
// helper text and the runtime's inline error, and tells the driver what the user did; the runtime
// decides what is valid.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentView, OptionView } from '../../../src/runtime/index.js';
import { pickerAccept, pickerLimits } from '../../../src/sandbox/phone/pick-limits.js';
import { DateSheet } from './DateSheet.js';
import { dateValue, displayDate } from './dates.js';
import type { DayRules } from './dates.js';
import type { PhoneDriver, PickerState } from './driver.js';
import { InlineMarkdown } from './Markdown.js';
import { formatSize, pageFile } from './media.js';
import { Sheet } from './Sheet.js';

export interface FieldProps {
  view: ComponentView;
  driver: PhoneDriver;
  version: string;
  /** An OptIn with an on-click-action shows "Read more" (the render model leaves actions out). */
  readMore?: boolean;
  /** A picker's refused pick and what is known of its files (PhoneState.media). */
  media?: PickerState;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));

function Helper({ view, hideError = false }: { view: ComponentView; hideError?: boolean }) {
  if (view.error !== undefined && !hideError) return <div class="wa-error" role="alert">{view.error}</div>;
  const helper = text(view.props['helper-text']);
  return helper === '' ? null : <div class="wa-helper">{helper}</div>;
}

function label(view: ComponentView): string {
  return text(view.props['label']);
}

const INPUT_TYPES: Readonly<Record<string, 'number' | 'email' | 'password' | 'tel' | 'text'>> = { number: 'number', email: 'email', password: 'password', passcode: 'password', phone: 'tel', text: 'text' };

export function TextField({ view, driver }: FieldProps) {
  const multiline = view.type === 'TextArea';
  const name = view.name ?? '';
  const max = Number(view.props[multiline ? 'max-length' : 'max-chars'] ?? (multiline ? 600 : 80));
  const [length, setLength] = useState(text(view.value).length);
  const onInput = (e: Event): void => {
    const value = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    setLength(value.length);
    // An emptied field is "" (the runtime sends it as "", as WhatsApp does), not unanswered-and-untouched.
    driver.setValue(name, value);
  };
  const common = {
    id: `f-${name}`,
    name,
    defaultValue: text(view.value),
    disabled: !view.enabled,
    placeholder: ' ',
    'aria-invalid': view.error !== undefined,
    onInput,
  };
  return (
    <div class={`wa-field wa-textfield${view.error === undefined ? '' : ' has-error'}`} data-field={name}>
      <div class="wa-outline">
        {multiline ? <textarea rows={3} maxLength={max} {...common} /> : <input {...common} type={(INPUT_TYPES[text(view.props['input-type'])] ?? 'text') as 'text'} />}
        <label for={`f-${name}`}>{label(view)}</label>
      </div>
      <div class="wa-field-foot">
        <Helper view={view} />
        {multiline && <span class="wa-counter">{`${length}/${max}`}</span>}
      </div>
    </div>
  );
}

function optionTitle(view: ComponentView, id: unknown): string {
  return view.options?.find((o) => o.id === id)?.title ?? '';
}

export function Dropdown({ view, driver }: FieldProps) {
  const [open, setOpen] = useState(false);
  const name = view.name ?? '';
  const chosen = optionTitle(view, view.value);
  return (
    <div class={`wa-field${view.error === undefined ? '' : ' has-error'}`} data-field={name}>
      <button type="button" class={`wa-select${chosen === '' ? '' : ' has-value'}`} disabled={!view.enabled} onClick={() => setOpen(true)}>
        <span class="wa-select-label">{label(view)}</span>
        <span class="wa-select-value">{chosen}</span>
        <span class="wa-chevron">▾</span>
      </button>
      <Helper view={view} />
      {open && (
        <Sheet title={text(view.props['label'])} onClose={() => setOpen(false)} testId="dropdown-sheet">
          <ul class="wa-options">
            {(view.options ?? []).map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  class="wa-option"
                  role="option"
                  aria-selected={o.id === view.value}
                  disabled={!o.enabled}
                  onClick={() => {
                    setOpen(false);
                    driver.select(name, o.id);
                  }}
                >
                  <OptionText option={o} />
                  <span class={`wa-radio${o.id === view.value ? ' is-on' : ''}`} />
                </button>
              </li>
            ))}
          </ul>
        </Sheet>
      )}
    </div>
  );
}

function OptionText({ option }: { option: OptionView }) {
  const image = typeof option.raw['image'] === 'string' ? option.raw['image'] : undefined;
  return (
    <span class="wa-option-text">
      {image !== undefined && <img class="wa-option-img" src={imageSrc(image)} alt={text(option.raw['alt-text'])} />}
      <span>
        <span class="wa-option-title">{option.title}</span>
        {option.description !== undefined && <span class="wa-option-desc">{option.description}</span>}
        {option.metadata !== undefined && <span class="wa-option-meta">{option.metadata}</span>}
      </span>
    </span>
  );
}

export function imageSrc(src: string): string {
  return /^(data:|https?:|blob:)/.test(src) ? src : `data:image/png;base64,${src}`;
}

export function ChoiceList({ view, driver }: FieldProps) {
  const name = view.name ?? '';
  const multi = view.type === 'CheckboxGroup';
  const selected: unknown[] = multi ? (Array.isArray(view.value) ? view.value : []) : view.value === undefined ? [] : [view.value];
  return (
    <fieldset class={`wa-field wa-choices${view.error === undefined ? '' : ' has-error'}`} data-field={name} disabled={!view.enabled}>
      {text(view.props['label']) !== '' && <legend>{label(view)}</legend>}
      {text(view.props['description']) !== '' && <div class="wa-helper">{text(view.props['description'])}</div>}
      {(view.options ?? []).map((o) => {
        const on = selected.includes(o.id);
        return (
          <button
            type="button"
            key={o.id}
            class="wa-option"
            role={multi ? 'checkbox' : 'radio'}
            aria-checked={on}
            disabled={!o.enabled}
            onClick={() => (multi && on ? driver.unselect(name, o.id) : driver.select(name, o.id))}
          >
            <OptionText option={o} />
            <span class={`${multi ? 'wa-check' : 'wa-radio'}${on ? ' is-on' : ''}`} />
          </button>
        );
      })}
      <Helper view={view} />
    </fieldset>
  );
}

export function Chips({ view, driver }: FieldProps) {
  const name = view.name ?? '';
  const selected: unknown[] = Array.isArray(view.value) ? view.value : [];
  return (
    <fieldset class="wa-field wa-chips" data-field={name} disabled={!view.enabled}>
      {text(view.props['label']) !== '' && <legend>{label(view)}</legend>}
      {text(view.props['description']) !== '' && <div class="wa-helper">{text(view.props['description'])}</div>}
      <div class="wa-chip-row">
        {(view.options ?? []).map((o) => {
          const on = selected.includes(o.id);
          return (
            <button type="button" key={o.id} class={`wa-chip${on ? ' is-on' : ''}`} aria-pressed={on} disabled={!o.enabled} onClick={() => (on ? driver.unselect(name, o.id) : driver.select(name, o.id))}>
              {on ? '✓ ' : ''}
              {o.title}
            </button>
          );
        })}
      </div>
      <Helper view={view} />
    </fieldset>
  );
}

function dayRules(view: ComponentView): DayRules {
  const p = view.props;
  return {
    ...(p['min-date'] === undefined ? {} : { min: text(p['min-date']) }),
    ...(p['max-date'] === undefined ? {} : { max: text(p['max-date']) }),
    unavailable: Array.isArray(p['unavailable-dates']) ? p['unavailable-dates'].map(text) : [],
    ...(Array.isArray(p['include-days']) ? { includeDays: p['include-days'] as unknown[] } : {}),
  };
}

export function DateField({ view, driver, version }: FieldProps) {
  const [open, setOpen] = useState(false);
  const name = view.name ?? '';
  const range = view.type === 'CalendarPicker' && view.props['mode'] === 'range';
  const raw = view.value as unknown;
  const rangeValue = range && typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : undefined;
  const shown = range
    ? rangeValue === undefined
      ? ''
      : `${displayDate(rangeValue['start-date'])} – ${displayDate(rangeValue['end-date'])}`
    : displayDate(raw);
  // A range CalendarPicker labels each end ({ "start-date", "end-date" }) and titles the sheet.
  const rawLabel = view.props['label'];
  const ends = typeof rawLabel === 'object' && rawLabel !== null ? (rawLabel as Record<string, unknown>) : undefined;
  const labelText = ends !== undefined ? [text(ends['start-date']), text(ends['end-date'])].filter((l) => l !== '').join(' – ') : text(rawLabel);
  const sheetTitle = text(view.props['title']) !== '' ? text(view.props['title']) : labelText;
  return (
    <div class={`wa-field${view.error === undefined ? '' : ' has-error'}`} data-field={name}>
      {view.type === 'CalendarPicker' && text(view.props['title']) !== '' && <div class="wa-picker-label">{text(view.props['title'])}</div>}
      {view.type === 'CalendarPicker' && text(view.props['description']) !== '' && <div class="wa-helper">{text(view.props['description'])}</div>}
      <button type="button" class={`wa-select${shown === '' ? '' : ' has-value'}`} disabled={!view.enabled} onClick={() => setOpen(true)}>
        <span class="wa-select-label">{labelText === '' ? 'Date' : labelText}</span>
        <span class="wa-select-value">{shown}</span>
        <span class="wa-chevron">📅</span>
      </button>
      <Helper view={view} />
      {open && (
        <DateSheet
          title={sheetTitle === '' ? 'Pick a date' : sheetTitle}
          rules={dayRules(view)}
          range={range}
          value={
            range
              ? { ...(rangeValue?.['start-date'] === undefined ? {} : { start: text(rangeValue['start-date']) }), ...(rangeValue?.['end-date'] === undefined ? {} : { end: text(rangeValue['end-date']) }) }
              : raw === undefined
                ? undefined
                : text(raw)
          }
          onClose={() => setOpen(false)}
          onPick={(picked) => {
            setOpen(false);
            if (typeof picked === 'string') driver.setValue(name, view.type === 'DatePicker' ? dateValue(picked, version) : picked);
            else driver.setValue(name, { 'start-date': picked.start, ...(picked.end === undefined ? {} : { 'end-date': picked.end }) });
          }}
        />
      )}
    </div>
  );
}

export function OptIn({ view, driver, readMore }: FieldProps) {
  const name = view.name ?? '';
  const on = view.value === true;
  return (
    <div class="wa-field wa-optin" data-field={name}>
      <button type="button" class={`wa-check${on ? ' is-on' : ''}`} role="checkbox" aria-checked={on} aria-label={text(view.props['label'])} disabled={!view.enabled} onClick={() => driver.setValue(name, !on)} />
      <span class="wa-optin-text">
        <InlineMarkdown text={label(view)} />
        {readMore === true && (
          <>
            {' '}
            <button type="button" class="wa-linkbtn" onClick={() => driver.activate(`${name}.read-more`)}>
              Read more
            </button>
          </>
        )}
      </span>
      <Helper view={view} />
    </div>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A thumbnail of an image picked in this page, through an object URL made for as long as it shows;
 * the icon when the file does not decode (a "photo" that is no image).
 */
function Thumbnail({ file, alt }: { file: File; alt: string }) {
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const made = URL.createObjectURL(file);
    setUrl(made);
    setBroken(false);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url === undefined || broken ? <span class="wa-file-icon">🖼</span> : <img class="wa-file-thumb" src={url} alt={alt} onError={() => setBroken(true)} />;
}

export function MediaPicker({ view, driver, media }: FieldProps) {
  const name = view.name ?? '';
  const photo = view.type === 'PhotoPicker';
  const input = useRef<HTMLInputElement>(null);
  const items = (Array.isArray(view.value) ? view.value : []).filter(isRecord);
  const { max } = pickerLimits(view);
  // An endpoint refuses single files with an error-message object { media_id: message }; the
  // runtime joins those into the field's error, which the list shows under each file instead.
  const raw = view.props['error-message'];
  const perFile: Record<string, string> = isRecord(raw) ? Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')) : {};
  const ids = items.map((item) => String(item['media_id'] ?? ''));
  const allUnderFiles = Object.keys(perFile).length > 0 && Object.keys(perFile).every((id) => ids.includes(id)) && view.error === Object.values(perFile).join('; ');
  const onChange = (e: Event): void => {
    const el = e.currentTarget as HTMLInputElement;
    const files = [...(el.files ?? [])];
    // Cleared so that choosing the same file again is a change too.
    el.value = '';
    if (files.length > 0) driver.pick(name, files);
  };
  return (
    <div class={`wa-field wa-picker${view.error === undefined && media?.refused === undefined ? '' : ' has-error'}`} data-field={name}>
      <div class="wa-picker-label">{text(view.props['label'])}</div>
      {text(view.props['description']) !== '' && <div class="wa-helper">{text(view.props['description'])}</div>}
      <ul class="wa-files">
        {items.map((item, i) => {
          const id = ids[i] ?? '';
          const fileName = text(item['file_name']) || id;
          const file = pageFile(id);
          const known = media?.files?.[id];
          const size = file?.size ?? known?.file_size ?? (typeof item['file_size'] === 'number' ? item['file_size'] : undefined);
          const error = perFile[id] ?? known?.error;
          return (
            <li key={id === '' ? i : id} data-media-id={id} class={error === undefined ? undefined : 'has-error'}>
              <div class="wa-file-row">
                {file !== undefined && file.type.startsWith('image/') ? <Thumbnail file={file} alt={fileName} /> : <span class="wa-file-icon">{photo ? '🖼' : '📄'}</span>}
                <span class="wa-file-name">{fileName}</span>
                {size !== undefined && <span class="wa-file-size">{formatSize(size)}</span>}
                <button type="button" class="wa-icon-btn" aria-label={`Remove ${fileName}`} disabled={!view.enabled} onClick={() => driver.setValue(name, items.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </div>
              {error !== undefined && (
                <div class="wa-error wa-file-error" role="alert">
                  {error}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <input ref={input} type="file" hidden name={name} accept={pickerAccept(view)} multiple={max > 1} disabled={!view.enabled} onChange={onChange} data-testid={`file-input-${name}`} />
      <button type="button" class="wa-picker-btn" disabled={!view.enabled || items.length >= max} onClick={() => input.current?.click()}>
        {photo ? '📷 Take photo or choose from gallery' : '📎 Choose a document'}
      </button>
      {media?.refused !== undefined && (
        <div class="wa-error wa-picker-refused" role="alert" data-testid="picker-refused">
          {media.refused}
        </div>
      )}
      <Helper view={view} hideError={allUnderFiles} />
    </div>
  );
}
