//! Which inputs a run reads: files, folders walked in sorted order, NDJSON records on stdin,
//! and the share of them that belongs to this shard.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::ReadError;
use crate::ingest::InputFormat;

/// One resume to analyse.
#[derive(Debug, Clone)]
pub enum Item {
    File(PathBuf),
    /// A record read from NDJSON on stdin: its id stands in for a path.
    Text {
        id: String,
        text: String,
    },
    /// A stdin line that could not be used, with the reason.
    Invalid {
        id: String,
        reason: ReadError,
    },
}

impl Item {
    pub fn name(&self) -> String {
        match self {
            Item::File(path) => path.display().to_string(),
            Item::Text { id, .. } | Item::Invalid { id, .. } => id.clone(),
        }
    }
}

/// `--shard K/N`: the K-th of N stable, disjoint shares of the inputs (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("'{s}' is not a shard: use K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether this shard owns `key`. The key is the path relative to the folder given on the
    /// command line (or the stdin record id), so every machine agrees wherever the bucket is
    /// mounted.
    pub fn owns(&self, key: &str) -> bool {
        let digest = Sha256::digest(key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % self.count == self.index - 1
    }
}

/// Counts kept while inputs are discovered.
#[derive(Debug, Default, Clone, Copy)]
pub struct Discovery {
    /// Entries of a folder walk that are not read: hidden files and folders, files that are
    /// not resumes gap-check reads, FIFOs, devices and sockets, dangling links and links to
    /// folders. Each is also named, with its reason, to the `on_skip` callback.
    pub skipped: u64,
    /// Inputs that belong to other shards.
    pub other_shards: u64,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Called with each entry a walk skips and the reason, for `--verbose`.
pub type OnSkip<'a> = &'a (dyn Fn(&Path, &str) + Sync);

/// Why a walk entry that is not a folder is not read, if it is not. Without `follow`, a link
/// is never read: a link in a folder of uploads can point anywhere (`/etc/passwd`), so it is
/// skipped with what it points at, as ripgrep and fd do. With `follow`, the walk has already
/// resolved it and the entry is judged by what it points at.
fn skip_reason(e: &walkdir::DirEntry, follow: bool) -> Option<String> {
    let path = e.path();
    if e.path_is_symlink() && !follow {
        return Some(match std::fs::metadata(path) {
            Ok(target) if target.is_dir() => "a link to a folder (not followed)".into(),
            Ok(target) if target.is_file() => "a link to a file (not followed; --follow reads links)".into(),
            Ok(_) => kind_of(path),
            Err(e) => link_error(&e).into(),
        });
    }
    let file_type = if e.path_is_symlink() {
        match std::fs::metadata(path) {
            Ok(target) => target.file_type(),
            Err(e) => return Some(link_error(&e).into()),
        }
    } else {
        e.file_type()
    };
    if !file_type.is_file() {
        return Some(kind_of(path));
    }
    if InputFormat::from_path(path).is_none() {
        let ext = path.extension().map(|x| format!(".{}", x.to_string_lossy()));
        return Some(format!("not a resume file type ({})", ext.as_deref().unwrap_or("no extension")));
    }
    None
}

/// A FIFO, a device, a socket, in words.
fn kind_of(path: &Path) -> String {
    match crate::ingest::file::check_regular(path, u64::MAX) {
        Err(ReadError::NotRegularFile(kind)) => kind,
        _ => "not a regular file".into(),
    }
}

/// Why a link cannot be resolved: a link that leads back to itself (`a -> b -> a`) is a
/// loop, not a missing target.
fn link_error(e: &std::io::Error) -> &'static str {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "a link loop";
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "a dangling link",
        std::io::ErrorKind::PermissionDenied => "a link whose target cannot be reached (permission denied)",
        _ => "a link that cannot be resolved",
    }
}

/// The resume files under `root`, sorted, lazily. Hidden files and folders are skipped, and
/// so is anything that is not a regular resume file (FIFOs, devices, dangling links). Links
/// are not followed unless `follow` (`-L/--follow`); when they are, a link back to a folder
/// being walked is skipped as a loop, so the walk always ends. Every skip is counted and
/// named to `on_skip`.
fn walk_folder<'a>(
    root: &'a Path,
    follow: bool,
    shard: Option<Shard>,
    counts: &'a Mutex<Discovery>,
    on_skip: OnSkip<'a>,
) -> impl Iterator<Item = Item> + 'a {
    let count = move |f: fn(&mut Discovery)| {
        if let Ok(mut c) = counts.lock() {
            f(&mut c)
        }
    };
    let skip = move |path: &Path, reason: &str| {
        count(|c| c.skipped += 1);
        on_skip(path, reason);
    };
    walkdir::WalkDir::new(root)
        .follow_links(follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            e.depth() == 0 || !is_hidden(e.file_name()) || {
                skip(e.path(), "hidden");
                false
            }
        })
        .filter_map(move |entry| match entry {
            Ok(e) => {
                let path = e.path();
                if e.file_type().is_dir() {
                    return None;
                }
                if let Some(reason) = skip_reason(&e, follow) {
                    skip(path, &reason);
                    return None;
                }
                if let Some(shard) = shard {
                    let key = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
                    if !shard.owns(&key) {
                        count(|c| c.other_shards += 1);
                        return None;
                    }
                }
                Some(Item::File(path.to_path_buf()))
            }
            // With --follow, a link to a folder above it is a loop and a link that leads
            // nowhere is dangling: both are skipped with that reason, as without it.
            Err(err) if err.loop_ancestor().is_some() => {
                let path = err.path().unwrap_or(root);
                let ancestor = err.loop_ancestor().unwrap_or(root);
                skip(path, &format!("a link loop (back to {})", ancestor.display()));
                None
            }
            Err(err) if err.path().is_some_and(|p| p.is_symlink()) && err.io_error().is_some() => {
                let path = err.path().unwrap_or(root);
                skip(path, err.io_error().map_or("a link that cannot be resolved", link_error));
                None
            }
            // An unreadable folder is reported as an error record rather than skipped.
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                Some(Item::Invalid {
                    id: path.display().to_string(),
                    reason: err.io_error().map(ReadError::from_io).unwrap_or_else(|| ReadError::Io(err.to_string())),
                })
            }
        })
}

