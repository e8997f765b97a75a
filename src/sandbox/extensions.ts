// Registration points for the parts of the sandbox written in their own folders:
//   phone/     registerPhoneRoutes(router)         simulated phones, chats, flow host
//   webhooks/  startWebhookDispatcher(ctx)         signed webhook delivery with retries
//   health/    startHealthMonitor(ctx)             periodic endpoint health probes
//              checkEndpointHealth(ctx, flow)      the ping publish requires for a flow with an endpoint
// Each folder's index.ts exports these names; server.ts wires them in (defaultExtensions), and
// createSandbox's `extensions` option can replace any of them.
import type { SandboxContext } from './context.js';
import { checkEndpointHealth, startHealthMonitor } from './health/index.js';
import { registerPhoneRoutes } from './phone/index.js';
import { startWebhookDispatcher } from './webhooks/index.js';
import type { FlowRecord } from './records.js';
import type { Router } from './router.js';

/** What a started background part returns so close() can stop it. */
export type Stoppable = void | (() => void | Promise<void>) | { close(): void | Promise<void> } | { stop(): void | Promise<void> };

export interface EndpointHealthResult {
  readonly ok: boolean;
  /** What failed and what to do; shown to the API caller, so never a key or secret. */
  readonly message?: string;
}

export type EndpointHealthCheck = (ctx: SandboxContext, flow: FlowRecord) => Promise<EndpointHealthResult>;

export interface SandboxExtensions {
  registerPhoneRoutes?: (router: Router) => void;
  startWebhookDispatcher?: (ctx: SandboxContext) => Stoppable | Promise<Stoppable>;
  startHealthMonitor?: (ctx: SandboxContext) => Stoppable | Promise<Stoppable>;
  checkEndpointHealth?: EndpointHealthCheck;
}

/** Stops what a start function returned. */
export async function stop(handle: Stoppable): Promise<void> {
  if (handle === undefined) return;
  if (typeof handle === 'function') await handle();
  else if ('close' in handle) await handle.close();
  else await handle.stop();
}

/** The parts the sandbox runs with unless told otherwise. */
export const defaultExtensions: SandboxExtensions = {
  registerPhoneRoutes,
  startWebhookDispatcher: (ctx) => startWebhookDispatcher(ctx),
  startHealthMonitor: (ctx) => startHealthMonitor(ctx),
  checkEndpointHealth,
};
