//! `vocabulary.toml`: the words the pipeline reads resumes with, beside skills and roles —
//! section headings, time-off phrases, context words for ambiguous skill names, management
//! words, and the report's default texts. Compiled once at load into the lookups the stages
//! use, so no stage keeps an English word list of its own.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::word_starts::{Places, WordStarts};
use super::Section;
use crate::error::TaxonomyError;
use crate::taxonomy::contact::{Contact, ContactWords};
use crate::taxonomy::dates::{DateWords, Dates};
use crate::taxonomy::Degree;

pub const VOCABULARY_FILE: &str = "vocabulary.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionWords {
    summary: Vec<String>,
    skills: Vec<String>,
    experience: Vec<String>,
    education: Vec<String>,
    projects: Vec<String>,
    certifications: Vec<String>,
    publications: Vec<String>,
    other: Vec<String>,
    fillers: Vec<String>,
    modifiers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeOff {
    phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextWords {
    /// A word right after an ambiguous name that makes it a technology ("R programming").
    pub words_after: Vec<String>,
    /// A phrase right before it that does ("written in Go").
    pub phrases_before: Vec<String>,
    /// A tool word right before it ("in", "with"), which counts when another skill is in
    /// the same sentence ("Spark jobs in Scala").
    pub tool_words_before: Vec<String>,
    /// The units of a time a resume gives beside a skill ("C 1 year", "Python - 36 months"):
    /// a name followed by how long it was used is a skill listed.
    pub duration_units: Vec<String>,
    /// Words that may stand between the name and that time ("C - Experience - Less than 1
    /// year"), in lower case.
    pub duration_lead_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagementWords {
    pub director_titles: Vec<String>,
    pub manager_titles: Vec<String>,
    pub manager_phrases: Vec<String>,
    pub team_lead_phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DegreeNames {
    pub none: String,
    pub associate: String,
    pub bachelor: String,
    pub master: String,
    pub phd: String,
}

impl DegreeNames {
    pub fn name(&self, degree: Degree) -> &str {
        match degree {
            Degree::None => &self.none,
            Degree::Associate => &self.associate,
            Degree::Bachelor => &self.bachelor,
            Degree::Master => &self.master,
            Degree::Phd => &self.phd,
        }
    }
}

/// Default texts of the report, with `{placeholder}`s (see [`fill`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub experience_label: String,
    pub experience_label_preferred: String,
    pub experience_action: String,
    pub experience_action_undated: String,
    pub education_label: String,
    pub education_label_preferred: String,
    /// When the minimum is no degree at all ("no degree required, bachelor's preferred").
    pub education_label_optional: String,
    pub education_action: String,
    pub leadership_label: String,
    pub leadership_action: String,
    pub listed_only_note: String,
    pub stale_note: String,
    /// A requirement's skill found without the domain it names ("leading an ML team").
    pub out_of_domain_note: String,
    pub degree_names: DegreeNames,
    pub posting: PostingTexts,
}

/// How a job posting is read into requirements (see `[posting]` in vocabulary.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingWords {
    pub ignore_headings: Vec<String>,
    pub required_headings: Vec<String>,
    pub about_exceptions: Vec<String>,
    pub pitch_heading_openers: Vec<String>,
    pub company_headings: Vec<String>,
    pub preferred_headings: Vec<String>,
    pub preferred_phrases: Vec<String>,
    pub stack_phrases: Vec<String>,
    pub candidate_words: Vec<String>,
    pub employer_words: Vec<String>,
    pub employer_subjects: Vec<String>,
    pub pronoun_subjects: Vec<String>,
    pub offered_phrases: Vec<String>,
    pub or_words: Vec<String>,
    pub example_words: Vec<String>,
    pub year_words: Vec<String>,
    pub number_words: Vec<String>,
    pub degree_line_words: Vec<String>,
    pub plain_degree: Degree,
    pub list_line_words: usize,
    pub field_line_words: usize,
    pub field_enders: Vec<String>,
    pub maximum_words: Vec<String>,
    pub tool_connectors: Vec<String>,
    pub tool_categories: Vec<String>,
    pub colleague_openers: Vec<String>,
    pub colleague_words: Vec<String>,
    pub colleague_skills_kept: Vec<String>,
    pub floor_words: Vec<String>,
    pub not_experience_words: Vec<String>,
    pub choice_endings: Vec<String>,
    pub and_words: Vec<String>,
    pub degree_joiners: Vec<String>,
    pub resume_markers: Vec<String>,
    pub posting_markers: Vec<String>,
    pub weights: PostingWeights,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingWeights {
    pub required_skill: u32,
    pub preferred_skill: u32,
    pub experience: u32,
    pub education: u32,
    pub leadership: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingTexts {
    pub skill_action: String,
    pub any_of_label: String,
    pub any_of_joiner: String,
    pub any_of_last_joiner: String,
}

/// The words that tell a resume from a posting or another document (`[document_kind]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindWords {
    pub contact_placeholders: Vec<String>,
    pub code_prefixes: Vec<String>,
    pub posting_voice: Vec<String>,
    pub letter_markers: Vec<String>,
    pub invoice_markers: Vec<String>,
    pub prose_words: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    sections: SectionWords,
    time_off: TimeOff,
    context: ContextWords,
    management: ManagementWords,
    posting: PostingWords,
    document_kind: KindWords,
    contact: ContactWords,
    dates: DateWords,
    texts: Texts,
}

/// The loaded vocabulary, compiled for the stages that read it.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    section_nouns: HashMap<String, Section>,
    heading_modifiers: Vec<String>,
    heading_fillers: Vec<String>,
    /// The time-off phrases (lower case, as checked on load), found in a lower-cased line.
    time_off: WordStarts,
    /// The document-kind marker lists, matched in one pass over a line.
    pub kind_markers: PhraseLists,
    pub context: ContextWords,
    pub management: ManagementWords,
    pub posting: PostingWords,
    pub document_kind: KindWords,
    /// The patterns contact details are redacted by.
    pub contact: Contact,
    /// The patterns date ranges are read by.
    pub dates: Dates,
    pub texts: Texts,
}

impl Vocabulary {
    pub fn from_toml(text: &str) -> Result<Vocabulary, TaxonomyError> {
        let file: VocabularyFile = super::parse_toml(VOCABULARY_FILE, text)?;
        let s = &file.sections;
        let mut section_nouns = HashMap::new();
        for (section, words) in [
            (Section::Summary, &s.summary),
            (Section::Skills, &s.skills),
            (Section::Experience, &s.experience),
            (Section::Education, &s.education),
            (Section::Projects, &s.projects),
            (Section::Certifications, &s.certifications),
            (Section::Publications, &s.publications),
            (Section::Other, &s.other),
        ] {
            for word in words {
                check_word(word, "sections")?;
                if let Some(previous) = section_nouns.insert(word.clone(), section) {
                    return Err(TaxonomyError::new(
                        VOCABULARY_FILE,
                        format!(
                            "[sections] '{word}' names two sections ({} and {})",
                            previous.as_str(),
                            section.as_str()
                        ),
                    ));
                }
            }
        }
        for word in &s.modifiers {
            check_word(word, "sections.modifiers")?;
        }
        for (table, words) in [
            ("time_off.phrases", &file.time_off.phrases),
            ("context.words_after", &file.context.words_after),
            ("context.phrases_before", &file.context.phrases_before),
            ("context.tool_words_before", &file.context.tool_words_before),
            ("context.duration_units", &file.context.duration_units),
            ("context.duration_lead_words", &file.context.duration_lead_words),
            ("management.director_titles", &file.management.director_titles),
            ("management.manager_titles", &file.management.manager_titles),
            ("management.manager_phrases", &file.management.manager_phrases),
            ("management.team_lead_phrases", &file.management.team_lead_phrases),
            ("posting.ignore_headings", &file.posting.ignore_headings),
            ("posting.required_headings", &file.posting.required_headings),
            ("posting.preferred_headings", &file.posting.preferred_headings),
            ("posting.company_headings", &file.posting.company_headings),
            ("posting.preferred_phrases", &file.posting.preferred_phrases),
            ("posting.candidate_words", &file.posting.candidate_words),
            ("posting.employer_words", &file.posting.employer_words),
            ("posting.employer_subjects", &file.posting.employer_subjects),
            ("posting.pronoun_subjects", &file.posting.pronoun_subjects),
            ("posting.offered_phrases", &file.posting.offered_phrases),
            ("posting.field_enders", &file.posting.field_enders),
            ("posting.maximum_words", &file.posting.maximum_words),
            ("posting.tool_connectors", &file.posting.tool_connectors),
            ("posting.colleague_openers", &file.posting.colleague_openers),
            ("posting.colleague_words", &file.posting.colleague_words),
            ("posting.colleague_skills_kept", &file.posting.colleague_skills_kept),
            ("posting.floor_words", &file.posting.floor_words),
            ("posting.not_experience_words", &file.posting.not_experience_words),
            ("posting.choice_endings", &file.posting.choice_endings),
            ("posting.and_words", &file.posting.and_words),
            ("posting.degree_joiners", &file.posting.degree_joiners),
            ("posting.tool_categories", &file.posting.tool_categories),
            ("posting.or_words", &file.posting.or_words),
            ("posting.example_words", &file.posting.example_words),
            ("posting.year_words", &file.posting.year_words),
            ("posting.number_words", &file.posting.number_words),
            ("posting.resume_markers", &file.posting.resume_markers),
            ("posting.posting_markers", &file.posting.posting_markers),
            ("document_kind.contact_placeholders", &file.document_kind.contact_placeholders),
            ("document_kind.posting_voice", &file.document_kind.posting_voice),
            ("document_kind.letter_markers", &file.document_kind.letter_markers),
            ("document_kind.invoice_markers", &file.document_kind.invoice_markers),
            ("contact.domains", &file.contact.domains),
            ("contact.street_words", &file.contact.street_words),
            ("contact.unit_words", &file.contact.unit_words),
            ("dates.now", &file.dates.now),
            ("dates.range_words", &file.dates.range_words),
            ("dates.open_end_words", &file.dates.open_end_words),
            ("dates.since_words", &file.dates.since_words),
            ("dates.career_words", &file.dates.career_words),
            ("dates.run_on_stops", &file.dates.run_on_stops),
            ("dates.experience_words", &file.dates.experience_words),
            ("dates.year_words", &file.dates.year_words),
            ("dates.month_words", &file.dates.month_words),
            ("dates.about_words", &file.dates.about_words),
            ("dates.of_words", &file.dates.of_words),
            ("dates.total_words", &file.dates.total_words),
            ("dates.total_kinds", &file.dates.total_kinds),
            ("dates.total_links", &file.dates.total_links),
        ] {
            if words.is_empty() {
                return Err(TaxonomyError::new(VOCABULARY_FILE, format!("[{table}] is empty")));
            }
            for word in words {
                check_word(word, table)?;
            }
        }
        // Code prefixes keep their trailing space ("$ "), so they are checked apart.
        let kind = &file.document_kind;
        if kind.code_prefixes.is_empty() || kind.code_prefixes.iter().any(|p| p.trim().is_empty()) {
            return Err(TaxonomyError::new(
                VOCABULARY_FILE,
                "[document_kind.code_prefixes] must be a non-empty list of non-blank prefixes",
            ));
        }
        if kind.prose_words < 10 {
            return Err(TaxonomyError::new(VOCABULARY_FILE, "[document_kind] prose_words must be at least 10"));
        }
        let time_off = WordStarts::new(&file.time_off.phrases, Places::WordStartsAndSymbols);
        // The built-in file's patterns compile on first use (the tests compile them all); a
        // user's compile now, so that their errors are reported on load.
        let kind_markers = PhraseLists::new(&[
            &file.posting.posting_markers,
            &file.document_kind.posting_voice,
            &file.posting.resume_markers,
            &file.document_kind.letter_markers,
            &file.document_kind.invoice_markers,
        ])
        .map_err(|e| TaxonomyError::new(VOCABULARY_FILE, format!("[document_kind] {e}")))?;
        let eager = text != super::EMBEDDED_VOCABULARY;
        let contact = Contact::new(&file.contact, eager)?;
        let dates = Dates::new(&file.dates, eager)?;
        Ok(Vocabulary {
            section_nouns,
            heading_modifiers: file.sections.modifiers,
            heading_fillers: file.sections.fillers,
            time_off,
            kind_markers,
            context: file.context,
            management: file.management,
            posting: file.posting,
            document_kind: file.document_kind,
            contact,
            dates,
            texts: file.texts,
        })
    }

    /// The section a heading's last word names, if any.
    pub fn section_noun(&self, word: &str) -> Option<Section> {
        self.section_nouns.get(word).copied()
    }

    /// A word that may stand before the noun in a heading.
    pub fn is_heading_modifier(&self, word: &str) -> bool {
        self.heading_modifiers.iter().any(|m| m == word)
    }

    /// A heading without a filler word at its end ("Education Details" → "Education").
    pub fn without_filler<'t>(&self, text: &'t str) -> &'t str {
        for filler in &self.heading_fillers {
            let cut = text.len().saturating_sub(filler.len() + 1);
            if text.is_char_boundary(cut)
                && text[cut..].starts_with(' ')
                && text[cut + 1..].eq_ignore_ascii_case(filler)
            {
                return text[..cut].trim();
            }
        }
        text
    }

    /// A line that names time away from work ("Career break 2019 – 2020").
    pub fn is_time_off(&self, text: &str) -> bool {
        // Lower-casing ASCII keeps every byte offset. A phrase found is where it starts a
        // word (or anywhere, if it starts with a symbol), and must end one too.
        let lower = text.to_ascii_lowercase();
        let mut found = false;
        self.time_off.for_each(lower.as_bytes(), |_, span| found = found || on_word_edges(text, span.start, span.end));
        found
    }
}

