//! The text of a PDF as lines in reading order, two-column pages read column by column.
//!
//! pdf-extract's `extract_text` decides spaces and line breaks from the order glyphs are
//! drawn in, which glues the two columns of a two-column resume together ("DockerKubernetes").
//! Instead every glyph is collected with its position (by the crate's own content-stream
//! interpreter on lopdf, `src/interpreter.rs`, or pdf-extract's positioned-character interface),
//! lines are rebuilt from baselines, words from horizontal gaps, and a page whose rows are
//! split by a common vertical gutter is read column by column.
//!
//! ```no_run
//! let bytes = std::fs::read("resume.pdf").unwrap();
//! match pdf_lines::extract_lines(&bytes) {
//!     Ok(lines) => lines.iter().for_each(|line| println!("{line}")),
//!     Err(pdf_lines::Error::NoTextLayer) => eprintln!("a scan: OCR it"),
//!     Err(e) => eprintln!("{e}"),
//! }
//! ```
//!
//! Every failure is an [`Error`], never a panic: a panic inside lopdf or pdf-extract is caught
//! and reported as [`Error::ExtractorCrashed`]. A stack overflow, an abort or an endless loop
//! is not contained by `catch_unwind`; callers that read untrusted files should run the
//! extraction in a child process with limits (gap-check's extraction worker does).

mod font;
mod interpreter;

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Why a PDF gave no text. The messages are the ones gap-check shows after a file name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// lopdf or pdf-extract could not parse the file; the first line of their message.
    #[error("damaged PDF: {0}")]
    DamagedPdf(String),
    #[error("PDF is password-protected")]
    PasswordProtected,
    /// Pages without any text: most likely a scan.
    #[error("PDF has no text layer, probably a scan (OCR it first)")]
    NoTextLayer,
    /// A panic inside the PDF libraries, caught.
    #[error("PDF text extraction crashed: {0}")]
    ExtractorCrashed(String),
}

/// Whether the bytes start like a PDF (`%PDF-` in the first kilobyte).
pub fn has_pdf_header(bytes: &[u8]) -> bool {
    // The spec allows junk before the header; readers look in the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Which code turns a PDF's content into positioned glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extractor {
    /// The crate's own interpreter on lopdf (`src/interpreter.rs`), and pdf-extract when it
    /// finds no text at all (or fails) on a file pdf-extract can read.
    Auto,
    /// Only the crate's own interpreter.
    Lopdf,
    /// Only pdf-extract's positioned-character output.
    PdfExtract,
}

impl Extractor {
    /// `auto`, `lopdf` or `pdf-extract`.
    pub fn from_name(name: &str) -> Option<Extractor> {
        match name {
            "auto" => Some(Extractor::Auto),
            "lopdf" => Some(Extractor::Lopdf),
            "pdf-extract" => Some(Extractor::PdfExtract),
            _ => None,
        }
    }
}

/// Text lines of a PDF, in reading order. Panics inside the extractor are caught and
/// reported as a crash of the extractor.
pub fn extract_lines(bytes: &[u8]) -> Result<Vec<String>, Error> {
    extract_lines_with(bytes, Extractor::Auto)
}

/// [`extract_lines`] with a chosen extractor (for measuring one against the other).
pub fn extract_lines_with(bytes: &[u8], extractor: Extractor) -> Result<Vec<String>, Error> {
    extract_with_dates(bytes, extractor).map(|(lines, _)| lines)
}

/// The dates of a PDF's `/Info` dictionary as written there (PDF date strings such as
/// `D:20240115093000+01'00'`, though producers write all sorts), not parsed: what counts as a
/// plausible date is the caller's decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfoDates {
    /// `ModDate`: when the file was last saved.
    pub modified: Option<String>,
    /// `CreationDate`.
    pub created: Option<String>,
}

impl InfoDates {
    /// The dates present, the modification date first.
    pub fn newest_first(&self) -> impl Iterator<Item = &str> {
        [self.modified.as_deref(), self.created.as_deref()].into_iter().flatten()
    }
}

/// The lines of a PDF and the dates it carries in its metadata.
pub type DatedLines = (Vec<String>, InfoDates);

