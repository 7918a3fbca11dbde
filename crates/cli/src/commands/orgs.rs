//! The overview (`regie orgs`), one organisation's page (`regie show`), and
//! adding organisations and holdings by hand.

use regie_model::{
    catalogue, Channel, Concept, ContactPreferences, FeedbackCap, FormOfAddress, GlobalSwitch,
    Grain, HumanContact, Language, LegalBasis, MessageKind, Sector,
};
use regie_vault::{NewHolding, OrgPage, OrgSummary, Organisation, Source, Vault};
use serde_json::json;

use crate::args::{HoldingCommand, OrgCommand};
use crate::context::{resolve_org, Ctx};
use crate::exit::{CliError, Result};
use crate::i18n;
use crate::output::{pad, Out};

/// `regie orgs`.
pub fn overview(ctx: &Ctx) -> Result<()> {
    let vault = ctx.open()?;
    print_overview(ctx.out, &vault, false, serde_json::Map::new())
}

/// Prints the overview; `detailed` adds each organisation's holdings (for
/// the demo, where the person has not seen anything yet); `extra` fields
/// are added to the JSON output.
pub fn print_overview(
    out: Out,
    vault: &Vault,
    detailed: bool,
    extra: serde_json::Map<String, serde_json::Value>,
) -> Result<()> {
    let orgs = vault.organisations()?;
    let global_off = vault.global_off()?;
    let sensitive = vault.sensitive_categories()?;
    let mut pages = Vec::new();
    for s in &orgs {
        pages.push(vault.organisation(&s.org.id)?);
    }
    let mut data = json!({
        "global_off": global_off,
        "sensitive_categories": sensitive,
        "organisations": orgs.iter().zip(&pages).map(|(s, p)| summary_json(s, p)).collect::<Vec<_>>(),
    });
    data.as_object_mut().expect("an object").extend(extra);
    out.data(&data);
    if out.json {
        return Ok(());
    }
    out.line(out.t(i18n::ORGS_TITLE));
    out.line("=".repeat(out.t(i18n::ORGS_TITLE).chars().count()));
    out.line(global_line(out, GlobalSwitch::from_global_off(global_off)));
    if !sensitive.is_empty() {
        let list: Vec<String> = sensitive.iter().map(|c| out.term_label(c)).collect();
        out.line(out.f(i18n::SENSITIVE_LIST, &[("list", &list.join(", "))]));
    }
    if orgs.is_empty() {
        out.line("");
        out.line(out.t(i18n::ORGS_EMPTY));
    }
    for (s, page) in orgs.iter().zip(&pages) {
        out.line("");
        let sector = s
            .org
            .sector
            .as_deref()
            .map(|x| format!(" - {}: {}", out.t(i18n::SECTOR), Sector::show(x, out.lang)))
            .unwrap_or_default();
        out.line(format!("{} [{}]{sector}", s.org.name, s.org.id));
        let cats: Vec<String> = s.categories.iter().map(|c| out.term_label(c)).collect();
        let purposes: Vec<String> = s.purposes.iter().map(|c| out.term_label(c)).collect();
        if !cats.is_empty() {
            out.line(format!("  {}: {}", out.t(i18n::DATA), cats.join(", ")));
            out.line(format!(
                "  {}: {}",
                out.t(i18n::PURPOSES),
                purposes.join(", ")
            ));
        }
        out.line(format!(
            "  {}",
            i18n::HOLDINGS_COUNT.fill(
                out.lang,
                s.holdings as u64,
                &[("off", &s.switched_off.to_string())]
            )
        ));
        if detailed {
            for h in &page.holdings {
                out.line(format!(
                    "    - {} -> {}: {} / {}",
                    out.term_label(&h.what.category),
                    out.term_label(&h.what.purpose),
                    out.t(h.what.basis.label()),
                    out.t(h.decision.label()),
                ));
            }
        }
        let blocked = page.contact.blocked();
        if !blocked.is_empty() {
            out.line(format!(
                "  {}",
                i18n::BLOCKED_CELLS.fill(out.lang, blocked.len() as u64, &[])
            ));
            out.line(format!(
                "    {}: {}",
                out.t(i18n::BLOCKED_LIST),
                describe_cells(out, &blocked)
            ));
        }
        if s.exempt_from_global {
            out.line(format!("  {}", out.t(i18n::EXEMPT)));
        }
    }
    Ok(())
}

