//! Dated positions as structure: each date range in the work part of a resume, with the
//! title, employer and place written around it.
//!
//! Resumes lay a job out in many ways: "Title, Company | 2019 – 2021" on one line; the title
//! on one line and "Company – City" on the next with the dates at either; job-portal exports
//! with title, company and dates on separate lines and blank lines between; a left column of
//! dates; dates first and the title below. Rather than one pattern per layout, the lines
//! around the dates (the rest of the date line, up to three lines above, up to two below)
//! are cut into segments at the separators people use, and each segment is read for what
//! it is: a title (a job noun, a grade, a family: `standing.toml`, `job_nouns.toml`), an
//! employer (a company word, or the segment beside the title), a place (a state, country or
//! "Remote"), or something else (a sentence, a bullet). A sentence or a place is never a
//! title.

use super::dates::{self, DateRange, Dates, Month};
use super::{Line, Section};
use crate::taxonomy::standing::title_words;
use crate::taxonomy::{Standing, Vocabulary};

/// A dated position from the experience part of the resume.
#[derive(Debug, Clone)]
pub struct Position {
    pub range: DateRange,
    /// Line holding the date range.
    pub line: usize,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    /// The lines that describe this job: from its first header line to the next job's,
    /// within its section (1-based, end exclusive).
    pub lines: std::ops::Range<usize>,
}

/// A job named without dates (job-portal exports show dates only when the person gave
/// them): "Associate Software Engineer" / "Oracle" under the experience heading.
#[derive(Debug, Clone)]
pub struct UndatedPosition {
    pub line: usize,
    pub title: String,
    pub company: Option<String>,
    pub location: Option<String>,
}

/// A title has at most this many words; a longer segment is a sentence.
const TITLE_MAX_WORDS: usize = 10;
/// A segment this long is prose, whatever else it holds.
const SENTENCE_WORDS: usize = 13;
/// Header lines looked at above and below the date line.
const LINES_ABOVE: usize = 3;
const LINES_BELOW: usize = 2;
/// Blank lines skipped between the lines of one header (job-portal exports put one between
/// each).
const BLANKS_BETWEEN: usize = 2;
/// A line longer than this many words is a whole resume run together.
pub(crate) const ONE_LINE_WORDS: usize = 150;
/// Words of a one-line resume's title before its noun ("Senior SQL Server Database").
const RUN_ON_TITLE_WORDS: usize = 4;
/// How far before a date a one-line resume's title and employer are looked for.
const RUN_ON_WINDOW: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// The rest of the date line.
    Same,
    /// A header line above, nearest first (1 = the nearest).
    Above(usize),
    /// A line below.
    Below(usize),
}

#[derive(Debug, Clone)]
struct Segment {
    text: String,
    /// `text`'s words as titles are matched (`title_words`), computed once.
    words: Vec<String>,
    line: usize,
    origin: Origin,
    /// Index of the segment within its line.
    index: usize,
    kind: Kind,
    title_score: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Place,
    Sentence,
    Other,
}

/// What a segment reads as, from its words alone.
fn read_segment(standing: &Standing, text: &str) -> (Kind, i32) {
    read_segment_words(standing, text, &title_words(text))
}

/// [`read_segment`] with the segment's words already split.
fn read_segment_words(standing: &Standing, text: &str, words: &[String]) -> (Kind, i32) {
    if words.is_empty() || !text.chars().any(char::is_alphabetic) {
        return (Kind::Sentence, -10);
    }
    if is_place(standing, text, words) {
        return (Kind::Place, -10);
    }
    if is_sentence(standing, text, words) {
        return (Kind::Sentence, -10);
    }
    let mut score = 0;
    let family = standing.family(words).is_some();
    if family {
        score += 4;
    }
    let last = words.last().map(String::as_str).unwrap_or("");
    if standing.is_job_noun(last) {
        score += 3;
    } else if words.iter().any(|w| standing.is_job_noun(w)) {
        score += 2;
    }
    if standing.grade(words).is_some() {
        score += 1;
    }
    if !family && standing.is_company_word(last) {
        score -= 5;
    }
    if words.len() > TITLE_MAX_WORDS {
        score -= 4;
    }
    if words.iter().any(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_digit())) {
        score -= 2;
    }
    (Kind::Other, score)
}

