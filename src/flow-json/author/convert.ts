// flowJsonToTs: a Flow JSON document → a TypeScript module that builds it with the builders of its
// version. Lossless by construction: what a builder cannot express exactly (an unknown component
// or property, a screen with another layout shape, an unusual action) is written as raw(...) or
// as `extra` keys, and routing_model is left to derivation only when deriving gives it back.
import { FLOW_SPEC, SCREEN_SPEC, getComponentSpec, resolvePropertyMap } from '../catalogue/index.js';
import type { ValueSpec } from '../catalogue/index.js';
import { inRange, isFlowJsonVersion } from '../versions.js';
import type { FlowJsonVersion } from '../versions.js';
import { builderName } from './names.js';
import { array, arrow, call, code, literal, object, print, stringLiteral } from './print.js';
import type { Code } from './print.js';
import { deriveRoutingModel } from './routing.js';

export interface FlowJsonToTsOptions {
  /** Name of the exported flow constant (default "flowDefinition"). */
  readonly name?: string;
  /** Module the builders are imported from (default "waflow/author"). */
  readonly importFrom?: string;
  /** Where the JSON came from, for the header comment. */
  readonly source?: string;
}

/** A document that is not a flow convert can read (no version, no screens...), with where. */
export class ConvertError extends Error {
  readonly pointer: string;
  constructor(pointer: string, message: string) {
    super(`${pointer === '' ? 'the document' : pointer}: ${message}`);
    this.name = 'ConvertError';
    this.pointer = pointer;
  }
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED_NAMES = new Set(['builders', 'flow', 'screen', 'raw', 't', 'field', 'expr', 'ref', 'data', 'form', 'fields']);
const DATA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);
const REF = /^\$\{(data|form)\.([A-Za-z_$][A-Za-z0-9_$]*)\}$/;

/** What converting one screen needs to know. */
interface ScreenScope {
  readonly dataNames: ReadonlySet<string>;
  readonly inputs: readonly string[];
  readonly formVar: string;
  readonly usedForm: Set<string>;
  usedData: boolean;
  /** data_exchange actions written with dataExchange(), in order: the JSON object and its call. */
  readonly exchanges: { readonly json: Json; readonly call: Code & { kind: 'call' }; readonly owner: string }[];
  /** The type of the component whose properties are being converted. */
  owner: string;
}

class Converter {
  readonly used = new Set<string>(['flow']);
  constructor(readonly version: FlowJsonVersion) {}

  builder(name: string): string {
    this.used.add(name);
    return name;
  }

  raw(value: unknown): Code {
    return call(this.builder('raw'), literal(value));
  }

  /** A value inside a component: whole-string references to declared fields become data.x / form.x. */
  value(v: unknown, scope: ScreenScope): Code {
    if (typeof v === 'string') {
      const m = REF.exec(v);
      if (m?.[1] === 'data' && scope.dataNames.has(m[2]!)) {
        scope.usedData = true;
        return code(`data.${m[2]}`);
      }
      if (m?.[1] === 'form' && scope.inputs.includes(m[2]!)) {
        scope.usedForm.add(m[2]!);
        return code(`${scope.formVar}.${m[2]}`);
      }
      return code(stringLiteral(v));
    }
    if (Array.isArray(v)) return array(v.map((x) => this.value(x, scope)));
    if (isRecord(v)) return object(Object.entries(v).map(([k, x]) => [k, this.value(x, scope)] as const));
    return literal(v);
  }

  component(node: unknown, scope: ScreenScope): Code {
    if (!isRecord(node) || typeof node['type'] !== 'string') return this.raw(node);
    const spec = getComponentSpec(node['type']);
    if (!spec || !inRange(this.version, spec.versions)) return this.raw(node);
    const props = resolvePropertyMap(spec.properties, this.version);
    if (Object.keys(node).some((k) => k !== 'type' && !props.has(k))) return this.raw(node);
    const entries: [string, Code][] = [];
    for (const [k, v] of Object.entries(node)) {
      if (k === 'type') continue;
      scope.owner = spec.type;
      entries.push([k, this.property(props.get(k)!.value, v, scope)]);
    }
    return call(this.builder(builderName(spec.type)), object(entries));
  }

