//! Why a file did not come back confirmed, and why an organisation
//! refused one, in words a person can act on.
//!
//! [`SendProblem`] is the sender's reason, typed with its facts: it is
//! stored as JSON with the organisation's delivery state (no sentence is
//! read back to find them) and said in Dutch or English when shown. An
//! organisation's reason to refuse a file comes as a code in its receipt
//! ([`rejection_text`]): the codes Regie knows are explained, any other is
//! shown as it is, because an organisation's reasons grow with its rules
//! (receipt spec, section 3.2).

use regie_model::Language;
use regie_prefs::VerifyErrorKind;
use serde::{Deserialize, Serialize};

/// Why a file sent did not come back with a receipt, typed with its
/// facts (stored as JSON in the organisation's delivery state).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SendProblem {
    /// The inbox's host could not be reached: no network, a name not
    /// found, a connection refused.
    Unreachable {
        /// The system's own words (English), for the record.
        detail: String,
    },
    /// The secure connection failed: the certificate is not trusted, not
    /// for this host, expired, ...
    Tls {
        /// The TLS library's words (English), for the record.
        detail: String,
    },
    /// No complete answer within the time allowed.
    Timeout,
    /// The connection was closed before a complete answer came.
    Dropped,
    /// The inbox answered with a redirect, which Regie does not follow.
    Redirected {
        /// Where it pointed, as far as it said.
        location: Option<String>,
        /// Whether that is another host than the inbox's.
        other_host: bool,
    },
    /// Too many files in too short a time (429).
    RateLimited {
        /// After how many seconds the organisation asked to try again.
        retry_after: Option<u64>,
    },
    /// The organisation has no inbox at that address (404).
    NoInbox,
    /// The organisation found the file too large (413).
    FileTooLarge,
    /// The organisation's server had a problem (5xx).
    ServerError {
        /// The HTTP status.
        status: u16,
    },
    /// An answer Regie does not expect from an inbox.
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
    },
    /// An answer larger than a receipt can be.
    AnswerTooLarge,
    /// The answer is not a receipt that verifies, or not one for the file
    /// sent: the file is not confirmed.
    NotConfirmed {
        /// regie-prefs' code (`bad-signature`, `wrong-receipt-key`,
        /// `wrong-file`, `syntax`, ...).
        code: String,
        /// What exactly was wrong, in Dutch.
        nl: String,
        /// In English.
        en: String,
    },
}

impl SendProblem {
    /// A stable code, for programs.
    pub fn code(&self) -> &str {
        match self {
            SendProblem::Unreachable { .. } => "unreachable",
            SendProblem::Tls { .. } => "tls",
            SendProblem::Timeout => "timeout",
            SendProblem::Dropped => "dropped",
            SendProblem::Redirected { .. } => "redirected",
            SendProblem::RateLimited { .. } => "rate-limited",
            SendProblem::NoInbox => "no-inbox",
            SendProblem::FileTooLarge => "file-too-large",
            SendProblem::ServerError { .. } => "server-error",
            SendProblem::UnexpectedStatus { .. } => "unexpected-status",
            SendProblem::AnswerTooLarge => "answer-too-large",
            SendProblem::NotConfirmed { code, .. } => code,
        }
    }

    /// Whether Regie stops sending to this organisation until the person
    /// acts: a receipt signed by another key than the pinned one means the
    /// organisation's key changed, or someone poses as it. Regie never
    /// re-pins because of a receipt; the person asks the organisation
    /// (declaration spec, section 8). Everything else is tried again
    /// later, by itself.
    pub fn holds(&self) -> bool {
        matches!(self, SendProblem::NotConfirmed { code, .. } if code == "wrong-receipt-key")
    }

