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
use crate::taxonomy::vocabulary::{padded_words, Vocabulary};

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
    /// Rows of a table written as text (`| a | b |`): an index or a listing.
    table_lines: usize,
}

fn count(vocabulary: &Vocabulary, resume: &Resume) -> Signals {
    let words = &vocabulary.document_kind;
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
        let words_in_line = text.split_whitespace().count();
        s.longest_line_words = s.longest_line_words.max(words_in_line);
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
        // One contact placeholder is enough: the lines after it are not lower-cased for it.
        if !s.contact {
            let lower = text.to_lowercase();
            s.contact = words.contact_placeholders.iter().any(|p| lower.contains(p.as_str()));
        }
        // The five marker lists in one pass, in the order `Vocabulary::kind_markers` was built.
        let found = vocabulary.kind_markers.lists_in(&padded_words(text));
        s.posting_lines += usize::from(found & 1 != 0);
        s.voice_lines += usize::from(found & 1 << 1 != 0);
        s.resume_lines += usize::from(found & 1 << 2 != 0);
        s.letter_lines += usize::from(found & 1 << 3 != 0);
        s.invoice_lines += usize::from(found & 1 << 4 != 0);
        s.prose_lines += usize::from(words_in_line >= words.prose_words);
        s.table_lines += usize::from(text.starts_with('|') && text.matches('|').count() >= TABLE_BARS);
    }
    s.headings = sections.len();
    s
}

/// Decides what kind of document `resume` (a document already parsed) is.
pub fn decide(vocabulary: &Vocabulary, resume: &Resume) -> Verdict {
    classify(&count(vocabulary, resume)).0
}

/// Which rule decided a verdict: a posting check needs to tell "recognised as something
/// else" (a letter, code) apart from "too little of a resume", which a posting also is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Documentation,
    Invoice,
    Letter,
    Resume,
    Posting,
    Prose,
    TooLittle,
}

/// Below this share of words among its tokens a text is not prose, so not a posting.
const MIN_PROSE_SHARE: f64 = 0.5;

/// Whether a token is a word of prose: letters, with the joiners technical names use
/// (`C++`, `CI/CD`, `Node.js`, `R&D`, `full-time`), once leading and trailing punctuation
/// is set aside. `root:x:0:0:root:/root:/bin/bash`, `0x7f`, `a,b,c` are not.
fn is_word(token: &str) -> bool {
    let core = token.trim_matches(|c: char| c.is_ascii_punctuation() && !matches!(c, '+' | '#'));
    core.chars().any(char::is_alphabetic)
        && core.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '/' | '+' | '#' | '.' | '&'))
}

/// `Some((words, tokens))` when the lines are not prose: a password file, a CSV, a dump of
/// numbers. A posting is sentences and lists of requirements, most of whose tokens are words;
/// reading anything else as one turns random lines into "required skills".
pub fn not_prose(lines: &[String]) -> Option<(usize, usize)> {
    let (mut words, mut tokens) = (0usize, 0usize);
    for token in lines.iter().flat_map(|l| l.split_whitespace()) {
        tokens += 1;
        words += usize::from(is_word(token));
    }
    ((words as f64) < MIN_PROSE_SHARE * tokens as f64).then_some((words, tokens))
}

/// Pipes per row from which a line starting with one is a table row (`| a | b |`).
const TABLE_BARS: usize = 3;
/// A document with at least this many table rows, making up at least [`TABLE_SHARE`] of its
/// lines, is a table or an index of files (a folder's README, a spreadsheet saved as text):
/// a posting is sentences and lists, and names one job, not a table of them.
const MIN_TABLE_LINES: usize = 3;
const TABLE_SHARE: f64 = 0.2;

/// Whether a document given among job postings (`--target` with several postings or a
/// folder) is one: `Err(reason)` when it reads as a resume, software documentation, a
/// letter, an invoice or a table. Anything else is left to the posting reader, which then
/// needs requirements in it: postings copied from job boards often lack the candidate-facing
/// words [`decide`] looks for, and read as "too little of a resume" there.
pub fn posting_check(vocabulary: &Vocabulary, resume: &Resume) -> Result<(), String> {
    let s = count(vocabulary, resume);
    let (verdict, rule) = classify(&s);
    match rule {
        Rule::Resume => Err(format!("reads as a resume: {}", verdict.reason)),
        Rule::Documentation | Rule::Invoice | Rule::Letter => Err(verdict.reason),
        _ if s.table_lines >= MIN_TABLE_LINES && s.table_lines as f64 >= TABLE_SHARE * s.text_lines as f64 => {
            Err(format!("reads as a table: {} of its {} lines are table rows", s.table_lines, s.text_lines))
        }
        _ => Ok(()),
    }
}

