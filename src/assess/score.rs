//! The score: one weighted sum that a person can redo by hand. Every skill requirement,
//! the experience bar, the education bar and (where the role has one) the leadership bar
//! carries a weight in the taxonomy; each earns a fraction of its weight; the score is
//! earned / total × 100, rounded — at most the taxonomy's `no_skill_score_cap` when no skill
//! requirement earns anything, because years, a degree and leadership alone are not a fit.
//! This file is the only place that formula is written: the quick ranking of every role and
//! the full assessment both go through [`Part`] and [`Totals`].

use crate::assess::skills::SkillSet;
use crate::parse::Resume;
use crate::taxonomy::{EducationBar, ExperienceBar, LeadershipBar, Requirement, Role};

/// One weighted part of a role's score.
#[derive(Debug, Clone, Copy)]
pub enum Part<'r> {
    Skill(&'r Requirement),
    Experience(&'r ExperienceBar),
    Education(&'r EducationBar),
    Leadership(&'r LeadershipBar),
}

impl Part<'_> {
    pub fn weight(&self) -> u32 {
        match self {
            Part::Skill(req) => req.weight,
            Part::Experience(bar) => bar.weight,
            Part::Education(bar) => bar.weight,
            Part::Leadership(bar) => bar.weight,
        }
    }

    /// The fraction of its weight this part earns, 0 to 1.
    pub fn fraction(&self, resume: &Resume, found: &SkillSet) -> f64 {
        let min_share = found.taxonomy().fit.min_bar_share;
        match self {
            Part::Skill(req) => found.best(req).0,
            Part::Experience(bar) => {
                let preferred = bar.preferred_years.unwrap_or(bar.min_years);
                resume
                    .experience_months
                    .map_or(0.0, |m| bar_fraction(m as f64 / 12.0, bar.min_years, preferred, min_share))
            }
            Part::Education(bar) => {
                let preferred = bar.preferred.unwrap_or(bar.min);
                if resume.highest_degree >= preferred {
                    1.0
                } else if resume.highest_degree >= bar.min {
                    min_share
                } else {
                    0.0
                }
            }
            Part::Leadership(_) => {
                if resume.leadership_lines.is_empty() {
                    0.0
                } else {
                    1.0
                }
            }
        }
    }
}

/// The parts of a role's score, in report order: skill requirements, then the bars.
pub fn parts(role: &Role) -> impl Iterator<Item = Part<'_>> {
    role.requirements
        .iter()
        .map(Part::Skill)
        .chain(role.experience.as_ref().map(Part::Experience))
        .chain(role.education.as_ref().map(Part::Education))
        .chain(role.leadership.as_ref().map(Part::Leadership))
}

/// Fraction of a bar earned: `min_share` (the taxonomy's `fit.min_bar_share`) scaled by
/// progress to the minimum, the rest by progress from the minimum to the preferred level.
fn bar_fraction(value: f64, min: f64, preferred: f64, min_share: f64) -> f64 {
    if value >= preferred && value >= min {
        return 1.0;
    }
    if value < min {
        return if min > 0.0 { min_share * (value / min).clamp(0.0, 1.0) } else { min_share };
    }
    let span = preferred - min;
    min_share + (1.0 - min_share) * if span > 0.0 { ((value - min) / span).clamp(0.0, 1.0) } else { 1.0 }
}

/// `round(100 × earned / total)`, capped at 100; 0 for a role without weights.
pub fn score_from(earned: f64, total: u32) -> u32 {
    if total > 0 {
        ((100.0 * earned / total as f64).round() as u32).min(100)
    } else {
        0
    }
}

/// What a role's parts earned: all of them, and the skill requirements alone.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    pub earned: f64,
    pub total: u32,
    pub skill_earned: f64,
    pub skill_total: u32,
}

impl Totals {
    pub fn add(&mut self, part: &Part<'_>, earned: f64) {
        self.earned += earned;
        self.total += part.weight();
        if let Part::Skill(_) = part {
            self.skill_earned += earned;
            self.skill_total += part.weight();
        }
    }

