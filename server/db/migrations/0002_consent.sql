-- Contacts, the consent ledger and what feeds it (wordings, opt-in codes, hand-offs, inbound messages).

-- One row per customer number we have seen or recorded consent for. The service window is derived
-- from last_inbound_at (shared/window/service-window.ts); nothing here is the consent state, which
-- lives only in the ledger.
CREATE TABLE contacts (
  phone            TEXT PRIMARY KEY,               -- E.164, e.g. +905324182796
  wa_id            TEXT NOT NULL UNIQUE,           -- the same digits without '+', as webhooks carry them
  name             TEXT,                           -- WhatsApp profile name from the newest inbound message
  last_inbound_at  INTEGER,                        -- ms epoch of the newest inbound message
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);

-- Versioned opt-in texts. `{business}` in text is replaced with KOPRU_BUSINESS_NAME when shown; a
-- consent record stores the rendered text it pointed at in its evidence, so the proof survives a
-- later rename of the business.
CREATE TABLE consent_wordings (
  id          TEXT PRIMARY KEY,
  language    TEXT NOT NULL CHECK (language IN ('tr', 'en')),
  version     INTEGER NOT NULL CHECK (version > 0),
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (language, version)
);

INSERT INTO consent_wordings (id, language, version, text, created_at) VALUES
  ('cw_tr_v1', 'tr', 1,
   '{business} tarafından siparişlerim, kargolarım, randevularım, ödemelerim ve hesabımla ilgili bilgilendirme mesajlarını WhatsApp üzerinden almayı kabul ediyorum. Bu mesajları istediğim zaman WhatsApp''tan DUR veya İPTAL yazarak durdurabilirim.',
   0),
  ('cw_en_v1', 'en', 1,
   'I agree to receive service messages from {business} on WhatsApp about my orders, deliveries, appointments, payments and account. I can stop these messages at any time by replying STOP on WhatsApp.',
   0);

-- The consent ledger: append-only and hash-chained. hash = sha256(prev_hash || canonical JSON of the
-- record); see server/core/consent-hash.ts. The triggers make "append-only" a property of the
-- database, not a convention of the code.
CREATE TABLE consents (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT NOT NULL UNIQUE,
  phone          TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('opt_in', 'opt_out')),
  method         TEXT NOT NULL,
  topics_json    TEXT NOT NULL,
  wording_id     TEXT REFERENCES consent_wordings (id),
  agent_id       TEXT REFERENCES agents (id),
  ticket_json    TEXT,
  note           TEXT,
  evidence_json  TEXT,
  created_at     INTEGER NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL UNIQUE
);
CREATE INDEX consents_phone_seq ON consents (phone, seq);

CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consents is append-only: records cannot be changed');
END;

CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consents is append-only: records cannot be deleted');
END;

-- Customer-proof opt-in: the customer sends this code from WhatsApp (a counter QR / wa.me link).
CREATE TABLE optin_codes (
  code             TEXT PRIMARY KEY,               -- KOPRU-7F3KQ
  phone            TEXT,                           -- the number the agent expected, if any
  topics_json      TEXT NOT NULL,
  wording_id       TEXT NOT NULL REFERENCES consent_wordings (id),
  language         TEXT NOT NULL CHECK (language IN ('tr', 'en')),
  agent_id         TEXT NOT NULL REFERENCES agents (id),
  ticket_json      TEXT,
  wa_me_link       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  confirmed_at     INTEGER,
  confirmed_phone  TEXT,
  consent_id       TEXT REFERENCES consents (id),
  inbound_wamid    TEXT
);

-- "Continue on WhatsApp": who asked, from which channel and ticket, and the conversation it became.
CREATE TABLE handoffs (
  id             TEXT PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  channel        TEXT NOT NULL,
  phone          TEXT,
  requested_by   TEXT,
  customer_name  TEXT,
  language       TEXT NOT NULL CHECK (language IN ('tr', 'en')),
  agent_id       TEXT NOT NULL REFERENCES agents (id),
  ticket_json    TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('template_sent', 'awaiting_customer', 'linked')),
  message_id     TEXT,
  wa_me_link     TEXT,
  qr_svg         TEXT,
  linked_wa_id   TEXT,
  linked_wamid   TEXT,
  linked_at      INTEGER,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL
);
CREATE INDEX handoffs_phone_status ON handoffs (phone, status);

-- Every inbound message once: the primary key is Meta's wamid, so a redelivered webhook is a no-op.
CREATE TABLE inbound_messages (
  wamid         TEXT PRIMARY KEY,
  wa_id         TEXT NOT NULL,
  phone         TEXT NOT NULL,
  type          TEXT NOT NULL,
  text          TEXT,
  payload_json  TEXT,
  received_at   INTEGER NOT NULL
);
CREATE INDEX inbound_messages_phone ON inbound_messages (phone, received_at);
