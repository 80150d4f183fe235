//! One pattern of `phrases.toml` as read from its tokens (the table in [`super::phrases`]),
//! and the regular expression it stands for: as text (for messages and for checking a user's
//! file) and as the regex crate's syntax tree, built from the tokens directly.
//!
//! Why not parse the text: compiling the patterns a resume's lines trigger was a fifth of a
//! one-resume run (issue 25), and more than half of that went to parsing their text (a word
//! group holds tens of words, and a pattern joins several) into the tree these tokens already
//! are. A test keeps the tree equal to the one parsing the text gives.

use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, Look, Repetition};

/// Between the words of a pattern: spaces or the punctuation of a list.
const SEP: &str = r"[\s,;:]+";
/// Between the words of a described-work pattern: a clause does not run on past ";".
const CLAUSE_SEP: &str = r"[\s,:]+";
/// A word a gap (`~3`) passes over.
const GAP_WORD: &str = r"[^\s]+";
/// A word inside one clause: it does not end a sentence ("production." ends one).
const CLAUSE_WORD: &str = r"[^\s;]*[^\s.;!?]";
/// What continues an open stem (`manag*`).
const STEM_REST: &str = r"(?:[\w'\-]|’)*";
/// A number or a range of numbers (`#`).
const NUMBER: &str = r"\d+(?:\s*(?:-|–)\s*\d+)?\+?";

/// ASCII whitespace, as `\s` reads with Unicode off.
const SPACE: [(u8, u8); 2] = [(b'\t', b'\r'), (b' ', b' ')];

/// One token of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// One of these.
    Any(Vec<Alternative>),
    /// Up to this many other words.
    Gap(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// A word in lower case; one ending in `*` is an open stem, and one may be several words
    /// ("individual contributors").
    /// Shared: a word group's words stand in many patterns (issue 25: copying them into each
    /// was most of what reading the rules allocated).
    Word(std::sync::Arc<str>),
    /// A number or a range of numbers.
    Number,
}

/// A pattern: its tokens, and whether its words stay within one clause (the described-work
/// grammar). Read case-sensitively over a line in lower case (`Phrases::matches`): the same
/// matches as a case-insensitive search of the line as written, with Unicode off (which
/// folds ASCII letters only, as ASCII lower-casing does, and keeps byte offsets), and a
/// third cheaper to compile, as every letter of a case-insensitive word is a class of two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhrasePattern {
    pub tokens: Vec<Token>,
    pub clause: bool,
    /// The last token is `#`: no word boundary closes the pattern ("7-12+").
    pub ends_in_number: bool,
}

impl PhrasePattern {
    fn separator(&self) -> &'static str {
        if self.clause {
            CLAUSE_SEP
        } else {
            SEP
        }
    }

    /// The words every match starts with, when there are such: the pattern opens with words
    /// (not a gap, not a number), each ASCII and starting with a letter or digit, so that the
    /// word boundary before it is a byte that is not one. Then a match starts exactly where
    /// one of these does: the first word of each entry of the first token ("team" of "team
    /// lead", the stem of `manag*`). Not the whole entries, which [`Self::edge_words`] gives:
    /// their words may stand apart by any spaces (`\s+`).
    pub fn start_words(&self) -> Option<Vec<&str>> {
        let Some(Token::Any(alternatives)) = self.tokens.first() else { return None };
        alternatives
            .iter()
            .map(|a| match a {
                Alternative::Word(word)
                    if word.is_ascii() && word.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) =>
                {
                    split_stem(word).0.split_whitespace().next()
                }
                _ => None,
            })
            .collect()
    }

    /// The words the first (or last) word token stands for, open stems without their `*`;
    /// `None` when it may be a number.
    pub fn edge_words(&self, last: bool) -> Option<Vec<&str>> {
        let mut words = self.tokens.iter().filter_map(|t| match t {
            Token::Any(alternatives) => Some(alternatives),
            Token::Gap(_) => None,
        });
        let alternatives = if last { words.next_back()? } else { words.next()? };
        alternatives
            .iter()
            .map(|a| match a {
                Alternative::Word(word) => Some(word.trim_end_matches('*')),
                Alternative::Number => None,
            })
            .collect()
    }

    /// The pattern as a regex over bytes.
    pub fn source(&self) -> String {
        let sep = self.separator();
        let gap_word = if self.clause { CLAUSE_WORD } else { GAP_WORD };
        let mut out = String::from(r"(?-u)\b");
        let mut need_sep = false;
        for token in &self.tokens {
            match token {
                Token::Gap(n) => {
                    out.push_str(&format!(r"{sep}(?:{gap_word}{sep}){{0,{n}}}?"));
                    need_sep = false;
                    continue;
                }
                _ if need_sep => out.push_str(sep),
                _ => {}
            }
            if let Token::Any(alternatives) = token {
                let alternatives: Vec<String> = alternatives.iter().map(Alternative::source).collect();
                out.push_str(&format!("(?:{})", alternatives.join("|")));
            }
            need_sep = true;
        }
        if !self.ends_in_number {
            out.push_str(r"\b");
        }
        out
    }

    /// The syntax tree parsing [`PhrasePattern::source`] gives, built from the tokens.
    pub fn hir(&self) -> Hir {
        let sep = || plus(separator_class(self.clause));
        let gap_word = || {
            if self.clause {
                // [^\s;]*[^\s.;!?]
                Hir::concat(vec![star(not_class(b";")), not_class(b".;!?")])
            } else {
                plus(not_class(&[]))
            }
        };
        let mut parts = vec![Hir::look(Look::WordAscii)];
        let mut need_sep = false;
        for token in &self.tokens {
            match token {
                Token::Gap(n) => {
                    let word = Hir::concat(vec![gap_word(), sep()]);
                    let words =
                        Hir::repetition(Repetition { min: 0, max: Some(*n), greedy: false, sub: Box::new(word) });
                    parts.push(sep());
                    parts.push(words);
                    need_sep = false;
                    continue;
                }
                _ if need_sep => parts.push(sep()),
                _ => {}
            }
            if let Token::Any(alternatives) = token {
                parts.push(Hir::alternation(alternatives.iter().map(Alternative::hir).collect()));
            }
            need_sep = true;
        }
        if !self.ends_in_number {
            parts.push(Hir::look(Look::WordAscii));
        }
        Hir::concat(parts)
    }
}

