//! The score depends on skills, experience, education and leadership only: a different
//! name, email, phone, address or pronouns must not change any finding.

use crate::common;

// In process (common::in_process): each variant is one more read of a small text, not one
// more start of the binary.
use common::{fixture, json_record};

fn swap(text: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(text.to_string(), |t, (from, to)| t.replace(from, to))
}

#[test]
fn identity_details_do_not_change_the_assessment() {
    let original = std::fs::read_to_string(fixture("resumes/senior-mle-team-lead.txt")).unwrap();
    let first_line = original.lines().next().unwrap().to_string();
    let contact_line = original.lines().find(|l| l.contains('@')).unwrap().to_string();
    let variants = [
        swap(&original, &[(&first_line, "JAMAL WASHINGTON")]),
        swap(&original, &[(&contact_line, "jamal.w@mail.example.org | +44 20 7946 0958 | 12 Rue de Rivoli, Paris")]),
        swap(&original, &[("- Led a team of 5", "- As a mother of two, she led a team of 5")]),
        swap(&original, &[("- Led a team of 5", "- As a father of two, he led a team of 5")]),
        swap(
            &original,
            &[(&first_line, "Wei Zhang (she/her)"), (&contact_line, "Photo: smiling woman in a blue jacket")],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let base_path = dir.path().join("base.txt");
    std::fs::write(&base_path, &original).unwrap();
    let (base, _) = json_record(&base_path, &["--target", "lead-ml"]);
    for (i, variant) in variants.iter().enumerate() {
        assert_ne!(variant, &original, "variant {i} changed nothing");
        let path = dir.path().join(format!("variant-{i}.txt"));
        std::fs::write(&path, variant).unwrap();
        let (report, _) = json_record(&path, &["--target", "lead-ml"]);
        for field in ["score", "matched", "missing", "experience", "education", "progression", "ranking"] {
            assert_eq!(report[field], base[field], "variant {i} changed {field}");
        }
        let ids = |r: &serde_json::Value| common::skill_ids(r);
        assert_eq!(ids(&report), ids(&base), "variant {i} changed the skills found");
    }
}

/// Replaces line `n` (1-based) of `text`; adding a detail in place of a blank line keeps every
/// other line number, so line references in the report can be compared as they are.
fn set_line(text: &str, n: usize, new: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines[n - 1] = new;
    lines.join("\n") + "\n"
}

/// The parts of a report the score and the explanation are made of; everything else (the
/// input's path and hash, the text of evidence lines) may differ between variants.
fn assessment(report: &serde_json::Value) -> serde_json::Value {
    let items: Vec<serde_json::Value> = report["explanation"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| serde_json::json!([i["requirement"], i["effect"], i["points_added"], i["points_left_out"], i["line"]]))
        .collect();
    serde_json::json!({
        "score": report["score"],
        "score_detail": report["score_detail"],
        "matched": report["matched"],
        "missing": report["missing"],
        "experience": report["experience"],
        "education": report["education"],
        "seniority": report["seniority"],
        "progression": report["progression"],
        "ranking": report["ranking"],
        "skills": common::skill_ids(report),
        "explanation": items,
    })
}

/// One resume, many people: names from several cultures, pronouns, a date of birth, a photo
/// caption, a nationality, universities in other countries, and all of them at once. The
/// score, every requirement, the years, the degree, the next step and the explanation's
/// choice of requirements stay the same.
///
/// What the score does depend on: the skills the resume shows (and whether a dated job shows
/// them), total years of dated work, the highest finished degree, and lines that show
/// leading people. Years and degree are legitimate job requirements but can correlate with
/// age (a long career means an older candidate); that is why the README tells employers to
/// audit the outcomes (`gap-check audit`), not only the inputs.
#[test]
fn personal_details_and_where_one_studied_do_not_change_the_score() {
    let original = std::fs::read_to_string(fixture("resumes/senior-mle-team-lead.txt")).unwrap();
    let lines: Vec<&str> = original.lines().collect();
    assert_eq!(lines[0], "JANE DOE");
    assert_eq!(lines[3], "", "line 4 is the blank line the personal details go on");
    let led = "For the last two years I have led a team of 5 ML";
    assert!(original.contains(led));
    let stanford = "Stanford University";
    let davis = "University of California, Davis";
    assert!(original.contains(stanford) && original.contains(davis));

    let mut variants: Vec<(&str, String)> = Vec::new();
    for name in [
        "JAMAL WASHINGTON",
        "María José García-López",
        "Nguyễn Thị Minh Anh",
        "Oluwaseun Adeyemi",
        "李伟",
        "Dr. Hans-Peter Müller",
    ] {
        variants.push(("name", set_line(&original, 1, name)));
    }
    for (pronoun_line, detail) in [
        ("For the last two years she has led a team of 5 ML", "Pronouns: she/her"),
        ("For the last two years he has led a team of 5 ML", "Pronouns: he/him"),
        ("For the last two years they have led a team of 5 ML", "Pronouns: they/them"),
    ] {
        variants.push(("pronouns", set_line(&original.replace(led, pronoun_line), 4, detail)));
    }
    for dob in ["Date of birth: 14/03/1979", "Born 3 May 1962 in Lagos, Nigeria", "DOB: 1998-07-21", "Age: 58"] {
        variants.push(("date of birth", set_line(&original, 4, dob)));
    }
    for photo in
        ["[Photo: smiling woman in a blue jacket]", "Photo: headshot of an older man with grey hair", "[photo]"]
    {
        variants.push(("photo caption", set_line(&original, 4, photo)));
    }
    for nationality in
        ["Nationality: Nigerian", "Citizenship: Indian (US work permit)", "Nationality: German; married, two children"]
    {
        variants.push(("nationality", set_line(&original, 4, nationality)));
    }
    for (first, second) in [
        ("Universidad de Buenos Aires", "Universidad Nacional de Córdoba"),
        ("Indian Institute of Technology Bombay", "University of Delhi"),
        ("University of Lagos", "Obafemi Awolowo University"),
        ("Tsinghua University", "Fudan University"),
        ("Université Paris-Saclay", "Technische Universität München"),
    ] {
        variants.push(("university", original.replace(stanford, first).replace(davis, second)));
    }
    let everything = set_line(
        &original
            .replace(led, "For the last two years she has led a team of 5 ML")
            .replace(stanford, "University of Lagos")
            .replace(davis, "University of Ibadan"),
        4,
        "Date of birth: 14/03/1979 | Nationality: Nigerian | Pronouns: she/her | [Photo: smiling woman in a blue jacket]",
    );
    variants.push(("all of them", set_line(&everything, 1, "Oluwaseun Adeyemi")));

    let dir = tempfile::tempdir().unwrap();
    let base_path = dir.path().join("base.txt");
    std::fs::write(&base_path, &original).unwrap();
    let (base, _) = json_record(&base_path, &["--target", "lead-ml"]);
    let base = assessment(&base);
    assert_eq!(base["education"]["highest_degree"], "master");
    assert!(base["experience"]["years"].as_f64().unwrap() > 6.0);

    let mut changed = Vec::new();
    for (i, (what, variant)) in variants.iter().enumerate() {
        assert_ne!(variant, &original, "variant {i} ({what}) changed nothing");
        let path = dir.path().join(format!("variant-{i}.txt"));
        std::fs::write(&path, variant).unwrap();
        let (report, _) = json_record(&path, &["--target", "lead-ml"]);
        let got = assessment(&report);
        for field in base.as_object().unwrap().keys() {
            if got[field] != base[field] {
                changed.push(format!(
                    "variant {i} ({what}) changed {field}:\n  was {}\n  now {}",
                    base[field], got[field]
                ));
            }
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}
