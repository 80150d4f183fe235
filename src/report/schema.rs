//! The published JSON Schemas (`schema/*.schema.json`), generated from the contract types of
//! this module's parent by `schemars`: the types' doc comments are the descriptions, and what a
//! type cannot say by itself (patterns, ranges, the values of a `&'static str`, conditional
//! requirements) is written beside the field as a `#[schemars(...)]` attribute. The committed
//! files are this module's output: `tests/it/codegen.rs` fails when they differ and rewrites them
//! with `SNAPSHOTS=overwrite`.

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};

use super::ranking::{Gain, Ranking};
use super::{PostingReport, Record, RequestErrorBody, SCHEMA_VERSION};
use crate::error::ReadError;

/// Where the schemas are published; each `$id` names the contract version it describes.
pub const BASE_URI: &str = "https://gap-check.dev/schema/";

/// The SHA-256 of the generated `schema/report.schema.json` at [`SCHEMA_VERSION`]. A change to
/// the contract types changes the schema and so this hash: `tests/it/codegen.rs` then fails until
/// the version is bumped, this hash updated and CHANGELOG.md given a line for the change.
pub const REPORT_SCHEMA_SHA256: &str = "36c29d18415355b04db7b763a8c59f50a300dc2aedfa631beddbaa2e81f6dd33";

/// Every generated schema: its file name under `schema/` and its text.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("report.schema.json", text(&report())),
        ("posting.schema.json", text(&posting())),
        ("ranking.schema.json", text(&ranking())),
        ("audit.schema.json", text(&audit())),
        ("manifest.schema.json", text(&manifest())),
        ("http-error.schema.json", text(&http_error())),
    ]
}

/// A schema as committed: two-space indented JSON and a final newline, its top-level keys in
/// reading order (`$schema`, `$id`, `title`, `description`, the rest, `$defs` last); below
/// them, keys are sorted (serde_json's map).
pub fn text(schema: &Value) -> String {
    let Some(map) = schema.as_object() else { return serde_json::to_string_pretty(schema).unwrap_or_default() + "\n" };
    const FIRST: [&str; 4] = ["$schema", "$id", "title", "description"];
    let rank = |k: &str| FIRST.iter().position(|f| *f == k).unwrap_or(if k == "$defs" { 6 } else { 5 });
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| rank(k));
    let fields: Vec<String> = keys
        .iter()
        .map(|k| {
            let value = serde_json::to_string_pretty(&map[*k]).unwrap_or_default().replace('\n', "\n  ");
            format!("  {}: {value}", Value::String((*k).clone()))
        })
        .collect();
    format!("{{\n{}\n}}\n", fields.join(",\n"))
}

/// `gap-check --format json`: one record per resume, a report or an error record.
pub fn report() -> Value {
    root::<Record>(
        "report",
        "gap-check report",
        "One record printed by `gap-check --format json` for one resume: either a full report (skills found, gaps against a target role, fit score, experience, education, leadership and the next career step) or, when the file could not be read, an error record. This is the published contract for HR tooling (PRODUCT.md, \"The JSON report\"): fields may be added in later minor versions, so consumers must ignore fields they do not know; renaming or removing a field is a breaking change that bumps the major version of `schema_version`.",
    )
}

/// `gap-check RESUME --target FOLDER --format json`: one resume against several postings.
pub fn ranking() -> Value {
    root::<Ranking>(
        "ranking",
        "gap-check ranking of postings",
        "What `gap-check RESUME --target POSTING --target POSTING` or `--target FOLDER` prints with `--format json`: one resume measured against several job postings, one row per posting, best fit first. `--format ndjson` prints the rows alone, one `row` (`#/$defs/row`) per line. Fields may be added; renaming or removing one bumps the major version of `schema_version`.",
    )
}

/// `gap-check audit REPORTS --groups FILE --format json`: its own version, `AUDIT_SCHEMA_VERSION`.
pub fn audit() -> Value {
    let mut schema = root::<crate::audit::Audit>("audit", "gap-check audit", "What `gap-check audit REPORTS --groups CSV --format json` prints: selection rates, scoring rates and impact ratios per category of each column of the groups file and of their intersection. The arithmetic is in README.md, \"Bias audit tables\".");
    schema["$id"] = format!("{BASE_URI}audit-{}.json", crate::audit::AUDIT_SCHEMA_VERSION).into();
    schema
}

