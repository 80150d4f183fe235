//! Converts the embedded taxonomy's TOML files to JSON at build time.
//!
//! The built-in taxonomy is read at every start, and the TOML parser took most of that read
//! (about 4 ms of a 31 ms run); serde_json reads the same data into the same types several
//! times faster. The TOML stays the one source people edit: the JSON is derived from it here,
//! never committed, and a file that does not parse fails the build with its name. A user's
//! `--taxonomy DIR` is still read as TOML (`taxonomy::parse_toml`).
//!
//! It also hashes the embedded files, as `TaxonomyFiles::sha256` hashes any taxonomy (each
//! file's name and length, then its text, in the order below): every report records the hash,
//! and computing it at each start cost more than reading a resume. A unit test checks that the
//! two agree.

use std::path::{Path, PathBuf};
use std::{env, fs};

use sha2::{Digest, Sha256};

/// The taxonomy files compiled into the binary and read through serde, in the order the
/// taxonomy's hash takes them.
const EMBEDDED: [&str; 10] = [
    "skills",
    "roles",
    "sources",
    "vocabulary",
    "technologies",
    "phrases",
    "standing",
    "job_nouns",
    "degrees",
    "identifiers",
];

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut hasher = Sha256::new();
    for name in EMBEDDED {
        let path = Path::new("taxonomy").join(format!("{name}.toml"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = serde_json::to_string(&value).expect("a TOML value is JSON");
        fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
        hasher.update(format!("{name}.toml\n{}\n", text.len()).as_bytes());
        hasher.update(text.as_bytes());
    }
    let hash: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    fs::write(out.join("taxonomy.sha256"), hash).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
