//! The taxonomy's patterns, and the program's own, compiled on first use.
//!
//! Compiling patterns was most of a one-resume run (issue 25): about half of its instructions
//! went to building regexes a resume then searches a few dozen short lines with. Two things
//! keep that down:
//! - a pattern is compiled when first used. The built-in taxonomy's patterns are compiled by
//!   the tests ([`super::Taxonomy::compile_all`]); a taxonomy from `--taxonomy DIR` is compiled
//!   whole when it is loaded, so that its errors are still reported before any resume is read;
//! - a [`Pattern`] is the `regex` crate's own engine (`regex_automata::meta`, configured as
//!   `regex::Regex` configures it) without the literal prefilter. Extracting a prefilter's
//!   literals from a case-insensitive alternation of month names or degree spellings took
//!   half of each compilation, and on lines of a resume the prefilter gains nothing: the
//!   same searches over the corpus' 22,766 lines took the same time with and without it,
//!   while compiling the taxonomy's patterns took half the time. The matches are the same
//!   (a prefilter only skips text that cannot match).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{meta, MatchKind};

/// A compiled regular expression with `regex`'s syntax and leftmost-first matching. On text
/// (`&str`) it never splits a character; [`Pattern::bytes`] builds one for any bytes.
#[derive(Debug, Clone)]
pub struct Pattern {
    meta: meta::Regex,
    source: Arc<str>,
}

/// `regex`'s limits: a pattern the `regex` crate compiles compiles here too.
const NFA_SIZE_LIMIT: usize = 10 << 20;
const LAZY_DFA_CACHE: usize = 2 << 20;

impl Pattern {
    /// A pattern over text.
    pub fn new(source: &str) -> Result<Pattern, String> {
        Pattern::build(source, true)
    }

    /// A pattern over bytes, as `regex::bytes` reads one: `(?-u:.)` may match any byte.
    pub fn bytes(source: &str) -> Result<Pattern, String> {
        Pattern::build(source, false)
    }

    fn build(source: &str, utf8: bool) -> Result<Pattern, String> {
        let config = meta::Config::new()
            .nfa_size_limit(Some(NFA_SIZE_LIMIT))
            .hybrid_cache_capacity(LAZY_DFA_CACHE)
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(utf8)
            .auto_prefilter(false);
        meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(utf8))
            .build(source)
            .map(|meta| Pattern { meta, source: source.into() })
            .map_err(|e| match (e.syntax_error(), e.size_limit()) {
                (Some(syntax), _) => syntax.to_string(),
                (None, Some(limit)) => format!("compiled pattern exceeds the size limit of {limit} bytes"),
                (None, None) => e.to_string(),
            })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.meta.is_match(text)
    }

    /// The leftmost-first match.
    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        self.meta.find(text).map(|m| Found { text, span: m.range() })
    }

    /// Every match, left to right, none overlapping.
    pub fn find_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'p
    where
        't: 'p,
    {
        self.meta.find_iter(text).map(move |m| Found { text, span: m.range() })
    }

    /// The first match with its groups.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        let mut caps = self.meta.create_captures();
        self.meta.captures(text, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }

    /// Every match with its groups, left to right.
    pub fn captures_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Groups<'t>> + 'p
    where
        't: 'p,
    {
        self.meta.captures_iter(text).map(move |caps| Groups { text, caps })
    }

    /// `text` with every match replaced by what `with` makes of it; borrowed when nothing
    /// matched.
    pub fn replace_all<'t>(&self, text: &'t str, mut with: impl FnMut(&Groups<'t>) -> String) -> Cow<'t, str> {
        let mut out = String::new();
        let mut last = 0;
        let mut replaced = false;
        for groups in self.captures_iter(text) {
            let Some(whole) = groups.get(0) else { continue };
            out.push_str(&text[last..whole.start()]);
            out.push_str(&with(&groups));
            last = whole.end();
            replaced = true;
        }
        if !replaced {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }

    /// The leftmost-first match in bytes (a [`Pattern::bytes`] pattern).
    pub fn find_bytes(&self, haystack: &[u8]) -> Option<Range<usize>> {
        self.meta.find(haystack).map(|m| m.range())
    }

    pub fn is_match_bytes(&self, haystack: &[u8]) -> bool {
        self.meta.is_match(haystack)
    }

    /// Every match in bytes, left to right.
    pub fn find_iter_bytes<'p, 'h>(&'p self, haystack: &'h [u8]) -> impl Iterator<Item = Range<usize>> + 'p
    where
        'h: 'p,
    {
        self.meta.find_iter(haystack).map(|m| m.range())
    }
}

/// A match in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'t> {
    text: &'t str,
    span: Range<usize>,
}

