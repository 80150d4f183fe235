//! Stage 5: reports rendered for people (text) and programs (JSON, NDJSON, CSV).

pub mod csv;
pub mod explain;
pub mod json;
pub mod text;

use crate::report::Record;
use crate::taxonomy::Taxonomy;

/// Output formats: the one list that `--format` offers and the renderers implement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A report for people (the default).
    Text,
    /// The JSON contract: an object for one resume, an array for several.
    Json,
    /// One JSON contract object per line.
    Ndjson,
    /// One spreadsheet row per resume.
    Csv,
}

/// Renders records one at a time into byte chunks, and says what goes before, between and
/// after them. Rendering per record lets batch output stream (or be reordered by score)
/// without holding reports.
pub struct Renderer<'t> {
    pub format: Format,
    /// `--format json` on one resume prints an object; on several, an array.
    pub many: bool,
    pub taxonomy: &'t Taxonomy,
    pub style: text::Style,
}

impl Renderer<'_> {
    pub fn prefix(&self) -> Vec<u8> {
        match self.format {
            Format::Json if self.many => b"[\n".to_vec(),
            Format::Csv => csv::header(),
            _ => Vec::new(),
        }
    }

    pub fn separator(&self) -> &'static [u8] {
        match self.format {
            Format::Json if self.many => b",\n",
            Format::Text => b"\n",
            _ => b"",
        }
    }

    pub fn suffix(&self) -> &'static [u8] {
        match self.format {
            Format::Json if self.many => b"\n]\n",
            Format::Json => b"\n",
            _ => b"",
        }
    }

    /// The chunk for one record; `None` when this format shows nothing for it (a text
    /// report has no body for an unreadable file: its error goes to stderr).
    pub fn chunk(&self, record: &Record) -> Option<Vec<u8>> {
        match self.format {
            Format::Text => match record {
                Record::Report(r) => Some(text::render(r, self.taxonomy, self.style).into_bytes()),
                Record::Error(_) => None,
            },
            Format::Json => Some(json::to_json(record).into_bytes()),
            Format::Ndjson => {
                let mut out = Vec::new();
                json::write_ndjson_line(&mut out, record).ok()?;
                Some(out)
            }
            Format::Csv => Some(csv::row(record)),
        }
    }
}