    /// The share of the skill requirements' weight earned, 0 to 1: what "best fit" means.
    pub fn skill_fit(&self) -> f64 {
        if self.skill_total > 0 {
            self.skill_earned / self.skill_total as f64
        } else {
            0.0
        }
    }

    /// The cap that applies: `Some(cap)` when no skill requirement earned anything and the
    /// bars alone would score above it.
    pub fn cap(&self, cap: u32) -> Option<u32> {
        let bars_alone = self.skill_total > 0 && self.skill_earned <= 0.0;
        (bars_alone && score_from(self.earned, self.total) > cap).then_some(cap)
    }

    /// The fit score: `round(100 × earned / total)`, at most `cap` when no skill requirement
    /// is met.
    pub fn score(&self, cap: u32) -> u32 {
        let score = score_from(self.earned, self.total);
        self.cap(cap).map_or(score, |cap| score.min(cap))
    }
}

/// The totals of a role for a resume, without building the report's outcomes: ranking every
/// role for every resume of a batch must not allocate.
pub fn totals(role: &Role, resume: &Resume, found: &SkillSet) -> Totals {
    let mut totals = Totals::default();
    for part in parts(role) {
        totals.add(&part, part.weight() as f64 * part.fraction(resume, found));
    }
    totals
}

/// The fit score alone (see [`totals`]).
pub fn score(role: &Role, resume: &Resume, found: &SkillSet) -> u32 {
    totals(role, resume, found).score(found.taxonomy().fit.no_skill_score_cap)
}

/// One decimal, as the report shows weights and points.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_fraction_is_the_min_share_at_the_minimum() {
        assert_eq!(bar_fraction(5.0, 5.0, 7.0, 0.75), 0.75);
        assert_eq!(bar_fraction(7.0, 5.0, 7.0, 0.75), 1.0);
        assert_eq!(bar_fraction(0.0, 5.0, 7.0, 0.75), 0.0);
        assert!((bar_fraction(2.5, 5.0, 7.0, 0.75) - 0.375).abs() < 1e-9);
        assert!((bar_fraction(6.0, 5.0, 7.0, 0.75) - 0.875).abs() < 1e-9);
        // Another share moves every point between 0 and the preferred level with it.
        assert_eq!(bar_fraction(5.0, 5.0, 7.0, 0.5), 0.5);
        assert!((bar_fraction(6.0, 5.0, 7.0, 0.5) - 0.75).abs() < 1e-9);
    }

    #[test]
    fn the_built_in_taxonomy_keeps_the_published_constants() {
        // The figures docs/guide.md and the report's formula state.
        let fit = &crate::taxonomy::Taxonomy::embedded().unwrap().fit;
        assert_eq!(
            (fit.min_bar_share, fit.listed_only_credit, fit.stale_credit, fit.stale_years),
            (0.75, 0.75, 0.5, 10)
        );
    }

    #[test]
    fn bars_alone_score_at_most_the_cap() {
        let bars_only = Totals { earned: 30.0, total: 100, skill_earned: 0.0, skill_total: 70 };
        assert_eq!(bars_only.score(20), 20);
        assert_eq!(bars_only.cap(20), Some(20));
        // Below the cap, or with any skill earned, the plain formula stands.
        let low = Totals { earned: 12.0, ..bars_only };
        assert_eq!((low.score(20), low.cap(20)), (12, None));
        let one_skill = Totals { earned: 33.0, skill_earned: 3.0, ..bars_only };
        assert_eq!((one_skill.score(20), one_skill.cap(20)), (33, None));
        assert!((one_skill.skill_fit() - 3.0 / 70.0).abs() < 1e-9);
    }

    #[test]
    fn scores_round_and_cap() {
        assert_eq!(score_from(0.0, 0), 0);
        assert_eq!(score_from(111.3, 143), 78);
        assert_eq!(score_from(150.0, 100), 100);
    }
}
