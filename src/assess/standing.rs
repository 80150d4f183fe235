//! Where a person stands: the one rule for role family and level (README, "Where a person
//! stands"), for resumes and postings alike. Its words and thresholds are data
//! (`taxonomy/standing.toml`).
//!
//! - Role: the family of the *latest* job's title; the headline when that title cannot be
//!   read; never an older job. A title that names no function (a company grade such as
//!   "IT Analyst") takes its function from the job's role line, else the headline.
//! - Level: a grade word in that title decides; otherwise years (under `mid_from` entry,
//!   under `senior_from` mid, else senior; years never make lead); no grade word and no
//!   years, no level. A lead role's title is lead.

use crate::parse::{positions, Position, Resume};
use crate::taxonomy::standing::title_words;
use crate::taxonomy::{Level, Role, Taxonomy};

/// Where the title that places the person came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The latest dated position's title.
    LatestTitle,
    /// The latest title is a company grade; its function came from the job's role line.
    RoleLine,
    /// The latest title is a company grade, or no dated title could be read; the headline.
    Headline,
    /// Nothing places the person.
    None,
}

impl Basis {
    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::LatestTitle => "latest-title",
            Basis::RoleLine => "role-line",
            Basis::Headline => "headline",
            Basis::None => "none",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Standing<'t> {
    /// The role family, `None` for a title outside the five.
    pub role: Option<&'t Role>,
    /// `None` when the role is none, or when no grade word and no years say it.
    pub level: Option<Level>,
    /// The title read as the person's current one, whatever its family.
    pub title: Option<String>,
    /// The line of the position used (its date line, or an undated one's title line).
    pub position_line: Option<usize>,
    pub basis: Basis,
    /// One sentence on why, for the report.
    pub reason: String,
}

/// Rule 2 and 3 of the level rule: the grade word, else years, else none; a lead role is lead.
pub fn level_for(taxonomy: &Taxonomy, role: Option<&Role>, grade: Option<Level>, years: Option<f64>) -> Option<Level> {
    if role.is_some_and(|r| r.level == Level::Lead) {
        return Some(Level::Lead);
    }
    let thresholds = &taxonomy.standing.years;
    grade.or_else(|| {
        years.map(|y| {
            if y < thresholds.mid_from {
                Level::Entry
            } else if y < thresholds.senior_from {
                Level::Mid
            } else {
                Level::Senior
            }
        })
    })
}

/// The latest position: the latest end, then (several current jobs) the first listed.
pub fn latest_position(positions: &[Position]) -> Option<usize> {
    let latest_end = positions.iter().map(|p| p.range.end).max()?;
    positions.iter().position(|p| p.range.end == latest_end)
}

/// A role line inside the job ("Role: Data Engineer"), read as a title.
fn role_line(taxonomy: &Taxonomy, resume: &Resume, position: &Position) -> Option<String> {
    let labels = &taxonomy.standing.role_line_labels;
    position.lines.clone().filter_map(|n| resume.line(n)).find_map(|line| {
        let (label, rest) = line.text.split_once([':', '-', '–'])?;
        let label = title_words(label);
        let rest = rest.trim();
        (labels.contains(&label) && !rest.is_empty() && rest.split_whitespace().count() <= 8).then(|| rest.to_string())
    })
}

