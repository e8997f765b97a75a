// Registration points for the parts of the sandbox written in their own folders:
//   phone/     registerPhoneRoutes(router)         simulated phones, chats, flow host
//   webhooks/  startWebhookDispatcher(ctx)         signed webhook delivery with retries
//   health/    startHealthMonitor(ctx)             periodic endpoint health probes
//              checkEndpointHealth(ctx, flow)      the ping publish requires for a flow with an endpoint
// Each folder's index.ts exports these names. They are loaded by path at start, so the core runs
// (and says clearly what is missing) before a folder exists; see loadExtensions.
import type { SandboxContext } from './context.js';
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

const FOLDERS = [
  { folder: './phone/index.js', names: ['registerPhoneRoutes'] },
  { folder: './webhooks/index.js', names: ['startWebhookDispatcher'] },
  { folder: './health/index.js', names: ['startHealthMonitor', 'checkEndpointHealth'] },
] as const;

function isMissingModule(error: unknown, specifier: string): boolean {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : '';
  const file = specifier.replace(/^.*\//, '').replace(/\.js$/, '');
  // Only "that folder has no index yet"; a broken import inside it must surface.
  return (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|Does the file exist/i.test(message)) && message.includes(file) && message.includes(specifier.split('/')[1] ?? '');
}

/** Loads whichever of the extension folders exist. */
export async function loadExtensions(): Promise<SandboxExtensions> {
  const found: Record<string, unknown> = {};
  for (const { folder, names } of FOLDERS) {
    const specifier = new URL(folder, import.meta.url).href;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    } catch (error) {
      if (isMissingModule(error, folder)) continue;
      throw error;
    }
    for (const name of names) if (typeof mod[name] === 'function') found[name] = mod[name];
  }
  return found as SandboxExtensions;
}

/** Stops what a start function returned. */
export async function stop(handle: Stoppable): Promise<void> {
  if (handle === undefined) return;
  if (typeof handle === 'function') await handle();
  else if ('close' in handle) await handle.close();
  else await handle.stop();
}
