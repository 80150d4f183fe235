//! Is the document a resume? Decided once, from the parsed structure and a few markers
//! (`[document_kind]` and `[posting]` in vocabulary.toml), so that a README, a posting or
//! an article in a folder of resumes is named for what it is instead of being ranked.
//!
//! A resume is recognised by what every CV shares: dated positions, resume headings
//! (experience, education, skills) and a contact block. The other kinds are recognised by
//! what a resume never has: code blocks and shell commands, an invoice's totals, a
//! letter's greeting and closing, paragraphs of prose without a dated job, a posting's
//! "you will … requirements … apply".

use super::{Resume, Section};
use crate::taxonomy::vocabulary::{has_any_phrase, Vocabulary};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Resume,
    Posting,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Resume => "resume",
            Kind::Posting => "posting",
            Kind::Other => "other",
        }
    }
}

/// The decision and the signals that made it, in a short sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub kind: Kind,
    pub reason: String,
}

/// What was counted in the document.
#[derive(Debug, Default)]
struct Signals {
    positions: usize,
    headings: usize,
    contact: bool,
    posting_lines: usize,
    /// Lines that speak to the candidate ("you will", "we are looking for").
    voice_lines: usize,
    resume_lines: usize,
    code_lines: usize,
    letter_lines: usize,
    invoice_lines: usize,
    prose_lines: usize,
    text_lines: usize,
    /// Words in the longest line.
    longest_line_words: usize,
    /// A degree or a stated career total ("8 years of experience") was read.
    degree_or_total: bool,
}

fn count(vocabulary: &Vocabulary, resume: &Resume) -> Signals {
    let words = &vocabulary.document_kind;
    let posting = &vocabulary.posting;
    let mut s = Signals {
        positions: resume.positions.len(),
        degree_or_total: resume.highest_degree != crate::taxonomy::Degree::None || resume.experience_months.is_some(),
        ..Signals::default()
    };
    let mut sections = Vec::new();
    for line in &resume.lines {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        s.text_lines += 1;
        s.longest_line_words = s.longest_line_words.max(text.split_whitespace().count());
        if line.is_heading {
            if matches!(line.section, Section::Experience | Section::Education | Section::Skills)
                && !sections.contains(&line.section)
            {
                sections.push(line.section);
            }
            // A heading is not code, a letter or a posting's sentence, but it may be the
            // posting's "Requirements" heading: fall through to the markers.
        } else if words.code_prefixes.iter().any(|p| text.starts_with(p.as_str())) {
            s.code_lines += 1;
        }
        let lower = text.to_lowercase();
        s.contact |= words.contact_placeholders.iter().any(|p| lower.contains(p.as_str()));
        s.posting_lines += usize::from(has_any_phrase(text, &posting.posting_markers));
        s.voice_lines += usize::from(has_any_phrase(text, &words.posting_voice));
        s.resume_lines += usize::from(has_any_phrase(text, &posting.resume_markers));
        s.letter_lines += usize::from(has_any_phrase(text, &words.letter_markers));
        s.invoice_lines += usize::from(has_any_phrase(text, &words.invoice_markers));
        s.prose_lines += usize::from(text.split_whitespace().count() >= words.prose_words);
    }
    s.headings = sections.len();
    s
}

/// Decides what kind of document `resume` (a document already parsed) is.
pub fn decide(vocabulary: &Vocabulary, resume: &Resume) -> Verdict {
    let s = count(vocabulary, resume);
    let verdict = |kind, reason: String| Verdict { kind, reason };
    let structure = format!(
        "{} dated position{}, {} of the experience/education/skills headings{}",
        s.positions,
        if s.positions == 1 { "" } else { "s" },
        s.headings,
        if s.contact { ", a contact block" } else { "" }
    );
    // Code and shell commands: documentation, whatever dates its history names.
    if s.code_lines >= 2 && s.code_lines * 4 >= s.positions {
        return verdict(
            Kind::Other,
            format!("reads as software documentation: {} lines of code or shell commands", s.code_lines),
        );
    }
    // An accountant's resume names invoices too, under its headings.
    if s.invoice_lines >= 2 && s.positions < 2 && s.headings == 0 {
        return verdict(
            Kind::Other,
            format!("reads as an invoice: {} lines of amounts due or billing", s.invoice_lines),
        );
    }
    // Several dated jobs under resume headings: a resume, even one with a "Responsibilities"
    // line per job or a cover note.
    // Dates alone are not enough: a README's changelog or a corpus note has dated lines too.
    let resume_shaped = s.headings >= 1 || s.resume_lines >= 1;
    let strong = s.positions >= 2 && resume_shaped;
    if strong {
        return verdict(Kind::Resume, structure);
    }
    if s.letter_lines >= 2 && s.headings == 0 {
        return verdict(Kind::Other, format!("reads as a letter: a greeting and a closing, {structure}"));
    }
    let resume_signs =
        s.positions + s.headings + usize::from(s.contact) + s.resume_lines + usize::from(s.degree_or_total);
    // Without the candidate addressed, many "responsibilities / requirements" lines and no
    // dated job still describe a role rather than a person.
    let asks = s.voice_lines >= 1 && s.posting_lines >= 3 && s.posting_lines >= resume_signs;
    let describes_a_role = s.positions == 0 && s.posting_lines >= 5 && s.posting_lines > 2 * resume_signs;
    if asks || describes_a_role {
        return verdict(
            Kind::Posting,
            format!("reads as a job posting: {} lines that ask of a candidate ('you will', requirements, apply), {structure}", s.posting_lines),
        );
    }
    // Paragraphs of prose with no dated job: an article, a report, an essay.
    if s.positions == 0 && s.prose_lines >= 3 && s.prose_lines * 5 >= s.text_lines.min(50) {
        return verdict(
            Kind::Other,
            format!("reads as prose: {} long paragraphs and no dated position", s.prose_lines),
        );
    }
    // A heading or a dated job, and one more sign: resumes stored as a few run-on lines
    // (public datasets) keep their headings and degree but lose their dated positions.
    if resume_shaped && s.headings + s.positions >= 1 && resume_signs >= 2 {
        return verdict(Kind::Resume, structure);
    }
    // A resume run together on one line (public datasets store them so: line breaks and
    // headings lost) that shows something of a career (a dated job, a degree, a stated
    // total, a contact block) and no sign of another kind. Refusing a real resume costs a
    // candidate more than keeping an odd text costs a recruiter.
    if s.longest_line_words > super::positions::ONE_LINE_WORDS && resume_signs >= 1 {
        return verdict(Kind::Resume, format!("a resume run together on one line: {structure}"));
    }
    verdict(Kind::Other, format!("too little of a resume: {structure}"))
}
