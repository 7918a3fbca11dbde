//! Preference files: `regie export`, `regie verify`, `regie did`.
//!
//! Export signs in regie-vault (the pairwise key never leaves it); verify
//! uses regie-prefs alone and needs no vault, so anyone can check a file.
//! Exported files are named and written by the vault (`Export::file_name`,
//! `Export::write_to`: atomic and the person's only, whatever the umask),
//! as the app's are; so is the folder `export --all --out` makes
//! (`regie_vault::files`). An export is recorded in the history only once
//! its file is in place, and `--all` is all or nothing
//! (`Vault::export_all_to`). A vault the person may only read still
//! exports; the file is then not recorded, and a note says so.

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Subcommand;
use regie_prefs::{verify, Content, VerifyOptions};
use regie_vault::{Export, ExportKind};
use serde_json::json;

use crate::context::{read_file, resolve_org, Ctx};
use crate::exit::{CliError, Result, INVALID, REJECTED};
use crate::i18n;

/// The preference-file commands.
#[derive(Debug, Subcommand)]
pub enum PrefsCommand {
    Export {
        org: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    Verify {
        file: PathBuf,
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
    },
    Rotate {
        org: String,
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    Did {
        org: String,
    },
}

/// Runs a preference-file command.
pub fn run(ctx: &Ctx, command: PrefsCommand) -> Result<()> {
    match command {
        PrefsCommand::Export { org, all, out } => export(ctx, org, all, out),
        PrefsCommand::Verify { file, org } => verify_file(ctx, &file, org),
        PrefsCommand::Rotate { org, out } => rotate(ctx, &org, out),
        PrefsCommand::Did { org } => did(ctx, &org),
    }
}

fn export(ctx: &Ctx, org: Option<String>, all: bool, out: Option<PathBuf>) -> Result<()> {
    // `--out -` is standard output: the file goes there, and what a person
    // reads about it to standard error.
    let to_stdout = !all && out.as_deref() == Some(Path::new("-"));
    let out = if to_stdout {
        Some(PathBuf::from("/dev/stdout"))
    } else {
        out
    };
    let o = ctx.out;
    let mut vault = ctx.open()?;
    let targets = match (&org, all) {
        (Some(given), false) => vec![resolve_org(&vault, given)?],
        (None, true) => vault
            .organisations()?
            .into_iter()
            .map(|s| s.org.id)
            .collect(),
        _ => {
            return Err(CliError::own(
                "usage",
                crate::exit::USAGE,
                i18n::EXPORT_NEEDS_ORG,
                &[],
            ))
        }
    };
    let dir = if all {
        let d = out.clone().ok_or_else(|| {
            CliError::own("usage", crate::exit::USAGE, i18n::EXPORT_NEEDS_ORG, &[])
        })?;
        Some(d)
    } else {
        None
    };
    let jobs: Vec<(regie_model::OrgId, PathBuf)> = targets
        .iter()
        .map(|id| {
            let name = Export::file_name_for(id, ExportKind::Preferences);
            let path = match (&dir, &out) {
                (Some(d), _) => d.join(name),
                (None, Some(p)) => p.clone(),
                (None, None) => PathBuf::from(name),
            };
            (id.clone(), path)
        })
        .collect();
    // The folder `--all` writes into is made only now, and removed again
    // if the export fails.
    let made = match &dir {
        Some(d) => regie_vault::files::create_dirs(d)
            .map_err(|e| CliError::os(i18n::EXPORT_WRITE_FAILED, &d.display().to_string(), &e))?,
        None => Vec::new(),
    };
    let saved = match vault.export_all_to(&jobs, o.lang) {
        Ok(s) => s,
        Err(e) => {
            regie_vault::files::remove_made_dirs(&made);
            return Err(e.into());
        }
    };
    let mut written = Vec::new();
    for s in &saved {
        if !all {
            let said = o.f(
                i18n::EXPORTED,
                &[
                    ("org", s.export.org_id.as_str()),
                    ("path", &s.path.display().to_string()),
                    ("seq", &s.export.sequence.to_string()),
                ],
            );
            if to_stdout {
                note(&said);
            } else {
                o.line(said);
                o.line(o.t(i18n::EXPORT_NEXT));
            }
        }
        written.push(json!({
            "org": s.export.org_id,
            "path": s.path,
            "sequence": s.export.sequence,
            "did": s.export.did,
            "recorded": s.recorded,
        }));
    }
    if let Some(d) = &dir {
        o.line(i18n::EXPORTED_ALL.fill(
            o.lang,
            written.len() as u64,
            &[("dir", &d.display().to_string())],
        ));
    }
    if vault.is_read_only() {
        note(o.t(i18n::EXPORT_NOT_RECORDED));
    }
    if !to_stdout {
        o.data(&json!({ "exported": written }));
    }
    Ok(())
}

/// A note on standard error, which scripts reading standard output do not
/// get mixed in.
fn note(s: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "regie: {s}");
}

fn verify_file(ctx: &Ctx, file: &Path, org: Option<String>) -> Result<()> {
    let o = ctx.out;
    let bytes = read_file(file)?;
    let audience = match org {
        Some(s) => Some(
            regie_model::OrgId::parse(&s).map_err(|_| CliError::invalid(i18n::BAD_ORG_ID, &s))?,
        ),
        None => None,
    };
    let options = VerifyOptions {
        audience,
        ..Default::default()
    };
    let verified = verify(&bytes, Utc::now(), &options).map_err(|e| {
        CliError::own(
            e.kind.code(),
            REJECTED,
            i18n::VERIFY_REJECTED,
            &[
                ("code", e.kind.code()),
                ("detail", e.message_in(o.lang)),
                ("advice", e.kind.advice_in(o.lang)),
            ],
        )
    })?;
    let (audience, summary) = match &verified.content {
        Content::Preferences(p) => (&p.audience, &p.summary),
        Content::KeyRotation(r) => (&r.audience, &r.summary),
        _ => {
            return Err(CliError::own(
                "unknown-kind",
                INVALID,
                i18n::UNKNOWN_FILE_KIND,
                &[],
            ))
        }
    };
    o.data(&json!({
        "valid": true,
        "audience": audience,
        "sequence": verified.sequence(),
        "issuer": verified.issuer.did(),
        "created": verified.created,
        "summary": summary,
    }));
    o.line(o.t(i18n::VERIFY_OK));
    o.line(o.f(
        i18n::VERIFY_FOR,
        &[("name", &audience.name), ("id", audience.id.as_str())],
    ));
    o.line(
        o.f(
            i18n::VERIFY_SEQ,
            &[
                ("seq", &verified.sequence().to_string()),
                (
                    "at",
                    &verified
                        .created
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ),
            ],
        ),
    );
    o.line(o.f(i18n::VERIFY_BY, &[("did", &verified.issuer.did())]));
    o.line("");
    o.line(o.t(i18n::VERIFY_SAYS));
    o.line(format!("  {}", summary.headline));
    for line in &summary.lines {
        o.line(format!("  - {line}"));
    }
    Ok(())
}

fn did(ctx: &Ctx, given: &str) -> Result<()> {
    let o = ctx.out;
    let vault = ctx.open()?;
    let id = resolve_org(&vault, given)?;
    let did = vault.did(&id)?;
    o.data(&json!({ "org": id, "did": did }));
    o.line(o.f(i18n::DID_IS, &[("org", id.as_str())]));
    o.line(&did);
    Ok(())
}

fn rotate(ctx: &Ctx, given: &str, out: Option<PathBuf>) -> Result<()> {
    let o = ctx.out;
    let mut vault = ctx.open()?;
    let id = resolve_org(&vault, given)?;
    let path =
        out.unwrap_or_else(|| PathBuf::from(Export::file_name_for(&id, ExportKind::KeyRotation)));
    let saved = vault.rotate_key_to(&id, o.lang, &path)?;
    let rotation = saved.export;
    o.data(&json!({ "org": id, "path": path, "sequence": rotation.sequence, "did": rotation.did, "queued": saved.queued }));
    o.line(o.f(
        i18n::ROTATED,
        &[
            ("org", id.as_str()),
            ("path", &path.display().to_string()),
            ("did", &rotation.did),
        ],
    ));
    // For an organisation the person linked, the announcement goes to its
    // inbox through the outbox, like any file.
    if saved.queued {
        o.line(o.f(i18n::ROTATION_QUEUED, &[("org", id.as_str())]));
    }
    Ok(())
}