/// "Austin, TX", "Hyderabad, Telangana", "Remote": a short segment that ends in a place and
/// holds no job noun or company word. A two-letter state code counts only in capitals.
fn is_place(standing: &Standing, text: &str, words: &[String]) -> bool {
    let n = standing.place_suffix(words);
    if n == 0 || words.len() > 4 {
        return false;
    }
    if words.iter().any(|w| standing.is_job_noun(w) || standing.is_company_word(w)) {
        return false;
    }
    let last = words[words.len() - 1].as_str();
    if n == 1 && last.len() <= 2 {
        let original = text.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("");
        if !original.chars().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
    }
    // "Data Engineer Toronto" is not a place; every word before the place must be capitalised.
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .all(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
}

/// Prose, not a heading of a job: long, a bullet, lower case at the start, a past-tense
/// verb first ("Presented monthly findings to the operations director…"), or a full stop
/// after several words.
fn is_sentence(standing: &Standing, text: &str, words: &[String]) -> bool {
    let trimmed = text.trim();
    // A semicolon joins clauses, which a title never has.
    if words.len() >= SENTENCE_WORDS || trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.contains(';')
    {
        return true;
    }
    let first = trimmed.chars().find(|c| c.is_alphabetic());
    if first.is_some_and(char::is_lowercase) && words.len() > 3 {
        return true;
    }
    let first_word = &words[0];
    if first_word.len() > 4
        && (first_word.ends_with("ed") || first_word.ends_with("ing"))
        && !standing.is_job_noun(first_word)
        && words.len() > 4
        && standing.family(words).is_none()
    {
        return true;
    }
    trimmed.ends_with('.') && words.len() > 6
}

/// Cuts a header line into the parts people separate with bars, dashes, tabs, wide gaps,
/// commas, bullets and "at": "Senior Data Engineer, Acme Corp | Austin, TX".
fn split_segments(standing: &Standing, text: &str) -> Vec<String> {
    let mut parts: Vec<String> = vec![text.to_string()];
    // A part is a piece of the line between separators, never two pieces joined, so a
    // separator the line does not hold is in no part: those are not searched for (this runs
    // on every line, and most hold one or two of them).
    let mut present = [false; 256];
    text.bytes().for_each(|b| present[usize::from(b)] = true);
    let held = |sep: &&str| sep.bytes().all(|b| present[usize::from(b)]) && text.contains(*sep);
    for sep in
        ["\t", "   ", "  ", " | ", "|", " • ", " · ", " ● ", " -- ", " – ", " — ", " - ", " -"].into_iter().filter(held)
    {
        parts = parts.iter().flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    // Commas: "Title, Company" splits, "City, State" stays one place. Pairs are taken from
    // the right, so in "Lakeside Insurance, Dallas, TX" the place is "Dallas, TX".
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        let pieces: Vec<&str> = part.split(", ").map(str::trim).collect();
        let mut merged: Vec<String> = Vec::new();
        let mut k = pieces.len();
        while k > 0 {
            if k >= 2 {
                let pair = format!("{}, {}", pieces[k - 2], pieces[k - 1]);
                let second = title_words(pieces[k - 1]);
                let region = !second.is_empty() && standing.region_suffix(&second) == second.len();
                if region && is_place(standing, &pair, &title_words(&pair)) {
                    merged.push(pair);
                    k -= 2;
                    continue;
                }
            }
            merged.push(pieces[k - 1].to_string());
            k -= 1;
        }
        out.extend(merged.into_iter().rev());
    }
    // "Data Scientist at Acme": the joiner separates a title from its employer after it;
    // "Infosys as a Test Analyst": the title comes after "as (a)".
    let mut joined: Vec<String> = Vec::new();
    for part in out {
        let words: Vec<&str> = part.split_whitespace().collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // The longest phrase that matches: "as a", not "as".
        let after = standing
            .title_after
            .iter()
            .filter_map(|p| {
                let at = (1..lower.len()).find(|&i| lower.len() > i + p.len() && lower[i..i + p.len()] == p[..])?;
                Some((at, at + p.len()))
            })
            .max_by_key(|&(at, end)| (end - at, std::cmp::Reverse(at)));
        if let Some((at, title_from)) = after {
            let (left, right) = (words[..at].join(" "), words[title_from..].join(" "));
            if read_segment(standing, &right).1 >= 3 {
                // "Have worked as a Support Engineer": a verb before "as" names no employer.
                let verb = lower[at - 1].ends_with("ed") || lower[at - 1].ends_with("ing");
                if !verb {
                    joined.push(left);
                }
                joined.push(right);
                continue;
            }
        }
        let cut = lower.iter().position(|w| standing.joiners.contains(w));
        match cut {
            Some(i) if i > 0 && i + 1 < words.len() => {
                let (left, right) = (words[..i].join(" "), words[i + 1..].join(" "));
                if read_segment(standing, &left).1 >= 3 {
                    joined.push(left);
                    joined.push(right);
                    continue;
                }
                joined.push(part);
            }
            _ => joined.push(part),
        }
    }
    joined
        .into_iter()
        // Markdown heading marks and stray punctuation go; "C#", "(Remote)" and "Inc." keep theirs.
        .map(|s| {
            s.trim_start_matches(|c: char| c == '#' || c.is_whitespace())
                .trim_matches(|c: char| !c.is_alphanumeric() && !")]&+#.".contains(c))
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .flat_map(|s| split_title_from_employer(standing, &s))
        .collect()
}

/// "Data Scientist Tellus Insurance" → "Data Scientist", "Tellus Insurance": the capitalised
/// words after a title's last job noun (and the functions that follow it, "Head of Machine
/// Learning") name the employer, as when a layout's wide gap was lost.
fn split_title_from_employer(standing: &Standing, segment: &str) -> Vec<String> {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| title_words(w).join(" ")).collect();
    let Some(noun) = lower.iter().rposition(|w| standing.is_job_noun(w)) else {
        return vec![segment.to_string()];
    };
    let mut end = noun + 1;
    // "of/for/in" and function words stay in the title: "Head of Machine Learning".
    while end < words.len()
        && (standing.is_function_word(&lower[end])
            || standing.after_noun.contains(&lower[end])
            || lower[end].is_empty())
    {
        end += 1;
    }
    let rest = &words[end..];
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // Two words whose first is a bare job noun ("Baker Smith") are as likely a name as a
    // title and an employer: kept whole.
    let bare_noun_and_one_word = noun == 0 && end == 1 && words.len() == 2;
    if rest.is_empty() || rest.len() > 5 || !rest.iter().all(capitalised) || bare_noun_and_one_word {
        return vec![segment.to_string()];
    }
    // A title has a noun; what is left must not be a title itself.
    let (title, employer) = (words[..end].join(" "), rest.join(" "));
    if standing.family(&title_words(&employer)).is_some()
        || rest.iter().any(|w| standing.is_job_noun(&w.to_lowercase()))
    {
        return vec![segment.to_string()];
    }
    vec![title, employer]
}

fn segments_of(standing: &Standing, text: &str, line: usize, origin: Origin) -> Vec<Segment> {
    split_segments(standing, text)
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let words = title_words(&text);
            let (kind, title_score) = read_segment_words(standing, &text, &words);
            Segment { words, text, line, origin, index, kind, title_score }
        })
        .collect()
}