    /// What happened, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        let nl = lang == Language::Nl;
        let pick = |n: String, e: String| if nl { n } else { e };
        match self {
            SendProblem::Unreachable { detail } => pick(
                "de organisatie was niet te bereiken (geen internet, of haar server is uit)".into(),
                format!("the organisation could not be reached (no internet, or its server is down: {detail})"),
            ),
            SendProblem::Tls { detail } => pick(
                "de beveiligde verbinding met de organisatie lukte niet: haar certificaat is niet te vertrouwen".into(),
                format!("the secure connection to the organisation failed: its certificate cannot be trusted ({detail})"),
            ),
            SendProblem::Timeout => pick(
                "de organisatie antwoordde niet op tijd".into(),
                "the organisation did not answer in time".into(),
            ),
            SendProblem::Dropped => pick(
                "de verbinding werd verbroken voordat de organisatie antwoordde".into(),
                "the connection was closed before the organisation answered".into(),
            ),
            SendProblem::Redirected { location, other_host } => {
                let to = location.clone().unwrap_or_else(|| "?".into());
                if *other_host {
                    pick(
                        format!("de organisatie stuurde door naar een andere server ({to}); Regie stuurt uw bestanden alleen naar het adres dat de organisatie ondertekende"),
                        format!("the organisation redirected to another server ({to}); Regie sends your files only to the address the organisation signed"),
                    )
                } else {
                    pick(
                        format!("de organisatie stuurde door naar een ander adres ({to}); Regie stuurt uw bestanden alleen naar het adres dat de organisatie ondertekende"),
                        format!("the organisation redirected to another address ({to}); Regie sends your files only to the address the organisation signed"),
                    )
                }
            }
            SendProblem::RateLimited { retry_after } => match retry_after {
                Some(s) => pick(
                    format!("de organisatie krijgt nu te veel tegelijk en vroeg het over {s} seconden opnieuw te proberen"),
                    format!("the organisation is receiving too much at once and asked to try again in {s} seconds"),
                ),
                None => pick(
                    "de organisatie krijgt nu te veel tegelijk".into(),
                    "the organisation is receiving too much at once".into(),
                ),
            },
            SendProblem::NoInbox => pick(
                "de organisatie neemt op dit adres (nog) geen bestanden aan".into(),
                "the organisation does not take files at this address (yet)".into(),
            ),
            SendProblem::FileTooLarge => pick(
                "de organisatie vond het bestand te groot".into(),
                "the organisation found the file too large".into(),
            ),
            SendProblem::ServerError { status } => pick(
                format!("de server van de organisatie had een storing (HTTP {status})"),
                format!("the organisation's server had a fault (HTTP {status})"),
            ),
            SendProblem::UnexpectedStatus { status } => pick(
                format!("de organisatie gaf een antwoord dat Regie niet verwacht (HTTP {status})"),
                format!("the organisation gave an answer Regie does not expect (HTTP {status})"),
            ),
            SendProblem::AnswerTooLarge => pick(
                "het antwoord van de organisatie was veel groter dan een ontvangstbewijs kan zijn".into(),
                "the organisation's answer was far larger than a receipt can be".into(),
            ),
            SendProblem::NotConfirmed { code, nl: n, en: e } => {
                if code == "wrong-receipt-key" {
                    pick(
                        format!("niet bevestigd: {n}. De sleutel van de organisatie lijkt veranderd; Regie stuurt haar niets meer tot u dat met haar heeft nagegaan"),
                        format!("not confirmed: {e}. The organisation's key seems to have changed; Regie sends it nothing more until you have checked this with it"),
                    )
                } else {
                    pick(
                        format!("niet bevestigd: het antwoord is geen geldig ontvangstbewijs voor dit bestand ({code}: {n})"),
                        format!("not confirmed: the answer is not a valid receipt for this file ({code}: {e})"),
                    )
                }
            }
        }
    }
}

/// An organisation's reason to refuse a file, from its receipt's
/// `rejectionCode`, in `lang`.
pub fn rejection_text(code: &str, lang: Language) -> String {
    let (nl, en) = match code {
        "link-code-unknown" => (
            "de organisatie kent deze koppelcode niet. Kijk de code na, of vraag de organisatie om een nieuwe",
            "the organisation does not know this link code. Check the code, or ask the organisation for a new one",
        ),
        "link-code-used" => (
            "deze koppelcode is al gebruikt: een koppelcode werkt maar één keer. Vraag de organisatie om een nieuwe",
            "this link code was used already: a link code works once. Ask the organisation for a new one",
        ),
        "link-code-expired" => (
            "deze koppelcode is verlopen. Vraag de organisatie om een nieuwe",
            "this link code has expired. Ask the organisation for a new one",
        ),
        "link-customer-linked" => (
            "uw klantgegevens zijn al gekoppeld aan een ander kenmerk. Vraag de organisatie om een koppelcode die dat vervangt",
            "your customer record is linked to another identifier already. Ask the organisation for a link code that replaces it",
        ),
        "link-key-in-use" => (
            "uw kenmerk voor deze organisatie hoort daar al bij een andere klant. Neem contact op met de organisatie",
            "your identifier for this organisation belongs to another customer there already. Contact the organisation",
        ),
        "unknown-key" => (
            "de organisatie kent uw kenmerk niet: koppel eerst met een koppelcode",
            "the organisation does not know your identifier: link first with a link code",
        ),
        "replayed-or-older" => (
            "de organisatie had al een nieuwer bestand van u",
            "the organisation already had a newer file from you",
        ),
        "key-in-use" => (
            "het nieuwe kenmerk hoort bij de organisatie al bij iemand anders",
            "the new identifier belongs to someone else at the organisation already",
        ),
        "rotated-out" => (
            "dit bestand is ondertekend met een kenmerk dat u al vervangen heeft",
            "this file is signed with an identifier you have replaced",
        ),
        other => {
            return match VerifyErrorKind::from_code(other) {
                Some(kind) => match lang {
                    Language::Nl => format!(
                        "de organisatie vond het bestand niet in orde ({other}). {}",
                        kind.advice_in(lang)
                    ),
                    Language::En => format!(
                        "the organisation found the file invalid ({other}). {}",
                        kind.advice_in(lang)
                    ),
                },
                None => match lang {
                    Language::Nl => format!("de organisatie gaf als reden '{other}'"),
                    Language::En => format!("the organisation gave the reason '{other}'"),
                },
            }
        }
    };
    match lang {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_receipt_signed_by_another_key_holds_the_sending() {
        let p = |code: &str| SendProblem::NotConfirmed {
            code: code.into(),
            nl: String::new(),
            en: String::new(),
        };
        assert!(p("wrong-receipt-key").holds());
        assert!(!p("wrong-file").holds());
        assert!(!SendProblem::Timeout.holds());
        let stored = serde_json::to_string(&SendProblem::RateLimited {
            retry_after: Some(30),
        })
        .unwrap();
        assert_eq!(stored, r#"{"kind":"rate-limited","retry_after":30}"#);
    }

    #[test]
    fn a_reason_regie_does_not_know_is_shown_as_given() {
        assert_eq!(
            rejection_text("new-rule-2027", Language::En),
            "the organisation gave the reason 'new-rule-2027'"
        );
        assert!(rejection_text("link-code-used", Language::Nl).contains("één keer"));
        assert!(rejection_text("bad-signature", Language::En).contains("(bad-signature)"));
    }
}
