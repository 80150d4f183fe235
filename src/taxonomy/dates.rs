//! `[dates]` of `vocabulary.toml`: the month names and the words of a date range ("Present",
//! "to", "Since") and of the experience a resume states ("8+ years of experience"), compiled
//! into the patterns `parse::dates` reads them with. The patterns' shape (digits, separators,
//! years) is here beside the words they are built from; what a match means is `parse::dates`'.

use std::collections::HashMap;

use serde::Deserialize;

use super::lazy::LazyRegex;

use crate::error::TaxonomyError;

use super::VOCABULARY_FILE;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    /// Each month's spellings, January first: a month's number is its place in the list.
    pub months: Vec<Vec<String>>,
    /// The end of a range that is still running ("Present", "till date").
    pub now: Vec<String>,
    /// Words between the two dates of a range, besides dashes ("2019 to 2021").
    pub range_words: Vec<String>,
    /// Words that end a line whose range goes on, on the next line ("2021 to").
    pub open_end_words: Vec<String>,
    /// Words before the start of an open range ("Since 2020").
    pub since_words: Vec<String>,
    /// Words between "years of" and "experience" in a stated career total ("years of total
    /// experience").
    pub career_words: Vec<String>,
    /// In a resume run together on one line, words that end the previous job's dates
    /// ("… to Present Data Engineer …"): the next job's title starts after them.
    pub run_on_stops: Vec<String>,
    /// The words of the experience a resume states ("8+ years of experience", "Experience -
    /// 48 months"): the thing, its units, and the words around the number.
    pub experience_words: Vec<String>,
    pub year_words: Vec<String>,
    pub month_words: Vec<String>,
    /// Before the number ("experience of over 2 years").
    pub about_words: Vec<String>,
    /// Between years and experience ("5 years of experience", "experience of 2 years").
    pub of_words: Vec<String>,
    /// A career total that opens with its name ("Total IT Experience: 13 years"): the name,
    /// the kinds of experience it may name, and the words before the number.
    pub total_words: Vec<String>,
    pub total_kinds: Vec<String>,
    pub total_links: Vec<String>,
}

// Digits are ASCII `[0-9]`, not `\d`: a year or a month in other digits is no number that
// `str::parse` reads, and Unicode's hundreds of digit ranges multiplied the compile time of
// every date pattern, paid by every run (issue 25).
const YEAR: &str = r"(?:19[5-9][0-9]|20[0-4][0-9])";

/// The compiled date patterns (see `parse::dates` for what each one finds).
#[derive(Debug, Clone)]
pub struct Dates {
    pub range: LazyRegex,
    pub bare_range: LazyRegex,
    pub leading_open: LazyRegex,
    pub since: LazyRegex,
    pub dangling: LazyRegex,
    pub edge_date: LazyRegex,
    pub now: LazyRegex,
    pub parts: LazyRegex,
    pub career_total: LazyRegex,
    /// Any total a resume states for itself, a career's or one skill's.
    pub stated_total: LazyRegex,
    /// The months a job portal's skill table gives one skill.
    pub skill_table: LazyRegex,
    pub trailing_month: LazyRegex,
    pub leading_year: LazyRegex,
    pub a_year: LazyRegex,
    /// Every month spelling, lower case and without a full stop, to its number (1–12).
    months: HashMap<String, u32>,
    pub run_on_stops: Vec<String>,
}

/// The words as regex alternatives, in their order; a space in a phrase is any whitespace.
fn alternatives<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    words.into_iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

/// `(?-u:\b)word(?-u:\b)|…`: each word whole.
fn whole_words(words: &[String]) -> String {
    words.iter().map(|w| format!(r"(?-u:\b){}(?-u:\b)", regex::escape(w))).collect::<Vec<_>>().join("|")
}

/// `eager`: compiled now (a user's taxonomy, whose errors are reported on load); else on
/// first use (the built-in one, compiled by the tests).
fn compile(name: &str, pattern: &str, eager: bool) -> Result<LazyRegex, TaxonomyError> {
    LazyRegex::new(pattern.to_string(), eager)
        .map_err(|e| TaxonomyError::new(VOCABULARY_FILE, format!("[dates] {name}: {e}")))
}

