//! The skill taxonomy: skills, roles, requirements, the career ladder and the documents they
//! cite. It is data (`taxonomy/*.toml`), embedded at build time and validated on every load;
//! see `taxonomy/README.md` for the format.

pub mod contact;
pub mod dates;
pub mod degrees;
pub mod identifiers;
pub mod lazy;
mod phrase_pattern;
pub mod phrases;
mod prebuilt;
pub mod sections;
pub mod standing;
mod validate;
pub mod vocabulary;
pub(crate) mod word_starts;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::{TaxonomyError, UnknownRole};
pub use degrees::{Degrees, DEGREES_FILE};
pub use identifiers::{Identifiers, IDENTIFIERS_FILE};
pub use vocabulary::{Vocabulary, VOCABULARY_FILE};

pub const SKILLS_FILE: &str = "skills.toml";
pub const ROLES_FILE: &str = "roles.toml";
pub const SOURCES_FILE: &str = "sources.toml";
/// The technology tier (generated from O*NET by `scripts/build_technologies.py`): optional in
/// a `--taxonomy` directory.
pub const TECHNOLOGIES_FILE: &str = "technologies.toml";

const EMBEDDED_SKILLS: &str = include_str!("../../taxonomy/skills.toml");
const EMBEDDED_ROLES: &str = include_str!("../../taxonomy/roles.toml");
const EMBEDDED_SOURCES: &str = include_str!("../../taxonomy/sources.toml");
const EMBEDDED_VOCABULARY: &str = include_str!("../../taxonomy/vocabulary.toml");
const EMBEDDED_TECHNOLOGIES: &str = include_str!("../../taxonomy/technologies.toml");
const EMBEDDED_DEGREES: &str = include_str!("../../taxonomy/degrees.toml");
const EMBEDDED_IDENTIFIERS: &str = include_str!("../../taxonomy/identifiers.toml");

/// The text of each taxonomy file, as read from the embedded copy or a directory.
#[derive(Debug, Clone, Copy)]
pub struct TaxonomyFiles<'a> {
    pub skills: &'a str,
    pub roles: &'a str,
    pub sources: &'a str,
    pub vocabulary: &'a str,
    /// The technology tier; `None` for a taxonomy without one.
    pub technologies: Option<&'a str>,
    pub phrases: &'a str,
    pub standing: &'a str,
    pub job_nouns: &'a str,
    pub degrees: &'a str,
    /// ESCO and O*NET identifiers; `None` for a taxonomy without them.
    pub identifiers: Option<&'a str>,
}

impl TaxonomyFiles<'static> {
    pub const EMBEDDED: TaxonomyFiles<'static> = TaxonomyFiles {
        skills: EMBEDDED_SKILLS,
        roles: EMBEDDED_ROLES,
        sources: EMBEDDED_SOURCES,
        vocabulary: EMBEDDED_VOCABULARY,
        technologies: Some(EMBEDDED_TECHNOLOGIES),
        phrases: EMBEDDED_PHRASES,
        standing: EMBEDDED_STANDING,
        job_nouns: EMBEDDED_JOB_NOUNS,
        degrees: EMBEDDED_DEGREES,
        identifiers: Some(EMBEDDED_IDENTIFIERS),
    };
}

impl TaxonomyFiles<'_> {
    /// SHA-256 over every file, in a fixed order, each preceded by its name and length: what
    /// a report records so that two runs can be compared. The built-in files' was computed by
    /// build.rs.
    fn sha256(&self) -> String {
        if self.is_embedded() {
            return EMBEDDED_SHA256.to_string();
        }
        self.computed_sha256()
    }

    /// Whether every file is the built-in one (a `--taxonomy DIR` may replace any of them).
    fn is_embedded(&self) -> bool {
        let e = TaxonomyFiles::EMBEDDED;
        self.skills == e.skills
            && self.roles == e.roles
            && self.sources == e.sources
            && self.vocabulary == e.vocabulary
            && self.technologies == e.technologies
            && self.phrases == e.phrases
            && self.standing == e.standing
            && self.job_nouns == e.job_nouns
            && self.degrees == e.degrees
            && self.identifiers == e.identifiers
    }

    fn computed_sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for (name, text) in [
            (SKILLS_FILE, self.skills),
            (ROLES_FILE, self.roles),
            (SOURCES_FILE, self.sources),
            (VOCABULARY_FILE, self.vocabulary),
            (TECHNOLOGIES_FILE, self.technologies.unwrap_or("")),
            (PHRASES_FILE, self.phrases),
            (STANDING_FILE, self.standing),
            (JOB_NOUNS_FILE, self.job_nouns),
            (DEGREES_FILE, self.degrees),
            (IDENTIFIERS_FILE, self.identifiers.unwrap_or("")),
        ] {
            hasher.update(format!("{name}\n{}\n", text.len()).as_bytes());
            hasher.update(text.as_bytes());
        }
        hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}
