//! Text of scans and photos by OCR, with the Tesseract command line.
//!
//! Why the command and not a binding: `tesseract stdin stdout tsv` gives every word with its
//! box and confidence, which is what the PDF layout code already takes (words with
//! positions -> rows -> columns -> lines), and it runs as its own process, so a crash in
//! Tesseract or Leptonica on a hostile image is a failed file, not a failed run. The
//! bindings on crates.io wrap the same C++ library in this process and need its headers to
//! build. Start-up costs about 0.1 s of a page's 1 s (docs/formats.md has the figures).
//!
//! Image-only PDFs are rasterised page by page with poppler's `pdftoppm` into grey PGM on a
//! pipe, and each page goes to Tesseract as it arrives, so at most one page is in memory.
//! Nothing is written to disk: the bytes go in on stdin and the words come back on stdout.
//!
//! Both programs run as children of the extraction worker: they inherit its address-space
//! and CPU limits, die with it (`PR_SET_PDEATHSIG`) when the parent stops it at the time
//! limit, and run one thread each (`OMP_THREAD_LIMIT=1`), as every other extraction does.
//! `GAP_CHECK_TESSERACT` and `GAP_CHECK_PDFTOPPM` name the programs when they are not on
//! the PATH.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use super::image::{self, MAX_OCR_PAGES};
use super::Extracted;
use crate::error::ReadError;
use pdf_lines::{layout_page, Glyph, Page};

/// Long side, in pixels, of a PDF page rasterised for OCR: an A4 page at 200 dpi (a Letter
/// page at 213 dpi). Fixing the long side rather than the resolution bounds the pixels of a
/// page whatever size its MediaBox claims. On the 200-dpi scans of the real-PDF corpus this
/// recovers more skills than 300 dpi (0.978 against 0.972) for less CPU (docs/formats.md).
pub const RASTER_LONG_SIDE: u32 = 2339;
/// One Tesseract or pdftoppm run that takes longer is stopped. The extraction worker is
/// also stopped by its parent at the file's time limit; this bounds the in-process path.
const TOOL_TIMEOUT: Duration = Duration::from_secs(120);
/// Tesseract's TSV of one page is about 60 bytes a word.
const MAX_TSV_BYTES: u64 = 64 * 1024 * 1024;

const INSTALL_TESSERACT: &str = "install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng; \
macOS: brew install tesseract) or set GAP_CHECK_TESSERACT to its path";

fn tesseract() -> std::ffi::OsString {
    std::env::var_os("GAP_CHECK_TESSERACT").unwrap_or_else(|| "tesseract".into())
}

fn pdftoppm() -> std::ffi::OsString {
    std::env::var_os("GAP_CHECK_PDFTOPPM").unwrap_or_else(|| "pdftoppm".into())
}

/// The text of a PNG, JPEG or TIFF (every page of a TIFF).
pub fn image_lines(bytes: &[u8]) -> Result<Extracted, ReadError> {
    image::check(bytes)?;
    let words = recognise(bytes)?;
    Ok(lay_out(&words))
}

