//! PDF letters, read back with poppler (pdfinfo, pdffonts, pdftotext), an
//! independent PDF reader: valid, A4, fonts embedded, the letter's text,
//! and the address in the envelope's window.

use std::path::Path;
use std::process::Command;

use regie_model::{Language, OrgName};
use regie_rights::{write, Error, ErrorCode, LetterKind, Right, Whose};

use crate::common::*;

/// Runs a poppler tool on a PDF; poppler-utils comes from scripts/setup.sh.
/// pdftotext writes to standard output when told "-".
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args((tool == "pdftotext").then_some("-"))
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed (Debian's poppler-utils; scripts/setup.sh installs it): {e}")
        });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{tool}: {stderr}");
    // poppler reports damage it repaired on stderr.
    assert!(
        !stderr.contains("Error") && !stderr.contains("Warning"),
        "{tool}: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

fn info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn every_letter_is_a_valid_a4_pdf_with_its_text_and_embedded_fonts() {
    let dir = tempfile::tempdir().unwrap();
    for (name, kind) in kinds() {
        for lang in Language::ALL {
            let letter = write(&input(kind, lang)).unwrap();
            let pdf = letter.to_pdf().unwrap();
            let path = save(dir.path(), &format!("{name}-{}.pdf", lang.as_str()), &pdf);
            let info = info(&path);
            assert!(
                info.contains("Page size:       595.276 x 841.89 pts (A4)"),
                "{info}"
            );
            assert!(
                info.contains(&format!("Title:           {}", letter.subject())),
                "{info}"
            );
            let fonts = poppler("pdffonts", &[], &path);
            for f in ["RegieSans ", "RegieSans-Bold "] {
                let line = fonts
                    .lines()
                    .find(|l| l.starts_with(f))
                    .unwrap_or_else(|| panic!("{fonts}"));
                // Embedded, with a Unicode map.
                assert!(line.contains("Identity-H       yes no  yes"), "{line}");
            }
            // The text, as a reader extracts it, is the letter's text (page
            // numbers left out: a paragraph may run over a page break).
            let mut raw = poppler("pdftotext", &[], &path);
            let pages = raw.matches('\u{c}').count();
            for n in 1..=pages {
                let footer = match lang {
                    Language::Nl => format!("Pagina {n} van {pages}"),
                    Language::En => format!("Page {n} of {pages}"),
                };
                if pages > 1 {
                    assert!(raw.contains(&footer), "{name}: {footer}");
                }
                raw = raw.replace(&footer, "");
            }
            let text = squash(&raw);
            let mut expected: Vec<&str> =
                vec![letter.subject(), letter.closing(), letter.date_text()];
            expected.extend(letter.body().split("\n\n"));
            expected.extend(letter.sender().iter().map(String::as_str));
            expected.extend(letter.signature());
            for part in expected {
                assert!(
                    text.contains(&squash(part)),
                    "{name} {lang:?}: missing {part:?}"
                );
            }
        }
    }
}

/// The position of each word on the first page, in millimetres from the
/// top left, as pdftotext -bbox gives it.
fn words(path: &Path) -> Vec<(String, f32, f32, f32, f32)> {
    let html = poppler("pdftotext", &["-bbox", "-f", "1", "-l", "1"], path);
    let attr = |s: &str, name: &str| -> f32 {
        let from = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[from..from + s[from..].find('"').unwrap()]
            .parse::<f32>()
            .unwrap()
            * 25.4
            / 72.0
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let word = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_owned();
            (
                word,
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            )
        })
        .collect()
}

#[test]
fn the_recipients_address_sits_in_the_window_of_a_dutch_envelope() {
    let dir = tempfile::tempdir().unwrap();
    let mut i = input(
        LetterKind::Request {
            right: Right::Access,
            deadline: d(2026, 4, 7),
        },
        Language::Nl,
    );
    i.organisation.postal_address = vec![
        "T.a.v. de functionaris gegevensbescherming".into(),
        "Kerkstraat 12".into(),
        "1234 AB  Ergenshuizen".into(),
        "Nederland".into(),
    ];
    let path = save(
        dir.path(),
        "window.pdf",
        &write(&i).unwrap().to_pdf().unwrap(),
    );
    let words = words(&path);
    let find = |w: &str| {
        words
            .iter()
            .find(|x| x.0 == w)
            .unwrap_or_else(|| panic!("{w}: {words:?}"))
    };
    // The window of an EA5/6 envelope shows 20-130 mm from the left and,
    // however the folded letter slides, 55-84 mm from the top.
    for w in ["Boekhandel", "functionaris", "Kerkstraat", "Ergenshuizen"] {
        let (_, x0, y0, x1, y1) = *find(w);
        assert!(x0 >= 20.0 && x1 <= 130.0, "{w}: {x0}-{x1} mm");
        assert!(y0 >= 55.0 && y1 <= 84.0, "{w}: {y0}-{y1} mm");
    }
    // Posted in the Netherlands, the country is left off.
    assert!(!words.iter().any(|w| w.0 == "Nederland"));
    // The sender stands outside the window, top right.
    let (_, x0, _, _, y1) = *find("Dorpsstraat");
    assert!(x0 >= 110.0 && y1 <= 50.0, "{x0} {y1}");
}

