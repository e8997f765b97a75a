// A fetch-style route handler, in Next.js App Router shape (app/api/flow/route.ts → POST /api/flow).
// Other frameworks take the same export: SvelteKit (+server.ts), Remix/React Router actions,
// Astro endpoints, SolidStart, Nuxt/h3 (toWebRequest).
//
// Runtime: on 'nodejs' (Next.js's default) waflow uses node:crypto and a passphrase-protected
// key works. On 'edge' it uses WebCrypto: keep PRIVATE_KEY unencrypted and leave the
// passphrase unset. Either way the same code runs.
import type { FlowEndpoint } from 'waflow/endpoint';
import { createAppointmentEndpoint } from '../../../../handlers.js';

export const runtime = 'nodejs'; // or 'edge'

// Made on the first request, so that `next build` does not need the secrets.
let endpoint: FlowEndpoint | undefined;

export const POST = (request: Request): Promise<Response> => {
  endpoint ??= createAppointmentEndpoint(process.env);
  return endpoint(request);
};
