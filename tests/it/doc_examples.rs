//! The example outputs in README.md and docs/*.md are the program's own output, checked on every
//! `cargo test`. An example is a marker line and the fenced block right below it:
//!
//! ````text
//! <!-- output: gap-check fixtures/resumes/senior-mle-team-lead.pdf --target lead-ml --as-of 2026-11-01 | head -n 15 -->
//! ```
//! (the first 15 lines the command prints)
//! ```
//! ````
//!
//! - The command runs from the repository root (docs/evaluation.md's examples read
//!   `../shared/corpus`, as tests/it/eval.rs does). Its first word, `gap-check`, is the binary this
//!   test run built; `COLUMNS=100` and `NO_COLOR=1` fix the text report's width and colour. The
//!   block holds its stdout; stderr is not shown. An exit code other than 0 or 1, or nothing on
//!   stdout, fails the example (a typo in a marker is not written into the docs as an empty block).
//! - Words are split at spaces; `'…'` or `"…"` quote a word with spaces in it.
//! - Filters after the command, each after a `|`: `head -n N` and `tail -n N` as in a shell, and
//!   `lines 1-3,17-38` (those lines of the output; each run of lines left out shows as one line
//!   `…`). Line numbers are the output's, so an excerpt by number shifts when the output grows:
//!   read the diff after an update.
//! - `gap-check … > r.ndjson; gap-check audit r.ndjson …`: a command's stdout goes to a file that
//!   the next command reads, as in a shell. Such a marker runs in a scratch folder that links each
//!   top-level entry of the repository (`fixtures/`, `docs/`, …), so nothing is written to the
//!   checkout; `../` paths do not reach out of that folder.
//! - Outputs must not depend on the day they are made: every `gap-check` command passes
//!   `--as-of`, except the subcommands that read no date (`roles`, `target`, `text`, `audit`,
//!   `completions`, `man`).
//! - A block fenced as `` ```console `` starts with a line `$ ` and the marker's command as written,
//!   then the output: the reader sees what to type.
//!
//! `bash scripts/update_doc_examples.sh` (`GAP_CHECK_UPDATE_DOCS=1 cargo test --test it
//! doc_examples`) rewrites every block that differs instead of failing; review the diff and
//! commit it. A marker that cannot run fails in both modes.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common;

/// Subcommands whose output depends on no date: their markers need no `--as-of`.
const DATELESS: &[&str] = &["roles", "target", "text", "audit", "completions", "man"];

/// One marked example, as found in a document.
#[derive(Debug, PartialEq)]
struct Example {
    /// The marker's line, from 1.
    line: usize,
    /// The marker's command, as written.
    command: String,
    /// The block is fenced as `console`: its first line is `$ ` and the command.
    console: bool,
    /// The block's content lines (0-based line indices; `end` is the closing fence).
    body: Range<usize>,
}

/// What a marker's command says to do.
#[derive(Debug, PartialEq)]
struct Pipeline {
    /// Commands whose stdout is saved to a file (the second item) for the commands after them.
    saved: Vec<(Vec<String>, String)>,
    /// The command whose output the block shows.
    shown: Vec<String>,
    filters: Vec<Filter>,
}

#[derive(Debug, PartialEq)]
enum Filter {
    Head(usize),
    Tail(usize),
    /// Inclusive ranges of line numbers from 1, ascending.
    Lines(Vec<(usize, usize)>),
}

/// The examples of one document, in order.
fn parse(text: &str) -> Result<Vec<Example>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut examples = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = i + 1;
        // Any `<!-- output…` is a marker, so that a misspelt one fails instead of being skipped.
        let Some(rest) = lines[i].trim().strip_prefix("<!--").and_then(|r| r.trim_start().strip_prefix("output"))
        else {
            i += 1;
            continue;
        };
        let command = rest
            .strip_prefix(':')
            .and_then(|r| r.strip_suffix("-->"))
            .ok_or(format!("line {line}: a marker reads `<!-- output: COMMAND -->`, on one line"))?
            .trim()
            .to_string();
        let open = lines.get(i + 1).copied().unwrap_or_default();
        let fence: String = open.chars().take_while(|&c| c == '`').collect();
        if fence.len() < 3 {
            return Err(format!("line {line}: the marker is not followed by a fenced block (```) on the next line"));
        }
        let start = i + 2;
        let end = (start..lines.len())
            .find(|&j| lines[j].trim_end() == fence)
            .ok_or(format!("line {line}: the block opened on line {} is not closed", i + 2))?;
        examples.push(Example { line, command, console: open[fence.len()..].trim() == "console", body: start..end });
        i = end + 1;
    }
    Ok(examples)
}

