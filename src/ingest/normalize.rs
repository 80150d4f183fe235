//! Text clean-up that real resumes need before anything is matched: Unicode compatibility
//! forms (ligatures, full-width letters, odd spaces), ligature glyphs a PDF maps to nothing
//! ("in\u{FFFD}uence", restored from `taxonomy/ligature_words.toml`), soft hyphens used as
//! date dashes, icon glyphs from symbol fonts and icon macro names (`\faTrophy`), bullet
//! glyphs, words hyphenated across line breaks, list items wrapped onto the next line
//! ("Natural" / "Language Processing"), and LaTeX small-caps headings that PDF extraction
//! returns letter-spaced ("R ESEARCH E XPERIENCE").
//!
//! Line count is preserved: line `n` of the output is line `n` of the input, so evidence
//! line numbers point at the file the user has.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::InputFormat;
use crate::taxonomy::sections::heading;
use crate::taxonomy::Vocabulary;

/// The lines of a document cleaned for matching, one output line per input line.
/// `vocabulary` is the loaded taxonomy's (`--taxonomy DIR` or the built-in one): its section
/// headings are never glued to a list wrapped above them.
pub fn normalize_lines(raw: &[String], format: InputFormat, vocabulary: &Vocabulary) -> Vec<String> {
    let mut lines: Vec<String> = raw
        .iter()
        .map(|line| {
            let line = restore_ligatures(line);
            let line = soft_hyphen_dashes(&line);
            let line = strip_icon_macros(&line);
            // Emphasis goes first, so "**Title**" is not read as a "*" bullet.
            let line = if format == InputFormat::Markdown {
                clean_line(&strip_markdown_emphasis(&line))
            } else {
                clean_line(&line)
            };
            join_letter_spaced(&line).unwrap_or(line)
        })
        .collect();
    rejoin_hyphenated_words(&mut lines);
    rejoin_wrapped_list_items(&mut lines, vocabulary);
    lines
}

const LIGATURE_WORDS: &str = include_str!("../../taxonomy/ligature_words.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LigatureWords {
    words: Vec<String>,
}

/// The words of `taxonomy/ligature_words.toml`; its form is checked by a unit test, so a
/// parse failure here can only be an empty list.
fn ligature_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        toml::from_str::<LigatureWords>(LIGATURE_WORDS).map(|l| l.words.into_iter().collect()).unwrap_or_default()
    })
}

const LIGATURES: [&str; 5] = ["fi", "fl", "ff", "ffi", "ffl"];

