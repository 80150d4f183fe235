//! Duplicates in one batch: the same resume given twice (a copy, or the PDF beside the DOCX)
//! would otherwise be ranked twice on a shortlist. Records are checked in input order, as
//! they are written and before any `--sort`, so the flag does not depend on thread timing or
//! on scores:
//!
//! - the first record of a file hash (`input.sha256`) or text hash (`input.text_sha256`)
//!   is the original and is not flagged;
//! - a later record with a file hash seen before is `same-file` as the first record of it;
//! - a later record of another file whose text hash was seen before is `same-text` as the
//!   first record of that text.
//!
//! Duplicates are still written (nothing is dropped), only flagged. Memory is two maps of
//! hashes to the first path, never the reports, so a batch stays streaming. Error records
//! have no text to compare and are left alone.

use std::collections::HashMap;
use std::sync::Arc;

use crate::report::{DuplicateBasis, DuplicateOf, Record};

/// A SHA-256 kept as its 32 bytes rather than 64 hex characters: half the memory per file.
type Digest = [u8; 32];

/// The first path seen of every file hash and text hash of a batch.
#[derive(Debug, Default)]
pub struct Duplicates {
    // The path is shared by both maps (`Arc`, so a Python binding can hold this across
    // threads).
    by_file: HashMap<Digest, Arc<str>>,
    by_text: HashMap<Digest, Arc<str>>,
}

impl Duplicates {
    pub fn new() -> Duplicates {
        Duplicates::default()
    }

    /// Sets `input.duplicate_of` on a report that repeats an earlier one, and remembers a
    /// report that does not as the original of its hashes.
    pub fn mark(&mut self, record: &mut Record) {
        if let Record::Report(report) = record {
            let input = &mut report.input;
            input.duplicate_of = self.check(&input.path, &input.sha256, &input.text_sha256);
        }
    }

    /// The earlier record that one with these hashes repeats, if any. A record whose file is
    /// new is remembered under its file hash even when its text repeats another's, so that a
    /// later byte-identical copy of it is named `same-file` as it, which is the exact truth.
    pub fn check(&mut self, path: &str, sha256: &str, text_sha256: &str) -> Option<DuplicateOf> {
        let (file, text) = (digest(sha256), digest(text_sha256));
        if let Some(first) = file.and_then(|k| self.by_file.get(&k)) {
            return Some(DuplicateOf { path: first.to_string(), basis: DuplicateBasis::SameFile });
        }
        let path: Arc<str> = Arc::from(path);
        if let Some(k) = file {
            self.by_file.insert(k, Arc::clone(&path));
        }
        if let Some(first) = text.and_then(|k| self.by_text.get(&k)) {
            return Some(DuplicateOf { path: first.to_string(), basis: DuplicateBasis::SameText });
        }
        if let Some(k) = text {
            self.by_text.insert(k, path);
        }
        None
    }
}

/// The bytes of a lowercase hex SHA-256; `None` for anything else (then nothing is compared
/// on it rather than two malformed values being taken for equal).
fn digest(hex: &str) -> Option<Digest> {
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in hex.as_bytes().chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{InputError, ReadError};
    use crate::report::ErrorReport;

    fn hash(n: u8) -> String {
        format!("{n:02x}").repeat(32)
    }

    fn flag(path: &str, basis: DuplicateBasis) -> Option<DuplicateOf> {
        Some(DuplicateOf { path: path.into(), basis })
    }

    #[test]
    fn the_first_of_each_hash_is_the_original_and_later_ones_name_it() {
        let mut d = Duplicates::new();
        // a.pdf; its byte copy; its text as a .txt; another resume; a copy of the .txt.
        assert_eq!(d.check("a.pdf", &hash(1), &hash(10)), None);
        assert_eq!(d.check("copy/a.pdf", &hash(1), &hash(10)), flag("a.pdf", DuplicateBasis::SameFile));
        assert_eq!(d.check("a.txt", &hash(2), &hash(10)), flag("a.pdf", DuplicateBasis::SameText));
        assert_eq!(d.check("b.pdf", &hash(3), &hash(11)), None);
        assert_eq!(d.check("copy/a.txt", &hash(2), &hash(10)), flag("a.txt", DuplicateBasis::SameFile));
        // The originals stay the originals.
        assert_eq!(d.check("b2.pdf", &hash(4), &hash(11)), flag("b.pdf", DuplicateBasis::SameText));
    }

    #[test]
    fn malformed_hashes_are_never_taken_for_equal() {
        let mut d = Duplicates::new();
        assert_eq!(d.check("a", "", "not hex"), None);
        assert_eq!(d.check("b", "", "not hex"), None);
        assert_eq!(d.check("c", &"zz".repeat(32), &hash(1)), None);
        assert_eq!(d.check("d", &"zz".repeat(32), &hash(1)), flag("c", DuplicateBasis::SameText));
        assert_eq!(digest(&"aB".repeat(32)), Some([0xab; 32]));
    }

    #[test]
    fn error_records_are_left_alone() {
        let mut d = Duplicates::new();
        let err = InputError { path: "x.txt".into(), reason: ReadError::Empty };
        let mut record = Record::Error(ErrorReport::new(&err));
        d.mark(&mut record);
        d.mark(&mut record);
        assert!(d.by_file.is_empty() && d.by_text.is_empty());
    }
}
