//! The highest completed degree and its field. A degree still in progress ("PhD candidate",
//! "M.S. expected 2027", "2024 – Present") does not count, as a recruiter would read it.
//! The spellings and the words around them are data: `taxonomy/degrees.toml`.

use crate::taxonomy::degrees::{Reader, Spelled};
use crate::taxonomy::{Degree, Degrees};

/// A field of study longer than this is a run of text, not a subject.
const MAX_FIELD_WORDS: usize = 6;

#[derive(Debug, Clone, PartialEq)]
pub struct DegreeFound {
    pub degree: Degree,
    pub field: Option<String>,
    pub line: usize,
}

/// A cheap first look: the line may name a doctorate ("PhD", "Ph.D.", "doctorate").
pub fn may_name_a_doctorate(degrees: &Degrees, text: &str) -> bool {
    degrees.may_name_a_doctorate(text)
}

/// A degree named on this line, if any, with its field of study: the highest one.
pub fn degree_on_line(degrees: &Degrees, text: &str, in_education_section: bool) -> Option<(Degree, Option<String>)> {
    degree_mentions(degrees, text, in_education_section).into_iter().next().map(|m| (m.degree, m.field))
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
pub fn degree_mentions(degrees: &Degrees, text: &str, in_education_section: bool) -> Vec<DegreeMention> {
    let names_institution = in_education_section || degrees.names_institution(text);
    let mut out: Vec<DegreeMention> = Vec::new();
    for spelled in degrees.find(text, Reader::Resume) {
        let field = field_after(degrees, &text[spelled.span.end..]);
        if spelled.exact && !exact_means_a_degree(degrees, text, &spelled, field.as_ref()) {
            continue;
        }
        let followed_by_field = field.as_ref().is_some_and(|f| f.opened);
        // One-line resumes: "... Education BE Maharashtra State Board Skills ...".
        let after_heading = after_heading(degrees, &text[..spelled.span.start]);
        if names_institution || followed_by_field || after_heading {
            out.push(DegreeMention { degree: spelled.level, field: field.map(|f| f.text), span: spelled.span });
        }
    }
    out.sort_by(|a, b| b.degree.cmp(&a.degree).then(a.span.start.cmp(&b.span.start)));
    out
}

/// An `exact` spelling ("BE", "MS", "MA") is also a word, a state code or a product: it is a
/// degree only when its field follows ("MS in Statistics", "BE Computer Engineering"), when
/// it stands alone on its line, or right after an education heading.
fn exact_means_a_degree(degrees: &Degrees, text: &str, spelled: &Spelled, field: Option<&Field>) -> bool {
    let before = &text[..spelled.span.start];
    let after = &text[spelled.span.end..];
    // "Cambridge, MA 02139": a state code after the city.
    if before.trim_end().ends_with(',') {
        return false;
    }
    // "MS Office", "MS-Excel".
    let next_word = after.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty());
    if next_word.is_some_and(|w| degrees.is_product(w)) {
        return false;
    }
    let alone = !before.chars().chain(after.chars()).any(char::is_alphabetic);
    // "BA Kalinga University": a school's name after it is as good as a field.
    let named_next = next_word.is_some_and(|w| w.starts_with(char::is_uppercase));
    alone || field.is_some() || named_next || after_heading(degrees, before)
}

/// The text before a degree ends with an education heading.
fn after_heading(degrees: &Degrees, before: &str) -> bool {
    let before = before.trim_end().to_lowercase();
    degrees
        .reading
        .after_heading
        .iter()
        .any(|h| before.strip_suffix(h.as_str()).is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric())))
}

/// The field of study named right after a degree.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    text: String,
    /// Introduced by a word such as "in" or "of" ("B.S. in Computer Science"), not only
    /// written after the degree ("BE Computer Engineering").
    opened: bool,
}

