// Every route of the sandbox's own API surface (the phone/ folder registers its own).
import type { SandboxExtensions } from '../extensions.js';
import type { Router } from '../router.js';
import { DEFAULT_GRAPH_VERSION } from '../../api/contract/dialects.js';
import { findPhone } from '../account.js';
import { SURFACE_PREFIXES, json } from '../router.js';
import { encryptionHandlers } from './encryption.js';
import { flowHandlers } from './flows.js';
import { messageHandlers } from './messages.js';
import { registerOperations } from './operation.js';
import { partnerPublicHandlers } from './partner.js';
import { registerPreviewRoutes } from './preview.js';
import { registerTemplateControls, templateHandlers } from './templates.js';
import { registerFlowControls } from './controls.js';
import { registerLogRoutes } from './logs.js';
import { registerMediaRoutes, withGraphMedia } from '../media/index.js';

export function registerApiRoutes(router: Router, extensions: SandboxExtensions): void {
  registerOperations(router, withGraphMedia({ ...encryptionHandlers, ...flowHandlers(extensions), ...templateHandlers, ...messageHandlers }), partnerPublicHandlers);
  registerPreviewRoutes(router);
  registerTemplateControls(router);
  registerFlowControls(router);
  registerLogRoutes(router);
  registerMediaRoutes(router);
  // Where each provider's surface is served and the ids its paths take; never a key.
  router.add('GET', '/_sandbox', async (_req, _params, ctx) => {
    const url = ctx.config.publicBaseUrl;
    const rows = await ctx.store.query<{ id: string }>(`SELECT id FROM phones WHERE role = 'business' AND number = $1`, [ctx.config.businessNumber]);
    const phone = rows[0] === undefined ? undefined : await findPhone(ctx.store, rows[0].id);
    return json({
      name: 'waflow sandbox',
      hosting_type: ctx.config.hostingType,
      business_number: ctx.config.businessNumber,
      base_urls: {
        cloud: `${url}${SURFACE_PREFIXES.cloud}`,
        'on-premise': `${url}${SURFACE_PREFIXES['on-premise']}`,
        partner: `${url}${SURFACE_PREFIXES.partner}`,
        meta: `${url}${SURFACE_PREFIXES.meta}`,
      },
      graph_version: DEFAULT_GRAPH_VERSION,
      account: {
        partner_id: phone?.partnerId ?? ctx.config.partnerId,
        waba_account_id: phone?.wabaAccountId ?? null,
        waba_id: phone?.wabaId ?? null,
        phone_number_id: phone?.id ?? null,
      },
      auth: {
        cloud: 'D360-API-KEY: <number API key>',
        'on-premise': 'D360-API-KEY: <number API key>',
        partner: `X-API-Key: <partner API key>, or Authorization: Bearer <access_token from POST ${SURFACE_PREFIXES.partner}/token with username ${ctx.config.partnerUser} and a partner API key as password>`,
        meta: "Authorization: Bearer <number API key> (the number's key is its access token)",
      },
      routes: router.routes(),
    });
  });
}
