//! Stage 4: a parsed resume and its skills measured against a role.
//!
//! The score is a plain weighted sum that a person can redo by hand: every skill
//! requirement, the experience bar, the education bar and (where the role has one) the
//! leadership bar carries a weight in the taxonomy; a met skill requirement earns its whole
//! weight; a bar earns 75% of its weight for the minimum and the rest for the preferred
//! level; the score is earned / total × 100, rounded.

use serde::Serialize;

use crate::detect::SkillHit;
use crate::parse::dates::{union_months, year_of};
use crate::parse::{Resume, Section};
use crate::taxonomy::{Citation, Degree, EducationBar, ExperienceBar, Importance, Level, Role, Taxonomy};

/// Share of a bar's weight earned by reaching its minimum; the rest needs the preferred level.
pub const MIN_BAR_SHARE: f64 = 0.75;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementKind {
    Skill,
    Experience,
    Education,
    Leadership,
}

/// One line of the score: a requirement or bar, its weight and what the resume earned.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub kind: RequirementKind,
    pub label: String,
    pub importance: Importance,
    pub weight: u32,
    pub earned: f64,
    /// A skill requirement is met when any of its skills is found; a bar when it is fully
    /// reached (minimum and preferred level).
    pub met: bool,
    /// Why a met requirement earns less than its weight ("listed, not shown in a dated job",
    /// "last used in 2012").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For skill requirements: the skills that meet it (any one is enough).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    /// The found skills that met it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub met_by: Vec<String>,
    pub source: Vec<Source>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<Source>,
    /// What to do about it, in the taxonomy's words.
    #[serde(skip)]
    pub action: String,
    /// Score points this requirement would add if fully met.
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub document: String,
    pub section: String,
}

fn sources(citations: &[Citation]) -> Vec<Source> {
    citations.iter().map(|c| Source { document: c.doc.clone(), section: c.section.clone() }).collect()
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub role_id: String,
    pub score: u32,
    pub total_weight: u32,
    pub earned_weight: f64,
    pub outcomes: Vec<Outcome>,
}

impl Assessment {
    pub fn matched(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.met)
    }

    pub fn missing(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.met)
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Fraction of a bar earned: `MIN_BAR_SHARE` scaled by progress to the minimum, the rest
/// by progress from the minimum to the preferred level.
fn bar_fraction(value: f64, min: f64, preferred: f64) -> f64 {
    if value >= preferred && value >= min {
        return 1.0;
    }
    if value < min {
        return if min > 0.0 { MIN_BAR_SHARE * (value / min).clamp(0.0, 1.0) } else { MIN_BAR_SHARE };
    }
    let span = preferred - min;
    MIN_BAR_SHARE + (1.0 - MIN_BAR_SHARE) * if span > 0.0 { ((value - min) / span).clamp(0.0, 1.0) } else { 1.0 }
}

fn experience_fraction(bar: &ExperienceBar, resume: &Resume) -> f64 {
    let preferred = bar.preferred_years.unwrap_or(bar.min_years);
    resume.experience_months.map_or(0.0, |m| bar_fraction(m as f64 / 12.0, bar.min_years, preferred))
}

fn education_fraction(bar: &EducationBar, resume: &Resume) -> f64 {
    let preferred = bar.preferred.unwrap_or(bar.min);
    if resume.highest_degree >= preferred {
        1.0
    } else if resume.highest_degree >= bar.min {
        MIN_BAR_SHARE
    } else {
        0.0
    }
}

fn leadership_fraction(resume: &Resume) -> f64 {
    if resume.leadership_lines.is_empty() {
        0.0
    } else {
        1.0
    }
}

fn score_from(earned: f64, total: u32) -> u32 {
    if total > 0 {
        ((100.0 * earned / total as f64).round() as u32).min(100)
    } else {
        0
    }
}

