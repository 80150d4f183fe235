//! `degrees.toml`: the one degree vocabulary. Every spelling of a degree with its level, and
//! the words that tell a degree line apart (schools, products, "expected", field openers),
//! checked on load and compiled into one pattern for resumes and one for postings.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lazy::Pattern;

use super::lazy::LazyRegex;
use regex_syntax::hir::{Class, Hir, HirKind};
use serde::Deserialize;

use crate::error::TaxonomyError;
use crate::taxonomy::Degree;

pub const DEGREES_FILE: &str = "degrees.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DegreesFile {
    degree: Vec<Entry>,
    reading: Reading,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    /// Read as text, not as [`Degree`], so that a wrong level is an error naming the entry.
    level: String,
    #[serde(default)]
    spellings: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
    #[serde(default)]
    read_in: Option<Vec<String>>,
}

/// The words around degrees, lower case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub institution_words: Vec<String>,
    pub products_after: Vec<String>,
    pub in_progress: Vec<String>,
    pub field_openers: Vec<String>,
    pub field_enders: Vec<String>,
    pub after_heading: Vec<String>,
}

/// One spelling of a degree found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelled {
    pub level: Degree,
    /// An `exact` spelling: also a word, a state code or a product, so the reader checks
    /// that a degree is meant.
    pub exact: bool,
    pub span: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Meaning {
    level: Degree,
    exact: bool,
}

/// One spelling as listed, before it is compiled.
struct Listed<'a> {
    spelling: &'a str,
    exact: bool,
    resumes: bool,
    postings: bool,
}

/// Who reads with a spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Resume,
    Posting,
}

/// The loaded degree vocabulary, compiled.
#[derive(Debug, Clone)]
pub struct Degrees {
    /// Compiled on first use for the built-in file (the tests compile it), on load for a
    /// user's.
    resumes: LazyRegex,
    /// Compiled when a posting is first read: a run over resumes alone does not pay for it.
    /// Its spellings are escaped as the resumes' pattern's are, which compiled on load.
    postings_pattern: String,
    postings: OnceLock<Option<Pattern>>,
    /// Spellings in any letter case, by [`key`] in lower case.
    meanings: HashMap<String, Meaning>,
    /// `exact` spellings, by [`key`] in their own letter case.
    exact_meanings: HashMap<String, Meaning>,
    in_progress: LazyRegex,
    pub reading: Reading,
}

