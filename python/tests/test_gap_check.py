"""The Python package against the real CLI on the repository's fixtures.

Every dict must validate against schema/report.schema.json and equal the CLI's
``--format json`` object for the same file and options. The CLI binary is
``$GAP_CHECK_BIN`` or ``target/debug/gap-check`` (built by ``cargo test``).
"""

import io
import json
import sys
import tomllib
import os
import subprocess
import threading
from pathlib import Path

import jsonschema
import pytest

import gap_check

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
BIN = os.environ.get("GAP_CHECK_BIN", str(ROOT / "target" / "debug" / "gap-check"))
AS_OF = "2026-11-01"
RESUMES = sorted(p for p in (FIXTURES / "resumes").iterdir() if not p.name.startswith("."))
# The unreadable fixtures, as fixtures/expected/broken.toml lists them (the .rtf is refused by
# name before it is read, so the library, which takes any file, is not asked about it).
BROKEN = sorted(
    FIXTURES / f["path"]
    for f in tomllib.loads((FIXTURES / "expected" / "broken.toml").read_text())["file"]
    if not f["path"].endswith(".rtf")
)


def cli(*args):
    if not os.access(BIN, os.X_OK):
        pytest.fail(f"{BIN} is missing: run `cargo build` (or set GAP_CHECK_BIN)")
    return subprocess.run([BIN, *map(str, args), "--as-of", AS_OF], capture_output=True, check=False)


def cli_json(path, *args):
    out = cli(path, "--format", "json", *args)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_fixtures_are_there():
    assert len(RESUMES) >= 15 and len(BROKEN) >= 10
    assert {p.suffix for p in RESUMES} >= {".pdf", ".docx", ".json", ".txt", ".md"}


@pytest.mark.parametrize("path", RESUMES, ids=lambda p: p.name)
def test_a_report_is_the_cli_report(path, validator):
    report = gap_check.analyze(str(path), target="lead-ml", as_of=AS_OF)
    validator.validate(report)
    # Same path string given to both, so even input.path is equal.
    assert report == cli_json(path, "--target", "lead-ml")


@pytest.mark.parametrize("path", RESUMES[:6], ids=lambda p: p.name)
def test_without_a_target_the_best_fit_is_measured(path, validator):
    report = gap_check.analyze(path, target=None, as_of=AS_OF)
    validator.validate(report)
    assert report["target"]["chosen"] == "best-fit"
    assert report == cli_json(path)


def test_bytes_give_the_same_report_but_the_name_given():
    for path in [FIXTURES / "resumes/senior-mle-team-lead.pdf", FIXTURES / "resumes/docx-resume.docx",
                 FIXTURES / "resumes/json-resume.json", FIXTURES / "resumes/research-phd.txt"]:
        data = path.read_bytes()
        expected = cli_json(path, "--target", "ml-research")
        named = gap_check.analyze(data, target="ml-research", as_of=AS_OF, filename=path.name)
        # The only difference: input.path is the filename given, not the CLI's path.
        assert named["input"]["path"] == path.name
        named["input"]["path"] = expected["input"]["path"]
        assert named == expected, path.name
        # Without a name the bytes decide the format.
        unnamed = gap_check.analyze(bytearray(data), target="ml-research", as_of=AS_OF)
        assert unnamed["input"]["path"] == "bytes"
        assert unnamed["input"]["format"] == expected["input"]["format"]
        assert unnamed["skills"] == expected["skills"]


def test_as_of_accepts_a_date_and_changes_present():
    import datetime

    path = FIXTURES / "resumes/senior-mle-team-lead.txt"
    later = gap_check.analyze(path, as_of=datetime.date(2030, 1, 1))
    assert later["as_of"] == "2030-01-01"
    assert later["experience"]["years"] > gap_check.analyze(path, as_of=AS_OF)["experience"]["years"]


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_an_unreadable_file_raises_with_the_cli_code(path, validator):
    record = cli_json(path, "--target", "lead-ml")
    with pytest.raises(gap_check.UnreadableResume) as caught:
        gap_check.analyze(str(path), as_of=AS_OF)
    err = caught.value
    assert isinstance(err, gap_check.GapCheckError)
    assert err.code == record["error"]["code"]
    assert err.path == str(path)
    validator.validate(err.record)
    assert err.record == record
    assert str(path) in str(err) and record["error"]["message"] in str(err)


