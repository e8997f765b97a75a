// Shape checks of picker values before any crypto, each failure naming the JSON path of the
// offending value (`photos[1].encryption_metadata.iv`) and never the value of a key.
import { decodeField } from './codec.js';
import { FlowMediaError } from './errors.js';
import type { FlowMediaEncryptionMetadata, FlowMediaItem, FlowMediaLabel } from './types.js';

/** The decoded key material of one file. */
export interface MediaKeys {
  iv: Uint8Array;
  encryptionKey: Uint8Array;
  hmacKey: Uint8Array;
  encryptedHash: Uint8Array;
  plaintextHash: Uint8Array;
}

const FIELDS: readonly { name: keyof FlowMediaEncryptionMetadata; key: keyof MediaKeys; bytes: number | 'any'; hash: boolean }[] = [
  { name: 'encrypted_hash', key: 'encryptedHash', bytes: 32, hash: true },
  { name: 'iv', key: 'iv', bytes: 16, hash: false },
  { name: 'encryption_key', key: 'encryptionKey', bytes: 32, hash: false },
  { name: 'hmac_key', key: 'hmacKey', bytes: 'any', hash: false },
  { name: 'plaintext_hash', key: 'plaintextHash', bytes: 32, hash: true },
];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function malformed(label: FlowMediaLabel, path: string, detail: string): FlowMediaError {
  return new FlowMediaError('metadata', { mediaId: label.mediaId, fileName: label.fileName }, `${path} ${detail}`, { path });
}

/** Decodes and checks the five metadata fields; `path` is where the metadata object sits. */
export function parseMetadata(value: unknown, label: FlowMediaLabel, path: string): MediaKeys {
  if (!isObject(value)) throw malformed(label, path, `must be an object with ${FIELDS.map((f) => f.name).join(', ')} (got ${typeName(value)})`);
  const keys: Partial<MediaKeys> = {};
  for (const field of FIELDS) {
    const at = `${path}.${field.name}`;
    const text = value[field.name];
    const encoding = field.hash ? 'base64 (or hex)' : 'base64';
    if (typeof text !== 'string' || text.length === 0) {
      throw malformed(label, at, text === undefined ? `is missing (${encoding} text)` : `must be non-empty ${encoding} text (got ${typeName(text)})`);
    }
    const bytes = decodeField(text, field.hash);
    if (bytes === undefined) throw malformed(label, at, `is not valid ${encoding}`);
    if (field.bytes === 'any' ? bytes.length === 0 : bytes.length !== field.bytes) {
      throw malformed(label, at, `must decode to ${field.bytes === 'any' ? 'at least 1 byte' : `${field.bytes} bytes`} (got ${bytes.length})`);
    }
    keys[field.key] = bytes;
  }
  return keys as MediaKeys;
}

/** A validated item with its keys decoded. */
export interface ParsedMedia {
  item: FlowMediaItem;
  keys: MediaKeys;
  label: FlowMediaLabel;
}

/** Items from readFlowMedia remember their path, so later errors name `photos[1]` unasked. */
const itemPaths = new WeakMap<object, string>();

export function pathOf(item: unknown): string | undefined {
  return isObject(item) ? itemPaths.get(item) : undefined;
}

function parseCdnUrl(value: unknown, label: FlowMediaLabel, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw malformed(label, path, value === undefined ? 'is missing (the URL of the encrypted file)' : `must be a URL string (got ${typeName(value)})`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw malformed(label, path, 'is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw malformed(label, path, `must be an http(s) URL (got ${url.protocol})`);
  return value;
}

/**
 * Checks one picker item. Liberal where nothing is lost: a numeric media_id becomes a string, a
 * missing file_name becomes the media id; everything else must have the documented shape.
 */
export function parseMediaItem(value: unknown, path: string): ParsedMedia {
  if (!isObject(value)) throw malformed({}, path, `must be a media object with media_id, cdn_url, file_name and encryption_metadata (got ${typeName(value)})`);
  const rawId = value.media_id;
  if (!((typeof rawId === 'string' && rawId.length > 0) || (typeof rawId === 'number' && Number.isFinite(rawId)))) {
    throw malformed({}, `${path}.media_id`, rawId === undefined ? 'is missing' : `must be a non-empty string (got ${typeName(rawId)})`);
  }
  const mediaId = String(rawId);
  const rawName = value.file_name;
  if (rawName !== undefined && typeof rawName !== 'string') throw malformed({ mediaId }, `${path}.file_name`, `must be a string (got ${typeName(rawName)})`);
  const fileName = rawName === undefined || rawName === '' ? mediaId : rawName;
  const label: FlowMediaLabel = { mediaId, fileName, path };
  const rawType = value.mime_type;
  if (rawType !== undefined && typeof rawType !== 'string') throw malformed(label, `${path}.mime_type`, `must be a string (got ${typeName(rawType)})`);
  const cdnUrl = parseCdnUrl(value.cdn_url, label, `${path}.cdn_url`);
  const keys = parseMetadata(value.encryption_metadata, label, `${path}.encryption_metadata`);
  const metadata = value.encryption_metadata as unknown as FlowMediaEncryptionMetadata;
  const item: FlowMediaItem = {
    media_id: mediaId,
    cdn_url: cdnUrl,
    file_name: fileName,
    encryption_metadata: {
      encrypted_hash: metadata.encrypted_hash,
      iv: metadata.iv,
      encryption_key: metadata.encryption_key,
      hmac_key: metadata.hmac_key,
      plaintext_hash: metadata.plaintext_hash,
    },
    ...(rawType === undefined || rawType === '' ? {} : { mime_type: rawType }),
  };
  return { item, keys, label };
}

/**
 * A picker field's value (`ctx.data.photos`) as checked items, in order. `path` names the field
 * in error messages; an absent field (an optional picker left empty) reads as no files.
 * Throws FlowMediaError (check `metadata`) naming the first bad value.
 */
export function readFlowMedia(value: unknown, path = 'media'): FlowMediaItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed({}, path, `must be the array of files a PhotoPicker or DocumentPicker sends (got ${typeName(value)})`);
  return value.map((entry, index) => {
    const at = `${path}[${index}]`;
    const { item } = parseMediaItem(entry, at);
    itemPaths.set(item, at);
    return item;
  });
}
