//! Stage 3: the taxonomy's aliases found in the resume's lines, each hit with its line.
//!
//! All aliases are matched in one pass per line, at the places a word starts, overlapping
//! matches included ("AWS SageMaker" shows SageMaker, "GitLab CI" shows GitLab and CI/CD). A hit must sit on word
//! boundaries and respect its alias's letter case. Aliases that are also ordinary words or
//! letters (R, Go, C) count only in a skills section, next to another skill in a list, or
//! beside a word like "programming", and never glued to "-", "&" or "'" ("R&D",
//! "go-to-market", "C-suite"). What is left is checked for spacing variants ("Py Torch")
//! and misspellings ("Tensorflw"), which are marked and weigh less.

mod acronyms;
mod context;
mod fuzzy;
mod lexicon;
mod phrases;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use crate::parse::{Line, Resume, Section};
use crate::taxonomy::Signal;
use context::{
    duration_follows, glued_to_other_word, is_whole_list_item, language_word_follows, list_items, listed_under_a_skill,
    next_to_a_skill, on_word_boundaries, used_with_a_skill,
};
pub use lexicon::Lexicon;

/// How a skill was recognised, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// An alias, as written.
    Exact,
    /// An ambiguous alias (R, Go) accepted because of the words around it.
    Context,
    /// A lead-people line, which the taxonomy takes as evidence of this skill.
    Signal,
    /// Work the line describes that shows the skill (`taxonomy/phrases.toml`): "presented
    /// results to the client" shows communication.
    Described,
    /// An alias written with different spacing, hyphens or letter case ("Py Torch", "Scikit
    /// Learn", "spark" in a list of tools).
    Spacing,
    /// A misspelt alias ("Tensorflw").
    Fuzzy,
    /// Shown by another skill (SageMaker shows AWS).
    Implied,
}

impl MatchKind {
    pub fn confidence(&self, distance: usize) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Context => 0.9,
            MatchKind::Signal => 0.85,
            MatchKind::Described => 0.85,
            MatchKind::Spacing => 0.85,
            MatchKind::Fuzzy => 0.8 - 0.1 * distance as f32,
            MatchKind::Implied => 0.8,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub line: usize,
    pub section: Section,
    pub text: String,
    /// The words of the line that matched.
    pub matched: String,
    pub kind: MatchKind,
}

/// A taxonomy skill found in the resume.
#[derive(Debug, Clone)]
pub struct SkillHit {
    /// Index into `Taxonomy::skills`.
    pub skill: usize,
    pub kind: MatchKind,
    pub confidence: f32,
    /// The first [`MAX_EVIDENCE`] lines that show the skill, in line order.
    pub evidence: Vec<Evidence>,
    /// Every line that shows the skill, in order, without repeats (`evidence` keeps the text
    /// of the first few only, so a resume that names a skill on 100,000 lines stays small).
    pub lines: Vec<usize>,
}

/// Passes over a line's ambiguous names, each accepting those vouched for by the last.
const MAX_CONTEXT_PASSES: usize = 8;
/// Ambiguous names (R, Go, Spark…) weighed on one line.
const MAX_AMBIGUOUS_PER_LINE: usize = 256;

/// Evidence lines kept per skill; `SkillHit::lines` counts them all.
pub const MAX_EVIDENCE: usize = 20;

#[derive(Debug, Clone)]
struct LineHit {
    skill: usize,
    span: Range<usize>,
    kind: MatchKind,
    confidence: f32,
}

/// Whether `text` names a skill as written (an alias, not a described task): a posting's
/// short line that does is a requirement, whatever heading words it holds.
pub fn names_a_skill(lexicon: &Lexicon, text: &str, section: Section) -> bool {
    detect_line(lexicon, text, section).iter().any(|h| h.kind == MatchKind::Exact)
}

