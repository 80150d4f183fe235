//! The matcher compiled from a taxonomy once and reused for every resume: every alias found
//! where a word of the line starts, the compact and misspelling tables for near misses, and what
//! each skill implies.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::taxonomy::vocabulary::ContextWords;
use crate::taxonomy::word_starts::{Places, WordStarts};
use crate::taxonomy::{Signal, Taxonomy};

/// One alias of the matcher: an alias in lower case, and the spellings it must have if
/// its letter case matters ("LaTeX" and "LATEX", not "latex").
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    pub(super) skill: usize,
    pub(super) alias: String,
    /// Empty: any letter case.
    pub(super) spellings: Vec<String>,
    pub(super) needs_context: bool,
}

#[derive(Debug, Clone)]
pub(super) struct FuzzyAlias {
    pub(super) compact: String,
    pub(super) skill: usize,
    pub(super) len: usize,
    /// Words of the alias as written: one misspelt word never stands for a two-word alias
    /// ("Responsible" is not "Responsible AI").
    pub(super) words: usize,
    pub(super) letters: u64,
    /// Where the alias stood among its first letter's before they were sorted by length: of
    /// two candidates equally near a word, the one the taxonomy lists first wins, as it did
    /// when the list was read in that order.
    pub(super) rank: usize,
}

/// Which of a-z, 0-9 and "other" occur in a word. One edit changes at most two bits, so
/// words whose sets differ in more than `2 × max` bits cannot be within `max` edits: a
/// cheap test that skips almost every candidate before the distance is computed.
pub(super) fn letter_set(word: &str) -> u64 {
    word.bytes().fold(0u64, |set, b| {
        let bit = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            _ => 36,
        };
        set | (1 << bit)
    })
}

/// The matcher built from a taxonomy once and reused for every resume.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The patterns' aliases, found where a word of the line starts (or, for a name that
    /// starts with a symbol, anywhere): the only places a hit can be.
    pub(super) aliases: WordStarts,
    pub(super) patterns: Vec<Pattern>,
    /// Alias with spaces, hyphens and dots removed → skill, for spacing variants.
    pub(super) compact: FxHashMap<String, usize>,
    pub(super) compact_shapes: KeyShapes,
    /// Misspelling candidates, by first letter, each list sorted by length: a word is compared
    /// only with the slice of lengths its allowed distance reaches.
    pub(super) fuzzy: FxHashMap<char, Vec<FuzzyAlias>>,
    pub(super) fuzzy_shapes: KeyShapes,
    pub(super) implies: Vec<Vec<usize>>,
    pub(super) signal_skills: Vec<(Signal, usize)>,
    /// The words around an ambiguous name that make it a technology.
    pub(super) context: ContextWords,
    pub(super) phrases: super::phrases::CompiledPhrases,
    /// Places and company words: a name on an employer's line ("Figma • San Francisco") is
    /// the employer, not a skill.
    pub(super) standing: crate::taxonomy::standing::Standing,
}

/// Shortest alias (letters and digits only) that spacing or misspelling matching will try.
pub(super) const MIN_FUZZY_LEN: usize = 6;

pub(super) fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    compact_into(text, &mut out);
    out
}

/// `text` in lower case without spaces, hyphens, dots and underscores, into a reused buffer.
pub(super) fn compact_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.extend(
            text.bytes().filter(|b| !matches!(b, b' ' | b'-' | b'.' | b'_')).map(|b| b.to_ascii_lowercase() as char),
        );
    } else {
        out.extend(text.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '_')).flat_map(char::to_lowercase));
    }
}

/// Which (first letter, length) pairs some key has: a lookup that skips almost every word
/// before any hashing or distance is computed. Lengths of 63 and more share the top bit.
/// An ASCII first letter is an index, not a hash: every word of a resume is looked up twice.
#[derive(Debug, Clone)]
pub(super) struct KeyShapes {
    lengths_by_ascii: [u64; 128],
    lengths_by_other: HashMap<char, u64>,
}

impl Default for KeyShapes {
    fn default() -> KeyShapes {
        KeyShapes { lengths_by_ascii: [0; 128], lengths_by_other: HashMap::new() }
    }
}

impl KeyShapes {
    fn add(&mut self, key: &str) {
        if let Some(first) = key.chars().next() {
            let bit = 1 << key.chars().count().min(63);
            match self.lengths_by_ascii.get_mut(first as usize) {
                Some(mask) => *mask |= bit,
                None => *self.lengths_by_other.entry(first).or_default() |= bit,
            }
        }
    }

    /// Whether some key starts with `first` and has a length within `slack` of `len`.
    pub(super) fn may_have(&self, first: char, len: usize, slack: usize) -> bool {
        let mask = match self.lengths_by_ascii.get(first as usize) {
            Some(&mask) => mask,
            None => self.lengths_by_other.get(&first).copied().unwrap_or(0),
        };
        (len.saturating_sub(slack)..=len + slack).any(|l| mask & (1 << l.min(63)) != 0)
    }
}

