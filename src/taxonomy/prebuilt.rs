//! The built-in taxonomy's patterns of lines (dates, contact details, degrees; phrases build
//! theirs, `phrase_pattern`), and the reader's own, prepared when the program is built rather
//! than at every start: their syntax trees, the characters beyond ASCII their Unicode form
//! reads otherwise than their ASCII form (the reach, `lazy`), and their ASCII form as
//! forward and reverse DFAs.
//!
//! Parsing a pattern's text into the regex crate's syntax tree cost more than compiling the
//! tree into an automaton: 16 M of the 118 M instructions of a one-resume run went to parsing
//! the case-insensitive alternations of month names and degree spellings (issue 25). Then
//! compiling the trees was a third of a run, and parsing the Unicode form on the first line
//! with a bullet or a dash, only to learn its reach, a sixth. The file is written by a test
//! from the taxonomy as it is (`GAP_CHECK_REGENERATE=1 cargo test --lib prebuilt`), and the
//! same test fails when the file no longer matches the taxonomy (as `typos` keeps its
//! generated tables). A pattern whose text is not in the file — a taxonomy from
//! `--taxonomy DIR`, or one edited since — is parsed and compiled as before: the file only
//! ever saves time.
//!
//! The file: entries, each a form byte ([`Form`], [`REACH`], [`FORWARD_DFA`], [`REVERSE_DFA`]),
//! the pattern's text and what the form says: its tree in pre-order (see `encode`), its reach
//! or a DFA; numbers are little-endian `u32`.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex_automata::dfa::sparse;
use regex_automata::util::syntax;
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange};
use regex_syntax::hir::{Hir, Look, Repetition};

/// How a tree was parsed from its text ([`super::lazy::Pattern`] has both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Unicode off, any bytes: the ASCII form.
    Ascii = 0,
    /// Unicode on, over text: the form as written.
    Unicode = 1,
}

impl Form {
    /// How the parser reads a pattern's text into a tree of this form.
    pub fn syntax(self) -> syntax::Config {
        match self {
            Form::Ascii => syntax::Config::new().utf8(false).unicode(false),
            Form::Unicode => syntax::Config::new(),
        }
    }
}

static FILE: &[u8] = include_bytes!("prebuilt_trees.bin");

/// The form byte of an entry that holds the reach of a pattern's Unicode form (the
/// characters beyond ASCII its classes hold, [`super::lazy`]) instead of a tree.
const REACH: u8 = 2;
/// The form bytes of the forward and the reverse DFA of a text pattern's ASCII form,
/// serialised as `regex_automata` writes a sparse DFA (little-endian, no alignment needed).
const FORWARD_DFA: u8 = 3;
const REVERSE_DFA: u8 = 4;

/// A pattern's ASCII form as a searcher read from the file. A DFA built and minimised when
/// the program was built costs nothing to compile: compiling the ASCII forms of the patterns
/// of dates and degrees was a third of a one-resume run (issue 25). Sparse, the DFAs of all
/// of them take 590 KB; dense, several MB.
pub type Dfa = regex_automata::dfa::regex::Regex<sparse::DFA<&'static [u8]>>;

/// The prebuilt tree of `source` in `form`, if the built-in file has it.
pub fn tree(source: &str, form: Form) -> Option<Hir> {
    let mut encoded = *index().get(&(source.as_bytes(), form as u8))?;
    decode(&mut encoded, 0)
}

/// The reach of the Unicode form of `source`, if the built-in file has it: sorted, disjoint
/// ranges of characters, or `None` inside for every character beyond ASCII.
pub fn reach(source: &str) -> Option<Option<Vec<(char, char)>>> {
    let mut encoded = *index().get(&(source.as_bytes(), REACH))?;
    decode_reach(&mut encoded)
}

