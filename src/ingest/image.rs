//! Pictures of a resume (PNG, JPEG, TIFF): what they are and how big, read from their
//! headers before any decoder sees them.
//!
//! A decoder allocates what the header claims. A 200-byte PNG can claim 50,000 x 50,000
//! pixels (2.5 GB once decoded) and a small TIFF can chain thousands of pages, so the
//! size of every page and the number of pages are checked here, within a bounded walk of the
//! header bytes, and a picture over the limits is refused before OCR starts.

use crate::error::ReadError;

use super::InputFormat;

/// Pixels of one page. A 12-megapixel phone photo and an A4 page scanned at 600 dpi (35
/// megapixels) pass; Tesseract's memory grows with the page (about 4 bytes a pixel at its
/// peak), so this also keeps one page well inside the worker's memory limit.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Pages of one document read by OCR: at one to two CPU seconds a page, more would not fit
/// in the default time limit anyway, and a resume scan is rarely over five pages.
pub const MAX_OCR_PAGES: u64 = 20;

/// The picture format the bytes start with, if any.
pub fn sniff(bytes: &[u8]) -> Option<InputFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(InputFormat::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(InputFormat::Jpeg)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(InputFormat::Tiff)
    } else {
        None
    }
}

/// Width and height of each page, after checking the page count and every page's size.
pub fn check(bytes: &[u8]) -> Result<Vec<(u64, u64)>, ReadError> {
    let pages = match sniff(bytes) {
        Some(InputFormat::Png) => vec![png_size(bytes)?],
        Some(InputFormat::Jpeg) => vec![jpeg_size(bytes)?],
        Some(InputFormat::Tiff) => tiff_pages(bytes)?,
        _ => return Err(ReadError::DamagedImage("not a PNG, JPEG or TIFF image".into())),
    };
    for &(width, height) in &pages {
        check_pixels(width, height)?;
    }
    Ok(pages)
}

pub fn check_pixels(width: u64, height: u64) -> Result<(), ReadError> {
    if width == 0 || height == 0 {
        return Err(ReadError::DamagedImage(format!("a page of {width} x {height} pixels")));
    }
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(ReadError::TooManyPixels { width, height, limit: MAX_PIXELS });
    }
    Ok(())
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn png_size(bytes: &[u8]) -> Result<(u64, u64), ReadError> {
    // Signature (8), then the IHDR chunk: length (4), "IHDR", width (4), height (4).
    if bytes.get(12..16) != Some(b"IHDR") {
        return Err(ReadError::DamagedImage("PNG without an IHDR header".into()));
    }
    match (be32(bytes, 16), be32(bytes, 20)) {
        (Some(w), Some(h)) => Ok((w.into(), h.into())),
        _ => Err(ReadError::DamagedImage("PNG cut short in its header".into())),
    }
}

fn jpeg_size(bytes: &[u8]) -> Result<(u64, u64), ReadError> {
    // Markers from after SOI: each is FF xx, then (except for standalone markers) a
    // two-byte length that covers itself. The frame header (SOF0-SOF15 except DHT, JPG
    // and DAC) holds precision (1), height (2), width (2).
    let cut = || ReadError::DamagedImage("JPEG with no frame header".into());
    let mut at = 2usize;
    loop {
        // Fill bytes (FF FF ...) may precede a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if bytes.get(at) != Some(&0xFF) {
            return Err(cut());
        }
        let marker = *bytes.get(at + 1).ok_or_else(cut)?;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            at += 2;
            continue;
        }
        if marker == 0xD9 || marker == 0xDA {
            // End of image, or entropy-coded data, before any frame header.
            return Err(cut());
        }
        let len =
            usize::from(u16::from_be_bytes([*bytes.get(at + 2).ok_or_else(cut)?, *bytes.get(at + 3).ok_or_else(cut)?]));
        if len < 2 {
            return Err(cut());
        }
        let is_frame = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let h = bytes.get(at + 5..at + 7).ok_or_else(cut)?;
            let w = bytes.get(at + 7..at + 9).ok_or_else(cut)?;
            let height = u64::from(u16::from_be_bytes([h[0], h[1]]));
            let width = u64::from(u16::from_be_bytes([w[0], w[1]]));
            return Ok((width, height));
        }
        // Every step moves forward by at least 4 bytes: the walk ends.
        at += 2 + len;
    }
}

