//! The texts a front end shows, read from its source: string literals in
//! Rust (and clap's help, the `///` lines of the argument types), string
//! literals and markup text in TypeScript and Svelte.
//!
//! This is a reader for the project's own code, not a full parser: it
//! knows enough of each language (comments, escapes, raw strings, char
//! literals, lifetimes) not to mistake code for text.

use std::path::{Path, PathBuf};

/// One text, where it stands.
#[derive(Debug, Clone)]
pub struct Found {
    /// The file, relative to the scanned root.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// The text.
    pub text: String,
    /// Whether it is a whole string literal (a label can only be one).
    pub whole: bool,
}

fn line_of(src: &str, at: usize) -> usize {
    src[..at].matches('\n').count() + 1
}

/// The string literals of Rust source, with escapes resolved as far as a
/// person would see them; `doc` adds the `///` lines as texts too.
pub fn rust(file: &str, src: &str, doc: bool) -> Vec<Found> {
    // Tests sit at the end of a file; their literals are not shown to anyone.
    let src = match src.find("#[cfg(test)]") {
        Some(i) => &src[..i],
        None => src,
    };
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = src[i..].find('\n').map_or(b.len(), |n| i + n);
                if doc && src[i..].starts_with("///") {
                    out.push(Found {
                        file: file.to_owned(),
                        line: line_of(src, i),
                        text: src[i + 3..end].trim().to_owned(),
                        whole: false,
                    });
                }
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = src[open + 1..]
                    .find(&close)
                    .map_or(b.len(), |n| open + 1 + n);
                out.push(Found {
                    file: file.to_owned(),
                    line: line_of(src, i),
                    text: src[open + 1..end].to_owned(),
                    whole: true,
                });
                i = end + close.len();
            }
            b'"' => {
                let start = i;
                let mut text = String::new();
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        match b.get(i + 1) {
                            Some(b'\n') => {
                                // A continued line: the break and the next
                                // line's indent are not part of the text.
                                i += 2;
                                while i < b.len() && (b[i] as char).is_whitespace() {
                                    i += 1;
                                }
                                continue;
                            }
                            Some(b'n') => text.push('\n'),
                            Some(b't') => text.push('\t'),
                            Some(c) => text.push(*c as char),
                            None => {}
                        }
                        i += 2;
                        continue;
                    }
                    let ch = src[i..].chars().next().unwrap();
                    text.push(ch);
                    i += ch.len_utf8();
                }
                out.push(Found {
                    file: file.to_owned(),
                    line: line_of(src, start),
                    text,
                    whole: true,
                });
                i += 1;
            }
            b'\'' => {
                // A char literal ('x', '\n', '"') or a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    i = src[i + 2..].find('\'').map_or(b.len(), |n| i + 2 + n + 1);
                } else {
                    let ch = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                    if b.get(i + 1 + ch) == Some(&b'\'') {
                        i += ch + 2;
                    } else {
                        i += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The string literals of TypeScript (or a Svelte component's script and
/// attributes), and for Svelte the text between tags.
pub fn typescript(file: &str, src: &str, markup: bool) -> Vec<Found> {
    let b = src.as_bytes();
    let script = scripts(src);
    let is_script = |at: usize| script.iter().any(|(o, c)| *o < at && at < *c);
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start: Option<usize> = None;
    let mut in_tag = false;
    let flush = |out: &mut Vec<Found>, from: Option<usize>, to: usize| {
        if let Some(f) = from {
            let t = src[f..to].trim();
            if !t.is_empty() {
                out.push(Found {
                    file: file.to_owned(),
                    line: line_of(src, f),
                    text: t.to_owned(),
                    whole: true,
                });
            }
        }
    };
    while i < b.len() {
        let c = b[i];
        if markup && src[i..].starts_with("<style") {
            flush(&mut out, text_start.take(), i);
            i = src[i..].find("</style>").map_or(b.len(), |n| i + n + 8);
            continue;
        }
        if src[i..].starts_with("<!--") {
            flush(&mut out, text_start.take(), i);
            i = src[i..].find("-->").map_or(b.len(), |n| i + n + 3);
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') && (in_tag || !markup || is_script(i)) {
            flush(&mut out, text_start.take(), i);
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            flush(&mut out, text_start.take(), i);
            i = src[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            continue;
        }
        if matches!(c, b'\'' | b'"' | b'`') && (!markup || is_script(i) || (in_tag && c != b'`')) {
            let start = i;
            let mut text = String::new();
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' && i + 1 < b.len() {
                    let ch = src[i + 1..].chars().next().unwrap();
                    text.push(ch);
                    i += 1 + ch.len_utf8();
                    continue;
                }
                let ch = src[i..].chars().next().unwrap();
                text.push(ch);
                i += ch.len_utf8();
            }
            out.push(Found {
                file: file.to_owned(),
                line: line_of(src, start),
                text,
                whole: true,
            });
            i += 1;
            continue;
        }
        if markup && !is_script(i) {
            match c {
                b'<' => {
                    flush(&mut out, text_start.take(), i);
                    in_tag = true;
                }
                b'>' if in_tag => in_tag = false,
                b'{' => {
                    // An expression in the markup or in an attribute: its
                    // strings count, its code does not.
                    flush(&mut out, text_start.take(), i);
                    let mut depth = 0;
                    let mut end = i;
                    for (n, ch) in src[i..].char_indices() {
                        match ch {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            end = i + n;
                            break;
                        }
                    }
                    let line = line_of(src, i);
                    for mut f in typescript(file, &src[i + 1..end], false) {
                        f.line += line - 1;
                        out.push(f);
                    }
                    i = end + 1;
                    continue;
                }
                _ if !in_tag && text_start.is_none() && !c.is_ascii_whitespace() => {
                    text_start = Some(i)
                }
                _ => {}
            }
        }
        let ch = src[i..].chars().next().map_or(1, char::len_utf8);
        i += ch;
    }
    flush(&mut out, text_start, b.len());
    out
}

/// Where a Svelte file's `<script>` blocks are, as byte ranges.
fn scripts(src: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = src[from..].find("<script").map(|n| from + n) {
        let close = src[open..]
            .find("</script>")
            .map_or(src.len(), |n| open + n);
        out.push((open, close));
        from = close + 1;
        if from >= src.len() {
            break;
        }
    }
    out
}

/// Every file under `dir` (recursively) whose name ends with one of `ends`.
pub fn files(dir: &Path, ends: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name()
                .is_some_and(|n| n != "node_modules" && n != "generated")
            {
                out.extend(files(&p, ends));
            }
        } else if ends.iter().any(|end| p.to_string_lossy().ends_with(end)) {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every text the front ends under `root` show a person.
pub fn front_ends(root: &Path) -> Vec<Found> {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let mut out = Vec::new();
    for p in files(&root.join("crates/cli/src"), &[".rs"]) {
        let src = std::fs::read_to_string(&p).unwrap();
        // clap turns the `///` lines of the argument types into `--help`.
        let doc = src.contains("derive(") && (src.contains("Parser") || src.contains("Subcommand"));
        out.extend(rust(&rel(&p), &src, doc));
    }
    let summary = root.join("crates/prefs/src/summary.rs");
    out.extend(rust(
        &rel(&summary),
        &std::fs::read_to_string(&summary).unwrap(),
        false,
    ));
    for p in files(&root.join("ui/src"), &[".ts", ".svelte"]) {
        let name = p.to_string_lossy();
        if name.ends_with(".test.ts") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        out.extend(typescript(&rel(&p), &src, name.ends_with(".svelte")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: Vec<Found>) -> Vec<String> {
        v.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn rust_literals_are_read_and_code_is_not() {
        let src = r####"
            // "not a text"
            /// Shown by clap.
            fn f<'a>(x: &'a str) -> char { let q = '"'; let e = '\''; g("one \"two\"", r#"raw "three""#); 'x' }
            const T: (&str, &str) = ("een \
                twee", "three");
        "####;
        assert_eq!(
            texts(rust("f.rs", src, true)),
            [
                "Shown by clap.",
                "one \"two\"",
                "raw \"three\"",
                "een twee",
                "three"
            ]
        );
        assert_eq!(texts(rust("f.rs", src, false)).len(), 4);
    }

    #[test]
    fn svelte_markup_text_and_script_strings_are_read() {
        let src = "<script lang=\"ts\">\n  // it's a comment\n  const a = 'Offers';\n</script>\n\n<!-- Tips and nudges -->\n<h1 class=\"x\">{t('a.b')} Rustige uren</h1>\n<p>Aanbiedingen</p>\n";
        let got = texts(typescript("a.svelte", src, true));
        assert!(got.contains(&"Offers".to_owned()), "{got:?}");
        assert!(got.contains(&"Rustige uren".to_owned()), "{got:?}");
        assert!(got.contains(&"Aanbiedingen".to_owned()), "{got:?}");
        assert!(!got.iter().any(|t| t.contains("nudges")), "{got:?}");
        assert!(!got.iter().any(|t| t.contains("comment")), "{got:?}");
    }
}
