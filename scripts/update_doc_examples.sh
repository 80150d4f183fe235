#!/usr/bin/env bash
# Regenerates every example output marked in README.md and docs/*.md (a `<!-- output: COMMAND -->`
# line above a fenced block; the syntax is in tests/it/doc_examples.rs) from the binary as built
# now, in place. `cargo test` fails while a block differs from its command's output; after a
# change to what gap-check prints, run this, read `git diff`, and fix the prose around any block
# that moved. Usage: bash scripts/update_doc_examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
GAP_CHECK_UPDATE_DOCS=1 cargo test --test it doc_examples -- --nocapture