/// "The global switch is off: no unsolicited messages, from any
/// organisation."
fn global_line(out: Out, g: GlobalSwitch) -> String {
    out.f(
        i18n::GLOBAL_STATE,
        &[
            ("switch", out.t(Concept::GlobalSwitch.label())),
            ("state", out.t(g.label())),
            ("meaning", out.t(g.meaning())),
        ],
    )
}

fn summary_json(s: &OrgSummary, page: &OrgPage) -> serde_json::Value {
    let mut v = serde_json::to_value(s).expect("summary serialises");
    v["blocked"] = json!(page
        .contact
        .blocked()
        .iter()
        .map(|(c, k)| json!({"channel": c, "kind": k}))
        .collect::<Vec<_>>());
    v
}

/// Blocked cells in plain words, grouped by channel: "Push notifications
/// (all unsolicited messages); E-mail (Advertising and offers)".
pub fn describe_cells(out: Out, cells: &[(Channel, MessageKind)]) -> String {
    let mut parts = Vec::new();
    for ch in Channel::ALL {
        let kinds: Vec<MessageKind> = cells
            .iter()
            .filter(|(c, _)| *c == ch)
            .map(|(_, k)| *k)
            .collect();
        if kinds.is_empty() {
            continue;
        }
        let what = if kinds.len() == MessageKind::BLOCKABLE.len() {
            out.t(i18n::ALL_UNSOLICITED).to_owned()
        } else {
            kinds
                .iter()
                .map(|k| out.kind(*k))
                .collect::<Vec<_>>()
                .join(", ")
        };
        parts.push(format!("{} ({what})", out.channel(ch)));
    }
    parts.join("; ")
}