/// Phrases are matched as whole words: no letter or digit right outside the match.
pub fn on_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
    let after = text[end..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_');
    !before && !after
}

/// True when `text` holds any of `phrases` as whole words, in any letter case, with any
/// punctuation read as a space ("team-lead" holds "team lead").
pub fn has_any_phrase(text: &str, phrases: &[String]) -> bool {
    has_any_padded(&padded_words(text), phrases)
}

/// [`has_any_phrase`] on a text already made [`padded_words`]: a line checked against several
/// lists is lowered once. ASCII phrases (all of the built-in ones) are padded into one reused
/// buffer instead of a new string per phrase per line.
pub fn has_any_padded(padded: &str, phrases: &[String]) -> bool {
    let mut key = String::new();
    phrases.iter().any(|p| {
        if p.is_ascii() {
            key.clear();
            key.push(' ');
            key.extend(p.bytes().map(|b| if b.is_ascii_alphanumeric() { b.to_ascii_lowercase() as char } else { ' ' }));
            key.push(' ');
            padded.contains(key.as_str())
        } else {
            padded.contains(&padded_words(p))
        }
    })
}

/// Lower case, every character that is not a letter or digit a space, one space at each end.
pub fn padded_words(text: &str) -> String {
    let mut padded = String::with_capacity(text.len() + 2);
    padded.push(' ');
    if text.is_ascii() {
        // The same as below for ASCII, without the lower-cased copy.
        padded
            .extend(text.bytes().map(|b| if b.is_ascii_alphanumeric() { b.to_ascii_lowercase() as char } else { ' ' }));
    } else {
        padded.extend(text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }));
    }
    padded.push(' ');
    padded
}

