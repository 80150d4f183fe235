//! The highest completed degree and its field. A degree still in progress ("PhD candidate",
//! "M.S. expected 2027", "2024 – Present") does not count, as a recruiter would read it.

use std::sync::LazyLock;

use regex::Regex;

use crate::taxonomy::Degree;

struct DegreePattern {
    degree: Degree,
    pattern: Regex,
}

// Dotted abbreviations and full words are unambiguous; bare two-letter forms ("MS", "BA")
// must be followed by a field and not be a state code after a comma ("Cambridge, MA").
static DEGREES: LazyLock<Vec<DegreePattern>> = LazyLock::new(|| {
    let p = |degree, pattern: &str| DegreePattern { degree, pattern: Regex::new(pattern).expect("degree pattern") };
    vec![
        p(
            Degree::Phd,
            r"(?i:\bPh\.?\s?D\b\.?|\bD\.?\s?Phil\b|\bdoctor of philosophy\b|\bdoctorate\b|\bdoctoral degree\b)",
        ),
        p(
            Degree::Master,
            r"(?i:\bmaster'?s?\b|\bM\.\s?S\.?c?\b\.?|\bM\.\s?Eng\b|\bM\.\s?A\.|\bM\.\s?Tech\b|\bMSc\b|\bMEng\b|\bMPhil\b|\bMTech\b|\bMSCS\b|\bMBA\b)|(?:^|[^,]\s|^\s*-\s)\b(?P<bare>MS|MA)\b\s*(?:in\b|of\b|,|\(|–|-)?\s*[A-Z]",
        ),
        p(
            Degree::Bachelor,
            r"(?i:\bbachelor'?s?\b|\bB\.\s?S\.?c?\b\.?|\bB\.\s?Eng\b|\bB\.\s?A\.|\bB\.\s?Tech\b|\bB\.\s?E\.|\bBSc\b|\bBEng\b|\bBTech\b|\bBBA\b|\bundergraduate degree\b)|(?:^|[^,]\s|^\s*-\s)\b(?P<bare>BS|BA)\b\s*(?:in\b|of\b|,|\(|–|-)?\s*[A-Z]",
        ),
        p(
            Degree::Associate,
            r"(?i:\bassociate'?s? (?:degree|of (?:arts|science|applied))\b|\bA\.A\.S?\.|\bA\.S\.)|\bAAS\b",
        ),
    ]
});

static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:expected|candidate|in progress|ongoing|pursuing|incomplete|anticipated|not completed|withdrawn|dropped out)\b")
        .expect("in-progress pattern")
});

static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\bin\b|\bof (?:Science|Arts|Engineering) in\b|,|\bof\b)?\s+(?P<field>[A-Z][A-Za-z&]*(?:\s+(?:[A-Z][A-Za-z&]*|and|of|&))*)")
        .expect("field pattern")
});

static INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:university|universit[éa]|college|institute|school|polytechnic|école|academy)\b")
        .expect("institution pattern")
});

#[derive(Debug, Clone, PartialEq)]
pub struct DegreeFound {
    pub degree: Degree,
    pub field: Option<String>,
    pub line: usize,
}

/// A degree named on this line, if any, with its field of study.
pub fn degree_on_line(text: &str, in_education_section: bool) -> Option<(Degree, Option<String>)> {
    if !in_education_section && !INSTITUTION.is_match(text) {
        return None;
    }
    let found = DEGREES.iter().find_map(|d| {
        let caps = d.pattern.captures(text)?;
        let end = caps.name("bare").or_else(|| caps.get(0))?.end();
        Some((d.degree, end))
    })?;
    let (degree, end) = found;
    let field = FIELD
        .captures(&text[end..])
        .and_then(|c| c.name("field"))
        .map(|m| clean_field(m.as_str()))
        .filter(|f| !f.is_empty() && !INSTITUTION.is_match(f));
    Some((degree, field))
}

fn clean_field(raw: &str) -> String {
    let trimmed = raw.trim().trim_end_matches(&['&', ','][..]).trim();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let end = words.iter().rposition(|w| !matches!(*w, "and" | "of" | "&")).map_or(0, |i| i + 1);
    words[..end].join(" ")
}

/// True when the degree on this line (or the line after it) is not finished.
pub fn is_in_progress(text: &str, next_line: Option<&str>) -> bool {
    IN_PROGRESS.is_match(text) || next_line.is_some_and(|n| IN_PROGRESS.is_match(n) && n.len() < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn degree(text: &str) -> Option<Degree> {
        degree_on_line(text, true).map(|(d, _)| d)
    }

    #[test]
    fn degree_forms() {
        assert_eq!(degree("Ph.D. in Computer Science, Stanford University"), Some(Degree::Phd));
        assert_eq!(degree("PhD, Machine Learning"), Some(Degree::Phd));
        assert_eq!(degree("M.S. in Statistics"), Some(Degree::Master));
        assert_eq!(degree("MSc Data Science"), Some(Degree::Master));
        assert_eq!(degree("Master of Science in Computer Science"), Some(Degree::Master));
        assert_eq!(degree("MS in Computer Science, 2018"), Some(Degree::Master));
        assert_eq!(degree("B.S. Computer Engineering"), Some(Degree::Bachelor));
        assert_eq!(degree("BA Economics, Tufts"), Some(Degree::Bachelor));
        assert_eq!(degree("Bachelor's degree in Mathematics"), Some(Degree::Bachelor));
        assert_eq!(degree("B.Tech, Electronics"), Some(Degree::Bachelor));
        assert_eq!(degree("Associate of Applied Science, IT"), Some(Degree::Associate));
    }

    #[test]
    fn state_codes_and_titles_are_not_degrees() {
        assert_eq!(degree("MIT, Cambridge, MA 02139"), None);
        assert_eq!(degree("Associate Data Scientist"), None);
        assert_eq!(degree_on_line("MS Office, MBA-level budgeting", false), None);
    }

    #[test]
    fn field_of_study() {
        assert_eq!(
            degree_on_line("M.S. in Computer Science, Stanford University", true).unwrap().1.as_deref(),
            Some("Computer Science")
        );
        assert_eq!(degree_on_line("Master of Science in Statistics", true).unwrap().1.as_deref(), Some("Statistics"));
    }

    #[test]
    fn unfinished_degrees_are_flagged() {
        assert!(is_in_progress("PhD candidate in Statistics", None));
        assert!(is_in_progress("M.S. Computer Science", Some("Expected May 2027")));
        assert!(!is_in_progress("M.S. Computer Science, 2019", None));
    }
}
