//! `[contact]` of `vocabulary.toml`: the top-level domains and street words that contact
//! details are recognised by, compiled into the patterns `parse::contact` redacts with.

use serde::Deserialize;

use super::lazy::LazyRegex;

use crate::error::TaxonomyError;

use super::VOCABULARY_FILE;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactWords {
    /// Top-level domains that a bare domain (without `http` or `www`) is recognised by.
    pub domains: Vec<String>,
    /// Street-type words that end a street address ("742 Evergreen Terrace").
    pub street_words: Vec<String>,
    /// Words that name a flat or office after a street ("Apt 4B", "Suite 200").
    pub unit_words: Vec<String>,
}

/// The reader's own patterns of contact details (`parse::contact`), kept here with the
/// taxonomy's so that their trees and searchers are prebuilt with them (`prebuilt`).
#[cfg(test)]
pub(crate) const PATTERNS: [&str; 4] = [EMAIL_SOURCE, HANDLE_SOURCE, PHONE_SOURCE, CITY_STATE_ZIP_SOURCE];

/// An e-mail address.
pub(crate) const EMAIL_SOURCE: &str = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+";

/// `@jroe` on its own (not `recall@k`, not an e-mail, which is gone by then).
pub(crate) const HANDLE_SOURCE: &str = r"(?:^|[\s(\[,;:|/])(@[A-Za-z0-9_][A-Za-z0-9_.\-]*[A-Za-z0-9_])";

/// A phone number. Plain year ranges ("2016-2020", "03/2018 - 06/2021", "2012 2014 2016")
/// must not match.
pub(crate) const PHONE_SOURCE: &str = r"(?x)
        (?:\+\d{1,3}[\s.\-]?)?\(\d{2,4}\)[\s.\-]?\d{3,4}[\s.\-]?\d{3,4}
        | \(\+\d{1,3}\)[\s.\-]?\d{1,4}(?:[\s.\-]?\d{2,4}){1,4}
        | \+\d{1,3}(?:[\s.\-]?(?:\(0\)[\s.\-]?)?\d{1,5}){2,5}
        | (?-u:\b)\d{3}[.\-\s]\d{3}[.\-\s]\d{4}(?-u:\b)
        | (?-u:\b)\d{3}-\d{4}(?-u:\b)
        | (?-u:\b)0\d{2,4}[\s\-/]\d{3,4}[\s\-]?\d{3,4}(?-u:\b)
        | (?-u:\b)0?[6-9]\d{4}[\s\-]\d{5}(?-u:\b)
        | (?-u:\b)\d{10,13}(?-u:\b)";

/// "Springfield, IL 62704": a city, a two-letter state and a ZIP code.
pub(crate) const CITY_STATE_ZIP_SOURCE: &str =
    r"(?-u:\b)[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)*,?\s+[A-Z]{2},?\s+\d{5}(?:-\d{4})?(?-u:\b)";

/// The characters that end the part of a line a street address is in.
pub(crate) const STREET_PART_ENDS: [char; 6] = ['|', '·', '•', ';', '\t', '['];

/// The compiled contact patterns that depend on words (see `parse::contact`).
#[derive(Debug, Clone)]
pub struct Contact {
    pub link: LazyRegex,
    pub street_word: LazyRegex,
    pub street: LazyRegex,
}

fn alternatives(words: &[String]) -> String {
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// `eager`: compiled now (a user's taxonomy); else on first use (the built-in one, tested).
fn compile(name: &str, pattern: &str, eager: bool) -> Result<LazyRegex, TaxonomyError> {
    LazyRegex::new(pattern.to_string(), eager)
        .map_err(|e| TaxonomyError::new(VOCABULARY_FILE, format!("[contact] {name}: {e}")))
}

impl Contact {
    pub fn new(words: &ContactWords, eager: bool) -> Result<Contact, TaxonomyError> {
        let compile = |name: &str, pattern: &str| compile(name, pattern, eager);
        for (table, list) in [
            ("contact.domains", &words.domains),
            ("contact.street_words", &words.street_words),
            ("contact.unit_words", &words.unit_words),
        ] {
            if let Some(bad) = list.iter().find(|w| w.contains(' ')) {
                return Err(TaxonomyError::new(VOCABULARY_FILE, format!("[{table}] '{bad}' must be one word")));
            }
        }
        let tlds = alternatives(&words.domains);
        let streets = alternatives(&words.street_words);
        let units = alternatives(&words.unit_words);
        Ok(Contact {
            link: compile(
                "link",
                &format!(
                    r"(?x)
        (?i:(?-u:\b)(?:https?://|www\.)\S+)
        # a domain and a path: any top-level part of two letters or more
        | (?-u:\b)[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[a-z]{{2,}}/[^\s,;|)\]]*
        # a bare domain: a known top-level part, in lower case, after a name of two characters
        # or more (a one-letter name is a degree: `B.com`, `B.tech`, `M.tech`)
        # (what follows it is matched to tell `jroe.dev` from `jroe.devops`, and kept)
        | (?P<domain>(?-u:\b)[A-Za-z0-9][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:{tlds}))(?:[^.\w\-]|\.(?:\s|$)|$)
        "
                ),
            )?,
            // The street-type words alone: a fast test before the full street pattern.
            street_word: compile("street word", &format!(r"(?i)(?-u:\b)(?:{streets})(?-u:\b)"))?,
            // A street address: a house number, one to four words (Latin-1 letters written as
            // the characters they are, which keeps the pattern an ASCII form) and a
            // street-type word. The reader takes the rest of its part of the line
            // (", Springfield, IL 62704") up to one of `STREET_PART_ENDS`: as part of the
            // pattern, that tail made the search back from a match's end read the whole
            // line once per possible start (30 M instructions on one long line, issue 25).
            street: compile(
                "street",
                &format!(
                    r"(?i)(?-u:\b)\d{{1,6}}[A-Za-z]?\s+(?:(?:[A-Za-z'.]|{latin1})+\s+){{1,4}}(?:{streets})(?-u:\b)\.?(?:,?\s*(?:{units}|#)\s*[\w\-]+)?",
                    latin1 = ('À'..='ÿ').map(super::degrees::case_variants).collect::<Vec<_>>().join("|"),
                ),
            )?,
        })
    }
}