/// Several phrase lists looked for in one pass over a line made [`padded_words`], instead of
/// one substring search per phrase: the document-kind markers are checked on every line.
#[derive(Debug, Clone)]
pub struct PhraseLists {
    /// An automaton, not a [`WordStarts`]: every line of every document is read with it, and
    /// an automaton reads a line in fewer instructions than a trie walked from every space
    /// (the 439 real texts: 141 M against 192 M, measured with a DFA; the contiguous NFA that
    /// [`PhraseLists::new`] builds reads them as fast, for less of a start).
    automaton: AhoCorasick,
    /// The list each pattern of the automaton came from.
    list_of: Vec<u8>,
}

impl PhraseLists {
    /// At most 32 lists, each phrase matched as [`has_any_phrase`] matches it.
    pub fn new(lists: &[&Vec<String>]) -> Result<PhraseLists, aho_corasick::BuildError> {
        assert!(lists.len() <= 32, "PhraseLists holds at most 32 lists");
        let mut keys = Vec::new();
        let mut list_of = Vec::new();
        for (list, phrases) in lists.iter().enumerate() {
            for phrase in phrases.iter() {
                keys.push(padded_words(phrase));
                list_of.push(list as u8);
            }
        }
        // Overlapping matches: " a " and " b " share the space between them in " a b ".
        // A contiguous NFA, not the DFA the builder would choose for so few phrases: building
        // the DFA was a sixteenth of the instructions of every start (1.8 M of 29 M), and on
        // resume lines the NFA reads as fast (439 texts: 0.36 CPU-s either way).
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)?;
        Ok(PhraseLists { automaton, list_of })
    }

    /// Bit `i` set when list `i` has a phrase in `padded` (a line made [`padded_words`]).
    pub fn lists_in(&self, padded: &str) -> u32 {
        self.automaton
            .find_overlapping_iter(padded)
            .fold(0, |found, m| found | 1 << self.list_of[m.pattern().as_usize()])
    }
}

