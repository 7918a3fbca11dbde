//! Why a received file was not accepted: a typed reason with its facts.
//!
//! A program switches on [`Rejection::code`], the same strings in JSON,
//! in the HTTP API's `error.code` and in the history; a person reads
//! [`Rejection::text`] in their language. The facts a reason rests on are
//! kept as they are, typed (the two sequence numbers of a replayed file,
//! regie-prefs' detail in both languages, the kind of an operating-system
//! error), and stored as columns of the history ([`Columns`]), so no
//! sentence is ever read back to find them.

use regie_cli_text::os::OsProblem;
use regie_model::Language;
use regie_prefs::error::Detail;
use regie_prefs::VerifyErrorKind;
use serde::ser::SerializeMap;

use crate::i18n;

/// Why a file was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Verification refused it (regie-prefs' kinds: `bad-signature`,
    /// `wrong-audience`, ...), with what exactly was wrong.
    Verify {
        /// The kind.
        kind: VerifyErrorKind,
        /// What exactly was wrong, in both languages. A rejection stored
        /// by a version that kept only English has an empty Dutch text.
        detail: Detail,
    },
    /// Signed by a key that belongs to no customer (`unknown-key`).
    UnknownKey,
    /// Signed by an unknown key under trust on first use, but the
    /// reference that key would get belongs to another key already
    /// (`unknown-key` too).
    TofuRefTaken {
        /// The reference that is taken.
        reference: String,
    },
    /// Not newer than the customer's last accepted file
    /// (`replayed-or-older`).
    ReplayedOrOlder {
        /// The sequence of the last accepted file.
        stored: u64,
        /// The sequence of this file.
        received: u64,
    },
    /// A key rotation to a key that belongs to someone (`key-in-use`).
    KeyInUse,
    /// Signed by a key a rotation replaced (`rotated-out`).
    RotatedOut,
    /// A link, a pipe or a device, not read (`not-a-file`).
    NotAFile,
    /// The system refused to read it (`unreadable`).
    Unreadable {
        /// What kind of refusal.
        problem: OsProblem,
        /// The system's own words, in English.
        os_text: String,
    },
    /// The database refused a value of it (`unstorable`).
    Unstorable {
        /// The database's own words, in English.
        db_text: String,
    },
    /// A link request that linked nothing (`link-code-unknown`,
    /// `link-code-used`, `link-code-expired`, `link-customer-linked`,
    /// `link-key-in-use`).
    Link(LinkProblem),
    /// A code this version does not know, stored by a newer one, with its
    /// English text as stored.
    Unrecognised {
        /// The code.
        code: String,
        /// The English text.
        text: String,
    },
}

/// Why a link request linked nothing (preference-file spec, section
/// 10.4). Each is a failed attempt that counts against the limits of
/// section 10.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// No code like it was ever made: mistyped twice, or guessed.
    UnknownCode,
    /// The code linked another key already: it works once.
    UsedCode,
    /// The code expired, or a newer code for the customer replaced it.
    ExpiredCode,
    /// The customer is linked to another key, and the code was not made
    /// to replace it.
    CustomerLinked,
    /// The key that signed the request belongs to another customer.
    KeyInUse,
}

