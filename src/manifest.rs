//! `--manifest FILE`: a JSON record of one run, enough to reproduce or audit it without
//! keeping the resumes: the tool version, the taxonomy's SHA-256, the target and every option
//! that changes results, start and end time (UTC, RFC 3339), the counts, and per input its
//! SHA-256 with the record's score or error code. See `schema/manifest.schema.json`.
//!
//! The manifest holds no resume text: only paths (as given, the same as in the reports),
//! hashes, scores and error codes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ReadError;
use crate::report::Record;

/// Version of the manifest format (`schema/manifest.schema.json`).
pub const MANIFEST_VERSION: &str = "1.0";

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("manifest {}: cannot write: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
}

/// The options that change results.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "options")]
pub struct Options {
    /// The role id given with --target; null when each resume was measured against its best-fit role.
    #[schemars(length(min = 1))]
    pub target: Option<String>,
    /// The date "Present" stood for: --as-of for every file when given; otherwise the date of the run, used for files
    /// that carry no date of their own (each report's experience.as_of and as_of_basis say which date it used).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub as_of: String,
    /// The --taxonomy directory, or null for the embedded taxonomy.
    pub taxonomy: Option<String>,
    /// --max-size in bytes.
    pub max_size: u64,
    /// --timeout in seconds.
    pub timeout: u64,
    /// --shard K/N, or null.
    #[schemars(regex(pattern = r"^[0-9]+/[0-9]+$"))]
    pub shard: Option<String>,
    /// The files, folders or - given on the command line.
    pub inputs: Vec<String>,
}

/// What `--manifest FILE` writes at the end of a run: enough to reproduce or audit the run without keeping the resumes.
/// It holds no resume text: paths as given, hashes, scores and error codes.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "manifest")]
pub struct Manifest {
    /// Version of this manifest format.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+(\.[0-9]+)?$"))]
    pub manifest_version: &'static str,
    pub tool: Tool,
    /// The `schema_version` of the reports the run wrote.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+(\.[0-9]+)?$"))]
    pub report_schema_version: &'static str,
    pub taxonomy: TaxonomyHash,
    /// The options that change results.
    pub options: Options,
    /// UTC, RFC 3339 (`2026-12-01T09:30:00.123Z`).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$"))]
    pub started: String,
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$"))]
    pub finished: String,
    pub counts: Counts,
    /// One entry per record, in input order (also with `--sort score`).
    pub records: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "tool")]
pub struct Tool {
    #[schemars(extend("const" = "gap-check"))]
    pub name: &'static str,
    /// The gap-check version that ran.
    #[schemars(regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+"))]
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "taxonomy")]
pub struct TaxonomyHash {
    /// `embedded` (built into the binary) or the `--taxonomy` directory.
    #[schemars(length(min = 1))]
    pub source: String,
    /// The taxonomy's SHA-256, as every report's `taxonomy.sha256`: over skills.toml, roles.toml, sources.toml,
    /// vocabulary.toml, technologies.toml (empty when absent) and phrases.toml in that order, each preceded by
    /// `<name>\n<length>\n`.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize, JsonSchema)]
#[schemars(rename = "counts")]
pub struct Counts {
    /// ok + failed.
    pub records: u64,
    pub ok: u64,
    pub failed: u64,
    /// Files in folders that are not resumes, and hidden files.
    pub skipped: u64,
    /// Inputs left to other shards.
    pub other_shards: u64,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "entry", extend("oneOf" = [{"properties": {"score": {"type": "integer"}, "error": {"type": "null"}}}, {"properties": {"score": {"type": "null"}, "error": {"type": "string"}}}]))]
pub struct Entry {
    #[schemars(length(min = 1))]
    pub path: String,
    /// SHA-256 of the file's bytes; null for a failed input that could not be hashed (missing, too large, or read from
    /// stdin).
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: Option<String>,
    /// The role measured against (`null` for an error).
    pub target: Option<String>,
    #[schemars(range(max = 100))]
    pub score: Option<u32>,
    /// The error record's `code`; null for a report.
    #[schemars(regex(pattern = r"^[a-z]+(_[a-z]+)*$"))]
    pub error: Option<String>,
}

/// Collects a run's records as they are written, then becomes the manifest.
#[derive(Debug)]
pub struct Recorder {
    started: SystemTime,
    options: Options,
    taxonomy: TaxonomyHash,
    records: Vec<Entry>,
    /// Failed files are hashed only when the inputs are files (not stdin records, whose
    /// ids may name an unrelated file) and not larger than this.
    hash_failed_up_to: Option<u64>,
}

impl Recorder {
    /// Starts the clock. `taxonomy_sha256` is the loaded taxonomy's hash.
    pub fn start(options: Options, taxonomy_sha256: &str) -> Recorder {
        let started = SystemTime::now();
        let source = options.taxonomy.clone().unwrap_or_else(|| "embedded".to_string());
        let taxonomy = TaxonomyHash { source, sha256: taxonomy_sha256.to_string() };
        let stdin = options.inputs.iter().any(|i| i == "-");
        let hash_failed_up_to = (!stdin).then_some(options.max_size);
        Recorder { started, options, taxonomy, records: Vec::new(), hash_failed_up_to }
    }

    pub fn record(&mut self, record: &Record) {
        let entry = match record {
            Record::Report(r) => Entry {
                path: r.input.path.clone(),
                sha256: Some(r.input.sha256.clone()),
                target: Some(r.target.id.clone()),
                score: Some(r.score),
                error: None,
            },
            Record::Error(e) => Entry {
                path: e.input.path.clone(),
                sha256: self.hash_failed_up_to.and_then(|max| file_sha256(Path::new(&e.input.path), max)),
                target: None,
                score: None,
                error: Some(e.error.code.to_string()),
            },
        };
        self.records.push(entry);
    }

    pub fn finish(self, mut counts: Counts) -> Manifest {
        counts.records = counts.ok + counts.failed;
        Manifest {
            manifest_version: MANIFEST_VERSION,
            tool: Tool { name: "gap-check", version: env!("CARGO_PKG_VERSION") },
            report_schema_version: crate::report::SCHEMA_VERSION,
            taxonomy: self.taxonomy,
            options: self.options,
            started: rfc3339(self.started),
            finished: rfc3339(SystemTime::now()),
            counts,
            records: self.records,
        }
    }
}

impl Manifest {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn write(&self, path: &Path) -> Result<(), ManifestError> {
        std::fs::write(path, self.to_json())
            .map_err(|e| ManifestError::Write { path: path.to_path_buf(), reason: ReadError::from_io(&e).to_string() })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file_sha256(path: &Path, max: u64) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > max {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(_) => return None,
        }
    }
    Some(hex(&hasher.finalize()))
}

/// A time as UTC RFC 3339 with milliseconds: `2026-12-01T09:30:00.123Z`.
pub fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil-from-days (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_of_known_instants() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        // 2000-02-29 is a leap day: 11016 days after the epoch; + 23:59:59.5
        let t = UNIX_EPOCH + Duration::from_millis((11_016 * 86_400 + 86_399) * 1000 + 500);
        assert_eq!(rfc3339(t), "2000-02-29T23:59:59.500Z");
        // 1 700 000 000 s is 2023-11-14 22:13:20 UTC.
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(1_700_000_000)), "2023-11-14T22:13:20.000Z");
    }
}
