//! Rendered records held back for `--sort score`, spooled to an unnamed temporary file.

/// Rendered records held back for `--sort score`: their bytes go to an anonymous temporary
/// file (unlinked at once, gone when the process ends), and only a small index of score and
/// position stays in memory.
pub struct SortedSpill {
    file: std::fs::File,
    len: u64,
    /// (score, input position, offset, length); errors have no score and go last.
    index: Vec<(Option<u32>, usize, u64, usize)>,
}

impl SortedSpill {
    pub fn new() -> std::io::Result<SortedSpill> {
        Ok(SortedSpill { file: tempfile::tempfile()?, len: 0, index: Vec::new() })
    }

    pub fn push(&mut self, score: Option<u32>, chunk: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        self.file.write_all(chunk)?;
        let position = self.index.len();
        self.index.push((score, position, self.len, chunk.len()));
        self.len += chunk.len() as u64;
        Ok(())
    }

    /// Calls `write` with each chunk, best score first, ties and errors in input order.
    pub fn drain(mut self, mut write: impl FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        self.index.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.cmp(&x).then(a.1.cmp(&b.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        });
        let mut buf = Vec::new();
        for (_, _, offset, len) in self.index {
            self.file.seek(SeekFrom::Start(offset))?;
            buf.resize(len, 0);
            self.file.read_exact(&mut buf)?;
            write(&buf)?;
        }
        Ok(())
    }
}
