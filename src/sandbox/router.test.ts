import { describe, expect, it } from 'vitest';
import type { SandboxContext } from './context.js';
import { resolveConfig } from './context.js';
import { createRouter, hostingTypeOf, json, stripHostingPrefix } from './router.js';

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
