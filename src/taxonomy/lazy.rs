//! Patterns compiled on first use. Compiling every pattern of the taxonomy at each start
//! cost most of a one-resume run (issue 25), though a resume exercises few of them. The
//! built-in taxonomy's patterns are compiled by the tests ([`super::Taxonomy::compile_all`]);
//! a taxonomy from `--taxonomy DIR` is compiled whole when it is loaded, so that its errors
//! are still reported before any resume is read.

use std::sync::{Arc, OnceLock};

use regex::Regex;

/// A `regex::Regex` built from `source` when first used. Clones share the compiled regex.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: Arc<str>,
    compiled: Arc<OnceLock<Result<Regex, String>>>,
}

impl LazyRegex {
    /// `eager`: compile now and report an error now (a taxonomy given by the user).
    pub fn new(source: String, eager: bool) -> Result<LazyRegex, String> {
        let lazy = LazyRegex { source: source.into(), compiled: Arc::new(OnceLock::new()) };
        if eager {
            lazy.compile()?;
        }
        Ok(lazy)
    }

    /// Compiles the pattern if it is not yet, and says whether it compiles.
    pub fn compile(&self) -> Result<&Regex, String> {
        self.compiled.get_or_init(|| Regex::new(&self.source).map_err(|e| e.to_string())).as_ref().map_err(Clone::clone)
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    /// The compiled regex. A pattern that does not compile — impossible for the built-in
    /// taxonomy (tested) and for a loaded one (compiled on load) — matches nothing.
    fn deref(&self) -> &Regex {
        static NEVER: std::sync::LazyLock<Regex> =
            std::sync::LazyLock::new(|| Regex::new(r"[^\s\S]").expect("a class of no character compiles"));
        self.compile().unwrap_or(&NEVER)
    }
}
