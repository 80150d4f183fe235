//! The words of "where a person stands" (`standing.toml`, `job_nouns.toml`), compiled for
//! reading job titles: which words are grades, which name a job, an employer or a place, and
//! which role family a title's words name.
//!
//! Every phrase is matched on whole words of a title normalised by [`title_words`]: lower
//! case, letters and digits (and "/" inside a word, so "ai/ml" stays one), other characters
//! as word breaks.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::{parse_toml, Level, TaxonomyError};

pub const STANDING_FILE: &str = "standing.toml";
pub const JOB_NOUNS_FILE: &str = "job_nouns.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StandingFile {
    levels: GradeFile,
    years: YearThresholds,
    #[serde(rename = "family")]
    families: Vec<FamilyFile>,
    titles: TitlesFile,
    companies: WordsFile,
    places: PlacesFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    regions: Vec<String>,
    cities: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GradeFile {
    entry: Vec<String>,
    mid: Vec<String>,
    senior: Vec<String>,
    lead: Vec<String>,
    entry_suffix: Vec<String>,
    mid_suffix: Vec<String>,
    senior_suffix: Vec<String>,
}

/// Rule 2 of the level rule: years decide when the title has no grade word.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearThresholds {
    pub mid_from: f64,
    pub senior_from: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyFile {
    role: String,
    #[serde(default)]
    level: Option<Level>,
    any: Vec<String>,
    #[serde(default)]
    and_any: Vec<String>,
    #[serde(default)]
    none_of: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesFile {
    generic: Vec<String>,
    functions: Vec<String>,
    role_line_labels: Vec<String>,
    after_noun: Vec<String>,
    joiners: Vec<String>,
    title_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JobNounsFile {
    nouns: Vec<String>,
}

/// A phrase as the sequence of its normalised words.
type Phrase = Vec<String>;

#[derive(Debug, Clone)]
pub struct FamilyRule {
    pub role: String,
    pub level: Option<Level>,
    any: Vec<Phrase>,
    and_any: Vec<Phrase>,
    none_of: Vec<Phrase>,
}

/// The compiled vocabulary of titles, employers and places.
#[derive(Debug, Clone)]
pub struct Standing {
    /// Grade phrases by level, strongest level first.
    grades: Vec<(Level, Vec<Phrase>)>,
    /// Grades written as a title's last word ("Analyst II").
    grade_suffixes: Vec<(Level, HashSet<String>)>,
    pub years: YearThresholds,
    pub families: Vec<FamilyRule>,
    job_nouns: HashSet<String>,
    generic: HashSet<String>,
    functions: HashSet<String>,
    pub role_line_labels: Vec<Phrase>,
    /// Words that stay in a title after its noun ("Head of …").
    pub after_noun: HashSet<String>,
    pub joiners: HashSet<String>,
    /// Phrases after which a title comes ("as a").
    pub title_after: Vec<Phrase>,
    company_words: HashSet<String>,
    regions: Vec<Phrase>,
    cities: Vec<Phrase>,
}

/// The words of a title or a segment of a line, lower case.
pub fn title_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '+' || c == '#'))
        .map(|w| w.trim_matches('/'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn phrase(text: &str) -> Phrase {
    title_words(text)
}

/// Where `needle` occurs in `words` as consecutive whole words.
fn find(words: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > words.len() {
        return None;
    }
    words.windows(needle.len()).position(|w| w == needle)
}

fn contains_any(words: &[String], phrases: &[Phrase]) -> bool {
    phrases.iter().any(|p| find(words, p).is_some())
}

impl Standing {
    pub fn from_toml(standing: &str, job_nouns: &str) -> Result<Standing, TaxonomyError> {
        let file: StandingFile = parse_toml(STANDING_FILE, standing)?;
        let nouns: JobNounsFile = parse_toml(JOB_NOUNS_FILE, job_nouns)?;
        let err = |what: String| TaxonomyError::new(STANDING_FILE, what);
        let phrases = |list: &[String], what: &str| -> Result<Vec<Phrase>, TaxonomyError> {
            list.iter()
                .map(|w| {
                    let p = phrase(w);
                    if p.is_empty() {
                        Err(err(format!("{what}: '{w}' has no word in it")))
                    } else {
                        Ok(p)
                    }
                })
                .collect()
        };
        let g = &file.levels;
        let grades = vec![
            (Level::Lead, phrases(&g.lead, "levels.lead")?),
            (Level::Senior, phrases(&g.senior, "levels.senior")?),
            (Level::Mid, phrases(&g.mid, "levels.mid")?),
            (Level::Entry, phrases(&g.entry, "levels.entry")?),
        ];
        let set = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect::<HashSet<_>>();
        let grade_suffixes = vec![
            (Level::Senior, set(&g.senior_suffix)),
            (Level::Mid, set(&g.mid_suffix)),
            (Level::Entry, set(&g.entry_suffix)),
        ];
        // A grade word in two levels would make the rule depend on the order of the file.
        let mut seen: BTreeMap<Phrase, Level> = BTreeMap::new();
        for (level, list) in &grades {
            for p in list {
                if let Some(other) = seen.insert(p.clone(), level.clone()).filter(|other| other != level) {
                    return Err(err(format!("levels: '{}' is both {other:?} and {level:?}", p.join(" "))));
                }
            }
        }
        if !(0.0 < file.years.mid_from && file.years.mid_from < file.years.senior_from) {
            return Err(err("years: need 0 < mid_from < senior_from".to_string()));
        }
        let families = file
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if f.any.is_empty() {
                    return Err(err(format!("family {} ({}): `any` is empty", i + 1, f.role)));
                }
                Ok(FamilyRule {
                    role: f.role.clone(),
                    level: f.level.clone(),
                    any: phrases(&f.any, "family.any")?,
                    and_any: phrases(&f.and_any, "family.and_any")?,
                    none_of: phrases(&f.none_of, "family.none_of")?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let job_nouns = set(&nouns.nouns);
        if job_nouns.iter().any(|n| n.contains(' ')) {
            return Err(TaxonomyError::new(JOB_NOUNS_FILE, "a job noun is one word"));
        }
        Ok(Standing {
            grades,
            grade_suffixes,
            years: file.years,
            families,
            job_nouns,
            generic: set(&file.titles.generic),
            functions: set(&file.titles.functions),
            role_line_labels: phrases(&file.titles.role_line_labels, "titles.role_line_labels")?,
            after_noun: set(&file.titles.after_noun),
            joiners: set(&file.titles.joiners),
            title_after: phrases(&file.titles.title_after, "titles.title_after")?,
            company_words: set(&file.companies.words),
            regions: phrases(&file.places.regions, "places.regions")?,
            cities: phrases(&file.places.cities, "places.cities")?,
        })
    }

    /// The grade a title's words name, the strongest when several do.
    pub fn grade(&self, words: &[String]) -> Option<Level> {
        let by_word = self.grades.iter().find(|(_, list)| contains_any(words, list)).map(|(l, _)| l.clone());
        let by_suffix = words
            .last()
            .filter(|_| words.len() > 1)
            .and_then(|last| self.grade_suffixes.iter().find(|(_, set)| set.contains(last)))
            .map(|(l, _)| l.clone());
        by_word.into_iter().chain(by_suffix).max()
    }

    /// A title's words without the grade words that open it ("Senior", "Lead", "Sr") or the
    /// grade that closes it ("II"): what is left names the occupation.
    pub fn without_grade<'w>(&self, mut words: &'w [String]) -> &'w [String] {
        while let Some(n) =
            self.grades.iter().flat_map(|(_, list)| list).find(|p| !p.is_empty() && words.starts_with(p)).map(Vec::len)
        {
            words = &words[n..];
        }
        if words.len() > 1 && words.last().is_some_and(|w| self.grade_suffixes.iter().any(|(_, set)| set.contains(w))) {
            words = &words[..words.len() - 1];
        }
        words
    }

    /// The first family rule the title's words satisfy.
    pub fn family(&self, words: &[String]) -> Option<&FamilyRule> {
        self.families.iter().find(|f| {
            contains_any(words, &f.any)
                && (f.and_any.is_empty() || contains_any(words, &f.and_any))
                && !contains_any(words, &f.none_of)
                // The grade is read only for the rules that ask for one.
                && f.level.as_ref().is_none_or(|l| self.grade(words).as_ref() == Some(l))
        })
    }

    pub fn is_job_noun(&self, word: &str) -> bool {
        self.job_nouns.contains(word)
    }

    /// True when the title names no function: every word is a grade, a job noun or generic
    /// ("IT Analyst", "Associate Consultant", "Technical Lead").
    pub fn names_no_function(&self, words: &[String]) -> bool {
        !words.is_empty()
            && words.iter().all(|w| {
                self.job_nouns.contains(w)
                    || self.generic.contains(w)
                    || self.grades.iter().any(|(_, list)| list.iter().any(|p| p.len() == 1 && p[0] == *w))
                    || w.chars().all(|c| c.is_ascii_digit())
            })
    }

    /// A word that names a function or department, which may follow a title's noun.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.functions.contains(word)
    }

    pub fn is_company_word(&self, word: &str) -> bool {
        self.company_words.contains(word)
    }

    /// The number of trailing words of `words` that name a place ("tamil nadu" → 2), 0 if none.
    pub fn place_suffix(&self, words: &[String]) -> usize {
        suffix_len(&self.regions, words).max(suffix_len(&self.cities, words))
    }

    /// The number of trailing words that name a region (a state, country or "remote").
    pub fn region_suffix(&self, words: &[String]) -> usize {
        suffix_len(&self.regions, words)
    }
}

fn suffix_len(phrases: &[Phrase], words: &[String]) -> usize {
    phrases
        .iter()
        .filter(|p| p.len() <= words.len() && words[words.len() - p.len()..] == p[..])
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;

    fn words(s: &str) -> Vec<String> {
        title_words(s)
    }

    #[test]
    fn grades_the_strongest_word_and_suffixes() {
        let t = Taxonomy::embedded().unwrap();
        let s = &t.standing;
        assert_eq!(s.grade(&words("Senior Manager, Analytics")), Some(Level::Lead));
        assert_eq!(s.grade(&words("Senior Associate")), Some(Level::Senior));
        assert_eq!(s.grade(&words("Data Analyst II")), Some(Level::Mid));
        assert_eq!(s.grade(&words("Software Engineer 2")), Some(Level::Mid));
        assert_eq!(s.grade(&words("Data Engineer")), None);
        assert_eq!(s.grade(&words("Jr. Data Scientist")), Some(Level::Entry));
    }

    #[test]
    fn families_read_words_in_any_order() {
        let t = Taxonomy::embedded().unwrap();
        let s = &t.standing;
        let family = |title: &str| s.family(&words(title)).map(|f| f.role.as_str());
        assert_eq!(family("Senior Analyst – Machine Learning"), Some("data-science-engineer"));
        assert_eq!(family("Engineer, Machine Learning"), Some("ml-engineer"));
        assert_eq!(family("Head of Data Science"), Some("lead-ml"));
        assert_eq!(family("Lead Data Engineer"), Some("data-engineer"));
        assert_eq!(family("ETL Developer"), Some("data-engineer"));
        assert_eq!(family("Data Analyst"), None);
        assert_eq!(family("Database Developer"), None);
        assert_eq!(family("Java Developer"), None);
        // A data center is a building, not the data function.
        assert_eq!(family("Senior Civil Engineer - Data Center"), None);
        assert_eq!(family("Research Scientist, NLP"), Some("ml-research"));
        assert_eq!(family("Associate Data Scientist"), Some("data-science-engineer"));
        // The function in parentheses, or a field with a grade and no job noun.
        assert_eq!(family("Senior Analyst (Machine Learning)"), Some("data-science-engineer"));
        assert_eq!(family("Senior Data Science"), Some("data-science-engineer"));
        assert_eq!(s.grade(&words("Senior Data Science")), Some(Level::Senior));
    }

    #[test]
    fn company_grades_name_no_function() {
        let t = Taxonomy::embedded().unwrap();
        let s = &t.standing;
        assert!(s.names_no_function(&words("IT Analyst")));
        assert!(s.names_no_function(&words("Associate Consultant")));
        assert!(s.names_no_function(&words("Technical Lead")));
        assert!(!s.names_no_function(&words("Software Engineer")));
        assert!(!s.names_no_function(&words("Data Engineer")));
    }

    #[test]
    fn places_at_the_end_of_a_segment() {
        let t = Taxonomy::embedded().unwrap();
        let s = &t.standing;
        assert_eq!(s.place_suffix(&words("Coimbatore, Tamil Nadu")), 2);
        assert_eq!(s.place_suffix(&words("Austin, TX")), 1);
        assert_eq!(s.place_suffix(&words("Acme Corp")), 0);
    }
}
