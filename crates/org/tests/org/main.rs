//! regie-org's integration tests: one binary, modules mirroring `src/`.
//!
//! Every store test runs against SQLite and, when `REGIE_TEST_POSTGRES_URL`
//! is set, against that PostgreSQL too (and fails if it is unreachable).

mod check;
mod cli;
mod file_modes;
mod server;
mod store;
mod support;
