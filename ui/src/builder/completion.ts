// Completion for Flow JSON from the catalogue of the document's version, on plain text and an
// offset (no editor needed, so it is unit-tested in Node): component types allowed where the
// cursor is, property names of the object being written, enum values, screen ids where a screen
// id goes (`next.name`, routing_model), and `${data.…}`, `${form.…}` and `${screen.…}`
// references that exist. Editor.tsx turns the answer into CodeMirror's completions.
import { actionSpecsFor, compareVersions, componentSpecsFor, describeRange } from '../../../src/flow-json/index.js';
import type { ComponentSpec, FlowJsonVersion, ValueSpec } from '../../../src/flow-json/index.js';
import type { DataShape } from '../../../src/flow-json/data-model/index.js';
import { dataFieldsOf, formFieldsOf } from '../../../src/flow-json/validate/flow-types.js';
import type { ScreenNode } from '../../../src/flow-json/validate/model.js';
import { actionDoc, componentDoc, propertyDetail, propertyDoc } from './catalogue-docs.js';
import { readFlow, screenOf, valueAt } from './flow-document.js';
import type { FlowDocument, FlowDocumentOptions } from './flow-document.js';
import { childPlace, DATA_TYPES, placeAt, propertiesOf } from './flow-places.js';
import type { Place, PropertyInfo } from './flow-places.js';
import { contextAt, stringValue } from './json-scan.js';
import type { CursorContext, PathSegment, Token } from './json-scan.js';

export interface CompletionOption {
  /** What the list shows and the typed text is matched against. */
  readonly label: string;
  /** The text that replaces [from, to). */
  readonly insert: string;
  /** Where the cursor goes within `insert` (default: its end). */
  readonly cursor?: number;
  /** The cursor lands where another completion applies (inside `""`): ask again. */
  readonly reopen?: boolean;
  readonly type: 'type' | 'property' | 'enum' | 'keyword' | 'variable' | 'constant';
  readonly detail?: string;
  readonly info?: string;
  /** Higher comes first among equal matches (required properties). */
  readonly boost?: number;
}

export interface CompletionList {
  readonly from: number;
  readonly to: number;
  readonly options: readonly CompletionOption[];
}

export type CompletionOptions = FlowDocumentOptions;

/** Completions at `offset` in `text`, or undefined where there is nothing to suggest. */
export function completeFlowJson(text: string, offset: number, options: CompletionOptions = {}): CompletionList | undefined {
  const ctx = contextAt(text, offset);
  if (ctx === undefined) return undefined;
  const doc = readFlow(text, options);
  if (ctx.where === 'key') return keyCompletions(text, offset, ctx, doc);
  const token = ctx.token;
  if (token?.kind === 'string') {
    const refs = referenceCompletions(text, offset, token, ctx, doc);
    if (refs !== undefined) return refs;
  }
  return valueCompletions(text, offset, ctx, doc);
}

// ---- keys ----

function keyCompletions(text: string, offset: number, ctx: CursorContext, doc: FlowDocument): CompletionList | undefined {
  const { token } = ctx;
  const place = placeAt(doc.root, ctx.path, doc.version);
  const typed = token === undefined ? '' : token.kind === 'string' ? stringValue(token.raw) : token.raw;
  const present = valueAt(doc.root, ctx.path);
  const has = (name: string): boolean => name !== typed && typeof present === 'object' && present !== null && Object.prototype.hasOwnProperty.call(present, name);

  let items: { name: string; detail?: string; info?: string; boost?: number; value?: ValueSpec; reopen?: boolean }[];
  if (ctx.path.length === 1 && ctx.path[0] === 'routing_model') {
    items = screenIds(doc).map((id) => ({ name: id, detail: 'screen', value: { kind: 'array', items: { kind: 'string' } } }));
  } else {
    const props = propertiesOf(place, doc.version);
    if (props === undefined) return undefined;
    items = props.map((p) => ({ name: p.name, detail: propertyDetail(p), info: propertyDoc(p).join('\n'), boost: p.required ? 1 : 0, ...valueShape(place, p) }));
  }
  items = items.filter((i) => !has(i.name));
  if (items.length === 0) return undefined;

  // Inside "…": replace the content, and the closing quote too when no colon follows yet.
  let from = offset;
  let to = offset;
  let quoted = false;
  let withValue = true;
  if (token?.kind === 'string') {
    from = token.from + 1;
    quoted = true;
    const colonFollows = /^\s*:/.test(text.slice(token.to));
    if (token.closed && colonFollows) {
      to = token.to - 1;
      withValue = false;
    } else to = token.closed ? token.to : offset; // the rest of an open string's line stays
  } else if (token?.kind === 'word') {
    from = token.from;
    to = token.to;
  }
  return {
    from,
    to,
    options: items.map((i) => {
      const name = JSON.stringify(i.name).slice(1, -1);
      if (!withValue) return { label: i.name, insert: name, type: 'property', ...extra(i) };
      const head = `${quoted ? '' : '"'}${name}": `;
      const [skeleton, inner] = skeletonOf(i.value);
      return { label: i.name, insert: head + skeleton, cursor: head.length + inner, type: 'property', ...extra(i), ...(i.reopen === true ? { reopen: true } : {}) };
    }),
  };
}

