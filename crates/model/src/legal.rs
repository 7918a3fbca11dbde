//! Legal bases and the decisions they allow.
//!
//! The legal basis decides what the person can do about a processing
//! activity: consent can be withdrawn (GDPR Art. 7(3)), legitimate interest
//! can be objected to (Art. 21), and the other four bases leave no choice.
//! Encoding that here means no screen, command or file can offer a switch the
//! law does not give, and a locked row always says why.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::contact::names_match;
use crate::text::Text;

/// GDPR Art. 6(1) legal bases, as in the DPV GDPR extension
/// (`https://w3id.org/dpv/legal/eu/gdpr#A6-1-a` to `A6-1-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LegalBasis {
    /// Art. 6(1)(a): consent.
    #[serde(rename = "eu-gdpr:A6-1-a")]
    Consent,
    /// Art. 6(1)(b): needed for a contract.
    #[serde(rename = "eu-gdpr:A6-1-b")]
    Contract,
    /// Art. 6(1)(c): a legal obligation.
    #[serde(rename = "eu-gdpr:A6-1-c")]
    LegalObligation,
    /// Art. 6(1)(d): vital interests.
    #[serde(rename = "eu-gdpr:A6-1-d")]
    VitalInterest,
    /// Art. 6(1)(e): a task in the public interest.
    #[serde(rename = "eu-gdpr:A6-1-e")]
    PublicInterest,
    /// Art. 6(1)(f): legitimate interest.
    #[serde(rename = "eu-gdpr:A6-1-f")]
    LegitimateInterest,
}

/// The namespace of the DPV GDPR extension.
pub const EU_GDPR_NS: &str = "https://w3id.org/dpv/legal/eu/gdpr#";

impl LegalBasis {
    /// All bases.
    pub const ALL: [LegalBasis; 6] = [
        LegalBasis::Consent,
        LegalBasis::Contract,
        LegalBasis::LegalObligation,
        LegalBasis::VitalInterest,
        LegalBasis::PublicInterest,
        LegalBasis::LegitimateInterest,
    ];

    /// The compact IRI, e.g. `eu-gdpr:A6-1-a`.
    pub fn compact(self) -> &'static str {
        match self {
            LegalBasis::Consent => "eu-gdpr:A6-1-a",
            LegalBasis::Contract => "eu-gdpr:A6-1-b",
            LegalBasis::LegalObligation => "eu-gdpr:A6-1-c",
            LegalBasis::VitalInterest => "eu-gdpr:A6-1-d",
            LegalBasis::PublicInterest => "eu-gdpr:A6-1-e",
            LegalBasis::LegitimateInterest => "eu-gdpr:A6-1-f",
        }
    }

    /// The full IRI.
    pub fn iri(self) -> String {
        format!("{EU_GDPR_NS}{}", &self.compact()["eu-gdpr:".len()..])
    }

    /// Parses a compact or full IRI, or a short name (`consent`,
    /// `legitimate-interest`, ...).
    pub fn parse(s: &str) -> Option<LegalBasis> {
        let short = s.strip_prefix(EU_GDPR_NS).map(|r| format!("eu-gdpr:{r}"));
        let s = short.as_deref().unwrap_or(s);
        LegalBasis::ALL
            .into_iter()
            .find(|b| b.compact() == s || b.short_name() == s)
    }

    /// A short name for the command line.
    pub const fn short_name(self) -> &'static str {
        match self {
            LegalBasis::Consent => "consent",
            LegalBasis::Contract => "contract",
            LegalBasis::LegalObligation => "legal-obligation",
            LegalBasis::VitalInterest => "vital-interest",
            LegalBasis::PublicInterest => "public-interest",
            LegalBasis::LegitimateInterest => "legitimate-interest",
        }
    }

    /// Reads what a person typed: a compact or full IRI, a short name, or
    /// the label in either language, ignoring case.
    pub fn parse_named(s: &str) -> Option<LegalBasis> {
        LegalBasis::parse(s.trim()).or_else(|| {
            LegalBasis::ALL
                .into_iter()
                .find(|b| names_match(s, b.short_name(), &[b.label()]))
        })
    }

    /// What it is called, in plain words (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            LegalBasis::Consent => ("Toestemming", "Permission"),
            LegalBasis::Contract => ("Nodig voor het contract", "Needed for the contract"),
            LegalBasis::LegalObligation => ("Verplicht door de wet", "Required by law"),
            LegalBasis::VitalInterest => (
                "Nodig om iemands leven te beschermen",
                "Needed to protect someone's life",
            ),
            LegalBasis::PublicInterest => ("Taak van de overheid", "Public task"),
            LegalBasis::LegitimateInterest => (
                "Eigen belang van de organisatie",
                "The organisation's own interest",
            ),
        };
        Text { nl, en }
    }

    /// One sentence on what the person can do about it.
    pub fn explanation(self) -> Text {
        match self {
            LegalBasis::Consent => Text {
                nl: "De organisatie mag dit alleen doen als u ja zegt. U kunt uw toestemming altijd weer intrekken.",
                en: "The organisation may only do this if you say yes. You can always take your permission back.",
            },
            LegalBasis::Contract => Text {
                nl: "Zonder dit kan de organisatie uw contract niet uitvoeren. Wilt u dit niet, dan moet u het contract opzeggen.",
                en: "Without this the organisation cannot carry out your contract. If you do not want it, you have to end the contract.",
            },
            LegalBasis::LegalObligation => Text {
                nl: "Een wet verplicht de organisatie hiertoe. U kunt dit niet uitzetten.",
                en: "A law requires the organisation to do this. You cannot switch it off.",
            },
            LegalBasis::VitalInterest => Text {
                nl: "Dit mag alleen in een noodgeval, om iemands leven of gezondheid te beschermen.",
                en: "This is only allowed in an emergency, to protect someone's life or health.",
            },
            LegalBasis::PublicInterest => Text {
                nl: "Een overheidstaak die in de wet staat. U kunt wel bezwaar maken bij de organisatie zelf.",
                en: "A public task set out in law. You can still object to the organisation itself.",
            },
            LegalBasis::LegitimateInterest => Text {
                nl: "De organisatie vindt dit in haar eigen belang. U mag bezwaar maken, en dan moet zij stoppen of goed uitleggen waarom niet.",
                en: "The organisation considers this in its own interest. You may object, and then it must stop or explain well why not.",
            },
        }
    }

    /// The decision a new holding starts with on this basis.
    ///
    /// Consent starts as given because the organisation declares it holds the
    /// data with consent; the person then confirms or withdraws it.
    pub fn initial_decision(self) -> DecisionState {
        match self {
            LegalBasis::Consent => DecisionState::ConsentGiven,
            LegalBasis::LegitimateInterest => DecisionState::NotObjected,
            _ => DecisionState::Locked,
        }
    }
}

