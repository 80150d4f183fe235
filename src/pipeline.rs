//! The pipe for one resume: ingest → parse → detect → assess → report.

use std::path::Path;
use std::sync::Arc;

use crate::assess;
use crate::calendar::Date;
use crate::detect::{self, Lexicon};
use crate::error::InputError;
use crate::ingest::{self, Document, IngestOptions};
use crate::parse;
use crate::posting::{self, Posting, PostingError};
use crate::report::build::Stages;
use crate::report::Report;
use crate::taxonomy::{Role, Taxonomy};

/// What to measure a resume against.
#[derive(Debug, Clone)]
pub enum Target {
    /// Rank every role and measure against the best fit.
    BestFit,
    /// A role id of the taxonomy.
    Role(String),
    /// A job posting, read once and shared by every resume of a batch.
    Posting(Arc<Posting>),
}

#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    pub target: Target,
    /// The date "Present" stands for.
    pub as_of: Date,
}

/// The taxonomy and its compiled lexicon: built once, then used for every resume.
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

    /// Reads a job posting already ingested into requirements, to measure resumes against.
    pub fn read_posting(&self, doc: &Document, as_of: Date) -> Result<Posting, PostingError> {
        posting::read(&self.taxonomy, &self.lexicon, doc, as_of)
    }

    /// Parses and assesses a document already read.
    pub fn analyze(&self, doc: &Document, options: &AnalysisOptions) -> Report {
        let taxonomy = &self.taxonomy;
        let resume = parse::parse(taxonomy, doc, options.as_of.as_month());
        let hits = detect::detect(&resume, &self.lexicon);
        let found = assess::SkillSet::new(taxonomy, &resume, &hits);
        let ranking = assess::rank(taxonomy, &resume, &found);
        // The report measures against the target, or the best fit when none is given; the
        // ladder moves toward the target role, or toward the posting's family.
        let best = || ranking.first().map(|(r, _)| *r).expect("a validated taxonomy has at least one role");
        let (role, ladder_target, posting): (&Role, Option<&Role>, Option<&Posting>) = match &options.target {
            Target::BestFit => (best(), None, None),
            Target::Role(id) => match taxonomy.role_by_id(id) {
                Some(role) => (role, Some(role), None),
                None => (best(), None, None),
            },
            Target::Posting(p) => (&p.role, p.family.as_deref().and_then(|f| taxonomy.role_by_id(f)), Some(p)),
        };
        let given = !matches!(options.target, Target::BestFit);
        let assessment = assess::assess(taxonomy, role, &resume, &found);
        let seniority = assess::seniority(taxonomy, &resume);
        let mut progression =
            assess::progression(taxonomy, &resume, &found, &ranking, ladder_target, &seniority, &assessment);
        if posting.is_some() {
            // The actions close the posting's gaps, not its family's.
            progression.goal_role = role.id.clone();
            progression.actions = assess::progression::actions_for(&assessment);
        }
        Report::build(Stages {
            taxonomy,
            doc,
            as_of: options.as_of,
            resume: &resume,
            hits: &hits,
            found: &found,
            role,
            given,
            posting,
            assessment: &assessment,
            seniority: &seniority,
            progression: &progression,
            ranking: &ranking,
        })
    }
}
