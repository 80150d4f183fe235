//! JSON Resume (jsonresume.org `resume.json`) as the text view the rest of the pipeline reads:
//! one section per array, each job as "Position, Company  Mon YYYY – Mon YYYY" followed by
//! its highlights as bullets, so the exact dates of `work[]` feed experience directly.
//! Contact fields (email, phone, location, profiles, url) are left out, never read.
//! Evidence line numbers refer to this text view.

use serde_json::Value;

use crate::error::ReadError;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "2019-03-15", "2019-03" → "Mar 2019"; "2019" → "2019".
fn date(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?.trim();
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    match parts.next().and_then(|m| m.parse::<usize>().ok()) {
        Some(m) if (1..=12).contains(&m) => Some(format!("{} {year}", MONTHS[m - 1])),
        _ => Some(year.to_string()),
    }
}

fn text(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    value.and_then(Value::as_array).map(|a| a.iter().filter_map(|v| text(Some(v))).collect()).unwrap_or_default()
}

fn entries<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

/// Whether a parsed JSON value looks like a JSON Resume at all.
fn is_json_resume(doc: &Value) -> bool {
    doc.is_object() && ["basics", "work", "education", "skills"].iter().any(|k| doc.get(k).is_some())
}

fn range(item: &Value) -> String {
    match (date(item.get("startDate")), date(item.get("endDate"))) {
        (Some(start), Some(end)) => format!("{start} – {end}"),
        (Some(start), None) => format!("{start} – Present"),
        (None, Some(end)) => end,
        (None, None) => String::new(),
    }
}

fn joined(parts: &[Option<&str>], sep: &str) -> String {
    parts.iter().flatten().copied().collect::<Vec<_>>().join(sep)
}

/// Bytes of JSON read: twice the per-document text limit leaves room for the keys and
/// quoting, and keeps the parsed tree (a few times the source) well under the memory bound.
pub const MAX_JSON_BYTES: u64 = 2 * super::MAX_TEXT_BYTES;