impl fmt::Display for LegalBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.compact())
    }
}

impl FromStr for LegalBasis {
    type Err = DecisionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LegalBasis::parse(s).ok_or_else(|| DecisionError::UnknownLegalBasis(s.to_owned()))
    }
}

/// What the person decided about one holding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionState {
    /// Consent given (or not yet withdrawn).
    ConsentGiven,
    /// Consent withdrawn (Art. 7(3)).
    ConsentWithdrawn,
    /// Legitimate interest, no objection.
    NotObjected,
    /// Objection made (Art. 21).
    Objected,
    /// No choice: contract, legal obligation, vital or public interest.
    Locked,
}

impl DecisionState {
    /// Every state.
    pub const ALL: [DecisionState; 5] = [
        DecisionState::ConsentGiven,
        DecisionState::ConsentWithdrawn,
        DecisionState::NotObjected,
        DecisionState::Objected,
        DecisionState::Locked,
    ];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            DecisionState::ConsentGiven => "consent-given",
            DecisionState::ConsentWithdrawn => "consent-withdrawn",
            DecisionState::NotObjected => "not-objected",
            DecisionState::Objected => "objected",
            DecisionState::Locked => "locked",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<DecisionState> {
        DecisionState::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Whether the organisation may go on with this processing.
    pub fn permits_processing(self) -> bool {
        !matches!(
            self,
            DecisionState::ConsentWithdrawn | DecisionState::Objected
        )
    }

    /// What it is called, in plain words (docs/GLOSSARY.md).
    pub const fn label(self) -> Text {
        let (nl, en) = match self {
            DecisionState::ConsentGiven => ("Toestemming gegeven", "Permission given"),
            DecisionState::ConsentWithdrawn => ("Toestemming ingetrokken", "Permission withdrawn"),
            DecisionState::NotObjected => ("Geen bezwaar gemaakt", "No objection made"),
            DecisionState::Objected => ("Bezwaar gemaakt", "Objection made"),
            DecisionState::Locked => ("Vast", "Fixed"),
        };
        Text { nl, en }
    }
}

/// Something the person does to a holding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionAction {
    /// Give (or give again) consent.
    GiveConsent,
    /// Withdraw consent.
    WithdrawConsent,
    /// Object to processing based on legitimate interest.
    Object,
    /// Take an objection back.
    WithdrawObjection,
}

/// A decision the legal basis does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionError {
    /// The basis leaves no choice.
    #[error("this cannot be switched off: the legal basis is '{basis}'")]
    Locked {
        /// The basis.
        basis: LegalBasis,
    },
    /// Consent actions on a legitimate-interest holding, or the other way round.
    #[error("'{action:?}' does not fit the legal basis '{basis}': {hint}")]
    WrongAction {
        /// The basis.
        basis: LegalBasis,
        /// What was asked.
        action: DecisionAction,
        /// What to do instead.
        hint: &'static str,
    },
    /// A legal basis that is not one of GDPR Art. 6(1)(a)-(f).
    #[error("unknown legal basis '{0}': use eu-gdpr:A6-1-a to eu-gdpr:A6-1-f")]
    UnknownLegalBasis(String),
}

