//! `--format html`: a self-contained page a person understands at a glance. Nothing is
//! loaded from outside the file (no script, style, font or image by URL): the style is inline
//! CSS, the pictures are inline SVG drawn here, and everything that comes from the resume is
//! escaped by maud, which escapes every interpolated value unless told otherwise
//! (`PreEscaped` is used only for the constant CSS and script below).
//!
//! One resume gives one report page ([`report_page`]). A batch gives one shortlist page,
//! streamed: [`shortlist_head`] is written first, one table row per resume as it arrives
//! ([`shortlist_row`], details collapsed inside the row), and [`shortlist_tail`] last. The
//! score histogram needs every score, so it is drawn in the tail from a fixed-size
//! [`Histogram`] filled as rows pass (memory stays bounded however many resumes); the page's
//! CSS places it above the table on screen and on paper although it comes last in the file.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::explain::{self, Mark};
use crate::report::{
    DuplicateBasis, Importance, Level, MatchKind, Record, Report, Requirement, RequirementKind, SkillReport,
};
use crate::taxonomy::Taxonomy;

const CSS: &str = include_str!("html.css");
pub(super) const SORT_SCRIPT: &str = include_str!("sort.js");

pub(super) fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content=(concat!("gap-check ", env!("CARGO_PKG_VERSION")));
            title { (title) }
            style { (PreEscaped(CSS)) }
        }
    }
}

/// A score in points of the 0–100 scale, from weight points.
fn points(weight: f64, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * weight / f64::from(total)
    }
}

pub(super) fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

pub(super) fn score_class(score: u32) -> &'static str {
    match score {
        70..=100 => "good",
        40..=69 => "fair",
        _ => "low",
    }
}

fn mark_class(m: Mark) -> &'static str {
    match m {
        Mark::Met => "met",
        Mark::Partly => "partly",
        Mark::Missing => "missing",
        Mark::PreferredMissing => "pref-missing",
    }
}

fn importance_word(i: Importance) -> &'static str {
    match i {
        Importance::Required => "required",
        Importance::Preferred => "preferred",
    }
}

/// How a skill was recognised, in words.
fn how_found(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Exact => "named",
        MatchKind::Context => "named, confirmed by context",
        MatchKind::Signal => "from leading people",
        MatchKind::Described => "from the work described",
        MatchKind::Spacing => "named, odd spacing",
        MatchKind::Fuzzy => "misspelled",
        MatchKind::Implied => "implied by another skill",
    }
}

fn duration(months: i32) -> String {
    let (y, m) = (months / 12, months % 12);
    match (y, m) {
        (0, m) => format!("{m} mo"),
        (y, 0) => format!("{y} yr"),
        (y, m) => format!("{y} yr {m} mo"),
    }
}

/// The last component of a path as the report gives it.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).find(|p| !p.is_empty()).unwrap_or(path)
}

/// One bar of the score picture: a group of requirements, what it earns and could earn.
struct Group {
    name: String,
    importance: Importance,
    earned: f64,
    possible: f64,
}

fn groups(report: &Report) -> Vec<Group> {
    let total = report.score_detail.total_weight;
    let mut out: Vec<Group> = Vec::new();
    for o in report.matched.iter().chain(report.missing.iter()) {
        let name = match o.kind {
            RequirementKind::Skill => match o.importance {
                Importance::Required => "Required skills",
                Importance::Preferred => "Preferred skills",
            },
            RequirementKind::Experience => "Experience",
            RequirementKind::Education => "Education",
            RequirementKind::Leadership => "Leadership",
        };
        let (earned, possible) = (points(o.earned, total), points(f64::from(o.weight), total));
        match out.iter_mut().find(|g| g.name == name) {
            Some(g) => {
                g.earned += earned;
                g.possible += possible;
            }
            None => out.push(Group { name: name.to_string(), importance: o.importance, earned, possible }),
        }
    }
    let order = ["Required skills", "Preferred skills", "Experience", "Education", "Leadership"];
    out.sort_by_key(|g| order.iter().position(|n| *n == g.name));
    out
}

