//! Saving and reading preference files. The vault makes, signs (with the
//! pairwise key, in Rust), writes and then records each file (a file that
//! cannot be written is not recorded); regie-prefs verifies one read back,
//! so the person sees what the organisation will see.

use std::path::Path;

use chrono::Utc;
use regie_model::Language;
use regie_prefs::{verify, Content, VerifyOptions};
use regie_vault::Vault;

use crate::error::{AppCode, CmdResult, IpcError};
use crate::wire::{Cell, Exported, PairwiseId, ReadableFile};

/// The pairwise identifier the organisation sees.
pub fn pairwise_id(vault: &Vault, org: &str, lang: Language) -> CmdResult<PairwiseId> {
    let id = IpcError::org_id(org, lang)?;
    let did = vault.did(&id).map_err(|e| IpcError::vault(&e, lang))?;
    Ok(PairwiseId {
        organisation_id: id.as_str().to_owned(),
        did,
    })
}

/// Makes the organisation's signed file, saves it in `folder`, and reads it
/// back through the verifier.
pub fn export(vault: &mut Vault, org: &str, folder: &Path, lang: Language) -> CmdResult<Exported> {
    let id = IpcError::org_id(org, lang)?;
    // Named and written as the command line does it: atomically,
    // owner-only, and recorded in the history only once it is in place.
    let dest = folder.join(regie_vault::Export::file_name_for(
        &id,
        regie_vault::ExportKind::Preferences,
    ));
    vault
        .export_to(&id, lang, &dest)
        .map_err(|e| IpcError::vault(&e, lang))?;
    Ok(Exported {
        file: read(&dest, lang)?,
    })
}

/// Reads a preference file and verifies it; shows what it says.
pub fn read(path: &Path, lang: Language) -> CmdResult<ReadableFile> {
    let bytes = crate::chosen_file::read(path, regie_prefs::json::MAX_INPUT_BYTES as u64, lang)?;
    let verified = verify(&bytes, Utc::now(), &VerifyOptions::default())
        .map_err(|e| IpcError::app_with(AppCode::FileRejected, lang, e.message_in(lang)))?;
    let Content::Preferences(p) = &verified.content else {
        return Err(IpcError::app_with(
            AppCode::FileRejected,
            lang,
            regie_model::Text {
                nl: "dit is een aankondiging van een nieuw kenmerk, geen voorkeurenbestand",
                en: "this is an announcement of a new identifier, not a preference file",
            }
            .get(lang),
        ));
    };
    let blocked = p
        .contact_preferences
        .blocked()
        .into_iter()
        .map(|(c, k)| Cell {
            channel: c.into(),
            kind: k.into(),
            allowed: false,
        })
        .collect();
    Ok(ReadableFile {
        path: path.display().to_string(),
        organisation_id: p.audience.id.as_str().to_owned(),
        organisation_name: p.audience.name.clone(),
        sequence: u32::try_from(p.sequence).unwrap_or(u32::MAX),
        issuer: verified.issuer.did(),
        created: verified.created.to_rfc3339(),
        headline: p.summary.headline.clone(),
        lines: p.summary.lines.clone(),
        blocked,
        json: String::from_utf8_lossy(&bytes).into_owned(),
    })
}
