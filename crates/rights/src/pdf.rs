//! A letter as a PDF, fit for (registered) post.
//!
//! A4, for a Dutch window envelope: the common EA5/6 envelope (220 × 110
//! mm) has its 110 × 40 mm window 20 mm from the left and 15 mm from the
//! bottom, and takes an A4 folded in three. Folded, the letter can slide
//! up to 11 mm in the envelope, so the recipient's address goes where the
//! window shows it either way: from 55.5 mm to 84 mm from the top of the
//! page, 24 mm from the left, at most [`WINDOW_LINES`] lines of at most
//! 100 mm (seven in 10 points, eight in 9). The sender's name and address stand top right, out of the
//! window; then the date, the subject in bold, the body, the closing, room
//! and a line for a signature, and the person's name. Small marks on the
//! left edge show where to fold. Longer letters continue on more pages,
//! numbered.
//!
//! The text is set in Regie Sans, a subset of DejaVu Sans shipped with
//! the crate (`fonts/PROVENANCE.md`), embedded whole in every PDF, so the
//! letter looks the same everywhere and needs no font on the machine. Text
//! is written as glyph ids with a `ToUnicode` map, so it can be searched,
//! copied and read aloud. A character the font lacks is an error
//! ([`Error::Unprintable`]), never a box or a gap.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use regie_model::Language;

use crate::error::{Error, Whose};
use crate::letter::Letter;

/// The most lines of the recipient's name and address in the window.
pub const WINDOW_LINES: usize = 8;
/// The most lines of the sender's name and address.
pub const SENDER_LINES: usize = 7;

const PT_PER_MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;

fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

const REGULAR_Z: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/RegieSans.ttf.z"));
const BOLD_Z: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/RegieSans-Bold.ttf.z"));

/// A font's metrics, read once.
struct Font {
    /// The font file as a zlib stream, embedded as it is.
    packed: &'static [u8],
    /// Its length unpacked.
    len: usize,
    name: &'static str,
    upem: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    bbox: [f32; 4],
    /// Character to glyph id and advance width (font units).
    glyphs: HashMap<char, (u16, u16)>,
}

fn damaged(detail: impl Into<String>) -> Error {
    Error::DataDamaged {
        what: "font",
        detail: detail.into(),
    }
}

impl Font {
    fn load(packed: &'static [u8], name: &'static str) -> Result<Font, Error> {
        let ttf = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, 4 << 20)
            .map_err(|e| damaged(format!("{name}: {e:?}")))?;
        let face = ttf_parser::Face::parse(&ttf, 0).map_err(|e| damaged(format!("{name}: {e}")))?;
        let mut glyphs = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    let Some(c) = char::from_u32(cp) else { return };
                    if let Some(g) = sub.glyph_index(cp) {
                        let adv = face.glyph_hor_advance(g).unwrap_or(0);
                        glyphs.insert(c, (g.0, adv));
                    }
                });
            }
        }
        if !glyphs.contains_key(&'a') {
            return Err(damaged(format!("{name}: no character map")));
        }
        let b = face.global_bounding_box();
        Ok(Font {
            packed,
            len: ttf.len(),
            name,
            upem: f32::from(face.units_per_em()),
            ascent: f32::from(face.ascender()),
            descent: f32::from(face.descender()),
            cap_height: f32::from(face.capital_height().unwrap_or(face.ascender())),
            bbox: [
                f32::from(b.x_min),
                f32::from(b.y_min),
                f32::from(b.x_max),
                f32::from(b.y_max),
            ],
            glyphs,
        })
    }

    /// Width in points at a size; characters the font lacks count 0 (they
    /// are refused before layout).
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| self.glyphs.get(&c).map_or(0, |g| u32::from(g.1)))
            .sum();
        units as f32 * size / self.upem
    }

    /// Per-mille width of a glyph, as PDF wants it.
    fn pdf_width(&self, advance: u16) -> f32 {
        f32::from(advance) * 1000.0 / self.upem
    }
}

