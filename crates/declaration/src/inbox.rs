//! The organisation's inbox URL: where a person's Regie sends their files.
//!
//! A declaration comes from outside, and the person's Regie will send
//! requests to the address it names, on its own, with the person's signed
//! files in them. So the address is held to one narrow form, and every
//! other form is refused with the reason (`docs/spec/declaration.md`,
//! section 9, argues each rule):
//!
//! - `https://` only: the files say who the customer is and what they
//!   chose, which no one on the way should read;
//! - no user name or password (`https://bank.example@evil.example/` looks
//!   like the bank's address and is not);
//! - a host name of at least two labels, in lower-case ASCII (an
//!   international name in its `xn--` form), not an IP address and not a
//!   name for the person's own computer (`localhost`);
//! - a port only if it is not the default 443, which is left out;
//! - a path of unreserved characters and `%XX` escapes, without `.` or
//!   `..` segments or empty ones;
//! - no query and no fragment.
//!
//! What is accepted has one spelling, so two declarations name the same
//! inbox only if their texts are equal.

use std::fmt;

use regie_model::Language;
use serde::{Serialize, Serializer};

/// The longest inbox URL, in characters.
pub const MAX_INBOX_CHARS: usize = 254;

/// An inbox URL in the one form Regie sends to.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct InboxUrl {
    text: String,
    /// Where the host ends (after `https://`).
    host_end: usize,
    /// Where the path starts.
    path_start: usize,
}

/// Why a text is not an inbox URL Regie sends to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InboxProblem {
    /// Longer than [`MAX_INBOX_CHARS`].
    #[error("it is longer than {MAX_INBOX_CHARS} characters")]
    TooLong,
    /// A space, a control character or a character outside ASCII.
    #[error("it has a space, a control character or a character outside ASCII; write an international name in its xn-- form and other characters as %XX")]
    Characters,
    /// Not `https://`.
    #[error("it does not start with https:// (in lower case); Regie sends files only over an encrypted connection")]
    NotHttps,
    /// A user name or password before the host.
    #[error("it has a user name or password before the host (an @), which a public address must not have and which can make an address look like another")]
    UserInfo,
    /// An IP address instead of a host name.
    #[error("it names an IP address; give the host name, which people can recognise and the server's certificate names")]
    IpAddress,
    /// A name for the person's own computer.
    #[error("its host is localhost, a name for the person's own computer, not the organisation's")]
    Localhost,
    /// A host name that is not one of at least two labels of lower-case
    /// letters, digits and hyphens.
    #[error("its host is not a host name of at least two parts, such as inbox.voorbeeldbank.nl, in lower-case letters, digits and hyphens")]
    Host,
    /// A port that is not a number from 1 to 65535 without leading zeros,
    /// or the default port 443 written out.
    #[error("its port is not a number from 1 to 65535 (leave out :443, the default)")]
    Port,
    /// No path (not even `/`).
    #[error("it has no path after the host; end it with at least /")]
    NoPath,
    /// A path with characters other than unreserved ones and `%XX`, or with
    /// `.`, `..` or empty segments.
    #[error(
        "its path may have only letters, digits, - . _ ~ / and %XX, and no ., .. or empty parts"
    )]
    Path,
    /// A query (`?`).
    #[error("it has a query (?...); the inbox is one fixed address")]
    Query,
    /// A fragment (`#`).
    #[error("it has a fragment (#...), which is never sent to a server")]
    Fragment,
}

