#!/usr/bin/env bash
# Renders the two HTML page kinds of the README (docs/report.png, docs/shortlist.png) with
# headless Chromium: a report for one bundled resume and the shortlist of the bundled folder.
# Needs chromium (Debian: apt-get install -y chromium). Usage: bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

chrome=""
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then chrome="$name"; break; fi
done
if [ -z "$chrome" ]; then
  echo "chromium not found: install it (apt-get install -y chromium)" >&2
  exit 1
fi

cargo build --quiet
bin=target/debug/gap-check
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" fixtures/resumes/senior-mle-team-lead.pdf --target lead-ml --format html --as-of 2026-11-01 > "$work/report.html"
"$bin" fixtures/resumes --target lead-ml --format html --sort score --as-of 2026-11-01 > "$work/shortlist.html" 2>/dev/null

shoot() { # page, png, window size
  "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --screenshot="$2" --window-size="$3" "file://$work/$1" 2>/dev/null
}
shoot report.html "$PWD/docs/report.png" 1000,2500
shoot shortlist.html "$PWD/docs/shortlist.png" 1000,1500
ls -l docs/report.png docs/shortlist.png
