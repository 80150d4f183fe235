#!/usr/bin/env bash
# Throughput and memory of gap-check's batch mode, measured against poppler's pdftotext.
#
#   bash scripts/bench.sh [TEXT_COUNT] [PDF_COUNT]      (defaults: 2000 500)
#
# Generates a corpus in a temporary folder from the fixtures (text resumes made distinct by
# a per-file name and reference line; PDFs copied from the four fixture PDFs, which come from
# three producers), then prints resumes per second for text and PDF, peak memory at two
# corpus sizes, and the time of `pdftotext` alone on the same PDFs with the same
# parallelism, as the ratio gap-check full pipeline / pdftotext extraction.
# Last, a bounded load test of `gap-check serve` on loopback (scripts/load_test.py).
# Figures, not pass/fail: the machine is shared and timings vary from run to run.
set -euo pipefail
cd "$(dirname "$0")/.."

TEXT_COUNT=${1:-2000}
PDF_COUNT=${2:-500}
CORES=$(nproc)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need pdftotext || [ ! -x /usr/bin/time ]; then
  echo "installing poppler-utils and time from Debian's packages..." >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq poppler-utils time >/dev/null
fi

cargo build --release --quiet
BIN=target/release/gap-check
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- corpus -------------------------------------------------------------------------------
make_text_corpus() { # DIR COUNT
  local dir=$1 count=$2 i=0
  mkdir -p "$dir"
  local templates=(fixtures/resumes/*.txt fixtures/resumes/*.md)
  while [ "$i" -lt "$count" ]; do
    local t=${templates[$((i % ${#templates[@]}))]}
    local ext=${t##*.}
    { echo "Candidate $i"; tail -n +2 "$t"; echo; echo "Reference: candidate-$i"; } >"$dir/resume-$i.$ext"
    i=$((i + 1))
  done
}
make_pdf_corpus() { # DIR COUNT
  local dir=$1 count=$2 i=0
  mkdir -p "$dir"
  local templates=(fixtures/resumes/*.pdf)
  while [ "$i" -lt "$count" ]; do
    cp "${templates[$((i % ${#templates[@]}))]}" "$dir/resume-$i.pdf"
    i=$((i + 1))
  done
}
make_text_corpus "$WORK/text" "$TEXT_COUNT"
make_text_corpus "$WORK/text-500" 500
make_text_corpus "$WORK/text-5000" 5000
make_pdf_corpus "$WORK/pdf" "$PDF_COUNT"
LINES=$(cat "$WORK"/text/* | wc -l)

# --- measurements -------------------------------------------------------------------------
# Prints "seconds peak_rss_kib" for a command whose output is discarded.
measure() {
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || true
  cat "$WORK/time"
}
best_of() { # N command... : the fastest of N runs (least disturbed by other load)
  local n=$1 best="" line
  shift
  for _ in $(seq "$n"); do
    line=$(measure "$@")
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$line; fi
  done
  echo "$best"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

read -r text_s text_kib < <(best_of 3 "$BIN" "$WORK/text" --format ndjson --target lead-ml --progress never)
read -r text1_s _ < <(best_of 3 "$BIN" "$WORK/text" --format ndjson --target lead-ml --progress never --jobs 1)
read -r pdf_s pdf_kib < <(best_of 3 "$BIN" "$WORK/pdf" --format ndjson --target lead-ml --progress never)
read -r m500_s m500_kib < <(best_of 1 "$BIN" "$WORK/text-500" --format ndjson --progress never)
read -r m5000_s m5000_kib < <(best_of 1 "$BIN" "$WORK/text-5000" --format ndjson --progress never)
read -r pdftotext_s _ < <(best_of 3 sh -c "find '$WORK/pdf' -name '*.pdf' -print0 | xargs -0 -P $CORES -I{} pdftotext -q {} -")

echo "gap-check $("$BIN" --version | cut -d' ' -f2) on $CORES cores ($(uname -m)), best of 3 runs"
echo "corpus: $TEXT_COUNT text resumes ($((LINES / TEXT_COUNT)) lines each on average), $PDF_COUNT PDF resumes"
echo
echo "text   $TEXT_COUNT resumes in ${text_s} s: $(rate "$TEXT_COUNT" "$text_s") resumes/s on $CORES cores; $(rate "$TEXT_COUNT" "$text1_s") resumes/s on one core (--jobs 1)"
echo "pdf    $PDF_COUNT resumes in ${pdf_s} s: $(rate "$PDF_COUNT" "$pdf_s") resumes/s on $CORES cores (full pipeline, one extraction worker process per PDF)"
echo "poppler pdftotext alone, same PDFs, $CORES in parallel: ${pdftotext_s} s"
awk -v a="$pdf_s" -v b="$pdftotext_s" 'BEGIN { printf "ratio  gap-check full pipeline / pdftotext extraction = %.2f (target <= 1.0)\n", a / b }'
echo "memory peak RSS: $(mib "$text_kib") for $TEXT_COUNT text resumes, $(mib "$pdf_kib") for $PDF_COUNT PDFs"
echo "memory flat?     $(mib "$m500_kib") for 500 files, $(mib "$m5000_kib") for 5000 files"
# The HTTP service: a bounded load test on loopback (400 requests, 8 client threads).
python3 scripts/load_test.py --bin "$BIN" --requests 400 --concurrency 8
# The Spark path: rdd.pipe in local mode equals a direct run (installs pyspark and a JRE if missing).
GAP_CHECK_BIN="$BIN" bash scripts/spark_check.sh
