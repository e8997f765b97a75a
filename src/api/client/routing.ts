// Which dialect a call goes to, and the refusal when the client's provider has no such operation:
// thrown before any request, naming the method and the providers that do have it.
import type { Dialect, Operation } from '../types.js';
import { pathFor } from '../types.js';
import { DIALECT_INFO } from '../contract/dialects.js';
import { ApiClientError } from '../errors.js';
import type { Area, ResolvedOptions } from './options.js';

export function areaOf(operation: Operation): Area {
  const area = operation.id.slice(0, operation.id.indexOf('.'));
  // Received media is the number's, on its messaging API: it goes where messages go.
  if (area === 'media') return 'messages';
  if (area === 'messages' || area === 'templates' || area === 'flows' || area === 'encryption' || area === 'auth') return area;
  throw new Error(`No client area for operation ${operation.id}.`);
}

/** The dialect serving an area; `auth` (the Partner API's token exchange) goes where flows go. */
export function dialectOfArea(resolved: ResolvedOptions, area: Area): Dialect | undefined {
  return area === 'auth' ? (resolved.dialects.flows === 'partner' ? 'partner' : undefined) : resolved.dialects[area];
}

/** The dialect this client calls `operation` on; UNSUPPORTED_OPERATION when it has none. */
export function route(resolved: ResolvedOptions, operation: Operation, label: string): Dialect {
  const dialect = dialectOfArea(resolved, areaOf(operation));
  if (dialect !== undefined && pathFor(operation, dialect) !== undefined) return dialect;
  throw unsupported(resolved, label, operation);
}

export function unsupported(resolved: ResolvedOptions, label: string, operation: Operation): ApiClientError {
  return new ApiClientError('UNSUPPORTED_OPERATION', unsupportedMessage(resolved, label, operation));
}

/** Where the client would have sent the call, for the message: the surface it speaks for that area. */
function whereNot(resolved: ResolvedOptions, area: Area): string {
  const dialect = dialectOfArea(resolved, area);
  if (dialect === 'partner' && resolved.provider === '360dialog-partner') return "360dialog's Partner API (provider \"360dialog-partner\"), which manages flows only";
  if (dialect !== undefined) return `the ${DIALECT_INFO[dialect].label}`;
  if (resolved.provider === '360dialog') return `360dialog's ${resolved.hostingType === 'cloud' ? 'Messaging API (waba-v2)' : 'On-Premise API (legacy)'}`;
  if (resolved.provider === '360dialog-partner') return "360dialog's Partner API (provider \"360dialog-partner\"), which manages flows only";
  return "Meta's Graph API";
}

function unsupportedMessage(resolved: ResolvedOptions, label: string, operation: Operation): string {
  const area = areaOf(operation);
  const onPartner = pathFor(operation, 'partner') !== undefined;
  const onMeta = pathFor(operation, 'meta') !== undefined;
  const on360 = pathFor(operation, 'cloud') !== undefined || pathFor(operation, 'on-premise') !== undefined;
  const head = `${label} is not on ${whereNot(resolved, area)}`;

  // A 360dialog number client without Partner API credentials, asked to manage flows.
  if (resolved.provider === '360dialog' && resolved.dialects.flows === undefined && onPartner) {
    return `${head}; 360dialog documents flow management on its Partner API: pass partner: { partnerId, wabaAccountId, apiKey }${onMeta ? ", or use provider 'meta'" : ''}.`;
  }
  const others: string[] = [];
  // An On-Premise client asked for a Cloud-API-only operation (media: On-Premise has no pickers).
  if (resolved.provider === '360dialog' && resolved.hostingType === 'on-premise' && pathFor(operation, 'cloud') !== undefined) others.push("hostingType 'cloud' (a Cloud API number)");
  if (on360 && resolved.provider !== '360dialog') {
    const hostings = (['cloud', 'on-premise'] as const).filter((d) => pathFor(operation, d) !== undefined);
    const which = hostings.length === 2 ? '' : ` (${hostings[0] === 'cloud' ? 'Cloud API' : 'On-Premise'} numbers)`;
    others.push(`provider '360dialog' with the number's D360-API-KEY${which}`);
  }
  if (onPartner && resolved.provider !== '360dialog-partner' && !(resolved.provider === '360dialog' && resolved.dialects.flows === 'partner')) {
    others.push("provider '360dialog-partner' (or '360dialog' with partner: { partnerId, wabaAccountId, apiKey })");
  }
  if (onMeta && resolved.provider !== 'meta') others.push("provider 'meta'");
  if (others.length === 0) return `${head}, nor on any other provider waflow speaks.`;
  return `${head}; use ${others.join(', or ')}.`;
}