function extra(i: { detail?: string; info?: string; boost?: number }): Pick<CompletionOption, 'detail' | 'info' | 'boost'> {
  return { ...(i.detail === undefined || i.detail === '' ? {} : { detail: i.detail }), ...(i.info === undefined ? {} : { info: i.info }), ...(i.boost === undefined || i.boost === 0 ? {} : { boost: i.boost }) };
}

/** The value a property takes, for its skeleton, and whether its value has completions too. */
function valueShape(place: Place, p: PropertyInfo): { value?: ValueSpec; reopen?: boolean } {
  // The discriminators: a string chosen from a list.
  if ((place.kind === 'component' && p.name === 'type') || (place.kind === 'action' && p.name === 'name') || (place.kind === 'data-field' && p.name === 'type')) {
    return { value: { kind: 'string' }, reopen: true };
  }
  if (place.kind === 'data-field') {
    if (p.name === 'properties') return { value: { kind: 'object', properties: {} } };
    if (p.name === 'items') return { value: { kind: 'object', properties: {} } };
    if (p.name === 'required' || p.name === 'enum') return { value: { kind: 'array', items: { kind: 'string' } } };
    return {};
  }
  const value = p.resolved?.value;
  if (value === undefined) return {};
  return { value, reopen: valueHasChoices(value) };
}

function valueHasChoices(spec: ValueSpec): boolean {
  if (spec.kind === 'string') return spec.enum !== undefined || spec.format === 'screen-id';
  if (spec.kind === 'oneOf') return spec.options.some(valueHasChoices);
  return false;
}

/** A value's empty form and where the cursor goes in it. */
function skeletonOf(spec: ValueSpec | undefined): [string, number] {
  if (spec === undefined) return ['', 0];
  switch (spec.kind) {
    case 'string':
      return ['""', 1];
    case 'array':
    case 'components':
      return ['[]', 1];
    case 'object':
    case 'action':
    case 'data-model':
      return ['{}', 1];
    case 'oneOf':
      return skeletonOf(spec.options[0]);
    default:
      return ['', 0];
  }
}

// ---- values ----

interface ValueItem {
  readonly value: string | boolean;
  readonly type: CompletionOption['type'];
  readonly detail?: string;
  readonly info?: string;
}

function valueCompletions(text: string, offset: number, ctx: CursorContext, doc: FlowDocument): CompletionList | undefined {
  const { token } = ctx;
  const key = ctx.key as PathSegment;
  const parent = placeAt(doc.root, ctx.path, doc.version);
  const items = valueItems(parent, key, ctx.path, doc);
  if (items.length === 0) return undefined;
  if (token?.kind === 'string') {
    // Replace the content; an unterminated string gets its closing quote after the cursor (the
    // rest of its line, which it swallowed, stays as it is).
    return {
      from: token.from + 1,
      to: token.closed ? token.to - 1 : offset,
      options: items.filter((i) => typeof i.value === 'string').map((i) => {
        const body = JSON.stringify(i.value).slice(1, -1);
        return { label: String(i.value), insert: token.closed ? body : `${body}"`, type: i.type, ...extra(i) };
      }),
    };
  }
  return {
    from: token?.from ?? offset,
    to: token?.to ?? offset,
    options: items.map((i) => ({ label: String(i.value), insert: JSON.stringify(i.value), type: i.type, ...extra(i) })),
  };
}

function valueItems(parent: Place, key: PathSegment, path: readonly PathSegment[], doc: FlowDocument): ValueItem[] {
  const version = doc.version;
  if (parent.kind === 'component' && key === 'type') {
    return allowedComponents(parent, version).map((c) => ({ value: c.type, type: 'type', detail: `${c.category} · ${describeRange(c.versions)}`, info: componentDoc(c, version).join('\n') }));
  }
  if (parent.kind === 'action' && key === 'name') {
    return actionSpecsFor(version)
      .filter((a) => parent.actions.includes(a.name))
      .map((a) => ({ value: a.name, type: 'keyword', detail: 'action', info: actionDoc(a, version).join('\n') }));
  }
  if (parent.kind === 'data-field' && key === 'type') return DATA_TYPES.map((t) => ({ value: t, type: 'keyword' }));
  const here = childPlace(parent, valueAt(doc.root, path), key, version);
  if (here.kind !== 'value') return [];
  return specItems(here.spec, doc);
}

