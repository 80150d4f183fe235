//! The postings ranked for one resume (`gap-check resume.pdf --target postings/`) in every
//! format: a compact table for a job seeker, CSV and NDJSON rows, one JSON document, and a
//! page in the shortlist's style. The whole ranking is sorted before it is rendered (postings
//! are few), so unlike a batch of resumes nothing here streams.

use std::fmt::Write;

use maud::{html, PreEscaped, DOCTYPE};

use super::html::{head, one_decimal, score_class, SORT_SCRIPT};
use super::text::{pad, visible_len, wrap, Style};
use super::Format;
use crate::report::ranking::{RankRow, Ranking};

/// The whole output for `format`. JSON Resume, which describes a resume and no posting,
/// prints the JSON document.
pub fn render(ranking: &Ranking, format: Format, style: Style) -> Vec<u8> {
    match format {
        Format::Text => text(ranking, style).into_bytes(),
        Format::Json | Format::JsonResume => json(ranking).into_bytes(),
        Format::Ndjson => ndjson(ranking).into_bytes(),
        Format::Csv => csv(ranking),
        Format::Html => page(ranking).into_bytes(),
    }
}

fn json(ranking: &Ranking) -> String {
    // Plain structs of strings and numbers: serialisation cannot fail.
    let mut out = serde_json::to_string_pretty(ranking)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise the ranking: {e}\"}}"));
    out.push('\n');
    out
}