impl LinkProblem {
    /// Every problem.
    pub const ALL: [LinkProblem; 5] = [
        LinkProblem::UnknownCode,
        LinkProblem::UsedCode,
        LinkProblem::ExpiredCode,
        LinkProblem::CustomerLinked,
        LinkProblem::KeyInUse,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            LinkProblem::UnknownCode => "link-code-unknown",
            LinkProblem::UsedCode => "link-code-used",
            LinkProblem::ExpiredCode => "link-code-expired",
            LinkProblem::CustomerLinked => "link-customer-linked",
            LinkProblem::KeyInUse => "link-key-in-use",
        }
    }

    fn text(self) -> regie_model::Text {
        match self {
            LinkProblem::UnknownCode => i18n::E_LINK_UNKNOWN,
            LinkProblem::UsedCode => i18n::E_LINK_USED,
            LinkProblem::ExpiredCode => i18n::E_LINK_EXPIRED,
            LinkProblem::CustomerLinked => i18n::E_LINK_CUSTOMER_LINKED,
            LinkProblem::KeyInUse => i18n::E_LINK_KEY_IN_USE,
        }
    }

    fn from_code(code: &str) -> Option<LinkProblem> {
        LinkProblem::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// The start of what an `unstorable` rejection says in English.
const UNSTORABLE_EN: &str = "the database could not store this file: ";

impl Rejection {
    /// A rejection by verification.
    pub fn verify(e: regie_prefs::VerifyError) -> Self {
        Rejection::Verify {
            kind: e.kind,
            detail: e.detail,
        }
    }

    /// A refusal of the system to read a file.
    pub fn unreadable(e: &std::io::Error) -> Self {
        Rejection::Unreadable {
            problem: OsProblem::of(e),
            os_text: crate::text::clean(&e.to_string()).into_owned(),
        }
    }

    /// The stable code, for programs.
    pub fn code(&self) -> &str {
        match self {
            Rejection::Verify { kind, .. } => kind.code(),
            Rejection::UnknownKey | Rejection::TofuRefTaken { .. } => "unknown-key",
            Rejection::ReplayedOrOlder { .. } => "replayed-or-older",
            Rejection::KeyInUse => "key-in-use",
            Rejection::RotatedOut => "rotated-out",
            Rejection::NotAFile => "not-a-file",
            Rejection::Unreadable { .. } => "unreadable",
            Rejection::Unstorable { .. } => "unstorable",
            Rejection::Link(p) => p.code(),
            Rejection::Unrecognised { code, .. } => code,
        }
    }

    /// What was wrong, in English, as `--json` and logs show it.
    pub fn message(&self) -> String {
        let en = Language::En;
        match self {
            Rejection::Verify { detail, .. } => detail.en.clone(),
            Rejection::UnknownKey => i18n::E_UNKNOWN_KEY.en.to_owned(),
            Rejection::TofuRefTaken { .. } => i18n::E_TOFU_TAKEN.en.to_owned(),
            Rejection::ReplayedOrOlder { stored, received } => replayed(en, *stored, *received),
            Rejection::KeyInUse => i18n::E_KEY_IN_USE.en.to_owned(),
            Rejection::RotatedOut => i18n::E_ROTATED_OUT.en.to_owned(),
            Rejection::NotAFile => i18n::E_NOT_A_FILE.en.to_owned(),
            Rejection::Unreadable { os_text, .. } => os_text.clone(),
            Rejection::Unstorable { db_text } => format!("{UNSTORABLE_EN}{db_text}"),
            Rejection::Link(p) => p.text().en.to_owned(),
            Rejection::Unrecognised { text, .. } => text.clone(),
        }
    }

    /// The sentence a person reads, in `lang`: what was wrong and what to
    /// do. Only English quotes the system's or the database's own words.
    pub fn text(&self, lang: Language) -> String {
        match self {
            Rejection::Verify { kind, detail } => {
                let said = crate::text::clean(detail.get(lang));
                if said.is_empty() {
                    kind.advice_in(lang).to_owned()
                } else {
                    format!("{said}. {}", kind.advice_in(lang))
                }
            }
            Rejection::UnknownKey => i18n::E_UNKNOWN_KEY.get(lang).to_owned(),
            Rejection::TofuRefTaken { .. } => i18n::E_TOFU_TAKEN.get(lang).to_owned(),
            Rejection::ReplayedOrOlder { stored, received } => replayed(lang, *stored, *received),
            Rejection::KeyInUse => i18n::E_KEY_IN_USE.get(lang).to_owned(),
            Rejection::RotatedOut => i18n::E_ROTATED_OUT.get(lang).to_owned(),
            Rejection::NotAFile => i18n::E_NOT_A_FILE.get(lang).to_owned(),
            Rejection::Unreadable { problem, os_text } => {
                let reason = match lang {
                    Language::Nl => problem.text().nl.to_owned(),
                    Language::En => crate::text::clean(os_text).into_owned(),
                };
                i18n::fill(lang, i18n::E_UNREADABLE, &[("reason", &reason)])
            }
            Rejection::Unstorable { .. } => i18n::E_UNSTORABLE.get(lang).to_owned(),
            Rejection::Link(p) => p.text().get(lang).to_owned(),
            Rejection::Unrecognised { code, text } => match lang {
                Language::En => crate::text::clean(text).into_owned(),
                Language::Nl => i18n::fill(lang, i18n::E_UNRECOGNISED, &[("code", code)]),
            },
        }
    }

    /// The facts as stored in the history.
    pub fn columns(&self) -> Columns {
        let mut c = Columns::default();
        match self {
            Rejection::Verify { detail, .. } => {
                c.detail_nl = Some(detail.nl.clone()).filter(|s| !s.is_empty());
                c.detail_en = Some(detail.en.clone());
            }
            Rejection::TofuRefTaken { reference } => c.taken_ref = Some(reference.clone()),
            Rejection::ReplayedOrOlder { stored, .. } => c.stored_sequence = Some(*stored),
            Rejection::Unreadable { problem, os_text } => {
                c.os_error = Some(problem.code().to_owned());
                c.detail_en = Some(os_text.clone());
            }
            Rejection::Unstorable { db_text } => c.detail_en = Some(db_text.clone()),
            Rejection::Unrecognised { text, .. } => c.detail_en = Some(text.clone()),
            Rejection::UnknownKey
            | Rejection::KeyInUse
            | Rejection::RotatedOut
            | Rejection::NotAFile
            | Rejection::Link(_) => {}
        }
        c
    }

    /// The rejection stored as `code` with these facts; `sequence` is the
    /// history row's (the received file's). Never fails: what this version
    /// cannot type is [`Rejection::Unrecognised`].
    pub fn from_columns(code: &str, c: Columns, sequence: Option<u64>) -> Self {
        let unrecognised = |c: Columns| Rejection::Unrecognised {
            code: code.to_owned(),
            text: c.detail_en.unwrap_or_default(),
        };
        if let Some(p) = LinkProblem::from_code(code) {
            return Rejection::Link(p);
        }
        match code {
            "unknown-key" => match c.taken_ref {
                Some(reference) => Rejection::TofuRefTaken { reference },
                None => Rejection::UnknownKey,
            },
            "replayed-or-older" => match (c.stored_sequence, sequence) {
                (Some(stored), Some(received)) => Rejection::ReplayedOrOlder { stored, received },
                _ => unrecognised(c),
            },
            "key-in-use" => Rejection::KeyInUse,
            "rotated-out" => Rejection::RotatedOut,
            "not-a-file" => Rejection::NotAFile,
            "unreadable" => Rejection::Unreadable {
                problem: c
                    .os_error
                    .as_deref()
                    .and_then(OsProblem::from_code)
                    .unwrap_or(OsProblem::Other),
                os_text: c.detail_en.unwrap_or_default(),
            },
            "unstorable" => Rejection::Unstorable {
                db_text: c.detail_en.unwrap_or_default(),
            },
            _ => match VerifyErrorKind::from_code(code) {
                Some(kind) => Rejection::Verify {
                    kind,
                    detail: Detail::new(
                        c.detail_nl.unwrap_or_default(),
                        c.detail_en.unwrap_or_default(),
                    ),
                },
                None => unrecognised(c),
            },
        }
    }

    /// The facts of a rejection stored by schema version 2, which kept
    /// only `code` and an English `message`: read out of that message,
    /// once, when the database is upgraded. `did` is the row's signer.
    pub fn columns_from_v2(code: &str, message: &str, did: Option<&str>) -> Columns {
        let mut c = Columns::default();
        let keep = |mut c: Columns| {
            c.detail_en = Some(message.to_owned());
            c
        };
        match code {
            "unknown-key" if message == i18n::E_TOFU_TAKEN.en => match did {
                Some(did) => c.taken_ref = Some(crate::store::tofu_ref(did)),
                None => return keep(c),
            },
            "unknown-key" | "key-in-use" | "rotated-out" | "not-a-file" => {}
            "replayed-or-older" => match v2_stored_sequence(message) {
                Some(n) => c.stored_sequence = Some(n),
                None => return keep(c),
            },
            "unreadable" => {
                let problem = v2_os_error(message).map_or(OsProblem::Other, |n| {
                    OsProblem::of(&std::io::Error::from_raw_os_error(n))
                });
                c.os_error = Some(problem.code().to_owned());
                return keep(c);
            }
            "unstorable" => {
                c.detail_en = Some(
                    message
                        .strip_prefix(UNSTORABLE_EN)
                        .unwrap_or(message)
                        .to_owned(),
                )
            }
            _ => return keep(c),
        }
        c
    }
}

/// The sequence of the last accepted file, as version 2 wrote it:
/// `... (sequence 3, this file 2). ...`.
fn v2_stored_sequence(message: &str) -> Option<u64> {
    let rest = message.split_once("(sequence ")?.1;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    if !after.starts_with(", this file ") {
        return None;
    }
    digits.parse().ok()
}

/// The error number in the system's text, `... (os error 2)`.
fn v2_os_error(message: &str) -> Option<i32> {
    let rest = message.rsplit_once("(os error ")?.1;
    rest.strip_suffix(')')?.parse().ok()
}

fn replayed(lang: Language, stored: u64, received: u64) -> String {
    i18n::fill(
        lang,
        i18n::E_REPLAYED,
        &[
            ("have", &stored.to_string()),
            ("got", &received.to_string()),
        ],
    )
}

/// The facts of a rejection as the history's columns (besides `code` and
/// the row's own `sequence`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// Verification's detail in Dutch.
    pub detail_nl: Option<String>,
    /// In English: verification's detail, the system's or the database's
    /// words, or a text this version cannot type.
    pub detail_en: Option<String>,
    /// The sequence of the customer's last accepted file, for
    /// `replayed-or-older`.
    pub stored_sequence: Option<u64>,
    /// The kind of a system error ([`OsProblem::code`]), for `unreadable`.
    pub os_error: Option<String>,
    /// The taken reference, for an unknown key under trust on first use.
    pub taken_ref: Option<String>,
}

