"""gap-check from Python: the same reports as ``gap-check --format json``, as dicts.

>>> import gap_check
>>> report = gap_check.analyze("resume.pdf", target="lead-ml", as_of="2026-11-01")
>>> report["score"], [m["id"] for m in report["missing"]][:3]
>>> gap_check.analyze("resume.pdf", target="posting.md")["target"]["kind"]
'posting'

``analyze`` raises :class:`UnreadableResume` (with ``.code``, ``.path`` and ``.record``, the
error record the CLI prints) when a file cannot be read, and :class:`InvalidArgument` for an
unknown role, a bad date or a posting that cannot be a target; both are :class:`GapCheckError`. ``analyze_many`` yields one dict
per input, in input order, error records included (``errors="raise"`` raises instead).
The work runs in Rust with the GIL released, on ``jobs`` threads.

PDFs are extracted in a child process with the CLI's memory and time limits: by default
this Python interpreter running ``gap_check._worker`` (``pdf_worker="auto"``), or a gap-check
binary given as ``pdf_worker="/path/to/gap-check"``. ``pdf_worker=None`` extracts in this
process instead (faster to start; panics are caught, but an extractor that aborts, loops or
exhausts memory is not contained). Bytes are measured before they are copied: a source over
``max_size`` costs nothing but its error record.
"""

import datetime as _dt
import json as _json
import os as _os
import sys as _sys

from . import _native

__all__ = [
    "analyze",
    "analyze_many",
    "read_posting",
    "Posting",
    "roles",
    "schema",
    "to_frame",
    "CSV_COLUMNS",
    "GapCheckError",
    "UnreadableResume",
    "InvalidArgument",
]
__version__ = _native.__version__

DEFAULT_MAX_SIZE = _native.DEFAULT_MAX_SIZE
DEFAULT_TIMEOUT = _native.DEFAULT_TIMEOUT

#: The columns of ``gap-check --format csv``, in order (the CLI's own header, from Rust).
CSV_COLUMNS = list(_native.CSV_HEADER)


