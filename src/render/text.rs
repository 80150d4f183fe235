//! The terminal report: what a person reads to decide what to do next. Lines fit the
//! output's width (the terminal's, `COLUMNS`, or 100 columns when not a terminal): labels
//! and lists wrap under their column instead of being cut.

use std::fmt::Write;

use super::explain::{self, Mark};
use crate::report::{DuplicateBasis, MatchKind, Report, Requirement, RequirementKind};
use crate::taxonomy::Taxonomy;

/// ANSI styling (off unless the output is a terminal and `NO_COLOR` is unset) and the width
/// lines are wrapped to.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Width of the report when stdout is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: usize = 100;
/// Narrower than this, the columns no longer make sense: lines overflow instead.
const MIN_WIDTH: usize = 40;

impl Style {
    /// The style for stdout: `COLUMNS` if set, else the terminal's width, else 100.
    pub fn for_stdout(color: bool) -> Style {
        let columns = std::env::var("COLUMNS").ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0);
        let terminal = || terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0));
        Style { color, width: columns.or_else(terminal).unwrap_or(DEFAULT_WIDTH) }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub(super) fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    pub(super) fn green(&self, t: &str) -> String {
        self.paint("32", t)
    }
    pub(super) fn red(&self, t: &str) -> String {
        self.paint("31", t)
    }
    pub(super) fn yellow(&self, t: &str) -> String {
        self.paint("33", t)
    }
    pub(super) fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    fn mark(&self, m: Mark) -> String {
        match m {
            Mark::Met => self.green(m.symbol()),
            Mark::Partly => self.yellow(m.symbol()),
            Mark::Missing => self.red(m.symbol()),
            Mark::PreferredMissing => self.dim(m.symbol()),
        }
    }
}

/// A space that wrapping does not break at (a skill and its line number stay together);
/// printed as a plain space.
const GLUE: char = '\u{a0}';

/// Width on screen: characters outside ANSI escape sequences.
pub(super) fn visible_len(text: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in text.chars() {
        if in_escape {
            in_escape = c != 'm';
        } else if c == '\x1b' {
            in_escape = true;
        } else {
            n += 1;
        }
    }
    n
}

/// The last ANSI sequence of a line if it leaves a style open.
fn open_style(line: &str) -> Option<&str> {
    let start = line.rfind('\x1b')?;
    let end = start + line[start..].find('m')? + 1;
    let seq = &line[start..end];
    (seq != "\x1b[0m").then_some(seq)
}

/// Greedy word wrap to `width` visible columns. A style left open at the end of a line is
/// closed there and opened again on the next, so that wrapped colour never bleeds into the
/// next column. A single word longer than the width stays whole.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split(' ') {
        let w = visible_len(word);
        if len > 0 && len + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        } else if !line.is_empty() {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
    }
    lines.push(line);
    for i in 0..lines.len() {
        if let Some(seq) = open_style(&lines[i]).map(str::to_string) {
            lines[i].push_str("\x1b[0m");
            if let Some(next) = lines.get_mut(i + 1) {
                next.insert_str(0, &seq);
            }
        }
    }
    lines.iter().map(|l| l.trim_end().to_string()).collect()
}

