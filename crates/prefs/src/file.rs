//! Making and checking preference files and key-rotation announcements.
//!
//! A file is a W3C Verifiable Credential 2.0 whose issuer is the person's
//! pairwise `did:key` for the organisation, signed with an `eddsa-jcs-2022`
//! Data Integrity proof. It is written as its canonical (JCS) members,
//! indented, so the bytes are the same every time for the same content.
//!
//! Verification is strict by default: anything Regie would not have written
//! is refused with its own [`VerifyErrorKind`], because an organisation that
//! accepted a file it half understood could miss a "no".
//!
//! A link request is the third kind of file a person sends: it asks the
//! organisation to link the key that signs it to the customer record a
//! link code was made for. Receipts, which an organisation sends back, are
//! checked by [`crate::receipt`], with the same parts.
//!
//! A key-rotation announcement carries two proofs, a proof set: one by the
//! old key and one by the new key, both over the same announcement. With
//! the old key's proof alone (format version 1), anyone could name any key
//! as their successor, even someone else's, and so take over that key at
//! the organisation; the new key's proof shows the sender holds it.

use chrono::{DateTime, Duration, Utc};
use ed25519_dalek::SigningKey;
use regie_model::{ContactError, ContactPreferences, DecisionState, Language, LegalBasis, OrgId};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::did_key::DidKey;
use crate::error::{SignError, VerifyError, VerifyErrorKind};
use crate::json::Node;
use crate::link_code::LinkCode;
use crate::proof::ProofError;
use crate::types::{
    Audience, CredentialWire, DataCategory, Decision, KeyRotationSubject, LinkRequestSubject,
    PreferenceSubject, Timestamp,
};
use crate::{jcs, json, proof, summary};

/// The W3C Verifiable Credentials 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// Regie's context, version 2 of the file format, which every file is
/// written with. It names the format; a verifier compares it as a string
/// and need not fetch it (files are processed as JSON with JCS, not as
/// JSON-LD).
pub const REGIE_CONTEXT: &str = "https://w3id.org/regie/v2";
/// Regie's context of version 1 of the file format. Preference files with
/// it are still accepted (they mean the same); key-rotation announcements
/// with it are not, because they do not prove the new key.
pub const REGIE_CONTEXT_V1: &str = "https://w3id.org/regie/v1";
/// The credential type of a preference file.
pub const PREFERENCE_TYPE: &str = "RegiePreferenceCredential";
/// The credential type of a key-rotation announcement.
pub const KEY_ROTATION_TYPE: &str = "RegieKeyRotation";
/// The credential type of a link request.
pub const LINK_REQUEST_TYPE: &str = "RegieLinkRequest";
/// The credential type of a receipt (an organisation's, see
/// [`crate::receipt`]).
pub const RECEIPT_TYPE: &str = "RegieReceipt";
/// How far in the future a file's times may be, for computers whose clocks
/// differ: 5 minutes.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::minutes(5);

/// A signed file, ready to be written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFile {
    /// The file's bytes: UTF-8 JSON, members in canonical order, indented by
    /// two spaces, ending with a newline.
    pub bytes: Vec<u8>,
}

/// What a caller knows when making a preference file.
#[derive(Debug, Clone)]
pub struct SubjectInput {
    /// The organisation.
    pub audience: Audience,
    /// The next sequence number for this organisation.
    pub sequence: u64,
    /// Now.
    pub issued: DateTime<Utc>,
    /// The person's language, for the summary.
    pub language: Language,
    /// The person's preferences for this organisation, as set.
    pub preferences: ContactPreferences,
    /// Whether the global "no proactive messages from anyone" switch is on.
    pub global_off: bool,
    /// Whether this organisation is exempted from the global switch.
    pub exempt: bool,
    /// Decisions on the organisation's holdings.
    pub decisions: Vec<Decision>,
    /// Categories marked sensitive.
    pub sensitive_categories: Vec<DataCategory>,
}

impl PreferenceSubject {
    /// Builds the subject: applies the global switch to the preferences and
    /// writes the summary.
    pub fn new(input: SubjectInput) -> Self {
        let global_switch = input.global_off && !input.exempt;
        let mut s = PreferenceSubject {
            audience: input.audience,
            sequence: input.sequence,
            issued: Timestamp::new(input.issued),
            global_switch,
            contact_preferences: input.preferences.effective(input.global_off, input.exempt),
            decisions: input.decisions,
            sensitive_categories: input.sensitive_categories,
            summary: crate::types::Summary {
                language: input.language,
                headline: String::new(),
                lines: Vec::new(),
            },
        };
        s.summary = summary::describe_preferences(&s, input.language);
        s
    }
}