/// The score as a ring, the number in its middle (`id="score"`, read by the tests).
fn score_ring(score: u32) -> Markup {
    let r = 52.0_f64;
    let circumference = 2.0 * std::f64::consts::PI * r;
    let filled = circumference * f64::from(score.min(100)) / 100.0;
    html! {
        svg.ring viewBox="0 0 120 120" width="132" height="132" role="img"
            aria-label=(format!("Fit score {score} of 100")) {
            circle cx="60" cy="60" r=(r) class="ring-track" {}
            circle cx="60" cy="60" r=(r) class=(format!("ring-fill {}", score_class(score)))
                stroke-dasharray=(format!("{filled:.2} {circumference:.2}")) transform="rotate(-90 60 60)" {}
            text x="60" y="62" text-anchor="middle" class="ring-number" id="score" { (score) }
            text x="60" y="84" text-anchor="middle" class="ring-unit" { "of 100" }
        }
    }
}

/// A bar per requirement group: the track is what the group could earn (to scale with the
/// largest group), the fill what it earns. Labels and figures are text beside each bar, so
/// they stay legible when a phone shrinks the picture.
fn score_bars(report: &Report) -> Markup {
    let groups = groups(report);
    let widest = groups.iter().map(|g| g.possible).fold(0.0_f64, f64::max).max(1.0);
    html! {
        div.bars role="img" aria-label="What the score is made of: points earned and possible per requirement group" {
            @for g in &groups {
                @let kind = if g.importance == Importance::Required { "required" } else { "preferred" };
                div.bar-label { (g.name) }
                svg.bar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                    rect x="0" y="0" width=(format!("{:.2}", 100.0 * g.possible / widest)) height="10" class="bar-track" {}
                    rect x="0" y="0" width=(format!("{:.2}", 100.0 * g.earned / widest)) height="10" class=(format!("bar-fill {kind}")) {}
                }
                div.bar-value { (one_decimal(g.earned)) " of " (one_decimal(g.possible)) }
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        p.legend {
            @for m in Mark::ALL {
                span class=(format!("mark {}", mark_class(m))) { (m.symbol()) } " " (m.meaning()) "   "
            }
        }
    }
}

fn cite(taxonomy: &Taxonomy, o: &Requirement) -> Markup {
    html! {
        @if let Some(source) = o.source.first() {
            span.source {
                cite { (explain::document_title(taxonomy, &source.document)) } " § " (source.section)
            }
        }
    }
}

fn matched_item(report: &Report, taxonomy: &Taxonomy, o: &Requirement) -> Markup {
    let m = Mark::of(o);
    html! {
        li class=(mark_class(m)) {
            span class=(format!("mark {}", mark_class(m))) { (m.symbol()) }
            div.req {
                div.req-label { (o.label) span.tag { (importance_word(o.importance)) } }
                @for id in &o.met_by {
                    @if let Some(k) = report.skills.iter().find(|k| &k.id == id) {
                        @if let Some(e) = k.strongest_evidence() {
                            div.evidence {
                                b { (k.name) } " — line " (e.line) ": " q { (e.text) }
                            }
                        } @else {
                            div.evidence { b { (k.name) } }
                        }
                    }
                }
                @if let Some(note) = &o.note {
                    div.note { (note) ": +" (one_decimal(o.points)) " if a dated job shows it" }
                }
                (cite(taxonomy, o))
            }
        }
    }
}

/// The line of the resume behind a bar (experience, education, leadership), if any.
fn bar_evidence(report: &Report, o: &Requirement) -> Markup {
    html! {
        @match o.kind {
            RequirementKind::Experience => {
                div.evidence {
                    @match report.experience.years {
                        Some(y) if report.experience.basis == "stated" => { (one_decimal(y)) " years, as the resume states" }
                        Some(y) => { (one_decimal(y)) " years in " (report.experience.positions.len()) " dated positions" }
                        None => "no dated position found",
                    }
                }
            }
            RequirementKind::Education => {
                div.evidence {
                    "highest degree: " b { (report.education.highest_degree.as_str()) }
                    @if let Some(field) = &report.education.field { " in " (field) }
                    @if let Some(line) = report.education.line { " — line " (line) }
                }
            }
            RequirementKind::Leadership => {
                @for e in report.leadership.evidence.iter().take(3) {
                    div.evidence { "line " (e.line) ": " q { (e.text) } }
                }
                @if report.leadership.evidence.is_empty() {
                    div.evidence { "no line shows leading, managing or mentoring people" }
                }
            }
            RequirementKind::Skill => {}
        }
    }
}

fn bar_item(report: &Report, taxonomy: &Taxonomy, o: &Requirement) -> Markup {
    let m = Mark::of(o);
    html! {
        li class=(mark_class(m)) {
            span class=(format!("mark {}", mark_class(m))) { (m.symbol()) }
            div.req {
                div.req-label { (o.label) span.tag { (importance_word(o.importance)) }
                    @if o.points > 0.0 { span.gain { "+" (one_decimal(o.points)) } } }
                (bar_evidence(report, o))
                (cite(taxonomy, o))
            }
        }
    }
}

fn missing_item(taxonomy: &Taxonomy, o: &Requirement) -> Markup {
    let m = Mark::of(o);
    html! {
        li class=(mark_class(m)) {
            span class=(format!("mark {}", mark_class(m))) { (m.symbol()) }
            div.req {
                div.req-label { (o.label) span.tag { (importance_word(o.importance)) }
                    span.gain { "+" (one_decimal(o.points)) } }
                div.evidence { "not found in the resume" }
                (cite(taxonomy, o))
            }
        }
    }
}

fn skill_chip(k: &SkillReport) -> Markup {
    let fuzzy = matches!(k.kind, MatchKind::Fuzzy | MatchKind::Spacing);
    html! {
        li class=(if fuzzy { "chip fuzzy" } else { "chip" }) {
            b { (k.name) }
            span.how { (how_found(k.kind))
                @if fuzzy { @if let Some(e) = k.strongest_evidence() { " “" (e.matched) "”" } } }
            span.months {
                @match k.months {
                    Some(m) if m > 0 => { (duration(m)) " in dated jobs" }
                    _ => "listed only",
                }
            }
            @if let Some(e) = k.strongest_evidence() { span.line { "line " (e.line) } }
        }
    }
}

fn skills_section(report: &Report, taxonomy: &Taxonomy) -> Markup {
    let mut categories: Vec<&str> = Vec::new();
    for k in &report.skills {
        if !categories.contains(&k.category.as_str()) {
            categories.push(&k.category);
        }
    }
    html! {
        section #skills {
            h2 { "Skills found (" (report.skills.len()) ")" }
            @for c in &categories {
                div.category {
                    h3 { (taxonomy.category_name(c)) }
                    ul.chips { @for k in report.skills.iter().filter(|k| k.category == *c) { (skill_chip(k)) } }
                }
            }
        }
    }
}

