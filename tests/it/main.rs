//! The integration tests: one binary, one module per concern.
//!
//! Each file used to be a test binary of its own, each linking the library and its
//! dependencies again; one binary links once, and a `cargo test` of the whole suite spends
//! its time running tests rather than linking them. `cargo test --test it schema::` runs
//! one module's tests.

mod common;

mod audit;
mod batch;
mod broken;
mod citations;
mod cli;
mod codegen;
mod contract;
mod described;
mod doc_examples;
mod document_date;
mod duplicates;
mod eval;
mod experience;
mod explain;
mod fairness;
mod fit;
mod fixtures;
mod format_bombs;
mod formats;
mod hostile;
mod html;
mod json_resume;
mod kind;
mod manifest;
mod no_word_lists;
mod positions;
mod posting;
mod posting_patterns;
mod privacy;
mod rank_postings;
mod reading_order;
mod repository;
mod robustness;
mod schema;
mod serve;
mod snapshots;
mod technologies;
mod worker;
