// flow(...) and toFlowJson(flow): the authored flow becomes plain Flow JSON. References become
// "${...}" strings, `extra` keys are merged in, and routing_model is derived unless given.
import type { FlowJsonVersion } from '../versions.js';
import { routesOf } from './node.js';
import type { Payload } from './node.js';
import { isRef } from './ref.js';
import { deriveRoutingModel } from './routing.js';
import type { AuthoredFlow, FlowOptions } from './shape.js';

/** A flow of `version` from its options (what each version's `flow` builder calls). */
export function buildFlow<V extends FlowJsonVersion>(version: V, options: Payload & FlowOptions): AuthoredFlow<V> {
  const { extra, ...rest } = options;
  return { version, ...rest, ...extra };
}

/** A Flow JSON document as toFlowJson writes it. */
export interface FlowJsonDocument {
  readonly version: FlowJsonVersion;
  readonly screens: readonly Record<string, unknown>[];
  readonly routing_model?: Record<string, string[]>;
  readonly [key: string]: unknown;
}

/** Thrown for a value JSON cannot hold (a function, a symbol, NaN...), with where it is. */
export class AuthoringError extends Error {
  readonly pointer: string;
  constructor(pointer: string, message: string) {
    super(`toFlowJson: at ${pointer === '' ? 'the flow' : pointer}: ${message}`);
    this.name = 'AuthoringError';
    this.pointer = pointer;
  }
}

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function toJson(value: unknown, pointer: string, hints: Map<object, readonly string[]>): unknown {
  if (isRef(value)) return String(value);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AuthoringError(pointer, `${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${pointer}/${i}`, hints));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, `${pointer}/${escape(k)}`, hints);
    const routes = routesOf(value);
    if (routes) hints.set(out, routes);
    return out;
  }
  throw new AuthoringError(pointer, `a ${typeof value} is not a JSON value`);
}

/**
 * The Flow JSON of an authored flow. routing_model: as given; derived from the navigate actions
 * and dataExchange(…, { next }) hints with "auto" (the default when the flow has a
 * data_api_version); left out with "none" (the default otherwise).
 */
export function toFlowJson(flow: AuthoredFlow): FlowJsonDocument {
  const hints = new Map<object, readonly string[]>();
  const { routing_model: routing, ...rest } = flow;
  const json = toJson(rest, '', hints) as Record<string, unknown> & { screens: Record<string, unknown>[] };
  const derive = routing === 'auto' || (routing === undefined && flow['data_api_version'] !== undefined);
  const model = derive ? deriveRoutingModel(json.screens, hints) : routing === 'none' || routing === undefined ? undefined : toJson(routing, '/routing_model', hints);
  const head = { version: flow.version, ...(json['data_api_version'] === undefined ? {} : { data_api_version: json['data_api_version'] }) };
  return { ...head, ...(model === undefined ? {} : { routing_model: model as Record<string, string[]> }), ...json } as FlowJsonDocument;
}
