#!/usr/bin/env python3
"""The measurements behind scripts/bench.sh (run that: it builds the binary and the corpora).

    python3 scripts/bench.py BINARY WORKDIR ROUNDS

WORKDIR holds what bench.sh made: real-text/ (the real resumes of the shared corpus, as
text), real-pdf/ (its real PDFs, each copied a few times), mem-small/ and mem-large/ (text
folders for the memory row) and one-pdf/ (one real PDF copied, for the HTTP row).

How each figure is taken, so that it can be trusted on a shared machine:
- every command is one process, started and reaped here with os.wait4, whose rusage counts
  the process and every child it reaped (the PDF extraction workers included): that is the
  CPU time, and its peak RSS the memory;
- a figure is the median of ROUNDS runs (or more for the short ones), printed with its
  minimum and maximum; nothing is "best of";
- gap-check and pdftotext are run alternately, one after the other, and the ratio is taken
  per pair, so a burst of load from elsewhere hits both;
- the machine's load average is printed before and after: the machine is shared, and a
  figure taken under load says so.
"""
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time

BIN, WORK, ROUNDS = sys.argv[1], sys.argv[2], int(sys.argv[3])
AS_OF = "2026-11-01"
GC = [BIN, "--format", "ndjson", "--target", "lead-ml", "--progress", "never", "--as-of", AS_OF]
HAS_PDFTOTEXT = subprocess.run(["sh", "-c", "command -v pdftotext"], capture_output=True).returncode == 0


def files(folder, exts):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(exts))


