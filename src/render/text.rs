//! The terminal report: what a person reads to decide what to do next.

use std::fmt::Write;

use crate::report::{Importance, MatchKind, Report, Requirement, RequirementKind, TargetChoice};
use crate::taxonomy::Taxonomy;

/// ANSI styling, off unless the output is a terminal and `NO_COLOR` is unset.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn green(&self, t: &str) -> String {
        self.paint("32", t)
    }
    fn red(&self, t: &str) -> String {
        self.paint("31", t)
    }
    fn yellow(&self, t: &str) -> String {
        self.paint("33", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

fn cite(outcome: &Requirement) -> String {
    outcome.source.first().map(|s| format!("{} § {}", s.document, s.section)).unwrap_or_default()
}

pub fn render(report: &Report, taxonomy: &Taxonomy, style: Style) -> String {
    let mut out = String::new();
    let s = style;
    let _ = writeln!(
        out,
        "{}  →  {} ({}){}",
        s.bold(report.input.path.rsplit(['/', '\\']).next().unwrap_or_default()), // base name only: folders can name a person
        s.bold(&report.target.title),
        report.target.id,
        if report.target.chosen == TargetChoice::BestFit { "  [best fit; no --target given]" } else { "" }
    );
    let score = format!("{}/100", report.score);
    let painted = match report.score {
        70..=100 => s.green(&score),
        40..=69 => s.yellow(&score),
        _ => s.red(&score),
    };
    let _ = writeln!(
        out,
        "Fit score {}   {}",
        s.bold(&painted),
        s.dim(&format!(
            "({} of {} weight points; as of {})",
            report.score_detail.earned_weight, report.score_detail.total_weight, report.as_of
        ))
    );
    out.push('\n');

    let bar = |kind: RequirementKind| report.matched.iter().chain(report.missing.iter()).find(|o| o.kind == kind);
    let mark = |o: Option<&Requirement>| match o {
        Some(o) if o.points <= 0.0 => s.green("✓"),
        Some(o) if o.importance == Importance::Preferred => s.yellow("~"),
        Some(_) => s.red("✗"),
        None => s.dim("·"),
    };
    let years = match report.experience.years {
        Some(y) => {
            let n = report.experience.positions.len();
            format!("{y:.1} years in {n} dated position{}", if n == 1 { "" } else { "s" })
        }
        None => "unknown (no dated positions found)".to_string(),
    };
    let exp = bar(RequirementKind::Experience);
    let _ = writeln!(
        out,
        "{} Experience  {years}{}",
        mark(exp),
        exp.map(|o| s.dim(&format!("   needs {}", o.label))).unwrap_or_default()
    );
    let degree = match (&report.education.field, report.education.line) {
        (Some(field), Some(line)) => format!("{} in {field} (line {line})", report.education.highest_degree.as_str()),
        (None, Some(line)) => format!("{} (line {line})", report.education.highest_degree.as_str()),
        _ => report.education.highest_degree.as_str().to_string(),
    };
    let edu = bar(RequirementKind::Education);
    let _ = writeln!(
        out,
        "{} Education   {degree}{}",
        mark(edu),
        edu.map(|o| s.dim(&format!("   needs {}", o.label))).unwrap_or_default()
    );
    let lead = bar(RequirementKind::Leadership);
    let leadership = match report.leadership.evidence.first() {
        Some(first) => format!(
            "{} line(s), e.g. line {}: \"{}\"",
            report.leadership.evidence_total,
            first.line,
            short(&first.text, 60)
        ),
        None => "no line shows leading, managing or mentoring people".to_string(),
    };
    let _ = writeln!(out, "{} Leadership  {leadership}", mark(lead));
    out.push('\n');

    let skill_reqs: Vec<&Requirement> = report.matched.iter().filter(|o| o.kind == RequirementKind::Skill).collect();
    let total_skill_reqs =
        skill_reqs.len() + report.missing.iter().filter(|o| o.kind == RequirementKind::Skill).count();
    let _ = writeln!(
        out,
        "{}",
        s.bold(&format!("Matched {} of {} skill requirements", skill_reqs.len(), total_skill_reqs))
    );
    for o in &skill_reqs {
        let shown: Vec<String> = o
            .met_by
            .iter()
            .map(|id| {
                let found = report.skills.iter().find(|k| &k.id == id);
                match found {
                    Some(k) => {
                        let line = k.evidence.first().map(|e| format!(" l.{}", e.line)).unwrap_or_default();
                        let fuzzy = if k.fuzzy { " fuzzy" } else { "" };
                        format!("{}{}{}", k.name, s.dim(&line), s.yellow(fuzzy))
                    }
                    None => id.clone(),
                }
            })
            .collect();
        let note = match &o.note {
            Some(note) => s.yellow(&format!("  ({note}: counts {} of {})", o.earned, o.weight)),
            None => String::new(),
        };
        let _ = writeln!(out, "  {} {:<46} {}{note}", s.green("✓"), short(&o.label, 46), shown.join(", "));
    }
    out.push('\n');
    if report.missing.is_empty() {
        let _ = writeln!(out, "{}", s.bold("Nothing missing for this role."));
    } else {
        let _ = writeln!(out, "{}", s.bold("Missing, biggest gain first"));
        for o in &report.missing {
            let importance = match o.importance {
                Importance::Required => s.red("required "),
                Importance::Preferred => s.yellow("preferred"),
            };
            let _ = writeln!(
                out,
                "  {} {} {:>5}  {:<46} {}",
                s.red("✗"),
                importance,
                format!("+{:.1}", o.points),
                short(&o.label, 46),
                s.dim(&cite(o))
            );
        }
    }
    out.push('\n');

    let _ = writeln!(out, "{}", s.bold(&format!("Skills found ({})", report.skills.len())));
    let mut categories: Vec<&str> = Vec::new();
    for k in &report.skills {
        if !categories.contains(&k.category.as_str()) {
            categories.push(&k.category);
        }
    }
    for category in categories {
        let names: Vec<String> = report
            .skills
            .iter()
            .filter(|k| k.category == category)
            .map(|k| {
                let line = k.evidence.first().map(|e| e.line).unwrap_or(0);
                let note = match k.kind {
                    MatchKind::Fuzzy | MatchKind::Spacing => {
                        let written = k.evidence.first().map(|e| e.matched.as_str()).unwrap_or("");
                        s.yellow(&format!(" (fuzzy: \"{written}\")"))
                    }
                    MatchKind::Implied => s.dim(" (implied)"),
                    _ => String::new(),
                };
                format!("{}{}{}", k.name, s.dim(&format!(" l.{line}")), note)
            })
            .collect();
        let _ = writeln!(out, "  {:<30} {}", taxonomy.category_name(category), names.join(", "));
    }
    out.push('\n');

    let p = &report.progression;
    let standing = match (&p.current_role, &p.current_title, &p.current_level) {
        (Some(role), Some(title), Some(level)) => {
            format!("{role}, {} level (from \"{}\")", level.as_str(), short(title, 60))
        }
        _ => "no job title in a known role; the next step is chosen by skills".to_string(),
    };
    let _ = writeln!(out, "{} {standing}", s.bold("Where you stand:"));
    match (&p.next_role, &p.next_title, &p.next_level) {
        (Some(id), Some(title), Some(level)) => {
            let _ = writeln!(out, "{} {title} ({id}), {} level", s.bold("Next step:"), level.as_str());
        }
        _ => {
            let _ = writeln!(out, "{} top of the ladder this taxonomy describes", s.bold("Next step:"));
        }
    }
    if !p.actions.is_empty() {
        let _ = writeln!(out, "{}", s.bold(&format!("Actions toward {}, biggest gain first", p.goal_role)));
        for (i, a) in p.actions.iter().enumerate() {
            let source = a.source.first().map(|c| format!("  [{} § {}]", c.document, c.section)).unwrap_or_default();
            let _ = writeln!(out, "  {}. {:>5}  {}{}", i + 1, format!("+{:.1}", a.points), a.action, s.dim(&source));
        }
    }
    out
}
