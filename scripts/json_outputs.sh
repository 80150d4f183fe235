#!/usr/bin/env bash
# Writes `--format json` for every fixture (and every role target) into OUT_DIR, so two builds
# can be compared byte for byte: `diff -r before/ after/`. Used to check that a refactor
# changes no published output.
# usage: scripts/json_outputs.sh BINARY OUT_DIR
set -euo pipefail
bin=$1 out=$2
mkdir -p "$out"
cd "$(dirname "$0")/.."
find fixtures -type f \( -name '*.pdf' -o -name '*.txt' -o -name '*.md' -o -name '*.docx' -o -name '*.json' \) \
  ! -name README.md | sort | while read -r f; do
  name=$(echo "$f" | tr '/' '_')
  "$bin" "$f" --format json --as-of 2026-11-01 > "$out/$name.json" 2>/dev/null || true
  "$bin" "$f" --target lead-ml --as-of 2026-11-01 > "$out/$name.lead-ml.txt" 2>/dev/null || true
done
"$bin" fixtures/resumes --format csv --as-of 2026-11-01 > "$out/batch.csv" 2>/dev/null || true
"$bin" fixtures/resumes --format ndjson --target data-engineer --as-of 2026-11-01 > "$out/batch.ndjson" 2>/dev/null || true