/// `regie show ORG`.
pub fn show(ctx: &Ctx, org: &str) -> Result<()> {
    let vault = ctx.open()?;
    let id = resolve_org(&vault, org)?;
    let page = vault.organisation(&id)?;
    let sensitive = vault.sensitive_categories()?;
    let out = ctx.out;
    out.data(&page);
    if out.json {
        return Ok(());
    }
    let o = &page.org;
    out.line(format!("{} [{}]", o.name, o.id));
    out.line("=".repeat(o.name.chars().count() + o.id.as_str().len() + 3));
    if let Some(s) = &o.sector {
        out.line(format!(
            "{}: {}",
            out.t(i18n::SECTOR),
            Sector::show(s, out.lang)
        ));
    }
    if let Some(w) = &o.website {
        out.line(format!("{}: {w}", out.t(i18n::WEBSITE)));
    }
    let privacy: Vec<&str> = [o.privacy_email.as_deref(), o.privacy_postal.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !privacy.is_empty() {
        out.line(format!(
            "{}: {}",
            out.t(i18n::PRIVACY_CONTACT),
            privacy.join(" / ")
        ));
    }
    let source = match o.source {
        Source::Example => i18n::SOURCE_EXAMPLE,
        Source::Declaration => i18n::SOURCE_DECLARATION,
        _ => i18n::SOURCE_PERSON,
    };
    let date = o.source_date.map(|d| format!(", {d}")).unwrap_or_default();
    out.line(format!("{}: {}{date}", out.t(i18n::SOURCE), out.t(source)));

    out.line("");
    out.line(out.t(i18n::WHAT_THEY_DO));
    out.line("-".repeat(out.t(i18n::WHAT_THEY_DO).chars().count()));
    if page.holdings.is_empty() {
        out.line(out.t(i18n::NO_HOLDINGS));
    }
    let mut last_purpose: Option<&str> = None;
    for h in &page.holdings {
        if last_purpose != Some(h.what.purpose.as_str()) {
            last_purpose = Some(&h.what.purpose);
            out.line("");
            out.line(format!(
                "{}: {}",
                out.t(i18n::PURPOSE),
                out.term(&h.what.purpose)
            ));
            if let Some(t) = catalogue::lookup(&h.what.purpose) {
                out.line(format!("  {}", t.explanation.get(out.lang)));
            }
        }
        let sens = if sensitive.contains(&h.what.category)
            || catalogue::lookup(&h.what.category).is_some_and(|t| t.sensitive)
        {
            format!(" [{}]", out.t(i18n::SENSITIVE_MARK))
        } else {
            String::new()
        };
        out.line(format!("  * {}{sens}", out.term(&h.what.category)));
        out.line(format!(
            "      {}: {}. {}",
            out.t(i18n::BASIS),
            out.t(h.what.basis.label()),
            out.t(h.what.basis.explanation())
        ));
        out.line(format!(
            "      {}: {}",
            out.t(i18n::DECISION),
            out.t(h.decision.label())
        ));
        if h.is_locked() {
            if let Some(r) = &h.what.locked_reason {
                out.line(format!(
                    "      {}: {}",
                    out.t(i18n::WHY_LOCKED),
                    r.get(out.lang)
                ));
            }
        }
        if let Some(g) = h.what.grain {
            out.line(format!(
                "      {}: {}",
                out.t(i18n::GRAIN),
                out.t(g.describe())
            ));
        }
        if let Some(r) = &h.what.retention {
            out.line(format!(
                "      {}: {}",
                out.t(i18n::RETENTION),
                describe_duration(out.lang, r)
            ));
        }
        if let Some(n) = &h.what.note {
            out.line(format!("      {}: {}", out.t(i18n::NOTE), n.get(out.lang)));
        }
    }

    out.line("");
    out.line(out.t(i18n::CONTACT_TITLE));
    out.line("-".repeat(out.t(i18n::CONTACT_TITLE).chars().count()));
    print_matrix(out, &page.contact);
    print_other_prefs(out, &page.contact);
    if page.global_off {
        out.line("");
        if page.exempt_from_global {
            out.line(out.t(i18n::EFFECTIVE_EXEMPT));
        } else {
            out.line(out.t(i18n::EFFECTIVE_TITLE));
            print_matrix(out, &page.effective_contact);
        }
    }
    Ok(())
}

/// A column heading on at most two lines, split at the space that keeps
/// the longer line shortest, so the table fits a narrow terminal while
/// every kind keeps its whole name.
fn two_lines(name: &str) -> (String, String) {
    let best = name.match_indices(' ').map(|(i, _)| i).min_by_key(|i| {
        name[..*i]
            .chars()
            .count()
            .max(name[i + 1..].chars().count())
    });
    match best {
        Some(i) => (name[..i].to_owned(), name[i + 1..].to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

/// The channels x kinds table, headed by the kinds' names.
fn print_matrix(out: Out, p: &ContactPreferences) {
    let first = Channel::ALL
        .iter()
        .map(|c| out.channel(*c).chars().count())
        .max()
        .unwrap_or(10)
        .max(out.t(i18n::CHANNEL).chars().count())
        + 2;
    let cell = |ch: Channel, k: MessageKind| {
        if k == MessageKind::Service {
            out.t(i18n::ALWAYS)
        } else {
            out.on_off(p.allows(ch, k))
        }
    };
    let cols: Vec<(MessageKind, (String, String), usize)> = MessageKind::ALL
        .into_iter()
        .map(|k| {
            let (a, b) = two_lines(out.kind(k));
            let width = [
                a.chars().count(),
                b.chars().count(),
                out.t(i18n::ALWAYS).chars().count(),
            ]
            .into_iter()
            .max()
            .unwrap_or(0)
                + 2;
            (k, (a, b), width)
        })
        .collect();
    let mut top = pad("", first);
    let mut bottom = pad(out.t(i18n::CHANNEL), first);
    for (_, (a, b), w) in &cols {
        top.push_str(&pad(a, *w));
        bottom.push_str(&pad(b, *w));
    }
    out.line(top.trim_end());
    out.line(bottom.trim_end());
    for ch in Channel::ALL {
        let mut row = pad(out.channel(ch), first);
        for (k, _, w) in &cols {
            row.push_str(&pad(cell(ch, *k), *w));
        }
        out.line(row.trim_end());
    }
}

fn print_other_prefs(out: Out, p: &ContactPreferences) {
    let not_set = out.t(i18n::NOT_SET);
    out.line("");
    let sc = p.service_channel.map(|c| out.channel(c)).unwrap_or(not_set);
    out.line(format!("{}: {sc}", out.t(i18n::SERVICE_CHANNEL)));
    let q = p
        .quiet_hours
        .as_ref()
        .map(|q| {
            format!(
                "{} - {} ({})",
                q.start.format("%H:%M"),
                q.end.format("%H:%M"),
                q.time_zone
            )
        })
        .unwrap_or_else(|| out.t(i18n::NONE).to_owned());
    out.line(format!("{}: {q}", out.t(i18n::QUIET_HOURS)));
    let m = p
        .max_per_week
        .map(|n| n.to_string())
        .unwrap_or_else(|| out.t(i18n::NONE).to_owned());
    out.line(format!("{}: {m}", out.t(i18n::MAX_PER_WEEK)));
    out.line(format!(
        "{}: {}",
        out.t(i18n::FEEDBACK_CAP),
        describe_feedback(out, p.feedback_cap)
    ));
    let lang = p.language.map(|l| out.t(l.label())).unwrap_or(not_set);
    out.line(format!("{}: {lang}", out.t(i18n::LANGUAGE)));
    out.line(format!(
        "{}: {}",
        out.t(i18n::ADDRESS),
        describe_address(out, p.form_of_address)
    ));
    let human = p
        .human_contact
        .map(|h| describe_human(out, h))
        .unwrap_or(not_set);
    out.line(format!("{}: {human}", out.t(i18n::HUMAN)));
}

/// The feedback cap in plain words.
pub fn describe_feedback(out: Out, cap: FeedbackCap) -> String {
    match cap {
        FeedbackCap::Never => out.t(i18n::FEEDBACK_NEVER).to_owned(),
        FeedbackCap::OncePerMonths { months } => {
            i18n::FEEDBACK_EVERY.fill(out.lang, u64::from(months), &[])
        }
        _ => out.t(i18n::FEEDBACK_NO_CAP).to_owned(),
    }
}

fn describe_address(out: Out, a: FormOfAddress) -> &'static str {
    out.t(match a {
        FormOfAddress::Formal => i18n::ADDRESS_FORMAL,
        FormOfAddress::FirstName => i18n::ADDRESS_FIRST,
        _ => i18n::ADDRESS_NEUTRAL,
    })
}

fn describe_human(out: Out, h: HumanContact) -> &'static str {
    out.t(match h {
        HumanContact::Phone => i18n::HUMAN_PHONE,
        HumanContact::Chat => i18n::HUMAN_CHAT,
        HumanContact::Email => i18n::HUMAN_EMAIL,
        HumanContact::InPerson => i18n::HUMAN_IN_PERSON,
        _ => i18n::HUMAN_POST,
    })
}

/// An ISO 8601 duration such as `P7Y` in plain words ("7 years"); anything
/// more complex is shown as written.
fn describe_duration(lang: Language, d: &str) -> String {
    let Some(body) = d.strip_prefix('P') else {
        return d.to_owned();
    };
    let (num, unit) = body.split_at(body.len().saturating_sub(1));
    let Ok(n) = num.parse::<u32>() else {
        return d.to_owned();
    };
    let word = match (unit, lang, n == 1) {
        ("Y", Language::Nl, _) => "jaar",
        ("Y", Language::En, true) => "year",
        ("Y", Language::En, false) => "years",
        ("M", Language::Nl, true) => "maand",
        ("M", Language::Nl, false) => "maanden",
        ("M", Language::En, true) => "month",
        ("M", Language::En, false) => "months",
        ("W", Language::Nl, _) => "weken",
        ("W", Language::En, _) => "weeks",
        ("D", Language::Nl, true) => "dag",
        ("D", Language::Nl, false) => "dagen",
        ("D", Language::En, true) => "day",
        ("D", Language::En, false) => "days",
        _ => return d.to_owned(),
    };
    format!("{n} {word}")
}

/// `regie org add`.
pub fn org(ctx: &Ctx, c: OrgCommand) -> Result<()> {
    let OrgCommand::Add {
        id,
        name,
        sector,
        website,
        privacy_email,
        privacy_postal,
    } = c;
    let id =
        regie_model::OrgId::parse(&id).map_err(|_| CliError::invalid(i18n::BAD_ORG_ID, &id))?;
    let mut org = Organisation::new(id, name);
    // A sector typed in the person's language is stored by its one name.
    org.sector = sector.as_deref().map(Sector::normalise);
    org.website = website;
    org.privacy_email = privacy_email;
    org.privacy_postal = privacy_postal;
    let mut vault = ctx.open()?;
    vault.add_organisation(&org)?;
    let out = ctx.out;
    out.data(&org);
    out.line(out.f(
        i18n::ORG_ADDED,
        &[("name", &org.name), ("id", org.id.as_str())],
    ));
    Ok(())
}

/// `regie holding add`.
pub fn holding(ctx: &Ctx, c: HoldingCommand) -> Result<()> {
    let HoldingCommand::Add {
        org,
        category,
        purpose,
        basis,
        retention,
        grain,
    } = c;
    let category = super::category(&category)?;
    let purpose = super::purpose(&purpose)?;
    let basis = LegalBasis::parse_named(&basis)
        .ok_or_else(|| CliError::invalid(i18n::BAD_BASIS, &basis))?;
    let grain = grain
        .map(|g| Grain::parse(&g).ok_or_else(|| CliError::invalid(i18n::BAD_GRAIN, &g)))
        .transpose()?;
    let mut vault = ctx.open()?;
    let id = resolve_org(&vault, &org)?;
    let h = NewHolding {
        category,
        purpose,
        basis,
        retention,
        grain,
        locked_reason: None,
        note: None,
    };
    let row = vault.add_holding(&id, &h)?;
    let decision = basis.initial_decision();
    let out = ctx.out;
    out.data(&json!({
        "id": row,
        "org_id": id,
        "holding": h,
        "decision": decision,
    }));
    out.line(out.f(
        i18n::HOLDING_ADDED,
        &[
            ("org", id.as_str()),
            ("category", &out.term_label(&h.category)),
            ("purpose", &out.term_label(&h.purpose)),
            ("basis", out.t(basis.label())),
            ("decision", out.t(decision.label())),
        ],
    ));
    Ok(())
}

/// `regie import FILE`: an organisation's declaration. Shows what changed.
pub fn import_declaration(ctx: &Ctx, file: &std::path::Path) -> Result<()> {
    let o = ctx.out;
    let bytes = crate::context::read_file(file)?;
    let mut vault = ctx.open()?;
    let report = vault.import_declaration(&bytes)?;
    o.data(&report);
    let page = vault.organisation(&report.org)?;
    o.line(o.f(
        i18n::DECL_IMPORTED,
        &[
            ("name", &page.org.name),
            ("org", report.org.as_str()),
            ("date", &report.issued.to_string()),
        ],
    ));
    if report.organisation_added {
        o.line(o.t(i18n::DECL_NEW_ORG));
    }
    let what = |category: &str, purpose: &str| {
        format!("{} / {}", o.term_label(purpose), o.term_label(category))
    };
    for h in &report.added {
        o.line(format!(
            "  + {}",
            o.f(
                i18n::DECL_ADDED,
                &[("what", &what(&h.category, &h.purpose))]
            )
        ));
    }
    for h in &report.removed {
        o.line(format!(
            "  - {}",
            o.f(
                i18n::DECL_REMOVED,
                &[("what", &what(&h.category, &h.purpose))]
            )
        ));
    }
    for c in &report.basis_changed {
        o.line(format!(
            "  ~ {}",
            o.f(
                i18n::DECL_BASIS,
                &[
                    ("what", &what(&c.category, &c.purpose)),
                    ("from", c.from.label().get(o.lang)),
                    ("to", c.to.label().get(o.lang)),
                ],
            )
        ));
    }
    o.line(i18n::DECL_UNCHANGED.fill(o.lang, report.unchanged as u64, &[]));
    if let Some(d) = &report.delivery {
        let (t, from) = match d.pin {
            regie_vault::PinChange::First => (i18n::DECL_PINNED, ""),
            regie_vault::PinChange::Same => (i18n::DECL_KEY_SAME, ""),
            regie_vault::PinChange::Replaced => (
                i18n::DECL_KEY_CHANGED,
                d.previous_fingerprint.as_deref().unwrap_or("?"),
            ),
        };
        o.line(o.f(
            t,
            &[
                ("host", &d.inbox_host),
                ("fp", &d.fingerprint),
                ("from", from),
            ],
        ));
    }
    Ok(())
}
