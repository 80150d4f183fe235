//! Hostile inputs within their budgets (issue 21): spreadsheet formulas in CSV cells, file
//! links in a batch, and `--target` values that are not what they seem. Each case is built in
//! a temporary folder by the test itself.

use crate::common;

use std::path::Path;

use common::{fixture, gap_check, AS_OF};

const RESUME: &str = "Data Engineer\n\nExperience\nData Engineer, Acme, 2019 - 2024\n- Built Spark and Airflow pipelines in Python and SQL\n";

fn csv_rows(stdout: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(stdout).records().map(Result::unwrap).collect()
}

/// File names, stdin ids and a posting's name that start a formula come out quoted with a
/// leading `'` in every cell they reach; harmless names are unchanged.
#[test]
fn no_csv_cell_starts_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["=HYPERLINK(1).txt", "@SUM(1).txt", "+1.txt", "plain.txt"];
    for name in names {
        std::fs::write(dir.path().join(name), RESUME).unwrap();
    }
    std::fs::copy(fixture("postings/senior-data-engineer.md"), dir.path().join("=posting.md")).unwrap();
    let out = gap_check()
        .current_dir(dir.path())
        .args(names)
        .args(["--as-of", AS_OF, "--target", "=posting.md", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    let paths: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(paths, ["'=HYPERLINK(1).txt", "'@SUM(1).txt", "'+1.txt", "plain.txt"]);
    for row in &rows {
        assert_eq!(&row[1], "'=posting", "{row:?}");
    }

    let out = gap_check()
        .args(["-", "--as-of", AS_OF, "--target", "data-engineer", "--format", "csv"])
        .write_stdin(format!(
            "{}\n{}\n{}\n",
            serde_json::json!({"id": "-2+3", "text": RESUME}),
            serde_json::json!({"id": "\tx", "text": RESUME}),
            serde_json::json!({"id": "=1", "text": ""}),
        ))
        .output()
        .unwrap();
    let rows = csv_rows(&out.stdout);
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["'-2+3", "'\tx", "'=1"]);
    // The third is an error row: its message is a cell too.
    assert!(!rows[2][9].is_empty() && !rows[2][9].starts_with(['=', '+', '-', '@']));
}

/// Category names come from the user's groups file: a formula there is neutralised in the
/// audit's CSV, and shown as written in its JSON.
#[test]
fn audit_csv_neutralises_category_names() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r.ndjson");
    let line = |p: &str, s: u32| serde_json::json!({"input": {"path": p}, "score": s}).to_string();
    std::fs::write(&reports, format!("{}\n{}\n", line("a.txt", 80), line("b.txt", 40))).unwrap();
    let groups = dir.path().join("g.csv");
    std::fs::write(&groups, "input.path,@col\na.txt,=HYPERLINK(\"x\")\nb.txt,-1\n").unwrap();
    let out =
        gap_check().arg("audit").arg(&reports).arg("--groups").arg(&groups).args(["--format", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    let cells: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(cells, [("'@col", "'-1"), ("'@col", "'=HYPERLINK(\"x\")"), ("'@col", "")]);
    let json = gap_check()
        .arg("audit")
        .arg(&reports)
        .arg("--groups")
        .arg(&groups)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["tables"][0]["name"], "@col");
}

