//! The letter texts are data: template files under `templates/`, one per
//! letter and language, and a file of small parts (labels, list lines,
//! month names) per language, all included in the library.
//!
//! Their syntax is small and strict so that a mistake in a text is a test
//! failure, not a letter with a hole in it (`templates/README.md` is the
//! guide for whoever edits them):
//!
//! - `{name}` puts in a value; `{?name}`...`{/name}` keeps what is between
//!   only when the value is there (or the condition holds), `{!name}`...
//!   `{/name}` only when it is not. A line that holds nothing but one such
//!   section tag disappears with its line break.
//! - Names are lower case letters and `_`; any other `{` or `}` is an
//!   error, as is a section that is not closed or closed in the wrong order.
//! - Each letter has its own list of names it may use ([`Slot`] and
//!   [`availability`]): an unknown name, a required one that is missing, or
//!   one that may be missing but stands outside its `{?name}` section is an
//!   error that [`catalogue`] reports and the tests check for every file.
//! - Lines starting with `#` are comments.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use regie_model::Language;

use crate::error::Error;
use crate::right::Right;

/// A value a letter template can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Slot {
    /// The organisation's name.
    Org,
    /// The organisation's postal address on one line (complaints).
    OrgAddress,
    /// The letter's date.
    Date,
    /// The deadline of a request letter.
    Deadline,
    /// What the person believes the organisation holds (a list).
    Holdings,
    /// The details by which the person chose to be found (a list).
    Identity,
    /// The purposes an objection or withdrawal is about (a list).
    Purposes,
    /// Condition: some of those purposes are direct marketing.
    DirectMarketing,
    /// Condition: some of those purposes are not direct marketing.
    OtherPurposes,
    /// The person's own words: the correction, a reason.
    Details,
    /// The request a reminder or complaint is about, as a noun phrase.
    Right,
    /// The day that request was sent.
    SentOn,
    /// The deadline it missed.
    Due,
    /// Condition: the organisation had extended the deadline.
    Extended,
    /// The day a reminder was sent (complaints).
    RemindedOn,
}

impl Slot {
    const ALL: [Slot; 15] = [
        Slot::Org,
        Slot::OrgAddress,
        Slot::Date,
        Slot::Deadline,
        Slot::Holdings,
        Slot::Identity,
        Slot::Purposes,
        Slot::DirectMarketing,
        Slot::OtherPurposes,
        Slot::Details,
        Slot::Right,
        Slot::SentOn,
        Slot::Due,
        Slot::Extended,
        Slot::RemindedOn,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Slot::Org => "org",
            Slot::OrgAddress => "org_address",
            Slot::Date => "date",
            Slot::Deadline => "deadline",
            Slot::Holdings => "holdings",
            Slot::Identity => "identity",
            Slot::Purposes => "purposes",
            Slot::DirectMarketing => "direct_marketing",
            Slot::OtherPurposes => "other_purposes",
            Slot::Details => "details",
            Slot::Right => "right",
            Slot::SentOn => "sent_on",
            Slot::Due => "due",
            Slot::Extended => "extended",
            Slot::RemindedOn => "reminded_on",
        }
    }

    fn from_name(name: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Which letter a template is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TemplateId {
    /// The request letter for a right.
    Request(Right),
    /// A reminder for an overdue request.
    Reminder,
    /// A complaint to the Autoriteit Persoonsgegevens.
    Complaint,
}

impl TemplateId {
    pub(crate) const ALL: [TemplateId; 9] = [
        TemplateId::Request(Right::Access),
        TemplateId::Request(Right::Rectification),
        TemplateId::Request(Right::Erasure),
        TemplateId::Request(Right::Restriction),
        TemplateId::Request(Right::Portability),
        TemplateId::Request(Right::Objection),
        TemplateId::Request(Right::Withdrawal),
        TemplateId::Reminder,
        TemplateId::Complaint,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            TemplateId::Request(r) => r.as_str(),
            TemplateId::Reminder => "reminder",
            TemplateId::Complaint => "complaint",
        }
    }
}

/// How a slot may be used in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Availability {
    /// Not at all.
    No,
    /// Always there, and the letter must use it outside any section.
    Required,
    /// Always there; may be used.
    Always,
    /// May be missing: use it only inside `{?name}`.
    Optional,
    /// A condition, for sections only.
    Flag,
}