enum Token {
    Word(String),
    Op(char),
}

/// Words split at spaces, quotes kept together; `|`, `;` and `>` are operators.
fn tokens(command: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let word = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some(x) => word.push(x),
                        None => return Err(format!("a {c} is not closed")),
                    }
                }
            }
            '|' | ';' | '>' => {
                out.extend(word.take().map(Token::Word));
                out.push(Token::Op(c));
            }
            c if c.is_whitespace() => out.extend(word.take().map(Token::Word)),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word.take().map(Token::Word));
    Ok(out)
}

/// Reads a marker's command (the grammar is the module's doc), refusing one whose output
/// would depend on the day.
fn pipeline(command: &str) -> Result<Pipeline, String> {
    let mut stages = vec![Vec::new()];
    for token in tokens(command)? {
        match token {
            Token::Op('|') => stages.push(Vec::new()),
            token => stages.last_mut().expect("one stage at least").push(token),
        }
    }
    let mut stages = stages.into_iter();
    let mut statements = vec![Vec::new()];
    for token in stages.next().unwrap_or_default() {
        match token {
            Token::Op(';') => statements.push(Vec::new()),
            token => statements.last_mut().expect("one statement at least").push(token),
        }
    }
    let mut saved = Vec::new();
    let last = statements.len() - 1;
    let mut shown = Vec::new();
    for (n, statement) in statements.into_iter().enumerate() {
        let mut words = Vec::new();
        let mut file = None;
        let mut statement = statement.into_iter();
        while let Some(token) = statement.next() {
            match token {
                Token::Word(w) => words.push(w),
                Token::Op(_) => match (statement.next(), statement.next()) {
                    (Some(Token::Word(name)), None) => file = Some(name),
                    _ => return Err("`>` takes one file name and ends its command".into()),
                },
            }
        }
        if words.first().map(String::as_str) != Some("gap-check") {
            return Err(format!("a command starts with `gap-check`, not `{}`", words.join(" ")));
        }
        let dateless = words.get(1).is_some_and(|w| DATELESS.contains(&w.as_str()));
        if !dateless && !words.iter().any(|w| w == "--as-of" || w.starts_with("--as-of=")) {
            return Err(format!(
                "`{}` has no --as-of: its output would change with the day it is made",
                words.join(" ")
            ));
        }
        match (n == last, file) {
            (false, Some(file)) => saved.push((words, file)),
            (true, None) => shown = words,
            (false, None) => return Err("a command before `;` must write to a file: `gap-check … > FILE;`".into()),
            (true, Some(_)) => return Err("the last command's output is the block's: it cannot go to a file".into()),
        }
    }
    let filters = stages
        .map(|stage| {
            let words: Vec<&str> = stage
                .iter()
                .map(|t| match t {
                    Token::Word(w) => Ok(w.as_str()),
                    Token::Op(c) => Err(format!("`{c}` after a filter")),
                })
                .collect::<Result<_, _>>()?;
            filter(&words)
        })
        .collect::<Result<_, _>>()?;
    Ok(Pipeline { saved, shown, filters })
}

