//! Phrase rules (`taxonomy/phrases.toml`): skills and leading people read from the work a
//! resume describes ("Mentor junior members in the team", "presented results to the
//! client"), and guards that keep an alias from counting in a look-alike context ("updating
//! statistics" of a database, "Agile Central"). The rules are data; this module compiles
//! each pattern when a line first needs it, and an index of the patterns' first and last
//! words picks the few patterns a line can match.
//!
//! A pattern is a row of tokens separated by spaces:
//!
//! | token | matches |
//! |---|---|
//! | `word` | that word, in any letter case, on word boundaries |
//! | `manag*` | a word starting with `manag` |
//! | `a\|an\|the` | one of these words |
//! | `{people}` | one entry of the word group `people` (an entry may hold several words) |
//! | `~3` | up to three other words |
//! | `#` | a number or a range of numbers ("6", "7-12") |
//!
//! Consecutive tokens are separated by spaces or the punctuation of a list (`,` `;` `:`).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

// Byte regexes in ASCII mode: the patterns are ASCII words, and without Unicode classes the
// lazy DFA stays small and fast on every line.
use super::lazy::{AnchoredPattern, Pattern};
use super::phrase_pattern::{self, Alternative, PhrasePattern, Token};
use serde::Deserialize;

use super::word_starts::{Places, WordStarts};
use super::Section;
use crate::error::TaxonomyError;

pub const PHRASES_FILE: &str = "phrases.toml";

