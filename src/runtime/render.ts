// Builds the render model of one screen from its Flow JSON and the screen's state: dynamic
// properties evaluated, If/Switch reduced to the active branch, data-sources resolved, and the
// list of fields and tappable things the session acts on.
import { getComponentSpec, resolvePropertyMap } from '../flow-json/catalogue/index.js';
import type { ComponentSpec } from '../flow-json/catalogue/index.js';
import { switchKey, toBoolean, toText } from '../flow-json/expressions/index.js';
import { inRange, type FlowJsonVersion } from '../flow-json/versions.js';
import { isRecord, type Json, type ScreenDef } from './document.js';
import { resolveCondition, resolveDeep, resolveString, type ValueEnv } from './evaluate.js';
import { missingRequired, type FieldContext } from './rules.js';
import type { ComponentView, FooterView, OptionView, ScreenView } from './types.js';

export interface ScreenState {
  readonly id: string;
  data: Record<string, unknown>;
  /** Every value the user entered (or init-values set), by field name. */
  form: Record<string, unknown>;
  /** Messages of invalid input, by field name. */
  inputErrors: Record<string, string>;
  /** Fields whose error-message from the flow the user has edited away since the data last changed. */
  dismissed: Set<string>;
  /** Fields whose init value has been applied (once). */
  initialized: Set<string>;
  errorMessage?: string;
}

export interface FieldInfo {
  readonly name: string;
  readonly type: string;
  readonly pointer: string;
  readonly ctx: FieldContext;
  readonly visible: boolean;
  readonly enabled: boolean;
  /** The resolved `required` (a boolean, or per end for a CalendarPicker range). */
  readonly required: unknown;
  readonly label: string;
  readonly initValue: unknown;
  readonly raw: Json;
  readonly view: ComponentView;
}

export interface Activatable {
  readonly kind: 'link' | 'read-more' | 'list-item';
  /** Names the caller may use: text, name, "list.itemId", item id, pointer. */
  readonly refs: readonly string[];
  readonly action: unknown;
  readonly pointer: string;
  readonly visible: boolean;
  /** For list items: the item id and the list name. */
  readonly item?: { list: string; id: string };
}

export interface Rendered {
  readonly view: ScreenView;
  readonly fields: ReadonlyMap<string, FieldInfo>;
  readonly activatables: readonly Activatable[];
  readonly footerAction?: unknown;
}

interface Ctx {
  readonly version: FlowJsonVersion;
  readonly env: ValueEnv;
  readonly state: ScreenState;
  readonly fields: Map<string, FieldInfo>;
  readonly activatables: Activatable[];
  footer?: { view: FooterView; action: unknown };
}

interface FormScope {
  readonly init: Json;
  readonly errors: Json;
}

/** Properties that are structure, options or actions rather than values to show. */
function isStructural(spec: ComponentSpec, key: string, version: FlowJsonVersion): boolean {
  const prop = resolvePropertyMap(spec.properties, version).get(key);
  if (!prop) return true;
  return prop.value.kind === 'components' || prop.value.kind === 'action' || key === 'data-source' || key === 'list-items' || key === 'cases';
}

function resolveProps(spec: ComponentSpec, raw: Json, ctx: Ctx): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, prop] of resolvePropertyMap(spec.properties, ctx.version)) {
    if (isStructural(spec, key, ctx.version)) continue;
    if (Object.prototype.hasOwnProperty.call(raw, key)) {
      const value = resolveDeep(raw[key], ctx.env, ctx.version);
      if (value !== undefined) props[key] = value;
    } else if (prop.default !== undefined) {
      props[key] = prop.default;
    }
  }
  return props;
}

function resolveOptions(raw: unknown, ctx: Ctx): { options: OptionView[]; items: Json[] } {
  const list = typeof raw === 'string' ? resolveString(raw, ctx.env, ctx.version) : raw;
  const options: OptionView[] = [];
  const items: Json[] = [];
  if (!Array.isArray(list)) return { options, items };
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    // Actions keep their payload strings; they are evaluated when they run.
    const item: Json = {};
    for (const [k, v] of Object.entries(entry)) item[k] = k.endsWith('-action') ? v : resolveDeep(v, ctx.env, ctx.version);
    const id = item['id'];
    if (typeof id !== 'string' && typeof id !== 'number') continue;
    const main = isRecord(item['main-content']) ? item['main-content'] : undefined;
    const option: OptionView = {
      id: String(id),
      title: toText(main ? main['title'] : item['title']),
      enabled: item['enabled'] === undefined ? true : toBoolean(item['enabled']),
      raw: item,
    };
    const description = toText(main ? main['description'] : item['description']);
    const metadata = toText(main ? main['metadata'] : item['metadata']);
    if (description) option.description = description;
    if (metadata) option.metadata = metadata;
    options.push(option);
    items.push(item);
  }
  return { options, items };
}