pub(crate) fn check_word(word: &str, table: &str) -> Result<(), TaxonomyError> {
    if word.trim().is_empty() || word != word.trim() || word.chars().any(char::is_uppercase) {
        return Err(TaxonomyError::new(
            VOCABULARY_FILE,
            format!("[{table}] '{word}' must be a lower-case word or phrase without surrounding spaces"),
        ));
    }
    Ok(())
}

/// Fills `{name}` placeholders of a text from the vocabulary.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_only() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(has_any_phrase("Managed a team", &words(&["managed"])));
        assert!(!has_any_phrase("Mismanaged a team", &words(&["managed"])));
        assert!(has_any_phrase("our team-lead", &words(&["team lead"])));
        assert!(!has_any_phrase("technical leadership", &words(&["tech lead"])));
    }

    #[test]
    fn time_off_lines() {
        let v = Vocabulary::from_toml(include_str!("../../taxonomy/vocabulary.toml")).unwrap();
        assert!(v.is_time_off("Volunteering, Food Bank 2019 – 2020"));
        assert!(v.is_time_off("Career break 2019 - 2020"));
        assert!(!v.is_time_off("Unpaidly brilliant engineer 2019 - 2020"));
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill("{min}+ years ({preferred} preferred)", &[("min", "5"), ("preferred", "7")]),
            "5+ years (7 preferred)"
        );
    }

    #[test]
    fn a_word_in_two_sections_is_an_error() {
        let text = include_str!("../../taxonomy/vocabulary.toml").replace(
            "projects = [\"projects\", \"portfolio\"]",
            "projects = [\"projects\", \"portfolio\", \"skills\"]",
        );
        let err = Vocabulary::from_toml(&text).unwrap_err();
        assert!(err.to_string().contains("'skills' names two sections"), "{err}");
    }

    #[test]
    fn month_names_and_contact_words_are_checked() {
        let builtin = include_str!("../../taxonomy/vocabulary.toml");
        let eleven = builtin.replace("[\"dec\", \"december\"],\n", "");
        let err = Vocabulary::from_toml(&eleven).unwrap_err();
        assert!(err.to_string().contains("[dates.months] must list 12 months"), "{err}");
        let twice = builtin.replace("[\"may\"]", "[\"may\", \"mar\"]");
        let err = Vocabulary::from_toml(&twice).unwrap_err();
        assert!(err.to_string().contains("'mar' is listed twice"), "{err}");
        let upper = builtin.replace("\"avenue\"", "\"Avenue\"");
        let err = Vocabulary::from_toml(&upper).unwrap_err();
        assert!(err.to_string().contains("[contact.street_words] 'Avenue'"), "{err}");
    }

    #[test]
    fn month_numbers_come_from_the_order_of_the_list() {
        let v = Vocabulary::from_toml(include_str!("../../taxonomy/vocabulary.toml")).unwrap();
        assert_eq!(v.dates.month_number("Sept."), Some(9));
        assert_eq!(v.dates.month_number("JANUARY"), Some(1));
        assert_eq!(v.dates.month_number("dec"), Some(12));
        assert_eq!(v.dates.month_number("decade"), None);
    }
}
