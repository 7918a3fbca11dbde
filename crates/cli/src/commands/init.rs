//! `regie init`: a new vault, and its recovery code shown once.

use regie_vault::{Keychain, Protection, RecoveryCode, Vault};

use crate::context::Ctx;
use crate::exit::{CliError, Result, KEY, USAGE};
use crate::i18n;
use crate::output::Out;

/// Creates the vault. With `--passphrase` the passphrase comes from
/// standard input or REGIE_PASSPHRASE, else it is asked for on the
/// terminal (hidden, twice); `--passphrase-stdin` alone is refused, as it
/// would silently make a keychain vault.
pub fn run(ctx: &Ctx, passphrase: bool) -> Result<()> {
    if ctx.passphrase_stdin && !passphrase {
        return Err(stdin_without_passphrase("init"));
    }
    let path = ctx.vault_path()?;
    // Said before the passphrase is asked for, not after.
    Vault::ensure_free(&path)?;
    let protection = if passphrase {
        Protection::Passphrase(new_passphrase(ctx)?)
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

/// `--passphrase-stdin` without `--passphrase` where a vault is made.
pub fn stdin_without_passphrase(command: &str) -> CliError {
    CliError::own(
        "usage",
        USAGE,
        i18n::STDIN_WITHOUT_PASSPHRASE,
        &[("command", command)],
    )
}

/// The passphrase for a new vault; without one given and no terminal to
/// ask on, says what a new vault needs.
pub fn new_passphrase(ctx: &Ctx) -> Result<regie_vault::Passphrase> {
    ctx.new_passphrase().map_err(|e| match e {
        CliError::Vault(regie_vault::Error::PassphraseNeeded) => {
            CliError::own("passphrase-needed", KEY, i18n::NEW_PASSPHRASE_NEEDED, &[])
        }
        other => other,
    })
}