impl<'t> Found<'t> {
    pub fn start(&self) -> usize {
        self.span.start
    }

    pub fn end(&self) -> usize {
        self.span.end
    }

    pub fn range(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.span.clone()]
    }
}

/// A match with its groups: group 0 is the whole match.
#[derive(Debug, Clone)]
pub struct Groups<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Groups<'t> {
    /// Group `index`, if it took part in the match.
    pub fn get(&self, index: usize) -> Option<Found<'t>> {
        self.caps.get_group(index).map(|span| Found { text: self.text, span: span.range() })
    }

    /// The group of that name, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Found<'t>> {
        self.caps.get_group_by_name(name).map(|span| Found { text: self.text, span: span.range() })
    }

    /// The text of group `index`, empty if it did not take part.
    pub fn text(&self, index: usize) -> &'t str {
        self.get(index).map_or("", |f| f.as_str())
    }

    /// The text of the named group, empty if it did not take part.
    pub fn named_text(&self, name: &str) -> &'t str {
        self.name(name).map_or("", |f| f.as_str())
    }
}

/// A [`Pattern`] over text built from `source` when first used. Clones share it.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: Arc<str>,
    compiled: Arc<OnceLock<Result<Pattern, String>>>,
}

impl LazyRegex {
    /// `eager`: compile now and report an error now (a taxonomy given by the user).
    pub fn new(source: String, eager: bool) -> Result<LazyRegex, String> {
        let lazy = LazyRegex { source: source.into(), compiled: Arc::new(OnceLock::new()) };
        if eager {
            lazy.compile()?;
        }
        Ok(lazy)
    }

    /// Compiles the pattern if it is not yet, and says whether it compiles.
    pub fn compile(&self) -> Result<&Pattern, String> {
        self.compiled.get_or_init(|| Pattern::new(&self.source)).as_ref().map_err(Clone::clone)
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Pattern;

    /// The compiled pattern. A pattern that does not compile — impossible for the built-in
    /// taxonomy (tested) and for a loaded one (compiled on load) — matches nothing.
    fn deref(&self) -> &Pattern {
        static NEVER: std::sync::LazyLock<Pattern> =
            std::sync::LazyLock::new(|| Pattern::new(r"[^\s\S]").expect("a class of no character compiles"));
        self.compile().unwrap_or(&NEVER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same matches as `regex`, on the cases its users rely on: groups by name and
    /// number, empty matches between characters, replacement, bytes outside UTF-8.
    #[test]
    fn a_pattern_matches_as_regex_does() {
        let cases = [
            (r"(?i)(?P<m>jan|feb)\w*\s+(?P<y>[0-9]{4})", "Worked Jan 2020 - February 2021 and feb 2022"),
            (r"x*", "aé😀b"),
            (r"(?-u:\b)to(?-u:\b)|–", "2019 to 2020 – tomorrow"),
            (r"(a)|(b)", "cab"),
        ];
        for (source, text) in cases {
            let ours = Pattern::new(source).unwrap();
            let theirs = regex::Regex::new(source).unwrap();
            let found: Vec<_> = ours.find_iter(text).map(|f| f.range()).collect();
            let expected: Vec<_> = theirs.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(found, expected, "{source}");
            let groups: Vec<Vec<Option<Range<usize>>>> =
                ours.captures_iter(text).map(|g| (0..3).map(|i| g.get(i).map(|f| f.range())).collect()).collect();
            let expected: Vec<Vec<Option<Range<usize>>>> =
                theirs.captures_iter(text).map(|c| (0..3).map(|i| c.get(i).map(|m| m.range())).collect()).collect();
            assert_eq!(groups, expected, "{source}");
            assert_eq!(ours.replace_all(text, |_| "#".into()), theirs.replace_all(text, "#"), "{source}");
        }
        let dates = Pattern::new(cases[0].0).unwrap();
        let first = dates.captures(cases[0].1).unwrap();
        assert_eq!((first.named_text("m"), first.named_text("y"), first.name("z")), ("Jan", "2020", None));
        assert!(matches!(Pattern::new("x").unwrap().replace_all("abc", |_| "#".into()), Cow::Borrowed("abc")));
        let any_byte = Pattern::bytes(r"(?-u:.)b").unwrap();
        assert_eq!(any_byte.find_bytes(b"a\xffb"), Some(1..3));
        assert!(Pattern::new(r"(?-u:.)b").is_err(), "text patterns never match inside a character");
        let e = Pattern::new("(unclosed").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
    }
}