/// The prebuilt searcher of the ASCII form of the text pattern `source`, if the built-in file
/// has it and it reads (a file written by another version of `regex_automata` may not).
pub fn ascii_dfa(source: &str) -> Option<Dfa> {
    let index = index();
    let forward = index.get(&(source.as_bytes(), FORWARD_DFA))?;
    let reverse = index.get(&(source.as_bytes(), REVERSE_DFA))?;
    // SAFETY: the bytes are the binary's own (`include_bytes!`), written by this version of
    // regex_automata (`the_prebuilt_trees_are_those_of_the_built_in_taxonomy` fails when
    // they are not what it writes), and each DFA of the file passes the checked `from_bytes`
    // (`every_tree_reads_back_as_the_parser_builds_it`). The header, read here, names the
    // format's version. Checking every transition at each start cost 15% of a one-resume run.
    let (forward, _) = unsafe { sparse::DFA::from_bytes_unchecked(forward) }.ok()?;
    let (reverse, _) = unsafe { sparse::DFA::from_bytes_unchecked(reverse) }.ok()?;
    Some(regex_automata::dfa::regex::Builder::new().build_from_dfas(forward, reverse))
}

fn index() -> &'static Index<'static> {
    static INDEX: OnceLock<Index<'static>> = OnceLock::new();
    INDEX.get_or_init(|| read_index(FILE).unwrap_or_default())
}

/// Each tree's bytes, by the pattern's text and the form byte.
type Index<'a> = HashMap<(&'a [u8], u8), &'a [u8]>;

/// Where each entry's tree starts; `None` for a file that does not read whole.
fn read_index(mut file: &[u8]) -> Option<Index<'_>> {
    let mut index = HashMap::new();
    while !file.is_empty() {
        let form = take(&mut file, 1)?[0];
        let source_len = number(&mut file)?;
        let source = take(&mut file, source_len)?;
        let tree_len = number(&mut file)?;
        index.insert((source, form), take(&mut file, tree_len)?);
    }
    Some(index)
}

/// Appends one entry to a file.
#[cfg(test)]
fn write_entry(out: &mut Vec<u8>, source: &str, form: Form, hir: &Hir) {
    let mut tree = Vec::new();
    encode(hir, &mut tree);
    write_bytes(out, source, form as u8, &tree);
}

/// Appends the reach of a pattern's Unicode form.
#[cfg(test)]
fn write_reach(out: &mut Vec<u8>, source: &str, reach: Option<&[(char, char)]>) {
    let mut encoded = Vec::new();
    match reach {
        None => encoded.push(0),
        Some(ranges) => {
            encoded.push(1);
            put_char_ranges(&mut encoded, ranges.iter().copied());
        }
    }
    write_bytes(out, source, REACH, &encoded);
}

#[cfg(test)]
fn write_bytes(out: &mut Vec<u8>, source: &str, form: u8, encoded: &[u8]) {
    out.push(form);
    put(out, source.len());
    out.extend_from_slice(source.as_bytes());
    put(out, encoded.len());
    out.extend_from_slice(encoded);
}

fn decode_reach(bytes: &mut &[u8]) -> Option<Option<Vec<(char, char)>>> {
    match take(bytes, 1)?[0] {
        0 => Some(None),
        1 => Some(Some(char_ranges(bytes)?)),
        _ => None,
    }
}

/// Ranges of characters: their count, then each range's first and last character.
#[cfg(test)]
fn put_char_ranges(out: &mut Vec<u8>, ranges: impl ExactSizeIterator<Item = (char, char)>) {
    put(out, ranges.len());
    for (start, end) in ranges {
        put(out, start as usize);
        put(out, end as usize);
    }
}

fn char_ranges(bytes: &mut &[u8]) -> Option<Vec<(char, char)>> {
    let n = number(bytes)?;
    let mut ranges = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let start = char::from_u32(u32::try_from(number(bytes)?).ok()?)?;
        let end = char::from_u32(u32::try_from(number(bytes)?).ok()?)?;
        ranges.push((start, end));
    }
    Some(ranges)
}

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const UNICODE_CLASS: u8 = 2;
const BYTE_CLASS: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;
/// A repetition without an upper bound.
const UNBOUNDED: u32 = u32::MAX;
/// Deeper than any pattern the parser accepts (its nesting limit is 250).
const MAX_DEPTH: usize = 1000;

