//! regie-model against the rest of the repository: the glossary in
//! docs/GLOSSARY.md, the front ends' texts, and the vocabulary the app is
//! generated from.

mod glossary;
mod texts;
mod vocabulary;

use std::path::PathBuf;

/// The workspace's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