/// How a rule's lines show leading people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Leadership {
    /// Leading or managing people: evidence of team leadership.
    Leads,
    /// Supervising, hiring, training or mentoring people: leadership, short of leading a team.
    Supports,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhrasesFile {
    #[serde(default)]
    groups: BTreeMap<String, Vec<String>>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
    #[serde(default, rename = "guard")]
    guards: Vec<GuardSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    #[serde(default)]
    skill: Option<String>,
    #[serde(default)]
    leadership: Option<Leadership>,
    #[serde(default)]
    patterns: Vec<String>,
    /// Described work as a small grammar: these verbs (inflected here) with one of `objects`
    /// in the same clause, actively ("deployed the model"), passively ("models were
    /// deployed") or as a noun of the work ("deployment of ML models").
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    objects: Vec<String>,
    /// Words allowed between a verb and its object (default 4).
    #[serde(default)]
    window: Option<u32>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    skip_sections: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    not_examples: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuardSpec {
    skill: String,
    #[serde(default)]
    alias: Option<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    item_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// An entry of the pattern's first token: with its last, the line may match.
    First,
    /// An entry of its last token.
    Last,
    /// The first word of an entry of its first token: a place its match may start
    /// ([`PhrasePattern::start_words`]), for a pattern that starts at its first word.
    Start,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct PhraseRule {
    pub id: String,
    /// The skill id the rule's lines show, if any.
    pub skill: Option<String>,
    pub leadership: Option<Leadership>,
    /// Indexes into `Phrases::patterns`.
    patterns: Vec<usize>,
    /// Parts of a line that do not count ("led to", "reporting to"): removed before the
    /// rule is tried again.
    unless: Option<LazyPattern>,
    skip_sections: Vec<Section>,
    /// Real sentences the rule must match and must not match (checked by the tests).
    pub examples: Vec<String>,
    pub not_examples: Vec<String>,
}

/// Where an alias of a skill does not count.
#[derive(Debug, Clone)]
pub struct Guard {
    pub skill: String,
    /// Lower case; `None`: every alias of the skill.
    pub alias: Option<String>,
    /// Lower-case words (or phrases) that cancel the hit when they stand right before it.
    pub not_after: Vec<String>,
    /// ... or right after it.
    pub not_before: Vec<String>,
    /// The hit counts only as the first word of a list item ("Algorithms", "Algorithms
    /// Analysis"), not after a qualifier ("machine learning algorithms").
    pub item_start: bool,
}

/// What the trigger scan of a line finds ([`Phrases::scan`]).
struct Triggered {
    /// Per pattern: whether its first and its last word (or number) occur.
    seen: Vec<[bool; 2]>,
    /// (pattern, place) of every first word of a pattern searched from its first words,
    /// sorted by pattern, then place.
    first_words: Vec<(usize, usize)>,
}

/// The compiled phrase rules and guards.
#[derive(Debug, Clone)]
pub struct Phrases {
    /// The words a pattern can start or end with (stems for `word*`), in lower case: a line
    /// is scanned once for all of them, and only the patterns whose first and last words
    /// occur are run.
    triggers: WordStarts,
    /// Trigger index → the patterns whose first or last token the word is, and which.
    trigger_pattern: Vec<Vec<(usize, Edge)>>,
    /// Patterns that start (end) with a number (`#`): that edge is met on lines with a digit.
    number_first: Vec<usize>,
    number_last: Vec<usize>,
    /// Per pattern: its matches start only where the first word of an entry of its first
    /// token does ([`PhrasePattern::start_words`]). Such a pattern is searched
    /// anchored at those places instead of across the whole line and back (issue 25: the
    /// unanchored search, and the reverse one that finds where its match starts, built
    /// lazy-DFA states for every new line, the largest part of a batch).
    starts_at_first_word: Vec<bool>,
    /// Compiled when a line first needs them: most runs read one resume, which triggers few
    /// of the rules, and compiling every pattern up front cost more than reading it.
    patterns: Vec<LazyPattern>,
    pattern_rule: Vec<usize>,
    pub rules: Vec<PhraseRule>,
    pub guards: Vec<Guard>,
}

/// `phrases.toml` read, its skill ids not yet checked ([`Phrases::read`]).
pub struct PhrasesRead {
    read: Result<Phrases, TaxonomyError>,
    /// Each skill id the reading met before it ended, with what names it ("rule 'x'",
    /// "guard"), in the file's order.
    skills_named: Vec<(String, String)>,
}

impl PhrasesRead {
    /// The rules, or the first error in the order the file is read: an unknown skill id
    /// named before the reading's own error comes first.
    pub fn resolve(self, skill_known: impl Fn(&str) -> bool) -> Result<Phrases, TaxonomyError> {
        match self.skills_named.into_iter().find(|(id, _)| !skill_known(id)) {
            Some((id, by)) => Err(TaxonomyError::new(PHRASES_FILE, format!("{by} names unknown skill '{id}'"))),
            None => self.read,
        }
    }
}

/// A byte pattern compiled on first use: checked on load for a user's `phrases.toml`, by the
/// tests for the built-in one ([`Phrases::compile_all`]). Clones share the compiled pattern
/// (the lexicon keeps a copy of the taxonomy's rules).
#[derive(Debug, Clone)]
struct LazyPattern {
    phrase: std::sync::Arc<Phrase>,
    compiled: std::sync::Arc<std::sync::OnceLock<Option<Pattern>>>,
    /// The forward automaton alone, for a pattern searched from its first words.
    anchored: std::sync::Arc<std::sync::OnceLock<Option<AnchoredPattern>>>,
}

#[derive(Debug)]
enum Phrase {
    One(PhrasePattern),
    /// A rule's `unless`: any of them.
    AnyOf(Vec<PhrasePattern>),
}

impl LazyPattern {
    fn new(phrase: Phrase) -> LazyPattern {
        LazyPattern { phrase: phrase.into(), compiled: Default::default(), anchored: Default::default() }
    }

    fn source(&self) -> String {
        match &*self.phrase {
            Phrase::One(pattern) => pattern.source(),
            Phrase::AnyOf(patterns) => phrase_pattern::any_source(patterns),
        }
    }

    /// The syntax tree of [`LazyPattern::source`], built without parsing it.
    fn hir(&self) -> regex_syntax::hir::Hir {
        match &*self.phrase {
            Phrase::One(pattern) => pattern.hir(),
            Phrase::AnyOf(patterns) => phrase_pattern::any_hir(patterns),
        }
    }

    /// `None` only if the pattern is over the regex size limits (a user's file is checked on
    /// load, [`LazyPattern::compile_now`]; the built-in one by the tests).
    fn get(&self) -> Option<&Pattern> {
        self.compiled.get_or_init(|| self.compile().ok()).as_ref()
    }

    fn compile(&self) -> Result<Pattern, String> {
        Pattern::bytes_from_hir(&self.source(), &self.hir())
    }

    /// The match that starts at the first of `starts` (ascending) one starts at, found with
    /// the forward automaton alone; with the pattern compiled whole where that automaton does
    /// not build or gives up.
    fn find_from(&self, bytes: &[u8], starts: impl Iterator<Item = usize> + Clone) -> Option<std::ops::Range<usize>> {
        let anchored = self.anchored.get_or_init(|| AnchoredPattern::from_hir(&self.hir()).ok());
        match anchored.as_ref().map(|a| a.find_from(bytes, starts.clone())) {
            Some(Ok(found)) => found,
            _ => self.get()?.find_bytes_from(bytes, starts),
        }
    }

    /// Compiles the pattern now, and says why it does not compile.
    fn compile_now(&self) -> Result<(), String> {
        let compiled = self.compile()?;
        let _ = self.compiled.set(Some(compiled));
        Ok(())
    }
}

/// The built-in `phrases.toml`, compiled once: for callers that parse without a taxonomy.
pub fn embedded() -> &'static Phrases {
    static EMBEDDED: std::sync::LazyLock<Phrases> = std::sync::LazyLock::new(|| {
        Phrases::from_toml(include_str!("../../taxonomy/phrases.toml"), |_| true)
            .expect("the built-in phrases.toml is valid (tested)")
    });
    &EMBEDDED
}

/// A rule that matched a line, with the words that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseHit {
    pub rule: usize,
    pub span: std::ops::Range<usize>,
}

/// The word groups the described-work grammar uses: the auxiliaries of the passive voice
/// ("models were deployed") and the words that join a noun of the work to its object
/// ("deployment of ML models"). Their words are data, in `[groups]` of phrases.toml.
const PASSIVE: &str = "{passive}";
const NOUN_LINKS: &str = "{noun_links}";
const GRAMMAR_GROUPS: [&str; 2] = ["passive", "noun_links"];

