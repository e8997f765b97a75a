-- 003_sandbox_previews: the web preview link of a flow (GET /flows/{id}?fields=preview). One link
-- per flow; asking with invalidate(true) replaces the token, so an old link stops working.
CREATE TABLE flow_previews (
  flow_id text PRIMARY KEY REFERENCES flows (id) ON DELETE CASCADE,
  token text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