impl KeyRotationSubject {
    /// Builds the announcement that `new_key` replaces the key that will sign
    /// it.
    pub fn new(
        audience: Audience,
        sequence: u64,
        issued: DateTime<Utc>,
        new_key: DidKey,
        language: Language,
    ) -> Self {
        let summary = summary::describe_rotation(&audience, sequence, &new_key, language);
        KeyRotationSubject {
            audience,
            sequence,
            issued: Timestamp::new(issued),
            new_key,
            summary,
        }
    }
}

impl LinkRequestSubject {
    /// Builds the request to link the key that will sign it to the
    /// customer record `link_code` was made for.
    pub fn new(
        audience: Audience,
        link_code: LinkCode,
        issued: DateTime<Utc>,
        language: Language,
    ) -> Self {
        let summary = summary::describe_link_request(&audience, &link_code, language);
        LinkRequestSubject {
            audience,
            link_code,
            issued: Timestamp::new(issued),
            summary,
        }
    }
}

/// The preference file format.
#[derive(Debug)]
pub struct PreferenceFile;

impl PreferenceFile {
    /// Signs a preference file with the person's pairwise key for the
    /// organisation. `created` is the proof time (normally equal to
    /// `subject.issued`).
    pub fn sign(
        subject: &PreferenceSubject,
        key: &SigningKey,
        created: DateTime<Utc>,
    ) -> Result<SignedFile, SignError> {
        check_preferences(subject).map_err(SignError::Invalid)?;
        sign_credential(PREFERENCE_TYPE, subject, subject.issued, &[key], created)
    }
}

/// The key-rotation announcement format.
#[derive(Debug)]
pub struct KeyRotation;

impl KeyRotation {
    /// Signs the announcement with a proof set: first the old key (the
    /// issuer), then the new key, which shows that the sender holds it.
    /// Refuses a `new_key` that is not the `newKey` the subject names.
    pub fn sign(
        subject: &KeyRotationSubject,
        old_key: &SigningKey,
        new_key: &SigningKey,
        created: DateTime<Utc>,
    ) -> Result<SignedFile, SignError> {
        check_rotation(subject, &DidKey::new(old_key.verifying_key()))
            .map_err(SignError::Invalid)?;
        if DidKey::new(new_key.verifying_key()) != subject.new_key {
            return Err(SignError::Invalid(e(
                VerifyErrorKind::UnprovenKeyRotation,
                "de sleutel die als nieuwe sleutel moet ondertekenen, is niet de nieuwe sleutel die in de aankondiging staat",
                "the key given to sign as the new key is not the new key the announcement names",
            )));
        }
        sign_credential(
            KEY_ROTATION_TYPE,
            subject,
            subject.issued,
            &[old_key, new_key],
            created,
        )
    }
}

/// The link request format.
#[derive(Debug)]
pub struct LinkRequest;

impl LinkRequest {
    /// Signs a link request with the person's pairwise key for the
    /// organisation: the key the organisation will link to the customer.
    pub fn sign(
        subject: &LinkRequestSubject,
        key: &SigningKey,
        created: DateTime<Utc>,
    ) -> Result<SignedFile, SignError> {
        check_link_request(subject).map_err(SignError::Invalid)?;
        sign_credential(LINK_REQUEST_TYPE, subject, subject.issued, &[key], created)
    }
}

/// Signs a credential issued by the first key: with one proof for one key,
/// with a proof set for more.
pub(crate) fn sign_credential<S: Serialize>(
    kind: &str,
    subject: &S,
    valid_from: Timestamp,
    keys: &[&SigningKey],
    created: DateTime<Utc>,
) -> Result<SignedFile, SignError> {
    let wire = CredentialWire {
        context: vec![VC_CONTEXT.into(), REGIE_CONTEXT.into()],
        types: vec!["VerifiableCredential".into(), kind.into()],
        issuer: DidKey::new(keys[0].verifying_key()).did(),
        valid_from,
        credential_subject: subject,
    };
    let Ok(Value::Object(doc)) = serde_json::to_value(&wire) else {
        unreachable!("a credential always serialises to a JSON object")
    };
    let created = Timestamp::new(created).get();
    let signed = match keys {
        [key] => proof::sign(doc, key, created),
        _ => proof::sign_set(doc, keys, created),
    };
    Ok(SignedFile {
        bytes: jcs::to_pretty(&Value::Object(signed)),
    })
}