impl Degrees {
    pub fn from_toml(text: &str) -> Result<Degrees, TaxonomyError> {
        let file: DegreesFile = super::parse_toml(DEGREES_FILE, text)?;
        let err = |message: String| TaxonomyError::new(DEGREES_FILE, message);
        let mut meanings: HashMap<String, Meaning> = HashMap::new();
        let mut exact_meanings: HashMap<String, Meaning> = HashMap::new();
        // Letters of a spelling -> (degree, spelling, exact, the spelling's letters in case).
        let mut owner: HashMap<String, Vec<(String, String, bool, String)>> = HashMap::new();
        let mut names = std::collections::BTreeSet::new();
        let mut all: Vec<Listed> = Vec::new();
        for entry in &file.degree {
            let name = entry.name.trim();
            if name.is_empty() {
                return Err(err("a [[degree]] entry has an empty name".into()));
            }
            if !names.insert(name) {
                return Err(err(format!("degree '{name}' is listed twice")));
            }
            let level = match entry.level.as_str() {
                "associate" => Degree::Associate,
                "bachelor" => Degree::Bachelor,
                "master" => Degree::Master,
                "phd" => Degree::Phd,
                other => {
                    return Err(err(format!(
                        "degree '{name}': unknown level '{other}' (one of associate, bachelor, master, phd)"
                    )))
                }
            };
            if entry.spellings.is_empty() && entry.exact.is_empty() {
                return Err(err(format!("degree '{name}' has no spellings")));
            }
            let (mut resumes, mut postings) = (true, true);
            if let Some(read_in) = &entry.read_in {
                resumes = false;
                postings = false;
                for reader in read_in {
                    match reader.as_str() {
                        "resumes" => resumes = true,
                        "postings" => postings = true,
                        other => {
                            return Err(err(format!(
                                "degree '{name}': read_in '{other}' is neither 'resumes' nor 'postings'"
                            )))
                        }
                    }
                }
                if read_in.is_empty() {
                    return Err(err(format!("degree '{name}': read_in is empty")));
                }
            }
            let spellings = entry.spellings.iter().map(|s| (s, false)).chain(entry.exact.iter().map(|s| (s, true)));
            for (spelling, exact) in spellings {
                if spelling.trim() != spelling || !spelling.chars().any(char::is_alphabetic) {
                    return Err(err(format!(
                        "degree '{name}': spelling '{spelling}' must have letters and no surrounding spaces"
                    )));
                }
                // Spellings in any case clash with any spelling of the same letters; two exact
                // ones only when their letter case is the same too ("BSc" and "BSC" do not).
                let (lower, cased) = (key(spelling, false), key(spelling, true));
                let listed = owner.entry(lower.clone()).or_default();
                if let Some((other, first, _, _)) =
                    listed.iter().find(|(_, _, was_exact, was_cased)| !exact || !*was_exact || *was_cased == cased)
                {
                    return Err(err(format!(
                        "degree '{name}': spelling '{spelling}' reads the same text as '{first}' of degree '{other}'"
                    )));
                }
                listed.push((name.to_string(), spelling.clone(), exact, cased.clone()));
                if exact {
                    exact_meanings.insert(cased, Meaning { level, exact });
                } else {
                    meanings.insert(lower, Meaning { level, exact });
                }
                all.push(Listed { spelling, exact, resumes, postings });
            }
        }
        let r = &file.reading;
        for (table, words) in [
            ("institution_words", &r.institution_words),
            ("products_after", &r.products_after),
            ("in_progress", &r.in_progress),
            ("field_openers", &r.field_openers),
            ("field_enders", &r.field_enders),
            ("after_heading", &r.after_heading),
        ] {
            if words.is_empty() {
                return Err(err(format!("[reading] {table} is empty")));
            }
            if let Some(bad) = words.iter().find(|w| w.trim().is_empty() || w.trim() != *w || w.to_lowercase() != **w) {
                return Err(err(format!(
                    "[reading] {table}: '{bad}' must be a lower-case word or phrase without surrounding spaces"
                )));
            }
        }
        // Longest first: the pattern takes the first alternative that matches at a place, so
        // "Master of Science" wins over "master of", and "B.Sc" over "B.S".
        all.sort_by(|a, b| b.spelling.len().cmp(&a.spelling.len()).then(a.spelling.cmp(b.spelling)));
        let compile = |keep: &dyn Fn(&Listed) -> bool, what: &str| {
            let alternatives: Vec<String> = all
                .iter()
                .filter(|s| keep(s))
                .map(|s| {
                    let p = pattern(s.spelling, !s.exact);
                    // ASCII letter case without Unicode's ("k" is not the Kelvin sign): a
                    // much smaller pattern, compiled in a fraction of the time. A spelling with
                    // an apostrophe or a letter beyond ASCII keeps Unicode's case and spaces.
                    match (s.exact, s.spelling.is_ascii() && !s.spelling.contains('\'')) {
                        (true, _) => p,
                        (false, true) => format!("(?i-u:{p})"),
                        (false, false) => format!("(?i:{p})"),
                    }
                })
                .collect();
            if alternatives.is_empty() {
                return Err(err(format!("no degree spelling is read in {what}")));
            }
            Ok(alternatives.join("|"))
        };
        let eager = text != super::EMBEDDED_DEGREES;
        let resumes = LazyRegex::new(compile(&|s| s.resumes, "resumes")?, eager)
            .map_err(|e| err(format!("the spellings do not compile: {e}")))?;
        let postings_pattern = compile(&|s| s.postings, "postings")?;
        let in_progress = LazyRegex::new(
            format!(
                "(?i{}:{})",
                if r.in_progress.iter().all(|w| w.is_ascii()) { "-u" } else { "" },
                r.in_progress
                    .iter()
                    .map(|w| format!("{}{}{}", edge(w, true), regex::escape(w), edge(w, false)))
                    .collect::<Vec<_>>()
                    .join("|")
            ),
            eager,
        )
        .map_err(|e| err(format!("[reading] in_progress does not compile: {e}")))?;
        Ok(Degrees {
            resumes,
            postings_pattern,
            postings: OnceLock::new(),
            meanings,
            exact_meanings,
            in_progress,
            reading: file.reading,
        })
    }