/// "in\u{FFFD}uence" → "influence": a glyph the PDF mapped to nothing (U+FFFD from the
/// extractor) inside or at the edge of a word becomes the one ligature that makes a known
/// word. Left as it is when no ligature or more than one does (`clean_line` drops it then).
fn restore_ligatures(line: &str) -> Cow<'_, str> {
    if !line.contains('\u{FFFD}') {
        return Cow::Borrowed(line);
    }
    let words = ligature_words();
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(start) = rest.find(|c: char| c.is_alphabetic() || c == '\u{FFFD}') {
        out.push_str(&rest[..start]);
        let word_len =
            rest[start..].find(|c: char| !(c.is_alphabetic() || c == '\u{FFFD}')).unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        out.push_str(&restore_word(word, words).unwrap_or_else(|| word.to_string()));
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn restore_word(word: &str, words: &HashSet<String>) -> Option<String> {
    let markers = word.matches('\u{FFFD}').count();
    if markers == 0 || markers > 2 || word.chars().count() < 3 {
        return None;
    }
    let upper = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let mut found: Option<String> = None;
    let mut candidates = vec![String::new()];
    for piece in word.split('\u{FFFD}').enumerate() {
        let (i, text) = piece;
        candidates = if i == 0 {
            vec![text.to_string()]
        } else {
            candidates.iter().flat_map(|c| LIGATURES.iter().map(move |l| format!("{c}{l}{text}"))).collect()
        };
    }
    for candidate in candidates {
        if words.contains(&candidate.to_lowercase()) {
            if found.is_some() {
                return None;
            }
            found = Some(candidate);
        }
    }
    // An upper-case word gets upper-case letters; otherwise the ligature stays lower case
    // ("\u{FFFD}nancial" → "financial"; a capital F would have been its own glyph).
    found.map(|f| if upper { f.to_uppercase() } else { f })
}

/// A soft hyphen (U+00AD) between spaces or digits is a dash a producer wrote with the
/// wrong character ("Sep. 2023 \u{AD} Mar. 2024"); anywhere else it is a hyphenation point
/// and `clean_line` drops it.
fn soft_hyphen_dashes(line: &str) -> Cow<'_, str> {
    if !line.contains('\u{AD}') {
        return Cow::Borrowed(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut skip = false;
    for (i, &c) in chars.iter().enumerate() {
        if std::mem::take(&mut skip) {
            continue;
        }
        if c == '\u{AD}' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            // Quartz writes one hyphen as "-", U+00AD, U+2010: keep the first.
            if before == Some('-') && matches!(after, Some('\u{2010}' | '\u{2011}')) {
                skip = true;
                continue;
            }
            // At the end of a line it marks a word broken across lines: a hyphen, which
            // `rejoin_hyphenated_words` then joins.
            let line_end = chars[i + 1..].iter().all(|c| c.is_whitespace());
            if line_end && before.is_some_and(char::is_alphabetic) {
                out.push('-');
                continue;
            }
            let spaced = before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace);
            let digits = before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
            if spaced || digits {
                out.push('–');
                continue;
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// `\faTrophy : Courage` → `Courage`: an icon macro that a LaTeX class wrote into the text
/// layer (a backslash and two or more letters, at the start of the line or after a space),
/// with the colon that followed the icon.
fn strip_icon_macros(line: &str) -> Cow<'_, str> {
    if !line.contains('\\') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        let (before, from) = rest.split_at(at);
        let name_len = from[1..].find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(from.len() - 1);
        let at_word_start = before.is_empty() || before.ends_with(char::is_whitespace);
        if !at_word_start || name_len < 2 {
            out.push_str(before);
            out.push('\\');
            rest = &from[1..];
            continue;
        }
        out.push_str(before);
        let mut after = &from[1 + name_len..];
        let trimmed = after.trim_start();
        if let Some(colon) = trimmed.strip_prefix(':') {
            after = colon;
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '●'
            | '▪'
            | '◦'
            | '■'
            | '□'
            | '‣'
            | '⁃'
            | '➢'
            | '►'
            | '▶'
            | '▸'
            | '✓'
            | '✔'
            | '❖'
            | '◆'
            | '◇'
            | '○'
            | '·'
            | '∙'
            | '*'
            | '»'
    )
}

fn clean_line(line: &str) -> String {
    // ASCII is already in normal form and holds none of the characters mapped below: its
    // lines (most of most resumes) only have their whitespace and control bytes collapsed,
    // a byte at a time. Only other lines pay for NFKC and the character mappings.
    let mut out = if line.is_ascii() { collapse_ascii_spaces(line) } else { clean_unicode_line(line) };
    if out.ends_with(' ') {
        out.pop();
    }
    match out.chars().next() {
        Some(first)
            if (is_bullet(first) && (first != '*' || out.starts_with("* ")))
                || (first == '-' && out.starts_with("- "))
                || first == '–' =>
        {
            let rest = out[first.len_utf8()..].trim_start();
            if rest.is_empty() {
                String::new()
            } else if first == '–' && !rest.starts_with(char::is_alphabetic) {
                out
            } else {
                format!("- {rest}")
            }
        }
        _ => out,
    }
}

/// An ASCII line with its runs of whitespace and control bytes made one space, none at the
/// start (the end is trimmed by the caller).
fn collapse_ascii_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for byte in line.bytes() {
        if byte == b' ' || byte.is_ascii_control() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(char::from(byte));
        }
    }
    out
}

/// A line beyond ASCII in NFKC, without icon characters and invisible marks, its dashes and
/// quotes made plain and its runs of whitespace one space (none at the start).
fn clean_unicode_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut push = |c: char| {
        if c == ' ' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    };
    for c in line.nfkc() {
        match c {
            // Private-use code points are icons from symbol fonts (phone, envelope, ...).
            '\u{E000}'..='\u{F8FF}' | '\u{FFFD}' | '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{2010}' | '\u{2011}' => push('-'),
            '\u{2012}'..='\u{2015}' | '\u{2212}' => push('–'),
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => push('"'),
            c if c.is_whitespace() || c.is_control() => push(' '),
            // Pictographs used as icons in resume headers carry no words.
            '\u{2600}'..='\u{27BF}' | '\u{1F300}'..='\u{1FAFF}' if !is_bullet(c) => push(' '),
            c => push(c),
        }
    }
    out
}

