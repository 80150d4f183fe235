#!/usr/bin/env python3
"""Regenerate the generated test fixtures of gap-check.

    pip install -r scripts/requirements-fixtures.txt
    python3 scripts/make_fixtures.py

Hand-written resumes live in fixtures/resumes/ and are not touched, except the ones this
script generates from a text source in fixtures/src/:

    src/senior-mle-team-lead.txt -> resumes/senior-mle-team-lead.txt (copy) and .pdf (reportlab)
    src/two-column.txt           -> resumes/two-column.pdf (reportlab, two columns, shared baselines)
    src/fpdf-producer.txt        -> resumes/fpdf-producer.pdf (fpdf2)
    src/empty-password.txt       -> resumes/empty-password.pdf (RC4-128, empty user password)
    src/latin1.txt (UTF-8)       -> resumes/latin1.txt (Windows-1252 bytes)
    src/normalization.txt        -> resumes/normalization.txt ({NBSP}, {TAB}, {PUA_MAIL} expanded)
    src/password.txt             -> broken/password.pdf (user password "secret")

and everything in fixtures/broken/. Output is deterministic: fixed seeds, reportlab
invariant mode (fixed dates, document ids and encryption salts), fixed fpdf2 creation date.
Running it twice gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import zipfile
import random
import re
import sys
from pathlib import Path

# invariant must be set before any other reportlab module is imported: pdfencrypt reads it
# at import time to replace os.urandom with a fixed byte sequence.
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
SRC = FIX / "src"
RESUMES = FIX / "resumes"
BROKEN = FIX / "broken"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
SEED = 20261101


def find_font(name: str) -> Path | None:
    for d in FONT_DIRS:
        p = d / name
        if p.exists():
            return p
    return None


def register_fonts() -> tuple[str, str]:
    """DejaVu Sans if installed (covers Polish and other accents), else Helvetica."""
    regular, bold = find_font("DejaVuSans.ttf"), find_font("DejaVuSans-Bold.ttf")
    if regular and bold:
        pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
        return "DejaVu", "DejaVu-Bold"
    print("warning: DejaVu fonts not found, using Helvetica (apt-get install fonts-dejavu-core)",
          file=sys.stderr)
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = register_fonts()

# A date range at the end of a line, after two or more spaces: "Jan 2022 - Present",
# "06/2020 - 12/2021", "2018 - 2020", "Sep 2026 - Current".
TRAILING_DATE = re.compile(
    r"^(?P<left>.*\S)\s{2,}(?P<right>(?:[A-Z][a-z]+\.? )?(?:\d{2}/)?\d{4}\s*[-–]\s*"
    r"(?:Present|Current|(?:[A-Z][a-z]+\.? )?(?:\d{2}/)?\d{4}))\s*$"
)


def is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and s == line and s.upper() == s and any(c.isalpha() for c in s) and 5 <= len(s) < 40


# ----------------------------------------------------------------------------------------
# PDFs drawn with reportlab
# ----------------------------------------------------------------------------------------

def one_column_pdf(text: str, out: Path | None, *, title: str, encrypt=None,
                   author: str = "gap-check fixtures",
                   creator: str = "scripts/make_fixtures.py (reportlab)") -> bytes:
    """Render a plain-text resume on Letter pages, one column. Returns the PDF bytes."""
    width, height = LETTER
    margin = 54
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=LETTER, invariant=1, encrypt=encrypt, pageCompression=0)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator(creator)
    size, leading = 9.5, 13
    y = height - margin
    first = True
    for raw in text.splitlines():
        line = raw.rstrip()
        if y < margin:
            c.showPage()
            y = height - margin
        if first and line.strip():
            c.setFont(FONT_BOLD, 16)
            c.drawString(margin, y, line.strip())
            y -= 20
            first = False
            continue
        if not line.strip():
            y -= leading * 0.6
            continue
        if is_heading(line):
            y -= 3
            c.setFont(FONT_BOLD, 11)
            c.drawString(margin, y, line)
            c.setLineWidth(0.5)
            c.line(margin, y - 3, width - margin, y - 3)
            y -= leading + 2
            continue
        m = TRAILING_DATE.match(line)
        c.setFont(FONT, size)
        if m:
            c.drawString(margin, y, m.group("left"))
            c.drawRightString(width - margin, y, m.group("right"))
        else:
            indent = len(line) - len(line.lstrip(" "))
            c.drawString(margin + indent * 4, y, line.lstrip(" "))
        y -= leading
    c.showPage()
    c.save()
    data = buf.getvalue()
    if out is not None:
        out.write_bytes(data)
    return data


def parse_blocks(text: str) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    cur = None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line.strip())
        if m:
            cur = m.group(1)
            blocks[cur] = []
        elif cur is not None:
            blocks[cur].append(line.rstrip())
    for k in blocks:  # drop trailing blank lines
        while blocks[k] and not blocks[k][-1].strip():
            blocks[k].pop()
    return blocks


def two_column_pdf(text: str, out: Path, *, title: str = "Tomasz Nowak - Resume",
                   author: str = "gap-check fixtures",
                   creator: str = "scripts/make_fixtures.py (reportlab, two columns)") -> bytes:
    """Narrow left column and wide right column whose lines share the same baselines."""
    import io

    blocks = parse_blocks(text)
    width, height = A4
    margin = 40
    left_x, left_w = margin, 150
    right_x = margin + left_w + 20
    right_edge = width - margin
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator(creator)

    # header across the page
    y = height - margin - 10
    header = blocks["header"]
    c.setFont(FONT_BOLD, 20)
    c.drawString(margin, y, header[0])
    y -= 18
    c.setFont(FONT, 11)
    c.drawString(margin, y, header[1])
    y -= 15
    c.setFont(FONT, 8.5)
    c.drawString(margin, y, header[2])
    y -= 14
    c.setLineWidth(1)
    c.line(margin, y, right_edge, y)
    top = y - 18

    # shaded left column and a thin rule between the columns
    c.setFillGray(0.93)
    c.rect(left_x - 6, margin, left_w + 6, top - margin + 12, stroke=0, fill=1)
    c.setFillGray(0)
    c.setLineWidth(0.4)
    c.line(right_x - 10, margin, right_x - 10, top + 12)

    left, right = blocks["left"], blocks["right"]
    leading = 13
    # Draw row by row: left line then right line on the same baseline (this is the order a
    # table-based resume template writes them, and what makes naive extractors glue words).
    for i in range(max(len(left), len(right))):
        y = top - i * leading
        for x, lines in ((left_x, left), (right_x, right)):
            if i >= len(lines) or not lines[i].strip():
                continue
            line = lines[i]
            if is_heading(line):
                c.setFont(FONT_BOLD, 10.5)
                c.drawString(x, y, line)
                continue
            m = TRAILING_DATE.match(line) if x == right_x else None
            c.setFont(FONT, 9)
            if m:
                c.setFont(FONT_BOLD, 9)
                c.drawString(x, y, m.group("left"))
                c.setFont(FONT, 9)
                c.drawRightString(right_edge, y, m.group("right"))
            else:
                c.drawString(x, y, line)
    c.showPage()
    c.save()
    data = buf.getvalue()
    out.write_bytes(data)
    return data


def scan_pdf(out: Path) -> None:
    """A 'scanned' page: an image plus grey bars where text lines would be, and no text."""
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader

    rng = random.Random(SEED + 7)
    w, h = 300, 388
    img = Image.new("L", (w, h), 250)
    px = img.load()
    # speckle noise like a photocopy, plus dark bars like lines of print
    for _ in range(4000):
        px[rng.randrange(w), rng.randrange(h)] = rng.randrange(150, 235)
    y = 30
    while y < h - 30:
        x0 = 25 + rng.randrange(0, 10)
        x1 = rng.randrange(150, w - 20)
        for yy in range(y, y + 3):
            for xx in range(x0, x1):
                if rng.random() < 0.8:
                    px[xx, yy] = rng.randrange(20, 90)
        y += rng.choice((9, 9, 9, 16))
    png = io.BytesIO()
    img.save(png, format="PNG")
    png.seek(0)

    width, height = LETTER
    c = canvas.Canvas(str(out), pagesize=LETTER, invariant=1, pageCompression=0)
    c.setCreator("scripts/make_fixtures.py (scan simulation)")
    c.drawImage(ImageReader(png), 0, 0, width=width, height=height)
    c.setStrokeGray(0.6)
    c.rect(20, 20, width - 40, height - 40, stroke=1, fill=0)
    c.showPage()
    c.save()


# ----------------------------------------------------------------------------------------
# PDF made with fpdf2 (a different producer)
# ----------------------------------------------------------------------------------------

def fpdf_pdf(text: str, out: Path, *, title: str = "Hana Sato - Resume",
             author: str = "gap-check fixtures", creator: str = "scripts/make_fixtures.py (fpdf2)") -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_creation_date(_dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator(creator)
    regular, bold = find_font("DejaVuSans.ttf"), find_font("DejaVuSans-Bold.ttf")
    if regular and bold:
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        family = "DejaVu"
    else:
        family = "Helvetica"
        text = text.replace("–", "-")
    pdf.set_margins(50, 50, 50)
    pdf.set_auto_page_break(True, margin=50)
    pdf.add_page()
    epw = pdf.w - 100
    first = True
    for raw in text.splitlines():
        line = raw.rstrip()
        if first:
            pdf.set_font(family, "B", 18)
            pdf.cell(epw, 24, line, new_x="LMARGIN", new_y="NEXT")
            first = False
            continue
        if not line.strip():
            pdf.ln(6)
            continue
        if is_heading(line):
            pdf.ln(3)
            pdf.set_font(family, "B", 11)
            pdf.cell(epw, 15, line, border="B", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            continue
        m = TRAILING_DATE.match(line)
        pdf.set_font(family, "", 9.5)
        if m:
            pdf.cell(epw * 0.75, 13, m.group("left"))
            pdf.cell(epw * 0.25, 13, m.group("right"), align="R", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(epw, 13, line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


# ----------------------------------------------------------------------------------------
# Text transformations
# ----------------------------------------------------------------------------------------

def write_latin1(src: Path, out: Path) -> None:
    text = src.read_text(encoding="utf-8")
    data = text.encode("cp1252")  # raises if a character has no Windows-1252 byte
    assert b"\x96" in data and b"\x92" in data, "needs cp1252 en dash and right quote bytes"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError("latin1.txt must not be valid UTF-8")
    out.write_bytes(data)


def write_normalization(src: Path, out: Path) -> None:
    text = src.read_text(encoding="utf-8")
    text = (text.replace("{NBSP}", "\u00a0")
                .replace("{TAB}", "\t")
                .replace("{PUA_MAIL}", "\uf0e0"))
    assert "{" not in text
    out.write_bytes(text.encode("utf-8"))


def write_rtf(out: Path) -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}" "\n"
        r"\f0\fs28\b Avery Quinn\b0\par" "\n"
        r"\fs20 Data Analyst\par" "\n"
        r"avery.quinn@example.com | (555) 555-0111\par\par" "\n"
        r"\b EXPERIENCE\b0\par" "\n"
        r"Data Analyst, Granite Insurance \endash  Mar 2021 \endash  Present\par" "\n"
        r"- SQL and Python reporting; Tableau dashboards.\par\par" "\n"
        r"\b EDUCATION\b0\par" "\n"
        r"B.A. in Economics, 2016 \endash  2020\par" "\n"
        "}\n"
    )
    out.write_bytes(rtf.encode("ascii"))


def docx_resume(text: str, out: Path) -> bytes:
    """A Word document from a text source: headings, bullets, and a skills table between
    [table] and [/table] lines (cells separated by '|'). Timestamps are pinned so the bytes
    are the same on every run."""
    import datetime
    import docx  # python-docx

    document = docx.Document()
    fixed = datetime.datetime(2026, 1, 1)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.last_modified_by = "gap-check fixtures"
    rows = None
    for line in text.splitlines():
        if line.strip() == "[table]":
            rows = []
            continue
        if line.strip() == "[/table]":
            table = document.add_table(rows=len(rows), cols=2)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells[:2]):
                    table.cell(r, c).text = value
            rows = None
            continue
        if rows is not None:
            rows.append([cell.strip() for cell in line.split("|")])
        elif is_heading(line):
            document.add_heading(line.strip().title(), level=2)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    data = zip_deterministic(buffer.getvalue())
    out.write_bytes(data)
    return data


def zip_deterministic(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and sorted entries (python-docx stamps 'now')."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return buffer.getvalue()


def zip_bomb_docx(out: Path) -> None:
    """A .docx whose document.xml inflates to 200 MiB of spaces from about 200 KiB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 1, 1, 0, 0, 0)), "<Types/>")
        info = zipfile.ZipInfo("word/document.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, b"<w:document>" + b" " * (200 * 1024 * 1024) + b"</w:document>")
    out.write_bytes(buffer.getvalue())


def malformed_docx(out: Path) -> None:
    """A zip named .docx with no word/document.xml in it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 1, 1, 0, 0, 0)), "<Types/>")
        z.writestr(zipfile.ZipInfo("notes.txt", date_time=(2026, 1, 1, 0, 0, 0)), "Python, SQL")
    out.write_bytes(buffer.getvalue())


def extractor_panic_pdf(out: Path) -> None:
    """A well-formed PDF whose only page has no MediaBox anywhere in its page tree.

    Readers fall back to a default page size; pdf-extract 0.12 panics instead (it calls
    expect("MediaBox")), so this file shows that a panic in the extractor is contained.
    """
    content = b"BT /F1 12 Tf 72 720 Td (Python SQL) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        body += b"%010d 00000 n \n" % off
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    out.write_bytes(bytes(body))


def verify() -> None:
    """Sanity checks with pikepdf (a different PDF reader than the one that wrote the files)."""
    try:
        import pikepdf
    except ImportError:
        print("pikepdf not installed: skipping checks", file=sys.stderr)
        return
    for p in sorted(RESUMES.glob("*.pdf")) + [BROKEN / "scan.pdf"]:
        with pikepdf.open(p) as pdf:  # empty-password.pdf must open with no password
            assert len(pdf.pages) >= 1, p
    try:
        pikepdf.open(BROKEN / "password.pdf")
    except pikepdf.PasswordError:
        pass
    else:
        raise AssertionError("password.pdf opened without a password")
    with pikepdf.open(BROKEN / "password.pdf", password="secret") as pdf:
        assert pdf.is_encrypted
    for name in ("truncated.pdf", "random-bytes.pdf"):
        try:
            pikepdf.open(BROKEN / name).close()
        except pikepdf.PdfError:
            pass
        else:
            raise AssertionError(f"{name} should not open")
    for page in pikepdf.open(BROKEN / "scan.pdf").pages:
        ops = {str(op) for _, op in pikepdf.parse_content_stream(page)}
        assert not ops & {"Tj", "TJ", "'", '"'}, "scan.pdf must not contain text"


# ----------------------------------------------------------------------------------------

def main() -> int:
    RESUMES.mkdir(parents=True, exist_ok=True)
    BROKEN.mkdir(parents=True, exist_ok=True)

    # 1. text resumes generated from sources
    senior = (SRC / "senior-mle-team-lead.txt").read_text(encoding="utf-8")
    (RESUMES / "senior-mle-team-lead.txt").write_text(senior, encoding="utf-8")
    write_latin1(SRC / "latin1.txt", RESUMES / "latin1.txt")
    write_normalization(SRC / "normalization.txt", RESUMES / "normalization.txt")

    # 2. PDF resumes
    senior_pdf = one_column_pdf(senior, RESUMES / "senior-mle-team-lead.pdf",
                                title="Jane Doe - Resume")
    two_column_pdf((SRC / "two-column.txt").read_text(encoding="utf-8"), RESUMES / "two-column.pdf")
    fpdf_pdf((SRC / "fpdf-producer.txt").read_text(encoding="utf-8"), RESUMES / "fpdf-producer.pdf")
    one_column_pdf((SRC / "empty-password.txt").read_text(encoding="utf-8"),
                   RESUMES / "empty-password.pdf", title="Grace Mbeki - Resume",
                   encrypt=StandardEncryption("", ownerPassword="owner", strength=128))

    # 3. broken inputs
    (BROKEN / "empty.txt").write_bytes(b"")
    (BROKEN / "empty.pdf").write_bytes(b"")
    (BROKEN / "truncated.pdf").write_bytes(senior_pdf[: int(len(senior_pdf) * 0.4)])
    rng = random.Random(SEED)
    rnd = rng.randbytes(4096)
    assert not rnd.startswith(b"%PDF")
    (BROKEN / "random-bytes.pdf").write_bytes(rnd)
    garbage = bytearray(random.Random(SEED + 1).randbytes(2048))
    garbage[100:116] = b"\x00" * 16  # make sure there are NUL bytes
    (BROKEN / "binary-garbage.txt").write_bytes(bytes(garbage))
    one_column_pdf((SRC / "password.txt").read_text(encoding="utf-8"), BROKEN / "password.pdf",
                   title="Noah Williams - Resume",
                   encrypt=StandardEncryption("secret", ownerPassword="owner", strength=128))
    scan_pdf(BROKEN / "scan.pdf")
    write_rtf(BROKEN / "unsupported.rtf")
    extractor_panic_pdf(BROKEN / "extractor-panic.pdf")
    docx_bytes = docx_resume((SRC / "docx-resume.txt").read_text(encoding="utf-8"), RESUMES / "docx-resume.docx")
    (BROKEN / "truncated.docx").write_bytes(docx_bytes[: len(docx_bytes) // 2])
    malformed_docx(BROKEN / "malformed.docx")
    zip_bomb_docx(BROKEN / "zip-bomb.docx")
    (BROKEN / "not-a-resume.json").write_text('{"name": "web-app", "version": "1.0.0", "dependencies": {}}\n')

    for p in sorted(list(RESUMES.glob("*.pdf")) + list(BROKEN.iterdir())):
        digest = hashlib.sha256(p.read_bytes()).hexdigest()[:16]
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size:>7} bytes  sha256:{digest}")
    verify()
    return 0


if __name__ == "__main__":
    sys.exit(main())
