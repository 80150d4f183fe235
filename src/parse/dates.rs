//! Date ranges in the forms resumes use: "Jan 2019 – Present", "September 2017 - May 2019",
//! "2016-2020", "03/2018 – 06/2021", "2019.03 - 2020.01", "Jan '19 – Dec '20", "Since 2020".
//!
//! Months are counted as `year * 12 + month - 1`. A range is half-open: a month-precise end
//! is inclusive ("Jan 2019 – Dec 2019" is 12 months), a year-only end is the start of that
//! year ("2016-2020" is 4 years), and "Present" runs through the `as_of` month.
//!
//! The month names and range words are data (`[dates]` in `taxonomy/vocabulary.toml`),
//! compiled into the patterns of [`Dates`] when the taxonomy is loaded.

pub use crate::taxonomy::dates::Dates;

/// A month as `year * 12 + (month - 1)`.
pub type Month = i32;

pub fn month(year: i32, month: u32) -> Month {
    year * 12 + month as i32 - 1
}

pub fn year_of(m: Month) -> i32 {
    m.div_euclid(12)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub start: Month,
    /// Exclusive.
    pub end: Month,
    /// "Present", "current", "Since 2020".
    pub ongoing: bool,
}

impl DateRange {
    pub fn months(&self) -> i32 {
        (self.end - self.start).max(0)
    }
}

/// A parsed single date, and whether it named only a year.
fn parse_date(dates: &Dates, text: &str) -> Option<(Month, bool)> {
    let caps = dates.parts.captures(text.trim())?;
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    if let Some(name) = caps.name("mname") {
        let m = dates.month_number(name.as_str())?;
        let year = num("y1").or_else(|| num("yy").map(|yy| if yy < 50 { 2000 + yy } else { 1900 + yy }))?;
        return Some((month(year, m), false));
    }
    if let (Some(m), Some(y)) = (num("m1"), num("y2")) {
        return (1..=12).contains(&m).then(|| (month(y, m as u32), false));
    }
    if let (Some(y), Some(m)) = (num("y3"), num("m2")) {
        return (1..=12).contains(&m).then(|| (month(y, m as u32), false));
    }
    num("y4").map(|y| (month(y, 1), true))
}

/// The first date range in `text`, resolved against `as_of`, with the byte span it
/// covers. Ranges that start after `as_of` or end before they start are ignored.
pub fn find_range(dates: &Dates, text: &str, as_of: Month) -> Option<(DateRange, std::ops::Range<usize>)> {
    if !has_two_digits(text) {
        return None;
    }
    // A plain search first (fast automaton), captures only on the matched part.
    let (range, bare) = (&dates.range, &dates.bare_range);
    let found = range
        .find(text)
        .and_then(|m| Some((m.start(), range.captures(&text[m.range()])?)))
        .or_else(|| bare.find(text).and_then(|m| Some((m.start(), bare.captures(&text[m.range()])?))));
    if let Some((offset, caps)) = found {
        let whole = caps.get(0)?;
        let (start, _) = parse_date(dates, caps.name("start")?.as_str())?;
        let end_text = caps.name("end")?.as_str();
        let (end, ongoing) = if dates.now.is_match(end_text.trim()) {
            (as_of + 1, true)
        } else {
            let (end, year_only) = parse_date(dates, end_text)?;
            // A year-only end in the start's own year ("Jun 2019 - 2019") runs to that
            // year's end, and at most a year.
            let end = match (year_only, end <= start) {
                (false, _) => end + 1,
                (true, false) => end,
                (true, true) => (start + 12).min(end + 12),
            };
            (end, false)
        };
        return resolve(start, end, ongoing, as_of).map(|r| (r, offset + whole.start()..offset + whole.end()));
    }
    let caps = dates.since.captures(text)?;
    let whole = caps.get(0)?;
    let (start, _) = parse_date(dates, caps.name("start")?.as_str())?;
    resolve(start, as_of + 1, true, as_of).map(|r| (r, whole.range()))
}

