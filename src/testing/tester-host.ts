// The RuntimeHost a FlowTester gives the runtime: routes exchanges to the chosen endpoint,
// records each one (action, screen, data, status, latency) and keeps completions and URLs.
import type { ExchangeRequest, RuntimeHost } from '../runtime/index.js';
import { httpEndpoint, inProcessEndpoint } from './transport.js';
import type { ExchangeRecord, ExchangeTransport, HttpEndpointOptions, TransportOptions, WebHandler } from './transport.js';

/** Where the flow's endpoint calls go. */
export type TesterEndpoint =
  | RuntimeHost
  | ({ handler: WebHandler } & TransportOptions)
  | ({ url: string } & HttpEndpointOptions);

/** What the host observed; the tester reads it. */
export interface HostLog {
  readonly exchanges: ExchangeRecord[];
  readonly openedUrls: string[];
  completion: Record<string, unknown> | undefined;
  /** The transport's own words for the last failed exchange (the runtime keeps only the status). */
  lastFailure: string | undefined;
}

function isHost(endpoint: TesterEndpoint): endpoint is RuntimeHost {
  return typeof (endpoint as { exchange?: unknown }).exchange === 'function';
}

/** Records a user-supplied host's exchanges: 200 when it resolves, the error's status otherwise. */
async function timed(host: RuntimeHost, request: ExchangeRequest, log: HostLog): Promise<unknown> {
  const started = performance.now();
  const entry: ExchangeRecord = { action: request.action, screen: request.screen, data: request.data, status: 200, latencyMs: 0 };
  try {
    const response = await host.exchange(request);
    log.exchanges.push({ ...entry, latencyMs: performance.now() - started, response });
    return response;
  } catch (error) {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 0;
    const message = error instanceof Error ? error.message : String(error);
    log.exchanges.push({ ...entry, status, latencyMs: performance.now() - started, error: message });
    throw error;
  }
}

function both(first: ((record: ExchangeRecord) => void) | undefined, second: (record: ExchangeRecord) => void): (record: ExchangeRecord) => void {
  return (record) => {
    first?.(record);
    second(record);
  };
}

export function testerHost(endpoint: TesterEndpoint | undefined, log: HostLog): RuntimeHost {
  const record = (entry: ExchangeRecord): void => {
    log.exchanges.push(entry);
  };
  let transport: ExchangeTransport;
  let custom: RuntimeHost | undefined;
  if (endpoint === undefined) {
    transport = {
      exchange: async (request) => {
        throw new Error(`the flow sent ${request.action}${request.screen === undefined ? '' : ` from screen ${request.screen}`} to its endpoint, but FlowTester.start was given no endpoint`);
      },
    };
  } else if (typeof endpoint !== 'object' || endpoint === null) {
    throw new TypeError('endpoint must be a RuntimeHost (with exchange), { handler, publicKeyPem } or { url, publicKeyPem }');
  } else if (isHost(endpoint)) {
    custom = endpoint;
    transport = { exchange: (request) => timed(endpoint, request, log) };
  } else if ('handler' in endpoint) {
    transport = inProcessEndpoint(endpoint.handler, { ...endpoint, onExchange: both(endpoint.onExchange, record) });
  } else if ('url' in endpoint) {
    transport = httpEndpoint(endpoint.url, { ...endpoint, onExchange: both(endpoint.onExchange, record) });
  } else {
    throw new TypeError('endpoint must be a RuntimeHost (with exchange), { handler, publicKeyPem } or { url, publicKeyPem }');
  }
  return {
    exchange: async (request) => {
      log.lastFailure = undefined;
      try {
        return await transport.exchange(request);
      } catch (error) {
        log.lastFailure = error instanceof Error ? error.message : String(error);
        throw error;
      }
    },
    complete: (responseJson) => {
      log.completion = responseJson;
      custom?.complete?.(responseJson);
    },
    openUrl: (url) => {
      log.openedUrls.push(url);
      custom?.openUrl?.(url);
    },
  };
}
