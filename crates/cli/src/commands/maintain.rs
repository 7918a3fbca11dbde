//! Looking after the vault: `regie check`, `regie backup`, `regie restore`.

use std::path::Path;

use regie_vault::{Keychain, Protection, Vault};

use crate::context::{read_stdin_line, Ctx};
use crate::exit::{CliError, Result, DAMAGED, KEY};
use crate::i18n;

/// `regie check`.
pub fn check(ctx: &Ctx) -> Result<()> {
    let mut vault = ctx.open()?;
    let report = vault.check()?;
    let out = ctx.out;
    out.data(&report);
    if report.integrity_ok && report.cipher_ok {
        out.line(out.f(i18n::CHECK_OK, &[("n", &report.events.to_string())]));
        Ok(())
    } else {
        Err(CliError::own(
            "vault-corrupt",
            DAMAGED,
            i18n::CHECK_BAD,
            &[
                ("integrity", out.t(yes_no(report.integrity_ok))),
                ("cipher", out.t(yes_no(report.cipher_ok))),
            ],
        ))
    }
}

fn yes_no(b: bool) -> regie_model::Text {
    if b {
        i18n::YES
    } else {
        i18n::NO
    }
}

/// `regie backup FILE`.
pub fn backup(ctx: &Ctx, file: &Path) -> Result<()> {
    let vault = ctx.open()?;
    let report = vault.backup(file)?;
    let out = ctx.out;
    out.data(&report);
    let path = report.path.display().to_string();
    out.line(out.f(
        i18n::BACKUP_DONE,
        &[
            ("path", &path),
            ("bytes", &report.bytes.to_string()),
            ("orgs", &report.organisations.to_string()),
            ("events", &report.events.to_string()),
        ],
    ));
    out.line(out.f(i18n::BACKUP_HOW, &[("path", &path)]));
    Ok(())
}

/// `regie restore`.
pub fn restore(
    ctx: &Ctx,
    code_from_stdin: bool,
    from: Option<&Path>,
    passphrase: bool,
) -> Result<()> {
    let code = if code_from_stdin {
        read_stdin_line()?.take()
    } else {
        std::env::var("REGIE_RECOVERY_CODE")
            .ok()
            .filter(|c| !c.trim().is_empty())
            .ok_or_else(|| {
                CliError::own("recovery-code-needed", KEY, i18n::RECOVERY_CODE_NEEDED, &[])
            })?
    };
    let path = ctx.vault_path()?;
    let protection = if passphrase {
        Protection::Passphrase(ctx.require_passphrase()?)
    } else {
        Protection::Keychain(Keychain::os())
    };
    let (vault, _code) = Vault::restore(&path, from, &code, protection)?;
    drop(code);
    let orgs = vault.organisations()?;
    let out = ctx.out;
    out.data(&serde_json::json!({
        "vault": vault.path(),
        "uses_keychain": vault.uses_keychain(),
        "organisations": orgs.iter().map(|s| &s.org.id).collect::<Vec<_>>(),
    }));
    out.line(out.f(
        i18n::RESTORE_DONE,
        &[
            ("path", &path.display().to_string()),
            ("n", &orgs.len().to_string()),
        ],
    ));
    out.line(out.t(i18n::RESTORE_SAME_CODE));
    Ok(())
}
