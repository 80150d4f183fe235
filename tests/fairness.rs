//! The score depends on skills, experience, education and leadership only: a different
//! name, email, phone, address or pronouns must not change any finding.

mod common;

use common::{fixture, json_report};

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
    let (base, _) = json_report(&base_path, &["--target", "lead-ml"]);
    for (i, variant) in variants.iter().enumerate() {
        assert_ne!(variant, &original, "variant {i} changed nothing");
        let path = dir.path().join(format!("variant-{i}.txt"));
        std::fs::write(&path, variant).unwrap();
        let (report, _) = json_report(&path, &["--target", "lead-ml"]);
        for field in ["score", "matched", "missing", "experience", "education", "progression", "ranking"] {
            assert_eq!(report[field], base[field], "variant {i} changed {field}");
        }
        let ids = |r: &serde_json::Value| common::skill_ids(r);
        assert_eq!(ids(&report), ids(&base), "variant {i} changed the skills found");
    }
}
