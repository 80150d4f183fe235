#!/usr/bin/env python3
"""The measurements behind scripts/bench.sh (run that: it builds the binary and the corpora).

    python3 scripts/bench.py BINARY WORKDIR ROUNDS

WORKDIR holds the corpora bench.sh made: real-pdf/ (the real resume PDFs of
../shared/corpus/real-pdf, each copied several times), gen-pdf/ (copies of the fixtures' PDFs),
text/ (fixture text resumes made distinct), real-text/ (../shared/corpus/real-text-a and -b),
and mem-small/ and mem-large/ (text folders for the memory row).

Every ratio is measured interleaved: gap-check and the other tool run one after the other,
ROUNDS times, and the ratio is taken per pair; the line shows the median pair and the range.
CPU time is user + system of the command and of every process it waited for (extraction
workers included), from getrusage(RUSAGE_CHILDREN). Figures, not pass/fail: the machine is
shared and timings vary from run to run.
"""
import os, resource, shutil, statistics, subprocess, sys, time

BIN, WORK, ROUNDS = sys.argv[1], sys.argv[2], int(sys.argv[3])


def files(folder, ext):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(ext))


def run(cmd):
    """(wall seconds, CPU seconds) of one command, output discarded; failures are counted, not fatal."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def peak_rss_kib(cmd):
    """Peak RSS of a command from /usr/bin/time; its LAST line is the figure (a failing
    command makes time print "Command exited with non-zero status" first)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [l for l in out.stderr.strip().splitlines() if l.strip()]
    return int(lines[-1]) if lines and lines[-1].strip().isdigit() else None


def interleaved(a, b, rounds=ROUNDS, key=1):
    """Runs a and b alternately; returns (median a, median b, ratios a/b) of wall (key 0) or CPU (key 1)."""
    xs, ys, ratios = [], [], []
    for _ in range(rounds):
        x = run(a)[key]
        y = run(b)[key]
        xs.append(x)
        ys.append(y)
        if y > 0:
            ratios.append(x / y)
    return statistics.median(xs), statistics.median(ys), sorted(ratios)


def verdict(value, target, lower_is_better=True):
    ok = value <= target if lower_is_better else value >= target
    return "met" if ok else "NOT met"


def ratio_line(label, a, b, ratios, target):
    r = statistics.median(ratios)
    print(f"  {label:52} {r:5.2f}x [{ratios[0]:.2f}-{ratios[-1]:.2f}]  ({a:.2f} s vs {b:.2f} s CPU)  target <= {target}x: {verdict(r, target)}")


def python_has(module):
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


GC = [BIN, "--format", "ndjson", "--target", "lead-ml", "--progress", "never", "--as-of", "2026-11-01"]


def pdf_rows(name, folder):
    pdfs = files(folder, ".pdf")
    print(f"\n{name}: {len(pdfs)} PDFs in {folder}")
    gc = GC + ["--jobs", "1", folder]
    poppler = ["sh", "-c", 'for f in "$@"; do pdftotext -q "$f" - ; done', "sh"] + pdfs
    a, b, r = interleaved(gc, poppler)
    ratio_line("full pipeline CPU / pdftotext CPU (--jobs 1)", a, b, r, 0.8)
    if python_has("pymupdf") or python_has("fitz"):
        script = "import sys\ntry:\n import pymupdf as m\nexcept ImportError:\n import fitz as m\nfor f in sys.argv[1:]:\n d=m.open(f); ''.join(p.get_text() for p in d)"
        a, b, r = interleaved(gc, [sys.executable, "-c", script] + pdfs)
        ratio_line("full pipeline / PyMuPDF text (one Python process)", a, b, r, 0.5)
    else:
        print("  full pipeline / PyMuPDF: PyMuPDF not installed (pip install pymupdf)")
    if python_has("pdfminer"):
        script = "import sys\nfrom pdfminer.high_level import extract_text\nfor f in sys.argv[1:]:\n extract_text(f)"
        a, b, r = interleaved(gc, [sys.executable, "-c", script] + pdfs, rounds=max(1, ROUNDS // 2))
        ratio_line("full pipeline / pdfminer.six text extraction", a, b, r, 0.08)
    else:
        print("  full pipeline / pdfminer.six: not installed (pip install pdfminer.six)")
    out = subprocess.run(GC + [folder], capture_output=True, text=True)
    unread = [l for l in out.stdout.splitlines() if '"error"' in l]
    print(f"  {'PDFs that cannot be read':52} {len(unread)} of {len(pdfs)}  target 0: {verdict(len(unread), 0)}")


def one_file_rows(pdf, text):
    print(f"\none resume, process start to exit (wall, median of {ROUNDS * 3} interleaved runs)")
    one = [BIN, "--format", "json", "--target", "lead-ml", "--as-of", "2026-11-01"]
    a, b, r = interleaved(one + [pdf], ["pdftotext", "-q", pdf, "-"], rounds=ROUNDS * 3, key=0)
    m = statistics.median(r)
    print(f"  {'one PDF (' + os.path.basename(pdf) + ')':52} {a * 1000:.1f} ms vs pdftotext {b * 1000:.1f} ms = {m:.2f}x  target <= 1.0x: {verdict(m, 1.0)}")
    walls = sorted(run(one + [text])[0] for _ in range(ROUNDS * 3))
    t = statistics.median(walls) * 1000
    print(f"  {'one text resume (' + os.path.basename(text) + ')':52} {t:.1f} ms  target <= 8 ms: {verdict(t, 8.0)}")


def text_rows():
    print("\ntext resumes per CPU-second (--jobs 1, best of rounds)")
    for name in ("text", "real-text"):
        folder = os.path.join(WORK, name)
        n = len([f for f in os.listdir(folder) if f.endswith((".txt", ".md"))])
        cpu = min(run(GC + ["--jobs", "1", folder])[1] for _ in range(max(1, ROUNDS // 2)))
        rate = n / cpu if cpu > 0 else 0
        print(f"  {name + f' ({n} files)':52} {rate:,.0f} per CPU-second  target >= 5,000: {verdict(rate, 5000, False)}")
    small, large = os.path.join(WORK, "mem-small"), os.path.join(WORK, "mem-large")
    ns, nl = len(os.listdir(small)), len(os.listdir(large))
    ks, kl = peak_rss_kib(GC + [small]), peak_rss_kib(GC + [large])
    if ks and kl:
        d = (kl - ks) / 1024
        print(f"  {f'peak memory, {ns:,} -> {nl:,} text files':52} {ks / 1024:.1f} -> {kl / 1024:.1f} MiB ({d:+.1f})  target flat (+-1 MiB): {verdict(abs(d), 1.0)}")


def main():
    print(f"gap-check on {os.cpu_count()} cores; {ROUNDS} interleaved rounds per ratio; CPU includes child processes")
    pdf_rows("real resume PDFs (../shared/corpus/real-pdf, each copied)", os.path.join(WORK, "real-pdf"))
    pdf_rows("generated corpus (fixture PDFs, copied)", os.path.join(WORK, "gen-pdf"))
    real = files(os.path.join(WORK, "real-pdf"), ".pdf")
    sizes = sorted(real, key=os.path.getsize)
    one_file_rows(sizes[len(sizes) // 2], files(os.path.join(WORK, "text"), ".txt")[0])
    text_rows()


if __name__ == "__main__":
    if not shutil.which("pdftotext"):
        sys.exit("bench.py: pdftotext (poppler-utils) is needed")
    main()
