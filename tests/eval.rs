//! The evaluation harness: figures computed by hand on a small labelled folder, and the
//! regression guard on the labelled corpus in fixtures/eval.

mod common;

use common::gap_check;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn precision_recall_and_errors_on_a_folder_labelled_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "eval.toml", "as_of = \"2026-11-01\"\n");
    // Found: python, sql, docker. Labelled: python, sql. One false positive (docker).
    write(d, "a.txt", "EXPERIENCE\nData Engineer, Acme   Jan 2020 – Dec 2021\n- Python and SQL jobs in Docker\nEDUCATION\nB.S. Physics\n");
    write(d, "a.labels.toml", "skills = [\"python\", \"sql\", \"docker\", \"containerization\"]\nyears = 2.0\nhighest_degree = \"bachelor\"\nleadership = false\nrole = \"data-engineer\"\nlevel = \"mid\"\n");
    // Found: pytorch, model-training ("Trained ... models"). Labelled: pytorch, model-training, aws.
    // One false negative (aws); degree wrong in the labels.
    write(d, "b.md", "# Experience\nML Engineer, Beta   2021 – 2023\n- Trained PyTorch models\n");
    write(d, "b.labels.toml", "skills = [\"pytorch\", \"model-training\", \"aws\"]\nyears = 2.5\nhighest_degree = \"master\"\nleadership = false\nrole = \"ml-engineer\"\nlevel = \"mid\"\n");
    // Not labelled: skipped and counted.
    write(d, "c.txt", "Python\n");
    let out = gap_check().arg("eval").arg(d).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // tp = 6 (python, sql, docker, containerization, pytorch, model-training), fp = 0, fn = 1
    // (aws): precision 1.000, recall 6/7 = 0.857, F1 = 2·1·0.857/1.857 = 0.923.
    let overall = text.lines().find(|l| l.trim_start().starts_with("overall")).unwrap();
    let figures: Vec<&str> = overall.split_whitespace().collect();
    assert_eq!(&figures[1..], ["1.000", "0.857", "0.923", "6", "0", "1"], "{overall}");
    assert!(text.contains("skipped (no label file): 1"), "{text}");
    assert!(text.contains("b.md  aws"), "false negatives are listed: {text}");
    // Years: a = 24 months (2.0, exact), b = Jan 2021 to Jan 2023 = 2.0 vs 2.5: MAE 0.25.
    assert!(text.contains("total years MAE            0.25 years"), "{text}");
    // Degree: a right, b labelled master but shows none.
    assert!(text.contains("highest degree accuracy    0.500"), "{text}");
    assert!(text.contains("b.md  degree Some(\"none\"), labelled master"), "{text}");

    // The floor turns a drop in F1 into a failing exit code.
    let strict = gap_check().arg("eval").arg(d).args(["--min-f1", "0.95"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("below the floor"));
}

#[test]
fn a_label_with_an_unknown_skill_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Python\n");
    write(
        dir.path(),
        "a.labels.toml",
        "skills = [\"pythonn\"]\nyears = 0.0\nhighest_degree = \"none\"\nleadership = false\nrole = \"none\"\n",
    );
    let out = gap_check().arg("eval").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown skill id 'pythonn'"));
}

/// The floor was set from the first honest measurement on fixtures/eval (see README); it
/// guards against regressions and is not a target to tune against.
const SKILL_F1_FLOOR: &str = "0.95";

/// Runs the evaluation on a labelled folder of the repository with the floor, and returns
/// what it printed; fails if the run does.
fn evaluate_above_floor(dir: &str) -> String {
    let out = gap_check().args(["eval", dir, "--min-f1", SKILL_F1_FLOOR]).current_dir(common::root()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{dir}: {}\n{text}", String::from_utf8_lossy(&out.stderr));
    text
}

#[test]
fn the_holdout_set_stays_above_the_floor() {
    evaluate_above_floor("fixtures/holdout");
}

#[test]
fn the_labelled_corpus_stays_above_its_floor() {
    let text = evaluate_above_floor("fixtures/eval");
    let resumes: usize = text
        .lines()
        .next()
        .and_then(|l| l.split(": ").nth(1))
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(resumes >= 40, "the corpus has at least 40 labelled resumes: {resumes}");
}
