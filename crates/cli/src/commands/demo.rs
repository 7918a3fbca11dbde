//! `regie demo`: a vault with Regie's example organisations, to see what
//! Regie does before entering anything real.
//!
//! Without `--vault` the vault lives in a temporary folder with a key that
//! only this process holds, and both are deleted before the command ends.
//! That folder is the person's only, like every one Regie makes.
//! With `--vault` it is a real vault (keychain or passphrase) that stays.

use regie_vault::{Keychain, Protection, RecoveryCode, Vault};

use crate::context::Ctx;
use crate::exit::Result;
use crate::i18n;
use crate::output::Out;

/// Runs the demo.
pub fn run(ctx: &Ctx) -> Result<()> {
    let out = ctx.out;
    match &ctx.vault_arg {
        None => {
            let dir = tempfile::tempdir()
                .and_then(|d| regie_vault::files::restrict_dir(d.path()).map(|()| d))
                .map_err(|e| regie_vault::Error::Io {
                    path: std::env::temp_dir(),
                    source: e,
                })?;
            let path = dir.path().join("demo.regie");
            let keychain = Keychain::in_memory();
            let (mut vault, _code) = Vault::create(&path, Protection::Keychain(keychain.clone()))?;
            let added = vault.load_examples()?;
            let shown = show(out, &vault, added, None, None);
            let destroyed = vault.destroy(&keychain);
            shown?;
            destroyed?;
            Ok(())
        }
        Some(path) => {
            let mut code = None;
            let mut vault = if std::fs::symlink_metadata(path).is_ok() {
                ctx.open_at(path)?
            } else {
                let protection = match ctx.passphrase()? {
                    Some(p) => Protection::Passphrase(p),
                    None => Protection::Keychain(Keychain::os()),
                };
                let (vault, new_code) = Vault::create(path, protection)?;
                out.line(out.f(i18n::INIT_DONE, &[("path", &path.display().to_string())]));
                super::init::show_recovery_code(out, &new_code);
                code = Some(new_code);
                vault
            };
            let added = vault.load_examples()?;
            show(
                out,
                &vault,
                added,
                Some(&path.display().to_string()),
                code.as_ref(),
            )
        }
    }
}

fn show(
    out: Out,
    vault: &Vault,
    added: usize,
    kept_at: Option<&str>,
    code: Option<&RecoveryCode>,
) -> Result<()> {
    if !out.json {
        out.line(out.t(i18n::DEMO_TITLE));
        out.line(out.t(i18n::DEMO_EXAMPLE_NOTE));
        if added == 0 && vault.organisations()?.is_empty() {
            out.line(out.t(i18n::DEMO_NO_EXAMPLES));
        } else {
            out.line(i18n::DEMO_ADDED.fill(out.lang, added as u64, &[]));
        }
        out.line("");
    }
    let mut extra = serde_json::Map::new();
    extra.insert("examples_added".into(), added.into());
    extra.insert("throwaway".into(), kept_at.is_none().into());
    if let Some(c) = code {
        // With --json this is the only place the new vault's code is shown.
        extra.insert("recovery_code".into(), c.reveal().into());
    }
    super::orgs::print_overview(out, vault, true, extra)?;
    if out.json {
        return Ok(());
    }
    out.line("");
    match kept_at {
        None => out.line(out.t(i18n::DEMO_THROWAWAY)),
        Some(p) => out.line(out.f(i18n::DEMO_KEPT, &[("path", p)])),
    }
    let orgs = vault.organisations()?;
    let example = orgs
        .iter()
        .find(|s| s.purposes.iter().any(|p| p == "dpv:DirectMarketing"))
        .or(orgs.first());
    let v = match kept_at {
        Some(p) => format!("--vault {p} "),
        None => "--vault ~/regie-demo.regie ".to_owned(),
    };
    out.line("");
    out.line(out.t(i18n::DEMO_TRY));
    if kept_at.is_none() {
        out.line("  regie demo --vault ~/regie-demo.regie");
        out.line(format!("      {}", out.t(i18n::DEMO_TRY_KEEP)));
    }
    if let Some(s) = example {
        let id = s.org.id.as_str();
        out.line(format!("  regie {v}show {id}"));
        out.line(format!("      {}", out.t(i18n::DEMO_TRY_SHOW)));
        out.line(format!(
            "  regie {v}contact {id} --channel push --kind all off"
        ));
        out.line(format!("      {}", out.t(i18n::DEMO_TRY_PUSH)));
        if s.purposes.iter().any(|p| p == "dpv:DirectMarketing") {
            // A purpose by the name the overview shows, not its DPV id.
            let name = out.term_label("dpv:DirectMarketing");
            out.line(format!("  regie {v}consent {id} \"{name}\" withdraw"));
            out.line(format!(
                "      {} ({})",
                out.t(i18n::DEMO_TRY_WITHDRAW),
                out.t(i18n::DEMO_TRY_NAMES)
            ));
        }
    }
    out.line(format!("  regie {v}contact --all-orgs off"));
    out.line(format!("      {}", out.t(i18n::DEMO_TRY_GLOBAL)));
    out.line(format!("  regie {v}history"));
    out.line(format!("      {}", out.t(i18n::DEMO_TRY_HISTORY)));
    Ok(())
}