  property(spec: ValueSpec, v: unknown, scope: ScreenScope): Code {
    if (spec.kind === 'components' && Array.isArray(v)) return array(v.map((c) => this.component(c, scope)));
    if (spec.kind === 'action') return this.action(v, scope);
    if (spec.kind === 'object' && typeof spec.additionalProperties === 'object' && spec.additionalProperties.kind === 'components' && isRecord(v)) {
      return object(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? array(x.map((c) => this.component(c, scope))) : this.value(x, scope)] as const));
    }
    return this.value(v, scope);
  }

  action(v: unknown, scope: ScreenScope): Code {
    if (!isRecord(v)) return this.raw(v);
    const keys = Object.keys(v);
    const only = (...allowed: string[]): boolean => keys.every((k) => allowed.includes(k));
    const payload = v['payload'];
    const payloadOk = payload === undefined || isRecord(payload);
    const args = (...head: Code[]): Code[] => (payload === undefined ? head : [...head, this.value(payload, scope)]);
    const has = (since: FlowJsonVersion): boolean => inRange(this.version, { since });
    const next = v['next'];
    switch (v['name']) {
      case 'navigate':
        if (only('name', 'next', 'payload') && payloadOk && isRecord(next) && Object.keys(next).length === 2 && next['type'] === 'screen' && typeof next['name'] === 'string') {
          return call(this.builder('navigate'), ...args(code(stringLiteral(next['name']))));
        }
        break;
      case 'data_exchange':
        if (only('name', 'payload') && payloadOk) {
          const c = call(this.builder('dataExchange'), ...args());
          scope.exchanges.push({ json: v, call: c, owner: scope.owner });
          return c;
        }
        break;
      case 'complete':
        if (only('name', 'payload') && payloadOk) return call(this.builder('complete'), ...args());
        break;
      case 'update_data':
        if (has('6.0') && only('name', 'payload') && isRecord(payload)) return call(this.builder('updateData'), ...args());
        break;
      case 'open_url':
        if (has('6.0') && only('name', 'url') && typeof v['url'] === 'string') return call(this.builder('openUrl'), code(stringLiteral(v['url'])));
        break;
    }
    return this.raw(v);
  }

  dataField(f: Json): Code {
    const keys = Object.keys(f);
    const example = f['__example__'];
    const type = f['type'] as string;
    const scalar = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean' }[type];
    const simple = keys.every((k) => k === 'type' || k === '__example__');
    if (scalar !== undefined && simple && (example === undefined || typeof example === scalar)) {
      this.builder('t');
      return call(`t.${type}`, ...(keys.includes('__example__') ? [literal(example)] : []));
    }
    return call(this.builder('field'), literal(f));
  }

  screen(s: unknown): { code: Code; scope?: ScreenScope } {
    if (!isRecord(s) || typeof s['id'] !== 'string') return { code: this.raw(s) };
    const layout = s['layout'];
    if (!isRecord(layout) || Object.keys(layout).length !== 2 || layout['type'] !== 'SingleColumnLayout' || !Array.isArray(layout['children'])) {
      return { code: this.raw(s) };
    }
    const known = resolvePropertyMap(SCREEN_SPEC.properties, this.version);
    const data = s['data'];
    const dataOk = isRecord(data) && Object.values(data).every((f) => isRecord(f) && typeof f['type'] === 'string' && DATA_TYPES.has(f['type']));
    const options: [string, Code][] = [];
    const extra: [string, Code][] = [];
    for (const [k, v] of Object.entries(s)) {
      if (k === 'id' || k === 'layout' || k === 'data') continue;
      (known.has(k) ? options : extra).push([k, literal(v)]);
    }
    const scope: ScreenScope = {
      dataNames: new Set(dataOk ? Object.keys(data) : []),
      inputs: inputNames(layout['children']),
      formVar: containsType(layout['children'], 'Form') ? 'fields' : 'form',
      usedForm: new Set(),
      usedData: false,
      exchanges: [],
      owner: '',
    };
    if (data !== undefined) {
      if (dataOk) options.push(['data', object(Object.entries(data).map(([k, f]) => [k, this.dataField(f as Json)] as const))]);
      else extra.push(['data', literal(data)]);
    }
    const children = array(layout['children'].map((c) => this.component(c, scope)));
    const form = scope.inputs.filter((n) => scope.usedForm.has(n));
    if (form.length > 0) options.push(['form', array(form.map((n) => code(stringLiteral(n))))]);
    if (extra.length > 0) options.push(['extra', object(extra)]);
    const params = [...(scope.usedData ? ['data'] : []), ...(form.length > 0 ? [scope.formVar === 'form' ? 'form' : 'form: fields'] : [])];
    const body = params.length === 0 ? children : arrow(`({ ${params.join(', ')} })`, children);
    return { code: call(this.builder('screen'), code(stringLiteral(s['id'])), object(options), body), scope };
  }
}

/** Names of the inputs (components that hold a form value) anywhere under `children`. */
function inputNames(children: unknown): string[] {
  const names: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) {
      const spec = typeof v['type'] === 'string' ? getComponentSpec(v['type']) : undefined;
      if (spec?.formValue && typeof v['name'] === 'string' && IDENTIFIER.test(v['name']) && !names.includes(v['name'])) names.push(v['name']);
      Object.values(v).forEach(walk);
    }
  };
  walk(children);
  return names;
}

