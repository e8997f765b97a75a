// Hostile bytes in every text field, over the whole routes table: NUL, lone surrogates, invalid
// UTF-8, control characters, huge numbers and deep nesting in JSON bodies, path parameters and
// multipart uploads never give a 500: a 4xx in the platform's shape, or the value stored safely.
// fast-check with bounded runs (a fixed seed per route keeps a failure reproducible).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../api/types.js';
import { createPartnerKey } from '../auth.js';
import { SURFACE_PREFIXES } from '../router.js';
import { createSandbox } from '../server.js';
import type { Sandbox } from '../server.js';

const KEY = 'sbx_hostile_test_key_0123456789';
let PARTNER_KEY = '';
let sandbox: Sandbox;
let flowId = '';

beforeAll(async () => {
  sandbox = await createSandbox({ dataDir: 'memory://', listen: false, templateApprovalDelayMs: -1, apiKeys: [KEY] });
  PARTNER_KEY = (await createPartnerKey(sandbox.context.store, { name: 'hostile', partnerId: sandbox.partner.id })).key;
  const created = await send('POST', `/graph/v24.0/${String(sandbox.businessPhone.wabaId)}/flows`, JSON.stringify({ name: 'Hostile base', categories: ['OTHER'] }));
  flowId = ((await created.json()) as { id: string }).id;
  await send('POST', '/_sandbox/phones', JSON.stringify({ wa_id: '4915100000001', name: 'Ana' }));
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

/** Every surface's credential on every request: each surface reads its own header only. */
function send(method: string, path: string, body?: BodyInit, type = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { 'D360-API-KEY': KEY, authorization: `Bearer ${KEY}`, 'x-api-key': PARTNER_KEY };
  if (body !== undefined && typeof body === 'string') headers['content-type'] = type;
  return sandbox.fetch(new Request(`http://127.0.0.1${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
}

/** A realistic body for each route, whose string leaves get replaced by hostile text. */
function template(pattern: string): Record<string, unknown> {
  if (pattern.endsWith('/messages')) return { messaging_product: 'whatsapp', recipient_type: 'individual', to: '4915100000001', type: 'text', text: { body: 'hi' } };
  if (pattern.endsWith('/configs/templates') || pattern.endsWith('/message_templates')) return { name: 'tpl', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'How was it?' }] };
  if (pattern.endsWith('/flows')) return { name: 'flow', categories: ['OTHER'], endpoint_uri: 'https://endpoint.test/x' };
  if (pattern.endsWith('/flows/:flowId') || pattern === '/:flowId') return { name: 'renamed', categories: ['SURVEY'], endpoint_uri: 'https://endpoint.test/y' };
  if (pattern.endsWith('/migrate')) return { source_waba_id: 'sbx000000000000', source_flow_names: ['Hostile base'] };
  if (pattern === '/token') return { username: 'partner@waflow.test', password: 'not-a-key' };
  if (pattern.includes('encryption')) return { business_public_key: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----' };
  if (pattern === '/_sandbox/phones') return { wa_id: '4915100000002', name: 'Bo' };
  if (pattern.endsWith('/status')) return { status: 'PUBLISHED' };
  if (pattern.includes('/sessions/')) return { name: 'field', value: 'text', values: { field: 'text' }, screen: 'SCREEN' };
  return { name: 'x', text: 'x', value: 'x', reason: 'x' };
}

function mapStrings(value: unknown, fn: (s: string, i: number) => string, counter = { i: 0 }): unknown {
  if (typeof value === 'string') return fn(value, counter.i++);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, counter));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, counter)]));
  return value;
}

/** Percent-encodes UTF-8 bytes; a lone surrogate becomes U+FFFD (encodeURIComponent would throw). */
const encodePath = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const hostileText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\u0000', '\u202E\uFEFF', '\u0007\u001B[2J', '😀'.repeat(300), 'z'.repeat(70_000), "'; DROP TABLE flows; --", '%00', '\\u0000'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\uD800', '\uDC00', 'a', '"', '\\'), maxLength: 12 }),
);

type Encoding = 'json' | 'bignum' | 'deep' | 'bad-utf8' | 'raw-nul';
const encodings: readonly Encoding[] = ['json', 'bignum', 'deep', 'bad-utf8', 'raw-nul'];

function encode(body: Record<string, unknown>, encoding: Encoding): string | Uint8Array {
  const text = JSON.stringify(body);
  switch (encoding) {
    case 'json':
      return text;
    case 'bignum':
      return `${text.slice(0, -1)},"count":1e400,"big":123456789012345678901234567890123456789,"neg":-1e999}`;
    case 'deep':
      return `${text.slice(0, -1)},"nested":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    case 'bad-utf8': {
      const [head = '', ...rest] = text.split('"', 4);
      return Buffer.concat([Buffer.from(`${head}"`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(`${rest.join('"')}${text.slice([head, ...rest].join('"').length)}`)]);
    }
    case 'raw-nul':
      return text.replace('"', '"\u0000');
  }
}

interface Case {
  readonly hostile: string;
  readonly onlyLeaf: number | undefined;
  readonly encoding: Encoding;
  readonly hostileParams: boolean;
}

/** The sandbox account's own ids for the account parameters of the provider surfaces. */
function accountParam(name: string): string | undefined {
  const phone = sandbox.businessPhone;
  return { partnerId: sandbox.partner.id, wabaAccountId: phone.wabaAccountId, wabaId: phone.wabaId, phoneNumberId: phone.id }[name];
}

async function attempt(route: { method: string; pattern: string; dialect?: Dialect }, c: Case): Promise<{ status: number; path: string }> {
  const prefix = route.dialect === undefined ? '' : route.dialect === 'meta' ? '/graph/v24.0' : SURFACE_PREFIXES[route.dialect];
  const path =
    prefix +
    route.pattern.replace(/:(\w+)/g, (_m, name: string) =>
      c.hostileParams ? encodePath(c.hostile) : name === 'flowId' ? flowId : name === 'waId' ? '4915100000001' : (accountParam(name) ?? encodePath(c.hostile)),
    );
  const body = mapStrings(template(route.pattern), (s, i) => (c.onlyLeaf === undefined || c.onlyLeaf === i ? c.hostile : s)) as Record<string, unknown>;
  let res: Response;
  if (route.pattern.endsWith('/assets') && route.method === 'POST') {
    const form = new FormData();
    form.set('name', c.hostile);
    form.set('asset_type', 'FLOW_JSON');
    const file = encode({ version: '7.3', screens: [{ id: c.hostile, title: c.hostile, layout: { type: 'SingleColumnLayout', children: [{ type: 'TextBody', text: c.hostile }] } }] }, c.encoding);
    form.set('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)], { type: 'application/json' }), 'flow.json');
    res = await send('POST', path, form);
  } else if (route.dialect === 'meta' && route.pattern.includes('encryption') && route.method === 'POST' && c.encoding === 'json') {
    // Graph takes the key form-encoded.
    res = await send('POST', path, new URLSearchParams(body as Record<string, string>).toString(), 'application/x-www-form-urlencoded');
  } else {
    res = await send(route.method, path, route.method === 'GET' ? undefined : (encode(body, c.encoding) as BodyInit));
  }
  await res.arrayBuffer();
  return { status: res.status, path };
}

// The event stream never ends; the app pages and assets take no input.
const skipped = (pattern: string): boolean => pattern === '/_sandbox/events' || pattern === '/' || pattern === '/builder' || pattern === '/inbox' || pattern === '/dashboard';

describe('hostile input over every route', () => {
  it('gives no 500 for NUL in every field, each encoding, deterministically', async () => {
    const failures: string[] = [];
    for (const route of sandbox.router.routes()) {
      if (skipped(route.pattern)) continue;
      for (const encoding of encodings) {
        for (const hostileParams of [false, true]) {
          const { status, path } = await attempt(route, { hostile: 'a\u0000\uD800b', onlyLeaf: undefined, encoding, hostileParams });
          if (status >= 500) failures.push(`${route.method} ${path} (${encoding}): ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('gives no 500 for generated hostile text in any one field or path parameter', async () => {
    const routes = sandbox.router.routes().filter((r) => !skipped(r.pattern));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: routes.length - 1 }),
        fc.record({ hostile: hostileText, onlyLeaf: fc.option(fc.nat({ max: 8 }), { nil: undefined }), encoding: fc.constantFrom(...encodings), hostileParams: fc.boolean() }),
        async (index, c) => {
          const route = routes[index];
          if (route === undefined) return;
          const { status, path } = await attempt(route, c);
          expect(status, `${route.method} ${path}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200, seed: 20_010 },
    );
  }, 120_000);
});