/// What each letter may use.
pub(crate) fn availability(id: TemplateId, slot: Slot) -> Availability {
    use Availability::*;
    match (slot, id) {
        (Slot::Org, _) => Required,
        (Slot::Date, _) => Always,
        (Slot::Holdings | Slot::Identity, _) => Optional,
        (Slot::Deadline, TemplateId::Request(_)) => Required,
        (Slot::Purposes, TemplateId::Request(Right::Objection | Right::Withdrawal)) => Required,
        (Slot::DirectMarketing | Slot::OtherPurposes, TemplateId::Request(Right::Objection)) => {
            Flag
        }
        (Slot::Details, TemplateId::Request(Right::Rectification)) => Required,
        (Slot::Details, _) => Optional,
        (Slot::Right | Slot::SentOn | Slot::Due, TemplateId::Reminder | TemplateId::Complaint) => {
            Required
        }
        (Slot::Extended, TemplateId::Reminder | TemplateId::Complaint) => Flag,
        (Slot::RemindedOn | Slot::OrgAddress, TemplateId::Complaint) => Optional,
        _ => No,
    }
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Text as it is.
    Text(String),
    /// A value.
    Value(Slot),
    /// A section kept when the slot is there (`present`) or when it is
    /// not.
    Section {
        slot: Slot,
        present: bool,
        body: Vec<Node>,
    },
}

/// A parsed letter template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    pub(crate) subject: Vec<Node>,
    pub(crate) body: Vec<Node>,
}

/// A problem at a line of a file.
type Located = (usize, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Value(&'a str),
    Open(&'a str, bool),
    Close(&'a str),
}

fn valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 40
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || *c == b'_')
}

/// Reads one tag's inside (between `{` and `}`).
fn tag(inside: &str, line: usize) -> Result<Token<'_>, Located> {
    let (token, name) = match inside.as_bytes().first() {
        Some(b'?') => (Token::Open(&inside[1..], true), &inside[1..]),
        Some(b'!') => (Token::Open(&inside[1..], false), &inside[1..]),
        Some(b'/') => (Token::Close(&inside[1..]), &inside[1..]),
        _ => (Token::Value(inside), inside),
    };
    if valid_name(name) {
        Ok(token)
    } else {
        Err((
            line,
            format!("'{{{inside}}}' is not a tag: a name is lower-case letters and '_'"),
        ))
    }
}

/// Splits one line (with its line break, if any) into tokens.
fn lex_line(raw: &str, line: usize) -> Result<Vec<(usize, Token<'_>)>, Located> {
    let mut out = Vec::new();
    let content = raw.strip_suffix('\n').unwrap_or(raw);
    // A line holding only one section tag vanishes with its break.
    if content.len() > 2 && content.starts_with('{') && content.ends_with('}') {
        let inside = &content[1..content.len() - 1];
        if !inside.contains(['{', '}']) && matches!(inside.as_bytes()[0], b'?' | b'!' | b'/') {
            out.push((line, tag(inside, line)?));
            return Ok(out);
        }
    }
    let mut rest = raw;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                out.push((line, Token::Text(rest)));
                rest = "";
            }
            Some(at) => {
                if at > 0 {
                    out.push((line, Token::Text(&rest[..at])));
                }
                if rest.as_bytes()[at] == b'}' {
                    return Err((line, "a '}' without its '{'".into()));
                }
                let after = &rest[at + 1..];
                let end = after
                    .find(['}', '{', '\n'])
                    .filter(|e| after.as_bytes()[*e] == b'}')
                    .ok_or((line, "a '{' without its '}' on the same line".to_string()))?;
                out.push((line, tag(&after[..end], line)?));
                rest = &after[end + 1..];
            }
        }
    }
    Ok(out)
}

