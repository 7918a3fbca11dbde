-- Schema 4: GDPR requests, their answers' files, and organisations taken
-- from the directory.
--
-- `request`: one row per request, with what the person chose to disclose
-- in it (`details`, JSON: the identifying details, the purposes concerned
-- and their own words) and the steps recorded since, as columns. The
-- state on a given day (due, overdue) is computed from these and that
-- day, never stored. `gdpr_right` because RIGHT is an SQL keyword.
CREATE TABLE request (
    id           INTEGER PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    gdpr_right   TEXT NOT NULL CHECK (gdpr_right IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdrawal')),
    drafted_on   TEXT NOT NULL,               -- YYYY-MM-DD
    details      TEXT NOT NULL,               -- RequestDetails as JSON
    sent_on      TEXT,
    sent_via     TEXT CHECK (sent_via IN ('email', 'post', 'webform')),
    delivered_on TEXT,
    extended_on  TEXT,
    answered_on  TEXT,
    outcome      TEXT CHECK (outcome IN ('full', 'partial', 'refused')),
    created_at   TEXT NOT NULL,
    CHECK ((sent_on IS NULL) = (sent_via IS NULL)),
    CHECK ((answered_on IS NULL) = (outcome IS NULL)),
    CHECK (sent_on IS NOT NULL OR (extended_on IS NULL AND answered_on IS NULL AND delivered_on IS NULL))
) STRICT;
CREATE INDEX request_org ON request(org_id, id);

-- `request_file`: the file that came with an answer, kept whole. The
-- vault is one SQLCipher database, so it is encrypted at rest like
-- everything else in it; its size is limited by the vault
-- (`MAX_ANSWER_FILE_BYTES`) before it is written.
CREATE TABLE request_file (
    request_id INTEGER PRIMARY KEY REFERENCES request(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT NOT NULL,
    stored_at  TEXT NOT NULL,
    bytes      BLOB NOT NULL
) STRICT;

-- `org_directory`: for an organisation the person took from the
-- directory, the record as it was then (the organisation's own row holds
-- the contact details the letters use, with the person's corrections).
CREATE TABLE org_directory (
    org_id    TEXT PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
    slug      TEXT NOT NULL,
    name      TEXT NOT NULL,
    quality   TEXT NOT NULL CHECK (quality IN ('tested', 'verified', 'imported', 'scraped')),
    email     TEXT,
    webform   TEXT,
    postal    TEXT,                          -- lines joined by a line feed
    taken_at  TEXT NOT NULL
) STRICT;
