//! Stage 4: a parsed resume and its skills measured against a role: what is met, what is
//! missing and how much each gap is worth, the fit score ([`score`]), how senior the
//! resume reads ([`seniority`]) and the next career step ([`progression`]).

pub mod progression;
pub mod score;
pub mod seniority;
pub mod skills;
pub mod standing;

use crate::parse::Resume;
use crate::taxonomy::vocabulary::fill;
use crate::taxonomy::{Citation, Degree, Importance, Role, Taxonomy};
pub use progression::{progression, Action, Basis, Progression};
use score::{parts, round1, Part};
pub use score::{score, totals, Totals};
pub use seniority::{seniority, ManagementLevel, Seniority};
pub use skills::{SkillSet, SkillUsage};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementKind {
    Skill,
    Experience,
    Education,
    Leadership,
}

/// One line of the score: a requirement or bar, its weight and what the resume earned.
#[derive(Debug, Clone)]
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
    /// Why a met requirement earns less than its weight.
    pub note: Option<String>,
    /// For skill requirements: the skills that meet it (any one is enough).
    pub any_of: Vec<String>,
    /// The found skills that met it.
    pub met_by: Vec<String>,
    pub source: Vec<Citation>,
    pub advice: Vec<Citation>,
    /// What to do about it, in the taxonomy's words.
    pub action: String,
    /// Score points this requirement would add if fully met.
    pub points: f64,
    /// For the experience bar: its minimum and preferred years.
    pub min_years: Option<f64>,
    pub preferred_years: Option<f64>,
    /// For the education bar: its minimum and preferred degree.
    pub min_degree: Option<Degree>,
    pub preferred_degree: Option<Degree>,
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub role_id: String,
    pub score: u32,
    pub total_weight: u32,
    pub earned_weight: f64,
    /// The share of the skill requirements' weight earned, 0 to 1.
    pub skill_fit: f64,
    /// `Some(cap)` when no skill requirement is met and the score was held to the cap.
    pub capped_at: Option<u32>,
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

/// What a part of the score says about itself in the report: label, importance, action.
struct Described {
    id: String,
    kind: RequirementKind,
    label: String,
    importance: Importance,
    action: String,
    note: Option<String>,
    any_of: Vec<String>,
    met_by: Vec<String>,
    source: Vec<Citation>,
    advice: Vec<Citation>,
    min_years: Option<f64>,
    preferred_years: Option<f64>,
    min_degree: Option<Degree>,
    preferred_degree: Option<Degree>,
}

