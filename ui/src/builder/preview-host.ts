// The builder's stand-in for a flow's endpoint while previewing: INIT opens the routing model's
// entry screen and each data_exchange moves to the first screen the routing model allows next,
// with the target screen's `__example__` data; a screen with nowhere to go completes the flow. This
// is what lets an endpoint flow be clicked through in the preview without a server.
import { EndpointError } from '../../../src/runtime/index.js';
import type { ExchangeRequest, RuntimeHost } from '../../../src/runtime/index.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function screensOf(flow: unknown): Json[] {
  return isObject(flow) && Array.isArray(flow.screens) ? flow.screens.filter(isObject) : [];
}

/** The `__example__` values of a screen's data model. */
export function exampleData(flow: unknown, screenId: string): Json {
  const screen = screensOf(flow).find((s) => s.id === screenId);
  const out: Json = {};
  if (screen === undefined || !isObject(screen.data)) return out;
  for (const [key, decl] of Object.entries(screen.data)) {
    if (isObject(decl) && '__example__' in decl) out[key] = decl.__example__;
  }
  return out;
}

/** The screen the preview moves to after `from`: the routing model's first edge, else none. */
export function nextScreen(flow: unknown, from: string | undefined): string | undefined {
  const screens = screensOf(flow);
  const routing = isObject(flow) && isObject(flow.routing_model) ? flow.routing_model : undefined;
  if (from === undefined) {
    // The entry screen: one no other screen routes to, else the first.
    if (routing !== undefined) {
      const targets = new Set(Object.values(routing).flatMap((v) => (Array.isArray(v) ? v : [])));
      const entry = screens.find((s) => typeof s.id === 'string' && !targets.has(s.id));
      if (entry !== undefined) return entry.id as string;
    }
    return typeof screens[0]?.id === 'string' ? screens[0].id : undefined;
  }
  const edges = routing?.[from];
  return Array.isArray(edges) && typeof edges[0] === 'string' ? edges[0] : undefined;
}

export function exampleHost(flow: unknown, onComplete?: (response: Json) => void, openUrl?: (url: string) => void): RuntimeHost {
  return {
    exchange(request: ExchangeRequest) {
      if (request.action === 'BACK') return Promise.reject(new EndpointError(0, 'The preview has no endpoint to answer a BACK refresh; save the flow and run it through the sandbox.'));
      const target = nextScreen(flow, request.action === 'INIT' ? undefined : request.screen);
      if (target === undefined) {
        return Promise.resolve({ screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: request.flowToken, ...request.data } } } });
      }
      return Promise.resolve({ screen: target, data: exampleData(flow, target) });
    },
    complete: (response) => onComplete?.(response),
    ...(openUrl === undefined ? {} : { openUrl }),
  };
}
