//! Where the vault is kept when the person names no place, the same for
//! the command line and the app: `$REGIE_VAULT` if it is set, else
//! `regie/vault.regie` in the platform's data folder
//! (`~/.local/share/regie/vault.regie` on Linux).

use std::path::PathBuf;

/// The default vault path, or `None` when neither `$REGIE_VAULT` nor the
/// platform's data folder gives one.
pub fn default_vault_path() -> Option<PathBuf> {
    std::env::var_os("REGIE_VAULT")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("regie").join("vault.regie")))
}
