//! A letter as an e-mail: an `.eml` file the person opens in their mail
//! program, or a `mailto:` link that opens it with the text filled in.
//!
//! The `.eml` is an RFC 5322 message: a plain UTF-8 text body in
//! quoted-printable (readable in any editor, lines of at most 76
//! characters), non-ASCII header text as RFC 2047 encoded words, CRLF line
//! ends, and `X-Unsent: 1` so that mail programs open it as a draft to
//! send rather than as a message received. It has no `Message-ID`: the
//! mail program that sends it adds one.
//!
//! A `mailto:` link (RFC 6068) carries the subject and body
//! percent-encoded. Mail programs and operating systems cut long links
//! (Windows hands at most about 2,000 characters to the mail program), so
//! a link longer than [`MAILTO_MAX`] carries a short placeholder body
//! instead, and says so: the caller then puts the text on the clipboard or
//! offers the `.eml`.

use base64::Engine as _;
use chrono::{DateTime, FixedOffset};
use regie_model::EmailAddress;

use crate::error::Error;
use crate::letter::{Letter, LetterKind};

/// The longest `mailto:` link made with the full text.
pub const MAILTO_MAX: usize = 2000;

/// A `mailto:` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailto {
    /// The link.
    pub url: String,
    /// Whether it carries the whole letter. When not, its body asks the
    /// person to paste the letter, which the caller must then provide
    /// (the clipboard, or the `.eml`).
    pub complete: bool,
}

/// Characters allowed unquoted in an address (RFC 5322 `atext`, and `.`);
/// non-ASCII is allowed too (RFC 6532).
fn address_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c) || !c.is_ascii()
}

/// Checks that an address can stand as it is in a header and a link: a
/// dot-atom local part and domain, nothing that would need quoting.
fn usable(addr: &EmailAddress) -> Result<&str, Error> {
    let a = addr.as_str();
    let not_usable = || Error::AddressNotUsable(crate::error::clip(a));
    let (local, domain) = a.split_once('@').ok_or_else(not_usable)?;
    let dot_atom = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && !s.ends_with('.')
            && !s.contains("..")
            && s.chars()
                .all(|c| address_char(c) && !c.is_whitespace() && !c.is_control())
    };
    let domain_ok = domain.chars().all(|c| {
        c.is_ascii_alphanumeric() || c == '-' || c == '.' || (!c.is_ascii() && c.is_alphanumeric())
    });
    if dot_atom(local) && dot_atom(domain) && domain_ok {
        Ok(a)
    } else {
        Err(not_usable())
    }
}

/// RFC 2047 encoded words for a header text, each at most 75 characters,
/// joined by a folding line break.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| {
            format!(
                "=?UTF-8?B?{}?=",
                base64::engine::general_purpose::STANDARD.encode(w.as_bytes())
            )
        })
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// Header text that is plain ASCII and cannot be mistaken for an encoded
/// word.
fn plain_header_text(text: &str) -> bool {
    text.chars().all(|c| (' '..='~').contains(&c)) && !text.contains("=?")
}

/// An unstructured header (the subject): plain text folded at spaces, or
/// encoded words.
fn unstructured(name: &str, text: &str) -> String {
    if !plain_header_text(text) {
        return format!("{name}: {}\r\n", encoded_words(text));
    }
    let mut out = format!("{name}:");
    let mut line_len = out.len();
    for word in text.split(' ') {
        if line_len + 1 + word.len() > 78 && line_len > name.len() + 1 {
            out.push_str("\r\n");
            line_len = 0;
        }
        out.push(' ');
        out.push_str(word);
        line_len += 1 + word.len();
    }
    out.push_str("\r\n");
    out
}

/// A mailbox: `"Name" <address>`, the name quoted or encoded.
fn mailbox(name: Option<&str>, addr: &str) -> String {
    match name {
        None => format!("<{addr}>"),
        Some(n) if plain_header_text(n) => {
            format!(
                "\"{}\" <{addr}>",
                n.replace('\\', "\\\\").replace('"', "\\\"")
            )
        }
        Some(n) => format!("{}\r\n <{addr}>", encoded_words(n)),
    }
}

