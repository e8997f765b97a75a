// The business logic every stack example serves, on waflow/endpoint. It is web-standard only
// (no node: module), so the same file runs on Node, Cloudflare Workers and edge route handlers:
// what differs per stack is only how the endpoint is mounted.
import { complete, createFlowEndpoint, nextScreen, showError } from 'waflow/endpoint';
import type { FlowEndpoint } from 'waflow/endpoint';
import { APPOINTMENT_FLOW, SLOTS } from './flow.js';
import type { AppointmentScreens } from './flow.js';

/** What every example reads: `process.env` on Node, the Worker's `env` (secrets) on Cloudflare. */
export interface FlowSecrets {
  /** The business private key, PEM text (`\n` escapes, as some .env files hold it, are undone). */
  PRIVATE_KEY?: string;
  /** Only when the key is passphrase-protected; that needs Node (node:crypto). */
  PRIVATE_KEY_PASSPHRASE?: string;
  /** The Meta app secret: when set, a request without a matching X-Hub-Signature-256 gets 432. */
  APP_SECRET?: string;
}

const given = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function createAppointmentEndpoint(secrets: FlowSecrets): FlowEndpoint {
  const privateKey = given(secrets.PRIVATE_KEY)?.replaceAll('\\n', '\n');
  if (privateKey === undefined) throw new Error('set PRIVATE_KEY to the PEM text of the business private key');
  return createFlowEndpoint<AppointmentScreens>({
    privateKey,
    passphrase: given(secrets.PRIVATE_KEY_PASSPHRASE),
    appSecret: given(secrets.APP_SECRET),
    // Every answer is checked against the screens' data models before it is encrypted.
    flow: APPOINTMENT_FLOW,
    handlers: {
      init: () => nextScreen('APPOINTMENT', { slots: [...SLOTS] }),
      dataExchange: {
        APPOINTMENT: (ctx) => {
          const name = text(ctx.data.name);
          const slot = SLOTS.find((s) => s.id === ctx.data.slot);
          if (name.length < 2) return showError('Please enter your name.');
          if (slot === undefined) return showError('Please pick a time.');
          return nextScreen('CONFIRM', { summary: `${name}, ${slot.title}`, name, slot: slot.id });
        },
        // complete() closes the flow; its params (and the flow_token) go back to the chat.
        CONFIRM: (ctx) => complete({ name: text(ctx.data.name), slot: text(ctx.data.slot) }),
      },
    },
  });
}

/** Where the Node examples listen: PORT (default 3000; 0 picks a free port) and HOST. */
export function listenAddress(env: { PORT?: string; HOST?: string }): { port: number; host: string } {
  const port = Number(given(env.PORT) ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return { port, host: given(env.HOST) ?? '0.0.0.0' };
}
