#!/usr/bin/env bash
# Speed and memory of gap-check on real resumes, against poppler's pdftotext where it counts.
#
#   bash scripts/bench.sh [ROUNDS]          (default 5 rounds per figure)
#
# Needs python3 and the shared corpus (real-text-a, real-text-b, weak, real-pdf). It is found
# at, in order: $GAP_CHECK_CORPUS; ../shared/corpus beside this checkout; ../shared/corpus
# beside the repository this one was cloned from (so `git clone /work/main /tmp/x` finds
# /work/shared/corpus). pdftotext (Debian: apt-get install poppler-utils) is optional: without
# it the rows that compare with it say so and are skipped. Nothing is installed.
#
# Environment: GAP_CHECK_BIN (a built binary: skips `cargo build --release`, e.g. to compare
# two builds), REAL_COPIES (copies of each real PDF in the batch row, default 5), MEM_SMALL /
# MEM_LARGE (text files in the two memory folders, default 5000 / 50000).
#
# Every figure is a median with its minimum and maximum, CPU includes the extraction
# workers, and the machine's load is printed before and after (scripts/bench.py says how).
# `cargo bench` measures the in-process analysis of one text resume (benches/analyze.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
REAL_COPIES=${REAL_COPIES:-5}
MEM_SMALL=${MEM_SMALL:-5000}
MEM_LARGE=${MEM_LARGE:-50000}

find_corpus() {
  local origin
  if [ -n "${GAP_CHECK_CORPUS:-}" ]; then
    echo "$GAP_CHECK_CORPUS"
    return
  fi
  if [ -d ../shared/corpus ]; then
    echo ../shared/corpus
    return
  fi
  origin=$(git config --get remote.origin.url 2>/dev/null || true)
  origin=${origin#file://}
  if [ -n "$origin" ] && [ -d "$origin/../shared/corpus" ]; then
    echo "$origin/../shared/corpus"
    return
  fi
}
CORPUS=$(find_corpus)
for part in real-text-a real-text-b weak real-pdf; do
  if [ -z "$CORPUS" ] || [ ! -d "$CORPUS/$part" ]; then
    echo "bench.sh: the shared corpus (with $part/) is not at \$GAP_CHECK_CORPUS, ../shared/corpus" \
      "or beside the repository this was cloned from; set GAP_CHECK_CORPUS=/path/to/shared/corpus" >&2
    exit 2
  fi
done
command -v python3 >/dev/null || { echo "bench.sh: python3 is needed" >&2; exit 2; }

if [ -n "${GAP_CHECK_BIN:-}" ]; then
  BIN=$GAP_CHECK_BIN
else
  cargo build --release --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/gap-check
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- corpora ------------------------------------------------------------------------------
# Real texts: every resume text of the corpus (label files are TOML and JSON, not copied).
mkdir -p "$WORK/real-text"
for part in real-text-a real-text-b weak; do
  for f in "$CORPUS/$part"/*.txt; do
    case $(basename "$f") in README* | SOURCES*) continue ;; esac
    cp "$f" "$WORK/real-text/$part-$(basename "$f")"
  done
done

# Real PDFs: each once (one-pdf-each), each REAL_COPIES times (real-pdf), and the median-sized
# one 30 times and once (one-pdf, one-pdf-single) for the HTTP row.
mkdir -p "$WORK/one-pdf-each" "$WORK/real-pdf" "$WORK/one-pdf" "$WORK/one-pdf-single"
cp "$CORPUS"/real-pdf/*.pdf "$WORK/one-pdf-each/"
for f in "$CORPUS"/real-pdf/*.pdf; do
  for i in $(seq "$REAL_COPIES"); do cp "$f" "$WORK/real-pdf/$(basename "${f%.pdf}")-$i.pdf"; done
done
median_pdf=$(ls -S "$WORK"/one-pdf-each/*.pdf | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
for i in $(seq 30); do cp "$median_pdf" "$WORK/one-pdf/copy-$i.pdf"; done
cp "$median_pdf" "$WORK/one-pdf-single/copy-1.pdf"

# Memory folders: the fixture resumes made distinct by a per-file name and reference line.
make_text_corpus() { # DIR COUNT
  python3 - "$1" "$2" <<'PY'
import glob, os, sys
out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
templates = sorted(glob.glob("fixtures/resumes/*.txt") + glob.glob("fixtures/resumes/*.md"))
bodies = [open(t, encoding="utf-8", errors="replace").read().split("\n", 1)[-1] for t in templates]
for i in range(count):
    ext = templates[i % len(templates)].rsplit(".", 1)[1]
    with open(os.path.join(out, f"resume-{i}.{ext}"), "w") as f:
        f.write(f"Candidate {i}\n{bodies[i % len(bodies)]}\n\nReference: candidate-{i}\n")
PY
}
make_text_corpus "$WORK/mem-small" "$MEM_SMALL"
make_text_corpus "$WORK/mem-large" "$MEM_LARGE"

echo "corpus: $CORPUS; $(uname -sm); $(date -u '+%Y-%m-%d %H:%M UTC')"
python3 scripts/bench.py "$BIN" "$WORK" "$ROUNDS"
# The HTTP service under load: a bounded load test on loopback (400 requests, 8 client threads).
python3 scripts/load_test.py --bin "$BIN" --requests 400 --concurrency 8
# The Spark path, when pyspark and a JRE are there (scripts/spark_check.sh installs them).
if command -v java >/dev/null 2>&1 && python3 -c "import pyspark" >/dev/null 2>&1; then
  GAP_CHECK_BIN="$BIN" bash scripts/spark_check.sh
fi