/// The lines of a PDF and the dates of its `/Info` dictionary.
pub fn extract_with_dates(bytes: &[u8], extractor: Extractor) -> Result<DatedLines, Error> {
    match catch_unwind(AssertUnwindSafe(|| extract_lines_unguarded(bytes, extractor))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(Error::ExtractorCrashed(format!("internal error in the PDF library ({})", first_line(&message))))
        }
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").chars().take(160).collect()
}

fn extract_lines_unguarded(bytes: &[u8], extractor: Extractor) -> Result<DatedLines, Error> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| pdf_error(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Error::PasswordProtected);
    }
    let dates = info_dates(&doc);
    let pages = match extractor {
        Extractor::PdfExtract => pdf_extract_pages(&doc)?,
        Extractor::Lopdf => interpreter::extract_pages(&doc),
        Extractor::Auto => {
            let ours = interpreter::extract_pages(&doc);
            if has_text(&ours) {
                ours
            } else {
                // A second opinion before calling the file a scan; its panic is caught above.
                match catch_unwind(AssertUnwindSafe(|| pdf_extract_pages(&doc))) {
                    Ok(Ok(theirs)) if has_text(&theirs) => theirs,
                    _ => ours,
                }
            }
        }
    };
    if !has_text(&pages) {
        return Err(Error::NoTextLayer);
    }
    Ok((pages.iter().flat_map(layout_page).collect(), dates))
}

/// `ModDate` and `CreationDate` of the `/Info` dictionary; a missing or non-string entry is
/// none.
fn info_dates(doc: &lopdf::Document) -> InfoDates {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| doc.dereference(info).ok())
        .and_then(|(_, info)| info.as_dict().ok())
    else {
        return InfoDates::default();
    };
    let text = |key: &[u8]| {
        let (_, value) = doc.dereference(info.get(key).ok()?).ok()?;
        Some(String::from_utf8_lossy(value.as_str().ok()?).into_owned())
    };
    InfoDates { modified: text(b"ModDate"), created: text(b"CreationDate") }
}

fn has_text(pages: &[Page]) -> bool {
    pages.iter().any(|p| p.glyphs.iter().any(|g| !g.text.trim().is_empty()))
}

fn pdf_extract_pages(doc: &lopdf::Document) -> Result<Vec<Page>, Error> {
    let mut collector = GlyphCollector::default();
    pdf_extract::output_doc(doc, &mut collector).map_err(|e| match e {
        OutputError::PdfError(e) => pdf_error(&e),
        other => Error::DamagedPdf(first_line(&other.to_string())),
    })?;
    Ok(collector.pages)
}

fn pdf_error(err: &lopdf::Error) -> Error {
    let text = err.to_string();
    let lower = text.to_lowercase();
    if lower.contains("password") || lower.contains("decrypt") || lower.contains("encrypt") {
        Error::PasswordProtected
    } else {
        Error::DamagedPdf(first_line(&text))
    }
}

/// One glyph drawn on a page, in points, with the origin at the page's top left.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// The glyph's origin, on the baseline: usually its left edge.
    pub x: f64,
    /// Baseline, measured downwards from the top of the page.
    pub y: f64,
    /// How far the pen moves right after the glyph.
    pub advance: f64,
    /// The font size as drawn (after the text and page matrices).
    pub size: f64,
    /// The Unicode text the glyph stands for (a ligature may be several characters).
    pub text: String,
}

