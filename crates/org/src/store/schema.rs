//! The tables, written once for both databases: the few types that differ
//! between SQLite and PostgreSQL are named by a [`Dialect`] and filled in.
//! Each backend runs its own upgrades from older versions (SQLite cannot
//! add a column "if not exists"), but a new database gets these tables
//! from both, word for word.

/// The column types that differ.
pub(crate) struct Dialect {
    /// A 64-bit integer.
    int: &'static str,
    /// A point in time.
    time: &'static str,
    /// Raw bytes.
    bytes: &'static str,
    /// True or false.
    boolean: &'static str,
    /// A row id that counts up by itself, with its key.
    serial: &'static str,
}

/// SQLite: times as RFC 3339 text (see `fmt_time`), integers as integers.
pub(crate) const SQLITE: Dialect = Dialect {
    int: "INTEGER",
    time: "TEXT",
    bytes: "BLOB",
    boolean: "INTEGER",
    serial: "INTEGER PRIMARY KEY",
};

/// PostgreSQL.
pub(crate) const POSTGRES: Dialect = Dialect {
    int: "BIGINT",
    time: "TIMESTAMPTZ",
    bytes: "BYTEA",
    boolean: "BOOLEAN",
    serial: "BIGSERIAL PRIMARY KEY",
};

/// The first version's tables, with the history's columns of version 3.
const TABLES: &str = "
CREATE TABLE IF NOT EXISTS org_config (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    org_id TEXT NOT NULL,
    name TEXT NOT NULL,
    default_policy TEXT NOT NULL,
    tofu {bool} NOT NULL,
    created_at {time} NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
    customer_ref TEXT PRIMARY KEY,
    did TEXT NOT NULL UNIQUE,
    enrolled_at {time} NOT NULL
);
CREATE TABLE IF NOT EXISTS accepted_state (
    customer_ref TEXT PRIMARY KEY REFERENCES customers(customer_ref),
    sequence {int} NOT NULL,
    effective TEXT,
    issued {time} NOT NULL,
    file_sha256 TEXT NOT NULL,
    updated_at {time} NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    sha256 TEXT PRIMARY KEY,
    bytes {bytes} NOT NULL,
    received_at {time} NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    id {serial},
    at {time} NOT NULL,
    customer_ref TEXT,
    did TEXT,
    sequence {int},
    file_sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    outcome TEXT NOT NULL,
    code TEXT,
    detail_nl TEXT,
    detail_en TEXT,
    stored_sequence {int},
    os_error TEXT,
    taken_ref TEXT
);
CREATE INDEX IF NOT EXISTS history_customer ON history(customer_ref);
CREATE TABLE IF NOT EXISTS sends (
    id {serial},
    customer_ref TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    at {time} NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_customer_at ON sends(customer_ref, at);
";

/// Added in version 2: keys replaced by a rotation, and the log of changes
/// that other processes follow.
const TABLES_V2: &str = "
CREATE TABLE IF NOT EXISTS retired_keys (
    did TEXT PRIMARY KEY,
    customer_ref TEXT NOT NULL,
    retired_at {time} NOT NULL
);
CREATE TABLE IF NOT EXISTS change_counter (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    n {int} NOT NULL,
    pruned {int} NOT NULL
);
INSERT INTO change_counter (singleton, n, pruned) VALUES (1, 0, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS changes (
    n {int} NOT NULL,
    customer_ref TEXT NOT NULL,
    at {time} NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_n ON changes(n);
";

/// Added in version 4: link codes, by their hash only (see
/// `store/link.rs`), and the failed link attempts of the last hour, which
/// the inbox counts per client address, per key and in all.
const TABLES_V4: &str = "
CREATE TABLE IF NOT EXISTS link_codes (
    code_sha256 TEXT PRIMARY KEY,
    customer_ref TEXT NOT NULL,
    created_at {time} NOT NULL,
    expires_at {time} NOT NULL,
    replace_key {bool} NOT NULL,
    used_by TEXT,
    used_at {time}
);
CREATE INDEX IF NOT EXISTS link_codes_customer ON link_codes(customer_ref);
CREATE TABLE IF NOT EXISTS link_failures (
    at {time} NOT NULL,
    address TEXT NOT NULL,
    did TEXT
);
CREATE INDEX IF NOT EXISTS link_failures_at ON link_failures(at);
";

/// The history's columns added in version 3: a rejection's facts (see
/// [`crate::reject::Columns`]) instead of an English `message`.
pub(crate) const COLUMNS_V3: [(&str, Kind); 5] = [
    ("detail_nl", Kind::Text),
    ("detail_en", Kind::Text),
    ("stored_sequence", Kind::Int),
    ("os_error", Kind::Text),
    ("taken_ref", Kind::Text),
];

/// The type of an added column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Text,
    Int,
}

impl Dialect {
    fn fill(&self, sql: &str) -> String {
        sql.replace("{int}", self.int)
            .replace("{time}", self.time)
            .replace("{bytes}", self.bytes)
            .replace("{bool}", self.boolean)
            .replace("{serial}", self.serial)
    }

    /// Every table of the current version, for a new database.
    pub(crate) fn tables(&self) -> String {
        format!(
            "{}{}{}",
            self.fill(TABLES),
            self.fill(TABLES_V2),
            self.fill(TABLES_V4)
        )
    }

    /// The tables version 4 added, for an upgrade.
    pub(crate) fn tables_v4(&self) -> String {
        self.fill(TABLES_V4)
    }

    /// The tables version 2 added, for an upgrade.
    pub(crate) fn tables_v2(&self) -> String {
        self.fill(TABLES_V2)
    }

    /// A column type.
    pub(crate) fn column(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Text => "TEXT",
            Kind::Int => self.int,
        }
    }
}