/// Builds the tree of a letter's text, checking names and sections.
fn tree(tokens: &[(usize, Token<'_>)]) -> Result<Vec<Node>, Located> {
    let mut stack: Vec<(usize, Slot, bool, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let slot = |name: &str, line: usize| {
        Slot::from_name(name).ok_or((line, format!("'{name}' is not a name letters know")))
    };
    for (line, token) in tokens {
        let line = *line;
        let current = match stack.last_mut() {
            Some((_, _, _, body)) => body,
            None => &mut top,
        };
        match token {
            Token::Text(t) => match current.last_mut() {
                Some(Node::Text(prev)) => prev.push_str(t),
                _ => current.push(Node::Text((*t).to_owned())),
            },
            Token::Value(name) => current.push(Node::Value(slot(name, line)?)),
            Token::Open(name, present) => {
                let s = slot(name, line)?;
                if stack.iter().any(|(_, open, _, _)| *open == s) {
                    return Err((line, format!("'{name}' is opened again inside itself")));
                }
                stack.push((line, s, *present, Vec::new()));
            }
            Token::Close(name) => {
                let s = slot(name, line)?;
                match stack.pop() {
                    Some((_, open, present, body)) if open == s => {
                        let parent = match stack.last_mut() {
                            Some((_, _, _, body)) => body,
                            None => &mut top,
                        };
                        parent.push(Node::Section {
                            slot: s,
                            present,
                            body,
                        });
                    }
                    Some((_, open, _, _)) => {
                        return Err((
                            line,
                            format!(
                                "'{{/{name}}}' closes '{}', which is still open",
                                open.name()
                            ),
                        ))
                    }
                    None => return Err((line, format!("'{{/{name}}}' closes nothing"))),
                }
            }
        }
    }
    if let Some((line, s, _, _)) = stack.pop() {
        return Err((
            line,
            format!("'{}' is opened here and never closed", s.name()),
        ));
    }
    Ok(top)
}

/// Parses a letter template file: comments, a `subject:` line, an empty
/// line, then the body.
pub(crate) fn parse(src: &str) -> Result<Template, Located> {
    if src.contains('\r') {
        return Err((0, "the file has Windows line ends (\\r)".into()));
    }
    let mut lines = src
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.starts_with('#'));
    let (n, first) = lines.next().ok_or((
        1,
        "the file is empty: it needs a 'subject:' line".to_string(),
    ))?;
    let subject = first
        .strip_prefix("subject: ")
        .ok_or((n, "the first line must start with 'subject: '".to_string()))?;
    let subject = subject.strip_suffix('\n').unwrap_or(subject);
    match lines.next() {
        Some((_, "\n")) => {}
        Some((m, _)) => return Err((m, "the line after the subject must be empty".into())),
        None => return Err((n, "the letter has no text".into())),
    }
    let mut tokens = Vec::new();
    let mut text = false;
    for (m, l) in lines {
        text |= !l.trim().is_empty();
        tokens.extend(lex_line(l, m)?);
    }
    if !text {
        return Err((n, "the letter has no text".into()));
    }
    Ok(Template {
        subject: tree(&lex_line(subject, n)?)?,
        body: tree(&tokens)?,
    })
}

/// Checks a parsed template against what its letter may use.
pub(crate) fn check(id: TemplateId, t: &Template) -> Result<(), String> {
    fn walk(
        id: TemplateId,
        nodes: &[Node],
        guarded: &mut Vec<Option<Slot>>,
        used_outside: &mut BTreeSet<Slot>,
    ) -> Result<(), String> {
        for node in nodes {
            match node {
                Node::Text(_) => {}
                Node::Value(s) => match availability(id, *s) {
                    Availability::No => {
                        return Err(format!(
                            "'{}' is not for the {} letter",
                            s.name(),
                            id.name()
                        ))
                    }
                    Availability::Flag => {
                        return Err(format!(
                            "'{}' is a condition: use it as {{?{0}}}...{{/{0}}}",
                            s.name()
                        ))
                    }
                    Availability::Optional if !guarded.contains(&Some(*s)) => {
                        return Err(format!(
                            "'{}' may be missing: put it inside {{?{0}}}...{{/{0}}}",
                            s.name()
                        ))
                    }
                    _ => {
                        if guarded.is_empty() {
                            used_outside.insert(*s);
                        }
                    }
                },
                Node::Section {
                    slot,
                    present,
                    body,
                } => {
                    match availability(id, *slot) {
                        Availability::No => {
                            return Err(format!(
                                "'{}' is not for the {} letter",
                                slot.name(),
                                id.name()
                            ))
                        }
                        Availability::Required | Availability::Always => {
                            return Err(format!(
                                "'{}' is always there: a section on it would do nothing",
                                slot.name()
                            ))
                        }
                        Availability::Optional | Availability::Flag => {}
                    }
                    // Only a section kept when the value is there makes it
                    // safe to use inside.
                    guarded.push(present.then_some(*slot));
                    walk(id, body, guarded, used_outside)?;
                    guarded.pop();
                }
            }
        }
        Ok(())
    }
    let mut used = BTreeSet::new();
    walk(id, &t.subject, &mut Vec::new(), &mut used)?;
    walk(id, &t.body, &mut Vec::new(), &mut used)?;
    for s in Slot::ALL {
        if availability(id, s) == Availability::Required && !used.contains(&s) {
            return Err(format!(
                "the {} letter must use '{{{}}}' (outside any section)",
                id.name(),
                s.name()
            ));
        }
    }
    Ok(())
}

/// The values of one letter, for [`render`].
pub(crate) trait Values {
    /// A text value, `None` when it is missing.
    fn text(&self, slot: Slot) -> Option<&str>;
    /// Whether a section on the slot is kept.
    fn holds(&self, slot: Slot) -> bool;
}

/// Fills a template's nodes. A full stop right after one is left out, so
/// a value ending in one does not double it ("Bank N.V." then "." stays
/// "Bank N.V.").
pub(crate) fn render(nodes: &[Node], values: &dyn Values, out: &mut String) -> Result<(), Slot> {
    for node in nodes {
        match node {
            Node::Text(t) => {
                let t = match t.strip_prefix('.') {
                    Some(rest) if out.ends_with('.') && !rest.starts_with('.') => rest,
                    _ => t,
                };
                out.push_str(t);
            }
            Node::Value(s) => out.push_str(values.text(*s).ok_or(*s)?),
            Node::Section {
                slot,
                present,
                body,
            } => {
                if values.holds(*slot) == *present {
                    render(body, values, out)?;
                }
            }
        }
    }
    Ok(())
}

/// A part: a one-line text with `{name}` values of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    Var(&'static str),
}

/// Every part and the names it takes; each must use all of its names.
pub(crate) const PARTS: &[(&str, &[&str])] = &[
    ("closing", &[]),
    ("label.date", &[]),
    ("label.subject", &[]),
    ("label.page", &["page", "pages"]),
    ("mailto.paste", &[]),
    ("id.line", &["label", "value"]),
    ("id.name", &[]),
    ("id.address", &[]),
    ("id.email", &[]),
    ("id.phone", &[]),
    ("id.customer_number", &[]),
    ("id.date_of_birth", &[]),
    ("holding", &["category", "purpose", "basis"]),
    ("purpose", &["purpose"]),
    ("basis.consent", &[]),
    ("basis.contract", &[]),
    ("basis.legal-obligation", &[]),
    ("basis.vital-interest", &[]),
    ("basis.public-interest", &[]),
    ("basis.legitimate-interest", &[]),
    ("right.access", &[]),
    ("right.rectification", &[]),
    ("right.erasure", &[]),
    ("right.restriction", &[]),
    ("right.portability", &[]),
    ("right.objection", &[]),
    ("right.withdrawal", &[]),
    ("date", &["day", "month", "year"]),
    ("month.1", &[]),
    ("month.2", &[]),
    ("month.3", &[]),
    ("month.4", &[]),
    ("month.5", &[]),
    ("month.6", &[]),
    ("month.7", &[]),
    ("month.8", &[]),
    ("month.9", &[]),
    ("month.10", &[]),
    ("month.11", &[]),
    ("month.12", &[]),
    ("ap.name", &[]),
    ("ap.address.1", &[]),
    ("ap.address.2", &[]),
    ("ap.phone", &[]),
    ("ap.form", &[]),
];

/// The parts of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts(BTreeMap<&'static str, Vec<Piece>>);

/// Parses a parts file: comments, empty lines, and `key = text` lines.
pub(crate) fn parse_parts(src: &str) -> Result<Parts, Located> {
    let mut map = BTreeMap::new();
    for (i, raw) in src.lines().enumerate() {
        let line = i + 1;
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let (key, text) = raw
            .split_once(" = ")
            .ok_or((line, "a part is written 'key = text'".to_string()))?;
        let &(key, names) = PARTS
            .iter()
            .find(|(k, _)| *k == key)
            .ok_or((line, format!("'{key}' is not a part letters know")))?;
        if map.contains_key(key) {
            return Err((line, format!("'{key}' is given twice")));
        }
        if text.trim().is_empty() || text != text.trim() {
            return Err((line, format!("'{key}' is empty or has spaces around it")));
        }
        let mut pieces = Vec::new();
        let mut used = BTreeSet::new();
        for (_, token) in lex_line(text, line)? {
            match token {
                Token::Text(t) => pieces.push(Piece::Text(t.to_owned())),
                Token::Value(name) => {
                    let name = names.iter().find(|n| **n == name).ok_or((
                        line,
                        format!(
                            "'{key}' takes no value '{name}' (it takes: {})",
                            names.join(", ")
                        ),
                    ))?;
                    used.insert(*name);
                    pieces.push(Piece::Var(name));
                }
                Token::Open(..) | Token::Close(_) => {
                    return Err((line, "a part has no sections".to_string()))
                }
            }
        }
        if let Some(missing) = names.iter().find(|n| !used.contains(*n)) {
            return Err((line, format!("'{key}' must use '{{{missing}}}'")));
        }
        map.insert(key, pieces);
    }
    if let Some((key, _)) = PARTS.iter().find(|(k, _)| !map.contains_key(k)) {
        return Err((0, format!("the part '{key}' is missing")));
    }
    Ok(Parts(map))
}

impl Parts {
    /// A part with its values filled in. Every key of [`PARTS`] is there
    /// (checked when parsed); a value not given stays empty.
    pub(crate) fn get(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for piece in self.0.get(key).map(Vec::as_slice).unwrap_or(&[]) {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(name) => out.push_str(
                    vars.iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| *v)
                        .unwrap_or(""),
                ),
            }
        }
        out
    }
}

