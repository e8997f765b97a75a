import { describe, expect, it } from 'vitest';
import type { SandboxContext } from './context.js';
import { resolveConfig } from './context.js';
import { createRouter, dialectOf, hostingTypeOf, json, splitSurface, stripHostingPrefix } from './router.js';

// The router reads only the configuration from the context.
const ctx = (hostingType: 'cloud' | 'on-premise' = 'cloud') => ({ config: resolveConfig({ hostingType }) }) as unknown as SandboxContext;

function router() {
  const r = createRouter();
  const seen: { path: string; params: Record<string, string>; type: string }[] = [];
  const handler = (label: string) => async (req: Request, params: Record<string, string>) => {
    seen.push({ path: label, params, type: hostingTypeOf(req) });
    return json({ label });
  };
  r.add('POST', '/flows/:flowId/publish', handler('publish'), { hostingType: 'cloud' });
  r.add('GET', '/v1/configs/templates', handler('templates-cloud'), { hostingType: 'cloud' });
  r.add('GET', '/v1/configs/templates', handler('templates-onprem'), { hostingType: 'on-premise' });
  r.add('GET', '/_sandbox', handler('info'));
  return { r, seen };
}

const label = async (res: Response) => ((await res.json()) as { label?: string }).label;

describe('createRouter', () => {
  it('matches a pattern and decodes its parameters', async () => {
    const { r, seen } = router();
    const res = await r.handle(new Request('http://x/flows/12%2034/publish', { method: 'POST' }), ctx());
    expect(await label(res)).toBe('publish');
    expect(seen[0]?.params).toEqual({ flowId: '12 34' });
  });

  it('picks the route of the prefix hosting type, else the account default', async () => {
    const { r } = router();
    expect(await label(await r.handle(new Request('http://x/on-premise/v1/configs/templates'), ctx('cloud')))).toBe('templates-onprem');
    expect(await label(await r.handle(new Request('http://x/cloud/v1/configs/templates'), ctx('on-premise')))).toBe('templates-cloud');
    expect(await label(await r.handle(new Request('http://x/v1/configs/templates'), ctx('on-premise')))).toBe('templates-onprem');
    expect(await label(await r.handle(new Request('http://x/v1/configs/templates'), ctx('cloud')))).toBe('templates-cloud');
  });

  it('does not serve a Cloud-only route under the On-Premise prefix', async () => {
    const { r } = router();
    const res = await r.handle(new Request('http://x/on-premise/flows/1/publish', { method: 'POST' }), ctx());
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('answers 405 with Allow for a known path and another method, in the route hosting type shape', async () => {
    const { r } = router();
    const res = await r.handle(new Request('http://x/flows/1/publish'), ctx('on-premise'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
  });

  it('shapes a 404 by prefix, then by /v1/, then by the account default', async () => {
    const { r } = router();
    const shape = async (url: string, type: 'cloud' | 'on-premise') => {
      const body = (await (await r.handle(new Request(url), ctx(type))).json()) as Record<string, unknown>;
      return 'error' in body ? 'cloud' : 'on-premise';
    };
    expect(await shape('http://x/cloud/v1/nothing', 'on-premise')).toBe('cloud');
    expect(await shape('http://x/v1/nothing', 'cloud')).toBe('on-premise');
    expect(await shape('http://x/nothing', 'on-premise')).toBe('on-premise');
    expect(await shape('http://x/nothing', 'cloud')).toBe('cloud');
  });

  it('serves routes without a hosting type under either prefix', async () => {
    const { r, seen } = router();
    expect(await label(await r.handle(new Request('http://x/on-premise/_sandbox'), ctx()))).toBe('info');
    expect(seen[0]?.type).toBe('on-premise');
  });

  it('refuses a pattern without a leading slash', () => {
    expect(() => createRouter().add('GET', 'flows', async () => json({}))).toThrow(/must start with/);
  });
});

describe('stripHostingPrefix', () => {
  it('splits only whole prefix segments', () => {
    expect(stripHostingPrefix('/cloud/messages')).toEqual({ hostingType: 'cloud', path: '/messages' });
    expect(stripHostingPrefix('/on-premise')).toEqual({ hostingType: 'on-premise', path: '/' });
    expect(stripHostingPrefix('/cloudy/messages')).toEqual({ hostingType: undefined, path: '/cloudy/messages' });
  });
});

describe('createRouter on Hono', () => {
  it('takes routes added after the first request, answers HEAD by GET, and ignores a trailing slash', async () => {
    const { r } = router();
    expect((await r.handle(new Request('http://x/late'), ctx())).status).toBe(404);
    r.add('GET', '/late', async () => json({ label: 'late' }));
    expect(await label(await r.handle(new Request('http://x/late/'), ctx()))).toBe('late');
    const head = await r.handle(new Request('http://x/cloud/late', { method: 'HEAD' }), ctx());
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers a thrown error with a 500, and a value the database refuses with a 400, in the hosting type shape', async () => {
    const r = createRouter();
    const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const c = { ...ctx('on-premise'), log } as unknown as SandboxContext;
    r.add('GET', '/boom', async () => {
      throw new Error('boom');
    });
    r.add('GET', '/nul', async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    });
    const boom = await r.handle(new Request('http://x/boom'), c);
    expect(boom.status).toBe(500);
    expect(((await boom.json()) as { errors: { code: number }[] }).errors[0]?.code).toBe(1000);
    const nul = await r.handle(new Request('http://x/cloud/nul'), c);
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { code: number } }).error.code).toBe(100);
  });
});

