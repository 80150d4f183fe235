//! A posting's sentences by voice. A posting mixes three kinds of sentence: what it asks of the
//! candidate, what it says about the employer ("We are hiring someone to build…", "Our stack
//! includes Spark, Kafka…", "The data team is building…") and what it offers ("Receive 1:1
//! mentorship"). Only the first asks for anything, though all three name skills; headings
//! alone cannot tell them apart, since postings mix them in one paragraph.

use crate::taxonomy::vocabulary::{has_any_phrase, PostingWords};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// Asked of the candidate, or said without a subject (a requirement bullet).
    Candidate,
    /// About the employer, its team or its stack.
    Employer,
    /// What the job gives the candidate.
    Offered,
}

/// Whether the character `c` at byte `i` ends a sentence: a stop followed by a space and a
/// capital or a figure. A full stop inside a name or a number ("Node.js", "3.5") has no space
/// after it; one after an abbreviation ("Ph.D. in", "e.g. Airflow", "Sr. engineer") is
/// followed by lower case, or ends a word that holds a stop itself or is one or two letters.
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    if !matches!(c, '.' | '!' | '?') || !text[i + 1..].starts_with(' ') {
        return false;
    }
    let next = text[i + 1..].trim_start().chars().next();
    if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || !n.is_alphanumeric()) {
        return false;
    }
    if c != '.' {
        return true;
    }
    let word = text[..i].rsplit(' ').next().unwrap_or("");
    !(word.contains('.') || (word.chars().count() <= 2 && word.chars().all(char::is_alphabetic)))
}

/// The byte span of the sentence of `text` that holds byte `at`: between sentence ends on
/// either side (see [`ends_sentence`]).
pub fn sentence_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let ends = |i: usize, c: char| ends_sentence(text, i, c);
    let start = text[..at].char_indices().rev().find(|&(i, c)| ends(i, c)).map_or(0, |(i, _)| i + 2);
    let end = text[at..].char_indices().find(|&(i, c)| ends(at + i, c)).map_or(text.len(), |(i, _)| at + i + 1);
    (start.min(end), end)
}

/// The sentences of a line, as spans.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let (start, end) = sentence_at(text, at);
        if !text[start..end].trim().is_empty() {
            out.push((start, end));
        }
        at = end.max(at + 1);
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// Who `sentence` speaks of. `employer` is the employer's name as the title block gives it.
pub fn voice(words: &PostingWords, employer: Option<&str>, sentence: &str) -> Voice {
    own_voice(words, sentence).unwrap_or_else(|| other_voice(words, employer, sentence))
}

/// Who the sentence of `text` spanning `start..end` speaks of: as [`voice`], and a sentence
/// opening with a pronoun ("They translate…") speaks of whom the sentence before it on the
/// line spoke of (a few sentences back at most: a pronoun's subject is near it, and a line
/// of a thousand "They …" sentences must not cost a thousand steps each).
pub fn voice_in(words: &PostingWords, employer: Option<&str>, text: &str, span: (usize, usize)) -> Voice {
    const FARTHEST_ANTECEDENT: usize = 3;
    let (mut start, mut end) = span;
    let mut steps_back = 0;
    loop {
        let sentence = &text[start..end];
        if let Some(voice) = own_voice(words, sentence) {
            return voice;
        }
        let refers_back = steps_back < FARTHEST_ANTECEDENT
            && start >= 2
            && words.pronoun_subjects.iter().any(|p| *p == first_word(sentence));
        match refers_back.then(|| sentence_at(text, start - 2)).filter(|&(s, _)| s < start) {
            Some(previous) => (start, end) = previous,
            None => return other_voice(words, employer, sentence),
        }
        steps_back += 1;
    }
}

/// The first word of a sentence, lower-cased, without the punctuation or bullet before it.
fn first_word(sentence: &str) -> String {
    let plain = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    plain.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase()
}

/// The voice a sentence's own words decide: what is offered, or words to the candidate.
fn own_voice(words: &PostingWords, sentence: &str) -> Option<Voice> {
    if has_any_phrase(sentence, &words.offered_phrases) {
        return Some(Voice::Offered);
    }
    names_the_candidate(words, sentence).then_some(Voice::Candidate)
}

