//! The JSON contract: one pretty-printed object for one resume.

use crate::report::Record;

pub fn to_json(record: &Record) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(record)
        .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise report: {e}\"}}"))
}