/// Every template file, as included in the library.
pub(crate) const FILES: &[(Language, &str, &str)] = &[
    (
        Language::Nl,
        "access",
        include_str!("../templates/nl/access.txt"),
    ),
    (
        Language::Nl,
        "rectification",
        include_str!("../templates/nl/rectification.txt"),
    ),
    (
        Language::Nl,
        "erasure",
        include_str!("../templates/nl/erasure.txt"),
    ),
    (
        Language::Nl,
        "restriction",
        include_str!("../templates/nl/restriction.txt"),
    ),
    (
        Language::Nl,
        "portability",
        include_str!("../templates/nl/portability.txt"),
    ),
    (
        Language::Nl,
        "objection",
        include_str!("../templates/nl/objection.txt"),
    ),
    (
        Language::Nl,
        "withdrawal",
        include_str!("../templates/nl/withdrawal.txt"),
    ),
    (
        Language::Nl,
        "reminder",
        include_str!("../templates/nl/reminder.txt"),
    ),
    (
        Language::Nl,
        "complaint",
        include_str!("../templates/nl/complaint.txt"),
    ),
    (
        Language::En,
        "access",
        include_str!("../templates/en/access.txt"),
    ),
    (
        Language::En,
        "rectification",
        include_str!("../templates/en/rectification.txt"),
    ),
    (
        Language::En,
        "erasure",
        include_str!("../templates/en/erasure.txt"),
    ),
    (
        Language::En,
        "restriction",
        include_str!("../templates/en/restriction.txt"),
    ),
    (
        Language::En,
        "portability",
        include_str!("../templates/en/portability.txt"),
    ),
    (
        Language::En,
        "objection",
        include_str!("../templates/en/objection.txt"),
    ),
    (
        Language::En,
        "withdrawal",
        include_str!("../templates/en/withdrawal.txt"),
    ),
    (
        Language::En,
        "reminder",
        include_str!("../templates/en/reminder.txt"),
    ),
    (
        Language::En,
        "complaint",
        include_str!("../templates/en/complaint.txt"),
    ),
];