pub fn extract_lines(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    if bytes.len() as u64 > MAX_JSON_BYTES {
        return Err(ReadError::NotJsonResume(format!(
            "{} bytes of JSON, over the {} MiB per-document limit",
            bytes.len(),
            MAX_JSON_BYTES >> 20
        )));
    }
    let source = std::str::from_utf8(bytes).map_err(|_| ReadError::NotJsonResume("not UTF-8 text".into()))?;
    let doc: Value =
        serde_json::from_str(source).map_err(|e| ReadError::NotJsonResume(format!("invalid JSON ({e})")))?;
    if !is_json_resume(&doc) {
        return Err(ReadError::NotJsonResume("no basics, work, education or skills".into()));
    }
    let mut lines: Vec<String> = Vec::new();
    let basics = doc.get("basics");
    lines.extend(text(basics.and_then(|b| b.get("label"))).map(str::to_string));
    if let Some(summary) = text(basics.and_then(|b| b.get("summary"))) {
        lines.push("SUMMARY".into());
        lines.extend(summary.lines().map(str::to_string));
    }

    let work = entries(&doc, "work");
    if !work.is_empty() {
        lines.push(String::new());
        lines.push("EXPERIENCE".into());
        for job in work {
            let company = text(job.get("name")).or_else(|| text(job.get("company")));
            let title = joined(&[text(job.get("position")), company], ", ");
            lines.push(format!("{title}   {}", range(job)).trim().to_string());
            lines.extend(text(job.get("summary")).into_iter().flat_map(str::lines).map(str::to_string));
            lines.extend(strings(job.get("highlights")).into_iter().map(|h| format!("- {h}")));
        }
    }

    let education = entries(&doc, "education");
    if !education.is_empty() {
        lines.push(String::new());
        lines.push("EDUCATION".into());
        for school in education {
            let degree = match (text(school.get("studyType")), text(school.get("area"))) {
                (Some(kind), Some(area)) => Some(format!("{kind} in {area}")),
                (Some(kind), None) => Some(kind.to_string()),
                (None, Some(area)) => Some(area.to_string()),
                (None, None) => None,
            };
            let line = joined(&[degree.as_deref(), text(school.get("institution"))], ", ");
            lines.push(format!("{line}   {}", range(school)).trim().to_string());
            lines.extend(strings(school.get("courses")).into_iter().map(|c| format!("- {c}")));
        }
    }

    let skills = entries(&doc, "skills");
    if !skills.is_empty() {
        lines.push(String::new());
        lines.push("SKILLS".into());
        for skill in skills {
            let keywords = strings(skill.get("keywords")).join(", ");
            let line = match text(skill.get("name")) {
                Some(name) if !keywords.is_empty() => format!("{name}: {keywords}"),
                Some(name) => name.to_string(),
                None => keywords,
            };
            if !line.is_empty() {
                lines.push(line);
            }
        }
    }

    let projects = entries(&doc, "projects");
    if !projects.is_empty() {
        lines.push(String::new());
        lines.push("PROJECTS".into());
        for project in projects {
            lines.push(joined(&[text(project.get("name")), text(project.get("description"))], ": "));
            lines.extend(strings(project.get("highlights")).into_iter().map(|h| format!("- {h}")));
            let keywords = strings(project.get("keywords"));
            if !keywords.is_empty() {
                lines.push(format!("- {}", keywords.join(", ")));
            }
        }
    }

    for (key, heading, fields) in [
        ("certificates", "CERTIFICATIONS", ["name", "issuer"]),
        ("publications", "PUBLICATIONS", ["name", "publisher"]),
        ("awards", "AWARDS", ["title", "awarder"]),
        ("volunteer", "VOLUNTEERING", ["position", "organization"]),
    ] {
        let items = entries(&doc, key);
        if !items.is_empty() {
            lines.push(String::new());
            lines.push(heading.into());
            for item in items {
                lines.push(joined(&[text(item.get(fields[0])), text(item.get(fields[1]))], ", "));
                lines.extend(text(item.get("summary")).into_iter().flat_map(str::lines).map(str::to_string));
                lines.extend(strings(item.get("highlights")).into_iter().map(|h| format!("- {h}")));
            }
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_education_and_skills_map_onto_sections() {
        let json = r#"{
          "basics": {"name": "A B", "label": "Data Engineer", "email": "a@example.com", "phone": "555-0100"},
          "work": [{"name": "Acme", "position": "Senior Data Engineer", "startDate": "2019-03-01", "highlights": ["Built Spark jobs"]},
                   {"name": "Initech", "position": "Data Engineer", "startDate": "2016-01", "endDate": "2019-02"}],
          "education": [{"institution": "State U", "area": "Computer Science", "studyType": "Bachelor", "endDate": "2015"}],
          "skills": [{"name": "Data", "keywords": ["Airflow", "SQL"]}]
        }"#;
        let lines = extract_lines(json.as_bytes()).unwrap();
        let text = lines.join("\n");
        assert!(text.contains("Senior Data Engineer, Acme   Mar 2019 – Present"), "{text}");
        assert!(text.contains("Data Engineer, Initech   Jan 2016 – Feb 2019"), "{text}");
        assert!(text.contains("- Built Spark jobs"));
        assert!(text.contains("Bachelor in Computer Science, State U   2015"));
        assert!(text.contains("Data: Airflow, SQL"));
        assert!(!text.contains("a@example.com") && !text.contains("555-0100") && !text.contains("A B"));
    }

    #[test]
    fn missing_fields_are_tolerated_and_other_json_is_refused() {
        let lines =
            extract_lines(br#"{"work": [{"position": "Analyst"}], "skills": [{"keywords": ["Python"]}]}"#).unwrap();
        assert!(lines.contains(&"Analyst".to_string()) && lines.contains(&"Python".to_string()), "{lines:?}");
        assert!(matches!(extract_lines(br#"{"foo": 1}"#), Err(ReadError::NotJsonResume(_))));
        assert!(matches!(extract_lines(b"{not json"), Err(ReadError::NotJsonResume(_))));
    }
}
