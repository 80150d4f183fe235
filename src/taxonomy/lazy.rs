//! The taxonomy's patterns, and the program's own, compiled on first use.
//!
//! Compiling patterns was most of a one-resume run (issue 25): about half of its instructions
//! went to building regexes a resume then searches a few dozen short lines with. Three things
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
//!   (a prefilter only skips text that cannot match);
//! - the text of a built-in pattern is not parsed: its syntax tree is built from the phrase
//!   rule's tokens (`phrase_pattern`) or read from the trees parsed with the program
//!   (`prebuilt`). Parsing cost more than compiling the tree;
//! - a built-in pattern of lines is not even compiled until it has read some text: its
//!   ASCII form's DFAs, built with the program, find its matches, and only its groups, or a
//!   batch long enough to repay it, make it compile.
//! - a phrase rule searched only from the places its first word stands is built as its
//!   forward lazy DFA alone ([`AnchoredPattern`]): an anchored search never reads the reverse
//!   automaton that compiling it whole also builds.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex_automata::nfa::thompson;
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{hybrid, meta, Input, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::prebuilt::{self, Form};

/// A compiled regular expression with `regex`'s syntax and leftmost-first matching. On text
/// (`&str`) it never splits a character; [`Pattern::bytes`] builds one for any bytes.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: Arc<str>,
    /// The pattern compiled with Unicode off, when it compiles so: `\d` is `[0-9]`, `(?i)` folds
    /// ASCII letters only. Its automaton is a fraction of the Unicode one (the phone pattern's
    /// took 4 ms to build, a tenth of a one-resume run), and on a haystack that holds no
    /// character the Unicode form could read differently (see [`UnicodeReach`]) its matches
    /// are the same: every line of most resumes is such a haystack. Compiled on load, or, for
    /// a built-in pattern with a prebuilt searcher, when its groups are first asked for.
    ascii: OnceLock<Option<meta::Regex>>,
    /// A built-in pattern's ASCII form as forward and reverse DFAs built with the program
    /// (`prebuilt`): read, not compiled, it finds matches; it has no groups. It reads text
    /// at a third of the compiled form's speed (sparse tables), so after
    /// [`PREBUILT_READS_AT_MOST`] bytes the compiled form takes over.
    ascii_dfa: Option<prebuilt::Dfa>,
    /// Bytes of haystacks the prebuilt searcher has read.
    prebuilt_read: ReadCount,
    /// The pattern as written, parsed on the first haystack beyond ASCII (parsing it with
    /// Unicode's classes and case folding cost twice its ASCII form's compilation) and
    /// compiled on the first one its ASCII form cannot read.
    unicode: Arc<OnceLock<Result<UnicodeForm, String>>>,
    utf8: bool,
}

#[derive(Debug)]
struct UnicodeForm {
    reach: UnicodeReach,
    /// The tree, when it was parsed to find the reach; a built-in pattern's reach is read from
    /// the prebuilt file, and its tree only when the form is compiled.
    hir: Option<Hir>,
    regex: OnceLock<Result<meta::Regex, String>>,
}

/// The characters beyond ASCII that the Unicode form of a pattern treats otherwise than its
/// ASCII form: those its classes hold (`\d` holds `٣`, `(?i)k` holds `K`, `.` holds all).
/// Literal characters are not among them: both forms match a literal by its UTF-8 bytes.
#[derive(Debug, Clone)]
pub(super) enum UnicodeReach {
    /// Sorted, disjoint ranges of characters.
    Ranges(Arc<[(char, char)]>),
    /// Any character beyond ASCII (a Unicode word boundary, or a class of raw bytes).
    All,
}

/// How much text a prebuilt searcher reads before the pattern is compiled: one resume's
/// lines are read by the prebuilt searcher, a batch pays the compilation (a millisecond or
/// two a pattern) after a few resumes and then reads three times faster. 439 real texts,
/// `--jobs 1`: 2.83 G instructions compiling every pattern, 3.81 G with the prebuilt
/// searchers throughout, 2.84 G switching after 16 KiB (2.88 G after 64 KiB).
const PREBUILT_READS_AT_MOST: usize = 16 << 10;

