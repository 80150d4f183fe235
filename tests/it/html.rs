//! `--format html`: the page for one resume and the shortlist for a folder. Snapshots of
//! both (reviewed by eye), a parse of each that proves nothing is loaded from outside the
//! file and that resume text is escaped, and a render in headless Chromium that checks the
//! picture is not blank and the page's score is the JSON report's.

use crate::common;

use std::path::{Path, PathBuf};

use common::{fixture, gap_check, AS_OF};
use scraper::{Html, Selector};

const RESUME: &str = "fixtures/resumes/senior-mle-team-lead.pdf";

/// Runs the binary from the repository root on relative paths (stable paths in the page).
fn render(args: &[&str]) -> String {
    let out = gap_check().current_dir(common::root()).args(args).args(["--as-of", AS_OF]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn report_page() -> String {
    render(&[RESUME, "--target", "lead-ml", "--format", "html"])
}

fn shortlist_page() -> String {
    render(&[
        "fixtures/resumes/senior-mle-team-lead.txt",
        "fixtures/resumes/junior-ml-engineer.txt",
        "fixtures/resumes/data-scientist-mid.md",
        "--target",
        "lead-ml",
        "--format",
        "html",
    ])
}

/// The page with the constant CSS and script left out (they are files of their own,
/// src/render/html.css and sort.js) and a line break before each block element, so that
/// a snapshot diff shows what changed.
fn for_snapshot(page: &str) -> String {
    let mut page = page.to_string();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        if let (Some(a), Some(b)) = (page.find(open), page.find(close)) {
            page.replace_range(a + open.len()..b, "…");
        }
    }
    for tag in [
        "<head", "<body", "<main", "<header", "<section", "<h1", "<h2", "<h3", "<p", "<ul", "<ol", "<li", "<div",
        "<table", "<thead", "<tbody", "<tr", "<details", "<svg", "<rect", "<text", "<circle", "<line", "<footer",
        "<script", "<style", "<meta", "<title",
    ] {
        page = page.replace(tag, &format!("\n{tag}"));
    }
    page
}

#[test]
fn report_page_snapshot() {
    insta::assert_snapshot!(for_snapshot(&report_page()));
}

#[test]
fn shortlist_page_snapshot() {
    insta::assert_snapshot!(for_snapshot(&shortlist_page()));
}

/// Every way a page could load something from outside the file.
fn external_loads(page: &str) -> Vec<String> {
    let doc = Html::parse_document(page);
    let mut found = Vec::new();
    let external = |v: &str| {
        let v = v.trim().to_ascii_lowercase();
        v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//") || v.starts_with("ftp:")
    };
    let css_loads = |css: &str| {
        let css = css.to_ascii_lowercase();
        css.contains("@import")
            || css.match_indices("url(").any(|(i, _)| {
                let arg = css[i + 4..].trim_start_matches([' ', '"', '\'']);
                !(arg.starts_with('#') || arg.starts_with("data:"))
            })
    };
    for el in doc.select(&Selector::parse("*").unwrap()) {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if ["src", "href", "xlink:href", "srcset", "poster", "data", "action", "formaction", "background"]
                .contains(&attr.as_str())
                && external(value)
            {
                found.push(format!("<{name} {attr}={value}>"));
            }
            if attr == "style" && css_loads(value) {
                found.push(format!("<{name} style={value}>"));
            }
        }
        if ["link", "base", "iframe", "object", "embed", "img", "image", "audio", "video", "source"].contains(&name) {
            found.push(format!("<{name}> element"));
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            found.push("<meta http-equiv>".to_string());
        }
        if name == "script" && el.value().attr("src").is_some() {
            found.push("<script src>".to_string());
        }
        if name == "style" && css_loads(&el.text().collect::<String>()) {
            found.push("@import or url() in <style>".to_string());
        }
    }
    found
}

#[test]
fn the_checker_finds_external_loads() {
    // The check itself must be able to fail.
    for page in [
        r#"<html><head><link rel="stylesheet" href="https://cdn.example/x.css"></head></html>"#,
        r#"<html><body><script src="//cdn.example/x.js"></script></body></html>"#,
        r#"<html><head><style>@import "x.css";</style></head></html>"#,
        r#"<html><body><div style="background: url(https://x.example/a.png)"></div></body></html>"#,
        r#"<html><body><svg><image href="http://x.example/a.png"/></svg></body></html>"#,
        r#"<html><body><a href="https://example.com">x</a></body></html>"#,
    ] {
        assert!(!external_loads(page).is_empty(), "not caught: {page}");
    }
    assert!(external_loads("<html><body><a href=\"#skills\">x</a><svg><rect/></svg></body></html>").is_empty());
}

#[test]
fn pages_load_nothing_from_outside() {
    for page in [report_page(), shortlist_page()] {
        let loads = external_loads(&page);
        assert!(loads.is_empty(), "{loads:?}");
        let doc = Html::parse_document(&page);
        let styles = doc.select(&Selector::parse("style").unwrap()).count();
        assert_eq!(styles, 1, "the style is inline");
        assert!(doc.select(&Selector::parse("svg").unwrap()).count() >= 1, "pictures are inline SVG");
    }
}

