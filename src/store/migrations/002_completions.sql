-- 002_completions: what the business-side webhook SDK keeps.

-- flow_completions: one row per flow response message (interactive nfm_reply), keyed by the
-- message id so a redelivered webhook is stored once. response is response_json parsed;
-- response_json_raw is the string as received. seq orders rows for keyset pagination.
CREATE TABLE flow_completions (
  message_id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  flow_id text,
  flow_token text,
  wa_id text NOT NULL,
  context_message_id text,
  response jsonb NOT NULL,
  response_json_raw text NOT NULL,
  hosting_type text NOT NULL CHECK (hosting_type IN ('cloud', 'on_premise')),
  phone_number_id text,
  -- When the user sent the reply (the message timestamp); received_at is when we stored it.
  sent_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX flow_completions_seq ON flow_completions (seq);
CREATE INDEX flow_completions_flow ON flow_completions (flow_id, seq);
CREATE INDEX flow_completions_token ON flow_completions (flow_token);

-- webhook_events: every other event the webhook handler accepted (statuses, messages, flow
-- status changes and alerts), keyed so a redelivery is recognised and not processed twice.
CREATE TABLE webhook_events (
  event_key text PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_events_kind_time ON webhook_events (kind, received_at);
