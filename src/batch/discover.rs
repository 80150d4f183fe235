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
fn skip_reason(path: &Path, kind: Kind, follow: bool) -> Option<String> {
    let is_file = match kind {
        Kind::Link if !follow => {
            return Some(match std::fs::metadata(path) {
                Ok(target) if target.is_dir() => "a link to a folder (not followed)".into(),
                Ok(target) if target.is_file() => "a link to a file (not followed; --follow reads links)".into(),
                Ok(_) => kind_of(path),
                Err(e) => link_error(&e).into(),
            });
        }
        Kind::Link => match std::fs::metadata(path) {
            Ok(target) => target.is_file(),
            Err(e) => return Some(link_error(&e).into()),
        },
        Kind::File => true,
        Kind::Dir | Kind::Other => false,
    };
    if !is_file {
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

/// What a folder entry is, as the folder listing says (no `stat` on most file systems): a
/// link stays a link here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    File,
    Link,
    Other,
}

impl Kind {
    fn of(file_type: std::fs::FileType) -> Kind {
        if file_type.is_symlink() {
            Kind::Link
        } else if file_type.is_dir() {
            Kind::Dir
        } else if file_type.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }
}

/// The identity of a folder, to see that a followed link leads back to a folder being
/// walked (a loop).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FolderId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FolderId {
    fn of(path: &Path) -> Option<FolderId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).ok().map(|m| FolderId((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FolderId)
        }
    }
}

/// How many entries of one folder are held at a time (see [`Folder`]).
const WINDOW: usize = 4096;

/// One folder being walked, a window of its entries at a time, in sorted order.
///
/// A folder's entries must be sorted before its first file is read, and a flat folder may
/// hold hundreds of thousands of resumes: held whole (walkdir kept a full path, metadata and
/// an error slot per entry), the listing grew a run's peak memory by 7 MiB from 5,000 to
/// 50,000 files. So a folder is listed again for each window of the [`WINDOW`] smallest
/// names after the last one handed out, kept packed (one buffer of their bytes and 12
/// bytes each): memory stays flat whatever the folder's size, for one more listing per
/// 4,096 entries (a few milliseconds per 50,000 entries, against about a second of
/// analysis for every thousand resumes). Folders are walked depth first, so the stack holds
/// only the folders on the current path.
struct Folder {
    path: PathBuf,
    /// Set when links are followed: the walk's loop check compares against it.
    id: Option<FolderId>,
    names: Vec<u8>,
    /// (start of the name in `names`, its length, its kind), sorted by name.
    entries: Vec<(u32, u32, Kind)>,
    next: usize,
    /// Whether the folder holds names after this window.
    more: bool,
}

impl Folder {
    fn read(path: PathBuf, follow: bool) -> std::io::Result<Folder> {
        let id = if follow { FolderId::of(&path) } else { None };
        let mut folder = Folder { path, id, names: Vec::new(), entries: Vec::new(), next: 0, more: false };
        folder.fill(None)?;
        Ok(folder)
    }

    fn name(&self, &(start, len, _): &(u32, u32, Kind)) -> &[u8] {
        &self.names[start as usize..(start + len) as usize]
    }

    /// Lists the folder and keeps the [`WINDOW`] smallest names after `after`, sorted.
    fn fill(&mut self, after: Option<&[u8]>) -> std::io::Result<()> {
        self.names.clear();
        self.entries.clear();
        self.next = 0;
        self.more = false;
        for entry in std::fs::read_dir(&self.path)? {
            let entry = entry?;
            let name = entry.file_name();
            let bytes = name.as_encoded_bytes();
            if after.is_some_and(|after| bytes <= after) {
                continue;
            }
            // The type from the listing; when the file system does not give it, a `stat`
            // (lstat: a link stays a link) that can fail like any other read.
            let kind = Kind::of(entry.file_type()?);
            let (Ok(start), Ok(len)) = (u32::try_from(self.names.len()), u32::try_from(bytes.len())) else {
                return Err(std::io::Error::other("a folder listing over 4 GiB of names"));
            };
            self.names.extend_from_slice(bytes);
            self.entries.push((start, len, kind));
            if self.entries.len() >= 2 * WINDOW {
                self.keep_smallest();
            }
        }
        self.keep_smallest();
        Ok(())
    }