/// A count shared by the threads that search with a pattern.
#[derive(Debug, Default)]
struct ReadCount(std::sync::atomic::AtomicUsize);

impl Clone for ReadCount {
    fn clone(&self) -> ReadCount {
        ReadCount(self.0.load(std::sync::atomic::Ordering::Relaxed).into())
    }
}

impl ReadCount {
    /// Counts `bytes` read, and says whether the count was below `limit` before.
    fn add_below(&self, bytes: usize, limit: usize) -> bool {
        self.0.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed) < limit
    }
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

    /// Compiles the ASCII form. Only a pattern without one (`\p{Greek}`, a syntax error) is
    /// parsed with Unicode now; a text pattern is otherwise checked for matching inside a
    /// character when its Unicode form is first needed, or by [`Pattern::compile_unicode`].
    fn build(source: &str, utf8: bool) -> Result<Pattern, String> {
        let ascii_dfa = if utf8 { prebuilt::ascii_dfa(source) } else { None };
        let ascii = match ascii_dfa {
            Some(_) => OnceLock::new(),
            None => OnceLock::from(Pattern::compile_ascii(source, utf8)),
        };
        let unicode = Arc::new(OnceLock::new());
        let mut pattern =
            Pattern { source: source.into(), ascii, ascii_dfa, prebuilt_read: ReadCount::default(), unicode, utf8 };
        if pattern.has_ascii() && !utf8 && unicode_off_throughout(source) {
            // `(?-u)` over bytes: the two forms are one automaton, and parsing it again with
            // Unicode would give the same expression.
            pattern.unicode = Pattern::ascii_only();
        }
        if !pattern.has_ascii() {
            // The Unicode form is the only one: its error is the pattern's.
            pattern.compile_unicode()?;
        }
        Ok(pattern)
    }

    /// A pattern over bytes from its syntax tree (`source` is its text, for messages), built
    /// with Unicode off: one automaton, which reads every haystack.
    pub fn bytes_from_hir(source: &str, hir: &Hir) -> Result<Pattern, String> {
        let ascii = Pattern::compile(hir, false)?;
        Ok(Pattern {
            source: source.into(),
            ascii: OnceLock::from(Some(ascii)),
            ascii_dfa: None,
            prebuilt_read: ReadCount::default(),
            unicode: Pattern::ascii_only(),
            utf8: false,
        })
    }

    /// The ASCII form compiled from its prebuilt tree, or parsed; `None` if it has none.
    fn compile_ascii(source: &str, utf8: bool) -> Option<meta::Regex> {
        prebuilt::tree(source, Form::Ascii)
            .or_else(|| syntax::parse_with(source, &Form::Ascii.syntax()).ok())
            .and_then(|hir| Pattern::compile(&hir, utf8).ok())
    }

    /// Whether the pattern has an ASCII form: a prebuilt searcher, or one it compiled.
    fn has_ascii(&self) -> bool {
        self.ascii_dfa.is_some() || self.ascii.get().is_some_and(Option::is_some)
    }

    /// The ASCII form compiled (now, if only its prebuilt searcher was read).
    fn ascii_regex(&self) -> Option<&meta::Regex> {
        self.ascii.get_or_init(|| Pattern::compile_ascii(&self.source, self.utf8)).as_ref()
    }

    /// The Unicode form of a pattern whose ASCII form reads every haystack as written.
    fn ascii_only() -> Arc<OnceLock<Result<UnicodeForm, String>>> {
        let form = UnicodeForm { reach: UnicodeReach::Ranges(Arc::new([])), hir: None, regex: OnceLock::new() };
        Arc::new(OnceLock::from(Ok(form)))
    }

    fn compile(hir: &Hir, utf8: bool) -> Result<meta::Regex, String> {
        let config = meta::Config::new()
            .nfa_size_limit(Some(NFA_SIZE_LIMIT))
            .hybrid_cache_capacity(LAZY_DFA_CACHE)
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(utf8)
            .auto_prefilter(false);
        meta::Builder::new().configure(config).build_from_hir(hir).map_err(|e| match e.size_limit() {
            Some(limit) => format!("compiled pattern exceeds the size limit of {limit} bytes"),
            None => e.to_string(),
        })
    }

    /// The Unicode form's reach, and its tree if it had to be parsed to find the reach.
    /// Every line of most real resumes holds a bullet, a dash or a curly quote, so this is
    /// asked on the first one; parsing a pattern with Unicode's case folding and classes cost
    /// more than compiling its ASCII form, and a built-in pattern's reach is read instead.
    fn unicode_form(&self) -> Result<&UnicodeForm, &String> {
        self.unicode
            .get_or_init(|| {
                if let Some(reach) = self.utf8.then(|| prebuilt::reach(&self.source)).flatten() {
                    let reach = reach.map_or(UnicodeReach::All, |ranges| UnicodeReach::Ranges(ranges.into()));
                    return Ok(UnicodeForm { reach, hir: None, regex: OnceLock::new() });
                }
                let hir = self.unicode_tree()?;
                Ok(UnicodeForm { reach: UnicodeReach::of(&hir), hir: Some(hir), regex: OnceLock::new() })
            })
            .as_ref()
    }

    /// The Unicode form's tree: prebuilt for the built-in taxonomy's text patterns, else parsed.
    fn unicode_tree(&self) -> Result<Hir, String> {
        match self.utf8.then(|| prebuilt::tree(&self.source, Form::Unicode)).flatten() {
            Some(hir) => Ok(hir),
            None => syntax::parse_with(&self.source, &syntax::Config::new().utf8(self.utf8)).map_err(|e| e.to_string()),
        }
    }

    /// The Unicode form compiled; the ASCII one when they are one automaton.
    fn unicode_regex(&self) -> Result<&meta::Regex, String> {
        let form = self.unicode_form()?;
        if form.reach.is_none() {
            if let Some(ascii) = self.ascii_regex() {
                return Ok(ascii);
            }
        }
        form.regex
            .get_or_init(|| match &form.hir {
                Some(hir) => Pattern::compile(hir, self.utf8),
                None => Pattern::compile(&self.unicode_tree()?, self.utf8),
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses and compiles the Unicode form now, if it is not yet: a pattern given by a user
    /// is checked whole when it is loaded.
    pub fn compile_unicode(&self) -> Result<(), String> {
        self.unicode_regex().map(|_| ())
    }

    /// The form that reads `text` as the pattern is written.
    fn form(&self, text: &str) -> Chosen<'_> {
        self.form_if(text.is_ascii(), |reach| reach.misses(text))
    }

    /// The form for bytes: those outside UTF-8 are read by the Unicode form.
    fn form_bytes(&self, haystack: &[u8]) -> Chosen<'_> {
        self.form_if(haystack.is_ascii(), |reach| std::str::from_utf8(haystack).is_ok_and(|text| reach.misses(text)))
    }

    /// The ASCII form on an ASCII haystack (on which both forms read every character alike)
    /// or when `reads_alike` says the haystack holds nothing else the Unicode form reads
    /// otherwise; else the Unicode form.
    fn form_if(&self, ascii_haystack: bool, reads_alike: impl FnOnce(&UnicodeReach) -> bool) -> Chosen<'_> {
        if self.has_ascii()
            && (ascii_haystack
                || self.unicode_form().is_ok_and(|form| form.reach.is_none() || reads_alike(&form.reach)))
        {
            return Chosen::Ascii;
        }
        match self.unicode_regex() {
            Ok(regex) => Chosen::Unicode(regex),
            // Only a pattern nobody compiled whole (the built-in ones are, by the tests; a
            // loaded one is, on load) can get here. Bytes may be read by the ASCII form; text
            // is not, which might match inside a character: nothing matches.
            Err(_) if self.has_ascii() && !self.utf8 => Chosen::Ascii,
            Err(_) => Chosen::Unicode(never()),
        }
    }

    /// The automaton that finds matches in `haystack_len` bytes `form` chose to read: the
    /// prebuilt searcher where there is one, until it has read enough to repay compiling
    /// (and for good if the ASCII form, over the size limits, does not compile).
    fn finder<'p>(&'p self, form: Chosen<'p>, haystack_len: usize) -> Finder<'p> {
        match (form, &self.ascii_dfa) {
            (Chosen::Ascii, Some(dfa))
                if self.ascii.get().is_none() && self.prebuilt_read.add_below(haystack_len, PREBUILT_READS_AT_MOST) =>
            {
                Finder::Dfa(dfa, self)
            }
            (Chosen::Ascii, dfa) => match (self.ascii_regex(), dfa) {
                (Some(regex), _) => Finder::Meta(regex),
                (None, Some(dfa)) => Finder::Dfa(dfa, self),
                (None, None) => Finder::Meta(never()),
            },
            (Chosen::Unicode(regex), _) => Finder::Meta(regex),
        }
    }

    /// False when the prebuilt searcher, still in use, finds no match in `text` (the groups of
    /// a pattern that does not match are not worth compiling it for).
    fn may_match(&self, form: Chosen<'_>, text: &str) -> bool {
        match self.finder(form, text.len()) {
            finder @ Finder::Dfa(..) => finder.search(&Input::new(text).earliest(true)).is_some(),
            Finder::Meta(_) => true,
        }
    }

    /// The automaton that reports groups. Where the ASCII form reads a haystack the Unicode
    /// form reads it alike, so it stands in for an ASCII form that does not compile.
    fn grouper<'p>(&'p self, form: Chosen<'p>) -> &'p meta::Regex {
        match form {
            Chosen::Ascii => self.ascii_regex().or_else(|| self.unicode_regex().ok()).unwrap_or_else(|| never()),
            Chosen::Unicode(regex) => regex,
        }
    }

    /// Whether the pattern compiles with Unicode off, to read ASCII lines (tests keep the
    /// taxonomy's largest patterns so): compiled now if only its prebuilt searcher was read.
    #[cfg(test)]
    pub(crate) fn has_ascii_form(&self) -> bool {
        self.ascii_regex().is_some()
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.finder(self.form(text), text.len()).search(&Input::new(text).earliest(true)).is_some()
    }

    /// The leftmost-first match.
    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        self.finder(self.form(text), text.len()).search(&Input::new(text)).map(|m| Found { text, span: m.range() })
    }

    /// The leftmost-first match that starts at or after `start` (the text before it still
    /// counts for a word boundary).
    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<Found<'t>> {
        let input = Input::new(text).range(start..);
        self.finder(self.form(text), text.len() - start).search(&input).map(|m| Found { text, span: m.range() })
    }

    /// Every match, left to right, none overlapping.
    pub fn find_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'p
    where
        't: 'p,
    {
        self.finder(self.form(text), text.len())
            .search_iter(text.as_bytes())
            .map(move |m| Found { text, span: m.range() })
    }

    /// The first match with its groups. A haystack with no match is told by the prebuilt
    /// searcher, without compiling the pattern.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        let form = self.form(text);
        if !self.may_match(form, text) {
            return None;
        }
        let engine = self.grouper(form);
        let mut caps = engine.create_captures();
        engine.captures(text, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }

    /// Every match with its groups, left to right.
    pub fn captures_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Groups<'t>> + 'p
    where
        't: 'p,
    {
        let form = self.form(text);
        let engine = if self.may_match(form, text) { self.grouper(form) } else { never() };
        engine.captures_iter(text).map(move |caps| Groups { text, caps })
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
        self.finder(self.form_bytes(haystack), haystack.len()).search(&Input::new(haystack)).map(|m| m.range())
    }

    /// The match that starts at the first of `starts` (ascending) one starts at, if any (the
    /// bytes before a start still count for a word boundary).
    pub fn find_bytes_from(&self, haystack: &[u8], starts: impl IntoIterator<Item = usize>) -> Option<Range<usize>> {
        let finder = self.finder(self.form_bytes(haystack), haystack.len());
        starts.into_iter().find_map(|start| {
            let input = Input::new(haystack).range(start..).anchored(regex_automata::Anchored::Yes);
            finder.search(&input).map(|m| m.range())
        })
    }

    pub fn is_match_bytes(&self, haystack: &[u8]) -> bool {
        self.finder(self.form_bytes(haystack), haystack.len()).search(&Input::new(haystack).earliest(true)).is_some()
    }

    /// Every match in bytes, left to right.
    pub fn find_iter_bytes<'p, 'h>(&'p self, haystack: &'h [u8]) -> impl Iterator<Item = Range<usize>> + 'p
    where
        'h: 'p,
    {
        self.finder(self.form_bytes(haystack), haystack.len()).search_iter(haystack).map(|m| m.range())
    }
}

