//! Stage 5: reports rendered for people (text) and programs (JSON).

pub mod json;
pub mod text;

/// Output formats for one resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}