#[test]
fn resume_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // The file name is shown on both pages, the resume's lines on the report page.
    let path = dir.path().join("tricky<i>name.txt");
    std::fs::write(
        &path,
        "Jane Doe\nSkills\nPython <script>alert('x')</script>, SQL <img src=https://evil.example/p.png>\n\
         Experience\nData Engineer, Acme <b>bold</b> Inc.  2019 - Present\n- Built ETL pipelines in Python & Spark\n",
    )
    .unwrap();
    for many in [false, true] {
        let mut cmd = gap_check();
        cmd.arg(&path).args(["--target", "data-engineer", "--format", "html", "--as-of", AS_OF]);
        if many {
            cmd.arg(&path);
        }
        let page = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
        assert!(page.contains("tricky&lt;i&gt;name.txt"), "{page}");
        if !many {
            assert!(page.contains("Python &lt;script&gt;alert('x')&lt;/script&gt;"), "{page}");
        }
        let doc = Html::parse_document(&page);
        let scripts = doc.select(&Selector::parse("script").unwrap()).count();
        assert_eq!(scripts, usize::from(many), "only the shortlist's own sorting script");
        assert_eq!(doc.select(&Selector::parse("img, i").unwrap()).count(), 0);
        assert!(external_loads(&page).is_empty());
    }
}

#[test]
fn the_report_page_shows_what_a_person_needs() {
    let page = report_page();
    let doc = Html::parse_document(&page);
    let text = |sel: &str| {
        doc.select(&Selector::parse(sel).unwrap()).map(|e| e.text().collect::<String>()).collect::<Vec<_>>()
    };
    assert_eq!(text("#score"), vec!["78"]);
    // A bar per requirement group, with earned and possible points: 111.3 of 143 weight
    // points make 77.8 score points, of which the required skills give 53.4 of 72.7.
    let bars = text("div.bars > div").join(" | ");
    assert!(bars.contains("Required skills | 53.4 of 72.7"), "{bars}");
    assert!(bars.contains("Leadership | 8.4 of 8.4"), "{bars}");
    // Sources by title, never by file name.
    assert!(page.contains("Machine Learning Engineer vs. Lead Machine Learning Engineer"));
    assert!(!page.contains(".txt §") && !page.contains("5938be9f"), "no source file names");
    // Missing requirements with their gain, matched ones with the resume line.
    let missing = text("#missing li").join("\n");
    assert!(missing.contains("data structures and algorithms") && missing.contains("+4.2"), "{missing}");
    let matched = text("#matched li").join("\n");
    // The strongest line: a job's line (19), not the skills list (11) that names it first.
    assert!(
        matched.contains("PyTorch — line 19: - Designed the model platform: PyTorch training jobs on SageMaker"),
        "{matched}"
    );
    // Skills with how they were found and months of use.
    let skills = text("#skills .chip").join("\n");
    assert!(skills.contains("Docker") && skills.contains("6 yr 6 mo in dated jobs"), "{skills}");
    assert!(skills.contains("implied by another skill"), "{skills}");
    // The ladder marks where the person stands and the next step.
    assert_eq!(text("svg.ladder rect.here").len(), 1);
    assert_eq!(text("svg.ladder rect.next").len(), 1);
    assert!(text("ul.moves li.on-path")
        .join("")
        .contains("Machine Learning Engineer → Lead Machine Learning Engineer"));
    // Ranked actions with their points.
    let actions = text("ol.actions li");
    assert_eq!(actions.len(), 5);
    assert!(actions[0].contains("+4.2 points") && actions[0].contains("data structures"), "{actions:?}");
}

