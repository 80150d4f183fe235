//! Stage 2: numbered lines become a structured resume: sections, dated positions, total
//! experience, the highest degree and lines that show leading people. Contact details are
//! redacted here, first, so nothing downstream can see them.

pub mod contact;
pub mod dates;
pub mod education;
pub mod kind;
pub mod leadership;
pub mod positions;
// Section headings are recognised by the taxonomy's words (`taxonomy::sections`), so that the
// ingest stage and the taxonomy's own phrase rules need nothing from this stage.
pub use crate::taxonomy::sections;

use crate::ingest::Document;
use crate::taxonomy::phrases::{Leadership, PhraseHit};
use crate::taxonomy::{Degree, Degrees, Phrases, Taxonomy, Vocabulary};

/// A header line longer than this is not a name or a headline but the whole resume run
/// together (datasets that store a resume as one line).
const HEADER_WORDS: usize = 30;
use dates::{DateRange, Month};
pub use positions::{Position, UndatedPosition};
pub use sections::Section;

#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based, as an editor shows it.
    pub number: usize,
    pub section: Section,
    /// The line is a section heading ("Work Experience"), not content.
    pub is_heading: bool,
    pub text: String,
    /// The phrase rules (`taxonomy/phrases.toml`) this line matches, found once in parsing
    /// and reused by detection.
    pub phrases: Vec<PhraseHit>,
}

/// A stated total replaces the dated one only when the dates fall this far short of it.
const STATED_GAP_MONTHS: i32 = 24;

/// Where the total years come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExperienceBasis {
    /// The union of the dated positions.
    Dates,
    /// The total the resume states: no dated position, or dates that cover far less.
    Stated,
    /// Neither.
    None,
}

