//! `regie init`: a new vault, and its recovery code shown once.

use regie_vault::{Keychain, Protection, RecoveryCode, Vault};

use crate::context::Ctx;
use crate::exit::Result;
use crate::i18n;
use crate::output::Out;

/// Creates the vault.
pub fn run(ctx: &Ctx, passphrase: bool) -> Result<()> {
    let path = ctx.vault_path()?;
    let protection = if passphrase {
        Protection::Passphrase(ctx.require_passphrase()?)
    } else {
        Protection::Keychain(Keychain::os())
    };
    let (vault, code) = Vault::create(&path, protection)?;
    let out = ctx.out;
    out.data(&serde_json::json!({
        "vault": vault.path(),
        "uses_keychain": vault.uses_keychain(),
        "recovery_code": code.reveal(),
    }));
    out.line(out.f(i18n::INIT_DONE, &[("path", &path.display().to_string())]));
    out.line(out.t(if vault.uses_keychain() {
        i18n::INIT_KEYCHAIN
    } else {
        i18n::INIT_PASSPHRASE
    }));
    show_recovery_code(out, &code);
    out.line(out.t(i18n::INIT_NEXT));
    Ok(())
}

/// Shows the recovery code with what it is for (human output only).
pub fn show_recovery_code(out: Out, code: &RecoveryCode) {
    out.line("");
    out.line(out.t(i18n::RECOVERY_TITLE));
    out.line("");
    out.line(format!("    {}", code.reveal()));
    out.line("");
    out.line(out.t(i18n::RECOVERY_EXPLAIN));
    out.line("");
}
