//! `gap-check target posting.txt`: a posting's requirements as read, each with its line, for
//! a recruiter to check before a batch is measured against it.

use std::fmt::Write;

use crate::report::{Importance, PostingReport, RequirementKind};

pub fn text(report: &PostingReport) -> String {
    let mut out = String::new();
    let level = report.level.map(|l| format!(", {} level", l.as_str())).unwrap_or_default();
    let _ = writeln!(out, "{}: \"{}\"", report.path, report.title);
    let _ = writeln!(out, "nearest role: {}{level}", report.family);
    if report.resume_like {
        let _ = writeln!(out, "warning: this reads like a resume, not a job posting");
    }
    for (title, importance) in [("Required", Importance::Required), ("Preferred", Importance::Preferred)] {
        let skills: Vec<_> = report
            .requirements
            .iter()
            .filter(|r| r.kind == RequirementKind::Skill && r.importance == importance)
            .collect();
        let _ = writeln!(out, "\n{title} skills ({})", skills.len());
        for r in skills {
            let source = r.source.first();
            let line = source.and_then(|s| s.line).map(|l| format!("line {l:>3}")).unwrap_or_default();
            let text = source.and_then(|s| s.text.as_deref()).unwrap_or("");
            let _ = writeln!(out, "  {line}  {:<40} {}", r.label, shorten(text, 70));
        }
    }
    let _ = writeln!(out);
    for r in report.requirements.iter().filter(|r| r.kind != RequirementKind::Skill) {
        let source = r.source.first();
        let line = source.and_then(|s| s.line).map(|l| format!("line {l}")).unwrap_or_default();
        let text = source.and_then(|s| s.text.as_deref()).unwrap_or("");
        let what = match r.kind {
            RequirementKind::Experience => {
                let preferred = r.preferred_years.map(|p| format!(" ({p} preferred)")).unwrap_or_default();
                format!("Experience  at least {} years{preferred}", r.min_years.unwrap_or(0.0))
            }
            RequirementKind::Education => {
                let preferred = r.preferred_degree.map(|p| format!(" ({} preferred)", p.as_str())).unwrap_or_default();
                match r.min_degree.filter(|d| *d != crate::report::Degree::None) {
                    Some(d) => format!("Education   at least {}{preferred}", d.as_str()),
                    None => format!("Education   no minimum degree{preferred}"),
                }
            }
            _ => "Leadership  leading, managing or mentoring people".to_string(),
        };
        let _ = writeln!(out, "{what:<45} {line}: {}", shorten(text, 60));
    }
    let kinds = |k: RequirementKind| report.requirements.iter().any(|r| r.kind == k);
    for (kind, name) in [
        (RequirementKind::Experience, "Experience  no minimum years stated"),
        (RequirementKind::Education, "Education   no degree stated"),
        (RequirementKind::Leadership, "Leadership  not asked"),
    ] {
        if !kinds(kind) {
            let _ = writeln!(out, "{name}");
        }
    }
    let weights: Vec<String> =
        report.requirements.iter().map(|r| r.weight).collect::<Vec<_>>().iter().map(u32::to_string).collect();
    let _ = writeln!(
        out,
        "\nweights: {} (total {})",
        weights.join(" + "),
        report.requirements.iter().map(|r| r.weight).sum::<u32>()
    );
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        format!("\"{text}\"")
    } else {
        format!("\"{}…\"", text.chars().take(max - 1).collect::<String>())
    }
}
