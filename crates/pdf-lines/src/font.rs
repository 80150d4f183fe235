//! PDF fonts as text extraction needs them: how a string splits into character codes, how
//! wide each code is, and which Unicode text each code stands for.
//!
//! A font is built once per document (the caller caches it by object id), so a character map
//! or an embedded Type 1 encoding is parsed once, not once per page. The text of a code comes
//! from the first of: the font's `ToUnicode` map, the glyph name its encoding gives the code
//! (`Differences`, the named base encoding, or the encoding built into an embedded Type 1
//! program), and for fonts with neither, the code read as Windows-1252. A code none of these
//! explain yields no text rather than a wrong letter.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// A font has at most this many codes with a width or a text (two-byte codes: 65,536); a
/// file claiming more is not allowed to grow the tables past it.
const MAX_CODES: usize = 1 << 17;

/// What one character code of a shown string becomes.
#[derive(Debug, Clone)]
pub(super) struct Code {
    /// Text space width in thousandths of the font size (already through a Type 3 matrix).
    pub width: f64,
    pub text: String,
    /// A one-byte code 32: word spacing applies to it.
    pub is_space: bool,
}

#[derive(Debug)]
pub(super) struct Font {
    /// Two-byte codes (composite fonts with Identity or other two-byte CMaps).
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
    to_unicode: HashMap<u32, String>,
    /// Glyph-name text for one-byte codes, from the encoding (simple fonts only).
    encoding: Option<Box<[Option<String>; 256]>>,
    /// Composite font whose CMap is UCS-2 / UTF-16: the code is the character.
    codes_are_unicode: bool,
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let to_unicode = deref(doc, dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())))
            .map(|bytes| parse_cmap(&bytes))
            .unwrap_or_default();
        if subtype == b"Type0" {
            return Font::load_composite(doc, dict, to_unicode);
        }
        // Type 3 glyph widths are in glyph space; the font matrix maps them to text space.
        let scale = if subtype == b"Type3" {
            deref(doc, dict.get(b"FontMatrix").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first().and_then(num))
                .map(|a| a * 1000.0)
                .unwrap_or(1.0)
        } else {
            1.0
        };
        let first = deref(doc, dict.get(b"FirstChar").ok()).and_then(num).unwrap_or(0.0) as i64;
        let mut widths = HashMap::new();
        if let Some(array) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
            for (i, w) in array.iter().enumerate() {
                if let Some(w) = deref(doc, Some(w)).and_then(num) {
                    widths.insert((first + i as i64).clamp(0, u32::MAX as i64) as u32, w * scale);
                }
            }
        }
        let descriptor = deref(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        let default_width = descriptor
            .and_then(|d| deref(doc, d.get(b"MissingWidth").ok()).and_then(num))
            .map(|w| w * scale)
            .unwrap_or_else(|| standard_width(dict, doc));
        let encoding = Some(simple_encoding(doc, dict, descriptor, &subtype));
        Font { two_byte: false, widths, default_width, to_unicode, encoding, codes_are_unicode: false }
    }

    fn load_composite(doc: &Document, dict: &Dictionary, to_unicode: HashMap<u32, String>) -> Font {
        let cmap_name = name_of(doc, dict.get(b"Encoding").ok()).unwrap_or_default();
        let codes_are_unicode = to_unicode.is_empty()
            && (contains(&cmap_name, b"UCS2") || contains(&cmap_name, b"UTF16") || contains(&cmap_name, b"UTF-16"));
        let descendant = deref(doc, dict.get(b"DescendantFonts").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| deref(doc, a.first()))
            .and_then(|o| o.as_dict().ok());
        let mut widths = HashMap::new();
        let mut default_width = 1000.0;
        if let Some(cid) = descendant {
            default_width = deref(doc, cid.get(b"DW").ok()).and_then(num).unwrap_or(1000.0);
            if let Some(w) = deref(doc, cid.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                parse_cid_widths(doc, w, &mut widths);
            }
        }
        Font { two_byte: true, widths, default_width, to_unicode, encoding: None, codes_are_unicode }
    }

    /// The codes of a shown string, in order.
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        if self.two_byte {
            for pair in bytes.chunks(2) {
                let code =
                    if pair.len() == 2 { u32::from(pair[0]) << 8 | u32::from(pair[1]) } else { u32::from(pair[0]) };
                out.push(Code { width: self.width(code), text: self.text(code), is_space: false });
            }
        } else {
            for &b in bytes {
                let code = u32::from(b);
                out.push(Code { width: self.width(code), text: self.text(code), is_space: b == 32 });
            }
        }
    }

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }

    fn text(&self, code: u32) -> String {
        let mut unmapped = false;
        if let Some(text) = self.to_unicode.get(&code) {
            // Some producers (Quartz) map a ligature glyph to U+0000, nothing or U+FFFD;
            // the glyph name may still say what it is.
            if !text.is_empty() && text != "\u{FFFD}" && !text.starts_with('\0') {
                return text.clone();
            }
            unmapped = true;
        }
        if let Some(encoding) = &self.encoding {
            if let Some(Some(text)) = encoding.get(code as usize) {
                return text.clone();
            }
        }
        if unmapped {
            // A glyph drawn but mapped to nothing: U+FFFD keeps its place, so the normalizer
            // can restore a lost ligature ("in\u{FFFD}uence") or drop it.
            return "\u{FFFD}".to_string();
        }
        if self.encoding.is_some() {
            return String::new();
        }
        if self.codes_are_unicode {
            return char::from_u32(code).map(String::from).unwrap_or_default();
        }
        String::new()
    }
}