/// One row per line: ranked postings, then those that could not be read.
fn ndjson(ranking: &Ranking) -> String {
    let mut out = String::new();
    for row in &ranking.rows {
        if let Ok(line) = serde_json::to_string(row) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

pub const CSV_HEADER: [&str; 12] = [
    "rank",
    "score",
    "title",
    "file",
    "family",
    "level",
    "required_met",
    "required_total",
    "missing_required",
    "biggest_gain",
    "biggest_gain_points",
    "error",
];

fn csv(ranking: &Ranking) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(CSV_HEADER);
    let opt = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in &ranking.rows {
        let gain = r.biggest_gain.as_ref().and_then(Option::as_ref);
        let fields: [String; 12] = [
            opt(r.rank),
            r.score.map(|s| s.to_string()).unwrap_or_default(),
            r.title.clone().unwrap_or_default(),
            r.file.clone(),
            r.family.clone().unwrap_or_default(),
            r.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
            opt(r.required_met),
            opt(r.required_total),
            r.missing_required.as_ref().map(|m| m.join("; ")).unwrap_or_default(),
            gain.map(|g| g.action.clone()).unwrap_or_default(),
            gain.map(|g| one_decimal(g.points)).unwrap_or_default(),
            r.error.as_ref().map(|e| e.message.clone()).unwrap_or_default(),
        ];
        // Titles and file names are anyone's choice: neutralised as in the shortlist CSV.
        let _ = writer.write_record(fields.iter().map(|f| super::csv::neutralize(f).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// "Senior Machine Learning Engineer (ml-engineer, senior), 9.5 years, master's degree".
fn where_you_stand(ranking: &Ranking) -> String {
    let r = &ranking.resume;
    let mut parts = Vec::new();
    let grade = [r.current_role.clone(), r.current_level.map(|l| l.as_str().to_string())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    match (&r.current_title, grade.is_empty()) {
        (Some(title), false) => parts.push(format!("{title} ({grade})")),
        (Some(title), true) => parts.push(title.clone()),
        (None, _) => parts.push("no current title read".to_string()),
    }
    parts.push(match r.years {
        Some(y) => format!("{y:.1} years"),
        None => "years unknown".to_string(),
    });
    parts.push(format!("degree: {}", r.highest_degree.as_str()));
    parts.push(format!("{} skills found", r.skills.len()));
    parts.join(", ")
}

fn family_level(row: &RankRow) -> String {
    [row.family.clone(), row.level.map(|l| l.as_str().to_string())].into_iter().flatten().collect::<Vec<_>>().join(", ")
}

fn ranked(ranking: &Ranking) -> impl Iterator<Item = &RankRow> {
    ranking.rows.iter().filter(|r| r.error.is_none())
}

fn failed(ranking: &Ranking) -> impl Iterator<Item = &RankRow> {
    ranking.rows.iter().filter(|r| r.error.is_some())
}

/// Missing required skills named per posting in the text table.
const MISSING_SHOWN: usize = 6;

/// The table a job seeker reads: per posting its place, score and required skills met on
/// one line with the title, then the file, what is missing and the one action worth most.
fn text(ranking: &Ranking, s: Style) -> String {
    let mut out = String::new();
    let width = s.width.max(60);
    let resume = ranking.resume.path.rsplit(['/', '\\']).next().unwrap_or_default();
    let n = ranked(ranking).count();
    let para = |out: &mut String, lead: &str, text: &str| {
        let indent = visible_len(lead);
        for (i, line) in wrap(text, width.saturating_sub(indent).max(20)).iter().enumerate() {
            let prefix = if i == 0 { lead.to_string() } else { " ".repeat(indent) };
            let _ = writeln!(out, "{}", format!("{prefix}{line}").trim_end());
        }
    };
    para(
        &mut out,
        "",
        &format!(
            "{}  {}",
            s.bold(&format!("{n} posting{} ranked for {resume}, best fit first", if n == 1 { "" } else { "s" })),
            s.dim(&format!("(as of {})", ranking.as_of))
        ),
    );
    para(&mut out, &format!("{} ", s.bold("Where you stand:")), &where_you_stand(ranking));
    out.push('\n');
    if n > 0 {
        // Columns: rank (3), score (5), required met (8), then the posting.
        let head = format!("{:>3}  {}  {}  {}", "#", pad("Score", 5), pad("Required", 8), "Posting");
        let _ = writeln!(out, "{}", s.dim(&head));
        let indent = " ".repeat(3 + 2 + 5 + 2 + 8 + 2);
        for r in ranked(ranking) {
            let score = r.score.unwrap_or(0);
            let painted = match score {
                70..=100 => s.green(&format!("{score:>5}")),
                40..=69 => s.yellow(&format!("{score:>5}")),
                _ => s.red(&format!("{score:>5}")),
            };
            let required = match (r.required_met, r.required_total) {
                (Some(m), Some(t)) if t > 0 => format!("{m} of {t}"),
                _ => "none".to_string(),
            };
            let lead = format!("{:>3}  {painted}  {}  ", r.rank.unwrap_or(0), pad(&required, 8));
            para(&mut out, &lead, &s.bold(r.title.as_deref().unwrap_or(&r.file)));
            // "none" is the contract's word for a posting outside the five families.
            let where_ = match r.family.as_deref() {
                Some("none") => "outside the data and ML roles".to_string(),
                _ => family_level(r),
            };
            let file = if where_.is_empty() { r.file.clone() } else { format!("{}  ({where_})", r.file) };
            para(&mut out, &indent, &s.dim(&file));
            let missing = r.missing_required.as_deref().unwrap_or_default();
            match missing.len() {
                0 if r.required_total.unwrap_or(0) > 0 => {
                    para(&mut out, &indent, &s.green("Every required skill shown."))
                }
                0 => {}
                n => {
                    // A compact table: the first few; the JSON, CSV and report have them all.
                    let mut names = missing.iter().take(MISSING_SHOWN).cloned().collect::<Vec<_>>().join(", ");
                    if n > MISSING_SHOWN {
                        let _ = write!(names, " and {} more", n - MISSING_SHOWN);
                    }
                    para(&mut out, &format!("{indent}{} ", s.red("Missing:")), &names);
                }
            }
            if let Some(Some(gain)) = &r.biggest_gain {
                para(
                    &mut out,
                    &format!("{indent}{} ", s.bold(&format!("Biggest gain +{}:", one_decimal(gain.points)))),
                    &gain.action,
                );
            }
        }
    } else {
        para(&mut out, "", "No posting could be ranked.");
    }
    let failures: Vec<&RankRow> = failed(ranking).collect();
    if !failures.is_empty() {
        out.push('\n');
        para(&mut out, "", &s.bold(&format!("Could not be read ({})", failures.len())));
        for r in failures {
            let message = r.error.as_ref().map(|e| e.message.as_str()).unwrap_or_default();
            para(&mut out, "  ", &format!("{}: {message}", r.file));
        }
    }
    if !ranking.skipped.is_empty() {
        out.push('\n');
        para(&mut out, "", &s.bold(&format!("Not job postings, not ranked ({})", ranking.skipped.len())));
        for k in &ranking.skipped {
            para(&mut out, "  ", &s.dim(&format!("{}: {}", k.file, k.reason)));
        }
    }
    if n > 0 {
        out.push('\n');
        para(
            &mut out,
            "",
            &s.dim("Required = required skills of the posting shown in the resume. The full report for one posting: gap-check RESUME --target POSTING"),
        );
    }
    out
}

/// The shortlist page's look, one row per posting, the details (missing skills, the action
/// worth most) in the row itself: a job seeker compares postings, so nothing is collapsed.
fn page(ranking: &Ranking) -> String {
    let resume = ranking.resume.path.rsplit(['/', '\\']).next().unwrap_or_default();
    let n = ranked(ranking).count();
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            (head(&format!("Postings ranked for {resume}")))
            body {
                main.shortlist {
                    header.list-head {
                        h1 { "Postings ranked for " (resume) }
                        p.hint { (where_you_stand(ranking)) ". As of " (ranking.as_of) "." }
                        p.hint { (n) " postings, best fit first. Click a column heading to sort." }
                    }
                    section #list {
                        table #shortlist {
                            thead { tr {
                                th data-type="num" class="num" { "#" }
                                th data-type="num" class="num" { "Score" }
                                th data-type="text" { "Posting" }
                                th data-type="text" { "Family, level" }
                                th data-type="num" class="num" { "Required met" }
                                th data-type="text" { "Missing required" }
                                th data-type="num" { "Biggest gain" }
                            } }
                            tbody {
                                @for r in ranked(ranking) {
                                    @let score = r.score.unwrap_or(0);
                                    @let gain = r.biggest_gain.as_ref().and_then(Option::as_ref);
                                    tr {
                                        td.num data-value=(r.rank.unwrap_or(0)) { (r.rank.unwrap_or(0)) }
                                        td.num.score data-value=(score) { span class=(format!("pill {}", score_class(score))) { (score) } }
                                        td data-value=(r.title.as_deref().unwrap_or("")) {
                                            b { (r.title.as_deref().unwrap_or("")) }
                                            p.file { (r.file) }
                                        }
                                        td data-value=(family_level(r)) { (family_level(r)) }
                                        td.num data-value=(r.required_met.unwrap_or(0)) {
                                            (r.required_met.unwrap_or(0)) " of " (r.required_total.unwrap_or(0))
                                        }
                                        td data-value=(r.missing_required.as_ref().map_or(0, Vec::len)) {
                                            (r.missing_required.as_ref().map(|m| m.join(", ")).unwrap_or_default())
                                        }
                                        td data-value=(gain.map_or(0.0, |g| g.points)) {
                                            @if let Some(g) = gain { span.gain { "+" (one_decimal(g.points)) } " " (g.action) }
                                        }
                                    }
                                }
                                @for r in failed(ranking) {
                                    tr.error {
                                        td data-value="" {}
                                        td data-value="-1" {}
                                        td data-value=(r.file) { (r.file) }
                                        td colspan="4" data-value="" {
                                            "could not be read: " (r.error.as_ref().map(|e| e.message.as_str()).unwrap_or(""))
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if !ranking.skipped.is_empty() {
                        section {
                            h2 { "Not job postings, not ranked" }
                            ul { @for k in &ranking.skipped { li { (k.file) ": " (k.reason) } } }
                        }
                    }
                    footer { "Made by gap-check " (env!("CARGO_PKG_VERSION")) ". This page loads nothing from outside the file." }
                    script { (PreEscaped(SORT_SCRIPT)) }
                }
            }
        }
    };
    let mut out = markup.into_string();
    out.push('\n');
    out
}
