//! The plain-language summary inside each file.
//!
//! A file is read by programs, but also opened by people: the person who
//! made it, a clerk at the organisation, a privacy officer. The summary
//! says the same as the data, in the person's language (Dutch at B1 level,
//! or English), in the first person, so no one needs to know what
//! `dpv:DirectMarketing` or `eu-gdpr:A6-1-f` means. It is written when the
//! file is made and is covered by the signature; programs act on the data,
//! never on the summary.
//!
//! A receipt is the organisation's answer, so its summary is the
//! organisation speaking to the customer, in the customer's language, with
//! times in UTC (the reader's time zone is not known when it is made).

use regie_model::{catalogue, Channel, Concept, GlobalSwitch, Language, MessageKind, Text};

use chrono::Datelike;

use crate::link_code::LinkCode;
use crate::types::{
    Audience, DataCategory, Decision, Outcome, PreferenceSubject, ReceiptSubject, ReceivedFile,
    ReceivedKind, RejectionCode, Summary, Timestamp,
};
use crate::DidKey;

fn t(lang: Language, nl: &str, en: &str) -> String {
    match lang {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

/// A name from regie-model inside a sentence: its first letter lower-case,
/// unless the name is always written with a capital (such as "E-mail").
fn in_sentence(name: Text, lang: Language) -> String {
    let s = name.get(lang);
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => first
            .to_lowercase()
            .chain(s[first.len_utf8()..].chars())
            .collect(),
        _ => s.to_owned(),
    }
}

fn join(items: &[String], lang: Language) -> String {
    join_with(items, if lang == Language::Nl { "en" } else { "and" })
}

fn join_with(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

fn term_label(iri: &str, lang: Language) -> String {
    match catalogue::lookup(iri) {
        Some(term) => term.label.get(lang).to_owned(),
        None => catalogue::compact(iri),
    }
}

fn categories(cats: &[DataCategory], lang: Language) -> String {
    let labels: Vec<String> = cats.iter().map(|c| term_label(c.iri(), lang)).collect();
    join(&labels, lang)
}

/// "<purpose> (<data>): <choice>. Legal basis: <basis>."
fn decision_line(d: &Decision, lang: Language) -> String {
    let purpose = term_label(d.purpose.iri(), lang);
    let cats = categories(&d.data_categories, lang);
    let state = in_sentence(d.state.label(), lang);
    let basis_name = Concept::LegalBasis.label().get(lang);
    let basis = in_sentence(d.legal_basis.label(), lang);
    format!("{purpose} ({cats}): {state}. {basis_name}: {basis}.")
}

/// Writes the summary of a preference subject (its `summary` field is
/// ignored).
pub fn describe_preferences(s: &PreferenceSubject, lang: Language) -> Summary {
    let org = &s.audience.name;
    let headline = match lang {
        Language::Nl => format!(
            "Mijn voorkeuren voor {org} (nummer {}). Dit bestand is ondertekend: als er iets in verandert, klopt de handtekening niet meer.",
            s.sequence
        ),
        Language::En => format!(
            "My preferences for {org} (number {}). This file is signed: if anything in it changes, the signature no longer matches.",
            s.sequence
        ),
    };
    let mut lines = Vec::new();
    let p = &s.contact_preferences;
    if s.global_switch {
        let switch = Concept::GlobalSwitch.label().get(lang);
        let off = GlobalSwitch::Off.label().get(lang);
        let unsolicited = in_sentence(Concept::UnsolicitedMessages.label(), lang);
        lines.push(match lang {
            Language::Nl => {
                format!("{switch}: {off}. Ik wil geen {unsolicited}, van geen enkele organisatie.")
            }
            Language::En => {
                format!("{switch}: {off}. I want no {unsolicited} from any organisation.")
            }
        });
    }
    let mut any_blocked = false;
    for ch in Channel::ALL {
        let blocked: Vec<String> = MessageKind::BLOCKABLE
            .into_iter()
            .filter(|k| !p.allows(ch, *k))
            .map(|k| in_sentence(k.label(), lang))
            .collect();
        if !blocked.is_empty() {
            any_blocked = true;
            let what = join_with(&blocked, if lang == Language::Nl { "of" } else { "or" });
            let label = ch.label().get(lang);
            lines.push(match lang {
                Language::Nl => format!("{label}: geen {what}."),
                Language::En => format!("{label}: no {what}."),
            });
        }
    }
    if !any_blocked {
        lines.push(t(
            lang,
            "Ik heb geen berichten uitgezet.",
            "I have not switched off any messages.",
        ));
    }
    let service = MessageKind::Service.label().get(lang);
    lines.push(match lang {
        Language::Nl => format!("{service} mogen altijd: die zijn nodig voor mijn contract."),
        Language::En => format!("{service} are always allowed: my contract needs them."),
    });
    if let Some(ch) = p.service_channel {
        let label = ch.label().get(lang);
        lines.push(match lang {
            Language::Nl => format!("Stuur die het liefst via: {label}."),
            Language::En => format!("Preferably send those by: {label}."),
        });
    }
    if let Some(q) = &p.quiet_hours {
        let (a, b) = (q.start.format("%H:%M"), q.end.format("%H:%M"));
        let quiet = Concept::QuietHours.label().get(lang);
        lines.push(match lang {
            Language::Nl => format!(
                "{quiet}: geen berichten tussen {a} en {b} ({}).",
                q.time_zone
            ),
            Language::En => format!(
                "{quiet}: no messages between {a} and {b} ({}).",
                q.time_zone
            ),
        });
    }
    if let Some(n) = p.max_per_week {
        lines.push(match lang {
            Language::Nl => format!("Niet meer dan {n} berichten per week."),
            Language::En => format!("No more than {n} messages a week."),
        });
    }
    let feedback = MessageKind::Feedback.label().get(lang);
    match p.feedback_cap {
        regie_model::FeedbackCap::Never => lines.push(match lang {
            Language::Nl => format!("{feedback}: nooit."),
            Language::En => format!("{feedback}: never."),
        }),
        regie_model::FeedbackCap::OncePerMonths { months } => lines.push(match lang {
            Language::Nl => format!("{feedback}: hoogstens eens per {months} maanden."),
            Language::En => format!("{feedback}: at most once every {months} months."),
        }),
        _ => {}
    }
    for d in &s.decisions {
        lines.push(decision_line(d, lang));
    }
    if !s.sensitive_categories.is_empty() {
        let cats = categories(&s.sensitive_categories, lang);
        let sensitive = Concept::SensitiveData.label().get(lang);
        lines.push(match lang {
            Language::Nl => format!(
                "{sensitive}, niet gebruiken voor persoonlijke aanbiedingen of advies: {cats}."
            ),
            Language::En => {
                format!("{sensitive}, do not use for personal offers or advice: {cats}.")
            }
        });
    }
    Summary {
        language: lang,
        headline,
        lines,
    }
}

/// Writes the summary of a key-rotation announcement.
pub fn describe_rotation(
    audience: &Audience,
    sequence: u64,
    new_key: &DidKey,
    lang: Language,
) -> Summary {
    let org = &audience.name;
    let id = in_sentence(Concept::Identifier.label(), lang);
    let headline = match lang {
        Language::Nl => format!(
            "Ik gebruik vanaf nu een nieuw {id} voor mijn bestanden aan {org} (nummer {sequence})."
        ),
        Language::En => {
            format!("From now on I use a new {id} for my files to {org} (number {sequence}).")
        }
    };
    let lines = vec![match lang {
        Language::Nl => format!(
            "Mijn nieuwe {id} is {new_key}. Ik heb dit bericht ondertekend met mijn oude en met mijn nieuwe {id}."
        ),
        Language::En => {
            format!("My new {id} is {new_key}. I signed this message with my old and with my new {id}.")
        }
    }];
    Summary {
        language: lang,
        headline,
        lines,
    }
}

/// A time for people: `1 maart 2026 om 09:30 (UTC)`, `1 March 2026 at
/// 09:30 (UTC)`. Files carry UTC; the reader's own time zone is unknown
/// when the file is made.
fn when(t: Timestamp, lang: Language) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let t = t.get();
    let month = t.month0() as usize;
    let (day, year, hm) = (t.day(), t.year(), t.format("%H:%M"));
    match lang {
        Language::Nl => format!("{day} {} {year} om {hm} (UTC)", NL[month]),
        Language::En => format!("{day} {} {year} at {hm} (UTC)", EN[month]),
    }
}

/// Writes the summary of a link request.
pub fn describe_link_request(audience: &Audience, code: &LinkCode, lang: Language) -> Summary {
    let org = &audience.name;
    let id = in_sentence(Concept::Identifier.label(), lang);
    let headline = match lang {
        Language::Nl => format!(
            "Ik vraag {org} om mijn bestanden te koppelen aan mijn klantgegevens, met de koppelcode {code}."
        ),
        Language::En => {
            format!("I ask {org} to link my files to my customer record, with the link code {code}.")
        }
    };
    let lines = vec![match lang {
        Language::Nl => format!(
            "Ik heb dit verzoek ondertekend met mijn {id} voor {org}. Bestanden met dit {id} komen van mij."
        ),
        Language::En => format!(
            "I signed this request with my {id} for {org}. Files with this {id} come from me."
        ),
    }];
    Summary {
        language: lang,
        headline,
        lines,
    }
}

/// What a receipt is about, inside a sentence.
fn received_what(file: &ReceivedFile, lang: Language) -> String {
    let id = in_sentence(Concept::Identifier.label(), lang);
    let file_name = in_sentence(Concept::PreferenceFile.label(), lang);
    match (file.kind, file.sequence, lang) {
        (Some(ReceivedKind::Preferences), Some(n), Language::Nl) => {
            format!("uw {file_name} nummer {n}")
        }
        (Some(ReceivedKind::Preferences), Some(n), Language::En) => {
            format!("your {file_name} number {n}")
        }
        (Some(ReceivedKind::Preferences), None, Language::Nl) => format!("een {file_name}"),
        (Some(ReceivedKind::Preferences), None, Language::En) => format!("a {file_name}"),
        (Some(ReceivedKind::KeyRotation), Some(n), Language::Nl) => {
            format!("de aankondiging van uw nieuwe {id} (nummer {n})")
        }
        (Some(ReceivedKind::KeyRotation), Some(n), Language::En) => {
            format!("the announcement of your new {id} (number {n})")
        }
        (Some(ReceivedKind::KeyRotation), None, Language::Nl) => {
            format!("een aankondiging van een nieuw {id}")
        }
        (Some(ReceivedKind::KeyRotation), None, Language::En) => {
            format!("an announcement of a new {id}")
        }
        (Some(ReceivedKind::LinkRequest), _, Language::Nl) => "uw koppelverzoek".to_owned(),
        (Some(ReceivedKind::LinkRequest), _, Language::En) => "your link request".to_owned(),
        (None, _, Language::Nl) => "een bestand".to_owned(),
        (None, _, Language::En) => "a file".to_owned(),
    }
}

/// Writes the summary of a receipt (its `summary` field is ignored). The
/// organisation speaks, to the customer.
pub fn describe_receipt(r: &ReceiptSubject, lang: Language) -> Summary {
    let org = &r.controller.name;
    let what = received_what(&r.received_file, lang);
    let received = when(r.received, lang);
    let headline = match (r.outcome, r.honoured_from, &r.rejection_code) {
        (Outcome::Accepted, Some(from), _) => {
            let from = when(from, lang);
            match lang {
                Language::Nl => format!(
                    "{org} heeft {what} ontvangen op {received}, en houdt zich eraan vanaf {from}."
                ),
                Language::En => {
                    format!("{org} received {what} on {received}, and honours it from {from}.")
                }
            }
        }
        (Outcome::AlreadyImported, Some(from), _) => {
            let from = when(from, lang);
            match lang {
                Language::Nl => format!(
                    "{org} had {what} al eerder ontvangen, en houdt zich eraan sinds {from}. Er is niets veranderd."
                ),
                Language::En => format!(
                    "{org} had already received {what}, and has honoured it since {from}. Nothing changed."
                ),
            }
        }
        (_, _, code) => {
            let code = code.as_ref().map_or("?", RejectionCode::as_str);
            match lang {
                Language::Nl => format!(
                    "{org} heeft {what} ontvangen op {received}, maar niet aangenomen (reden: {code})."
                ),
                Language::En => format!(
                    "{org} received {what} on {received}, but did not accept it (reason: {code})."
                ),
            }
        }
    };
    let lines = vec![
        match lang {
            Language::Nl => format!("SHA-256 van het bestand: {}.", r.received_file.sha256),
            Language::En => format!("SHA-256 of the file: {}.", r.received_file.sha256),
        },
        match lang {
            Language::Nl => format!(
                "Dit ontvangstbewijs ({}) is ondertekend door {org}: als er iets in verandert, klopt de handtekening niet meer.",
                r.receipt_id
            ),
            Language::En => format!(
                "This receipt ({}) is signed by {org}: if anything in it changes, the signature no longer matches.",
                r.receipt_id
            ),
        },
    ];
    Summary {
        language: lang,
        headline,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_subject;

    #[test]
    fn the_export_summary_and_its_list_use_one_name_for_a_kind() {
        // The app lists blocked cells by the kinds' labels; the summary
        // above that list once said "Reclame en aanbiedingen" while the
        // list said "Aanbiedingen". Both now say the label.
        for lang in Language::ALL {
            let s = describe_preferences(&example_subject(lang, 7), lang);
            let push = s
                .lines
                .iter()
                .find(|l| l.starts_with(Channel::Push.label().get(lang)))
                .unwrap();
            for kind in [MessageKind::Proactive, MessageKind::Marketing] {
                let name = in_sentence(kind.label(), lang);
                assert!(push.contains(&name), "{push} lacks {name}");
            }
        }
    }

    #[test]
    fn the_summary_names_quiet_hours_and_choices_as_the_glossary_does() {
        let nl = describe_preferences(&example_subject(Language::Nl, 7), Language::Nl);
        assert!(nl.lines.iter().any(|l| l.starts_with("Rustige uren: ")));
        assert!(nl
            .lines
            .iter()
            .any(|l| l.contains("toestemming ingetrokken. Grondslag: toestemming.")));
        let en = describe_preferences(&example_subject(Language::En, 7), Language::En);
        assert!(en
            .lines
            .iter()
            .any(|l| l.contains("objection made. Legal basis: the organisation's own interest.")));
    }

    #[test]
    fn names_inside_a_sentence_start_lower_case_unless_always_capitalised() {
        assert_eq!(
            in_sentence(MessageKind::Marketing.label(), Language::Nl),
            "reclame en aanbiedingen"
        );
        assert_eq!(in_sentence(Channel::Email.label(), Language::En), "E-mail");
    }
}