fn walk(dir: &Path, extra: &[&str]) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let out = gap_check()
        .arg(dir)
        .args(["--as-of", AS_OF, "--target", "data-engineer", "--format", "ndjson", "--verbose", "--keep-non-resumes"])
        .args(extra)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let records = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (records, String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

fn skipped(stderr: &str, name: &str) -> String {
    stderr
        .lines()
        .find(|l| l.starts_with("gap-check: skipped ") && l.contains(name))
        .unwrap_or_else(|| panic!("{name} not listed as skipped:\n{stderr}"))
        .to_string()
}

/// A link in a folder pointing out of it (here at a file outside, standing in for
/// /etc/passwd) is not read without --follow: none of its lines can become evidence.
/// With --follow it is read; a link back to the folder and a link to itself are loops.
#[cfg(unix)]
#[test]
fn links_in_a_folder_are_followed_only_when_asked() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "root:x:0:0:Kubernetes administrator:/root:/bin/bash\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("cv.txt"), RESUME).unwrap();
    symlink(&secret, d.join("linked.txt")).unwrap();
    symlink(&d, d.join("back")).unwrap();
    symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
    symlink(d.join("gone.txt"), d.join("dangling.txt")).unwrap();

    let (records, stderr, code) = walk(&d, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(records.len(), 1, "only cv.txt: {records:?}");
    assert!(!records[0].to_string().contains("root:x"));
    assert!(skipped(&stderr, "linked.txt").ends_with("a link to a file (not followed; --follow reads links)"));
    assert!(skipped(&stderr, "back").ends_with("a link to a folder (not followed)"));
    assert!(skipped(&stderr, "self.txt").ends_with("a link loop"));
    assert!(skipped(&stderr, "dangling.txt").ends_with("a dangling link"));

    for flag in ["--follow", "-L"] {
        let (records, stderr, code) = walk(&d, &[flag]);
        assert_eq!(code, Some(0), "{stderr}");
        let names: Vec<&str> = records.iter().map(|r| r["input"]["path"].as_str().unwrap()).collect();
        assert_eq!(names.len(), 2, "cv.txt and linked.txt: {names:?}");
        assert!(names.iter().any(|n| n.ends_with("linked.txt")));
        assert!(skipped(&stderr, "back").contains("a link loop (back to "), "{stderr}");
        assert!(skipped(&stderr, "self.txt").ends_with("a link loop"));
        assert!(skipped(&stderr, "dangling.txt").ends_with("a dangling link"));
    }
}

/// Lines shaped like a password file: no prose, so not a posting.
const PASSWD_LIKE: &str = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nops:x:1000:1000:Kubernetes Python SQL admin:/home/ops:/bin/bash\n";

fn target_run(cwd: &Path, target: &str) -> (Option<i32>, String, String) {
    let out = gap_check()
        .current_dir(cwd)
        .arg(fixture("resumes/ml-engineer-mid.txt"))
        .args(["--as-of", AS_OF, "--format", "json", "--target", target])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A role id means the role even beside a file of that name; `./lead-ml` means the file, and
/// a file that is not prose (a link to a password file) is refused, not read into "required
/// skills". Special files, folders and missing files get their reason, not "unknown role".
#[cfg(unix)]
#[test]
fn target_is_a_role_or_a_posting_never_anything_else() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    std::fs::write(cwd.join("lead-ml"), PASSWD_LIKE).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwd"), PASSWD_LIKE).unwrap();
    symlink(outside.path().join("passwd"), cwd.join("posting.txt")).unwrap();
    std::fs::create_dir(cwd.join("postings")).unwrap();
    let fifo = cwd.join("fifo.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());

    let (code, stdout, stderr) = target_run(cwd, "lead-ml");
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["target"]["kind"], "role");
    assert_eq!(report["target"]["id"], "lead-ml");

    for (target, reason) in [
        ("./lead-ml", "lead-ml: unsupported file type"),
        ("posting.txt", "posting.txt: does not read like a job posting: 2 of its 6 tokens are words"),
        // A folder ranks the postings in it; one without any names no target.
        ("postings", "postings: no job posting in it"),
        ("fifo.txt", "fifo.txt: not a regular file (a FIFO)"),
        ("/dev/zero", "/dev/zero: not a regular file (a character device)"),
        ("missing.txt", "missing.txt: no such file"),
        ("jobs/missing", "jobs/missing: no such file"),
        ("lead-mll", "unknown role 'lead-mll' (did you mean 'lead-ml'?)"),
    ] {
        let (code, stdout, stderr) = target_run(cwd, target);
        assert_eq!(code, Some(2), "{target}: {stderr}");
        assert!(stdout.is_empty(), "{target}");
        assert!(stderr.contains(reason), "{target}: {stderr}");
        assert!(!stderr.contains("root:x"), "{target}: no line of the file is quoted");
    }
    // The same check for `gap-check target`.
    let out = gap_check().current_dir(cwd).args(["target", "posting.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not read like a job posting"));
}

/// A 1 GiB sparse file named .pdf under a raised --max-size is refused from its first
/// kilobyte: in 600 MB of address space, where reading it whole cannot fit.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_file_named_pdf_is_refused_from_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let sparse = dir.path().join("huge.pdf");
    std::fs::File::create(&sparse).unwrap().set_len(1 << 30).unwrap();
    let bin = env!("CARGO_BIN_EXE_gap-check");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v 600000; exec '{bin}' \"$1\" --max-size 2000000000 --format json",))
        .arg("sh")
        .arg(&sparse)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["error"]["code"], "not_a_pdf");
}
