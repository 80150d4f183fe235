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
//!
//! And it turns O*NET's job titles (`onet_titles.tsv`, 50,000 titles) into static tables
//! sorted by title: parsing and sorting them at run time was a third of a one-resume run's
//! instructions. A unit test checks the tables against the file parsed at run time.

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
    write_onet_titles(&out);
    println!("cargo:rerun-if-changed=build.rs");
}

/// `onet_titles.rs`: `ONET_OCCUPATIONS` (the byte ranges of each line's code and occupation title,
/// in file order) and `ONET_BY_TITLE` (each title's range and its line's index, sorted by title
/// and then by line), as `OnetTitles::parse` builds them from the same file.
fn write_onet_titles(out: &Path) {
    let path = Path::new("taxonomy").join("onet_titles.tsv");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = |piece: &str| {
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        (start, start + piece.len())
    };
    let mut occupations = String::new();
    let mut by_title: Vec<(&str, usize, (usize, usize))> = Vec::new();
    for (index, line) in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [code, name, titles] = cols[..] else { panic!("{}: not code, title, titles: {line}", path.display()) };
        let ((code_start, code_end), (name_start, name_end)) = (range(code), range(name));
        occupations.push_str(&format!("[{code_start},{code_end},{name_start},{name_end}],"));
        by_title.extend(titles.split('|').map(|title| (title, index, range(title))));
    }
    by_title.sort_unstable();
    let titles: String = by_title.iter().map(|(_, index, (start, end))| format!("[{start},{end},{index}],")).collect();
    let source = format!(
        "static ONET_OCCUPATIONS: &[[u32; 4]] = &[{occupations}];\nstatic ONET_BY_TITLE: &[[u32; 3]] = &[{titles}];\n"
    );
    fs::write(out.join("onet_titles.rs"), source).expect("OUT_DIR is writable");
}