/// The patterns a rule's verbs × objects grammar stands for (empty without verbs).
fn grammar_patterns(spec: &RuleSpec) -> Vec<String> {
    if spec.verbs.is_empty() || spec.objects.is_empty() {
        return Vec::new();
    }
    let token = |words: &[String]| {
        words
            .iter()
            .map(|w| if w.starts_with('{') { w.trim().to_string() } else { w.trim().to_lowercase().replace(' ', "_") })
            .collect::<Vec<_>>()
            .join("|")
    };
    let mut all = Vec::new();
    let mut past = Vec::new();
    for verb in &spec.verbs {
        let (forms, pasts) = verb_forms(verb);
        all.extend(forms);
        past.extend(pasts);
    }
    all.sort();
    all.dedup();
    past.sort();
    past.dedup();
    let (verbs, past, objects) = (token(&all), token(&past), token(&spec.objects));
    let window = spec.window.unwrap_or(4);
    let mut out = vec![
        format!("{verbs} ~{window} {objects}"),
        format!("{objects} ~2 {PASSIVE} ~1 {past}"),
        format!("{objects} {past}"),
    ];
    if !spec.nouns.is_empty() {
        let nouns = token(&spec.nouns);
        out.push(format!("{nouns} ~1 {NOUN_LINKS} ~3 {objects}"));
        out.push(format!("{objects} {nouns}"));
    }
    out
}

/// The forms of a verb that resumes write: base, third person, past (and participle),
/// -ing. A verb given as "build/built" names its irregular past; regular ones are inflected
/// here ("deploy" → deploys, deployed, deploying; "manage" → managed, managing; "ship" →
/// shipped). Returns (every form, past forms) in lower case.
fn verb_forms(verb: &str) -> (Vec<String>, Vec<String>) {
    let verb = verb.trim().to_lowercase();
    // "draw/drew/drawn": the base, then its irregular past and participle.
    let mut parts = verb.split('/').map(str::to_string);
    let base = parts.next().unwrap_or_default();
    let irregular: Vec<String> = parts.filter(|p| !p.is_empty()).collect();
    // Several words ("fine-tune", "set up"): inflect the first, keep the rest.
    let (head, rest) = match base.split_once(' ') {
        Some((h, r)) => (h.to_string(), format!(" {r}")),
        None => (base.clone(), String::new()),
    };
    let vowel = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = head.chars().collect();
    let n = chars.len();
    let (third, past, ing) = if head.ends_with('e') && !head.ends_with("ee") {
        let stem = &head[..head.len() - 1];
        (format!("{head}s"), format!("{head}d"), format!("{stem}ing"))
    } else if head.ends_with("ee") {
        (format!("{head}s"), format!("{head}d"), format!("{head}ing"))
    } else if n >= 2 && chars[n - 1] == 'y' && !vowel(chars[n - 2]) {
        let stem = &head[..head.len() - 1];
        (format!("{stem}ies"), format!("{stem}ied"), format!("{head}ing"))
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|e| head.ends_with(e)) {
        (format!("{head}es"), format!("{head}ed"), format!("{head}ing"))
    } else {
        // One short syllable ending consonant-vowel-consonant doubles its last letter
        // ("ship" → shipped, "plan" → planning); longer verbs do not ("develop" → developed).
        let groups = chars.windows(2).filter(|w| !vowel(w[0]) && vowel(w[1])).count() + usize::from(vowel(chars[0]));
        let doubles = n >= 3
            && groups == 1
            && !vowel(chars[n - 1])
            && !"wxy".contains(chars[n - 1])
            && vowel(chars[n - 2])
            && !vowel(chars[n - 3]);
        let last = chars[n - 1];
        if doubles {
            (format!("{head}s"), format!("{head}{last}ed"), format!("{head}{last}ing"))
        } else {
            (format!("{head}s"), format!("{head}ed"), format!("{head}ing"))
        }
    };
    let mut pasts = vec![format!("{past}{rest}")];
    if !irregular.is_empty() {
        pasts = irregular;
    }
    let mut all = vec![base.clone(), format!("{third}{rest}"), format!("{ing}{rest}")];
    all.extend(pasts.iter().cloned());
    all.dedup();
    (all, pasts)
}

/// The word groups of `phrases.toml`, by name: each word in lower case once, shared by the
/// patterns that name the group.
type WordGroups = BTreeMap<String, Vec<Alternative>>;

fn word_groups(groups: &BTreeMap<String, Vec<String>>) -> WordGroups {
    let words = |words: &[String]| words.iter().map(|w| Alternative::Word(w.to_ascii_lowercase().into())).collect();
    groups.iter().map(|(name, list)| (name.clone(), words(list))).collect()
}

fn compile_pattern(pattern: &str, groups: &WordGroups, context: &str) -> Result<PhrasePattern, TaxonomyError> {
    compile_pattern_in(pattern, groups, context, false)
}

