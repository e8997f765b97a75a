// Every operation of the contract, and the lookup the sandbox uses to route a request to one.
import type { HostingType, HttpMethod, Operation } from '../types.js';
import { pathFor } from '../types.js';
import { encryptionOperations } from './encryption.js';
import { flowOperations } from './flows.js';
import { messageOperations } from './messages.js';
import { templateOperations } from './templates.js';

export * from './messages.js';
export * from './templates.js';
export * from './flows.js';
export * from './encryption.js';

export const operations: readonly Operation[] = [...messageOperations, ...templateOperations, ...flowOperations, ...encryptionOperations];

export function operationById(id: string): Operation | undefined {
  return operations.find((op) => op.id === id);
}

export interface OperationMatch {
  operation: Operation;
  params: Record<string, string>;
}

/**
 * Find the operation a request addresses: method, path relative to the base URL (no query), the
 * hosting type, and the `fields` query parameter for operations that share a path.
 */
export function matchOperation(method: string, pathname: string, hostingType: HostingType, fields?: string): OperationMatch | undefined {
  let fallback: OperationMatch | undefined;
  for (const operation of operations) {
    if (operation.method !== (method.toUpperCase() as HttpMethod)) continue;
    const template = pathFor(operation, hostingType);
    if (template === undefined) continue;
    const params = matchPath(template, pathname);
    if (params === undefined) continue;
    if (operation.fieldsPrefix === undefined) fallback ??= { operation, params };
    else if (fields !== undefined && fields.startsWith(operation.fieldsPrefix)) return { operation, params };
  }
  return fallback;
}

function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const g = got[i] as string;
    const name = /^\{(\w+)\}$/.exec(w)?.[1];
    if (name !== undefined) {
      if (g === '') return undefined;
      try {
        params[name] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

/** Fill a path template; each value is URI-encoded so an id cannot change the path. */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}".`);
    return encodeURIComponent(value);
  });
}