/// Several patterns as one (`unless` of a rule): the text, and its tree.
pub fn any_source(patterns: &[PhrasePattern]) -> String {
    patterns.iter().map(|p| format!("(?:{})", p.source())).collect::<Vec<_>>().join("|")
}

pub fn any_hir(patterns: &[PhrasePattern]) -> Hir {
    Hir::alternation(patterns.iter().map(PhrasePattern::hir).collect())
}

impl Alternative {
    fn source(&self) -> String {
        match self {
            Alternative::Word(word) => word_source(word),
            Alternative::Number => NUMBER.to_string(),
        }
    }

    fn hir(&self) -> Hir {
        match self {
            Alternative::Word(word) => word_hir(word),
            Alternative::Number => number_hir(),
        }
    }
}

/// A word (or words, or an open stem) as a regex.
fn word_source(word: &str) -> String {
    let (stem, open) = split_stem(word);
    let parts: Vec<String> = stem.split_whitespace().map(regex::escape).collect();
    let mut out = parts.join(r"\s+");
    if open {
        out.push_str(STEM_REST);
    }
    out
}

fn word_hir(word: &str) -> Hir {
    let (stem, open) = split_stem(word);
    let mut parts = Vec::new();
    for (i, part) in stem.split_whitespace().enumerate() {
        if i > 0 {
            parts.push(plus(class(&SPACE)));
        }
        parts.push(Hir::literal(part.as_bytes()));
    }
    if open {
        // (?:[\w'\-]|’)*
        let word_char = class(&[(b'\'', b'\''), (b'-', b'-'), (b'0', b'9'), (b'A', b'Z'), (b'_', b'_'), (b'a', b'z')]);
        parts.push(star(Hir::alternation(vec![word_char, Hir::literal("’".as_bytes())])));
    }
    Hir::concat(parts)
}

fn split_stem(word: &str) -> (&str, bool) {
    match word.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (word, false),
    }
}

/// \d+(?:\s*(?:-|–)\s*\d+)?\+?
fn number_hir() -> Hir {
    let digits = || plus(class(&[(b'0', b'9')]));
    let spaces = || star(class(&SPACE));
    let dash = Hir::alternation(vec![Hir::literal(*b"-"), Hir::literal("–".as_bytes())]);
    let range = Hir::concat(vec![spaces(), dash, spaces(), digits()]);
    Hir::concat(vec![digits(), optional(range), optional(Hir::literal(*b"+"))])
}

/// `[\s,;:]` (or `[\s,:]` within a clause).
fn separator_class(clause: bool) -> Hir {
    let mut ranges = SPACE.to_vec();
    ranges.extend([(b',', b','), (b':', b':')]);
    if !clause {
        ranges.push((b';', b';'));
    }
    class(&ranges)
}

