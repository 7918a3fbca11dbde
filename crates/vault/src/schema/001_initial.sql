-- Schema 1: organisations, holdings, decisions, contact preferences, history.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE organisation (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    sector             TEXT,
    website            TEXT,
    privacy_email      TEXT,
    privacy_postal     TEXT,
    source             TEXT NOT NULL CHECK (source IN ('person', 'declaration', 'example')),
    source_date        TEXT,
    contact            TEXT NOT NULL,           -- ContactPreferences as JSON
    exempt_from_global INTEGER NOT NULL DEFAULT 0 CHECK (exempt_from_global IN (0, 1)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE holding (
    id             INTEGER PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    category       TEXT NOT NULL,               -- pd: compact IRI
    purpose        TEXT NOT NULL,               -- dpv: compact IRI
    basis          TEXT NOT NULL,               -- eu-gdpr:A6-1-x
    retention      TEXT,                        -- ISO 8601 duration
    grain          TEXT,                        -- general-incidental, ...
    locked_reason_nl TEXT,
    locked_reason_en TEXT,
    note_nl        TEXT,
    note_en        TEXT,
    decision       TEXT NOT NULL,
    decided_at     TEXT,
    UNIQUE (org_id, category, purpose, basis)
) STRICT;
-- Covers the overview (organisations()), so it never reads the long texts.
CREATE INDEX holding_overview ON holding(org_id, category, purpose, decision);

CREATE TABLE sensitive_category (
    category  TEXT PRIMARY KEY,
    marked_at TEXT NOT NULL
) STRICT;

CREATE TABLE event (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    org_id  TEXT,
    kind    TEXT NOT NULL,
    subject TEXT NOT NULL,
    before  TEXT,
    after   TEXT,
    hash    BLOB NOT NULL
) STRICT;
CREATE INDEX event_org ON event(org_id, seq);

CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
