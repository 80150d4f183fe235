//! A job posting as a target: its lines read into requirements (skills, required or
//! preferred, any-of groups, minimum years, degree, leading people), each citing the line it
//! comes from, and turned into a [`Role`] built at run time, so that the score, the gaps and
//! the actions work exactly as for a built-in role.
//!
//! The posting is read with the resume's own stages (ingest, the parse stage's sections,
//! leadership and degree readers, and the detect stage's lexicon), plus the words of
//! `[posting]` in `taxonomy/vocabulary.toml`: which headings open parts about the company,
//! which mark preferred qualifications, which words join alternatives.

mod clauses;
mod requirements;
mod sections;

use std::path::Path;

use crate::calendar::Date;
use crate::detect::{self, Lexicon};
use crate::ingest::Document;
use crate::parse;
use crate::taxonomy::{
    Citation, Degree, EducationBar, ExperienceBar, Importance, LeadershipBar, Level, Role, Taxonomy,
};
pub use requirements::SkillNeed;
pub use sections::Part;

/// Why a posting cannot be a target. Shown after the posting's file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostingError {
    #[error("no requirement found in it (no skill, years, degree or leadership the taxonomy knows)")]
    NoRequirement,
}

/// A posting read into requirements.
#[derive(Debug, Clone)]
pub struct Posting {
    pub path: String,
    pub file_name: String,
    pub sha256: String,
    /// The posting's own title (its first line, without markup).
    pub title: String,
    /// The nearest of the taxonomy's role families, if the title names one.
    pub family: Option<String>,
    pub level: Option<Level>,
    pub skills: Vec<SkillNeed>,
    pub experience: Option<requirements::YearsNeed>,
    pub education: Option<requirements::DegreeNeed>,
    /// The line that asks for leading people, if any.
    pub leadership: Option<(usize, String)>,
    /// Lines that read like a resume rather than a posting (for a warning).
    pub resume_like: bool,
    /// The posting as a role, for the assessment.
    pub role: Role,
}

/// Reads a posting already ingested. `as_of` only matters for dates, which a posting rarely has.
pub fn read(taxonomy: &Taxonomy, lexicon: &Lexicon, doc: &Document, as_of: Date) -> Result<Posting, PostingError> {
    read_parsed(taxonomy, lexicon, doc, parse::parse(taxonomy, doc, as_of.as_month()))
}

/// Reads a posting whose lines the resume stages have already parsed (a folder's file is
/// parsed once, to check that it is a posting, and read from that parse).
pub fn read_parsed(
    taxonomy: &Taxonomy,
    lexicon: &Lexicon,
    doc: &Document,
    mut resume: parse::Resume,
) -> Result<Posting, PostingError> {
    let words = &taxonomy.vocabulary.posting;
    // The resume stages give numbered, redacted lines (a posting's contact details are not
    // copied into a report either), the leadership lines and the skill hits with evidence.
    // A short line that names a skill ("Experience with SQL") is a requirement, not a
    // heading, though it holds a heading word.
    let names_a_skill = |line: &parse::Line| detect::names_a_skill(lexicon, &line.text, line.section);
    let parts = sections::parts(words, &resume.lines, &names_a_skill);
    // A list of what the candidate needs, bulleted or one short line each, reads like a
    // resume's skills list: names that are also words (R, Go, Scala) count there as they do
    // in a skills section. A paragraph of prose does not.
    for (line, part) in resume.lines.iter_mut().zip(&parts) {
        let short = line.text.split_whitespace().count() <= words.list_line_words;
        if part.asks() && !part.heading.is_empty() && (line.text.starts_with("- ") || short) {
            line.section = parse::Section::Skills;
        }
    }
    let hits = detect::detect(&resume, lexicon);
    let title = sections::title(&resume.lines);
    let file_name =
        Path::new(&doc.path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "posting".into());
    let employer = sections::employer(&resume.lines, &parts);
    let employer = employer.as_deref();
    let mut skills = requirements::skills(taxonomy, words, &resume.lines, &parts, &hits, employer);
    requirements::add_leading_people(taxonomy, &mut skills, &resume.lines, &parts, employer);
    let experience = requirements::years(taxonomy, &resume.lines, &parts, &hits, employer);
    let education = requirements::degree(words, &taxonomy.degrees, &resume.lines, &parts);
    // Any part of a posting may ask for leading people, a qualifications list included
    // (which the resume reader takes for an education section and would skip).
    let leadership = resume
        .lines
        .iter()
        .find(|l| {
            parts[l.number - 1].asks()
                && requirements::asked_sentences(words, employer, &l.text)
                    .any(|s| parse::leadership::shows_leadership(&taxonomy.phrases, s, l.section))
        })
        .map(|l| (l.number, l.text.clone()));
    if skills.is_empty() && experience.is_none() && education.is_none() && leadership.is_none() {
        return Err(PostingError::NoRequirement);
    }
    // The one rule of where a person stands, read on the posting's title and minimum years.
    let (family, level) =
        crate::assess::standing::posting_standing(taxonomy, &title, experience.as_ref().map(|e| e.min_years));
    let family = family.map(|r| r.id.clone());
    let resume_like = requirements::reads_like_a_resume(words, &resume);
    let mut posting = Posting {
        path: doc.path.display().to_string(),
        file_name,
        sha256: doc.sha256.clone(),
        title,
        family,
        level,
        skills,
        experience,
        education,
        leadership,
        resume_like,
        role: Role {
            id: String::new(),
            title: String::new(),
            aliases: vec![],
            level: Level::Mid,
            experience: None,
            education: None,
            leadership: None,
            requirements: vec![],
        },
    };
    posting.role = as_role(taxonomy, &posting);
    Ok(posting)
}