/// What a verifier accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOptions {
    /// How far in the future the file's times may be. Default
    /// [`DEFAULT_CLOCK_SKEW`].
    pub max_clock_skew: Duration,
    /// If set, files for another organisation are refused.
    pub audience: Option<OrgId>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            max_clock_skew: DEFAULT_CLOCK_SKEW,
            audience: None,
        }
    }
}

/// What a verified file says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Content {
    /// A preference file.
    Preferences(PreferenceSubject),
    /// A key-rotation announcement, signed by both the old key (the
    /// issuer) and `new_key`.
    KeyRotation(KeyRotationSubject),
    /// A link request: link the issuer to the customer record the code
    /// was made for.
    LinkRequest(LinkRequestSubject),
}

/// A file that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The key that signed it (the issuer).
    pub issuer: DidKey,
    /// When the issuer signed it.
    pub created: DateTime<Utc>,
    /// What it says.
    pub content: Content,
}

impl Verified {
    /// The organisation the file is for.
    pub fn audience(&self) -> &Audience {
        match &self.content {
            Content::Preferences(s) => &s.audience,
            Content::KeyRotation(s) => &s.audience,
            Content::LinkRequest(s) => &s.audience,
        }
    }

    /// The file's sequence number; 0 for a link request, which has none
    /// (a file's sequence is at least 1, so 0 is no file's).
    pub fn sequence(&self) -> u64 {
        match &self.content {
            Content::Preferences(s) => s.sequence,
            Content::KeyRotation(s) => s.sequence,
            Content::LinkRequest(_) => 0,
        }
    }
}

/// A rejection: its kind and what exactly was wrong, in Dutch and in
/// English.
pub(crate) fn e(
    kind: VerifyErrorKind,
    nl: impl Into<String>,
    en: impl Into<String>,
) -> VerifyError {
    VerifyError::new(kind, nl, en)
}

/// The proof members a Regie file has; any other is refused.
const PROOF_MEMBERS: [&str; 6] = [
    "type",
    "cryptosuite",
    "created",
    "verificationMethod",
    "proofPurpose",
    "@context",
];

/// Verifies a file: parses it strictly, checks the proof, the content and
/// the times, and returns what it says.
pub fn verify(
    bytes: &[u8],
    now: DateTime<Utc>,
    options: &VerifyOptions,
) -> Result<Verified, VerifyError> {
    let examined = examine(bytes, now, options);
    let good = match &examined {
        Examined::Signed(first, second, _) => {
            first.check() && second.as_ref().is_none_or(proof::Pending::check)
        }
        Examined::Unsigned(_) => false,
    };
    examined.settle(good)
}

/// Verifies many files at once, as [`verify`] verifies each (same checks,
/// same errors), with the signatures checked in batches, which takes about
/// half the time per signature (see [`proof`] for the one difference a
/// signer could make on purpose). `result[i]` is the answer for
/// `files[i]`.
pub fn verify_many(
    files: &[&[u8]],
    now: DateTime<Utc>,
    options: &VerifyOptions,
) -> Vec<Result<Verified, VerifyError>> {
    let examined: Vec<Examined> = files.iter().map(|b| examine(b, now, options)).collect();
    // Every signature goes into the batches: a rotation's two one after
    // the other.
    let pending: Vec<&proof::Pending> = examined
        .iter()
        .flat_map(|x| {
            let (first, second) = match x {
                Examined::Signed(first, second, _) => (Some(first), second.as_ref()),
                Examined::Unsigned(_) => (None, None),
            };
            first.into_iter().chain(second)
        })
        .collect();
    let mut good = proof::check_all(&pending).into_iter();
    examined
        .into_iter()
        .map(|x| {
            let all_good = match &x {
                Examined::Signed(_, second, _) => {
                    // Take the answer for each of the file's signatures,
                    // so that the next file gets its own.
                    let first = good.next().unwrap_or(false);
                    let second = second.is_none() || good.next().unwrap_or(false);
                    first && second
                }
                Examined::Unsigned(_) => false,
            };
            x.settle(all_good)
        })
        .collect()
}

/// A file read and checked up to its signature.
// Short-lived and kept in a vector of at most a few hundred: boxing the
// large variant would only add an allocation per file.
#[allow(clippy::large_enum_variant)]
enum Examined {
    /// Refused before the signature could be read: the answer stands.
    Unsigned(VerifyError),
    /// The signatures to check (a key rotation's second one too), and the
    /// answer if they are good (when one is not, the answer is
    /// `bad-signature`, whatever else is wrong).
    Signed(
        proof::Pending,
        Option<proof::Pending>,
        Result<Verified, VerifyError>,
    ),
}