/// A pattern over bytes searched only from given places (anchored): the forward lazy DFA
/// alone, which is what the `regex` engine reads an anchored search with (the match starts
/// where the search does, so its reverse automaton is never used). Compiling the pattern
/// whole also built that reverse automaton, about half of a compilation: for a phrase rule
/// searched from its first words, work no search needs (issue 25).
#[derive(Debug)]
pub struct AnchoredPattern {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheFn>,
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync>;

impl AnchoredPattern {
    /// Built as [`Pattern::bytes_from_hir`] builds its automaton, with Unicode off and
    /// leftmost-first matching.
    pub fn from_hir(hir: &Hir) -> Result<AnchoredPattern, String> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(hir)
            .map_err(|e| e.to_string())?;
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                // `meta`'s settings for its own lazy DFA: it gives up (and the whole pattern
                // reads on) where clearing its cache again and again would be slower.
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .unicode_word_boundary(true)
                    .cache_capacity(LAZY_DFA_CACHE)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        let for_caches = dfa.clone();
        let create: CacheFn = Box::new(move || for_caches.create_cache());
        Ok(AnchoredPattern { dfa, caches: Pool::new(create) })
    }

    /// The match that starts at the first of `starts` (ascending) one starts at, if any (the
    /// bytes before a start still count for a word boundary); `Err` if the lazy DFA gave up
    /// (its cache filled too often), for the caller to search otherwise.
    pub fn find_from(
        &self,
        haystack: &[u8],
        starts: impl IntoIterator<Item = usize>,
    ) -> Result<Option<Range<usize>>, regex_automata::MatchError> {
        let mut cache = self.caches.get();
        for start in starts {
            let input = Input::new(haystack).range(start..).anchored(regex_automata::Anchored::Yes);
            if let Some(end) = self.dfa.try_search_fwd(&mut cache, &input)? {
                return Ok(Some(start..end.offset()));
            }
        }
        Ok(None)
    }
}

