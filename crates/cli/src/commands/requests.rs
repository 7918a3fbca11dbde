//! GDPR requests (`regie request ...`, `regie requests`) and the directory
//! of organisations (`regie directory ...`).
//!
//! The vault keeps the requests and checks every step; this module turns
//! what the person typed into its types and prints the result. "Today" is
//! the computer's date, or `REGIE_TODAY=YYYY-MM-DD`: a clock for tests
//! (and for trying out what happens a month later), never needed in use.

use std::io::Write;
use std::path::Path;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use regie_model::{EmailAddress, Language};
use regie_vault::rights::{directory::CREDIT, Outcome, Right, Via};
use regie_vault::{
    AnswerDeclaration, ContactCorrection, LetterChoice, OtherDetail, RequestDetails, RequestId,
    RequestView, Vault, MAX_ANSWER_FILE_BYTES,
};
use serde_json::json;

use crate::args::{DirectoryCommand, LetterFormat};
use crate::context::{read_file, resolve_org, Ctx};
use crate::exit::{CliError, Result, INVALID};
use crate::i18n;
use crate::output::{pad, Out};

/// Today: `REGIE_TODAY` (a test-only clock) or the computer's date.
pub fn today() -> Result<NaiveDate> {
    match std::env::var("REGIE_TODAY") {
        Ok(v) if !v.trim().is_empty() => date(&v),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// A date as `YYYY-MM-DD`.
fn date(given: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(given.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::invalid(i18n::BAD_DATE, given.trim()))
}

fn id(given: &str) -> Result<RequestId> {
    Ok(given.parse::<RequestId>()?)
}

/// `--right`, `--via`, `--outcome`, `--kind` as clap reads them: the words
/// a person may type, or the list of them.
pub fn right(s: &str) -> std::result::Result<Right, String> {
    s.trim()
        .parse()
        .map_err(|_| Right::ALL.map(Right::as_str).join(", "))
}

/// See [`right`].
pub fn via(s: &str) -> std::result::Result<Via, String> {
    Via::parse(s.trim()).ok_or_else(|| Via::ALL.map(Via::as_str).join(", "))
}

/// See [`right`].
pub fn outcome(s: &str) -> std::result::Result<Outcome, String> {
    Outcome::parse(s.trim()).ok_or_else(|| Outcome::ALL.map(Outcome::as_str).join(", "))
}

/// See [`right`].
pub fn letter_kind(s: &str) -> std::result::Result<LetterChoice, String> {
    LetterChoice::parse(s.trim())
        .ok_or_else(|| LetterChoice::ALL.map(LetterChoice::as_str).join(", "))
}

/// The details a person chose, from `--detail NAME=VALUE` (Dutch names
/// too), `--purpose` and `--note`.
fn details(pairs: &[String], purposes: &[String], note: Option<String>) -> Result<RequestDetails> {
    let mut d = RequestDetails::default();
    for pair in pairs {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| CliError::invalid(i18n::BAD_DETAIL, pair))?;
        let value = value.trim().to_owned();
        match key.trim().to_lowercase().as_str() {
            "name" | "naam" => d.name = Some(value),
            "address" | "adres" => d.postal_address.push(value),
            "email" | "e-mail" => d.email = Some(value),
            "phone" | "telefoon" => d.phone = Some(value),
            "customer-number" | "klantnummer" => d.customer_number = Some(value),
            "date-of-birth" | "geboortedatum" => d.date_of_birth = Some(date(&value)?),
            "" => return Err(CliError::invalid(i18n::BAD_DETAIL, pair)),
            _ => d.other.push(OtherDetail {
                label: key.trim().to_owned(),
                value,
            }),
        }
    }
    for p in purposes {
        d.purposes.push(super::purpose(p)?);
    }
    d.note = note;
    Ok(d)
}

/// Where a request stands, in words; an overdue one is marked in capitals.
fn state(out: Out, r: &RequestView) -> String {
    if r.overdue {
        out.t(i18n::OVERDUE_MARK).to_owned()
    } else {
        r.status.describe(out.lang)
    }
}

fn print_request(out: Out, r: &RequestView) {
    out.line(format!(
        "{} {}: {} - {} ({})",
        out.t(i18n::REQUEST),
        r.id,
        r.right.label().get(out.lang),
        r.org_name,
        r.org
    ));
    out.line(format!("  {}", state(out, r)));
}

/// `regie request new`.
pub fn new(
    ctx: &Ctx,
    org: &str,
    right: Right,
    pairs: &[String],
    purposes: &[String],
    note: Option<String>,
) -> Result<()> {
    let details = details(pairs, purposes, note)?;
    let today = today()?;
    let mut vault = ctx.open()?;
    let org = resolve_org(&vault, org)?;
    let id = vault.new_request(&org, right, &details, today)?;
    let r = vault.request(id, today)?;
    let out = ctx.out;
    out.data(&json!({ "id": id, "request": r }));
    out.line(out.f(
        i18n::REQUEST_MADE,
        &[
            ("id", &id.to_string()),
            ("right", r.right.label().get(out.lang)),
            ("org", &r.org_name),
        ],
    ));
    out.line(out.f(i18n::REQUEST_NEXT_LETTER, &[("id", &id.to_string())]));
    Ok(())
}

/// `regie request letter`.
pub fn letter(
    ctx: &Ctx,
    given: &str,
    kind: LetterChoice,
    format: LetterFormat,
    dest: &Path,
) -> Result<()> {
    let id = id(given)?;
    let today = today()?;
    let out = ctx.out;
    let vault = ctx.open()?;
    let via = match format {
        LetterFormat::Pdf => Some(Via::Post),
        LetterFormat::Eml => Some(Via::Email),
        LetterFormat::Text => None,
    };
    let letter = vault.letter(id, kind, out.lang, today, via)?;
    let bytes = match format {
        LetterFormat::Text => letter.to_text().into_bytes(),
        LetterFormat::Pdf => letter.to_pdf().map_err(regie_vault::Error::from)?,
        LetterFormat::Eml => {
            let r = vault.request(id, today)?;
            let from = r
                .details
                .email
                .as_deref()
                .and_then(EmailAddress::parse)
                .ok_or_else(|| {
                    CliError::own("no-sender-address", INVALID, i18n::EML_NEEDS_EMAIL, &[])
                })?;
            let noon = today.and_hms_opt(12, 0, 0).expect("noon exists");
            let at = FixedOffset::east_opt(0)
                .expect("UTC is an offset")
                .from_utc_datetime(&noon);
            letter.to_eml(&from, at).map_err(regie_vault::Error::from)?
        }
    };
    drop(vault);
    if dest == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|_| stdout.flush())
            .map_err(|e| CliError::os(i18n::EXPORT_WRITE_FAILED, "-", &e))?;
        return Ok(());
    }
    regie_vault::files::write_atomic(dest, &bytes)
        .map_err(|e| CliError::os(i18n::EXPORT_WRITE_FAILED, &dest.display().to_string(), &e))?;
    out.data(&json!({
        "id": id,
        "kind": kind,
        "format": format.as_str(),
        "path": dest,
        "bytes": bytes.len(),
        "subject": letter.subject(),
        "to": letter.email_to().map(|e| e.as_str()),
    }));
    out.line(out.f(
        i18n::LETTER_SAVED,
        &[
            ("path", &dest.display().to_string()),
            ("subject", letter.subject()),
        ],
    ));
    if kind == LetterChoice::Complaint {
        if let Ok(ap) = regie_vault::rights::complaint_authority(out.lang) {
            out.line(out.f(
                i18n::COMPLAINT_WHERE,
                &[
                    ("form", &ap.form),
                    ("address", &ap.postal_address.join(", ")),
                ],
            ));
        }
    }
    Ok(())
}