def test_codes_of_some_broken_files_written_by_hand():
    expected = {"empty.txt": "empty", "password.pdf": "encrypted", "random-bytes.pdf": "not_a_pdf",
                "scan.pdf": "no_text_layer", "zip-bomb.docx": "zip_bomb", "not-a-resume.json": "malformed"}
    for name, code in expected.items():
        with pytest.raises(gap_check.UnreadableResume) as caught:
            gap_check.analyze(FIXTURES / "broken" / name)
        assert caught.value.code == code, name
    with pytest.raises(gap_check.UnreadableResume) as caught:
        gap_check.analyze(b"x" * 100, max_size=10)
    assert caught.value.code == "too_large"
    with pytest.raises(gap_check.UnreadableResume) as caught:
        gap_check.analyze(FIXTURES / "no-such-file.txt")
    assert caught.value.code == "not_found"


def test_bad_arguments_raise_invalid_argument():
    with pytest.raises(gap_check.InvalidArgument) as caught:
        gap_check.analyze(RESUMES[0], target="lead-m")
    assert caught.value.code == "unknown_role"
    assert "did you mean 'lead-ml'" in str(caught.value)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(gap_check.InvalidArgument) as caught:
        gap_check.analyze(RESUMES[0], as_of="2026-02-30")
    assert caught.value.code == "bad_date"
    with pytest.raises(TypeError):
        gap_check.analyze(12345)