/// The fit score alone, without building the report's outcomes: ranking every role for
/// every resume of a batch must not allocate. Equal to `assess(..).score` by construction.
pub fn score(role: &Role, resume: &Resume, found: &SkillSet) -> u32 {
    let mut earned = 0.0;
    let mut total = 0;
    for req in &role.requirements {
        total += req.weight;
        earned += req.weight as f64 * found.best(req).0;
    }
    if let Some(bar) = &role.experience {
        total += bar.weight;
        earned += bar.weight as f64 * experience_fraction(bar, resume);
    }
    if let Some(bar) = &role.education {
        total += bar.weight;
        earned += bar.weight as f64 * education_fraction(bar, resume);
    }
    if let Some(bar) = &role.leadership {
        total += bar.weight;
        earned += bar.weight as f64 * leadership_fraction(resume);
    }
    score_from(earned, total)
}

/// Where and how long a found skill was used, from the dated jobs whose lines mention it.
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
    for evidence in &hit.evidence {
        ranges.extend(resume.positions_at(evidence.line).map(|p| p.range));
        if !found_in.contains(&evidence.section) {
            found_in.push(evidence.section);
        }
    }
    SkillUsage {
        months: (!ranges.is_empty()).then(|| union_months(&ranges)),
        last_used: ranges.iter().map(|r| year_of(r.end - 1)).max(),
        found_in,
    }
}

/// A skill not seen in any dated job counts this much toward a requirement it meets…
pub const LISTED_ONLY_CREDIT: f64 = 0.75;
/// …and one last used this many years or more before the as-of date this much.
pub const STALE_YEARS: i32 = 10;
pub const STALE_CREDIT: f64 = 0.5;

/// How much a found skill counts, and why not fully. A resume with no dated job at all is
/// not penalised for listing skills: there is nothing to tie them to.
pub fn skill_credit(resume: &Resume, usage: &SkillUsage) -> (f64, Option<String>) {
    if resume.positions.is_empty() {
        return (1.0, None);
    }
    match usage.last_used {
        Some(year) if year_of(resume.as_of) - year >= STALE_YEARS => {
            (STALE_CREDIT, Some(format!("last used in {year}")))
        }
        Some(_) => (1.0, None),
        None => (LISTED_ONLY_CREDIT, Some("listed, not shown in a dated job".to_string())),
    }
}

/// The skills found in a resume, by taxonomy position: how each was used and the credit it
/// earns. Built once per resume and shared by the ranking, the assessment and the report.
pub struct SkillSet<'t> {
    taxonomy: &'t Taxonomy,
    /// Credit per taxonomy skill: 0 when not found.
    credit: Vec<f64>,
    notes: Vec<Option<String>>,
    usage: Vec<Option<SkillUsage>>,
}