impl DecisionAction {
    /// The state after this action on a holding with `basis`.
    pub fn apply(self, basis: LegalBasis) -> Result<DecisionState, DecisionError> {
        use DecisionAction::*;
        match (basis, self) {
            (LegalBasis::Consent, GiveConsent) => Ok(DecisionState::ConsentGiven),
            (LegalBasis::Consent, WithdrawConsent) => Ok(DecisionState::ConsentWithdrawn),
            (LegalBasis::Consent, action) => Err(DecisionError::WrongAction {
                basis,
                action,
                hint: "this is based on consent: give or withdraw it instead",
            }),
            (LegalBasis::LegitimateInterest, Object) => Ok(DecisionState::Objected),
            (LegalBasis::LegitimateInterest, WithdrawObjection) => Ok(DecisionState::NotObjected),
            (LegalBasis::LegitimateInterest, action) => Err(DecisionError::WrongAction {
                basis,
                action,
                hint: "this is based on legitimate interest: object instead",
            }),
            (basis, _) => Err(DecisionError::Locked { basis }),
        }
    }
}

/// For monitoring-type purposes: which data is looked at (article 000's
/// three statements that split people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataScope {
    /// General data, e.g. amounts and dates.
    General,
    /// Specific data, e.g. who was paid and for what.
    Specific,
}

/// For monitoring-type purposes: how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Now and then, for a reason.
    Incidental,
    /// All the time.
    Continuous,
}

/// The grain of a monitoring purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grain {
    /// General or specific data.
    pub scope: DataScope,
    /// Incidental or continuous.
    pub frequency: Frequency,
}

impl Grain {
    /// In plain words, e.g. "looks at specific data, all the time".
    pub fn describe(self) -> Text {
        match (self.scope, self.frequency) {
            (DataScope::General, Frequency::Incidental) => Text {
                nl: "kijkt soms naar algemene gegevens",
                en: "looks at general data now and then",
            },
            (DataScope::General, Frequency::Continuous) => Text {
                nl: "kijkt steeds naar algemene gegevens",
                en: "looks at general data all the time",
            },
            (DataScope::Specific, Frequency::Incidental) => Text {
                nl: "kijkt soms naar precieze gegevens",
                en: "looks at specific data now and then",
            },
            (DataScope::Specific, Frequency::Continuous) => Text {
                nl: "kijkt steeds naar precieze gegevens",
                en: "looks at specific data all the time",
            },
        }
    }

    /// Parses "general-incidental", "specific-continuous", ...
    pub fn parse(s: &str) -> Option<Grain> {
        let (a, b) = s.split_once('-')?;
        let scope = match a {
            "general" => DataScope::General,
            "specific" => DataScope::Specific,
            _ => return None,
        };
        let frequency = match b {
            "incidental" => Frequency::Incidental,
            "continuous" => Frequency::Continuous,
            _ => return None,
        };
        Some(Grain { scope, frequency })
    }

    /// The form `parse` reads.
    pub fn as_string(self) -> String {
        let a = match self.scope {
            DataScope::General => "general",
            DataScope::Specific => "specific",
        };
        let b = match self.frequency {
            Frequency::Incidental => "incidental",
            Frequency::Continuous => "continuous",
        };
        format!("{a}-{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_consent_and_legitimate_interest_can_change() {
        for basis in LegalBasis::ALL {
            for action in [
                DecisionAction::GiveConsent,
                DecisionAction::WithdrawConsent,
                DecisionAction::Object,
                DecisionAction::WithdrawObjection,
            ] {
                let r = action.apply(basis);
                let locked = !matches!(basis, LegalBasis::Consent | LegalBasis::LegitimateInterest);
                if locked {
                    assert_eq!(r, Err(DecisionError::Locked { basis }));
                }
            }
        }
        assert_eq!(
            DecisionAction::Object.apply(LegalBasis::LegitimateInterest),
            Ok(DecisionState::Objected)
        );
        assert!(DecisionAction::Object.apply(LegalBasis::Consent).is_err());
    }

    #[test]
    fn bases_are_read_by_iri_short_name_or_label() {
        assert_eq!(
            LegalBasis::parse_named("verplicht door de wet"),
            Some(LegalBasis::LegalObligation)
        );
        assert_eq!(
            LegalBasis::parse_named(" Permission "),
            Some(LegalBasis::Consent)
        );
        assert_eq!(
            LegalBasis::parse_named("legitimate-interest"),
            Some(LegalBasis::LegitimateInterest)
        );
        assert_eq!(LegalBasis::parse_named("because"), None);
        for d in DecisionState::ALL {
            assert_eq!(DecisionState::parse(d.as_str()), Some(d));
        }
    }

    #[test]
    fn iris_round_trip() {
        for b in LegalBasis::ALL {
            assert_eq!(LegalBasis::parse(&b.iri()), Some(b));
            assert_eq!(LegalBasis::parse(b.compact()), Some(b));
            assert_eq!(LegalBasis::parse(b.short_name()), Some(b));
        }
        assert_eq!(
            LegalBasis::Consent.iri(),
            "https://w3id.org/dpv/legal/eu/gdpr#A6-1-a"
        );
    }
}
