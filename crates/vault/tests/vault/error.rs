//! The vault's errors say what happened, in Dutch and in English, and
//! leave what to do to each front end: no command-line flag or command in
//! any message, so the app never shows one.

use std::path::PathBuf;

use regie_model::{Language, LegalBasis, OrgId};
use regie_vault::{
    BiText, Damage, Error, ErrorCode, Found, KeychainProblem, NewHolding, Organisation,
};

use crate::{add_bank, bank, new_vault};

/// One error of every kind a person can meet, with made-up details.
fn one_of_each() -> Vec<Error> {
    let path = PathBuf::from("/home/anne/.local/share/regie/vault.regie");
    vec![
        Error::VaultNotFound(path.clone()),
        Error::VaultExists(path.clone()),
        Error::VaultInUse,
        Error::WrongKey,
        Error::Corrupt(Damage::Pages { bad: 1, total: 30 }),
        Error::Corrupt(Damage::Structure(
            "Tree 6 page 30: btreeInitPage() returns error code 11".into(),
        )),
        Error::Corrupt(Damage::Content("'x' is not a DPV term".into())),
        Error::NotAVault {
            path: path.clone(),
            found: Found::Folder,
        },
        Error::NotAVault {
            path: path.clone(),
            found: Found::NotAFile,
        },
        Error::NotAVault {
            path: path.clone(),
            found: Found::Empty,
        },
        Error::NotAVault {
            path: path.clone(),
            found: Found::PlainDatabase,
        },
        Error::NotAVault {
            path: path.clone(),
            found: Found::OtherFormat,
        },
        Error::VaultReadOnly,
        Error::DiskFull,
        Error::Storage("disk I/O error".into()),
        Error::KeyFileMissing(path.clone()),
        Error::KeyFileDamaged(path.clone()),
        Error::Keychain(KeychainProblem::Unavailable("no D-Bus session".into())),
        Error::Keychain(KeychainProblem::Locked("locked".into())),
        Error::Keychain(KeychainProblem::KeyMissing),
        Error::PassphraseNeeded,
        Error::WrongPassphrase,
        Error::PassphraseTooShort(12),
        Error::BadRecoveryCode,
        Error::RecoveryCodeMismatch,
        Error::VaultTooNew { found: 9, known: 2 },
        Error::UnknownOrganisation("ING".into()),
        Error::UnknownHolding {
            org: bank(),
            purpose: "dpv:DirectMarketing".into(),
            category: Some("pd:Financial".into()),
        },
        Error::OrganisationExists("kvk:99999901".into()),
        Error::HoldingExists {
            org: bank(),
            category: "pd:Financial".into(),
            purpose: "dpv:DirectMarketing".into(),
            basis: LegalBasis::Consent,
        },
        Error::Locked {
            basis: LegalBasis::LegalObligation,
            reason: BiText::new("De wet (Wwft) eist dit.", "The law (Wwft) requires it."),
        },
        Error::InvalidName(String::new()),
        Error::InvalidEmail("privacy".into()),
        Error::NotADataCategory("dpv:Health".into()),
        Error::NotAPurpose("Marketing".into()),
        Error::InvalidRetention("seven years".into()),
        Error::KeyRotationsExhausted,
        Error::HistoryTampered(7),
        Error::Io {
            path: path.clone(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        },
        Error::Io {
            path: path.clone(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        },
        Error::Io {
            path,
            source: std::io::Error::from_raw_os_error(2),
        },
        Error::Database("disk I/O error".into()),
        Error::Random("no entropy".into()),
    ]
}

#[test]
fn vault_errors_contained_command_line_flags_and_now_name_none() {
    for e in one_of_each() {
        for lang in Language::ALL {
            let m = e.message(lang);
            for cli in ["--", "`regie", "regie restore", "regie init", "REGIE_"] {
                assert!(
                    !m.contains(cli),
                    "{:?} in {lang:?} says {cli:?}: {m}",
                    e.code()
                );
            }
        }
    }
}

#[test]
fn keychain_unavailable_showed_the_passphrase_flag() {
    let e = Error::Keychain(KeychainProblem::Unavailable("no D-Bus session".into()));
    assert_eq!(e.code(), ErrorCode::KeychainUnavailable);
    for lang in Language::ALL {
        let m = e.message(lang);
        assert!(!m.contains("--passphrase"), "{m}");
        assert!(m.contains("no D-Bus session"), "the cause is kept: {m}");
    }
}

#[test]
fn every_message_exists_in_dutch_and_english() {
    for e in one_of_each() {
        let (nl, en) = (e.message(Language::Nl), e.message(Language::En));
        assert!(
            !nl.trim().is_empty() && !en.trim().is_empty(),
            "{:?}",
            e.code()
        );
        assert_ne!(nl, en, "{:?}", e.code());
        assert_eq!(e.to_string(), en);
    }
}

/// Before, these were `Error::Invalid` with an English text that Dutch
/// users saw inside a Dutch sentence ("dit kan niet: 'x' is not ...").
#[test]
fn dutch_users_got_english_from_error_invalid() {
    let (_d, _p, mut v) = new_vault();
    add_bank(&mut v);
    let holding = |category: &str, purpose: &str, retention: Option<&str>| NewHolding {
        category: category.into(),
        purpose: purpose.into(),
        basis: LegalBasis::Consent,
        retention: retention.map(Into::into),
        grain: None,
        locked_reason: None,
        note: None,
    };
    let mut nameless = Organisation::new(OrgId::parse("naamloos").unwrap(), "  ");
    let mut refused = vec![v.add_organisation(&nameless).unwrap_err()];
    nameless.name = "Naamloos".into();
    nameless.privacy_email = Some("privacy at naamloos".into());
    refused.push(v.add_organisation(&nameless).unwrap_err());
    for h in [
        holding("Financial", "dpv:DirectMarketing", None),
        holding("pd:Financial", "dpv:Direct_Marketing", None),
        holding("pd:Financial", "dpv:DirectMarketing", Some("7 jaar")),
        // The bank already has this one.
        holding("pd:Financial", "dpv:DirectMarketing", Some("P5Y")),
    ] {
        refused.push(v.add_holding(&bank(), &h).unwrap_err());
    }
    refused.push(v.mark_sensitive("dpv:DirectMarketing", true).unwrap_err());
    let english = [
        " is not ",
        "already",
        "a name",
        "e-mail address",
        "retention",
    ];
    for e in &refused {
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{e:?}");
        let nl = e.message(Language::Nl);
        for word in english {
            assert!(
                !nl.contains(word),
                "Dutch message with English {word:?}: {nl}"
            );
        }
        assert_ne!(nl, e.message(Language::En));
    }
    assert!(refused[0].message(Language::Nl).contains("geen naam"));
    assert!(refused[1]
        .message(Language::Nl)
        .contains("geen e-mailadres"));
    assert!(refused[5].message(Language::Nl).contains("' al voor '"));
}

/// Before, a Dutch message carried the system's English words ("No such
/// file or directory (os error 2)"): now the cause is said in the
/// language, and each cause has its own code.
#[test]
fn a_file_error_names_its_cause_in_the_language_with_its_own_code() {
    let at = |kind: std::io::ErrorKind| Error::Io {
        path: PathBuf::from("/tmp/x.json"),
        source: std::io::Error::from(kind),
    };
    let missing = Error::Io {
        path: PathBuf::from("/tmp/x.json"),
        source: std::io::Error::from_raw_os_error(2),
    };
    assert_eq!(missing.code(), ErrorCode::Io);
    assert_eq!(
        missing.message(Language::Nl),
        "Regie kan /tmp/x.json niet gebruiken: het bestand of de map bestaat niet"
    );
    assert_eq!(
        missing.message(Language::En),
        "Regie could not use /tmp/x.json: it does not exist"
    );
    let full = at(std::io::ErrorKind::StorageFull);
    assert_eq!(full.code(), ErrorCode::DiskFull);
    assert!(full.message(Language::Nl).ends_with("de schijf is vol"));
    let denied = at(std::io::ErrorKind::PermissionDenied);
    assert_eq!(denied.code(), ErrorCode::NoPermission);
    assert!(denied.message(Language::Nl).contains("geen toestemming"));
    for e in one_of_each() {
        let nl = e.message(Language::Nl);
        for english in ["os error", "No such file", "Permission denied", "disk I/O"] {
            assert!(!nl.contains(english), "{:?}: {nl}", e.code());
        }
    }
}