/// The title, employer and place among a position's header segments.
struct Header {
    title: Option<(String, usize)>,
    company: Option<String>,
    location: Option<String>,
    /// The topmost header line that named the title or the employer.
    first_line: Option<usize>,
}

fn read_header(standing: &Standing, segments: &[Segment]) -> Header {
    const MIN_TITLE: i32 = 2;
    let best = |from: &mut dyn Iterator<Item = &Segment>| -> Option<Segment> {
        from.filter(|s| s.kind == Kind::Other && s.title_score >= MIN_TITLE)
            // Highest score; on a tie the date line, then the nearest line above.
            .max_by(|a, b| a.title_score.cmp(&b.title_score).then(b.origin.cmp(&a.origin)))
            .cloned()
    };
    let title = best(&mut segments.iter().filter(|s| !matches!(s.origin, Origin::Below(_))))
        .or_else(|| best(&mut segments.iter().filter(|s| matches!(s.origin, Origin::Below(_)))))
        .or_else(|| {
            // A header of two lines whose nearer one names the employer and place (job-portal
            // exports: "Team Member" / "Cisco - Bengaluru, Karnataka -"): the farther one is
            // the title even without a job noun.
            let above: Vec<&Segment> = segments.iter().filter(|s| matches!(s.origin, Origin::Above(_))).collect();
            let nearest_has_place = above.iter().any(|s| s.origin == Origin::Above(1) && s.kind == Kind::Place);
            let farther: Vec<&&Segment> = above.iter().filter(|s| s.origin == Origin::Above(2)).collect();
            let capitalised = farther.first().is_some_and(|s| s.text.chars().next().is_some_and(char::is_uppercase));
            (nearest_has_place
                && farther.len() == 1
                && capitalised
                && farther[0].kind == Kind::Other
                && farther[0].title_score > -3)
                .then(|| (*farther[0]).clone())
        });
    let title_text = title.as_ref().map(|t| {
        // "Senior Analyst – Machine Learning": a neighbour that names only the function
        // belongs to the title when it gives the title its family.
        let words = &t.words;
        if standing.family(words).is_none() {
            for s in segments.iter().filter(|s| s.line == t.line && (s.index == t.index + 1 || s.index + 1 == t.index))
            {
                let joined = if s.index > t.index {
                    format!("{} – {}", t.text, s.text)
                } else {
                    format!("{} – {}", s.text, t.text)
                };
                if s.kind == Kind::Other
                    && s.title_score < 3
                    && s.words.len() <= 4
                    && standing.family(&title_words(&joined)).is_some()
                {
                    return (joined, s.index);
                }
            }
        }
        (t.text.clone(), t.index)
    });
    let company = title.as_ref().and_then(|t| {
        let joined_index = title_text.as_ref().map(|(_, i)| *i);
        segments
            .iter()
            .filter(|s| {
                s.kind == Kind::Other && !(s.line == t.line && (s.index == t.index || Some(s.index) == joined_index))
            })
            // An employer's name is capitalised ("testable code practices" is a bullet's end).
            .filter(|s| s.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
            .filter(|s| s.words.len() <= 8 && s.title_score < 3)
            .map(|s| {
                let words = &s.words;
                let mut score = 0;
                if words.iter().any(|w| standing.is_company_word(w)) {
                    score += 3;
                }
                if s.line == t.line {
                    score += if s.index == t.index + 1 { 2 } else { 1 };
                }
                let distance = s.line.abs_diff(t.line);
                if distance == 1 || (distance <= BLANKS_BETWEEN + 1 && s.line != t.line) {
                    score += 1;
                }
                (score, s)
            })
            .filter(|(score, _)| *score >= 1)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.origin.cmp(&a.1.origin)))
            .map(|(_, s)| s.text.clone())
    });
    let location = segments.iter().find(|s| s.kind == Kind::Place).map(|s| s.text.clone());
    let first_line = title
        .as_ref()
        .map(|t| t.line)
        .into_iter()
        .chain(segments.iter().filter(|s| Some(&s.text) == company.as_ref()).map(|s| s.line))
        .min();
    Header {
        title: title.map(|t| (title_text.map(|(x, _)| x).unwrap_or(t.text), t.line)),
        company,
        location,
        first_line,
    }
}