impl serde::Serialize for Rejection {
    /// `code` and `message` (English), then the facts a program may use.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &self.message())?;
        match self {
            Rejection::TofuRefTaken { reference } => m.serialize_entry("reference", reference)?,
            Rejection::ReplayedOrOlder { stored, received } => {
                m.serialize_entry("stored_sequence", stored)?;
                m.serialize_entry("received_sequence", received)?;
            }
            Rejection::Unreadable { problem, .. } => {
                m.serialize_entry("os_error", problem.code())?
            }
            _ => {}
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every() -> Vec<Rejection> {
        let mut v = vec![
            Rejection::UnknownKey,
            Rejection::TofuRefTaken {
                reference: "tofu-0123456789abcdef".into(),
            },
            Rejection::ReplayedOrOlder {
                stored: 12,
                received: 7,
            },
            Rejection::KeyInUse,
            Rejection::RotatedOut,
            Rejection::NotAFile,
            Rejection::Unreadable {
                problem: OsProblem::PermissionDenied,
                os_text: "Permission denied (os error 13)".into(),
            },
            Rejection::Unstorable {
                db_text: "value too long".into(),
            },
        ];
        v.extend(LinkProblem::ALL.map(Rejection::Link));
        for kind in VerifyErrorKind::ALL {
            v.push(Rejection::Verify {
                kind,
                detail: Detail::new("het klopt niet", "it is wrong"),
            });
        }
        v
    }

    #[test]
    fn every_rejection_survives_its_columns() {
        for r in every() {
            let sequence = match &r {
                Rejection::ReplayedOrOlder { received, .. } => Some(*received),
                _ => Some(3),
            };
            assert_eq!(Rejection::from_columns(r.code(), r.columns(), sequence), r);
        }
    }

    #[test]
    fn what_version_2_stored_reads_as_the_same_rejection() {
        let did = "did:key:z6MkExample";
        for r in every() {
            let sequence = match &r {
                Rejection::ReplayedOrOlder { received, .. } => Some(*received),
                _ => Some(3),
            };
            let r = match r {
                // Version 2 knew the reference only through the did.
                Rejection::TofuRefTaken { .. } => Rejection::TofuRefTaken {
                    reference: crate::store::tofu_ref(did),
                },
                // ... and verification's detail only in English.
                Rejection::Verify { kind, detail } => Rejection::Verify {
                    kind,
                    detail: Detail::new("", detail.en),
                },
                other => other,
            };
            let c = Rejection::columns_from_v2(r.code(), &r.message(), Some(did));
            assert_eq!(Rejection::from_columns(r.code(), c, sequence), r, "{r:?}");
        }
    }

    #[test]
    fn a_replayed_file_names_both_sequences_in_dutch_from_its_columns() {
        let r = Rejection::from_columns(
            "replayed-or-older",
            Columns {
                stored_sequence: Some(12),
                ..Columns::default()
            },
            Some(7),
        );
        let nl = r.text(Language::Nl);
        assert!(nl.contains("volgnummer 12, dit bestand 7"), "{nl}");
    }

    #[test]
    fn an_unreadable_file_names_the_system_s_reason_in_dutch_words() {
        let e = std::io::Error::from_raw_os_error(13);
        let r = Rejection::unreadable(&e);
        let nl = r.text(Language::Nl);
        assert!(nl.contains("geen toestemming"), "{nl}");
        assert!(!nl.contains("ermission"), "{nl}");
        assert!(r.text(Language::En).contains("os error 13"));
    }

    #[test]
    fn unknown_codes_are_kept_with_their_text() {
        let r = Rejection::from_columns(
            "from-the-future",
            Rejection::columns_from_v2("from-the-future", "a newer reason", None),
            None,
        );
        assert_eq!(r.code(), "from-the-future");
        assert_eq!(r.text(Language::En), "a newer reason");
    }
}
