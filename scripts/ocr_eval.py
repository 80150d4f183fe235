#!/usr/bin/env python3
"""How many of a text PDF's skills gap-check recovers from its scan and from a photo of page 1.

    cargo build --release
    python3 scripts/ocr_eval.py [PDF_DIR] [--bin target/release/gap-check] [--dpi 200]

For every PDF in PDF_DIR (default ../shared/corpus/real-pdf), in a temporary folder that is
removed at the end (nothing is written beside the corpus):
  - scan.pdf: every page rasterised at --dpi in grey and JPEG-compressed into an image-only
    PDF (scripts/scan_pdf.py, as an office scanner makes it);
  - page1.png: page 1 as a grey PNG; page1.pdf: page 1 of the text PDF (pdfseparate), the
    reference for the PNG.
Recall is |skills(scan) & skills(text)| / |skills(text)|; "extra" counts skills found in the
scan that the text PDF does not show (OCR errors read as a skill). CPU is the user + system
time of the gap-check process and its children (the worker, pdftoppm, Tesseract) per page.
Prints a Markdown table and the totals (docs/formats.md has the last run).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scan_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def skills(binary: str, path: Path) -> tuple[set[str], dict, float]:
    before = children_cpu()
    out = subprocess.run([binary, str(path), "--format", "json", "--as-of", AS_OF], capture_output=True, text=True)
    cpu = children_cpu() - before
    record = json.loads(out.stdout)
    if "error" in record:
        return set(), record, cpu
    return {s["id"] for s in record["skills"]}, record, cpu


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "real-pdf")
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "gap-check"))
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args()

    rows = []
    totals = {"text": 0, "scan": 0, "scan_extra": 0, "p1": 0, "png": 0, "png_extra": 0, "pages": 0, "cpu": 0.0}
    png_cpu = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for pdf in sorted(args.pdf_dir.glob("*.pdf")):
            work = tmp / pdf.stem
            work.mkdir()
            scan, png, page1 = work / "scan.pdf", work / "page1.png", work / "page1.pdf"
            scan_pdf.scan(pdf, scan, args.dpi)
            scan_pdf.png_page1(pdf, png, args.dpi)
            subprocess.run(["pdfseparate", "-f", "1", "-l", "1", str(pdf), str(page1)], check=True)
            text, _, _ = skills(args.bin, pdf)
            scanned, record, cpu = skills(args.bin, scan)
            first, _, _ = skills(args.bin, page1)
            photo, photo_record, cpu_png = skills(args.bin, png)
            n = pages(pdf)
            png_cpu.append(cpu_png)
            error = record.get("error", {}).get("message", "")
            conf = record.get("input", {}).get("ocr_confidence")
            rows.append((pdf.name, n, len(text), len(scanned & text), len(scanned - text), sorted(text - scanned),
                         len(first), len(photo & first), len(photo - first), conf, cpu / n, error))
            totals["text"] += len(text)
            totals["scan"] += len(scanned & text)
            totals["scan_extra"] += len(scanned - text)
            totals["p1"] += len(first)
            totals["png"] += len(photo & first)
            totals["png_extra"] += len(photo - first)
            totals["pages"] += n
            totals["cpu"] += cpu
            print(f"{pdf.name}: scan {len(scanned & text)}/{len(text)}, png {len(photo & first)}/{len(first)} {error}",
                  file=sys.stderr)

    print(f"| PDF | pages | skills (text) | from scan | extra | missed | skills p.1 | from PNG | extra | confidence | CPU s/page |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, n, t, s, x, missed, p1, p, px, conf, cpu, error in rows:
        missed_text = ", ".join(missed) if missed else ""
        if error:
            missed_text = f"error: {error}"
        print(f"| {name} | {n} | {t} | {s} | {x} | {missed_text} | {p1} | {p} | {px} | {conf} | {cpu:.2f} |")
    recall = totals["scan"] / max(totals["text"], 1)
    png_recall = totals["png"] / max(totals["p1"], 1)
    print()
    print(f"Scans ({args.dpi} dpi grey JPEG): {totals['scan']} of {totals['text']} skills recovered = {recall:.3f}; "
          f"{totals['scan_extra']} extra.")
    print(f"PNG of page 1: {totals['png']} of {totals['p1']} = {png_recall:.3f}; {totals['png_extra']} extra.")
    png_cpu.sort()
    print(f"CPU per scanned page (whole run of gap-check, all processes): mean {totals['cpu'] / totals['pages']:.2f} s; "
          f"PNG of one page: median {png_cpu[len(png_cpu) // 2]:.2f} s, max {png_cpu[-1]:.2f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
