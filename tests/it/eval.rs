//! The evaluation harness: figures computed by hand on a small labelled folder, and the
//! regression guard on the labelled corpus in fixtures/eval.

use crate::common;

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

/// Floors on the real, hand-labelled documents of ../shared/corpus (CI has them there too),
/// set just under the measurement when each was last improved (README, "How well it reads"):
/// a regression guard, not a target. Columns: skill precision, skill recall, degree,
/// leadership, role, level accuracy, and the most years MAE allowed.
const REAL_FLOORS: &[(&str, [f64; 7])] = &[
    ("real-text-a", [0.97, 0.95, 0.99, 0.99, 0.99, 0.0, 0.9]),
    ("real-text-b", [0.96, 0.96, 0.99, 0.99, 0.95, 0.99, 0.5]),
    ("real-pdf", [0.99, 0.96, 0.99, 0.99, 0.99, 0.99, 0.2]),
];

/// Postings: required-skill precision and recall, min-years, degree-minimum, leadership,
/// family and level accuracy.
const JOBS_FLOORS: [f64; 7] = [0.93, 0.90, 0.99, 0.99, 0.99, 0.99, 0.99];

#[test]
fn the_real_documents_stay_above_their_floors() {
    let corpus = common::root().join("../shared/corpus");
    let mut cmd = gap_check();
    cmd.arg("eval");
    for (folder, _) in REAL_FLOORS {
        cmd.arg(corpus.join(folder));
    }
    let out = cmd.arg(corpus.join("jobs")).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut below = Vec::new();
    for ((folder, floors), got) in REAL_FLOORS.iter().zip(figures["folders"].as_array().unwrap()) {
        assert!(got["name"].as_str().unwrap().ends_with(folder));
        assert_eq!(got["unreadable"], 0, "{folder}: every document reads");
        let values = [
            got["skills"]["precision"].as_f64().unwrap(),
            got["skills"]["recall"].as_f64().unwrap(),
            got["degree_accuracy"].as_f64().unwrap(),
            got["leadership_accuracy"].as_f64().unwrap(),
            got["role_accuracy"].as_f64().unwrap(),
            got["level_accuracy"].as_f64().unwrap(),
        ];
        let names = ["skill precision", "skill recall", "degree", "leadership", "role", "level"];
        for ((name, value), floor) in names.iter().zip(values).zip(floors) {
            if value < *floor {
                below.push(format!("{folder} {name} {value:.3} < {floor}"));
            }
        }
        let mae = got["years_mae"].as_f64().unwrap();
        if mae > floors[6] {
            below.push(format!("{folder} years MAE {mae:.2} > {}", floors[6]));
        }
    }
    let jobs = &figures["postings"][0];
    let values = [
        jobs["required_skills"]["precision"].as_f64().unwrap(),
        jobs["required_skills"]["recall"].as_f64().unwrap(),
        jobs["min_years_accuracy"].as_f64().unwrap(),
        jobs["degree_accuracy"].as_f64().unwrap(),
        jobs["leadership_accuracy"].as_f64().unwrap(),
        jobs["family_accuracy"].as_f64().unwrap(),
        jobs["level_accuracy"].as_f64().unwrap(),
    ];
    let names =
        ["required precision", "required recall", "min years", "degree minimum", "leadership", "family", "level"];
    for ((name, value), floor) in names.iter().zip(values).zip(JOBS_FLOORS) {
        if value < floor {
            below.push(format!("jobs {name} {value:.3} < {floor}"));
        }
    }
    assert!(below.is_empty(), "below the floor: {below:?}");
}

#[test]
fn several_folders_print_each_and_a_summary() {
    let corpus = common::root().join("../shared/corpus");
    let out = gap_check().arg("eval").arg(corpus.join("real-text-a")).arg(corpus.join("real-text-b")).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("labelled resumes, as of 2026-11-01").count(), 2, "{text}");
    let summary: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("summary")).collect();
    assert_eq!(summary.len(), 4, "header, two folders, total: {summary:?}");
    assert!(summary[3].starts_with("total") && summary[3].contains(" 44 "), "{summary:?}");
}

#[test]
fn only_the_vocabulary_is_scored_and_ambiguous_skills_count_neither_way() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "vocab.txt", "# the ids the labels use\npython\nsql\ndocker\n");
    write(d, "eval.toml", "as_of = \"2026-11-01\"\nvocabulary = \"vocab.txt\"\n");
    // Found: python, sql, docker, containerization (implied), aws. In the vocabulary: python,
    // sql, docker. Labelled: python; docker ambiguous. So tp = python, fp = sql, fn = none;
    // aws and containerization are outside the vocabulary, docker is ambiguous.
    write(
        d,
        "a.txt",
        "EXPERIENCE\nData Engineer, Acme   Jan 2020 – Dec 2021\n- Python and SQL jobs in Docker on AWS\n",
    );
    write(d, "a.labels.toml", "skills = [\"python\"]\nambiguous = [\"docker\"]\nleadership = false\nrole = \"data-engineer\"\nunknown_degree = true\n");
    write(d, "README.md", "A folder of labelled resumes.\n");
    let out = gap_check().arg("eval").arg(d).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let overall = text.lines().find(|l| l.trim_start().starts_with("overall")).unwrap();
    let figures: Vec<&str> = overall.split_whitespace().collect();
    // precision 1/2, recall 1/1, F1 2·0.5·1/1.5 = 0.667.
    assert_eq!(&figures[1..], ["0.500", "1.000", "0.667", "1", "1", "0"], "{overall}");
    // No years label: no error counted; no degree label: degree accuracy over no resume.
    assert!(text.contains("total years MAE            0.00 years"), "{text}");
    // README.md and vocab.txt have no label file: skipped, and counted as such.
    assert!(text.contains("skipped (no label file): 2"), "{text}");
    assert!(text.contains(": 1 labelled resumes"), "{text}");
}
