//! No English word list lives in the Rust sources: the words the pipeline reads by are data in
//! `taxonomy/`, validated on load (see `taxonomy/README.md`). In the spirit of typos'
//! `tests/verify.rs`, this test reads every `src/**/*.rs` file (and `crates/*/src/**/*.rs`)
//! and fails, naming file and line, on three or more lower-case English words written as
//! string literals in one list:
//!
//! - an array, slice, `vec!` or argument list: `["jan", "feb", "mar"]`;
//! - a `|`-alternation of literals: `matches!(w, "and" | "or" | "nor")`;
//! - a `|`-alternation of words inside one literal, as a regex writes it:
//!   `r"(?:street|avenue|road)"`.
//!
//! Test code (`#[cfg(test)]` items and `mod tests`) is skipped: examples there are inputs, not
//! vocabulary. A "word" is letters only, lower case, two or more of them, so format strings,
//! `{placeholders}`, error codes with `-` or `_`, and single letters are not words.

use std::path::{Path, PathBuf};

use regex::Regex;

/// Literal lists that are identifiers, not vocabulary: their spelling is fixed by our published
/// contract (CSV columns, the column headers of a text table) or by another system's format
/// (HTML element names, RTF control words, JSON Resume keys, Tesseract arguments), so they stay
/// in the code beside what reads or writes them; moving them to the taxonomy would let a
/// `--taxonomy DIR` break a contract or a file format. Each entry is a file, the first word of
/// the list it allows, and why.
const CONTRACT_LISTS: &[(&str, &str, &str)] = &[
    ("src/audit.rs", "category", "the fairness audit table's column headers (text report)"),
    ("src/audit.rs", "rate", "the second header row of the same table"),
    ("src/audit.rs", "table", "the audit CSV's columns (CSV_HEADER)"),
    ("src/eval/render.rs", "summary", "the evaluation summary table's column headers"),
    ("src/ingest/html.rs", "script", "HTML element names whose content is hidden"),
    ("src/ingest/html.rs", "div", "HTML element names that break a line"),
    ("src/ingest/json_resume.rs", "basics", "top-level keys of the JSON Resume schema"),
    ("src/ingest/normalize.rs", "fi", "the letter pairs of Unicode ligature glyphs"),
    ("src/ingest/ocr.rs", "stdin", "Tesseract's command-line arguments"),
    ("src/ingest/rtf.rs", "fonttbl", "RTF destination control words to skip"),
    ("src/ingest/rtf.rs", "par", "RTF control words that break a line"),
    ("src/ingest/rtf.rs", "emspace", "RTF control words for a space"),
    ("src/render/csv.rs", "path", "the report CSV's columns (published contract)"),
    ("src/render/rank.rs", "rank", "the ranking CSV's columns (published contract)"),
    ("src/report/mod.rs", "resume", "document.kind's values in the generated schema (published contract)"),
    ("src/report/mod.rs", "pdf", "input.format's values in the generated schema (published contract)"),
    ("src/report/mod.rs", "exact", "an O*NET-SOC match's values in the generated schema (published contract)"),
    ("src/report/mod.rs", "dates", "experience.basis's values in the generated schema (published contract)"),
    ("src/report/ranking.rs", "title", "the fields a ranked row requires in the generated ranking schema"),
    ("src/report/ranking.rs", "pdf", "resume.format's values in the generated ranking schema (published contract)"),
];

/// Files another change owns, left for it: TEMPORARY, remove each entry when its file's words
/// move to `taxonomy/` (issue 20). Each entry is a file and why it is left.
const TEMPORARY_FILES: &[(&str, &str)] = &[];

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Str(String),
    Ident(String),
    Punct(char),
}

