//! Looking after the vault: `regie check`, `regie backup`, `regie restore`.

use std::io::Write;
use std::path::Path;

use regie_vault::{Keychain, Protection, Vault};

use crate::context::{ask, on_terminal, read_file, read_stdin_line, Ctx};
use crate::exit::{CliError, Result, KEY, USAGE};
use crate::i18n;

/// `regie check`: the checks that prove damage (the vault's `check`); a
/// failure is its typed error, with its own exit code.
pub fn check(ctx: &Ctx) -> Result<()> {
    let mut vault = ctx.open()?;
    let report = vault.check()?;
    let out = ctx.out;
    out.data(&report);
    out.line(out.f(
        i18n::CHECK_OK,
        &[(
            "events",
            &i18n::EVENTS.fill(out.lang, report.events as u64, &[]),
        )],
    ));
    Ok(())
}

/// `regie backup FILE`. `-` (or a device such as `/dev/stdout`) gets the
/// checked copy's bytes; what a person reads about it then goes to
/// standard error.
pub fn backup(ctx: &Ctx, file: &Path) -> Result<()> {
    let file = if file == Path::new("-") {
        Path::new("/dev/stdout")
    } else {
        file
    };
    let stream = std::fs::metadata(file).is_ok_and(|m| !m.is_file() && !m.is_dir());
    let vault = ctx.open()?;
    let report = vault.backup(file)?;
    let out = ctx.out;
    let path = report.path.display().to_string();
    let done = out.f(
        i18n::BACKUP_DONE,
        &[
            ("path", &path),
            ("bytes", &i18n::BYTES.fill(out.lang, report.bytes, &[])),
            (
                "orgs",
                &i18n::ORGANISATIONS.fill(out.lang, report.organisations as u64, &[]),
            ),
            (
                "events",
                &i18n::EVENTS.fill(out.lang, report.events as u64, &[]),
            ),
        ],
    );
    if stream {
        let _ = writeln!(std::io::stderr(), "regie: {done}");
        return Ok(());
    }
    out.data(&report);
    out.line(done);
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
    if ctx.passphrase_stdin && !passphrase {
        return Err(super::init::stdin_without_passphrase("restore"));
    }
    // `--from -`: the backup comes on standard input, so the recovery code
    // and passphrase cannot; it is kept in an owner-only temporary file
    // for as long as the restore reads it.
    let from_stdin = from == Some(Path::new("-"));
    if from_stdin && (code_from_stdin || ctx.passphrase_stdin) {
        return Err(CliError::own("usage", USAGE, i18n::STDIN_TWICE, &[]));
    }
    let piped = if from_stdin {
        let bytes = read_file(Path::new("-"))?;
        let mut tmp =
            tempfile::NamedTempFile::new().map_err(|e| CliError::os(i18n::STDIN_FAILED, "", &e))?;
        std::io::Write::write_all(&mut tmp, &bytes)
            .map_err(|e| CliError::os(i18n::STDIN_FAILED, "", &e))?;
        Some(tmp)
    } else {
        None
    };
    let from = piped.as_ref().map(|t| t.path()).or(from);
    let code = if code_from_stdin {
        read_stdin_line()?.take()
    } else if let Some(c) = std::env::var("REGIE_RECOVERY_CODE")
        .ok()
        .filter(|c| !c.trim().is_empty())
    {
        c
    } else if on_terminal() {
        ask(ctx.out.t(i18n::ASK_RECOVERY_CODE))?.take()
    } else {
        return Err(CliError::own(
            "recovery-code-needed",
            KEY,
            i18n::RECOVERY_CODE_NEEDED,
            &[],
        ));
    };
    let path = ctx.vault_path()?;
    let protection = if passphrase {
        Protection::Passphrase(super::init::new_passphrase(ctx)?)
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
            (
                "orgs",
                &i18n::ORGANISATIONS.fill(out.lang, orgs.len() as u64, &[]),
            ),
        ],
    ));
    out.line(out.t(i18n::RESTORE_SAME_CODE));
    Ok(())
}
