//! No input makes the pipeline panic: every fixture text, cut and sprinkled with awkward
//! characters at seeded random places, goes through the whole pipeline in-process.

use std::path::Path;

use crate::common;
use gap_check::calendar::Date;
use gap_check::ingest::{self, IngestOptions, InputFormat};
use gap_check::taxonomy::Taxonomy;
use gap_check::{AnalysisOptions, Engine, Target};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const AWKWARD: [&str; 16] =
    ["–", "ﬁ", "\u{00AD}", "\u{200B}", "é", "😀", "\u{F0E0}", "R&D", "2021 –", "\t", "- ", "C++", "@", "(", "'", "\r"];

#[test]
fn mangled_resumes_never_panic() {
    let engine = Engine::new(Taxonomy::embedded().unwrap());
    let options = AnalysisOptions {
        target: Target::Role("lead-ml".into()),
        as_of: Some("2026-11-01".parse::<Date>().unwrap()),
        keep_non_resumes: true,
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(InputFormat::from_path(&path), Some(InputFormat::Text | InputFormat::Markdown)) {
            continue;
        }
        let original = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for _ in 0..40 {
            let mut chars: Vec<char> = original.chars().collect();
            for _ in 0..20 {
                let at = rng.below(chars.len() + 1);
                let piece = AWKWARD[rng.below(AWKWARD.len())];
                chars.splice(at..at, piece.chars());
            }
            let cut = rng.below(chars.len() + 1);
            let mangled: String = chars[..cut].iter().collect();
            if let Ok(doc) = ingest::read_bytes(
                &path,
                mangled.as_bytes(),
                Some(InputFormat::Text),
                &IngestOptions::default(),
                &common::engine().taxonomy().vocabulary,
            ) {
                let report = engine.analyze(&doc, &options);
                assert!(report.score <= 100);
                runs += 1;
            }
        }
    }
    assert!(runs > 300, "enough runs: {runs}");
}

#[test]
fn random_bytes_are_errors_or_reports_never_panics() {
    let engine = Engine::new(Taxonomy::embedded().unwrap());
    let options = AnalysisOptions {
        target: Target::BestFit,
        as_of: Some("2026-11-01".parse::<Date>().unwrap()),
        keep_non_resumes: true,
    };
    let mut rng = Rng(42);
    for round in 0..200 {
        let len = rng.below(2048);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
        let format = [InputFormat::Text, InputFormat::Pdf, InputFormat::Docx, InputFormat::JsonResume][round % 4];
        if let Ok(doc) = ingest::read_bytes(
            Path::new("random"),
            &bytes,
            Some(format),
            &IngestOptions::default(),
            &common::engine().taxonomy().vocabulary,
        ) {
            let _ = engine.analyze(&doc, &options);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The classes of issue 11: no input hangs the run, blows up its memory or leaks a contact
// detail. Each input is generated here, small enough for CI; the limits are per document.

use std::io::{BufRead, Read, Write};
use std::time::Duration;

use gap_check::error::ReadError;
use gap_check::ingest::{MAX_LINES, MAX_LINE_BYTES, MAX_TEXT_BYTES};
use serde_json::Value;

fn engine() -> Engine {
    Engine::new(Taxonomy::embedded().unwrap())
}

fn as_of() -> AnalysisOptions {
    AnalysisOptions {
        target: Target::Role("data-engineer".into()),
        as_of: Some("2026-11-01".parse::<Date>().unwrap()),
        keep_non_resumes: true,
    }
}

fn text_doc(text: &str) -> ingest::Document {
    ingest::from_text(Path::new("generated.txt"), text, &common::engine().taxonomy().vocabulary).unwrap()
}

fn skill<'a>(report: &'a gap_check::report::Report, id: &str) -> &'a gap_check::report::SkillReport {
    report.skills.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("{id} not found"))
}

#[test]
fn a_skill_named_on_every_line_keeps_twenty_evidence_lines_and_counts_the_rest() {
    // 30,000 lines of "Python": the report lists the first 20 and counts all of them.
    let report = engine().analyze(&text_doc(&"Python\n".repeat(30_000)), &as_of());
    let python = skill(&report, "python");
    assert_eq!(python.evidence.len(), 20);
    assert_eq!(python.evidence_total, 30_000);
    let lines: Vec<usize> = python.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, (1..=20).collect::<Vec<_>>(), "the first twenty, in order");
}