impl Examined {
    /// The answer, given whether every signature checked out.
    fn settle(self, signatures_good: bool) -> Result<Verified, VerifyError> {
        match self {
            Examined::Unsigned(err) => Err(err),
            Examined::Signed(_, _, outcome) if signatures_good => outcome,
            Examined::Signed(..) => Err(ProofError::BadSignature.into()),
        }
    }
}

fn examine(bytes: &[u8], now: DateTime<Utc>, options: &VerifyOptions) -> Examined {
    let tree = match json::parse_node(bytes, json::NumberPolicy::SafeIntegers) {
        Ok(tree) => tree,
        Err(err) => return Examined::Unsigned(err.into()),
    };
    let Node::Obj(top) = &tree else {
        return Examined::Unsigned(e(
            VerifyErrorKind::Syntax,
            "het bestand is geen JSON-object",
            "the file is not a JSON object",
        ));
    };
    let (kind, version, issuer) = match shape(&tree, &FILE_TYPES) {
        Ok(found) => found,
        Err(err) => return Examined::Unsigned(err),
    };
    if kind == LINK_REQUEST_TYPE && version == 1 {
        return Examined::Unsigned(e(
            VerifyErrorKind::WrongContext,
            format!("een koppelverzoek heeft de context [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT}\"]; versie 1 van het formaat had geen koppelverzoeken"),
            format!("a link request has the context [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT}\"]; version 1 of the format had no link requests"),
        ));
    }
    let proofs = top.iter().find(|(k, _)| k == "proof").map(|(_, v)| v);
    if kind == KEY_ROTATION_TYPE {
        let set = match rotation_proofs(version, proofs) {
            Ok(set) => set,
            Err(err) => return Examined::Unsigned(err),
        };
        return match proof::read_set(top, set) {
            Ok(read) => {
                let mut read = read.into_iter();
                let (Some((first, p1)), Some((second, p2))) = (read.next(), read.next()) else {
                    unreachable!("a set of two proofs reads as two proofs")
                };
                let outcome = content(&tree, kind, issuer, first, Some(second), now, options);
                Examined::Signed(p1, Some(p2), outcome)
            }
            Err(err) => Examined::Unsigned(err.into()),
        };
    }
    if let Err(err) = one_proof(kind, proofs) {
        return Examined::Unsigned(err);
    }
    match proof::read_node(top) {
        Ok((checked, pending)) => {
            let outcome = content(&tree, kind, issuer, checked, None, now, options);
            Examined::Signed(pending, None, outcome)
        }
        Err(err) => Examined::Unsigned(err.into()),
    }
}

/// A key rotation's proof set, if it has the one shape that can prove the
/// new key: the version 2 context and a list of exactly two proofs.
fn rotation_proofs<'t>(
    version: u8,
    proofs: Option<&'t Node<'t>>,
) -> Result<&'t [Node<'t>], VerifyError> {
    let unproven = |nl: String, en: String| Err(e(VerifyErrorKind::UnprovenKeyRotation, nl, en));
    if version == 1 {
        return unproven(
            format!("deze sleutelwissel heeft de context van versie 1, \"{REGIE_CONTEXT_V1}\": alleen de oude sleutel heeft ondertekend, dus het bestand bewijst niet dat de afzender de nieuwe sleutel heeft"),
            format!("this key-rotation announcement has the version 1 context \"{REGIE_CONTEXT_V1}\": it is signed by the old key only, so it does not prove that the sender holds the new key"),
        );
    }
    match proofs {
        Some(Node::Arr(set)) if set.len() == 2 => Ok(set),
        Some(Node::Arr(set)) if !set.is_empty() => unproven(
            format!(
                "een sleutelwissel moet precies twee handtekeningen hebben, eerst van de oude sleutel en dan van de nieuwe; deze heeft er {}",
                set.len()
            ),
            format!(
                "a key-rotation announcement must have exactly two signatures, by the old key and then by the new key; this one has {}",
                set.len()
            ),
        ),
        Some(Node::Obj(_)) => unproven(
            "deze sleutelwissel heeft één handtekening; ook de nieuwe sleutel moet ondertekenen, om te bewijzen dat de afzender die sleutel heeft".into(),
            "this key-rotation announcement has one signature; it must also be signed by the new key, to prove that the sender holds it".into(),
        ),
        _ => Err(ProofError::MissingProof.into()),
    }
}

