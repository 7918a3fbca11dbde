//! Receipts: an organisation's signed answer to a file a person sent.
//!
//! A person who switches something off wants to know that the
//! organisation received it and honours it, and wants to be able to show
//! that later. So the organisation answers every file its inbox takes,
//! accepted or not, with a receipt: a Verifiable Credential of type
//! `RegieReceipt`, signed with `eddsa-jcs-2022` by the organisation's
//! receipt key, the `did:key` its signed declaration names and the
//! person's vault pinned. The receipt names the organisation, the
//! customer's key, the SHA-256 of the exact bytes received, what was done
//! with them and from when they are honoured. Its shape follows a consent
//! receipt of ISO/IEC TS 27560 as the W3C DPV guide maps it; the format is
//! `docs/spec/receipt.md`.
//!
//! Verification ([`verify_receipt`]) is as strict as a preference file's,
//! and in addition checks the receipt against what the person's side
//! expects: signed by the pinned key, from the organisation the file was
//! sent to, about this customer and about this very file. Each of those
//! has its own error kind, because each means something else to the
//! person: a changed key is a reason to stop and ask, a receipt about
//! another file is a reason to send again.

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use regie_model::{Language, OrgId};

use crate::did_key::DidKey;
use crate::error::{SignError, VerifyError, VerifyErrorKind};
use crate::file::{
    check_audience, check_proof_members, check_summary, check_times, decode, e, one_proof, shape,
    sign_credential, signer, SecuredWire, SignedFile, VerifyOptions, RECEIPT_TYPE, REGIE_CONTEXT,
    VC_CONTEXT,
};
use crate::json::{self, Node};
use crate::types::{
    Audience, FileHash, Outcome, ReceiptId, ReceiptSchema, ReceiptSubject, ReceivedFile,
    ReceivedKind, RejectionCode, Summary, Timestamp,
};
use crate::{proof, summary};

/// What an organisation knows when it makes a receipt.
#[derive(Debug, Clone)]
pub struct ReceiptInput {
    /// A new random id ([`ReceiptId::generate`]).
    pub receipt_id: ReceiptId,
    /// The organisation.
    pub controller: Audience,
    /// The customer: the key that signed the file.
    pub data_subject: DidKey,
    /// The file received.
    pub received_file: ReceivedFile,
    /// When it was received.
    pub received: DateTime<Utc>,
    /// What was done with it.
    pub outcome: Outcome,
    /// Why it was rejected (only if it was).
    pub rejection_code: Option<RejectionCode>,
    /// From when it is honoured (not if it was rejected).
    pub honoured_from: Option<DateTime<Utc>>,
    /// Now.
    pub issued: DateTime<Utc>,
    /// The customer's language, for the summary (the file's summary says
    /// it; Dutch when it could not be read).
    pub language: Language,
}

impl ReceiptSubject {
    /// Builds the subject and writes its summary.
    pub fn new(input: ReceiptInput) -> Self {
        let mut s = ReceiptSubject {
            receipt_id: input.receipt_id,
            schema_version: ReceiptSchema::V1,
            controller: input.controller,
            data_subject: input.data_subject,
            received_file: input.received_file,
            received: Timestamp::new(input.received),
            outcome: input.outcome,
            rejection_code: input.rejection_code,
            honoured_from: input.honoured_from.map(Timestamp::new),
            issued: Timestamp::new(input.issued),
            summary: Summary {
                language: input.language,
                headline: String::new(),
                lines: Vec::new(),
            },
        };
        s.summary = summary::describe_receipt(&s, input.language);
        s
    }
}

/// The receipt format.
#[derive(Debug)]
pub struct Receipt;

impl Receipt {
    /// Signs a receipt with the organisation's receipt key. Refuses a
    /// subject that [`verify_receipt`] would refuse for its content.
    pub fn sign(
        subject: &ReceiptSubject,
        key: &SigningKey,
        created: DateTime<Utc>,
    ) -> Result<SignedFile, SignError> {
        check_receipt(subject).map_err(SignError::Invalid)?;
        sign_credential(RECEIPT_TYPE, subject, subject.issued, &[key], created)
    }
}