fn fonts() -> Result<&'static (Font, Font), Error> {
    static FONTS: OnceLock<Result<(Font, Font), Error>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok((
                Font::load(REGULAR_Z, "RegieSans")?,
                Font::load(BOLD_Z, "RegieSans-Bold")?,
            ))
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// Something drawn on a page, in points from the top left.
enum Mark {
    Text {
        face: Face,
        size: f32,
        x: f32,
        y: f32,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
}

/// Breaks one line of text into lines no wider than `width`, at spaces
/// where it can and inside a word where it must; lines after the first
/// are `indent` narrower.
fn wrap(font: &Font, size: f32, text: &str, width: f32, indent: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    let mut avail = width;
    let space = font.width(" ", size);
    for word in text.split(' ') {
        let word_w = font.width(word, size);
        let gap = if line.is_empty() { 0.0 } else { space };
        if line_w + gap + word_w <= avail {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_w += gap + word_w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            avail = width - indent;
            line_w = 0.0;
        }
        if word_w <= avail {
            line.push_str(word);
            line_w = word_w;
            continue;
        }
        // A word wider than the line is broken wherever it must.
        for c in word.chars() {
            let c_w = font.width(c.encode_utf8(&mut [0; 4]), size);
            if line_w + c_w > avail && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                avail = width - indent;
                line_w = 0.0;
            }
            line.push(c);
            line_w += c_w;
        }
    }
    lines.push(line);
    lines
}

/// The lines of the recipient's block: the Netherlands is left off the
/// end of an address, since the letter is posted there.
fn window_lines(recipient: &[String]) -> Vec<String> {
    let mut lines = recipient.to_vec();
    if lines.len() > 1
        && lines.last().is_some_and(|l| {
            matches!(
                l.trim().to_lowercase().as_str(),
                "nederland" | "the netherlands" | "netherlands" | "niederlande" | "pays-bas"
            )
        })
    {
        lines.pop();
    }
    lines
}

struct Layout<'f> {
    regular: &'f Font,
    bold: &'f Font,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

const LEFT: f32 = 24.0;
const RIGHT: f32 = 186.0;
const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.0;
const TOP_NEXT: f32 = 25.0;
const BOTTOM: f32 = 270.0;

impl<'f> Layout<'f> {
    fn font(&self, face: Face) -> &'f Font {
        match face {
            Face::Regular => self.regular,
            Face::Bold => self.bold,
        }
    }

    fn mark(&mut self, m: Mark) {
        if let Some(p) = self.pages.last_mut() {
            p.push(m);
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = mm(TOP_NEXT);
    }

    /// Room for `height` points more on this page, or a new page.
    fn room(&mut self, height: f32) {
        if self.y + height > mm(BOTTOM) {
            self.new_page();
        }
    }

    /// A paragraph line of the body, wrapped; a line starting with "- "
    /// hangs its continuation lines under the text.
    fn body_line(&mut self, text: &str, face: Face, x: f32, width: f32) {
        let font = self.font(face);
        let indent = if text.starts_with("- ") {
            font.width("- ", BODY_SIZE)
        } else {
            0.0
        };
        for (i, l) in wrap(font, BODY_SIZE, text, width, indent)
            .into_iter()
            .enumerate()
        {
            self.room(BODY_LEADING);
            self.y += BODY_LEADING;
            let x = if i == 0 { x } else { x + indent };
            self.mark(Mark::Text {
                face,
                size: BODY_SIZE,
                x,
                y: self.y,
                text: l,
            });
        }
    }
}

/// A type size, its line distance, and the most lines set that way.
type Setting = (f32, f32, usize);

/// Lays out a block of address lines, wrapped to `width`, from `top`, in
/// the first setting whose lines it fits.
fn block(
    font: &Font,
    lines: &[String],
    (x, top, width): (f32, f32, f32),
    settings: &[Setting],
    whose: Whose,
) -> Result<Vec<Mark>, Error> {
    for &(size, leading, max) in settings {
        let wrapped: Vec<String> = lines
            .iter()
            .flat_map(|l| wrap(font, size, l, width, 0.0))
            .collect();
        if wrapped.len() <= max {
            return Ok(wrapped
                .into_iter()
                .enumerate()
                .map(|(i, text)| Mark::Text {
                    face: Face::Regular,
                    size,
                    x,
                    y: top + size + i as f32 * leading,
                    text,
                })
                .collect());
        }
    }
    Err(Error::AddressTooLong {
        whose,
        max_lines: settings.iter().map(|s| s.2).max().unwrap_or(0),
    })
}

impl Letter {
    /// Every text that goes on the page, to check against the font.
    fn printed_texts(&self) -> Vec<&str> {
        let mut all: Vec<&str> = vec![&self.subject, &self.body, &self.closing, &self.date_text];
        all.extend(self.sender.iter().map(String::as_str));
        all.extend(self.recipient.iter().map(String::as_str));
        all.extend(self.signature.as_deref());
        all
    }

    /// The letter as a PDF.
    pub fn to_pdf(&self) -> Result<Vec<u8>, Error> {
        let (regular, bold) = fonts()?;
        let mut missing: Vec<char> = Vec::new();
        for text in self.printed_texts() {
            for c in text.chars().filter(|c| *c != '\n') {
                let printable = regular.glyphs.contains_key(&c) && bold.glyphs.contains_key(&c);
                if !printable && !missing.contains(&c) && missing.len() < 20 {
                    missing.push(c);
                }
            }
        }
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
                .collect();
            return Err(Error::Unprintable(list.join(", ")));
        }