/// Lines after an undated title line that must hold no date range (else it heads a dated job).
const UNDATED_LOOKAHEAD: usize = 6;

/// Jobs in the experience section named by a title line and an employer line, with no date
/// range near them: a title line (a job noun, a few words, alone on its line after a blank
/// line or the heading), then, past at most two blank lines, a short employer line.
pub(super) fn find_undated_positions(
    standing: &Standing,
    date_patterns: &Dates,
    lines: &[Line],
    dated: &[Position],
    as_of: Month,
) -> Vec<UndatedPosition> {
    let mut out = Vec::new();
    let near_a_date = |number: usize| {
        dated.iter().any(|p| number + UNDATED_LOOKAHEAD >= p.line && number <= p.line + LINES_BELOW + BLANKS_BETWEEN)
    };
    for (i, line) in lines.iter().enumerate() {
        if line.section != Section::Experience
            || !may_head_a_job(date_patterns, line, as_of)
            || near_a_date(line.number)
        {
            continue;
        }
        let after_break = i == 0 || lines[i - 1].text.trim().is_empty() || lines[i - 1].is_heading;
        if !after_break || line.text.split_whitespace().count() > 8 {
            continue;
        }
        let segments = segments_of(standing, &line.text, line.number, Origin::Same);
        let Some(title) = segments.iter().find(|s| s.kind == Kind::Other && s.title_score >= 3) else {
            continue;
        };
        let Some(&next) = header_lines(date_patterns, lines, i, false, 1, as_of).first() else {
            continue;
        };
        let next_segments = segments_of(standing, &lines[next].text, lines[next].number, Origin::Below(1));
        let employer = next_segments.iter().find(|s| s.kind == Kind::Other);
        // The employer line is short and no title itself ("Oracle", "Microsoft - Pune").
        if lines[next].text.split_whitespace().count() > 10 || employer.is_none_or(|s| s.title_score >= 3) {
            continue;
        }
        out.push(UndatedPosition {
            line: line.number,
            title: title.text.clone(),
            company: employer.map(|s| s.text.clone()),
            location: segments.iter().chain(&next_segments).find(|s| s.kind == Kind::Place).map(|s| s.text.clone()),
        });
    }
    out
}