/// The text of a PDF with no text layer: each page rasterised and read by OCR.
pub fn pdf_lines(bytes: &[u8]) -> Result<Extracted, ReadError> {
    let pages = lopdf::Document::load_mem(bytes).map(|d| d.get_pages().len() as u64).unwrap_or(0);
    if pages > MAX_OCR_PAGES {
        return Err(ReadError::TooManyPages { pages, limit: MAX_OCR_PAGES });
    }
    let mut child = command(&pdftoppm())
        .args(["-gray", "-scale-to", &RASTER_LONG_SIDE.to_string(), "-l", &MAX_OCR_PAGES.to_string(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| missing(e, "pdftoppm", "install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) or set GAP_CHECK_PDFTOPPM to its path"))?;
    let feeder = child.stdin.take().map(|stdin| {
        let pdf = bytes.to_vec();
        std::thread::spawn(move || feed(stdin, &pdf))
    });
    let Some(stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(ReadError::OcrFailed("cannot read from pdftoppm".into()));
    };
    let mut stdout = BufReader::new(stdout);
    let mut words = Vec::new();
    let mut result = Ok(());
    for page in 1..=MAX_OCR_PAGES {
        match read_pgm(&mut stdout) {
            Ok(Some(pgm)) => match recognise(&pgm) {
                Ok(page_words) => words.extend(page_words.into_iter().map(|w| Word { page, ..w })),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            },
            Ok(None) => break,
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    drop(stdout);
    let status = child.wait_timeout(TOOL_TIMEOUT).ok().flatten();
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    result?;
    if words.is_empty() {
        return Err(if status.is_some_and(|s| s.success()) {
            ReadError::ScanWithoutText
        } else {
            ReadError::OcrFailed("pdftoppm could not rasterise the PDF".into())
        });
    }
    Ok(lay_out(&words))
}

/// One word Tesseract read, with the box of its line.
#[derive(Debug, Clone)]
struct Word {
    page: u64,
    left: f64,
    width: f64,
    line_bottom: f64,
    line_height: f64,
    confidence: f64,
    text: String,
}

/// Lines in reading order, page after page, with the mean confidence of the words.
fn lay_out(words: &[Word]) -> Extracted {
    let mut lines = Vec::new();
    let mut pages: Vec<u64> = words.iter().map(|w| w.page).collect();
    pages.dedup();
    for page in pages {
        let glyphs = words
            .iter()
            .filter(|w| w.page == page)
            .map(|w| Glyph {
                x: w.left,
                y: w.line_bottom,
                advance: w.width,
                size: w.line_height.max(1.0),
                // The trailing space keeps words apart however close Tesseract's boxes are.
                text: format!("{} ", if is_misread_bullet(w) { "\u{2022}" } else { &w.text }),
            })
            .collect();
        lines.extend(layout_page(&Page { height: 0.0, glyphs }));
    }
    let confidence = if words.is_empty() {
        0.0
    } else {
        let mean = words.iter().map(|w| w.confidence).sum::<f64>() / words.len() as f64;
        (mean * 10.0).round() / 10.0
    };
    Extracted { lines, ocr_confidence: Some(confidence), date: None }
}

/// A bullet between list items ("OCaml • Matlab • Rails") that Tesseract read as another
/// character: a lone symbol that is not ASCII (`¢`, `«`, `©`, `°`: none stands alone in a
/// resume) or `*`, or a lone round letter (`e`, `o`, `c`) read with low confidence. Read
/// as the bullet it is, the items stay a list.
fn is_misread_bullet(word: &Word) -> bool {
    let mut chars = word.text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let symbol = !c.is_alphanumeric() && (!c.is_ascii() || c == '*');
    symbol || (word.confidence < 60.0 && matches!(c, 'e' | 'o' | 'c'))
}

/// The words of one image (every page of a TIFF) from Tesseract's TSV.
fn recognise(image: &[u8]) -> Result<Vec<Word>, ReadError> {
    let out = run(&tesseract(), &["stdin", "stdout", "-l", "eng", "--psm", "3", "tsv"], image)
        .map_err(|e| missing(e, "the tesseract command", INSTALL_TESSERACT))?;
    if !out.success {
        let reason = out.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message").trim().to_string();
        if out.stderr.contains("Failed loading language") || out.stderr.contains("traineddata") {
            return Err(ReadError::OcrUnavailable(
                "Tesseract has no English data (install it: apt-get install tesseract-ocr-eng)".into(),
            ));
        }
        return Err(ReadError::OcrFailed(format!("Tesseract: {}", reason.chars().take(160).collect::<String>())));
    }
    Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
}

/// Words (level 5) of Tesseract's TSV, each with the box of the line (level 4) it is in.
/// Columns: level page block par line word left top width height conf text.
fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut line = (0.0, 0.0);
    for row in tsv.lines().skip(1) {
        let cells: Vec<&str> = row.splitn(12, '\t').collect();
        if cells.len() < 11 {
            continue;
        }
        let num = |i: usize| cells[i].trim().parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(level), Some(page), Some(top), Some(height)) = (num(0), num(1), num(7), num(9)) else {
            continue;
        };
        if level == 4.0 {
            line = (top + height, height);
        }
        let text = cells.get(11).map(|t| t.trim()).unwrap_or("");
        if level != 5.0 || text.is_empty() {
            continue;
        }
        let (Some(left), Some(width), Some(conf)) = (num(6), num(8), num(10)) else {
            continue;
        };
        words.push(Word {
            page: page as u64,
            left,
            width,
            line_bottom: line.0,
            line_height: line.1,
            confidence: conf.clamp(0.0, 100.0),
            text: text.to_string(),
        });
    }
    words
}

/// The error for a program that could not be started.
fn missing(err: std::io::Error, what: &str, install: &str) -> ReadError {
    if err.kind() == std::io::ErrorKind::NotFound {
        ReadError::OcrUnavailable(format!("{what} was not found: {install}"))
    } else {
        ReadError::OcrFailed(format!("cannot start {what}: {err}"))
    }
}

fn command(program: &std::ffi::OsStr) -> Command {
    let mut command = Command::new(program);
    // One thread: a batch already keeps every core busy with one file each.
    command.env("OMP_THREAD_LIMIT", "1");
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
                Ok(())
            });
        }
    }
    command
}

