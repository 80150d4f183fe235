//! No contact detail reaches a report: every evidence line, matched text, job title,
//! leadership line and progression title of every fixture report and of every report of
//! the shared corpora (`../shared/corpus/`) is run through the redaction's own contact
//! patterns and through a few blunt independent checks, and none is found. The text report
//! is checked the same way, line by line.

use crate::common;

use std::path::PathBuf;
use std::sync::LazyLock;

use common::{gap_check, root, AS_OF};
use gap_check::taxonomy::Taxonomy;
use serde_json::Value;

/// The redaction's own contact patterns, with the built-in vocabulary's words.
fn has_contact_detail(text: &str) -> bool {
    static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| Taxonomy::embedded().unwrap());
    gap_check::parse::contact::has_contact_detail(&TAXONOMY.vocabulary.contact, text)
}

/// Every folder whose reports are checked: the fixtures and the shared corpora.
fn folders() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("fixtures")];
    for corpus in ["real-text-a", "real-text-b", "real-pdf", "jobs"] {
        let dir = root().join("../shared/corpus").join(corpus);
        assert!(dir.is_dir(), "{} is missing (CI has ../shared)", dir.display());
        dirs.push(dir);
    }
    dirs
}

/// The documents of a corpus folder: those with a label file beside them (its README and
/// SOURCES.md describe the folder, they are no one's resume).
fn documents(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            !p.to_string_lossy().ends_with(".labels.toml") && dir.join(format!("{stem}.labels.toml")).is_file()
        })
        .collect();
    files.sort();
    files
}

/// The fixtures folder whole, and the documents of each corpus folder.
fn inputs(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![dirs[0].clone()];
    out.extend(dirs[1..].iter().flat_map(|d| documents(d)));
    out
}

/// The strings of a report that come from the resume's text.
fn resume_strings(report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |v: &Value| {
        if let Some(s) = v.as_str() {
            out.push(s.to_string())
        }
    };
    for skill in report["skills"].as_array().into_iter().flatten() {
        for e in skill["evidence"].as_array().into_iter().flatten() {
            push(&e["text"]);
            push(&e["matched"]);
        }
    }
    for p in report["experience"]["positions"].as_array().into_iter().flatten() {
        push(&p["title"]);
    }
    for e in report["leadership"]["evidence"].as_array().into_iter().flatten() {
        push(&e["text"]);
    }
    for key in ["current_title", "next_title"] {
        push(&report["progression"][key]);
    }
    push(&report["seniority"]["highest_title"]);
    push(&report["education"]["field"]);
    out
}

/// Blunt checks that do not share the redaction's patterns: an e-mail-like `x@y.z`, a
/// scheme or `www.`, the corpora's scrub placeholders, a run of ten digits.
fn blunt_contact(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") {
        return Some("a URL");
    }
    if lower.contains("example.com") || lower.contains("linkedin.com") || lower.contains("github.com") {
        return Some("a profile link");
    }
    if lower.contains("555-0100") {
        return Some("the scrubbed phone placeholder");
    }
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let before = at > 0 && bytes[at - 1].is_ascii_alphanumeric();
        let after = bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
        if before && after && text[at..].split_whitespace().next().is_some_and(|w| w.contains('.')) {
            return Some("an e-mail address");
        }
    }
    // Ten digits in a row, as a number of their own: not inside a longer word such as a
    // commit hash or a file name.
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() >= 10 && word.bytes().all(|b| b.is_ascii_digit()) {
            return Some("a run of ten digits");
        }
    }
    None
}

#[test]
fn no_report_of_the_fixtures_or_the_corpora_holds_a_contact_detail() {
    let mut checked = 0;
    let mut leaks = Vec::new();
    let dirs = folders();
    // One batch over every folder, so the files are spread over all cores.
    let out = gap_check().args(inputs(&dirs)).args(["--format", "ndjson", "--as-of", AS_OF]).output().unwrap();
    let mut reports = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let report: Value = serde_json::from_str(line).unwrap();
        reports += 1;
        for text in resume_strings(&report) {
            checked += 1;
            let why = if has_contact_detail(&text) { Some("a contact pattern") } else { blunt_contact(&text) };
            if let Some(why) = why {
                leaks.push(format!("{}: {why}: {text}", report["input"]["path"]));
            }
        }
    }
    // The text report of the real resumes, line by line.
    let text_files: Vec<PathBuf> = dirs[1..3].iter().flat_map(|d| documents(d)).collect();
    let text = gap_check().args(&text_files).args(["--as-of", AS_OF, "--color", "never"]).output().unwrap();
    for line in String::from_utf8_lossy(&text.stdout).lines() {
        checked += 1;
        if let Some(why) = blunt_contact(line).or(has_contact_detail(line).then_some("a contact pattern")) {
            leaks.push(format!("text report: {why}: {line}"));
        }
    }
    assert!(reports > 150, "every folder read: {reports} reports");
    assert!(checked > 2000, "enough strings checked: {checked}");
    assert!(leaks.is_empty(), "{} contact details in reports:\n{}", leaks.len(), leaks.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    // The checks above can fail: each shape they look for is caught.
    for leak in ["jane@example.org", "see https://x.org", "www.jroe.dev", "call 555-0100", "id 9876543210"] {
        assert!(blunt_contact(leak).is_some(), "{leak}");
    }
    for leak in ["example.dev/x", "linktr.ee/x", "medium.com/@x", "@jroe", "0171 2345678", "Austin, TX 78701"] {
        assert!(has_contact_detail(leak), "{leak}");
    }
    for clean in ["Node.js and ASP.NET", "recall@k", "2016-2020", "Python 3.11", "[email] | [phone] | [link]"] {
        assert!(!has_contact_detail(clean) && blunt_contact(clean).is_none(), "{clean}");
    }
}
