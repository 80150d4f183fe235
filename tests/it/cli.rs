//! The command line as a user meets it.

use crate::common;

use common::{fixture, gap_check, json_report, text_report};

#[test]
fn roles_lists_the_five_roles() {
    let out = gap_check().arg("roles").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for id in ["lead-ml", "ml-engineer", "ml-research", "data-engineer", "data-science-engineer"] {
        assert!(text.lines().any(|l| l.starts_with(id)), "{id} missing from:\n{text}");
    }
    assert!(text.contains("Lead Machine Learning Engineer"));
}

#[test]
fn a_mistyped_role_suggests_the_right_one() {
    let out = gap_check().arg(fixture("resumes/ml-engineer-mid.txt")).args(["--target", "lead-mll"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("did you mean 'lead-ml'"), "{stderr}");
    assert!(stderr.contains("data-science-engineer"), "valid ids are listed: {stderr}");
}

#[test]
fn the_full_title_works_as_target() {
    let (by_title, _) =
        json_report(&fixture("resumes/ml-engineer-mid.txt"), &["--target", "Lead Machine Learning Engineer"]);
    let (by_id, _) = json_report(&fixture("resumes/ml-engineer-mid.txt"), &["--target", "lead-ml"]);
    assert_eq!(by_title["target"]["id"], "lead-ml");
    assert_eq!(by_title["score"], by_id["score"]);
}

#[test]
fn without_a_target_every_role_is_ranked_and_the_best_fit_is_measured() {
    let (report, _) = json_report(&fixture("resumes/research-phd.txt"), &[]);
    let ranking = report["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 5);
    let scores: Vec<u64> = ranking.iter().map(|r| r["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked best first: {scores:?}");
    assert_eq!(report["target"]["id"], ranking[0]["id"]);
    assert_eq!(report["target"]["chosen"], "best-fit");
    // A PhD researcher with publications fits the research role best.
    assert_eq!(ranking[0]["id"], "ml-research");
}

#[test]
fn the_text_report_explains_each_finding() {
    let out = text_report(&fixture("resumes/senior-mle-team-lead.pdf"), &["--target", "lead-ml"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Lead Machine Learning Engineer (lead-ml)"));
    assert!(text.contains("Fit score"));
    assert!(text.contains("Missing"));
    assert!(text.contains("Next step: Lead Machine Learning Engineer"));
    // Findings point at lines and gaps at the source documents, named by their titles.
    assert!(text.contains(" l."));
    assert!(text.contains("Machine Learning Engineer vs. Lead Machine Learning Engineer § Required Skills"), "{text}");
    assert!(!text.contains(".txt"), "no source file names: {text}");
    // The markers are explained and the score is told in words.
    assert!(text.contains("✓ met   ~ met in part   ✗ required, missing   · preferred, missing"), "{text}");
    assert!(text.contains("78 of 100: 18 of 23 skill requirements met, experience 6.5 of 7 preferred years"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
}

#[test]
fn colour_is_only_on_request_and_no_color_is_respected() {
    let file = fixture("resumes/ml-engineer-mid.txt");
    let forced = text_report(&file, &["--target", "lead-ml", "--color", "always"]);
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\x1b'));
    let auto = gap_check().arg(&file).args(["--target", "lead-ml"]).env("NO_COLOR", "1").output().unwrap();
    assert!(!String::from_utf8_lossy(&auto.stdout).contains('\x1b'));
}

#[test]
fn as_of_makes_present_reproducible() {
    let file = fixture("resumes/ml-engineer-mid.txt");
    let (now, _) = json_report(&file, &["--as-of", "2026-11-01"]);
    let (later, _) = json_report(&file, &["--as-of", "2027-11-01"]);
    let months = |r: &serde_json::Value| r["experience"]["months"].as_i64().unwrap();
    assert_eq!(months(&later) - months(&now), 12, "an ongoing job grows by a year");
    let (again, _) = json_report(&file, &["--as-of", "2026-11-01"]);
    assert_eq!(now, again, "same input, same date, same report");
}

#[test]
fn a_bad_as_of_date_is_a_usage_error() {
    let out = gap_check().arg(fixture("resumes/ml-engineer-mid.txt")).args(["--as-of", "2026-13-01"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

/// The files a `--taxonomy DIR` must hold, copied from the built-in taxonomy (the others
/// default to the built-in ones).
fn copy_required_taxonomy_files(dir: &std::path::Path) {
    for name in ["skills.toml", "roles.toml", "sources.toml"] {
        std::fs::copy(common::root().join("taxonomy").join(name), dir.join(name)).unwrap();
    }
}

#[test]
fn another_taxonomy_directory_is_validated_before_use() {
    let dir = tempfile::tempdir().unwrap();
    copy_required_taxonomy_files(dir.path());
    // A copy works as it is.
    let ok = gap_check().args(["--taxonomy"]).arg(dir.path()).arg("roles").output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    // A requirement naming an unknown skill is an error naming the file and the entry.
    let roles = std::fs::read_to_string(dir.path().join("roles.toml")).unwrap();
    std::fs::write(dir.path().join("roles.toml"), roles.replacen("\"pytorch\"", "\"pytorch-nightly\"", 1)).unwrap();
    let out = gap_check().args(["--taxonomy"]).arg(dir.path()).arg("roles").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("roles.toml") && stderr.contains("unknown skill 'pytorch-nightly'"), "{stderr}");
}

#[test]
fn no_resume_given_is_a_usage_error_with_a_hint() {
    let out = gap_check().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gap-check resume.pdf"));
}

#[test]
fn the_embedded_taxonomy_works_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = gap_check().current_dir(dir.path()).arg(fixture("resumes/ml-engineer-mid.txt")).output().unwrap();
    assert!(out.status.success());
}

#[test]
fn the_guide_names_every_input_format_the_walk_reads() {
    let guide = std::fs::read_to_string(common::root().join("docs/guide.md")).unwrap();
    let walk = guide.lines().skip_while(|l| !l.starts_with("## Batch runs")).take(6).collect::<Vec<_>>().join(" ");
    for (ext, _) in gap_check::ingest::InputFormat::EXTENSIONS {
        assert!(walk.contains(&format!("`.{ext}`")), ".{ext} missing from the guide's batch section: {walk}");
    }
}

#[test]
fn the_text_report_prints_no_line_for_a_bar_the_role_does_not_have() {
    // The Data Science Engineer role has experience and education bars but no leadership bar.
    let out = text_report(&fixture("resumes/data-scientist-mid.md"), &["--target", "data-science-engineer"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Experience") && text.contains("Education"), "{text}");
    assert!(!text.contains("Leadership  "), "{text}");
    assert!(!text.contains("leadership shown"), "{text}");
    // The lead role has the bar, and says so.
    let out = text_report(&fixture("resumes/data-scientist-mid.md"), &["--target", "lead-ml"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Leadership  no line shows leading"), "{text}");
    assert!(text.contains("no leadership shown"), "{text}");
}

#[test]
fn the_text_report_fits_the_width() {
    let file = fixture("resumes/senior-mle-team-lead.pdf");
    for (columns, width) in [(None, 100), (Some("60"), 60), (Some("132"), 132)] {
        let mut cmd = gap_check();
        cmd.arg(&file).args(["--target", "lead-ml", "--as-of", common::AS_OF]);
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        let text = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= width, "COLUMNS={columns:?}: a line of {widest} columns:\n{text}");
        // Nothing is cut: the end of the longest label is there (wrapped in its column,
        // its words share lines with the next column).
        let words: Vec<&str> = text.split_whitespace().collect();
        assert!(words.contains(&"explainable/edge/federated"), "{text}");
        // (The "Why this score" block quotes a few words of a line on purpose.)
        let after_why = text.split("gender words.").last().unwrap_or(&text);
        assert!(!after_why.contains('…'), "nothing cut: {text}");
        // A narrower width wraps more: at 100 columns the report has 103 lines.
        if width == 60 {
            assert!(text.lines().count() > 120, "{text}");
        }
    }
}

fn stdout_of(args: &[&str]) -> String {
    let out = gap_check().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bash_completion_completes_formats_and_subcommands() {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gap-check.bash");
    std::fs::write(&file, script).unwrap();
    // Drive the completion function the way bash does on <TAB>.
    let complete = |words: &str, cword: usize, cur: &str, prev: &str| {
        let program = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD={cword}; _gap__check gap-check '{cur}' '{prev}'; \
             echo \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        let out = std::process::Command::new("bash").args(["-c", &program]).output().expect("bash runs");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("gap-check --format ''", 2, "", "--format").trim(), "text json ndjson csv html json-resume");
    assert_eq!(complete("gap-check compl", 1, "compl", "gap-check").trim(), "completions");
}

#[test]
fn completions_for_each_shell_and_a_clear_error_for_others() {
    assert!(stdout_of(&["completions", "zsh"]).starts_with("#compdef gap-check"));
    assert!(stdout_of(&["completions", "fish"]).contains("complete -c gap-check"));
    assert!(stdout_of(&["completions", "powershell"])
        .contains("Register-ArgumentCompleter -Native -CommandName 'gap-check'"));
    let out = gap_check().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values: bash, elvish, fish, powershell, zsh"));
}

#[test]
fn the_man_page_and_long_help_list_the_roles_and_exit_codes() {
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH gap-check 1"), "{man}");
    assert!(man.contains("\\-\\-format") && man.contains("html"), "{man}");
    let help = stdout_of(&["--help"]);
    for text in [&man, &help] {
        let plain = text.replace("\\-", "-");
        for id in ["lead-ml", "ml-engineer", "ml-research", "data-engineer", "data-science-engineer"] {
            assert!(plain.contains(&format!("  {id} ")), "role {id} not listed:\n{plain}");
        }
        assert!(plain.contains("Exit codes:") && plain.contains("  2  usage error"), "{plain}");
    }
    // The short help stays short.
    assert!(!stdout_of(&["-h"]).contains("Exit codes:"));
}

/// The sweeps over every fixture (`schema.rs`, `fixtures.rs`, `fairness.rs`) read in this
/// process through `common::in_process` instead of starting the binary once per file. That
/// stands for the binary only while the two print the same bytes with the same exit code:
/// here for a text resume with a role, a PDF (read by the worker process) without a target,
/// a resume against a job posting, and an unreadable file's error record, in JSON and text.
#[test]
fn the_in_process_run_prints_what_the_binary_prints() {
    use gap_check::render::Format;
    let posting = fixture("postings/senior-data-engineer.md");
    let posting = posting.to_str().unwrap();
    let cases: [(&str, &[&str], i32); 4] = [
        ("resumes/senior-mle-team-lead.txt", &["--target", "lead-ml"], 0),
        ("resumes/two-column.pdf", &[], 0),
        ("resumes/senior-data-engineer.txt", &["--target", posting], 0),
        ("broken/password.pdf", &[], 1),
    ];
    for (file, extra, want_code) in cases {
        let path = fixture(file);
        for (format, name) in [(Format::Json, "json"), (Format::Text, "text")] {
            let binary =
                gap_check().arg(&path).args(["--format", name, "--as-of", common::AS_OF]).args(extra).output().unwrap();
            let (bytes, code) = common::in_process(&path, extra, format);
            assert_eq!(binary.status.code(), Some(want_code), "{file} {name}");
            assert_eq!(code, want_code, "{file} {name}: in-process exit code");
            assert!(!bytes.is_empty() || name == "text", "{file} {name}: nothing printed");
            assert_eq!(
                String::from_utf8_lossy(&bytes),
                String::from_utf8_lossy(&binary.stdout),
                "{file} --format {name}: in process and the binary differ"
            );
        }
    }
}

#[test]
fn another_taxonomy_s_headings_reach_the_text_clean_up() {
    // A list wrapped at the margin has its last item moved onto the next line, unless that
    // line is a heading: of the taxonomy given with --taxonomy, not only the built-in one.
    let dir = tempfile::tempdir().unwrap();
    let resume = dir.path().join("resume.txt");
    std::fs::write(
        &resume,
        "Summary\nKubernetes, Agile and Scrum, Statistics, Data visualization, Deep Learning, Natural\nArsenal\nPython\n",
    )
    .unwrap();
    let built_in = gap_check().arg("text").arg(&resume).output().unwrap();
    let built_in = String::from_utf8_lossy(&built_in.stdout);
    assert!(built_in.contains("Natural Arsenal"), "{built_in}");

    let taxonomy = dir.path().join("taxonomy");
    std::fs::create_dir(&taxonomy).unwrap();
    copy_required_taxonomy_files(&taxonomy);
    let vocabulary = std::fs::read_to_string(common::root().join("taxonomy/vocabulary.toml")).unwrap();
    let edited = vocabulary.replacen("\"toolbox\",", "\"toolbox\", \"arsenal\",", 1);
    assert_ne!(edited, vocabulary);
    std::fs::write(taxonomy.join("vocabulary.toml"), edited).unwrap();
    let own = gap_check().arg("--taxonomy").arg(&taxonomy).arg("text").arg(&resume).output().unwrap();
    assert!(own.status.success(), "{}", String::from_utf8_lossy(&own.stderr));
    let own = String::from_utf8_lossy(&own.stdout);
    let arsenal = own.lines().find(|l| l.contains("Arsenal")).unwrap_or_else(|| panic!("{own}"));
    assert!(arsenal.contains("skills") && !arsenal.contains("Natural"), "{own}");
}