/// Punctuation between a degree and its field ("M.Math, Statistics", "BE (CS)", "MS - Data").
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ':' | ';' | '-' | '–' | '—' | '(' | '.' | '/')
}

/// The subject named after a degree: after separators and openers ("in", "of", "major in"),
/// the words up to punctuation, a number, a school or an ending word ("from", "GPA"). A
/// second "in" starts the subject again ("Bachelor of Engg in Information Technology" is
/// "Information Technology"). Without an opener the subject must start with a capital.
fn field_after(degrees: &Degrees, rest: &str) -> Option<Field> {
    let mut s = rest;
    let mut opened = false;
    loop {
        s = s.trim_start_matches(is_separator);
        let opener = degrees.reading.field_openers.iter().filter(|o| starts_with_word(s, o)).max_by_key(|o| o.len());
        match opener {
            Some(o) => {
                s = &s[o.len()..];
                opened = true;
            }
            None => break,
        }
    }
    let mut words: Vec<&str> = Vec::new();
    let mut restarted = false;
    for raw in s.split_whitespace() {
        // "Computer Science (Machine Learning track)": an aside ends the subject.
        if raw.starts_with('(') && !words.is_empty() {
            break;
        }
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let lower = word.to_lowercase();
        if degrees.is_institution_word(word) && !opened {
            // "B.Tech Rayat Institute": the capitalised words were the school's name.
            return None;
        }
        if word.is_empty()
            || word.starts_with(|c: char| c.is_ascii_digit())
            || degrees.is_institution_word(word)
            || degrees.reading.field_enders.contains(&lower)
        {
            break;
        }
        if lower == "in" && !restarted && !words.is_empty() {
            words.clear();
            restarted = true;
            opened = true;
            continue;
        }
        let joiner = matches!(lower.as_str(), "and" | "&" | "of");
        if !joiner && !opened && !word.starts_with(char::is_uppercase) {
            break;
        }
        if words.is_empty() && joiner {
            break;
        }
        words.push(word);
        if words.len() > MAX_FIELD_WORDS {
            return None;
        }
        // "Statistics," "Science)" "Engineering |": the subject ends with its punctuation.
        if raw.ends_with([',', ';', ')', '|', ':']) {
            break;
        }
    }
    while words.last().is_some_and(|w| matches!(w.to_lowercase().as_str(), "and" | "&" | "of")) {
        words.pop();
    }
    (!words.is_empty()).then(|| Field { text: words.join(" "), opened })
}

/// `text` starts with `word` (in any letter case) followed by a non-letter.
fn starts_with_word(text: &str, word: &str) -> bool {
    text.get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word))
        && !text[word.len()..].starts_with(|c: char| c.is_alphanumeric())
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

