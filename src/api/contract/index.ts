// Every operation of the contract, and the lookup the sandbox uses to route a request to one.
import type { Dialect, HttpMethod, Operation } from '../types.js';
import { hostingOf, pathFor } from '../types.js';
import { authOperations } from './auth.js';
import { encryptionOperations } from './encryption.js';
import { flowOperations } from './flows.js';
import { mediaOperations } from './media.js';
import { messageOperations } from './messages.js';
import { templateOperations } from './templates.js';

export * from './messages.js';
export * from './templates.js';
export * from './flows.js';
export * from './media.js';
export * from './encryption.js';
export * from './auth.js';
export * from './dialects.js';

export const operations: readonly Operation[] = [...messageOperations, ...templateOperations, ...flowOperations, ...encryptionOperations, ...mediaOperations, ...authOperations];

export function operationById(id: string): Operation | undefined {
  return operations.find((op) => op.id === id);
}

export interface OperationMatch {
  operation: Operation;
  params: Record<string, string>;
}

/**
 * Find the operation a request addresses: method, path relative to the dialect's base URL (no
 * query), the dialect, and the query, for operations that share a path (told apart by the `fields`
 * prefix or by a query parameter's presence).
 */
export function matchOperation(method: string, pathname: string, dialect: Dialect, query: Readonly<Record<string, string>> | string = {}): OperationMatch | undefined {
  const q = typeof query === 'string' ? { fields: query } : query;
  const matches: OperationMatch[] = [];
  for (const operation of operations) {
    if (operation.method !== (method.toUpperCase() as HttpMethod)) continue;
    const template = pathFor(operation, dialect);
    if (template === undefined) continue;
    const params = matchPath(template, pathname);
    if (params !== undefined && !refusesParams(operation, params, dialect)) matches.push({ operation, params });
  }
  // A literal segment beats a parameter: `…/flows/migrate` is the migration, not a flow called "migrate".
  const best = Math.max(...matches.map((m) => literalSegments(pathFor(m.operation, dialect) ?? '')));
  const candidates = matches.filter((m) => literalSegments(pathFor(m.operation, dialect) ?? '') === best);
  const chosen = pickOperation(
    candidates.map((m) => m.operation),
    dialect,
    q,
  );
  return candidates.find((m) => m.operation === chosen);
}

/**
 * Whether the operation's validator refuses a path parameter outright: then the path is not that
 * operation's (waba-v2's `/{mediaId}` takes digits only, so `/flows` is no media).
 */
function refusesParams(operation: Operation, params: Record<string, string>, dialect: Dialect): boolean {
  const issues = operation.validate({ params, query: {}, body: undefined }, hostingOf(dialect), dialect);
  return issues.some((issue) => issue.kind === 'invalid' && issue.path.startsWith('params.'));
}

/** How many segments of a path template are literal (not `{name}`). */
export function literalSegments(template: string): number {
  return template.split('/').filter((s) => s !== '' && !/^\{\w+\}$/.test(s)).length;
}

/**
 * Among operations sharing a method and path on a dialect: the one whose `fields` prefix the query
 * has, else the one whose marker parameter the query holds, else the plain one.
 */
export function pickOperation(ops: readonly Operation[], dialect: Dialect, query: Readonly<Record<string, string>>): Operation | undefined {
  if (ops.length === 1) return ops[0]; // a path of its own (the Partner API's preview) needs no selector
  const fields = query.fields;
  const prefixed = ops.find((op) => op.fieldsPrefix !== undefined && fields !== undefined && fields.startsWith(op.fieldsPrefix) && pathFor(op, dialect) !== undefined);
  if (prefixed !== undefined) return prefixed;
  const marked = ops.find((op) => {
    const marker = op.wire?.[dialect]?.whenQuery;
    return marker !== undefined && query[marker] !== undefined;
  });
  if (marked !== undefined) return marked;
  return ops.find((op) => op.fieldsPrefix === undefined && op.wire?.[dialect]?.whenQuery === undefined);
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