#[test]
fn the_shortlist_has_a_row_per_resume_and_the_histogram_counts_them() {
    let page = shortlist_page();
    let doc = Html::parse_document(&page);
    let rows: Vec<_> = doc.select(&Selector::parse("#shortlist tbody tr").unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(doc.select(&Selector::parse("#shortlist tbody tr details").unwrap()).count(), 3, "details inline");
    let scores: Vec<String> = doc
        .select(&Selector::parse("#shortlist td.score").unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect();
    // The same scores as the JSON reports of the three files, in input order.
    let json: Vec<String> = [
        "fixtures/resumes/senior-mle-team-lead.txt",
        "fixtures/resumes/junior-ml-engineer.txt",
        "fixtures/resumes/data-scientist-mid.md",
    ]
    .iter()
    .map(|f| common::json_report(&common::root().join(f), &["--target", "lead-ml"]).0["score"].to_string())
    .collect();
    assert_eq!(scores, json);
    let counts: u64 = doc
        .select(&Selector::parse("svg.histogram text.hist-count").unwrap())
        .map(|e| e.text().collect::<String>().parse::<u64>().unwrap())
        .sum();
    assert_eq!(counts, 3);
    assert!(page.contains("3 resumes scored."));
}

#[test]
fn an_unreadable_file_is_a_row_of_the_shortlist() {
    let out = gap_check()
        .current_dir(common::root())
        .args(["fixtures/resumes/junior-ml-engineer.txt", "fixtures/broken/empty.txt", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a failed file is reported in the exit code");
    let page = String::from_utf8(out.stdout).unwrap();
    let doc = Html::parse_document(&page);
    let error =
        doc.select(&Selector::parse("tr.error").unwrap()).map(|e| e.text().collect::<String>()).collect::<Vec<_>>();
    assert_eq!(error.len(), 1, "{page}");
    assert!(error[0].contains("empty.txt") && error[0].contains("could not be read"), "{error:?}");
    assert!(page.contains("1 resumes scored, 1 could not be read."));
}

/// Chromium, if this machine has it (CI installs it in .ci/run).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn chromium_run(chrome: &Path, profile: &Path, args: &[&str], page: &Path) -> std::process::Output {
    std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// Share of the pixels that differ from the page's background (the top-left pixel).
fn ink(png_file: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png_file).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = bytes.chunks(channels).collect();
    let background = pixels[0];
    pixels.iter().filter(|p| p[..3] != background[..3]).count() as f64 / pixels.len() as f64
}

#[test]
fn chromium_renders_the_pages_with_the_json_score() {
    let Some(chrome) = chromium() else {
        // CI installs it and sets GAP_CHECK_REQUIRE_CHROMIUM: there a missing Chromium is a
        // failure, not a notice lost in the log.
        assert!(
            std::env::var_os("GAP_CHECK_REQUIRE_CHROMIUM").is_none(),
            "GAP_CHECK_REQUIRE_CHROMIUM is set but chromium is not on PATH (apt-get install chromium)"
        );
        eprintln!("NOTICE: chromium not found on PATH; skipping the headless rendering test (.ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    std::fs::write(&report, report_page()).unwrap();
    let shortlist = dir.path().join("shortlist.html");
    std::fs::write(&shortlist, shortlist_page()).unwrap();
    let (json, _) = common::json_report(&common::root().join(RESUME), &["--target", "lead-ml"]);

    for (page, name) in [(&report, "report"), (&shortlist, "shortlist")] {
        let png_file = dir.path().join(format!("{name}.png"));
        let shot = format!("--screenshot={}", png_file.display());
        let out = chromium_run(&chrome, &dir.path().join("profile"), &[&shot, "--window-size=1200,2000"], page);
        assert!(png_file.exists(), "no screenshot: {}", String::from_utf8_lossy(&out.stderr));
        let ink = ink(&png_file);
        assert!(ink > 0.05, "{name}: the screenshot is nearly blank ({ink:.3} of the pixels drawn)");
    }

    // The blank check can fail: an empty page has no ink.
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let blank_png = dir.path().join("blank.png");
    let shot = format!("--screenshot={}", blank_png.display());
    chromium_run(&chrome, &dir.path().join("profile"), &[&shot, "--window-size=1200,2000"], &blank);
    assert!(ink(&blank_png) < 0.001, "an empty page is blank");

    let dom = chromium_run(&chrome, &dir.path().join("profile"), &["--dump-dom"], &report);
    let doc = Html::parse_document(&String::from_utf8_lossy(&dom.stdout));
    let score: Vec<String> =
        doc.select(&Selector::parse("#score").unwrap()).map(|e| e.text().collect::<String>()).collect();
    assert_eq!(score, vec![json["score"].to_string()], "the page's score is the JSON report's");

    // The sorting script ran in the browser: it makes each column heading focusable.
    let dom = chromium_run(&chrome, &dir.path().join("profile"), &["--dump-dom"], &shortlist);
    let doc = Html::parse_document(&String::from_utf8_lossy(&dom.stdout));
    let headings = doc.select(&Selector::parse("#shortlist th[tabindex=\"0\"]").unwrap()).count();
    assert_eq!(headings, 7);
}

#[test]
fn the_page_explains_the_score_in_words() {
    let out = gap_check()
        .arg(fixture("resumes/senior-mle-team-lead.pdf"))
        .args(["--target", "lead-ml", "--format", "html", "--as-of", common::AS_OF])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    let (json, _) = common::json_report(&fixture("resumes/senior-mle-team-lead.pdf"), &["--target", "lead-ml"]);
    assert!(page.contains("Why this score"), "no explanation section");
    // Each of the three items of the JSON explanation is on the page, and the statement of what
    // the score does not use.
    for item in json["explanation"]["items"].as_array().unwrap() {
        let sentence = item["sentence"].as_str().unwrap();
        let escaped = sentence.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(page.contains(sentence) || page.contains(&escaped), "{sentence}");
    }
    assert!(page.contains(json["explanation"]["not_used"].as_str().unwrap()));
}