/// Width and height of each page (image file directory) of a TIFF. Past `MAX_OCR_PAGES`
/// the rest of the chain is only counted, for the message, within 100,000 steps of a few
/// bytes each; a directory seen twice is a loop. No page is decoded.
fn tiff_pages(bytes: &[u8]) -> Result<Vec<(u64, u64)>, ReadError> {
    let little = bytes.starts_with(b"II");
    let bad = |what: &str| ReadError::DamagedImage(format!("TIFF {what}"));
    let u16_at = |at: usize| -> Option<u64> {
        let b: [u8; 2] = bytes.get(at..at + 2)?.try_into().ok()?;
        Some(u64::from(if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) }))
    };
    let u32_at = |at: usize| -> Option<u64> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(u64::from(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) }))
    };
    let mut pages = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut next = u32_at(4).ok_or_else(|| bad("cut short in its header"))?;
    while next != 0 {
        if pages.len() as u64 >= MAX_OCR_PAGES {
            // Count the rest without reading them, within a bound, for the message.
            let mut more = 0u64;
            let mut at = next;
            while at != 0 && more < 100_000 && !seen.contains(&at) && seen.len() < 100_000 {
                seen.insert(at);
                more += 1;
                let Ok(dir) = usize::try_from(at) else { break };
                let Some(n) = u16_at(dir) else { break };
                at = u32_at(dir + 2 + 12 * n as usize).unwrap_or(0);
            }
            return Err(ReadError::TooManyPages { pages: pages.len() as u64 + more, limit: MAX_OCR_PAGES });
        }
        if seen.contains(&next) {
            return Err(bad("whose pages form a loop"));
        }
        seen.insert(next);
        let dir = usize::try_from(next).map_err(|_| bad("page offset out of range"))?;
        let entries = u16_at(dir).ok_or_else(|| bad("page offset past the end of the file"))?;
        let (mut width, mut height) = (None, None);
        for i in 0..entries as usize {
            let entry = dir + 2 + 12 * i;
            let tag = u16_at(entry).ok_or_else(|| bad("cut short in a page directory"))?;
            let kind = u16_at(entry + 2).ok_or_else(|| bad("cut short in a page directory"))?;
            // SHORT (3) or LONG (4), stored in the entry's value field.
            let value = match kind {
                3 => u16_at(entry + 8),
                4 => u32_at(entry + 8),
                _ => None,
            };
            match tag {
                256 => width = value,
                257 => height = value,
                _ => {}
            }
        }
        let (Some(w), Some(h)) = (width, height) else {
            return Err(bad("page without a width and height"));
        };
        pages.push((w, h));
        next = u32_at(dir + 2 + 12 * entries as usize).ok_or_else(|| bad("cut short after a page directory"))?;
    }
    if pages.is_empty() {
        return Err(bad("with no pages"));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
        png
    }

    #[test]
    fn sizes_come_from_the_headers() {
        assert_eq!(check(&png_header(1700, 2200)).unwrap(), [(1700, 2200)]);
        assert_eq!(
            check(&png_header(50_000, 50_000)),
            Err(ReadError::TooManyPixels { width: 50_000, height: 50_000, limit: MAX_PIXELS })
        );
        // SOI, an APP0 segment of 16 bytes, then SOF0: precision 8, height 0x0898, width 0x06A4.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend_from_slice(&[0; 14]);
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x08, 0x98, 0x06, 0xA4, 0x01, 0x01, 0x11, 0x00]);
        assert_eq!(check(&jpeg).unwrap(), [(1700, 2200)]);
        assert!(matches!(check(&jpeg[..8]), Err(ReadError::DamagedImage(_))));
        assert!(matches!(check(b"\x89PNG\r\n\x1a\n"), Err(ReadError::DamagedImage(_))));
    }

    #[test]
    fn tiff_pages_are_counted_within_a_bound() {
        // Little-endian TIFF whose page directories (two entries each: width, height) chain
        // one after the other.
        let tiff = |pages: usize, looped: bool| {
            let mut t = b"II*\0\x08\0\0\0".to_vec();
            for p in 0..pages {
                let here = t.len() as u32;
                t.extend_from_slice(&2u16.to_le_bytes());
                for (tag, value) in [(256u16, 100u32), (257, 120)] {
                    t.extend_from_slice(&tag.to_le_bytes());
                    t.extend_from_slice(&4u16.to_le_bytes());
                    t.extend_from_slice(&1u32.to_le_bytes());
                    t.extend_from_slice(&value.to_le_bytes());
                }
                let next = if p + 1 < pages {
                    here + 30
                } else if looped {
                    8
                } else {
                    0
                };
                t.extend_from_slice(&next.to_le_bytes());
            }
            t
        };
        assert_eq!(check(&tiff(2, false)).unwrap(), [(100, 120), (100, 120)]);
        assert_eq!(check(&tiff(5000, false)), Err(ReadError::TooManyPages { pages: 5000, limit: MAX_OCR_PAGES }));
        assert!(matches!(check(&tiff(3, true)), Err(ReadError::DamagedImage(m)) if m.contains("loop")));
    }
}