/// `clause`: the words of the pattern stay within one clause (described-work grammar).
fn compile_pattern_in(
    pattern: &str,
    groups: &WordGroups,
    context: &str,
    clause: bool,
) -> Result<PhrasePattern, TaxonomyError> {
    let err = |msg: String| TaxonomyError::new(PHRASES_FILE, format!("{context}: {msg}"));
    // In lower case: a pattern reads a line in lower case (see `PhrasePattern`).
    let word = |w: &str| Alternative::Word(w.to_ascii_lowercase().into());
    let mut tokens = Vec::new();
    let mut ends_in_number = false;
    for token in pattern.split_whitespace() {
        if let Some(n) = token.strip_prefix('~') {
            let n: u32 = n.parse().map_err(|_| err(format!("'{token}' is not a word gap like ~3")))?;
            if tokens.is_empty() {
                return Err(err(format!("pattern '{pattern}' starts with a gap")));
            }
            tokens.push(Token::Gap(n));
            continue;
        }
        let mut alternatives = Vec::new();
        for piece in token.split('|').filter(|w| !w.is_empty()) {
            if let Some(name) = piece.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                let words = groups.get(name).ok_or_else(|| err(format!("unknown word group '{{{name}}}'")))?;
                alternatives.extend(words.iter().cloned());
            } else if piece == "#" {
                alternatives.push(Alternative::Number);
            } else {
                alternatives.push(word(&piece.replace('_', " ")));
            }
        }
        if alternatives.is_empty() {
            return Err(err(format!("empty token in pattern '{pattern}'")));
        }
        tokens.push(Token::Any(alternatives));
        ends_in_number = token == "#";
    }
    if tokens.is_empty() {
        return Err(err("empty pattern".into()));
    }
    Ok(PhrasePattern { tokens, clause, ends_in_number })
}

fn section_named(name: &str) -> Option<Section> {
    [
        Section::Header,
        Section::Summary,
        Section::Skills,
        Section::Experience,
        Section::Education,
        Section::Projects,
        Section::Certifications,
        Section::Publications,
        Section::Other,
    ]
    .into_iter()
    .find(|s| s.as_str() == name)
}

impl Phrases {
    /// Parses and compiles `phrases.toml`; `skill_known` checks a rule's skill id.
    pub fn from_toml(text: &str, skill_known: impl Fn(&str) -> bool) -> Result<Phrases, TaxonomyError> {
        Phrases::read(text).resolve(skill_known)
    }

    /// Parses and compiles `phrases.toml` without knowing the skills yet: the skill ids it
    /// names are checked by [`PhrasesRead::resolve`], and reported as if checked where they
    /// were met. So the rules can be read on a thread of their own while the skills are still
    /// being read (issue 25: a one-resume run waited for the rules).
    pub fn read(text: &str) -> PhrasesRead {
        let mut skills_named = Vec::new();
        let read = Phrases::read_naming(text, &mut skills_named);
        PhrasesRead { read, skills_named }
    }

