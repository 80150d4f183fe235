//! Stage 3: the taxonomy's aliases found in the resume's lines, each hit with its line.
//!
//! All aliases are matched in one pass per line with an Aho-Corasick automaton, overlapping
//! matches included ("AWS SageMaker" shows SageMaker, "GitLab CI" shows GitLab and CI/CD). A hit must sit on word
//! boundaries and respect its alias's letter case. Aliases that are also ordinary words or
//! letters (R, Go, C) count only in a skills section, next to another skill in a list, or
//! beside a word like "programming", and never glued to "-", "&" or "'" ("R&D",
//! "go-to-market", "C-suite"). What is left is checked for spacing variants ("Py Torch")
//! and misspellings ("Tensorflw"), which are marked and weigh less.

mod phrases;

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcMatchKind};
use serde::Serialize;

use crate::parse::{Resume, Section};
use crate::taxonomy::{Signal, Taxonomy};

/// How a skill was recognised, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// An alias, as written.
    Exact,
    /// An ambiguous alias (R, Go) accepted because of the words around it.
    Context,
    /// A lead-people line, which the taxonomy takes as evidence of this skill.
    Signal,
    /// Work the line describes that shows the skill (`taxonomy/phrases.toml`): "presented
    /// results to the client" shows communication.
    Described,
    /// An alias written with different spacing or hyphens ("Py Torch", "Scikit Learn").
    Spacing,
    /// A misspelt alias ("Tensorflw").
    Fuzzy,
    /// Shown by another skill (SageMaker shows AWS).
    Implied,
}

impl MatchKind {
    pub fn confidence(&self, distance: usize) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Context => 0.9,
            MatchKind::Signal => 0.85,
            MatchKind::Described => 0.85,
            MatchKind::Spacing => 0.85,
            MatchKind::Fuzzy => 0.8 - 0.1 * distance as f32,
            MatchKind::Implied => 0.8,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub line: usize,
    pub section: Section,
    pub text: String,
    /// The words of the line that matched.
    pub matched: String,
    #[serde(rename = "match")]
    pub kind: MatchKind,
}

/// A taxonomy skill found in the resume.
#[derive(Debug, Clone)]
pub struct SkillHit {
    /// Index into `Taxonomy::skills`.
    pub skill: usize,
    pub kind: MatchKind,
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
}

/// One entry of the automaton: an alias in lower case, and the spellings it must have if
/// its letter case matters ("LaTeX" and "LATEX", not "latex").
#[derive(Debug, Clone)]
struct Pattern {
    skill: usize,
    alias: String,
    /// Empty: any letter case.
    spellings: Vec<String>,
    needs_context: bool,
}

#[derive(Debug, Clone)]
struct FuzzyAlias {
    compact: String,
    skill: usize,
    len: usize,
    /// Words of the alias as written: one misspelt word never stands for a two-word alias
    /// ("Responsible" is not "Responsible AI").
    words: usize,
    letters: u64,
}

/// Which of a-z, 0-9 and "other" occur in a word. One edit changes at most two bits, so
/// words whose sets differ in more than `2 × max` bits cannot be within `max` edits: a
/// cheap test that skips almost every candidate before the distance is computed.
fn letter_set(word: &str) -> u64 {
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
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Alias with spaces, hyphens and dots removed → skill, for spacing variants.
    compact: HashMap<String, usize>,
    compact_shapes: KeyShapes,
    /// Misspelling candidates, by first letter.
    fuzzy: HashMap<char, Vec<FuzzyAlias>>,
    fuzzy_shapes: KeyShapes,
    implies: Vec<Vec<usize>>,
    signal_skills: Vec<(Signal, usize)>,
    phrases: phrases::CompiledPhrases,
}

/// Shortest alias (letters and digits only) that spacing or misspelling matching will try.
const MIN_FUZZY_LEN: usize = 6;

fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    compact_into(text, &mut out);
    out
}

