-- 006_sandbox_accounts_outbox: every flow and template belongs to an account (the business phone
-- an API key belongs to), so two accounts sharing one store never see each other's; and endpoint
-- health alerts keep their state here, committed together with the webhook that announces it.

-- Rows made before accounts existed belong to the first business phone (the only one there was).
ALTER TABLE flows ADD COLUMN account_id text REFERENCES phones (id) ON DELETE CASCADE;
UPDATE flows SET account_id = (SELECT id FROM phones WHERE role = 'business' ORDER BY created_at, id LIMIT 1) WHERE account_id IS NULL;
CREATE INDEX flows_account_created ON flows (account_id, created_at);

ALTER TABLE templates ADD COLUMN account_id text REFERENCES phones (id) ON DELETE CASCADE;
UPDATE templates SET account_id = (SELECT id FROM phones WHERE role = 'business' ORDER BY created_at, id LIMIT 1) WHERE account_id IS NULL;
-- A template name and language are unique within an account, not across the store.
ALTER TABLE templates DROP CONSTRAINT IF EXISTS templates_name_language_key;
CREATE UNIQUE INDEX templates_account_name_language ON templates (account_id, name, language);

-- endpoint_health_alerts: the alerts currently ACTIVATED for a flow. A row appears and disappears
-- in the same transaction as the ACTIVATED / DEACTIVATED webhook row, so a restart neither repeats
-- nor forgets an alert.
CREATE TABLE endpoint_health_alerts (
  flow_id text NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
  alert_type text NOT NULL,
  activated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_id, alert_type)
);
