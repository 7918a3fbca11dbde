//! The plain-language summary inside each file.
//!
//! A file is read by programs, but also opened by people: the person who
//! made it, a clerk at the organisation, a privacy officer. The summary
//! says the same as the data, in the person's language (Dutch at B1 level,
//! or English), in the first person, so no one needs to know what
//! `dpv:DirectMarketing` or `eu-gdpr:A6-1-f` means. It is written when the
//! file is made and is covered by the signature; programs act on the data,
//! never on the summary.

use regie_model::{catalogue, Channel, DecisionState, Language, LegalBasis, MessageKind};

use crate::types::{Audience, DataCategory, Decision, PreferenceSubject, Summary};
use crate::DidKey;

fn t(lang: Language, nl: &str, en: &str) -> String {
    match lang {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

fn kind_words(kind: MessageKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (MessageKind::Proactive, Language::Nl) => "tips en advies",
        (MessageKind::Proactive, Language::En) => "tips and advice",
        (MessageKind::Marketing, Language::Nl) => "reclame",
        (MessageKind::Marketing, Language::En) => "advertising",
        (MessageKind::Feedback, Language::Nl) => "vragen om mijn mening",
        (MessageKind::Feedback, Language::En) => "requests for feedback",
        (MessageKind::Service, Language::Nl) => "berichten voor mijn contract",
        (MessageKind::Service, Language::En) => "messages about my contract",
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

fn decision_line(d: &Decision, lang: Language) -> String {
    let purpose = term_label(d.purpose.iri(), lang);
    let cats = categories(&d.data_categories, lang);
    let (nl, en) = match d.state {
        DecisionState::ConsentGiven => ("Ik geef toestemming voor", "I give permission for"),
        DecisionState::ConsentWithdrawn => (
            "Ik trek mijn toestemming in voor",
            "I withdraw my permission for",
        ),
        DecisionState::Objected => (
            "Ik maak bezwaar (AVG artikel 21) tegen",
            "I object (GDPR Article 21) to",
        ),
        DecisionState::NotObjected => ("Ik maak geen bezwaar tegen", "I do not object to"),
        DecisionState::Locked => (
            "Hierover heb ik geen keuze (wet of contract)",
            "I have no choice about this (law or contract)",
        ),
    };
    let basis = match (d.legal_basis, lang) {
        (LegalBasis::Consent, Language::Nl) => "toestemming",
        (LegalBasis::Consent, Language::En) => "consent",
        (LegalBasis::Contract, Language::Nl) => "nodig voor het contract",
        (LegalBasis::Contract, Language::En) => "needed for the contract",
        (LegalBasis::LegalObligation, Language::Nl) => "wettelijke plicht",
        (LegalBasis::LegalObligation, Language::En) => "legal obligation",
        (LegalBasis::VitalInterest, Language::Nl) => "vitaal belang",
        (LegalBasis::VitalInterest, Language::En) => "vital interest",
        (LegalBasis::PublicInterest, Language::Nl) => "taak van algemeen belang",
        (LegalBasis::PublicInterest, Language::En) => "public task",
        (LegalBasis::LegitimateInterest, Language::Nl) => {
            "gerechtvaardigd belang van de organisatie"
        }
        (LegalBasis::LegitimateInterest, Language::En) => "the organisation's legitimate interest",
    };
    match lang {
        Language::Nl => format!("{nl}: {purpose}, met {cats}. Grond: {basis}."),
        Language::En => format!("{en}: {purpose}, using {cats}. Basis: {basis}."),
    }
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
        lines.push(t(
            lang,
            "Ik wil van geen enkele organisatie berichten die niet nodig zijn voor mijn contract.",
            "I want no messages from any organisation that are not needed for my contract.",
        ));
    }
    let mut any_blocked = false;
    for ch in Channel::ALL {
        let blocked: Vec<String> = MessageKind::BLOCKABLE
            .into_iter()
            .filter(|k| !p.allows(ch, *k))
            .map(|k| kind_words(k, lang).to_owned())
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
    lines.push(t(
        lang,
        "Berichten die nodig zijn voor mijn contract mogen altijd.",
        "Messages needed for my contract are always allowed.",
    ));
    if let Some(ch) = p.service_channel {
        let label = ch.label().get(lang);
        lines.push(match lang {
            Language::Nl => format!("Stuur die het liefst via: {label}."),
            Language::En => format!("Preferably send those by: {label}."),
        });
    }
    if let Some(q) = &p.quiet_hours {
        let (a, b) = (q.start.format("%H:%M"), q.end.format("%H:%M"));
        lines.push(match lang {
            Language::Nl => format!("Geen berichten tussen {a} en {b} ({}).", q.time_zone),
            Language::En => format!("No messages between {a} and {b} ({}).", q.time_zone),
        });
    }
    if let Some(n) = p.max_per_week {
        lines.push(match lang {
            Language::Nl => format!("Niet meer dan {n} berichten per week."),
            Language::En => format!("No more than {n} messages a week."),
        });
    }
    match p.feedback_cap {
        regie_model::FeedbackCap::Never => lines.push(t(
            lang,
            "Vraag nooit om mijn mening.",
            "Never ask for my feedback.",
        )),
        regie_model::FeedbackCap::OncePerMonths { months } => lines.push(match lang {
            Language::Nl => format!("Vraag hoogstens eens per {months} maanden om mijn mening."),
            Language::En => format!("Ask for my feedback at most once every {months} months."),
        }),
        _ => {}
    }
    for d in &s.decisions {
        lines.push(decision_line(d, lang));
    }
    if !s.sensitive_categories.is_empty() {
        let cats = categories(&s.sensitive_categories, lang);
        lines.push(match lang {
            Language::Nl => format!(
                "Gevoelig, niet gebruiken voor persoonlijke aanbiedingen of advies: {cats}."
            ),
            Language::En => {
                format!("Sensitive, do not use for personal offers or advice: {cats}.")
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
    let headline = match lang {
        Language::Nl => format!(
            "Ik gebruik vanaf nu een nieuwe sleutel voor mijn bestanden aan {org} (nummer {sequence})."
        ),
        Language::En => format!(
            "From now on I use a new key for my files to {org} (number {sequence})."
        ),
    };
    let lines = vec![match lang {
        Language::Nl => format!(
            "De nieuwe sleutel is {new_key}. Ik heb dit bericht ondertekend met mijn oude sleutel en met de nieuwe sleutel."
        ),
        Language::En => {
            format!("The new key is {new_key}. I signed this message with my old key and with the new key.")
        }
    }];
    Summary {
        language: lang,
        headline,
        lines,
    }
}