def test_analyze_many_yields_the_cli_ndjson_in_order():
    folders = [FIXTURES / "resumes", FIXTURES / "broken"]
    # The extensions the folder walk reads (InputFormat::EXTENSIONS).
    read = {".pdf", ".docx", ".json", ".txt", ".md", ".odt", ".rtf", ".html", ".htm", ".doc",
            ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
    paths = [f"{folder}/{p.name}" for folder in folders for p in sorted(folder.iterdir())
             if not p.name.startswith(".") and p.suffix in read]
    out = cli(*folders, "--target", "data-engineer", "--format", "ndjson")
    expected = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(expected) == len(paths)
    got = list(gap_check.analyze_many(paths, target="data-engineer", as_of=AS_OF, jobs=2, chunk=5))
    assert [r["input"]["path"] for r in got] == paths
    assert got == expected
    # Every file listed as unreadable in fixtures/expected/broken.toml is an error record.
    assert sum("error" in r and r["error"]["code"] != "not_a_resume" for r in got) == len(BROKEN)
    # extractor-panic.pdf is read (tests/it/broken.rs), but has no heading or dated job: not a resume.
    refused = [r["input"]["path"] for r in got if r.get("error", {}).get("code") == "not_a_resume"]
    assert [p.rsplit("/", 1)[1] for p in refused] == ["extractor-panic.pdf"]


def test_analyze_many_can_raise_at_the_first_bad_file():
    paths = [RESUMES[0], FIXTURES / "broken/password.pdf", RESUMES[1]]
    seen = []
    with pytest.raises(gap_check.UnreadableResume) as caught:
        for report in gap_check.analyze_many(paths, as_of=AS_OF, errors="raise", jobs=1):
            seen.append(report["input"]["path"])
    assert seen == [str(RESUMES[0])]
    assert caught.value.code == "encrypted"


def test_analyze_many_flags_repeats_as_the_cli_does_across_chunks(tmp_path):
    text = (FIXTURES / "resumes/research-phd.txt").read_text()
    # The same words in capitals (ASCII only) with wider spaces: the same text, other bytes.
    shouted = "".join(c.upper() if c.isascii() else c for c in text).replace(" ", "   ")
    for name, body in (("a.txt", text), ("b.txt", text), ("c.txt", shouted)):
        (tmp_path / name).write_text(body)
    paths = [str(tmp_path / name) for name in ("a.txt", "b.txt", "c.txt")]
    # One source per chunk: the originals are remembered from one chunk to the next.
    got = list(gap_check.analyze_many(paths, target="ml-research", as_of=AS_OF, jobs=1, chunk=1))
    assert [r["input"].get("duplicate_of") for r in got] == [
        None,
        {"path": paths[0], "basis": "same-file"},
        {"path": paths[0], "basis": "same-text"},
    ]
    out = cli(*paths, "--target", "ml-research", "--format", "ndjson")
    assert got == [json.loads(line) for line in out.stdout.decode().splitlines()]
    # Another call is another batch; one report alone is never flagged.
    assert "duplicate_of" not in next(gap_check.analyze_many(paths[1:], as_of=AS_OF))["input"]
    assert "duplicate_of" not in gap_check.analyze(paths[1], as_of=AS_OF)["input"]
    assert gap_check.to_frame(got)["duplicate_of"].tolist()[1:] == [paths[0], paths[0]]


def test_to_frame_has_the_cli_csv_columns_and_values():
    pd = pytest.importorskip("pandas")
    folders = [FIXTURES / "resumes", FIXTURES / "broken"]
    out = cli(*folders, "--target", "lead-ml", "--format", "csv")
    from_cli = pd.read_csv(io.BytesIO(out.stdout))
    paths = list(from_cli["path"])
    frame = gap_check.to_frame(gap_check.analyze_many(paths, target="lead-ml", as_of=AS_OF))
    assert list(frame.columns) == gap_check.CSV_COLUMNS == list(from_cli.columns)
    # The CLI leaves `target` empty on error rows; so does the frame.
    pd.testing.assert_frame_equal(frame, from_cli, check_dtype=False)
    assert frame.loc[frame["error"].notna(), "score"].isna().all()


def test_the_csv_rows_come_from_the_cli_function():
    """The header and each row from Rust (``_native``) are the bytes ``--format csv`` writes,
    for the same dicts the package yields: reports, error records and a duplicate."""
    from gap_check import _native

    folders = [FIXTURES / "resumes", FIXTURES / "broken"]
    out = cli(*folders, FIXTURES / "resumes", "--target", "lead-ml", "--format", "csv")
    lines = cli(*folders, FIXTURES / "resumes", "--target", "lead-ml", "--format", "ndjson").stdout.decode()
    records = [json.loads(line) for line in lines.splitlines()]
    assert any("error" in r for r in records) and any("duplicate_of" in r.get("input", {}) for r in records)
    header = ",".join(_native.CSV_HEADER) + "\n"
    assert header + "".join(_native.csv_row(json.dumps(r)) for r in records) == out.stdout.decode()
    assert gap_check.CSV_COLUMNS == list(_native.CSV_HEADER)
    with pytest.raises(ValueError):
        _native.csv_row(json.dumps({"input": {}}))


def test_roles_and_schema():
    ids = [r["id"] for r in gap_check.roles()]
    assert ids == ["lead-ml", "ml-engineer", "ml-research", "data-engineer", "data-science-engineer"]
    assert gap_check.schema() == json.loads((ROOT / "schema" / "report.schema.json").read_text())


def test_pdfs_can_be_extracted_by_the_cli_binary_as_a_worker():
    path = FIXTURES / "resumes/two-column.pdf"
    via_worker = gap_check.analyze(path, as_of=AS_OF, pdf_worker=BIN)
    assert via_worker == gap_check.analyze(path, as_of=AS_OF) == cli_json(path)
    with pytest.raises(gap_check.UnreadableResume) as caught:
        gap_check.analyze(FIXTURES / "broken/scan.pdf", pdf_worker=BIN)
    assert caught.value.code == "no_text_layer"


def test_the_gil_is_released_while_work_runs(tmp_path):
    """A stand-in PDF worker waits until this (main) thread answers it. Were the GIL held by
    the thread inside `analyze`, this thread could not run, and the worker would give up."""
    started, go = tmp_path / "started", tmp_path / "go"
    # It speaks the worker's protocol (src/ingest/worker.rs): frames of an 8-byte
    # little-endian length and the bytes, a PDF in and the JSON of the reply out.
    worker = tmp_path / "worker.py"
    worker.write_text(
        f"#!{sys.executable}\n"
        "import json, os, pathlib, struct, sys, time\n"
        "size = struct.unpack('<Q', sys.stdin.buffer.read(8))[0]\n"
        "sys.stdin.buffer.read(size)\n"
        f"pathlib.Path({str(started)!r}).touch()\n"
        "for _ in range(600):\n"
        f"    if os.path.exists({str(go)!r}):\n"
        "        break\n"
        "    time.sleep(0.05)\n"
        "else:\n"
        "    sys.exit(1)\n"
        "reply = json.dumps({'Lines': ['Data Engineer', 'Skills: Python, SQL, Airflow']}).encode()\n"
        "sys.stdout.buffer.write(struct.pack('<Q', len(reply)) + reply)\n"
        "sys.stdout.buffer.flush()\n"
        "sys.stdin.buffer.read()\n"
    )
    worker.chmod(0o755)
    result = {}

    def run():
        try:
            pdf = (FIXTURES / "resumes/fpdf-producer.pdf").read_bytes()
            # The stand-in's two lines are no resume: kept, since bytes are checked as files are.
            result["report"] = gap_check.analyze(pdf, target="data-engineer", as_of=AS_OF, pdf_worker=worker,
                                                 timeout=60, keep_non_resumes=True)
        except Exception as e:  # noqa: BLE001 - reported below
            result["error"] = e

    thread = threading.Thread(target=run)
    thread.start()
    for _ in range(600):
        if started.exists():
            break
        threading.Event().wait(0.05)
    go.touch()
    thread.join(timeout=90)
    assert "error" not in result, result.get("error")
    skills = [s["id"] for s in result["report"]["skills"]]
    assert {"python", "sql", "airflow"} <= set(skills), skills


def test_bytes_over_the_limit_are_refused_before_they_are_copied():
    """A 64 MiB buffer over a 1 KiB limit: the error record says too_large, and Python
    allocates nothing near its size on the way (a memoryview used to be copied first)."""
    import tracemalloc

    big = bytearray(64 << 20)
    for source in (big, memoryview(big), bytes(16 << 20)):
        tracemalloc.start()
        with pytest.raises(gap_check.UnreadableResume) as caught:
            gap_check.analyze(source, filename="big.txt", max_size=1024)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert caught.value.code == "too_large"
        assert f"{len(source) if not isinstance(source, memoryview) else source.nbytes} bytes, over the 1024-byte limit" in str(caught.value)
        assert peak < 1 << 20, f"{type(source).__name__}: {peak} bytes allocated"
    # Within the limit a memoryview is read like the bytes it shows.
    text = b"Data Engineer\nSkills: Python, SQL, Airflow\n"
    # Two lines are too little of a resume: kept, since the reading is what is compared here.
    keep = {"as_of": AS_OF, "keep_non_resumes": True}
    assert gap_check.analyze(memoryview(text), **keep)["skills"] == gap_check.analyze(text, **keep)["skills"]


def test_a_readme_is_refused_unless_kept():
    readme = FIXTURES / "kind" / "readme.md"
    with pytest.raises(gap_check.UnreadableResume) as caught:
        gap_check.analyze(readme, as_of=AS_OF)
    assert caught.value.code == "not_a_resume"
    assert caught.value.record == cli_json(readme, "--target", "lead-ml")
    kept = gap_check.analyze(readme, as_of=AS_OF, keep_non_resumes=True)
    assert kept["document"]["kind"] == "other"


def test_pdfs_are_extracted_in_a_worker_process_by_default(tmp_path, monkeypatch):
    """The default ``pdf_worker="auto"`` runs this interpreter as the extraction worker (under
    the CLI's memory and CPU limits): same report as in-process and as the CLI. A stand-in
    interpreter that notes its arguments shows the worker was started."""
    log = tmp_path / "started.log"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {sys.executable} "$@"\n')
    python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(python))
    path = FIXTURES / "resumes/two-column.pdf"
    default = gap_check.analyze(path, as_of=AS_OF)
    assert log.read_text().startswith("-m gap_check._worker __extract-pdf "), log.read_text()
    assert default == gap_check.analyze(path, as_of=AS_OF, pdf_worker=None) == cli_json(path)
    with pytest.raises(gap_check.UnreadableResume) as caught:
        gap_check.analyze(FIXTURES / "broken/scan.pdf")
    assert caught.value.code == "no_text_layer"