struct Output {
    success: bool,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs a program with `input` on stdin; its stdout is read up to [`MAX_TSV_BYTES`].
fn run(program: &std::ffi::OsStr, args: &[&str], input: &[u8]) -> std::io::Result<Output> {
    let mut child =
        command(program).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    // Writing and reading on their own threads: a child that stops reading its input or
    // fills its error pipe must not block us.
    let stdin = child.stdin.take();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        if let Some(stdin) = stdin {
            feed(stdin, &input);
        }
    });
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(stderr) = stderr {
            let _ = stderr.take(64 * 1024).read_to_end(&mut text);
        }
        String::from_utf8_lossy(&text).into_owned()
    });
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(out) = stdout {
            let _ = out.take(MAX_TSV_BYTES).read_to_end(&mut bytes);
        }
        bytes
    });
    // Waited for here, with a limit, so that a program that hangs is stopped even in
    // process (the worker's parent stops the worker, and with it this child, sooner).
    let status = match child.wait_timeout(TOOL_TIMEOUT)? {
        Some(status) => status,
        None => {
            let _ = child.kill();
            child.wait()?
        }
    };
    let _ = feeder.join();
    let stdout = reader.join().unwrap_or_default();
    let stderr = errors.join().unwrap_or_default();
    Ok(Output { success: status.success(), stdout, stderr })
}

fn feed(mut stdin: std::process::ChildStdin, bytes: &[u8]) {
    // A child that exits early closes the pipe: nothing to do about it here, its exit
    // status says what happened.
    let _ = stdin.write_all(bytes);
}

