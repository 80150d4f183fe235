//! "Present" without `--as-of`: the document's own date (PDF ModDate, DOCX modified), else
//! today; `--as-of` always wins. The PDF and DOCX are built here, with known dates.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::gap_check;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Object, Stream};
use serde_json::Value;

/// One job, open-ended: its years depend only on the date "Present" stands for.
const LINES: [&str; 5] = [
    "Alex Example",
    "Experience",
    "Data Engineer, Northwind Analytics",
    "January 2019 - Present",
    "Built batch pipelines in Python and SQL",
];

fn pdf(dir: &Path, mod_date: &str) -> PathBuf {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let mut operations = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 11.into()])];
    operations.push(Operation::new("Td", vec![72.into(), 760.into()]));
    for line in LINES {
        operations.push(Operation::new("Tj", vec![Object::string_literal(line)]));
        operations.push(Operation::new("Td", vec![0.into(), (-16).into()]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations }.encode().expect("content encodes");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content_id});
    let pages = dictionary! {
        "Type" => "Pages",
        "Kids" => vec![page_id.into()],
        "Count" => 1,
        "Resources" => dictionary! {"Font" => dictionary! {"F1" => font_id}},
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    let info_id = doc.add_object(dictionary! {
        "CreationDate" => Object::string_literal("D:20200101090000Z"),
        "ModDate" => Object::string_literal(mod_date),
    });
    doc.trailer.set("Info", info_id);
    let path = dir.join("resume.pdf");
    doc.save(&path).expect("PDF saves");
    path
}

fn docx(dir: &Path, modified: &str) -> PathBuf {
    let path = dir.join("resume.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    let paragraphs: String = LINES.iter().map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>")).collect();
    for (name, body) in [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>"#
            ),
        ),
        (
            "docProps/core.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified></cp:coreProperties>"#
            ),
        ),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(body.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finishes");
    path
}

fn report(file: &Path, extra: &[&str]) -> Value {
    let out = gap_check().arg(file).args(["--format", "json"]).args(extra).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn as_of(r: &Value) -> (&str, &str, f64) {
    let e = &r["experience"];
    (e["as_of"].as_str().unwrap(), e["as_of_basis"].as_str().unwrap(), e["years"].as_f64().unwrap())
}

#[test]
fn present_is_the_pdf_s_own_date_unless_as_of_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = pdf(dir.path(), "D:20220615120000Z");
    // January 2019 to June 2022 counted by month, both ends in: 42 months, 3.5 years.
    let r = report(&file, &[]);
    assert_eq!(as_of(&r), ("2022-06-15", "document", 3.5));
    // January 2019 to June 2024: 66 months.
    assert_eq!(as_of(&report(&file, &["--as-of", "2024-06-15"])), ("2024-06-15", "given", 5.5));
}

#[test]
fn present_is_the_docx_modified_date_unless_as_of_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = docx(dir.path(), "2021-12-31T18:00:00Z");
    // January 2019 to December 2021: 36 months.
    assert_eq!(as_of(&report(&file, &[])), ("2021-12-31", "document", 3.0));
    assert_eq!(as_of(&report(&file, &["--as-of", "2024-06-15"])), ("2024-06-15", "given", 5.5));
    let text = gap_check().arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("as of 2021-12-31 (the document's own date)"));
}

#[test]
fn an_absurd_document_date_is_ignored_and_text_has_none() {
    let dir = tempfile::tempdir().unwrap();
    // A modified date in 1985 (a wrong clock) falls back to the creation date.
    let file = docx(dir.path(), "1985-03-01T00:00:00Z");
    assert_eq!(as_of(&report(&file, &[])).0, "2020-01-01");
    // A PDF saved "in the future" falls back to its creation date too.
    let file = pdf(dir.path(), "D:29990101000000Z");
    assert_eq!(as_of(&report(&file, &[])).0, "2020-01-01");
    let txt = dir.path().join("resume.txt");
    std::fs::write(&txt, LINES.join("\n")).unwrap();
    let r = report(&txt, &[]);
    assert_eq!(as_of(&r).1, "today");
    assert_eq!(as_of(&r).0, r["as_of"].as_str().unwrap());
}

#[test]
fn a_document_date_older_than_the_years_the_resume_names_is_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    // Report generators stamp 2000-01-01 for reproducible builds; the resume names 2019, so
    // it was written later: "Present" is today, not 2000.
    let file = pdf(dir.path(), "D:20000101000000Z");
    let r = report(&file, &[]);
    assert_eq!(as_of(&r).1, "today");
    assert_eq!(as_of(&r).0, r["as_of"].as_str().unwrap());
    assert!(as_of(&r).2 > 5.0, "January 2019 to today is over five years: {r}");
}