#[derive(Deserialize)]
struct StdinRecord {
    id: Option<serde_json::Value>,
    text: Option<String>,
}

/// NDJSON records `{"id": …, "text": …}` from a reader, one per line. A line that is not
/// such a record becomes an error record, and the stream goes on.
fn read_records<'a, R: BufRead + 'a>(
    reader: R,
    shard: Option<Shard>,
    counts: &'a Mutex<Discovery>,
) -> impl Iterator<Item = Item> + 'a {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let fallback_id = format!("stdin:{}", i + 1);
        let line = match line {
            Ok(l) => l,
            Err(e) => return Some(Item::Invalid { id: fallback_id, reason: ReadError::Io(e.to_string()) }),
        };
        if line.trim().is_empty() {
            return None;
        }
        let item = match serde_json::from_str::<StdinRecord>(&line) {
            Ok(StdinRecord { id, text: Some(text) }) => {
                let id = match id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(other) if !other.is_null() => other.to_string(),
                    _ => fallback_id,
                };
                Item::Text { id, text }
            }
            Ok(_) => Item::Invalid { id: fallback_id, reason: ReadError::BadRecord("no \"text\" field".into()) },
            Err(e) => Item::Invalid { id: fallback_id, reason: ReadError::BadRecord(format!("not JSON ({e})")) },
        };
        if let Some(shard) = shard {
            if !shard.owns(&item.name()) {
                if let Ok(mut c) = counts.lock() {
                    c.other_shards += 1;
                }
                return None;
            }
        }
        Some(item)
    })
}

/// Every input as a lazy stream of items, in command-line order. Files named explicitly are
/// always taken, links included (an unsupported one gets an error record); `-` reads NDJSON
/// from stdin; links inside a folder are followed only with `follow`.
pub fn discover<'a>(
    inputs: &'a [PathBuf],
    follow: bool,
    shard: Option<Shard>,
    counts: &'a Mutex<Discovery>,
    on_skip: OnSkip<'a>,
) -> Box<dyn Iterator<Item = Item> + Send + 'a> {
    let iter = inputs.iter().flat_map(move |input| -> Box<dyn Iterator<Item = Item> + Send + 'a> {
        if input.as_os_str() == "-" {
            let stdin = std::io::stdin();
            return Box::new(read_records(std::io::BufReader::new(stdin), shard, counts));
        }
        if input.is_dir() {
            return Box::new(walk_folder(input, follow, shard, counts, on_skip));
        }
        let owned = shard.is_none_or(|s| s.owns(&input.to_string_lossy()));
        if !owned {
            if let Ok(mut c) = counts.lock() {
                c.other_shards += 1;
            }
            return Box::new(std::iter::empty());
        }
        Box::new(std::iter::once(Item::File(input.clone())))
    });
    Box::new(iter)
}

/// Counts the resumes a set of inputs holds, for a progress bar's total. Cheap: it lists
/// names without reading files. `None` when stdin is among the inputs.
pub fn count(inputs: &[PathBuf], follow: bool, shard: Option<Shard>) -> Option<u64> {
    if inputs.iter().any(|i| i.as_os_str() == "-") {
        return None;
    }
    let counts = Mutex::new(Discovery::default());
    Some(discover(inputs, follow, shard, &counts, &|_, _| {}).count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_inputs() {
        let keys: Vec<String> = (0..1000).map(|i| format!("dir/resume-{i}.pdf")).collect();
        let shards: Vec<Shard> = (1..=4).map(|k| Shard { index: k, count: 4 }).collect();
        for key in &keys {
            assert_eq!(shards.iter().filter(|s| s.owns(key)).count(), 1, "{key}");
        }
        let first = keys.iter().filter(|k| shards[0].owns(k)).count();
        assert!((150..350).contains(&first), "roughly even: {first}");
        assert!("0/4".parse::<Shard>().is_err() && "5/4".parse::<Shard>().is_err() && "2/4".parse::<Shard>().is_ok());
    }

    #[test]
    fn stdin_records_and_bad_lines() {
        let input =
            "{\"id\": \"a\", \"text\": \"Python\"}\nnot json\n\n{\"id\": 7, \"text\": \"SQL\"}\n{\"id\": \"x\"}\n";
        let counts = Mutex::new(Discovery::default());
        let items: Vec<Item> = read_records(input.as_bytes(), None, &counts).collect();
        assert_eq!(items.len(), 4);
        assert!(matches!(&items[0], Item::Text { id, text } if id == "a" && text == "Python"));
        assert!(matches!(&items[1], Item::Invalid { id, .. } if id == "stdin:2"));
        assert!(matches!(&items[2], Item::Text { id, .. } if id == "7"));
        assert!(matches!(&items[3], Item::Invalid { .. }));
    }
}