/// Which form of a pattern reads a haystack.
#[derive(Clone, Copy)]
enum Chosen<'p> {
    Ascii,
    Unicode(&'p meta::Regex),
}

/// An automaton that finds matches.
#[derive(Clone, Copy)]
enum Finder<'p> {
    /// The prebuilt searcher, and its pattern, whose compiled ASCII form takes over if the
    /// searcher gives up (it has no reason to: it reads ASCII word boundaries only).
    Dfa(&'p prebuilt::Dfa, &'p Pattern),
    Meta(&'p meta::Regex),
}

impl<'p> Finder<'p> {
    fn search(self, input: &Input<'_>) -> Option<regex_automata::Match> {
        match self {
            Finder::Dfa(dfa, pattern) => {
                dfa.try_search(input).unwrap_or_else(|_| pattern.ascii_regex().and_then(|regex| regex.search(input)))
            }
            Finder::Meta(regex) => regex.search(input),
        }
    }

    /// Every match, left to right, none overlapping (an empty match after a match is skipped,
    /// as `regex` skips it).
    fn search_iter<'h>(self, haystack: &'h [u8]) -> impl Iterator<Item = regex_automata::Match> + 'h
    where
        'p: 'h,
    {
        let mut searcher = Searcher::new(Input::new(haystack));
        std::iter::from_fn(move || searcher.advance(|input| Ok(self.search(input))))
    }
}

