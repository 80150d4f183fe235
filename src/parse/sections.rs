//! Section headings: a short line made only of heading words ("Work Experience",
//! "SKILLS & TOOLS", "## Education", "Research Experience:") starts a section. The words
//! are data: `[sections]` in `taxonomy/vocabulary.toml`.

use crate::taxonomy::Vocabulary;

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
    let text = line.trim().trim_start_matches('#').trim().trim_end_matches(':').trim();
    if text.is_empty() || text.len() > 48 || text.starts_with("- ") {
        return None;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == '/' || c == ',').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    if !words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '&' || c == '\'')) {
        return None;
    }
    let last = *words.last()?;
    let section = vocabulary.section_noun(last)?;
    let leading_ok = words[..words.len() - 1]
        .iter()
        .all(|w| vocabulary.is_heading_modifier(w) || vocabulary.section_noun(w).is_some());
    leading_ok.then_some(section)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;

    fn heading(line: &str) -> Option<Section> {
        super::heading(&Taxonomy::embedded().unwrap().vocabulary, line)
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
    fn sentences_and_inline_lists_are_not_headings() {
        assert_eq!(heading("Skills: Python, SQL, Spark"), None);
        assert_eq!(heading("- Built tools"), None);
        assert_eq!(heading("Senior Data Engineer, Acme Corp"), None);
        assert_eq!(heading("I love building tools"), None);
        assert_eq!(heading("Jan 2019 – Present"), None);
    }
}