pub(super) fn pad(text: &str, width: usize) -> String {
    let n = visible_len(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

/// Lays out a report: paragraphs with a hanging indent and two-column rows, all within
/// `width`.
struct Layout {
    out: String,
    width: usize,
}

impl Layout {
    /// `lead` (e.g. "  ✓ ") then `text` wrapped under the end of the lead.
    fn hanging(&mut self, lead: &str, text: &str) {
        let indent = visible_len(lead);
        let lines = wrap(text, self.width.max(MIN_WIDTH).saturating_sub(indent).max(1));
        for (i, line) in lines.iter().enumerate() {
            let prefix = if i == 0 { lead.to_string() } else { " ".repeat(indent) };
            let _ = writeln!(self.out, "{}", format!("{prefix}{line}").trim_end().replace(GLUE, " "));
        }
    }

    /// `lead`, `left` wrapped in a column `col` wide, two spaces, `right` wrapped in the rest.
    fn columns(&mut self, lead: &str, left: &str, col: usize, right: &str) {
        let indent = visible_len(lead);
        let rest = self.width.max(MIN_WIDTH).saturating_sub(indent + col + 2).max(1);
        let (left, right) = (wrap(left, col), wrap(right, rest));
        for i in 0..left.len().max(right.len()) {
            let prefix = if i == 0 { lead.to_string() } else { " ".repeat(indent) };
            let l = left.get(i).map(String::as_str).unwrap_or("");
            let r = right.get(i).map(String::as_str).unwrap_or("");
            let _ = writeln!(self.out, "{}", format!("{prefix}{}  {r}", pad(l, col)).trim_end().replace(GLUE, " "));
        }
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }
}

/// The label column: as wide as the longest label, at most 45% of the line.
fn label_column(labels: impl Iterator<Item = usize>, width: usize, lead: usize) -> usize {
    let widest = labels.max().unwrap_or(10);
    widest.min((width.max(MIN_WIDTH) - lead) * 45 / 100).max(10)
}

/// The base name only: folder names can name a person.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or_default()
}

pub fn render(report: &Report, taxonomy: &Taxonomy, style: Style) -> String {
    let s = style;
    let mut page = Layout { out: String::new(), width: s.width };
    let best_fit = explain::target_choice(report).map(|c| format!("[{c}]")).unwrap_or_default();
    page.hanging(
        "",
        &format!(
            "{}  →  {} {}",
            s.bold(base_name(&report.input.path)),
            s.bold(&format!("{} ({})", report.target.title, report.target.id)),
            best_fit.trim()
        ),
    );
    // A repeat of an earlier resume of the batch says so first, so a reader ranking the
    // batch does not count the candidate twice. Base names, as in the header above.
    if let Some(first) = &report.input.duplicate_of {
        let same = match first.basis {
            DuplicateBasis::SameFile => "Same file as",
            DuplicateBasis::SameText => "Same text as",
        };
        page.hanging("", &s.yellow(&format!("{same} {}", base_name(&first.path))));
    }
    let score = format!("{} of 100", report.score);
    let painted = match report.score {
        70..=100 => s.green(&score),
        40..=69 => s.yellow(&score),
        _ => s.red(&score),
    };
    let parts = explain::score_parts(report).join(", ");
    page.hanging(
        "Fit score ",
        &format!("{}: {parts}{}", s.bold(&painted), s.dim(&format!("; as of {}{}", report.as_of, as_of_note(report)))),
    );
    page.hanging("", &s.dim(&format!("{}   l.12 = resume line 12", explain::legend())));
    // Evidence lines of a scan may carry recognition errors: the reader should know.
    if let Some(confidence) = report.input.ocr_confidence.filter(|_| report.input.ocr) {
        page.hanging(
            "",
            &s.dim(&format!("Read by OCR from a scan or picture (mean word confidence {confidence:.0}%): a quoted line may carry recognition errors.")),
        );
    }
    page.blank();
    page.hanging("", &s.bold("Why this score"));
    for (i, item) in report.explanation.items.iter().enumerate() {
        let sign = if item.effect == "raised" {
            format!("+{:.1}", item.points_added)
        } else {
            format!("-{:.1}", item.points_left_out)
        };
        page.hanging(&format!("  {}. {sign:>5}  ", i + 1), &item.sentence);
    }
    if let Some(cap) = report.score_detail.capped_at {
        page.hanging("  ", &crate::explain::capped_sentence(cap));
    }
    page.hanging("  ", report.explanation.not_used);
    page.blank();

    bars(&mut page, report, s);

    let skill_reqs: Vec<&Requirement> = report.matched.iter().filter(|o| o.kind == RequirementKind::Skill).collect();
    let (met, total) = explain::skill_counts(report);
    page.hanging("", &s.bold(&format!("Matched {met} of {total} skill requirements")));
    let col = label_column(skill_reqs.iter().map(|o| o.label.chars().count()), s.width, 4);
    for o in &skill_reqs {
        let shown: Vec<String> = o
            .met_by
            .iter()
            .map(|id| match report.skills.iter().find(|k| &k.id == id) {
                Some(k) => {
                    let line = k.strongest_evidence().map(|e| format!("l.{}", e.line)).unwrap_or_default();
                    // How the quoted line shows it: a misspelling, or work described.
                    let how = match k.strongest_evidence().map(|e| e.kind) {
                        Some(MatchKind::Fuzzy | MatchKind::Spacing) => format!(" {}", s.yellow("misspelled")),
                        Some(MatchKind::Described) => format!(" {}", s.dim("described")),
                        _ => String::new(),
                    };
                    format!("{}{GLUE}{}{how}", k.name, s.dim(&line))
                }
                None => id.clone(),
            })
            .collect();
        let note = match &o.note {
            Some(note) => format!("  {}", s.yellow(&format!("({note}: +{:.1} if a job shows it)", o.points))),
            None => String::new(),
        };
        page.columns(&format!("  {} ", s.mark(Mark::of(o))), &o.label, col, &format!("{}{note}", shown.join(", ")));
    }
    page.blank();

    if report.missing.is_empty() {
        page.hanging("", &s.bold("Nothing missing for this role."));
    } else {
        page.hanging("", &s.bold("Missing, biggest gain first (+ score points if met)"));
        for o in &report.missing {
            let importance = match Mark::of(o) {
                Mark::Missing => s.red("required"),
                Mark::Partly => s.yellow("met in part"),
                _ => s.yellow("preferred"),
            };
            page.hanging(
                &format!("  {} {:>5}  ", s.mark(Mark::of(o)), format!("+{:.1}", o.points)),
                &format!("{}  ({importance})", o.label),
            );
            if let Some(note) = &o.note {
                page.hanging("           ", &s.yellow(note));
            }
            if let Some(source) = o.source.first() {
                page.hanging("           ", &s.dim(&explain::cite(taxonomy, source)));
            }
        }
    }
    page.blank();

    page.hanging("", &s.bold(&format!("Skills found ({})", report.skills.len())));
    let mut categories: Vec<&str> = Vec::new();
    for k in &report.skills {
        if !categories.contains(&k.category.as_str()) {
            categories.push(&k.category);
        }
    }
    let col = label_column(categories.iter().map(|c| taxonomy.category_name(c).chars().count()), s.width, 2);
    for category in categories {
        let names: Vec<String> = report
            .skills
            .iter()
            .filter(|k| k.category == category)
            .map(|k| {
                let line = k.strongest_evidence().map(|e| e.line).unwrap_or(0);
                let note = match k.kind {
                    MatchKind::Fuzzy | MatchKind::Spacing => {
                        let written = k.strongest_evidence().map(|e| e.matched.as_str()).unwrap_or("");
                        format!(" {}", s.yellow(&format!("(fuzzy: \"{written}\")")))
                    }
                    MatchKind::Implied => format!(" {}", s.dim("(implied)")),
                    MatchKind::Described => format!(" {}", s.dim("(described)")),
                    _ => String::new(),
                };
                format!("{}{GLUE}{}{note}", k.name, s.dim(&format!("l.{line}")))
            })
            .collect();
        page.columns("  ", taxonomy.category_name(category), col, &names.join(", "));
    }
    page.blank();

    let p = &report.progression;
    page.hanging(&format!("{} ", s.bold("Where you stand:")), &explain::standing(report, taxonomy));
    page.hanging(&format!("{} ", s.bold("Next step:")), &explain::next_step(report));
    if !p.actions.is_empty() {
        page.hanging("", &s.bold(&format!("Actions toward {}, biggest gain first", p.goal_title)));
        for (i, a) in p.actions.iter().enumerate() {
            page.hanging(&format!("  {}. {:>5}  ", i + 1, format!("+{:.1}", a.points)), &a.action);
            if let Some(source) = a.source.first() {
                page.hanging("            ", &s.dim(&explain::cite(taxonomy, source)));
            }
        }
    }
    page.out
}

/// The experience, education and leadership lines, for the bars the role has.
fn bars(page: &mut Layout, report: &Report, s: Style) {
    let needs = |o: &Requirement| s.dim(&format!("  needs {}", o.label));
    let mut any = false;
    if let Some(exp) = explain::bar(report, RequirementKind::Experience) {
        let years = match report.experience.years {
            Some(y) if report.experience.basis == "stated" => format!("{y:.1} years, as the resume states"),
            Some(y) => {
                let n = report.experience.positions.len();
                format!("{y:.1} years in {n} dated position{}", if n == 1 { "" } else { "s" })
            }
            None => "unknown (no dated positions found)".to_string(),
        };
        page.columns(&format!("{} ", s.mark(Mark::of(exp))), "Experience", 10, &format!("{years}{}", needs(exp)));
        any = true;
    }
    if let Some(edu) = explain::bar(report, RequirementKind::Education) {
        let degree = match (&report.education.field, report.education.line) {
            (Some(field), Some(line)) => {
                format!("{} in {field} {}", report.education.highest_degree.as_str(), s.dim(&format!("l.{line}")))
            }
            (None, Some(line)) => {
                format!("{} {}", report.education.highest_degree.as_str(), s.dim(&format!("l.{line}")))
            }
            _ => report.education.highest_degree.as_str().to_string(),
        };
        page.columns(&format!("{} ", s.mark(Mark::of(edu))), "Education", 10, &format!("{degree}{}", needs(edu)));
        any = true;
    }
    if let Some(lead) = explain::bar(report, RequirementKind::Leadership) {
        let leadership = match report.leadership.strongest() {
            Some(first) => format!(
                "{} line{} show{} leading people, e.g. {} \"{}\"",
                report.leadership.evidence_total,
                if report.leadership.evidence_total == 1 { "" } else { "s" },
                if report.leadership.evidence_total == 1 { "s" } else { "" },
                s.dim(&format!("l.{}", first.line)),
                first.text
            ),
            None => "no line shows leading, managing or mentoring people".to_string(),
        };
        page.columns(&format!("{} ", s.mark(Mark::of(lead))), "Leadership", 10, &leadership);
        any = true;
    }
    if any {
        page.blank();
    }
}

/// Said only when "Present" is not the date the reader expects: the document's own date.
fn as_of_note(report: &Report) -> &'static str {
    match report.experience.as_of_basis {
        crate::report::AsOfBasis::Document => " (the document's own date)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let text = "a core programming language (Python, R or Java) and more words after it";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| visible_len(l) <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn escapes_take_no_width_and_colour_is_closed_at_each_line_end() {
        let red = "\x1b[31mone two three four\x1b[0m";
        assert_eq!(visible_len(red), 18);
        let lines = wrap(red, 9);
        assert_eq!(lines, vec!["\x1b[31mone two\x1b[0m", "\x1b[31mthree\x1b[0m", "\x1b[31mfour\x1b[0m"]);
    }

    #[test]
    fn a_word_longer_than_the_width_stays_whole() {
        assert_eq!(wrap("short averyveryverylongword end", 8), vec!["short", "averyveryverylongword", "end"]);
    }
}