fn detect_line(lexicon: &Lexicon, text: &str, section: Section) -> Vec<LineHit> {
    let mut confirmed: Vec<LineHit> = Vec::new();
    let mut ambiguous: Vec<LineHit> = Vec::new();
    // Overlapping matches: a name inside a longer one counts too ("GitLab" in "GitLab CI",
    // "AWS" in "AWS Glue"), while word boundaries keep "Java" out of "JavaScript".
    // Names written in lower case where only another spelling counts ("spark" for Spark):
    // taken only as a whole item of a list beside a skill ("hadoop,hive,spark,scala").
    let mut lowercase: Vec<LineHit> = Vec::new();
    // The aliases are held in lower case and the line is read in lower case: lower-casing
    // ASCII keeps every byte offset, so a match's span indexes the line as written.
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    lexicon.aliases.for_each(lower.as_bytes(), |pattern, span| found.push((span.end, span.start, pattern)));
    // In the order of their ends, the longer first: a name's hits are taken before those of
    // the names it holds at its end, as an automaton reading the line reports them.
    found.sort_unstable();
    for (end, start, pattern) in found {
        let pattern = &lexicon.patterns[pattern];
        let span = start..end;
        if !on_word_boundaries(text, &span, &pattern.alias) {
            continue;
        }
        if !pattern.spellings.is_empty() && !pattern.spellings.iter().any(|s| text[span.clone()] == *s) {
            // The line's lower-cased copy matched the lower-case alias, so a form with no
            // capital is the alias itself: "spark" for Spark, never "SPARK".
            let written = &text[span.clone()];
            if span.len() > 1 && !written.bytes().any(|b| b.is_ascii_uppercase()) {
                let kind = MatchKind::Spacing;
                lowercase.push(LineHit { skill: pattern.skill, span, kind, confidence: kind.confidence(0) });
            }
            continue;
        }
        let hit = LineHit { skill: pattern.skill, span: span.clone(), kind: MatchKind::Exact, confidence: 1.0 };
        if pattern.needs_context {
            // "R- Experience - 12 months": a job portal's skill table glues the dash on.
            if !glued_to_other_word(text, &span) || duration_follows(&lexicon.context, text, &span) {
                ambiguous.push(hit);
            }
        } else {
            confirmed.push(hit);
        }
    }
    // An accepted ambiguous name can vouch for the next one ("Spark jobs in Scala"), so
    // repeat until nothing more is accepted.
    // Each ambiguous name is checked against the whole line: past a few hundred on one line
    // (no resume has that many) the rest are not read, so one line costs at most
    // MAX_AMBIGUOUS_PER_LINE × its length per pass.
    ambiguous.truncate(MAX_AMBIGUOUS_PER_LINE);
    let items = OnceCell::new();
    let mut pending = ambiguous;
    let mut passes = 0;
    loop {
        let before = pending.len();
        let mut still_pending = Vec::new();
        for mut hit in pending {
            let accepted = (section == Section::Skills && reads_as_list(text, SKILLS_LIST_WORDS))
                || language_word_follows(&lexicon.context, text, &hit.span)
                || duration_follows(&lexicon.context, text, &hit.span)
                || listed_under_a_skill(text, &hit.span, &confirmed)
                || next_to_a_skill(text, &items, &hit.span, &confirmed)
                || used_with_a_skill(&lexicon.context, text, &hit.span, &confirmed);
            if accepted {
                hit.kind = if section == Section::Skills { MatchKind::Exact } else { MatchKind::Context };
                hit.confidence = hit.kind.confidence(0);
                confirmed.push(hit);
            } else {
                still_pending.push(hit);
            }
        }
        pending = still_pending;
        passes += 1;
        // A chain longer than a few names is not a resume line; the bound keeps one line's
        // work linear in its length.
        if pending.is_empty() || pending.len() == before || passes == MAX_CONTEXT_PASSES || crate::deadline::expired() {
            break;
        }
    }
    lowercase.retain(|h| !confirmed.iter().any(|c| c.skill == h.skill));
    if !lowercase.is_empty() {
        let cut = items.get_or_init(|| list_items(text));
        lowercase
            .retain(|h| is_whole_list_item(text, cut, &h.span) && next_to_a_skill(text, &items, &h.span, &confirmed));
        confirmed.extend(lowercase);
    }
    confirmed.extend(fuzzy::near_misses(lexicon, text, &confirmed));
    confirmed.retain(|h| !lexicon.phrases.blocked(h.skill, text, &h.span));
    if section != Section::Skills {
        confirmed.retain(|h| !names_an_employer(lexicon, text, &h.span));
    }
    confirmed
}