function containsType(v: unknown, type: string): boolean {
  if (Array.isArray(v)) return v.some((x) => containsType(x, type));
  return isRecord(v) && (v['type'] === type || Object.values(v).some((x) => containsType(x, type)));
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

/**
 * Chooses hints for the data_exchange actions so that deriving gives `routing` back: per screen,
 * the targets navigate does not reach go on its first dataExchange(). Returns false (and leaves no
 * hint) when deriving cannot reproduce it; the model is then written as it is.
 */
function hintRouting(screens: readonly unknown[], scopes: readonly (ScreenScope | undefined)[], routing: unknown): boolean {
  if (!isRecord(routing)) return false;
  const plain = deriveRoutingModel(screens, new Map());
  const hints = new Map<object, readonly string[]>();
  const calls: { call: Code & { kind: 'call' }; next: readonly string[]; hadPayload: boolean }[] = [];
  screens.forEach((s, i) => {
    const scope = scopes[i];
    if (!isRecord(s) || typeof s['id'] !== 'string' || scope === undefined) return;
    const wanted = routing[s['id']];
    if (!Array.isArray(wanted)) return;
    const rest = wanted.filter((w): w is string => typeof w === 'string' && !(plain[s['id'] as string] ?? []).includes(w));
    // The Footer's exchange is the one that usually moves on; else the first one on the screen.
    const first = scope.exchanges.find((e) => e.owner === 'Footer') ?? scope.exchanges[0];
    if (rest.length === 0 || first === undefined) return;
    hints.set(first.json, rest);
    calls.push({ call: first.call, next: rest, hadPayload: first.call.args.length > 0 });
  });
  if (!sameJson(deriveRoutingModel(screens, hints), routing)) return false;
  for (const c of calls) {
    const next = object([['next', array(c.next.map((n) => code(stringLiteral(n))))]]);
    c.call.args = c.hadPayload ? [c.call.args[0]!, next] : [code('undefined'), next];
  }
  return true;
}

/** TypeScript source of a module exporting the flow, built with the builders of its version. */
export function flowJsonToTs(json: unknown, options: FlowJsonToTsOptions = {}): string {
  const name = options.name ?? 'flowDefinition';
  if (!IDENTIFIER.test(name) || RESERVED_NAMES.has(name)) throw new ConvertError('', `"${name}" cannot name the flow constant; use a TypeScript identifier other than ${[...RESERVED_NAMES].join(', ')}`);
  if (!isRecord(json)) throw new ConvertError('', 'a flow is a JSON object');
  const version = json['version'];
  if (!isFlowJsonVersion(version)) throw new ConvertError('/version', `${JSON.stringify(version) ?? 'a missing version'} is not a Flow JSON version`);
  const screens = json['screens'];
  if (!Array.isArray(screens)) throw new ConvertError('/screens', 'screens must be an array');
  const c = new Converter(version);
  const converted = screens.map((s) => c.screen(s));
  const known = resolvePropertyMap(FLOW_SPEC.properties, version);
  const entries: [string, Code][] = [];
  const extra: [string, Code][] = [];
  for (const [k, v] of Object.entries(json)) {
    if (k === 'version' || k === 'screens' || k === 'routing_model') continue;
    (known.has(k) ? entries : extra).push([k, literal(v)]);
  }
  const auto = json['data_api_version'] !== undefined;
  if (!Object.prototype.hasOwnProperty.call(json, 'routing_model')) {
    if (auto) entries.push(['routing_model', code(stringLiteral('none'))]);
  } else if (hintRouting(screens, converted.map((s) => s.scope), json['routing_model'])) {
    if (!auto) entries.push(['routing_model', code(stringLiteral('auto'))]);
  } else {
    const r = json['routing_model'];
    const plain = isRecord(r) && Object.values(r).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'));
    entries.push(['routing_model', plain ? literal(r) : c.raw(r)]);
  }
  entries.push(['screens', array(converted.map((s) => s.code))]);
  if (extra.length > 0) entries.push(['extra', object(extra)]);
  const flow = call('flow', object(entries));
  const importFrom = options.importFrom ?? 'waflow/author';
  const from = options.source === undefined ? '' : ` from ${options.source}`;
  const names = [...c.used].sort((a, b) => (a === 'flow' ? -1 : b === 'flow' ? 1 : a === 'screen' ? -1 : b === 'screen' ? 1 : a.localeCompare(b)));
  return [
    `// Converted${from} by \`waflow convert\` (Flow JSON ${version}).`,
    `import { builders } from ${stringLiteral(importFrom)};`,
    '',
    print(code(`const { ${names.join(', ')} } = builders(${stringLiteral(version)});`)),
    '',
    `export const ${name} = ${print(flow, '', `export const ${name} = `.length)};`,
    '',
  ].join('\n');
}
