-- The customer's side (issue 7): opt-in entry points, double opt-in from public pages, template
-- topics and link buttons, survey answers and tracked links. Consent itself stays in the ledger
-- (`consents`); nothing here is a consent state.

-- A named place where customers opt in: a pop-up, a QR code on packaging, an invoice insert, …
-- `code` is what the customer sends from WhatsApp (KOPRU-XXXXXX: six characters, so it can never be
-- mistaken for a five-character opt-in/hand-off code); `slug` names its public page.
CREATE TABLE entry_points (
  id              TEXT PRIMARY KEY,
  slug            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  source          TEXT NOT NULL,
  code            TEXT NOT NULL UNIQUE,
  topics_json     TEXT NOT NULL,
  language        TEXT NOT NULL CHECK (language IN ('tr', 'en')),
  -- The exact wording versions shown, per language (the page and the card show the one of their language).
  wording_tr_id   TEXT NOT NULL REFERENCES consent_wordings (id),
  wording_en_id   TEXT NOT NULL REFERENCES consent_wordings (id),
  -- Origins allowed to frame the public page (JSON array); NULL = any https site.
  embed_origins_json TEXT,
  page_views      INTEGER NOT NULL DEFAULT 0,
  created_by      TEXT NOT NULL REFERENCES agents (id),
  created_at      INTEGER NOT NULL
);

-- Opt-ins that came through an entry point (the ledger record is the proof; this is the index).
CREATE TABLE entry_point_optins (
  consent_id      TEXT PRIMARY KEY REFERENCES consents (id),
  entry_point_id  TEXT NOT NULL REFERENCES entry_points (id),
  phone           TEXT NOT NULL,
  channel         TEXT NOT NULL CHECK (channel IN ('whatsapp_code', 'web_form')),
  created_at      INTEGER NOT NULL
);
CREATE INDEX entry_point_optins_entry ON entry_point_optins (entry_point_id, created_at);

-- Double opt-in from a public page: the form was submitted (pending) and becomes an opt-in only when
-- the customer confirms from WhatsApp. ip_hash is a keyed hash (never the address itself).
CREATE TABLE web_optins (
  id              TEXT PRIMARY KEY,
  entry_point_id  TEXT NOT NULL REFERENCES entry_points (id),
  phone           TEXT NOT NULL,
  name            TEXT,
  topics_json     TEXT NOT NULL,
  wording_id      TEXT NOT NULL REFERENCES consent_wordings (id),
  language        TEXT NOT NULL CHECK (language IN ('tr', 'en')),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
  ip_hash         TEXT,
  user_agent      TEXT,
  message_id      TEXT,
  submitted_at    INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  settled_at      INTEGER,
  consent_id      TEXT REFERENCES consents (id),
  settled_wamid   TEXT
);
CREATE INDEX web_optins_phone ON web_optins (phone, status, submitted_at);

-- Signed form tokens are single use: the nonce of each accepted submission is kept until it expires.
CREATE TABLE used_form_nonces (
  nonce       TEXT PRIMARY KEY,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- What Köprü adds to a template (by name, every language): the consent topic it belongs to when an
-- admin set one (else it is inferred from the name), and its URL buttons that carry a tracked link
-- ({ "<button index>": "<target URL, optionally ending in {{1}}>" }).
CREATE TABLE template_settings (
  name                 TEXT PRIMARY KEY,
  topic                TEXT,
  no_topic             INTEGER NOT NULL DEFAULT 0,
  click_tracking_json  TEXT,
  updated_by           TEXT REFERENCES agents (id),
  updated_at           INTEGER NOT NULL
) WITHOUT ROWID;

-- A quick-reply answer to a feedback template: one per message (a second tap replaces the first).
CREATE TABLE survey_answers (
  message_id         TEXT PRIMARY KEY,
  template_name      TEXT NOT NULL,
  template_language  TEXT NOT NULL,
  agent_id           TEXT NOT NULL REFERENCES agents (id),
  ticket_json        TEXT,
  phone              TEXT NOT NULL,
  answer             TEXT NOT NULL,
  payload            TEXT,
  inbound_wamid      TEXT NOT NULL,
  answered_at        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX survey_answers_time ON survey_answers (answered_at);

-- A URL button's dynamic suffix pointed at /r/{code}: one code per message and button.
CREATE TABLE tracked_links (
  code               TEXT PRIMARY KEY,
  message_id         TEXT NOT NULL,
  button_index       INTEGER NOT NULL,
  template_name      TEXT NOT NULL,
  template_language  TEXT NOT NULL,
  agent_id           TEXT NOT NULL,
  target_url         TEXT NOT NULL,
  created_at         INTEGER NOT NULL,
  UNIQUE (message_id, button_index)
) WITHOUT ROWID;
CREATE INDEX tracked_links_time ON tracked_links (created_at);

CREATE TABLE link_clicks (
  id    INTEGER PRIMARY KEY AUTOINCREMENT,
  code  TEXT NOT NULL REFERENCES tracked_links (code),
  at    INTEGER NOT NULL
);
CREATE INDEX link_clicks_code ON link_clicks (code);