/// `text` in lower case without spaces, hyphens, dots and underscores, into a reused buffer.
fn compact_into(text: &str, out: &mut String) {
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
#[derive(Debug, Clone, Default)]
struct KeyShapes {
    lengths_by_first: HashMap<char, u64>,
}

impl KeyShapes {
    fn add(&mut self, key: &str) {
        if let Some(first) = key.chars().next() {
            *self.lengths_by_first.entry(first).or_default() |= 1 << key.chars().count().min(63);
        }
    }

    /// Whether some key starts with `first` and has a length within `slack` of `len`.
    fn may_have(&self, first: char, len: usize, slack: usize) -> bool {
        let Some(&mask) = self.lengths_by_first.get(&first) else { return false };
        (len.saturating_sub(slack)..=len + slack).any(|l| mask & (1 << l.min(63)) != 0)
    }
}

impl Lexicon {
    pub fn new(taxonomy: &Taxonomy) -> Lexicon {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut compact_map = HashMap::new();
        let mut fuzzy: HashMap<char, Vec<FuzzyAlias>> = HashMap::new();
        for (index, skill) in taxonomy.skills.iter().enumerate() {
            for alias in &skill.aliases {
                match by_key.get(&alias.to_lowercase()) {
                    // Any case wins over exact case for the same skill.
                    Some(&i) => {
                        patterns[i].spellings.clear();
                        patterns[i].needs_context = false;
                    }
                    None => {
                        by_key.insert(alias.to_lowercase(), patterns.len());
                        patterns.push(Pattern {
                            skill: index,
                            alias: alias.to_lowercase(),
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
                            fuzzy.entry(first).or_default().push(FuzzyAlias {
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
                match by_key.get(&alias.to_lowercase()) {
                    Some(&i) if patterns[i].spellings.is_empty() => {}
                    Some(&i) => patterns[i].spellings.push(alias.clone()),
                    None => {
                        by_key.insert(alias.to_lowercase(), patterns.len());
                        patterns.push(Pattern {
                            skill: index,
                            alias: alias.to_lowercase(),
                            spellings: vec![alias.clone()],
                            needs_context: skill.needs_context,
                        });
                    }
                }
            }
        }
        // Aliases are plain ASCII words in practice; the builder only fails on absurd sizes.
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(AcMatchKind::Standard)
            .build(patterns.iter().map(|p| p.alias.as_str()))
            .expect("taxonomy aliases build an automaton");
        // What a skill implies, followed all the way (GitHub → Git → version control).
        let direct: Vec<Vec<usize>> = taxonomy
            .skills
            .iter()
            .map(|s| s.implies.iter().filter_map(|id| taxonomy.skill_position(id)).collect())
            .collect();
        let mut compact_shapes = KeyShapes::default();
        compact_map.keys().for_each(|k: &String| compact_shapes.add(k));
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
            automaton,
            patterns,
            compact: compact_map,
            compact_shapes,
            fuzzy,
            fuzzy_shapes,
            implies,
            signal_skills,
            phrases: phrases::CompiledPhrases::new(taxonomy),
        }
    }
}

#[derive(Debug, Clone)]
struct LineHit {
    skill: usize,
    span: Range<usize>,
    kind: MatchKind,
    confidence: f32,
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The alias sits on word boundaries: not inside a longer word, and an alias ending in a
/// letter is not followed by `+` or `#` (that would be a different language).
fn on_word_boundaries(text: &str, span: &Range<usize>, alias: &str) -> bool {
    let before_ok = match (alias.chars().next(), char_before(text, span.start)) {
        (Some(first), Some(prev)) if is_word_char(first) => !is_word_char(prev),
        _ => true,
    };
    let after_ok = match (alias.chars().next_back(), char_after(text, span.end)) {
        (Some(last), Some(next)) if is_word_char(last) => !is_word_char(next) && next != '+' && next != '#',
        _ => true,
    };
    before_ok && after_ok
}

/// Glued to "-", "&" or an apostrophe, or an initial ("R. Smith"): not a language name.
fn glued_to_other_word(text: &str, span: &Range<usize>) -> bool {
    let glue = |c: Option<char>| matches!(c, Some('-' | '&' | '\'' | '’'));
    if glue(char_before(text, span.start)) || glue(char_after(text, span.end)) {
        return true;
    }
    // The last letter of a dotted abbreviation ("S.S.C", "H.S.C"), not a language.
    let mut back = text[..span.start].chars().rev();
    if back.next() == Some('.') && back.next().is_some_and(char::is_alphabetic) {
        return true;
    }
    let rest = &text[span.end..];
    rest.starts_with('.')
        && rest[1..].chars().next().is_some_and(|c| c.is_alphabetic() || c == ' ')
        && rest[1..].trim_start().chars().next().is_some_and(char::is_uppercase)
}

/// Byte ranges of the items of a list-like line: split at , ; | / ( ) [ ] : • and at the
/// words "and", "or", "&" between spaces.
fn list_items(text: &str) -> Vec<Range<usize>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if matches!(c, ',' | ';' | '|' | '/' | '(' | ')' | '[' | ']' | ':' | '•' | '·') {
            cuts.push((i, i + c.len_utf8()));
        }
    }
    for word in [" and ", " or ", " & "] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(word) {
            cuts.push((from + pos, from + pos + word.len()));
            from += pos + word.len();
        }
    }
    cuts.sort_unstable();
    let mut items = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            items.push(start..cut_start);
            start = cut_end;
        }
    }
    items.push(start..text.len());
    items
}

/// "Wrote Spark jobs in Scala": a tool word ("in", "with", "using", "on") right before the
/// ambiguous alias, and a skill elsewhere in the same sentence.
fn used_with_a_skill(text: &str, span: &Range<usize>, confirmed: &[LineHit]) -> bool {
    let before = text[..span.start].trim_end();
    let previous_word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
    if !matches!(previous_word.as_str(), "in" | "with" | "using" | "on" | "via" | "into") {
        return false;
    }
    let sentence_start = before.rfind(['.', ';', '!', '?']).map_or(0, |i| i + 1);
    let sentence_end = text[span.end..].find(['.', ';', '!', '?']).map_or(text.len(), |i| span.end + i);
    confirmed.iter().any(|h| h.span.start >= sentence_start && h.span.end <= sentence_end)
}

/// Words after an ambiguous alias that make it a language ("R programming", "Go services").
fn language_word_follows(text: &str, span: &Range<usize>) -> bool {
    let next_word: String = text[span.end..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        next_word.as_str(),
        "programming"
            | "language"
            | "languages"
            | "lang"
            | "scripts"
            | "script"
            | "scripting"
            | "code"
            | "codebase"
            | "packages"
            | "package"
            | "libraries"
            | "shiny"
            | "microservices"
            | "services"
            | "developer"
            | "developers"
            | "jobs"
            | "job"
            | "cluster"
            | "clusters"
            | "pipeline"
            | "pipelines"
            | "applications"
            | "streaming"
            | "dataframes"
            | "workloads"
            | "api"
            | "apis"
            | "server"
            | "servers"
    ) || {
        let before = text[..span.start].trim_end().to_lowercase();
        before.ends_with("programming in")
            || before.ends_with("written in")
            || before.ends_with("coded in")
            || before.ends_with("languages")
    }
}

/// An ambiguous alias stands right beside a skill ("Jenkins CI/CD"), or is an item of a
/// list whose neighbouring item holds a skill ("in R and Python", "Go, C and C++").
fn next_to_a_skill(text: &str, span: &Range<usize>, confirmed: &[LineHit]) -> bool {
    let touching = confirmed.iter().any(|h| {
        let between = if h.span.start >= span.end {
            &text[span.end..h.span.start]
        } else if h.span.end <= span.start {
            &text[h.span.end..span.start]
        } else {
            return false;
        };
        between.chars().all(|c| c == ' ') && between.len() <= 1
    });
    if touching {
        return true;
    }
    let items = list_items(text);
    let Some(index) = items.iter().position(|r| r.start <= span.start && span.end <= r.end) else {
        return false;
    };
    let item = &text[items[index].clone()];
    // The alias must be the item, or the item's last or first word ("in R", "R and Python").
    let trimmed = item.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#');
    let at_edge = trimmed.ends_with(&text[span.clone()]) || trimmed.starts_with(&text[span.clone()]);
    if !at_edge {
        return false;
    }
    // A neighbour counts if it is a short list item, or if its skill stands right at the
    // conjunction ("… in Python and Go"); otherwise a long neighbour is just a sentence.
    let (prev, next) = (index.checked_sub(1), index + 1);
    let items = &items;
    let at_joint = |i: usize, h: &LineHit| {
        let r = &items[i];
        let item = text[r.clone()].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#');
        let item_start = r.start + (text[r.clone()].len() - text[r.clone()].trim_start().len());
        if Some(i) == prev {
            h.span.end == r.start + item.len()
        } else {
            h.span.start == item_start
        }
    };
    [prev, Some(next)].into_iter().flatten().filter(|&i| i < items.len()).any(|i| {
        let r = &items[i];
        let short = text[r.clone()].split_whitespace().count() <= 4;
        confirmed.iter().any(|h| h.span.start >= r.start && h.span.end <= r.end && (short || at_joint(i, h)))
    })
}

fn detect_line(lexicon: &Lexicon, text: &str, section: Section) -> Vec<LineHit> {
    let mut confirmed: Vec<LineHit> = Vec::new();
    let mut ambiguous: Vec<LineHit> = Vec::new();
    // Overlapping matches: a name inside a longer one counts too ("GitLab" in "GitLab CI",
    // "AWS" in "AWS Glue"), while word boundaries keep "Java" out of "JavaScript".
    for m in lexicon.automaton.find_overlapping_iter(text) {
        let pattern = &lexicon.patterns[m.pattern().as_usize()];
        let span = m.start()..m.end();
        if !pattern.spellings.is_empty() && !pattern.spellings.iter().any(|s| text[span.clone()] == *s) {
            continue;
        }
        if !on_word_boundaries(text, &span, &pattern.alias) {
            continue;
        }
        let hit = LineHit { skill: pattern.skill, span: span.clone(), kind: MatchKind::Exact, confidence: 1.0 };
        if pattern.needs_context {
            if !glued_to_other_word(text, &span) {
                ambiguous.push(hit);
            }
        } else {
            confirmed.push(hit);
        }
    }
    // An accepted ambiguous name can vouch for the next one ("Spark jobs in Scala"), so
    // repeat until nothing more is accepted.
    let mut pending = ambiguous;
    loop {
        let before = pending.len();
        let mut still_pending = Vec::new();
        for mut hit in pending {
            let accepted = (section == Section::Skills && reads_as_list(text))
                || language_word_follows(text, &hit.span)
                || next_to_a_skill(text, &hit.span, &confirmed)
                || used_with_a_skill(text, &hit.span, &confirmed);
            if accepted {
                hit.kind = if section == Section::Skills { MatchKind::Exact } else { MatchKind::Context };
                hit.confidence = hit.kind.confidence(0);
                confirmed.push(hit);
            } else {
                still_pending.push(hit);
            }
        }
        pending = still_pending;
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    confirmed.extend(near_misses(lexicon, text, &confirmed));
    confirmed.retain(|h| !lexicon.phrases.blocked(h.skill, text, &h.span));
    confirmed
}

/// A line of a skills section that lists things, rather than a sentence that ended up there
/// (a project description under a "Technologies" heading).
fn reads_as_list(text: &str) -> bool {
    text.split_whitespace().count() <= 6 || text.contains([',', ';', '|', '•', '·', '/', '(', ':'])
}

/// Word tokens of a line as byte ranges, with surrounding punctuation trimmed.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part_of_word = c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '#' | '_');
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out.into_iter()
        .map(|r| {
            let word = &text[r.clone()];
            let lead = word.len() - word.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            let trail =
                word.len() - word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#').len();
            (r.start + lead)..(r.end - trail).max(r.start + lead)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// Spacing variants and misspellings among the words that matched nothing exactly.
fn near_misses(lexicon: &Lexicon, text: &str, exact: &[LineHit]) -> Vec<LineHit> {
    let words = tokens(text);
    let free = |r: &Range<usize>| !exact.iter().any(|h| h.span.start < r.end && r.start < h.span.end);
    let mut found: Vec<LineHit> = Vec::new();
    let mut used_until = 0;
    let mut scratch = String::new();
    for i in 0..words.len() {
        if words[i].start < used_until || !free(&words[i]) {
            continue;
        }
        // Two words first ("Py Torch"), then one ("Tensorflw").
        let pair = words.get(i + 1).filter(|next| free(next) && text[words[i].end..next.start].trim().is_empty());
        let candidates = pair
            .map(|next| (words[i].start..next.end, true))
            .into_iter()
            .chain(std::iter::once((words[i].clone(), false)));
        for (span, is_pair) in candidates {
            if let Some(hit) = near_miss(lexicon, &text[span.clone()], is_pair, &mut scratch) {
                used_until = span.end;
                found.push(LineHit { span, ..hit });
                break;
            }
        }
    }
    found
}

fn near_miss(lexicon: &Lexicon, word: &str, is_pair: bool, key: &mut String) -> Option<LineHit> {
    // Compacting never lengthens a word: a short one cannot reach the minimum.
    if word.len() < MIN_FUZZY_LEN || !word.chars().any(char::is_alphabetic) {
        return None;
    }
    compact_into(word, key);
    let key = key.as_str();
    let len = key.chars().count();
    if len < MIN_FUZZY_LEN {
        return None;
    }
    // Typos keep the first letter; the allowed distance grows with the word's length.
    let first = key.chars().next()?;
    let spacing = lexicon.compact_shapes.may_have(first, len, 0).then(|| lexicon.compact.get(key)).flatten();
    if let Some(&skill) = spacing {
        return Some(LineHit {
            skill,
            span: 0..0,
            kind: MatchKind::Spacing,
            confidence: MatchKind::Spacing.confidence(0),
        });
    }
    let max_distance = if len >= 9 { 2 } else { 1 };
    let min_len = if is_pair { 8 } else { MIN_FUZZY_LEN };
    if len < min_len {
        return None;
    }
    let max_distance = if is_pair { 1 } else { max_distance };
    if !lexicon.fuzzy_shapes.may_have(first, len, max_distance) {
        return None;
    }
    let candidates = lexicon.fuzzy.get(&first)?;
    let letters = letter_set(key);
    let best = candidates
        .iter()
        .filter(|a| {
            (is_pair || a.words == 1)
                && a.len.abs_diff(len) <= max_distance
                && (a.letters ^ letters).count_ones() as usize <= 2 * max_distance
        })
        .filter_map(|a| bounded_osa(key, &a.compact, max_distance).map(|d| (d, a)))
        .filter(|(d, _)| *d >= 1)
        .min_by_key(|(d, a)| (*d, a.len.abs_diff(len)))?;
    Some(LineHit {
        skill: best.1.skill,
        span: 0..0,
        kind: MatchKind::Fuzzy,
        confidence: MatchKind::Fuzzy.confidence(best.0),
    })
}

/// Optimal-string-alignment distance (edits and adjacent transpositions, so "Pytroch" is one
/// edit from "pytorch") if it is at most `max`, else `None`. Works on bytes with fixed rows
/// and stops as soon as a whole row exceeds `max`: it runs for every candidate word of every
/// line, so it must not allocate. Words longer than the rows, or not ASCII, fall back to
/// strsim.
fn bounded_osa(a: &str, b: &str, max: usize) -> Option<usize> {
    const ROW: usize = 48;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.len() >= ROW || b.len() >= ROW || !a.is_ascii() || !b.is_ascii() {
        let d = strsim::osa_distance(std::str::from_utf8(a).ok()?, std::str::from_utf8(b).ok()?);
        return (d <= max).then_some(d);
    }
    let mut two_back = [0usize; ROW];
    let mut prev = [0usize; ROW];
    let mut cur = [0usize; ROW];
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        two_back = prev;
        prev = cur;
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// Every taxonomy skill found in the resume, in taxonomy order, with its evidence.
pub fn detect(resume: &Resume, lexicon: &Lexicon) -> Vec<SkillHit> {
    let mut by_skill: HashMap<usize, SkillHit> = HashMap::new();
    let mut add = |skill: usize, kind: MatchKind, confidence: f32, evidence: Evidence| {
        let entry = by_skill.entry(skill).or_insert_with(|| SkillHit { skill, kind, confidence, evidence: Vec::new() });
        if kind < entry.kind {
            entry.kind = kind;
        }
        entry.confidence = entry.confidence.max(confidence);
        if !entry.evidence.iter().any(|e| e.line == evidence.line) {
            entry.evidence.push(evidence);
        }
    };
    for line in &resume.lines {
        if line.text.is_empty() || line.is_heading {
            continue;
        }
        for (skill, span) in lexicon.phrases.described(line) {
            let kind = MatchKind::Described;
            let evidence = |kind| Evidence {
                line: line.number,
                section: line.section,
                text: line.text.clone(),
                matched: line.text.get(span.clone()).unwrap_or_default().to_string(),
                kind,
            };
            add(skill, kind, kind.confidence(0), evidence(kind));
            for &implied in &lexicon.implies[skill] {
                let kind = MatchKind::Implied;
                add(implied, kind, kind.confidence(0), evidence(kind));
            }
        }
        for hit in detect_line(lexicon, &line.text, line.section) {
            let matched = line.text[hit.span.clone()].to_string();
            let evidence = |kind| Evidence {
                line: line.number,
                section: line.section,
                text: line.text.clone(),
                matched: matched.clone(),
                kind,
            };
            add(hit.skill, hit.kind, hit.confidence, evidence(hit.kind));
            for &implied in &lexicon.implies[hit.skill] {
                let kind = MatchKind::Implied;
                add(implied, kind, kind.confidence(0).min(hit.confidence), evidence(kind));
            }
        }
    }
    for &(signal, skill) in &lexicon.signal_skills {
        let lines = match signal {
            Signal::Leadership => &resume.leadership_lines,
        };
        for &number in lines {
            // Mentoring alone shows leadership, not leading a team.
            if let Some(line) = resume.line(number).filter(|l| l.leads_people(&lexicon.phrases.phrases)) {
                let kind = MatchKind::Signal;
                add(
                    skill,
                    kind,
                    kind.confidence(0),
                    Evidence {
                        line: number,
                        section: line.section,
                        text: line.text.clone(),
                        matched: line.text.clone(),
                        kind,
                    },
                );
            }
        }
    }
    let mut hits: Vec<SkillHit> = by_skill.into_values().collect();
    for hit in &mut hits {
        hit.evidence.sort_by_key(|e| e.line);
    }
    hits.sort_by_key(|h| h.skill);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;
    use crate::parse::{dates::month, parse};
    use std::path::Path;
    use std::sync::LazyLock;

    static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| Taxonomy::embedded().unwrap());
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(&TAXONOMY));

    fn found(text: &str) -> Vec<(String, MatchKind)> {
        let resume = parse(&from_text(Path::new("t.txt"), text).unwrap(), month(2026, 11));
        detect(&resume, &LEXICON).into_iter().map(|h| (TAXONOMY.skills[h.skill].id.clone(), h.kind)).collect()
    }

    fn ids(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(id, _)| id).collect()
    }

    #[test]
    fn ambiguous_names_used_with_other_skills() {
        let got = ids("Experience\n- Wrote Spark jobs in Scala and streamed events with Kafka\n");
        assert!(got.contains(&"scala".to_string()) && got.contains(&"kafka".to_string()), "{got:?}");
        let got = ids(
            "Interests\nBook club: Kafka, Woolf. Dinners in Milan during the La Scala season with Python friends.\n",
        );
        assert!(!got.contains(&"kafka".to_string()) && !got.contains(&"scala".to_string()), "{got:?}");
    }

    #[test]
    fn traps_are_not_skills() {
        let text = "Summary\nDrove R&D spend and the go-to-market plan, briefing the C-suite.\n\
                    Built scalable campaigns that sparked growth; wrote JavaScript widgets.\nGo to the next level.";
        let got = ids(text);
        for trap in ["r", "go", "c", "scala", "spark", "java"] {
            assert!(!got.contains(&trap.to_string()), "{trap} found in {got:?}");
        }
        assert!(got.contains(&"javascript".to_string()));
    }

    #[test]
    fn single_letter_languages_count_in_lists_and_skills_sections() {
        let got = ids("Experience\n- Built forecasting models in R and Python\n- Services written in Go, C and C++\n");
        for id in ["r", "python", "go", "c", "cpp"] {
            assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
        }
        let got = ids("SKILLS\nR\nGo\n");
        assert!(got.contains(&"r".to_string()) && got.contains(&"go".to_string()), "{got:?}");
    }

    #[test]
    fn aliases_map_to_their_skill() {
        let got = ids("Skills\nsklearn, k8s, GCP, Postgres, PySpark, AWS SageMaker\n");
        for id in ["scikit-learn", "kubernetes", "google-cloud", "postgresql", "spark", "sagemaker", "aws"] {
            assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
        }
    }

    #[test]
    fn misspellings_and_spacing_variants_are_fuzzy() {
        let got = found("Experience\n- Trained models with Tensorflw and Py Torch on Kubernets\n");
        let kind = |id: &str| got.iter().find(|(s, _)| s == id).map(|(_, k)| *k);
        assert_eq!(kind("tensorflow"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("pytorch"), Some(MatchKind::Spacing));
        assert_eq!(kind("kubernetes"), Some(MatchKind::Fuzzy));
    }

    #[test]
    fn bounded_osa_agrees_with_strsim() {
        for (a, b) in [
            ("pytroch", "pytorch"),
            ("tensorflw", "tensorflow"),
            ("kubernets", "kubernetes"),
            ("docker", "docket"),
            ("abc", "xyz"),
            ("", "ab"),
        ] {
            let full = strsim::osa_distance(a, b);
            for max in 0..3 {
                assert_eq!(bounded_osa(a, b, max), (full <= max).then_some(full), "{a} {b} {max}");
            }
        }
    }

    #[test]
    fn described_work_is_a_skill_with_its_line_as_evidence() {
        let text = "Experience\n- Presented monthly findings to the operations director\n- Mentor junior members in the team\n";
        let resume = parse(&from_text(Path::new("t.txt"), text).unwrap(), month(2026, 11));
        let hits = detect(&resume, &LEXICON);
        let hit = |id: &str| hits.iter().find(|h| TAXONOMY.skills[h.skill].id == id);
        let communication = hit("communication").expect("communication from presenting findings");
        assert_eq!(communication.kind, MatchKind::Described);
        assert_eq!(communication.evidence[0].line, 2);
        assert_eq!(communication.evidence[0].matched, "Presented monthly findings to the operations director");
        assert!(hit("mentoring").is_some());
        assert_eq!(resume.leadership_lines, vec![3]);
    }

    #[test]
    fn look_alikes_are_guarded() {
        let got = ids("Experience\n- Performance tuning: updating statistics and rebuilding indexes\n\
             - Tracked defects in Agile Central\n- Developed novel algorithms for speech\n\
             - Responsible for sending reports\n- B.E. Electronics & Communication\n");
        for trap in ["statistics", "agile", "data-structures-algorithms", "ai-ethics", "communication"] {
            assert!(!got.contains(&trap.to_string()), "{trap} found in {got:?}");
        }
        let got = ids("Skills\nData Structures, Algorithms, Statistics, Agile\n");
        for id in ["data-structures-algorithms", "statistics", "agile"] {
            assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
        }
    }

    #[test]
    fn short_words_do_not_fuzzy_match() {
        let got = ids("Summary\nFiled a docket, set the scale, kept the ledger and the pandas at the zoo.\n");
        for id in ["docker", "scala"] {
            assert!(!got.contains(&id.to_string()), "{id} found in {got:?}");
        }
    }
}
