//! Stage 2: numbered lines become a structured resume: sections, dated positions, total
//! experience, the highest degree and lines that show leading people. Contact details are
//! redacted here, first, so nothing downstream can see them.

pub mod contact;
pub mod dates;
pub mod education;
pub mod leadership;
pub mod sections;

use crate::ingest::Document;
use crate::taxonomy::phrases::{Leadership, PhraseHit};
use crate::taxonomy::{Degree, Degrees, Phrases, Taxonomy, Vocabulary};

/// A header line longer than this is not a name or a headline but the whole resume run
/// together (datasets that store a resume as one line).
const HEADER_WORDS: usize = 30;
use dates::{DateRange, Month};
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

/// A dated position from the experience part of the resume.
#[derive(Debug, Clone)]
pub struct Position {
    pub range: DateRange,
    /// Line holding the date range.
    pub line: usize,
    /// The text around the dates that names the job, nearest first: the rest of the date
    /// line, then the lines just above, then the line below.
    pub title_context: Vec<String>,
    /// The lines that describe this job: from its title lines to the next job's, within
    /// its section (1-based, end exclusive).
    pub lines: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Resume {
    pub lines: Vec<Line>,
    pub positions: Vec<Position>,
    /// Total professional months, overlapping positions counted once; `None` when the
    /// resume has no dated position.
    pub experience_months: Option<i32>,
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
    for line in lines.iter_mut().filter(|l| !l.is_heading && !l.text.is_empty()) {
        line.phrases = taxonomy.phrases.matches(&line.text, line.section);
    }
    let positions = find_positions(vocabulary, &lines, as_of);
    let ranges: Vec<DateRange> = positions.iter().map(|p| p.range).collect();
    // No dated job: the longest total the resume states for itself ("- Experience - 48 months").
    let experience_months = if ranges.is_empty() {
        lines.iter().filter(|l| l.section != Section::Education).filter_map(|l| dates::stated_total(&l.text)).max()
    } else {
        Some(dates::union_months(&ranges))
    };
    let (highest_degree, degree_field, degree_line) = find_highest_degree(&taxonomy.degrees, &lines, as_of);
    let leadership_lines = lines
        .iter()
        .filter(|l| !matches!(l.section, Section::Education | Section::Publications))
        // The header names a person and a title; a one-line resume puts everything there.
        .filter(|l| l.section != Section::Header || l.text.split_whitespace().count() > HEADER_WORDS)
        .filter(|l| l.phrases.iter().any(|h| taxonomy.phrases.rules[h.rule].leadership.is_some()))
        .map(|l| l.number)
        .collect();
    Resume { lines, positions, experience_months, highest_degree, degree_field, degree_line, leadership_lines, as_of }
}

fn split_sections(vocabulary: &Vocabulary, doc: &Document) -> Vec<Line> {
    let mut section = Section::Header;
    doc.lines
        .iter()
        .enumerate()
        // Past the deadline the rest is left unread; the pipeline reports the timeout.
        .take_while(|_| !crate::deadline::expired())
        .map(|(i, raw)| {
            let text = contact::redact(raw);
            let heading = sections::heading(vocabulary, &text);
            if let Some(next) = heading {
                section = next;
            }
            let line = Line { number: i + 1, section, is_heading: heading.is_some(), text, phrases: Vec::new() };
            // A heading glued to the end of the line opens its section on the next line.
            if let Some(next) = sections::glued_heading(vocabulary, &line.text) {
                section = next;
            }
            line
        })
        .collect()
}

fn counts_as_work(section: Section, resume_has_experience: bool) -> bool {
    if resume_has_experience {
        section == Section::Experience
    } else {
        !matches!(section, Section::Education | Section::Projects | Section::Publications | Section::Certifications)
    }
}

fn find_positions(vocabulary: &Vocabulary, lines: &[Line], as_of: Month) -> Vec<Position> {
    let has_experience = lines.iter().any(|l| l.section == Section::Experience);
    let mut positions = Vec::new();
    let mut i = 0;
    while i < lines.len() && !crate::deadline::expired() {
        let line = &lines[i];
        if line.text.split_whitespace().count() > ONE_LINE_WORDS {
            positions.extend(positions_in_run_on_line(vocabulary, line, as_of));
            i += 1;
            continue;
        }
        if !counts_as_work(line.section, has_experience) {
            i += 1;
            continue;
        }
        // "2021 –" / "Present": read the range across the break.
        let joined;
        let (text, spans_two) = match lines.get(i + 1) {
            Some(next) if dates::ends_with_open_range(&line.text) => match dates::date_at_edge(&next.text) {
                Some(end) => {
                    joined = format!("{} {end}", line.text);
                    (joined.as_str(), true)
                }
                None => (line.text.as_str(), false),
            },
            // A left date column: "2021 – Machine Learning Engineer" / "Present Leading a team".
            Some(next) => match (dates::leading_open_range(&line.text), dates::date_at_edge(&next.text)) {
                (Some(cut), Some(end)) if next.text.trim_start().starts_with(end) => {
                    joined = format!("{} {end} {}", &line.text[..cut], &line.text[cut..]);
                    (joined.as_str(), false)
                }
                _ => (line.text.as_str(), false),
            },
            _ => (line.text.as_str(), false),
        };
        if let Some((range, span)) = dates::find_range(text, as_of).filter(|_| !vocabulary.is_time_off(text)) {
            let mut title_context = Vec::new();
            let rest = format!("{} {}", &text[..span.start], &text[span.end..]);
            let rest = rest.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                title_context.push(rest);
            }
            let is_header_line = |l: &Line| {
                !l.text.is_empty()
                    && !l.text.starts_with("- ")
                    && !l.is_heading
                    && dates::find_range(&l.text, as_of).is_none()
            };
            let mut first_line = line.number;
            for back in 1..=2 {
                match i.checked_sub(back).and_then(|j| lines.get(j)) {
                    Some(prev) if is_header_line(prev) && prev.section == line.section => {
                        title_context.push(prev.text.clone());
                        first_line = prev.number;
                    }
                    _ => break,
                }
            }
            let below = i + if spans_two { 2 } else { 1 };
            if let Some(next) = lines.get(below).filter(|l| is_header_line(l)) {
                title_context.push(next.text.clone());
            }
            positions.push(Position { range, line: line.number, title_context, lines: first_line..first_line });
        }
        i += if spans_two { 2 } else { 1 };
    }
    // A job's lines run to the next job's first line, or to the end of its section.
    // `section_end[i]`: the number of the first line after line i + 1 in another section
    // (one backward pass, so many positions in one long section stay linear).
    let mut section_end = vec![lines.len() + 1; lines.len()];
    for i in (0..lines.len().saturating_sub(1)).rev() {
        section_end[i] =
            if lines[i + 1].section != lines[i].section { lines[i + 1].number } else { section_end[i + 1] };
    }
    for k in 0..positions.len() {
        let start = positions[k].lines.start;
        let section_end = section_end.get(start - 1).copied().unwrap_or(lines.len() + 1);
        let next = positions.get(k + 1).map_or(usize::MAX, |p| p.lines.start);
        positions[k].lines = start..next.min(section_end).max(positions[k].line + 1);
    }
    positions
}

