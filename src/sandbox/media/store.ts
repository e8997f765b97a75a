// The sandbox's media rows (migration 008): picker uploads on the simulated CDN, and media the
// business downloads through the Cloud API media endpoints. Both drivers take a Uint8Array for a
// bytea parameter; PGlite hands back a Uint8Array and node-postgres a Buffer (a Uint8Array too).
import type { Queryable } from '../../store/index.js';
import { numericId, token } from '../ids.js';

export type MediaKind = 'upload' | 'message';

export interface MediaRecord {
  readonly id: string;
  readonly businessPhoneId: string;
  readonly kind: MediaKind;
  readonly fileName: string;
  readonly mimeType: string;
  /** Size of the plain file. */
  readonly fileSize: number;
  /** SHA-256 of the plain file, base64. */
  readonly sha256: string;
  readonly cdnToken: string | undefined;
  readonly createdAt: Date;
}

interface MediaRow {
  id: string;
  business_phone_id: string;
  kind: MediaKind;
  file_name: string;
  mime_type: string;
  file_size: number;
  sha256: string;
  cdn_token: string | null;
  created_at: Date | string;
}

const COLUMNS = 'id, business_phone_id, kind, file_name, mime_type, file_size, sha256, cdn_token, created_at';

function toRecord(row: MediaRow): MediaRecord {
  return {
    id: row.id,
    businessPhoneId: row.business_phone_id,
    kind: row.kind,
    fileName: row.file_name,
    mimeType: row.mime_type,
    fileSize: Number(row.file_size),
    sha256: row.sha256,
    cdnToken: row.cdn_token ?? undefined,
    createdAt: new Date(row.created_at),
  };
}

export interface NewMedia {
  readonly businessPhoneId: string;
  readonly kind: MediaKind;
  readonly fileName: string;
  readonly mimeType: string;
  readonly fileSize: number;
  readonly sha256: string;
  /** The encrypted CDN file (upload) or the plain file (message). */
  readonly data: Uint8Array;
  readonly sessionId?: string;
  readonly sourceId?: string;
  readonly at: Date;
}

/** Stores one file under a new numeric media id (360dialog: media ids are numeric). */
export async function insertMedia(db: Queryable, media: NewMedia): Promise<MediaRecord> {
  const id = numericId();
  const cdnToken = media.kind === 'upload' ? token(24) : null;
  const rows = await db.query<MediaRow>(
    `INSERT INTO sandbox_media (id, business_phone_id, kind, file_name, mime_type, file_size, sha256, data, cdn_token, session_id, source_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [id, media.businessPhoneId, media.kind, media.fileName, media.mimeType, media.fileSize, media.sha256, media.data, cdnToken, media.sessionId ?? null, media.sourceId ?? null, media.at.toISOString()],
  );
  return toRecord(rows[0] as MediaRow);
}

export async function findMedia(db: Queryable, id: string): Promise<MediaRecord | undefined> {
  const rows = await db.query<MediaRow>(`SELECT ${COLUMNS} FROM sandbox_media WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/** The stored bytes of a media row (the encrypted CDN file of an upload). */
export async function mediaData(db: Queryable, id: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const rows = await db.query<{ data: Uint8Array }>('SELECT data FROM sandbox_media WHERE id = $1', [id]);
  const data = rows[0]?.data;
  // A copy of its own: node-postgres's Buffer may be a view into a shared pool.
  return data === undefined ? undefined : new Uint8Array(data);
}
