// createSandbox: open and migrate the store, build the shared context, register the routes and
// the background parts, listen with @hono/node-server. `fetch` answers without the network, for
// callers that embed the sandbox (the same Hono app, less the Host check, which needs a network).
import { createAdaptorServer } from '@hono/node-server';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrate, openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { adoptBusinessPhones, ensureBusinessPhone, ensurePartner, findPhone } from './account.js';
import type { PartnerRecord } from './account.js';
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
import { hostCheck, limitBody, originCheck, urlCheck } from './http/guards.js';
import { lingerOnClose } from './http/linger.js';
import { createRouter } from './router.js';
import type { Router, SandboxBindings, SandboxMiddleware } from './router.js';
import { registerApiRoutes } from './routes/index.js';
import { registerUiRoutes } from './ui/index.js';
import { uiSessionAuth } from './ui/session.js';

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
  /**
   * Base URL, e.g. http://127.0.0.1:4010: waba-v2 at /cloud, On-Premise at /on-premise (or
   * unprefixed), the Partner API at /hub/api/v2, Graph at /graph/{version}.
   */
  readonly url: string;
  readonly fetch: (req: Request) => Promise<Response>;
  readonly context: SandboxContext;
  readonly router: Router;
  /** The sandbox's business number: its phone record id is the phone_number_id; its WABA ids are on it. */
  readonly businessPhone: PhoneRecord;
  /** The sandbox's 360dialog partner (Partner API `{partnerId}`) and its user's email (POST /token username). */
  readonly partner: PartnerRecord;
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
  let server: Server | undefined;
  const background = createBackgroundTasks(log);
  const events = createEventBus((name, error) => log.error('event listener failed', { event: name, error: error instanceof Error ? error.message : String(error) }));
  try {
    await migrate(store);
    // The sandbox's partner, and its business number onboarded under it (with numbers made
    // before partners existed: every number of one sandbox belongs to its one partner).
    const partner = await ensurePartner(store, config.partnerId, config.partnerUser);
    const created = await ensureBusinessPhone(store, config.businessNumber, config.hostingType, { partnerId: partner.id });
    await adoptBusinessPhones(store, partner.id);
    const businessPhone = (await findPhone(store, created.id)) ?? created;
    for (const key of config.apiKeys) await createApiKey(store, { name: 'configured', phoneId: businessPhone.id, key });

    // The path only in the log: a query string may carry a preview token.
    const logRequest: SandboxMiddleware = async (c, next) => {
      await next();
      c.env.ctx.log.debug('request', { method: c.req.method, path: c.req.path, status: c.res.status });
    };
    const router = createRouter({ middleware: [logRequest, hostCheck, urlCheck, originCheck, limitBody, uiSessionAuth] });
    // The context is read through this holder, so the URL known only after listen() reaches it.
    const holder: { ctx: SandboxContext } = {
      ctx: { store, config, events, clock: options.clock ?? (() => new Date()), log, background },
    };
    const fetch = (req: Request): Promise<Response> => router.handle(req, holder.ctx);

    // --- registration points -------------------------------------------------------------------
    const extensions: SandboxExtensions = { ...defaultExtensions, ...options.extensions };
    registerApiRoutes(router, extensions);
    extensions.registerPhoneRoutes?.(router); // phone/: simulated phones, chats, flow host
    registerUiRoutes(router, options.uiDistDir === undefined ? {} : { distDir: options.uiDistDir }); // ui/: the browser app and its read models

    let url = config.publicBaseUrl;
    if (options.listen !== false) {
      const timeout = config.requestTimeoutMs;
      const listening = createAdaptorServer({
        fetch: async (req: Request, env: HttpBindings | Http2Bindings) => closeIfUnread(await router.app.fetch(req, { ...(env as HttpBindings), ctx: holder.ctx }), env as HttpBindings),
        // Leave the process's global Request and Response alone: the sandbox is a library.
        overrideGlobalObjects: false,
        // A whole request (headers and body) within requestTimeoutMs, checked often enough to matter.
        serverOptions: { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeout / 4))) },
      }) as Server;
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
      partner,
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

/**
 * An answer given before the request body was read whole (413, 401, 404, a refused Host) closes
 * the connection after it: a keep-alive client would otherwise wait while the rest of its body is
 * read and thrown away, or hang when it is too large for that. The close lingers (linger.ts), so
 * the client reads the answer before the connection goes.
 */
function closeIfUnread(res: Response, env: Omit<SandboxBindings, 'ctx'>): Response {
  if (env.incoming === undefined || env.incoming.complete) return res;
  lingerOnClose(env.incoming);
  const headers = new Headers(res.headers);
  headers.set('connection', 'close');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
