// The number credential of a media request, for the media routes that are not served by the
// contract's pipeline (routes/operation.ts): the media URL of waba-v2 (`/{media-id}`, which must
// not swallow every unknown one-segment path) and the download URL, which 360dialog's clients call
// with D360-API-KEY and Meta's with a bearer token.
import { API_KEY_HEADER, findApiKey } from '../auth.js';
import type { SandboxContext } from '../context.js';
import type { PhoneRecord } from '../records.js';
import { phoneOfKey, unauthorized } from '../routes/operation.js';

export type MediaCredential = 'd360' | 'bearer' | 'either';

function bearerOf(req: Request): string | undefined {
  const header = req.headers.get('authorization');
  if (header === null) return undefined;
  return /^\s*Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/** The business phone a number key acts for, or the 401 to answer (Graph's shape for a bearer token). */
export async function numberPhone(req: Request, ctx: SandboxContext, accept: MediaCredential): Promise<PhoneRecord | Response> {
  const d360 = accept === 'bearer' ? undefined : req.headers.get(API_KEY_HEADER)?.trim();
  const bearer = accept === 'd360' || (d360 !== undefined && d360 !== '') ? undefined : bearerOf(req);
  const shape = bearer !== undefined || accept === 'bearer' ? 'meta' : 'cloud';
  const presented = d360 !== undefined && d360 !== '' ? d360 : bearer;
  if (presented === undefined || presented === '') {
    return unauthorized(shape, true, accept === 'either' ? `Send the number's API key in ${API_KEY_HEADER.toUpperCase()}, or as Authorization: Bearer <key>.` : undefined);
  }
  const key = await findApiKey(ctx.store, presented, ctx.clock());
  if (key?.scope !== 'number') return unauthorized(shape, false, key === undefined ? undefined : "This credential is a partner's; media belongs to a number: use the number's API key.");
  return phoneOfKey(ctx, key);
}
