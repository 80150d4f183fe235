//! What a posting asks for: skill needs (single or any-of), minimum years, a degree and
//! leading people, each with the line it comes from.

use std::collections::{BTreeMap, BTreeSet};

use super::clauses::{self, Voice};
use super::sections::{Part, PartKind};
use crate::detect::{MatchKind, SkillHit};
use crate::parse::{Line, Resume};
use crate::taxonomy::degrees::Reader;
use crate::taxonomy::vocabulary::{has_any_phrase, PostingWords};
use crate::taxonomy::{Degree, Degrees, Importance, Taxonomy};

/// One skill requirement of a posting: any one of `any_of` meets it.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillNeed {
    pub id: String,
    pub any_of: Vec<String>,
    pub importance: Importance,
    pub line: usize,
    pub text: String,
    pub section: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearsNeed {
    pub min_years: f64,
    pub preferred_years: Option<f64>,
    pub line: usize,
    pub text: String,
    pub section: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DegreeNeed {
    pub min: Option<Degree>,
    pub preferred: Option<Degree>,
    pub line: usize,
    pub text: String,
    pub section: String,
}

/// The clause of `text` around byte `at`: between the nearest sentence end (`. `, `!`, `?`)
/// or semicolon on either side.
fn clause_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind([';', '!', '?']).map_or(0, |i| i + 1);
    let start = text[..at].rfind(". ").map_or(start, |i| start.max(i + 2));
    let end = text[at..].find([';', '!', '?']).map_or(text.len(), |i| at + i);
    let end = text[at..end].find(". ").map_or(end, |i| at + i);
    &text[start..end]
}