impl InboxProblem {
    /// What is wrong, in `lang` (the English is the problem's own text).
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            InboxProblem::TooLong => format!("het is langer dan {MAX_INBOX_CHARS} tekens"),
            InboxProblem::Characters => "er staat een spatie, een stuurteken of een teken buiten ASCII in; schrijf een internationale naam in de vorm met xn-- en andere tekens als %XX".to_owned(),
            InboxProblem::NotHttps => "het begint niet met https:// (in kleine letters); Regie stuurt bestanden alleen over een versleutelde verbinding".to_owned(),
            InboxProblem::UserInfo => "er staat een gebruikersnaam of wachtwoord voor de servernaam (een @); dat hoort niet in een openbaar adres en kan een adres op een ander laten lijken".to_owned(),
            InboxProblem::IpAddress => "het noemt een IP-adres; geef de servernaam, die mensen herkennen en die in het certificaat van de server staat".to_owned(),
            InboxProblem::Localhost => "de servernaam is localhost, een naam voor de eigen computer van de persoon, niet die van de organisatie".to_owned(),
            InboxProblem::Host => "de servernaam is geen naam van minstens twee delen, zoals inbox.voorbeeldbank.nl, in kleine letters, cijfers en streepjes".to_owned(),
            InboxProblem::Port => "de poort is geen getal van 1 tot 65535 (laat :443 weg, dat is de standaard)".to_owned(),
            InboxProblem::NoPath => "er staat geen pad na de servernaam; eindig met minstens /".to_owned(),
            InboxProblem::Path => "in het pad mogen alleen letters, cijfers, - . _ ~ / en %XX staan, en geen ., .. of lege delen".to_owned(),
            InboxProblem::Query => "er staat een vraag (?...) in; de inbox is één vast adres".to_owned(),
            InboxProblem::Fragment => "er staat een fragment (#...) in, en dat wordt nooit naar een server gestuurd".to_owned(),
        }
    }
}

fn host_label_ok(label: &str) -> bool {
    let b = label.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

fn check_host(host: &str) -> Result<(), InboxProblem> {
    if host.starts_with('[') {
        return Err(InboxProblem::IpAddress);
    }
    let labels: Vec<&str> = host.split('.').collect();
    // Four numbers with dots, in any case, is an IPv4 address.
    if labels.len() == 4
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|c| c.is_ascii_digit()))
    {
        return Err(InboxProblem::IpAddress);
    }
    let lower = host.to_ascii_lowercase();
    if lower == "localhost" || lower.ends_with(".localhost") {
        return Err(InboxProblem::Localhost);
    }
    let top = labels.last().copied().unwrap_or_default();
    if host.len() > 253
        || labels.len() < 2
        || !labels.iter().all(|l| host_label_ok(l))
        // A top-level name has a letter; all digits would read as a number.
        || !top.bytes().any(|c| c.is_ascii_lowercase())
    {
        return Err(InboxProblem::Host);
    }
    Ok(())
}

fn check_port(port: &str) -> Result<(), InboxProblem> {
    let ok = !port.is_empty()
        && port.len() <= 5
        && !port.starts_with('0')
        && port.bytes().all(|c| c.is_ascii_digit())
        && port
            .parse::<u32>()
            .is_ok_and(|p| (1..=65535).contains(&p) && p != 443);
    if ok {
        Ok(())
    } else {
        Err(InboxProblem::Port)
    }
}

fn check_path(path: &str) -> Result<(), InboxProblem> {
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => i += 1,
            b'%' if b.len() > i + 2
                && b[i + 1..i + 3]
                    .iter()
                    .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c)) =>
            {
                i += 3
            }
            _ => return Err(InboxProblem::Path),
        }
    }
    // Segments between slashes: none empty (except the one after a final
    // slash), none "." or "..".
    let segments: Vec<&str> = path[1..].split('/').collect();
    let n = segments.len();
    for (k, s) in segments.iter().enumerate() {
        if (s.is_empty() && k + 1 < n) || *s == "." || *s == ".." {
            return Err(InboxProblem::Path);
        }
    }
    Ok(())
}

impl InboxUrl {
    /// Reads an inbox URL, refusing every form but the one of the module
    /// documentation.
    pub fn parse(text: &str) -> Result<InboxUrl, InboxProblem> {
        if text.chars().count() > MAX_INBOX_CHARS {
            return Err(InboxProblem::TooLong);
        }
        if !text.bytes().all(|c| c.is_ascii_graphic()) {
            return Err(InboxProblem::Characters);
        }
        let Some(rest) = text.strip_prefix("https://") else {
            return Err(InboxProblem::NotHttps);
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        if authority.contains('@') {
            return Err(InboxProblem::UserInfo);
        }
        // An IPv6 address is written in brackets, with colons inside.
        let (host, port) = if authority.starts_with('[') {
            return Err(InboxProblem::IpAddress);
        } else {
            match authority.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            }
        };
        check_host(host)?;
        if let Some(port) = port {
            check_port(port)?;
        }
        let after = &rest[authority_end..];
        if after.contains('#') {
            return Err(InboxProblem::Fragment);
        }
        if after.contains('?') {
            return Err(InboxProblem::Query);
        }
        if after.is_empty() {
            return Err(InboxProblem::NoPath);
        }
        check_path(after)?;
        let scheme = "https://".len();
        Ok(InboxUrl {
            text: text.to_owned(),
            host_end: scheme + host.len(),
            path_start: scheme + authority_end,
        })
    }