fn describe(taxonomy: &Taxonomy, part: Part, resume: &Resume, found: &SkillSet) -> Described {
    let texts = &taxonomy.vocabulary.texts;
    let degree = |d| texts.degree_names.name(d).to_string();
    let bar = |id: &str, kind, label, importance, action, source: &[Citation]| Described {
        id: id.to_string(),
        kind,
        label,
        importance,
        action,
        note: None,
        any_of: vec![],
        met_by: vec![],
        source: source.to_vec(),
        advice: vec![],
        min_years: None,
        preferred_years: None,
        min_degree: None,
        preferred_degree: None,
    };
    match part {
        Part::Skill(req) => Described {
            id: req.id.clone(),
            kind: RequirementKind::Skill,
            label: req.label.clone(),
            importance: req.importance,
            action: req.action.clone(),
            note: out_of_domain(taxonomy, req, found).or_else(|| found.best(req).1.map(str::to_string)),
            any_of: req.any_of.clone(),
            met_by: found.met_by(req),
            source: req.source.clone(),
            advice: req.advice.clone(),
            min_years: None,
            preferred_years: None,
            min_degree: None,
            preferred_degree: None,
        },
        Part::Experience(b) => {
            let years = resume.experience_months.map(|m| m as f64 / 12.0);
            let preferred = b.preferred_years.unwrap_or(b.min_years);
            let importance =
                if years.unwrap_or(0.0) < b.min_years { Importance::Required } else { Importance::Preferred };
            let (min_text, preferred_text) = (b.min_years.to_string(), preferred.to_string());
            let values = [("min", min_text.as_str()), ("preferred", preferred_text.as_str())];
            let label = if preferred > b.min_years {
                fill(&texts.experience_label_preferred, &values)
            } else {
                fill(&texts.experience_label, &values)
            };
            let target = if importance == Importance::Required { b.min_years } else { preferred };
            let action = b.action.clone().unwrap_or_else(|| match years {
                Some(y) => fill(
                    &texts.experience_action,
                    &[
                        ("more", &format!("{:.1}", (target - y).max(0.1))),
                        ("have", &format!("{y:.1}")),
                        ("target", &target.to_string()),
                    ],
                ),
                None => texts.experience_action_undated.clone(),
            });
            Described {
                min_years: Some(b.min_years),
                preferred_years: b.preferred_years,
                ..bar("experience", RequirementKind::Experience, label, importance, action, &b.source)
            }
        }
        Part::Education(b) => {
            let preferred = b.preferred.unwrap_or(b.min);
            let importance = if resume.highest_degree < b.min { Importance::Required } else { Importance::Preferred };
            let wanted = if importance == Importance::Required { b.min } else { preferred };
            let values = [("min", degree(b.min)), ("preferred", degree(preferred))];
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let label = if b.min == Degree::None {
                fill(&texts.education_label_optional, &values)
            } else if preferred > b.min {
                fill(&texts.education_label_preferred, &values)
            } else {
                fill(&texts.education_label, &values)
            };
            let action =
                b.action.clone().unwrap_or_else(|| fill(&texts.education_action, &[("degree", &degree(wanted))]));
            Described {
                min_degree: Some(b.min),
                preferred_degree: b.preferred,
                ..bar("education", RequirementKind::Education, label, importance, action, &b.source)
            }
        }
        Part::Leadership(b) => bar(
            "leadership",
            RequirementKind::Leadership,
            texts.leadership_label.clone(),
            Importance::Required,
            b.action.clone().unwrap_or_else(|| texts.leadership_action.clone()),
            &b.source,
        ),
    }
}

/// Why a requirement whose skill was found still is not met: the domain it names is not
/// shown ("Team leadership found, but no skill of ML frameworks or ML methods beside it").
fn out_of_domain(taxonomy: &Taxonomy, req: &crate::taxonomy::Requirement, found: &SkillSet) -> Option<String> {
    if found.in_domain(req) {
        return None;
    }
    let names: Vec<&str> = req
        .any_of
        .iter()
        .filter(|id| found.has(id))
        .filter_map(|id| taxonomy.skill(id))
        .map(|k| k.name.as_str())
        .collect();
    if names.is_empty() {
        return None;
    }
    let domain: Vec<&str> = req.domain.iter().map(|c| taxonomy.category_name(c)).collect();
    Some(fill(
        &taxonomy.vocabulary.texts.out_of_domain_note,
        &[("skills", &names.join(", ")), ("domain", &domain.join(" or "))],
    ))
}