/// A width the 14 standard fonts would have when a producer left the widths out: a rough
/// average, enough to place words apart.
fn standard_width(_dict: &Dictionary, _doc: &Document) -> f64 {
    500.0
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn deref<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    let object = object?;
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn num(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

fn name_of(doc: &Document, object: Option<&Object>) -> Option<Vec<u8>> {
    deref(doc, object).and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec)
}

/// `W` of a CIDFont: `c [w1 w2 ...]` (consecutive codes from c) or `c_first c_last w`.
fn parse_cid_widths(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = deref(doc, w.get(i)).and_then(num) else {
            return;
        };
        let first = first.max(0.0) as u32;
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(list)) => {
                for (j, width) in list.iter().enumerate().take(MAX_CODES.saturating_sub(widths.len())) {
                    if let Some(width) = deref(doc, Some(width)).and_then(num) {
                        widths.insert(first.saturating_add(j as u32), width);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(width)) = (num(last), deref(doc, w.get(i + 2)).and_then(num)) else {
                    return;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(65535));
                for code in first..=last {
                    if widths.len() >= MAX_CODES {
                        return;
                    }
                    widths.insert(code, width);
                }
                i += 3;
            }
            None => return,
        }
    }
}

/// The text of each one-byte code of a simple font, from its encoding's glyph names.
fn simple_encoding(
    doc: &Document,
    dict: &Dictionary,
    descriptor: Option<&Dictionary>,
    subtype: &[u8],
) -> Box<[Option<String>; 256]> {
    let mut table: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
    let fill = |table: &mut [Option<String>; 256], base: &[u8]| {
        let named = named_encoding(doc, base);
        for (slot, text) in table.iter_mut().zip(named) {
            *slot = text;
        }
    };
    let symbolic = descriptor
        .and_then(|d| deref(doc, d.get(b"Flags").ok()).and_then(num))
        .is_some_and(|flags| (flags as i64) & 4 != 0);
    // The base: the named encoding, else the font program's own, else a default.
    let encoding = deref(doc, dict.get(b"Encoding").ok());
    let base_name = match encoding {
        Some(Object::Name(name)) => Some(name.clone()),
        Some(Object::Dictionary(d)) => name_of(doc, d.get(b"BaseEncoding").ok()),
        _ => None,
    };
    let builtin = descriptor.and_then(|d| embedded_type1_encoding(doc, d));
    match base_name.as_deref() {
        Some(name @ (b"WinAnsiEncoding" | b"MacRomanEncoding" | b"MacExpertEncoding" | b"StandardEncoding")) => {
            fill(&mut table, name)
        }
        _ => match builtin {
            Some(names) => {
                for (code, name) in names {
                    table[code as usize] = glyph_text(doc, &name);
                }
            }
            None if subtype == b"Type1" && !symbolic => fill(&mut table, b"StandardEncoding"),
            // TrueType and symbolic fonts without an encoding: producers in practice use
            // Windows-1252 codes (Quartz's Arial, Word's symbol bullets land in private use).
            None => fill(&mut table, b"WinAnsiEncoding"),
        },
    }
    if let Some(Object::Dictionary(d)) = encoding {
        if let Some(differences) = deref(doc, d.get(b"Differences").ok()).and_then(|o| o.as_array().ok()) {
            let mut code: usize = 0;
            for item in differences {
                match deref(doc, Some(item)) {
                    Some(Object::Integer(i)) => code = (*i).clamp(0, 255) as usize,
                    Some(Object::Name(name)) => {
                        if code < 256 {
                            table[code] = glyph_text(doc, name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// The 256 codes of one of the standard named encodings, through lopdf's tables (its
/// encoding module is private; a font dictionary naming the encoding is the public way in).
fn named_encoding(doc: &Document, name: &[u8]) -> Vec<Option<String>> {
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Name(name.to_vec()));
    let Ok(encoding) = font.get_font_encoding(doc) else {
        return vec![None; 256];
    };
    (0..=255u8).map(|b| encoding.bytes_to_string(&[b]).ok().filter(|t| !t.is_empty())).collect()
}

/// The character of an Adobe Glyph List name, through lopdf's glyph table: a font whose
/// `Differences` give code 0 that name. An unknown name makes lopdf fall back to
/// StandardEncoding, where code 0 is empty.
fn agl_text(doc: &Document, name: &[u8]) -> Option<String> {
    let mut encoding = Dictionary::new();
    encoding.set("Type", Object::Name(b"Encoding".to_vec()));
    encoding.set("Differences", Object::Array(vec![Object::Integer(0), Object::Name(name.to_vec())]));
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Dictionary(encoding));
    let text = font.get_font_encoding(doc).ok()?.bytes_to_string(&[0]).ok()?;
    (!text.is_empty() && !text.contains('\0')).then_some(text)
}

/// The text a glyph name stands for: Adobe Glyph List names (`fi` is U+FB01, which the
/// normalizer spells out),
/// `uniXXXX`, `uXXXX[XX]`, and `a_b` ligature names. Names that say nothing (`g123`,
/// `glyph5`, `.notdef`) give no text.
pub(super) fn glyph_text(doc: &Document, name: &[u8]) -> Option<String> {
    let name = name.split(|&b| b == b'.').next().filter(|n| !n.is_empty())?;
    if let Some(text) = agl_text(doc, name) {
        return Some(text);
    }
    let text = std::str::from_utf8(name).ok()?;
    if let Some(hex) = text.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let units: Option<Vec<u16>> =
                hex.as_bytes().chunks(4).map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok()).collect();
            return char::decode_utf16(units?).collect::<Result<String, _>>().ok();
        }
    }
    if let Some(hex) = text.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    if text.contains('_') {
        let parts: Option<String> = text.split('_').map(|p| glyph_text(doc, p.as_bytes())).collect();
        return parts;
    }
    None
}

/// `dup 65 /A put` entries of an embedded Type 1 program's own encoding (the clear-text
/// part before `eexec`), for fonts that rely on it (pdfTeX without ToUnicode).
fn embedded_type1_encoding(doc: &Document, descriptor: &Dictionary) -> Option<Vec<(u8, Vec<u8>)>> {
    let stream = deref(doc, descriptor.get(b"FontFile").ok())?.as_stream().ok()?;
    let data = stream.decompressed_content().ok().unwrap_or_else(|| stream.content.clone());
    let clear_len = deref(doc, stream.dict.get(b"Length1").ok()).and_then(num).map(|n| n as usize);
    let clear = &data[..clear_len.unwrap_or(data.len()).min(data.len())];
    let end = find(clear, b"eexec").unwrap_or(clear.len());
    let clear = &clear[..end];
    let start = find(clear, b"/Encoding")?;
    let section = &clear[start..];
    if section.starts_with(b"/Encoding StandardEncoding") {
        return None;
    }
    let mut out = Vec::new();
    let mut tokens = section.split(|b| b.is_ascii_whitespace()).filter(|t| !t.is_empty());
    while let Some(token) = tokens.next() {
        if token == b"readonly" || token == b"def" && !out.is_empty() {
            break;
        }
        if token != b"dup" {
            continue;
        }
        let (Some(code), Some(name)) = (tokens.next(), tokens.next()) else {
            break;
        };
        let code: Option<u8> = std::str::from_utf8(code).ok().and_then(|c| c.parse().ok());
        if let (Some(code), Some(name)) = (code, name.strip_prefix(b"/")) {
            out.push((code, name.to_vec()));
        }
    }
    (!out.is_empty()).then_some(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A `ToUnicode` CMap: `bfchar` and `bfrange` entries, read leniently (an entry that does not
/// parse is skipped, never an error). Codes are keyed by value; one-byte and two-byte codes
/// do not collide in practice because a font uses one code length.
pub(super) fn parse_cmap(bytes: &[u8]) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let tokens = cmap_tokens(bytes);
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Word(w) if w == b"beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() {
                    match (&tokens[i], &tokens[i + 1]) {
                        (Token::Hex(src), Token::Hex(dst)) => {
                            map.insert(code_value(src), utf16_text(dst));
                            i += 2;
                        }
                        (Token::Word(_), _) => break,
                        _ => i += 1,
                    }
                }
            }
            Token::Word(w) if w == b"beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() {
                    match (&tokens[i], &tokens[i + 1], &tokens[i + 2]) {
                        (Token::Hex(lo), Token::Hex(hi), Token::Hex(dst)) => {
                            let (lo, hi) = (code_value(lo), code_value(hi));
                            let base: Vec<u16> = utf16_units(dst);
                            for (k, code) in (lo..=hi.min(lo.saturating_add(65535))).enumerate() {
                                if map.len() >= MAX_CODES {
                                    break;
                                }
                                let mut units = base.clone();
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(k as u16);
                                }
                                map.insert(code, String::from_utf16_lossy(&units));
                            }
                            i += 3;
                        }
                        (Token::Hex(lo), Token::Hex(_), Token::Open) => {
                            let lo = code_value(lo);
                            i += 3;
                            let mut k = 0;
                            while i < tokens.len() {
                                match &tokens[i] {
                                    Token::Hex(dst) => {
                                        map.insert(lo.saturating_add(k), utf16_text(dst));
                                        k += 1;
                                    }
                                    Token::Close => {
                                        i += 1;
                                        break;
                                    }
                                    _ => {}
                                }
                                i += 1;
                            }
                        }
                        (Token::Word(_), _, _) => break,
                        _ => i += 1,
                    }
                }
            }
            _ => i += 1,
        }
    }
    map
}

