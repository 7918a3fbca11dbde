//! A directory of organisations' privacy contacts, to start a request from.
//!
//! Regie ships the company database of datenanfragen.de / datarequests.org
//! (CC0; `data/PROVENANCE.md` says where it comes from and what was kept):
//! 3,069 organisations with the addresses a GDPR request goes to. Only the
//! fields a letter needs are kept, as a small tab-separated text file that
//! the build compresses into the library (about 190 kB of 600 kB) and this
//! module reads on first use. A record is a starting point, not the truth:
//! the person's own correction wins (the vault keeps it), and records that
//! nobody checked say so ([`Quality::note`]).
//!
//! Search is made for typing: every keystroke searches all records, by
//! name, by the names of what the organisation runs and by its web
//! address, ignoring case and accents ("Société" is found as "societe").
//! Results are ranked: the whole name, then the start of the name, then
//! the start of each typed word in the name's words, then text anywhere in
//! it; at each rank names before other names before web addresses, checked
//! records before unchecked ones, records for the Netherlands before
//! others, and shorter names first.

use std::sync::OnceLock;

use regie_model::{EmailAddress, OrgName, Text};
use serde::Serialize;

use crate::error::Error;
use crate::i18n::*;
use crate::letter::Organisation;

/// The credit line to show with the directory.
pub const CREDIT: Text = Text {
    nl: "Gegevens van organisaties: datenanfragen.de / datarequests.org (CC0)",
    en: "Organisation details: datenanfragen.de / datarequests.org (CC0)",
};

const PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/directory.tsv.z"));
const HEADER: &str = "# regie-directory 1\tslug\tname\tweb\temail\twebform\ttransport\tcountries\tquality\taddress\tother-names...";

/// How the record was made, best first (the database's own scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quality {
    /// Someone sent a request with these details, and it worked.
    Tested,
    /// Someone checked the details, usually on the organisation's site.
    Verified,
    /// Taken from another list, not checked for privacy requests.
    Imported,
    /// Collected by a program, not checked by anyone.
    Scraped,
}

impl Quality {
    fn parse(s: &str) -> Option<Quality> {
        match s {
            "tested" => Some(Quality::Tested),
            "verified" => Some(Quality::Verified),
            "imported" => Some(Quality::Imported),
            "scraped" => Some(Quality::Scraped),
            _ => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Quality::Tested => "tested",
            Quality::Verified => "verified",
            Quality::Imported => "imported",
            Quality::Scraped => "scraped",
        }
    }

    /// Whether a person checked the details.
    pub fn verified(self) -> bool {
        matches!(self, Quality::Tested | Quality::Verified)
    }

    /// What to tell the person about an unchecked record; `None` for a
    /// checked one.
    pub fn note(self) -> Option<Text> {
        match self {
            Quality::Tested | Quality::Verified => None,
            Quality::Imported => Some(DIRECTORY_IMPORTED),
            Quality::Scraped => Some(DIRECTORY_SCRAPED),
        }
    }
}

/// How the organisation prefers to get requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transport {
    /// By e-mail.
    Email,
    /// By post.
    Letter,
    /// Through its web form.
    Webform,
}

impl Transport {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Email => "email",
            Transport::Letter => "letter",
            Transport::Webform => "webform",
        }
    }
}

/// One organisation in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its stable key in the database, e.g. `abn-amro`.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Services and companies it runs (and answers for).
    pub other_names: Vec<String>,
    /// Its web site.
    pub web: Option<String>,
    /// The e-mail address for privacy requests.
    pub email: Option<EmailAddress>,
    /// The web form for privacy requests.
    pub webform: Option<String>,
    /// How it prefers to get requests (the database's default when it
    /// says nothing: e-mail when there is an address, otherwise post).
    pub transport: Transport,
    /// The countries the record is for (ISO 3166 codes, or `all`).
    pub countries: Vec<String>,
    /// How the record was made.
    pub quality: Quality,
    /// Its postal address, one line per element.
    pub address: Vec<String>,
}

impl Entry {
    /// The organisation as a letter addresses it.
    pub fn organisation(&self) -> Result<Organisation, Error> {
        let name = OrgName::parse(&self.name).ok_or_else(|| Error::DataDamaged {
            what: "directory",
            detail: format!("{}: the name cannot be used", self.slug),
        })?;
        Ok(Organisation {
            name,
            postal_address: self.address.clone(),
            email: self.email.clone(),
        })
    }

    /// Whether the record is for people in the Netherlands (or everyone).
    pub fn for_netherlands(&self) -> bool {
        self.countries.iter().any(|c| c == "nl" || c == "all")
    }
}

