//! regie-model against the rest of the repository: the vocabulary the app
//! is generated from.

mod vocabulary;

use std::path::PathBuf;

/// The workspace's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