#[test]
fn positions_and_leadership_lines_are_capped_but_all_counted() {
    // 300 dated jobs, each with a line that leads people and names Spark.
    let mut text = String::from("EXPERIENCE\n");
    for i in 0..300 {
        text.push_str(&format!(
            "Data Engineer, Acme {i}   Jan 2001 – Dec 2001\n- Led a team of 4 engineers on Spark\n"
        ));
    }
    let report = engine().analyze(&text_doc(&text), &as_of());
    assert_eq!(report.experience.positions.len(), 100);
    assert_eq!(report.experience.positions_total, 300);
    // All 300 jobs cover 2001 only: twelve months, overlaps once, from all positions.
    assert_eq!(report.experience.months, Some(12));
    assert_eq!(report.leadership.evidence.len(), 20);
    assert_eq!(report.leadership.evidence_total, 300);
    let spark = skill(&report, "spark");
    assert_eq!((spark.evidence.len(), spark.evidence_total), (20, 300));
    // The months of a skill come from every line that shows it, not only the first 20.
    assert_eq!(spark.months, Some(12));
}

#[test]
fn the_last_mentions_of_a_skill_still_date_it() {
    // 25 undated mentions first, then one in a dated job: the job is the 26th line.
    let mut text = String::from("SKILLS\n");
    text.push_str(&"Python\n".repeat(25));
    text.push_str("EXPERIENCE\nData Engineer   Jan 2020 – Dec 2021\n- Python pipelines\n");
    let report = engine().analyze(&text_doc(&text), &as_of());
    let python = skill(&report, "python");
    assert_eq!(python.evidence.len(), 20);
    assert_eq!(python.evidence_total, 26);
    assert_eq!(python.months, Some(24));
    assert_eq!(python.last_used, Some(2021));
}

#[test]
fn long_lines_are_cut_and_too_much_text_or_too_many_lines_are_errors() {
    // A 100 KiB line of words becomes pieces of at most MAX_LINE_BYTES, cut at spaces.
    let line = "Python and Spark ".repeat(100 * 1024 / 17);
    let doc = text_doc(&line);
    assert!(doc.lines.len() >= line.len() / MAX_LINE_BYTES);
    assert!(doc.lines.iter().all(|l| l.len() <= MAX_LINE_BYTES));
    assert!(
        doc.lines[..doc.lines.len() - 1]
            .iter()
            .all(|l| l.ends_with("Spark") || l.ends_with("and") || l.ends_with("Python")),
        "cut between words"
    );
    let report = engine().analyze(&doc, &as_of());
    assert!(report.skills.iter().any(|s| s.id == "spark"));

    let big = "x".repeat(MAX_TEXT_BYTES as usize + 1);
    let err = ingest::from_text(Path::new("big.txt"), &big, &common::engine().taxonomy().vocabulary).unwrap_err();
    assert_eq!(err, ReadError::TooMuchText(MAX_TEXT_BYTES));
    assert!(err.to_string().contains("more than 8 MiB of text"), "{err}");
    // Exactly the limit is read; one line more is not.
    assert_eq!(
        ingest::from_text(Path::new("full.txt"), &"a\n".repeat(MAX_LINES), &common::engine().taxonomy().vocabulary)
            .unwrap()
            .lines
            .len(),
        MAX_LINES
    );
    let many = "a\n".repeat(MAX_LINES + 1);
    assert_eq!(
        ingest::from_text(Path::new("many.txt"), &many, &common::engine().taxonomy().vocabulary).unwrap_err(),
        ReadError::TooManyLines(MAX_LINES)
    );
}

