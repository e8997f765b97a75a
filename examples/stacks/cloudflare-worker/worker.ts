// A Cloudflare Worker (module syntax). waflow/endpoint uses WebCrypto here, so wrangler.toml
// needs no nodejs_compat flag. Keep the private key unencrypted in the Worker's secrets:
// passphrase-protected PEM needs node:crypto.
//   npx wrangler secret put PRIVATE_KEY < private.pem
//   npx wrangler secret put APP_SECRET
//   npx wrangler deploy            (or `npx wrangler dev`, with the secrets in .dev.vars)
import type { FlowEndpoint } from 'waflow/endpoint';
import { createAppointmentEndpoint } from '../handlers.js';

/** The Worker's bindings: the secrets set with `wrangler secret put`. */
export interface Env {
  PRIVATE_KEY: string;
  APP_SECRET?: string;
}

// One endpoint per isolate, made on the first request (the secrets arrive with it).
let endpoint: FlowEndpoint | undefined;

// workerd runs the default export of a module worker: the one place a default export is needed.
// eslint-disable-next-line no-restricted-syntax
export default {
  fetch(request: Request, env: Env): Promise<Response> {
    endpoint ??= createAppointmentEndpoint(env);
    return endpoint(request);
  },
};
