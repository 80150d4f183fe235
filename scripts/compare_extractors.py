#!/usr/bin/env python3
"""Words recovered by gap-check's PDF extractors, measured against poppler's pdftotext.

    python3 scripts/compare_extractors.py [BINARY] [PDF or FOLDER ...]
        (defaults: target/release/gap-check, ../shared/corpus/real-pdf fixtures/resumes fixtures/eval)

For each PDF and each extractor (`auto`, the default pipeline; `lopdf`, gap-check's own
interpreter alone; `pdf-extract` alone), runs the binary's extraction worker once
(`gap-check __extract-pdf MEM CPU FILE EXTRACTOR`) and compares its words (NFKC, lower case,
runs of letters and digits) with pdftotext's: recall is the share of pdftotext's words (as a
multiset) that the extractor also returns, extra the words it returns that pdftotext does
not (glued or split words show up in both columns). Also prints the extraction time and any
failure. Needs poppler-utils (pdftotext). Figures, not pass/fail.
"""
import collections, json, os, re, subprocess, sys, time, unicodedata

EXTRACTORS = ("auto", "lopdf", "pdf-extract")


def words(text):
    return collections.Counter(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower()))


def pdfs(args):
    for a in args:
        if os.path.isdir(a):
            yield from sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".pdf"))
        else:
            yield a


def extract(binary, path, extractor):
    start = time.perf_counter()
    r = subprocess.run([binary, "__extract-pdf", str(2 << 30), "31", path, extractor], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    try:
        reply = json.loads(r.stdout)
    except ValueError:
        return None, f"exit {r.returncode}", elapsed
    if "Failed" in reply:
        return None, str(reply["Failed"]), elapsed
    return reply["Lines"], None, elapsed


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/gap-check"
    targets = sys.argv[2:] or ["../shared/corpus/real-pdf", "fixtures/resumes", "fixtures/eval"]
    totals = {e: [0, 0, 0, 0.0, 0] for e in EXTRACTORS}  # common, reference, extra, seconds, failures
    ref_total = 0
    print(f"{'file':38} {'pdftotext':>9}  " + "  ".join(f"{e:>22}" for e in EXTRACTORS))
    print(f"{'':38} {'words':>9}  " + "  ".join(f"{'recall extra   ms':>22}" for _ in EXTRACTORS))
    for path in pdfs(targets):
        reference = words(subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, text=True).stdout)
        n = sum(reference.values())
        ref_total += n
        cells = []
        for e in EXTRACTORS:
            lines, failure, seconds = extract(binary, path, e)
            t = totals[e]
            t[3] += seconds
            if lines is None:
                t[4] += 1
                t[1] += n
                cells.append(f"{'FAILED ' + failure[:15]:>22}")
                continue
            ours = words("\n".join(lines))
            common = sum((reference & ours).values())
            extra = sum((ours - reference).values())
            t[0] += common
            t[1] += n
            t[2] += extra
            cells.append(f"{common / max(n, 1):6.3f} {extra:5} {seconds * 1000:5.0f}")
        print(f"{os.path.basename(path)[:38]:38} {n:9}  " + "  ".join(cells))
    print()
    for e in EXTRACTORS:
        c, n, x, s, f = totals[e]
        print(f"{e:12} recall {c / max(n, 1):.3f}  extra words {x:5}  failures {f}  total {s:.2f} s (process start to exit)")
    print(f"pdftotext words in all: {ref_total}")


if __name__ == "__main__":
    main()