impl Dates {
    pub fn new(words: &DateWords, eager: bool) -> Result<Dates, TaxonomyError> {
        if words.months.len() != 12 || words.months.iter().any(Vec::is_empty) {
            return Err(TaxonomyError::new(
                VOCABULARY_FILE,
                "[dates.months] must list 12 months, each with a spelling",
            ));
        }
        let mut months = HashMap::new();
        for (i, spellings) in words.months.iter().enumerate() {
            for spelling in spellings {
                super::vocabulary::check_word(spelling, "dates.months")?;
                if months.insert(spelling.clone(), i as u32 + 1).is_some() {
                    return Err(TaxonomyError::new(
                        VOCABULARY_FILE,
                        format!("[dates.months] '{spelling}' is listed twice"),
                    ));
                }
            }
        }
        // Each month's spellings longest first, so that "September" is not read as "Sep".
        let month_name = format!(
            r"(?:{})\.?",
            alternatives(words.months.iter().flat_map(|spellings| {
                let mut sorted: Vec<&String> = spellings.iter().collect();
                sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
                sorted
            }))
        );
        let now = format!("(?:{})", alternatives(&words.now));
        let range_words = whole_words(&words.range_words);
        let open_end_words = whole_words(&words.open_end_words);
        let since_words = alternatives(&words.since_words);
        let career_words = alternatives(&words.career_words);
        let experience = format!("(?:{})", alternatives(&words.experience_words));
        let years = format!("(?:{})", alternatives(&words.year_words));
        let month_unit = format!("(?:{})", alternatives(&words.month_words));
        let about = format!(r"(?:(?:{})\s+)?", alternatives(&words.about_words));
        let of = format!("(?:{})", alternatives(&words.of_words));
        let total = format!("(?:{})", alternatives(&words.total_words));
        let total_kinds = format!(r"(?:(?:{})\s+)?", alternatives(&words.total_kinds));
        let total_links = alternatives(&words.total_links);
        let skill_table = format!(r"(?-u:\b){experience}\s*-\s*(?P<m>[0-9]{{1,3}})\s*{month_unit}");
        let date = format!(
            r"(?:{month_name}\s*,?\s*(?:[0-9]{{1,2}},?\s+)?(?:{YEAR}|'[0-9]{{2}})|[0-9]{{1,2}}\s*[/.]\s*{YEAR}|{YEAR}\s*[/.]\s*[0-9]{{1,2}}|{YEAR}-(?:0[1-9]|1[0-2])(?-u:\b)|{YEAR})"
        );
        let month_date = format!(r"{month_name}\s*(?:{YEAR})");
        let compile = |name: &str, pattern: &str| compile(name, pattern, eager);
        Ok(Dates {
            range: compile(
                "range",
                &format!(
                    r"(?i)(?-u:\b)(?P<start>{date})\s*(?:-{{1,3}}|–{{1,2}}|—|‐|‑|−|\u{{00AD}}|{range_words})\s*(?P<end>{date}|{now})(?-u:\b)"
                ),
            )?,
            bare_range: compile(
                "bare range",
                &format!(r"(?i)(?-u:\b)(?P<start>{month_date})\s+(?P<end>{month_date}|{now})(?-u:\b)"),
            )?,
            leading_open: compile(
                "leading open range",
                &format!(r"(?i)^\s*(?P<start>{date})\s*(?:-{{1,3}}|–|—)\s+[A-Za-z]"),
            )?,
            since: compile("since", &format!(r"(?i)(?-u:\b)(?:{since_words})\s+(?P<start>{date})(?-u:\b)"))?,
            dangling: compile("dangling", &format!(r"(?i)(?-u:\b){date}\s*(?:-{{1,3}}|–|—|{open_end_words})\s*$"))?,
            edge_date: compile(
                "edge date",
                &format!(r"(?i)^\s*(?P<a>{date}|{now})(?-u:\b)|(?-u:\b)(?P<b>{date}|{now})\s*$"),
            )?,
            now: compile("now", &format!(r"(?i)^{now}$"))?,
            parts: compile(
                "date parts",
                &format!(
                    r"(?i)^(?:(?P<mname>{month_name})\s*,?\s*(?:[0-9]{{1,2}},?\s+)?(?:(?P<y1>{YEAR})|'(?P<yy>[0-9]{{2}}))|(?P<m1>[0-9]{{1,2}})\s*[/.]\s*(?P<y2>{YEAR})|(?P<y3>{YEAR})\s*[/.\-]\s*(?P<m2>[0-9]{{1,2}})|(?P<y4>{YEAR}))$"
                ),
            )?,
            career_total: compile(
                "career total",
                &format!(
                    r"(?i)(?-u:\b){total}\s+{total_kinds}{experience}\s*(?:{total_links}|:|-)?\s*{about}(?P<y1>[0-9]{{1,2}}(?:\.[0-9]{{1,2}})?)\+?\s*{years}|(?-u:\b)(?P<y2>[0-9]{{1,2}}(?:\.[0-9]{{1,2}})?)\+?\s*{years}\.?\s+{of}\s+(?:(?:{career_words})\s+){{0,2}}{experience}"
                ),
            )?,
            stated_total: compile(
                "stated total",
                &format!(
                    r"(?i){skill_table}|(?-u:\b){experience}\s+{of}\s+{about}(?P<y1>[0-9]{{1,2}}(?:\.[0-9])?)\+?\s*{years}|(?-u:\b)(?P<y2>[0-9]{{1,2}}(?:\.[0-9])?)\+?\s*{years}\.?\s+(?:{of}\s+)?(?:\w+\s+){{0,3}}?{experience}"
                ),
            )?,
            skill_table: compile("skill table", &format!("(?i){skill_table}"))?,
            trailing_month: compile("trailing month", &format!(r"(?i)(?-u:\b){month_name}\s*$"))?,
            leading_year: compile("leading year", &format!(r"^\s*{YEAR}(?-u:\b)"))?,
            a_year: compile("a year", &format!(r"(?-u:\b){YEAR}(?-u:\b)"))?,
            months,
            run_on_stops: words.run_on_stops.clone(),
        })
    }

    /// The number (1–12) of a month name as matched ("Sept.", "JANUARY").
    pub fn month_number(&self, name: &str) -> Option<u32> {
        self.months.get(name.trim_end_matches('.').to_lowercase().as_str()).copied()
    }
}