impl<'t> SkillSet<'t> {
    pub fn new(taxonomy: &'t Taxonomy, resume: &Resume, skills: &[SkillHit]) -> SkillSet<'t> {
        let n = taxonomy.skills.len();
        let mut set = SkillSet { taxonomy, credit: vec![0.0; n], notes: vec![None; n], usage: vec![None; n] };
        for hit in skills.iter().filter(|h| h.skill < n) {
            let usage = skill_usage(resume, hit);
            let (credit, note) = skill_credit(resume, &usage);
            set.credit[hit.skill] = credit;
            set.notes[hit.skill] = note;
            set.usage[hit.skill] = Some(usage);
        }
        set
    }

    /// How a found skill was used, by taxonomy position.
    pub fn usage(&self, skill: usize) -> Option<&SkillUsage> {
        self.usage.get(skill).and_then(Option::as_ref)
    }

    fn credit_of(&self, id: &str) -> f64 {
        self.taxonomy.skill_position(id).map_or(0.0, |i| self.credit[i])
    }

    /// The best credit among the skills that meet a requirement, and its note.
    fn best(&self, req: &crate::taxonomy::Requirement) -> (f64, Option<&str>) {
        req.any_of
            .iter()
            .filter_map(|id| self.taxonomy.skill_position(id))
            .map(|i| (self.credit[i], self.notes[i].as_deref()))
            .fold((0.0, None), |best, next| if next.0 > best.0 { next } else { best })
    }
}

pub fn assess(role: &Role, resume: &Resume, found: &SkillSet) -> Assessment {
    let mut outcomes = Vec::new();

    for req in &role.requirements {
        let met_by: Vec<String> = req.any_of.iter().filter(|id| found.credit_of(id) > 0.0).cloned().collect();
        let (credit, note) = found.best(req);
        let earned = req.weight as f64 * credit;
        outcomes.push(Outcome {
            id: req.id.clone(),
            kind: RequirementKind::Skill,
            label: req.label.clone(),
            importance: req.importance,
            weight: req.weight,
            earned,
            met: !met_by.is_empty(),
            note: note.map(str::to_string),
            any_of: req.any_of.clone(),
            met_by,
            source: sources(&req.source),
            advice: sources(&req.advice),
            action: req.action.clone(),
            points: 0.0,
        });
    }

    if let Some(bar) = &role.experience {
        let years = resume.experience_months.map(|m| m as f64 / 12.0);
        let preferred = bar.preferred_years.unwrap_or(bar.min_years);
        let fraction = experience_fraction(bar, resume);
        let importance =
            if years.unwrap_or(0.0) < bar.min_years { Importance::Required } else { Importance::Preferred };
        let label = if preferred > bar.min_years {
            format!("{}+ years of professional experience ({} preferred)", bar.min_years, preferred)
        } else {
            format!("{}+ years of professional experience", bar.min_years)
        };
        let target_years = if importance == Importance::Required { bar.min_years } else { preferred };
        let action = bar.action.clone().unwrap_or_else(|| match years {
            Some(y) => format!(
                "Build {:.1} more years of hands-on experience in the role's core work ({:.1} of {} years shown)",
                (target_years - y).max(0.1),
                y,
                target_years
            ),
            None => "Give each job its start and end dates (e.g. \"Jan 2019 – Present\") so experience can be counted"
                .to_string(),
        });
        outcomes.push(Outcome {
            id: "experience".into(),
            kind: RequirementKind::Experience,
            label,
            importance,
            weight: bar.weight,
            earned: bar.weight as f64 * fraction,
            met: fraction >= 1.0,
            note: None,
            any_of: vec![],
            met_by: vec![],
            source: sources(&bar.source),
            advice: vec![],
            action,
            points: 0.0,
        });
    }

    if let Some(bar) = &role.education {
        let preferred = bar.preferred.unwrap_or(bar.min);
        let have = resume.highest_degree;
        let fraction = education_fraction(bar, resume);
        let importance = if have < bar.min { Importance::Required } else { Importance::Preferred };
        let wanted = if importance == Importance::Required { bar.min } else { preferred };
        let label = if preferred > bar.min {
            format!("a {} degree ({} preferred)", degree_name(bar.min), degree_name(preferred))
        } else {
            format!("a {} degree", degree_name(bar.min))
        };
        outcomes.push(Outcome {
            id: "education".into(),
            kind: RequirementKind::Education,
            label,
            importance,
            weight: bar.weight,
            earned: bar.weight as f64 * fraction,
            met: fraction >= 1.0,
            note: None,
            any_of: vec![],
            met_by: vec![],
            source: sources(&bar.source),
            advice: vec![],
            action: bar.action.clone().unwrap_or_else(|| {
                format!(
                    "Complete a {} degree in a field such as computer science, statistics or mathematics",
                    degree_name(wanted)
                )
            }),
            points: 0.0,
        });
    }

    if let Some(bar) = &role.leadership {
        let fraction = leadership_fraction(resume);
        outcomes.push(Outcome {
            id: "leadership".into(),
            kind: RequirementKind::Leadership,
            label: "evidence of leading, managing or mentoring people".into(),
            importance: Importance::Required,
            weight: bar.weight,
            earned: bar.weight as f64 * fraction,
            met: fraction >= 1.0,
            note: None,
            any_of: vec![],
            met_by: vec![],
            source: sources(&bar.source),
            advice: vec![],
            action: bar.action.clone().unwrap_or_else(|| {
                "Lead or mentor people (a project team, new hires, interns) and write who and how many on your resume".into()
            }),
            points: 0.0,
        });
    }

    let total_weight: u32 = outcomes.iter().map(|o| o.weight).sum();
    let earned_weight: f64 = outcomes.iter().map(|o| o.earned).sum();
    for o in &mut outcomes {
        let gap = o.weight as f64 - o.earned;
        o.points = if total_weight > 0 { round1(100.0 * gap / total_weight as f64) } else { 0.0 };
        o.earned = round1(o.earned);
    }
    Assessment {
        role_id: role.id.clone(),
        score: score_from(earned_weight, total_weight),
        total_weight,
        earned_weight: round1(earned_weight),
        outcomes,
    }
}

fn degree_name(degree: Degree) -> &'static str {
    match degree {
        Degree::None => "no",
        Degree::Associate => "associate",
        Degree::Bachelor => "bachelor's",
        Degree::Master => "master's",
        Degree::Phd => "PhD",
    }
}