/// The name opens an employer's line: it stands first, and all that follows it, after a
/// separator, is a place ("Figma • San Francisco", "MongoDB - Gurgaon, Haryana"). A product
/// company's name is not a skill of the people who work there.
fn names_an_employer(lexicon: &Lexicon, text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].trim();
    if !before.chars().all(|c| !c.is_alphanumeric()) {
        return false;
    }
    let after = text[span.end..].trim_start();
    if !after.starts_with(['•', '·', '|', '-', '–', '—', ',', '(']) {
        return false;
    }
    let mut words = crate::taxonomy::standing::title_words(after);
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    // "Gurgaon, Haryana": a city and its region, read from the end.
    while !words.is_empty() {
        let n = lexicon.standing.place_suffix(&words);
        if n == 0 {
            return false;
        }
        words.truncate(words.len() - n);
    }
    true
}

/// The most words a line of a skills section may have with no separator and still list things.
const SKILLS_LIST_WORDS: usize = 6;

/// Text that lists things rather than a sentence: a separator, or at most `max_words` words
/// (a line of a skills section, not a project description that ended up under
/// "Technologies"; "Statistics and Algorithms", not "designing new products and algorithms").
pub(super) fn reads_as_list(text: &str, max_words: usize) -> bool {
    text.contains([',', ';', '|', '•', '·', '/', '(', ':']) || text.split_whitespace().count() <= max_words
}

/// Every taxonomy skill found in the resume, in taxonomy order, with its evidence.
pub fn detect(resume: &Resume, lexicon: &Lexicon) -> Vec<SkillHit> {
    let mut by_skill: HashMap<usize, SkillHit> = HashMap::new();
    // A hit on `line` whose words are `matched`. Its evidence is made (the line's text copied)
    // only when it is kept: most hits repeat a line already kept, or come after the first
    // MAX_EVIDENCE lines.
    let mut add = |skill: usize, kind: MatchKind, confidence: f32, line: &Line, matched: &str| {
        let entry = by_skill.entry(skill).or_insert_with(|| SkillHit {
            skill,
            kind,
            confidence,
            evidence: Vec::new(),
            lines: Vec::new(),
        });
        if kind < entry.kind {
            entry.kind = kind;
        }
        entry.confidence = entry.confidence.max(confidence);
        if entry.lines.last() != Some(&line.number) {
            entry.lines.push(line.number);
        }
        // Keep the first MAX_EVIDENCE lines: lines mostly come in order, so a full list
        // whose last line is earlier than this one is left as it is (constant time).
        let full = entry.evidence.len() >= MAX_EVIDENCE;
        if full && entry.evidence.iter().all(|e| e.line < line.number) {
            return;
        }
        if !entry.evidence.iter().any(|e| e.line == line.number) {
            entry.evidence.push(Evidence {
                line: line.number,
                section: line.section,
                text: line.text.clone(),
                matched: matched.to_string(),
                kind,
            });
            if full {
                entry.evidence.sort_by_key(|e| e.line);
                entry.evidence.truncate(MAX_EVIDENCE);
            }
        }
    };
    let redefined = acronyms_spelt_out(resume, lexicon);
    for line in &resume.lines {
        // Past the deadline the rest is left unread; the pipeline reports the timeout.
        if crate::deadline::expired() {
            break;
        }
        if line.text.is_empty() || line.is_heading {
            continue;
        }
        for (skill, span) in lexicon.phrases.described(line) {
            let kind = MatchKind::Described;
            let matched = line.text.get(span).unwrap_or_default();
            add(skill, kind, kind.confidence(0), line, matched);
            for &implied in &lexicon.implies[skill] {
                let kind = MatchKind::Implied;
                add(implied, kind, kind.confidence(0), line, matched);
            }
        }
        let hits = detect_line(lexicon, &line.text, line.section);
        // Only a line with a hit looks for the employers its job names, once for all its hits.
        let employers =
            if hits.is_empty() { Vec::new() } else { employer_names_at(&line.text, &employers_named_on(resume, line)) };
        for hit in hits {
            // "ML Engineer, Figma • San Francisco": the employer's name, not the product.
            if employers.iter().any(|name| name.start <= hit.span.start && hit.span.end <= name.end) {
                continue;
            }
            let matched = &line.text[hit.span.clone()];
            // "GCP (Global Career Program)" elsewhere in the resume, and no other spelling of
            // GCP: not Google Cloud here.
            let mut spelt = redefined.iter().filter(|d| d.acronym == matched).peekable();
            if spelt.peek().is_some() && spelt.all(|d| d.means_another_thing(lexicon, hit.skill)) {
                continue;
            }
            add(hit.skill, hit.kind, hit.confidence, line, matched);
            for &implied in &lexicon.implies[hit.skill] {
                let kind = MatchKind::Implied;
                add(implied, kind, kind.confidence(0).min(hit.confidence), line, matched);
            }
        }
    }
    for &(signal, skill) in &lexicon.signal_skills {
        let lines = match signal {
            Signal::Leadership => &resume.leadership_lines,
        };
        for &number in lines {
            // Mentoring alone shows leadership, not leading a team.
            if let Some(line) = resume.line(number).filter(|l| l.leads_people(&lexicon.phrases.phrases)) {
                let kind = MatchKind::Signal;
                add(skill, kind, kind.confidence(0), line, &line.text);
            }
        }
    }
    let mut hits: Vec<SkillHit> = by_skill.into_values().collect();
    for hit in &mut hits {
        hit.evidence.sort_by_key(|e| e.line);
        hit.lines.sort_unstable();
        hit.lines.dedup();
    }
    hits.sort_by_key(|h| h.skill);
    hits
}