/// An automaton that matches nothing.
fn never() -> &'static meta::Regex {
    static NEVER: std::sync::LazyLock<meta::Regex> =
        std::sync::LazyLock::new(|| Pattern::compile(&Hir::fail(), true).expect("the empty class compiles"));
    &NEVER
}

/// Whether `source` turns Unicode off with its first flags (`(?i-u)…`) and never on again.
/// Every later `(?` whose flags before a `-` hold a `u` counts as turning it on, so a group
/// name or an escaped `\(?` with a `u` only makes the answer no, never a wrong yes.
fn unicode_off_throughout(source: &str) -> bool {
    let mut groups = source.match_indices("(?").map(|(at, _)| {
        let rest = &source[at + 2..];
        let end = rest.find([')', ':']).unwrap_or(rest.len());
        (at, &rest[..end], rest[end..].starts_with(')'))
    });
    let Some((0, first, true)) = groups.next() else { return false };
    let turned_on = |flags: &str| flags.split('-').next().is_some_and(|on| on.contains('u'));
    let turned_off = first.split_once('-').is_some_and(|(_, off)| off.contains('u'));
    turned_off && !turned_on(first) && groups.all(|(_, flags, _)| !turned_on(flags))
}

impl UnicodeReach {
    /// The pattern reads nothing beyond ASCII otherwise than by its literals.
    fn is_none(&self) -> bool {
        matches!(self, UnicodeReach::Ranges(ranges) if ranges.is_empty())
    }