#[cfg(test)]
fn encode(hir: &Hir, out: &mut Vec<u8>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(literal) => {
            out.push(LITERAL);
            put(out, literal.0.len());
            out.extend_from_slice(&literal.0);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(UNICODE_CLASS);
            put_char_ranges(out, class.ranges().iter().map(|range| (range.start(), range.end())));
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(BYTE_CLASS);
            put(out, class.ranges().len());
            for range in class.ranges() {
                out.extend_from_slice(&[range.start(), range.end()]);
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            put(out, look.as_repr() as usize);
        }
        HirKind::Repetition(repetition) => {
            out.push(REPETITION);
            put(out, repetition.min as usize);
            put(out, repetition.max.unwrap_or(UNBOUNDED) as usize);
            out.push(u8::from(repetition.greedy));
            encode(&repetition.sub, out);
        }
        HirKind::Capture(capture) => {
            out.push(CAPTURE);
            put(out, capture.index as usize);
            let name = capture.name.as_deref().unwrap_or("");
            out.push(u8::from(capture.name.is_some()));
            put(out, name.len());
            out.extend_from_slice(name.as_bytes());
            encode(&capture.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) { CONCAT } else { ALTERNATION });
            put(out, subs.len());
            subs.iter().for_each(|sub| encode(sub, out));
        }
    }
}

