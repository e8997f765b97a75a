-- 009_phone_session_views: a finished flow session's last view, so it leaves the sandbox's memory.
--
-- A session that completed, closed or stopped with an error (or that the sandbox closed because it
-- sat idle, or to make room) is dropped from the in-memory registry of open sessions. Its row keeps
-- what GET /_sandbox/sessions/{id} showed at that moment (screen, history, form, errors, the
-- completion, media, summary, endpoint exchanges: phone/sessions.ts sessionView), written by the
-- same statement that records the final status. NULL while the session is open, and for sessions
-- of a sandbox that stopped before they finished (those ended with it, as before).
ALTER TABLE phone_flow_sessions ADD COLUMN final_view jsonb;