/// `regie request sent`.
pub fn sent(ctx: &Ctx, given: &str, on: &str, via: Via, delivered: Option<&str>) -> Result<()> {
    let id = id(given)?;
    let on = date(on)?;
    let delivered = delivered.map(date).transpose()?;
    let today = today()?;
    let mut vault = ctx.open()?;
    let r = vault.mark_sent(id, on, via, delivered, today)?;
    ctx.out.data(&r);
    print_request(ctx.out, &r);
    Ok(())
}

/// `regie request extended`.
pub fn extended(ctx: &Ctx, given: &str, on: &str) -> Result<()> {
    let id = id(given)?;
    let on = date(on)?;
    let today = today()?;
    let mut vault = ctx.open()?;
    let r = vault.mark_extended(id, on, today)?;
    ctx.out.data(&r);
    print_request(ctx.out, &r);
    Ok(())
}

/// `regie request answered`.
pub fn answered(
    ctx: &Ctx,
    given: &str,
    on: &str,
    outcome: Outcome,
    file: Option<&Path>,
) -> Result<()> {
    let id = id(given)?;
    let on = date(on)?;
    let today = today()?;
    let file = match file {
        None => None,
        Some(path) => {
            // Too large is said before the file is read whole.
            if let Ok(m) = std::fs::metadata(path) {
                if m.is_file() && m.len() > MAX_ANSWER_FILE_BYTES {
                    return Err(regie_vault::Error::AnswerFileTooLarge {
                        bytes: m.len(),
                        max: MAX_ANSWER_FILE_BYTES,
                    }
                    .into());
                }
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Some((name, read_file(path)?))
        }
    };
    let mut vault = ctx.open()?;
    let report = vault.mark_answered(
        id,
        on,
        outcome,
        file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        today,
    )?;
    let out = ctx.out;
    out.data(&report);
    print_request(out, &report.request);
    if let Some(f) = &report.request.answer_file {
        out.line(format!(
            "  {}",
            out.f(
                i18n::ANSWER_FILE_KEPT,
                &[("name", &f.name), ("bytes", &f.size.to_string())]
            )
        ));
    }
    match &report.declaration {
        Some(AnswerDeclaration::Imported(r)) => out.line(format!(
            "  {}",
            out.f(
                i18n::ANSWER_DECLARATION_IMPORTED,
                &[
                    ("date", &r.issued.to_string()),
                    ("added", &r.added.len().to_string()),
                    ("removed", &r.removed.len().to_string()),
                ]
            )
        )),
        Some(AnswerDeclaration::NotNewer { stored, .. }) => out.line(format!(
            "  {}",
            out.f(
                i18n::ANSWER_DECLARATION_NOT_NEWER,
                &[("date", &stored.to_string())]
            )
        )),
        None => {}
    }
    Ok(())
}

/// `regie requests`.
pub fn list(ctx: &Ctx) -> Result<()> {
    let today = today()?;
    let vault = ctx.open()?;
    let all = vault.requests(today)?;
    let out = ctx.out;
    out.data(&json!({ "today": today, "requests": all }));
    if all.is_empty() {
        out.line(out.t(i18n::REQUESTS_NONE));
        return Ok(());
    }
    let overdue = all.iter().filter(|r| r.overdue).count();
    out.line(out.f(
        i18n::REQUESTS_TITLE,
        &[
            ("today", &today.to_string()),
            ("overdue", &overdue.to_string()),
        ],
    ));
    for r in &all {
        let due = r
            .due
            .map(|d| out.f(i18n::DUE_ON, &[("due", &d.to_string())]))
            .unwrap_or_default();
        out.line(format!(
            "{:>4}  {}  {}  {}  {}",
            r.id,
            pad(&r.org_name, 28),
            pad(r.right.label().get(out.lang), 22),
            pad(&state(out, r), 40),
            due
        ));
    }
    if overdue > 0 {
        out.line("");
        out.line(out.t(i18n::REQUESTS_OVERDUE_NEXT));
    }
    Ok(())
}

/// `regie directory ...`.
pub fn directory(ctx: &Ctx, c: DirectoryCommand) -> Result<()> {
    match c {
        DirectoryCommand::Search { text } => search(ctx.out, &text),
        DirectoryCommand::Add {
            slug,
            id,
            privacy_email,
            privacy_postal,
        } => add(ctx, &slug, id.as_deref(), privacy_email, privacy_postal),
    }
}

fn search(out: Out, text: &str) -> Result<()> {
    let dir = regie_vault::rights::directory().map_err(regie_vault::Error::from)?;
    let hits = dir.search(text, 10);
    let lang = out.lang;
    let rows: Vec<_> = hits
        .iter()
        .map(|h| {
            let e = h.entry;
            json!({
                "slug": e.slug,
                "name": e.name,
                "other_names": e.other_names,
                "web": e.web,
                "email": e.email.as_ref().map(|a| a.as_str()),
                "webform": e.webform,
                "address": e.address,
                "transport": e.transport.as_str(),
                "quality": e.quality.as_str(),
                "verified": e.quality.verified(),
                "note": e.quality.note().map(|t| t.get(lang)),
            })
        })
        .collect();
    out.data(&json!({ "query": text, "results": rows, "credit": CREDIT.get(lang) }));
    if hits.is_empty() {
        out.line(out.f(i18n::DIRECTORY_NONE, &[("text", text)]));
    }
    for h in &hits {
        let e = h.entry;
        out.line(format!("{} [{}]", e.name, e.slug));
        if let Some(a) = &e.email {
            out.line(format!("  {}: {}", out.t(i18n::EMAIL_WORD), a.as_str()));
        }
        if let Some(w) = &e.webform {
            out.line(format!("  {}: {w}", out.t(i18n::WEBFORM_WORD)));
        }
        if !e.address.is_empty() {
            out.line(format!(
                "  {}: {}",
                out.t(i18n::POST_WORD),
                e.address.join(", ")
            ));
        }
        if let Some(n) = e.quality.note() {
            out.line(format!("  {}", n.get(lang)));
        }
    }
    out.line("");
    out.line(CREDIT.get(lang));
    Ok(())
}

fn add(
    ctx: &Ctx,
    slug: &str,
    id: Option<&str>,
    email: Option<String>,
    postal: Vec<String>,
) -> Result<()> {
    let id = id
        .map(|i| regie_model::OrgId::parse(i).map_err(|_| CliError::invalid(i18n::BAD_ORG_ID, i)))
        .transpose()?;
    let mut vault: Vault = ctx.open()?;
    let org = vault.add_from_directory(
        slug,
        id.as_ref(),
        &ContactCorrection {
            email,
            postal_address: (!postal.is_empty()).then_some(postal),
        },
    )?;
    let contact = vault.privacy_contact(&org.id)?;
    let out = ctx.out;
    out.data(&json!({ "organisation": org, "privacy_contact": contact }));
    out.line(out.f(
        i18n::ORG_ADDED,
        &[("name", &org.name), ("id", org.id.as_str())],
    ));
    if let Some(note) = contact.directory.as_ref().and_then(|d| d.note.as_ref()) {
        out.line(match out.lang {
            Language::Nl => &note.nl,
            Language::En => &note.en,
        });
    }
    Ok(())
}