/// What the person's side expects of a receipt for a file it sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedReceipt {
    /// The organisation's receipt key, as pinned from its declaration.
    pub key: DidKey,
    /// The organisation the file was sent to.
    pub organisation: OrgId,
    /// The key that signed the file (the person's pairwise key for the
    /// organisation).
    pub customer: DidKey,
    /// The SHA-256 of the bytes sent.
    pub file: FileHash,
}

/// A receipt that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedReceipt {
    /// The key that signed it: the expected, pinned key.
    pub issuer: DidKey,
    /// When the organisation signed it.
    pub created: DateTime<Utc>,
    /// What it says.
    pub subject: ReceiptSubject,
}

/// Verifies a receipt at `now` (with [`crate::DEFAULT_CLOCK_SKEW`]):
/// parses it strictly, checks its proof, content and times as
/// [`crate::verify`] checks a file, and then that it is what `expected`
/// says: signed by the pinned key (`wrong-receipt-key`), by the
/// organisation the file went to (`wrong-organisation`), about this
/// customer (`wrong-customer`) and about this file (`wrong-file`).
pub fn verify_receipt(
    bytes: &[u8],
    now: DateTime<Utc>,
    expected: &ExpectedReceipt,
) -> Result<VerifiedReceipt, VerifyError> {
    let tree = json::parse_node(bytes, json::NumberPolicy::SafeIntegers)?;
    let Node::Obj(top) = &tree else {
        return Err(e(
            VerifyErrorKind::Syntax,
            "het ontvangstbewijs is geen JSON-object",
            "the receipt is not a JSON object",
        ));
    };
    let (kind, version, issuer) = shape(&tree, &[RECEIPT_TYPE])?;
    if version != 2 {
        return Err(e(
            VerifyErrorKind::WrongContext,
            format!("een ontvangstbewijs heeft de context [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT}\"]; versie 1 van het formaat had geen ontvangstbewijzen"),
            format!("a receipt has the context [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT}\"]; version 1 of the format had no receipts"),
        ));
    }
    one_proof(kind, top.iter().find(|(k, _)| k == "proof").map(|(_, v)| v))?;
    let (checked, pending) = proof::read_node(top)?;
    // What the rest of the checks find stands only if the signature is
    // good: a receipt whose signature does not match is `bad-signature`,
    // whatever else is wrong with it.
    let outcome = content(&tree, issuer, checked, now, expected);
    if !pending.check() {
        return Err(proof::ProofError::BadSignature.into());
    }
    outcome
}

/// Everything after the proof has been read.
fn content<'t>(
    tree: &'t Node<'t>,
    issuer: Option<&'t str>,
    checked: proof::NodeProof<'t>,
    now: DateTime<Utc>,
    expected: &ExpectedReceipt,
) -> Result<VerifiedReceipt, VerifyError> {
    check_proof_members(&checked)?;
    if issuer.is_none() || issuer != signer(&checked) {
        return Err(e(
            VerifyErrorKind::VerificationMethodNotIssuer,
            format!(
                "het ontvangstbewijs is ondertekend met {}, maar noemt {} als afzender",
                checked.key,
                issuer.unwrap_or("niemand")
            ),
            format!(
                "the receipt was signed with {} but names {} as its issuer",
                checked.key,
                issuer.unwrap_or("no one")
            ),
        ));
    }
    if checked.key != expected.key {
        let (found, want) = (checked.key.fingerprint(), expected.key.fingerprint());
        return Err(e(
            VerifyErrorKind::WrongReceiptKey,
            format!("het ontvangstbewijs is ondertekend met de sleutel {found}, niet met de vastgelegde sleutel {want} van de organisatie"),
            format!("the receipt is signed with the key {found}, not with the organisation's pinned key {want}"),
        ));
    }
    let wire: SecuredWire<ReceiptSubject> = decode(tree)?;
    let subject = wire.credential_subject;
    check_receipt(&subject)?;
    let options = VerifyOptions::default();
    // `received` is at most `issued` (checked above), so it is not in the
    // future either when `issued` is not.
    check_times(
        now,
        &options,
        &checked.created,
        wire.valid_from,
        subject.issued,
    )?;
    if subject.controller.id != expected.organisation {
        let (found, want) = (&subject.controller.id, &expected.organisation);
        return Err(e(
            VerifyErrorKind::WrongOrganisation,
            format!("het ontvangstbewijs is van '{found}', niet van '{want}', waar het bestand heen ging"),
            format!("the receipt is from '{found}', not from '{want}', where the file went"),
        ));
    }
    if subject.data_subject != expected.customer {
        let (found, want) = (&subject.data_subject, &expected.customer);
        return Err(e(
            VerifyErrorKind::WrongCustomer,
            format!("het ontvangstbewijs gaat over {found}, niet over {want}, dat het bestand ondertekende"),
            format!("the receipt is about {found}, not about {want}, which signed the file"),
        ));
    }
    if subject.received_file.sha256 != expected.file {
        let (found, want) = (&subject.received_file.sha256, &expected.file);
        return Err(e(
            VerifyErrorKind::WrongFile,
            format!("het ontvangstbewijs gaat over het bestand met SHA-256 {found}, niet over het gestuurde bestand met SHA-256 {want}"),
            format!("the receipt is about the file with SHA-256 {found}, not about the file sent, with SHA-256 {want}"),
        ));
    }
    Ok(VerifiedReceipt {
        issuer: checked.key,
        created: checked.created,
        subject,
    })
}

