// The selected component's (or screen's) properties, as the catalogue describes them in the
// document's version: a select for enums and booleans, a text field for strings and numbers, JSON
// for the rest; limits and types under each, required ones marked. A change is written into the
// JSON text as soon as it is committed (Enter or leaving the field) and nowhere else; emptying an
// optional field removes the property.
import { useState } from 'preact/hooks';
import type { FlowJsonVersion, ValueSpec } from '../../../../src/flow-json/index.js';
import { propertyDetail } from '../catalogue-docs.js';
import { placeAt, propertiesOf } from '../flow-places.js';
import type { PropertyInfo } from '../flow-places.js';
import type { PathSegment } from '../json-scan.js';
import { pointerOf, record, valueAt } from './model.js';
import type { Path } from './model.js';

/** Properties edited elsewhere: the tree holds components, and `type` picks the catalogue entry. */
function editedHere(p: PropertyInfo): boolean {
  if (p.name === 'type' || p.name === 'layout') return false;
  const v = p.resolved?.value;
  if (v?.kind === 'components') return false;
  return !(v?.kind === 'object' && typeof v.additionalProperties === 'object' && v.additionalProperties.kind === 'components');
}

type Control = 'enum' | 'boolean' | 'string' | 'number' | 'json';

/** The control for a spec and the value written now (a `${…}` reference in a number stays text). */
function controlFor(spec: ValueSpec | undefined, value: unknown): Control {
  if (spec === undefined) return 'string';
  switch (spec.kind) {
    case 'string':
      return spec.enum !== undefined ? 'enum' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return typeof value === 'string' ? 'string' : 'number';
    case 'oneOf':
      return spec.options.some((o) => o.kind === 'string' && o.enum === undefined) && (value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) ? 'string' : 'json';
    default:
      return 'json';
  }
}

const shown = (value: unknown, control: Control): string => {
  if (value === undefined) return '';
  if (control === 'json') return JSON.stringify(value, null, 2);
  return typeof value === 'string' ? value : JSON.stringify(value);
};

interface FieldProps {
  readonly info: PropertyInfo;
  readonly value: unknown;
  readonly id: string;
  /** Writes the value; a message when the text could not take it. */
  readonly onSet: (value: unknown) => string | undefined;
  readonly onRemove: () => void;
}