#[derive(Debug)]
enum Token {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    Open,
    Close,
}

fn cmap_tokens(bytes: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'<' if bytes.get(i + 1) != Some(&b'<') => {
                let end = bytes[i..].iter().position(|&c| c == b'>').map(|p| i + p).unwrap_or(bytes.len());
                let digits: Vec<u8> = bytes[i + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let mut value = Vec::with_capacity(digits.len() / 2 + 1);
                for pair in digits.chunks(2) {
                    let hi = hex_digit(pair[0]);
                    let lo = pair.get(1).map(|&c| hex_digit(c)).unwrap_or(0);
                    value.push(hi << 4 | lo);
                }
                tokens.push(Token::Hex(value));
                i = end + 1;
            }
            b'<' | b'>' => i += 2,
            b'[' => {
                tokens.push(Token::Open);
                i += 1;
            }
            b']' => {
                tokens.push(Token::Close);
                i += 1;
            }
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // A literal string (a CMap name in the header): skipped.
                while i < bytes.len() && bytes[i] != b')' {
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"<>[]()%/".contains(&bytes[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else {
                    tokens.push(Token::Word(bytes[start..i].to_vec()));
                }
            }
        }
    }
    tokens
}

fn hex_digit(c: u8) -> u8 {
    (c as char).to_digit(16).unwrap_or(0) as u8
}

fn code_value(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| if c.len() == 2 { u16::from(c[0]) << 8 | u16::from(c[1]) } else { u16::from(c[0]) })
        .collect()
}

