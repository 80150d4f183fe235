//! Batch mode: the single-resume pipeline mapped over many inputs.
//!
//! Inputs are discovered lazily (a folder of 100,000 resumes is never listed into memory),
//! taken in a stable order (sorted file names, depth first), optionally narrowed to one
//! shard ([`discover`]), and processed on worker threads. Results come back in input order
//! whatever the thread timing, through a reorder window of bounded size ([`ordered`]), so
//! output is byte-for-byte deterministic and memory stays flat; `--sort score` spools
//! rendered records to a temporary file ([`spill`]). A record that repeats an earlier one
//! (same file, or same text) is flagged as it is written ([`duplicates`]).

pub mod discover;
pub mod duplicates;
pub mod ordered;
pub mod spill;

pub use discover::{count, discover, Discovery, Item, OnSkip, Shard};
pub use duplicates::Duplicates;
pub use ordered::map_ordered;
pub use spill::SortedSpill;
