-- Messaging: the template store, the outbox (messages + their status history) and send-rate state.

-- Templates as Meta returns them (`json` is the full Graph object); the other columns exist for
-- filtering and for what Köprü adds (pause expiry, when we last heard about it).
CREATE TABLE templates (
  name            TEXT NOT NULL,
  language        TEXT NOT NULL,
  id              TEXT NOT NULL,
  status          TEXT NOT NULL,
  category        TEXT NOT NULL,
  quality         TEXT,
  rejected_reason TEXT,
  -- PAUSED templates: when Meta's automatic unpause is due (3 h first pause, 6 h second); NULL = until told.
  paused_until    INTEGER,
  -- name + body folded for case/diacritic-insensitive search (see core/template-search).
  search_text     TEXT NOT NULL,
  json            TEXT NOT NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (name, language)
) WITHOUT ROWID;
CREATE INDEX templates_id ON templates (id);

-- The outbox. A row is written (status 'queued') before any Graph call; UNIQUE(agent_id,
-- idempotency_key) is what makes one key mean at most one message, whatever the concurrency.
CREATE TABLE messages (
  id                 TEXT PRIMARY KEY,
  agent_id           TEXT NOT NULL REFERENCES agents (id),
  idempotency_key    TEXT NOT NULL,
  request_hash       TEXT NOT NULL,
  phone              TEXT NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('template', 'text')),
  purpose            TEXT,
  template_name      TEXT,
  template_language  TEXT,
  values_json        TEXT,
  components_json    TEXT,
  preview_json       TEXT NOT NULL,
  text               TEXT,
  ticket_json        TEXT,
  status             TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'accepted', 'sent', 'delivered', 'read', 'failed', 'unknown')),
  wamid              TEXT UNIQUE,
  error_code         INTEGER,
  error_reason       TEXT,
  pricing_json       TEXT,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    INTEGER,
  -- Set when a Graph call may or may not have happened (timeout, crash mid-call): such a row is
  -- never resent; it waits for a status webhook carrying its id, else ends 'unknown'.
  uncertain_since    INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  UNIQUE (agent_id, idempotency_key)
);
CREATE INDEX messages_phone ON messages (phone, created_at);
CREATE INDEX messages_due ON messages (status, next_attempt_at);

-- Every status a message reached, once (a replayed webhook cannot add a second row).
CREATE TABLE message_events (
  message_id  TEXT NOT NULL REFERENCES messages (id),
  status      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  error_code  INTEGER,
  detail      TEXT,
  PRIMARY KEY (message_id, status)
) WITHOUT ROWID;

-- Send-rate state (GCRA: one "theoretical arrival time" per key), in the database so a restart
-- does not hand out a fresh burst. Keys: 'pair:<phone>', 'agent:<id>'.
CREATE TABLE rate_limits (
  key  TEXT PRIMARY KEY,
  tat  INTEGER NOT NULL
) WITHOUT ROWID;

-- The sender of automatic confirmations (opt-out/opt-in replies). Its token can never match.
INSERT INTO agents (id, name, role, token_hash, created_at)
VALUES ('agt_system', 'Köprü (automatic)', 'agent', 'disabled:' || hex(randomblob(32)), 0);