/// True when `text` holds a range that is still running at `as_of` ("2024 – Present") or
/// ends after it ("Aug 2023 — May 2027"), or a date after `as_of` ("expected 2027").
pub fn ends_after(dates: &Dates, text: &str, as_of: Month) -> bool {
    if !has_two_digits(text) {
        return false;
    }
    if let Some(caps) = dates.range.captures(text) {
        let end_text = caps.name("end").map_or("", |m| m.as_str());
        if dates.now.is_match(end_text.trim()) {
            return true;
        }
        if let Some((end, year_only)) = parse_date(dates, end_text) {
            let end_year = year_of(end);
            return if year_only { end_year > year_of(as_of) } else { end > as_of };
        }
    }
    dates.a_year.find_iter(text).any(|m| m.as_str().parse::<i32>().is_ok_and(|y| y > year_of(as_of)))
        || dates.since.is_match(text)
}

fn resolve(start: Month, end: Month, ongoing: bool, as_of: Month) -> Option<DateRange> {
    if start > as_of || end <= start {
        return None;
    }
    Some(DateRange { start, end: end.min(as_of + 1), ongoing })
}

/// Every date form has at least two digits in a row: a cheap test before the patterns.
fn has_two_digits(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit())
}

/// Every date range in `text`, in order, with its span.
pub fn find_ranges(dates: &Dates, text: &str, as_of: Month) -> Vec<(DateRange, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let Some((range, span)) = find_range(dates, &text[from..], as_of) else { break };
        out.push((range, from + span.start..from + span.end));
        from += span.end.max(1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}

/// The end of "2021 – " when the line starts with an open range followed by text.
pub fn leading_open_range(dates: &Dates, text: &str) -> Option<usize> {
    if !has_two_digits(text) || dates.range.is_match(text.get(..text.len().min(40)).unwrap_or(text)) {
        return None;
    }
    let caps = dates.leading_open.captures(text)?;
    caps.get(0).map(|m| m.end() - 1)
}

/// The longest total a resume states for itself: "- Experience - 48 months" (job-portal
/// skill tables), "experience of 2 years", "8+ years of experience". In months.
pub fn stated_total(dates: &Dates, text: &str) -> Option<i32> {
    dates
        .stated_total
        .captures_iter(text)
        .filter_map(|c| match c.name("m") {
            Some(m) => m.as_str().parse().ok(),
            None => months_of_years(c.name("y1").or_else(|| c.name("y2"))?.as_str()),
        })
        .filter_map(plausible_months)
        .max()
}

/// The time a job portal's skill table gives one skill: "Hive- Experience - 31 months".
pub fn skill_table_months(dates: &Dates, text: &str) -> Option<i32> {
    dates
        .skill_table
        .captures_iter(text)
        .filter_map(|c| c.named_text("m").parse().ok())
        .filter_map(plausible_months)
        .max()
}

/// A career total the resume states in words: "14 years of experience", "total experience
/// of 13 years", "Total Experience: 2 years", "over 6 years of experience". In months. Unlike
/// [`stated_total`], a skill table's "Experience - 48 months" (one skill's time) is not one.
pub fn stated_career_total(dates: &Dates, text: &str) -> Option<i32> {
    let caps = dates.career_total.captures(text)?;
    // "1+ years of relevant experience" is a part of a career, not its total.
    plausible_months(months_of_years(caps.name("y1").or_else(|| caps.name("y2"))?.as_str())?)
}

/// The months of a number of years as written ("2", "2.5"), to the nearest month.
fn months_of_years(years: &str) -> Option<i32> {
    let years: f64 = years.parse().ok()?;
    Some((years * 12.0).round() as i32)
}

/// A stated total is believed from one month to under fifty years.
fn plausible_months(months: i32) -> Option<i32> {
    (months > 0 && months < 600).then_some(months)
}

/// True when the line ends with a month name whose year starts the next line ("… | Apr" /
/// "2022 – Present"): the two are read as one.
pub fn month_split_from_year(dates: &Dates, text: &str, next: &str) -> bool {
    dates.leading_year.is_match(next) && dates.trailing_month.is_match(text)
}

/// True when the line ends in an open range whose end date is on the next line.
pub fn ends_with_open_range(dates: &Dates, text: &str) -> bool {
    has_two_digits(text) && dates.dangling.is_match(text)
}

/// The date or "Present" at either edge of a line, if any.
pub fn date_at_edge<'t>(dates: &Dates, text: &'t str) -> Option<&'t str> {
    let caps = dates.edge_date.captures(text)?;
    caps.name("a").or_else(|| caps.name("b")).map(|m| m.as_str())
}

