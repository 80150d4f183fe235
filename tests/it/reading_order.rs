//! Reading order of real two-column and sidebar resumes (../shared/corpus/real-pdf): each
//! column is read whole, so a sidebar's skills, education or awards never land between the
//! lines of a job. The expected orders were checked by hand against `pdftotext -layout` and
//! the PDFs themselves.

use std::path::PathBuf;

use crate::common;
use gap_check::ingest::{read_file, IngestOptions};

fn lines(stem: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real-pdf").join(format!("{stem}.pdf"));
    read_file(&path, &IngestOptions::default(), &common::engine().taxonomy().vocabulary)
        .unwrap_or_else(|e| panic!("{stem}: {e}"))
        .lines
}

/// The index of the first line containing `needle`.
fn at(lines: &[String], needle: &str) -> usize {
    lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line contains {needle:?}:\n{lines:#?}"))
}

/// `needles` appear in this order, each on a later line than the one before.
fn in_order(lines: &[String], needles: &[&str]) {
    let positions: Vec<usize> = needles.iter().map(|n| at(lines, n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order {needles:?} at {positions:?}:\n{lines:#?}");
}

/// `needles` are on consecutive lines: one block of text, nothing from another column inside.
fn consecutive(lines: &[String], needles: &[&str]) {
    let first = at(lines, needles[0]);
    for (k, needle) in needles.iter().enumerate() {
        let line = lines.get(first + k).map(String::as_str).unwrap_or("");
        assert!(line.contains(needle), "line {} should contain {needle:?}, is {line:?}:\n{lines:#?}", first + k + 1);
    }
}

/// None of `foreign` occurs between the lines containing `from` and `to`.
fn none_between(lines: &[String], from: &str, to: &str, foreign: &[&str]) {
    let (a, b) = (at(lines, from), at(lines, to));
    assert!(a < b, "{from:?} is not before {to:?}");
    for line in &lines[a..b] {
        for f in foreign {
            assert!(!line.contains(f), "{f:?} from another column inside {from:?} … {to:?}: {line:?}");
        }
    }
}

#[test]
fn t01_deedy_left_column_then_experience() {
    let l = lines("t01-deedy-xelatex");
    in_order(&l, &["EDUCATION", "LINKS", "COURSEWORK", "SKILLS", "EXPERIENCE"]);
    consecutive(&l, &["FACEBOOK | SOFTWARE ENGINEER", "Jan 2015 - Present | New York, NY"]);
    consecutive(&l, &["GOOGLE | SOFTWARE ENGINEERING INTERN", "May 2013 – Aug 2013 | Mountain View, CA"]);
    none_between(&l, "EXPERIENCE", "PHABRICATOR", &["Operating Systems", "OCaml", "Shell", "CORNELL", "Github://"]);
}

#[test]
fn t02_altacv_main_column_then_sidebar() {
    let l = lines("t02-altacv-pdftex");
    in_order(
        &l,
        &["EXPERIENCE", "Vice President of Location & Services", "LIFE PHILOSOPHY", "MOST PROUD OF", "STRENGTHS"],
    );
    consecutive(&l, &["President & CEO", "Yahoo!", "July 2012 – Ongoing | Sunnyvale, CA"]);
    none_between(&l, "EXPERIENCE", "LIFE PHILOSOPHY", &["shadows", "Courage", "Persuasive", "Spanish"]);
}

#[test]
fn t09_skia_sidebar_skills_and_education_after_the_jobs() {
    // The case: a Chromium/Skia layout whose sidebar (Education, Skills) must not
    // interleave with the experience bullets.
    let l = lines("t09-resumematcher-twocol-skia");
    in_order(&l, &["EXPERIENCE", "PROJECTS", "EDUCATION", "SKILLS"]);
    none_between(
        &l,
        "EXPERIENCE",
        "PROJECTS",
        &["UC Berkeley", "Bachelor of Science", "Docker Kubernetes Terraform", "Distributed Systems", "LINKS"],
    );
    consecutive(
        &l,
        &["Senior Software Engineer | Jan 2023 - Present", "Stripe • San Francisco, CA", "fraud detection"],
    );
    consecutive(&l, &["EDUCATION", "UC Berkeley | 2019", "Bachelor of Science, Computer Science", "SKILLS"]);
}

#[test]
fn t11_quartz_sidebar_read_before_the_one_job() {
    let l = lines("t11-reactive-ditto-quartz");
    in_order(&l, &["PROFILES", "SKILLS", "AWARDS", "CERTIFICATIONS", "SUMMARY", "EXPERIENCE"]);
    consecutive(&l, &["Telcoin | Aug 2020 - Present", "Vice President, Banking Operations"]);
    let experience = at(&l, "EXPERIENCE");
    for line in &l[experience..] {
        for f in ["Midwest International Trade Association", "(FINRA)", "Jul 2022", "Sep 2020", "Expert"] {
            assert!(!line.contains(f), "sidebar text {f:?} inside the job: {line:?}");
        }
    }
}

#[test]
fn t12_pdflib_sidebar_then_summary_and_experience() {
    let l = lines("t12-reactive-azurill-pdflib");
    in_order(&l, &["Profiles", "Skills", "Certifications", "Summary", "Experience"]);
    consecutive(
        &l,
        &["Creative Solutions Inc.", "Senior Web Developer", "San Francisco, CA", "January 2019 to Present"],
    );
    let experience = at(&l, "Experience");
    for line in &l[experience..] {
        for f in ["CodeAcademy", "Amazon Web Services", "Intermediate", "React.js, Angular"] {
            assert!(!line.contains(f), "sidebar text {f:?} inside the experience: {line:?}");
        }
    }
}

#[test]
fn r05_typst_grid_with_a_narrow_gutter_is_two_columns() {
    // The columns are 14 pt apart, less than the gap that splits a row on its own: the
    // skills column's shared left edge is what finds the gutter.
    let l = lines("r05-leadml-typst-twocol");
    in_order(&l, &["EXPERIENCE", "Teaching Assistant", "SKILLS", "EDUCATION"]);
    none_between(&l, "EXPERIENCE", "SKILLS", &["Languages:", "PyTorch, TensorFlow", "MLOps:", "PostgreSQL", "Jira"]);
    consecutive(
        &l,
        &[
            "Moved 14 models to a shared platform on Azure ML with MLflow tracking,",
            "CI/CD through GitHub Actions and canary releases; model deployment time",
            "fell from 6 weeks to 4 days.",
        ],
    );
    consecutive(&l, &["Northwind Insurance, Toronto | Apr", "2022 – Present"]);
    // The full-width header is one line, not cut at the column edge.
    assert!(l.iter().any(|x| x.contains("daniel.or@example.ca") || x.contains("linkedin.com/in/dokreyes")));
    assert!(!l.iter().any(|x| x.starts_with("· linkedin")), "{l:#?}");
}

#[test]
fn r11_css_columns_flow_from_the_bottom_of_one_into_the_top_of_the_next() {
    let l = lines("r11-mle-entry-chromium-columns");
    in_order(&l, &["Education", "Experience", "Projects", "Skills", "Activities"]);
    // The left column ends in the middle of the experience section; the right column goes on
    // with the next job, then Projects.
    consecutive(
        &l,
        &[
            "GPU cluster; tracked runs with Weights & Biases.",
            "Undergraduate Research Assistant, UIUC",
            "Vision Lab",
            "Jan 2023 – May 2024",
            "Data augmentation and preprocessing",
        ],
    );
    none_between(&l, "Experience", "Projects", &["Programming:", "Libraries:", "Teaching assistant"]);
}