/// The parts files.
pub(crate) const PART_FILES: &[(Language, &str)] = &[
    (Language::Nl, include_str!("../templates/nl/parts.txt")),
    (Language::En, include_str!("../templates/en/parts.txt")),
];

/// Every template and part, parsed and checked once.
#[derive(Debug)]
pub(crate) struct Catalogue {
    templates: HashMap<(TemplateId, Language), Template>,
    parts: HashMap<Language, Parts>,
}

impl Catalogue {
    pub(crate) fn template(&self, id: TemplateId, lang: Language) -> Option<&Template> {
        self.templates.get(&(id, lang))
    }

    pub(crate) fn parts(&self, lang: Language) -> Option<&Parts> {
        self.parts.get(&lang)
    }
}

fn broken(file: String, (line, problem): Located) -> Error {
    Error::TemplateBroken {
        file,
        line,
        problem,
    }
}

/// Parses and checks every file.
pub(crate) fn load() -> Result<Catalogue, Error> {
    let mut templates = HashMap::new();
    for id in TemplateId::ALL {
        for lang in Language::ALL {
            let file = format!("templates/{}/{}.txt", lang.as_str(), id.name());
            let (_, _, src) = FILES
                .iter()
                .find(|(l, name, _)| *l == lang && *name == id.name())
                .ok_or_else(|| broken(file.clone(), (0, "the file is missing".into())))?;
            let t = parse(src).map_err(|e| broken(file.clone(), e))?;
            check(id, &t).map_err(|p| broken(file.clone(), (0, p)))?;
            templates.insert((id, lang), t);
        }
    }
    let mut parts = HashMap::new();
    for (lang, src) in PART_FILES {
        let file = format!("templates/{}/parts.txt", lang.as_str());
        parts.insert(*lang, parse_parts(src).map_err(|e| broken(file, e))?);
    }
    Ok(Catalogue { templates, parts })
}