/// A line longer than this many words is a whole resume run together.
const ONE_LINE_WORDS: usize = 150;

/// The jobs of a resume stored as one line ("... Work Experience Analyst Acme March 2019 to
/// Present ... Education ..."): every range, in the part its inline headings make work.
fn positions_in_run_on_line(vocabulary: &Vocabulary, line: &Line, as_of: Month) -> Vec<Position> {
    let text = &line.text;
    let mut marks: Vec<(usize, Section)> = Vec::new();
    let mut offset = 0;
    for word in text.split(' ') {
        if word.chars().next().is_some_and(char::is_uppercase) {
            // Only the headings that change what a date means; "Technologies" or "Solutions"
            // in a company name would otherwise open a skills part.
            if let Some(section) = sections::heading(vocabulary, word).filter(|s| {
                matches!(s, Section::Experience | Section::Education | Section::Certifications | Section::Projects)
            }) {
                marks.push((offset, section));
            }
        }
        offset += word.len() + 1;
    }
    let has_experience = marks.iter().any(|(_, s)| *s == Section::Experience);
    dates::find_ranges(text, as_of)
        .into_iter()
        .filter(|(_, span)| {
            let section = marks.iter().rev().find(|(at, _)| *at < span.start).map_or(line.section, |(_, s)| *s);
            let mut from = span.start.saturating_sub(60);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            counts_as_work(section, has_experience) && !vocabulary.is_time_off(&text[from..span.start])
        })
        .map(|(range, span)| {
            let mut from = span.start.saturating_sub(80);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            Position {
                range,
                line: line.number,
                title_context: vec![text[from..span.start].trim().to_string()],
                lines: line.number..line.number + 1,
            }
        })
        .collect()
}

fn find_highest_degree(degrees: &Degrees, lines: &[Line], as_of: Month) -> (Degree, Option<String>, Option<usize>) {
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
                || dates::ends_after(near, as_of)
                || next_line.is_some_and(|n| n.len() < 60 && dates::ends_after(n, as_of));
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
        let doc: Document = from_text(Path::new("t.txt"), text).unwrap();
        parse(&Taxonomy::embedded().unwrap(), &doc, dates::month(2026, 11))
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
        assert_eq!(r.positions[0].title_context[0], "Senior Data Engineer, Acme");
        // The first job's lines: its title, its dates and its bullet, up to the next job.
        assert_eq!(r.positions[0].lines, 5..8);
        assert_eq!(r.positions_at(7).count(), 1);
        assert!(r.positions[1].title_context[0].starts_with("Adjunct Lecturer"));
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