/// Quoted-printable (RFC 2045) of a text with `\n` line ends: lines end in
/// CRLF and are at most 76 characters, with soft breaks where needed.
pub(crate) fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        let bytes = line.as_bytes();
        let mut len = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let literal = match b {
                b'=' => false,
                b' ' | b'\t' => !last,
                // "From " and "." at the start of a line are encoded, so that
                // no mail store or old transport mistakes them.
                b'F' if i == 0 && line.starts_with("From ") => false,
                b'.' if i == 0 => false,
                33..=126 => true,
                _ => false,
            };
            let token = if literal {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if len + token.len() > 75 {
                out.push_str("=\r\n");
                len = 0;
            }
            out.push_str(&token);
            len += token.len();
        }
        out.push_str("\r\n");
    }
    out
}

/// Percent-encoding for a `mailto:` link: everything but the unreserved
/// characters (and `@` in the address).
fn percent(s: &str, keep_at: bool) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_at && b == b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Letter {
    fn email_recipient(&self) -> Result<&str, Error> {
        if let LetterKind::Complaint { .. } = self.kind {
            let form = self.parts.get("ap.form", &[]);
            return Err(Error::ComplaintNotByEmail { form });
        }
        let to = self.to.as_ref().ok_or_else(|| Error::NoEmailAddress {
            recipient: self.recipient.first().cloned().unwrap_or_default(),
        })?;
        usable(to)
    }

    /// The letter as an `.eml` file (a draft e-mail) from `from`, dated
    /// `at`. The sender's name is the person's name if they chose to give
    /// it.
    pub fn to_eml(&self, from: &EmailAddress, at: DateTime<FixedOffset>) -> Result<Vec<u8>, Error> {
        let to = self.email_recipient()?;
        let from = usable(from)?;
        let mut m = String::new();
        m.push_str(&format!("Date: {}\r\n", at.to_rfc2822()));
        m.push_str(&format!(
            "From: {}\r\n",
            mailbox(self.signature.as_deref(), from)
        ));
        m.push_str(&format!(
            "To: {}\r\n",
            mailbox(self.recipient.first().map(String::as_str), to)
        ));
        m.push_str(&unstructured("Subject", &self.subject));
        m.push_str("MIME-Version: 1.0\r\n");
        m.push_str("Content-Type: text/plain; charset=utf-8\r\n");
        m.push_str("Content-Transfer-Encoding: quoted-printable\r\n");
        m.push_str(&format!("Content-Language: {}\r\n", self.lang.as_str()));
        m.push_str("X-Unsent: 1\r\n");
        m.push_str("\r\n");
        m.push_str(&quoted_printable(&self.message_text()));
        Ok(m.into_bytes())
    }

    /// The letter as a `mailto:` link ([`MAILTO_MAX`] explains when it is
    /// not complete).
    pub fn to_mailto(&self) -> Result<Mailto, Error> {
        let to = percent(self.email_recipient()?, true);
        let subject = percent(&self.subject, false);
        let crlf = |s: &str| s.replace('\n', "\r\n");
        let full = format!(
            "mailto:{to}?subject={subject}&body={}",
            percent(&crlf(&self.message_text()), false)
        );
        if full.len() <= MAILTO_MAX {
            return Ok(Mailto {
                url: full,
                complete: true,
            });
        }
        let paste = percent(&self.parts.get("mailto.paste", &[]), false);
        let url = [
            format!("mailto:{to}?subject={subject}&body={paste}"),
            format!("mailto:{to}?subject={subject}"),
            format!("mailto:{to}"),
        ]
        .into_iter()
        .find(|u| u.len() <= MAILTO_MAX)
        .unwrap_or_else(|| format!("mailto:{to}"));
        Ok(Mailto {
            url,
            complete: false,
        })
    }
}
