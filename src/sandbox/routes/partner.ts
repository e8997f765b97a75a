// The Partner API's credentials exchange, POST /hub/api/v2/token (contract op `auth.token`): a
// Partner Hub user's email and password for a bearer token. In the sandbox the username is the
// partner user's email (config `partnerUser`, default partner@waflow.test) and the password is one
// of that partner's API keys (the X-API-Key `waflow dev` prints): the sandbox keeps no passwords.
// The token lives 24 hours and is stored as a SHA-256, like every key.
import { findPartner } from '../account.js';
import { PARTNER_TOKEN_TTL_SECONDS, findApiKey, issuePartnerToken } from '../auth.js';
import { json, partnerError } from '../router.js';
import type { PublicOperationHandler } from './operation.js';

const REFUSED = 'Wrong username or password. In the waflow sandbox the username is the partner user email and the password is a partner API key.';

export const partnerPublicHandlers: Record<string, PublicOperationHandler> = {
  'auth.token': async (r) => {
    const body = r.body as { username: string; password: string };
    const now = r.ctx.clock();
    const key = await findApiKey(r.ctx.store, body.password, now);
    if (key?.scope !== 'partner' || key.partnerId === undefined) return partnerError(401, REFUSED);
    const partner = await findPartner(r.ctx.store, key.partnerId);
    if (partner === undefined || partner.userEmail.toLowerCase() !== body.username.trim().toLowerCase()) return partnerError(401, REFUSED);
    const { token } = await issuePartnerToken(r.ctx.store, { partnerId: partner.id, now });
    r.ctx.log.info('partner token issued', { partner: partner.id });
    return json({ access_token: token, token_type: 'bearer', expires_in: PARTNER_TOKEN_TTL_SECONDS });
  },
};
