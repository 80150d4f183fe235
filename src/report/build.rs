//! From the stages' own types to the contract: the one place that decides what the JSON
//! report says about a resume.

use super::*;
use crate::assess::{self, Assessment, Outcome, SkillSet};
use crate::calendar::Date;
use crate::detect::{self, SkillHit};
use crate::ingest::Document;
use crate::parse::{self, dates::Month, Resume};
use crate::posting::Posting;
use crate::taxonomy::{self, Citation, Role, Taxonomy};

/// Everything the pipeline computed for one resume, as the report is built from it.
pub struct Stages<'a> {
    pub taxonomy: &'a Taxonomy,
    pub doc: &'a Document,
    pub as_of: Date,
    pub as_of_basis: crate::pipeline::AsOfBasis,
    pub resume: &'a Resume,
    pub hits: &'a [SkillHit],
    pub found: &'a SkillSet<'a>,
    /// The role measured against, and whether the user chose it.
    pub role: &'a Role,
    pub given: bool,
    /// The posting the role was read from, when the target is a posting.
    pub posting: Option<&'a Posting>,
    pub assessment: &'a Assessment,
    pub seniority: &'a assess::Seniority,
    pub progression: &'a assess::Progression,
    pub ranking: &'a [assess::Ranked<'a>],
    /// What kind of document it is (`parse::kind`).
    pub kind: &'a crate::parse::kind::Verdict,
}

impl Report {
    pub fn build(s: Stages<'_>) -> Report {
        let mut report = Report::build_findings(s);
        report.explanation = crate::explain::explain(&report);
        report
    }