fn classify(s: &Signals) -> (Verdict, Rule) {
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
        return (
            verdict(
                Kind::Other,
                format!("reads as software documentation: {} lines of code or shell commands", s.code_lines),
            ),
            Rule::Documentation,
        );
    }
    // An accountant's resume names invoices too, under its headings.
    if s.invoice_lines >= 2 && s.positions < 2 && s.headings == 0 {
        return (
            verdict(Kind::Other, format!("reads as an invoice: {} lines of amounts due or billing", s.invoice_lines)),
            Rule::Invoice,
        );
    }
    // Several dated jobs under resume headings: a resume, even one with a "Responsibilities"
    // line per job or a cover note.
    // Dates alone are not enough: a README's changelog or a corpus note has dated lines too.
    let resume_shaped = s.headings >= 1 || s.resume_lines >= 1;
    let strong = s.positions >= 2 && resume_shaped;
    if strong {
        return (verdict(Kind::Resume, structure), Rule::Resume);
    }
    if s.letter_lines >= 2 && s.headings == 0 {
        return (
            verdict(Kind::Other, format!("reads as a letter: a greeting and a closing, {structure}")),
            Rule::Letter,
        );
    }
    let resume_signs =
        s.positions + s.headings + usize::from(s.contact) + s.resume_lines + usize::from(s.degree_or_total);
    // Without the candidate addressed, many "responsibilities / requirements" lines and no
    // dated job still describe a role rather than a person.
    let asks = s.voice_lines >= 1 && s.posting_lines >= 3 && s.posting_lines >= resume_signs;
    let describes_a_role = s.positions == 0 && s.posting_lines >= 5 && s.posting_lines > 2 * resume_signs;
    if asks || describes_a_role {
        return (
            verdict(
                Kind::Posting,
                format!("reads as a job posting: {} lines that ask of a candidate ('you will', requirements, apply), {structure}", s.posting_lines),
            ),
            Rule::Posting,
        );
    }
    // Paragraphs of prose with no dated job: an article, a report, an essay.
    if s.positions == 0 && s.prose_lines >= 3 && s.prose_lines * 5 >= s.text_lines.min(50) {
        return (
            verdict(Kind::Other, format!("reads as prose: {} long paragraphs and no dated position", s.prose_lines)),
            Rule::Prose,
        );
    }
    // A heading or a dated job, and one more sign: resumes stored as a few run-on lines
    // (public datasets) keep their headings and degree but lose their dated positions.
    if resume_shaped && s.headings + s.positions >= 1 && resume_signs >= 2 {
        return (verdict(Kind::Resume, structure), Rule::Resume);
    }
    // A resume run together on one line (public datasets store them so: line breaks and
    // headings lost) that shows something of a career (a dated job, a degree, a stated
    // total, a contact block) and no sign of another kind. Refusing a real resume costs a
    // candidate more than keeping an odd text costs a recruiter.
    if s.longest_line_words > super::positions::ONE_LINE_WORDS && resume_signs >= 1 {
        return (verdict(Kind::Resume, format!("a resume run together on one line: {structure}")), Rule::Resume);
    }
    (verdict(Kind::Other, format!("too little of a resume: {structure}")), Rule::TooLittle)
}

#[cfg(test)]
mod prose_tests {
    use super::{is_word, not_prose};

    #[test]
    fn words_of_prose_and_what_is_not() {
        for w in ["Python", "C++", "C#", "CI/CD", "Node.js", "R&D", "full-time", "(SQL),", "we're", "Spark."] {
            assert!(is_word(w), "{w}");
        }
        for t in ["root:x:0:0:root:/root:/bin/bash", "0x7f", "a,b,c", "2019", "5", "--", "x=1"] {
            assert!(!is_word(t), "{t}");
        }
        let passwd: Vec<String> = [
            "root:x:0:0:root:/root:/bin/bash",
            "gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(not_prose(&passwd), Some((2, 5)));
        let posting = vec!["Senior Data Engineer".to_string(), "- 5+ years of Python and SQL (required)".to_string()];
        assert_eq!(not_prose(&posting), None);
    }
}
