//! gap-check: a fast, offline, explainable resume-to-role skill-gap matcher.
//!
//! One straight pipe, one module a stage:
//!
//! ```text
//! ingest (file → numbered text lines) → parse (sections, dates, degree, leadership)
//!   → detect (taxonomy lexicon → skill hits with evidence) → assess (role → score, gaps,
//!   next step) → report (the JSON contract) → render (text, JSON, NDJSON, CSV)
//! ```
//!
//! [`Engine`] (`pipeline.rs`) holds the taxonomy and its compiled lexicon and runs the whole
//! pipe on one resume; [`Engine::run`] (`entry.rs`) is the one call the CLI, the HTTP service
//! and the Python package make for a document; [`batch`] maps the same call over many inputs, and [`eval`] scores
//! the reading against labelled folders.

pub mod assess;
pub mod audit;
pub mod batch;
pub mod calendar;
pub mod deadline;
pub mod detect;
pub mod entry;
pub mod error;
pub mod eval;
pub mod explain;
pub mod ingest;
pub mod manifest;
pub mod parse;
pub mod pipeline;
pub mod posting;
pub mod rank;
pub mod render;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod taxonomy;

pub use entry::{Options, Source, TargetError};
pub use pipeline::{AnalysisOptions, Engine, Target};