    fn build_findings(s: Stages<'_>) -> Report {
        let (taxonomy, resume) = (s.taxonomy, s.resume);
        let skills = s
            .hits
            .iter()
            .map(|hit| {
                let skill = &taxonomy.skills[hit.skill];
                let usage = s.found.usage(hit.skill);
                SkillReport {
                    months: usage.and_then(|u| u.months),
                    last_used: usage.and_then(|u| u.last_used),
                    found_in: usage.map(|u| u.found_in.iter().map(|&x| x.into()).collect()).unwrap_or_default(),
                    id: skill.id.clone(),
                    name: skill.name.clone(),
                    category: skill.category.clone(),
                    tier: match skill.tier {
                        taxonomy::Tier::Core => Tier::Core,
                        taxonomy::Tier::Technology => Tier::Technology,
                    },
                    confidence: (hit.confidence * 100.0).round() / 100.0,
                    kind: hit.kind.into(),
                    fuzzy: matches!(hit.kind, detect::MatchKind::Fuzzy | detect::MatchKind::Spacing),
                    evidence: hit.evidence.iter().take(MAX_EVIDENCE).map(Evidence::from).collect(),
                    evidence_total: hit.lines.len().max(hit.evidence.len()),
                    esco: taxonomy.identifiers.skill(&skill.id).map(|i| esco_refs(&i.esco)).unwrap_or_default(),
                    onet: taxonomy
                        .identifiers
                        .skill(&skill.id)
                        .map(|i| {
                            i.onet
                                .iter()
                                .map(|o| OnetRef {
                                    code: o.code.clone(),
                                    title: o.title.clone(),
                                    example: o.example.clone(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let positions = resume
            .positions
            .iter()
            .take(MAX_POSITIONS)
            .map(|p| {
                // One reading of the title gives both its family and its grade.
                let classified = p.title.as_deref().map(|title| taxonomy.classify_title(title));
                PositionReport {
                    line: p.line,
                    start: month_string(p.range.start),
                    end: month_string(p.range.end - 1),
                    ongoing: p.range.ongoing,
                    months: p.range.months(),
                    title: p.title.clone(),
                    company: p.company.clone(),
                    location: p.location.clone(),
                    title_family: classified
                        .as_ref()
                        .map(|(role, _)| role.map_or_else(|| "none".to_string(), |r| r.id.clone())),
                    title_level: classified.and_then(|(_, level)| level).map(Level::from),
                }
            })
            .collect();
        let matched = s.assessment.matched().map(Requirement::from).collect();
        let mut missing: Vec<Requirement> = s.assessment.missing().map(Requirement::from).collect();
        missing.sort_by(|a, b| b.points.total_cmp(&a.points));
        Report {
            schema_version: SCHEMA_VERSION,
            as_of: s.as_of.to_string(),
            document: DocumentKind { kind: s.kind.kind.as_str(), reason: s.kind.reason.clone() },
            input: Input {
                path: path_text(&s.doc.path).0,
                path_bytes: path_text(&s.doc.path).1,
                format: s.doc.format.as_str(),
                sha256: s.doc.sha256.clone(),
                text_sha256: s.doc.text_sha256(),
                duplicate_of: None,
                lines: s.doc.lines.len(),
                ocr: s.doc.ocr_confidence.is_some(),
                ocr_confidence: s.doc.ocr_confidence,
            },
            skills,
            target: Target {
                kind: if s.posting.is_some() { TargetKind::Posting } else { TargetKind::Role },
                id: s.role.id.clone(),
                title: s.role.title.clone(),
                chosen: if s.given { TargetChoice::Given } else { TargetChoice::BestFit },
                path: s.posting.map(|p| p.path.clone()),
                sha256: s.posting.map(|p| p.sha256.clone()),
                family: s.posting.map(|p| p.family.clone().unwrap_or_else(|| "none".to_string())),
                level: s.posting.and_then(|p| p.level.clone()).map(Level::from),
                onet_soc: match s.posting {
                    Some(p) => title_socs(taxonomy, &p.title),
                    None => taxonomy.identifiers.role(&s.role.id).map(|r| role_socs(&r.onet_soc)).unwrap_or_default(),
                },
                esco: match s.posting {
                    Some(_) => Vec::new(),
                    None => taxonomy.identifiers.role(&s.role.id).map(|r| esco_refs(&r.esco)).unwrap_or_default(),
                },
            },
            score: s.assessment.score,
            score_detail: ScoreDetail {
                earned_weight: s.assessment.earned_weight,
                total_weight: s.assessment.total_weight,
                skill_fit: round2(s.assessment.skill_fit),
                capped_at: s.assessment.capped_at,
                formula: score_formula(taxonomy.fit.min_bar_share, taxonomy.fit.no_skill_score_cap),
            },
            matched,
            missing,
            experience: Experience {
                years: resume.experience_months.map(|m| (m as f64 / 12.0 * 100.0).round() / 100.0),
                months: resume.experience_months,
                basis: resume.experience_basis.as_str(),
                stated_years: resume.stated_months.map(|m| (m as f64 / 12.0 * 100.0).round() / 100.0),
                positions,
                positions_total: resume.positions.len(),
                undated_positions: resume
                    .undated_positions
                    .iter()
                    .take(MAX_POSITIONS)
                    .map(|u| {
                        let (family, level) = taxonomy.classify_title(&u.title);
                        UndatedPositionReport {
                            line: u.line,
                            title: u.title.clone(),
                            company: u.company.clone(),
                            location: u.location.clone(),
                            title_family: family.map_or_else(|| "none".to_string(), |r| r.id.clone()),
                            title_level: level.map(Level::from),
                        }
                    })
                    .collect(),
                as_of: s.as_of.to_string(),
                as_of_basis: s.as_of_basis.into(),
            },
            education: Education {
                highest_degree: resume.highest_degree.into(),
                field: resume.degree_field.clone(),
                line: resume.degree_line,
            },
            leadership: Leadership {
                evidence: resume
                    .leadership_lines
                    .iter()
                    .filter_map(|&n| resume.line(n))
                    .take(MAX_EVIDENCE)
                    .map(|l| LineRef {
                        line: l.number,
                        section: l.section.into(),
                        text: l.text.clone(),
                        matched: leading_words(taxonomy, l),
                    })
                    .collect(),
                evidence_total: resume.leadership_lines.len(),
            },
            seniority: s.seniority.into(),
            progression: Progression {
                current_onet_soc: s
                    .progression
                    .current_title
                    .as_deref()
                    .map(|t| title_socs(taxonomy, t))
                    .unwrap_or_default(),
                ..s.progression.into()
            },
            ranking: s
                .ranking
                .iter()
                .map(|r| RoleScore {
                    id: r.role.id.clone(),
                    title: r.role.title.clone(),
                    score: r.score,
                    skill_fit: round2(r.skill_fit),
                })
                .collect(),
            explanation: Explanation::default(),
        }
    }
}

/// Two decimals: a share as the report states it.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn esco_refs(entries: &[taxonomy::identifiers::Esco]) -> Vec<EscoRef> {
    entries
        .iter()
        .map(|e| EscoRef { uri: e.uri.clone(), label: e.label.clone(), strength: e.strength.as_str() })
        .collect()
}

fn role_socs(entries: &[taxonomy::identifiers::OnetSoc]) -> Vec<SocRef> {
    entries
        .iter()
        .map(|o| SocRef { code: o.code.clone(), title: o.title.clone(), how: o.strength.as_str(), matched_title: None })
        .collect()
}

/// The O*NET-SOC occupations a job title names (O*NET's alternate titles).
fn title_socs(taxonomy: &Taxonomy, title: &str) -> Vec<SocRef> {
    taxonomy::identifiers::OnetTitles::embedded()
        .lookup(title, &taxonomy.standing)
        .into_iter()
        .map(|o| SocRef { code: o.code, title: o.title, how: o.how.as_str(), matched_title: Some(o.matched) })
        .collect()
}

fn month_string(m: Month) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

fn sources(citations: &[Citation]) -> Vec<Source> {
    citations
        .iter()
        .map(|c| Source { document: c.doc.clone(), section: c.section.clone(), line: c.line, text: c.text.clone() })
        .collect()
}

impl From<&Outcome> for Requirement {
    fn from(o: &Outcome) -> Requirement {
        Requirement {
            id: o.id.clone(),
            kind: match o.kind {
                assess::RequirementKind::Skill => RequirementKind::Skill,
                assess::RequirementKind::Experience => RequirementKind::Experience,
                assess::RequirementKind::Education => RequirementKind::Education,
                assess::RequirementKind::Leadership => RequirementKind::Leadership,
            },
            label: o.label.clone(),
            importance: o.importance.into(),
            weight: o.weight,
            earned: o.earned,
            met: o.met,
            note: o.note.clone(),
            any_of: o.any_of.clone(),
            met_by: o.met_by.clone(),
            source: sources(&o.source),
            advice: sources(&o.advice),
            points: o.points,
            min_years: o.min_years,
            preferred_years: o.preferred_years,
            min_degree: o.min_degree.map(Degree::from),
            preferred_degree: o.preferred_degree.map(Degree::from),
        }
    }
}

impl From<&detect::Evidence> for Evidence {
    fn from(e: &detect::Evidence) -> Evidence {
        Evidence {
            line: e.line,
            section: e.section.into(),
            text: e.text.clone(),
            matched: e.matched.clone(),
            kind: e.kind.into(),
        }
    }
}

impl From<detect::MatchKind> for MatchKind {
    fn from(k: detect::MatchKind) -> MatchKind {
        match k {
            detect::MatchKind::Exact => MatchKind::Exact,
            detect::MatchKind::Context => MatchKind::Context,
            detect::MatchKind::Signal => MatchKind::Signal,
            detect::MatchKind::Described => MatchKind::Described,
            detect::MatchKind::Spacing => MatchKind::Spacing,
            detect::MatchKind::Fuzzy => MatchKind::Fuzzy,
            detect::MatchKind::Implied => MatchKind::Implied,
        }
    }
}

impl From<parse::Section> for Section {
    fn from(s: parse::Section) -> Section {
        match s {
            parse::Section::Header => Section::Header,
            parse::Section::Summary => Section::Summary,
            parse::Section::Skills => Section::Skills,
            parse::Section::Experience => Section::Experience,
            parse::Section::Education => Section::Education,
            parse::Section::Projects => Section::Projects,
            parse::Section::Certifications => Section::Certifications,
            parse::Section::Publications => Section::Publications,
            parse::Section::Other => Section::Other,
        }
    }
}

impl From<taxonomy::Level> for Level {
    fn from(l: taxonomy::Level) -> Level {
        match l {
            taxonomy::Level::Entry => Level::Entry,
            taxonomy::Level::Mid => Level::Mid,
            taxonomy::Level::Senior => Level::Senior,
            taxonomy::Level::Lead => Level::Lead,
        }
    }
}

impl From<taxonomy::Degree> for Degree {
    fn from(d: taxonomy::Degree) -> Degree {
        match d {
            taxonomy::Degree::None => Degree::None,
            taxonomy::Degree::Associate => Degree::Associate,
            taxonomy::Degree::Bachelor => Degree::Bachelor,
            taxonomy::Degree::Master => Degree::Master,
            taxonomy::Degree::Phd => Degree::Phd,
        }
    }
}

impl From<taxonomy::Importance> for Importance {
    fn from(i: taxonomy::Importance) -> Importance {
        match i {
            taxonomy::Importance::Required => Importance::Required,
            taxonomy::Importance::Preferred => Importance::Preferred,
        }
    }
}

impl From<&assess::Seniority> for Seniority {
    fn from(s: &assess::Seniority) -> Seniority {
        Seniority {
            highest_level: s.highest_level.clone().map(Level::from),
            highest_title: s.highest_title.clone(),
            months_at_highest_level: s.months_at_highest_level,
            leadership_months: s.leadership_months,
            management_level: match s.management_level {
                assess::ManagementLevel::None => ManagementLevel::None,
                assess::ManagementLevel::Mentor => ManagementLevel::Mentor,
                assess::ManagementLevel::TeamLead => ManagementLevel::TeamLead,
                assess::ManagementLevel::Manager => ManagementLevel::Manager,
                assess::ManagementLevel::Director => ManagementLevel::Director,
            },
        }
    }
}

impl From<&assess::Progression> for Progression {
    fn from(p: &assess::Progression) -> Progression {
        Progression {
            current_role: p.current_role.clone(),
            current_title: p.current_title.clone(),
            current_level: p.current_level.clone().map(Level::from),
            current_onet_soc: Vec::new(),
            basis: match p.basis {
                assess::Basis::Title => Basis::Title,
                assess::Basis::Skills => Basis::Skills,
            },
            standing_basis: p.standing_basis.as_str(),
            position_line: p.position_line,
            standing_reason: p.reason.clone(),
            next_role: p.next_role.clone(),
            next_title: p.next_title.clone(),
            next_level: p.next_level.clone().map(Level::from),
            outside_families: p.outside_families,
            change_of_field: p.change_of_field,
            goal_role: p.goal_role.clone(),
            goal_title: p.goal_title.clone(),
            actions: p
                .actions
                .iter()
                .map(|a| Action {
                    requirement: a.requirement.clone(),
                    action: a.action.clone(),
                    points: a.points,
                    importance: a.importance.into(),
                    source: sources(&a.source),
                })
                .collect(),
        }
    }
}

impl PostingReport {
    pub fn build(posting: &Posting) -> PostingReport {
        let role = &posting.role;
        let requirement = |id: &str, kind, label: String, importance, weight, source: &[Citation]| PostingRequirement {
            id: id.to_string(),
            kind,
            label,
            importance,
            weight,
            any_of: vec![],
            min_years: None,
            preferred_years: None,
            min_degree: None,
            preferred_degree: None,
            source: sources(source),
        };
        let mut requirements: Vec<PostingRequirement> = role
            .requirements
            .iter()
            .map(|r| PostingRequirement {
                any_of: r.any_of.clone(),
                ..requirement(&r.id, RequirementKind::Skill, r.label.clone(), r.importance.into(), r.weight, &r.source)
            })
            .collect();
        if let Some(bar) = &role.experience {
            requirements.push(PostingRequirement {
                min_years: Some(bar.min_years),
                preferred_years: bar.preferred_years,
                ..requirement(
                    "experience",
                    RequirementKind::Experience,
                    format!("{}+ years", bar.min_years),
                    Importance::Required,
                    bar.weight,
                    &bar.source,
                )
            });
        }
        if let Some(bar) = &role.education {
            requirements.push(PostingRequirement {
                min_degree: Some(bar.min.into()),
                preferred_degree: bar.preferred.map(Degree::from),
                ..requirement(
                    "education",
                    RequirementKind::Education,
                    Degree::from(bar.min).as_str().to_string(),
                    Importance::Required,
                    bar.weight,
                    &bar.source,
                )
            });
        }
        if let Some(bar) = &role.leadership {
            requirements.push(requirement(
                "leadership",
                RequirementKind::Leadership,
                "leading, managing or mentoring people".to_string(),
                Importance::Required,
                bar.weight,
                &bar.source,
            ));
        }
        PostingReport {
            schema_version: SCHEMA_VERSION,
            path: posting.path.clone(),
            sha256: posting.sha256.clone(),
            title: posting.title.clone(),
            family: posting.family.clone().unwrap_or_else(|| "none".to_string()),
            level: posting.level.clone().map(Level::from),
            resume_like: posting.resume_like,
            requirements,
        }
    }
}

/// The words of a line that lead people, as the phrase rule found them; `None` when they are
/// the whole line or run past it (a sentence read across a line wrap).
fn leading_words(taxonomy: &Taxonomy, line: &crate::parse::Line) -> Option<String> {
    let leads = |h: &&crate::taxonomy::phrases::PhraseHit| {
        taxonomy.phrases.rules[h.rule].leadership == Some(crate::taxonomy::phrases::Leadership::Leads)
    };
    let hit = line
        .phrases
        .iter()
        .find(leads)
        .or_else(|| line.phrases.iter().find(|h| taxonomy.phrases.rules[h.rule].leadership.is_some()))?;
    let words = line.text.get(hit.span.clone())?;
    (words.len() < line.text.trim().len()).then(|| words.to_string())
}
