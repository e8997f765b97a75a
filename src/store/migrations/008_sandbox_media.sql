-- 008_sandbox_media: files the sandbox's simulated phones upload from a PhotoPicker or
-- DocumentPicker, and the media the business downloads through the Cloud API media endpoints.
--
-- The bytes live in the database (bytea), not in files under the data folder: the sandbox runs on
-- PGlite (a folder, or memory://) and on PostgreSQL (a URL, possibly another machine), and only
-- the database is there in every case; a row also commits and rolls back with the session and
-- webhook rows around it, disappears with its schema in tests, and is dropped with its business
-- phone. Files are small for a database (a picker takes at most 25 MiB, a request body 16 MiB).
--
-- kind 'upload': what the phone put on WhatsApp's CDN for a data_exchange: `data` is the encrypted
--   CDN file (AES-256-CBC ciphertext ‖ 10-byte HMAC), served without a key on /_sandbox/cdn/{id}
--   to whoever holds the unguessable `cdn_token` (the signed part of a CDN URL). The keys to
--   decrypt it travel only in the data_exchange payload, encrypted to the endpoint.
-- kind 'message': media the business receives with a message (a picker's files in the response
--   message of a completed flow): `data` is the plain file, downloaded with the number's API key
--   (GET /{media-id}, then its URL).
CREATE TABLE sandbox_media (
  id text PRIMARY KEY,
  business_phone_id text NOT NULL REFERENCES phones (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('upload', 'message')),
  file_name text NOT NULL,
  mime_type text NOT NULL,
  -- Size of the plain file in bytes, and its SHA-256 (base64, as encryption_metadata.plaintext_hash).
  file_size integer NOT NULL CHECK (file_size >= 0),
  sha256 text NOT NULL,
  data bytea NOT NULL,
  cdn_token text UNIQUE,
  -- The phone session that picked an upload; the upload a message's media was made from.
  session_id text,
  source_id text REFERENCES sandbox_media (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'upload') = (cdn_token IS NOT NULL))
);
CREATE INDEX sandbox_media_phone ON sandbox_media (business_phone_id, created_at);
