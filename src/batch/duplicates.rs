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
//! Duplicates are still written (nothing is dropped), only flagged. Memory is what a batch
//! must remember to find a repeat anywhere in it, never the reports, so a batch stays
//! streaming: for each original, 16 bytes of each of its two hashes and its path, stored as
//! what it does not share with the path before it (a folder's files share all but their
//! names). Some 60 to 110 bytes a resume (the hash tables grow by doubling), against some 200
//! when each entry held its whole digest and its own copy of the path (issue 25's memory row).

use std::collections::HashMap;

use crate::report::{DuplicateBasis, DuplicateOf, Record};

/// The first 16 bytes of a SHA-256. Two different files share them with a chance of 2^-128
/// a pair, so a batch of any size flags no false duplicate, at half the memory of the digest.
type Key = [u8; 16];

/// The first path seen of every file hash and text hash of a batch.
#[derive(Debug, Default)]
pub struct Duplicates {
    by_file: HashMap<Key, u32>,
    by_text: HashMap<Key, u32>,
    originals: Paths,
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
        let (file, text) = (key(sha256), key(text_sha256));
        if let Some(&first) = file.and_then(|k| self.by_file.get(&k)) {
            return Some(self.duplicate_of(first, DuplicateBasis::SameFile));
        }
        let first_of_text = text.and_then(|k| self.by_text.get(&k).copied());
        // The path is kept only when a later record may name it.
        let remembered = match (file, first_of_text, text) {
            (None, Some(_), _) | (None, None, None) => None,
            _ => self.originals.push(path),
        };
        if let (Some(k), Some(index)) = (file, remembered) {
            self.by_file.insert(k, index);
        }
        match first_of_text {
            Some(first) => Some(self.duplicate_of(first, DuplicateBasis::SameText)),
            None => {
                if let (Some(k), Some(index)) = (text, remembered) {
                    self.by_text.insert(k, index);
                }
                None
            }
        }
    }

    fn duplicate_of(&self, original: u32, basis: DuplicateBasis) -> DuplicateOf {
        DuplicateOf { path: self.originals.get(original), basis }
    }
}

/// The leading bytes of a hex SHA-256 (in either letter case); `None` for anything else (then nothing is
/// compared on it rather than two malformed values being taken for equal).
fn key(hex: &str) -> Option<Key> {
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 16];
    for (slot, pair) in out.iter_mut().zip(hex.as_bytes().chunks(2)) {
        *slot = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

/// Paths in the order they were added, each stored as the length of the prefix it shares
/// with the path before it and the bytes that follow (lengths as LEB128 varints). Every
/// [`Paths::BLOCK`]th path is stored whole, so that reading one decodes at most a block.
#[derive(Debug, Default)]
struct Paths {
    bytes: Vec<u8>,
    /// Where each block's first (whole) path starts in `bytes`.
    blocks: Vec<usize>,
    last: Vec<u8>,
    count: u32,
}

impl Paths {
    const BLOCK: u32 = 16;

    /// Adds a path and returns its index; `None` once 2^32 paths are held.
    fn push(&mut self, path: &str) -> Option<u32> {
        let index = self.count;
        self.count = self.count.checked_add(1)?;
        let path = path.as_bytes();
        let shared = if index % Self::BLOCK == 0 {
            self.blocks.push(self.bytes.len());
            0
        } else {
            self.last.iter().zip(path).take_while(|(a, b)| a == b).count()
        };
        write_varint(&mut self.bytes, shared);
        write_varint(&mut self.bytes, path.len() - shared);
        self.bytes.extend_from_slice(&path[shared..]);
        self.last.clear();
        self.last.extend_from_slice(path);
        Some(index)
    }

    /// The path at `index` (one [`Paths::push`] returned).
    fn get(&self, index: u32) -> String {
        let mut at = self.blocks.get((index / Self::BLOCK) as usize).copied().unwrap_or(self.bytes.len());
        let mut path: Vec<u8> = Vec::new();
        for _ in 0..=index % Self::BLOCK {
            let (Some(shared), Some(rest)) = (read_varint(&self.bytes, &mut at), read_varint(&self.bytes, &mut at))
            else {
                break;
            };
            let end = (at + rest).min(self.bytes.len());
            path.truncate(shared);
            path.extend_from_slice(&self.bytes[at..end]);
            at = end;
        }
        // Whole paths were text, and a prefix shared as bytes rebuilds them byte for byte.
        String::from_utf8_lossy(&path).into_owned()
    }
}

fn write_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..usize::BITS).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        n |= usize::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
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
        assert_eq!(key(&"aB".repeat(32)), Some([0xab; 16]));
    }

    #[test]
    fn every_remembered_path_reads_back_as_it_was_given() {
        // Paths sharing a folder, sharing part of a multi-byte character (é and è share
        // their first byte), empty, longer than one varint byte, across several blocks.
        let long = format!("/data/{}/cv.pdf", "x".repeat(300));
        let mut given: Vec<String> =
            vec!["".into(), long.clone(), format!("{long}x"), "/data/é.txt".into(), "/data/è.txt".into()];
        given.extend((0..70).map(|i| format!("/data/batch/resume-{i}.txt")));
        given.extend(["/other/a.pdf".to_string(), "relative.md".to_string(), "/data/batch/resume-1.txt".to_string()]);
        let mut paths = Paths::default();
        let indices: Vec<u32> = given.iter().map(|p| paths.push(p).unwrap()).collect();
        assert_eq!(indices, (0..given.len() as u32).collect::<Vec<_>>());
        for (path, index) in given.iter().zip(indices) {
            assert_eq!(&paths.get(index), path, "index {index}");
        }
        // The folder's files cost their differing tail, not their whole path.
        assert!(paths.bytes.len() < given.iter().map(String::len).sum::<usize>() / 2, "{} bytes", paths.bytes.len());
    }

    #[test]
    fn a_duplicate_names_its_original_among_thousands() {
        // Hashes that differ in their leading bytes, as SHA-256s of different files do.
        let hash_of = |n: u64, kind: char| format!("{n:016x}{}", kind.to_string().repeat(48));
        let mut d = Duplicates::new();
        for i in 0..5000 {
            assert_eq!(d.check(&format!("/in/{i}/cv.txt"), &hash_of(i, 'a'), &hash_of(i, 'b')), None);
        }
        let copy = d.check("/late/copy.txt", &hash_of(4321, 'a'), &hash_of(4321, 'b'));
        assert_eq!(copy, flag("/in/4321/cv.txt", DuplicateBasis::SameFile));
        let resaved = d.check("/late/a.docx", &hash_of(9999, 'a'), &hash_of(17, 'b'));
        assert_eq!(resaved, flag("/in/17/cv.txt", DuplicateBasis::SameText));
        assert_eq!(d.check("/late/b.docx", &hash_of(10_000, 'a'), &hash_of(10_000, 'b')), None);
        // The key is the hashes' first 16 bytes: what differs only after them is one key.
        let same_lead = format!("{}{}", &hash_of(4321, 'a')[..32], "f".repeat(32));
        assert_eq!(d.check("/late/c.txt", &same_lead, "x"), flag("/in/4321/cv.txt", DuplicateBasis::SameFile));
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
