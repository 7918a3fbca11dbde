//! Integration tests of regie-prefs, one module per subject.

mod batch;
mod file;
mod jcs_rfc8785;
mod never_panics;
mod properties;
mod receipts;
mod schema;
mod spec;
mod vectors;
mod w3c_eddsa_jcs_2022;
mod wycheproof_ed25519;