    /// The reach's ranges, `None` for [`UnicodeReach::All`] (as the prebuilt file keeps it).
    #[cfg(test)]
    pub(super) fn ranges_of(hir: &Hir) -> Option<Vec<(char, char)>> {
        match UnicodeReach::of(hir) {
            UnicodeReach::Ranges(ranges) => Some(ranges.to_vec()),
            UnicodeReach::All => None,
        }
    }

    fn of(hir: &Hir) -> UnicodeReach {
        let mut ranges = Vec::new();
        if !UnicodeReach::collect(hir, &mut ranges) {
            return UnicodeReach::All;
        }
        ranges.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match merged.last_mut() {
                Some(last) if u32::from(start) <= u32::from(last.1) + 1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        UnicodeReach::Ranges(merged.into())
    }

    /// Adds the non-ASCII part of every class under `hir`; false when anything beyond ASCII
    /// is read otherwise by the two forms.
    fn collect(hir: &Hir, ranges: &mut Vec<(char, char)>) -> bool {
        match hir.kind() {
            HirKind::Empty | HirKind::Literal(_) => true,
            HirKind::Class(Class::Unicode(class)) => {
                for range in class.ranges().iter().filter(|r| !r.end().is_ascii()) {
                    ranges.push((range.start().max('\u{80}'), range.end()));
                }
                true
            }
            HirKind::Class(Class::Bytes(class)) => class.ranges().iter().all(|r| r.end().is_ascii()),
            HirKind::Look(look) => !matches!(
                look,
                Look::WordUnicode
                    | Look::WordUnicodeNegate
                    | Look::WordStartUnicode
                    | Look::WordEndUnicode
                    | Look::WordStartHalfUnicode
                    | Look::WordEndHalfUnicode
            ),
            HirKind::Repetition(repetition) => UnicodeReach::collect(&repetition.sub, ranges),
            HirKind::Capture(capture) => UnicodeReach::collect(&capture.sub, ranges),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().all(|sub| UnicodeReach::collect(sub, ranges))
            }
        }
    }

    /// Whether `text` holds no character the two forms read differently. Only asked of a
    /// haystack beyond ASCII ([`Pattern::form_if`] takes an ASCII one first).
    fn misses(&self, text: &str) -> bool {
        let UnicodeReach::Ranges(ranges) = self else { return false };
        text.chars().filter(|c| !c.is_ascii()).all(|c| {
            let at = ranges.partition_point(|&(_, end)| end < c);
            ranges.get(at).is_none_or(|&(start, _)| c < start)
        })
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
            lazy.compile()?.compile_unicode()?;
        }
        Ok(lazy)
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
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
        // Not `unwrap_or(&NEVER)`: its argument is made first, and making it compiled NEVER
        // in every run.
        self.compile().unwrap_or_else(|_| &NEVER)
    }
}