pub fn resume_standing<'t>(taxonomy: &'t Taxonomy, resume: &Resume) -> Standing<'t> {
    let standing = &taxonomy.standing;
    let years = resume.experience_months.map(|m| m as f64 / 12.0);
    let family_of = |title: &str| standing.family(&title_words(title)).and_then(|f| taxonomy.role_by_id(&f.role));
    let latest = latest_position(&resume.positions);

    // The headline is read only when it decides: most resumes are placed by a dated title.
    let from_headline = |reason: String, grade_title: Option<&str>, position_line: Option<usize>| {
        let headline = positions::headline_title(standing, &resume.lines);
        let role = headline.as_deref().and_then(family_of);
        let grade = grade_title.or(headline.as_deref()).and_then(|t| standing.grade(&title_words(t)));
        Standing {
            role,
            level: role.and_then(|r| level_for(taxonomy, Some(r), grade, years)),
            title: grade_title.map(str::to_string).or_else(|| headline.clone()),
            position_line,
            basis: if headline.is_some() { Basis::Headline } else { Basis::None },
            reason,
        }
    };

    // The latest title: a job named without dates above every dated one (resumes list the
    // newest first; job-portal exports omit dates the person did not give), else the dated
    // job that ends last.
    let first_dated = resume.positions.iter().map(|p| p.line).min();
    let undated = resume.undated_positions.first().filter(|u| first_dated.is_none_or(|l| u.line < l));
    let (title, position_line, role_line, dates_note) = match (undated, latest) {
        (Some(u), _) => (u.title.clone(), u.line, None, " (no dates given)"),
        (None, Some(i)) => match &resume.positions[i].title {
            Some(title) => {
                let position = &resume.positions[i];
                (title.clone(), position.line, role_line(taxonomy, resume, position), "")
            }
            None => {
                let why = "the latest dated position's title could not be read, so the headline places the person";
                return from_headline(why.to_string(), None, Some(resume.positions[i].line));
            }
        },
        (None, None) => {
            return from_headline("no dated position, so the headline places the person".to_string(), None, None);
        }
    };
    let words = title_words(&title);
    let grade = standing.grade(&words);
    let placed = |role: &'t Role, grade: Option<Level>, basis: Basis, reason: String| Standing {
        role: Some(role),
        level: level_for(taxonomy, Some(role), grade, years),
        title: Some(title.clone()),
        position_line: Some(position_line),
        basis,
        reason,
    };
    if let Some(role) = family_of(&title) {
        let reason = format!("the latest position's title \"{title}\"{dates_note} names the {} family", role.id);
        return placed(role, grade, Basis::LatestTitle, reason);
    }
    if standing.names_no_function(&words) {
        // A company grade: the job's role line names the function, else the headline.
        if let Some((line, role)) = role_line.as_deref().and_then(|line| Some((line, family_of(line)?))) {
            let grade = grade.or_else(|| standing.grade(&title_words(line)));
            let reason =
                format!("the latest title \"{title}\" is a grade; the job's role line \"{line}\" names the function");
            return placed(role, grade, Basis::RoleLine, reason);
        }
        let reason = format!("the latest title \"{title}\" names no function, so the headline places the person");
        return from_headline(reason, Some(&title), Some(position_line));
    }
    Standing {
        role: None,
        level: None,
        title: Some(title.clone()),
        position_line: Some(position_line),
        basis: Basis::LatestTitle,
        reason: format!("the latest position's title \"{title}\"{dates_note} is outside the five role families"),
    }
}

/// A posting's family and level by the same rule: its title's family; the grade word of the
/// title, else the minimum years it asks. A title that names two levels ("Scientist /
/// Senior Scientist") is read at the lower one.
pub fn posting_standing<'t>(
    taxonomy: &'t Taxonomy,
    title: &str,
    min_years: Option<f64>,
) -> (Option<&'t Role>, Option<Level>) {
    let standing = &taxonomy.standing;
    let role = standing.family(&title_words(title)).and_then(|f| taxonomy.role_by_id(&f.role));
    let Some(role) = role else {
        return (None, None);
    };
    let level = title
        .split(['/', '|'])
        .flat_map(|part| part.split(" or "))
        .filter(|part| !title_words(part).is_empty())
        .filter_map(|part| level_for(taxonomy, Some(role), standing.grade(&title_words(part)), min_years))
        .min();
    (Some(role), level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_decide_without_a_grade_word_and_never_make_lead() {
        let t = Taxonomy::embedded().unwrap();
        let de = t.role_by_id("data-engineer");
        assert_eq!(level_for(&t, de, None, Some(1.9)), Some(Level::Entry));
        assert_eq!(level_for(&t, de, None, Some(2.0)), Some(Level::Mid));
        assert_eq!(level_for(&t, de, None, Some(4.99)), Some(Level::Mid));
        assert_eq!(level_for(&t, de, None, Some(20.0)), Some(Level::Senior));
        assert_eq!(level_for(&t, de, None, None), None);
        assert_eq!(level_for(&t, de, Some(Level::Entry), Some(20.0)), Some(Level::Entry));
        assert_eq!(level_for(&t, t.role_by_id("lead-ml"), None, Some(1.0)), Some(Level::Lead));
    }

    #[test]
    fn postings_read_two_levels_at_the_lower_one() {
        let t = Taxonomy::embedded().unwrap();
        let (role, level) = posting_standing(&t, "Data Scientist / Senior Data Scientist", Some(3.0));
        assert_eq!(role.map(|r| r.id.as_str()), Some("data-science-engineer"));
        assert_eq!(level, Some(Level::Mid));
        let (_, level) = posting_standing(&t, "Principal Data Engineer", Some(3.0));
        assert_eq!(level, Some(Level::Senior));
        let (role, level) = posting_standing(&t, "Marketing Manager", Some(3.0));
        assert!(role.is_none() && level.is_none());
    }
}
