//! Checks a freshly parsed taxonomy, so a mistake in the data is a clear error at load time
//! rather than a silently wrong report.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

use super::{Citation, Taxonomy, Tier, ROLES_FILE, SKILLS_FILE, SOURCES_FILE};
use crate::error::TaxonomyError;

pub(super) fn validate(t: &Taxonomy) -> Result<(), TaxonomyError> {
    validate_sources(t)?;
    validate_skills(t)?;
    validate_roles(t)?;
    validate_ladder(t)?;
    validate_families(t)
}

/// Every title family rule names a role the taxonomy has.
fn validate_families(t: &Taxonomy) -> Result<(), TaxonomyError> {
    for (i, family) in t.standing.families.iter().enumerate() {
        if t.role_by_id(&family.role).is_none() {
            return Err(TaxonomyError::new(
                super::STANDING_FILE,
                format!("family {}: unknown role '{}'", i + 1, family.role),
            ));
        }
    }
    Ok(())
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn validate_sources(t: &Taxonomy) -> Result<(), TaxonomyError> {
    let mut seen = BTreeSet::new();
    for doc in &t.documents {
        if !seen.insert(doc.file.as_str()) {
            return Err(TaxonomyError::new(SOURCES_FILE, format!("document '{}' is listed twice", doc.file)));
        }
        if doc.sections.is_empty() {
            return Err(TaxonomyError::new(SOURCES_FILE, format!("document '{}' lists no sections", doc.file)));
        }
    }
    Ok(())
}

fn validate_skills(t: &Taxonomy) -> Result<(), TaxonomyError> {
    if !t.skills.iter().any(|s| s.tier == Tier::Core) {
        return Err(TaxonomyError::new(SKILLS_FILE, "no skills"));
    }
    // Hash maps: the first owner of a key is all that is asked of them, and some 4,800
    // aliases are checked at every start.
    let mut ids: FxHashMap<&str, Tier> = FxHashMap::default();
    let mut alias_owner: FxHashMap<String, (&str, Tier)> = FxHashMap::default();
    for skill in &t.skills {
        let err = |msg: String| TaxonomyError::new(skill.tier.file(), msg);
        if !is_kebab(&skill.id) {
            return Err(err(format!("skill id '{}' is not kebab-case", skill.id)));
        }
        if let Some(tier) = ids.insert(&skill.id, skill.tier) {
            let where_ = if tier == skill.tier { String::new() } else { format!(" (also in {})", tier.file()) };
            return Err(err(format!("skill '{}' is defined twice{where_}", skill.id)));
        }
        if !t.categories.contains_key(&skill.category) {
            return Err(err(format!("skill '{}': unknown category '{}'", skill.id, skill.category)));
        }
        if skill.aliases.is_empty() && skill.exact.is_empty() {
            return Err(err(format!("skill '{}' has no alias to match", skill.id)));
        }
        for alias in skill.aliases.iter().chain(skill.exact.iter()) {
            if alias.trim().is_empty() {
                return Err(err(format!("skill '{}' has an empty alias", skill.id)));
            }
            let key = alias.to_lowercase();
            if let Some((owner, tier)) = alias_owner.insert(key, (&skill.id, skill.tier)) {
                if owner != skill.id {
                    let where_ = if tier == skill.tier { String::new() } else { format!(" in {}", tier.file()) };
                    return Err(err(format!(
                        "alias '{alias}' is claimed by both '{owner}'{where_} and '{}'",
                        skill.id
                    )));
                }
            }
        }
        for implied in &skill.implies {
            let Some(target) = t.skill(implied).filter(|_| implied != &skill.id) else {
                return Err(err(format!("skill '{}' implies unknown skill '{implied}'", skill.id)));
            };
            // A product shows the skill it is a product of (AngularJS is JavaScript, App Engine
            // is Google Cloud), as Git shows version control; a core skill never implies a product,
            // which it does not name.
            if skill.tier == Tier::Core && target.tier == Tier::Technology {
                return Err(err(format!(
                    "skill '{}' implies '{implied}' of {}: a core skill may imply only core skills",
                    skill.id,
                    target.tier.file()
                )));
            }
        }
        if skill.tier == Tier::Technology && skill.signal.is_some() {
            return Err(err(format!("skill '{}': a technology skill cannot take a signal", skill.id)));
        }
    }
    Ok(())
}

fn check_citations(t: &Taxonomy, context: &str, citations: &[Citation], required: bool) -> Result<(), TaxonomyError> {
    if required && citations.is_empty() {
        return Err(TaxonomyError::new(ROLES_FILE, format!("{context} cites no source")));
    }
    for c in citations {
        let Some(doc) = t.documents.iter().find(|d| d.file == c.doc) else {
            return Err(TaxonomyError::new(
                ROLES_FILE,
                format!("{context} cites '{}', which sources.toml does not list", c.doc),
            ));
        };
        if !doc.sections.iter().any(|s| s == &c.section) {
            return Err(TaxonomyError::new(
                ROLES_FILE,
                format!("{context} cites section '{}' of '{}', which sources.toml does not list", c.section, c.doc),
            ));
        }
    }
    Ok(())
}

fn validate_roles(t: &Taxonomy) -> Result<(), TaxonomyError> {
    let err = |msg: String| TaxonomyError::new(ROLES_FILE, msg);
    if t.roles.is_empty() {
        return Err(err("no roles".into()));
    }
    let mut ids = BTreeSet::new();
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    for role in &t.roles {
        if !is_kebab(&role.id) {
            return Err(err(format!("role id '{}' is not kebab-case", role.id)));
        }
        if !ids.insert(role.id.as_str()) {
            return Err(err(format!("role '{}' is defined twice", role.id)));
        }
        for name in std::iter::once(&role.title).chain(role.aliases.iter()) {
            if let Some(owner) = names.insert(name.to_lowercase(), &role.id) {
                if owner != role.id {
                    return Err(err(format!("role name '{name}' is used by both '{owner}' and '{}'", role.id)));
                }
            }
        }
        if role.requirements.is_empty() {
            return Err(err(format!("role '{}' has no requirements", role.id)));
        }
        let mut req_ids = BTreeSet::new();
        for req in &role.requirements {
            let context = format!("role '{}' requirement '{}'", role.id, req.id);
            if !req_ids.insert(req.id.as_str()) {
                return Err(err(format!("{context} is defined twice")));
            }
            if req.any_of.is_empty() {
                return Err(err(format!("{context} names no skill")));
            }
            for skill in &req.any_of {
                match t.skill(skill) {
                    None => return Err(err(format!("{context} names unknown skill '{skill}'"))),
                    Some(s) if s.tier == Tier::Technology => {
                        return Err(err(format!(
                        "{context} names '{skill}', a skill of {}: requirements may name only skills of {SKILLS_FILE}",
                        s.tier.file()
                    )))
                    }
                    Some(_) => {}
                }
            }
            if req.weight == 0 {
                return Err(err(format!("{context} has weight 0")));
            }
            if let Some(unknown) = req.domain.iter().find(|c| !t.categories.contains_key(*c)) {
                return Err(err(format!("{context}: domain names unknown category '{unknown}'")));
            }
            check_citations(t, &context, &req.source, true)?;
            check_citations(t, &context, &req.advice, false)?;
        }
        if let Some(bar) = &role.experience {
            let context = format!("role '{}' experience", role.id);
            if bar.min_years.is_nan()
                || bar.min_years < 0.0
                || bar.preferred_years.is_some_and(|p| p.is_nan() || p < bar.min_years)
            {
                return Err(err(format!("{context}: years must be >= 0 and preferred >= min")));
            }
            check_citations(t, &context, &bar.source, true)?;
        }
        if let Some(bar) = &role.education {
            let context = format!("role '{}' education", role.id);
            if bar.preferred.is_some_and(|p| p < bar.min) {
                return Err(err(format!("{context}: preferred degree is below the minimum")));
            }
            check_citations(t, &context, &bar.source, true)?;
        }
        if let Some(bar) = &role.leadership {
            check_citations(t, &format!("role '{}' leadership", role.id), &bar.source, true)?;
        }
    }
    let fit_err = |msg: String| TaxonomyError::new(ROLES_FILE, format!("fit: {msg}"));
    if let Some(unknown) = t.fit.domain_categories.iter().find(|c| !t.categories.contains_key(*c)) {
        return Err(fit_err(format!("domain_categories names unknown category '{unknown}'")));
    }
    if t.fit.domain_categories.is_empty() || t.fit.min_domain_skills == 0 {
        return Err(fit_err("name at least one domain category and a min_domain_skills of 1 or more".into()));
    }
    if t.fit.no_skill_score_cap > 100 {
        return Err(fit_err("no_skill_score_cap is a score, 0 to 100".into()));
    }
    // Shares of a weight: above 0 (a met minimum or a listed skill earns something) and at
    // most 1 (never more than the weight).
    for (name, share) in [
        ("min_bar_share", t.fit.min_bar_share),
        ("listed_only_credit", t.fit.listed_only_credit),
        ("stale_credit", t.fit.stale_credit),
    ] {
        if !(share > 0.0 && share <= 1.0) {
            return Err(fit_err(format!("{name} is a share of a weight, above 0 and at most 1 (it is {share})")));
        }
    }
    if t.fit.stale_years < 1 {
        return Err(fit_err(format!("stale_years is a number of years, 1 or more (it is {})", t.fit.stale_years)));
    }
    Ok(())
}

fn validate_ladder(t: &Taxonomy) -> Result<(), TaxonomyError> {
    let err = |msg: String| TaxonomyError::new(ROLES_FILE, msg);
    for step in &t.ladder {
        for end in [&step.from, &step.to] {
            if t.role_by_id(end).is_none() {
                return Err(err(format!("ladder step {} -> {} names unknown role '{end}'", step.from, step.to)));
            }
        }
        check_citations(t, &format!("ladder step {} -> {}", step.from, step.to), &step.source, true)?;
    }
    // Depth-first search with three colours: a grey node met again closes a cycle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        White,
        Grey,
        Black,
    }
    fn visit<'a>(
        t: &'a Taxonomy,
        node: &'a str,
        marks: &mut BTreeMap<&'a str, Mark>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::Grey);
        path.push(node);
        for step in t.successors(node) {
            match marks.get(step.to.as_str()).copied().unwrap_or(Mark::White) {
                Mark::Grey => {
                    let start = path.iter().position(|n| *n == step.to).unwrap_or(0);
                    let mut cycle: Vec<String> = path[start..].iter().map(|s| s.to_string()).collect();
                    cycle.push(step.to.clone());
                    return Some(cycle);
                }
                Mark::White => {
                    if let Some(cycle) = visit(t, &step.to, marks, path) {
                        return Some(cycle);
                    }
                }
                Mark::Black => {}
            }
        }
        path.pop();
        marks.insert(node, Mark::Black);
        None
    }
    let mut marks = BTreeMap::new();
    for role in &t.roles {
        if marks.get(role.id.as_str()).copied().unwrap_or(Mark::White) == Mark::White {
            if let Some(cycle) = visit(t, &role.id, &mut marks, &mut Vec::new()) {
                return Err(err(format!("career ladder has a cycle: {}", cycle.join(" -> "))));
            }
        }
    }
    Ok(())
}
