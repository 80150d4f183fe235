//! The phrase rules of `taxonomy/phrases.toml` applied in detection: skills shown by the
//! work a line describes (match kind `described`), and the guards that cancel an alias hit
//! in a look-alike context ("updating statistics", "Agile Central", "machine learning
//! algorithms").

use std::ops::Range;

use crate::parse::Line;
use crate::taxonomy::phrases::{Guard, Phrases};
use crate::taxonomy::Taxonomy;

/// The guards by skill index, and the skill index of each rule that names a skill.
#[derive(Debug, Clone)]
pub(super) struct CompiledPhrases {
    pub phrases: Phrases,
    guards: Vec<(usize, Guard)>,
    rule_skill: Vec<Option<usize>>,
}

impl CompiledPhrases {
    pub fn new(taxonomy: &Taxonomy) -> CompiledPhrases {
        let phrases = taxonomy.phrases.clone();
        let guards =
            phrases.guards.iter().filter_map(|g| Some((taxonomy.skill_position(&g.skill)?, g.clone()))).collect();
        let rule_skill =
            phrases.rules.iter().map(|r| r.skill.as_deref().and_then(|id| taxonomy.skill_position(id))).collect();
        CompiledPhrases { phrases, guards, rule_skill }
    }

    /// Skills the line describes, from the rules it matched in parsing: (skill index, span
    /// of the words that matched).
    pub fn described(&self, line: &Line) -> Vec<(usize, Range<usize>)> {
        line.phrases
            .iter()
            .filter_map(|hit| Some((*self.rule_skill.get(hit.rule)?.as_ref()?, hit.span.clone())))
            .collect()
    }

    /// True when a guard of the skill cancels the alias hit at `span`.
    pub fn blocked(&self, skill: usize, text: &str, span: &Range<usize>) -> bool {
        self.guards.iter().filter(|(s, _)| *s == skill).any(|(_, guard)| {
            // "Fine Tuning" is a hit of the alias "fine-tuning" too.
            let key = |s: &str| {
                s.chars().filter(|c| !matches!(c, ' ' | '-')).flat_map(char::to_lowercase).collect::<String>()
            };
            if guard.alias.as_ref().is_some_and(|a| key(a) != key(&text[span.clone()])) {
                return false;
            }
            let before = text[..span.start].trim_end().to_lowercase();
            let after = text[span.end..].trim_start().to_lowercase();
            // A lower-case word at the start of a line continues the sentence above it.
            let continues = before.is_empty() && text[span.clone()].starts_with(|c: char| c.is_lowercase());
            (guard.item_start && (!starts_an_item(&before) || continues))
                || guard.not_after.iter().any(|w| ends_with_words(&before, w))
                || guard.not_before.iter().any(|w| starts_with_words(&after, w) || starts_with_number(&after, w))
        })
    }
}

/// The text before a hit ends a list item: nothing, a separator, a bullet, or a joining word
/// that joins list items. "and" or "or" joins items when the line is a list ("Coursework:
/// Operating Systems and Algorithms", "Python and Algorithms"); after a run of words with no
/// separator it joins two nouns of a sentence ("designing new bid optimization products and
/// algorithms"), where a word is what it says, not an item.
fn starts_an_item(before: &str) -> bool {
    /// The most words a list may run before "and" with no separator among them.
    const SHORT_LIST_WORDS: usize = 3;
    match before.chars().next_back() {
        None => true,
        Some(',' | ';' | '|' | '/' | '(' | '[' | ':' | '•' | '·' | '-' | '–' | '*' | '~' | '&') => true,
        Some(_) => ["and", "or"]
            .iter()
            .find_map(|w| ends_with_words(before, w).then(|| before[..before.len() - w.len()].trim_end()))
            .is_some_and(|head| super::reads_as_list(head, SHORT_LIST_WORDS)),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn ends_with_words(text: &str, words: &str) -> bool {
    text.strip_suffix(words).is_some_and(|rest| !rest.chars().next_back().is_some_and(is_word_char))
}

/// `#` in a guard's words stands for a number, as in a phrase pattern: "Spring 2026" is a
/// season, not the framework.
fn starts_with_number(text: &str, word: &str) -> bool {
    word == "#" && text.starts_with(|c: char| c.is_ascii_digit())
}

fn starts_with_words(text: &str, words: &str) -> bool {
    text.strip_prefix(words).is_some_and(|rest| !rest.chars().next().is_some_and(is_word_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_edges() {
        assert!(ends_with_words("performed updating", "updating"));
        assert!(!ends_with_words("performed preupdating", "updating"));
        assert!(starts_with_words("central, rally", "central"));
        assert!(!starts_with_words("centralized", "central"));
        assert!(starts_an_item("skills: python,"));
        assert!(starts_an_item("data structures and"));
        assert!(!starts_an_item("machine learning"));
        assert!(starts_an_item("coursework: operating systems, networks and"));
        assert!(starts_an_item("- python and"));
        assert!(starts_an_item("coursework in statistics and"));
        assert!(!starts_an_item("designed new pricing products and"));
        assert!(!starts_an_item("- lead the team on designing new bid & budget optimization products and"));
    }
}