/// Lines near the top that a resume puts its headline on ("Data Scientist", "Architect -
/// Microsoft India").
const HEADLINE_LINES: usize = 25;

/// The resume's headline title: the first title-like segment of a short line near the top,
/// in the header or summary. The first line is usually the person's name ("Jo Baker" ends in
/// a job noun), so it counts only when it names a role family.
pub fn headline_title(standing: &Standing, lines: &[Line]) -> Option<String> {
    let first = lines.iter().position(|l| !l.text.trim().is_empty())?;
    lines
        .iter()
        .enumerate()
        .take(HEADLINE_LINES)
        .filter(|(_, l)| matches!(l.section, Section::Header | Section::Summary) && !l.is_heading)
        .filter(|(_, l)| !l.text.bytes().any(|b| b.is_ascii_digit()))
        .filter(|(_, l)| (1..=TITLE_MAX_WORDS).contains(&l.text.split_whitespace().count()))
        .find_map(|(i, l)| {
            segments_of(standing, &l.text, l.number, Origin::Same)
                .into_iter()
                .filter(|s| s.kind == Kind::Other && s.title_score >= 3)
                .find(|s| i != first || standing.family(&s.words).is_some())
                .map(|s| s.text)
        })
}

fn counts_as_work(section: Section, resume_has_experience: bool) -> bool {
    if resume_has_experience {
        section == Section::Experience
    } else {
        !matches!(section, Section::Education | Section::Projects | Section::Publications | Section::Certifications)
    }
}

/// A line that can be part of a job's header: not blank, not a bullet, not a heading, no
/// date range of its own.
fn may_head_a_job(date_patterns: &Dates, line: &Line, as_of: Month) -> bool {
    let text = line.text.trim();
    !text.is_empty()
        && !text.starts_with("- ")
        && !line.is_heading
        && text.split_whitespace().count() < SENTENCE_WORDS
        && dates::find_range(date_patterns, text, as_of).is_none()
}

/// Up to `count` header lines from `start` going `step` (-1 up, +1 down), skipping short runs
/// of blank lines, within one section.
fn header_lines(
    date_patterns: &Dates,
    lines: &[Line],
    start: usize,
    up: bool,
    count: usize,
    as_of: Month,
) -> Vec<usize> {
    let section = lines[start].section;
    let mut out = Vec::new();
    let mut j = start;
    let mut blanks = 0;
    loop {
        j = match (up, j) {
            (true, 0) => break,
            (true, j) => j - 1,
            (false, j) if j + 1 >= lines.len() => break,
            (false, j) => j + 1,
        };
        let line = &lines[j];
        if line.section != section {
            break;
        }
        if line.text.trim().is_empty() {
            blanks += 1;
            if blanks > BLANKS_BETWEEN {
                break;
            }
            continue;
        }
        blanks = 0;
        if !may_head_a_job(date_patterns, line, as_of) {
            break;
        }
        out.push(j);
        if out.len() == count {
            break;
        }
    }
    out
}

