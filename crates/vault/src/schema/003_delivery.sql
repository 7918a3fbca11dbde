-- Schema 3: delivery to an organisation's inbox.
--
-- `delivery`: per organisation that published a signed declaration, the
-- key the vault pinned from it and the inbox it names; whether the person
-- linked it with a link code; and the sender's state, so that the backoff
-- survives a restart (failures in a row, when to try next, and why the
-- last try did not end in a receipt, as typed JSON).
CREATE TABLE delivery (
    org_id       TEXT PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
    inbox        TEXT NOT NULL,
    receipt_key  TEXT NOT NULL,               -- the pinned did:key
    pinned_at    TEXT NOT NULL,
    linked_at    TEXT,                        -- NULL: not linked
    failures     INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    next_try_at  TEXT,                        -- NULL: whenever there is something to send
    last_try_at  TEXT,
    problem      TEXT                         -- NULL after a receipt
) STRICT;

-- `outbox`: the files waiting for a receipt. An organisation has at most
-- one preference file waiting (only the newest matters), and any number
-- of key rotations, which must arrive in order. A preference file is
-- signed when it is first sent (`bytes` NULL until then) and signed anew
-- when a change came after it was signed (`stale`); a file that was
-- signed is sent again, byte for byte, until a receipt for it is kept.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('preferences', 'key-rotation')),
    queued_at   TEXT NOT NULL,
    stale       INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1)),
    sequence    INTEGER CHECK (sequence >= 1),
    signer      TEXT,                         -- the did:key that signed it (a rotation: the old one)
    sha256      TEXT,
    bytes       BLOB,
    CHECK ((bytes IS NULL) = (sequence IS NULL)
       AND (bytes IS NULL) = (signer IS NULL)
       AND (bytes IS NULL) = (sha256 IS NULL)),
    CHECK (kind = 'preferences' OR bytes IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX outbox_one_preference_file ON outbox(org_id) WHERE kind = 'preferences';
CREATE INDEX outbox_org ON outbox(org_id, sequence);

-- `receipt`: every receipt that verified against the pinned key, kept
-- byte for byte as the proof it is, with what it says in columns.
CREATE TABLE receipt (
    id             INTEGER PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    receipt_id     TEXT NOT NULL,
    file_kind      TEXT NOT NULL CHECK (file_kind IN ('preferences', 'key-rotation', 'link-request')),
    sequence       INTEGER,
    sha256         TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('accepted', 'already-imported', 'rejected')),
    rejection_code TEXT,
    received       TEXT NOT NULL,
    honoured_from  TEXT,
    issued         TEXT NOT NULL,
    stored_at      TEXT NOT NULL,
    bytes          BLOB NOT NULL
) STRICT;
CREATE INDEX receipt_org ON receipt(org_id, id);