/// `text` with every parenthesised aside blanked out, but the one holding byte `at`: "1-3
/// years of ETL (NiFi would be an advantage)" does not make the years preferred.
fn without_other_asides(text: &str, at: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut aside_start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    aside_start = i;
                }
                depth += 1;
                out.push(c);
            }
            ')' if depth > 0 => {
                depth -= 1;
                out.push(c);
            }
            _ if depth > 0 => {
                let holds_at = aside_start <= at && text[aside_start..].find(')').is_none_or(|j| at <= aside_start + j);
                out.push(if holds_at { c } else { ' ' });
                for _ in 1..c.len_utf8() {
                    if !holds_at {
                        out.push(' ');
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether the sentence of `text` holding byte `at` speaks to the candidate (see
/// [`clauses::voice`]); only such a sentence asks for anything.
pub(super) fn asks_at(words: &PostingWords, employer: Option<&str>, text: &str, at: usize) -> bool {
    clauses::voice_in(words, employer, text, clauses::sentence_at(text, at)) == Voice::Candidate
}

/// Whether the sentence around byte `at` of line `number` names the candidate
/// ([`clauses::names_the_candidate`]). A sentence that begins on the line above ("… You will
/// design and" / "build batch pipelines") is read whole.
fn sentence_names_the_candidate(words: &PostingWords, lines: &[Line], number: usize, at: usize) -> bool {
    let text = lines[number - 1].text.as_str();
    let (start, end) = clauses::sentence_at(text, at);
    let continues = start == 0 && text.trim_start().starts_with(|c: char| c.is_lowercase());
    let above = if continues { number.checked_sub(2).map_or("", |i| lines[i].text.trim_end()) } else { "" };
    let opening = &above[clauses::sentence_at(above, above.len()).0..];
    clauses::names_the_candidate(words, &format!("{opening} {}", &text[start..end]))
}

/// How much a posting wants what it names at byte `at`, the list it is part of ending at
/// byte `list_end`; `None` when the sentence only describes a stack. A word that prefers
/// ("a plus", "ideally") covers its own comma-clause and the list it closes ("Kafka, Spark
/// or Flink is a plus"), or the whole sentence when it opens it ("Ideally, Python and
/// SQL"), never the rest of the bullet: "Python and SQL, Airflow is a plus" requires Python.
fn importance_at(words: &PostingWords, part: &Part, text: &str, at: usize, list_end: usize) -> Option<Importance> {
    let plain = without_other_asides(text, at);
    let at = at.min(plain.len());
    let clause = clause_at(&plain, at);
    if has_any_phrase(clause, &words.stack_phrases) {
        return None;
    }
    if part.kind == PartKind::Preferred {
        return Some(Importance::Preferred);
    }
    let offset = clause.as_ptr() as usize - plain.as_ptr() as usize;
    let (at, list_end) = (at - offset, list_end.saturating_sub(offset).clamp(at - offset, clause.len()));
    let scope_start = clause[..at].rfind(',').map_or(0, |i| i + 1);
    let scope_end = clause[list_end..].find(',').map_or(clause.len(), |i| list_end + i);
    let opening = clause.split(',').next().unwrap_or("");
    let opens_clause = opening.len() <= at && opening.split_whitespace().count() <= 3;
    let prefers = has_any_phrase(&clause[scope_start..scope_end], &words.preferred_phrases)
        || (opens_clause && has_any_phrase(opening, &words.preferred_phrases));
    Some(if prefers { Importance::Preferred } else { Importance::Required })
}

/// The byte span of the list each group belongs to: groups joined only by commas, "and" or
/// "or", the list closing after its "and" or "or" ("Python and SQL, Airflow…" is two lists).
fn lists(words: &PostingWords, text: &str, mentions: &[Mention], groups: &[Vec<usize>]) -> Vec<(usize, usize)> {
    let span = |g: &Vec<usize>| (mentions[g[0]].start, mentions[g[g.len() - 1]].end);
    let mut runs: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    let mut closed = true;
    for (i, group) in groups.iter().enumerate() {
        let (start, end) = span(group);
        let joined = runs.last().is_some_and(|(_, last_end, _)| {
            !closed && *last_end <= start && only_list_joiners(words, &text[*last_end..start])
        });
        match runs.last_mut() {
            Some(run) if joined => {
                closed = text[run.1..start].split_whitespace().any(|w| w != ",");
                run.1 = end;
                run.2.push(i);
            }
            _ => {
                runs.push((start, end, vec![i]));
                closed = false;
            }
        }
    }
    let mut out = vec![(0, 0); groups.len()];
    for (start, end, members) in runs {
        for i in members {
            out[i] = (start, end);
        }
    }
    out
}

/// Whether the text between two names only joins a list ("Python, SQL and R").
fn only_list_joiners(words: &PostingWords, between: &str) -> bool {
    between
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .all(|w| words.and_words.iter().chain(&words.or_words).any(|o| o == w))
}

/// A skill named on a line, where.
#[derive(Debug, Clone)]
struct Mention {
    skill: usize,
    start: usize,
    end: usize,
}

/// Whether the text between two mentions only joins alternatives ("Python, Java or Scala").
fn joins(words: &PostingWords, between: &str) -> (bool, bool) {
    let lower = between.to_lowercase();
    let mut rest = lower.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
    let mut saw_or = false;
    for w in &words.or_words {
        if let Some(stripped) = rest.strip_prefix(w.as_str()) {
            rest = stripped.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
            saw_or = true;
            break;
        }
    }
    (rest.is_empty(), saw_or)
}

/// The skill needs of the posting, in line order.
pub fn skills(
    taxonomy: &Taxonomy,
    words: &PostingWords,
    lines: &[Line],
    parts: &[Part],
    hits: &[SkillHit],
    employer: Option<&str>,
) -> Vec<SkillNeed> {
    // Every named (not implied) mention on a line that asks something.
    let mut by_line: BTreeMap<usize, Vec<Mention>> = BTreeMap::new();
    for hit in hits {
        for e in hit.evidence.iter().filter(|e| e.kind != MatchKind::Implied) {
            if !parts.get(e.line - 1).is_some_and(|p| p.asks()) {
                continue;
            }
            let start = e.text.find(&e.matched).unwrap_or(0);
            by_line.entry(e.line).or_default().push(Mention { skill: hit.skill, start, end: start + e.matched.len() });
        }
    }
    let field_lines = degree_field_lines(taxonomy, words, lines);
    // The prose before the first heading that asks is the employer introducing the job
    // ("This position is aimed at solving Machine Learning and Data Analysis problems"):
    // when the posting goes on to say what it asks, a sentence there asks only when it
    // speaks to the candidate ("you will", "we are looking for someone with").
    let first_ask =
        parts.iter().position(|p| p.is_heading && matches!(p.kind, PartKind::Required | PartKind::Preferred));
    let in_intro =
        |number: usize| first_ask.is_some_and(|first| number - 1 < first && parts[number - 1].heading.is_empty());
    let mut needs: Vec<SkillNeed> = Vec::new();
    let mut placed: BTreeMap<usize, usize> = BTreeMap::new();
    for (&number, mentions) in &mut by_line {
        if field_lines.contains(&number) {
            continue;
        }
        let line = &lines[number - 1];
        let part = &parts[number - 1];
        let text = line.text.as_str();
        mentions.sort_by_key(|m| (m.start, m.end));
        mentions.dedup_by_key(|m| m.skill);
        let groups = groups(words, text, mentions);
        let lists = lists(words, text, mentions, &groups);
        for (g, group) in groups.iter().enumerate() {
            let at = mentions[group[0]].start;
            let (list_start, list_end) = lists[g];
            if !asks_at(words, employer, text, at)
                || (in_intro(number) && !sentence_names_the_candidate(words, lines, number, at))
                || names_the_employer(employer, text, at)
                || names_a_team(words, text, at, mentions[group[0]].end)
                || in_degree_field(taxonomy, words, text, at)
                || (in_colleague_list(words, text, at)
                    && !group
                        .iter()
                        .any(|&m| words.colleague_skills_kept.contains(&taxonomy.skills[mentions[m].skill].id)))
            {
                continue;
            }
            let Some(importance) = importance_at(words, part, text, list_start, list_end) else { continue };
            let ids: Vec<usize> = group.iter().map(|&i| mentions[i].skill).collect();
            // A skill already asked for keeps its first requirement; a required mention
            // upgrades a preferred one.
            let fresh: Vec<usize> = ids.iter().copied().filter(|s| !placed.contains_key(s)).collect();
            for s in &ids {
                if let Some(&at) = placed.get(s) {
                    if importance == Importance::Required && needs[at].importance == Importance::Preferred {
                        needs[at].importance = Importance::Required;
                    }
                }
            }
            if fresh.is_empty() {
                continue;
            }
            let any_of: Vec<String> = fresh.iter().map(|&s| taxonomy.skills[s].id.clone()).collect();
            for &s in &fresh {
                placed.insert(s, needs.len());
            }
            needs.push(SkillNeed {
                id: any_of.join("-or-"),
                any_of,
                importance,
                line: number,
                // The sentence that asks, not the whole paragraph: the employer's sentences
                // around it ask nothing and would mislead the reader of the citation.
                text: {
                    let (start, end) = clauses::sentence_at(text, at);
                    text[start..end].trim().to_string()
                },
                section: part.heading.clone(),
            });
        }
    }
    needs
}

/// Leading people asked for anywhere in what the posting asks is evidence of the skills the
/// taxonomy ties to that signal (team leadership), as it is in a resume; the resume reader
/// does not look for it in a posting's untitled opening paragraphs, so it is done here.
pub fn add_leading_people(
    taxonomy: &Taxonomy,
    needs: &mut Vec<SkillNeed>,
    lines: &[Line],
    parts: &[Part],
    employer: Option<&str>,
) {
    let signal_skills: Vec<&str> =
        taxonomy.skills.iter().filter(|s| s.signal.is_some()).map(|s| s.id.as_str()).collect();
    for id in signal_skills {
        if needs.iter().any(|n| n.any_of.iter().any(|a| a == id)) {
            continue;
        }
        let words = &taxonomy.vocabulary.posting;
        let found = lines.iter().zip(parts).find(|(l, p)| {
            p.asks()
                && asked_sentences(words, employer, &l.text)
                    .any(|s| crate::parse::leadership::leads_people(&taxonomy.phrases, s, l.section))
        });
        if let Some((line, part)) = found {
            let importance = importance_at(&taxonomy.vocabulary.posting, part, &line.text, 0, line.text.len())
                .unwrap_or(Importance::Required);
            needs.push(SkillNeed {
                id: id.to_string(),
                any_of: vec![id.to_string()],
                importance,
                line: line.number,
                text: line.text.trim().to_string(),
                section: part.heading.clone(),
            });
        }
    }
}

/// Whether the name at byte `at` begins the employer's own name ("your first day at Spring
/// Health" names no Spring framework).
fn names_the_employer(employer: Option<&str>, text: &str, at: usize) -> bool {
    employer
        .filter(|e| e.split_whitespace().count() >= 2)
        .is_some_and(|name| text.get(at..at + name.len()).is_some_and(|t| t.eq_ignore_ascii_case(name)))
}

/// Whether byte `at` of `text` lies in the field of a degree the sentence asks for
/// ("Bachelor's in Computer Science, Statistics, or a related field"): a field of study is
/// not a skill asked for. The field runs from the "in" after the degree to the first figure,
/// "with" or "experience", which start the next ask ("BS in Math with 3 years of SQL").
fn in_degree_field(taxonomy: &Taxonomy, words: &PostingWords, text: &str, at: usize) -> bool {
    let (start, _) = clauses::sentence_at(text, at);
    let sentence_before = &text[start..at];
    // ASCII lower case keeps byte offsets, which index `sentence_before`.
    let lower = sentence_before.to_ascii_lowercase();
    let degree_end = taxonomy
        .degrees
        .find(sentence_before, Reader::Posting)
        .into_iter()
        .map(|d| d.span.end)
        .chain(words.degree_line_words.iter().filter_map(|w| lower.rfind(w.as_str()).map(|i| i + w.len())))
        .max();
    let Some(degree_end) = degree_end else { return false };
    let between = &lower[degree_end..];
    let Some(field_start) = between.find(" in ") else { return false };
    let field = &between[field_start..];
    !field.chars().any(|c| c.is_ascii_digit()) && !has_any_phrase(field, &words.field_enders)
}

/// Whether the skill name at `start..end` is part of a team's name ("on the Machine Learning
/// Platform team", "joining our Data Engineering Group"): a capitalised name followed, through
/// capitalised words only, by a team word. The team's name says where the job sits, not what
/// it asks.
fn names_a_team(words: &PostingWords, text: &str, start: usize, end: usize) -> bool {
    if !text[start..].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    for word in text[end..].split_whitespace() {
        let bare = word.trim_end_matches([',', '.', ';', ':', ')']);
        if words.employer_subjects.iter().any(|s| s.eq_ignore_ascii_case(bare)) {
            return true;
        }
        if bare.len() != word.len() || !bare.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
    }
    false
}

/// The numbers of the lines that list fields of study under a sentence introducing them
/// ("seeking a degree in one of the following areas:" then "Economics", "Engineering -
/// Computer Science, Software Development"): majors are not skills asked for. The list is the
/// run of short lines after a line that names a degree and ends with a colon; a blank line or
/// a line as long as a sentence ends it.
fn degree_field_lines(taxonomy: &Taxonomy, words: &PostingWords, lines: &[Line]) -> BTreeSet<usize> {
    let mut fields = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim_end();
        let names_a_degree = || {
            !taxonomy.degrees.find(text, Reader::Posting).is_empty() || has_any_phrase(text, &words.degree_line_words)
        };
        if !text.ends_with(':') || !names_a_degree() {
            continue;
        }
        for next in &lines[i + 1..] {
            let item = next.text.trim();
            if item.is_empty() || item.ends_with(':') || item.split_whitespace().count() > words.field_line_words {
                break;
            }
            fields.insert(next.number);
        }
    }
    fields
}

/// Whether byte `at` of `text` lies in a list of the people or teams the candidate works with
/// ("collaborating with product owners, data analysts and other stakeholders", "with Data
/// Science, Product Managers and Software Engineering"): the list follows "with" (or a word
/// like it), its items are short, and one of them names people. Those are colleagues, not
/// skills asked for.
fn in_colleague_list(words: &PostingWords, text: &str, at: usize) -> bool {
    let (start, end) = clauses::sentence_at(text, at);
    // ASCII lower case keeps every byte offset: `at` indexes the original text.
    let sentence = text[start..end].to_ascii_lowercase();
    let at = at - start;
    let is_opener = |w: &str| words.colleague_openers.iter().any(|o| o == w);
    // The nearest opener before the name, as a whole word, with only short list items between.
    let whole_word_end = |(i, w): (usize, &str)| {
        let edge = |c: Option<char>| !c.is_some_and(char::is_alphabetic);
        (edge(sentence[..i].chars().next_back()) && edge(sentence[i + w.len()..].chars().next())).then_some(i + w.len())
    };
    let before = &sentence[..at];
    let Some(opener_end) =
        words.colleague_openers.iter().filter_map(|o| before.rmatch_indices(o.as_str()).find_map(whole_word_end)).max()
    else {
        return false;
    };
    let short_items = |list: &str| {
        list.split([',']).flat_map(|item| item.split(" and ")).all(|item| item.split_whitespace().count() <= 4)
    };
    if sentence[opener_end..at].contains([';', '(', ')']) || !short_items(&sentence[opener_end..at]) {
        return false;
    }
    // The list runs on from the name while its items stay short.
    let rest = &sentence[at..];
    let mut list_end = at;
    for item in rest.split(',') {
        let words_in: Vec<&str> = item.split_whitespace().collect();
        let head: Vec<&str> = words_in.iter().take_while(|w| !is_opener(w)).copied().collect();
        list_end += item.len() + 1;
        if head.len() > 4 || head.len() < words_in.len() {
            break;
        }
    }
    let list = &sentence[opener_end..list_end.min(sentence.len())];
    has_any_phrase(list, &words.colleague_words)
}

/// The sentences of a line that speak to the candidate.
pub(super) fn asked_sentences<'t>(
    words: &'t PostingWords,
    employer: Option<&'t str>,
    text: &'t str,
) -> impl Iterator<Item = &'t str> + 't {
    clauses::sentences(text)
        .into_iter()
        .filter(move |&span| clauses::voice_in(words, employer, text, span) == Voice::Candidate)
        .map(move |(start, end)| &text[start..end])
}

/// Mentions of one line grouped into requirements: alternatives joined by "or" (and the
/// generic skill that introduces them with "such as") form one group, others stand alone.
fn groups(words: &PostingWords, text: &str, mentions: &[Mention]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let mut chain = vec![i];
        let mut any_or = false;
        // Examples ("frameworks such as Django, Express, Rails, or .NET") are the ways to meet
        // one requirement, whether or not the taxonomy knows every one of them.
        let before = text[..mentions[i].start].trim_end().trim_end_matches(['(', ':']).trim_end().to_lowercase();
        let examples = words.example_words.iter().any(|w| before.ends_with(w.as_str()));
        while let Some(next) = mentions.get(chain[chain.len() - 1] + 1) {
            let last = &mentions[chain[chain.len() - 1]];
            if next.start < last.end {
                chain.push(chain[chain.len() - 1] + 1);
                continue;
            }
            let between = &text[last.end..next.start];
            let (only_joins, saw_or) = joins(words, between);
            let another_example = examples
                && !between.contains(['.', ';', ')'])
                && between.split(',').all(|item| item.split_whitespace().count() <= 3);
            if !only_joins && !another_example {
                break;
            }
            any_or |= saw_or || another_example;
            chain.push(chain[chain.len() - 1] + 1);
        }
        let last = &mentions[chain[chain.len() - 1]];
        let after = text[last.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',').to_lowercase();
        any_or |= words.choice_endings.iter().any(|e| after.starts_with(e.as_str()));
        if any_or {
            // "data pipelines (e.g. Airflow or Prefect)": the generic skill before the
            // examples is one of the ways to meet the same requirement.
            let first = &mentions[chain[0]];
            let before = text[..first.start].trim_end().trim_end_matches(['(', ':']).trim_end().to_lowercase();
            let introduced = words.example_words.iter().any(|w| before.ends_with(w.as_str()));
            if introduced {
                if let Some(prev) = out.last_mut().filter(|g| g.len() == 1) {
                    let head = &mentions[prev[0]];
                    let gap = &text[head.end..first.start];
                    if gap.split_whitespace().count() <= 7 {
                        let mut merged = prev.clone();
                        merged.extend(chain.iter().copied());
                        *prev = merged;
                        i = chain[chain.len() - 1] + 1;
                        continue;
                    }
                }
            }
            out.push(chain.clone());
        } else {
            out.extend(chain.iter().map(|&c| vec![c]));
        }
        i = chain[chain.len() - 1] + 1;
    }
    out
}

/// A number of years named on a line, and whether its clause prefers rather than requires it.
fn year_figures(words: &PostingWords, text: &str) -> Vec<(f64, bool, usize)> {
    // ASCII lower case keeps byte offsets, which index `text` below.
    let lower = text.to_ascii_lowercase();
    let tokens: Vec<(usize, &str)> = lower
        .split_terminator(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':'))
        .scan(0usize, |pos, tok| {
            let start = lower[*pos..].find(tok).map_or(*pos, |i| *pos + i);
            *pos = start + tok.len();
            Some((start, tok))
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let number = |tok: &str| -> Option<f64> {
        let t = tok.trim_end_matches('+').trim_end_matches("+years");
        if let Ok(n) = t.parse::<u32>() {
            return Some(n as f64);
        }
        words
            .number_words
            .iter()
            .position(|w| w == t)
            .map(|i| [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20][i.min(13)] as f64)
    };
    let is_year_word = |tok: &str| words.year_words.iter().any(|w| tok.trim_end_matches('.') == w);
    let mut out = Vec::new();
    for (k, &(at, tok)) in tokens.iter().enumerate() {
        // "5-7": both ends; "5+": the number.
        let pieces: Vec<&str> = tok.split(['-', '–']).filter(|p| !p.is_empty()).collect();
        let values: Vec<f64> = pieces.iter().filter_map(|p| number(p)).collect();
        if values.is_empty() || values.len() != pieces.len() {
            continue;
        }
        let window = &tokens[k + 1..tokens.len().min(k + 5)];
        let years_follow =
            window.iter().take_while(|(_, t)| !t.ends_with('.')).any(|(_, t)| is_year_word(t) || t.ends_with("+years"))
                || is_year_word(tok.trim_start_matches(|c: char| c.is_ascii_digit() || c == '+'));
        let floor_word = k > 0 && words.floor_words.iter().any(|w| tokens[k - 1].1.trim_end_matches('.') == w);
        let years_later = tokens[k + 1..].iter().any(|(_, t)| is_year_word(t));
        if !(years_follow || (floor_word && years_later)) {
            continue;
        }
        let after: String = window.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" ");
        if has_any_phrase(&after, &words.not_experience_words) {
            continue;
        }
        let plain = without_other_asides(text, at);
        let preferred = has_any_phrase(clause_around_comma(&plain, at.min(plain.len())), &words.preferred_phrases);
        for v in values.into_iter().filter(|v| (0.0..=30.0).contains(v)) {
            out.push((v, preferred, at));
        }
    }
    out
}

/// The clause of a line around byte `at`, cut at commas too (for "Minimum 5, ideally 8+").
pub(super) fn clause_around_comma(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind([',', ';']).map_or(0, |i| i + 1);
    let end = text[at..].find([',', ';']).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// The minimum years the posting asks for: the posting's overall figure, not a tool's. It is
/// the first figure of the first line that states one in a part that asks ("4+ years, 1+ of
/// them in dashboards" asks 4; "5-7 years" 5), skipping figures about one tool ("2+ years of
/// Airflow") while an overall one exists, and figures that only cap ("less than 2 years").
/// Where a line offers figures by degree ("BS and 5 years, or MS and 3 years"), the lowest
/// is the minimum. A preferred figure ("ideally 8+") anywhere raises the preferred.
pub fn years(
    taxonomy: &Taxonomy,
    lines: &[Line],
    parts: &[Part],
    hits: &[SkillHit],
    employer: Option<&str>,
) -> Option<YearsNeed> {
    let words = &taxonomy.vocabulary.posting;
    let mut overall: Option<YearsNeed> = None;
    let mut about_a_tool: Option<YearsNeed> = None;
    let mut preferred: Option<f64> = None;
    for (line, part) in lines.iter().zip(parts) {
        if !part.asks() {
            continue;
        }
        let text = &line.text;
        let mut figures = year_figures(words, text);
        figures.retain(|&(_, _, at)| asks_at(words, employer, text, at) && !caps_at(words, text, at));
        for &(v, is_preferred, _) in &figures {
            if is_preferred || part.kind == PartKind::Preferred {
                preferred = Some(preferred.map_or(v, |p: f64| p.max(v)));
            }
        }
        if part.kind == PartKind::Preferred {
            continue;
        }
        let required: Vec<&(f64, bool, usize)> = figures.iter().filter(|f| !f.1).collect();
        let Some(&&(first, _, first_at)) = required.first() else { continue };
        let by_degree = degrees_named(words, &taxonomy.degrees, text).len() >= 2 && required.len() >= 2;
        let min_years = if by_degree { required.iter().map(|f| f.0).fold(f64::INFINITY, f64::min) } else { first };
        let need = YearsNeed {
            min_years,
            preferred_years: None,
            line: line.number,
            text: text.trim().to_string(),
            section: part.heading.clone(),
        };
        let slot = if names_a_tool_after(taxonomy, hits, line.number, text, first_at) {
            &mut about_a_tool
        } else {
            &mut overall
        };
        if slot.is_none() {
            *slot = Some(need);
        }
    }
    let mut need = overall.or(about_a_tool)?;
    need.preferred_years = preferred.filter(|p| *p > need.min_years);
    Some(need)
}

/// A figure that caps the years rather than asking for them ("less than 2 years").
fn caps_at(words: &PostingWords, text: &str, at: usize) -> bool {
    let before: String = text[..at].to_lowercase();
    let before = before.trim_end();
    words.maximum_words.iter().any(|w| before.ends_with(w.as_str()))
}

/// Whether the years figure at byte `at` is about one tool: a tool the taxonomy names
/// follows it within a few words, after "of", "with", "in" or "using" ("3+ years of coding
/// in dbt", "2 years of hands-on experience with AWS"), before any other skill.
fn names_a_tool_after(taxonomy: &Taxonomy, hits: &[SkillHit], number: usize, text: &str, at: usize) -> bool {
    let words = &taxonomy.vocabulary.posting;
    let next = hits
        .iter()
        .flat_map(|h| h.evidence.iter().map(move |e| (h.skill, e)))
        .filter(|(_, e)| e.line == number && e.kind != MatchKind::Implied)
        .filter_map(|(skill, e)| text.find(&e.matched).filter(|&start| start > at).map(|start| (start, skill)))
        .min();
    let Some((start, skill)) = next else { return false };
    let between = text[at..start].to_lowercase();
    let connected = between.split_whitespace().last().is_some_and(|w| words.tool_connectors.iter().any(|c| c == w));
    let skill = &taxonomy.skills[skill];
    let is_tool = skill.tier == crate::taxonomy::Tier::Technology || words.tool_categories.contains(&skill.category);
    connected && between.split_whitespace().count() <= 7 && is_tool
}

/// The degree levels a line names, highest first (from `degrees.toml`). A spelling that is
/// also a word or a product ("MS", "BA") counts only where postings join degrees: before
/// "in", "/", "or", "and", "," or "(", or after "/" ("BS/MS in CS", not "MS Excel").
fn degrees_named(words: &PostingWords, degrees: &Degrees, text: &str) -> Vec<Degree> {
    let mut out = Vec::new();
    for spelled in degrees.find(text, Reader::Posting) {
        let joined = !spelled.exact || {
            let next = text[spelled.span.end..].trim_start();
            let next_word = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
            text[..spelled.span.start].trim_end().ends_with('/')
                || next.starts_with(['/', ',', '('])
                || words.degree_joiners.contains(&next_word)
        };
        if joined && !out.contains(&spelled.level) {
            out.push(spelled.level);
        }
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    out
}

/// The degree the posting asks for (the lowest it accepts) and the one it prefers.
pub fn degree(words: &PostingWords, degrees: &Degrees, lines: &[Line], parts: &[Part]) -> Option<DegreeNeed> {
    let mut need: Option<DegreeNeed> = None;
    for (line, part) in lines.iter().zip(parts) {
        if !part.asks() {
            continue;
        }
        let text = &line.text;
        let named = degrees_named(words, degrees, text);
        let says_degree = has_any_phrase(text, &words.degree_line_words);
        if named.is_empty() && !says_degree {
            continue;
        }
        // Split the line: the clauses that prefer and the ones that require.
        let mut required = Vec::new();
        let mut preferred = Vec::new();
        for clause in text.split([',', ';']).flat_map(|c| c.split(". ")) {
            let in_clause = degrees_named(words, degrees, clause);
            let prefers = part.kind == PartKind::Preferred || has_any_phrase(clause, &words.preferred_phrases);
            let levels = if in_clause.is_empty() && has_any_phrase(clause, &words.degree_line_words) {
                vec![words.plain_degree]
            } else {
                in_clause
            };
            if prefers {
                preferred.extend(levels)
            } else {
                required.extend(levels)
            }
        }
        // A degree named only where the line gives it context ("toward a BS, graduating…"):
        // the clauses alone lost it, the line did not.
        if required.is_empty() && preferred.is_empty() {
            required = named.clone();
        }
        let entry = need.get_or_insert_with(|| DegreeNeed {
            min: None,
            preferred: None,
            line: line.number,
            text: text.trim().to_string(),
            section: part.heading.clone(),
        });
        if entry.min.is_none() {
            entry.min = required.iter().copied().min();
        }
        if let Some(p) = preferred.iter().copied().max() {
            entry.preferred = Some(entry.preferred.map_or(p, |q| q.max(p)));
        }
    }
    let mut need = need?;
    if need.preferred.is_some_and(|p| need.min.is_some_and(|m| p <= m)) {
        need.preferred = None;
    }
    Some(need)
}

/// A document that reads more like a resume than a posting: dated jobs and resume
/// headings, and hardly any of a posting's words.
pub fn reads_like_a_resume(words: &PostingWords, resume: &Resume) -> bool {
    let count = |markers: &[String]| resume.lines.iter().filter(|l| has_any_phrase(&l.text, markers)).count();
    let resume_signs = count(&words.resume_markers) + resume.positions.len();
    resume_signs >= 3 && count(&words.posting_markers) < 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> PostingWords {
        Taxonomy::embedded().unwrap().vocabulary.posting
    }

    #[test]
    fn years_in_the_forms_postings_use() {
        let w = words();
        let first = |t: &str| year_figures(&w, t).into_iter().map(|f| (f.0, f.1)).collect::<Vec<_>>();
        assert_eq!(first("5+ years of experience with Python"), vec![(5.0, false)]);
        assert_eq!(first("5-7 years of industry experience"), vec![(5.0, false), (7.0, false)]);
        assert_eq!(first("At least three years building pipelines"), vec![(3.0, false)]);
        assert_eq!(
            first("Minimum 5, ideally 8+ years of experience as an ML engineer"),
            vec![(5.0, false), (8.0, true)]
        );
        assert_eq!(first("We have been in business for 20 years"), vec![(20.0, false)]);
        assert!(first("Python 3.11 and 2 TB of data").is_empty());
        assert!(first("Applicants must be 18 years old").is_empty());
    }

    #[test]
    fn degrees_in_the_forms_postings_use() {
        let w = Taxonomy::embedded().unwrap().degrees;
        assert_eq!(
            degrees_named(&words(), &w, "BS/MS in Computer Science or related field"),
            vec![Degree::Master, Degree::Bachelor]
        );
        assert_eq!(degrees_named(&words(), &w, "PhD preferred"), vec![Degree::Phd]);
        assert_eq!(
            degrees_named(&words(), &w, "Bachelor's, Master's, or Ph.D. in a quantitative field"),
            vec![Degree::Phd, Degree::Master, Degree::Bachelor]
        );
        assert!(degrees_named(&words(), &w, "Master the art of storytelling with MS Excel").is_empty());
        assert_eq!(degrees_named(&words(), &w, "Master's degree in Statistics"), vec![Degree::Master]);
    }
}