/// The tokens of a Rust source that matter here, each with its 1-based line: string literals
/// (plain, raw and byte), identifiers and single punctuation characters. Comments are dropped,
/// char literals become a placeholder so that `'|'` is not taken for an alternation.
fn tokens(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            let start_line = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    text.push(chars[i]);
                    i += 1;
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                text.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push((Token::Str(text), start_line));
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{00AD}') or a lifetime ('a, 'static).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push((Token::Punct('\''), line));
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push((Token::Punct('\''), line));
            } else {
                i += 1;
            }
        } else if is_ident(c) {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A raw or byte string: r"…", r#"…"#, b"…", br#"…"#.
            let hashes = chars[i..].iter().take_while(|&&h| h == '#').count();
            if matches!(word.as_str(), "r" | "br" | "b") && chars.get(i + hashes) == Some(&'"') {
                let raw = word != "b";
                let start_line = line;
                i += hashes + 1;
                let mut text = String::new();
                loop {
                    if i >= chars.len() {
                        break;
                    }
                    if chars[i] == '"' && chars[i + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes {
                        i += 1 + hashes;
                        break;
                    }
                    if !raw && chars[i] == '\\' {
                        text.push(chars[i]);
                        i += 1;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                out.push((Token::Str(text), start_line));
            } else {
                out.push((Token::Ident(word), line));
            }
        } else {
            out.push((Token::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// The tokens without test code: an item after `#[cfg(test)]`, and any `mod tests { … }`.
fn without_tests(tokens: Vec<(Token, usize)>) -> Vec<(Token, usize)> {
    let punct = |t: &Token, c: char| *t == Token::Punct(c);
    let ident = |t: &Token, s: &str| matches!(t, Token::Ident(w) if w == s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let at = |k: usize| tokens.get(i + k).map(|(t, _)| t);
        let cfg_test = at(0).is_some_and(|t| punct(t, '#'))
            && at(1).is_some_and(|t| punct(t, '['))
            && at(2).is_some_and(|t| ident(t, "cfg"))
            && at(3).is_some_and(|t| punct(t, '('))
            && at(4).is_some_and(|t| ident(t, "test"))
            && at(5).is_some_and(|t| punct(t, ')'))
            && at(6).is_some_and(|t| punct(t, ']'));
        let mod_tests = at(0).is_some_and(|t| ident(t, "mod")) && at(1).is_some_and(|t| ident(t, "tests"));
        if cfg_test || mod_tests {
            // Skip to the end of the item: its `;`, or the `}` that closes its first `{`.
            let mut depth = 0;
            while i < tokens.len() {
                let t = &tokens[i].0;
                i += 1;
                if punct(t, '{') {
                    depth += 1;
                } else if punct(t, '}') {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                } else if punct(t, ';') && depth == 0 {
                    break;
                }
            }
            continue;
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// A lower-case English word: letters only, two or more.
fn is_word(text: &str) -> bool {
    text.len() >= 2 && text.chars().all(|c| c.is_ascii_lowercase())
}

/// Every word list in one file's source: (line, the words).
fn word_lists(source: &str) -> Vec<(usize, Vec<String>)> {
    // Three or more words joined by `|` inside one literal, not part of a longer token
    // (`\s|…` is an escape, not a word).
    static ALTERNATION: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?:^|[^A-Za-z0-9_\\])([a-z]{2,}(?:\|[a-z]{2,}){2,})(?:$|[^A-Za-z0-9_])").unwrap()
    });
    let tokens = without_tests(tokens(source));
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (token, line) = &tokens[i];
        let Token::Str(text) = token else {
            i += 1;
            continue;
        };
        for caps in ALTERNATION.captures_iter(text) {
            found.push((*line, caps[1].split('|').map(String::from).collect()));
        }
        // A run of literals separated by `,` or `|`.
        let mut words: Vec<String> = Vec::new();
        let mut j = i;
        while let Some((Token::Str(text), _)) = tokens.get(j) {
            if is_word(text) {
                words.push(text.clone());
            }
            match tokens.get(j + 1) {
                Some((Token::Punct(',' | '|'), _)) if matches!(tokens.get(j + 2), Some((Token::Str(_), _))) => j += 2,
                _ => break,
            }
        }
        if words.len() >= 3 {
            found.push((*line, words));
        }
        i = j + 1;
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_english_word_list_in_the_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    // The workspace's other crates (crates/pdf-lines) keep the same rule.
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        let src = krate.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    files.sort();
    let mut offenders = Vec::new();
    for path in &files {
        let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if TEMPORARY_FILES.iter().any(|(file, _)| *file == name) {
            continue;
        }
        let source = std::fs::read_to_string(path).unwrap();
        for (line, words) in word_lists(&source) {
            if CONTRACT_LISTS.iter().any(|(file, first, _)| *file == name && words[0] == *first) {
                continue;
            }
            offenders.push(format!("{name}:{line}: {}", words.join(" ")));
        }
    }
    assert!(
        offenders.is_empty(),
        "English word lists in src/ (move them to taxonomy/ and load them from there):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_guard_catches_word_lists_and_leaves_the_rest() {
    let flagged = |src: &str| word_lists(src).into_iter().map(|(l, _)| l).collect::<Vec<_>>();
    assert_eq!(flagged("const M: &[&str] = &[\"jan\", \"feb\", \"mar\"];"), vec![1]);
    assert_eq!(flagged("let x = matches!(w,\n \"and\" | \"or\" | \"nor\");"), vec![2]);
    assert_eq!(flagged("Regex::new(r\"(?i)(?:street|avenue|road)\\b\")"), vec![1]);
    assert_eq!(flagged("Regex::new(r#\"(?:street|avenue|road)\"#)"), vec![1]);
    // Not word lists: formats, codes, escapes, two words, char literals, test code.
    assert!(flagged("format!(\"{a} {b} {c}\", a = 1, b = 2, c = 3)").is_empty());
    assert!(flagged("[\"E_ONE\", \"e-two\", \"x\", \"{name}\"]").is_empty());
    assert!(flagged("r\"\\s|ab|\\d\"; [\"and\", \"or\"]").is_empty());
    assert!(flagged("matches!(c, '|' | ',') ; \"one\"; 'a'; \"two\"").is_empty());
    assert!(flagged("#[cfg(test)]\nmod tests { const W: [&str; 3] = [\"aa\", \"bb\", \"cc\"]; }").is_empty());
    assert!(flagged("mod tests { fn f() { g(\"aa\", \"bb\", \"cc\") } }").is_empty());
    // A comment is not code.
    assert!(flagged("// [\"aa\", \"bb\", \"cc\"]\n/* \"aa\" | \"bb\" | \"cc\" */").is_empty());
}