/// The rules on a receipt that the types alone do not enforce.
fn check_receipt(s: &ReceiptSubject) -> Result<(), VerifyError> {
    check_audience(&s.controller)?;
    check_summary(&s.summary)?;
    let inconsistent = |nl: &str, en: &str| Err(e(VerifyErrorKind::Inconsistent, nl, en));
    if let Some(n) = s.received_file.sequence {
        if n == 0 || n > json::MAX_SAFE_INTEGER {
            let max = json::MAX_SAFE_INTEGER;
            return Err(e(
                VerifyErrorKind::InvalidField,
                format!("het volgnummer van het bestand moet van 1 tot {max} zijn"),
                format!("the file's sequence number must be from 1 to {max}"),
            ));
        }
    }
    let rejected = s.outcome == Outcome::Rejected;
    if rejected != s.rejection_code.is_some() {
        return inconsistent(
            "een ontvangstbewijs noemt een reden (rejectionCode) als het bestand is geweigerd, en alleen dan",
            "a receipt names a reason (rejectionCode) when the file was rejected, and only then",
        );
    }
    if rejected == s.honoured_from.is_some() {
        return inconsistent(
            "een ontvangstbewijs zegt vanaf wanneer (honouredFrom) als het bestand is aangenomen, en alleen dan",
            "a receipt says from when (honouredFrom) when the file was taken, and only then",
        );
    }
    if s.received_file.kind == Some(ReceivedKind::LinkRequest) && s.received_file.sequence.is_some()
    {
        return inconsistent(
            "een koppelverzoek heeft geen volgnummer, dus het ontvangstbewijs ook niet",
            "a link request has no sequence number, so its receipt has none either",
        );
    }
    if !rejected {
        match (s.received_file.kind, s.received_file.sequence) {
            (None, _) => {
                return inconsistent(
                    "een aangenomen bestand heeft een soort (receivedFile.type)",
                    "a file that was taken has a kind (receivedFile.type)",
                )
            }
            (Some(ReceivedKind::Preferences | ReceivedKind::KeyRotation), None) => {
                return inconsistent(
                    "een aangenomen voorkeurenbestand of sleutelwissel heeft een volgnummer",
                    "a preference file or key rotation that was taken has a sequence number",
                )
            }
            _ => {}
        }
    }
    if s.received > s.issued {
        return inconsistent(
            "het ontvangstbewijs is gemaakt voordat het bestand is ontvangen",
            "the receipt was made before the file was received",
        );
    }
    if s.outcome == Outcome::Accepted && s.honoured_from.is_some_and(|t| t < s.received) {
        return inconsistent(
            "een bestand dat net is aangenomen, kan niet al van vóór de ontvangst gelden",
            "a file just accepted cannot be honoured from before it was received",
        );
    }
    Ok(())
}