/// True when the degree on this line (or the line after it) is not finished.
pub fn is_in_progress(degrees: &Degrees, text: &str, next_line: Option<&str>) -> bool {
    degrees.says_in_progress(text) || next_line.is_some_and(|n| degrees.says_in_progress(n) && n.len() < 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static DEGREES: LazyLock<Degrees> =
        LazyLock::new(|| Degrees::from_toml(include_str!("../../taxonomy/degrees.toml")).unwrap());

    fn degree(text: &str) -> Option<Degree> {
        super::degree_on_line(&DEGREES, text, true).map(|(d, _)| d)
    }

    fn degree_on_line(text: &str, in_education: bool) -> Option<(Degree, Option<String>)> {
        super::degree_on_line(&DEGREES, text, in_education)
    }

    fn is_in_progress(text: &str, next: Option<&str>) -> bool {
        super::is_in_progress(&DEGREES, text, next)
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
    fn the_abbreviation_table_reads_real_spellings() {
        for (want, spellings) in [
            (
                Degree::Bachelor,
                &[
                    "B.Tech",
                    "BTech",
                    "B Tech",
                    "B-Tech",
                    "B. Tech",
                    "B.E.",
                    "B.E",
                    "BE",
                    "B E",
                    "B.Sc",
                    "B.Sc.",
                    "BSc",
                    "BS",
                    "B.S.",
                    "BA",
                    "B.A.",
                    "BBA",
                    "BCA",
                    "B.Com",
                    "BCom",
                    "LLB",
                    "LL.B.",
                    "MBBS",
                    "BEng",
                    "B.Eng",
                    "B.Arch",
                    "Bachelor of Technology",
                    "Bachelor's degree",
                    "Bachelors",
                    "bachelor’s",
                ][..],
            ),
            (
                Degree::Master,
                &[
                    "M.Tech",
                    "MTech",
                    "M.E.",
                    "M.Sc",
                    "MSc",
                    "MS",
                    "M.S.",
                    "MA",
                    "M.A.",
                    "MBA",
                    "MCA",
                    "M.C.A.",
                    "M.Com",
                    "MEng",
                    "M.Eng.",
                    "M.Math",
                    "MMath",
                    "M.Stat",
                    "MPhil",
                    "M.Phil.",
                    "LLM",
                    "Master of Science",
                    "Masters",
                    "Master's",
                    "Masters in",
                ][..],
            ),
            (Degree::Phd, &["PhD", "Ph.D.", "Ph. D.", "Ph D", "DPhil", "D.Phil.", "Doctor of Philosophy", "M.D."][..]),
            (Degree::Associate, &["Diploma", "Associate degree", "Associate of Applied Science", "A.A.S."][..]),
        ] {
            for spelling in spellings {
                assert_eq!(degree(&format!("{spelling} in Computer Science, 2014")), Some(want), "{spelling}");
                assert_eq!(degree(spelling), Some(want), "{spelling} alone on an education line");
            }
        }
    }

    #[test]
    fn a_masters_in_mathematics_is_a_masters() {
        // The case: it read as a bachelor's, and the report advised a master's.
        assert_eq!(degree_on_line("M.Math, Statistics", true), Some((Degree::Master, Some("Statistics".into()))));
        assert_eq!(
            degree_on_line("M.Stat. (Statistics), 2019", true),
            Some((Degree::Master, Some("Statistics".into())))
        );
    }

    #[test]
    fn the_field_is_the_subject_named() {
        for (line, field) in [
            ("B.S. in Computer Science", Some("Computer Science")),
            ("Bachelor of Science in Computer Science, 2012", Some("Computer Science")),
            ("Bachelor of Science, Computer Science", Some("Computer Science")),
            ("BE (Computer Science) in Computer Science", Some("Computer Science")),
            ("Bachelor of Engg in Information Technology", Some("Information Technology")),
            ("b.tech in computer science", Some("computer science")),
            ("MSc Data Science from the University of Leeds", Some("Data Science")),
            ("PhD, Machine Learning | 2020", Some("Machine Learning")),
            ("B.Tech Rayat Institute of Engineering", None),
            ("Bachelor of Science", None),
        ] {
            assert_eq!(degree_on_line(line, true).and_then(|d| d.1).as_deref(), field, "{line}");
        }
    }

    #[test]
    fn words_that_look_like_degrees_are_not() {
        for (line, in_education) in [
            ("Assisting MD in HR works and payroll", false),
            ("Worked with the Scrum Master on sprint planning at the institute", false),
            ("Flex Master Zone Director for the college network", false),
            ("MS Office, MS-Excel", true),
            ("Boston University, Boston, MA", true),
            ("We be at the school", true),
        ] {
            assert_eq!(degree_on_line(line, in_education), None, "{line}");
        }
    }

    #[test]
    fn unfinished_degrees_are_flagged() {
        assert!(is_in_progress("PhD candidate in Statistics", None));
        assert!(is_in_progress("Ph.D. program in Economics (left after qualifying exams)", None));
        assert!(is_in_progress("M.S. Computer Science", Some("Expected May 2027")));
        assert!(!is_in_progress("M.S. Computer Science, 2019", None));
    }
}
