// The business public key of the account's number (seed, "Signing the Public Key"): set and read
// back with its signature status. One key per business number; setting again replaces it. The key
// is loaded with real crypto first, so what is stored is a usable 2048-bit RSA public key.
import { DataChannelError, loadPublicKey } from '../../data-channel/index.js';
import type { HostingType } from '../../api/types.js';
import { errorResponse, json } from '../router.js';
import type { OperationHandler } from './operation.js';

/** On-Premise success answers carry `meta` (seed samples). */
export function onPremiseMeta(): { meta: { api_status: string; version: string } } {
  return { meta: { api_status: 'stable', version: '2.51.1' } };
}

function unusableKey(hostingType: HostingType, reason: string): Response {
  return hostingType === 'cloud'
    ? errorResponse('cloud', 400, { code: 131009, message: '(#131009) Parameter value is not valid', details: `public_key is not usable: ${reason}` })
    : errorResponse('on-premise', 400, { code: 1009, message: 'Parameter value is not valid', details: `public_key is not usable: ${reason}` });
}

export const encryptionHandlers: Record<string, OperationHandler> = {
  'encryption.setPublicKey': async (r) => {
    const pem = String((r.body as Record<string, unknown>).public_key);
    try {
      await loadPublicKey(pem);
    } catch (error) {
      const reason = error instanceof DataChannelError ? error.message : 'it could not be read as an RSA public key.';
      return unusableKey(r.hostingType, reason);
    }
    await r.ctx.store.query(
      `INSERT INTO business_public_keys (phone_id, public_key_pem, signature_status, updated_at) VALUES ($1, $2, 'VALID', $3)
       ON CONFLICT (phone_id) DO UPDATE SET public_key_pem = EXCLUDED.public_key_pem, signature_status = 'VALID', updated_at = EXCLUDED.updated_at`,
      [r.phone.id, pem, r.ctx.clock()],
    );
    r.ctx.log.info('business public key set', { phone: r.phone.number });
    return json(r.hostingType === 'cloud' ? { success: true } : onPremiseMeta());
  },

  'encryption.getPublicKey': async (r) => {
    const rows = await r.ctx.store.query<{ public_key_pem: string; signature_status: string }>(
      'SELECT public_key_pem, signature_status FROM business_public_keys WHERE phone_id = $1',
      [r.phone.id],
    );
    const row = rows[0];
    const record = row === undefined ? undefined : { business_public_key: row.public_key_pem, business_public_key_signature_status: row.signature_status };
    // The common form (waba-v2's); Graph and On-Premise answer the record itself (the contract's encode).
    return json({ data: record === undefined ? [] : [record], ...(r.hostingType === 'cloud' ? {} : onPremiseMeta()) });
  },
};