impl Lexicon {
    pub fn new(taxonomy: &Taxonomy) -> Lexicon {
        let alias_count = taxonomy.skills.iter().map(|s| s.aliases.len() + s.exact.len()).sum();
        let mut patterns: Vec<Pattern> = Vec::with_capacity(alias_count);
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        by_key.reserve(alias_count);
        let mut compact_map = FxHashMap::default();
        let mut fuzzy: FxHashMap<char, Vec<FuzzyAlias>> = FxHashMap::default();
        for (index, skill) in taxonomy.skills.iter().enumerate() {
            for alias in &skill.aliases {
                // Lower-cased once: some 4,800 aliases at every start.
                let lower = alias.to_lowercase();
                match by_key.get(&lower) {
                    // Any case wins over exact case for the same skill.
                    Some(&i) => {
                        patterns[i].spellings.clear();
                        patterns[i].needs_context = false;
                    }
                    None => {
                        by_key.insert(lower.clone(), patterns.len());
                        patterns.push(Pattern {
                            skill: index,
                            alias: lower,
                            spellings: Vec::new(),
                            needs_context: false,
                        });
                    }
                }
                let key = compact(alias);
                if key.chars().count() >= MIN_FUZZY_LEN {
                    compact_map.entry(key.clone()).or_insert(index);
                    if skill.fuzzy {
                        if let Some(first) = key.chars().next() {
                            let same_first = fuzzy.entry(first).or_default();
                            same_first.push(FuzzyAlias {
                                rank: same_first.len(),
                                len: key.chars().count(),
                                words: alias.split_whitespace().count(),
                                letters: letter_set(&key),
                                compact: key,
                                skill: index,
                            });
                        }
                    }
                }
            }
            for alias in &skill.exact {
                let lower = alias.to_lowercase();
                match by_key.get(&lower) {
                    Some(&i) if patterns[i].spellings.is_empty() => {}
                    Some(&i) => patterns[i].spellings.push(alias.clone()),
                    None => {
                        by_key.insert(lower.clone(), patterns.len());
                        patterns.push(Pattern {
                            skill: index,
                            alias: lower,
                            spellings: vec![alias.clone()],
                            needs_context: skill.needs_context,
                        });
                    }
                }
            }
        }
        // Not an Aho-Corasick automaton: building one over the 1,571 aliases was the longest
        // part of a one-resume run (9 M instructions), and most of what it found were "r" and
        // "c" inside words, which `on_word_boundaries` then refused (issue 25).
        let aliases = WordStarts::new(
            &patterns.iter().map(|p| p.alias.as_str()).collect::<Vec<_>>(),
            Places::WordStartsAndSymbols,
        );
        // What a skill implies, followed all the way (GitHub → Git → version control).
        let direct: Vec<Vec<usize>> = taxonomy
            .skills
            .iter()
            .map(|s| s.implies.iter().filter_map(|id| taxonomy.skill_position(id)).collect())
            .collect();
        let mut compact_shapes = KeyShapes::default();
        compact_map.keys().for_each(|k: &String| compact_shapes.add(k));
        fuzzy.values_mut().for_each(|same_first| same_first.sort_by_key(|a| a.len));
        let mut fuzzy_shapes = KeyShapes::default();
        fuzzy.values().flatten().for_each(|a: &FuzzyAlias| fuzzy_shapes.add(&a.compact));
        let implies = (0..direct.len())
            .map(|start| {
                let mut seen: Vec<usize> = Vec::new();
                let mut todo: Vec<usize> = direct[start].clone();
                while let Some(next) = todo.pop() {
                    if next != start && !seen.contains(&next) {
                        seen.push(next);
                        todo.extend(direct[next].iter().copied());
                    }
                }
                seen
            })
            .collect();
        let signal_skills =
            taxonomy.skills.iter().enumerate().filter_map(|(i, s)| s.signal.map(|sig| (sig, i))).collect();
        Lexicon {
            aliases,
            patterns,
            compact: compact_map,
            compact_shapes,
            fuzzy,
            fuzzy_shapes,
            implies,
            signal_skills,
            context: taxonomy.vocabulary.context.clone(),
            standing: taxonomy.standing.clone(),
            phrases: super::phrases::CompiledPhrases::new(taxonomy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KeyShapes;

    #[test]
    fn key_shapes_know_each_first_letter_and_length() {
        let mut shapes = KeyShapes::default();
        for key in ["tensorflow", "élan", "ñandú", "t"] {
            shapes.add(key);
        }
        assert!(shapes.may_have('t', 10, 0) && shapes.may_have('t', 1, 0) && shapes.may_have('t', 11, 1));
        assert!(!shapes.may_have('t', 12, 1) && !shapes.may_have('t', 5, 2));
        assert!(shapes.may_have('é', 4, 0) && !shapes.may_have('é', 5, 0));
        assert!(shapes.may_have('ñ', 6, 1) && !shapes.may_have('n', 5, 0) && !shapes.may_have('x', 4, 3));
    }
}
