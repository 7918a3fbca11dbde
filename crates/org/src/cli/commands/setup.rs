//! `regie-org init` and `regie-org enrol`: the organisation and its
//! customers' keys.

use std::io::Write;

use chrono::Utc;
use regie_model::{Language, OrgId};
use regie_org::i18n::{self, fill};
use regie_org::store::{self, OrgConfig};
use regie_org::DefaultPolicy;
use serde_json::json;

use super::open;
use crate::cli::args::Cli;
use crate::cli::exit;
use crate::cli::failure::{fail, store_failure, Failure};

/// Sets the database up for an organisation.
pub fn init(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    org: &str,
    name: &str,
    tofu: bool,
    default: DefaultPolicy,
) -> Result<u8, Failure> {
    let id = OrgId::parse(org).map_err(|e| {
        fail(
            exit::INVALID,
            "invalid-input",
            fill(
                lang,
                i18n::E_BAD_ORG,
                &[("value", org), ("err", &e.to_string())],
            ),
        )
    })?;
    let config = OrgConfig {
        id,
        name: name.to_owned(),
        default,
        tofu,
    };
    store::create(&cli.db, &config, Utc::now()).map_err(|e| store_failure(lang, e))?;
    if cli.json {
        let _ = writeln!(
            out,
            "{}",
            json!({"org": org, "name": name, "tofu": tofu, "default": default})
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            fill(
                lang,
                i18n::INITIALISED,
                &[
                    ("org", org),
                    ("name", name),
                    ("db", &store::tls::redact(&cli.db))
                ]
            )
        );
    }
    Ok(exit::OK)
}

/// Enrols a customer with their key.
pub fn enrol(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    customer: &str,
    did: &str,
) -> Result<u8, Failure> {
    regie_prefs::DidKey::parse(did).map_err(|e| {
        fail(
            exit::INVALID,
            "invalid-input",
            fill(
                lang,
                i18n::E_BAD_DID,
                &[("did", did), ("err", e.detail().get(lang))],
            ),
        )
    })?;
    let org = open(cli, lang)?;
    org.store()
        .enrol(&[(customer.to_owned(), did.to_owned())], Utc::now())
        .map_err(|e| store_failure(lang, e))?;
    if cli.json {
        let _ = writeln!(out, "{}", json!({"customer": customer, "did": did}));
    } else {
        let _ = writeln!(
            out,
            "{}",
            fill(
                lang,
                i18n::ENROLLED,
                &[("customer", customer), ("did", did)]
            )
        );
    }
    Ok(exit::OK)
}