function labelOf(props: Record<string, unknown>, name: string): string {
  const label = props['label'];
  if (isRecord(label)) return [toText(label['start-date']), toText(label['end-date'])].filter(Boolean).join(' / ') || name;
  return toText(label) || name;
}

function messageOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (isRecord(v)) {
    const parts = Object.values(v).map(toText).filter(Boolean);
    return parts.length ? parts.join('; ') : undefined;
  }
  return undefined;
}

function walk(children: unknown, base: string, ctx: Ctx, form: FormScope | undefined, parentVisible: boolean): ComponentView[] {
  const out: ComponentView[] = [];
  if (!Array.isArray(children)) return out;
  children.forEach((raw: unknown, i) => {
    if (!isRecord(raw) || typeof raw['type'] !== 'string') return;
    const pointer = `${base}/${i}`;
    const type = raw['type'];
    const spec = getComponentSpec(type);
    // A component the flow's version does not have is not rendered by that client.
    if (!spec || !inRange(ctx.version, spec.versions)) return;
    if (type === 'If') {
      const branch = resolveCondition(raw['condition'], ctx.env, ctx.version) ? 'then' : 'else';
      out.push(...walk(raw[branch], `${pointer}/${branch}`, ctx, form, parentVisible));
      return;
    }
    if (type === 'Switch') {
      const key = activeCase(raw['cases'], switchKey(resolveDeep(raw['value'], ctx.env, ctx.version)));
      if (key !== undefined) {
        out.push(...walk((raw['cases'] as Json)[key], `${pointer}/cases/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, ctx, form, parentVisible));
      }
      return;
    }
    if (type === 'Form') {
      const init = resolveDeep(raw['init-values'], ctx.env, ctx.version);
      const errors = resolveDeep(raw['error-messages'], ctx.env, ctx.version);
      const scope: FormScope = { init: isRecord(init) ? init : {}, errors: isRecord(errors) ? errors : {} };
      const view: ComponentView = { type, pointer, visible: parentVisible, enabled: true, props: {} };
      if (typeof raw['name'] === 'string') view.name = raw['name'];
      view.children = walk(raw['children'], `${pointer}/children`, ctx, scope, parentVisible);
      out.push(view);
      return;
    }
    const props = resolveProps(spec, raw, ctx);
    if (type === 'Footer') {
      if (ctx.footer) return; // one footer per screen; the first active one wins
      const view: FooterView = { label: toText(props['label']), enabled: props['enabled'] === undefined ? true : toBoolean(props['enabled']), pointer };
      for (const [key, field] of [['left-caption', 'leftCaption'], ['center-caption', 'centerCaption'], ['right-caption', 'rightCaption']] as const) {
        const caption = toText(props[key]);
        if (caption) view[field] = caption;
      }
      ctx.footer = { view, action: raw['on-click-action'] };
      return;
    }
    // Hidden only by a resolved `visible` of exactly false: "", 0, "false" or a missing binding
    // leave the component shown (measured against WhatsApp's web client, issue 15; the components
    // reference types `visible` as a Boolean defaulting to true, so a non-boolean is not "false").
    const visible = parentVisible && props['visible'] !== false;
    const enabled = props['enabled'] === undefined ? true : toBoolean(props['enabled']);
    const view: ComponentView = { type, pointer, visible, enabled, props };
    const name = typeof raw['name'] === 'string' ? raw['name'] : undefined;
    if (name !== undefined) view.name = name;
    if (Object.prototype.hasOwnProperty.call(raw, 'data-source') || Object.prototype.hasOwnProperty.call(raw, 'list-items')) {
      const { options, items } = resolveOptions(raw['data-source'] ?? raw['list-items'], ctx);
      view.options = options;
      if (type === 'NavigationList' && name !== undefined) {
        options.forEach((o, index) => {
          const item = items[index] as Json;
          ctx.activatables.push({
            kind: 'list-item',
            refs: [`${name}.${o.id}`, o.id, o.title, `${pointer}/list-items/${index}`],
            action: item['on-click-action'] ?? raw['on-click-action'],
            pointer: `${pointer}/list-items/${index}`,
            visible,
            item: { list: name, id: o.id },
          });
        });
      }
    }
    if (type === 'EmbeddedLink') {
      ctx.activatables.push({ kind: 'link', refs: [toText(props['text']), pointer], action: raw['on-click-action'], pointer, visible });
    }
    if (type === 'OptIn' && raw['on-click-action'] !== undefined) {
      const refs = [pointer, `${pointer}/on-click-action`];
      if (name !== undefined) refs.unshift(name, `${name}.read-more`);
      ctx.activatables.push({ kind: 'read-more', refs, action: raw['on-click-action'], pointer: `${pointer}/on-click-action`, visible });
    }
    if (spec.formValue && name !== undefined && !ctx.fields.has(name)) {
      let required: unknown = props['required'];
      if (type === 'PhotoPicker' || type === 'DocumentPicker') {
        const min = Number(props[type === 'PhotoPicker' ? 'min-uploaded-photos' : 'min-uploaded-documents'] ?? 0);
        required = min > 0;
      }
      const fieldCtx: FieldContext = { type, props, options: view.options, version: ctx.version };
      const value = ctx.state.form[name];
      if (value !== undefined) view.value = value;
      view.required = missingRequired(fieldCtx, required, undefined);
      const flowError = ctx.state.dismissed.has(name)
        ? undefined
        : messageOf(form ? ownValue(form.errors, name) : undefined) ?? messageOf(props['error-message']);
      const error = ctx.state.inputErrors[name] ?? flowError;
      if (error !== undefined) view.error = error;
      const init = form ? ownValue(form.init, name) : undefined;
      const initValue = init !== undefined ? init : props['init-value'];
      ctx.fields.set(name, {
        name, type, pointer, ctx: fieldCtx, visible, enabled, required, label: labelOf(props, name), initValue, raw, view,
      });
    }
    out.push(view);
  });
  return out;
}

export function renderScreen(screen: ScreenDef, state: ScreenState, env: ValueEnv, version: FlowJsonVersion): Rendered {
  const ctx: Ctx = { version, env, state, fields: new Map(), activatables: [] };
  const components = walk(screen.children, `/screens/${screen.index}/layout/children`, ctx, undefined, true);
  const title = screen.raw['title'] === undefined ? '' : toText(resolveDeep(screen.raw['title'], env, version));
  const view: ScreenView = { id: screen.id, title, terminal: screen.terminal, data: state.data, components };
  if (state.errorMessage !== undefined) view.errorMessage = state.errorMessage;
  if (ctx.footer) {
    const footer = ctx.footer.view;
    if (!footer.enabled) {
      footer.disabledReason = 'the flow disables this button ("enabled" is false)';
    } else {
      const missing: string[] = [];
      const invalid: string[] = [];
      for (const f of ctx.fields.values()) {
        if (!f.visible || !f.enabled) continue;
        if (state.inputErrors[f.name] !== undefined) invalid.push(`${f.label} (${state.inputErrors[f.name] as string})`);
        else if (missingRequired(f.ctx, f.required, state.form[f.name])) missing.push(f.label);
      }
      const reasons: string[] = [];
      if (missing.length) reasons.push(`fill in ${missing.join(', ')}`);
      if (invalid.length) reasons.push(`correct ${invalid.join(', ')}`);
      if (reasons.length) {
        footer.enabled = false;
        footer.disabledReason = `Required before continuing: ${reasons.join('; ')}`;
      }
    }
    view.footer = footer;
  }
  const rendered: Rendered = { view, fields: ctx.fields, activatables: ctx.activatables };
  return ctx.footer ? { ...rendered, footerAction: ctx.footer.action } : rendered;
}

/**
 * The `cases` key a Switch shows: the case named by its value, else a case named "default", else
 * none. The components reference (Switch, 4.0+) describes only `value` and `cases` and says nothing
 * of unmatched values; WhatsApp's web client renders `cases.default` then (measured, issue 15).
 * Switch exists only from 4.0 (an older client does not render it at all, see `walk`), and no
 * measurement shows a version where the fallback differs, so it applies to every version with Switch.
 * A value that is itself "default" selects that case like any other key.
 */
function activeCase(cases: unknown, key: string | undefined): string | undefined {
  if (!isRecord(cases)) return undefined;
  if (key !== undefined && Object.prototype.hasOwnProperty.call(cases, key)) return key;
  return Object.prototype.hasOwnProperty.call(cases, 'default') ? 'default' : undefined;
}

/** A document object's own value for a field name (a name like "constructor" must not find Object.prototype's). */
function ownValue(record: Json, key: string): unknown {
  return isRecord(record) && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