/// Rebuilds a tree with the parser's own constructors, so its properties are computed as
/// the parser computes them; `None` for bytes that are not a tree.
fn decode(bytes: &mut &[u8], depth: usize) -> Option<Hir> {
    if depth > MAX_DEPTH {
        return None;
    }
    let sub = |bytes: &mut &[u8]| decode(bytes, depth + 1).map(Box::new);
    Some(match take(bytes, 1)?[0] {
        EMPTY => Hir::empty(),
        LITERAL => {
            let len = number(bytes)?;
            Hir::literal(take(bytes, len)?)
        }
        UNICODE_CLASS => {
            let ranges = char_ranges(bytes)?.into_iter().map(|(start, end)| ClassUnicodeRange::new(start, end));
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        BYTE_CLASS => {
            let n = number(bytes)?;
            let pairs = take(bytes, n.checked_mul(2)?)?;
            let ranges = pairs.chunks_exact(2).map(|pair| ClassBytesRange::new(pair[0], pair[1]));
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        LOOK => Hir::look(Look::from_repr(u32::try_from(number(bytes)?).ok()?)?),
        REPETITION => {
            let min = u32::try_from(number(bytes)?).ok()?;
            let max = u32::try_from(number(bytes)?).ok()?;
            let greedy = take(bytes, 1)?[0] == 1;
            let max = (max != UNBOUNDED).then_some(max);
            Hir::repetition(Repetition { min, max, greedy, sub: sub(bytes)? })
        }
        CAPTURE => {
            let index = u32::try_from(number(bytes)?).ok()?;
            let named = take(bytes, 1)?[0] == 1;
            let len = number(bytes)?;
            let name = std::str::from_utf8(take(bytes, len)?).ok()?;
            let name = named.then(|| name.into());
            Hir::capture(Capture { index, name, sub: sub(bytes)? })
        }
        kind @ (CONCAT | ALTERNATION) => {
            let n = number(bytes)?;
            let mut subs = Vec::with_capacity(n.min(bytes.len()));
            for _ in 0..n {
                subs.push(decode(bytes, depth + 1)?);
            }
            if kind == CONCAT {
                Hir::concat(subs)
            } else {
                Hir::alternation(subs)
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
fn put(out: &mut Vec<u8>, n: usize) {
    let n = u32::try_from(n).expect("a pattern's tree is far below 4 GiB");
    out.extend_from_slice(&n.to_le_bytes());
}

fn number(bytes: &mut &[u8]) -> Option<usize> {
    let four = take(bytes, 4)?;
    usize::try_from(u32::from_le_bytes(four.try_into().ok()?)).ok()
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if bytes.len() < n {
        return None;
    }
    let (head, rest) = bytes.split_at(n);
    *bytes = rest;
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file as the built-in taxonomy and the program make it now: for every pattern of
    /// lines, its ASCII form (if it has one), its form as written, and that form's reach.
    fn generate() -> Vec<u8> {
        let taxonomy = crate::taxonomy::Taxonomy::embedded().expect("the built-in taxonomy loads");
        let mut out = Vec::new();
        let lines = taxonomy.line_patterns().map(|p| p.source());
        let own = super::super::contact::PATTERNS;
        for source in lines.chain([taxonomy.degrees.postings_source()]).chain(own) {
            if let Ok(hir) = syntax::parse_with(source, &Form::Ascii.syntax()) {
                write_entry(&mut out, source, Form::Ascii, &hir);
                let (forward, reverse) = build_dfas(source);
                write_bytes(&mut out, source, FORWARD_DFA, &forward);
                write_bytes(&mut out, source, REVERSE_DFA, &reverse);
            }
            let hir = syntax::parse_with(source, &Form::Unicode.syntax()).expect("the pattern parses");
            write_entry(&mut out, source, Form::Unicode, &hir);
            write_reach(&mut out, source, super::super::lazy::UnicodeReach::ranges_of(&hir).as_deref());
        }
        out
    }

    /// The forward and reverse DFAs of a text pattern's ASCII form, as `lazy::Pattern`
    /// compiles that form: leftmost-first, never an empty match inside a character, anchored
    /// searches too (a phrase is tried at each word's start).
    fn build_dfas(source: &str) -> (Vec<u8>, Vec<u8>) {
        use regex_automata::dfa::{dense, StartKind};
        use regex_automata::{nfa::thompson, MatchKind};
        let regex = regex_automata::dfa::regex::Builder::new()
            .syntax(Form::Ascii.syntax())
            .thompson(thompson::Config::new().utf8(true))
            .dense(dense::Config::new().match_kind(MatchKind::LeftmostFirst).start_kind(StartKind::Both).minimize(true))
            .build(source)
            .expect("an ASCII form compiles to a DFA");
        let sparse =
            |dfa: &dense::DFA<Vec<u32>>| dfa.to_sparse().expect("a dense DFA is sparse too").to_bytes_little_endian();
        (sparse(regex.forward()), sparse(regex.reverse()))
    }

    #[test]
    fn the_prebuilt_trees_are_those_of_the_built_in_taxonomy() {
        let generated = generate();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/taxonomy/prebuilt_trees.bin");
        if std::env::var_os("GAP_CHECK_REGENERATE").is_some() {
            std::fs::write(path, &generated).expect("write prebuilt_trees.bin");
            eprintln!("wrote {path}: the next build includes it");
            return;
        }
        assert!(
            generated == FILE,
            "src/taxonomy/prebuilt_trees.bin does not match the taxonomy: run \
             `GAP_CHECK_REGENERATE=1 cargo test --lib prebuilt` and rebuild"
        );
    }

    #[test]
    fn every_tree_reads_back_as_the_parser_builds_it() {
        use regex_automata::dfa::Automaton;
        let index = read_index(FILE).expect("the file reads whole");
        assert!(index.len() >= 15, "{} entries", index.len());
        for &(source, form) in index.keys() {
            let source = std::str::from_utf8(source).unwrap();
            if form == FORWARD_DFA || form == REVERSE_DFA {
                let bytes = index[&(source.as_bytes(), form)];
                let (dfa, read) = sparse::DFA::from_bytes(bytes).expect("the DFA passes every check");
                assert_eq!(read, bytes.len(), "{source}: the DFA is the whole entry");
                assert!(dfa.pattern_len() == 1 && ascii_dfa(source).is_some(), "{source}");
                continue;
            }
            if form == REACH {
                let parsed = syntax::parse_with(source, &Form::Unicode.syntax()).unwrap();
                assert_eq!(reach(source), Some(super::super::lazy::UnicodeReach::ranges_of(&parsed)), "{source}");
                continue;
            }
            let form = [Form::Ascii, Form::Unicode].into_iter().find(|f| *f as u8 == form).expect("a known form");
            let parsed = syntax::parse_with(source, &form.syntax()).unwrap();
            assert!(tree(source, form) == Some(parsed), "{source}");
        }
    }

    /// Each prebuilt searcher finds what `regex` finds with its pattern, match for match, on
    /// every ASCII line of the fixtures' and the shared corpus' text resumes (on which the
    /// ASCII form is the one that reads).
    #[test]
    fn every_prebuilt_searcher_finds_what_regex_finds() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes");
        let mut lines: Vec<String> = std::fs::read_dir(fixtures)
            .unwrap()
            .flatten()
            .filter(|entry| entry.path().extension().is_some_and(|e| e == "txt"))
            .flat_map(|entry| {
                std::fs::read_to_string(entry.path()).unwrap_or_default().lines().map(String::from).collect::<Vec<_>>()
            })
            .collect();
        lines.extend(super::super::lazy::corpus_text_lines().iter().cloned());
        lines.retain(|line| line.is_ascii());
        let index = read_index(FILE).expect("the file reads whole");
        let (mut searchers, mut matches) = (0, 0);
        for &(source, _) in index.keys().filter(|&&(_, form)| form == FORWARD_DFA) {
            let source = std::str::from_utf8(source).unwrap();
            let dfa = ascii_dfa(source).expect("the searcher reads");
            let reference = regex::Regex::new(source).unwrap();
            for line in &lines {
                let found: Vec<_> = dfa.find_iter(line.as_bytes()).map(|m| m.range()).collect();
                let expected: Vec<_> = reference.find_iter(line).map(|m| m.range()).collect();
                assert_eq!(found, expected, "{source} on {line:?}");
                matches += found.len();
            }
            searchers += 1;
        }
        assert!(searchers >= 20 && matches >= 100, "{searchers} searchers, {matches} matches");
    }

    #[test]
    fn trees_of_every_kind_read_back_and_broken_bytes_read_as_none() {
        let cases = [
            (r"(?i)^(?P<year>\d{2,4})?\s*(?:é|ß|x+?)[^a-c]\b(a)$|\B\w{3}", Form::Unicode.syntax()),
            (r"(?i)^(?P<year>\d{2,4})?\s*(?:é|x+?)[^a-c]\b(a)$|\B[\x80-\xFF]", Form::Ascii.syntax()),
        ];
        for (source, config) in cases {
            let hir = syntax::parse_with(source, &config).unwrap();
            let mut encoded = Vec::new();
            encode(&hir, &mut encoded);
            assert!(decode(&mut encoded.as_slice(), 0) == Some(hir.clone()), "{hir:?}");
            for cut in 0..encoded.len() {
                let _ = decode(&mut &encoded[..cut], 0);
            }
            assert_eq!(decode(&mut &encoded[..encoded.len() - 1], 0), None);
        }
        assert_eq!(read_index(&[0, 9, 0, 0, 0]), None, "a text longer than the file");
        assert_eq!(decode_reach(&mut [1, 2, 0, 0, 0, 0x41, 0, 0, 0].as_slice()), None, "a range cut short");
        assert_eq!(decode_reach(&mut [1, 1, 0, 0, 0, 0, 0xD8, 0, 0, 0, 0xD8, 0, 0].as_slice()), None, "a surrogate");
    }
}