        let mut l = Layout {
            regular,
            bold,
            pages: vec![Vec::new()],
            y: 0.0,
        };
        // Sender, top right; recipient, in the window.
        for m in block(
            regular,
            &self.sender,
            (mm(120.0), mm(15.0), mm(RIGHT - 120.0)),
            &[(10.0, 11.5, SENDER_LINES)],
            Whose::Sender,
        )? {
            l.mark(m);
        }
        // Seven lines in 10 points; eight (a British address with its
        // name) in 9 points, closer together.
        for m in block(
            regular,
            &window_lines(&self.recipient),
            (mm(LEFT), mm(55.5), mm(100.0)),
            &[(10.0, 11.5, 7), (9.0, 9.8, WINDOW_LINES)],
            Whose::Recipient,
        )? {
            l.mark(m);
        }
        // Fold marks for an A4 folded in three.
        for y in [99.0, 198.0] {
            l.mark(Mark::Rule {
                x1: mm(5.0),
                x2: mm(9.0),
                y: mm(y),
                width: 0.4,
            });
        }
        // Date and subject.
        l.y = mm(100.0);
        let date_label = format!("{}: ", self.parts.get("label.date", &[]));
        let subject_label = format!("{}: ", self.parts.get("label.subject", &[]));
        let label_w = regular
            .width(&date_label, BODY_SIZE)
            .max(regular.width(&subject_label, BODY_SIZE));
        l.y += BODY_LEADING;
        l.mark(Mark::Text {
            face: Face::Regular,
            size: BODY_SIZE,
            x: mm(LEFT),
            y: l.y,
            text: date_label.trim_end().to_owned(),
        });
        l.mark(Mark::Text {
            face: Face::Regular,
            size: BODY_SIZE,
            x: mm(LEFT) + label_w,
            y: l.y,
            text: self.date_text.clone(),
        });
        let subject_top = l.y;
        l.mark(Mark::Text {
            face: Face::Regular,
            size: BODY_SIZE,
            x: mm(LEFT),
            y: subject_top + BODY_LEADING,
            text: subject_label.trim_end().to_owned(),
        });
        l.body_line(
            &self.subject,
            Face::Bold,
            mm(LEFT) + label_w,
            mm(RIGHT - LEFT) - label_w,
        );
        l.y += BODY_LEADING;
        // The body.
        for line in self.body.split('\n') {
            if line.trim().is_empty() {
                // An empty line at the top of a new page would only push
                // the text down.
                if l.pages.len() > 1 && l.y <= mm(TOP_NEXT) {
                    continue;
                }
                l.room(BODY_LEADING);
                l.y += BODY_LEADING;
            } else {
                l.body_line(line, Face::Regular, mm(LEFT), mm(RIGHT - LEFT));
            }
        }
        // Closing, room to sign, a line, the name: kept together.
        let signature_gap = mm(18.0);
        l.room(BODY_LEADING * 3.0 + signature_gap);
        l.y += BODY_LEADING;
        l.body_line(&self.closing, Face::Regular, mm(LEFT), mm(RIGHT - LEFT));
        l.y += signature_gap;
        l.mark(Mark::Rule {
            x1: mm(LEFT),
            x2: mm(LEFT + 60.0),
            y: l.y,
            width: 0.5,
        });
        if let Some(name) = &self.signature {
            l.y += 2.0;
            l.body_line(name, Face::Regular, mm(LEFT), mm(RIGHT - LEFT));
        }
        // Page numbers, when there is more than one page.
        let count = l.pages.len();
        if count > 1 {
            for (i, page) in l.pages.iter_mut().enumerate() {
                let text = self.parts.get(
                    "label.page",
                    &[
                        ("page", &(i + 1).to_string()),
                        ("pages", &count.to_string()),
                    ],
                );
                let w = regular.width(&text, 9.0);
                page.push(Mark::Text {
                    face: Face::Regular,
                    size: 9.0,
                    x: mm(RIGHT) - w,
                    y: mm(287.0),
                    text,
                });
            }
        }
        Ok(write_pdf(self, regular, bold, &l.pages))
    }
}

/// The glyphs of a text as Identity-H codes (two bytes each), noting
/// which glyph shows which character.
fn encode(font: &Font, text: &str, used: &mut BTreeMap<u16, (char, u16)>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.chars() {
        if let Some(&(gid, adv)) = font.glyphs.get(&c) {
            used.entry(gid).or_insert((c, adv));
            out.extend_from_slice(&gid.to_be_bytes());
        }
    }
    out
}