/// `--manifest FILE`: its own version, `MANIFEST_VERSION`.
pub fn manifest() -> Value {
    let mut schema = root::<crate::manifest::Manifest>("manifest", "gap-check run manifest", "What `--manifest FILE` writes at the end of a run: enough to reproduce or audit the run without keeping the resumes. It holds no resume text: paths as given, hashes, scores and error codes.");
    schema["$id"] = format!("{BASE_URI}manifest-{}.json", crate::manifest::MANIFEST_VERSION).into();
    schema
}

/// `gap-check target posting.txt --format json`: a job posting as read.
pub fn posting() -> Value {
    root::<PostingReport>(
        "posting",
        "gap-check posting reading",
        "What `gap-check target POSTING --format json` prints: a job posting as read, before any resume is measured against it (the requirements a report's `matched[]` and `missing[]` will list for `--target POSTING`).",
    )
}

/// The body of every HTTP response of `gap-check serve` that is not a report (status 4xx/5xx).
pub fn http_error() -> Value {
    root::<HttpError>(
        "http-error",
        "gap-check serve error body",
        "The body of a `gap-check serve` response that carries no report: an error record (a document that could not be read: 413 `too_large`, 415 `unsupported_format`, 422 otherwise) or a request error (the request itself is wrong or the service is busy: no `input`).",
    )
}

/// An HTTP error body: the error record of a document, or a request error.
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "http_error", transform = one_of)]
#[allow(dead_code)] // a schema only: the service writes the two bodies itself
enum HttpError {
    Document(super::ErrorReport),
    Request(RequestErrorBody),
}

fn root<T: JsonSchema>(name: &str, title: &str, description: &str) -> Value {
    let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), format!("{BASE_URI}{name}-{SCHEMA_VERSION}.json").into());
        obj.insert("title".into(), title.into());
        obj.insert("description".into(), description.into());
    }
    tidy(&mut schema);
    schema
}

/// What schemars writes that the contract does not say: Rust's integer and float widths as
/// `format` (not JSON Schema formats), doc comments' line breaks inside descriptions, and
/// `null` for an optional field (one that is not required is an `Option` skipped when `None`:
/// absent, never null).
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str).is_some_and(is_width) {
                map.remove("format");
            }
            let required: Vec<String> = map
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).map(String::from).collect())
                .unwrap_or_default();
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    if !required.contains(name) {
                        drop_null(property);
                    }
                }
            }
            if let Some(Value::String(d)) = map.get_mut("description") {
                *d = unwrap_lines(d);
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// `{"type": ["string", "null"]}` → `{"type": "string"}`; `{"anyOf": [{"$ref": …}, {"type":
/// "null"}]}` → `{"$ref": …}`.
fn drop_null(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else { return };
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
        branches.retain(|b| b.get("type").and_then(Value::as_str) != Some("null"));
        if let [only] = branches.as_slice() {
            let only = only.clone();
            map.remove("anyOf");
            if let Value::Object(only) = only {
                map.extend(only);
            }
        }
    }
}

fn is_width(format: &str) -> bool {
    let signed = format.strip_prefix('u').unwrap_or(format);
    let integer = signed.strip_prefix("int").is_some_and(|bits| bits.is_empty() || bits.parse::<u8>().is_ok());
    integer || format == "float" || format == "double"
}

/// A doc comment's lines joined into one paragraph (a blank line keeps a paragraph break).
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n")
}

/// An untagged enum is `anyOf` by default; the contract's branches exclude each other.
pub(crate) fn one_of(schema: &mut Schema) {
    if let Some(branches) = schema.remove("anyOf") {
        schema.insert("oneOf".into(), branches);
    }
}

/// `matched[]`: every item is met.
pub(crate) fn met_items(schema: &mut Schema) {
    constrain_items(schema, json!({"met": {"const": true}, "points": {"minimum": 0}}));
}