pub(super) fn find_positions(
    standing: &Standing,
    vocabulary: &Vocabulary,
    lines: &[Line],
    as_of: Month,
) -> Vec<Position> {
    let has_experience = lines.iter().any(|l| l.section == Section::Experience);
    let mut positions = Vec::new();
    let mut i = 0;
    while i < lines.len() && !crate::deadline::expired() {
        let line = &lines[i];
        if line.text.split_whitespace().count() > ONE_LINE_WORDS {
            positions.extend(positions_in_run_on_line(standing, vocabulary, line, as_of));
            i += 1;
            continue;
        }
        if !counts_as_work(line.section, has_experience) {
            i += 1;
            continue;
        }
        // "2021 –" / "Present", and "… | Apr" / "2022 – Present": read the range across the break.
        let joined;
        let (text, spans_two) = match lines.get(i + 1) {
            Some(next) if dates::ends_with_open_range(&vocabulary.dates, &line.text) => {
                match dates::date_at_edge(&vocabulary.dates, &next.text) {
                    Some(end) => {
                        joined = format!("{} {end}", line.text);
                        (joined.as_str(), true)
                    }
                    None => (line.text.as_str(), false),
                }
            }
            Some(next)
                if dates::month_split_from_year(&vocabulary.dates, &line.text, &next.text)
                    && dates::find_range(&vocabulary.dates, &line.text, as_of).is_none() =>
            {
                joined = format!("{} {}", line.text, next.text);
                (joined.as_str(), true)
            }
            // A left date column: "2021 – Machine Learning Engineer, OpenAI" / "Present Leading a team".
            Some(next) => match (
                dates::leading_open_range(&vocabulary.dates, &line.text),
                dates::date_at_edge(&vocabulary.dates, &next.text),
            ) {
                (Some(cut), Some(end)) if next.text.trim_start().starts_with(end) => {
                    joined = format!("{} {end} {}", &line.text[..cut], &line.text[cut..]);
                    (joined.as_str(), false)
                }
                _ => (line.text.as_str(), false),
            },
            _ => (line.text.as_str(), false),
        };
        if let Some((range, span)) =
            dates::find_range(&vocabulary.dates, text, as_of).filter(|_| !vocabulary.is_time_off(text))
        {
            let mut segments = Vec::new();
            // The rest of the date line, both sides of the dates; a long sentence around a
            // date ("… since 2019 …") is prose, not a header.
            for (k, part) in [&text[..span.start], &text[span.end..]].into_iter().enumerate() {
                let mut parts = segments_of(standing, part, line.number, Origin::Same);
                // A long line around the dates is prose, or a resume whose line breaks were
                // lost: before the dates, the words just before them are read as a one-line
                // resume's are; after them, only the first segment counts.
                if part.split_whitespace().count() >= SENTENCE_WORDS {
                    parts = if k == 0 {
                        let from = floor_boundary(part, part.len().saturating_sub(RUN_ON_WINDOW));
                        run_on_segments(standing, vocabulary, &part[from..], line.number)
                    } else {
                        parts.into_iter().take(1).collect()
                    };
                }
                segments.extend(parts);
            }
            for (k, j) in header_lines(&vocabulary.dates, lines, i, true, LINES_ABOVE, as_of).into_iter().enumerate() {
                segments.extend(segments_of(standing, &lines[j].text, lines[j].number, Origin::Above(k + 1)));
            }
            let below_from = i + usize::from(spans_two);
            for (k, j) in
                header_lines(&vocabulary.dates, lines, below_from, false, LINES_BELOW, as_of).into_iter().enumerate()
            {
                segments.extend(segments_of(standing, &lines[j].text, lines[j].number, Origin::Below(k + 1)));
            }
            let header = read_header(standing, &segments);
            let first_line = header.first_line.map_or(line.number, |f| f.min(line.number));
            positions.push(Position {
                range,
                line: line.number,
                title: header.title.map(|(t, _)| t),
                company: header.company,
                location: header.location,
                lines: first_line..first_line,
            });
        }
        i += if spans_two { 2 } else { 1 };
    }
    // A job's lines run to the next job's first line, or to the end of its section.
    // `section_end[i]`: the number of the first line after line i + 1 in another section
    // (one backward pass, so many positions in one long section stay linear).
    let mut section_end = vec![lines.len() + 1; lines.len()];
    for i in (0..lines.len().saturating_sub(1)).rev() {
        section_end[i] =
            if lines[i + 1].section != lines[i].section { lines[i + 1].number } else { section_end[i + 1] };
    }
    // Header lines above a date can reach into the previous job's last lines only when they
    // read as its title; a position never starts before the previous one's date line.
    for k in 1..positions.len() {
        let floor = positions[k - 1].line + 1;
        if positions[k].lines.start < floor {
            positions[k].lines = floor..floor;
        }
    }
    for k in 0..positions.len() {
        let start = positions[k].lines.start;
        let section_end = section_end.get(start - 1).copied().unwrap_or(lines.len() + 1);
        let next = positions.get(k + 1).map_or(usize::MAX, |p| p.lines.start);
        positions[k].lines = start..next.min(section_end).max(positions[k].line + 1);
    }
    positions
}

