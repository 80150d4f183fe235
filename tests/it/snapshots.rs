//! Snapshot tests of every renderer on real fixtures: the text report a person reads, the
//! JSON contract, NDJSON and CSV. A change to any of them shows as a diff of the files in
//! `tests/it/snapshots/`, to be reviewed by eye and accepted (`INSTA_UPDATE=always cargo test`,
//! or `cargo insta review`).

use crate::common;

use common::{gap_check, AS_OF};

/// Runs the binary from the repository root on relative paths, so that paths in the output
/// are the same on every machine.
fn render(args: &[&str]) -> String {
    let out = gap_check().current_dir(common::root()).args(args).args(["--as-of", AS_OF]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn text_report() {
    insta::assert_snapshot!(render(&["fixtures/resumes/senior-mle-team-lead.pdf", "--target", "lead-ml"]));
}

#[test]
fn text_report_without_a_target() {
    insta::assert_snapshot!(render(&["fixtures/resumes/data-scientist-mid.md"]));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(render(&[
        "fixtures/resumes/lead-ml-director.txt",
        "--target",
        "lead-ml",
        "--format",
        "json"
    ]));
}

#[test]
fn ndjson_batch() {
    insta::assert_snapshot!(render(&[
        "fixtures/resumes/new-grad-data-engineer.txt",
        "fixtures/resumes/junior-ml-engineer.txt",
        "--target",
        "data-engineer",
        "--format",
        "ndjson"
    ]));
}

#[test]
fn csv_batch() {
    insta::assert_snapshot!(render(&["fixtures/resumes", "--target", "ml-engineer", "--format", "csv"]));
}