    /// The text of the pattern postings are read with (compiled when first needed).
    #[cfg(test)]
    pub(crate) fn postings_source(&self) -> &str {
        &self.postings_pattern
    }

    /// The patterns compiled on first use, for [`super::Taxonomy::compile_all`].
    pub(crate) fn patterns(&self) -> [&LazyRegex; 2] {
        [&self.resumes, &self.in_progress]
    }

    /// Every degree spelling in `text`, in text order.
    pub fn find(&self, text: &str, reader: Reader) -> Vec<Spelled> {
        let pattern = match reader {
            Reader::Resume => &*self.resumes,
            // Built as the resumes pattern that compiled on load: only a size limit could fail it.
            Reader::Posting => match self.postings.get_or_init(|| Pattern::new(&self.postings_pattern).ok()) {
                Some(pattern) => pattern,
                None => return Vec::new(),
            },
        };
        pattern
            .find_iter(text)
            .filter_map(|m| {
                let text = m.as_str();
                let meaning =
                    self.exact_meanings.get(&key(text, true)).or_else(|| self.meanings.get(&key(text, false)))?;
                Some(Spelled { level: meaning.level, exact: meaning.exact, span: m.range() })
            })
            .collect()
    }

    /// The text names a doctorate spelling (a first look; the reader checks the rest).
    pub fn may_name_a_doctorate(&self, text: &str) -> bool {
        self.find(text, Reader::Resume).iter().any(|s| s.level == Degree::Phd)
    }

    /// The text says a degree is not finished ("expected", "candidate", "pursuing").
    pub fn says_in_progress(&self, text: &str) -> bool {
        self.in_progress.is_match(text)
    }

    pub fn is_institution_word(&self, word: &str) -> bool {
        is_one_of(&self.reading.institution_words, word)
    }

    /// The text names a school anywhere.
    pub fn names_institution(&self, text: &str) -> bool {
        text.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && self.is_institution_word(w))
    }

    pub fn is_product(&self, word: &str) -> bool {
        is_one_of(&self.reading.products_after, word)
    }
}

/// Whether `word`, lower-cased, is one of the lower-case `words`. The word is lowered once,
/// not once per entry: this runs for every word of every line.
fn is_one_of(words: &[String], word: &str) -> bool {
    let lower = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    words.iter().any(|w| *w == *lower)
}

/// What a spelling and a text it matched have in common: ’ as ', runs of spaces as one, no
/// space after "." or "-", no final ".", and lower case unless `keep_case`.
fn key(text: &str, keep_case: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = if c == '’' { '\'' } else { c };
        if c.is_whitespace() {
            if !out.ends_with([' ', '.', '-']) {
                out.push(' ');
            }
        } else if keep_case {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    while out.ends_with('.') {
        out.pop();
    }
    out
}

/// A word boundary where the spelling starts or ends with an ASCII letter or digit (ASCII
/// boundaries keep the pattern on the fast engine; a non-ASCII edge such as "é" needs none
/// to be found).
fn edge(spelling: &str, start: bool) -> &'static str {
    let c = if start { spelling.chars().next() } else { spelling.trim_end_matches('.').chars().next_back() };
    if c.is_some_and(|c| c.is_ascii_alphanumeric()) {
        r"(?-u:\b)"
    } else {
        ""
    }
}