/// The jobs of a resume stored as one line ("... Work Experience Analyst Acme March 2019 to
/// Present ... Education ..."): every range, in the part its inline headings make work.
fn positions_in_run_on_line(standing: &Standing, vocabulary: &Vocabulary, line: &Line, as_of: Month) -> Vec<Position> {
    let text = &line.text;
    let mut marks: Vec<(usize, Section)> = Vec::new();
    let mut offset = 0;
    for word in text.split(' ') {
        if word.chars().next().is_some_and(char::is_uppercase) {
            // Only the headings that change what a date means; "Technologies" or "Solutions"
            // in a company name would otherwise open a skills part.
            if let Some(section) = super::sections::heading(vocabulary, word).filter(|s| {
                matches!(s, Section::Experience | Section::Education | Section::Certifications | Section::Projects)
            }) {
                marks.push((offset, section));
            }
        }
        offset += word.len() + 1;
    }
    let has_experience = marks.iter().any(|(_, s)| *s == Section::Experience);
    let floor = |at: usize, back: usize| floor_boundary(text, at.saturating_sub(back));
    let ranges = dates::find_ranges(&vocabulary.dates, text, as_of);
    let mut previous_end = 0;
    let mut out = Vec::new();
    for (range, span) in ranges {
        let section = marks.iter().rev().find(|(at, _)| *at < span.start).map_or(line.section, |(_, s)| *s);
        let work = counts_as_work(section, has_experience)
            && !vocabulary.is_time_off(&text[floor(span.start, 60)..span.start]);
        let window_start = floor(span.start, RUN_ON_WINDOW).max(previous_end);
        previous_end = span.end;
        if !work {
            continue;
        }
        let (title, company, location) = read_run_on_window(standing, vocabulary, &text[window_start..span.start]);
        out.push(Position { range, line: line.number, title, company, location, lines: line.number..line.number + 1 });
    }
    out
}

/// The first char boundary at or after `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The header segments of a one-line window: its title, employer and place.
fn run_on_segments(standing: &Standing, vocabulary: &Vocabulary, window: &str, line: usize) -> Vec<Segment> {
    let (title, company, location) = read_run_on_window(standing, vocabulary, window);
    let mut out = Vec::new();
    for (index, text) in [title, company, location].into_iter().enumerate() {
        if let Some(text) = text {
            let (kind, title_score) = match index {
                0 => read_segment(standing, &text),
                1 => (Kind::Other, -1),
                _ => (Kind::Place, -10),
            };
            out.push(Segment { words: title_words(&text), text, line, origin: Origin::Same, index, kind, title_score });
        }
    }
    out
}