const EMBEDDED_PHRASES: &str = include_str!("../../taxonomy/phrases.toml");
const EMBEDDED_STANDING: &str = include_str!("../../taxonomy/standing.toml");
const EMBEDDED_JOB_NOUNS: &str = include_str!("../../taxonomy/job_nouns.toml");

pub use phrases::{Phrases, PHRASES_FILE};
pub use sections::Section;
pub use standing::{Standing, JOB_NOUNS_FILE, STANDING_FILE};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases matched only in exactly this letter case.
    #[serde(default)]
    pub exact: Vec<String>,
    /// The `exact` aliases count only in a skills list or next to another skill.
    #[serde(default)]
    pub needs_context: bool,
    #[serde(default = "yes")]
    pub fuzzy: bool,
    #[serde(default)]
    pub implies: Vec<String>,
    /// A parse-stage signal whose lines are also evidence of this skill: `"leadership"`
    /// (lines that show leading people).
    #[serde(default)]
    pub signal: Option<Signal>,
    /// Which file the skill comes from: set on load, never written in the TOML.
    #[serde(skip)]
    pub tier: Tier,
}

/// The two tiers of skills. `Core` skills (`skills.toml`) are what the roles require and what
/// the labels are written against; `Technology` skills (`technologies.toml`) are the wider
/// vocabulary of tools a resume names, reported but never required.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tier {
    #[default]
    Core,
    Technology,
}

impl Tier {
    /// The file that defines skills of this tier, for error messages.
    pub fn file(&self) -> &'static str {
        match self {
            Tier::Core => SKILLS_FILE,
            Tier::Technology => TECHNOLOGIES_FILE,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    Leadership,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Entry,
    Mid,
    Senior,
    Lead,
}

impl Level {
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Lead => "lead",
        }
    }

    pub fn next(&self) -> Option<Level> {
        match self {
            Level::Entry => Some(Level::Mid),
            Level::Mid => Some(Level::Senior),
            Level::Senior => Some(Level::Lead),
            Level::Lead => None,
        }
    }
}

/// Degrees in ascending order, so `>=` compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Degree {
    None,
    Associate,
    Bachelor,
    Master,
    Phd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Importance {
    Required,
    Preferred,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub doc: String,
    pub section: String,
    /// For a requirement read from a job posting: the posting's line and its text.
    #[serde(default)]
    pub line: Option<usize>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub label: String,
    pub any_of: Vec<String>,
    pub importance: Importance,
    pub weight: u32,
    pub action: String,
    pub source: Vec<Citation>,
    #[serde(default)]
    pub advice: Vec<Citation>,
    /// Skill categories one of which the resume must also show for the requirement to count:
    /// "leading an ML team" is met by leading people *and* some ML, not by leading nurses.
    #[serde(default)]
    pub domain: Vec<String>,
}

