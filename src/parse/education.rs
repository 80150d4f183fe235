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
            r"(?i:(?-u:\b)Ph\.?\s?D(?-u:\b)\.?|(?-u:\b)D\.?\s?Phil(?-u:\b)|(?-u:\b)doctor of philosophy(?-u:\b)|(?-u:\b)doctorate(?-u:\b)|(?-u:\b)doctoral degree(?-u:\b)|(?-u:\b)doctorat(?-u:\b))",
        ),
        p(
            Degree::Master,
            r"(?i:(?-u:\b)master'?s?(?-u:\b)|(?-u:\b)ma[iî]trise(?-u:\b)|(?-u:\b)M\.\s?S\.?c?(?-u:\b)\.?|(?-u:\b)M\.\s?Eng(?-u:\b)|(?-u:\b)M\.\s?A\.|(?-u:\b)M\.\s?Tech(?-u:\b)|(?-u:\b)M\.\s?Ed(?-u:\b)\.?|(?-u:\b)MEd(?-u:\b)|(?-u:\b)M\.?P\.?H(?-u:\b)\.?|(?-u:\b)M\.?F\.?A(?-u:\b)\.?|(?-u:\b)MSc(?-u:\b)|(?-u:\b)MEng(?-u:\b)|(?-u:\b)MPhil(?-u:\b)|(?-u:\b)MTech(?-u:\b)|(?-u:\b)MSCS(?-u:\b)|(?-u:\b)MBA(?-u:\b)|(?-u:\b)M\.?\s?C\.?\s?A(?-u:\b)\.?|(?-u:\b)M[\s\-]?Tech(?-u:\b)|(?-u:\b)M\.\s?E(?-u:\b)\.|(?-u:\b)PGDB?M(?-u:\b)|(?-u:\b)M\.\s?Com(?-u:\b)|(?-u:\b)m[aá]ster(?-u:\b))|(?-u:\b)ME(?-u:\b)\s+(?:in\s+)?[A-Z][a-z]|(?:^|[^,]\s|^\s*-\s)(?-u:\b)(?P<bare>MS|MA)(?-u:\b)\s*(?:in(?-u:\b)|of(?-u:\b)|,|\(|–|-)?\s*[A-Z]",
        ),
        p(
            Degree::Bachelor,
            r"(?i:(?-u:\b)bachelor'?s?(?-u:\b)|(?-u:\b)B\.\s?S\.?c?(?-u:\b)\.?|(?-u:\b)B\.\s?Eng(?-u:\b)|(?-u:\b)B\.\s?A\.|(?-u:\b)B\.\s?Tech(?-u:\b)|(?-u:\b)B\.\s?E\.|(?-u:\b)BSc(?-u:\b)|(?-u:\b)BEng(?-u:\b)|(?-u:\b)BTech(?-u:\b)|(?-u:\b)BBA(?-u:\b)|(?-u:\b)undergraduate degree(?-u:\b)|(?-u:\b)B\.\s?E(?-u:\b)|(?-u:\b)B[\s\-]?Tech(?-u:\b)|(?-u:\b)B\.?\s?C\.?\s?A(?-u:\b)\.?|(?-u:\b)B\.\s?B\.\s?A(?-u:\b)\.?|(?-u:\b)B\.?\s?Com(?-u:\b)\.?|(?-u:\b)LL\.?\s?B(?-u:\b)\.?|(?-u:\b)grado en(?-u:\b))|(?-u:\b)BE(?-u:\b)\s+(?:in\s+)?[A-Z]|(?:^|[^,]\s|^\s*-\s)(?-u:\b)(?P<bare>BS|BA)(?-u:\b)\s*(?:in(?-u:\b)|of(?-u:\b)|,|\(|–|-)?\s*[A-Z]",
        ),
        p(
            Degree::Associate,
            r"(?i:(?-u:\b)associate'?s? (?:degree|of (?:arts|science|applied))(?-u:\b)|(?-u:\b)A\.A\.S?\.|(?-u:\b)A\.S\.|(?-u:\b)diploma(?-u:\b))|(?-u:\b)AAS(?-u:\b)",
        ),
    ]
});

/// Products that follow a bare "MS" ("MS Office"): not a Master of Science.
static MS_PRODUCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:Office|Excel|Word|PowerPoint|Access|Outlook|Project|Visio|SQL|Dynamics|Teams|Paint|Windows|DOS|Azure)(?-u:\b)")
        .expect("product pattern")
});

static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:expected|candidate|in progress|in-progress|ongoing|pursuing|currently enrolled|incomplete|anticipated|not completed|withdrawn|withdrew|dropped out|left after|left the program|did not finish|all but dissertation|ABD)(?-u:\b)")
        .expect("in-progress pattern")
});

static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)in(?-u:\b)|(?-u:\b)of (?:Science|Arts|Engineering) in(?-u:\b)|,|(?-u:\b)of(?-u:\b))?\s+(?P<field>[A-Z][A-Za-z&]*(?:\s+(?:[A-Z][A-Za-z&]*|and|of|&))*)")
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

/// A cheap first look: the line may name a doctorate ("PhD", "Ph.D.", "doctorate").
pub fn may_name_a_doctorate(text: &str) -> bool {
    DEGREES.first().is_some_and(|d| d.degree == Degree::Phd && d.pattern.is_match(text))
}

/// A degree named on this line, if any, with its field of study: the highest one.
pub fn degree_on_line(text: &str, in_education_section: bool) -> Option<(Degree, Option<String>)> {
    degree_mentions(text, in_education_section).into_iter().next().map(|m| (m.degree, m.field))
}

