#!/usr/bin/env python3
"""Writes fixtures/audit/groups.csv: made-up demographic categories for the resumes of
fixtures/eval, keyed by the path `gap-check fixtures/eval --format ndjson` writes
(run from the repository root). The categories are invented and assigned from a hash of
the file name, so the file is the same on every run; they say nothing about the resumes.

One resume gets `group-d`, a category under 2% of the data, to show an excluded category.
`fixtures/eval/README.md` and the `src/` texts get no row: the run scores them too, and the
audit counts them as unknown.
"""
import hashlib
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "fixtures", "eval")
OUT = os.path.join(ROOT, "fixtures", "audit", "groups.csv")
RESUME_EXTENSIONS = (".pdf", ".txt", ".md", ".docx", ".json")


def main():
    names = sorted(
        n for n in os.listdir(EVAL)
        if n.endswith(RESUME_EXTENSIONS) and n != "README.md" and not n.startswith(".")
    )
    rows = []
    for name in names:
        h = hashlib.sha256(name.encode()).digest()
        sex = ("female", "male")[h[0] % 2]
        race = ("group-a", "group-b", "group-c")[h[1] % 3]
        rows.append([f"fixtures/eval/{name}", sex, race])
    # The first resume in name order is the lone member of group-d.
    rows[0][2] = "group-d"
    with open(OUT, "w", newline="\n") as f:
        f.write("input.path,sex,race_ethnicity\n")
        for row in rows:
            f.write(",".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
