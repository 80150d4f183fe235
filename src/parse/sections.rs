//! Section headings: a short line made only of heading words ("Work Experience",
//! "SKILLS & TOOLS", "## Education", "Research Experience:") starts a section.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
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

/// The noun that names a section, as the last word of a heading.
fn section_noun(word: &str) -> Option<Section> {
    Some(match word {
        "summary" | "profile" | "objective" | "overview" | "about" | "me" | "introduction" => Section::Summary,
        "skills" | "skill" | "competencies" | "technologies" | "tools" | "stack" | "expertise" | "toolbox"
        | "proficiencies" => Section::Skills,
        "experience" | "experiences" | "employment" | "history" | "positions" | "appointments" => Section::Experience,
        "education" | "training" | "academics" | "degrees" | "qualifications" => Section::Education,
        "projects" | "portfolio" => Section::Projects,
        "certifications" | "certificates" | "licenses" | "courses" | "coursework" => Section::Certifications,
        "publications" | "papers" | "talks" | "presentations" | "patents" => Section::Publications,
        "awards" | "honors" | "honours" | "interests" | "hobbies" | "volunteering" | "volunteer" | "references"
        | "languages" | "activities" | "achievements" | "affiliations" | "memberships" => Section::Other,
        _ => return None,
    })
}

/// Words that may stand before the noun in a heading.
fn is_heading_modifier(word: &str) -> bool {
    matches!(
        word,
        "professional"
            | "work"
            | "technical"
            | "core"
            | "key"
            | "relevant"
            | "selected"
            | "career"
            | "research"
            | "industry"
            | "academic"
            | "teaching"
            | "personal"
            | "side"
            | "additional"
            | "other"
            | "and"
            | "&"
            | "tech"
            | "employment"
            | "skills"
            | "education"
            | "leadership"
            | "management"
            | "software"
            | "programming"
            | "licenses"
            | "awards"
            | "honors"
            | "recent"
            | "notable"
            | "executive"
            | "my"
            | "of"
            | "summary"
            | "data"
            | "science"
            | "engineering"
            | "machine"
            | "learning"
            | "publications"
            | "projects"
            | "certifications"
            | "experience"
            | "previous"
            | "open"
            | "source"
            | "volunteer"
            | "skill"
    )
}

/// The section a line opens, if it is a heading. An inline heading ("Skills: Python, SQL")
/// is not: its line belongs to the section around it and is matched as a list.
pub fn heading(line: &str) -> Option<Section> {
    // A layout may cut a heading in two ("EDUCA | TION") or set two columns' headings on one
    // line ("SUMMARY | EDUCATION"): the joined word first, then the last column's heading.
    if line.contains(" | ") {
        let parts: Vec<&str> = line.split(" | ").collect();
        if parts.len() <= 3 {
            if let Some(section) = single_heading(&parts.concat()) {
                return Some(section);
            }
            if parts.iter().all(|p| single_heading(p).is_some()) {
                return parts.last().and_then(|p| single_heading(p));
            }
        }
        return None;
    }
    single_heading(line)
}

/// A heading glued to the end of a line of text ("... Apache Tomcat serverEducation Details"),
/// as some datasets store resumes: the section the next line starts.
pub fn glued_heading(line: &str) -> Option<Section> {
    let text = line.trim_end();
    if text.len() < 12 || heading(text).is_some() {
        return None;
    }
    // The heading starts at a capital letter glued to a lower-case one, within the last words.
    let bytes = text.as_bytes();
    let tail_start = text.len().saturating_sub(40);
    (tail_start.max(1)..text.len())
        .filter(|&i| bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase())
        .find_map(|i| single_heading(&text[i..]))
}

fn single_heading(line: &str) -> Option<Section> {
    let text = line.trim().trim_start_matches('#').trim().trim_end_matches(':').trim();
    // "Education Details", "Work Experience Details": the noun before the filler word.
    let text = text
        .strip_suffix(" Details")
        .or_else(|| text.strip_suffix(" details"))
        .or_else(|| text.strip_suffix(" DETAILS"))
        .unwrap_or(text)
        .trim();
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
    let section = section_noun(last)?;
    let leading_ok = words[..words.len() - 1].iter().all(|w| is_heading_modifier(w) || section_noun(w).is_some());
    leading_ok.then_some(section)
}

#[cfg(test)]
mod tests {
    use super::*;

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
