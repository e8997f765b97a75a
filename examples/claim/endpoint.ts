// The claim endpoint: checks each picked file as it arrives (ctx.decryptMedia downloads it from
// WhatsApp's CDN, verifies its hashes and HMAC and decrypts it) and rejects a bad one under the
// file itself, with the picker's `error-message` object `{ media_id: message }`.
import { readFileSync } from 'node:fs';
import { FlowMediaError, createFlowEndpoint, mediaErrors, nextScreen, readFlowMedia, showError } from '../../src/endpoint/index.js';
import type { DecryptedFlowMedia, EndpointLogger, FetchLike, FlowContext, FlowEndpoint, FlowMediaItem, FlowTokenStore } from '../../src/endpoint/index.js';
import { ClaimDesk } from './desk.js';

/** The data each screen of flow.json receives. */
export type ClaimScreens = {
  DAMAGE: { photo_errors: Record<string, string> };
  RECEIPT: { receipt_errors: Record<string, string> };
  REVIEW: { claim_id: string; summary: string };
};

export const CLAIM_FLOW: unknown = JSON.parse(readFileSync(new URL('./flow.json', import.meta.url), 'utf8'));

/** The pickers' max-file-size-kb in flow.json (5 MB): nothing larger is downloaded. */
const MAX_BYTES = 5120 * 1024;

export interface ClaimEndpointOptions {
  privateKey: string;
  passphrase?: string;
  appSecret?: string;
  tokenStore?: FlowTokenStore;
  logger?: EndpointLogger;
  /** How files are downloaded from the CDN (default: the global fetch). */
  fetch?: FetchLike;
  desk?: ClaimDesk;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean => signature.every((b, i) => bytes[i] === b);
const isPhoto = (bytes: Uint8Array): boolean => startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPdf = (bytes: Uint8Array): boolean => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-

type Checked = { ok: true; file: DecryptedFlowMedia } | { ok: false; message: string };

/** Opens one picked file and checks what it holds; a refusal is the text shown under the file. */
async function check(ctx: FlowContext, item: FlowMediaItem, holds: (bytes: Uint8Array) => boolean, wrong: string): Promise<Checked> {
  let file: DecryptedFlowMedia;
  try {
    file = await ctx.decryptMedia(item, { maxBytes: MAX_BYTES });
  } catch (error) {
    if (!(error instanceof FlowMediaError)) throw error;
    // error.check says which step failed (download, encrypted_hash, hmac, decrypt, plaintext_hash).
    return { ok: false, message: error.check === 'download' ? 'We could not fetch this file. Please pick it again.' : 'This file arrived damaged. Please pick it again.' };
  }
  return holds(file.bytes) ? { ok: true, file } : { ok: false, message: wrong };
}

/** The one file of a picker with min = max = 1, or undefined when the payload has none. */
function onlyFile(ctx: FlowContext, field: string): FlowMediaItem | undefined {
  try {
    return readFlowMedia(ctx.data[field], field)[0];
  } catch (error) {
    if (error instanceof FlowMediaError) return undefined; // a malformed item: treated as missing
    throw error;
  }
}

export function createClaimEndpoint(options: ClaimEndpointOptions): FlowEndpoint {
  const desk = options.desk ?? new ClaimDesk();
  return createFlowEndpoint<ClaimScreens>({
    privateKey: options.privateKey,
    passphrase: options.passphrase,
    appSecret: options.appSecret,
    tokenStore: options.tokenStore,
    logger: options.logger,
    fetch: options.fetch,
    flow: CLAIM_FLOW,
    handlers: {
      init: () => nextScreen('DAMAGE', { photo_errors: {} }),
      dataExchange: {
        DAMAGE: async (ctx) => {
          const item = onlyFile(ctx, 'photo');
          if (item === undefined) return showError('Please add a photo of the damage.');
          const checked = await check(ctx, item, isPhoto, 'This is not a JPEG or PNG photo. Please pick another one.');
          if (!checked.ok) return nextScreen('DAMAGE', { photo_errors: mediaErrors([[item, checked.message]]) });
          desk.keep(ctx.flowToken, 'photo', checked.file);
          return nextScreen('RECEIPT', { receipt_errors: {} });
        },
        RECEIPT: async (ctx) => {
          const item = onlyFile(ctx, 'receipt');
          if (item === undefined) return showError('Please add the receipt.');
          const checked = await check(ctx, item, isPdf, 'The receipt must be a PDF document.');
          if (!checked.ok) return nextScreen('RECEIPT', { receipt_errors: mediaErrors([[item, checked.message]]) });
          desk.keep(ctx.flowToken, 'receipt', checked.file);
          const claim = desk.open(ctx.flowToken);
          if (claim === undefined) return showError('Your photo is missing: go back and add it again.');
          return nextScreen('REVIEW', { claim_id: claim.id, summary: `${claim.photo.fileName} and ${claim.receipt.fileName} are checked. Submit to file the claim.` });
        },
      },
    },
  });
}