/// Total months covered by the ranges, overlapping periods counted once.
pub fn union_months(ranges: &[DateRange]) -> i32 {
    let mut sorted: Vec<(Month, Month)> = ranges.iter().map(|r| (r.start, r.end)).collect();
    sorted.sort_unstable();
    let mut total = 0;
    let mut current: Option<(Month, Month)> = None;
    for (start, end) in sorted {
        match current {
            Some((s, e)) if start <= e => current = Some((s, e.max(end))),
            Some((s, e)) => {
                total += e - s;
                current = Some((start, end));
            }
            None => current = Some((start, end)),
        }
    }
    if let Some((s, e)) = current {
        total += e - s;
    }
    total
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::{month, union_months, DateRange, Month};
    use crate::taxonomy::Vocabulary;

    static VOCABULARY: LazyLock<Vocabulary> =
        LazyLock::new(|| Vocabulary::from_toml(include_str!("../../taxonomy/vocabulary.toml")).unwrap());

    // The functions under test, read with the built-in vocabulary's words.
    fn find_range(text: &str, as_of: Month) -> Option<(DateRange, std::ops::Range<usize>)> {
        super::find_range(&VOCABULARY.dates, text, as_of)
    }
    fn find_ranges(text: &str, as_of: Month) -> Vec<(DateRange, std::ops::Range<usize>)> {
        super::find_ranges(&VOCABULARY.dates, text, as_of)
    }
    fn ends_after(text: &str, as_of: Month) -> bool {
        super::ends_after(&VOCABULARY.dates, text, as_of)
    }
    fn ends_with_open_range(text: &str) -> bool {
        super::ends_with_open_range(&VOCABULARY.dates, text)
    }
    fn date_at_edge(text: &str) -> Option<&str> {
        super::date_at_edge(&VOCABULARY.dates, text)
    }
    fn stated_total(text: &str) -> Option<i32> {
        super::stated_total(&VOCABULARY.dates, text)
    }
    fn skill_table_months(text: &str) -> Option<i32> {
        super::skill_table_months(&VOCABULARY.dates, text)
    }
    fn stated_career_total(text: &str) -> Option<i32> {
        super::stated_career_total(&VOCABULARY.dates, text)
    }
    fn month_split_from_year(text: &str, next: &str) -> bool {
        super::month_split_from_year(&VOCABULARY.dates, text, next)
    }
    fn leading_open_range(text: &str) -> Option<usize> {
        super::leading_open_range(&VOCABULARY.dates, text)
    }

    const AS_OF: Month = 2026 * 12 + 10; // November 2026

    fn months(text: &str) -> Option<i32> {
        find_range(text, AS_OF).map(|(r, _)| r.months())
    }

    #[test]
    fn the_forms_resumes_use() {
        assert_eq!(months("Jan 2019 – Dec 2019"), Some(12));
        assert_eq!(months("2016-2020"), Some(48));
        assert_eq!(months("2016 – 2020"), Some(48));
        assert_eq!(months("03/2018 – 06/2021"), Some(40));
        assert_eq!(months("September 2017 - May 2019"), Some(21));
        assert_eq!(months("Sept. 2017 to May 2019"), Some(21));
        assert_eq!(months("2019.03 - 2020.02"), Some(12));
        assert_eq!(months("2021-06 – 2021-09"), Some(4));
        assert_eq!(months("2023-01 – present"), Some(47));
        assert_eq!(months("Jan '19 – Dec '20"), Some(24));
        assert_eq!(months("Jan 2026 – Present"), Some(11));
        assert_eq!(months("Since 2025"), Some(23));
        assert_eq!(months("Mar 2024 - current"), Some(33));
    }

    #[test]
    fn non_ranges_are_ignored() {
        assert_eq!(months("Improved recall by 12-15%"), None);
        assert_eq!(months("Python 3.8 - 3.11"), None);
        assert_eq!(months("Joined in 2030 – 2031"), None);
        assert_eq!(months("2021 - 2019"), None);
    }

    #[test]
    fn present_is_resolved_against_as_of() {
        let (range, _) = find_range("Jan 2020 – Present", month(2022, 12)).unwrap();
        assert_eq!(range.months(), 36);
        assert!(range.ongoing);
    }

    #[test]
    fn a_range_split_over_two_lines_is_detected() {
        assert!(ends_with_open_range("Data Engineer, Acme   2021 –"));
        assert_eq!(date_at_edge("Corvane Robotics, Seattle      Present"), Some("Present"));
        assert_eq!(date_at_edge("Oct 2022"), Some("Oct 2022"));
        assert_eq!(date_at_edge("Corvane Robotics, Seattle"), None);
        assert!(!ends_with_open_range("Data Engineer, Acme   2021 – 2022"));
    }

    #[test]
    fn career_totals_a_resume_states() {
        assert_eq!(stated_career_total("Data engineer with 14 years of experience in banking"), Some(168));
        assert_eq!(stated_career_total("Total Experience: 2 years"), Some(24));
        assert_eq!(stated_career_total("a total experience of 4 years in delivering software"), Some(48));
        assert_eq!(stated_career_total("over 2.5 years of professional experience"), Some(30));
        assert_eq!(stated_career_total("Statsmodels- Experience - 12 months"), None);
        assert_eq!(stated_career_total("5 years of Python"), None);
        // A job portal's "Highest Career Level: 2-5 years experience" with its dash lost.
        assert_eq!(stated_career_total("Highest Career Level 25 years experience"), None);
    }

    #[test]
    fn latex_and_markdown_double_dashes() {
        assert_eq!(months("May 2019 -- Present"), Some(month(2026, 11) + 1 - month(2019, 5)));
        assert_eq!(months("2019 -- 2021"), Some(24));
        assert_eq!(months("Jan 2018 --- Mar 2018"), Some(3));
        assert!(month_split_from_year("Data Engineer, Acme, Toronto | Apr", "2022 – Present"));
        assert!(!month_split_from_year("Data Engineer, Acme", "2022 – Present"));
    }

    #[test]
    fn separators_lost_or_unusual() {
        // A soft hyphen dropped by extraction, an em dash, "to Present", "till date".
        assert_eq!(months("DevOps Engineer | Sep. 2023 Mar. 2024"), Some(7));
        assert_eq!(months("May 2024 — Present"), Some(31));
        assert_eq!(months("Sep 2023 \u{00AD} Mar 2024"), Some(7));
        assert_eq!(months("January 2019 to Present"), Some(95));
        assert_eq!(months("June 2016 till date"), Some(126));
        assert_eq!(months("Python 3.8 and SQL 2019"), None);
    }

    #[test]
    fn every_range_of_a_run_on_line_and_a_left_date_column() {
        let line =
            "Analyst Acme Pune March 2019 to Present built reports Intern Initech June 2018 to August 2018 tests";
        assert_eq!(find_ranges(line, AS_OF).iter().map(|(r, _)| r.months()).collect::<Vec<_>>(), vec![93, 3]);
        assert!(leading_open_range("2021 – Machine Learning Engineer, OpenAI").is_some());
        assert!(leading_open_range("2018 – 2021 Data Scientist, Uber").is_none());
    }

    #[test]
    fn totals_a_resume_states() {
        assert_eq!(stated_total("SQL- Experience - 48 monthsCompany Details"), Some(48));
        assert_eq!(stated_total("I have an experience of 2 years in Wipro Technologies"), Some(24));
        assert_eq!(stated_total("8+ years of professional experience"), Some(96));
        assert_eq!(stated_total("Managed 4 years of budgets"), None);
        assert_eq!(stated_total("An experience of nearly 5 years in testing"), Some(60));
        // One skill's time in a job portal's table, and only that.
        assert_eq!(skill_table_months("Hive- Experience - 31 months"), Some(31));
        assert_eq!(skill_table_months("8+ years of professional experience"), None);
    }

    #[test]
    fn unfinished_ranges() {
        assert!(ends_after("Aug 2023 — May 2027", AS_OF));
        assert!(ends_after("2024 – Present", AS_OF));
        assert!(!ends_after("2012 – 2016", AS_OF));
    }

    #[test]
    fn overlapping_ranges_count_once() {
        let r = |s, e| DateRange { start: s, end: e, ongoing: false };
        assert_eq!(union_months(&[r(0, 24), r(12, 36), r(48, 60)]), 48);
        assert_eq!(union_months(&[]), 0);
    }
}