fn filter(words: &[&str]) -> Result<Filter, String> {
    let number = |n: &str| n.parse::<usize>().map_err(|_| format!("`{n}` is not a number of lines"));
    match words {
        ["head", "-n", n] => Ok(Filter::Head(number(n)?)),
        ["tail", "-n", n] => Ok(Filter::Tail(number(n)?)),
        ["lines", spec] => {
            let mut ranges: Vec<(usize, usize)> = Vec::new();
            for part in spec.split(',') {
                let (a, b) = part.split_once('-').unwrap_or((part, part));
                let (a, b) = (number(a)?, number(b)?);
                if a == 0 || b < a || ranges.last().is_some_and(|&(_, end)| a <= end) {
                    return Err(format!("`lines {spec}`: ranges from line 1, ascending, not overlapping"));
                }
                ranges.push((a, b));
            }
            Ok(Filter::Lines(ranges))
        }
        _ => Err(format!("`{}` is not a filter: `head -n N`, `tail -n N` or `lines A-B,C`", words.join(" "))),
    }
}

fn apply(filter: &Filter, lines: Vec<String>) -> Result<Vec<String>, String> {
    Ok(match filter {
        Filter::Head(n) => lines.into_iter().take(*n).collect(),
        Filter::Tail(n) => {
            let skip = lines.len().saturating_sub(*n);
            lines.into_iter().skip(skip).collect()
        }
        Filter::Lines(ranges) => {
            let mut out = Vec::new();
            let mut next = 1;
            for &(a, b) in ranges {
                if b > lines.len() {
                    return Err(format!("`lines` asks for line {b}, but the output has {} lines", lines.len()));
                }
                if a > next {
                    out.push("…".to_string());
                }
                out.extend_from_slice(&lines[a - 1..b]);
                next = b + 1;
            }
            if next <= lines.len() {
                out.push("…".to_string());
            }
            out
        }
    })
}

