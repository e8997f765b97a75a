// Per-file rejections for a picker's `error-message`, which takes either one string for the
// component or an object `{ [media_id]: message }` (dynamic data only, flow-json.md §7.7). The
// phone shows each message under its file. To use it, declare an object in the screen's data
// model and bind it:
//   "data": { "photo_errors": { "type": "object", "__example__": {} } }
//   { "type": "PhotoPicker", "name": "photos", ..., "error-message": "${data.photo_errors}" }
// then answer the data_exchange with the same screen:
//   return nextScreen('UPLOAD', { photo_errors: mediaErrors([[item, 'This photo is too blurry']]) });

/** A media id, a picker item (`media_id`), a decrypted file or a FlowMediaError (`mediaId`). */
export type MediaRef = string | { readonly media_id: string } | { readonly mediaId: string | undefined };

function idOf(ref: MediaRef): string | undefined {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null) {
    if ('media_id' in ref) return ref.media_id;
    if ('mediaId' in ref) return ref.mediaId;
  }
  return undefined;
}

/**
 * Builds the `{ media_id: message }` object, skipping entries whose message is undefined (the
 * files you accept). Throws TypeError on an entry with no media id or an empty message, which
 * the phone could not show.
 */
export function mediaErrors(
  rejections: Readonly<Record<string, string | undefined>> | Iterable<readonly [MediaRef, string | undefined]>,
): Record<string, string> {
  const entries: Iterable<readonly [MediaRef, string | undefined]> =
    Symbol.iterator in rejections ? (rejections as Iterable<readonly [MediaRef, string | undefined]>) : Object.entries(rejections);
  const out: Record<string, string> = {};
  let index = 0;
  for (const [ref, message] of entries) {
    const id = idOf(ref);
    if (typeof id !== 'string' || id.length === 0) throw new TypeError(`mediaErrors: entry ${index} names no media id`);
    if (message !== undefined) {
      if (typeof message !== 'string' || message.trim().length === 0) throw new TypeError(`mediaErrors: the message for media ${id} must be non-empty text`);
      out[id] = message;
    }
    index++;
  }
  return out;
}
