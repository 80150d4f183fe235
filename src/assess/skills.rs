//! How much each found skill counts: where and how long it was used, from the dated jobs
//! whose lines mention it. Computed once per resume and shared by the ranking of every
//! role, the target's assessment, the goal's assessment and the report.

use crate::detect::SkillHit;
use crate::parse::dates::{union_months, year_of};
use crate::parse::{Resume, Section};
use crate::taxonomy::vocabulary::fill;
use crate::taxonomy::{Requirement, Taxonomy};

/// Where and how long a found skill was used.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillUsage {
    /// Months of the dated jobs that mention it, overlaps counted once; `None` when no
    /// dated job mentions it (a skills list, a summary, a project).
    pub months: Option<i32>,
    /// The last year of the latest such job.
    pub last_used: Option<i32>,
    pub found_in: Vec<Section>,
}

fn skill_usage(resume: &Resume, hit: &SkillHit) -> SkillUsage {
    let mut ranges = Vec::new();
    let mut found_in: Vec<Section> = Vec::new();
    // Every line that shows the skill, not only the evidence kept for the report; a job
    // mentioned on many lines adds its range once.
    let mut last_position = None;
    for &number in &hit.lines {
        for position in resume.positions_at(number) {
            if last_position != Some(position.line) {
                last_position = Some(position.line);
                ranges.push(position.range);
            }
        }
        if let Some(line) = resume.line(number) {
            if !found_in.contains(&line.section) {
                found_in.push(line.section);
            }
        }
    }
    SkillUsage {
        months: (!ranges.is_empty()).then(|| union_months(&ranges)),
        last_used: ranges.iter().map(|r| year_of(r.end - 1)).max(),
        found_in,
    }
}

/// How much a found skill counts, and why not fully. A resume with no dated job at all is
/// not penalised for listing skills: there is nothing to tie them to.
fn skill_credit(taxonomy: &Taxonomy, resume: &Resume, usage: &SkillUsage) -> (f64, Option<String>) {
    if resume.positions.is_empty() {
        return (1.0, None);
    }
    let texts = &taxonomy.vocabulary.texts;
    let fit = &taxonomy.fit;
    match usage.last_used {
        Some(year) if year_of(resume.as_of) - year >= fit.stale_years => {
            (fit.stale_credit, Some(fill(&texts.stale_note, &[("year", &year.to_string())])))
        }
        Some(_) => (1.0, None),
        None => (fit.listed_only_credit, Some(texts.listed_only_note.clone())),
    }
}

/// The skills found in a resume, by taxonomy position: how each was used and the credit it
/// earns.
pub struct SkillSet<'t> {
    taxonomy: &'t Taxonomy,
    /// Credit per taxonomy skill: 0 when not found.
    credit: Vec<f64>,
    notes: Vec<Option<String>>,
    usage: Vec<Option<SkillUsage>>,
    /// The categories of the skills found, each once.
    categories: Vec<&'t str>,
}

impl<'t> SkillSet<'t> {
    pub fn new(taxonomy: &'t Taxonomy, resume: &Resume, skills: &[SkillHit]) -> SkillSet<'t> {
        let n = taxonomy.skills.len();
        let mut set = SkillSet {
            taxonomy,
            credit: vec![0.0; n],
            notes: vec![None; n],
            usage: vec![None; n],
            categories: Vec::new(),
        };
        for hit in skills.iter().filter(|h| h.skill < n) {
            let category = taxonomy.skills[hit.skill].category.as_str();
            if !set.categories.contains(&category) {
                set.categories.push(category);
            }
            let usage = skill_usage(resume, hit);
            let (credit, note) = skill_credit(taxonomy, resume, &usage);
            set.credit[hit.skill] = credit;
            set.notes[hit.skill] = note;
            set.usage[hit.skill] = Some(usage);
        }
        set
    }

    pub fn taxonomy(&self) -> &'t Taxonomy {
        self.taxonomy
    }

    /// How a found skill was used, by taxonomy position.
    pub fn usage(&self, skill: usize) -> Option<&SkillUsage> {
        self.usage.get(skill).and_then(Option::as_ref)
    }

    /// Whether the skill with this id was found.
    pub fn has(&self, id: &str) -> bool {
        self.taxonomy.skill_position(id).is_some_and(|i| self.credit[i] > 0.0)
    }

    /// Whether the requirement's domain, if it names one, is shown by some found skill.
    pub fn in_domain(&self, req: &Requirement) -> bool {
        req.domain.is_empty() || req.domain.iter().any(|c| self.categories.contains(&c.as_str()))
    }

    /// The found skills that meet a requirement: none when its domain is not shown.
    pub fn met_by(&self, req: &Requirement) -> Vec<String> {
        if !self.in_domain(req) {
            return Vec::new();
        }
        req.any_of.iter().filter(|id| self.has(id)).cloned().collect()
    }

    /// How many distinct skills of the data and ML categories (`[fit]` in `roles.toml`) were
    /// found: below the taxonomy's minimum the resume stands outside the five families.
    pub fn domain_skills(&self) -> usize {
        let domain = &self.taxonomy.fit.domain_categories;
        (0..self.credit.len())
            .filter(|&i| self.credit[i] > 0.0 && domain.contains(&self.taxonomy.skills[i].category))
            .count()
    }

    /// The best credit among the skills that meet a requirement, and its note.
    pub fn best(&self, req: &Requirement) -> (f64, Option<&str>) {
        if !self.in_domain(req) {
            return (0.0, None);
        }
        req.any_of
            .iter()
            .filter_map(|id| self.taxonomy.skill_position(id))
            .map(|i| (self.credit[i], self.notes[i].as_deref()))
            .fold((0.0, None), |best, next| if next.0 > best.0 { next } else { best })
    }
}