fn write_pdf(letter: &Letter, regular: &Font, bold: &Font, pages: &[Vec<Mark>]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    // Five objects per font: Type0, CIDFont, descriptor, ToUnicode, file.
    let font_refs =
        |i: i32| -> [Ref; 5] { std::array::from_fn(|k| Ref::new(4 + i * 5 + k as i32)) };
    let faces = [
        (Face::Regular, regular, Name(b"F1")),
        (Face::Bold, bold, Name(b"F2")),
    ];
    let first_page = 14;
    let page_refs: Vec<(Ref, Ref)> = (0..pages.len() as i32)
        .map(|i| {
            (
                Ref::new(first_page + 2 * i),
                Ref::new(first_page + 2 * i + 1),
            )
        })
        .collect();

    let mut catalog_w = pdf.catalog(catalog);
    catalog_w.pages(tree);
    catalog_w.lang(TextStr(match letter.lang {
        Language::Nl => "nl-NL",
        Language::En => "en",
    }));
    catalog_w.finish();
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(pages.len() as i32);
    let mut info_w = pdf.document_info(info);
    info_w.title(TextStr(&letter.subject));
    info_w.producer(TextStr("Regie"));
    info_w.creator(TextStr("Regie"));
    info_w.creation_date(
        Date::new(u16::try_from(chrono::Datelike::year(&letter.date)).unwrap_or(2018))
            .month(chrono::Datelike::month(&letter.date) as u8)
            .day(chrono::Datelike::day(&letter.date) as u8),
    );
    info_w.finish();

    let mut used: [BTreeMap<u16, (char, u16)>; 2] = [BTreeMap::new(), BTreeMap::new()];
    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut c = Content::new();
        for mark in page {
            match mark {
                Mark::Text {
                    face,
                    size,
                    x,
                    y,
                    text,
                } => {
                    let (i, font, name) = match face {
                        Face::Regular => (0, regular, faces[0].2),
                        Face::Bold => (1, bold, faces[1].2),
                    };
                    let bytes = encode(font, text, &mut used[i]);
                    c.begin_text();
                    c.set_font(name, *size);
                    c.next_line(*x, PAGE_H - *y);
                    c.show(Str(&bytes));
                    c.end_text();
                }
                Mark::Rule { x1, x2, y, width } => {
                    c.set_line_width(*width);
                    c.move_to(*x1, PAGE_H - *y);
                    c.line_to(*x2, PAGE_H - *y);
                    c.stroke();
                }
            }
        }
        let data = c.finish();
        let mut p = pdf.page(*page_ref);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        p.parent(tree);
        p.contents(*content_ref);
        let mut resources = p.resources();
        let mut fonts = resources.fonts();
        for (i, (_, _, name)) in faces.iter().enumerate() {
            fonts.pair(*name, font_refs(i as i32)[0]);
        }
        fonts.finish();
        resources.finish();
        p.finish();
        pdf.stream(*content_ref, &data);
    }

    let info_sys = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    for (i, (_, font, _)) in faces.iter().enumerate() {
        let [type0, cid, descriptor, cmap_ref, file] = font_refs(i as i32);
        let base = Name(font.name.as_bytes());
        pdf.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap_ref);
        let mut cid_w = pdf.cid_font(cid);
        cid_w
            .subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(info_sys)
            .font_descriptor(descriptor)
            .default_width(font.pdf_width(font.glyphs.get(&' ').map_or(0, |g| g.1)))
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let mut widths = cid_w.widths();
        for (gid, (_, adv)) in &used[i] {
            widths.consecutive(*gid, [font.pdf_width(*adv)]);
        }
        widths.finish();
        cid_w.finish();
        let s = |v: f32| v * 1000.0 / font.upem;
        pdf.font_descriptor(descriptor)
            .name(base)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                s(font.bbox[0]),
                s(font.bbox[1]),
                s(font.bbox[2]),
                s(font.bbox[3]),
            ))
            .italic_angle(0.0)
            .ascent(s(font.ascent))
            .descent(s(font.descent))
            .cap_height(s(font.cap_height))
            .stem_v(if i == 0 { 80.0 } else { 140.0 })
            .font_file2(file);
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), info_sys);
        for (gid, (c, _)) in &used[i] {
            cmap.pair(*gid, *c);
        }
        let cmap_data = cmap.finish();
        pdf.cmap(cmap_ref, &cmap_data);
        pdf.stream(file, font.packed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), font.len as i32);
    }
    pdf.finish()
}
