-- 004_phone_sessions: what the sandbox's simulated phones remember about flow messages.

-- phone_flow_sessions: one row per time a phone opened a flow message. The live session (form
-- state, back stack) is in memory; this row is its outcome, for the chat view and the inspector.
CREATE TABLE phone_flow_sessions (
  id text PRIMARY KEY,
  message_id text NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_phone_id text NOT NULL REFERENCES phones (id) ON DELETE CASCADE,
  flow_id text NOT NULL,
  flow_token text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'closed', 'error')),
  -- The runtime's SessionError when status is 'error'.
  error jsonb,
  -- response_json of the completion, and the wamid of the nfm_reply message it produced.
  completion jsonb,
  reply_message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX phone_flow_sessions_message ON phone_flow_sessions (message_id);

-- phone_disabled_ctas: a flow message whose button the client disabled (the endpoint answered
-- 427: the flow token is no longer valid), so it cannot be opened again.
CREATE TABLE phone_disabled_ctas (
  message_id text PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  reason text NOT NULL,
  disabled_at timestamptz NOT NULL DEFAULT now()
);

-- phone_received_messages: business messages as the phone received them, with what the API
-- resolved when sending (the hosting type it was sent through, the flow a flow button opens),
-- so the phone's reply uses the same envelope and a flow_name is resolved once.
CREATE TABLE phone_received_messages (
  message_id text PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  hosting_type text NOT NULL CHECK (hosting_type IN ('cloud', 'on-premise')),
  flow_id text,
  flow_mode text CHECK (flow_mode IS NULL OR flow_mode IN ('draft', 'published')),
  received_at timestamptz NOT NULL DEFAULT now()
);