fn level_of(level: Level) -> crate::taxonomy::Level {
    match level {
        Level::Entry => crate::taxonomy::Level::Entry,
        Level::Mid => crate::taxonomy::Level::Mid,
        Level::Senior => crate::taxonomy::Level::Senior,
        Level::Lead => crate::taxonomy::Level::Lead,
    }
}

const LEVELS: [crate::taxonomy::Level; 4] = [
    crate::taxonomy::Level::Entry,
    crate::taxonomy::Level::Mid,
    crate::taxonomy::Level::Senior,
    crate::taxonomy::Level::Lead,
];

/// The career ladder as a grid: a row per role, a column per level (a lead role starts at
/// lead), "you" where the person stands and "next" at the next step; then the moves between
/// roles the taxonomy's ladder allows, with the ones on the person's path marked.
fn ladder(report: &Report, taxonomy: &Taxonomy) -> Markup {
    let p = &report.progression;
    let here = p.current_role.as_deref().zip(p.current_level.map(level_of));
    let next = p.next_role.as_deref().zip(p.next_level.map(level_of));
    let path: Vec<String> = match (&p.current_role, &p.next_role) {
        (Some(from), Some(to)) if from != to => {
            let mut path = vec![from.clone()];
            path.extend(taxonomy.ladder_path(from, to).unwrap_or_default());
            path
        }
        _ => Vec::new(),
    };
    let on_path = |from: &str, to: &str| path.windows(2).any(|w| w[0] == from && w[1] == to);
    let (name_w, cell_w, cell_h, gap) = (290.0, 112.0, 34.0, 10.0);
    let height = (cell_h + gap) * taxonomy.roles.len() as f64 + 34.0;
    let width = name_w + (cell_w + gap) * 4.0;
    html! {
        section #ladder {
            h2 { "Career ladder" }
            p {
                b { "Where you stand: " }
                (explain::standing(report, taxonomy))
                br;
                b { "Next step: " }
                (explain::next_step(report))
            }
            svg.ladder viewBox=(format!("0 0 {width} {height}")) role="img"
                aria-label="Career ladder: roles by level, where you stand and the next step" {
                @for (c, level) in LEVELS.iter().enumerate() {
                    text x=(name_w + (cell_w + gap) * c as f64 + cell_w / 2.0) y="18" text-anchor="middle"
                        class="ladder-head" { (level.as_str()) }
                }
                @for (r, role) in taxonomy.roles.iter().enumerate() {
                    @let y = 30.0 + (cell_h + gap) * r as f64;
                    text x="0" y=(y + 22.0) class="ladder-role" { (role.title) }
                    @for (c, level) in LEVELS.iter().enumerate() {
                        @if role.level != crate::taxonomy::Level::Lead || *level == crate::taxonomy::Level::Lead {
                            @let x = name_w + (cell_w + gap) * c as f64;
                            @let is_here = here == Some((role.id.as_str(), level.clone()));
                            @let is_next = next == Some((role.id.as_str(), level.clone()));
                            @let class = if is_here { "cell here" } else if is_next { "cell next" } else { "cell" };
                            rect x=(x) y=(y) width=(cell_w) height=(cell_h) rx="6" class=(class) {}
                            @if is_here {
                                text x=(x + cell_w / 2.0) y=(y + 22.0) text-anchor="middle" class="cell-text" { "you are here" }
                            } @else if is_next {
                                text x=(x + cell_w / 2.0) y=(y + 22.0) text-anchor="middle" class="cell-text" { "next step" }
                            }
                        }
                    }
                }
            }
            @if !taxonomy.ladder.is_empty() {
                h3 { "Moves between roles" }
                ul.moves {
                    @for step in &taxonomy.ladder {
                        @let title = |id: &str| taxonomy.role_by_id(id).map(|r| r.title.clone()).unwrap_or_else(|| id.to_string());
                        li class=(if on_path(&step.from, &step.to) { "on-path" } else { "" }) {
                            (title(&step.from)) " → " (title(&step.to))
                            @if on_path(&step.from, &step.to) { " ← your next move" }
                        }
                    }
                }
            }
        }
    }
}