/// An acronym the resume spells out, and the skills its words name.
struct SpeltAcronym {
    acronym: String,
    expansion: String,
    shown: Vec<usize>,
}

impl SpeltAcronym {
    /// The resume's words for the acronym are not this skill's: the skill has its own words
    /// for it ("Google Cloud Platform" for GCP), and the resume's share none of them nor name
    /// the skill ("Global Career Program"). "Global Data Protection Regulation" (GDPR) shares
    /// words with the skill's; "Structured Query Language" (SQL) finds no long form to differ
    /// from, so the acronym keeps its reading.
    fn means_another_thing(&self, lexicon: &Lexicon, skill: usize) -> bool {
        if self.shown.contains(&skill) {
            return false;
        }
        let significant = |w: &&str| w.chars().count() > 3;
        let expansion = self.expansion.to_lowercase();
        let words: Vec<&str> = expansion.split_whitespace().filter(significant).collect();
        let mut long_forms = lexicon.patterns.iter().filter(|p| p.skill == skill).filter(|p| {
            let alias_words: Vec<&str> = p.alias.split_whitespace().collect();
            alias_words.len() > 1 && acronyms::spells(&self.acronym, &alias_words)
        });
        let mut any = false;
        let differ = long_forms.all(|p| {
            any = true;
            !p.alias.split_whitespace().filter(significant).any(|w| words.contains(&w))
        });
        any && differ
    }
}

/// The acronyms the resume spells out for itself, each with the skills its words name.
fn acronyms_spelt_out(resume: &Resume, lexicon: &Lexicon) -> Vec<SpeltAcronym> {
    let mut spelt = Vec::new();
    for line in resume.lines.iter().filter(|l| l.text.contains('(')) {
        for definition in acronyms::definitions_in(&line.text) {
            let shown = detect_line(lexicon, &definition.expansion, Section::Other).iter().map(|h| h.skill).collect();
            spelt.push(SpeltAcronym { acronym: definition.acronym, expansion: definition.expansion, shown });
        }
    }
    spelt
}

/// The most words of a headline: a longer line above the first heading is a resume run
/// together on one line, whose employers' names are also written as tools.
const MAX_HEADLINE_WORDS: usize = 12;