    /// Sorts the entries and keeps the first [`WINDOW`], with only their names' bytes.
    fn keep_smallest(&mut self) {
        // Byte order of the names is the order of `OsStr`'s comparison (walkdir's
        // `sort_by_file_name`, fd's and `ls`'s in the C locale): the output order of every
        // earlier release is kept.
        let names = &self.names;
        let name = |&(start, len, _): &(u32, u32, Kind)| &names[start as usize..(start + len) as usize];
        self.entries.sort_unstable_by(|a, b| name(a).cmp(name(b)));
        if self.entries.len() > WINDOW {
            self.entries.truncate(WINDOW);
            self.more = true;
            let mut packed = Vec::with_capacity(self.entries.iter().map(|e| e.1 as usize).sum());
            for entry in &mut self.entries {
                let start = packed.len() as u32;
                packed.extend_from_slice(&self.names[entry.0 as usize..(entry.0 + entry.1) as usize]);
                entry.0 = start;
            }
            self.names = packed;
        }
    }

    /// The next entry's path and kind; an error when the folder can no longer be listed.
    fn next_entry(&mut self) -> Option<std::io::Result<(PathBuf, Kind)>> {
        if self.next == self.entries.len() {
            let last = self.entries.last()?;
            if !self.more {
                return None;
            }
            let after = self.name(last).to_vec();
            if let Err(e) = self.fill(Some(&after)) {
                self.entries.clear();
                return Some(Err(e));
            }
        }
        let entry = *self.entries.get(self.next)?;
        self.next += 1;
        let bytes = self.name(&entry);
        // SAFETY: the bytes are a whole name taken by `as_encoded_bytes` from an `OsStr` in
        // this process, which is what `from_encoded_bytes_unchecked` asks.
        let name = unsafe { std::ffi::OsStr::from_encoded_bytes_unchecked(bytes) };
        Some(Ok((self.path.join(name), entry.2)))
    }
}

/// A depth-first walk of one folder, in sorted order, holding only the folders on the
/// current path (see [`Folder`]).
struct Walk<'a> {
    root: &'a Path,
    follow: bool,
    shard: Option<Shard>,
    counts: &'a Mutex<Discovery>,
    on_skip: OnSkip<'a>,
    stack: Vec<Folder>,
    started: bool,
}

impl Walk<'_> {
    fn note_skip(&self, path: &Path, reason: &str) {
        if let Ok(mut c) = self.counts.lock() {
            c.skipped += 1;
        }
        (self.on_skip)(path, reason);
    }

    /// Enters a folder; one that cannot be listed is an error record.
    fn enter(&mut self, path: PathBuf) -> Option<Item> {
        match Folder::read(path.clone(), self.follow) {
            Ok(folder) => {
                self.stack.push(folder);
                None
            }
            Err(e) => Some(Item::Invalid { id: path.display().to_string(), reason: ReadError::from_io(&e) }),
        }
    }

    /// What one entry of a folder becomes: an item, or nothing (a folder entered, a skip).
    fn visit(&mut self, path: PathBuf, kind: Kind) -> Option<Item> {
        // With `follow`, a link is resolved first, and one that cannot be is skipped for
        // that reason even when its name is hidden (as the walk of earlier releases did).
        let mut is_dir = kind == Kind::Dir;
        if kind == Kind::Link && self.follow {
            match std::fs::metadata(&path) {
                Ok(target) => is_dir = target.is_dir(),
                Err(e) => {
                    self.note_skip(&path, link_error(&e));
                    return None;
                }
            }
            if is_dir {
                let id = FolderId::of(&path);
                if let Some(ancestor) = self.stack.iter().rev().find(|f| f.id.is_some() && f.id == id) {
                    let reason = format!("a link loop (back to {})", ancestor.path.display());
                    self.note_skip(&path, &reason);
                    return None;
                }
            }
        }
        if path.file_name().is_some_and(is_hidden) {
            self.note_skip(&path, "hidden");
            return None;
        }
        if is_dir {
            return self.enter(path);
        }
        if let Some(reason) = skip_reason(&path, kind, self.follow) {
            self.note_skip(&path, &reason);
            return None;
        }
        if let Some(shard) = self.shard {
            let key = path.strip_prefix(self.root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if !shard.owns(&key) {
                if let Ok(mut c) = self.counts.lock() {
                    c.other_shards += 1;
                }
                return None;
            }
        }
        Some(Item::File(path))
    }
}

