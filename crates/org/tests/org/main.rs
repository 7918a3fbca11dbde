//! regie-org's integration tests: one binary, modules mirroring `src/`.
//!
//! Every store test runs against SQLite and, when `REGIE_TEST_POSTGRES_URL`
//! is set, against that PostgreSQL too (and fails if it is unreachable).
//! `tls` connects to it over TLS (`REGIE_TEST_POSTGRES_CA`, and
//! `REGIE_TEST_POSTGRES_PLAIN_URL` for a server without TLS).

mod check;
mod cli;
mod failures;
mod file_modes;
mod import;
mod inbox;
mod org;
mod server;
mod service;
mod store;
mod support;
mod tls;