/// How the best-fitting role is chosen and what the bars alone can earn (`[fit]` in
/// `roles.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    /// The most a role scores when none of its skill requirements is met: years, a degree and
    /// leadership alone do not make a fit.
    pub no_skill_score_cap: u32,
    /// The categories of data and ML skills…
    pub domain_categories: Vec<String>,
    /// …and how many of them a resume must show to stand inside the five role families.
    pub min_domain_skills: usize,
    /// The share of its weight a bar (years, degree) earns at its minimum; the rest comes with
    /// the way to the preferred level. Also in the report's `score_detail.formula`.
    pub min_bar_share: f64,
    /// The credit of a skill no dated job mentions (a skills list, summary or project only)…
    pub listed_only_credit: f64,
    /// …and of one last used `stale_years` or more before the as-of date.
    pub stale_credit: f64,
    pub stale_years: i32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceBar {
    pub min_years: f64,
    pub preferred_years: Option<f64>,
    pub weight: u32,
    #[serde(default)]
    pub action: Option<String>,
    pub source: Vec<Citation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationBar {
    pub min: Degree,
    pub preferred: Option<Degree>,
    pub weight: u32,
    #[serde(default)]
    pub action: Option<String>,
    pub source: Vec<Citation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadershipBar {
    pub weight: u32,
    #[serde(default)]
    pub action: Option<String>,
    pub source: Vec<Citation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub level: Level,
    pub experience: Option<ExperienceBar>,
    pub education: Option<EducationBar>,
    pub leadership: Option<LeadershipBar>,
    #[serde(default, rename = "requirement")]
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderStep {
    pub from: String,
    pub to: String,
    pub source: Vec<Citation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    pub file: String,
    pub title: String,
    pub sections: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsFile {
    categories: BTreeMap<String, String>,
    #[serde(rename = "skill")]
    skills: Vec<Skill>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TechnologiesFile {
    /// Categories the technology tier adds to those of `skills.toml`.
    #[serde(default)]
    categories: BTreeMap<String, String>,
    #[serde(default, rename = "skill")]
    skills: Vec<Skill>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    #[serde(rename = "role")]
    roles: Vec<Role>,
    #[serde(default)]
    ladder: Vec<LadderStep>,
    fit: Fit,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(rename = "document")]
    documents: Vec<SourceDocument>,
}

/// The files [`Taxonomy::from_files`] reads on its own thread while the phrase rules are read
/// on another: the skills, read, and each other file to its own result.
struct FilesRead {
    skills_file: SkillsFile,
    skill_index: rustc_hash::FxHashMap<String, usize>,
    builtin_technologies: BTreeSet<String>,
    roles_file: Result<RolesFile, TaxonomyError>,
    sources_file: Result<SourcesFile, TaxonomyError>,
    vocabulary: Result<Vocabulary, TaxonomyError>,
    degrees: Result<Degrees, TaxonomyError>,
    standing: Result<Standing, TaxonomyError>,
    identifiers: Option<Result<Identifiers, TaxonomyError>>,
}

/// A loaded, validated taxonomy. Skills and roles keep the order of their files.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub categories: BTreeMap<String, String>,
    pub skills: Vec<Skill>,
    pub roles: Vec<Role>,
    pub ladder: Vec<LadderStep>,
    pub fit: Fit,
    /// Titles, grades, employers and places: the words of where a person stands.
    pub standing: Standing,
    pub documents: Vec<SourceDocument>,
    pub vocabulary: Vocabulary,
    /// SHA-256 of the files this taxonomy was loaded from (see [`TaxonomyFiles`]).
    pub sha256: String,
    /// Phrase rules and alias guards (`phrases.toml`), compiled.
    pub phrases: Phrases,
    /// Degree spellings and their levels (`degrees.toml`), compiled.
    pub degrees: Degrees,
    /// ESCO and O*NET identifiers of skills and roles (`identifiers.toml`); empty without one.
    pub identifiers: Identifiers,
    /// Skill id → position: looked up for every requirement of every role a resume is ranked
    /// against.
    skill_index: rustc_hash::FxHashMap<String, usize>,
}

/// Largest taxonomy file read (the built-in ones are a few hundred kilobytes).
const MAX_TAXONOMY_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The ids, titles and levels of the built-in roles, read from `roles.toml` alone: cheap
/// enough for the long help of every run and for `gap-check roles`, which must not compile
/// the whole taxonomy (the built-in one is checked whole by the tests).
pub fn embedded_roles() -> Result<Vec<(String, String, Level)>, TaxonomyError> {
    #[derive(Deserialize)]
    struct RoleName {
        id: String,
        title: String,
        level: Level,
    }
    #[derive(Deserialize)]
    struct Roles {
        role: Vec<RoleName>,
    }
    let roles: Roles = parse_toml(ROLES_FILE, EMBEDDED_ROLES)?;
    Ok(roles.role.into_iter().map(|r| (r.id, r.title, r.level)).collect())
}

/// The ids and titles of the built-in roles (see [`embedded_roles`]).
pub fn embedded_role_titles() -> Result<Vec<(String, String)>, TaxonomyError> {
    Ok(embedded_roles()?.into_iter().map(|(id, title, _)| (id, title)).collect())
}

impl Taxonomy {
    /// The taxonomy built into the binary.
    pub fn embedded() -> Result<Taxonomy, TaxonomyError> {
        Taxonomy::from_files(TaxonomyFiles::EMBEDDED)
    }

    /// A taxonomy directory holding `skills.toml`, `roles.toml`, `sources.toml` and,
    /// optionally, `vocabulary.toml`, `phrases.toml` and `degrees.toml` (the built-in ones are used when
    /// absent), `technologies.toml` (no technology tier when it is absent) and
    /// `identifiers.toml` (no ESCO or O*NET identifiers when it is absent).
    pub fn load_dir(dir: &Path) -> Result<Taxonomy, TaxonomyError> {
        let read = |name: &str| {
            let path = dir.join(name);
            // Only a regular file, read with a byte limit: a FIFO or a link to /dev/zero is
            // an error, not a hang.
            let bytes = crate::ingest::file::read_regular(&path, MAX_TAXONOMY_FILE_BYTES)
                .map_err(|e| TaxonomyError::new(path.display().to_string(), format!("cannot read: {e}")))?;
            String::from_utf8(bytes)
                .map_err(|_| TaxonomyError::new(path.display().to_string(), "cannot read: not UTF-8 text"))
        };
        let (skills, roles, sources) = (read(SKILLS_FILE)?, read(ROLES_FILE)?, read(SOURCES_FILE)?);
        let vocabulary =
            if dir.join(VOCABULARY_FILE).exists() { read(VOCABULARY_FILE)? } else { EMBEDDED_VOCABULARY.to_string() };
        let technologies = if dir.join(TECHNOLOGIES_FILE).exists() { Some(read(TECHNOLOGIES_FILE)?) } else { None };
        let phrases = if dir.join(PHRASES_FILE).exists() { read(PHRASES_FILE)? } else { EMBEDDED_PHRASES.to_string() };
        let standing =
            if dir.join(STANDING_FILE).exists() { read(STANDING_FILE)? } else { EMBEDDED_STANDING.to_string() };
        let job_nouns =
            if dir.join(JOB_NOUNS_FILE).exists() { read(JOB_NOUNS_FILE)? } else { EMBEDDED_JOB_NOUNS.to_string() };
        let degrees = if dir.join(DEGREES_FILE).exists() { read(DEGREES_FILE)? } else { EMBEDDED_DEGREES.to_string() };
        // Identifiers name this directory's skills, so the built-in ones are not borrowed.
        let identifiers = if dir.join(IDENTIFIERS_FILE).exists() { Some(read(IDENTIFIERS_FILE)?) } else { None };
        Taxonomy::from_files(TaxonomyFiles {
            skills: &skills,
            roles: &roles,
            sources: &sources,
            vocabulary: &vocabulary,
            technologies: technologies.as_deref(),
            phrases: &phrases,
            standing: &standing,
            job_nouns: &job_nouns,
            degrees: &degrees,
            identifiers: identifiers.as_deref(),
        })
    }

    pub fn from_files(files: TaxonomyFiles<'_>) -> Result<Taxonomy, TaxonomyError> {
        // The phrase rules are read on a second thread from the start, while this one reads
        // the other files: they were a third of loading the taxonomy, and a one-resume run
        // waits for them (issue 25). They name skills, which are checked once both are read
        // (`PhrasesRead::resolve`). The identifiers are read here too, beside them, rather
        // than after them. The first error is still the first file's, in the order the files
        // were always read, and the identifiers' comes after the checks of the whole taxonomy.
        let (read, phrases) = std::thread::scope(|scope| {
            let read_phrases = || Phrases::read(files.phrases);
            let phrases = std::thread::Builder::new().spawn_scoped(scope, read_phrases);
            let read = Taxonomy::read_files_beside_phrases(&files);
            let phrases = match phrases {
                Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No second thread to be had (a process limit): read them on this one.
                Err(_) => read_phrases(),
            };
            (read, phrases)
        });
        let read = read?;
        let skill_known = |id: &str| read.skill_index.contains_key(id) || read.builtin_technologies.contains(id);
        let phrases = phrases.resolve(skill_known);
        let (roles_file, sources_file) = (read.roles_file?, read.sources_file?);
        let (vocabulary, degrees, phrases, standing) = (read.vocabulary?, read.degrees?, phrases?, read.standing?);
        let mut taxonomy = Taxonomy {
            categories: read.skills_file.categories,
            skills: read.skills_file.skills,
            roles: roles_file.roles,
            ladder: roles_file.ladder,
            fit: roles_file.fit,
            standing,
            documents: sources_file.documents,
            vocabulary,
            sha256: files.sha256(),
            phrases,
            degrees,
            identifiers: Identifiers::default(),
            skill_index: read.skill_index,
        };
        validate::validate(&taxonomy)?;
        if let Some(identifiers) = read.identifiers {
            taxonomy.identifiers = identifiers?;
        }
        Ok(taxonomy)
    }

    /// Every file but the phrase rules, as [`Taxonomy::from_files`] reads them beside those:
    /// the skills first (an error there is the taxonomy's error), the others each to its own
    /// result, reported in the order the files were always read.
    fn read_files_beside_phrases(files: &TaxonomyFiles<'_>) -> Result<FilesRead, TaxonomyError> {
        let mut skills_file: SkillsFile = parse_toml(SKILLS_FILE, files.skills)?;
        if let Some(text) = files.technologies {
            let tech: TechnologiesFile = parse_toml(TECHNOLOGIES_FILE, text)?;
            for (id, name) in tech.categories {
                if skills_file.categories.contains_key(&id) {
                    return Err(TaxonomyError::new(
                        TECHNOLOGIES_FILE,
                        format!("category '{id}' is already defined in {SKILLS_FILE}"),
                    ));
                }
                skills_file.categories.insert(id, name);
            }
            skills_file.skills.extend(tech.skills.into_iter().map(|skill| Skill { tier: Tier::Technology, ..skill }));
        }
        let skill_index: rustc_hash::FxHashMap<String, usize> =
            skills_file.skills.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        // A taxonomy without the technology tier still reads with the built-in phrases, whose
        // guards may name a technology ("Spring 2026" is a season): such a guard has nothing
        // to guard there and is left out by the detect stage, so it is not an error.
        let builtin_technologies: BTreeSet<String> = match files.technologies {
            Some(_) => BTreeSet::new(),
            None => parse_toml::<TechnologiesFile>(TECHNOLOGIES_FILE, EMBEDDED_TECHNOLOGIES)?
                .skills
                .into_iter()
                .map(|s| s.id)
                .collect(),
        };
        let roles_file: Result<RolesFile, _> = parse_toml(ROLES_FILE, files.roles);
        let sources_file: Result<SourcesFile, _> = parse_toml(SOURCES_FILE, files.sources);
        let vocabulary = Vocabulary::from_toml(files.vocabulary);
        let degrees = Degrees::from_toml(files.degrees);
        let standing = Standing::from_toml(files.standing, files.job_nouns);
        let identifiers = match (&roles_file, files.identifiers) {
            (Ok(roles_file), Some(text)) => {
                let roles: Vec<&str> = roles_file.roles.iter().map(|r| r.id.as_str()).collect();
                Some(Identifiers::from_toml(text, &skills_file.skills, &roles))
            }
            _ => None,
        };
        Ok(FilesRead {
            skills_file,
            skill_index,
            builtin_technologies,
            roles_file,
            sources_file,
            vocabulary,
            degrees,
            standing,
            identifiers,
        })
    }

    /// Compiles every pattern that is otherwise compiled on first use (the built-in
    /// taxonomy's, see [`lazy`]), and says which does not compile: what the tests run, so
    /// that no pattern of the built-in files can fail in a user's run.
    pub fn compile_all(&self) -> Result<(), String> {
        self.phrases.compile_all()?;
        for pattern in self.line_patterns() {
            pattern.compile()?.compile_unicode()?;
        }
        Ok(())
    }

    /// The patterns of contact details, dates and degrees that the parser runs over lines.
    pub(crate) fn line_patterns(&self) -> impl Iterator<Item = &lazy::LazyRegex> {
        let c = &self.vocabulary.contact;
        let d = &self.vocabulary.dates;
        [&c.link, &c.street_word, &c.street]
            .into_iter()
            .chain([&d.range, &d.bare_range, &d.leading_open, &d.since, &d.dangling, &d.edge_date, &d.now])
            .chain([&d.parts, &d.career_total, &d.stated_total, &d.skill_table])
            .chain([&d.trailing_month, &d.leading_year, &d.a_year])
            .chain(self.degrees.patterns())
    }

    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skill_index.get(id).map(|&i| &self.skills[i])
    }

    pub fn skill_position(&self, id: &str) -> Option<usize> {
        self.skill_index.get(id).copied()
    }

    pub fn role_by_id(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn category_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories.get(id).map(String::as_str).unwrap_or(id)
    }

    /// Resolves a `--target` value: a role id, its full title or one of its aliases, in any
    /// letter case. Anything else is an error that suggests the closest role id.
    pub fn find_role(&self, given: &str) -> Result<&Role, UnknownRole> {
        let wanted = normalize_role_name(given);
        let found = self.roles.iter().find(|role| {
            std::iter::once(&role.id)
                .chain(std::iter::once(&role.title))
                .chain(role.aliases.iter())
                .any(|name| normalize_role_name(name) == wanted)
        });
        found.ok_or_else(|| {
            let suggestion = self
                .roles
                .iter()
                .flat_map(|role| {
                    let wanted = &wanted;
                    std::iter::once(&role.id).chain(std::iter::once(&role.title)).chain(role.aliases.iter()).map(
                        move |name| {
                            let score = strsim::normalized_damerau_levenshtein(wanted, &normalize_role_name(name));
                            (score, &role.id)
                        },
                    )
                })
                .filter(|(score, _)| *score >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, id)| id.clone());
            UnknownRole {
                given: given.to_string(),
                suggestion,
                valid: self.roles.iter().map(|r| r.id.clone()).collect(),
            }
        })
    }

    /// Role family and grade named by a job title, by the family rules and grade words of
    /// `standing.toml`: the words are read in any order ("Engineer, Machine Learning").
    pub fn classify_title(&self, title: &str) -> (Option<&Role>, Option<Level>) {
        let words = standing::title_words(title);
        let role = self.standing.family(&words).and_then(|f| self.role_by_id(&f.role));
        (role, self.standing.grade(&words))
    }

    /// Roles reachable in one ladder step from `role_id`.
    pub fn successors<'a>(&'a self, role_id: &'a str) -> impl Iterator<Item = &'a LadderStep> + 'a {
        self.ladder.iter().filter(move |step| step.from == role_id)
    }

    /// The shortest ladder path from one role to another, excluding `from`, if any.
    pub fn ladder_path(&self, from: &str, to: &str) -> Option<Vec<String>> {
        let mut frontier: Vec<Vec<String>> = vec![vec![from.to_string()]];
        let mut seen = vec![from.to_string()];
        while !frontier.is_empty() {
            let mut next_frontier = Vec::new();
            for path in frontier {
                let last = path.last().map(String::as_str).unwrap_or(from);
                if last == to {
                    return Some(path[1..].to_vec());
                }
                for step in self.successors(last) {
                    if !seen.contains(&step.to) {
                        seen.push(step.to.clone());
                        let mut longer = path.clone();
                        longer.push(step.to.clone());
                        next_frontier.push(longer);
                    }
                }
            }
            frontier = next_frontier;
        }
        None
    }
}