/// The pattern of one spelling (see the head of degrees.toml for what it reads). A character
/// beyond ASCII is written as the characters it stands for, case-sensitively (`(?-i:í|Í)` for
/// `í` in a spelling read in any case; `(?-i:'|’)` for an apostrophe) rather than as a class
/// or a letter under `(?i)`: both need Unicode, and then the whole alternation of spellings
/// would have no ASCII form, whose automaton reads a resume's ASCII lines for a fraction of
/// the Unicode one's compilation ([`super::lazy`]).
fn pattern(spelling: &str, any_case: bool) -> String {
    let (body, final_dot) = match spelling.strip_suffix('.') {
        Some(body) => (body, r"\."),
        None => (spelling, r"\.?"),
    };
    let mut p = String::from(edge(spelling, true));
    let mut last_space = false;
    for c in body.chars() {
        match c {
            '.' => p.push_str(r"\.\s?"),
            '-' => p.push_str(r"-\s?"),
            '\'' | '’' => p.push_str("(?-i:'|’)"),
            c if c.is_whitespace() => {
                if !last_space {
                    p.push_str(r"\s+");
                }
            }
            c if any_case && !c.is_ascii() => p.push_str(&case_variants(c)),
            // Escaped into the pattern: `regex::escape` of each character as a new string made
            // two strings a character, a quarter of reading the degrees at every start (issue 25).
            c => regex_syntax::escape_into(c.encode_utf8(&mut [0; 4]), &mut p),
        }
        last_space = c.is_whitespace();
    }
    p.push_str(edge(spelling, false));
    p.push_str(final_dot);
    p
}

