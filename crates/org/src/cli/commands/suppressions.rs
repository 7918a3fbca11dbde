//! `regie-org suppressions`: who must not get this message now, or whose
//! data must not be used for this purpose.

use std::io::Write;

use chrono::Utc;
use regie_model::{Channel, Language, MessageKind};
use regie_org::text::clean;
use serde_json::json;

use super::{open, purpose_category, time};
use crate::cli::args::{Cli, Format};
use crate::cli::exit;
use crate::cli::failure::{store_failure, Failure};

/// What to list: a purpose (and category), or a channel with a kind.
pub struct Which<'a> {
    pub channel: Option<Channel>,
    pub kind: Option<MessageKind>,
    pub at: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub category: Option<&'a str>,
}

/// Prints the list in `format`.
pub fn run(
    cli: &Cli,
    lang: Language,
    out: &mut impl Write,
    which: Which<'_>,
    format: Format,
) -> Result<u8, Failure> {
    // Each listed customer with the reason's code and sentence.
    let list: Vec<(String, &'static str, String)> = match (which.purpose, which.channel, which.kind)
    {
        (Some(purpose), _, _) => {
            let (p, c) = purpose_category(lang, purpose, which.category)?;
            let org = open(cli, lang)?;
            org.warm(Utc::now()).map_err(|e| store_failure(lang, e))?;
            org.use_suppressions(&p, c.as_ref())
                .map_err(|e| store_failure(lang, e))?
                .into_iter()
                .map(|(c, d)| (c, d.reason.code(), d.reason.message(lang)))
                .collect()
        }
        (None, Some(channel), Some(kind)) => {
            let at = time(lang, which.at)?;
            let org = open(cli, lang)?;
            org.warm(at).map_err(|e| store_failure(lang, e))?;
            org.suppressions(channel, kind, at)
                .map_err(|e| store_failure(lang, e))?
                .into_iter()
                .map(|(c, d)| (c, d.reason.code(), d.reason.message(lang)))
                .collect()
        }
        // clap requires a purpose, or a channel with a kind.
        _ => return Ok(exit::USAGE),
    };
    match format {
        Format::Csv => {
            let _ = writeln!(out, "customer,reason");
            for (customer, code, _) in &list {
                let _ = writeln!(out, "{},{}", csv_field(&clean(customer)), code);
            }
        }
        Format::Jsonl => {
            for (customer, code, message) in &list {
                let _ = writeln!(
                    out,
                    "{}",
                    json!({"customer": customer, "reason": code, "message": message})
                );
            }
        }
    }
    Ok(exit::OK)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
