//! Text clean-up that real resumes need before anything is matched: Unicode compatibility
//! forms (ligatures, full-width letters, odd spaces), icon glyphs from symbol fonts, bullet
//! glyphs, words hyphenated across line breaks, and LaTeX small-caps headings that PDF
//! extraction returns letter-spaced ("R ESEARCH E XPERIENCE").
//!
//! Line count is preserved: line `n` of the output is line `n` of the input, so evidence
//! line numbers point at the file the user has.

use unicode_normalization::UnicodeNormalization;

use super::InputFormat;

pub fn normalize_lines(raw: &[String], format: InputFormat) -> Vec<String> {
    let mut lines: Vec<String> = raw
        .iter()
        .map(|line| {
            // Emphasis goes first, so "**Title**" is not read as a "*" bullet.
            let line = if format == InputFormat::Markdown {
                clean_line(&strip_markdown_emphasis(line))
            } else {
                clean_line(line)
            };
            join_letter_spaced(&line).unwrap_or(line)
        })
        .collect();
    rejoin_hyphenated_words(&mut lines);
    lines
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
    let mut out = String::with_capacity(line.len());
    // Whitespace runs collapse to one space as the line is built; none at either end.
    let mut push = |c: char| {
        if c == ' ' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    };
    // ASCII is already in normal form; only other lines pay for NFKC.
    let (ascii, nfkc) = if line.is_ascii() { (Some(line.chars()), None) } else { (None, Some(line.nfkc())) };
    for c in ascii.into_iter().flatten().chain(nfkc.into_iter().flatten()) {
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
        let word_end = first.char_indices().find(|(_, c)| !c.is_alphanumeric()).map(|(i, _)| i).unwrap_or(first.len());
        let (fragment, _) = next.split_at(word_end);
        lines[i].pop();
        lines[i].push_str(fragment);
        let rest = next[word_end..].trim_start().to_string();
        lines[i + 1] = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(lines: &[&str]) -> Vec<String> {
        let raw: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        normalize_lines(&raw, InputFormat::Text)
    }

    #[test]
    fn ligatures_spaces_and_icons_are_cleaned() {
        assert_eq!(norm(&["con\u{FB01}guration\u{00A0}of\tthe work\u{FB02}ow"]), ["configuration of the workflow"]);
        assert_eq!(norm(&["\u{F0E0} jane@example.com \u{260E} 555"]), ["jane@example.com 555"]);
    }

    #[test]
    fn markdown_bold_titles_are_not_bullets() {
        let raw = vec!["**Data Engineering Intern**, Acme".to_string(), "* item".to_string()];
        assert_eq!(normalize_lines(&raw, InputFormat::Markdown), ["Data Engineering Intern, Acme", "- item"]);
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
    }
}