/// Title, employer and place in the words just before a date of a one-line resume, where
/// punctuation may be gone: "… Work Experience RF Network Support Engineer Tikona Infinet
/// Private Ltd Coimbatore Tamil Nadu" → the run of capitalised words that ends in the last
/// job noun is the title, the words after it the employer, a place at the end the place.
fn read_run_on_window(
    standing: &Standing,
    vocabulary: &Vocabulary,
    window: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    let words: Vec<&str> = window.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| title_words(w).join(" ")).collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // A date or "Present" ends the previous job; a heading word ends the heading.
    let stops = |k: usize| {
        lower[k].is_empty()
            || lower[k].chars().all(|c| c.is_ascii_digit())
            || super::sections::heading(vocabulary, words[k]) == Some(Section::Experience)
            || vocabulary.dates.run_on_stops.contains(&lower[k])
    };
    // The window begins somewhere mid-sentence: only what follows its last stop counts,
    // and where punctuation survives, what follows the last comma, colon or full stop.
    let punctuated = |k: usize| words[k].ends_with([',', ':', ';', '.']) && words[k].len() > 2;
    let begin = (0..words.len()).rev().find(|&k| stops(k) || punctuated(k)).map_or(0, |k| k + 1);
    let Some(noun) = (begin..words.len()).rev().find(|&k| standing.is_job_noun(&lower[k]) && capitalised(words[k]))
    else {
        return (None, None, None);
    };
    let mut start = noun;
    while start > begin
        && noun - start < RUN_ON_TITLE_WORDS
        && (capitalised(words[start - 1]) || ["of", "and", "&"].contains(&lower[start - 1].as_str()))
    {
        start -= 1;
    }
    while start < noun && ["of", "and", "&"].contains(&lower[start].as_str()) {
        start += 1;
    }
    let title = words[start..=noun].join(" ");
    let rest: Vec<String> = words[noun + 1..].iter().map(|w| w.to_string()).collect();
    let rest_lower: Vec<String> = rest.iter().map(|w| title_words(w).join(" ")).collect();
    let mut place_len = standing.place_suffix(&rest_lower);
    // "Coimbatore Tamil Nadu": a city written just before the state belongs to the place,
    // unless it is the end of the employer's name ("… Pvt Ltd Tamil Nadu").
    if place_len > 0 && rest.len() >= place_len + 2 {
        let before = &rest_lower[rest.len() - place_len - 1];
        if !standing.is_company_word(before) && capitalised(&rest[rest.len() - place_len - 1]) {
            place_len += 1;
        }
    }
    let company_words = &rest[..rest.len() - place_len.min(rest.len())];
    let company =
        (!company_words.is_empty() && company_words.len() <= 8 && company_words.iter().all(|w| capitalised(w)))
            .then(|| company_words.join(" "));
    let location = (place_len > 0).then(|| rest[rest.len() - place_len..].join(" "));
    (Some(title), company, location)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;

    fn split(text: &str) -> Vec<String> {
        split_segments(&Taxonomy::embedded().unwrap().standing, text)
    }

    #[test]
    fn header_lines_split_at_the_separators_people_use() {
        assert_eq!(
            split("Senior Data Engineer, Acme Corp | Austin, TX"),
            ["Senior Data Engineer", "Acme Corp", "Austin, TX"]
        );
        assert_eq!(split("Microsoft India -  Hyderabad, Telangana -"), ["Microsoft India", "Hyderabad, Telangana"]);
        assert_eq!(split("Data Scientist at Initech"), ["Data Scientist", "Initech"]);
        // A wide gap between title and employer lost in extraction.
        assert_eq!(
            split("Head of Machine Learning Verdant Bank, New York, NY"),
            ["Head of Machine Learning", "Verdant Bank", "New York, NY"]
        );
        assert_eq!(split("Data Scientist Tellus Insurance"), ["Data Scientist", "Tellus Insurance"]);
        assert_eq!(split("Senior Analyst Machine Learning"), ["Senior Analyst Machine Learning"]);
        assert_eq!(split("Infosys as a Test Analyst"), ["Infosys", "Test Analyst"]);
    }

    #[test]
    fn sentences_and_places_are_never_titles() {
        let t = Taxonomy::embedded().unwrap();
        let s = &t.standing;
        assert_eq!(read_segment(s, "Presented monthly findings to the operations director").0, Kind::Sentence);
        assert_eq!(read_segment(s, "Austin, TX").0, Kind::Place);
        assert_eq!(read_segment(s, "Dallas, TX").0, Kind::Place);
        assert_eq!(read_segment(s, "Remote").0, Kind::Place);
        // Clauses joined by a semicolon describe the work; a Swedish "AB" is a company, not Alberta.
        assert_eq!(read_segment(s, "Acute medical wards; infection-control link nurse").0, Kind::Sentence);
        assert_eq!(read_segment(s, "Volta Mobility AB").0, Kind::Other);
        assert!(read_segment(s, "Senior Analyst").1 >= 3);
        assert!(read_segment(s, "Infosys Technologies Ltd").1 < 0);
    }

    #[test]
    fn one_line_resumes_split_title_employer_and_place() {
        let t = Taxonomy::embedded().unwrap();
        let (title, company, place) = read_run_on_window(
            &t.standing,
            &t.vocabulary,
            "switching skills Work Experience Network Support Engineer Tikona Infinet Private Ltd Coimbatore Tamil Nadu",
        );
        assert_eq!(title.as_deref(), Some("Network Support Engineer"));
        assert_eq!(company.as_deref(), Some("Tikona Infinet Private Ltd"));
        assert_eq!(place.as_deref(), Some("Coimbatore Tamil Nadu"));
    }
}