/// Folds text for matching: lower case, accents off (Latin letters to
/// their base letters, "ß" to "ss", "æ" to "ae"), apostrophes dropped,
/// anything else that is not a letter or digit a single space.
pub fn fold(s: &str) -> String {
    const TABLE: [(&str, &str); 24] = [
        ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"),
        ("Ææ", "ae"),
        ("ÇçĆćĈĉĊċČč", "c"),
        ("ĎďĐđÐð", "d"),
        ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
        ("ĜĝĞğĠġĢģ", "g"),
        ("ĤĥĦħ", "h"),
        ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"),
        ("Ĳĳ", "ij"),
        ("Ĵĵ", "j"),
        ("Ķķĸ", "k"),
        ("ĹĺĻļĽľĿŀŁł", "l"),
        ("ÑñŃńŅņŇňŉŊŋ", "n"),
        ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"),
        ("Œœ", "oe"),
        ("ŔŕŖŗŘř", "r"),
        ("ŚśŜŝŞşŠšſȘș", "s"),
        ("ß", "ss"),
        ("ŢţŤťŦŧȚț", "t"),
        ("Þþ", "th"),
        ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"),
        ("Ŵŵ", "w"),
        ("ÝýÿŶŷŸ", "y"),
        ("ŹźŻżŽž", "z"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if matches!(c, '\'' | '’' | '`' | '´') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
        } else if let Some((_, base)) = TABLE.iter().find(|(from, _)| from.contains(c)) {
            out.push_str(base);
            space = false;
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A folded text with where its words start.
#[derive(Debug)]
struct Key {
    text: String,
    words: Vec<usize>,
}

impl Key {
    fn new(s: &str) -> Key {
        let text = fold(s);
        let mut words = Vec::new();
        let mut prev_space = true;
        for (i, b) in text.bytes().enumerate() {
            if prev_space && b != b' ' {
                words.push(i);
            }
            prev_space = b == b' ';
        }
        Key { text, words }
    }

    /// How `query` (folded, with its words) matches this key, if at all.
    fn matches(&self, query: &str, tokens: &[&str]) -> Option<MatchKind> {
        if self.text == query {
            return Some(MatchKind::Exact);
        }
        if self.text.starts_with(query) {
            return Some(MatchKind::Prefix);
        }
        let mut next = 0;
        let all_words = tokens.iter().all(|t| {
            while next < self.words.len() {
                let w = self.words[next];
                next += 1;
                if self.text[w..].starts_with(t) {
                    return true;
                }
            }
            false
        });
        if all_words {
            return Some(MatchKind::Words);
        }
        self.text.contains(query).then_some(MatchKind::Contains)
    }
}

/// How a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The whole text.
    Exact,
    /// The start of the text.
    Prefix,
    /// The start of a word, for each word typed, in order.
    Words,
    /// Somewhere in the text.
    Contains,
}

/// What a search matched in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "field", content = "index")]
pub enum Matched {
    /// Its name.
    Name,
    /// One of the names of what it runs (the index in `other_names`).
    OtherName(usize),
    /// Its web address.
    Web,
}

/// One search result.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// The record.
    pub entry: &'a Entry,
    /// What matched.
    pub matched: Matched,
    /// How.
    pub kind: MatchKind,
}

/// The whole directory.
#[derive(Debug)]
pub struct Directory {
    entries: Vec<Entry>,
    keys: Vec<Vec<(Matched, Key)>>,
    /// Per record, what orders it among equal matches: unchecked, not
    /// for the Netherlands, the name's length.
    order: Vec<(bool, u8, usize)>,
}

fn damaged(line: usize, detail: &str) -> Error {
    Error::DataDamaged {
        what: "directory",
        detail: format!("line {line}: {detail}"),
    }
}

fn unescape(field: &str, line: usize) -> Result<String, Error> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            _ => return Err(damaged(line, "an unknown escape")),
        }
    }
    Ok(out)
}

