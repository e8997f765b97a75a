// The operation × provider table of the README, written from the contract itself, so the document
// cannot drift from what the client sends and the sandbox serves (test/readme.test.ts compares).
import type { Dialect, Operation } from '../types.js';
import { bodyFor, pathFor } from '../types.js';
import { DEFAULT_GRAPH_VERSION } from './dialects.js';

/** The client methods each operation serves. */
export const CLIENT_METHODS: Readonly<Record<string, string>> = {
  'messages.send': 'messages.sendFlow / sendTemplate / sendText',
  'templates.create': 'templates.create',
  'templates.list': 'templates.list',
  'templates.get': 'templates.get',
  'flows.create': 'flows.create',
  'flows.list': 'flows.list',
  'flows.get': 'flows.get / health',
  'flows.update': 'flows.update',
  'flows.uploadJson': 'flows.uploadJson',
  'flows.listAssets': 'flows.listAssets',
  'flows.publish': 'flows.publish',
  'flows.deprecate': 'flows.deprecate',
  'flows.delete': 'flows.delete',
  'flows.preview': 'flows.preview',
  'flows.metrics': 'flows.metrics',
  'flows.migrate': 'flows.migrate',
  'encryption.setPublicKey': 'encryption.setPublicKey',
  'encryption.getPublicKey': 'encryption.getPublicKey',
  'media.get': 'media.get',
  'media.download': 'media.download (after media.get; Graph: its URL)',
  'auth.token': '(partner `username` + `password`)',
};

const COLUMNS: readonly { dialect: Dialect; head: string }[] = [
  { dialect: 'cloud', head: '`360dialog` Cloud: `waba-v2.360dialog.io`, `D360-API-KEY`' },
  { dialect: 'on-premise', head: '`360dialog` On-Premise: `waba.360dialog.io`, `D360-API-KEY`' },
  { dialect: 'partner', head: '`360dialog-partner`: `hub.360dialog.io/api/v2`, `X-API-Key` or Bearer' },
  { dialect: 'meta', head: `\`meta\`: \`graph.facebook.com/${DEFAULT_GRAPH_VERSION}\`, Bearer token` },
];

/** The Partner API's account prefix, shortened to `…` in the table. */
export const PARTNER_ACCOUNT_PREFIX = '/partners/{partnerId}/waba_accounts/{wabaAccountId}';

/** Inputs that travel in the query rather than the body on one dialect. */
const QUERY_INPUTS: Readonly<Record<string, string>> = { 'meta flows.migrate': '?source_waba_id=…&source_flow_names=[…]', 'cloud media.download': '/?mid=…&ext=…&hash=…' };

/** How one operation is spoken on one dialect: method, path and what tells it apart. */
export function describeWire(operation: Operation, dialect: Dialect): string | undefined {
  const full = pathFor(operation, dialect);
  if (full === undefined) return undefined;
  const path = full.startsWith(PARTNER_ACCOUNT_PREFIX) ? `…${full.slice(PARTNER_ACCOUNT_PREFIX.length)}` : full;
  const wire = operation.wire?.[dialect];
  let text = `${operation.method} ${path}${QUERY_INPUTS[`${dialect} ${operation.id}`] ?? ''}`;
  if (wire?.whenQuery !== undefined) text += `?${wire.whenQuery}=…`;
  else if (operation.fieldsPrefix !== undefined && wire?.request === undefined) text += `?fields=${operation.fieldsPrefix}…`;
  const body = bodyFor(operation, dialect);
  const suffix = body === 'multipart' ? ' (multipart)' : body === 'form' ? ' (form)' : '';
  return `\`${text}\`${suffix}`;
}

/** The Markdown table: one row per operation, one column per surface, `—` where a surface lacks it. */
export function operationTable(operations: readonly Operation[]): string {
  const lines = [
    `| Client call | ${COLUMNS.map((c) => c.head).join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
  ];
  for (const operation of operations) {
    const cells = COLUMNS.map((c) => describeWire(operation, c.dialect) ?? '—');
    lines.push(`| ${CLIENT_METHODS[operation.id] ?? operation.id} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