def run(cmd):
    """(wall s, CPU s, peak RSS KiB) of one command and the children it reaped; output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def spread(values, scale=1.0, fmt="{:.1f}"):
    """'median [min-max]' of values times scale."""
    v = sorted(x * scale for x in values)
    return f"{fmt.format(statistics.median(v))} [{fmt.format(v[0])}-{fmt.format(v[-1])}]"


def verdict(value, target, lower_is_better=True):
    return "met" if (value <= target if lower_is_better else value >= target) else "NOT met"


def row(label, figure, target=""):
    print(f"  {label:44} {figure}{'  ' + target if target else ''}")


def load():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def real_text_rows():
    folder = os.path.join(WORK, "real-text")
    n = len(files(folder, (".txt", ".md")))
    print(f"\nreal text resumes, --jobs 1 ({n} files: the corpus' real-text-a, real-text-b and weak)")
    runs = [run(GC + ["--jobs", "1", folder]) for _ in range(ROUNDS)]
    rates = [n / cpu for _, cpu, _ in runs if cpu > 0]
    med = statistics.median(rates)
    row("resumes per CPU-second", f"{spread(rates, fmt='{:,.0f}')}", f"target >= 5,000: {verdict(med, 5000, False)}")
    row("CPU per resume", f"{spread([cpu / n for _, cpu, _ in runs], 1e6, '{:.0f}')} µs")


def one_file_rows():
    print(f"\none resume, process start to exit (median [min-max] of the runs)")
    one = [BIN, "--format", "json", "--target", "lead-ml", "--as-of", AS_OF]
    pdfs = files(os.path.join(WORK, "one-pdf-each"), ".pdf")
    if HAS_PDFTOTEXT:
        ours, theirs, ratios, cpus = [], [], [], []
        for pdf in pdfs:
            for _ in range(ROUNDS):
                a = run(one + [pdf])
                b = run(["pdftotext", "-q", pdf, "-"])
                ours.append(a[0])
                theirs.append(b[0])
                cpus.append(a[1])
                ratios.append(a[0] / b[0])
        med = statistics.median(ratios)
        row(f"one real PDF / pdftotext, wall ({len(pdfs)} PDFs)", f"{spread(ratios, fmt='{:.2f}')}x", f"target <= 1.0x: {verdict(med, 1.0)}")
        row("  gap-check, wall", f"{spread(ours, 1000)} ms (CPU with its worker {spread(cpus, 1000)} ms)")
        row("  pdftotext, wall", f"{spread(theirs, 1000)} ms")
    else:
        row("one real PDF / pdftotext", "skipped: pdftotext not found (apt-get install poppler-utils)")
    texts = files(os.path.join(WORK, "real-text"), ".txt")
    text = sorted(texts, key=os.path.getsize)[len(texts) // 2]
    runs = [run(one + [text]) for _ in range(ROUNDS * 3)]
    med = statistics.median(w for w, _, _ in runs) * 1000
    row(f"one text resume ({os.path.getsize(text):,} bytes), wall", f"{spread([w for w, _, _ in runs], 1000)} ms", f"target <= 8 ms: {verdict(med, 8.0)}")
    for label, args, target in (("gap-check roles", ["roles"], 5.0), ("gap-check --version", ["--version"], None)):
        runs = [run([BIN] + args) for _ in range(ROUNDS * 3)]
        med = statistics.median(w for w, _, _ in runs) * 1000
        row(f"{label}, wall", f"{spread([w for w, _, _ in runs], 1000)} ms", f"target <= {target:g} ms: {verdict(med, target)}" if target else "")


def batch_pdf_rows():
    folder = os.path.join(WORK, "real-pdf")
    pdfs = files(folder, ".pdf")
    print(f"\nreal PDFs in a batch, --jobs 1 ({len(pdfs)} files: the corpus' real PDFs, each copied)")
    if not HAS_PDFTOTEXT:
        row("batch CPU / pdftotext CPU", "skipped: pdftotext not found (apt-get install poppler-utils)")
        return
    poppler = ["sh", "-c", 'for f in "$@"; do pdftotext -q "$f" - ; done', "sh"] + pdfs
    ratios, ours = [], []
    for _ in range(ROUNDS):
        a = run(GC + ["--jobs", "1", folder])[1]
        b = run(poppler)[1]
        ours.append(a)
        ratios.append(a / b)
    row("whole pipeline CPU / pdftotext CPU", f"{spread(ratios, fmt='{:.2f}')}x", f"target <= 0.8x: {verdict(statistics.median(ratios), 0.8)}")
    row("CPU per PDF", f"{spread([c / len(pdfs) for c in ours], 1000)} ms")


def memory_rows():
    small, large = os.path.join(WORK, "mem-small"), os.path.join(WORK, "mem-large")
    ns, nl = len(os.listdir(small)), len(os.listdir(large))
    rounds = max(3, ROUNDS // 2)
    print(f"\npeak memory of a folder run (all cores; median [min-max] of {rounds} pairs)")
    # Peak RSS moves by a few hundred KiB from run to run (which worker thread's heap grows
    # first): the pairs alternate, and the growth is taken per pair.
    pairs = [(run(GC + [small])[2], run(GC + [large])[2]) for _ in range(rounds)]
    ks, kl = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    growth = [(peak_large - peak_small) / 1024 for peak_small, peak_large in pairs]
    d = statistics.median(growth)
    row(
        f"{ns:,} -> {nl:,} text files",
        f"{ks / 1024:.1f} -> {kl / 1024:.1f} MiB ({spread(growth, fmt='{:+.1f}')})",
        f"target flat (+-1 MiB): {verdict(abs(d), 1.0)}",
    )


def serve_cpu(pdf, requests):
    """CPU of a `gap-check serve` that answered `requests` POSTs of one PDF, one at a time,
    workers included (they are reaped when it stops)."""
    server = subprocess.Popen(
        [BIN, "serve", "--listen", "127.0.0.1:0", "--as-of", AS_OF],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = server.stderr.readline().strip()
    prefix = "gap-check: listening on http://"
    if not first.startswith(prefix):
        server.kill()
        server.wait()
        raise RuntimeError(f"the server did not start: {first!r}")
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
    host, port = first[len(prefix):].rsplit(":", 1)
    body = open(pdf, "rb").read()
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    failed = 0
    for _ in range(requests):
        conn.request("POST", "/v1/reports?target=lead-ml", body=body, headers={"Content-Type": "application/pdf"})
        response = conn.getresponse()
        response.read()
        failed += response.status != 200
    conn.close()
    server.send_signal(signal.SIGTERM)
    _, status, usage = os.wait4(server.pid, 0)
    server.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, failed


def http_rows():
    """The marginal CPU of one more PDF, measured alike on both sides: over HTTP (a server
    that answered 30 requests minus one that answered one) and in a batch (a folder of 30
    copies minus a folder of one). Each side's first document pays once for what later ones
    reuse (the extraction worker's start, the patterns compiled on first use); a server that
    answered none would leave that in the HTTP figure and not in the batch's."""
    n = 30
    folder = os.path.join(WORK, "one-pdf")
    pdf = files(folder, ".pdf")[0]
    print(f"\none PDF more, CPU with workers ({os.path.basename(pdf)}, {n} times)")
    served, batch, fails = [], [], 0
    one = os.path.join(WORK, "one-pdf-single")
    # Every round, not half of them, and the ratio taken per round: a round is about a
    # second, and with two rounds the ratio moved by a quarter on the same binary.
    for _ in range(ROUNDS):
        busy, failed = serve_cpu(pdf, n)
        first, _ = serve_cpu(pdf, 1)
        fails += failed
        served.append((busy - first) / (n - 1))
        batch.append((run(GC + ["--jobs", "1", folder])[1] - run(GC + ["--jobs", "1", one])[1]) / (n - 1))
    ratios = [s / b for s, b in zip(served, batch)]
    row("HTTP, one PDF per request", f"{spread(served, 1000)} ms" + (f" ({fails} requests failed)" if fails else ""))
    row("batch --jobs 1", f"{spread(batch, 1000)} ms")
    row("HTTP / batch", f"{spread(ratios, fmt='{:.2f}')}x", f"target HTTP = batch: {verdict(statistics.median(ratios), 1.0)}")


def main():
    version = subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; {load()}; {ROUNDS} rounds; CPU includes child processes (workers)")
    real_text_rows()
    one_file_rows()
    batch_pdf_rows()
    http_rows()
    memory_rows()
    print(f"\nafter: {load()}")


if __name__ == "__main__":
    main()
