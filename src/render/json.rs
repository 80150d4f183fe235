//! The JSON contract: a pretty-printed object for one resume, an array for many, or one
//! compact object per line (NDJSON) for streaming.

use std::io::Write;

use crate::report::Record;

pub fn to_json(record: &Record) -> String {
    // Plain structs of strings and numbers: serialisation cannot fail.
    serde_json::to_string_pretty(record).unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise report: {e}\"}}"))
}

pub fn write_ndjson_line<W: Write>(out: &mut W, record: &Record) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}
