-- Insights, template health and compliance: price classes at send time, an append-only audit log,
-- template health alerts, a redactable consent ledger, erasure's suppression list and settings.

-- What each message was expected to cost when it was sent (shared/pricing/price-message.ts): the
-- template's category at that moment, the price class and amount from the configured rate card.
-- Meta's own pricing (pricing_json, from status webhooks) stays the authority on what was billed.
ALTER TABLE messages ADD COLUMN template_category TEXT;
ALTER TABLE messages ADD COLUMN price_class TEXT;
ALTER TABLE messages ADD COLUMN price_amount REAL;
ALTER TABLE messages ADD COLUMN price_market TEXT;
ALTER TABLE messages ADD COLUMN price_currency TEXT;
-- Set only when the customer's inbound messages are erased: the analytics fact "replied within
-- 24 h" survives without the messages themselves.
ALTER TABLE messages ADD COLUMN replied_at INTEGER;
-- When retention or erasure blanked the contents (values, rendered preview, text).
ALTER TABLE messages ADD COLUMN contents_removed_at INTEGER;
ALTER TABLE inbound_messages ADD COLUMN contents_removed_at INTEGER;
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX messages_agent_created ON messages (agent_id, created_at);

-- The consent ledger, version 2 records (server/core/consent-hash.ts). A record's hash no longer
-- covers its personal fields (phone, ticket, note, evidence) directly but a salted digest of them:
-- pii_digest = sha256(pii_salt || canonical JSON of the personal fields). Erasure can then remove
-- the personal fields AND the salt while the hash chain still verifies; without the salt nobody can
-- confirm a guessed number against the digest. Records written before this migration stay
-- version 1 (hash over the plaintext).
ALTER TABLE consents ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE consents ADD COLUMN pii_salt TEXT;
ALTER TABLE consents ADD COLUMN pii_digest TEXT;
ALTER TABLE consents ADD COLUMN redacted_at INTEGER;

-- Append-only stays a property of the database: the ONE update allowed is the erasure redaction —
-- once per record, phone replaced by 'erased:' + the keyed hash of the number, the personal fields
-- and the salt emptied, everything the hash covers left exactly as it was.
DROP TRIGGER consents_no_update;
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
WHEN NOT (
  OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
  AND NEW.phone GLOB 'erased:*' AND length(NEW.phone) = 71
  AND NEW.ticket_json IS NULL AND NEW.note IS NULL AND NEW.evidence_json IS NULL AND NEW.pii_salt IS NULL
  AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.method = OLD.method
  AND NEW.topics_json = OLD.topics_json AND NEW.wording_id IS OLD.wording_id AND NEW.agent_id IS OLD.agent_id
  AND NEW.created_at = OLD.created_at AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
  AND NEW.hash_version = OLD.hash_version AND NEW.pii_digest IS OLD.pii_digest
)
BEGIN
  SELECT RAISE(ABORT, 'consents is append-only: records cannot be changed (only redacted on erasure)');
END;

-- Who did what: every send, consent change, template change and agent action, hash-chained like
-- the consent ledger. `subject` is the keyed hash of the customer's number (never the number), so
-- erasing a customer leaves nothing personal here to remove.
CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
  at            INTEGER NOT NULL,
  action        TEXT NOT NULL,
  actor_id      TEXT,
  actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('agent', 'admin', 'system', 'meta', 'customer')),
  subject       TEXT,
  target        TEXT,
  details_json  TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;

-- Template health alerts raised from Meta's template webhooks (server/core/alerts.ts).
CREATE TABLE template_alerts (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('rejected', 'paused', 'disabled', 'quality_drop',
                                                   'category_change_announced', 'category_change_completed')),
  template_id        TEXT NOT NULL,
  template_name      TEXT NOT NULL,
  template_language  TEXT NOT NULL,
  -- An open alert with the same key is not raised twice (Meta delivers webhooks at least once).
  dedupe_key         TEXT NOT NULL,
  details_json       TEXT NOT NULL,
  created_at         INTEGER NOT NULL,
  resolved_at        INTEGER
);
CREATE INDEX template_alerts_created ON template_alerts (created_at);
CREATE INDEX template_alerts_open ON template_alerts (template_id, resolved_at);

-- Numbers erased on request: only the keyed hash (HMAC-SHA256 with the server secret in
-- <data dir>/subject-key), so a later send to the number is still refused. Never deleted.
CREATE TABLE erased_subjects (
  subject    TEXT PRIMARY KEY,
  erased_at  INTEGER NOT NULL,
  erased_by  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER erased_subjects_no_delete BEFORE DELETE ON erased_subjects
BEGIN
  SELECT RAISE(ABORT, 'erased_subjects cannot be deleted: it is what stops messages to erased numbers');
END;

-- Small admin settings (retention), one JSON value per key.
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT
) WITHOUT ROWID;