/// A DOCX from named parts.
fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn word_xml(paragraphs: &str) -> Vec<u8> {
    format!(r#"<w:document {W}><w:body>{paragraphs}</w:body></w:document>"#).into_bytes()
}

fn read_docx(bytes: &[u8]) -> Result<ingest::Document, ReadError> {
    ingest::read_bytes(
        Path::new("generated.docx"),
        bytes,
        Some(InputFormat::Docx),
        &IngestOptions::default(),
        &common::engine().taxonomy().vocabulary,
    )
}

#[test]
fn docx_parts_share_one_inflate_budget_per_document() {
    // Two headers of 20 MiB each: each under the 32 MiB budget alone, over it together.
    let filler = format!(r#"<w:hdr {W}><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:hdr>"#, " ".repeat(20 << 20));
    let body = word_xml("<w:p><w:r><w:t>Python</w:t></w:r></w:p>");
    let bytes = docx(&[
        ("word/document.xml", &body),
        ("word/header1.xml", filler.as_bytes()),
        ("word/header2.xml", filler.as_bytes()),
    ]);
    assert!(bytes.len() < 200_000, "a small file on disk: {}", bytes.len());
    let err = read_docx(&bytes).unwrap_err();
    assert!(matches!(&err, ReadError::ZipBomb(m) if m.contains("together")), "{err}");
    // One such header alone is read.
    let one = docx(&[("word/document.xml", &body), ("word/header1.xml", filler.as_bytes())]);
    assert!(read_docx(&one).unwrap().lines.iter().any(|l| l == "Python"));
}

#[test]
fn docx_text_shares_the_per_document_text_limit() {
    // 9 MiB of text in 24 MiB of XML (under the inflate budget): over the text limit.
    let paragraph = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "Python Spark SQL ".repeat(64));
    let count = (9 << 20) / (17 * 64);
    let bytes = docx(&[("word/document.xml", &word_xml(&paragraph.repeat(count)))]);
    assert_eq!(read_docx(&bytes).unwrap_err(), ReadError::TooMuchText(MAX_TEXT_BYTES));
}

#[test]
fn a_truncated_docx_is_an_error_not_half_a_resume() {
    let fixture =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes/docx-resume.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(fixture)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        parts.push((entry.name().to_string(), bytes));
    }
    let whole: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    assert!(read_docx(&docx(&whole)).is_ok(), "the rebuilt whole file reads");
    let cut: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), if n == "word/document.xml" { &b[..b.len() / 2] } else { b.as_slice() }))
        .collect();
    let err = read_docx(&docx(&cut)).unwrap_err();
    assert!(matches!(&err, ReadError::DamagedDocx(m) if m.contains("document.xml")), "{err}");
    assert!(err.to_string().contains("damaged DOCX"), "{err}");
}

#[test]
fn a_json_resume_over_the_limit_is_refused_before_parsing() {
    let highlights = vec!["Built Spark pipelines"; 1 << 20];
    let json = serde_json::json!({"basics": {"label": "Data Engineer"}, "work": [{"highlights": highlights}]});
    let bytes = serde_json::to_vec(&json).unwrap();
    assert!(bytes.len() as u64 > 2 * MAX_TEXT_BYTES);
    let err = ingest::read_bytes(
        Path::new("big.json"),
        &bytes,
        Some(InputFormat::JsonResume),
        &IngestOptions::default(),
        &common::engine().taxonomy().vocabulary,
    )
    .unwrap_err();
    assert!(matches!(&err, ReadError::NotJsonResume(m) if m.contains("limit")), "{err}");
}

#[test]
fn the_timeout_bounds_every_format_not_only_pdf() {
    // A deadline that has already passed: every format ends with the timeout error,
    // whatever stage it is in (a deterministic stand-in for a slow file).
    let engine = engine();
    let late = IngestOptions { timeout: Some(Duration::ZERO), ..IngestOptions::default() };
    let resumes = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes");
    for name in
        ["ml-engineer-mid.txt", "data-scientist-mid.md", "docx-resume.docx", "json-resume.json", "two-column.pdf"]
    {
        let err = engine.analyze_file(&resumes.join(name), &late, &as_of()).unwrap_err();
        assert_eq!(err.reason, ReadError::TookTooLong(0), "{name}");
        assert!(engine.analyze_file(&resumes.join(name), &IngestOptions::default(), &as_of()).is_ok(), "{name}");
    }
    let err = engine.analyze_text(Path::new("stdin:1"), "Python", &late, &as_of()).unwrap_err();
    assert_eq!(err.reason, ReadError::TookTooLong(0));
}

/// 150,000 dated lines: tens of seconds in a debug build without a limit, one with it.
fn slow_resume() -> String {
    let mut slow = String::from("EXPERIENCE\n");
    for i in 0..150_000 {
        slow.push_str(&format!("Jan {} – Mar {} Python\n", 2000 + i % 20, 2001 + i % 20));
    }
    slow
}

