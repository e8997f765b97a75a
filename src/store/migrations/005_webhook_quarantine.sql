-- 005_webhook_quarantine: webhook events the handler set aside instead of storing, because their
-- content cannot be stored as it is (a NUL character, an unpaired UTF-16 surrogate, nesting too
-- deep, or anything else PostgreSQL refuses as input). The delivery is acknowledged and its other
-- events are stored; these wait here, intact, for a person to look at them.

-- quarantine_key: a digest of the event, so a redelivery is quarantined once.
-- message_id: the id as printable text (control characters and lone surrogates written as
--   \uXXXX, cut at 200 characters), for finding the row; event_json has the exact one.
-- code / reason: why (NUL_CHARACTER, LONE_SURROGATE, TOO_DEEP, REJECTED_BY_STORE), in words that
--   say where but never quote the content.
-- event_json: the parsed event as JSON text in which every NUL and lone surrogate is a \u escape,
--   so the column is valid text and JSON.parse gives back the original code units. It is text,
--   not jsonb: jsonb refuses exactly those escapes.
CREATE TABLE webhook_quarantine (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  quarantine_key text NOT NULL UNIQUE,
  kind text NOT NULL,
  message_id text,
  code text NOT NULL,
  reason text NOT NULL,
  event_json text NOT NULL,
  quarantined_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_quarantine_message ON webhook_quarantine (message_id);
CREATE INDEX webhook_quarantine_time ON webhook_quarantine (quarantined_at);
