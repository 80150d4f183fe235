//! The parts of a posting: its headings say whether what follows is asked of the candidate,
//! preferred, or about the employer.

use crate::parse::Line;
use crate::taxonomy::vocabulary::{has_any_phrase, PostingWords};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// The title block at the top: the title, the company, the location.
    Header,
    /// Duties and qualifications: asked of the candidate.
    Required,
    Preferred,
    /// The company, the pay, the benefits, the process.
    Ignored,
}

/// The part a line belongs to, and the heading that opened it.
#[derive(Debug, Clone)]
pub struct Part {
    pub kind: PartKind,
    pub heading: String,
    /// The line is the heading itself.
    pub is_heading: bool,
}

impl Part {
    /// What this line says is asked of the candidate, required or preferred.
    pub fn asks(&self) -> bool {
        !self.is_heading && matches!(self.kind, PartKind::Required | PartKind::Preferred)
    }
}

/// Markdown and decoration removed: `**What you'll do:**` → `What you'll do`.
pub fn plain(text: &str) -> String {
    let without_links = text.replace("([link]", "").replace("[link]", "");
    let cleaned: String = without_links
        .chars()
        .map(|c| if matches!(c, '*' | '_' | '#' | '`' | '[' | ']' | '(' | ')') { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(':').trim().to_string()
}

fn is_bullet(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("* ") || t.starts_with("- ") || t.starts_with('•') || t.starts_with("· ")
}

/// A heading: a short line under `#`, in bold, in capitals, ending in ":", or made of
/// heading words the vocabulary knows or words to the candidate ("Your toolbox"), naming no
/// skill ("Experience with SQL" is a requirement).
fn is_heading(words: &PostingWords, text: &str, names_a_skill: impl FnOnce() -> bool) -> bool {
    let t = text.trim();
    if t.is_empty() || is_bullet(t) {
        return false;
    }
    let plain = plain(t);
    let word_count = plain.split_whitespace().count();
    if plain.is_empty() || word_count > 12 || plain.len() > 90 {
        return false;
    }
    let marked = t.starts_with('#')
        || (t.starts_with("**") && t.trim_end().ends_with("**"))
        || (t.starts_with("__") && t.trim_end().ends_with("__"))
        || t.trim_end_matches(['*', '_', ' ']).ends_with(':');
    let letters: Vec<char> = plain.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    // The skill lookup runs last, on the few short lines that hold a heading word.
    let known = word_count <= 6
        && !plain.ends_with('.')
        && (has_any_phrase(&plain, &words.ignore_headings)
            || has_any_phrase(&plain, &words.candidate_words)
            || has_any_phrase(&plain, &words.preferred_headings)
            || has_any_phrase(&plain, &words.required_headings))
        && !names_a_skill();
    marked || capitals || known
}

/// The kind of part a heading opens; `current` is the part it follows.
fn classify(words: &PostingWords, heading: &str, current: &Part) -> PartKind {
    let lower = heading.to_lowercase();
    if lower.starts_with("about") && !has_any_phrase(&lower, &words.about_exceptions) {
        return PartKind::Ignored;
    }
    let first_word = lower.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    if words.pitch_heading_openers.iter().any(|w| w == first_word) {
        return PartKind::Ignored;
    }
    // A heading that speaks to the candidate ("Is this you?", "Your toolbox") opens what is
    // asked again after a part about the company, but not inside the benefits ("Your total
    // health" under "Benefits").
    let about_the_company = current.heading.to_lowercase().starts_with("about")
        || has_any_phrase(&current.heading, &words.company_headings);
    // A heading in the employer's voice ("Our internships are designed to provide:") opens a
    // part about the employer, as its sentences would be.
    let employer_speaks = super::clauses::voice(words, None, heading) != super::clauses::Voice::Candidate;
    if has_any_phrase(&lower, &words.ignore_headings) || employer_speaks {
        PartKind::Ignored
    } else if has_any_phrase(&lower, &words.preferred_headings) {
        PartKind::Preferred
    } else if has_any_phrase(&lower, &words.required_headings)
        || (has_any_phrase(&lower, &words.candidate_words) && about_the_company)
        || current.kind != PartKind::Ignored
    {
        PartKind::Required
    } else {
        PartKind::Ignored
    }
}

/// The part of every line, by index (line number − 1). The lines before the first blank
/// line are the title block.
pub fn parts(words: &PostingWords, lines: &[Line], names_a_skill: &dyn Fn(&Line) -> bool) -> Vec<Part> {
    let mut parts = parts_after_title_block(words, lines, names_a_skill);
    // A posting without any blank line has no title block but its first line.
    if parts.iter().all(|p| p.kind == PartKind::Header) {
        let rest = parts_after_title_block(words, lines.get(1..).unwrap_or(&[]), names_a_skill);
        parts.truncate(1);
        parts.extend(rest.into_iter().map(|p| {
            if p.kind == PartKind::Header {
                Part { kind: PartKind::Required, ..p }
            } else {
                p
            }
        }));
    }
    parts
}

fn parts_after_title_block(words: &PostingWords, lines: &[Line], names_a_skill: &dyn Fn(&Line) -> bool) -> Vec<Part> {
    let mut current = Part { kind: PartKind::Header, heading: String::new(), is_heading: false };
    let mut seen_text = false;
    lines
        .iter()
        .map(|line| {
            let text = line.text.trim();
            if current.kind == PartKind::Header {
                if text.is_empty() && seen_text {
                    current = Part { kind: PartKind::Required, heading: String::new(), is_heading: false };
                }
                seen_text |= !text.is_empty();
                if current.kind == PartKind::Header {
                    return current.clone();
                }
            }
            if is_heading(words, text, || names_a_skill(line)) {
                let heading = plain(text);
                current = Part { kind: classify(words, &heading, &current), heading, is_heading: false };
                return Part { is_heading: true, ..current.clone() };
            }
            current.clone()
        })
        .collect()
}

/// The posting's title: its first line with text, without markup and links.
pub fn title(lines: &[Line]) -> String {
    lines.iter().map(|l| plain(&l.text)).find(|t| !t.is_empty()).unwrap_or_default()
}

/// The employer's name: the title block's second line, when it is short enough to be a name.
pub fn employer(lines: &[Line], parts: &[Part]) -> Option<String> {
    lines
        .iter()
        .zip(parts)
        .take_while(|(_, p)| p.kind == PartKind::Header)
        .map(|(l, _)| plain(&l.text))
        .filter(|t| !t.is_empty())
        .nth(1)
        .filter(|t| t.split_whitespace().count() <= 5)
}
