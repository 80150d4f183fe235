//! The crate on the repository's committed PDFs (`fixtures/`, described in
//! fixtures/README.md): expected text from the fixtures' sources (`fixtures/src/`), expected
//! dates from the files' own `/Info` dictionaries (as `pdfinfo` prints them).

use std::path::PathBuf;

use pdf_lines::{extract_lines, extract_lines_with, extract_with_dates, Error, Extractor, InfoDates};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn position(lines: &[String], wanted: &str) -> usize {
    lines.iter().position(|l| l == wanted).unwrap_or_else(|| panic!("no line {wanted:?} in {lines:#?}"))
}

#[test]
fn a_two_column_page_is_read_left_column_first() {
    // fixtures/src/two-column.txt: the left column's lines share baselines with the right's.
    let lines = extract_lines(&fixture("resumes/two-column.pdf")).unwrap();
    assert_eq!(lines[..2], ["TOMASZ NOWAK", "Data Engineer"]);
    let left = ["SKILLS", "Docker", "Kubernetes", "Python", "Spark", "Airflow", "Kafka", "SQL"];
    let start = position(&lines, "SKILLS");
    assert_eq!(lines[start..start + left.len()], left);
    let git = position(&lines, "Git");
    let certifications = position(&lines, "CERTIFICATIONS");
    let summary = position(&lines, "SUMMARY");
    assert!(start < git && git < certifications && certifications < summary, "{lines:#?}");
    // A right-aligned date stays on its entry's line, set off by the column separator.
    position(&lines, "Data Engineer, Vistula Logistics, Warsaw | Apr 2023 – Present");
    assert!(!lines.iter().any(|l| l.contains("Docker") && l.contains("engineer")), "{lines:#?}");
}

#[test]
fn info_dates_are_returned_as_written() {
    let (_, dates) = extract_with_dates(&fixture("resumes/two-column.pdf"), Extractor::Auto).unwrap();
    let reportlab = "D:20000101000000+00'00'".to_string();
    assert_eq!(dates, InfoDates { modified: Some(reportlab.clone()), created: Some(reportlab) });
    // fpdf2 writes only a creation date.
    let (_, dates) = extract_with_dates(&fixture("resumes/fpdf-producer.pdf"), Extractor::Auto).unwrap();
    assert_eq!(dates, InfoDates { modified: None, created: Some("D:20260101000000Z".into()) });
    assert_eq!(dates.newest_first().collect::<Vec<_>>(), ["D:20260101000000Z"]);
}

#[test]
fn both_extractors_read_a_one_column_resume_alike() {
    let bytes = fixture("resumes/senior-mle-team-lead.pdf");
    let ours = extract_lines_with(&bytes, Extractor::Lopdf).unwrap();
    let theirs = extract_lines_with(&bytes, Extractor::PdfExtract).unwrap();
    assert!(ours.len() > 20, "{ours:#?}");
    assert_eq!(ours, theirs);
}

#[test]
fn an_empty_user_password_is_no_obstacle() {
    let lines = extract_lines(&fixture("resumes/empty-password.pdf")).unwrap();
    assert!(lines.len() > 10, "{lines:#?}");
}

#[test]
fn broken_files_give_their_error() {
    assert_eq!(extract_lines(&fixture("broken/password.pdf")), Err(Error::PasswordProtected));
    assert_eq!(extract_lines(&fixture("broken/scan.pdf")), Err(Error::NoTextLayer));
    for name in ["broken/truncated.pdf", "broken/random-bytes.pdf", "broken/empty.pdf"] {
        let error = extract_lines(&fixture(name)).unwrap_err();
        assert!(matches!(error, Error::DamagedPdf(_)), "{name}: {error:?}");
        assert!(error.to_string().starts_with("damaged PDF: "), "{name}: {error}");
    }
}

#[test]
fn a_panic_in_pdf_extract_is_caught() {
    // A page without a MediaBox: pdf-extract panics, the crate's own interpreter reads it.
    let bytes = fixture("broken/extractor-panic.pdf");
    let error = extract_lines_with(&bytes, Extractor::PdfExtract).unwrap_err();
    assert!(
        matches!(&error, Error::ExtractorCrashed(m) if m.starts_with("internal error in the PDF library")),
        "{error:?}"
    );
    assert_eq!(extract_lines(&bytes).unwrap(), ["Python SQL"]);
}

#[test]
fn messages_are_the_ones_gap_check_prints() {
    assert_eq!(Error::PasswordProtected.to_string(), "PDF is password-protected");
    assert_eq!(Error::NoTextLayer.to_string(), "PDF has no text layer, probably a scan (OCR it first)");
    assert_eq!(Error::DamagedPdf("x".into()).to_string(), "damaged PDF: x");
    assert_eq!(Error::ExtractorCrashed("x".into()).to_string(), "PDF text extraction crashed: x");
}
