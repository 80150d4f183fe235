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

/// The most characters of a resume line an explanation quotes.
const QUOTE: usize = 70;

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

/// A line cut to `max` characters so that the words which show the finding stay in it: from
/// the line's start when they fit there, else from the start of their sentence, else from the
/// words themselves; "…" marks each cut ("… For the last two years I have led a team of 5 ML…"
/// rather than "and forecasting models to production. For the last two years I have…").
fn quote(text: &str, matched: Option<&str>, max: usize) -> String {
    let found = matched.filter(|m| !m.is_empty()).and_then(|m| text.find(m).map(|at| (at, at + m.len())));
    let Some((at, end)) = found else { return short(text, max) };
    if text.chars().count() <= max || text[..end].chars().count() < max {
        return short(text, max);
    }
    let sentence = text[..at].rfind(['.', ';', '!', '?']).map_or(0, |i| i + 1);
    let start = if text[sentence..end].chars().count() < max - 2 { sentence } else { at };
    format!("…{}", short(text[start..].trim_start(), max - 1))
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

/// The line that shows a requirement (with the words of it that do), or a short description
/// of what was read and the line it starts on; `None` when the resume does not show it.
fn evidence(report: &Report, o: &Outcome) -> Option<(Option<usize>, String, Option<String>)> {
    if o.earned <= 0.0 {
        return None;
    }
    let shown = match o.kind {
        RequirementKind::Skill => o.met_by.iter().find_map(|id| {
            let skill = report.skills.iter().find(|k| &k.id == id)?;
            let e = skill.strongest_evidence()?;
            Some((Some(e.line), e.text.clone(), Some(e.matched.clone())))
        }),
        RequirementKind::Experience => {
            let years = report.experience.years?;
            let n = report.experience.positions.len();
            let line = report.experience.positions.iter().map(|p| p.line).min();
            Some((line, format!("{years:.1} years in {n} dated position{}", if n == 1 { "" } else { "s" }), None))
        }
        RequirementKind::Education => {
            let e = &report.education;
            let degree = e.highest_degree.as_str();
            let text = match &e.field {
                Some(field) => format!("{degree} degree in {field}"),
                None => format!("{degree} degree"),
            };
            Some((e.line, text, None))
        }
        RequirementKind::Leadership => {
            report.leadership.strongest().map(|l| (Some(l.line), l.text.clone(), l.matched.clone()))
        }
    };
    // Earned without a line to show (not expected): say it was found rather than not found.
    shown.or_else(|| Some((None, "found".to_string(), None)))
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
        Some((line, text, matched)) => {
            let shows = match (o.kind, line) {
                (RequirementKind::Skill | RequirementKind::Leadership, Some(n)) => {
                    format!("shows it on line {n} (\"{}\")", quote(text, matched.as_deref(), QUOTE))
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
    let (line, evidence) = found.map_or((None, NOT_FOUND.to_string()), |(line, text, _)| (line, text));
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

#[cfg(test)]
mod tests {
    use super::quote;

    const LINE: &str = "and forecasting models to production. For the last two years I have led a team of 5 ML";

    #[test]
    fn a_quote_keeps_the_words_that_show_the_finding() {
        // Cut from the start, the words would be lost: the quote starts at their sentence.
        assert_eq!(quote(LINE, Some("led a team"), 70), "…For the last two years I have led a team of 5 ML");
        // A sentence too long to fit starts at the words themselves.
        let long = format!("{} and then led a team of 5 ML engineers", "word ".repeat(30));
        assert!(
            quote(&long, Some("led a team"), 40).starts_with("…led a team"),
            "{}",
            quote(&long, Some("led a team"), 40)
        );
        // Words near the start keep the line's start; a short line is whole.
        assert!(quote(LINE, Some("forecasting"), 40).starts_with("and forecasting"));
        assert_eq!(quote("Led a team of 5", Some("Led a team"), 70), "Led a team of 5");
        // No words to keep: the line's start.
        assert!(quote(LINE, None, 40).starts_with("and forecasting models"));
    }
}