fn strip_markdown_emphasis(line: &str) -> String {
    line.replace("**", "").replace("__", "").replace('`', "")
}

/// "R ESEARCH E XPERIENCE" → "RESEARCH EXPERIENCE"; "D ATA S C I E N C E" → "DATA SCIENCE".
/// Only for short all-capital lines with at least two single-letter pieces, where a real
/// sentence is not possible. A single letter starts a word and absorbs what follows until a
/// piece of two or more letters closes it.
fn join_letter_spaced(line: &str) -> Option<String> {
    if line.len() > 80 || !line.chars().any(char::is_alphabetic) {
        return None;
    }
    if !line.chars().all(|c| c.is_uppercase() || c == ' ' || c == '&') {
        return None;
    }
    let pieces: Vec<&str> = line.split(' ').collect();
    let singles = pieces.iter().filter(|p| p.chars().count() == 1 && *p != &"&").count();
    let two_piece_word = singles == 1 && pieces.len() == 2 && line.len() >= 6;
    if !two_piece_word && (singles < 2 || singles * 3 < pieces.len()) {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for piece in pieces {
        let single = piece.chars().count() == 1 && piece != "&";
        if open {
            if let Some(last) = words.last_mut() {
                last.push_str(piece);
            }
            open = single;
        } else {
            words.push(piece.to_string());
            open = single;
        }
    }
    Some(words.join(" "))
}

/// "machine learn-" / "ing pipelines" → "machine learning" / "pipelines". Only a lower-case
/// letter before the hyphen and a lower-case word after it, so "scikit-" at a line end
/// followed by "Learn" or a list is left alone.
fn rejoin_hyphenated_words(lines: &mut [String]) {
    for i in 0..lines.len().saturating_sub(1) {
        let ends_hyphenated = {
            let line = &lines[i];
            let mut rev = line.chars().rev();
            rev.next() == Some('-') && rev.next().is_some_and(|c| c.is_lowercase())
        };
        if !ends_hyphenated {
            continue;
        }
        let next = lines[i + 1].clone();
        let Some(first) = next.split(' ').next() else {
            continue;
        };
        if first.is_empty() || !first.chars().next().is_some_and(|c| c.is_lowercase()) {
            continue;
        }
        // The fragment takes the punctuation that follows it ("account," from "multi-" /
        // "account, Kubernetes"), so the next line does not start with a comma.
        let word_end = first.len();
        let (fragment, _) = next.split_at(word_end);
        lines[i].pop();
        lines[i].push_str(fragment);
        let rest = next[word_end..].trim_start().to_string();
        lines[i + 1] = rest;
    }
}

/// "…, Deep Learning, Natural" / "Language Processing" → "…, Deep Learning," / "Natural
/// Language Processing": the last item of a comma list that runs to the right margin moves to
/// the next line when that line goes on with capitalized words, so a skill name wrapped in a
/// paragraph is whole again. Only for lines about as long as the longest of the document (a
/// wrapped paragraph, not a short list that simply ends), and never onto a heading.
fn rejoin_wrapped_list_items(lines: &mut [String], vocabulary: &Vocabulary) {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for i in 0..lines.len().saturating_sub(1) {
        let line = &lines[i];
        if line.chars().count() * 4 < longest * 3 || line.matches(", ").count() < 2 {
            continue;
        }
        if line.ends_with(|c: char| ",;.:|)".contains(c)) {
            continue;
        }
        let Some((head, tail)) = line.rsplit_once(", ") else {
            continue;
        };
        let capitalized = |words: &str, max: usize| {
            let words: Vec<&str> = words.split(' ').collect();
            words.len() <= max
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
                })
        };
        if tail.is_empty() || !capitalized(tail, 2) {
            continue;
        }
        let next = &lines[i + 1];
        let first_item = next.split(',').next().unwrap_or("").trim();
        if first_item.is_empty() || !capitalized(first_item, 3) || heading(vocabulary, next).is_some() {
            continue;
        }
        let moved = format!("{tail} {next}");
        let kept = format!("{head},");
        lines[i] = kept;
        lines[i + 1] = moved;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            Vocabulary::from_toml(crate::taxonomy::TaxonomyFiles::EMBEDDED.vocabulary).expect("built-in vocabulary")
        })
    }

    fn norm(lines: &[&str]) -> Vec<String> {
        norm_with(lines, embedded())
    }

    fn norm_with(lines: &[&str], vocabulary: &Vocabulary) -> Vec<String> {
        let raw: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        normalize_lines(&raw, InputFormat::Text, vocabulary)
    }

    #[test]
    fn ligatures_spaces_and_icons_are_cleaned() {
        assert_eq!(norm(&["con\u{FB01}guration\u{00A0}of\tthe work\u{FB02}ow"]), ["configuration of the workflow"]);
        assert_eq!(norm(&["\u{F0E0} jane@example.com \u{260E} 555"]), ["jane@example.com 555"]);
    }

    #[test]
    fn ligature_word_list_is_canonical() {
        let list: LigatureWords = toml::from_str(LIGATURE_WORDS).expect("taxonomy/ligature_words.toml parses");
        assert!(list.words.len() > 100);
        let mut sorted = list.words.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, list.words, "sorted, without duplicates");
        for w in &list.words {
            assert!(w.chars().all(|c| c.is_ascii_lowercase()), "{w}: lower-case letters only");
            assert!(LIGATURES.iter().any(|l| w.contains(l)), "{w}: no ligature letters");
        }
    }

    #[test]
    fn ligatures_mapped_to_nothing_are_restored_from_the_word_list() {
        assert_eq!(
            norm(&["digital asset \u{FFFD}nancial technology, in\u{FFFD}uence and e\u{FFFD}cient \u{FFFD}lters"]),
            ["digital asset financial technology, influence and efficient filters"]
        );
        assert_eq!(norm(&["StackOver\u{FFFD}ow | CERTI\u{FFFD}ED"]), ["StackOverflow | CERTIFIED"]);
        // No word, or an unknown one: the mark is dropped, nothing is guessed.
        assert_eq!(norm(&["\u{FFFD} Sarasota, FL", "zz\u{FFFD}qq"]), ["Sarasota, FL", "zzqq"]);
    }

    #[test]
    fn soft_hyphens_between_dates_are_dashes() {
        assert_eq!(norm(&["Sep. 2023 \u{AD} Mar. 2024"]), ["Sep. 2023 – Mar. 2024"]);
        assert_eq!(norm(&["2019\u{AD}2021"]), ["2019–2021"]);
        assert_eq!(norm(&["Con\u{AD}sul\u{AD}tant, multi\u{AD}account"]), ["Consultant, multiaccount"]);
        assert_eq!(norm(&["an on-\u{AD}\u{2010}campus job"]), ["an on-campus job"]);
        assert_eq!(norm(&["to meet compli\u{AD}", "ance rules"]), ["to meet compliance", "rules"]);
    }

    #[test]
    fn icon_macro_names_are_dropped() {
        assert_eq!(norm(&["\\faTrophy : Courage", "\\faHeartbeat: Persistence \\faUsers"]), ["Courage", "Persistence"]);
        assert_eq!(norm(&["C:\\Users and a \\ alone"]), ["C:\\Users and a \\ alone"]);
    }

    #[test]
    fn a_skill_wrapped_at_the_margin_is_whole_again() {
        let wrapped = [
            "Kubernetes, Agile and Scrum, Statistics, Data visualization, Deep Learning, Natural",
            "Language Processing",
            "Experience",
        ];
        assert_eq!(
            norm(&wrapped),
            [
                "Kubernetes, Agile and Scrum, Statistics, Data visualization, Deep Learning,",
                "Natural Language Processing",
                "Experience"
            ]
        );
        // A short list that ends, and a list before a heading, stay as they are.
        let short =
            ["Skills: Python, SQL, Docker", "Work Experience", "Acme Corp, Data Engineer, 2019 – 2021 and more"];
        assert_eq!(norm(&short), short);
        let before_heading =
            ["Kubernetes, Agile and Scrum, Statistics, Data visualization, Deep Learning, Python", "Work Experience"];
        assert_eq!(norm(&before_heading), before_heading);
    }

    #[test]
    fn the_loaded_taxonomys_headings_are_never_glued_to_a_list() {
        // "Arsenal" is no heading of the built-in vocabulary, so the list's last item moves
        // onto it; a taxonomy (`--taxonomy DIR`) that names it a skills heading keeps it whole.
        let lines = ["Kubernetes, Agile and Scrum, Statistics, Data visualization, Deep Learning, Natural", "Arsenal"];
        assert_eq!(
            norm(&lines),
            ["Kubernetes, Agile and Scrum, Statistics, Data visualization, Deep Learning,", "Natural Arsenal"]
        );
        let own = crate::taxonomy::TaxonomyFiles::EMBEDDED.vocabulary.replacen(
            "\"toolbox\",",
            "\"toolbox\", \"arsenal\",",
            1,
        );
        assert_ne!(own, crate::taxonomy::TaxonomyFiles::EMBEDDED.vocabulary, "the heading word was added");
        let own = Vocabulary::from_toml(&own).expect("the edited vocabulary loads");
        assert_eq!(norm_with(&lines, &own), lines);
    }

    #[test]
    fn markdown_bold_titles_are_not_bullets() {
        let raw = vec!["**Data Engineering Intern**, Acme".to_string(), "* item".to_string()];
        assert_eq!(
            normalize_lines(&raw, InputFormat::Markdown, embedded()),
            ["Data Engineering Intern, Acme", "- item"]
        );
    }

    #[test]
    fn bullets_become_dashes() {
        assert_eq!(
            norm(&["• Built Spark jobs", "▪ Led a team", "–  Mentored two analysts"]),
            ["- Built Spark jobs", "- Led a team", "- Mentored two analysts"]
        );
        assert_eq!(norm(&["2019 – 2021"]), ["2019 – 2021"]);
    }

    #[test]
    fn letter_spaced_small_caps_headings_are_joined() {
        assert_eq!(norm(&["R ESEARCH E XPERIENCE"]), ["RESEARCH EXPERIENCE"]);
        assert_eq!(norm(&["D ATA S C I E N C E"]), ["DATA SCIENCE"]);
        assert_eq!(norm(&["E DUCATION"]), ["EDUCATION"]);
        assert_eq!(norm(&["AWS S3 EC2"]), ["AWS S3 EC2"]);
        assert_eq!(norm(&["SKILLS: R, SQL"]), ["SKILLS: R, SQL"]);
        assert_eq!(norm(&["R AND PYTHON"]), ["R AND PYTHON"]);
    }

    #[test]
    fn hyphenation_across_lines_is_undone_and_line_numbers_kept() {
        assert_eq!(
            norm(&["trained machine learn-", "ing models", "next"]),
            ["trained machine learning", "models", "next"]
        );
        assert_eq!(norm(&["used scikit-", "Learn daily"]), ["used scikit-", "Learn daily"]);
        assert_eq!(norm(&["(AWS multi\u{AD}", "account, Kubernetes)"]), ["(AWS multiaccount,", "Kubernetes)"]);
    }
}