/// The credential types [`verify`] reads: the files a person sends.
const FILE_TYPES: [&str; 3] = [PREFERENCE_TYPE, KEY_ROTATION_TYPE, LINK_REQUEST_TYPE];

/// Refuses a list of proofs where a credential has one proof object: a
/// preference file, a link request or a receipt speaks for its issuer
/// alone, and a verifier could not tell what a second signer would mean.
pub(crate) fn one_proof(kind: &str, proofs: Option<&Node<'_>>) -> Result<(), VerifyError> {
    if !matches!(proofs, Some(Node::Arr(set)) if !set.is_empty()) {
        return Ok(());
    }
    let (nl, en) = match kind {
        LINK_REQUEST_TYPE => ("een koppelverzoek", "a link request"),
        RECEIPT_TYPE => ("een ontvangstbewijs", "a receipt"),
        _ => ("een voorkeurenbestand", "a preference file"),
    };
    Err(e(
        VerifyErrorKind::MalformedProof,
        format!("{nl} heeft één handtekening, geen lijst van handtekeningen"),
        format!("{en} has one signature object, not a list of signatures"),
    ))
}

/// The shape checks that decide how to read the rest come first, so their
/// errors are specific: the credential's kind (one of `allowed`), the
/// format version (1 or 2) and its claimed issuer. Only a preference file
/// (and, to be refused as unproven, a key rotation) may have the version 1
/// context; the other types exist since version 2.
pub(crate) fn shape<'t>(
    tree: &'t Node<'t>,
    allowed: &[&'static str],
) -> Result<(&'static str, u8, Option<&'t str>), VerifyError> {
    let version = match tree.get("@context") {
        Some(Node::Arr(c)) if c.len() == 2 && c[0].as_str() == Some(VC_CONTEXT) => {
            match c[1].as_str() {
                Some(REGIE_CONTEXT) => Some(2),
                Some(REGIE_CONTEXT_V1) => Some(1),
                _ => None,
            }
        }
        _ => None,
    };
    let Some(version) = version else {
        return Err(e(
            VerifyErrorKind::WrongContext,
            format!("de @context moet [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT}\"] zijn (of, voor een voorkeurenbestand, [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT_V1}\"])"),
            format!("the @context must be [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT}\"] (or, for a preference file, [\"{VC_CONTEXT}\", \"{REGIE_CONTEXT_V1}\"])"),
        ));
    };
    let types = match tree.get("type") {
        Some(Node::Arr(t)) if t.len() == 2 && t[0].as_str() == Some("VerifiableCredential") => {
            t[1].as_str()
        }
        _ => None,
    };
    let Some(kind) = allowed.iter().find(|k| Some(**k) == types) else {
        let list = |or: &str| {
            let names: Vec<String> = allowed
                .iter()
                .map(|k| format!("[\"VerifiableCredential\", \"{k}\"]"))
                .collect();
            match names.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
                None => String::new(),
            }
        };
        return Err(e(
            VerifyErrorKind::WrongCredentialType,
            format!("het type moet {} zijn", list("of")),
            format!("the type must be {}", list("or")),
        ));
    };
    Ok((kind, version, tree.get("issuer").and_then(Node::as_str)))
}