describe('createRouter: the Partner API and Graph surfaces', () => {
  function surfaces() {
    const r = createRouter();
    const seen: { label: string; params: Record<string, string>; dialect: string; hosting: string }[] = [];
    const handler = (label: string) => async (req: Request, params: Record<string, string>) => {
      seen.push({ label, params, dialect: dialectOf(req), hosting: hostingTypeOf(req) });
      return json({ label });
    };
    r.add('GET', '/partners/:partnerId/flows', handler('partner-list'), { dialect: 'partner' });
    r.add('POST', '/partners/:partnerId/flows/:flowId', handler('partner-update'), { dialect: 'partner' });
    r.add('POST', '/partners/:partnerId/flows/migrate', handler('partner-migrate'), { dialect: 'partner' });
    r.add('GET', '/:flowId', handler('graph-flow'), { dialect: 'meta' });
    r.add('GET', '/:wabaId/flows', handler('graph-list'), { dialect: 'meta' });
    r.add('GET', '/v1/configs/templates', handler('templates-cloud'), { hostingType: 'cloud' });
    r.add('GET', '/_sandbox', handler('info'));
    return { r, seen };
  }
  const body = async (res: Response) => (await res.json()) as Record<string, unknown>;

  it('serves partner and meta routes only under their prefix, with the Graph version left out of the params', async () => {
    const { r, seen } = surfaces();
    expect(await label(await r.handle(new Request('http://x/hub/api/v2/partners/aPA/flows'), ctx()))).toBe('partner-list');
    expect(seen[0]).toEqual({ label: 'partner-list', params: { partnerId: 'aPA' }, dialect: 'partner', hosting: 'cloud' });
    expect(await label(await r.handle(new Request('http://x/graph/v24.0/123'), ctx()))).toBe('graph-flow');
    expect(seen[1]).toEqual({ label: 'graph-flow', params: { flowId: '123' }, dialect: 'meta', hosting: 'cloud' });
    expect(await label(await r.handle(new Request('http://x/graph/v21.0/55/flows'), ctx()))).toBe('graph-list');
    // Not unprefixed, not under another surface's prefix.
    for (const url of ['http://x/partners/aPA/flows', 'http://x/cloud/partners/aPA/flows', 'http://x/graph/v24.0/partners/aPA/flows']) {
      expect((await r.handle(new Request(url), ctx())).status).toBe(404);
    }
    // Sandbox routes stay off the provider surfaces.
    expect((await r.handle(new Request('http://x/hub/api/v2/_sandbox'), ctx())).status).toBe(404);
  });

  it('prefers a literal segment over a parameter when two patterns match', async () => {
    const { r } = surfaces();
    expect(await label(await r.handle(new Request('http://x/hub/api/v2/partners/aPA/flows/migrate', { method: 'POST' }), ctx()))).toBe('partner-migrate');
    expect(await label(await r.handle(new Request('http://x/hub/api/v2/partners/aPA/flows/42', { method: 'POST' }), ctx()))).toBe('partner-update');
  });

  it('answers a Graph version that is not one with Graph\'s 400', async () => {
    const { r } = surfaces();
    for (const url of ['http://x/graph/latest/123', 'http://x/graph/v24/123', 'http://x/graph/24.0/55/flows', 'http://x/graph/v24.0.1/nothing']) {
      const res = await r.handle(new Request(url), ctx());
      expect(res.status, url).toBe(400);
      expect((await body(res)).error, url).toMatchObject({ code: 100, type: 'OAuthException' });
    }
  });

  it('answers unknown paths and wrong methods in the shape of the surface the path is under', async () => {
    const { r } = surfaces();
    const graph = await r.handle(new Request('http://x/graph/v24.0/1/2/3'), ctx('on-premise'));
    expect(graph.status).toBe(404);
    expect((await body(graph)).error).toMatchObject({ code: 100 });
    const partner = await r.handle(new Request('http://x/hub/api/v2/nothing'), ctx('on-premise'));
    expect(partner.status).toBe(404);
    const envelope = await body(partner);
    expect(envelope.meta).toMatchObject({ success: false, http_code: 404 });
    expect(envelope).not.toHaveProperty('error');
    const wrong = await r.handle(new Request('http://x/hub/api/v2/partners/aPA/flows', { method: 'DELETE' }), ctx());
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await body(wrong)).meta).toMatchObject({ http_code: 405 });
  });

  it('answers a thrown error on the Partner API with a 500 in its envelope', async () => {
    const r = createRouter();
    const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    r.add('GET', '/boom', async () => {
      throw new Error('boom');
    }, { dialect: 'partner' });
    const res = await r.handle(new Request('http://x/hub/api/v2/boom'), { ...ctx(), log } as unknown as SandboxContext);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { meta: { http_code: number } }).meta.http_code).toBe(500);
  });
});

describe('splitSurface', () => {
  it('names the surface of a path and what follows its prefix', () => {
    expect(splitSurface('/hub/api/v2/partners/xPA/waba_accounts')).toEqual({ dialect: 'partner', path: '/partners/xPA/waba_accounts' });
    expect(splitSurface('/graph/v24.0/123/flows')).toEqual({ dialect: 'meta', path: '/123/flows', graphVersion: 'v24.0' });
    expect(splitSurface('/graph')).toEqual({ dialect: 'meta', path: '/', graphVersion: '' });
    expect(splitSurface('/on-premise/v1/messages')).toEqual({ dialect: 'on-premise', path: '/v1/messages' });
    expect(splitSurface('/hubby/api')).toEqual({ dialect: undefined, path: '/hubby/api' });
  });
});
