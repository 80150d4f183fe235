//! The explanation a non-technical reader gets with every report: the three requirements
//! that moved the score most, each with the resume line that shows it (or "not found") and
//! a plain sentence, and what the score never uses.
//!
//! "Moved the score most": a requirement of weight `w` of which the resume earned `e`, in a
//! role whose weights sum to `T`, added `100·e/T` score points and left out `100·(w−e)/T`.
//! Its effect is the larger of the two (it `raised` the score when the points added are at
//! least the points left out, else it `lowered` it). The three largest effects are shown,
//! ties broken by larger weight, then required before preferred, then report order (met
//! requirements first, then missing ones biggest gap first).

use std::cmp::Ordering;

use crate::report::{Explanation, ExplanationItem, Importance, Report, Requirement as Outcome, RequirementKind};

/// How many requirements the explanation names.
pub const ITEMS: usize = 3;

pub const NOT_FOUND: &str = "not found";

pub const RULE: &str = "the requirements with the largest effect on the score: a requirement's effect is the larger of the score points it added (100 × earned / total weight) and the points it left out (100 × (weight − earned) / total weight)";

pub const NOT_USED: &str = "The score uses only the skills, years of experience, education and evidence of leading people found in the resume. It does not use the name, contact details, photos, age or gender words.";

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        // End on a whole word when there is one.
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end())
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The explanation of a finished report.
pub fn explain(report: &Report) -> Explanation {
    let total = f64::from(report.score_detail.total_weight.max(1));
    let mut items: Vec<(f64, &Outcome)> = report
        .matched
        .iter()
        .chain(&report.missing)
        .map(|o| {
            let added = 100.0 * o.earned / total;
            let left_out = 100.0 * (f64::from(o.weight) - o.earned).max(0.0) / total;
            (added.max(left_out), o)
        })
        .collect();
    // A stable sort keeps report order for full ties.
    items.sort_by(|(ea, a), (eb, b)| {
        eb.partial_cmp(ea)
            .unwrap_or(Ordering::Equal)
            .then(b.weight.cmp(&a.weight))
            .then((a.importance == Importance::Preferred).cmp(&(b.importance == Importance::Preferred)))
    });
    let items: Vec<ExplanationItem> = items.into_iter().take(ITEMS).map(|(_, o)| item(report, o, total)).collect();
    let held = report.score_detail.capped_at.map(|cap| format!(" {}", capped_sentence(cap))).unwrap_or_default();
    Explanation {
        summary: format!(
            "Score {}/100 against {}: the resume earns {} of the role's {} weight points.{held} These are the {} requirements that moved the score most.",
            report.score, report.target.title, report.score_detail.earned_weight, report.score_detail.total_weight, items.len()
        ),
        rule: RULE,
        items,
        not_used: NOT_USED,
    }
}

/// Why a score is lower than its weights say: no skill requirement is met.
pub fn capped_sentence(cap: u32) -> String {
    format!("No skill requirement is met, so the score is held at {cap}: years, a degree and leadership alone do not make a fit.")
}

/// The line that shows a requirement, or a short description of what was read and the line
/// it starts on; `None` when the resume does not show it.
fn evidence(report: &Report, o: &Outcome) -> Option<(Option<usize>, String)> {
    if o.earned <= 0.0 {
        return None;
    }
    let shown = match o.kind {
        RequirementKind::Skill => o.met_by.iter().find_map(|id| {
            let skill = report.skills.iter().find(|k| &k.id == id)?;
            let e = skill.evidence.first()?;
            Some((Some(e.line), e.text.clone()))
        }),
        RequirementKind::Experience => {
            let years = report.experience.years?;
            let n = report.experience.positions.len();
            let line = report.experience.positions.iter().map(|p| p.line).min();
            Some((line, format!("{years:.1} years in {n} dated position{}", if n == 1 { "" } else { "s" })))
        }
        RequirementKind::Education => {
            let e = &report.education;
            let degree = e.highest_degree.as_str();
            let text = match &e.field {
                Some(field) => format!("{degree} degree in {field}"),
                None => format!("{degree} degree"),
            };
            Some((e.line, text))
        }
        RequirementKind::Leadership => report.leadership.evidence.first().map(|l| (Some(l.line), l.text.clone())),
    };
    // Earned without a line to show (not expected): say it was found rather than not found.
    shown.or_else(|| Some((None, "found".to_string())))
}

fn item(report: &Report, o: &Outcome, total: f64) -> ExplanationItem {
    let added = round1(100.0 * o.earned / total);
    let left_out = round1(100.0 * (f64::from(o.weight) - o.earned).max(0.0) / total);
    let possible = round1(100.0 * f64::from(o.weight) / total);
    // A bar's importance says whether its minimum is reached; the role asks for it either way.
    let verb = match (o.kind, o.importance) {
        (RequirementKind::Skill, Importance::Required) => "requires",
        (RequirementKind::Skill, Importance::Preferred) => "prefers",
        _ => "asks for",
    };
    let found = evidence(report, o);
    let target = if report.target.kind == crate::report::TargetKind::Posting { "The posting" } else { "The role" };
    let sentence = match &found {
        None => {
            let why = o.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
            format!(
                "{target} {verb} {}; the resume does not show it{why}, which leaves out {left_out} points.",
                o.label
            )
        }
        Some((line, text)) => {
            let shows = match (o.kind, line) {
                (RequirementKind::Skill | RequirementKind::Leadership, Some(n)) => {
                    format!("shows it on line {n} (\"{}\")", short(text, 70))
                }
                (RequirementKind::Skill | RequirementKind::Leadership, None) => "shows it".to_string(),
                (_, Some(n)) => format!("shows {text} (from line {n})"),
                (_, None) => format!("shows {text}"),
            };
            let note = o.note.as_ref().map(|n| format!(", {n}")).unwrap_or_default();
            if left_out <= 0.0 {
                format!("{target} {verb} {}; the resume {shows}{note}, which adds {added:.1} points.", o.label)
            } else {
                format!(
                    "{target} {verb} {}; the resume {shows}{note}, which adds {added:.1} of {possible:.1} possible points.",
                    o.label,
                )
            }
        }
    };
    let (line, evidence) = found.unwrap_or((None, NOT_FOUND.to_string()));
    ExplanationItem {
        requirement: o.id.clone(),
        label: o.label.clone(),
        kind: o.kind,
        importance: o.importance,
        effect: if added >= left_out { "raised" } else { "lowered" },
        points_added: added,
        points_left_out: left_out,
        line,
        evidence,
        sentence,
    }
}
