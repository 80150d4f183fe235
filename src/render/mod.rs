//! Stage 5: reports rendered for people (text, HTML) and programs (JSON, NDJSON, CSV).

pub mod csv;
pub mod explain;
pub mod html;
pub mod json;
pub mod json_resume;
pub mod posting;
pub mod rank;
pub mod text;

use std::sync::Mutex;

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
    /// A self-contained web page with pictures: a report for one resume, a sortable
    /// shortlist for several.
    Html,
    /// The parse as a JSON Resume 1.0 document (work, education, skills; no contact
    /// details): one for one resume, one per line for several.
    JsonResume,
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
    /// The scores of the rows written so far, for the HTML shortlist's histogram.
    histogram: Mutex<html::Histogram>,
}

impl<'t> Renderer<'t> {
    pub fn new(format: Format, many: bool, taxonomy: &'t Taxonomy, style: text::Style) -> Renderer<'t> {
        Renderer { format, many, taxonomy, style, histogram: Mutex::default() }
    }

    pub fn prefix(&self) -> Vec<u8> {
        match self.format {
            Format::Json if self.many => b"[\n".to_vec(),
            Format::Csv => csv::header(),
            Format::Html if self.many => html::shortlist_head().into_bytes(),
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

    /// What closes the output. For the HTML shortlist, the score histogram of every row
    /// rendered before (see `html.rs`).
    pub fn suffix(&self) -> Vec<u8> {
        match self.format {
            Format::Json if self.many => b"\n]\n".to_vec(),
            Format::Json => b"\n".to_vec(),
            Format::Html if self.many => {
                let histogram = self.histogram.lock().map(|h| *h).unwrap_or_default();
                html::shortlist_tail(&histogram).into_bytes()
            }
            _ => Vec::new(),
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
            Format::Html if self.many => {
                if let Ok(mut histogram) = self.histogram.lock() {
                    histogram.add(record);
                }
                Some(html::shortlist_row(record).into_bytes())
            }
            Format::Html => match record {
                Record::Report(r) => Some(html::report_page(r, self.taxonomy).into_bytes()),
                Record::Error(_) => None,
            },
            Format::JsonResume => match record {
                Record::Report(r) => Some(json_resume::render(r, self.many).into_bytes()),
                Record::Error(_) => None,
            },
        }
    }
}