fn utf16_text(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
            1 beginbfrange <0024> <0026> <0041> endbfrange\n\
            1 beginbfrange <0030> <0031> [<0078> <0079>] endbfrange\n\
            endcmap";
        let map = parse_cmap(cmap);
        assert_eq!(map[&3], " ");
        assert_eq!(map[&0x11], "fi");
        assert_eq!(map[&0x24], "A");
        assert_eq!(map[&0x26], "C");
        assert_eq!(map[&0x31], "y");
        assert!(!map.contains_key(&0x27));
    }

    #[test]
    fn glyph_names_become_text() {
        let doc = Document::with_version("1.5");
        let text = |name: &[u8]| glyph_text(&doc, name);
        assert_eq!(text(b"fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(text(b"A").as_deref(), Some("A"));
        assert_eq!(text(b"eacute").as_deref(), Some("é"));
        assert_eq!(text(b"uni00E9").as_deref(), Some("é"));
        assert_eq!(text(b"f_f_i").as_deref(), Some("\u{FB03}"));
        assert_eq!(text(b"T_h").as_deref(), Some("Th"));
        assert_eq!(text(b"a.sc").as_deref(), Some("a"));
        assert_eq!(text(b"g123"), None);
    }

    #[test]
    fn named_encodings_come_from_lopdf() {
        let doc = Document::with_version("1.5");
        let win = named_encoding(&doc, b"WinAnsiEncoding");
        assert_eq!(win[b'A' as usize].as_deref(), Some("A"));
        assert_eq!(win[0x93].as_deref(), Some("\u{201C}"));
        let standard = named_encoding(&doc, b"StandardEncoding");
        assert_eq!(standard[0xAE].as_deref(), Some("\u{FB01}"));
    }
}