fn cite(posting: &Posting, section: &str, line: usize, text: &str) -> Vec<Citation> {
    vec![Citation {
        doc: posting.file_name.clone(),
        section: section.to_string(),
        line: Some(line),
        text: Some(text.to_string()),
    }]
}

/// The posting as a role: one requirement per skill need, and the bars it states.
fn as_role(taxonomy: &Taxonomy, posting: &Posting) -> Role {
    let words = &taxonomy.vocabulary.posting;
    let weights = words.weights;
    let texts = &taxonomy.vocabulary.texts.posting;
    let requirements = posting
        .skills
        .iter()
        .map(|need| {
            let names: Vec<&str> =
                need.any_of.iter().map(|id| taxonomy.skill(id).map_or(id.as_str(), |s| s.name.as_str())).collect();
            let label = match names.as_slice() {
                [] => String::new(),
                [one] => one.to_string(),
                [head @ .., last] => {
                    let names = format!("{}{}{last}", head.join(&texts.any_of_joiner), texts.any_of_last_joiner);
                    crate::taxonomy::vocabulary::fill(&texts.any_of_label, &[("names", &names)])
                }
            };
            crate::taxonomy::Requirement {
                id: need.id.clone(),
                action: crate::taxonomy::vocabulary::fill(&texts.skill_action, &[("label", &label)]),
                label,
                any_of: need.any_of.clone(),
                importance: need.importance,
                weight: match need.importance {
                    Importance::Required => weights.required_skill,
                    Importance::Preferred => weights.preferred_skill,
                },
                source: cite(posting, &need.section, need.line, &need.text),
                advice: vec![],
                domain: vec![],
            }
        })
        .collect();
    Role {
        id: Path::new(&posting.file_name).file_stem().map_or("posting".into(), |s| s.to_string_lossy().into_owned()),
        title: posting.title.clone(),
        aliases: vec![],
        level: posting.level.clone().unwrap_or(Level::Mid),
        experience: posting.experience.as_ref().map(|e| ExperienceBar {
            min_years: e.min_years,
            preferred_years: e.preferred_years,
            weight: weights.experience,
            action: None,
            source: cite(posting, &e.section, e.line, &e.text),
        }),
        education: posting.education.as_ref().map(|e| EducationBar {
            min: e.min.unwrap_or(Degree::None),
            preferred: e.preferred,
            weight: weights.education,
            action: None,
            source: cite(posting, &e.section, e.line, &e.text),
        }),
        leadership: posting.leadership.as_ref().map(|(line, text)| LeadershipBar {
            weight: weights.leadership,
            action: None,
            source: cite(posting, "", *line, text),
        }),
        requirements,
    }
}
