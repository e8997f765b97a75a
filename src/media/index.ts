// Flows media (PhotoPicker / DocumentPicker) crypto on WebCrypto alone: no node: module, so it
// runs on Node, Bun, Deno and workerd. Exported from waflow/endpoint.
export { encryptFlowMedia } from './encrypt.js';
export { decryptFlowMedia, decryptFlowMediaBytes, DEFAULT_MAX_MEDIA_BYTES } from './decrypt.js';
export { readFlowMedia } from './validate.js';
export { detectMimeType } from './mime.js';
export { mediaErrors } from './media-errors.js';
export type { MediaRef } from './media-errors.js';
export { FlowMediaError } from './errors.js';
export type {
  DecryptFlowMediaOptions,
  DecryptedFlowMedia,
  EncryptFlowMediaOptions,
  EncryptedFlowMedia,
  FetchLike,
  FlowMediaCheck,
  FlowMediaEncryptionMetadata,
  FlowMediaItem,
  FlowMediaLabel,
} from './types.js';