/// The voice of a sentence that neither offers nor speaks to the candidate.
fn other_voice(words: &PostingWords, employer: Option<&str>, sentence: &str) -> Voice {
    if has_any_phrase(sentence, &words.employer_words) || speaks_of_employer(words, employer, sentence) {
        return Voice::Employer;
    }
    Voice::Candidate
}

/// The sentence speaks to the candidate in words ("you", "we are looking for", "required"),
/// not only by default: it outweighs the employer's "we" and "our".
pub fn names_the_candidate(words: &PostingWords, sentence: &str) -> bool {
    has_any_phrase(sentence, &words.candidate_words)
}

/// The sentence's subject is the employer: it opens with the employer's name, or with "The"
/// and a team word within its first few words ("The Data Foundry squad is charged with…").
fn speaks_of_employer(words: &PostingWords, employer: Option<&str>, sentence: &str) -> bool {
    let plain = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    // The employer's name as postings shorten it: its first word ("Precision Medicine Group"
    // writes "Precision for Medicine is hiring").
    if let Some(name) = employer.map(first_word).filter(|n| n.chars().count() >= 3) {
        if first_word(plain) == name {
            return true;
        }
    }
    let opening: Vec<String> = plain.split_whitespace().take(5).map(str::to_lowercase).collect();
    opening.first().is_some_and(|w| w == "the")
        && opening[1..].iter().any(|w| words.employer_subjects.iter().any(|s| s == w.trim_end_matches([',', ':'])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;

    fn voice_of(sentence: &str) -> Voice {
        let words = Taxonomy::embedded().unwrap().vocabulary.posting;
        voice(&words, Some("Acme Analytics"), sentence)
    }

    #[test]
    fn sentences_end_at_a_stop_and_a_space_only() {
        let text = "We ship Node.js daily. You know Python 3.11 well! Ask us? A Ph.D. in Math, e.g. Topology. Go.";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            parts,
            vec![
                "We ship Node.js daily.",
                "You know Python 3.11 well!",
                "Ask us?",
                "A Ph.D. in Math, e.g. Topology.",
                "Go."
            ]
        );
    }

    #[test]
    fn a_pronoun_speaks_of_whom_the_sentence_before_spoke_of() {
        let words = Taxonomy::embedded().unwrap().vocabulary.posting;
        let voice_of_second = |text: &str| {
            let spans = sentences(text);
            voice_in(&words, Some("Acme Analytics"), text, spans[1])
        };
        assert_eq!(voice_of_second("Our analysts own the reports. They write Tableau dashboards."), Voice::Employer);
        assert_eq!(voice_of_second("The ideal candidate knows SQL. They will own the warehouse."), Voice::Candidate);
        // Without a sentence before it on the line, the pronoun's sentence is read as it is.
        assert_eq!(voice_in(&words, None, "They write dashboards.", (0, 22)), Voice::Candidate);
    }

    #[test]
    fn the_employer_speaking_asks_nothing() {
        assert_eq!(voice_of("We are hiring an engineer to help us grow the platform."), Voice::Employer);
        assert_eq!(voice_of("Our main tools are Spark, Kafka and Terraform."), Voice::Employer);
        assert_eq!(voice_of("The platform team is rebuilding its warehouse on Snowflake."), Voice::Employer);
        assert_eq!(voice_of("Acme Analytics engineers review every change."), Voice::Employer);
    }

    #[test]
    fn the_candidate_is_asked() {
        assert_eq!(voice_of("We are looking for someone fluent in SQL."), Voice::Candidate);
        assert_eq!(voice_of("You will train models in PyTorch."), Voice::Candidate);
        assert_eq!(voice_of("3+ years of Python"), Voice::Candidate);
        assert_eq!(voice_of("The candidate has shipped a product."), Voice::Candidate);
    }

    #[test]
    fn what_the_job_gives_is_not_asked() {
        assert_eq!(voice_of("Receive weekly mentorship from a staff engineer."), Voice::Offered);
        assert_eq!(voice_of("As an intern you will be mentored by senior engineers."), Voice::Offered);
    }
}