/// The glyphs of one page, in drawing order.
#[derive(Debug, Default)]
pub struct Page {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

#[derive(Default)]
struct GlyphCollector {
    pages: Vec<Page>,
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page { height: media_box.ury - media_box.lly, glyphs: Vec::new() });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        if !size.is_finite() || !trm.m31.is_finite() || !trm.m32.is_finite() || size <= 0.0 {
            return Ok(());
        }
        page.glyphs.push(Glyph {
            x: trm.m31,
            y: page.height - trm.m32,
            advance: (width * size).max(0.0),
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A run of glyphs on one baseline with no wide gap inside: a line of one column.
#[derive(Debug, Clone)]
struct Segment {
    x0: f64,
    x1: f64,
    text: String,
}

/// A horizontal gap wider than this many font sizes separates columns (or a title from a
/// right-aligned date), not words.
const COLUMN_GAP: f64 = 1.8;
/// At a second column's left edge, a gap wider than this many font sizes separates columns.
const EDGE_GAP: f64 = 0.5;
/// A gap wider than this many font sizes is a space between words.
const WORD_GAP: f64 = 0.1;

/// A page's glyphs as text lines in reading order: rows by baseline, words by gaps, and the
/// left column before the right on a two-column page. Segments of one row set far apart
/// (a title and a right-aligned date) are joined by ` | `.
pub fn layout_page(page: &Page) -> Vec<String> {
    let rows = group_rows(&page.glyphs);
    let segmented: Vec<Vec<Segment>> = rows.iter().map(|row| split_row(row, None)).collect();
    let gutter = find_gutter(&segmented).filter(|g| !is_date_margin(&segmented, *g));
    // Columns set close together (a Typst grid, a CSS sidebar with a narrow gap) are not
    // always split by the gap alone: a line of the left column can run almost into the right
    // one. The right column still shows as a left edge that many rows share; split the rows
    // there too and look for the gutter again.
    if let Some((edge, width)) = shared_left_edge(&rows) {
        let near = |g: f64| g <= edge + 1.0 && g >= edge - 0.1 * width;
        if gutter.is_none_or(near) {
            let resegmented: Vec<Vec<Segment>> = rows.iter().map(|row| split_row(row, Some(edge))).collect();
            if let Some(g) = find_gutter(&resegmented).filter(|g| near(*g) && !is_date_margin(&resegmented, *g)) {
                return read_columns(&resegmented, g);
            }
        }
    }
    match gutter {
        Some(g) => read_columns(&segmented, g),
        None => {
            segmented.iter().map(|row| row.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" | ")).collect()
        }
    }
}

/// A right "column" that is mostly dates and places beside the entries (RenderCV's dates,
/// locations and durations): read row by row, so each date stays with its entry.
fn is_date_margin(rows: &[Vec<Segment>], gutter: f64) -> bool {
    let right: Vec<&Segment> = rows.iter().flatten().filter(|s| s.x0 >= gutter).collect();
    if right.is_empty() {
        return false;
    }
    let has_year = |t: &str| {
        t.as_bytes()
            .windows(4)
            .any(|w| (w.starts_with(b"19") || w.starts_with(b"20")) && w[2..].iter().all(u8::is_ascii_digit))
    };
    let dated = right.iter().filter(|s| has_year(&s.text)).count();
    let short = right.iter().all(|s| s.text.chars().count() <= 40);
    short && dated * 5 >= right.len() * 2
}

/// The x where more rows start a word than anywhere else in the middle of the page (after a
/// space or a gap, or as the row's first word), when enough rows do: the left edge of a
/// second column. Returns the edge and the width of the page's text.
fn shared_left_edge(rows: &[Vec<Glyph>]) -> Option<(f64, f64)> {
    let glyphs = rows.iter().flatten().filter(|g| !g.text.trim().is_empty());
    let (left, right) =
        glyphs.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, r), g| (l.min(g.x), r.max(g.x + g.advance)));
    let width = right - left;
    if !width.is_finite() || width <= 0.0 {
        return None;
    }
    // Word starts per half point, each row counted once per position.
    let mut starts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for row in rows {
        let mut seen: Vec<i64> = Vec::new();
        let mut end = f64::NEG_INFINITY;
        let mut after_space = false;
        for g in row {
            if g.text.trim().is_empty() {
                after_space = true;
                continue;
            }
            // A row's first glyph counts too: right-column rows often have nothing left of them.
            let starts_word = !end.is_finite() || after_space || g.x - end > WORD_GAP * g.size;
            if starts_word && g.x > left + 0.25 * width && g.x < left + 0.85 * width {
                let key = (g.x * 2.0).round() as i64;
                if !seen.contains(&key) {
                    seen.push(key);
                    *starts.entry(key).or_default() += 1;
                }
            }
            end = end.max(g.x + g.advance);
            after_space = false;
        }
    }
    // Neighbouring half points are the same edge drawn with rounding noise.
    let count = |key: i64| (key - 2..=key + 2).map(|k| starts.get(&k).copied().unwrap_or(0)).sum::<usize>();
    let (key, n) = starts.keys().map(|&k| (k, count(k))).max_by_key(|&(k, n)| (n, -k))?;
    let text_rows = rows.iter().filter(|r| r.iter().any(|g| !g.text.trim().is_empty())).count();
    (n >= 6 && n * 4 >= text_rows).then(|| (key as f64 / 2.0 - 1.0, width))
}