/// `missing[]`: no item is met and each leaves points to gain.
pub(crate) fn unmet_items(schema: &mut Schema) {
    constrain_items(schema, json!({"met": {"const": false}, "points": {"exclusiveMinimum": 0}}));
}

fn constrain_items(schema: &mut Schema, properties: Value) {
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        items.insert("properties".into(), properties);
    }
}

/// `error.code` of an error record: [`ReadError::codes`].
pub(crate) fn error_code(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "enum": ReadError::codes(),
    })
}

/// Every code an HTTP request error may carry: what is wrong with the request
/// ([`super::REQUEST_ERROR_CODES`]), or why the posting part could not be used (a read
/// error's code, `not_a_posting`, `no_requirement`).
pub fn request_error_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = super::REQUEST_ERROR_CODES.to_vec();
    for code in ReadError::codes().into_iter().chain([crate::rank::NOT_A_POSTING, crate::rank::NO_REQUIREMENT]) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// `error.code` of an HTTP request error: [`request_error_codes`].
pub(crate) fn request_error_code(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "enum": request_error_codes(),
    })
}

/// A row's `biggest_gain` when present: the action, or null when nothing is missing (the one
/// optional field that may be null, so it is written as `oneOf`, which [`tidy`] keeps).
pub(crate) fn nullable_gain(generator: &mut SchemaGenerator) -> Schema {
    let gain = generator.subschema_for::<Gain>();
    json_schema!({"oneOf": [gain, {"type": "null"}]})
}

/// An error row's `error`: a read error's code, or why the file is no posting.
pub(crate) fn row_error(_: &mut SchemaGenerator) -> Schema {
    let codes: Vec<&str> =
        ReadError::codes().into_iter().chain([crate::rank::NOT_A_POSTING, crate::rank::NO_REQUIREMENT]).collect();
    json_schema!({
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"description": "Stable, machine-readable code of the reason.", "type": "string", "enum": codes},
            "message": {"description": "The reason in words.", "type": "string", "minLength": 1}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_one_paragraph_per_blank_line() {
        assert_eq!(unwrap_lines("a line\nwrapped here\n\nnext  one"), "a line wrapped here\n\nnext one");
    }

    #[test]
    fn only_rust_widths_are_dropped() {
        for f in ["uint", "uint32", "int64", "float", "double", "uint8"] {
            assert!(is_width(f), "{f}");
        }
        for f in ["date", "uri", "email", "uint-ish", "integer"] {
            assert!(!is_width(f), "{f}");
        }
        let mut v = json!({"a": {"type": "integer", "format": "uint32"}, "b": {"format": "date"}});
        tidy(&mut v);
        assert_eq!(v, json!({"a": {"type": "integer"}, "b": {"format": "date"}}));
    }

    #[test]
    fn the_text_is_the_schema_with_its_heading_keys_first() {
        let schema = report();
        let text = text(&schema);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), schema);
        assert!(
            text.starts_with("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\""),
            "{}",
            &text[..80]
        );
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn an_optional_field_is_absent_never_null() {
        let mut v = json!({
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": {"type": ["string", "null"]},
                "b": {"type": ["string", "null"], "minLength": 1},
                "c": {"anyOf": [{"$ref": "#/$defs/level"}, {"type": "null"}], "description": "d"}
            }
        });
        tidy(&mut v);
        assert_eq!(v["properties"]["a"], json!({"type": ["string", "null"]}), "a required field keeps its null");
        assert_eq!(v["properties"]["b"], json!({"type": "string", "minLength": 1}));
        assert_eq!(v["properties"]["c"], json!({"$ref": "#/$defs/level", "description": "d"}));
    }

    #[test]
    fn the_report_schema_has_both_branches() {
        let schema = report();
        let branches: Vec<&str> =
            schema["oneOf"].as_array().unwrap().iter().map(|b| b["$ref"].as_str().unwrap()).collect();
        assert_eq!(branches, ["#/$defs/report", "#/$defs/error_record"]);
    }
}
