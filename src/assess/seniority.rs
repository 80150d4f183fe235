//! How senior the resume's own titles and dates say the person is.

use crate::parse::dates::{union_months, DateRange};
use crate::parse::Resume;
use crate::taxonomy::vocabulary::has_any_phrase;
use crate::taxonomy::{Level, Taxonomy};

/// How far up the people-management ladder titles and lead lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ManagementLevel {
    None,
    Mentor,
    TeamLead,
    Manager,
    Director,
}

#[derive(Debug, Clone)]
pub struct Seniority {
    /// The most senior level any dated job's title names (`None` if no title names one).
    pub highest_level: Option<Level>,
    pub highest_title: Option<String>,
    /// Months in jobs at that level, overlaps counted once.
    pub months_at_highest_level: i32,
    /// Months in jobs whose lines show leading people, or whose title is a lead title.
    pub leadership_months: i32,
    pub management_level: ManagementLevel,
}

pub fn seniority(taxonomy: &Taxonomy, resume: &Resume) -> Seniority {
    let mut highest: Option<(Level, String)> = None;
    let mut at_level: Vec<(Level, DateRange)> = Vec::new();
    let mut leading = Vec::new();
    let mut titles = Vec::new();
    for p in &resume.positions {
        let classified = p.title.iter().find_map(|t| match taxonomy.classify_title(t) {
            (_, Some(level)) => Some((level, t.clone())),
            (Some(role), None) if role.level == Level::Lead => Some((Level::Lead, t.clone())),
            _ => None,
        });
        if let Some((level, title)) = classified {
            at_level.push((level.clone(), p.range));
            if level == Level::Lead {
                leading.push(p.range);
            }
            if highest.as_ref().is_none_or(|(h, _)| level > *h) {
                highest = Some((level, title.clone()));
            }
            titles.push(title);
        }
        // Leadership lines are in line order: the first one at or after the job's start.
        let first = resume.leadership_lines.partition_point(|&l| l < p.lines.start);
        if resume.leadership_lines.get(first).is_some_and(|l| p.lines.contains(l)) {
            leading.push(p.range);
        }
    }
    let months_at_highest_level = match &highest {
        Some((level, _)) => {
            let ranges: Vec<_> = at_level.iter().filter(|(l, _)| l == level).map(|(_, r)| *r).collect();
            union_months(&ranges)
        }
        None => 0,
    };
    let lead_text: Vec<&str> =
        resume.leadership_lines.iter().filter_map(|&n| resume.line(n)).map(|l| l.text.as_str()).collect();
    let words = &taxonomy.vocabulary.management;
    let management_level = if titles.iter().any(|t| has_any_phrase(t, &words.director_titles)) {
        ManagementLevel::Director
    } else if titles.iter().any(|t| has_any_phrase(t, &words.manager_titles))
        || lead_text.iter().any(|t| has_any_phrase(t, &words.manager_phrases))
    {
        ManagementLevel::Manager
    } else if lead_text.iter().any(|t| has_any_phrase(t, &words.team_lead_phrases)) {
        ManagementLevel::TeamLead
    } else if !lead_text.is_empty() {
        ManagementLevel::Mentor
    } else {
        ManagementLevel::None
    };
    Seniority {
        highest_title: highest.as_ref().map(|(_, t)| t.clone()),
        highest_level: highest.map(|(l, _)| l),
        months_at_highest_level,
        leadership_months: union_months(&leading),
        management_level,
    }
}