/// Everything after the proofs: their members, who made them, the typed
/// content and the times. The signatures are checked by the caller.
/// `second` is a key rotation's proof by the new key.
fn content<'t>(
    tree: &'t Node<'t>,
    kind: &'static str,
    issuer: Option<&'t str>,
    checked: proof::NodeProof<'t>,
    second: Option<proof::NodeProof<'t>>,
    now: DateTime<Utc>,
    options: &VerifyOptions,
) -> Result<Verified, VerifyError> {
    check_proof_members(&checked)?;
    if let Some(second) = &second {
        check_proof_members(second)?;
        // The second proof must be the new key's: that is what proves the
        // sender holds it. Checked before the first proof's signer, so
        // that proofs in the wrong order are reported as what they are.
        let new_key = tree
            .get("credentialSubject")
            .and_then(|s| s.get("newKey"))
            .and_then(Node::as_str);
        if new_key.is_some_and(|k| Some(k) != signer(second)) {
            let new_key = new_key.unwrap_or_default();
            return Err(e(
                VerifyErrorKind::UnprovenKeyRotation,
                format!(
                    "de tweede handtekening is van {}, niet van de nieuwe sleutel {new_key}, dus de aankondiging bewijst niet dat de afzender de nieuwe sleutel heeft",
                    second.key,
                ),
                format!(
                    "the second signature is by {}, not by the new key {new_key}, so the announcement does not prove that the sender holds the new key",
                    second.key,
                ),
            ));
        }
    }
    if issuer.is_none() || issuer != signer(&checked) {
        return Err(e(
            VerifyErrorKind::VerificationMethodNotIssuer,
            format!(
                "het bestand is ondertekend met {}, maar noemt {} als afzender",
                checked.key,
                issuer.unwrap_or("niemand")
            ),
            format!(
                "the file was signed with {} but names {} as its issuer",
                checked.key,
                issuer.unwrap_or("no one")
            ),
        ));
    }

    // The typed content is read from the parsed tree, borrowing its
    // strings.
    let content = if kind == LINK_REQUEST_TYPE {
        let wire: SecuredWire<LinkRequestSubject> = decode(tree)?;
        check_link_request(&wire.credential_subject)?;
        check_times(
            now,
            options,
            &checked.created,
            wire.valid_from,
            wire.credential_subject.issued,
        )?;
        Content::LinkRequest(wire.credential_subject)
    } else if kind == PREFERENCE_TYPE {
        let wire: SecuredWire<PreferenceSubject> = decode(tree)?;
        check_exact_preferences(tree, &wire.credential_subject.contact_preferences)?;
        check_preferences(&wire.credential_subject)?;
        check_times(
            now,
            options,
            &checked.created,
            wire.valid_from,
            wire.credential_subject.issued,
        )?;
        Content::Preferences(wire.credential_subject)
    } else {
        let wire: SecuredWire<KeyRotationSubject> = decode(tree)?;
        check_rotation(&wire.credential_subject, &checked.key)?;
        check_times(
            now,
            options,
            &checked.created,
            wire.valid_from,
            wire.credential_subject.issued,
        )?;
        if let Some(second) = &second {
            check_times(
                now,
                options,
                &second.created,
                wire.valid_from,
                wire.credential_subject.issued,
            )?;
        }
        Content::KeyRotation(wire.credential_subject)
    };
    let verified = Verified {
        issuer: checked.key,
        created: checked.created,
        content,
    };
    if let Some(want) = &options.audience {
        if &verified.audience().id != want {
            let id = &verified.audience().id;
            return Err(e(
                VerifyErrorKind::WrongAudience,
                format!("het bestand is voor '{id}', niet voor '{want}'"),
                format!("the file is for '{id}', not for '{want}'"),
            ));
        }
    }
    Ok(verified)
}

/// The rules on one proof's members that reading it did not check: no
/// unknown members, an `@context`, and the one spelling of `created`.
pub(crate) fn check_proof_members(checked: &proof::NodeProof<'_>) -> Result<(), VerifyError> {
    check_proof_members_of(checked, true)
}

/// The same rules for a proof over any document: with an `@context` if
/// `with_context` (the document has one), without one otherwise.
pub(crate) fn check_proof_members_of(
    checked: &proof::NodeProof<'_>,
    with_context: bool,
) -> Result<(), VerifyError> {
    for (k, _) in checked.members {
        if k != "proofValue" && !PROOF_MEMBERS.contains(&k.as_ref()) {
            return Err(e(
                VerifyErrorKind::UnknownField,
                format!("de handtekening heeft een onbekend veld \"{k}\""),
                format!("the signature has an unknown field \"{k}\""),
            ));
        }
    }
    // Reading the proof has checked that its @context equals the file's
    // (so that a document without one has a proof without one).
    if with_context && !checked.members.iter().any(|(k, _)| k == "@context") {
        return Err(e(
            VerifyErrorKind::MalformedProof,
            "de handtekening heeft geen @context",
            "the signature has no @context",
        ));
    }
    if Timestamp::parse(checked.created_text).is_none() {
        let t = checked.created_text;
        return Err(e(
            VerifyErrorKind::MalformedProof,
            format!("de tijd van de handtekening '{t}' staat niet in UTC met hele seconden, zoals 2026-01-31T12:00:00Z"),
            format!("the signature time '{t}' is not written as UTC with whole seconds, like 2026-01-31T12:00:00Z"),
        ));
    }
    Ok(())
}

/// The DID of the key that made a proof: its verification method is
/// `<did>#<key>`.
pub(crate) fn signer<'t>(checked: &proof::NodeProof<'t>) -> Option<&'t str> {
    checked
        .verification_method
        .split_once('#')
        .map(|(did, _)| did)
}