impl Iterator for Walk<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if !self.started {
            self.started = true;
            if let Some(item) = self.enter(self.root.to_path_buf()) {
                return Some(item);
            }
        }
        loop {
            let top = self.stack.last_mut()?;
            let (path, kind) = match top.next_entry() {
                Some(Ok(entry)) => entry,
                Some(Err(e)) => {
                    let id = top.path.display().to_string();
                    self.stack.pop();
                    return Some(Item::Invalid { id, reason: ReadError::from_io(&e) });
                }
                None => {
                    self.stack.pop();
                    continue;
                }
            };
            if let Some(item) = self.visit(path, kind) {
                return Some(item);
            }
        }
    }
}

/// The resume files under `root`, sorted, lazily. Hidden files and folders are skipped, and
/// so is anything that is not a regular resume file (FIFOs, devices, dangling links). Links
/// are not followed unless `follow` (`-L/--follow`); when they are, a link back to a folder
/// being walked is skipped as a loop, so the walk always ends. Every skip is counted and
/// named to `on_skip`. A folder that cannot be listed is an error record.
fn walk_folder<'a>(
    root: &'a Path,
    follow: bool,
    shard: Option<Shard>,
    counts: &'a Mutex<Discovery>,
    on_skip: OnSkip<'a>,
) -> impl Iterator<Item = Item> + 'a {
    Walk { root, follow, shard, counts, on_skip, stack: Vec::new(), started: false }
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

    /// The walk's order is the order of every earlier release: names compared as bytes
    /// (digits before capitals before lower case), folders entered where their name falls,
    /// depth first; hidden entries and other file types skipped and counted.
    #[test]
    fn a_walk_is_sorted_by_name_depth_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["b", "A", "a/c", ".hidden"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        for file in ["top.txt", "Top.txt", "10.txt", "9.txt", "a/1.txt", "a/c/x.md", "b/Z.txt", "b/a.txt", "A/q.pdf"] {
            std::fs::write(root.join(file), "Python").unwrap();
        }
        for skipped in [".dot.txt", ".hidden/h.txt", "notes.xyz"] {
            std::fs::write(root.join(skipped), "Python").unwrap();
        }
        let counts = Mutex::new(Discovery::default());
        let names: Vec<String> = walk_folder(root, false, None, &counts, &|_, _| {})
            .map(|item| match item {
                Item::File(path) => path.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            ["10.txt", "9.txt", "A/q.pdf", "Top.txt", "a/1.txt", "a/c/x.md", "b/Z.txt", "b/a.txt", "top.txt"]
        );
        // .dot.txt and .hidden (not entered), and notes.xyz.
        assert_eq!(counts.lock().unwrap().skipped, 3);
    }

    /// A folder of more entries than a window is walked in the same sorted order, window
    /// after window, each name once.
    #[test]
    fn a_folder_larger_than_a_window_is_walked_whole_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let count = 2 * WINDOW + 2 * WINDOW / 3;
        let mut expected: Vec<String> = (0..count).map(|i| format!("r{}.txt", i * 7919 % 100_003)).collect();
        for name in &expected {
            std::fs::write(root.join(name), "").unwrap();
        }
        std::fs::create_dir(root.join("r5.txt.d")).unwrap();
        std::fs::write(root.join("r5.txt.d/inner.txt"), "").unwrap();
        expected.push("r5.txt.d/inner.txt".into());
        expected.sort();
        let counts = Mutex::new(Discovery::default());
        let names: Vec<String> = walk_folder(root, false, None, &counts, &|_, _| {})
            .map(|item| match item {
                Item::File(path) => path.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(names.len(), expected.len());
        assert!(names == expected, "first difference at {:?}", names.iter().zip(&expected).position(|(a, b)| a != b));
    }

    /// A folder that cannot be listed is an error record in its place, and the walk goes on.
    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_an_error_record() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("b")).unwrap();
        std::fs::write(root.join("a.txt"), "Python").unwrap();
        std::fs::write(root.join("c.txt"), "Python").unwrap();
        std::fs::set_permissions(root.join("b"), std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read_dir(root.join("b")).is_ok() {
            // Running as root: every folder can be listed.
            return;
        }
        let counts = Mutex::new(Discovery::default());
        let items: Vec<Item> = walk_folder(root, false, None, &counts, &|_, _| {}).collect();
        std::fs::set_permissions(root.join("b"), std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(&items[1], Item::Invalid { id, .. } if id.ends_with("/b")), "{items:?}");
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