/// The SHA-256 of the built-in files, as [`TaxonomyFiles::sha256`] computes it (build.rs).
const EMBEDDED_SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/taxonomy.sha256"));

/// Each embedded TOML file with its JSON twin, converted by `build.rs`.
const EMBEDDED_AS_JSON: [(&str, &str); 10] = [
    (EMBEDDED_SKILLS, include_str!(concat!(env!("OUT_DIR"), "/skills.json"))),
    (EMBEDDED_TECHNOLOGIES, include_str!(concat!(env!("OUT_DIR"), "/technologies.json"))),
    (EMBEDDED_ROLES, include_str!(concat!(env!("OUT_DIR"), "/roles.json"))),
    (EMBEDDED_SOURCES, include_str!(concat!(env!("OUT_DIR"), "/sources.json"))),
    (EMBEDDED_VOCABULARY, include_str!(concat!(env!("OUT_DIR"), "/vocabulary.json"))),
    (EMBEDDED_PHRASES, include_str!(concat!(env!("OUT_DIR"), "/phrases.json"))),
    (EMBEDDED_STANDING, include_str!(concat!(env!("OUT_DIR"), "/standing.json"))),
    (EMBEDDED_JOB_NOUNS, include_str!(concat!(env!("OUT_DIR"), "/job_nouns.json"))),
    (EMBEDDED_DEGREES, include_str!(concat!(env!("OUT_DIR"), "/degrees.json"))),
    (EMBEDDED_IDENTIFIERS, include_str!(concat!(env!("OUT_DIR"), "/identifiers.json"))),
];

