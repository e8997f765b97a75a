-- 007_provider_accounts: the ids each provider addresses a sandbox account by, and the Partner
-- API's credentials. A business phone (the account) now has
--   waba_id          Meta's WhatsApp Business Account id (numeric; Graph paths /{waba_id}/flows),
--   waba_account_id  360dialog's WABA account id (Partner API paths /waba_accounts/{id}/...),
--   partner_id       the 360dialog partner it is onboarded under (ids end in "PA").
-- The sandbox's partner row is made on start (its id is configuration, not data).

CREATE TABLE partners (
  id text PRIMARY KEY,
  -- The Partner Hub user whose email is the username of POST /token.
  user_email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE phones ADD COLUMN waba_id text;
ALTER TABLE phones ADD COLUMN waba_account_id text;
ALTER TABLE phones ADD COLUMN partner_id text REFERENCES partners (id) ON DELETE SET NULL;

-- Existing business phones keep the WABA id their webhooks already carried (entry[].id): the
-- sandboxWabaId hash of the number (src/sandbox/webhooks/outbox.ts), computed here digit by digit.
WITH RECURSIVE h (id, number, i, v) AS (
  SELECT id, number, 0, 1000000007::bigint FROM phones WHERE role = 'business'
  UNION ALL
  SELECT id, number, i + 1, (v * 131 + ascii(substr(number, i + 1, 1))) % 900000000000000 FROM h WHERE i < length(number)
)
UPDATE phones p SET waba_id = (100000000000000 + h.v)::text FROM h WHERE h.id = p.id AND h.i = length(p.number);
UPDATE phones SET waba_account_id = 'sbx' || substr(md5(random()::text || id), 1, 12) WHERE role = 'business';

CREATE UNIQUE INDEX phones_waba_id ON phones (waba_id);
CREATE UNIQUE INDEX phones_waba_account_id ON phones (waba_account_id);
-- A business phone has both ids; a simulated user phone has neither.
ALTER TABLE phones ADD CONSTRAINT phones_account_ids CHECK (
  (role = 'business' AND waba_id IS NOT NULL AND waba_account_id IS NOT NULL)
  OR (role = 'user' AND waba_id IS NULL AND waba_account_id IS NULL AND partner_id IS NULL)
);

-- api_keys: besides a number's key (scope 'number', phone_id; also its Graph access token), a
-- partner's API key (scope 'partner', X-API-Key) and the bearer tokens POST /token issues for one
-- (scope 'partner_token', with an expiry). All three are stored as a SHA-256 only.
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'number' CHECK (scope IN ('number', 'partner', 'partner_token'));
ALTER TABLE api_keys ADD COLUMN partner_id text REFERENCES partners (id) ON DELETE CASCADE;
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_owner CHECK (
  (scope = 'number' AND partner_id IS NULL)
  OR (scope <> 'number' AND partner_id IS NOT NULL AND phone_id IS NULL)
);
CREATE INDEX api_keys_partner ON api_keys (partner_id, scope) WHERE partner_id IS NOT NULL;
