//! `regie-org check`, `check-use` and `record-send`: may this be sent or
//! used, and what was sent.

use std::io::Write;

use regie_model::Language;
use regie_org::check::Sent;
use regie_org::i18n::{self, fill};
use regie_org::store;
use regie_org::text::clean;
use serde_json::json;

use super::{open, print_verdict, purpose_category, time};
use crate::cli::args::{Cli, Message};
use crate::cli::exit;
use crate::cli::failure::{fail, store_failure, Failure};

/// May this customer get this kind of message on this channel at `at`?
pub fn check(cli: &Cli, lang: Language, out: &mut impl Write, m: &Message) -> Result<u8, Failure> {
    let (customer, channel, kind) = (&m.customer, m.channel, m.kind);
    let at = time(lang, m.at.as_deref())?;
    let org = open(cli, lang)?;
    let d = org.check(customer, channel, kind, at);
    let fields = json!({"customer": customer, "channel": channel, "kind": kind,
                        "at": store::fmt_time(at)});
    Ok(print_verdict(
        out,
        cli.json,
        lang,
        i18n::BLOCKED,
        &d,
        fields,
    ))
}

/// May this customer's data (of this category) be used for this purpose?
pub fn check_use(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    customer: &str,
    purpose: &str,
    category: Option<&str>,
) -> Result<u8, Failure> {
    let (p, c) = purpose_category(lang, purpose, category)?;
    let org = open(cli, lang)?;
    let d = org.check_use(customer, &p, c.as_ref());
    let fields = json!({"customer": customer, "purpose": p.iri(),
                        "category": c.as_ref().map(|c| c.iri())});
    Ok(print_verdict(
        out,
        cli.json,
        lang,
        i18n::BLOCKED_USE,
        &d,
        fields,
    ))
}

/// Records a message sent to an enrolled customer.
pub fn record_send(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    m: &Message,
) -> Result<u8, Failure> {
    let (customer, channel, kind) = (m.customer.as_str(), m.channel, m.kind);
    let at = time(lang, m.at.as_deref())?;
    let org = open(cli, lang)?;
    if !org
        .store()
        .has_customer(customer)
        .map_err(|e| store_failure(lang, e))?
    {
        return Err(fail(
            exit::INVALID,
            "unknown-customer",
            fill(
                lang,
                i18n::E_UNKNOWN_CUSTOMER,
                &[("customer", &clean(customer))],
            ),
        ));
    }
    org.record_send(customer, Sent { at, channel, kind })
        .map_err(|e| store_failure(lang, e))?;
    if cli.json {
        let _ = writeln!(out, "{}", json!({"recorded": true}));
    } else {
        let _ = writeln!(out, "{}", i18n::RECORDED_SEND.get(lang));
    }
    Ok(exit::OK)
}
