//! Bombs and traps in the formats of issue 23, each made here (no big file is committed):
//! every one is a clear error, or a bounded read, within seconds. None needs Tesseract: the
//! limits are checked before OCR starts.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{fixture, json_report};
use serde_json::Value;

/// The record of one file, which must come within `limit`.
fn record_within(path: &Path, limit: Duration) -> Value {
    let start = Instant::now();
    // What matters is that the bomb is read in time, not whether it reads as a resume.
    let (record, _) = json_report(path, &["--keep-non-resumes"]);
    assert!(start.elapsed() < limit, "{}: took {:?}", path.display(), start.elapsed());
    record
}

fn assert_error(record: &Value, code: &str, words: &str) {
    assert_eq!(record["error"]["code"], code, "{record}");
    let message = record["error"]["message"].as_str().unwrap();
    assert!(message.contains(words), "{message}");
}

#[test]
fn an_odt_that_inflates_past_the_budget_is_a_zip_bomb() {
    // The 200 MiB deflate stream of broken/zip-bomb.docx, copied raw as content.xml.
    let bomb = std::fs::read(fixture("broken/zip-bomb.docx")).unwrap();
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(bomb)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.odt");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).unwrap();
    writer.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
    writer.raw_copy_file_rename(source.by_name("word/document.xml").unwrap(), "content.xml").unwrap();
    writer.finish().unwrap();
    let record = record_within(&path, Duration::from_secs(30));
    assert_error(&record, "zip_bomb", "zip bomb");
}

#[test]
fn a_png_claiming_50000_by_50000_pixels_is_refused_before_decoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.png");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&50_000u32.to_be_bytes());
    png.extend_from_slice(&50_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    png.extend_from_slice(&[0u8; 64]);
    std::fs::write(&path, png).unwrap();
    let record = record_within(&path, Duration::from_secs(10));
    assert_error(&record, "too_large", "50000 x 50000 pixels");
}

#[test]
fn a_jpeg_claiming_65535_by_65535_pixels_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jpg");
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x01, 0x11, 0x00];
    jpeg.extend_from_slice(&[0u8; 64]);
    std::fs::write(&path, jpeg).unwrap();
    assert_error(&record_within(&path, Duration::from_secs(10)), "too_large", "65535 x 65535");
}

#[test]
fn a_tiff_with_thousands_of_pages_is_refused_after_counting_them() {
    // Little-endian TIFF: 5,000 page directories of two entries (width, height) chained.
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    for page in 0..5_000u32 {
        let here = tiff.len() as u32;
        tiff.extend_from_slice(&2u16.to_le_bytes());
        for (tag, value) in [(256u16, 1700u32), (257, 2200)] {
            tiff.extend_from_slice(&tag.to_le_bytes());
            tiff.extend_from_slice(&4u16.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            tiff.extend_from_slice(&value.to_le_bytes());
        }
        let next = if page + 1 < 5_000 { here + 30 } else { 0 };
        tiff.extend_from_slice(&next.to_le_bytes());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.tiff");
    std::fs::write(&path, tiff).unwrap();
    assert_error(&record_within(&path, Duration::from_secs(10)), "too_large", "5000 pages");
}

#[test]
fn deeply_nested_html_is_read_in_one_pass() {
    let depth = 1_000_000;
    let html =
        format!("<html><body>{}<p>Python and SQL</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    std::fs::write(&path, html).unwrap();
    let record = record_within(&path, Duration::from_secs(20));
    let ids = common::skill_ids(&record);
    assert!(ids.contains(&"python".to_string()) && ids.contains(&"sql".to_string()), "{record}");

    // The same depth with no text at all: one clear error.
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, format!("<html><body>{}</body></html>", "<div>".repeat(depth))).unwrap();
    assert_error(&record_within(&empty, Duration::from_secs(20)), "no_text", "no readable text");
}

#[test]
fn rtf_with_a_huge_bin_block_or_deep_groups_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin.rtf");
    std::fs::write(&bin, b"{\\rtf1\\ansi Python\\par {\\*\\blipuid \\bin4294967296 xyz}}").unwrap();
    assert_error(&record_within(&bin, Duration::from_secs(10)), "malformed", "\\bin block claims 4294967296 bytes");

    let deep = dir.path().join("deep.rtf");
    std::fs::write(&deep, format!("{{\\rtf1 {}Python{}}}", "{".repeat(1_000_000), "}".repeat(1_000_000))).unwrap();
    assert_error(&record_within(&deep, Duration::from_secs(10)), "malformed", "nested more than");
}

#[test]
fn a_picture_or_an_odt_that_is_not_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.png");
    std::fs::write(&png, b"not a picture at all").unwrap();
    assert_error(&record_within(&png, Duration::from_secs(10)), "malformed", "not a PNG, JPEG or TIFF");
    let odt = dir.path().join("cv.odt");
    std::fs::write(&odt, b"PK\x03\x04 cut short").unwrap();
    assert_error(&record_within(&odt, Duration::from_secs(10)), "malformed", "damaged ODT");
}
