//! Section headings: a short line made only of heading words ("Work Experience",
//! "SKILLS & TOOLS", "## Education", "Research Experience:") starts a section. The words
//! are data: `[sections]` in `taxonomy/vocabulary.toml`.

use super::Vocabulary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Lines before the first heading: name, contact, a headline.
    Header,
    Summary,
    Skills,
    Experience,
    Education,
    Projects,
    Certifications,
    Publications,
    Other,
}

impl Section {
    pub fn as_str(&self) -> &'static str {
        match self {
            Section::Header => "header",
            Section::Summary => "summary",
            Section::Skills => "skills",
            Section::Experience => "experience",
            Section::Education => "education",
            Section::Projects => "projects",
            Section::Certifications => "certifications",
            Section::Publications => "publications",
            Section::Other => "other",
        }
    }
}

/// The section a line opens, if it is a heading. An inline heading ("Skills: Python, SQL")
/// is not: its line belongs to the section around it and is matched as a list.
pub fn heading(vocabulary: &Vocabulary, line: &str) -> Option<Section> {
    // A layout may cut a heading in two ("EDUCA | TION") or set two columns' headings on one
    // line ("SUMMARY | EDUCATION"): the joined word first, then the last column's heading.
    if line.contains(" | ") {
        let parts: Vec<&str> = line.split(" | ").collect();
        if parts.len() <= 3 {
            if let Some(section) = single_heading(vocabulary, &parts.concat()) {
                return Some(section);
            }
            if parts.iter().all(|p| single_heading(vocabulary, p).is_some()) {
                return parts.last().and_then(|p| single_heading(vocabulary, p));
            }
        }
        return None;
    }
    single_heading(vocabulary, line)
}

/// The section a line opens ([`heading`]), and the section the next line starts when a
/// heading is glued to the end of a line of text ("... Apache Tomcat serverEducation
/// Details", as some datasets store resumes). One reading gives both: a line without
/// trailing space is not read for its own heading twice.
pub fn headings(vocabulary: &Vocabulary, line: &str) -> (Option<Section>, Option<Section>) {
    let own = heading(vocabulary, line);
    let text = line.trim_end();
    let text_is_heading = || if text.len() == line.len() { own.is_some() } else { heading(vocabulary, text).is_some() };
    let glued = if text.len() < 12 || text_is_heading() { None } else { glued_tail(vocabulary, text) };
    (own, glued)
}

/// The heading glued to the end of `text`, a trimmed line of text that is no heading itself.
fn glued_tail(vocabulary: &Vocabulary, text: &str) -> Option<Section> {
    // The heading starts at a capital letter glued to a lower-case one, within the last words.
    let bytes = text.as_bytes();
    let tail_start = text.len().saturating_sub(40);
    (tail_start.max(1)..text.len())
        .filter(|&i| bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase())
        .find_map(|i| single_heading(vocabulary, &text[i..]))
}

/// A heading set in letter-spaced small caps, as PDFs of designed resumes extract it ("S K I L L S",
/// "W O R K  E X P E R I E N C E"): the letters joined, a wider gap kept as the space between words.
fn letter_spaced(text: &str) -> Option<String> {
    // Every line of a resume comes here: two characters in a row rule it out before anything
    // is collected.
    if text.split_whitespace().any(|token| token.chars().nth(1).is_some()) {
        return None;
    }
    let letters: Vec<&str> = text.split_whitespace().collect();
    if letters.len() < 3
        || !letters.iter().all(|l| l.chars().count() == 1 && l.chars().all(|c| c.is_alphabetic() || c == '&'))
    {
        return None;
    }
    let words: Vec<String> = if text.contains("  ") {
        text.split("  ").map(|w| w.split_whitespace().collect::<String>()).filter(|w| !w.is_empty()).collect()
    } else {
        vec![letters.concat()]
    };
    Some(words.join(" "))
}

