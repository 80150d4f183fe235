#!/usr/bin/env python3
"""Precision and recall of "resume" for gap-check's document-kind decision (issue 19).

Usage: scripts/kind_eval.py BINARY [SHARED_DIR]

Runs BINARY with --keep-non-resumes --format json on each document of a mixed set and reads
`document.kind`. Resumes (positives): every resume of corpus/real-text-a, real-text-b and
real-pdf, and 60 of corpus/weak (the first 60 by name: a fixed selection). Non-resumes: the
postings of corpus/jobs, the five source documents of seeds/, the corpus folders' own
README.md and SOURCES.md, and the texts of fixtures/kind/. A document the binary cannot read
counts as "not a resume". SHARED_DIR defaults to ../shared beside the repository.
"""
import json
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
NOT_RESUMES = {"README.md", "SOURCES.md"}
SKIP_SUFFIXES = {".toml", ".json", ".py"}


def documents(folder):
    """The documents of a corpus folder (no labels, notes or scripts)."""
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.name not in NOT_RESUMES and p.suffix not in SKIP_SUFFIXES
    )


def mixed_set(shared):
    corpus = shared / "corpus"
    items = []
    for name in ("real-text-a", "real-text-b", "real-pdf"):
        items += [(p, True) for p in documents(corpus / name)]
    items += [(p, True) for p in documents(corpus / "weak")[:60]]
    items += [(p, False) for p in documents(corpus / "jobs")]
    items += [(p, False) for p in sorted((shared / "seeds").glob("0*.txt"))]
    for name in ("real-text-a", "real-text-b", "real-pdf", "jobs", "weak"):
        items += [(corpus / name / n, False) for n in sorted(NOT_RESUMES) if (corpus / name / n).is_file()]
    items += [(p, False) for p in sorted((REPO / "fixtures" / "kind").iterdir())]
    return items


def kind_of(binary, path):
    run = subprocess.run(
        [binary, "--keep-non-resumes", "--format", "json", "--as-of", "2026-11-01", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return "unreadable", run.stderr.strip()[:200]
    document = report.get("document")
    if document is None:
        return "unreadable", report.get("error", {}).get("message", "")
    return document["kind"], document["reason"]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    binary = sys.argv[1]
    shared = pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else REPO.parent / "shared"
    tp = fp = fn = tn = 0
    for path, is_resume in mixed_set(shared):
        kind, reason = kind_of(binary, path)
        said_resume = kind == "resume"
        tp += is_resume and said_resume
        fn += is_resume and not said_resume
        fp += (not is_resume) and said_resume
        tn += (not is_resume) and not said_resume
        if is_resume != said_resume:
            print(f"WRONG {path}: {kind} ({reason})")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"documents: {tp + fn} resumes, {fp + tn} non-resumes")
    print(f"resume precision: {precision:.3f} ({tp}/{tp + fp})")
    print(f"resume recall:    {recall:.3f} ({tp}/{tp + fn})")
    print(f"non-resumes refused: {tn}/{fp + tn}")


if __name__ == "__main__":
    main()