/// `(?-i:c|C…)`: the characters Unicode's simple case folding reads as `c`, as `(?i)c` reads
/// them.
pub(super) fn case_variants(c: char) -> String {
    let folded =
        regex_syntax::ParserBuilder::new().case_insensitive(true).build().parse(&regex::escape(&c.to_string()));
    let chars: Vec<char> = match folded.as_ref().map(Hir::kind) {
        Ok(HirKind::Class(Class::Unicode(class))) => {
            class.iter().flat_map(|range| range.start()..=range.end()).collect()
        }
        _ => vec![c],
    };
    let alternatives: Vec<String> = chars.iter().map(|c| regex::escape(&c.to_string())).collect();
    format!("(?-i:{})", alternatives.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const READING: &str = r#"
[reading]
institution_words = ["university"]
products_after = ["office"]
in_progress = ["expected"]
field_openers = ["in"]
field_enders = ["from"]
after_heading = ["education"]
"#;

    #[test]
    fn spellings_beyond_ascii_keep_an_ascii_form_of_the_pattern() {
        assert_eq!(case_variants('í'), "(?-i:Í|í)");
        assert_eq!(case_variants('ß'), "(?-i:ß|ẞ)", "the capital sharp s is one of its simple case folds");
        assert_eq!(case_variants('·'), "(?-i:·)");
        let degrees = &crate::taxonomy::Taxonomy::embedded().unwrap().degrees;
        for pattern in degrees.patterns() {
            let pattern = pattern.compile().unwrap();
            assert!(pattern.has_ascii_form(), "{}", pattern.as_str());
        }
        let spellings = degrees.patterns()[0].compile().unwrap();
        for (line, found) in
            [("Maestría en Ciencias", "Maestría"), ("MAESTRÍA", "MAESTRÍA"), ("Master’s in CS", "Master’s")]
        {
            assert_eq!(spellings.find(line).map(|f| f.as_str()), Some(found), "{line}");
        }
    }

    fn load(degrees: &str) -> Result<Degrees, String> {
        Degrees::from_toml(&format!("{degrees}\n{READING}")).map_err(|e| e.to_string())
    }

    fn levels(d: &Degrees, text: &str) -> Vec<(Degree, String)> {
        d.find(text, Reader::Resume).into_iter().map(|s| (s.level, text[s.span].to_string())).collect()
    }

    #[test]
    fn the_built_in_file_loads() {
        let d = Degrees::from_toml(include_str!("../../taxonomy/degrees.toml")).unwrap();
        assert_eq!(levels(&d, "M.Math, Statistics"), vec![(Degree::Master, "M.Math".to_string())]);
    }

    #[test]
    fn a_spelling_reads_dots_spaces_and_hyphens_as_people_write_them() {
        let d = load(
            "[[degree]]\nname = \"B.Tech\"\nlevel = \"bachelor\"\nspellings = [\"B.Tech\", \"B-Tech\", \"Ph.D\"]\n",
        )
        .unwrap();
        for text in ["B.Tech", "b.tech in CS", "B. Tech", "B- Tech", "B-Tech", "Ph.D.", "ph.d"] {
            assert_eq!(levels(&d, text).len(), 1, "{text}");
        }
        for text in ["BTech", "B Tech", "B.Technology", "AB.Tech"] {
            assert!(levels(&d, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_longest_spelling_wins_and_exact_ones_keep_their_case() {
        let d = load(
            "[[degree]]\nname = \"MS\"\nlevel = \"master\"\nspellings = [\"master of\", \"Master of Science\"]\nexact = [\"MS\"]\n",
        )
        .unwrap();
        assert_eq!(levels(&d, "Master of Science in X"), vec![(Degree::Master, "Master of Science".to_string())]);
        assert_eq!(levels(&d, "MS in X").len(), 1);
        assert!(levels(&d, "ms in X").is_empty());
        assert!(d.find("MS", Reader::Resume)[0].exact);
    }

    #[test]
    fn exact_spellings_differ_by_letter_case_and_clash_with_any_case_ones() {
        let d = load("[[degree]]\nname = \"BSc\"\nlevel = \"bachelor\"\nexact = [\"BSc\", \"BSC\"]\n").unwrap();
        assert_eq!(levels(&d, "BSC in Physics").len(), 1);
        assert!(levels(&d, "bsc in Physics").is_empty());
        let e = load("[[degree]]\nname = \"BSc\"\nlevel = \"bachelor\"\nspellings = [\"bsc\"]\nexact = [\"BSC\"]\n")
            .unwrap_err();
        assert!(e.contains("'BSC' reads the same text as 'bsc'"), "{e}");
    }

    #[test]
    fn an_unknown_level_names_the_file_and_the_entry() {
        let e = load("[[degree]]\nname = \"Master of Arts\"\nlevel = \"masters\"\nspellings = [\"MA\"]\n").unwrap_err();
        assert!(
            e.contains("degrees.toml") && e.contains("Master of Arts") && e.contains("unknown level 'masters'"),
            "{e}"
        );
    }

    #[test]
    fn a_spelling_listed_twice_names_both_entries() {
        let e = load(
            "[[degree]]\nname = \"A\"\nlevel = \"master\"\nspellings = [\"Ph.D\"]\n\
             [[degree]]\nname = \"B\"\nlevel = \"phd\"\nspellings = [\"ph.d.\"]\n",
        )
        .unwrap_err();
        assert!(e.contains("degrees.toml") && e.contains("'ph.d.' reads the same text as 'Ph.D' of degree 'A'"), "{e}");
    }

    #[test]
    fn other_mistakes_are_errors_too() {
        for (toml, says) in [
            ("[[degree]]\nname = \"A\"\nlevel = \"phd\"\n", "has no spellings"),
            ("[[degree]]\nname = \"A\"\nlevel = \"none\"\nspellings = [\"X\"]\n", "unknown level 'none'"),
            ("[[degree]]\nname = \"A\"\nlevel = \"phd\"\nspellings = [\" PhD\"]\n", "no surrounding spaces"),
            (
                "[[degree]]\nname = \"A\"\nlevel = \"phd\"\nspellings = [\"PhD\"]\nread_in = [\"cvs\"]\n",
                "read_in 'cvs'",
            ),
            ("[[degree]]\nname = \"A\"\nlevel = \"phd\"\nspellings = [\"PhD\"]\nlevels = 1\n", "unknown field"),
        ] {
            let e = load(toml).unwrap_err();
            assert!(e.contains("degrees.toml") && e.contains(says), "{e}");
        }
        let e = Degrees::from_toml("[[degree]]\nname = \"A\"\nlevel = \"phd\"\nspellings = [\"PhD\"]\n[reading]\ninstitution_words = [\"University\"]\nproducts_after = [\"x\"]\nin_progress = [\"x\"]\nfield_openers = [\"x\"]\nfield_enders = [\"x\"]\nafter_heading = [\"x\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("institution_words: 'University' must be a lower-case"), "{e}");
    }
}