function specItems(spec: ValueSpec, doc: FlowDocument): ValueItem[] {
  switch (spec.kind) {
    case 'string':
      if (spec.enum !== undefined) return spec.enum.map((v) => ({ value: v, type: 'enum' }));
      if (spec.format === 'screen-id') return screens(doc).map((s) => ({ value: s.id as string, type: 'constant', detail: 'screen', ...(typeof s.value['title'] === 'string' ? { info: s.value['title'] } : {}) }));
      return [];
    case 'boolean':
      return [
        { value: true, type: 'keyword' },
        { value: false, type: 'keyword' },
      ];
    case 'oneOf': {
      const seen = new Set<string>();
      return spec.options.flatMap((o) => specItems(o, doc)).filter((i) => !seen.has(String(i.value)) && seen.add(String(i.value)) !== undefined);
    }
    default:
      return [];
  }
}

/** Component types the catalogue allows in this list, for this version. */
export function allowedComponents(place: { readonly allowed: readonly string[] | undefined; readonly inForm: boolean }, version: FlowJsonVersion): ComponentSpec[] {
  let list = componentSpecsFor(version);
  const allowed = place.allowed;
  if (allowed !== undefined) list = list.filter((c) => allowed.includes(c.type));
  if (place.inForm) list = list.filter((c) => c.type !== 'Form');
  // Before 4.0 inputs live only in a Form (the form-placement rule).
  else if (compareVersions(version, '4.0') < 0) list = list.filter((c) => c.formValue === undefined);
  return list;
}

function screens(doc: FlowDocument): ScreenNode[] {
  return doc.model().screens.filter((s) => typeof s.id === 'string' && s.id !== '');
}

function screenIds(doc: FlowDocument): string[] {
  return [...new Set(screens(doc).map((s) => s.id as string))];
}

// ---- ${…} references ----

const IDENT = /[A-Za-z_][\w]*$/;

function referenceCompletions(text: string, offset: number, token: Token, ctx: CursorContext, doc: FlowDocument): CompletionList | undefined {
  const before = text.slice(token.from + 1, offset);
  const open = before.lastIndexOf('${');
  if (open === -1 || before.indexOf('}', open) !== -1) return undefined;
  const expr = before.slice(open + 2);
  // The dotted chain being written at the cursor: `form.na` → ["form"], prefix "na".
  const m = /((?:[A-Za-z_][\w]*\.)*)([A-Za-z_][\w]*)?$/.exec(expr);
  const chain = m?.[1] === undefined || m[1] === '' ? [] : m[1].slice(0, -1).split('.');
  const prefix = m?.[2] ?? '';
  if (prefix !== '' && !IDENT.test(prefix)) return undefined;
  const from = offset - prefix.length;
  const screen = screenOf(doc, ctx.path);
  const items = referenceItems(chain, screen, doc);
  if (items.length === 0) return undefined;
  return { from, to: offset, options: items.map((i) => ({ label: i.name, insert: i.name, type: 'variable', ...extra(i) })) };
}

interface RefItem {
  readonly name: string;
  readonly detail?: string;
  readonly info?: string;
}

function referenceItems(chain: readonly string[], screen: ScreenNode | undefined, doc: FlowDocument): RefItem[] {
  if (chain.length === 0) {
    return [
      { name: 'data', detail: "this screen's data" },
      { name: 'form', detail: "this screen's inputs" },
      { name: 'screen', detail: 'another screen (${screen.<id>.data.…})' },
    ];
  }
  const [root, ...rest] = chain;
  if (root === 'data') return screen === undefined ? [] : dataItems(dataFieldsOf(screen), rest);
  if (root === 'form') return screen === undefined || rest.length > 0 ? [] : formItems(screen);
  if (root === 'screen') {
    if (rest.length === 0) return screenIds(doc).map((id) => ({ name: id, detail: 'screen' }));
    const target = doc.model().screenById.get(rest[0] as string);
    if (target === undefined) return [];
    if (rest.length === 1) return [{ name: 'data', detail: `${target.id ?? ''}'s data` }, { name: 'form', detail: `${target.id ?? ''}'s inputs` }];
    if (rest[1] === 'data') return dataItems(dataFieldsOf(target), rest.slice(2));
    if (rest[1] === 'form' && rest.length === 2) return formItems(target);
  }
  return [];
}

function dataItems(fields: Readonly<Record<string, DataShape>>, rest: readonly string[]): RefItem[] {
  let here: Readonly<Record<string, DataShape>> | undefined = fields;
  for (const name of rest) {
    const shape: DataShape | undefined = here !== undefined && Object.prototype.hasOwnProperty.call(here, name) ? here[name] : undefined;
    here = shape?.type === 'object' ? shape.properties : undefined;
    if (here === undefined) return [];
  }
  return Object.entries(here).map(([name, shape]) => ({
    name,
    detail: shape.type,
    ...(shape.example === undefined ? {} : { info: `Example: ${JSON.stringify(shape.example)}` }),
  }));
}

function formItems(screen: ScreenNode): RefItem[] {
  return [...formFieldsOf(screen)].map(([name, c]) => ({ name, detail: c.type, ...(typeof c.value['label'] === 'string' ? { info: c.value['label'] } : {}) }));
}