/// A whole signed credential on the wire. The members checked before (or
/// by the proof) are skipped; unknown members are refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct SecuredWire<S> {
    #[serde(rename = "@context")]
    _context: IgnoredAny,
    #[serde(rename = "type")]
    _types: IgnoredAny,
    #[serde(rename = "issuer")]
    _issuer: IgnoredAny,
    pub(crate) valid_from: Timestamp,
    pub(crate) credential_subject: S,
    #[serde(rename = "proof")]
    _proof: IgnoredAny,
}

pub(crate) fn decode<'de, T: Deserialize<'de>>(tree: &Node<'de>) -> Result<T, VerifyError> {
    json::from_node(tree).map_err(|err| {
        let kind = match err.problem {
            json::Problem::UnknownField(_) => VerifyErrorKind::UnknownField,
            json::Problem::UnknownVariant(..) => VerifyErrorKind::UnknownEnumValue,
            _ => VerifyErrorKind::InvalidField,
        };
        e(kind, err.dutch(), err.english())
    })
}

/// regie-model's contact preferences do not refuse unknown fields, and
/// accept missing optional fields; a file must list exactly the fields
/// regie-model writes. Compares the object with its re-serialised form.
fn check_exact_preferences(doc: &Node<'_>, parsed: &ContactPreferences) -> Result<(), VerifyError> {
    let Some(raw) = doc
        .get("credentialSubject")
        .and_then(|s| s.get("contactPreferences"))
    else {
        return Ok(());
    };
    // Usually it is exact: compare while serialising, building nothing.
    if crate::same::same(parsed, raw) {
        return Ok(());
    }
    // Otherwise written out by regie-model and read back into a tree, to
    // say what differs.
    let written = serde_json::to_vec(parsed).unwrap_or_default();
    let again = json::parse_node(&written, json::NumberPolicy::Any).unwrap_or(Node::Null);
    if *raw == again {
        return Ok(());
    }
    if let Some(path) = extra_key(raw, &again, "contactPreferences") {
        return Err(e(
            VerifyErrorKind::UnknownField,
            format!("de inhoud klopt niet: onbekend veld {path}"),
            format!("the content is not valid: unknown field {path}"),
        ));
    }
    Err(e(
        VerifyErrorKind::InvalidField,
        "de contactvoorkeuren moeten elk veld precies zo noemen als Regie ze schrijft, met null voor wat niet is ingesteld",
        "the contact preferences must list every field exactly as Regie writes them, with null for what is not set",
    ))
}

fn extra_key(have: &Node<'_>, want: &Node<'_>, path: &str) -> Option<String> {
    match (have, want) {
        (Node::Obj(h), Node::Obj(_)) => h.iter().find_map(|(k, hv)| match want.get(k) {
            None => Some(format!("{path}.{k}")),
            Some(wv) => extra_key(hv, wv, &format!("{path}.{k}")),
        }),
        _ => None,
    }
}

