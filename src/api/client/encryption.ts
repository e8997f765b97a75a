// encryption.*: the business public key of the phone number. Every dialect's answer reaches the
// client in the common `{ data: [record] }` form (the contract decodes Graph's and On-Premise's flat
// record); an empty list means no key is set.
import { getPublicKey, setPublicKey } from '../contract/index.js';
import type { PublicKeyRecord, SuccessResponse } from '../contract/index.js';
import type { Caller } from './pipeline.js';
import type { ApiClient } from './types.js';

export function encryptionApi(caller: Caller): ApiClient['encryption'] {
  return {
    async setPublicKey(pem, request) {
      const result = (await caller.call(setPublicKey, { json: { publicKey: pem } }, { label: 'encryption.setPublicKey', signal: request?.signal })) as Partial<SuccessResponse>;
      // On-Premise answers with `meta` only; a 2xx is the success.
      return { success: result.success ?? true };
    },
    async getPublicKey(request) {
      const result = await caller.call(getPublicKey, {}, { label: 'encryption.getPublicKey', signal: request?.signal });
      const record = (Array.isArray(result.data) ? result.data[0] : undefined) as Partial<PublicKeyRecord> | undefined;
      if (record === undefined || typeof record.businessPublicKey !== 'string' || record.businessPublicKey === '') return null;
      return {
        businessPublicKey: record.businessPublicKey,
        businessPublicKeySignatureStatus: record.businessPublicKeySignatureStatus ?? 'MISMATCH',
      };
    },
  };
}