fn web_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// Reads the directory's text.
pub(crate) fn parse(text: &str) -> Result<Directory, Error> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h == HEADER => {}
        _ => return Err(damaged(1, "not a Regie directory (version 1)")),
    }
    let mut entries = Vec::new();
    for (i, raw) in lines {
        let line = i + 1;
        let fields = raw
            .split('\t')
            .map(|f| unescape(f, line))
            .collect::<Result<Vec<_>, _>>()?;
        let [slug, name, web, email, webform, transport, countries, quality, address, other @ ..] =
            fields.as_slice()
        else {
            return Err(damaged(line, "too few fields"));
        };
        let nonempty = |s: &String| (!s.is_empty()).then(|| s.clone());
        if slug.is_empty()
            || !slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(damaged(line, "a bad key"));
        }
        if name.trim().is_empty() {
            return Err(damaged(line, "no name"));
        }
        let email = match email.as_str() {
            "" => None,
            e => Some(EmailAddress::parse(e).ok_or_else(|| damaged(line, "a bad e-mail address"))?),
        };
        let transport = match transport.as_str() {
            "email" => Transport::Email,
            "letter" => Transport::Letter,
            "webform" => Transport::Webform,
            "" if email.is_some() => Transport::Email,
            "" => Transport::Letter,
            _ => return Err(damaged(line, "an unknown way of sending")),
        };
        let quality = Quality::parse(quality).ok_or_else(|| damaged(line, "an unknown quality"))?;
        entries.push(Entry {
            slug: slug.clone(),
            name: name.clone(),
            other_names: other.iter().filter(|o| !o.is_empty()).cloned().collect(),
            web: nonempty(web),
            email,
            webform: nonempty(webform),
            transport,
            countries: countries
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            quality,
            address: address
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    let keys = entries
        .iter()
        .map(|e| {
            let mut k = vec![(Matched::Name, Key::new(&e.name))];
            for (i, o) in e.other_names.iter().enumerate() {
                k.push((Matched::OtherName(i), Key::new(o)));
            }
            if let Some(host) = e.web.as_deref().and_then(web_host) {
                k.push((Matched::Web, Key::new(&host)));
            }
            k
        })
        .collect();
    let order = entries
        .iter()
        .map(|e| {
            let country = if e.countries.iter().any(|c| c == "nl") {
                0
            } else if e.for_netherlands() {
                1
            } else {
                2
            };
            (!e.quality.verified(), country, e.name.chars().count())
        })
        .collect();
    Ok(Directory {
        entries,
        keys,
        order,
    })
}

/// The directory shipped with Regie, read on first use.
pub fn directory() -> Result<&'static Directory, Error> {
    static DIRECTORY: OnceLock<Result<Directory, Error>> = OnceLock::new();
    DIRECTORY
        .get_or_init(|| {
            let bytes = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(PACKED, 16 << 20)
                .map_err(|e| damaged(0, &format!("cannot unpack: {e:?}")))?;
            let text = String::from_utf8(bytes).map_err(|_| damaged(0, "not UTF-8"))?;
            parse(&text)
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Directory {
    /// How many organisations it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every record, sorted by key.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The record with this key.
    pub fn get(&self, slug: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// The best `limit` records for what the person typed, best first (the
    /// module documentation gives the order). Nothing for an empty query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let tokens: Vec<&str> = q.split(' ').collect();
        // Each hit with the whole of its place in the order, worked out once.
        type Rank = (MatchKind, u8, bool, u8, usize, usize);
        let mut hits: Vec<(Rank, Matched)> = Vec::new();
        for (i, keys) in self.keys.iter().enumerate() {
            let best = keys
                .iter()
                .filter_map(|(m, k)| k.matches(&q, &tokens).map(|kind| (kind, *m)))
                .min_by_key(|(kind, m)| (*kind, field_rank(*m)));
            if let Some((kind, m)) = best {
                let (unchecked, country, len) = self.order[i];
                hits.push(((kind, field_rank(m), unchecked, country, len, i), m));
            }
        }
        if hits.len() > limit {
            hits.select_nth_unstable_by_key(limit - 1, |h| h.0);
            hits.truncate(limit);
        }
        hits.sort_unstable_by_key(|h| h.0);
        hits.into_iter()
            .map(|((kind, _, _, _, _, i), matched)| Hit {
                entry: &self.entries[i],
                matched,
                kind,
            })
            .collect()
    }
}

fn field_rank(m: Matched) -> u8 {
    match m {
        Matched::Name => 0,
        Matched::OtherName(_) => 1,
        Matched::Web => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(lines: &[&str]) -> String {
        let mut s = format!("{HEADER}\n");
        for l in lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    const GOOD: &str = "a-b\tA B\thttps://www.a-b.example/x\tprivacy@a-b.example\t\t\tnl,de\tverified\tStraat 1\\n1234 AB  Plaats\tA-merk";

    #[test]
    fn a_good_record_reads_with_its_defaults() {
        let d = parse(&with(&[GOOD])).unwrap();
        let e = &d.entries()[0];
        assert_eq!(e.address, ["Straat 1", "1234 AB  Plaats"]);
        assert_eq!(e.other_names, ["A-merk"]);
        // No transport given, but an e-mail address: e-mail.
        assert_eq!(e.transport, Transport::Email);
        assert_eq!(e.countries, ["nl", "de"]);
        assert_eq!(d.search("a-b.example", 1)[0].matched, Matched::Web);
    }

    #[test]
    fn a_damaged_directory_is_an_error_naming_the_line() {
        let bad = |lines: &[&str]| match parse(&with(lines)) {
            Err(Error::DataDamaged { what, detail }) => {
                assert_eq!(what, "directory");
                detail
            }
            other => panic!("{other:?}"),
        };
        assert!(bad(&[GOOD, "x\ty"]).starts_with("line 3: too few fields"));
        assert!(bad(&[&GOOD.replace("verified", "great")]).contains("unknown quality"));
        assert!(bad(&[&GOOD.replace("\t\t\tnl", "\t\tfax\tnl")]).contains("way of sending"));
        assert!(bad(&[&GOOD.replace("privacy@", "privacy ")]).contains("e-mail"));
        assert!(bad(&[&GOOD.replace("\\n", "\\q")]).contains("escape"));
        assert!(bad(&[&GOOD.replace("a-b\t", "A B\t")]).contains("bad key"));
        assert!(matches!(
            parse("# regie-directory 2\n"),
            Err(Error::DataDamaged { .. })
        ));
        assert!(matches!(parse(""), Err(Error::DataDamaged { .. })));
    }
}