/// Lines whose characters beyond ASCII a pattern's ASCII form would misread if it were used on
/// them: digits of other scripts, the Kelvin sign and the long s that `(?i)` folds to `k` and
/// `s`, letters and marks a Unicode `\w` holds, spaces a Unicode `\s` holds, and the dashes,
/// bullets and mojibake of real resumes that no class holds; then the lines of the shared
/// corpus' text resumes that hold anything beyond ASCII, when it is beside the checkout.
#[cfg(test)]
pub(crate) fn lines_beyond_ascii() -> &'static [String] {
    static LINES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(read_lines_beyond_ascii);
    &LINES
}

#[cfg(test)]
fn read_lines_beyond_ascii() -> Vec<String> {
    let mut lines: Vec<String> = [
        "Tel +1 (415) 555-0132, or \u{661}\u{662}\u{663} 555 0199 / \u{966}\u{967}\u{968}\u{969}\u{96A}\u{96B}\u{96C}\u{96D}\u{96E}\u{96F}",
        "Jan 2019 \u{2013} Mar 2021 \u{b7} Data Engineer, Springfield, IL 62704",
        "Sept 2016\u{a0}-\u{a0}Aug 2020 (4 years), 2012\u{2003}\u{2014}\u{2003}2014",
        "Au\u{17F}gust 2019 \u{2013} Present: 5 years \u{212A}ubernetes, Ma\u{17F}ter of Science",
        "D\u{e9}veloppeur \u{e0} Paris 2018\u{2013}2020, 3 ann\u{e9}es d'exp\u{e9}rience, 10 years of experience",
        "Experience - 48 months \u{2022} 8+ years of \u{3b1}\u{3b2} experience \u{2022} 12 yrs deep experience",
        "jane.r\u{f6}e@example.com \u{b7} @j\u{f6}rg \u{b7} @jroe \u{b7} linkedin.com/in/jroe \u{b7} 742 Evergreen Terrace",
        "x\u{301}y 2 years experience, \u{2022}\u{2022} B.Sc. Computer Science, Bachelor of \u{15E}cience",
        "\u{e2}\u{20ac}\u{a2} Master of Science in Data Science (2017 \u{2013} 2019) \u{c2}\u{a0} Ph.D. candidate",
        "2019 \u{2012} now \u{2026} till date \u{2192} present; MBA, M.S., BTech \u{2013} 2015",
    ]
    .iter()
    .map(|line| line.to_string())
    .collect();
    lines.extend(corpus_text_lines().iter().filter(|line| !line.is_ascii()).cloned());
    lines
}

/// Every line of the shared corpus' text resumes, when it is beside the checkout.
#[cfg(test)]
pub(crate) fn corpus_text_lines() -> &'static [String] {
    static LINES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut lines = Vec::new();
        for set in ["real-text-a", "real-text-b"] {
            let Ok(entries) = std::fs::read_dir(corpus.join(set)) else { continue };
            for entry in entries.flatten() {
                let text = std::fs::read(entry.path()).unwrap_or_default();
                lines.extend(String::from_utf8_lossy(&text).lines().map(str::to_string));
            }
        }
        lines
    });
    &LINES
}