/// Reads a taxonomy file. The embedded files are read from their JSON twins (the same data,
/// read several times faster than TOML: this runs at every start); any other text, a
/// `--taxonomy DIR`'s, as TOML, whose errors name the line.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, TaxonomyError> {
    let twin = EMBEDDED_AS_JSON.iter().find(|(toml, _)| toml.len() == text.len() && *toml == text);
    if let Some(parsed) = twin.and_then(|(_, json)| serde_json::from_str(json).ok()) {
        return Ok(parsed);
    }
    toml::from_str(text).map_err(|e| TaxonomyError::new(file, e.to_string().trim_end().replace('\n', " ")))
}

fn normalize_role_name(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == '-' || c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The taxonomy's patterns, each compiled twice (with Unicode and without), read lines
    /// beyond ASCII as `regex` does.
    #[test]
    fn taxonomy_patterns_read_as_regex_does() {
        let taxonomy = Taxonomy::embedded().unwrap();
        let lines = lazy::lines_beyond_ascii();
        for pattern in taxonomy.line_patterns() {
            lazy::assert_reads_as_regex(pattern, lines);
        }
    }

    #[test]
    fn embedded_taxonomy_loads_and_has_the_five_roles() {
        let taxonomy = Taxonomy::embedded().expect("embedded taxonomy is valid");
        for id in ["lead-ml", "ml-engineer", "ml-research", "data-engineer", "data-science-engineer"] {
            assert!(taxonomy.role_by_id(id).is_some(), "missing role {id}");
        }
    }

    /// The embedded files are read from JSON made by build.rs: it must hold the TOML's data,
    /// value for value, and the file must read to the same taxonomy through either parser.
    #[test]
    fn each_json_twin_holds_the_data_of_its_toml() {
        for (toml_text, json) in EMBEDDED_AS_JSON {
            let from_toml: serde_json::Value = toml::from_str(toml_text).unwrap();
            let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(from_toml, from_json);
        }
        // A copy of the text is no embedded constant's address, but it is the same text: it
        // takes the JSON path; an edited copy takes the TOML path and keeps TOML's errors.
        let copy = String::from(EMBEDDED_SKILLS);
        let skills: SkillsFile = parse_toml(SKILLS_FILE, copy.as_str()).unwrap();
        assert_eq!(skills.skills.len(), toml::from_str::<SkillsFile>(EMBEDDED_SKILLS).unwrap().skills.len());
        let broken = format!("{EMBEDDED_SKILLS}\n[[skill]\n");
        let e = parse_toml::<SkillsFile>(SKILLS_FILE, &broken).unwrap_err().to_string();
        assert!(e.contains(SKILLS_FILE) && e.contains("line"), "{e}");
    }

    /// The phrase rules are read beside the skills, and their skill ids checked once both
    /// are read: a rule naming a skill the files lack is an error of the phrase rules, one
    /// naming a skill of them is not, and a broken skills file is still the error reported.
    #[test]
    fn phrase_rules_read_beside_the_skills_are_checked_against_them() {
        let rule = "[[rule]]\nid = \"custom\"\nskill = \"mlops\"\npatterns = [\"kubeflow pipelines\"]\n";
        let known = format!("{EMBEDDED_PHRASES}\n{rule}");
        let loaded = Taxonomy::from_files(TaxonomyFiles { phrases: &known, ..TaxonomyFiles::EMBEDDED }).unwrap();
        assert!(loaded.phrases.rules.iter().any(|r| r.id == "custom"));
        let unknown = known.replace("skill = \"mlops\"", "skill = \"nonesuch\"");
        let e = Taxonomy::from_files(TaxonomyFiles { phrases: &unknown, ..TaxonomyFiles::EMBEDDED }).unwrap_err();
        let e = e.to_string();
        assert!(e.contains("phrases.toml") && e.contains("rule 'custom' names unknown skill 'nonesuch'"), "{e}");
        let broken_skills = format!("{EMBEDDED_SKILLS}\n[[skill]\n");
        let both = TaxonomyFiles { skills: &broken_skills, phrases: &unknown, ..TaxonomyFiles::EMBEDDED };
        let e = Taxonomy::from_files(both).unwrap_err().to_string();
        assert!(e.contains(SKILLS_FILE) && !e.contains("nonesuch"), "{e}");
    }

    /// The identifiers are read beside the phrase rules, but their error still comes after
    /// the checks of the whole taxonomy, and a valid taxonomy still gets them.
    #[test]
    fn identifiers_errors_come_after_the_taxonomy_checks() {
        let bad_identifiers = "[[skill]]\nid = \"nonesuch\"\nesco_none = \"no reason\"\n";
        let unknown_skill =
            EMBEDDED_ROLES.replacen(r#"any_of = ["python", "r", "java"]"#, r#"any_of = ["nonesuch"]"#, 1);
        assert_ne!(unknown_skill, EMBEDDED_ROLES);
        let both =
            TaxonomyFiles { roles: &unknown_skill, identifiers: Some(bad_identifiers), ..TaxonomyFiles::EMBEDDED };
        let e = Taxonomy::from_files(both).unwrap_err().to_string();
        assert!(e.contains(ROLES_FILE) && e.contains("unknown skill 'nonesuch'"), "{e}");
        let only_identifiers = TaxonomyFiles { identifiers: Some(bad_identifiers), ..TaxonomyFiles::EMBEDDED };
        let e = Taxonomy::from_files(only_identifiers).unwrap_err().to_string();
        assert!(e.contains("identifiers.toml") && e.contains("'nonesuch'"), "{e}");
        let loaded = Taxonomy::from_files(TaxonomyFiles::EMBEDDED).unwrap();
        assert!(loaded.identifiers.skill("python").is_some());
        let without = Taxonomy::from_files(TaxonomyFiles { identifiers: None, ..TaxonomyFiles::EMBEDDED }).unwrap();
        assert!(without.identifiers.skill("python").is_none());
    }

    /// build.rs hashed the built-in files the way any taxonomy is hashed; a changed file is
    /// hashed anew.
    #[test]
    fn the_built_in_hash_is_the_hash_of_the_built_in_files() {
        let embedded = TaxonomyFiles::EMBEDDED;
        assert_eq!(EMBEDDED_SHA256.len(), 64);
        assert_eq!(embedded.sha256(), embedded.computed_sha256());
        let roles = format!("{EMBEDDED_ROLES}\n");
        let changed = TaxonomyFiles { roles: &roles, ..TaxonomyFiles::EMBEDDED };
        assert!(!changed.is_embedded());
        assert_ne!(changed.sha256(), EMBEDDED_SHA256);
    }

    /// The built-in patterns compile on first use in a run; here, all of them at once.
    #[test]
    fn every_builtin_pattern_compiles() {
        let taxonomy = Taxonomy::embedded().unwrap();
        assert_eq!(taxonomy.compile_all(), Ok(()));
    }

    #[test]
    fn roles_resolve_by_id_title_and_case() {
        let taxonomy = Taxonomy::embedded().unwrap();
        assert_eq!(taxonomy.find_role("lead-ml").unwrap().id, "lead-ml");
        assert_eq!(taxonomy.find_role("Lead Machine Learning Engineer").unwrap().id, "lead-ml");
        assert_eq!(taxonomy.find_role("DATA_ENGINEER").unwrap().id, "data-engineer");
    }

    #[test]
    fn a_typo_in_a_role_suggests_the_closest_id() {
        let taxonomy = Taxonomy::embedded().unwrap();
        let err = taxonomy.find_role("lead-mll").unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("lead-ml"));
        assert!(err.to_string().contains("did you mean 'lead-ml'"));
        let err = taxonomy.find_role("data-enginer").unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("data-engineer"));
    }

    #[test]
    fn ladder_leads_to_the_lead_role() {
        let taxonomy = Taxonomy::embedded().unwrap();
        let path = taxonomy.ladder_path("ml-engineer", "lead-ml").expect("a path");
        assert_eq!(path.last().map(String::as_str), Some("lead-ml"));
    }

    fn broken(skills: &str, roles: &str) -> String {
        Taxonomy::from_files(TaxonomyFiles { skills, roles, ..TaxonomyFiles::EMBEDDED }).unwrap_err().to_string()
    }

    #[test]
    fn an_unknown_skill_in_a_role_names_the_file_and_entry() {
        let roles = EMBEDDED_ROLES.replacen("\"pytorch\"", "\"torchy\"", 1);
        let err = broken(EMBEDDED_SKILLS, &roles);
        assert!(err.contains("roles.toml") && err.contains("unknown skill 'torchy'"), "{err}");
    }

    #[test]
    fn a_duplicate_alias_is_an_error() {
        let skills = EMBEDDED_SKILLS.replacen("aliases = [\"Python\",", "aliases = [\"Python\", \"sklearn\",", 1);
        let err = broken(&skills, EMBEDDED_ROLES);
        assert!(err.contains("skills.toml") && err.contains("'sklearn'"), "{err}");
    }

    #[test]
    fn a_cycle_in_the_ladder_is_an_error() {
        let roles = format!(
            "{EMBEDDED_ROLES}\n[[ladder]]\nfrom = \"lead-ml\"\nto = \"data-engineer\"\nsource = [{{ doc = \"002_9d34e870b690fe8b.txt\", section = \"Career Progression\" }}]\n"
        );
        let err = broken(EMBEDDED_SKILLS, &roles);
        assert!(err.contains("cycle") && err.contains("lead-ml"), "{err}");
    }

    #[test]
    fn a_role_without_requirements_is_an_error() {
        let roles = format!("[[role]]\nid = \"empty-role\"\ntitle = \"Empty\"\nlevel = \"mid\"\n\n{EMBEDDED_ROLES}");
        let err = broken(EMBEDDED_SKILLS, &roles);
        assert!(err.contains("role 'empty-role' has no requirements"), "{err}");
    }

    #[test]
    fn the_scoring_shares_are_checked_on_load() {
        for (line, bad, what) in [
            ("min_bar_share = 0.75", "min_bar_share = 1.5", "min_bar_share"),
            ("listed_only_credit = 0.75", "listed_only_credit = 0", "listed_only_credit"),
            ("stale_credit = 0.5", "stale_credit = -0.5", "stale_credit"),
            ("stale_years = 10", "stale_years = 0", "stale_years"),
        ] {
            assert!(EMBEDDED_ROLES.contains(line), "{line}");
            let err = broken(EMBEDDED_SKILLS, &EMBEDDED_ROLES.replacen(line, bad, 1));
            assert!(err.contains("roles.toml") && err.contains(what), "{bad}: {err}");
        }
        // Each is required: a taxonomy without it does not load.
        let err = broken(EMBEDDED_SKILLS, &EMBEDDED_ROLES.replacen("stale_years = 10\n", "", 1));
        assert!(err.contains("stale_years"), "{err}");
    }

    #[test]
    fn a_citation_of_an_unlisted_section_is_an_error() {
        let roles = EMBEDDED_ROLES.replacen("section = \"Required Skills\"", "section = \"Salary\"", 1);
        let err = broken(EMBEDDED_SKILLS, &roles);
        assert!(err.contains("section 'Salary'"), "{err}");
    }
}
