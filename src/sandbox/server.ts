// createSandbox: open and migrate the store, build the shared context, register the routes and
// the background parts, listen with node:http. `fetch` answers without the network, for callers
// that embed the sandbox.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebResponse, toWebRequest } from '../endpoint/adapters/node-request.js';
import { migrate, openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { ensureBusinessPhone } from './account.js';
import { createApiKey } from './auth.js';
import { createBackgroundTasks } from './background.js';
import { resolveConfig } from './context.js';
import type { SandboxConfig, SandboxConfigInput, SandboxContext } from './context.js';
import { createEventBus } from './events.js';
import { defaultExtensions, stop } from './extensions.js';
import type { SandboxExtensions, Stoppable } from './extensions.js';
import { silentLogger } from './logger.js';
import type { SandboxLogger } from './logger.js';
import type { PhoneRecord } from './records.js';
import { createRouter, errorResponse, hostingTypeOf, stripHostingPrefix } from './router.js';
import type { Router } from './router.js';
import { registerApiRoutes } from './routes/index.js';
import { registerUiRoutes } from './ui/index.js';

export interface CreateSandboxOptions extends SandboxConfigInput {
  readonly log?: SandboxLogger;
  readonly clock?: () => Date;
  /** Use this store instead of opening one (it is migrated, and not closed by close()). */
  readonly store?: Store;
  /** Replace or add extension functions (default: whatever phone/, webhooks/ and health/ export). */
  readonly extensions?: SandboxExtensions;
  /** Skip listening: only `fetch` answers. */
  readonly listen?: boolean;
  /** Where the built browser app is (default ui/dist of this checkout). */
  readonly uiDistDir?: string;
}

export interface Sandbox {
  /** Base URL, e.g. http://127.0.0.1:4010 (Cloud at /cloud, On-Premise at /on-premise, or unprefixed). */
  readonly url: string;
  readonly fetch: (req: Request) => Promise<Response>;
  readonly context: SandboxContext;
  readonly router: Router;
  readonly businessPhone: PhoneRecord;
  readonly extensions: SandboxExtensions;
  close(): Promise<void>;
}

export async function createSandbox(options: CreateSandboxOptions = {}): Promise<Sandbox> {
  let config: SandboxConfig = resolveConfig(options);
  const log = options.log ?? silentLogger;
  const ownStore = options.store === undefined;
  const store =
    options.store ??
    (await openStore({
      ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
      ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
      ...(config.schema === undefined ? {} : { schema: config.schema }),
    }));
  const stops: Stoppable[] = [];
  let server: ReturnType<typeof createServer> | undefined;
  const background = createBackgroundTasks(log);
  const events = createEventBus((name, error) => log.error('event listener failed', { event: name, error: error instanceof Error ? error.message : String(error) }));
  try {
    await migrate(store);
    const businessPhone = await ensureBusinessPhone(store, config.businessNumber, config.hostingType);
    for (const key of config.apiKeys) await createApiKey(store, { name: 'configured', phoneId: businessPhone.id, key });

    const router = createRouter();
    // The context is read through this holder, so the URL known only after listen() reaches it.
    const holder: { ctx: SandboxContext } = {
      ctx: { store, config, events, clock: options.clock ?? (() => new Date()), log, background },
    };
    const fetch = async (req: Request): Promise<Response> => {
      const ctx = holder.ctx;
      try {
        const res = await router.handle(req, ctx);
        // The path only: a query string may carry a preview token.
        ctx.log.debug('request', { method: req.method, path: new URL(req.url).pathname, status: res.status });
        return res;
      } catch (error) {
        ctx.log.error('request failed', { method: req.method, path: new URL(req.url).pathname, error: error instanceof Error ? error.message : String(error) });
        const type = hostingTypeOf(req, stripHostingPrefix(new URL(req.url).pathname).hostingType ?? ctx.config.hostingType);
        return errorResponse(type, 500, { code: type === 'cloud' ? 1 : 1000, message: 'An unexpected error occurred in the sandbox.', title: 'Generic error' });
      }
    };

    // --- registration points -------------------------------------------------------------------
    const extensions: SandboxExtensions = { ...defaultExtensions, ...options.extensions };
    registerApiRoutes(router, extensions);
    extensions.registerPhoneRoutes?.(router); // phone/: simulated phones, chats, flow host
    registerUiRoutes(router, options.uiDistDir === undefined ? {} : { distDir: options.uiDistDir }); // ui/: the browser app and its read models

    let url = config.publicBaseUrl;
    if (options.listen !== false) {
      const listening = createServer((req, res) => {
        void (async () => {
          try {
            await sendWebResponse(res, await fetch(toWebRequest(req)));
          } catch {
            if (!res.headersSent) res.writeHead(500);
            res.end();
          }
        })();
      });
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(config.port, config.host, () => resolve());
      });
      const address = listening.address() as AddressInfo;
      config = { ...config, port: address.port };
      if (url === '') url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
    }
    if (url === '') url = `http://${config.host}:${config.port}`;
    config = { ...config, publicBaseUrl: url };
    holder.ctx = { ...holder.ctx, config };
    const ctx = holder.ctx;

    if (extensions.startWebhookDispatcher !== undefined) stops.push(await extensions.startWebhookDispatcher(ctx)); // webhooks/
    if (extensions.startHealthMonitor !== undefined) stops.push(await extensions.startHealthMonitor(ctx)); // health/
    log.info('sandbox listening', { url });

    let closing: Promise<void> | undefined;
    return {
      url,
      fetch,
      get context() {
        return holder.ctx;
      },
      router,
      businessPhone,
      extensions,
      close() {
        closing ??= (async () => {
          for (const handle of stops.reverse()) await stop(handle);
          if (server !== undefined) await closeServer(server);
          await background.drain();
          events.clear();
          if (ownStore) await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const handle of stops) await stop(handle).catch(() => undefined);
    if (server !== undefined) await closeServer(server).catch(() => undefined);
    await background.drain();
    if (ownStore) await store.close().catch(() => undefined);
    throw error;
  }
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