function Field({ info, value, id, onSet, onRemove }: FieldProps) {
  const [error, setError] = useState<string | undefined>(undefined);
  // What is being typed, until committed: the builder re-renders on its own (validation, preview),
  // and a field showing the document's value would drop the keystrokes.
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const spec = info.resolved?.value;
  const control = controlFor(spec, value);
  const present = value !== undefined;
  /** What the typed text stands for, or a message saying why it cannot be written. */
  const parse = (raw: string): { value: unknown } | { remove: true } | { error: string } => {
    if (raw.trim() === '' && !info.required && (control !== 'boolean' || raw === '')) return { remove: true };
    switch (control) {
      case 'number': {
        if (info.resolved?.dynamic === true && raw.trim().startsWith('${')) return { value: raw };
        const n = Number(raw);
        return raw.trim() === '' || !Number.isFinite(n) ? { error: info.resolved?.dynamic === true ? 'Enter a number or a ${…} reference.' : 'Enter a number.' } : { value: n };
      }
      case 'boolean':
        return { value: raw === 'true' ? true : raw === 'false' ? false : raw };
      case 'json':
        try {
          return { value: JSON.parse(raw) as unknown };
        } catch (e) {
          return { error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
        }
      default: {
        if (spec?.kind !== 'oneOf') return { value: raw };
        // "5" for a number-or-string property is the number; "true" for boolean-or-string the boolean.
        const kinds = new Set(spec.options.map((o) => o.kind));
        if (kinds.has('number') && raw.trim() !== '' && Number.isFinite(Number(raw))) return { value: Number(raw) };
        if (kinds.has('boolean') && (raw === 'true' || raw === 'false')) return { value: raw === 'true' };
        return { value: raw };
      }
    }
  };
  const commit = (raw: string): void => {
    const parsed = parse(raw);
    if ('error' in parsed) return setError(parsed.error);
    setDraft(undefined);
    if ('remove' in parsed) {
      if (present) onRemove();
      return setError(undefined);
    }
    setError(JSON.stringify(parsed.value) === JSON.stringify(value) ? undefined : onSet(parsed.value));
  };
  const detail = propertyDetail(info);
  const common = {
    id,
    'aria-describedby': `${id}-detail`,
    'aria-required': info.required,
    'aria-invalid': error !== undefined,
    'data-testid': `prop-${info.name}`,
  };
  let input;
  if (control === 'enum' || control === 'boolean') {
    const options = control === 'boolean' ? ['true', 'false'] : spec?.kind === 'string' ? [...(spec.enum ?? [])] : [];
    const current = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (current !== '' && !options.includes(current)) options.unshift(current);
    input = (
      <select {...common} value={current} onChange={(e) => commit((e.currentTarget as HTMLSelectElement).value)}>
        {(!info.required || current === '') && <option value="">{info.required ? '(choose)' : '(not set)'}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (control === 'json') {
    input = <textarea {...common} rows={Math.min(8, Math.max(2, shown(value, control).split('\n').length))} spellcheck={false} value={draft ?? shown(value, control)} onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)} onChange={(e) => commit((e.currentTarget as HTMLTextAreaElement).value)} />;
  } else {
    input = <input {...common} type="text" inputMode={control === 'number' ? 'decimal' : undefined} value={draft ?? shown(value, control)} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} onChange={(e) => commit((e.currentTarget as HTMLInputElement).value)} />;
  }
  return (
    <div class={`vis-field${present ? '' : ' is-absent'}`}>
      <label for={id}>
        {info.name}
        {info.required && (
          <abbr class="vis-req" title="required">
            *
          </abbr>
        )}
      </label>
      {input}
      <small id={`${id}-detail`} class="vis-detail" title={info.description}>
        {detail === '' ? info.description : detail}
        {error !== undefined && <span class="vis-error" role="alert">{` — ${error}`}</span>}
      </small>
      {present && !info.required && (
        <button type="button" class="vis-unset" aria-label={`Remove ${info.name}`} data-testid={`unset-${info.name}`} onClick={onRemove}>
          Remove
        </button>
      )}
    </div>
  );
}

export interface PropertyPanelProps {
  readonly root: unknown;
  /** The component's path, or the screen's. */
  readonly path: Path;
  readonly version: FlowJsonVersion;
  readonly onSet: (pointer: string, key: string, value: unknown, after: string | undefined) => string | undefined;
  readonly onRemove: (pointer: string, key: string) => void;
}

export function PropertyPanel({ root, path, version, onSet, onRemove }: PropertyPanelProps) {
  const object = record(valueAt(root, path));
  const place = placeAt(root, path as PathSegment[], version);
  const props = (propertiesOf(place, version) ?? []).filter(editedHere);
  const pointer = pointerOf(path);
  const kind = place.kind === 'screen' ? `Screen ${String(object?.['id'] ?? '')}` : String(object?.['type'] ?? 'Component');
  const required = props.filter((p) => p.required);
  const optional = props.filter((p) => !p.required);
  const field = (p: PropertyInfo) => {
    const i = props.indexOf(p);
    // A new property goes after the nearest earlier one (catalogue order) that is written.
    const after = props.slice(0, i).reverse().find((q) => object !== undefined && Object.prototype.hasOwnProperty.call(object, q.name))?.name ?? (object !== undefined && 'type' in object ? 'type' : undefined);
    return <Field key={`${pointer}|${p.name}`} info={p} id={`prop-${pointer.replace(/[^\w-]/g, '_')}-${p.name}`} value={object?.[p.name]} onSet={(v) => onSet(pointer, p.name, v, after)} onRemove={() => onRemove(pointer, p.name)} />;
  };
  return (
    <section class="vis-props" aria-label="Properties" data-testid="property-panel">
      <h3 class="vis-h">
        {kind} <small>properties</small>
      </h3>
      {object === undefined ? (
        <p class="vis-empty">Select a component.</p>
      ) : (
        <>
          {place.kind === 'component' && place.spec === undefined && <p class="vis-empty">Unknown component type: edit it in Code mode.</p>}
          {required.map(field)}
          {optional.length > 0 && (
            <details class="vis-optional" open={optional.some((p) => object[p.name] !== undefined)}>
              <summary>Optional ({optional.length})</summary>
              {optional.map(field)}
            </details>
          )}
        </>
      )}
    </section>
  );
}