/// Every role with its score, best fit first (ties in taxonomy order).
pub fn rank<'t>(taxonomy: &'t Taxonomy, resume: &Resume, found: &SkillSet) -> Vec<(&'t Role, u32)> {
    let mut ranked: Vec<(usize, &Role, u32)> =
        taxonomy.roles.iter().enumerate().map(|(i, role)| (i, role, score(role, resume, found))).collect();
    ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(_, role, score)| (role, score)).collect()
}

// ---------------------------------------------------------------------------------------
// Seniority

/// How senior the resume's own titles and dates say the person is.
#[derive(Debug, Clone, Serialize)]
pub struct Seniority {
    /// The most senior level any dated job's title names (`null` if no title names one).
    pub highest_level: Option<Level>,
    pub highest_title: Option<String>,
    /// Months in jobs at that level, overlaps counted once.
    pub months_at_highest_level: i32,
    /// Months in jobs whose lines show leading people, or whose title is a lead title.
    pub leadership_months: i32,
    /// `none`, `mentor`, `team-lead`, `manager` or `director`, from titles and lead lines.
    pub management_level: &'static str,
}

fn has_any(text: &str, words: &[&str]) -> bool {
    let lower = format!(" {} ", text.to_lowercase().replace(|c: char| !c.is_alphanumeric(), " "));
    words.iter().any(|w| lower.contains(&format!(" {w} ")))
}

