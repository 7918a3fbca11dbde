//! Exit codes, part of the interface: scripts switch on them.
//!
//! | code | meaning |
//! |-----:|---------|
//! | 0 | ok: every file accepted (or already imported); check: allowed |
//! | 1 | some files rejected; check: not allowed (a customer the database does not know gets the default) |
//! | 2 | usage: the command line itself is wrong (an unknown channel or kind, URL or `sslmode` too) |
//! | 3 | the database failed or cannot be reached (by kind: `store-full`, `store-busy`, ...) |
//! | 4 | the database is not set up or not there (`regie-org init`), or already is |
//! | 5 | invalid input (a did, a time, a purpose, a key in use or retired, `record-send` for an unknown customer) |
//! | 6 | a file (the token file, `token --out`, `sslrootcert`) or the listening address cannot be used |
//! | 70 | a fault in regie-org itself (a panic), logged without personal data |
//!
//! The README's table says the same at more length; the decisions behind
//! it (why an unknown customer gets the default) are there.

/// Everything went well.
pub const OK: u8 = 0;
/// Some files rejected, or the message is blocked.
pub const REJECTED: u8 = 1;
/// The command line is wrong.
pub const USAGE: u8 = 2;
/// The database failed.
pub const STORE: u8 = 3;
/// Not set up, or set up already.
pub const SETUP: u8 = 4;
/// Invalid input.
pub const INVALID: u8 = 5;
/// I/O.
pub const IO: u8 = 6;
/// A fault in regie-org itself (a panic), logged without personal data.
pub const FAULT: u8 = regie_cli_text::crash::EXIT;