def test_the_default_target_is_the_best_fit_as_in_the_cli():
    path = FIXTURES / "resumes/senior-data-engineer.txt"
    report = gap_check.analyze(path, as_of=AS_OF)
    assert report["target"]["chosen"] == "best-fit"
    assert report == cli_json(path)
    assert next(gap_check.analyze_many([path], as_of=AS_OF)) == report


def test_a_posting_is_a_target_by_path_or_by_bytes(validator):
    resume = FIXTURES / "resumes/senior-data-engineer.txt"
    posting = FIXTURES / "postings/senior-data-engineer.md"
    expected = cli_json(resume, "--target", posting)
    assert expected["target"]["kind"] == "posting"
    # A path, as a str or an os.PathLike: the very report of `--target posting.md`.
    for given in (str(posting), posting):
        report = gap_check.analyze(str(resume), target=given, as_of=AS_OF)
        validator.validate(report)
        assert report == expected
    # Bytes: the same posting read as text, named "posting" where the report cites it.
    by_bytes = gap_check.analyze(str(resume), target=posting.read_bytes(), as_of=AS_OF)
    validator.validate(by_bytes)
    assert by_bytes["target"]["kind"] == "posting"
    assert by_bytes["target"]["sha256"] == expected["target"]["sha256"]
    assert by_bytes["target"]["path"] == "posting"
    reports = list(gap_check.analyze_many([resume, resume], target=posting, as_of=AS_OF))
    assert reports[0] == expected and reports[1]["input"]["duplicate_of"]["path"] == str(resume)


