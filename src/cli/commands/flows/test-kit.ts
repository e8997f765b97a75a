// Test support for the `waflow flows` unit tests: a starter project in a temp folder, an in-memory
// platform behind a fake ApiClient (flows with statuses and Flow JSON, served at a download URL),
// and a runner that captures what a verb prints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ApiClient } from '../../../api/client.js';
import type { FetchLike } from '../../../api/client/options.js';
import type { FlowDetails, FlowStatus, FlowSummary } from '../../../api/contract/flows.js';
import { ApiError } from '../../../api/errors.js';
import { tempDir } from '../../../sandbox/phone/test-kit.js';
import type { CliIo } from '../../command.js';
import { STARTER_FILES } from '../../templates/starter.js';
import { createFlowsCommand } from './index.js';

export const KEY = 'sbx_never-print-this-key-0123456789';
export const ENV = { D360_API_KEY: KEY, D360_PARTNER_API_KEY: 'sbxp_partner-never-print-0123456789', D360_WABA_ACCOUNT_ID: 'sbx0123456789ab', WAFLOW_SANDBOX_URL: 'http://127.0.0.1:1' };

export interface FakeFlow extends FlowSummary {
  json?: string;
  jsonVersion?: string;
}

/** A platform in memory: what the fake client reads and changes. */
export class FakePlatform {
  readonly flows = new Map<string, FakeFlow>();
  readonly calls: string[] = [];
  /** Overrides of single methods, e.g. to fail. */
  readonly override: Partial<ApiClient['flows']> = {};
  /** Headers each download was sent with. */
  readonly downloads: { url: string; headers: Headers }[] = [];
  downloadStatus = 200;

  add(flow: Partial<FakeFlow> & { id: string; name: string }): FakeFlow {
    const full: FakeFlow = { status: 'DRAFT', categories: ['OTHER'], validationErrors: [], ...flow };
    this.flows.set(flow.id, full);
    return full;
  }

  private need(id: string): FakeFlow {
    const flow = this.flows.get(id);
    if (flow === undefined) throw new ApiError({ status: 404, code: 100, subcode: 33, dialect: 'meta', message: `Unsupported get request. Object with ID '${id}' does not exist.` });
    return flow;
  }

  private transition(id: string, from: FlowStatus, to: FlowStatus, code: number): { success: boolean } {
    const flow = this.need(id);
    if (flow.status !== from) throw new ApiError({ status: 400, code, dialect: 'meta', message: `flow ${id} is ${flow.status}` });
    flow.status = to;
    return { success: true };
  }

  private summaries(): FlowSummary[] {
    return [...this.flows.values()].map(({ json: _j, jsonVersion: _v, ...summary }) => summary);
  }

  client(): ApiClient {
    const log = <T>(name: string, work: () => T): Promise<T> => {
      this.calls.push(name);
      const given = this.override[name as keyof ApiClient['flows']] as (() => Promise<T>) | undefined;
      return given !== undefined ? given() : Promise.resolve().then(work);
    };
    const flows: ApiClient['flows'] = {
      list: () => log('list', () => ({ data: this.summaries() })),
      listAll: () => log('listAll', () => this.summaries()),
      get: (id) =>
        log('get', (): FlowDetails => {
          const f = this.need(id);
          return { id, name: f.name, status: f.status, categories: f.categories, validationErrors: f.validationErrors, ...(f.jsonVersion === undefined ? {} : { jsonVersion: f.jsonVersion }) };
        }),
      listAssets: (id) => log('listAssets', () => ({ data: this.need(id).json === undefined ? [] : [{ name: 'flow.json', assetType: 'FLOW_JSON' as const, downloadUrl: `https://cdn.test/assets/${id}?sig=abc` }] })),
      publish: (id) => log('publish', () => this.transition(id, 'DRAFT', 'PUBLISHED', 139002)),
      deprecate: (id) => log('deprecate', () => this.transition(id, 'PUBLISHED', 'DEPRECATED', 139003)),
      delete: (id) =>
        log('delete', () => {
          if (this.need(id).status !== 'DRAFT') throw new ApiError({ status: 400, code: 139004, dialect: 'meta', message: 'Only a DRAFT flow can be deleted' });
          this.flows.delete(id);
          return { success: true };
        }),
      preview: (id, options) => log('preview', () => ({ id, preview: { previewUrl: `https://preview.test/${id}?token=${options?.invalidate === true ? 'new' : 'old'}`, expiresAt: '2999-01-01T00:00:00+0000' } })),
    } as ApiClient['flows'];
    const refuse = (area: string) => new Proxy({}, { get: (_t, key) => () => Promise.reject(new Error(`unexpected call: ${area}.${String(key)}`)) });
    return {
      provider: '360dialog',
      hostingType: 'cloud',
      baseUrl: '',
      dialects: { flows: 'partner' } as ApiClient['dialects'],
      flows,
      messages: refuse('messages') as ApiClient['messages'],
      templates: refuse('templates') as ApiClient['templates'],
      encryption: refuse('encryption') as ApiClient['encryption'],
    };
  }

  /** Empty again, as new: one platform serves all the tests of a file (see starterProjectPerTest). */
  reset(): void {
    this.flows.clear();
    this.calls.length = 0;
    for (const key of Object.keys(this.override)) delete this.override[key as keyof ApiClient['flows']];
    this.downloads.length = 0;
    this.downloadStatus = 200;
  }

  /** Serves the download URLs of listAssets. */
  readonly fetch: FetchLike = async (url, init) => {
    this.downloads.push({ url, headers: new Headers(init.headers) });
    const id = /assets\/(\d+)/.exec(url)?.[1] ?? '';
    const json = this.flows.get(id)?.json;
    if (this.downloadStatus !== 200 || json === undefined) return new Response('gone', { status: this.downloadStatus === 200 ? 404 : this.downloadStatus });
    return new Response(json, { status: 200 });
  };
}

/** A `waflow init` project in a temp folder (flow "Feedback" in flows/feedback.json). */
export function starterProject(): { path: string; remove(): void } {
  const dir = tempDir('waflow-cli-flows-');
  for (const file of STARTER_FILES) {
    mkdirSync(join(dir.path, file.path, '..'), { recursive: true });
    writeFileSync(join(dir.path, file.path), file.content);
  }
  return dir;
}

/**
 * A fresh starter project and an empty platform for each test of the file (registers beforeEach
 * and afterEach: a file's own beforeEach, registered after, sees them ready).
 */
export function starterProjectPerTest(): { readonly project: { readonly path: string }; readonly platform: FakePlatform } {
  const platform = new FakePlatform();
  let current: { path: string; remove(): void } | undefined;
  beforeEach(() => {
    current = starterProject();
    platform.reset();
  });
  afterEach(() => current?.remove());
  const project = {
    get path(): string {
      if (current === undefined) throw new Error('the starter project exists inside a test only');
      return current.path;
    },
  };
  return { project, platform };
}

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs `waflow flows ...argv` in `cwd` against the platform. */
export async function runFlows(platform: FakePlatform, cwd: string, argv: string[], env: Record<string, string> = ENV): Promise<Ran> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd, env };
  const command = createFlowsCommand({ client: () => platform.client(), fetch: platform.fetch });
  const code = await command.run(argv, io);
  return { code, out, err };
}
