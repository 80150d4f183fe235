//! The next career step: where the resume stands (the latest job title that names a known
//! role), the next rung of the ladder (entry → mid → senior → lead, and the moves between
//! roles), and the actions that would move the score toward it most.

use crate::assess::{assess, standing, Assessment, Outcome, Ranked, SkillSet};
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
    /// The family of the latest job's title (see `standing.rs`), or `null`.
    pub current_role: Option<String>,
    /// The title read as the person's current one, whatever its family.
    pub current_title: Option<String>,
    /// `null` when the role is none or nothing says the level.
    pub current_level: Option<Level>,
    pub basis: Basis,
    /// Where the current title came from, the position used (its date line) and why.
    pub standing_basis: standing::Basis,
    pub position_line: Option<usize>,
    pub reason: String,
    /// The next step on the ladder, or `null` at the top.
    pub next_role: Option<String>,
    pub next_title: Option<String>,
    pub next_level: Option<Level>,
    /// The resume shows fewer data and ML skills than the taxonomy's `[fit]` minimum: it
    /// stands outside the five role families whatever its titles say, and the best fit is
    /// only the closest role by skills.
    pub outside_families: bool,
    /// The next step is an entry-level role although the resume shows years of work
    /// elsewhere: a change of field, said so rather than "entry" without a reason.
    pub change_of_field: bool,
    /// The role the actions are measured against: the next step when there is one (so the
    /// next step, the actions and the ladder tell one story), else the target, else the
    /// current role.
    pub goal_role: String,
    /// The goal's title: a role's, or the posting's own.
    pub goal_title: String,
    pub actions: Vec<Action>,
}

pub fn progression(
    taxonomy: &Taxonomy,
    resume: &Resume,
    // Where the resume places the person ([`standing::resume_standing`]), read once per report.
    standing: &standing::Standing<'_>,
    found: &SkillSet,
    ranking: &[Ranked<'_>],
    target: Option<&Role>,
    // The report's own assessment, reused when the goal is the role it measured.
    measured: &Assessment,
) -> Progression {
    let outside_families = super::outside_families(standing, found);
    let current_role = standing.role;
    let current_level = standing.level.clone();
    let basis = if current_role.is_some() { Basis::Title } else { Basis::Skills };

    let best_fit = |candidates: &mut dyn Iterator<Item = &str>| -> Option<String> {
        let ids: Vec<&str> = candidates.collect();
        ranking.iter().find(|r| ids.contains(&r.role.id.as_str())).map(|r| r.role.id.clone())
    };

    let (next_role, next_level): (Option<String>, Option<Level>) = match current_role {
        None => {
            // No job in a known role yet: the way in is an entry-level position, in a role
            // below the lead level that leads toward the goal.
            let goal = target.or_else(|| super::best_fit(ranking, outside_families));
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

    let goal_id = next_role
        .clone()
        .or_else(|| target.map(|t| t.id.clone()))
        .or_else(|| current_role.map(|r| r.id.clone()))
        .unwrap_or_default();
    // Years of work elsewhere that the step does not build on: the step is a new field.
    let years = resume.experience_months.map_or(0.0, |m| m as f64 / 12.0);
    let change_of_field =
        current_role.is_none() && next_level == Some(Level::Entry) && years >= taxonomy.standing.years.mid_from;
    let actions = if goal_id == measured.role_id {
        actions_for(measured)
    } else {
        taxonomy.role_by_id(&goal_id).map(|r| actions_for(&assess(taxonomy, r, resume, found))).unwrap_or_default()
    };
    Progression {
        current_role: current_role.map(|r| r.id.clone()),
        current_title: standing.title.clone(),
        current_level,
        basis,
        standing_basis: standing.basis,
        position_line: standing.position_line,
        reason: standing.reason.clone(),
        next_title: next_role.as_deref().and_then(|id| taxonomy.role_by_id(id)).map(|r| r.title.clone()),
        next_role,
        next_level,
        outside_families,
        change_of_field,
        goal_title: taxonomy.role_by_id(&goal_id).map(|r| r.title.clone()).unwrap_or_else(|| goal_id.clone()),
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