    /// The URL, as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The host name, to show the person where their files go.
    pub fn host(&self) -> &str {
        &self.text["https://".len()..self.host_end]
    }

    /// The port, if one is written (never 443).
    pub fn port(&self) -> Option<u16> {
        self.text[self.host_end..self.path_start]
            .strip_prefix(':')
            .and_then(|p| p.parse().ok())
    }

    /// The path, starting with `/`.
    pub fn path(&self) -> &str {
        &self.text[self.path_start..]
    }
}

impl fmt::Display for InboxUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for InboxUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InboxUrl({})", self.text)
    }
}

impl Serialize for InboxUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_form_is_read_with_its_parts() {
        let u = InboxUrl::parse("https://inbox.voorbeeldbank.example:8443/v1/inbox").unwrap();
        assert_eq!(u.host(), "inbox.voorbeeldbank.example");
        assert_eq!(u.port(), Some(8443));
        assert_eq!(u.path(), "/v1/inbox");
        let u = InboxUrl::parse("https://xn--bcher-kva.example/").unwrap();
        assert_eq!(
            (u.host(), u.port(), u.path()),
            ("xn--bcher-kva.example", None, "/")
        );
        assert!(InboxUrl::parse("https://a.example/in%20box/").is_ok());
    }

    #[test]
    fn every_other_form_is_refused_with_its_reason() {
        use InboxProblem as P;
        for (text, want) in [
            ("http://inbox.voorbeeldbank.example/", P::NotHttps),
            ("HTTPS://inbox.voorbeeldbank.example/", P::NotHttps),
            ("ftp://inbox.voorbeeldbank.example/", P::NotHttps),
            ("https://bank.example@evil.example/", P::UserInfo),
            ("https://user:secret@bank.example/", P::UserInfo),
            ("https://192.0.2.7/inbox", P::IpAddress),
            ("https://192.0.2.7:8443/inbox", P::IpAddress),
            ("https://[2001:db8::1]/inbox", P::IpAddress),
            ("https://localhost/inbox", P::Localhost),
            ("https://inbox.localhost/inbox", P::Localhost),
            ("https://inbox/", P::Host),
            ("https://Inbox.Voorbeeldbank.example/", P::Host),
            ("https://inbox.voorbeeldbank.example./", P::Host),
            ("https://-inbox.example/", P::Host),
            ("https://inbox.example.123/", P::Host),
            ("https://inbox.voorbeeldbank.example:443/", P::Port),
            ("https://inbox.voorbeeldbank.example:0/", P::Port),
            ("https://inbox.voorbeeldbank.example:08443/", P::Port),
            ("https://inbox.voorbeeldbank.example:70000/", P::Port),
            ("https://inbox.voorbeeldbank.example:/", P::Port),
            ("https://inbox.voorbeeldbank.example", P::NoPath),
            ("https://inbox.voorbeeldbank.example/v1/../admin", P::Path),
            ("https://inbox.voorbeeldbank.example/v1//inbox", P::Path),
            ("https://inbox.voorbeeldbank.example/./inbox", P::Path),
            ("https://inbox.voorbeeldbank.example/in;box", P::Path),
            ("https://inbox.voorbeeldbank.example/in%2", P::Path),
            ("https://inbox.voorbeeldbank.example/in%2f", P::Path),
            ("https://inbox.voorbeeldbank.example/inbox?utm=1", P::Query),
            ("https://inbox.voorbeeldbank.example/inbox#top", P::Fragment),
            ("https://inbox.voorbeeldbank.example/in box", P::Characters),
            ("https://inbox.voorbeeldbänk.example/", P::Characters),
        ] {
            assert_eq!(InboxUrl::parse(text), Err(want.clone()), "{text}");
            assert_ne!(want.message(Language::Nl), want.message(Language::En));
        }
        let long = format!("https://inbox.example/{}", "a".repeat(MAX_INBOX_CHARS));
        assert_eq!(InboxUrl::parse(&long), Err(P::TooLong));
    }
}