/// `pattern` finds on every line what `regex` finds with the same source: the same matches
/// and the same groups, whichever of its two forms reads the line.
#[cfg(test)]
pub(crate) fn assert_reads_as_regex(pattern: &Pattern, lines: &[String]) {
    let reference = regex::Regex::new(pattern.as_str()).expect("the reference compiles the pattern");
    for line in lines {
        let ours: Vec<Vec<Option<Range<usize>>>> = pattern
            .captures_iter(line)
            .map(|g| (0..g.caps.group_len()).map(|i| g.get(i).map(|f| f.range())).collect())
            .collect();
        let theirs: Vec<Vec<Option<Range<usize>>>> =
            reference.captures_iter(line).map(|c| c.iter().map(|m| m.map(|m| m.range())).collect()).collect();
        assert_eq!(ours, theirs, "{} on {line:?}", pattern.as_str());
        assert_eq!(pattern.is_match(line), reference.is_match(line), "{} on {line:?}", pattern.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(pattern: &Pattern) -> bool {
        pattern.unicode.get().is_some_and(|form| form.as_ref().is_ok_and(|form| form.regex.get().is_some()))
    }

    /// The ASCII form reads a line only when the two forms cannot differ on it; the cases
    /// are those where they would.
    #[test]
    fn the_ascii_form_reads_only_what_it_reads_alike() {
        let sources = [
            r"(?i)\b(?:august|kubernetes)\s+\d{4}",
            r"\d{3}[\s.\-]\d{4}",
            r"(?-u:\b)\w+(?-u:\b)",
            r"\b\w+\b",
            r"[^a-z]+",
            r"x*",
            r"a.b",
            r"2019\s*(?:to|–)\s*2020",
            r"2019\s*[\-–]\s*2020",
        ];
        let mut lines = lines_beyond_ascii().to_vec();
        lines.extend(
            ["a\u{2013}b", "555\u{a0}0132 and 555 0132", "\u{661}\u{662}\u{663}-4567", "\u{212A}ubernetes 2019"]
                .map(String::from),
        );
        for source in sources {
            let pattern = Pattern::new(source).unwrap();
            assert_reads_as_regex(&pattern, &lines);
        }
        let phone = Pattern::new(sources[1]).unwrap();
        assert_eq!(phone.find("555 0132").map(|f| f.range()), Some(0..8));
        assert!(phone.has_ascii() && phone.unicode.get().is_none(), "an ASCII line is read by the ASCII form");
        assert_eq!(phone.find("555\u{a0}0132").map(|f| f.range()), Some(0..9));
        assert!(compiled(&phone), "a no-break space is a space to the Unicode form only");
        let dash = Pattern::new(sources[7]).unwrap();
        assert_eq!(dash.find("2019 \u{2013} 2020").map(|f| f.range()), Some(0..13));
        assert!(dash.unicode.get().is_some() && !compiled(&dash), "an en dash is read alike by both forms");
        let dash_class = Pattern::new(sources[8]).unwrap();
        assert!(!dash_class.has_ascii(), "a class holding a character beyond ASCII has no ASCII form");
    }

    #[test]
    fn unicode_is_off_throughout_only_when_no_group_turns_it_on() {
        for source in [r"(?i-u)\bmanag(?:e|ed)\b", r"(?-u)x(?i:y)(?:z)", r"(?-iu)a(?-u:b)"] {
            assert!(unicode_off_throughout(source), "{source}");
        }
        for source in [
            r"x(?-u)y",
            r"(?-u:x)y",
            r"(?i)x",
            r"(?u-i)x",
            r"(?-u)x(?u)y",
            r"(?-u)x(?iu:y)",
            r"(?-u)(?P<unit>x)",
            r"(?-u)\(?u",
        ] {
            assert!(!unicode_off_throughout(source), "{source}");
        }
        // Such a pattern over bytes is one automaton, never parsed with Unicode.
        let phrase = Pattern::bytes(r"(?i-u)\bled\b").unwrap();
        assert_eq!(phrase.find_bytes("\u{2022} Led a team".as_bytes()), Some(4..7));
        assert!(
            phrase.unicode.get().is_some_and(|form| form.as_ref().is_ok_and(|f| f.reach.is_none()))
                && !compiled(&phrase)
        );
    }

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
        let inside = Pattern::new(r"(?-u:.)b");
        assert!(inside.is_ok_and(|p| p.compile_unicode().is_err()), "text patterns never match inside a character");
        let inside = Pattern::new(r"(?-u:.)b").unwrap();
        assert_eq!(
            inside.find("ab"),
            Some(Found { text: "ab", span: 0..2 }),
            "an ASCII line has no character to split"
        );
        assert_eq!(inside.find("\u{e9}b"), None, "a pattern that would split one matches nothing beyond ASCII");
        let e = Pattern::new("(unclosed").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
    }
}