/// One degree named in a line: its level, field and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct DegreeMention {
    pub degree: Degree,
    pub field: Option<String>,
    pub span: std::ops::Range<usize>,
}

/// Every degree named on this line, highest first, then in line order. A line outside an
/// education section counts only if it names an institution, or the degree is followed by
/// its field ("a PhD in Statistics").
#[allow(clippy::while_let_loop)]
pub fn degree_mentions(text: &str, in_education_section: bool) -> Vec<DegreeMention> {
    let mut out = Vec::new();
    let names_institution = in_education_section || INSTITUTION.is_match(text);
    for d in DEGREES.iter() {
        let mut from = 0;
        while let Some(m) = d.pattern.find_at(text, from) {
            from = m.end().max(m.start() + 1);
            // Captures only on the matched part (the search above is the fast automaton).
            let Some(caps) = d.pattern.captures(&text[m.start()..]) else { break };
            let Some(end) = caps.name("bare").or_else(|| caps.get(0)).map(|g| m.start() + g.end()) else { break };
            let field_caps = FIELD.captures(&text[end..]);
            let field = field_caps
                .as_ref()
                .and_then(|c| c.name("field"))
                .map(|f| clean_field(f.as_str()))
                .filter(|f| !f.is_empty() && !INSTITUTION.is_match(f));
            if caps.name("bare").is_some() && MS_PRODUCT.is_match(&text[end..]) {
                continue;
            }
            let followed_by_field = text[end..].trim_start().to_ascii_lowercase().starts_with("in ") && field.is_some();
            // One-line resumes: "... Education BE Maharashtra State Board Skills ...".
            let after_heading = text[..m.start()].trim_end().to_ascii_lowercase().ends_with("education");
            if names_institution || followed_by_field || after_heading {
                out.push(DegreeMention { degree: d.degree, field, span: m.start()..end });
            }
            if from >= text.len() {
                break;
            }
            while !text.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    out
}

/// The part of a long line that speaks of the degree at `span`: the few words before it
/// (for "pursuing") and the rest up to the next degree named (one-line resumes run every
/// degree together, each followed by its school and dates). A short line is read whole.
pub fn window<'a>(text: &'a str, span: &std::ops::Range<usize>, next_start: Option<usize>) -> (&'a str, &'a str) {
    if text.len() <= 160 {
        return ("", text);
    }
    let mut start = span.start.saturating_sub(24);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = next_start.unwrap_or(text.len()).min(span.end + 160).max(span.end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (&text[start..span.start], &text[span.start..end])
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
        assert_eq!(degree("M.Ed. in Curriculum and Instruction"), Some(Degree::Master));
        assert_eq!(degree("Master of Science in Computer Science"), Some(Degree::Master));
        assert_eq!(degree("MS in Computer Science, 2018"), Some(Degree::Master));
        assert_eq!(degree("B.S. Computer Engineering"), Some(Degree::Bachelor));
        assert_eq!(degree("BA Economics, Tufts"), Some(Degree::Bachelor));
        assert_eq!(degree("Bachelor's degree in Mathematics"), Some(Degree::Bachelor));
        assert_eq!(degree("B.Tech, Electronics"), Some(Degree::Bachelor));
        assert_eq!(degree("Associate of Applied Science, IT"), Some(Degree::Associate));
    }

    #[test]
    fn the_worlds_degree_forms() {
        for (text, want) in [
            ("B.E in Information science and engineering", Degree::Bachelor),
            ("B-tech in Electronics and Telecommunication", Degree::Bachelor),
            ("B Tech Honors in Technical", Degree::Bachelor),
            ("B.B.A in Airport & Customer Care Management", Degree::Bachelor),
            ("BCA", Degree::Bachelor),
            ("BE Computer Engineering, Mumbai University", Degree::Bachelor),
            ("Bachelor of Engineering in Electronics", Degree::Bachelor),
            ("January 2018 M.C.A  Pune, Maharashtra Pune University", Degree::Master),
            ("MTech in Computer Integrated Manufacturing", Degree::Master),
            ("M.E. Structural Engineering", Degree::Master),
            ("PGDBM", Degree::Master),
            ("Masters in Statistics University of Mysore", Degree::Master),
            ("Doctorate in Economics", Degree::Phd),
            ("Diploma in Mechanical Engineering", Degree::Associate),
        ] {
            assert_eq!(degree(text), Some(want), "{text}");
        }
        for text in [
            "January 2010 S.S.C  Amravati University",
            "12th in Mathematics",
            "Installations of MS Office at the College",
        ] {
            assert!(degree(text).is_none_or(|d| d == Degree::None), "{text}");
        }
    }

    #[test]
    fn a_phd_in_a_summary_counts_without_an_institution() {
        assert_eq!(
            degree_on_line("Researcher with a PhD in Statistics and ten years of modelling", false).map(|d| d.0),
            Some(Degree::Phd)
        );
        assert_eq!(degree_on_line("Ran the PhD admissions website", false), None);
    }

    #[test]
    fn accented_institutions_are_recognised() {
        assert_eq!(degree_on_line("Maîtrise, Université de Montréal", false).map(|(d, _)| d), Some(Degree::Master));
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
        assert!(is_in_progress("Ph.D. program in Economics (left after qualifying exams)", None));
        assert!(is_in_progress("M.S. Computer Science", Some("Expected May 2027")));
        assert!(!is_in_progress("M.S. Computer Science, 2019", None));
    }
}