pub fn seniority(taxonomy: &Taxonomy, resume: &Resume) -> Seniority {
    let mut highest: Option<(Level, String)> = None;
    let mut at_level: Vec<(Level, crate::parse::dates::DateRange)> = Vec::new();
    let mut leading = Vec::new();
    let mut titles = Vec::new();
    for p in &resume.positions {
        let classified = p.title_context.iter().find_map(|t| match taxonomy.classify_title(t) {
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
        if resume.leadership_lines.iter().any(|l| p.lines.contains(l)) {
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
    let management_level = if titles.iter().any(|t| has_any(t, &["director", "head", "vp", "chief"])) {
        "director"
    } else if titles.iter().any(|t| has_any(t, &["manager"]))
        || lead_text.iter().any(|t| has_any(t, &["direct reports", "people manager", "managed", "managing"]))
    {
        "manager"
    } else if lead_text
        .iter()
        .any(|t| has_any(t, &["led", "lead", "leading", "grew", "built", "hired", "team lead", "tech lead"]))
    {
        "team-lead"
    } else if !lead_text.is_empty() {
        "mentor"
    } else {
        "none"
    };
    Seniority {
        highest_title: highest.as_ref().map(|(_, t)| t.clone()),
        highest_level: highest.map(|(l, _)| l),
        months_at_highest_level,
        leadership_months: union_months(&leading),
        management_level,
    }
}

// ---------------------------------------------------------------------------------------
// Career progression

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub requirement: String,
    pub action: String,
    /// Score points toward the goal role if done.
    pub points: f64,
    pub importance: Importance,
    pub source: Vec<Source>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Progression {
    /// The role family of the most recent recognised job title, or `null`.
    pub current_role: Option<String>,
    pub current_title: Option<String>,
    /// `null` when no job title places the resume in a known role.
    pub current_level: Option<Level>,
    /// How the next step was chosen: `title` (from the most recent known job title) or
    /// `skills` (no known title: an entry-level position in the target or best-fitting
    /// role, or, when that role is a lead role, in the best-fitting role that leads to it).
    pub basis: &'static str,
    /// The next step on the ladder, or `null` at the top.
    pub next_role: Option<String>,
    pub next_title: Option<String>,
    pub next_level: Option<Level>,
    /// The role the actions are measured against: the target if given, else the next role.
    pub goal_role: String,
    pub actions: Vec<Action>,
}

/// Role family and level named by a job title (see [`Taxonomy::classify_title`]).
pub fn classify_title<'t>(taxonomy: &'t Taxonomy, title: &str) -> (Option<&'t Role>, Option<Level>) {
    taxonomy.classify_title(title)
}

/// A title without a level word: entry in the first two years, mid after that, senior with
/// five years and a year of leading people. Seniority is mostly what a title claims.
fn level_from_years(years: f64, leadership_months: i32) -> Level {
    if years < 2.0 {
        Level::Entry
    } else if years >= 5.0 && leadership_months >= 12 {
        // Five years and a year or more of leading people reads as senior, title or not.
        Level::Senior
    } else {
        Level::Mid
    }
}

pub fn progression(
    taxonomy: &Taxonomy,
    resume: &Resume,
    found: &SkillSet,
    ranking: &[(&Role, u32)],
    target: Option<&Role>,
    seniority: &Seniority,
    // The report's own assessment, reused when the goal is the role it measured.
    measured: &Assessment,
) -> Progression {
    let years = resume.experience_months.unwrap_or(0) as f64 / 12.0;
    // The most recent position whose title names a known role.
    let mut positions: Vec<&crate::parse::Position> = resume.positions.iter().collect();
    positions.sort_by(|a, b| b.range.end.cmp(&a.range.end).then(b.range.start.cmp(&a.range.start)));
    let current = positions.iter().find_map(|p| {
        p.title_context.iter().find_map(|text| match classify_title(taxonomy, text) {
            (Some(role), level) => Some((role, level, text.clone())),
            _ => None,
        })
    });

    let (current_role, current_title, current_level, basis) = match current {
        Some((role, level, title)) => {
            let level = if role.level == Level::Lead {
                Level::Lead
            } else {
                level.unwrap_or_else(|| level_from_years(years, seniority.leadership_months))
            };
            (Some(role), Some(title), Some(level), "title")
        }
        None => (None, None, None, "skills"),
    };

    let best_fit = |candidates: &mut dyn Iterator<Item = &str>| -> Option<String> {
        let ids: Vec<&str> = candidates.collect();
        ranking.iter().find(|(r, _)| ids.contains(&r.id.as_str())).map(|(r, _)| r.id.clone())
    };

    let (next_role, next_level): (Option<String>, Option<Level>) = match current_role {
        None => {
            // No job in a known role yet: the way in is an entry-level position, in a role
            // below the lead level that leads toward the goal.
            let goal = target.or_else(|| ranking.first().map(|(r, _)| *r));
            let id = match goal {
                Some(g) if g.level == Level::Lead => best_fit(
                    &mut taxonomy
                        .roles
                        .iter()
                        .filter(|r| r.level < Level::Lead && taxonomy.ladder_path(&r.id, &g.id).is_some())
                        .map(|r| r.id.as_str()),
                ),
                Some(g) => Some(g.id.clone()),
                None => None,
            };
            (id, Some(Level::Entry))
        }
        Some(role) => {
            let current_level = current_level.clone().unwrap_or(Level::Mid);
            let lateral_target = target.filter(|t| t.id != role.id && t.level != Level::Lead);
            if let Some(t) = lateral_target {
                let hop = taxonomy
                    .ladder_path(&role.id, &t.id)
                    .and_then(|p| p.first().cloned())
                    .unwrap_or_else(|| t.id.clone());
                (Some(hop), Some(current_level.clone()))
            } else if role.level == Level::Lead {
                (None, None)
            } else if current_level < Level::Senior {
                (Some(role.id.clone()), current_level.next())
            } else {
                let toward_target =
                    target.and_then(|t| taxonomy.ladder_path(&role.id, &t.id)).and_then(|p| p.first().cloned());
                // From senior up, a step up the ladder comes before a sideways move.
                let step_up = best_fit(
                    &mut taxonomy
                        .successors(&role.id)
                        .filter(|s| {
                            taxonomy
                                .role_by_id(&s.to)
                                .is_some_and(|r| r.level > current_level.clone().min(Level::Senior))
                        })
                        .map(|s| s.to.as_str()),
                );
                let next = toward_target
                    .or(step_up)
                    .or_else(|| best_fit(&mut taxonomy.successors(&role.id).map(|s| s.to.as_str())));
                let level = next.as_deref().and_then(|id| taxonomy.role_by_id(id)).map(|r| {
                    if r.level == Level::Lead {
                        Level::Lead
                    } else {
                        current_level.clone()
                    }
                });
                (next, level)
            }
        }
    };

    let goal_id = target
        .map(|t| t.id.clone())
        .or_else(|| next_role.clone())
        .or_else(|| current_role.map(|r| r.id.clone()))
        .unwrap_or_default();
    let actions = if goal_id == measured.role_id {
        actions_for(measured)
    } else {
        taxonomy.role_by_id(&goal_id).map(|r| actions_for(&assess(r, resume, found))).unwrap_or_default()
    };
    Progression {
        current_role: current_role.map(|r| r.id.clone()),
        current_title,
        current_level,
        basis,
        next_title: next_role.as_deref().and_then(|id| taxonomy.role_by_id(id)).map(|r| r.title.clone()),
        next_role,
        next_level,
        goal_role: goal_id,
        actions,
    }
}

/// The gaps that move the score most, biggest first: required before preferred at equal
/// points, at most five.
pub fn actions_for(assessment: &Assessment) -> Vec<Action> {
    let mut gaps: Vec<&Outcome> = assessment.missing().collect();
    gaps.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then((a.importance == Importance::Preferred).cmp(&(b.importance == Importance::Preferred)))
    });
    gaps.into_iter()
        .take(5)
        .map(|o| Action {
            requirement: o.id.clone(),
            action: o.action.clone(),
            points: o.points,
            importance: o.importance,
            source: if o.advice.is_empty() { o.source.clone() } else { o.advice.clone() },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_fraction_is_three_quarters_at_the_minimum() {
        assert_eq!(bar_fraction(5.0, 5.0, 7.0), MIN_BAR_SHARE);
        assert_eq!(bar_fraction(7.0, 5.0, 7.0), 1.0);
        assert_eq!(bar_fraction(0.0, 5.0, 7.0), 0.0);
        assert!((bar_fraction(2.5, 5.0, 7.0) - MIN_BAR_SHARE / 2.0).abs() < 1e-9);
        assert!((bar_fraction(6.0, 5.0, 7.0) - (MIN_BAR_SHARE + (1.0 - MIN_BAR_SHARE) / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn the_quick_score_equals_the_full_assessment() {
        use crate::ingest::from_text;
        use crate::parse::{dates::month, parse};
        let t = Taxonomy::embedded().unwrap();
        let lexicon = crate::detect::Lexicon::new(&t);
        let text = "Experience\nSenior ML Engineer 2017 - Present\n- Led a team of 4 engineers using PyTorch, AWS and Docker\nEducation\nM.S. Statistics\n";
        let resume = parse(&from_text(std::path::Path::new("t.txt"), text).unwrap(), month(2026, 11));
        let hits = crate::detect::detect(&resume, &lexicon);
        let found = SkillSet::new(&t, &resume, &hits);
        for (role, quick) in rank(&t, &resume, &found) {
            assert_eq!(quick, assess(role, &resume, &found).score, "{}", role.id);
        }
    }

    #[test]
    fn titles_name_role_and_level() {
        let t = Taxonomy::embedded().unwrap();
        let (role, level) = classify_title(&t, "Senior Machine Learning Engineer, Acme");
        assert_eq!(role.map(|r| r.id.as_str()), Some("ml-engineer"));
        assert_eq!(level, Some(Level::Senior));
        let (role, level) = classify_title(&t, "Lead Machine Learning Engineer");
        assert_eq!(role.map(|r| r.id.as_str()), Some("lead-ml"));
        assert_eq!(level, Some(Level::Lead));
        let (role, level) = classify_title(&t, "Marketing Manager");
        assert!(role.is_none());
        assert_eq!(level, Some(Level::Lead));
    }
}
