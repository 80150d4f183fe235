//! What the human renderers (text and HTML) say the same way: a requirement's mark, a
//! citation by document title, and the score in words. Derived from the report and the
//! taxonomy only.

use crate::report::{Importance, Report, Requirement, RequirementKind, Source, TargetChoice};
use crate::taxonomy::Taxonomy;

/// How far a requirement is met, as the ✓ ~ ✗ · markers show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Earns its whole weight.
    Met,
    /// Earns part of its weight (listed only, below the preferred level …).
    Partly,
    /// A required one, not met.
    Missing,
    /// A preferred one, not met.
    PreferredMissing,
}

impl Mark {
    pub fn of(o: &Requirement) -> Mark {
        if o.points <= 0.0 {
            Mark::Met
        } else if o.earned > 0.0 {
            Mark::Partly
        } else if o.importance == Importance::Required {
            Mark::Missing
        } else {
            Mark::PreferredMissing
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Met => "✓",
            Mark::Partly => "~",
            Mark::Missing => "✗",
            Mark::PreferredMissing => "·",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Mark::Met => "met",
            Mark::Partly => "met in part",
            Mark::Missing => "required, missing",
            Mark::PreferredMissing => "preferred, missing",
        }
    }

    pub const ALL: [Mark; 4] = [Mark::Met, Mark::Partly, Mark::Missing, Mark::PreferredMissing];
}

/// The legend of the markers, on one line.
pub fn legend() -> String {
    Mark::ALL.iter().map(|m| format!("{} {}", m.symbol(), m.meaning())).collect::<Vec<_>>().join("   ")
}

/// A source document's title as `sources.toml` gives it (its file name if it has none).
pub fn document_title<'a>(taxonomy: &'a Taxonomy, document: &'a str) -> &'a str {
    taxonomy.documents.iter().find(|d| d.file == document).map(|d| d.title.as_str()).unwrap_or(document)
}

/// `Title § Section`, or for a job posting `posting.txt line 12`.
pub fn cite(taxonomy: &Taxonomy, source: &Source) -> String {
    match source.line {
        Some(line) => format!("{} line {line}", source.document),
        None => format!("{} § {}", document_title(taxonomy, &source.document), source.section),
    }
}

/// The bar of one kind (experience, education, leadership), if the target role has it.
pub fn bar(report: &Report, kind: RequirementKind) -> Option<&Requirement> {
    report.matched.iter().chain(report.missing.iter()).find(|o| o.kind == kind)
}

/// How the target was chosen, when no target was given: the best fit by skills, or only the
/// closest role when the resume stands outside the five families.
pub fn target_choice(report: &Report) -> Option<&'static str> {
    let choice = if report.progression.outside_families {
        "closest role by skills; the resume shows little data or ML skill and stands outside the five role families"
    } else {
        "best fit by skills; no target was given"
    };
    (report.target.chosen == TargetChoice::BestFit).then_some(choice)
}

/// Where the person stands, in one sentence.
pub fn standing(report: &Report, taxonomy: &Taxonomy) -> String {
    let p = &report.progression;
    let at_line = p.position_line.map(|l| format!(", line {l}")).unwrap_or_default();
    match (&p.current_role, &p.current_title, &p.current_level) {
        (Some(role), Some(title), level) => {
            let name = taxonomy.role_by_id(role).map(|r| r.title.as_str()).unwrap_or(role);
            let level = level.as_ref().map(|l| format!(", {} level", l.as_str())).unwrap_or_default();
            format!("{name}{level} (from \"{title}\"{at_line})")
        }
        (None, Some(title), _) => {
            format!("\"{title}\"{at_line}, outside the five role families; the next step is chosen by skills")
        }
        _ => "no job title found; the next step is chosen by skills".to_string(),
    }
}

/// The next step in words: the role and level, and why entry level after years elsewhere.
pub fn next_step(report: &Report) -> String {
    let p = &report.progression;
    match (&p.next_title, &p.next_level) {
        (Some(title), Some(level)) if p.change_of_field => {
            let years = report.experience.years.map(trim_number).unwrap_or_default();
            format!(
                "{title}, {} level: a change of field, since the {years} years the resume shows are outside the five data and ML role families",
                level.as_str()
            )
        }
        (Some(title), Some(level)) => format!("{title}, {} level", level.as_str()),
        _ => "top of the ladder this taxonomy describes".to_string(),
    }
}

/// Skill requirements met and in all.
pub fn skill_counts(report: &Report) -> (usize, usize) {
    let met = report.matched.iter().filter(|o| o.kind == RequirementKind::Skill).count();
    let missing = report.missing.iter().filter(|o| o.kind == RequirementKind::Skill).count();
    (met, met + missing)
}

/// What the score is made of, in words: "18 of 23 skill requirements met, experience 6.5
/// of 7 preferred years, degree: master (as preferred), leadership shown". Bars the role does
/// not have are left out.
pub fn score_parts(report: &Report) -> Vec<String> {
    let (met, total) = skill_counts(report);
    let mut parts = vec![format!("{met} of {total} skill requirements met")];
    // The bars as the report states them, for a role or a posting alike.
    if let Some(min) = bar(report, RequirementKind::Experience).and_then(|e| e.min_years.map(|m| (e, m))) {
        let (exp, min) = min;
        let (target, which) = match exp.preferred_years {
            Some(p) => (p, "preferred"),
            None => (min, "required"),
        };
        parts.push(match report.experience.years {
            Some(y) if y >= target => format!("experience {} years ({} {which})", trim_number(y), trim_number(target)),
            Some(y) => format!("experience {} of {} {which} years", trim_number(y), trim_number(target)),
            None => format!("experience not dated ({} {which} years)", trim_number(target)),
        });
    }
    if let Some(min) = bar(report, RequirementKind::Education).and_then(|e| e.min_degree.map(|m| (e, m))) {
        let (edu, min) = min;
        let have = report.education.highest_degree;
        let preferred = edu.preferred_degree.unwrap_or(min);
        let verdict = if have >= preferred {
            "as preferred".to_string()
        } else if have >= min {
            format!("{} preferred", preferred.as_str())
        } else {
            format!("{} required", min.as_str())
        };
        parts.push(format!("degree: {} ({verdict})", have.as_str()));
    }
    if let Some(lead) = bar(report, RequirementKind::Leadership) {
        parts.push(if lead.earned > 0.0 { "leadership shown".to_string() } else { "no leadership shown".to_string() });
    }
    parts
}

/// 6.5 → "6.5", 7.0 → "7".
pub fn trim_number(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_a_trailing_zero_only() {
        assert_eq!(trim_number(7.0), "7");
        assert_eq!(trim_number(6.54), "6.5");
        assert_eq!(trim_number(0.0), "0");
    }

    #[test]
    fn documents_are_cited_by_title() {
        let taxonomy = Taxonomy::embedded().unwrap();
        let source = Source {
            document: "000_5938be9f1a266103.txt".into(),
            section: "Required Skills".into(),
            line: None,
            text: None,
        };
        assert_eq!(
            cite(&taxonomy, &source),
            "Machine Learning Engineer vs. Lead Machine Learning Engineer § Required Skills"
        );
        let unknown = Source { document: "other.txt".into(), section: "S".into(), line: None, text: None };
        assert_eq!(cite(&taxonomy, &unknown), "other.txt § S");
    }
}
