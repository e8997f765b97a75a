-- 001_sandbox: what the local sandbox (the simulated WhatsApp platform) keeps.
-- Conventions: ids are text (Meta's ids are opaque strings), payloads are jsonb, times are
-- timestamptz, names are snake_case. Rows owned by another row are deleted with it.

-- flows: one row per Flow, as the Flows API describes it (status follows Meta's lifecycle).
CREATE TABLE flows (
  id text PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'DRAFT'
    CHECK (status IN ('DRAFT', 'PUBLISHED', 'DEPRECATED', 'BLOCKED', 'THROTTLED')),
  categories jsonb NOT NULL DEFAULT '[]'::jsonb,
  endpoint_uri text,
  -- Flow JSON "version" and "data_api_version" of the current flow.json, copied for listing.
  json_version text,
  data_api_version text,
  -- Validation errors of the current flow.json (Meta's shape), empty when valid.
  validation_errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- flow_assets: files attached to a flow; today only FLOW_JSON ("flow.json"). The source is kept
-- as text, byte for byte, so validation errors can point at lines and columns.
CREATE TABLE flow_assets (
  flow_id text NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
  name text NOT NULL,
  asset_type text NOT NULL DEFAULT 'FLOW_JSON',
  content text NOT NULL,
  sha256 text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_id, name)
);

-- templates: message templates (a flow can be sent from a FLOW button); status as Meta reviews it.
CREATE TABLE templates (
  id text PRIMARY KEY,
  name text NOT NULL,
  language text NOT NULL,
  category text NOT NULL,
  status text NOT NULL DEFAULT 'PENDING',
  components jsonb NOT NULL DEFAULT '[]'::jsonb,
  rejected_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, language)
);

-- phones: both ends of a chat. role 'business' is a number the business sends from (with its
-- phone_number_id and hosting type); role 'user' is a simulated customer phone (wa_id = number).
CREATE TABLE phones (
  id text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('business', 'user')),
  number text NOT NULL UNIQUE,
  display_name text,
  hosting_type text CHECK (hosting_type IS NULL OR hosting_type IN ('cloud', 'on_premise')),
  locale text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- chats: one conversation between a business number and a user phone.
CREATE TABLE chats (
  id text PRIMARY KEY,
  business_phone_id text NOT NULL REFERENCES phones (id) ON DELETE CASCADE,
  user_phone_id text NOT NULL REFERENCES phones (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz,
  UNIQUE (business_phone_id, user_phone_id)
);

-- messages: every message in a chat. id is the wamid; payload is the message object as sent on
-- the wire; status tracks delivery of outbound messages (accepted → sent → delivered → read, or failed).
CREATE TABLE messages (
  id text PRIMARY KEY,
  chat_id text NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  type text NOT NULL,
  payload jsonb NOT NULL,
  context_message_id text,
  status text NOT NULL DEFAULT 'accepted'
    CHECK (status IN ('accepted', 'sent', 'delivered', 'read', 'failed', 'deleted')),
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_chat_created ON messages (chat_id, created_at);

-- webhook_deliveries: webhooks the sandbox sends to the business. body is the exact text that
-- was signed (X-Hub-Signature-256 covers bytes, so it is not re-serialized); retried until
-- delivered or given up ('dead').
CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  url text NOT NULL,
  event_kind text NOT NULL,
  body text NOT NULL,
  message_id text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  attempt_count integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- webhook_delivery_attempts: one row per HTTP attempt of a delivery, for the inspector.
CREATE TABLE webhook_delivery_attempts (
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer,
  response_status integer,
  -- The start of the response body only; a business endpoint could answer anything.
  response_excerpt text,
  error text,
  PRIMARY KEY (delivery_id, attempt)
);

-- endpoint_health_samples: one probe or data_exchange call to a flow's endpoint, from which
-- the health monitor computes error rate, latency percentiles and availability.
CREATE TABLE endpoint_health_samples (
  id text PRIMARY KEY,
  flow_id text REFERENCES flows (id) ON DELETE CASCADE,
  endpoint_uri text NOT NULL,
  action text NOT NULL,
  sampled_at timestamptz NOT NULL DEFAULT now(),
  ok boolean NOT NULL,
  latency_ms integer,
  http_status integer,
  error_code text
);
CREATE INDEX endpoint_health_samples_uri_time ON endpoint_health_samples (endpoint_uri, sampled_at);

-- api_keys: keys for the sandbox's API (the D360-API-KEY header). Only a SHA-256 of the key is
-- kept; key_prefix is the first characters, enough to tell keys apart in a list.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  key_prefix text NOT NULL,
  phone_id text REFERENCES phones (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- business_public_keys: the RSA public key a business number signed for the data channel
-- (whatsapp_business_encryption); one current key per business phone.
CREATE TABLE business_public_keys (
  phone_id text PRIMARY KEY REFERENCES phones (id) ON DELETE CASCADE,
  public_key_pem text NOT NULL,
  signature_status text NOT NULL DEFAULT 'VALID' CHECK (signature_status IN ('VALID', 'MISMATCH')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