/// Every requirement and bar of `role`, met or not, with the weights the score comes from.
pub fn assess(taxonomy: &Taxonomy, role: &Role, resume: &Resume, found: &SkillSet) -> Assessment {
    let mut totals = Totals::default();
    let mut outcomes: Vec<Outcome> = parts(role)
        .map(|part| {
            let fraction = part.fraction(resume, found);
            totals.add(&part, part.weight() as f64 * fraction);
            let d = describe(taxonomy, part, resume, found);
            let met = match d.kind {
                RequirementKind::Skill => !d.met_by.is_empty(),
                _ => fraction >= 1.0,
            };
            Outcome {
                id: d.id,
                kind: d.kind,
                label: d.label,
                importance: d.importance,
                weight: part.weight(),
                earned: part.weight() as f64 * fraction,
                met,
                note: d.note,
                any_of: d.any_of,
                met_by: d.met_by,
                source: d.source,
                advice: d.advice,
                action: d.action,
                points: 0.0,
                min_years: d.min_years,
                preferred_years: d.preferred_years,
                min_degree: d.min_degree,
                preferred_degree: d.preferred_degree,
            }
        })
        .collect();
    for o in &mut outcomes {
        let gap = o.weight as f64 - o.earned;
        o.points = if totals.total > 0 { round1(100.0 * gap / totals.total as f64) } else { 0.0 };
        o.earned = round1(o.earned);
    }
    let cap = taxonomy.fit.no_skill_score_cap;
    Assessment {
        role_id: role.id.clone(),
        score: totals.score(cap),
        total_weight: totals.total,
        earned_weight: round1(totals.earned),
        skill_fit: totals.skill_fit(),
        capped_at: totals.cap(cap),
        outcomes,
    }
}

/// Whether the resume stands outside the five role families: no title places it in one, and
/// it shows fewer data and ML skills than the taxonomy's `[fit]` minimum. Such a resume's
/// best fit is only the closest role by skills, and never a lead role: leading a family's
/// work presupposes doing it.
pub fn outside_families(standing: &standing::Standing<'_>, found: &SkillSet) -> bool {
    standing.role.is_none() && found.domain_skills() < found.taxonomy().fit.min_domain_skills
}

/// The best fit of a ranking (see [`rank`]); outside the families, the best below lead level.
pub fn best_fit<'t>(ranking: &[Ranked<'t>], outside_families: bool) -> Option<&'t Role> {
    ranking
        .iter()
        .find(|r| !outside_families || r.role.level < crate::taxonomy::Level::Lead)
        .or_else(|| ranking.first())
        .map(|r| r.role)
}

/// A role's place in the ranking of every role for one resume.
#[derive(Debug, Clone, Copy)]
pub struct Ranked<'t> {
    pub role: &'t Role,
    pub score: u32,
    /// The share of the role's skill requirements' weight the resume earns, 0 to 1.
    pub skill_fit: f64,
}

/// Every role with its score, best fit first: the most of its skill requirements met, then
/// the higher score, then taxonomy order. Years, a degree and leadership do not make a fit.
pub fn rank<'t>(taxonomy: &'t Taxonomy, resume: &Resume, found: &SkillSet) -> Vec<Ranked<'t>> {
    let cap = taxonomy.fit.no_skill_score_cap;
    let mut ranked: Vec<(usize, Ranked<'t>)> = taxonomy
        .roles
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let totals = totals(role, resume, found);
            (i, Ranked { role, score: totals.score(cap), skill_fit: totals.skill_fit() })
        })
        .collect();
    ranked.sort_by(|a, b| b.1.skill_fit.total_cmp(&a.1.skill_fit).then(b.1.score.cmp(&a.1.score)).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_score_equals_the_full_assessment() {
        use crate::ingest::from_text;
        use crate::parse::{dates::month, parse};
        let t = Taxonomy::embedded().unwrap();
        let lexicon = crate::detect::Lexicon::new(&t);
        let text = "Experience\nSenior ML Engineer 2017 - Present\n- Led a team of 4 engineers using PyTorch, AWS and Docker\nEducation\nM.S. Statistics\n";
        let resume =
            parse(&t, &from_text(std::path::Path::new("t.txt"), text, &t.vocabulary).unwrap(), month(2026, 11));
        let hits = crate::detect::detect(&resume, &lexicon);
        let found = SkillSet::new(&t, &resume, &hits);
        for quick in rank(&t, &resume, &found) {
            let full = assess(&t, quick.role, &resume, &found);
            assert_eq!(quick.score, full.score, "{}", quick.role.id);
            assert_eq!(quick.skill_fit, full.skill_fit, "{}", quick.role.id);
        }
    }
}
