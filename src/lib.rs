//! gap-check: a fast, offline, explainable resume-to-role skill-gap matcher.
//!
//! One straight pipe, one module a stage:
//!
//! ```text
//! ingest (file → numbered text lines) → parse (sections, dates, degree, leadership)
//!   → detect (taxonomy lexicon → skill hits with evidence) → assess (role → score, gaps,
//!   next step) → report / render (text, JSON)
//! ```
//!
//! [`Engine`] holds the taxonomy and its compiled lexicon and runs the whole pipe on one
//! resume; batch mode maps the same call over many files.

pub mod assess;
pub mod batch;
pub mod date;
pub mod detect;
pub mod error;
pub mod eval;
pub mod ingest;
pub mod parse;
pub mod render;
pub mod report;
pub mod taxonomy;

use std::path::Path;

use crate::date::Date;
use crate::detect::Lexicon;
use crate::error::InputError;
use crate::ingest::{Document, IngestOptions};
use crate::report::{PositionReport, Report, RoleScore, SkillReport};
use crate::taxonomy::{Role, Taxonomy};

/// What to measure a resume against.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// A role id; `None` ranks every role and measures against the best fit.
    pub target: Option<String>,
    /// The date "Present" stands for.
    pub as_of: Date,
}

pub struct Engine {
    taxonomy: Taxonomy,
    lexicon: Lexicon,
}

impl Engine {
    pub fn new(taxonomy: Taxonomy) -> Engine {
        let lexicon = Lexicon::new(&taxonomy);
        Engine { taxonomy, lexicon }
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Reads, parses and assesses one resume file.
    pub fn analyze_file(
        &self,
        path: &Path,
        ingest: &IngestOptions,
        options: &AnalysisOptions,
    ) -> Result<Report, InputError> {
        let doc = ingest::read_file(path, ingest)?;
        Ok(self.analyze(&doc, options))
    }

    /// Parses and assesses a document already read.
    pub fn analyze(&self, doc: &Document, options: &AnalysisOptions) -> Report {
        let taxonomy = &self.taxonomy;
        let resume = parse::parse_with(doc, options.as_of.as_month(), &taxonomy.phrases);
        let hits = detect::detect(&resume, &self.lexicon);
        let found = assess::SkillSet::new(taxonomy, &resume, &hits);
        let ranking = assess::rank(taxonomy, &resume, &found);
        let target: Option<&Role> = options.target.as_deref().and_then(|id| taxonomy.role_by_id(id));
        // The report measures against the target, or the best fit when none is given.
        let Some(role) = target.or_else(|| ranking.first().map(|(r, _)| *r)) else {
            unreachable!("a validated taxonomy has at least one role")
        };
        let assessment = assess::assess(role, &resume, &found);
        let seniority = assess::seniority(taxonomy, &resume);
        let progression = assess::progression(taxonomy, &resume, &found, &ranking, target, &seniority, &assessment);
        let (matched, missing) = report::split_outcomes(&assessment);

        let skills = hits
            .iter()
            .map(|hit| {
                let skill = &taxonomy.skills[hit.skill];
                let usage = found.usage(hit.skill);
                SkillReport {
                    months: usage.and_then(|u| u.months),
                    last_used: usage.and_then(|u| u.last_used),
                    found_in: usage.map(|u| u.found_in.clone()).unwrap_or_default(),
                    id: skill.id.clone(),
                    name: skill.name.clone(),
                    category: skill.category.clone(),
                    confidence: (hit.confidence * 100.0).round() / 100.0,
                    kind: hit.kind,
                    fuzzy: matches!(hit.kind, detect::MatchKind::Fuzzy | detect::MatchKind::Spacing),
                    evidence: hit.evidence.clone(),
                }
            })
            .collect();

        let positions = resume
            .positions
            .iter()
            .map(|p| PositionReport {
                line: p.line,
                start: month_string(p.range.start),
                end: month_string(p.range.end - 1),
                ongoing: p.range.ongoing,
                months: p.range.months(),
                title: p.title_context.first().cloned(),
            })
            .collect();

        Report {
            schema_version: report::SCHEMA_VERSION,
            as_of: options.as_of.to_string(),
            input: report::Input {
                path: doc.path.display().to_string(),
                format: doc.format.as_str(),
                sha256: doc.sha256.clone(),
                lines: doc.lines.len(),
            },
            skills,
            target: report::Target {
                id: role.id.clone(),
                title: role.title.clone(),
                chosen: if target.is_some() { "given" } else { "best-fit" },
            },
            score: assessment.score,
            score_detail: report::ScoreDetail {
                earned_weight: assessment.earned_weight,
                total_weight: assessment.total_weight,
                formula: report::SCORE_FORMULA,
            },
            matched,
            missing,
            experience: report::Experience {
                years: resume.experience_months.map(|m| (m as f64 / 12.0 * 100.0).round() / 100.0),
                months: resume.experience_months,
                positions,
            },
            education: report::Education {
                highest_degree: resume.highest_degree,
                field: resume.degree_field.clone(),
                line: resume.degree_line,
            },
            leadership: report::Leadership {
                evidence: resume
                    .leadership_lines
                    .iter()
                    .filter_map(|&n| resume.line(n))
                    .map(|l| report::LineRef { line: l.number, text: l.text.clone() })
                    .collect(),
            },
            seniority,
            progression,
            ranking: ranking
                .iter()
                .map(|(r, score)| RoleScore { id: r.id.clone(), title: r.title.clone(), score: *score })
                .collect(),
        }
    }
}

fn month_string(m: parse::dates::Month) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}