class GapCheckError(Exception):
    """Base of gap-check's errors. ``code`` is a stable machine-readable reason."""

    def __init__(self, message, code, path=None, record=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.record = record

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


class UnreadableResume(GapCheckError):
    """A resume that could not be read (``code`` as in the error record: ``empty``,
    ``not_a_pdf``, ``encrypted``, ``no_text_layer``, ``too_large``, ``malformed``, ...)."""


class InvalidArgument(GapCheckError, ValueError):
    """A bad argument: ``unknown_role`` (the message suggests the nearest id), ``bad_date``,
    or a ``target`` posting that cannot be used: ``not_a_posting`` (not prose),
    ``no_requirement`` (asks for nothing the taxonomy knows) or the code of why it could
    not be read (``not_found``, ``empty``, ...)."""


def _as_of(value):
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _target(target):
    # A str goes to Rust as it is (a role, else a path: the CLI's rule), an os.PathLike too
    # (always a posting file), and bytes are a posting's; a memoryview is copied to bytes.
    return target.tobytes() if isinstance(target, memoryview) else target


def _source(item, max_size):
    # bytes and bytearray go to Rust as they are (it checks the size before copying); a
    # memoryview is measured here, and copied only when it is within the limit. Over it,
    # its length stands in for it.
    if isinstance(item, (bytes, bytearray)):
        return item
    if isinstance(item, memoryview):
        return item.nbytes if item.nbytes > max_size else item.tobytes()
    return _os.fspath(item)


def _worker(pdf_worker):
    """(program, arguments before the worker's own) for ``pdf_worker``, or (None, [])."""
    if pdf_worker is None:
        return None, []
    if isinstance(pdf_worker, str) and pdf_worker == "auto":
        return _sys.executable, ["-m", "gap_check._worker"]
    return _os.fspath(pdf_worker), []


def _run(sources, names, target, as_of, jobs, max_size, pdf_worker, timeout, keep_non_resumes=False, duplicates=None):
    program, program_args = _worker(pdf_worker)
    return _call(
        _native.analyze_batch,
        [_source(s, int(max_size)) for s in sources],
        list(names),
        _target(target),
        _as_of(as_of),
        int(jobs),
        int(max_size),
        program,
        program_args,
        int(timeout),
        bool(keep_non_resumes),
        duplicates,
    )


def _call(native, *args):
    try:
        return native(*args)
    except ValueError as e:
        # Rust raises ValueError((code, message)) for every argument it refuses.
        if len(e.args) == 2 and isinstance(e.args[0], str) and e.args[0].islower():
            raise InvalidArgument(e.args[1], e.args[0]) from None
        raise


def _raise_for(record):
    if "error" in record:
        raise UnreadableResume(
            record["error"]["message"], record["error"]["code"], path=record["input"]["path"], record=record
        )
    return record


def analyze(
    source,
    target=None,
    as_of=None,
    *,
    filename=None,
    max_size=DEFAULT_MAX_SIZE,
    pdf_worker="auto",
    timeout=DEFAULT_TIMEOUT,
    keep_non_resumes=False,
):
    """The report of one resume, as the dict ``gap-check FILE --format json`` prints.

    ``source`` is a path (``str`` or ``os.PathLike``; ``input.path`` is it as given) or the
    file's bytes (``filename`` then names it and its extension hints the format, otherwise
    the bytes decide). ``target`` is a role id or full title, a path to a job posting
    (``str`` or ``os.PathLike``; a role name wins over a file of that name, as on the command
    line), the bytes of a posting, a :class:`Posting` from :func:`read_posting` (read once for
    many calls), or ``None`` (the default, as in the CLI and the service)
    to rank every role and measure the best fit. ``as_of`` (``"YYYY-MM-DD"`` or a ``date``) is the date
    "Present" means; ``None`` is the document's own date (PDF or DOCX metadata), else today.
    A document that does not read as a resume (a posting, a README, a letter) raises
    :class:`UnreadableResume` with code ``not_a_resume`` unless ``keep_non_resumes`` is true.
    """
    (text,) = _run([source], [filename], target, as_of, 1, max_size, pdf_worker, timeout, keep_non_resumes)
    return _raise_for(_json.loads(text))


def analyze_many(
    sources,
    target=None,
    as_of=None,
    *,
    jobs=None,
    errors="record",
    max_size=DEFAULT_MAX_SIZE,
    pdf_worker="auto",
    timeout=DEFAULT_TIMEOUT,
    chunk=None,
    keep_non_resumes=False,
):
    """Yields the report of each source (paths or bytes), in input order.

    A file that cannot be read yields its error record (``error`` with its ``code`` and ``message``), as in
    ``--format ndjson``; with ``errors="raise"`` it raises :class:`UnreadableResume` instead.
    ``jobs`` threads work at once (default: all cores), on chunks of ``chunk`` sources
    (default ``jobs * 16``), so a long iterable is never held whole.

    As in a CLI batch, a report that repeats an earlier source of the same call (the same
    file bytes, or the same text in another file) carries ``input.duplicate_of`` with that
    source's path and ``basis`` ``"same-file"`` or ``"same-text"``; it is still yielded.
    """
    if errors not in ("record", "raise"):
        raise ValueError("errors must be 'record' or 'raise'")
    jobs = max(1, int(jobs or _os.cpu_count() or 1))
    chunk = max(1, int(chunk or jobs * 16))
    # The first source of each file or text is remembered across chunks, in Rust (the CLI's
    # own rule, not a copy): only hashes and paths, never reports.
    seen = _native.Duplicates()
    batch = []
    for item in sources:
        batch.append(item)
        if len(batch) >= chunk:
            yield from _emit(batch, target, as_of, jobs, errors, max_size, pdf_worker, timeout, keep_non_resumes, seen)
            batch = []
    if batch:
        yield from _emit(batch, target, as_of, jobs, errors, max_size, pdf_worker, timeout, keep_non_resumes, seen)


def _emit(batch, target, as_of, jobs, errors, max_size, pdf_worker, timeout, keep_non_resumes, seen):
    texts = _run(
        batch, [None] * len(batch), target, as_of, jobs, max_size, pdf_worker, timeout, keep_non_resumes, seen
    )
    for text in texts:
        record = _json.loads(text)
        yield _raise_for(record) if errors == "raise" else record


Posting = _native.Posting


def read_posting(source, as_of=None, *, max_size=DEFAULT_MAX_SIZE, pdf_worker="auto", timeout=DEFAULT_TIMEOUT):
    """A job posting read once, as ``gap-check target FILE`` reads it, to give as ``target=``
    to any number of :func:`analyze` and :func:`analyze_many` calls.

    ``source`` is a path (``str`` or ``os.PathLike``) or the posting's bytes. ``as_of`` is the
    date its "Present" means (``None``: today, as on the command line). The result's
    ``title`` is the posting's own title; ``json()`` is what ``gap-check target FILE --format
    json`` prints. A file that is not a posting raises :class:`InvalidArgument` with code
    ``not_a_posting``.
    """
    program, program_args = _worker(pdf_worker)
    return _call(_native.read_posting, _target(source), _as_of(as_of), int(max_size), program, program_args, int(timeout))


def roles():
    """The built-in roles: a list of ``{"id", "title", "level"}`` dicts."""
    return [{"id": i, "title": t, "level": lv} for i, t, lv in _native.roles()]


def schema():
    """The JSON Schema (draft 2020-12) every report and error record follows."""
    return _json.loads(_native.SCHEMA)


def _csv_cells(record):
    # The cells of the record's row, from the function that writes the CLI's row (Rust);
    # an empty cell is a missing value.
    return [cell or None for cell in _native.csv_fields(_json.dumps(record))]


def to_frame(reports):
    """A pandas DataFrame with the columns of ``--format csv``, one row per report or error
    record (pandas is imported only here). Empty cells are missing values, as
    ``pandas.read_csv`` reads the CLI's CSV."""
    import pandas as pd

    frame = pd.DataFrame([_csv_cells(r) for r in reports], columns=CSV_COLUMNS)
    for column in ("score", "years", "matched", "missing_required"):
        frame[column] = pd.to_numeric(frame[column])
    for column in ("score", "matched", "missing_required"):
        if frame[column].notna().all():
            frame[column] = frame[column].astype("int64")
        else:
            frame[column] = frame[column].astype("float64")
    frame["years"] = frame["years"].astype("float64")
    # A column with no value at all (no duplicates, no errors) is read by ``pandas.read_csv``
    # from the CLI's CSV as floats, all NaN: the same here, so both frames compare equal.
    for column in CSV_COLUMNS:
        if frame[column].isna().all():
            frame[column] = frame[column].astype("float64")
    return frame