    /// The reading of [`Phrases::read`]: `skills_named` gets each skill id where it is met, in
    /// order, with what names it; reading stops at the first other error.
    fn read_naming(text: &str, skills_named: &mut Vec<(String, String)>) -> Result<Phrases, TaxonomyError> {
        let file: PhrasesFile = super::parse_toml(PHRASES_FILE, text)?;
        // The built-in rules are checked by the tests (`compile_all`): parsing their 100-odd
        // patterns at every start cost more than reading a resume. A user's are checked here.
        let check = text != super::EMBEDDED_PHRASES;
        let err = |msg: String| TaxonomyError::new(PHRASES_FILE, msg);
        for (name, words) in &file.groups {
            if words.is_empty() || words.iter().any(|w| w.trim().is_empty()) {
                return Err(err(format!("word group '{name}' is empty or has an empty entry")));
            }
        }
        let groups = word_groups(&file.groups);
        let mut sources = Vec::new();
        let mut pattern_rule = Vec::new();
        let mut rules = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for (index, spec) in file.rules.iter().enumerate() {
            let context = format!("rule '{}'", spec.id);
            if !ids.insert(spec.id.as_str()) {
                return Err(err(format!("{context} is defined twice")));
            }
            if spec.skill.is_none() && spec.leadership.is_none() {
                return Err(err(format!("{context} names neither a skill nor leadership")));
            }
            if let Some(skill) = &spec.skill {
                skills_named.push((skill.clone(), context.clone()));
            }
            if !spec.verbs.is_empty() && spec.objects.is_empty() {
                return Err(err(format!("{context} has verbs but no objects")));
            }
            if !spec.verbs.is_empty() {
                if let Some(missing) = GRAMMAR_GROUPS.iter().find(|g| !file.groups.contains_key(**g)) {
                    return Err(err(format!(
                        "{context} has verbs, and the described-work grammar needs the word group '{missing}' in [groups]"
                    )));
                }
            }
            let grammar = grammar_patterns(spec);
            if spec.patterns.is_empty() && grammar.is_empty() {
                return Err(err(format!("{context} has no patterns")));
            }
            let mut patterns = Vec::new();
            let written = spec.patterns.iter().map(|p| (p, false));
            for (p, clause) in written.chain(grammar.iter().map(|p| (p, true))) {
                let pattern = compile_pattern_in(p, &groups, &context, clause)?;
                patterns.push(sources.len());
                sources.push(pattern);
                pattern_rule.push(index);
            }
            let unless = if spec.unless.is_empty() {
                None
            } else {
                let parts =
                    spec.unless.iter().map(|p| compile_pattern(p, &groups, &context)).collect::<Result<Vec<_>, _>>()?;
                let unless = LazyPattern::new(Phrase::AnyOf(parts));
                if check {
                    unless.compile_now().map_err(|e| err(format!("{context}: {e}")))?;
                }
                Some(unless)
            };
            let skip_sections = spec
                .skip_sections
                .iter()
                .map(|s| section_named(s).ok_or_else(|| err(format!("{context}: unknown section '{s}'"))))
                .collect::<Result<Vec<_>, _>>()?;
            rules.push(PhraseRule {
                id: spec.id.clone(),
                skill: spec.skill.clone(),
                leadership: spec.leadership,
                patterns,
                unless,
                skip_sections,
                examples: spec.examples.clone(),
                not_examples: spec.not_examples.clone(),
            });
        }
        // Each distinct word once in the automaton, with every pattern edge it stands at:
        // the grammar's verbs and objects recur across rules, and the automaton's build time
        // grows with its words.
        let mut trigger_pattern: Vec<Vec<(usize, Edge)>> = Vec::new();
        let mut word_index: FxHashMap<String, usize> = FxHashMap::default();
        // Some 11,000 calls at every start: a word is copied only the first time it is seen,
        // and lower-cased only if it has a capital.
        let mut add_trigger = |word: &str, at: (usize, Edge)| {
            let key: std::borrow::Cow<str> = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                word.to_ascii_lowercase().into()
            } else {
                word.into()
            };
            let index = match word_index.get(key.as_ref()) {
                Some(&index) => index,
                None => {
                    word_index.insert(key.into_owned(), trigger_pattern.len());
                    trigger_pattern.push(Vec::new());
                    trigger_pattern.len() - 1
                }
            };
            // Patterns come in order, so an entry already there is one of this pattern's, at
            // the end: a common word stands at the edge of a hundred patterns, and looking
            // through all of them for each was a third of reading the rules (issue 25).
            let entries = &mut trigger_pattern[index];
            if !entries.iter().rev().take_while(|(p, _)| *p == at.0).any(|&e| e == at) {
                entries.push(at);
            }
        };
        let mut number_first = Vec::new();
        let mut number_last = Vec::new();
        let mut starts_at_first_word = Vec::with_capacity(sources.len());
        for (i, pattern) in sources.iter().enumerate() {
            let start_words = pattern.start_words();
            starts_at_first_word.push(start_words.is_some());
            start_words.iter().flatten().for_each(|w| add_trigger(w, (i, Edge::Start)));
            // The words of the first and the last token; `None`: a number.
            match pattern.edge_words(false) {
                Some(words) => words.iter().for_each(|w| add_trigger(w, (i, Edge::First))),
                None => number_first.push(i),
            }
            // A pattern that ends in a number needs only its first word.
            let last = pattern.edge_words(true);
            for w in last.iter().flatten() {
                add_trigger(w, (i, Edge::Last));
            }
            if last.is_none() {
                number_last.push(i);
            }
        }
        // The words in the order of their indices.
        let mut trigger_words = vec![String::new(); word_index.len()];
        for (word, index) in word_index {
            trigger_words[index] = word;
        }
        // Checked here for a user's file; compiled when first needed.
        let patterns = sources
            .into_iter()
            .map(|pattern| {
                let pattern = LazyPattern::new(Phrase::One(pattern));
                if check {
                    pattern.compile_now().map_err(|e| err(format!("pattern does not compile: {e}")))?;
                }
                Ok(pattern)
            })
            .collect::<Result<Vec<_>, TaxonomyError>>()?;
        let triggers = WordStarts::new(&trigger_words, Places::WordStarts);
        let mut guards = Vec::new();
        for g in &file.guards {
            skills_named.push((g.skill.clone(), "guard".to_string()));
            if g.not_after.is_empty() && g.not_before.is_empty() && !g.item_start {
                return Err(err(format!("guard on '{}' has no condition", g.skill)));
            }
            let lower = |v: &Vec<String>| v.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
            guards.push(Guard {
                skill: g.skill.clone(),
                alias: g.alias.as_ref().map(|a| a.to_lowercase()),
                not_after: lower(&g.not_after),
                not_before: lower(&g.not_before),
                item_start: g.item_start,
            });
        }
        Ok(Phrases {
            triggers,
            trigger_pattern,
            number_first,
            number_last,
            starts_at_first_word,
            patterns,
            pattern_rule,
            rules,
            guards,
        })
    }

    /// Compiles every pattern now, and says which does not compile: for the tests of the
    /// built-in rules, whose patterns are otherwise compiled only when a line needs them.
    pub fn compile_all(&self) -> Result<(), String> {
        let unless = self.rules.iter().filter_map(|r| r.unless.as_ref());
        let compiles = |p: &&LazyPattern| p.get().is_some_and(|pattern| pattern.compile_unicode().is_ok());
        match self.patterns.iter().chain(unless).find(|p| !compiles(p)) {
            Some(p) => Err(format!("phrase pattern does not compile: {}", p.source())),
            None => Ok(()),
        }
    }

    /// The rules that match a line of the given section, each once, with the first span.
    pub fn matches(&self, text: &str, section: Section) -> Vec<PhraseHit> {
        let mut hits: Vec<PhraseHit> = Vec::new();
        if text.is_empty() {
            return hits;
        }
        // The patterns are in lower case (`compile_pattern_in`); ASCII lower-casing keeps
        // every byte offset.
        let lower = text.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        if !bytes.iter().any(u8::is_ascii_alphabetic) {
            return hits;
        }
        let Triggered { seen, first_words } = self.scan(bytes);
        // Candidate patterns: both their first and their last word occur in the line.
        for p in (0..self.patterns.len()).filter(|&p| seen[p] == [true, true]) {
            // A rule already found, or one this section skips, needs no search.
            let rule_index = self.pattern_rule[p];
            if hits.iter().any(|h| h.rule == rule_index) {
                continue;
            }
            let rule = &self.rules[rule_index];
            if rule.skip_sections.contains(&section) {
                continue;
            }
            // One search gives both whether the pattern matches and where.
            let Some(found) = self.find(p, bytes, &first_words) else {
                continue;
            };
            let span = match rule.unless.as_ref().and_then(LazyPattern::get) {
                Some(unless) if unless.is_match_bytes(bytes) => {
                    // Blank out what does not count, keeping byte offsets, and try again.
                    let mut stripped = bytes.to_vec();
                    for m in unless.find_iter_bytes(bytes) {
                        stripped[m].fill(b' ');
                    }
                    rule.patterns.iter().find_map(|&i| self.patterns[i].get()?.find_bytes(&stripped))
                }
                _ => Some(found),
            };
            if let Some(span) = span {
                hits.push(PhraseHit { rule: rule_index, span });
            }
        }
        hits
    }

    /// The trigger scan of a lower-cased line: which edges of which patterns occur, and where
    /// the first words of the patterns searched from them ([`Phrases::starts_at_first_word`]) do.
    fn scan(&self, bytes: &[u8]) -> Triggered {
        let mut seen = vec![[false; 2]; self.patterns.len()];
        let mut first_words: Vec<(usize, usize)> = Vec::new();
        self.triggers.for_each(bytes, |word, span| {
            let place = span.start;
            for &(p, edge) in &self.trigger_pattern[word] {
                match edge {
                    Edge::First => seen[p][0] = true,
                    Edge::Last => seen[p][1] = true,
                    Edge::Start => first_words.push((p, place)),
                }
            }
        });
        first_words.sort_unstable();
        first_words.dedup();
        if bytes.iter().any(u8::is_ascii_digit) {
            self.number_first.iter().for_each(|&p| seen[p][0] = true);
            self.number_last.iter().for_each(|&p| seen[p][1] = true);
        }
        Triggered { seen, first_words }
    }

    /// The leftmost match of pattern `p` on the line: searched from the places its first word
    /// occurs when its matches can only start there (the leftmost place it matches from is
    /// where its leftmost match starts, and matching from there gives that match), else
    /// across the whole line.
    fn find(&self, p: usize, bytes: &[u8], first_words: &[(usize, usize)]) -> Option<std::ops::Range<usize>> {
        let pattern = &self.patterns[p];
        if !self.starts_at_first_word[p] {
            return pattern.get()?.find_bytes(bytes);
        }
        let from = first_words.partition_point(|&(q, _)| q < p);
        let places = first_words[from..].iter().take_while(|&&(q, _)| q == p).map(|&(_, place)| place);
        pattern.find_from(bytes, places)
    }

    /// The rules that match a line, and those that match only across its wrap onto `next`
    /// ("Lead banking operations, / including a cross-functional team"; "language mod- /
    /// eling"): a wrap is a next line that starts in lower case. A hit across the wrap keeps
    /// the part of its span on this line.
    pub fn matches_wrapped(&self, text: &str, next: Option<&str>, section: Section) -> Vec<PhraseHit> {
        let mut hits = self.matches(text, section);
        let Some(next) = next.map(str::trim_start).filter(|n| n.starts_with(|c: char| c.is_ascii_lowercase())) else {
            return hits;
        };
        let own = text.trim_end();
        if own.ends_with(['.', '!', '?', ';']) {
            return hits;
        }
        // A word broken by a hyphen at the wrap is joined again.
        let broken = own.strip_suffix('-').filter(|t| t.ends_with(|c: char| c.is_ascii_alphabetic()));
        let (head, joiner) = match broken {
            Some(head) => (head, ""),
            None => (own, " "),
        };
        // The next line's first clause is enough to finish a phrase.
        let tail: String = next.chars().take(120).collect();
        let joined = format!("{head}{joiner}{tail}");
        for hit in self.matches(&joined, section) {
            let crosses = hit.span.start < head.len() && hit.span.end > head.len();
            if crosses && !hits.iter().any(|h| h.rule == hit.rule) {
                hits.push(PhraseHit { rule: hit.rule, span: hit.span.start..head.len() });
            }
        }
        hits
    }

    /// Whether the line shows leading people, of this kind (`None`: of any kind).
    pub fn shows_leadership(&self, text: &str, section: Section, kind: Option<Leadership>) -> bool {
        self.matches(text, section).iter().any(|h| match (self.rules[h.rule].leadership, kind) {
            (Some(_), None) => true,
            (Some(found), Some(wanted)) => found == wanted,
            (None, _) => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_pattern_is_compiled_from_the_tree_its_text_parses_to() {
        let phrases = embedded();
        let unless = phrases.rules.iter().filter_map(|r| r.unless.as_ref());
        let config = regex_automata::util::syntax::Config::new().utf8(false);
        let mut checked = 0;
        for pattern in phrases.patterns.iter().chain(unless) {
            let source = pattern.source();
            let parsed = regex_automata::util::syntax::parse_with(&source, &config).expect("parses");
            assert!(pattern.hir() == parsed, "the tree built for {source} is not the one parsed from it");
            checked += 1;
        }
        assert!(checked > 200, "{checked} patterns");
    }

    #[test]
    fn a_pattern_searched_from_its_first_words_finds_the_match_of_the_whole_line() {
        // Every example and counter-example of the shipped rules, lines where a first word
        // stands inside another word or after one, and entries of several words written
        // with other spaces than one (the entry "fine tuned" reads "fine  tuned" too, so its
        // match starts where "fine" does, not only where "fine tuned" stands).
        let phrases = embedded();
        let mut lines: Vec<String> = phrases
            .rules
            .iter()
            .flat_map(|r| r.examples.iter().chain(&r.not_examples))
            .map(|l| l.to_ascii_lowercase())
            .collect();
        lines.extend(
            [
                "misled a team; led a team",
                "co-led the team",
                "x_led a team and led two teams",
                "fine  tuned large language models; fine tuned bert",
                "mentored individual\tcontributors and individual contributors",
                "presented to senior   management and the leadership\tteam",
                "refine tuned models",
            ]
            .map(String::from),
        );
        let mut matched = 0;
        for line in &lines {
            let bytes = line.as_bytes();
            let first_words = phrases.scan(bytes).first_words;
            for p in (0..phrases.patterns.len()).filter(|&p| phrases.starts_at_first_word[p]) {
                let pattern = phrases.patterns[p].get().expect("compiles");
                let whole = pattern.find_bytes(bytes);
                assert_eq!(phrases.find(p, bytes, &first_words), whole, "{line}: {}", pattern.as_str());
                matched += usize::from(whole.is_some());
            }
        }
        assert!(matched > 100, "{matched} matches checked");
    }

    fn phrases(text: &str) -> Result<Phrases, TaxonomyError> {
        Phrases::from_toml(text, |id| id == "mentoring")
    }

    #[test]
    fn the_shipped_rules_match_their_examples_and_not_their_counter_examples() {
        let p = Phrases::from_toml(include_str!("../../taxonomy/phrases.toml"), |_| true).unwrap();
        assert!(p.rules.len() >= 10);
        let mut wrong = Vec::new();
        for (index, rule) in p.rules.iter().enumerate() {
            assert!(!rule.examples.is_empty(), "rule '{}' has no example", rule.id);
            for e in &rule.examples {
                if !p.matches(e, Section::Experience).iter().any(|h| h.rule == index) {
                    wrong.push(format!("{} misses: {e}", rule.id));
                }
            }
            for e in &rule.not_examples {
                if p.matches(e, Section::Experience).iter().any(|h| h.rule == index) {
                    wrong.push(format!("{} matches: {e}", rule.id));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn tokens_groups_gaps_and_numbers() {
        let p = phrases(
            "[groups]\npeople = [\"students\", \"junior members\"]\n\
             [[rule]]\nid = \"m\"\nskill = \"mentoring\"\npatterns = [\"mentor* ~2 {people}\", \"taught # students\"]\n\
             unless = [\"mentored by\"]\n",
        )
        .unwrap();
        assert_eq!(p.matches("Mentor junior members in the team", Section::Experience).len(), 1);
        assert_eq!(p.matches("Mentored 7-12 students each year", Section::Experience).len(), 1);
        assert_eq!(p.matches("Taught 30 students", Section::Experience).len(), 1);
        assert!(p.matches("Mentored by senior students", Section::Experience).is_empty());
        assert!(p.matches("Tormentor of students", Section::Experience).is_empty());
    }

    #[test]
    fn verbs_are_inflected_as_resumes_write_them() {
        let forms = |v: &str| verb_forms(v).0;
        for (verb, want) in [
            ("deploy", vec!["deploy", "deploys", "deploying", "deployed"]),
            ("manage", vec!["manage", "manages", "managing", "managed"]),
            ("ship", vec!["ship", "ships", "shipping", "shipped"]),
            ("develop", vec!["develop", "develops", "developing", "developed"]),
            ("apply", vec!["apply", "applies", "applying", "applied"]),
            ("publish", vec!["publish", "publishes", "publishing", "published"]),
            ("build/built", vec!["build", "builds", "building", "built"]),
            ("draw/drew/drawn", vec!["draw", "draws", "drawing", "drew", "drawn"]),
            ("fine-tune", vec!["fine-tune", "fine-tunes", "fine-tuning", "fine-tuned"]),
            ("set up/set up", vec!["set up", "sets up", "setting up"]),
        ] {
            let got = forms(verb);
            for w in want {
                assert!(got.contains(&w.to_string()), "{verb}: {w} not in {got:?}");
            }
        }
        assert!(!forms("develop").contains(&"developped".to_string()));
    }

    #[test]
    fn verbs_and_objects_match_active_passive_and_noun_forms_within_a_clause() {
        // The grammar's own word groups, as phrases.toml has them.
        let groups = "[groups]\npassive = [\"was\", \"were\", \"is\", \"are\", \"be\", \"been\", \"being\", \"get\", \"gets\", \"got\", \"getting\"]\n\
                      noun_links = [\"of\", \"for\", \"to\"]\n";
        let p = phrases(&format!(
            "{groups}[[rule]]\nid = \"d\"\nskill = \"mentoring\"\nverbs = [\"deploy\", \"serve\"]\n\
             nouns = [\"deployment\"]\nobjects = [\"model\", \"models\"]\n",
        ))
        .unwrap();
        for line in [
            "Deployed the churn model to production",
            "models were deployed on SageMaker",
            "deployment of ML models behind an API",
            "ML model deployment with Docker",
            "Serving two ranking models at 5k QPS",
        ] {
            assert_eq!(p.matches(line, Section::Experience).len(), 1, "{line}");
        }
        for line in [
            "Deployed the website. Models of the building were 3D printed",
            "Deployed the website; wrote models",
            "Handled deployment of code to production",
        ] {
            assert!(p.matches(line, Section::Experience).is_empty(), "{line}");
        }
        let err = phrases("[[rule]]\nid = \"x\"\nskill = \"mentoring\"\nverbs = [\"deploy\"]\n").unwrap_err();
        assert!(err.to_string().contains("verbs but no objects"), "{err}");
        let err = phrases("[[rule]]\nid = \"x\"\nskill = \"mentoring\"\nverbs = [\"deploy\"]\nobjects = [\"model\"]\n")
            .unwrap_err();
        assert!(err.to_string().contains("needs the word group 'passive'"), "{err}");
    }

    #[test]
    fn a_phrase_split_by_a_line_wrap_still_matches() {
        let p = embedded();
        let rule = |id: &str| p.rules.iter().position(|r| r.id == id).unwrap();
        let leads = p.matches_wrapped(
            "Lead banking operations,",
            Some("including a cross-functional team"),
            Section::Experience,
        );
        assert!(leads.iter().any(|h| h.rule == rule("leads-people")), "{leads:?}");
        let nlp = p.matches_wrapped(
            "self-supervised framework for low-resource language mod-",
            Some("eling in Swahili"),
            Section::Experience,
        );
        assert!(nlp.iter().any(|h| h.rule == rule("language-tasks")), "{nlp:?}");
        // A new sentence or a new item is not a wrap.
        let none = p.matches_wrapped(
            "Lead banking operations.",
            Some("including a cross-functional team"),
            Section::Experience,
        );
        assert!(none.is_empty(), "{none:?}");
        let none = p.matches_wrapped(
            "Lead banking operations",
            Some("Including a cross-functional team"),
            Section::Experience,
        );
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn bad_rules_are_errors_naming_the_file_and_rule() {
        let err = phrases("[[rule]]\nid = \"x\"\nskill = \"nope\"\npatterns = [\"a\"]\n").unwrap_err().to_string();
        assert!(err.contains("phrases.toml") && err.contains("unknown skill 'nope'"), "{err}");
        let err = phrases("[[rule]]\nid = \"x\"\nskill = \"mentoring\"\npatterns = [\"{who}\"]\n").unwrap_err();
        assert!(err.to_string().contains("unknown word group '{who}'"), "{err}");
        let err = phrases("[[rule]]\nid = \"x\"\nskill = \"mentoring\"\npatterns = [\"~2 a\"]\n").unwrap_err();
        assert!(err.to_string().contains("starts with a gap"), "{err}");
        let err = phrases("[[guard]]\nskill = \"mentoring\"\n").unwrap_err();
        assert!(err.to_string().contains("no condition"), "{err}");
    }

    /// The skills a file names are checked after it is read (`Phrases::read`), but the error
    /// is still the first in the file's order: an unknown skill before a broken rule, a broken
    /// rule before an unknown skill after it.
    #[test]
    fn an_unknown_skill_is_reported_where_the_file_names_it() {
        let unknown = "[[rule]]\nid = \"a\"\nskill = \"nope\"\npatterns = [\"x\"]\n";
        let gap_first = "[[rule]]\nid = \"b\"\nskill = \"mentoring\"\npatterns = [\"~2 x\"]\n";
        let err = phrases(&format!("{unknown}{gap_first}")).unwrap_err().to_string();
        assert!(err.contains("rule 'a' names unknown skill 'nope'"), "{err}");
        let err = phrases(&format!("{gap_first}{unknown}")).unwrap_err().to_string();
        assert!(err.contains("rule 'b'") && err.contains("starts with a gap"), "{err}");
        let guard = "[[guard]]\nskill = \"nope\"\n";
        let err = phrases(&format!("{guard}{gap_first}")).unwrap_err().to_string();
        assert!(err.contains("starts with a gap"), "rules are read before guards: {err}");
        let err = phrases(guard).unwrap_err().to_string();
        assert!(err.contains("guard names unknown skill 'nope'"), "before its missing condition: {err}");
    }
}