fn actions(report: &Report, taxonomy: &Taxonomy) -> Markup {
    let p = &report.progression;
    let goal = &p.goal_title;
    let widest = p.actions.iter().map(|a| a.points).fold(0.0_f64, f64::max).max(0.1);
    html! {
        section #actions {
            h2 { "What to do next, toward " (goal) }
            @if p.actions.is_empty() {
                p { "Nothing left to add for this role." }
            } @else {
                ol.actions {
                    @for (i, a) in p.actions.iter().enumerate() {
                        li {
                            div.action-gain {
                                b.rank { (i + 1) "." }
                                svg viewBox="0 0 100 12" preserveAspectRatio="none" class="gain-bar" aria-hidden="true" {
                                    rect x="0" y="0" width=(format!("{:.1}", 100.0 * a.points / widest)) height="12" rx="3" {}
                                }
                                span { "+" (one_decimal(a.points)) " points" }
                            }
                            div {
                                (a.action)
                                @if let Some(source) = a.source.first() {
                                    br;
                                    span.source { cite { (explain::document_title(taxonomy, &source.document)) } " § " (source.section) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page for one resume.
pub fn report_page(report: &Report, taxonomy: &Taxonomy) -> String {
    let bars: Vec<&Requirement> = report
        .matched
        .iter()
        .filter(|o| o.kind != RequirementKind::Skill)
        .chain(report.missing.iter().filter(|o| o.kind != RequirementKind::Skill && o.earned > 0.0))
        .collect();
    let matched: Vec<&Requirement> = report.matched.iter().filter(|o| o.kind == RequirementKind::Skill).collect();
    let missing: Vec<&Requirement> = report.missing.iter().collect();
    let (met, total) = explain::skill_counts(report);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            (head(&format!("{} — fit for {}", report.input.path, report.target.title)))
            body {
                main {
                    header.summary {
                        (score_ring(report.score))
                        div {
                            h1 { "Fit for " (report.target.title) }
                            p.file { (report.input.path) " · as of " (report.as_of)
                                @if let Some(choice) = explain::target_choice(report) { " · " (choice) }
                                @if let Some(confidence) = report.input.ocr_confidence.filter(|_| report.input.ocr) {
                                    " · read by OCR (mean word confidence " (format!("{confidence:.0}")) "%): a quoted line may carry recognition errors"
                                } }
                            p.words { b { (report.score) " of 100" } ": " (explain::score_parts(report).join(", ")) }
                        }
                    }
                    section #why {
                        h2 { "Why this score" }
                        ol {
                            @for item in &report.explanation.items {
                                li {
                                    @if item.effect == "raised" {
                                        b { "+" (format!("{:.1}", item.points_added)) }
                                    } @else {
                                        b { "−" (format!("{:.1}", item.points_left_out)) }
                                    }
                                    " " (item.sentence)
                                }
                            }
                        }
                        p.hint { (report.explanation.not_used) }
                    }
                    section #made-of {
                        h2 { "What the score is made of" }
                        p.hint { "Score points per group of requirements: the bar is what the group can give, the colour what this resume earns (dark: required, light: preferred)." }
                        (score_bars(report))
                    }
                    (legend())
                    section #missing {
                        h2 { "Missing, biggest gain first" }
                        @if missing.is_empty() {
                            p { "Nothing missing for this role." }
                        } @else {
                            ul.reqs {
                                @for o in &missing {
                                    @if o.kind == RequirementKind::Skill { (missing_item(taxonomy, o)) }
                                    @else { (bar_item(report, taxonomy, o)) }
                                }
                            }
                        }
                    }
                    (actions(report, taxonomy))
                    (ladder(report, taxonomy))
                    @if !bars.is_empty() {
                        section #bars {
                            h2 { "Experience, education, leadership" }
                            ul.reqs { @for o in &bars { (bar_item(report, taxonomy, o)) } }
                        }
                    }
                    section #matched {
                        h2 { "Matched: " (met) " of " (total) " skill requirements" }
                        ul.reqs { @for o in &matched { (matched_item(report, taxonomy, o)) } }
                    }
                    (skills_section(report, taxonomy))
                    footer {
                        "Made by gap-check " (env!("CARGO_PKG_VERSION")) ". Sources are the role documents of its taxonomy, cited by title and section. "
                        "This page loads nothing from outside the file."
                    }
                }
            }
        }
    };
    page.into_string()
}

/// Scores seen so far, in ten bins (0–9, 10–19, …, 90–100), and the files that failed: all
/// the shortlist's histogram needs, in constant memory.
#[derive(Debug, Default, Clone, Copy)]
pub struct Histogram {
    pub bins: [u64; 10],
    pub failed: u64,
    /// Reports that repeat an earlier one of the batch: listed, but not counted again.
    pub duplicates: u64,
}

impl Histogram {
    pub fn add(&mut self, record: &Record) {
        match record {
            Record::Report(r) if r.input.duplicate_of.is_some() => self.duplicates += 1,
            Record::Report(r) => self.bins[Histogram::bin(r.score)] += 1,
            Record::Error(_) => self.failed += 1,
        }
    }

    /// The bin of a score: tens, with 100 in the last (90–100).
    fn bin(score: u32) -> usize {
        (score.min(100) as usize / 10).min(9)
    }

    fn total(&self) -> u64 {
        self.bins.iter().sum()
    }
}

/// The start of the shortlist page, up to the table's first row.
pub fn shortlist_head() -> String {
    let head = html! {
        (DOCTYPE)
        html lang="en" {
            (head("gap-check shortlist"))
        }
    };
    // The document is opened here and closed by `shortlist_tail`: maud writes whole
    // elements, so the body and table are opened as literal tags around the streamed rows.
    let head = head.into_string();
    let head = head.strip_suffix("</html>").unwrap_or(&head);
    format!(
        "{head}<body><main class=\"shortlist\"><header class=\"list-head\"><h1>Shortlist</h1>\
         <p class=\"hint\">One row per resume. Click a column heading to sort; open a row for its details.</p></header>\
         <section id=\"list\"><table id=\"shortlist\"><thead><tr>\
         <th data-type=\"text\">Resume</th><th data-type=\"text\">Role</th><th data-type=\"num\" class=\"num\">Score</th>\
         <th data-type=\"num\" class=\"num\">Years</th><th data-type=\"num\">Degree</th>\
         <th data-type=\"num\" class=\"num\">Missing required</th><th data-type=\"text\">Next role</th>\
         </tr></thead><tbody>\n"
    )
}

/// One row of the shortlist, with the resume's details collapsed in its first cell.
pub fn shortlist_row(record: &Record) -> String {
    let row = match record {
        Record::Report(r) => {
            let missing_required = r.missing.iter().filter(|o| o.importance == Importance::Required).count();
            let (met, total) = explain::skill_counts(r);
            // A repeat stays in the table (nothing is hidden) but is marked in its first
            // cell, where the eye starts, and greyed by the CSS.
            let duplicate = r.input.duplicate_of.as_ref();
            html! {
                tr class=[duplicate.map(|_| "duplicate")] {
                    td data-value=(r.input.path) {
                        details {
                            summary {
                                (file_name(&r.input.path))
                                @if let Some(d) = duplicate {
                                    " " span.dup title=(d.path) { "duplicate of " (file_name(&d.path)) }
                                }
                            }
                            div.details {
                                p.file { (r.input.path) }
                                @if let Some(d) = duplicate {
                                    p { b { (match d.basis {
                                        DuplicateBasis::SameFile => "Same file as ",
                                        DuplicateBasis::SameText => "Same text as ",
                                    }) } (d.path) ": not counted in the score distribution." }
                                }
                                p { b { (r.score) " of 100" } ": " (explain::score_parts(r).join(", ")) }
                                p { "Matched " (met) " of " (total) " skill requirements." }
                                @if !r.missing.is_empty() {
                                    p { b { "Missing: " } }
                                    ul {
                                        @for o in &r.missing {
                                            li { span class=(format!("mark {}", mark_class(Mark::of(o)))) { (Mark::of(o).symbol()) }
                                                " " (o.label) " (" (importance_word(o.importance)) ", +" (one_decimal(o.points)) ")" }
                                        }
                                    }
                                }
                                @if !r.progression.actions.is_empty() {
                                    p { b { "Next actions: " } }
                                    ol { @for a in r.progression.actions.iter().take(3) { li { (a.action) " (+" (one_decimal(a.points)) ")" } } }
                                }
                            }
                        }
                    }
                    td data-value=(r.target.title) { (r.target.title) }
                    td.num.score data-value=(r.score) {
                        span class=(format!("pill {}", score_class(r.score))) { (r.score) }
                    }
                    td.num data-value=(r.experience.years.map(one_decimal).unwrap_or_else(|| "-1".into())) {
                        (r.experience.years.map(one_decimal).unwrap_or_else(|| "unknown".into()))
                    }
                    td data-value=(r.education.highest_degree as u8) { (r.education.highest_degree.as_str()) }
                    td.num data-value=(missing_required) { (missing_required) }
                    td data-value=(r.progression.next_title.as_deref().unwrap_or("")) {
                        @match (&r.progression.next_title, &r.progression.next_level) {
                            (Some(t), Some(l)) if r.progression.change_of_field => { (t) ", " (l.as_str()) " (change of field)" }
                            (Some(t), Some(l)) => { (t) ", " (l.as_str()) }
                            _ => "top of the ladder",
                        }
                    }
                }
            }
        }
        Record::Error(e) => html! {
            tr.error {
                td data-value=(e.input.path) { (file_name(&e.input.path)) }
                td colspan="6" data-value="" { "could not be read: " (e.error.message) }
            }
        },
    };
    let mut row = row.into_string();
    row.push('\n');
    row
}

/// The end of the shortlist page: the table closed, the score histogram (placed above the
/// table by the CSS), and the sorting script.
pub fn shortlist_tail(histogram: &Histogram) -> String {
    let tallest = histogram.bins.iter().copied().max().unwrap_or(0).max(1);
    let (bar_w, plot_h, left, top) = (52.0, 160.0, 36.0, 26.0);
    let width = left + bar_w * 10.0 + 10.0;
    let height = top + plot_h + 40.0;
    let tail = html! {
        section #distribution {
            h2 { "Score distribution" }
            p.hint {
                (histogram.total()) " resumes scored"
                @if histogram.duplicates > 0 {
                    ", " (histogram.duplicates) " " (if histogram.duplicates == 1 { "duplicate" } else { "duplicates" })
                    " of another resume not counted"
                }
                @if histogram.failed > 0 { ", " (histogram.failed) " could not be read" }
                "."
            }
            svg.histogram viewBox=(format!("0 0 {width} {height}")) role="img"
                aria-label="Histogram of fit scores in bins of ten points" {
                line x1=(left) y1=(top + plot_h) x2=(width - 6.0) y2=(top + plot_h) class="axis" {}
                @for (i, count) in histogram.bins.iter().enumerate() {
                    @let h = plot_h * *count as f64 / tallest as f64;
                    @let x = left + bar_w * i as f64;
                    rect x=(x + 4.0) y=(top + plot_h - h) width=(bar_w - 8.0) height=(format!("{h:.1}")) rx="3"
                        class=(format!("hist {}", score_class(i as u32 * 10 + 5))) {
                        title { (count) " resumes scored " (i * 10) "–" (if i == 9 { 100 } else { i * 10 + 9 }) }
                    }
                    @if *count > 0 {
                        text x=(x + bar_w / 2.0) y=(top + plot_h - h - 4.0) text-anchor="middle" class="hist-count" { (count) }
                    }
                    text x=(x + bar_w / 2.0) y=(top + plot_h + 16.0) text-anchor="middle" class="hist-label" { (i * 10) }
                }
                text x=(left + bar_w * 5.0) y=(top + plot_h + 34.0) text-anchor="middle" class="hist-label" { "fit score" }
            }
        }
        footer { "Made by gap-check " (env!("CARGO_PKG_VERSION")) ". This page loads nothing from outside the file." }
        script { (PreEscaped(SORT_SCRIPT)) }
    };
    format!("</tbody></table></section>{}</main></body></html>\n", tail.into_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ErrorInput, ErrorReport};

    #[test]
    fn histogram_bins_are_tens_with_100_in_the_last() {
        let mut h = Histogram::default();
        for score in [0, 9, 10, 55, 99, 100, 250] {
            h.bins[Histogram::bin(score)] += 1;
        }
        assert_eq!(h.bins, [2, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
        h.add(&Record::Error(ErrorReport {
            schema_version: "1.0",
            input: ErrorInput { path: "x.pdf".into(), path_bytes: None },
            error: crate::report::ErrorDetail { code: "empty", message: "empty".into() },
        }));
        assert_eq!((h.total(), h.failed), (7, 1));
    }

    #[test]
    fn file_names_and_durations_read_as_a_person_says_them() {
        assert_eq!(file_name("fixtures/resumes/a.pdf"), "a.pdf");
        assert_eq!(file_name("a.pdf"), "a.pdf");
        assert_eq!(file_name("C:\\cv\\b.docx"), "b.docx");
        assert_eq!(duration(78), "6 yr 6 mo");
        assert_eq!(duration(24), "2 yr");
        assert_eq!(duration(5), "5 mo");
    }
}