/// The next binary grey PGM (`P5 width height maxval` then the pixels) of pdftoppm's
/// stream, whole (header included, as Tesseract reads it), or `None` at the end.
fn read_pgm(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, ReadError> {
    let bad = |what: &str| ReadError::OcrFailed(format!("pdftoppm gave {what}"));
    let mut fields: Vec<String> = Vec::new();
    let mut header = Vec::new();
    let mut token = String::new();
    while fields.len() < 4 {
        let mut byte = [0u8; 1];
        match input.read(&mut byte) {
            Ok(0) if header.is_empty() => return Ok(None),
            Ok(0) => return Err(bad("a page cut short")),
            Ok(_) => {}
            Err(_) => return Err(bad("an unreadable page")),
        }
        header.push(byte[0]);
        if header.len() > 64 {
            return Err(bad("a page header that is not PGM"));
        }
        if byte[0].is_ascii_whitespace() {
            if !token.is_empty() {
                fields.push(std::mem::take(&mut token));
            }
        } else {
            token.push(byte[0] as char);
        }
    }
    let number = |i: usize| fields[i].parse::<u64>().map_err(|_| bad("a page header that is not PGM"));
    if fields[0] != "P5" {
        return Err(bad("a page that is not grey PGM"));
    }
    let (width, height, maxval) = (number(1)?, number(2)?, number(3)?);
    image::check_pixels(width, height)?;
    if maxval == 0 || maxval > 255 {
        return Err(bad("a page with 16-bit pixels"));
    }
    let size = (width * height) as usize;
    let mut page = header;
    page.reserve_exact(size);
    let read = input.take(size as u64).read_to_end(&mut page).map_err(|_| bad("an unreadable page"))?;
    if read != size {
        return Err(bad("a page cut short"));
    }
    Ok(Some(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_take_their_line_box() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t1700\t2200\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t100\t200\t600\t30\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t100\t205\t120\t25\t96.5\tSenior\n\
                   5\t1\t1\t1\t1\t2\t235\t200\t80\t30\t91.5\tData\n\
                   5\t1\t1\t1\t1\t3\t330\t200\t80\t30\t12.0\t \n\
                   4\t1\t2\t1\t1\t0\t100\t260\t200\t28\t-1\t\n\
                   5\t1\t2\t1\t1\t1\t100\t260\t200\t28\t90.0\tPython\n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 3, "the blank word is dropped");
        assert_eq!((words[0].line_bottom, words[0].line_height), (230.0, 30.0));
        assert_eq!((words[2].line_bottom, words[2].line_height), (288.0, 28.0));
        let out = lay_out(&words);
        assert_eq!(out.lines, ["Senior Data", "Python"]);
        assert_eq!(out.ocr_confidence, Some(92.7));
    }

    #[test]
    fn bullets_read_as_marks_with_low_confidence_are_bullets_again() {
        let word = |text: &str, confidence: f64, left: f64| Word {
            page: 1,
            left,
            width: 10.0 * text.len() as f64,
            line_bottom: 100.0,
            line_height: 30.0,
            confidence,
            text: text.to_string(),
        };
        let words = [
            word("OCaml", 95.0, 0.0),
            word("\u{a2}", 72.0, 60.0),
            word("Rails", 94.0, 80.0),
            word("e", 27.0, 140.0),
            word("Go", 96.0, 160.0),
            word("e", 90.0, 190.0),
            word("&", 20.0, 210.0),
            word("R", 30.0, 230.0),
        ];
        assert_eq!(lay_out(&words).lines, ["OCaml \u{2022} Rails \u{2022} Go e & R"]);
    }

    #[test]
    fn pgm_pages_are_split_from_one_stream() {
        let mut stream = b"P5\n3 2\n255\n".to_vec();
        stream.extend_from_slice(&[1, 2, 3, 4, 5, 6]);
        stream.extend_from_slice(b"P5\n1 1\n255\n\x07");
        let mut reader = std::io::Cursor::new(stream);
        assert_eq!(read_pgm(&mut reader).unwrap().unwrap().len(), 11 + 6);
        assert_eq!(read_pgm(&mut reader).unwrap().unwrap(), b"P5\n1 1\n255\n\x07");
        assert_eq!(read_pgm(&mut reader).unwrap(), None);
        let mut huge = std::io::Cursor::new(b"P5\n50000 50000\n255\n".to_vec());
        assert!(matches!(read_pgm(&mut huge), Err(ReadError::TooManyPixels { .. })));
        let mut short = std::io::Cursor::new(b"P5\n3 2\n255\n\x01".to_vec());
        assert!(matches!(read_pgm(&mut short), Err(ReadError::OcrFailed(_))));
    }
}