/// The employers a line may name: on a job's header lines (from its first header line to the
/// line after its dates), that job's employer; on a headline above the first heading, every
/// employer of the resume, since a headline names the current job ("Account Executive -
/// MongoDB").
fn employers_named_on<'r>(resume: &'r Resume, line: &Line) -> Vec<&'r str> {
    let number = line.number;
    let in_header = line.section == Section::Header && line.text.split_whitespace().count() <= MAX_HEADLINE_WORDS;
    resume
        .positions
        .iter()
        .filter(|p| in_header || (p.lines.start <= number && number <= p.line.max(p.lines.start) + 1))
        .filter_map(|p| p.company.as_deref())
        .filter(|c| !c.trim().is_empty())
        .collect()
}

/// Where the employers' names stand in `text`, in any letter case: a hit inside one is the
/// employer, not a skill. The positions reader has already told the employer from the title
/// and the place, wherever it stands on the line ("ML Engineer, Figma • San Francisco").
fn employer_names_at(text: &str, employers: &[&str]) -> Vec<Range<usize>> {
    if employers.is_empty() {
        return Vec::new();
    }
    // ASCII lower case keeps every byte offset, so the spans index the line as written.
    let lower = text.to_ascii_lowercase();
    let mut spans = Vec::new();
    for company in employers {
        let company = company.to_ascii_lowercase();
        spans.extend(lower.match_indices(&company).map(|(at, m)| at..at + m.len()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;
    use crate::parse::{dates::month, parse};
    use crate::taxonomy::Taxonomy;
    use std::path::Path;
    use std::sync::LazyLock;

    static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| Taxonomy::embedded().unwrap());
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(&TAXONOMY));

    fn found(text: &str) -> Vec<(String, MatchKind)> {
        let resume =
            parse(&TAXONOMY, &from_text(Path::new("t.txt"), text, &TAXONOMY.vocabulary).unwrap(), month(2026, 11));
        detect(&resume, &LEXICON).into_iter().map(|h| (TAXONOMY.skills[h.skill].id.clone(), h.kind)).collect()
    }

    fn ids(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(id, _)| id).collect()
    }

    /// A resume made of `text` shows each of `want`.
    fn assert_found(text: &str, want: &[&str]) {
        let got = ids(text);
        for id in want {
            assert!(got.iter().any(|g| g == id), "{id} not found in {text:?}: {got:?}");
        }
    }

    /// A resume made of `text` shows none of `unwanted`.
    fn assert_not_found(text: &str, unwanted: &[&str]) {
        let got = ids(text);
        for id in unwanted {
            assert!(!got.iter().any(|g| g == id), "{id} found in {text:?}: {got:?}");
        }
    }

    #[test]
    fn ambiguous_names_used_with_other_skills() {
        let got = ids("Experience\n- Wrote Spark jobs in Scala and streamed events with Kafka\n");
        assert!(got.contains(&"scala".to_string()) && got.contains(&"kafka".to_string()), "{got:?}");
        let got = ids(
            "Interests\nBook club: Kafka, Woolf. Dinners in Milan during the La Scala season with Python friends.\n",
        );
        assert!(!got.contains(&"kafka".to_string()) && !got.contains(&"scala".to_string()), "{got:?}");
    }

    #[test]
    fn traps_are_not_skills() {
        let text = "Summary\nDrove R&D spend and the go-to-market plan, briefing the C-suite.\n\
                    Built scalable campaigns that sparked growth; wrote JavaScript widgets.\nGo to the next level.";
        let got = ids(text);
        for trap in ["r", "go", "c", "scala", "spark", "java"] {
            assert!(!got.contains(&trap.to_string()), "{trap} found in {got:?}");
        }
        assert!(got.contains(&"javascript".to_string()));
    }

    #[test]
    fn single_letter_languages_count_in_lists_and_skills_sections() {
        let got = ids("Experience\n- Built forecasting models in R and Python\n- Services written in Go, C and C++\n");
        for id in ["r", "python", "go", "c", "cpp"] {
            assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
        }
        let got = ids("SKILLS\nR\nGo\n");
        assert!(got.contains(&"r".to_string()) && got.contains(&"go".to_string()), "{got:?}");
    }

    #[test]
    fn aliases_map_to_their_skill() {
        let got = ids("Skills\nsklearn, k8s, GCP, Postgres, PySpark, AWS SageMaker\n");
        for id in ["scikit-learn", "kubernetes", "google-cloud", "postgresql", "spark", "sagemaker", "aws"] {
            assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
        }
    }

    #[test]
    fn misspellings_and_spacing_variants_are_fuzzy() {
        let got = found("Experience\n- Trained models with Tensorflw and Py Torch on Kubernets\n");
        let kind = |id: &str| got.iter().find(|(s, _)| s == id).map(|(_, k)| *k);
        assert_eq!(kind("tensorflow"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("pytorch"), Some(MatchKind::Spacing));
        assert_eq!(kind("kubernetes"), Some(MatchKind::Fuzzy));
    }

    #[test]
    fn bounded_osa_agrees_with_strsim() {
        for (a, b) in [
            ("pytroch", "pytorch"),
            ("tensorflw", "tensorflow"),
            ("kubernets", "kubernetes"),
            ("docker", "docket"),
            ("abc", "xyz"),
            ("", "ab"),
        ] {
            let full = strsim::osa_distance(a, b);
            for max in 0..3 {
                assert_eq!(fuzzy::bounded_osa(a, b, max), (full <= max).then_some(full), "{a} {b} {max}");
            }
        }
    }

    #[test]
    fn described_work_is_a_skill_with_its_line_as_evidence() {
        let text = "Experience\n- Presented monthly findings to the operations director\n- Mentor junior members in the team\n";
        let resume =
            parse(&TAXONOMY, &from_text(Path::new("t.txt"), text, &TAXONOMY.vocabulary).unwrap(), month(2026, 11));
        let hits = detect(&resume, &LEXICON);
        let hit = |id: &str| hits.iter().find(|h| TAXONOMY.skills[h.skill].id == id);
        let communication = hit("communication").expect("communication from presenting findings");
        assert_eq!(communication.kind, MatchKind::Described);
        assert_eq!(communication.evidence[0].line, 2);
        assert_eq!(communication.evidence[0].matched, "Presented monthly findings to the operations director");
        assert!(hit("mentoring").is_some());
        assert_eq!(resume.leadership_lines, vec![3]);
    }

    #[test]
    fn look_alikes_are_guarded() {
        let got = ids("Experience\n- Performance tuning: updating statistics and rebuilding indexes\n\
             - Tracked defects in Agile Central\n- Developed novel algorithms for speech\n\
             - Responsible for sending reports\n- B.E. Electronics & Communication\n");
        for trap in ["statistics", "agile", "data-structures-algorithms", "ai-ethics", "communication"] {
            assert!(!got.contains(&trap.to_string()), "{trap} found in {got:?}");
        }
        let got = ids("Skills\nData Structures, Algorithms, Statistics, Agile\n");
        for id in ["data-structures-algorithms", "statistics", "agile"] {
            assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
        }
    }

    #[test]
    fn an_employer_line_is_not_a_skill() {
        let got =
            ids("Experience\nFigma • San Francisco\nProduct Designer, 2021 – 2024\n- Designed onboarding flows\n");
        assert!(!got.contains(&"figma".to_string()), "{got:?}");
        let got = ids("Experience\nMongoDB - Gurgaon, Haryana\nAccount Executive\n");
        assert!(!got.contains(&"mongodb".to_string()), "{got:?}");
        // Named as a tool on a line of work, the same name counts.
        let got = ids("Experience\n- Prototyped the onboarding flow in Figma\n- Stored events in MongoDB, Atlas\n");
        assert!(got.contains(&"figma".to_string()) && got.contains(&"mongodb".to_string()), "{got:?}");
    }

    #[test]
    fn a_name_with_the_time_it_was_used_is_a_skill_listed() {
        // Job portals list a skill with its years; the line has no separator and no heading.
        assert_found("Summary\nPython 3 years  C 1 year  Git 1 year\n", &["c"]);
        assert_found("Summary\nR- Experience - Less than 1 year months\n", &["r"]);
        // A letter and a number that is no time stays a letter.
        assert_not_found("Experience\n- Graded C 1 semester after the exams\n", &["c"]);
    }

    #[test]
    fn a_name_in_the_parentheses_after_a_skill_is_a_skill() {
        assert_found("Summary\nAWS (Glue, EMR, Lambda)\n", &["aws-emr"]);
        // Parentheses after an ordinary word vouch for nothing.
        assert_not_found("Experience\n- Charted records (EMR, paper files) for the clinic\n", &["aws-emr"]);
    }

    #[test]
    fn a_project_s_following_is_not_the_tool_used() {
        assert_not_found("Projects\n- Adopted by 3 labs, 8,500+ GitHub stars, 200+ contributors\n", &["github", "git"]);
        assert_found("Experience\n- Reviewed pull requests on GitHub for the data team\n", &["github"]);
    }

    #[test]
    fn jenkins_shows_ci_cd() {
        assert_found("Experience\n- Wrote the Jenkins jobs that deploy the pipelines\n", &["jenkins", "ci-cd"]);
    }

    #[test]
    fn a_labelled_list_of_languages_names_languages() {
        assert_found("Summary\nProgramming Languages: C, Core Java\n", &["c", "java"]);
    }

    #[test]
    fn names_in_lower_case_count_as_items_of_a_list_of_tools() {
        assert_found("Summary\nhadoop,hive,sqoop,python,spark,scala,sql.\n", &["spark", "scala"]);
        // In a sentence, the lower-case word is the ordinary word.
        assert_not_found("Experience\n- Helped spark interest in python among the interns\n", &["spark"]);
    }

    #[test]
    fn surface_variants_of_names() {
        assert_found("Skills\nLanguages: C ++, Python\n", &["cpp"]);
        // Version control written as the system used; "Performed" is no misspelt Perforce.
        assert_found("Experience\n- Kept the test scripts in ClearCase and later Perforce\n", &["version-control"]);
        assert_not_found("Experience\n- Performed the nightly load checks\n", &["version-control"]);
    }

    #[test]
    fn a_title_in_the_plural_names_colleagues() {
        assert_not_found(
            "Experience\n- Planned migrations with project managers and web teams\n",
            &["project-management"],
        );
        assert_found(
            "Experience\nProject Manager, Acme\n- Ran the project plan for the rollout\n",
            &["project-management"],
        );
    }

    #[test]
    fn an_acronym_the_resume_spells_otherwise_is_not_the_skill() {
        let spelt_otherwise =
            "Projects\nGCP Tracker\nGCP (Global Career Program) is a workflow tool tracking staff moves\n";
        assert_not_found(spelt_otherwise, &["google-cloud"]);
        // Spelt as the product, or not spelt at all, it is the product; and words close to
        // the skill's own ("Global Data Protection Regulation") spell the same thing.
        assert_found(
            "Projects\nMoved the batch jobs to GCP\nGoogle Cloud Platform (GCP) since 2019\n",
            &["google-cloud"],
        );
        assert_found("Skills\nGCP, BigQuery\n", &["google-cloud"]);
        assert_found(
            "Experience\n- Audited the Global Data Protection Regulation (GDPR) controls\n",
            &["data-privacy"],
        );
    }

    #[test]
    fn a_headline_naming_the_employer_is_not_a_skill() {
        let resume = "Sales Executive - Snowflake\n\nExperience\nSales Executive\nSnowflake - Austin, Texas\nMay 2019 to Present\n- Grew the region's revenue 3x\n";
        assert_not_found(resume, &["snowflake"]);
        // A headline naming a tool that is nobody's employer still shows it.
        let resume = "Data Engineer - Snowflake and dbt\n\nExperience\nData Engineer\nAcme Corp - Austin, Texas\nMay 2019 to Present\n";
        assert_found(resume, &["snowflake"]);
    }

    #[test]
    fn short_words_do_not_fuzzy_match() {
        let got = ids("Summary\nFiled a docket, set the scale, kept the ledger and the pandas at the zoo.\n");
        for id in ["docker", "scala"] {
            assert!(!got.contains(&id.to_string()), "{id} found in {got:?}");
        }
    }
}
