//! The crate's own PDF text extractor on lopdf: runs each page's content stream (and the
//! form XObjects it draws) and records every glyph with its position, for the layout in
//! [`crate::layout_page`].
//!
//! Why not only pdf-extract: it reads the `c_first c_last w` form of a CIDFont's widths wrongly
//! (every Typst file gets zero-width glyphs, and its letters come out shuffled), and it parses
//! every font again on every page. Here fonts are loaded once per document and kept by object
//! id. Text state and positioning follow the PDF reference (9.4): `Trm = [Tfs·Th 0 0 Tfs 0 Trise]
//! × Tm × CTM`, and the advance after a glyph is `(w0·Tfs + Tc + Tw) · Th`.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::font::{Code, Font};
use crate::{Glyph, Page};

/// Form XObjects nested deeper than this are not followed (a form that draws itself).
const MAX_FORM_DEPTH: usize = 8;
/// Operations run per document at most: a content stream can be huge but a resume is not.
const MAX_OPERATIONS: usize = 5_000_000;

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` for PDF's row-vector matrices.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal: f64,
    leading: f64,
    rise: f64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Fonts of one document, loaded once each.
#[derive(Default)]
pub(super) struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, object: &Object) -> Option<Rc<Font>> {
        match object {
            Object::Reference(id) => {
                if let Some(font) = self.by_id.get(id) {
                    return Some(font.clone());
                }
                let dict = doc.get_dictionary(*id).ok()?;
                let font = Rc::new(Font::load(doc, dict));
                self.by_id.insert(*id, font.clone());
                Some(font)
            }
            Object::Dictionary(dict) => Some(Rc::new(Font::load(doc, dict))),
            _ => None,
        }
    }
}

/// Every page's glyphs. Errors only when the document has no page tree at all; a page that
/// cannot be decoded is an empty page.
pub(super) fn extract_pages(doc: &Document) -> Vec<Page> {
    let mut fonts = FontCache::default();
    let mut budget = MAX_OPERATIONS;
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let mut page = Page { height: 0.0, glyphs: Vec::new() };
        if let Ok(dict) = doc.get_dictionary(page_id) {
            page.height = media_box_height(doc, dict).unwrap_or(792.0);
            let resources = page_resources(doc, dict);
            let content = doc.get_page_content(page_id).unwrap_or_default();
            let mut run = Run { doc, fonts: &mut fonts, page: &mut page, budget: &mut budget };
            run.content(&content, resources, State::default(), 0);
        }
        pages.push(page);
    }
    pages
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn num(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

/// An inheritable page attribute: on the page or the nearest ancestor.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return deref(doc, value);
        }
        let parent = node.get(b"Parent").ok().and_then(|p| deref(doc, p))?;
        node = parent.as_dict().ok()?;
    }
    None
}

fn media_box_height(doc: &Document, page: &Dictionary) -> Option<f64> {
    let array = inherited(doc, page, b"MediaBox")?.as_array().ok()?;
    let values: Vec<f64> = array.iter().filter_map(|o| deref(doc, o).and_then(num)).collect();
    (values.len() == 4).then(|| (values[3] - values[1]).abs())
}

fn page_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    inherited(doc, page, b"Resources")?.as_dict().ok()
}

struct Run<'a, 'b> {
    doc: &'a Document,
    fonts: &'b mut FontCache,
    page: &'b mut Page,
    budget: &'b mut usize,
}

impl<'a> Run<'a, '_> {
    fn content(&mut self, bytes: &[u8], resources: Option<&'a Dictionary>, start: State, depth: usize) {
        let Ok(content) = Content::decode(bytes) else {
            return;
        };
        let mut state = start;
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut codes: Vec<Code> = Vec::new();
        for op in &content.operations {
            if *self.budget == 0 {
                return;
            }
            *self.budget -= 1;
            let args = &op.operands;
            let n = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(state.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        state = saved;
                    }
                }
                "cm" if args.len() == 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.ctm = mul(&m, &state.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    state.size = n(1);
                    state.font = args.first().and_then(|name| self.font(resources, name));
                }
                "Tc" => state.char_spacing = n(0),
                "Tw" => state.word_spacing = n(0),
                "Tz" => state.horizontal = n(0) / 100.0,
                "TL" => state.leading = n(0),
                "Ts" => state.rise = n(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    state.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" if args.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = args.first() {
                        self.show(&state, &mut tm, s, &mut codes);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        state.word_spacing = n(0);
                        state.char_spacing = n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = args.last() {
                        self.show(&state, &mut tm, s, &mut codes);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&state, &mut tm, s, &mut codes),
                                other => {
                                    if let Some(adjust) = num(other) {
                                        let tx = -adjust / 1000.0 * state.size * state.horizontal;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(Object::Name(name)) = args.first() {
                        self.form(resources, name, &state, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &Object) -> Option<Rc<Font>> {
        let name = name.as_name().ok()?;
        let fonts = deref(self.doc, resources?.get(b"Font").ok()?)?.as_dict().ok()?;
        let object = fonts.get(name).ok()?;
        self.fonts.get(self.doc, object)
    }

    fn form(&mut self, resources: Option<&'a Dictionary>, name: &[u8], state: &State, depth: usize) {
        let doc = self.doc;
        let Some(xobjects) =
            resources.and_then(|r| r.get(b"XObject").ok()).and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())
        else {
            return;
        };
        let Some(stream) = xobjects.get(name).ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_stream().ok()) else {
            return;
        };
        if stream.dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) != Some(b"Form".as_slice()) {
            return;
        }
        let matrix: Option<Matrix> =
            stream.dict.get(b"Matrix").ok().and_then(|m| deref(doc, m)).and_then(|m| m.as_array().ok()).and_then(|a| {
                let v: Vec<f64> = a.iter().filter_map(|o| deref(doc, o).and_then(num)).collect();
                (v.len() == 6).then(|| [v[0], v[1], v[2], v[3], v[4], v[5]])
            });
        let mut inner = state.clone();
        inner.ctm = mul(&matrix.unwrap_or(IDENTITY), &state.ctm);
        let own = stream.dict.get(b"Resources").ok().and_then(|r| deref(doc, r)).and_then(|r| r.as_dict().ok());
        let Ok(bytes) = stream.decompressed_content().or_else(|_| Ok::<_, ()>(stream.content.clone())) else {
            return;
        };
        self.content(&bytes, own.or(resources), inner, depth + 1);
    }

    fn show(&mut self, state: &State, tm: &mut Matrix, bytes: &[u8], codes: &mut Vec<Code>) {
        let Some(font) = state.font.as_ref() else {
            return;
        };
        codes.clear();
        font.codes(bytes, codes);
        let height = self.page.height;
        for code in codes.iter() {
            let w0 = code.width / 1000.0;
            let text_space = [state.size * state.horizontal, 0.0, 0.0, state.size, 0.0, state.rise];
            let trm = mul(&text_space, &mul(tm, &state.ctm));
            // The glyph's size on the page: the length of the scaled unit vectors.
            let size = (trm[0] * trm[3] - trm[1] * trm[2]).abs().sqrt();
            if size.is_finite() && size > 0.0 && trm[4].is_finite() && trm[5].is_finite() && !code.text.is_empty() {
                self.page.glyphs.push(Glyph {
                    x: trm[4],
                    y: height - trm[5],
                    advance: (w0 * size).max(0.0),
                    size,
                    text: code.text.clone(),
                });
            }
            let spacing = state.char_spacing + if code.is_space { state.word_spacing } else { 0.0 };
            let tx = (w0 * state.size + spacing) * state.horizontal;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }
}
