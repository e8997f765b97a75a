// Every route of the sandbox's own API surface (the phone/ folder registers its own).
import type { SandboxExtensions } from '../extensions.js';
import type { Router } from '../router.js';
import { json } from '../router.js';
import { encryptionHandlers } from './encryption.js';
import { flowHandlers } from './flows.js';
import { messageHandlers } from './messages.js';
import { registerOperations } from './operation.js';
import { registerPreviewRoutes } from './preview.js';
import { registerTemplateControls, templateHandlers } from './templates.js';
import { registerFlowControls } from './controls.js';

export function registerApiRoutes(router: Router, extensions: SandboxExtensions): void {
  registerOperations(router, { ...encryptionHandlers, ...flowHandlers(extensions), ...templateHandlers, ...messageHandlers });
  registerPreviewRoutes(router);
  registerTemplateControls(router);
  registerFlowControls(router);
  router.add('GET', '/_sandbox', async (_req, _params, ctx) =>
    json({
      name: 'waflow sandbox',
      hosting_type: ctx.config.hostingType,
      business_number: ctx.config.businessNumber,
      base_urls: { cloud: `${ctx.config.publicBaseUrl}/cloud`, 'on-premise': `${ctx.config.publicBaseUrl}/on-premise` },
      routes: router.routes(),
    }),
  );
}