#[test]
fn a_long_letter_runs_over_numbered_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut i = input(
        LetterKind::Request {
            right: Right::Rectification,
            deadline: d(2026, 4, 7),
        },
        Language::Nl,
    );
    i.details = Some(
        (1..=90)
            .map(|n| format!("Regel {n}: dit klopt niet en moet anders."))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let path = save(
        dir.path(),
        "long.pdf",
        &write(&i).unwrap().to_pdf().unwrap(),
    );
    let info = info(&path);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 3, "{pages}");
    let text = poppler("pdftotext", &[], &path);
    assert!(text.contains(&format!("Pagina {pages} van {pages}")));
    for n in [1, 45, 90] {
        assert!(text.contains(&format!("Regel {n}: dit klopt niet")), "{n}");
    }
}

#[test]
fn the_same_letter_makes_the_same_bytes() {
    let l = write(&input(kinds()[0].1, Language::En)).unwrap();
    assert_eq!(l.to_pdf().unwrap(), l.to_pdf().unwrap());
}

#[test]
fn characters_the_font_lacks_are_refused_by_name() {
    let mut i = input(kinds()[0].1, Language::Nl);
    i.organisation.name = OrgName::parse("株式会社パブマティック").unwrap();
    let l = write(&i).unwrap();
    match l.to_pdf() {
        Err(Error::Unprintable(chars)) => assert!(chars.contains("'株' (U+682A)"), "{chars}"),
        other => panic!("{other:?}"),
    }
    // Text and e-mail still work.
    assert!(l.to_text().contains("株式会社"));
    // Greek, Cyrillic and Central European names print.
    for name in [
        "Ελληνικά Ταχυδρομεία",
        "Български пощи",
        "Łódź Świętokrzyska",
        "Ștefan Țara",
    ] {
        i.organisation.name = OrgName::parse(name).unwrap();
        assert!(write(&i).unwrap().to_pdf().is_ok(), "{name}");
    }
}

#[test]
fn an_eight_line_address_still_fits_the_window_in_smaller_type() {
    // A British address: the name and seven lines.
    let dir = tempfile::tempdir().unwrap();
    let mut i = input(kinds()[0].1, Language::En);
    i.organisation.postal_address = [
        "The Studios",
        "Lea Hall Enterprise Park",
        "Wheelhouse Road",
        "Brereton, Rugeley",
        "Staffordshire",
        "WS15 1LH",
        "United Kingdom",
    ]
    .map(String::from)
    .to_vec();
    let path = save(
        dir.path(),
        "eight.pdf",
        &write(&i).unwrap().to_pdf().unwrap(),
    );
    let words = words(&path);
    for w in ["Boekhandel", "Studios", "Staffordshire", "Kingdom"] {
        let (_, x0, y0, x1, y1) = *words.iter().find(|x| x.0 == w).unwrap();
        assert!(x0 >= 20.0 && x1 <= 130.0, "{w}: {x0}-{x1} mm");
        assert!(y0 >= 55.0 && y1 <= 84.0, "{w}: {y0}-{y1} mm");
    }
}

#[test]
fn an_address_too_long_for_the_window_is_refused() {
    let mut i = input(kinds()[0].1, Language::Nl);
    i.organisation.postal_address = (1..=7).map(|n| format!("Adresregel {n}")).collect();
    i.organisation.name = OrgName::parse(&"Een heel lange naam ".repeat(6)).unwrap();
    let e = write(&i).unwrap().to_pdf().unwrap_err();
    assert_eq!(
        e,
        Error::AddressTooLong {
            whose: Whose::Recipient,
            max_lines: 8
        }
    );
    assert_eq!(e.code(), ErrorCode::AddressTooLong);
    // The sender's block has room for seven lines.
    let mut i = input(kinds()[0].1, Language::Nl);
    i.person.postal_address = (1..=7).map(|n| format!("Regel {n}")).collect();
    assert_eq!(
        write(&i).unwrap().to_pdf().unwrap_err(),
        Error::AddressTooLong {
            whose: Whose::Sender,
            max_lines: 7
        }
    );
}