/// Glyphs grouped into rows by baseline, top to bottom, each row left to right.
fn group_rows(glyphs: &[Glyph]) -> Vec<Vec<Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| !g.text.is_empty()).collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut row_y = f64::NEG_INFINITY;
    for glyph in sorted {
        let tolerance = glyph.size * 0.4;
        match rows.last_mut() {
            Some(row) if (glyph.y - row_y).abs() <= tolerance => row.push(glyph.clone()),
            _ => {
                row_y = glyph.y;
                rows.push(vec![glyph.clone()]);
            }
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

/// A row cut into segments at wide gaps, and also at `edge` (a column's left edge) when a
/// word starts there after a gap wider than a word space.
fn split_row(row: &[Glyph], edge: Option<f64>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Option<Segment> = None;
    let mut pending_space = false;
    for glyph in row {
        if glyph.text.trim().is_empty() {
            pending_space = true;
            continue;
        }
        match current.as_mut() {
            Some(seg) => {
                let gap = glyph.x - seg.x1;
                // Wider than a word space: a full-width line whose word happens to start
                // at the edge (a header) is not cut.
                let at_edge = edge.is_some_and(|e| seg.x1 <= e + 0.5 && glyph.x >= e && gap > EDGE_GAP * glyph.size);
                if gap > COLUMN_GAP * glyph.size || at_edge {
                    if let Some(done) = current.take() {
                        segments.push(done);
                    }
                    current = Some(Segment { x0: glyph.x, x1: glyph.x + glyph.advance, text: glyph.text.clone() });
                } else {
                    if (pending_space || gap > WORD_GAP * glyph.size) && !seg.text.ends_with(' ') {
                        seg.text.push(' ');
                    }
                    seg.text.push_str(&glyph.text);
                    seg.x1 = seg.x1.max(glyph.x + glyph.advance);
                }
            }
            None => current = Some(Segment { x0: glyph.x, x1: glyph.x + glyph.advance, text: glyph.text.clone() }),
        }
        pending_space = false;
    }
    segments.extend(current);
    for seg in &mut segments {
        seg.text = seg.text.trim().to_string();
    }
    segments.retain(|s| !s.text.is_empty());
    segments
}

/// An x position that splits the page into two columns: most multi-segment rows have a
/// segment ending left of it and one starting right of it, and almost no segment crosses it.
fn find_gutter(rows: &[Vec<Segment>]) -> Option<f64> {
    let segments: Vec<&Segment> = rows.iter().flatten().collect();
    if segments.len() < 6 {
        return None;
    }
    let left = segments.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let right = segments.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if width.is_nan() || width <= 0.0 {
        return None;
    }
    let mut best: Option<(usize, usize, f64)> = None;
    let steps = 60;
    for step in 1..steps {
        let x = left + width * (0.15 + 0.7 * step as f64 / steps as f64);
        let crossing = segments.iter().filter(|s| s.x0 < x && s.x1 > x).count();
        let left_only = segments.iter().filter(|s| s.x1 <= x).count();
        let right_only = segments.iter().filter(|s| s.x0 >= x).count();
        let split_rows =
            rows.iter().filter(|row| row.iter().any(|s| s.x1 <= x) && row.iter().any(|s| s.x0 >= x)).count();
        // A real two-column page: both sides carry text, rows are split by this x, and
        // only a few full-width lines (a name banner, a footer) cross it.
        // Each side must hold a real share of the text: a few right-aligned dates beside a
        // one-column page are not a column.
        let plausible = crossing * 8 <= segments.len()
            && left_only.min(right_only) >= 3
            && left_only.min(right_only) * 6 >= segments.len()
            && split_rows * 4 >= rows.len().min(left_only.min(right_only));
        // The gutter that splits the most rows wins: a column of right-aligned dates also
        // has an empty band before it, but splits only the rows that carry a date.
        let better = match best {
            None => true,
            Some((rows_split, c, _)) => split_rows > rows_split || (split_rows == rows_split && crossing < c),
        };
        if plausible && better {
            best = Some((split_rows, crossing, x));
        }
    }
    best.map(|(_, _, x)| x)
}

/// Full-width rows stay in place; between two of them, the left column is read before
/// the right.
fn read_columns(rows: &[Vec<Segment>], gutter: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut left: Vec<String> = Vec::new();
    let mut right: Vec<String> = Vec::new();
    for row in rows {
        if row.iter().any(|s| s.x0 < gutter && s.x1 > gutter) {
            out.append(&mut left);
            out.append(&mut right);
            out.push(row.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" | "));
            continue;
        }
        let l: Vec<&str> = row.iter().filter(|s| s.x1 <= gutter).map(|s| s.text.as_str()).collect();
        let r: Vec<&str> = row.iter().filter(|s| s.x0 >= gutter).map(|s| s.text.as_str()).collect();
        if !l.is_empty() {
            left.push(l.join(" | "));
        }
        if !r.is_empty() {
            right.push(r.join(" | "));
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph { x: x + i as f64 * 6.0, y, advance: 6.0, size: 10.0, text: c.to_string() })
            .collect()
    }

    #[test]
    fn two_columns_sharing_baselines_are_read_one_after_the_other() {
        let mut all = Vec::new();
        let left = ["SKILLS", "Docker", "Kubernetes", "Python", "Airflow"];
        let right = [
            "EXPERIENCE",
            "Data Engineer, Acme",
            "Built pipelines in Spark",
            "Owned the warehouse",
            "Cut costs by half",
        ];
        for (i, (l, r)) in left.iter().zip(right.iter()).enumerate() {
            all.extend(glyphs(40.0, 100.0 + 14.0 * i as f64, l));
            all.extend(glyphs(220.0, 100.0 + 14.0 * i as f64, r));
        }
        let page = Page { height: 800.0, glyphs: all };
        let lines = layout_page(&page);
        assert_eq!(&lines[..5], &left);
        assert_eq!(&lines[5..], &right);
    }

    #[test]
    fn columns_closer_than_a_column_gap_are_found_by_their_shared_left_edge() {
        // Left lines end 8 pt before the right column (less than 1.8 font sizes), and the
        // right column's lines all start at x = 200.
        let left = [
            "EXPERIENCE",
            "Built pipelines in Spark,",
            "Owned the warehouse and",
            "its cost model end to",
            "Led a team of four",
        ];
        let right = ["SKILLS", "Python, SQL", "Docker", "Kubernetes", "Airflow", "Terraform"];
        let mut all = Vec::new();
        for (i, l) in left.iter().enumerate() {
            let x = 192.0 - 6.0 * l.len() as f64;
            all.extend(glyphs(x.max(40.0), 100.0 + 14.0 * i as f64, l));
        }
        for (i, r) in right.iter().enumerate() {
            all.extend(glyphs(200.0, 100.0 + 14.0 * i as f64, r));
        }
        let lines = layout_page(&Page { height: 800.0, glyphs: all });
        let expected: Vec<&str> = left.iter().chain(right.iter()).copied().collect();
        assert_eq!(
            lines.iter().map(|l| l.replace(' ', "")).collect::<Vec<_>>(),
            expected.iter().map(|l| l.replace(' ', "")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_right_margin_of_dates_and_places_stays_with_its_entries() {
        let rows = [
            ("Acme Corp, Data Engineer", "Seattle, WA"),
            ("Built pipelines in Spark", "Jan 2019 - Present"),
            ("Owned the warehouse", ""),
            ("Initech, Analyst", "Austin, TX"),
            ("Wrote SQL reports", "Jun 2016 - Dec 2018"),
            ("Cut costs by half", ""),
        ];
        let mut all = Vec::new();
        for (i, (l, r)) in rows.iter().enumerate() {
            all.extend(glyphs(40.0, 100.0 + 14.0 * i as f64, l));
            all.extend(glyphs(400.0, 100.0 + 14.0 * i as f64, r));
        }
        let lines = layout_page(&Page { height: 800.0, glyphs: all });
        assert_eq!(lines[1], "Built pipelines in Spark | Jan 2019 - Present");
        assert_eq!(lines[4], "Wrote SQL reports | Jun 2016 - Dec 2018");
    }

    #[test]
    fn a_single_column_page_keeps_rows_and_word_gaps() {
        let mut all = glyphs(40.0, 100.0, "Senior");
        all.extend(glyphs(40.0 + 6.0 * 6.0 + 3.0, 100.0, "Engineer"));
        all.extend(glyphs(40.0, 114.0, "Python"));
        let lines = layout_page(&Page { height: 800.0, glyphs: all });
        assert_eq!(lines, ["Senior Engineer", "Python"]);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(extract_lines(b"%PDF-1.4\n garbage \x00\x01").is_err());
        assert!(extract_lines(b"").is_err());
    }
}