fn class(ranges: &[(u8, u8)]) -> Hir {
    Hir::class(Class::Bytes(ClassBytes::new(ranges.iter().map(|&(start, end)| ClassBytesRange::new(start, end)))))
}

/// Any byte but whitespace and these.
fn not_class(bytes: &[u8]) -> Hir {
    let mut ranges: Vec<ClassBytesRange> = SPACE.iter().map(|&(start, end)| ClassBytesRange::new(start, end)).collect();
    ranges.extend(bytes.iter().map(|&b| ClassBytesRange::new(b, b)));
    let mut class = ClassBytes::new(ranges);
    class.negate();
    Hir::class(Class::Bytes(class))
}

fn repeat(sub: Hir, min: u32, max: Option<u32>) -> Hir {
    Hir::repetition(Repetition { min, max, greedy: true, sub: Box::new(sub) })
}

fn plus(sub: Hir) -> Hir {
    repeat(sub, 1, None)
}

fn star(sub: Hir) -> Hir {
    repeat(sub, 0, None)
}

fn optional(sub: Hir) -> Hir {
    repeat(sub, 0, Some(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(source: &str) -> Hir {
        regex_automata::util::syntax::parse_with(source, &regex_automata::util::syntax::Config::new().utf8(false))
            .unwrap_or_else(|e| panic!("{source}: {e}"))
    }

    fn words(list: &[&str]) -> Token {
        Token::Any(list.iter().map(|w| Alternative::Word((*w).into())).collect())
    }

    fn number() -> Token {
        Token::Any(vec![Alternative::Number])
    }

    fn pattern(tokens: Vec<Token>, clause: bool) -> PhrasePattern {
        let ends_in_number = tokens.last() == Some(&number());
        PhrasePattern { tokens, clause, ends_in_number }
    }

    #[test]
    fn the_tree_is_the_one_parsing_the_text_gives() {
        // Every kind of token, in both grammars, with multi-word entries, open stems,
        // escaped punctuation and characters beyond ASCII.
        let mixed = Token::Any(vec![Alternative::Number, Alternative::Word("several".into())]);
        let cases = [
            pattern(vec![words(&["mentor*", "coached"]), Token::Gap(3), words(&["team", "a b"])], false),
            pattern(vec![words(&["c++", "qa's"]), words(&["node.js", "café"])], true),
            pattern(vec![words(&["led"]), number(), words(&["people"]), Token::Gap(2), number()], false),
            pattern(vec![number(), Token::Gap(1), words(&["x"]), mixed], true),
        ];
        for pattern in &cases {
            assert_eq!(pattern.hir(), parsed(&pattern.source()), "{}", pattern.source());
        }
        assert_eq!(any_hir(&cases), parsed(&any_source(&cases)));
    }

    #[test]
    fn edge_words_are_the_first_and_last_word_tokens_past_any_gap() {
        let mixed = Token::Any(vec![Alternative::Number, Alternative::Word("several".into())]);
        let led =
            pattern(vec![words(&["led", "mentor*"]), Token::Gap(2), words(&["team", "a b"]), Token::Gap(1)], false);
        assert_eq!(led.edge_words(false), Some(vec!["led", "mentor"]));
        assert_eq!(led.edge_words(true), Some(vec!["team", "a b"]));
        let counted = pattern(vec![mixed, words(&["people"])], false);
        assert_eq!(counted.edge_words(false), None, "a token that may be a number has no words to look for");
        assert_eq!(counted.edge_words(true), Some(vec!["people"]));
    }

    #[test]
    fn only_a_pattern_opening_with_words_starts_at_their_first_words() {
        let team = || words(&["team"]);
        let led = pattern(vec![words(&["led", "mentor*", "co-led", "head  of"]), team()], false);
        // Where its matches start: the first word of each entry, a stem without its `*`
        // ("head", not "head of": the two words may stand apart by any spaces).
        assert_eq!(led.start_words(), Some(vec!["led", "mentor", "co-led", "head"]));
        // A gap, a number, or a word that does not start with a letter or digit (a boundary
        // before it is a word byte).
        assert_eq!(pattern(vec![Token::Gap(2), words(&["led"]), team()], false).start_words(), None);
        assert_eq!(pattern(vec![number(), team()], false).start_words(), None);
        assert_eq!(pattern(vec![words(&["led", ".net"]), team()], false).start_words(), None);
    }

    #[test]
    fn a_number_ends_without_a_word_boundary() {
        let pattern = pattern(vec![words(&["team"]), number()], false);
        assert!(!pattern.source().ends_with(r"\b"));
        assert!(pattern.source().starts_with(r"(?-u)\b"));
    }
}