def test_a_posting_read_once_is_a_target_for_many_resumes(validator):
    posting_file = FIXTURES / "postings/senior-data-engineer.md"
    posting = gap_check.read_posting(posting_file, as_of=AS_OF)
    # What `gap-check target FILE --format json` prints, and the title it reads.
    target_json = subprocess.run(
        [BIN, "target", str(posting_file), "--format", "json", "--as-of", AS_OF],
        check=True,
        capture_output=True,
    ).stdout
    assert json.loads(posting.json()) == json.loads(target_json)
    assert posting.title == json.loads(target_json)["title"]
    # As a target: the same reports as the path gives, for every resume measured against it.
    resumes = [FIXTURES / "resumes/senior-data-engineer.txt", FIXTURES / "resumes/ml-engineer-mid.txt"]
    for resume in resumes:
        report = gap_check.analyze(resume, target=posting, as_of=AS_OF)
        validator.validate(report)
        assert report == cli_json(resume, "--target", posting_file)
    assert [r["target"]["sha256"] for r in gap_check.analyze_many(resumes, target=posting, as_of=AS_OF)] == [
        report["target"]["sha256"]
    ] * 2
    # A role's name is not a posting.
    with pytest.raises(gap_check.InvalidArgument) as caught:
        gap_check.read_posting("lead-ml")
    assert caught.value.code == "not_a_posting"


def test_a_posting_that_cannot_be_a_target_is_an_invalid_argument(tmp_path):
    resume = FIXTURES / "resumes/senior-data-engineer.txt"
    with pytest.raises(gap_check.InvalidArgument) as caught:
        gap_check.analyze(resume, target=FIXTURES / "no-such-posting.txt")
    assert caught.value.code == "not_found"
    numbers = b"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20\n" * 20
    with pytest.raises(gap_check.InvalidArgument) as caught:
        gap_check.analyze(resume, target=numbers)
    assert caught.value.code == "not_a_posting"
    # A bare word is still a role name, with "did you mean".
    with pytest.raises(gap_check.InvalidArgument) as caught:
        gap_check.analyze(resume, target="data-enginer")
    assert caught.value.code == "unknown_role"
    with pytest.raises(TypeError):
        gap_check.analyze(resume, target=12345)