/// Runs a pipeline with the binary built for this test run, and returns the lines it shows.
fn run(pipeline: &Pipeline) -> Result<Vec<String>, String> {
    let scratch = if pipeline.saved.is_empty() { None } else { Some(scratch_folder()?) };
    let dir = scratch.as_ref().map_or_else(common::root, |d| d.path().to_path_buf());
    for (command, file) in &pipeline.saved {
        let path = dir.join(file);
        // Every name in the scratch folder links into the checkout: writing through one would
        // overwrite a file of the repository.
        if file.contains('/') || path.symlink_metadata().is_ok() {
            return Err(format!("`> {file}`: the file must be a new name without a folder"));
        }
        let stdout = execute(command, &dir)?;
        std::fs::write(&path, stdout).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let stdout = execute(&pipeline.shown, &dir)?;
    let text = String::from_utf8(stdout).map_err(|_| "the output is not UTF-8".to_string())?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for filter in &pipeline.filters {
        lines = apply(filter, lines)?;
    }
    Ok(lines)
}

fn execute(command: &[String], dir: &Path) -> Result<Vec<u8>, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_gap-check"))
        .args(&command[1..])
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("gap-check does not start: {e}"))?;
    match output.status.code() {
        Some(0 | 1) if !output.stdout.is_empty() => Ok(output.stdout),
        _ => Err(format!(
            "`{}` ended with {} and printed {} bytes on stdout; stderr:\n{}",
            command.join(" "),
            output.status,
            output.stdout.len(),
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

/// A temporary folder with a link to each top-level entry of the repository.
fn scratch_folder() -> Result<tempfile::TempDir, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("no scratch folder: {e}"))?;
    let entries = std::fs::read_dir(common::root()).map_err(|e| e.to_string())?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        std::os::unix::fs::symlink(entry.path(), dir.path().join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

/// What one document's check found.
#[derive(Debug, Default)]
struct Checked {
    /// The document with every block as its command prints it.
    updated: String,
    examples: usize,
    /// A message per block that differs from its command's output.
    differs: Vec<String>,
    /// A message per marker that cannot be read or run.
    broken: Vec<String>,
}

/// Checks the examples of `text` (the file `file`), running each with `run`.
fn check(file: &str, text: &str, run: &dyn Fn(&Pipeline) -> Result<Vec<String>, String>) -> Checked {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let examples = match parse(text) {
        Ok(examples) => examples,
        Err(e) => {
            return Checked { updated: text.to_string(), broken: vec![format!("{file}: {e}")], ..Checked::default() }
        }
    };
    let mut checked = Checked { examples: examples.len(), ..Checked::default() };
    // Last first, so that a rewritten block does not move the ones still to check.
    for example in examples.iter().rev() {
        let at = format!("{file}:{}: `{}`", example.line, example.command);
        let output = match pipeline(&example.command).and_then(|p| run(&p)) {
            Ok(output) => output,
            Err(e) => {
                checked.broken.push(format!("{at}: {e}"));
                continue;
            }
        };
        if output.iter().any(|l| l.trim_start().starts_with("```")) {
            checked.broken.push(format!("{at}: the output holds a ``` line, which would close its block"));
            continue;
        }
        let mut expected = Vec::new();
        if example.console {
            expected.push(format!("$ {}", example.command));
        }
        expected.extend(output);
        if lines[example.body.clone()] != expected[..] {
            let diff = diff(&lines[example.body.clone()], &expected);
            checked.differs.push(format!(
                "{at} prints something else than the block below it (- the block, + the output):\n{diff}"
            ));
            lines.splice(example.body.clone(), expected);
        }
    }
    checked.differs.reverse();
    checked.broken.reverse();
    checked.updated = lines.join("\n");
    if text.ends_with('\n') {
        checked.updated.push('\n');
    }
    checked
}

/// A line diff of `old` and `new`: `-` only in `old`, `+` only in `new`, two unchanged lines
/// of context around each change.
fn diff(old: &[String], new: &[String]) -> String {
    // lcs[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            rows.push((' ', &old[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            rows.push(('-', &old[i]));
            i += 1;
        } else {
            rows.push(('+', &new[j]));
            j += 1;
        }
    }
    let near_a_change = |k: usize| rows[k.saturating_sub(2)..(k + 3).min(rows.len())].iter().any(|r| r.0 != ' ');
    let mut out = String::new();
    let mut left_out = false;
    for (k, (mark, text)) in rows.iter().enumerate() {
        if near_a_change(k) {
            if left_out {
                out.push_str("  [unchanged lines]\n");
            }
            out.push_str(&format!("  {mark} {text}\n"));
            left_out = false;
        } else {
            left_out = true;
        }
    }
    out
}

/// README.md and docs/*.md.
fn documents() -> Vec<PathBuf> {
    let root = common::root();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ is readable")
        .map(|e| e.expect("a docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root.join("README.md"));
    docs
}

#[test]
fn every_example_in_the_docs_is_what_its_command_prints() {
    let update = std::env::var_os("GAP_CHECK_UPDATE_DOCS").is_some_and(|v| v == "1");
    let root = common::root();
    let (mut differs, mut broken, mut readme_examples) = (Vec::new(), Vec::new(), 0);
    for path in documents() {
        let name = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let checked = check(&name, &text, &run);
        if name == "README.md" {
            readme_examples = checked.examples;
        }
        if update && checked.updated != text {
            std::fs::write(&path, &checked.updated).unwrap_or_else(|e| panic!("{name}: {e}"));
            eprintln!("rewrote {} example(s) in {name}", checked.differs.len());
        }
        differs.extend(checked.differs);
        broken.extend(checked.broken);
    }
    assert!(broken.is_empty(), "examples that cannot be made:\n\n{}", broken.join("\n\n"));
    assert!(
        update || differs.is_empty(),
        "{} example(s) differ from what their command prints now:\n\n{}\n\
         If the program is right, run `bash scripts/update_doc_examples.sh`, read the diff, and make \
         the prose around each block say the same.",
        differs.len(),
        differs.join("\n")
    );
    // The README shows the text report, JSON and CSV.
    assert!(readme_examples >= 3, "README.md has {readme_examples} generated examples, fewer than 3");
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

#[test]
fn a_marker_and_its_block_are_read() {
    let doc = "Intro.\n\n<!-- output: gap-check roles | head -n 2 -->\n```console\n$ gap-check roles | head -n 2\nold\n```\nAfter.\n";
    let examples = parse(doc).unwrap();
    assert_eq!(
        examples,
        [Example { line: 3, command: "gap-check roles | head -n 2".into(), console: true, body: 4..6 }]
    );
    let pipeline = pipeline(&examples[0].command).unwrap();
    assert_eq!(
        pipeline,
        Pipeline { saved: vec![], shown: owned(&["gap-check", "roles"]), filters: vec![Filter::Head(2)] }
    );
}

#[test]
fn quotes_files_and_several_filters_are_read() {
    let p = pipeline(
        "gap-check dir --target 'Lead Machine Learning Engineer' --as-of 2026-11-01 > r.ndjson; \
         gap-check audit r.ndjson --groups g.csv | lines 1-3,7 | tail -n 2",
    )
    .unwrap();
    assert_eq!(
        p.saved,
        [(
            owned(&["gap-check", "dir", "--target", "Lead Machine Learning Engineer", "--as-of", "2026-11-01"]),
            "r.ndjson".to_string()
        )]
    );
    assert_eq!(p.shown, owned(&["gap-check", "audit", "r.ndjson", "--groups", "g.csv"]));
    assert_eq!(p.filters, [Filter::Lines(vec![(1, 3), (7, 7)]), Filter::Tail(2)]);
}

#[test]
fn a_command_that_reads_dates_needs_as_of() {
    let missing = pipeline("gap-check fixtures/resumes/senior-mle-team-lead.pdf --target lead-ml").unwrap_err();
    assert!(missing.contains("no --as-of"), "{missing}");
    assert!(pipeline("gap-check r.pdf --as-of=2026-11-01").is_ok());
    for dateless in ["gap-check roles", "gap-check target posting.md", "gap-check text r.pdf"] {
        assert!(pipeline(dateless).is_ok(), "{dateless}");
    }
    // The command that writes the file for the next one counts too.
    let first = pipeline("gap-check dir --format ndjson > r.ndjson; gap-check audit r.ndjson --groups g.csv");
    assert!(first.is_err_and(|e| e.contains("no --as-of")));
}

#[test]
fn malformed_markers_are_refused() {
    assert!(parse("<!-- output: gap-check roles -->\nno block\n").is_err_and(|e| e.contains("line 1")));
    assert!(parse("<!--output gap-check roles -->\n```\n```\n").is_err(), "a misspelt marker is not skipped");
    assert!(parse("text\n<!-- output: gap-check roles -->\n```\nnever closed\n").is_err_and(|e| e.contains("line 2")));
    for bad in [
        "cargo run -- roles",
        "gap-check roles | grep lead",
        "gap-check roles | head -n x",
        "gap-check roles | lines 3-1",
        "gap-check roles | lines 1-4,2-6",
        "gap-check roles > roles.txt",
        "gap-check roles; gap-check roles",
        "gap-check roles --target 'Lead",
    ] {
        assert!(pipeline(bad).is_err(), "{bad}");
    }
}

#[test]
fn filters_cut_as_documented() {
    let lines = || owned(&["a", "b", "c", "d", "e", "f"]);
    assert_eq!(apply(&Filter::Head(2), lines()).unwrap(), ["a", "b"]);
    assert_eq!(apply(&Filter::Head(9), lines()).unwrap(), lines());
    assert_eq!(apply(&Filter::Tail(2), lines()).unwrap(), ["e", "f"]);
    assert_eq!(apply(&Filter::Lines(vec![(2, 3), (5, 5)]), lines()).unwrap(), ["…", "b", "c", "…", "e", "…"]);
    assert_eq!(apply(&Filter::Lines(vec![(1, 2), (3, 6)]), lines()).unwrap(), lines());
    assert!(apply(&Filter::Lines(vec![(5, 7)]), lines()).is_err_and(|e| e.contains("has 6 lines")));
}

#[test]
fn a_changed_block_is_reported_and_rewritten() {
    let doc = "# Doc\n<!-- output: gap-check roles -->\n```\none\n2\nthree\n```\nEnd.\n";
    let printed = |_: &Pipeline| -> Result<Vec<String>, String> { Ok(owned(&["one", "two", "three"])) };
    let checked = check("docs/x.md", doc, &printed);
    assert_eq!(checked.examples, 1);
    assert!(checked.broken.is_empty(), "{:?}", checked.broken);
    let [message] = &checked.differs[..] else { panic!("one difference: {:?}", checked.differs) };
    assert!(message.starts_with("docs/x.md:2: `gap-check roles` prints something else"), "{message}");
    assert!(message.contains("\n    one\n  - 2\n  + two\n    three\n"), "{message}");
    assert_eq!(checked.updated, "# Doc\n<!-- output: gap-check roles -->\n```\none\ntwo\nthree\n```\nEnd.\n");

    // The rewritten document passes, and is left as it is.
    let again = check("docs/x.md", &checked.updated, &printed);
    assert!(again.differs.is_empty() && again.broken.is_empty());
    assert_eq!(again.updated, checked.updated);
}

#[test]
fn a_console_block_starts_with_the_command() {
    let doc = "<!-- output: gap-check roles | head -n 1 -->\n```console\nlead-ml\n```\n";
    let checked = check("README.md", doc, &|_: &Pipeline| -> Result<Vec<String>, String> { Ok(owned(&["lead-ml"])) });
    assert_eq!(
        checked.updated,
        "<!-- output: gap-check roles | head -n 1 -->\n```console\n$ gap-check roles | head -n 1\nlead-ml\n```\n"
    );
}

#[test]
fn a_stale_block_is_found_with_the_real_binary() {
    let doc = "<!-- output: gap-check roles | head -n 1 -->\n```\nno roles here\n```\n";
    let checked = check("docs/roles.md", doc, &run);
    let [message] = &checked.differs[..] else { panic!("one difference: {:?} {:?}", checked.differs, checked.broken) };
    assert!(message.contains("  - no roles here\n"), "{message}");
    // `gap-check roles` lists lead-ml first (README, docs/guide.md).
    assert!(message.contains("\n  + lead-ml "), "{message}");
    assert!(checked.updated.contains("```\nlead-ml "), "{}", checked.updated);
}

#[test]
fn a_marker_that_cannot_run_is_broken_not_rewritten() {
    let doc = "<!-- output: gap-check roles --no-such-flag -->\n```\nkept\n```\n";
    let checked = check("docs/x.md", doc, &run);
    assert!(checked.differs.is_empty());
    let [message] = &checked.broken[..] else { panic!("one broken marker: {:?}", checked.broken) };
    assert!(message.starts_with("docs/x.md:1: `gap-check roles --no-such-flag`: "), "{message}");
    assert!(message.contains("--no-such-flag"), "stderr is shown: {message}");
    assert_eq!(checked.updated, doc);
}

#[test]
fn a_saved_file_never_writes_into_the_checkout() {
    let readme = std::fs::read(common::root().join("README.md")).unwrap();
    let err = run(&pipeline("gap-check roles > README.md; gap-check roles").unwrap()).unwrap_err();
    assert!(err.contains("new name"), "{err}");
    assert_eq!(std::fs::read(common::root().join("README.md")).unwrap(), readme);

    // A new name is written in the scratch folder, read from there by the next command, and
    // named as written (the folder's own path never shows). The resume scores 78 for lead-ml
    // (README's CSV example), over the audit's default threshold of 70.
    let shown = run(&pipeline(
        "gap-check fixtures/resumes/senior-mle-team-lead.txt --target lead-ml --format ndjson --as-of 2026-11-01 \
         > r.ndjson; gap-check audit r.ndjson --groups fixtures/audit/groups.csv | head -n 3",
    )
    .unwrap())
    .unwrap();
    assert_eq!(shown[0], "gap-check audit of r.ndjson with categories from fixtures/audit/groups.csv");
    assert!(shown[1].starts_with("1 records: 1 scored, 0 errors"), "{shown:?}");
    assert!(shown[2].contains("Selected: score >= 70 (1 of 1)"), "{shown:?}");
    assert!(!common::root().join("r.ndjson").exists());
}