/// The catalogue, parsed on first use.
pub(crate) fn catalogue() -> Result<&'static Catalogue, Error> {
    static CATALOGUE: OnceLock<Result<Catalogue, Error>> = OnceLock::new();
    CATALOGUE.get_or_init(load).as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access() -> TemplateId {
        TemplateId::Request(Right::Access)
    }

    /// Parses and checks a letter text for the access letter, giving the
    /// problem's line and text.
    fn problem(src: &str) -> (usize, String) {
        match parse(src) {
            Err(e) => e,
            Ok(t) => (0, check(access(), &t).expect_err("the text was accepted")),
        }
    }

    #[test]
    fn every_template_and_part_file_parses_and_uses_only_its_own_names() {
        // The test over every file: each one parses, uses only the names
        // its letter may use, uses every name it must, and keeps names that
        // may be missing inside their sections; both languages have every
        // part. `load` is what the library runs on first use.
        let catalogue = load().unwrap_or_else(|e| panic!("{e}"));
        for id in TemplateId::ALL {
            for lang in Language::ALL {
                assert!(catalogue.template(id, lang).is_some(), "{id:?} {lang:?}");
            }
        }
        assert_eq!(FILES.len(), TemplateId::ALL.len() * Language::ALL.len());
        for lang in Language::ALL {
            let parts = catalogue.parts(lang).unwrap();
            for (key, _) in PARTS {
                assert!(!parts.get(key, &[]).is_empty(), "{key} in {lang:?}");
            }
        }
    }

    #[test]
    fn unknown_names_are_errors() {
        let (line, p) = problem("subject: S {org}\n\nDear {org}, see {deadlne}.\n{deadline}\n");
        assert_eq!(line, 3);
        assert!(p.contains("'deadlne' is not a name"), "{p}");
        // A name that exists but is not for this letter.
        let p = problem("subject: S\n\n{org} {deadline} {sent_on}\n").1;
        assert!(p.contains("'sent_on' is not for the access letter"), "{p}");
    }

    #[test]
    fn required_names_that_are_missing_are_errors() {
        let p = problem("subject: S\n\nDear {org}, no deadline here.\n").1;
        assert!(p.contains("must use '{deadline}'"), "{p}");
        // Inside a section it does not count: it might not be there.
        let p = problem("subject: S\n\n{org}\n{?holdings}\n{deadline}\n{/holdings}\n").1;
        assert!(p.contains("must use '{deadline}'"), "{p}");
    }

    #[test]
    fn optional_names_outside_their_section_are_errors() {
        let p = problem("subject: S\n\n{org} {deadline}\n{identity}\n").1;
        assert!(p.contains("'identity' may be missing"), "{p}");
        // Inside another section is not enough.
        let p = problem("subject: S\n\n{org} {deadline}\n{?holdings}{identity}{/holdings}\n").1;
        assert!(p.contains("'identity' may be missing"), "{p}");
        // Nor inside its own "absent" section.
        let p = problem("subject: S\n\n{org} {deadline}\n{!identity}{identity}{/identity}\n").1;
        assert!(p.contains("'identity' may be missing"), "{p}");
        let t =
            parse("subject: S\n\n{org} {deadline}\n{?identity}{identity}{/identity}\n").unwrap();
        assert_eq!(check(access(), &t), Ok(()));
    }

    #[test]
    fn conditions_are_not_texts_and_sections_need_a_reason() {
        let objection = TemplateId::Request(Right::Objection);
        let t = parse("subject: S\n\n{org} {deadline} {purposes} {direct_marketing}\n").unwrap();
        assert!(check(objection, &t).unwrap_err().contains("is a condition"));
        let t = parse("subject: S\n\n{org} {deadline} {purposes}\n{?org}x{/org}\n").unwrap();
        assert!(check(objection, &t).unwrap_err().contains("always there"));
    }

    #[test]
    fn broken_syntax_is_an_error_with_its_line() {
        for (src, line, want) in [
            ("subject: S\n\n{org} } {deadline}\n", 3, "without its '{'"),
            ("subject: S\n\n{org {deadline}\n", 3, "without its '}'"),
            ("subject: S\n\n{org}\n{deadline\n}\n", 4, "without its '}'"),
            ("subject: S\n\n{Org}\n", 3, "not a tag"),
            ("subject: S\n\n{}\n", 3, "not a tag"),
            ("subject: S\n\n{?org x}\n", 3, "not a tag"),
            ("subject: S\n\n{?holdings}\n{org}\n", 3, "never closed"),
            ("subject: S\n\n{/holdings}\n", 3, "closes nothing"),
            (
                "subject: S\n\n{?holdings}{?identity}{/holdings}{/identity}\n",
                3,
                "still open",
            ),
            (
                "subject: S\n\n{?holdings}{?holdings}{/holdings}{/holdings}\n",
                3,
                "inside itself",
            ),
            ("# only a comment\n", 1, "empty"),
            ("Subject: S\n\n{org}\n", 1, "'subject: '"),
            ("subject: S\n{org}\n", 2, "must be empty"),
            ("subject: S\n\n\n", 1, "no text"),
            ("subject: S\r\n\r\n{org}\r\n", 0, "Windows"),
        ] {
            let (l, p) = parse(src).expect_err(src);
            assert!(p.contains(want), "{src:?}: {p}");
            assert_eq!(l, line, "{src:?}: {p}");
        }
    }

    #[test]
    fn a_line_with_only_a_section_tag_disappears() {
        struct V(bool);
        impl Values for V {
            fn text(&self, s: Slot) -> Option<&str> {
                match s {
                    Slot::Holdings if self.0 => Some("- a"),
                    Slot::Org => Some("Org"),
                    _ => None,
                }
            }
            fn holds(&self, s: Slot) -> bool {
                self.text(s).is_some()
            }
        }
        let t = parse("subject: S\n\nOne.\n{?holdings}\n\nHeld:\n{holdings}\n{/holdings}\n\nTwo {org}.{?holdings} More.{/holdings}\n")
            .unwrap();
        let mut with = String::new();
        render(&t.body, &V(true), &mut with).unwrap();
        assert_eq!(with, "One.\n\nHeld:\n- a\n\nTwo Org. More.\n");
        let mut without = String::new();
        render(&t.body, &V(false), &mut without).unwrap();
        assert_eq!(without, "One.\n\nTwo Org.\n");
    }

    #[test]
    fn parts_files_are_strict() {
        let full: String = PARTS
            .iter()
            .map(|(k, names)| {
                let vars: String = names.iter().map(|n| format!(" {{{n}}}")).collect();
                format!("{k} = x{vars}\n")
            })
            .collect();
        assert!(parse_parts(&full).is_ok());
        for (src, want) in [
            (format!("{full}closing = again\n"), "given twice"),
            (format!("{full}greeting = hello\n"), "not a part"),
            (
                full.replace("{category}", "{categry}"),
                "takes no value 'categry'",
            ),
            (full.replace(" {basis}", ""), "must use '{basis}'"),
            (full.replace("closing = x\n", ""), "'closing' is missing"),
            (
                full.replace("closing = x", "closing = {?x}y{/x}"),
                "no sections",
            ),
            (full.replace("closing = x", "closing x"), "'key = text'"),
        ] {
            let (_, p) = parse_parts(&src).expect_err(want);
            assert!(p.contains(want), "{want}: {p}");
        }
    }
}