pub(crate) fn check_times(
    now: DateTime<Utc>,
    options: &VerifyOptions,
    created: &DateTime<Utc>,
    valid_from: Timestamp,
    issued: Timestamp,
) -> Result<(), VerifyError> {
    // An absurd skew (beyond chrono's range) means no limit, not a panic.
    let Some(limit) = now.checked_add_signed(options.max_clock_skew) else {
        return Ok(());
    };
    for (what_nl, what_en, t) in [
        ("ondertekend op", "signed", *created),
        ("geldig vanaf", "valid from", valid_from.get()),
        ("gemaakt op", "issued", issued.get()),
    ] {
        if t > limit {
            let (t, now) = (Timestamp::new(t), Timestamp::new(now));
            let minutes = options.max_clock_skew.num_minutes();
            return Err(e(
                VerifyErrorKind::IssuedInFuture,
                format!(
                    "volgens het bestand is het {what_nl} {t}, en dat is meer dan {minutes} minuten na nu ({now})"
                ),
                format!(
                    "the file says it was {what_en} at {t}, which is more than {minutes} minutes after now ({now})"
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn check_audience(a: &Audience) -> Result<(), VerifyError> {
    let n = a.name.chars().count();
    if n == 0 || n > 200 || a.name.trim() != a.name {
        return Err(e(
            VerifyErrorKind::InvalidField,
            "de naam van de organisatie moet 1 tot 200 tekens hebben, zonder spaties ervoor of erachter",
            "the organisation name must have 1 to 200 characters, without spaces around it",
        ));
    }
    Ok(())
}

fn check_sequence(sequence: u64) -> Result<(), VerifyError> {
    if sequence == 0 || sequence > json::MAX_SAFE_INTEGER {
        let max = json::MAX_SAFE_INTEGER;
        return Err(e(
            VerifyErrorKind::InvalidField,
            format!("het volgnummer moet van 1 tot {max} zijn"),
            format!("the sequence number must be from 1 to {max}"),
        ));
    }
    Ok(())
}

pub(crate) fn check_summary(s: &crate::types::Summary) -> Result<(), VerifyError> {
    if s.headline.trim().is_empty() {
        return Err(e(
            VerifyErrorKind::InvalidField,
            "de samenvatting heeft geen kopregel",
            "the summary has no headline",
        ));
    }
    Ok(())
}

/// The rules on a preference subject that the types alone do not enforce.
fn check_preferences(s: &PreferenceSubject) -> Result<(), VerifyError> {
    check_audience(&s.audience)?;
    check_sequence(s.sequence)?;
    check_summary(&s.summary)?;
    s.contact_preferences.validate().map_err(|err| {
        e(
            VerifyErrorKind::InvalidField,
            contact_dutch(&err),
            err.to_string(),
        )
    })?;
    if s.global_switch && s.contact_preferences.blocked().len() != 18 {
        return Err(e(
            VerifyErrorKind::Inconsistent,
            "de algemene schakelaar staat aan, maar niet elk bericht dat uit kan, staat uit",
            "the global switch is on, but not every proactive, marketing and feedback message is off",
        ));
    }
    for (i, d) in s.decisions.iter().enumerate() {
        if d.data_categories.is_empty() {
            return Err(e(
                VerifyErrorKind::InvalidField,
                format!("beslissing {} noemt geen soorten gegevens", i + 1),
                format!("decision {} names no data categories", i + 1),
            ));
        }
        let fits = match d.legal_basis {
            LegalBasis::Consent => matches!(
                d.state,
                DecisionState::ConsentGiven | DecisionState::ConsentWithdrawn
            ),
            LegalBasis::LegitimateInterest => matches!(
                d.state,
                DecisionState::Objected | DecisionState::NotObjected
            ),
            _ => d.state == DecisionState::Locked,
        };
        if !fits {
            let (n, state, basis) = (i + 1, d.state.as_str(), d.legal_basis.compact());
            return Err(e(
                VerifyErrorKind::Inconsistent,
                format!("beslissing {n} is '{state}', en dat kan niet bij de grondslag {basis}"),
                format!("decision {n} is '{state}', which the legal basis {basis} does not allow"),
            ));
        }
    }
    Ok(())
}

/// The rules on a link request that the types alone do not enforce (the
/// link code's form and check character are its type's).
fn check_link_request(s: &LinkRequestSubject) -> Result<(), VerifyError> {
    check_audience(&s.audience)?;
    check_summary(&s.summary)
}

fn check_rotation(s: &KeyRotationSubject, old: &DidKey) -> Result<(), VerifyError> {
    check_audience(&s.audience)?;
    check_sequence(s.sequence)?;
    check_summary(&s.summary)?;
    if &s.new_key == old {
        return Err(e(
            VerifyErrorKind::Inconsistent,
            "de nieuwe sleutel is dezelfde als de sleutel die de aankondiging ondertekent",
            "the new key is the same as the key that signs the announcement",
        ));
    }
    Ok(())
}

/// What regie-model found wrong with contact preferences, in Dutch (its
/// own sentences are English).
fn contact_dutch(err: &ContactError) -> String {
    match err {
        ContactError::ServiceNotBlockable => {
            "serviceberichten kunnen niet uit, en staan dus niet in de contactvoorkeuren".to_owned()
        }
        ContactError::Unknown { value, .. } => {
            format!("de contactvoorkeuren noemen een onbekende waarde '{value}'")
        }
        ContactError::TimeZone(tz) => format!(
            "de tijdzone '{tz}' van de rustige uren is onbekend; gebruik een naam zoals Europe/Amsterdam"
        ),
        ContactError::EmptyQuietHours => {
            "de rustige uren moeten op verschillende tijden beginnen en eindigen".to_owned()
        }
        ContactError::Cap(_) => {
            "een grens in de contactvoorkeuren (het maximum per week, of hoe vaak om feedback gevraagd mag worden) ligt buiten het toegestane bereik"
                .to_owned()
        }
        _ => "de contactvoorkeuren kloppen niet".to_owned(),
    }
}
