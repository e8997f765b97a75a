// Reads a parsed Flow JSON document into the few facts the runtime needs: version, screens by id,
// each screen's data model. Anything the validator would report is tolerated where the client
// could still run; only a document with no usable screen is refused.
import { parseDataModel } from '../flow-json/data-model/index.js';
import type { ObjectShape } from '../flow-json/data-model/index.js';
import { resolvePropertyMap, SCREEN_SPEC } from '../flow-json/catalogue/index.js';
import { isFlowJsonVersion, type FlowJsonVersion } from '../flow-json/versions.js';
import { RuntimeError } from './errors.js';
import type { RuntimeDataApiVersion } from './types.js';

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ScreenDef {
  readonly id: string;
  readonly index: number;
  readonly raw: Json;
  readonly terminal: boolean;
  readonly refreshOnBack: boolean;
  /** Field names masked in the response summary (Flow JSON 5.1+; empty before). */
  readonly sensitive: readonly string[];
  /** The screen's data model; undefined when the screen declares none. */
  readonly shape: ObjectShape | undefined;
  readonly children: readonly unknown[];
}

export interface FlowDoc {
  readonly version: FlowJsonVersion;
  readonly dataApiVersion: RuntimeDataApiVersion;
  readonly screens: ReadonlyMap<string, ScreenDef>;
  /** The screen a navigate start opens when none is named. */
  readonly entry: string;
}

export function loadFlow(flow: unknown, versionOverride?: FlowJsonVersion, dataApiOverride?: RuntimeDataApiVersion): FlowDoc {
  if (!isRecord(flow)) throw new RuntimeError('INVALID_FLOW', 'the flow must be a parsed Flow JSON object');
  const version = versionOverride ?? flow['version'];
  if (!isFlowJsonVersion(version)) {
    throw new RuntimeError('INVALID_FLOW', `the flow's "version" ${JSON.stringify(flow['version'])} is not a Flow JSON version this runtime knows`);
  }
  const list = flow['screens'];
  if (!Array.isArray(list) || list.length === 0) throw new RuntimeError('INVALID_FLOW', 'the flow has no "screens"');
  const hasSensitive = resolvePropertyMap(SCREEN_SPEC.properties, version).has('sensitive');
  const screens = new Map<string, ScreenDef>();
  list.forEach((raw: unknown, index) => {
    if (!isRecord(raw) || typeof raw['id'] !== 'string' || screens.has(raw['id'])) return;
    const layout = raw['layout'];
    const children = isRecord(layout) && Array.isArray(layout['children']) ? (layout['children'] as unknown[]) : [];
    const sensitive = hasSensitive && Array.isArray(raw['sensitive']) ? raw['sensitive'].filter((s): s is string => typeof s === 'string') : [];
    const shape = raw['data'] === undefined ? undefined : parseDataModel(raw['data'], { requireExamples: false }).shape;
    screens.set(raw['id'], {
      id: raw['id'],
      index,
      raw,
      terminal: raw['terminal'] === true,
      refreshOnBack: raw['refresh_on_back'] === true,
      sensitive,
      shape,
      children,
    });
  });
  if (screens.size === 0) throw new RuntimeError('INVALID_FLOW', 'no screen of the flow has a string "id"');
  const api = dataApiOverride ?? flow['data_api_version'];
  return {
    version,
    dataApiVersion: api === '4.0' ? '4.0' : '3.0',
    screens,
    entry: entryScreen(flow['routing_model'], screens),
  };
}

/**
 * The entry screen: with a routing model, the screen no route leads to (Flow JSON reference,
 * routing model: "the entry screen ... has no inbound edge"); otherwise the first screen.
 */
function entryScreen(routing: unknown, screens: ReadonlyMap<string, ScreenDef>): string {
  const first = [...screens.keys()][0] as string;
  if (!isRecord(routing)) return first;
  const targets = new Set<string>();
  for (const next of Object.values(routing)) if (Array.isArray(next)) for (const t of next) if (typeof t === 'string') targets.add(t);
  for (const id of screens.keys()) if (!targets.has(id) && Object.prototype.hasOwnProperty.call(routing, id)) return id;
  return first;
}