impl ExperienceBasis {
    pub fn as_str(&self) -> &'static str {
        match self {
            ExperienceBasis::Dates => "dates",
            ExperienceBasis::Stated => "stated",
            ExperienceBasis::None => "none",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Resume {
    pub lines: Vec<Line>,
    pub positions: Vec<Position>,
    /// Jobs named without dates, in line order.
    pub undated_positions: Vec<UndatedPosition>,
    /// Total professional months, overlapping positions counted once; `None` when the
    /// resume has no dated position.
    pub experience_months: Option<i32>,
    /// Where `experience_months` came from.
    pub experience_basis: ExperienceBasis,
    /// The career total the resume states for itself ("14 years of experience"), if any.
    pub stated_months: Option<i32>,
    pub highest_degree: Degree,
    pub degree_field: Option<String>,
    pub degree_line: Option<usize>,
    /// Line numbers that show leading, managing or mentoring people.
    pub leadership_lines: Vec<usize>,
    pub as_of: Month,
}

impl Line {
    /// The line leads or manages people (a phrase rule with `leadership = "leads"`).
    pub fn leads_people(&self, phrases: &Phrases) -> bool {
        self.phrases.iter().any(|h| phrases.rules[h.rule].leadership == Some(Leadership::Leads))
    }
}

impl Resume {
    /// The dated positions whose lines include line `number`.
    ///
    /// Positions are in line order and their line ranges do not overlap (each runs to the
    /// next one's first line), so a binary search finds the one candidate.
    pub fn positions_at(&self, number: usize) -> impl Iterator<Item = &Position> {
        let after = self.positions.partition_point(|p| p.lines.start <= number);
        after.checked_sub(1).and_then(|i| self.positions.get(i)).filter(move |p| p.lines.contains(&number)).into_iter()
    }

    pub fn line(&self, number: usize) -> Option<&Line> {
        self.lines.get(number.wrapping_sub(1))
    }
}

pub fn parse(taxonomy: &Taxonomy, doc: &Document, as_of: Month) -> Resume {
    let vocabulary = &taxonomy.vocabulary;
    let mut lines = split_sections(vocabulary, doc);
    for i in 0..lines.len() {
        if lines[i].is_heading || lines[i].text.is_empty() {
            continue;
        }
        // A sentence wrapped onto the next line is read across the wrap.
        let next = lines.get(i + 1).filter(|n| !n.is_heading && n.section == lines[i].section).map(|n| n.text.as_str());
        let phrases = taxonomy.phrases.matches_wrapped(&lines[i].text, next, lines[i].section);
        lines[i].phrases = phrases;
    }
    let positions = positions::find_positions(&taxonomy.standing, vocabulary, &lines, as_of);
    let undated_positions =
        positions::find_undated_positions(&taxonomy.standing, &vocabulary.dates, &lines, &positions, as_of);
    let ranges: Vec<DateRange> = positions.iter().map(|p| p.range).collect();
    let dated_months = (!ranges.is_empty()).then(|| dates::union_months(&ranges));
    let not_education = |l: &&Line| l.section != Section::Education;
    let stated_months =
        lines.iter().filter(not_education).find_map(|l| dates::stated_career_total(&vocabulary.dates, &l.text));
    // Without a career total, the longest time one skill of a skill table was used
    // ("Hive- Experience - 31 months") is a floor on the career; with no dated job at all,
    // any total the resume states for itself.
    let floor_months = || {
        let totals = lines.iter().filter(not_education);
        if dated_months.is_some() {
            totals.filter_map(|l| dates::skill_table_months(&vocabulary.dates, &l.text)).max()
        } else {
            totals.filter_map(|l| dates::stated_total(&vocabulary.dates, &l.text)).max()
        }
    };
    let (experience_months, experience_basis) = match (dated_months, stated_months.or_else(floor_months)) {
        // The dates cover less than half of what the resume says, and two years or more
        // less: some jobs have no readable dates, so the resume's own total is nearer.
        (Some(dated), Some(stated)) if dated * 2 < stated && stated - dated >= STATED_GAP_MONTHS => {
            (Some(stated), ExperienceBasis::Stated)
        }
        (Some(dated), _) => (Some(dated), ExperienceBasis::Dates),
        (None, Some(stated)) => (Some(stated), ExperienceBasis::Stated),
        (None, None) => (None, ExperienceBasis::None),
    };
    let (highest_degree, degree_field, degree_line) =
        find_highest_degree(&taxonomy.degrees, &vocabulary.dates, &lines, as_of);
    let leadership_lines = lines
        .iter()
        .filter(|l| !matches!(l.section, Section::Education | Section::Publications))
        // The header names a person and a title; a one-line resume puts everything there.
        .filter(|l| l.section != Section::Header || l.text.split_whitespace().count() > HEADER_WORDS)
        .filter(|l| l.phrases.iter().any(|h| taxonomy.phrases.rules[h.rule].leadership.is_some()))
        .map(|l| l.number)
        .collect();
    Resume {
        lines,
        positions,
        undated_positions,
        experience_months,
        experience_basis,
        stated_months,
        highest_degree,
        degree_field,
        degree_line,
        leadership_lines,
        as_of,
    }
}

fn split_sections(vocabulary: &Vocabulary, doc: &Document) -> Vec<Line> {
    let mut section = Section::Header;
    doc.lines
        .iter()
        .enumerate()
        // Past the deadline the rest is left unread; the pipeline reports the timeout.
        .take_while(|_| !crate::deadline::expired())
        .map(|(i, raw)| {
            let text = contact::redact(&vocabulary.contact, raw);
            let (heading, glued) = sections::headings(vocabulary, &text);
            if let Some(next) = heading {
                section = next;
            }
            let line = Line { number: i + 1, section, is_heading: heading.is_some(), text, phrases: Vec::new() };
            // A heading glued to the end of the line opens its section on the next line.
            if let Some(next) = glued {
                section = next;
            }
            line
        })
        .collect()
}

fn find_highest_degree(
    degrees: &Degrees,
    date_patterns: &dates::Dates,
    lines: &[Line],
    as_of: Month,
) -> (Degree, Option<String>, Option<usize>) {
    let has_education = lines.iter().any(|l| l.section == Section::Education);
    let mut best: (Degree, Option<String>, Option<usize>) = (Degree::None, None, None);
    for (i, line) in lines.iter().enumerate() {
        let in_education = line.section == Section::Education;
        // Outside the education section only a summary's "with a PhD in ..." counts: most
        // lines are not searched at all.
        if has_education
            && !in_education
            && !matches!(line.section, Section::Summary | Section::Header)
            && !education::may_name_a_doctorate(degrees, &line.text)
        {
            continue;
        }
        let mentions = education::degree_mentions(degrees, &line.text, in_education);
        let next = lines.get(i + 1).map(|l| l.text.as_str());
        let mut starts: Vec<usize> = mentions.iter().map(|m| m.span.start).collect();
        starts.sort_unstable();
        for mention in mentions {
            let outside = has_education && !in_education;
            if outside
                && !matches!(line.section, Section::Summary | Section::Header)
                && !(mention.degree == Degree::Phd && mention.field.is_some())
            {
                continue;
            }
            let next_start = starts.iter().copied().find(|&s| s > mention.span.start);
            let (before, near) = education::window(&line.text, &mention.span, next_start);
            let next_line = if near.len() < line.text.len() { None } else { next };
            // The institution line above may carry "Expected Graduation: June 2016".
            let prev_line = i.checked_sub(1).and_then(|j| lines.get(j)).map(|l| l.text.as_str()).filter(|p| {
                near.len() == line.text.len() && p.len() < 90 && education::degree_mentions(degrees, p, true).is_empty()
            });
            let unfinished = education::is_in_progress(degrees, near, next_line)
                || education::is_in_progress(degrees, before, None)
                || prev_line.is_some_and(|p| education::is_in_progress(degrees, p, None))
                || dates::ends_after(date_patterns, near, as_of)
                || next_line.is_some_and(|n| n.len() < 60 && dates::ends_after(date_patterns, n, as_of));
            if unfinished {
                continue;
            }
            if mention.degree > best.0 {
                best = (mention.degree, mention.field, Some(line.number));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{from_text, Document};
    use std::path::Path;

    fn resume(text: &str) -> Resume {
        let taxonomy = Taxonomy::embedded().unwrap();
        let doc: Document = from_text(Path::new("t.txt"), text, &taxonomy.vocabulary).unwrap();
        parse(&taxonomy, &doc, dates::month(2026, 11))
    }

    #[test]
    fn positions_with_overlap_and_split_ranges() {
        let r = resume(
            "Jane Roe\njane@example.com\n\nEXPERIENCE\nSenior Data Engineer, Acme\nJan 2020 – Present\n- Built Spark jobs\n\
             Adjunct Lecturer, City College   2021 –\nPresent\n- Taught SQL\nData Engineer | Initech | 2016-2020\n\nEDUCATION\nB.S. Computer Science, 2012 – 2016\n",
        );
        // 2016-01..2019-12 (48) + 2020-01..2026-11 (83), the lecturer job overlaps.
        assert_eq!(r.experience_months, Some(48 + 83));
        assert_eq!(r.positions.len(), 3);
        assert_eq!(r.positions[0].title.as_deref(), Some("Senior Data Engineer"));
        assert_eq!(r.positions[0].company.as_deref(), Some("Acme"));
        // The first job's lines: its title, its dates and its bullet, up to the next job.
        assert_eq!(r.positions[0].lines, 5..8);
        assert_eq!(r.positions_at(7).count(), 1);
        assert_eq!(r.positions[1].title.as_deref(), Some("Adjunct Lecturer"));
        assert_eq!(r.positions[1].company.as_deref(), Some("City College"));
        assert_eq!(r.positions[2].title.as_deref(), Some("Data Engineer"));
        assert_eq!(r.positions[2].company.as_deref(), Some("Initech"));
        assert_eq!(r.highest_degree, Degree::Bachelor);
        assert_eq!(r.lines[1].text, "[email]");
    }

    #[test]
    fn unfinished_degrees_in_one_line_resumes_and_after_as_of() {
        // The first degree runs to Present, the second is finished: each is read in its own window.
        let r = resume(
            "Jo Doe Data analyst with 5 years of experience Work Experience Analyst Acme Pune March 2019 to Present \
             Built reports for finance and operations teams using SQL and Python on a daily basis Education \
             Masters in Data Science Pune University Pune October 2024 to Present Bachelor of Engineering in \
             Mechanical Engineering Savitribai Phule Pune University July 2011 to June 2015 Skills SQL Python",
        );
        assert_eq!(r.highest_degree, Degree::Bachelor);
        let r = resume("Education\nB.S. Computer Science, Aug 2023 — May 2027\n");
        assert_eq!(r.highest_degree, Degree::None);
        let r =
            resume("Education\nUniversity of La Verne | Expected Graduation: June 2027\nBachelor of Arts, Business\n");
        assert_eq!(r.highest_degree, Degree::None);
        let r = resume("Summary\nResearcher with a PhD in Statistics.\nEducation\nB.Sc. Mathematics, 2010\n");
        assert_eq!(r.highest_degree, Degree::Phd);
    }

    #[test]
    fn a_left_date_column_with_present_on_the_next_line() {
        let r = resume("Experience\n2021 – Machine Learning Engineer, OpenAI\nPresent Leading a team of AI engineers.\n2018 – 2021 Data Scientist, Uber\n");
        // Jul 2021 is not known: a year-only start counts from January: 2021-01..2026-11 (71) + 2018..2020 (36).
        assert_eq!(r.experience_months, Some(71 + 36));
    }

    #[test]
    fn a_heading_glued_to_a_line_opens_its_section() {
        let r = resume("Skills: Java, Maven serverEducation Details\nJune 2015 to June 2017 Masters of science information technology JNTU\n");
        assert_eq!(r.lines[1].section, Section::Education);
        assert_eq!(r.highest_degree, Degree::Master);
        assert_eq!(r.experience_months, None);
    }

    #[test]
    fn education_dates_are_not_experience_and_unfinished_degrees_do_not_count() {
        let r = resume("Education\nPhD candidate, Statistics, 2022 – Present\nM.S. Statistics, 2020 – 2022\n");
        assert_eq!(r.experience_months, None);
        assert_eq!(r.highest_degree, Degree::Master);
        assert_eq!(r.degree_field.as_deref(), Some("Statistics"));
    }
}
