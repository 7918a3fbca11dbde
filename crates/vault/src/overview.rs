//! The overview: every organisation with what it holds at a glance.
//!
//! It must stay quick for 1,000 organisations with 40 holdings each (the
//! figures are in docs/PERFORMANCE.md), so it reads the holdings in one
//! pass over a covering index and numbers each distinct text once, with a
//! hasher suited to those short keys.

use std::collections::HashMap;

use regie_model::DecisionState;

use crate::domain::OrgSummary;
use crate::error::Result;
use crate::lifecycle::Vault;
use crate::rows::{self, ORG_COLS};

impl Vault {
    /// The overview: every organisation with what it holds at a glance.
    pub fn organisations(&self) -> Result<Vec<OrgSummary>> {
        let c = self.connection();
        let mut out: Vec<OrgSummary> = Vec::new();
        let mut stmt = c.prepare_cached(&format!("SELECT {ORG_COLS}, contact, exempt_from_global FROM organisation ORDER BY name COLLATE NOCASE, id"))?;
        let mut rows = stmt.query([])?;
        let mut index = HashMap::new();
        while let Some(r) = rows.next()? {
            let org = rows::row_to_org(r)?;
            let contact: String = r.get(8)?;
            let contact = rows::parse_contact(&contact)?;
            index.insert(org.id.as_str().to_owned(), out.len());
            out.push(OrgSummary {
                org,
                categories: vec![],
                purposes: vec![],
                holdings: 0,
                switched_off: 0,
                blocked_cells: contact.blocked().len(),
                exempt_from_global: r.get::<_, i64>(9)? != 0,
            });
        }
        // 40 holdings for each of 1,000 organisations must stay quick, so
        // the loop copies no text per row. Rows come in any order (no
        // sort needed); categories, purposes and decisions come from a
        // small vocabulary, so each distinct text is numbered (and
        // checked) once, and each organisation collects numbers.
        let mut stmt =
            c.prepare_cached("SELECT org_id, category, purpose, decision FROM holding")?;
        let mut rows = stmt.query([])?;
        let mut vocab = Vocabulary::default();
        let mut sets: Vec<(Vec<u32>, Vec<u32>)> = vec![Default::default(); out.len()];
        let mut current: (Vec<u8>, Option<usize>) = (Vec::new(), None);
        while let Some(r) = rows.next()? {
            let org = row_bytes(r, 0)?;
            if org != current.0.as_slice() || current.0.is_empty() {
                let text =
                    std::str::from_utf8(org).map_err(|e| rusqlite::Error::Utf8Error(0, e))?;
                current = (org.to_vec(), index.get(text).copied());
            }
            let Some(i) = current.1 else { continue };
            let category = vocab.number(r, 1)?;
            let purpose = vocab.number(r, 2)?;
            let decision = vocab.number(r, 3)?;
            sets[i].0.push(category);
            sets[i].1.push(purpose);
            out[i].holdings += 1;
            if vocab.switched_off[decision as usize] {
                out[i].switched_off += 1;
            }
        }
        let (names, rank) = vocab.sorted();
        let texts = |numbers: &[u32]| -> Vec<String> {
            let mut ranks: Vec<u32> = numbers.iter().map(|&n| rank[n as usize]).collect();
            ranks.sort_unstable();
            ranks.dedup();
            ranks
                .into_iter()
                .map(|k| names[k as usize].to_owned())
                .collect()
        };
        for (s, (cats, purposes)) in out.iter_mut().zip(sets) {
            s.categories = texts(&cats);
            s.purposes = texts(&purposes);
        }
        Ok(out)
    }
}

/// A text column's bytes, borrowed from the row.
fn row_bytes<'r>(r: &'r rusqlite::Row<'_>, col: usize) -> rusqlite::Result<&'r [u8]> {
    let value = r.get_ref(col)?;
    match value {
        rusqlite::types::ValueRef::Text(t) => Ok(t),
        other => Err(rusqlite::Error::InvalidColumnType(
            col,
            r.as_ref().column_name(col).unwrap_or_default().into(),
            other.data_type(),
        )),
    }
}

/// The distinct texts of the overview's holding columns, numbered in the
/// order first seen, each checked as UTF-8 once.
#[derive(Default)]
struct Vocabulary {
    numbers: HashMap<Vec<u8>, u32, std::hash::BuildHasherDefault<Fnv1a>>,
    names: Vec<String>,
    /// Whether the text, read as a decision, switches processing off.
    switched_off: Vec<bool>,
}

/// FNV-1a, for the vocabulary's short keys: several times cheaper than the
/// default SipHash there, and the keys are the vault's own texts.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl Vocabulary {
    fn number(&mut self, r: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<u32> {
        let bytes = row_bytes(r, col)?;
        if let Some(&n) = self.numbers.get(bytes) {
            return Ok(n);
        }
        let text = std::str::from_utf8(bytes).map_err(|e| rusqlite::Error::Utf8Error(col, e))?;
        let n = self.names.len() as u32;
        self.names.push(text.to_owned());
        self.switched_off
            .push(matches!(DecisionState::parse(text), Some(s) if !s.permits_processing()));
        self.numbers.insert(bytes.to_vec(), n);
        Ok(n)
    }

    /// The texts in sorted order, and each number's rank in that order.
    fn sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (k, &n) in order.iter().enumerate() {
            rank[n as usize] = k as u32;
        }
        let mut names = self.names;
        let mut sorted = Vec::with_capacity(names.len());
        for &n in &order {
            sorted.push(std::mem::take(&mut names[n as usize]));
        }
        (sorted, rank)
    }
}
