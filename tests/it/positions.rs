//! Where a person stands, read from small resumes written for these tests
//! (`fixtures/positions/`, README there): positions as title, employer and place apart in
//! the layouts people use, junk that must never be a title, date forms, stated totals, and
//! the one rule for role and level. Every expectation was worked out by hand from the text.

use crate::common;

use common::{fixture, json_report};
use serde_json::Value;

fn report(name: &str) -> Value {
    let (report, output) = json_report(&fixture(&format!("positions/{name}")), &[]);
    assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
    report
}

fn positions(report: &Value) -> Vec<(String, String, String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    report["experience"]["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (text(&p["title"]), text(&p["company"]), text(&p["location"]), text(&p["start"]), text(&p["end"])))
        .collect()
}

fn standing(report: &Value) -> (String, String, String) {
    let p = &report["progression"];
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    (text(&p["current_role"]), text(&p["current_level"]), text(&p["current_title"]))
}

fn owned(rows: &[(&str, &str, &str, &str, &str)]) -> Vec<(String, String, String, String, String)> {
    rows.iter()
        .map(|(a, b, c, d, e)| (a.to_string(), b.to_string(), c.to_string(), d.to_string(), e.to_string()))
        .collect()
}

#[test]
fn a_job_portal_export_with_blank_lines_between_title_employer_and_dates() {
    let r = report("portal-export.txt");
    assert_eq!(
        positions(&r),
        owned(&[
            ("Data Engineer", "Northwind Analytics Pvt Ltd", "Pune, Maharashtra", "2021-03", "2026-11"),
            ("Software Engineer", "Bluebird Systems", "Bengaluru, Karnataka", "2017-07", "2021-02"),
        ])
    );
    // July 2017 to November 2026 without a gap: 9 years 5 months; the degree's 2013-2017 is not work.
    assert_eq!(r["experience"]["months"], 113);
    assert_eq!(r["experience"]["basis"], "dates");
    // No grade word in "Data Engineer": 9.4 years make senior.
    assert_eq!(standing(&r), ("data-engineer".into(), "senior".into(), "Data Engineer".into()));
    assert_eq!(r["progression"]["standing_basis"], "latest-title");
    assert_eq!(r["progression"]["position_line"], 12);
}

#[test]
fn bullets_and_places_are_never_titles_and_a_month_split_from_its_year_is_read() {
    let r = report("junk-titles.txt");
    assert_eq!(
        positions(&r),
        owned(&[
            ("Senior Analyst – Machine Learning", "Harbor Freight Logistics", "Austin, TX", "2020-01", "2026-11"),
            // "… | Apr" / "2016 – Dec 2019": the month on one line, its year on the next.
            ("Analyst", "Lakeside Insurance", "Dallas, TX", "2016-04", "2019-12"),
        ])
    );
    // An analyst title that names machine learning is a data science engineer; "Senior" decides.
    assert_eq!(
        standing(&r),
        ("data-science-engineer".into(), "senior".into(), "Senior Analyst – Machine Learning".into())
    );
    let seniority = &r["seniority"];
    assert_eq!(seniority["highest_title"], "Senior Analyst – Machine Learning");
    // "Presented monthly findings to the operations director" is a bullet, not a director's title.
    assert_ne!(seniority["management_level"], "director");
    // Apr 2016 – Dec 2019 (45 months) and Jan 2020 – Nov 2026 (83).
    assert_eq!(r["experience"]["months"], 45 + 83);
}

#[test]
fn latex_and_markdown_double_dash_ranges() {
    let r = report("latex-ranges.md");
    assert_eq!(
        positions(&r),
        owned(&[
            ("Machine Learning Engineer", "Quartz Robotics", "-", "2019-05", "2026-11"),
            ("Data Scientist", "Ember Health", "-", "2016-01", "2018-12"),
        ])
    );
    // 2016 – 2019 is 36 months (a year-only end is the start of that year), May 2019 on 91.
    assert_eq!(r["experience"]["months"], 36 + 91);
    assert_eq!(standing(&r), ("ml-engineer".into(), "senior".into(), "Machine Learning Engineer".into()));
}

#[test]
fn a_stated_total_replaces_dates_that_cover_far_less() {
    let r = report("stated-total.txt");
    // The dates give Jan 2023 – Nov 2026 (47 months); the resume says 14 years, and the
    // earlier jobs have no dates: the stated total is used and said to be.
    assert_eq!(r["experience"]["years"], 14.0);
    assert_eq!(r["experience"]["stated_years"], 14.0);
    assert_eq!(r["experience"]["basis"], "stated");
    // A lead of data engineers stays a data engineer, at the lead level.
    assert_eq!(standing(&r), ("data-engineer".into(), "lead".into(), "Lead Data Engineer".into()));
}

#[test]
fn a_company_grade_takes_its_function_from_the_role_line() {
    let r = report("company-grade.txt");
    let p = &r["experience"]["positions"][0];
    assert_eq!(p["title"], "IT Analyst");
    assert_eq!(p["company"], "Tata Consultancy Services");
    assert_eq!(p["title_family"], "none");
    // "IT Analyst" names no function; "Role: Data Scientist" in the same job does. No grade
    // word: 2017 to November 2026 (9.8 years) make senior.
    assert_eq!(standing(&r), ("data-science-engineer".into(), "senior".into(), "IT Analyst".into()));
    assert_eq!(r["progression"]["standing_basis"], "role-line");
}
