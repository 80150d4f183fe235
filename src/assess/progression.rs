//! The next career step: where the resume stands (the latest job title that names a known
//! role), the next rung of the ladder (entry → mid → senior → lead, and the moves between
//! roles), and the actions that would move the score toward it most.

use crate::assess::{assess, Assessment, Outcome, Seniority, SkillSet};
use crate::parse::Resume;
use crate::taxonomy::{Citation, Importance, Level, Role, Taxonomy};

/// How the next step was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// From the most recent job title that names a known role.
    Title,
    /// No known title: an entry-level position in the target or best-fitting role, or,
    /// when that role is a lead role, in the best-fitting role that leads to it.
    Skills,
}

#[derive(Debug, Clone)]
pub struct Action {
    pub requirement: String,
    pub action: String,
    /// Score points toward the goal role if done.
    pub points: f64,
    pub importance: Importance,
    pub source: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Progression {
    /// The role family of the most recent recognised job title, or `null`.
    pub current_role: Option<String>,
    pub current_title: Option<String>,
    /// `null` when no job title places the resume in a known role.
    pub current_level: Option<Level>,
    pub basis: Basis,
    /// The next step on the ladder, or `null` at the top.
    pub next_role: Option<String>,
    pub next_title: Option<String>,
    pub next_level: Option<Level>,
    /// The role the actions are measured against: the target if given, else the next role.
    pub goal_role: String,
    pub actions: Vec<Action>,
}

/// Lines near the top that a resume puts its title on ("Data Scientist", "ETL Developer")
/// when no dated job names one: short, without digits, not a heading.
const HEADLINE_LINES: usize = 25;
const HEADLINE_WORDS: usize = 6;

/// The resume's own headline title, when it names a known role.
fn headline<'t>(taxonomy: &'t Taxonomy, resume: &Resume) -> Option<(&'t Role, Option<Level>, String)> {
    resume
        .lines
        .iter()
        .take(HEADLINE_LINES)
        .filter(|l| !l.is_heading && !l.text.bytes().any(|b| b.is_ascii_digit()))
        .filter(|l| (1..=HEADLINE_WORDS).contains(&l.text.split_whitespace().count()))
        .find_map(|l| match taxonomy.classify_title(&l.text) {
            (Some(role), level) => Some((role, level, l.text.trim().to_string())),
            _ => None,
        })
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
    let current = positions
        .iter()
        .find_map(|p| {
            p.title_context.iter().find_map(|text| match taxonomy.classify_title(text) {
                (Some(role), level) => Some((role, level, text.clone())),
                _ => None,
            })
        })
        .or_else(|| headline(taxonomy, resume));

    let (current_role, current_title, current_level, basis) = match current {
        Some((role, level, title)) => {
            let level = if role.level == Level::Lead {
                Level::Lead
            } else {
                level.unwrap_or_else(|| level_from_years(years, seniority.leadership_months))
            };
            (Some(role), Some(title), Some(level), Basis::Title)
        }
        None => (None, None, None, Basis::Skills),
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
        taxonomy.role_by_id(&goal_id).map(|r| actions_for(&assess(taxonomy, r, resume, found))).unwrap_or_default()
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
    use crate::taxonomy::{Level, Taxonomy};

    #[test]
    fn titles_name_role_and_level() {
        let t = Taxonomy::embedded().unwrap();
        let (role, level) = t.classify_title("Senior Machine Learning Engineer, Acme");
        assert_eq!(role.map(|r| r.id.as_str()), Some("ml-engineer"));
        assert_eq!(level, Some(Level::Senior));
        let (role, level) = t.classify_title("Lead Machine Learning Engineer");
        assert_eq!(role.map(|r| r.id.as_str()), Some("lead-ml"));
        assert_eq!(level, Some(Level::Lead));
        let (role, level) = t.classify_title("Marketing Manager");
        assert!(role.is_none());
        assert_eq!(level, Some(Level::Lead));
    }
}