fn single_heading(vocabulary: &Vocabulary, line: &str) -> Option<Section> {
    let text = line.trim().trim_start_matches('#').trim().trim_end_matches(':').trim();
    let spaced = letter_spaced(text);
    let text = spaced.as_deref().unwrap_or(text);
    // "Education Details", "Work Experience Details": the noun before the filler word.
    let text = vocabulary.without_filler(text);
    if text.is_empty() || text.len() > 48 || text.starts_with("- ") {
        return None;
    }
    // Most lines are text, not headings: in ASCII (which lower-casing keeps in both classes) a
    // character that is neither a separator nor part of a word rules a line out before it is
    // copied and split.
    if text.is_ascii() && !text.chars().all(|c| separates_words(c) || in_a_heading_word(c)) {
        return None;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(separates_words).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    if !words.iter().all(|w| w.chars().all(in_a_heading_word)) {
        return None;
    }
    let last = *words.last()?;
    let section = vocabulary.section_noun(last)?;
    let leading_ok = words[..words.len() - 1]
        .iter()
        .all(|w| vocabulary.is_heading_modifier(w) || vocabulary.section_noun(w).is_some());
    // Two nouns joined ("Skills & Training", "Education and Certifications"): the first names
    // what the section holds, the second what came with it.
    let first = words
        .iter()
        .position(|w| *w == "&" || *w == "and")
        .and_then(|joint| words[..joint].iter().rev().find_map(|w| vocabulary.section_noun(w)));
    leading_ok.then_some(first.unwrap_or(section))
}

/// What splits a heading into words ("Skills/Tools", "Projects, Publications").
fn separates_words(c: char) -> bool {
    c.is_whitespace() || c == '/' || c == ','
}

/// What a word of a heading may hold ("Skills & Training", "Author's Publications").
fn in_a_heading_word(c: char) -> bool {
    c.is_alphabetic() || c == '&' || c == '\''
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;

    fn heading(line: &str) -> Option<Section> {
        super::heading(&Taxonomy::embedded().unwrap().vocabulary, line)
    }

    fn glued_heading(line: &str) -> Option<Section> {
        super::headings(&Taxonomy::embedded().unwrap().vocabulary, line).1
    }

    #[test]
    fn common_headings_are_recognised() {
        assert_eq!(heading("WORK EXPERIENCE"), Some(Section::Experience));
        assert_eq!(heading("## Professional Experience"), Some(Section::Experience));
        assert_eq!(heading("Research Experience:"), Some(Section::Experience));
        assert_eq!(heading("Skills & Tools"), Some(Section::Skills));
        assert_eq!(heading("Technical Skills"), Some(Section::Skills));
        assert_eq!(heading("Education"), Some(Section::Education));
        assert_eq!(heading("Licenses & Certifications"), Some(Section::Certifications));
        assert_eq!(heading("Selected Publications"), Some(Section::Publications));
        assert_eq!(heading("Summary"), Some(Section::Summary));
    }

    #[test]
    fn headings_as_real_resumes_write_them() {
        assert_eq!(heading("Skills & Training"), Some(Section::Skills));
        assert_eq!(heading("SKILLS AND TRAINING"), Some(Section::Skills));
        assert_eq!(heading("Education & Training"), Some(Section::Education));
        assert_eq!(heading("IT Skills"), Some(Section::Skills));
        assert_eq!(heading("Technical Proficiencies"), Some(Section::Skills));
        assert_eq!(heading("S K I L L S"), Some(Section::Skills));
        assert_eq!(heading("W O R K  E X P E R I E N C E"), Some(Section::Experience));
        assert_eq!(heading("E D U C A T I O N"), Some(Section::Education));
        assert_eq!(heading("A B C"), None);
        assert_eq!(heading("It was fun"), None);
    }

    #[test]
    fn the_separators_a_heading_may_hold_and_the_characters_that_rule_it_out() {
        // Words split at a slash, a comma or any whitespace, a vertical tab included.
        assert_eq!(heading("Skills/Tools"), Some(Section::Skills));
        assert_eq!(heading("Projects, Publications"), Some(Section::Publications));
        assert_eq!(heading("Education\u{0B}& Training"), Some(Section::Education));
        // A digit or other punctuation inside a word: not a heading.
        assert_eq!(heading("Skills 2024"), None);
        assert_eq!(heading("Skills (Tools)"), None);
        assert_eq!(heading("Education."), None);
    }

    #[test]
    fn sentences_and_inline_lists_are_not_headings() {
        assert_eq!(heading("Skills: Python, SQL, Spark"), None);
        assert_eq!(heading("- Built tools"), None);
        assert_eq!(heading("Senior Data Engineer, Acme Corp"), None);
        assert_eq!(heading("I love building tools"), None);
        assert_eq!(heading("Jan 2019 – Present"), None);
    }

    #[test]
    fn headings_cut_or_doubled_by_a_layout_and_glued_headings() {
        assert_eq!(heading("EDUCA | TION"), Some(Section::Education));
        assert_eq!(heading("SUMMARY | EDUCATION"), Some(Section::Education));
        assert_eq!(heading("Education Details"), Some(Section::Education));
        assert_eq!(heading("Python | SQL"), None);
        assert_eq!(
            glued_heading("Application Servers: Apache Tomcat serverEducation Details"),
            Some(Section::Education)
        );
        assert_eq!(glued_heading("Worked on JavaScript widgets"), None);
    }
}