#[test]
fn one_slow_file_alone_is_stopped_by_the_timeout_too() {
    // One file is read on the calling thread, not handed to batch workers: the deadline
    // must hold there as well.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slow.txt");
    std::fs::write(&path, slow_resume()).unwrap();
    let out = common::gap_check()
        .arg(&path)
        .args(["--format", "json", "--timeout", "1", "--as-of", common::AS_OF, "--keep-non-resumes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["error"]["code"], "timeout", "{record}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("slow.txt: took longer than 1 s and was stopped"), "{stderr}");
}

#[test]
fn a_slow_file_in_a_batch_gets_a_timeout_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-slow.txt"), slow_resume()).unwrap();
    std::fs::write(dir.path().join("b-fine.txt"), "SKILLS\nPython, SQL\n").unwrap();
    let out = common::gap_check()
        .arg(dir.path())
        .args(["--format", "ndjson", "--timeout", "1", "--as-of", common::AS_OF, "--keep-non-resumes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["error"]["code"], "timeout");
    assert_eq!(records[0]["error"]["message"], "took longer than 1 s and was stopped (raise the limit with --timeout)");
    assert!(records[1]["score"].is_u64(), "{}", records[1]);
}

/// Runs gap-check and kills it if it has not ended in 60 s: a hang fails the test instead
/// of hanging CI.
fn run_bounded(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut child = common::gap_check_process()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("gap-check {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_a_taxonomy_linked_to_dev_zero_are_refused() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.pdf");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.txt");
    symlink("/dev/zero", &zero).unwrap();
    for (file, reason) in [(&fifo, "not a regular file (a FIFO)"), (&zero, "not a regular file (a character device)")] {
        let out = run_bounded(&[file.as_os_str()]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason) && stderr.contains(file.file_name().unwrap().to_str().unwrap()), "{stderr}");
    }
    let taxonomy = dir.path().join("taxonomy");
    std::fs::create_dir(&taxonomy).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("taxonomy");
    for name in ["roles.toml", "sources.toml"] {
        std::fs::copy(source.join(name), taxonomy.join(name)).unwrap();
    }
    symlink("/dev/zero", taxonomy.join("skills.toml")).unwrap();
    let resume = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/resumes/ml-engineer-mid.txt");
    let out = run_bounded(&[resume.as_os_str(), "--taxonomy".as_ref(), taxonomy.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("skills.toml") && stderr.contains("not a regular file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn every_walk_entry_is_a_record_or_a_named_skip() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.txt"), "SKILLS\nPython\n").unwrap();
    mkfifo(&root.join("pipe.txt"));
    symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();
    symlink("/dev/zero", root.join("zero.txt")).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    symlink(root.join("sub"), root.join("sub-link")).unwrap();
    std::fs::write(root.join("photo.gif"), [0u8; 4]).unwrap();
    std::fs::write(root.join(".hidden.txt"), "Python").unwrap();
    let out = run_bounded(&[
        root.as_os_str(),
        "--format".as_ref(),
        "ndjson".as_ref(),
        "--verbose".as_ref(),
        "--keep-non-resumes".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1, "only good.txt is a record");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (name, reason) in [
        ("pipe.txt", "a FIFO"),
        ("dangling.txt", "a dangling link"),
        ("zero.txt", "a character device"),
        ("sub-link", "a link to a folder (not followed)"),
        ("photo.gif", "not a resume file type (.gif)"),
        (".hidden.txt", "hidden"),
    ] {
        assert!(
            stderr.lines().any(|l| l.starts_with("gap-check: skipped ") && l.contains(name) && l.ends_with(reason)),
            "{name}: {reason} not listed:\n{stderr}"
        );
    }
    assert!(stderr.contains("1 resumes: 1 ok, 0 failed, 6 skipped"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn names_that_differ_only_in_invalid_bytes_get_different_paths() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for byte in [0xFFu8, 0xFE] {
        let name = [b"collide-".as_slice(), &[byte], b".txt"].concat();
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(&name)), "SKILLS\nPython\n").unwrap();
    }
    let out = run_bounded(&[dir.path().as_os_str(), "--format".as_ref(), "ndjson".as_ref()]);
    let records: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let paths: Vec<&str> = records.iter().map(|r| r["input"]["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 2);
    assert!(paths[0].ends_with("collide-\\xfe.txt") && paths[1].ends_with("collide-\\xff.txt"), "{paths:?}");
    let hex = records[1]["input"]["path_bytes"].as_str().unwrap();
    assert!(hex.ends_with("636f6c6c6964652dff2e747874"), "{hex}");
}

#[test]
fn each_ndjson_record_is_on_the_pipe_as_soon_as_it_is_complete() {
    // Write one stdin record, and read its report while stdin is still open: a record
    // held in a buffer would never arrive, and the test would time out instead.
    let mut child = common::gap_check_process()
        .args(["-", "--format", "ndjson", "--jobs", "1", "--as-of", common::AS_OF])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"id\": \"first\", \"text\": \"SKILLS\\nPython\"}\n").unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = send.send(line);
    });
    let line = receive.recv_timeout(Duration::from_secs(20));
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    let line = line.expect("the first record arrives while the run goes on");
    let record: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(record["input"]["path"], "first");
}
