#!/usr/bin/env python3
"""Regenerate the generated resumes of the evaluation corpus (fixtures/eval/).

Pinned versions (Python 3.11):
    reportlab==5.1.0
    fpdf2==2.8.9
    python-docx==1.2.0   (with lxml 6.1.3)

    pip install reportlab==5.1.0 fpdf2==2.8.9 python-docx==1.2.0
    python3 scripts/make_eval.py

Every generated file comes from a text source in fixtures/eval/src/; the file name prefix of
the source picks the producer, and the output keeps the name without the prefix's extension:

    src/rl-<name>.txt      -> eval/rl-<name>.pdf      reportlab, one column, right-aligned dates
    src/twocol-<name>.txt  -> eval/twocol-<name>.pdf  reportlab, two columns on shared baselines
                                                      (source has [header], [left], [right] blocks)
    src/fpdf-<name>.txt    -> eval/fpdf-<name>.pdf    fpdf2 (a different PDF producer)
    src/docx-<name>.txt    -> eval/docx-<name>.docx   python-docx; light markup:
                                                      line 1 = name, "## " = heading, "- " = bullet,
                                                      "| a | b |" rows = a Word table,
                                                      [textbox] ... [/textbox] = a VML text box

The hand-written resumes (.txt, .md, .json) and all *.labels.toml files live directly in
fixtures/eval/ and are not touched. Output is deterministic: reportlab invariant mode, a fixed
fpdf2 creation date, fixed DOCX core properties and fixed zip member timestamps. Running the
script twice gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import sys
import zipfile
from pathlib import Path

# invariant must be set before any other reportlab module is imported.
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "fixtures" / "eval"
SRC = EVAL / "src"

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
FIXED_DATE = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


# Fonts, heading and trailing-date rules are shared with the other fixtures.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixtures import FONT, FONT_BOLD, TRAILING_DATE, find_font, is_heading  # noqa: E402,F401


def src_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if FONT == "Helvetica":  # the core fonts have no glyphs outside Latin-1
        text = text.replace("–", "-").replace("—", "-").replace("•", "-")
    return text


# ----------------------------------------------------------------------------------------
# reportlab, one column
# ----------------------------------------------------------------------------------------

# The PDF writers are the fixtures' own, with this corpus's metadata.
import make_fixtures  # noqa: E402


def one_column_pdf(text: str, out: Path, title: str) -> None:
    make_fixtures.one_column_pdf(text, out, title=title, author="gap-check eval corpus",
                                 creator="scripts/make_eval.py (reportlab)")


def two_column_pdf(text: str, out: Path, title: str) -> None:
    make_fixtures.two_column_pdf(text, out, title=title, author="gap-check eval corpus",
                                 creator="scripts/make_eval.py (reportlab, two columns)")


def fpdf_pdf(text: str, out: Path, title: str) -> None:
    make_fixtures.fpdf_pdf(text, out, title=title, author="gap-check eval corpus",
                           creator="scripts/make_eval.py (fpdf2)")


# ----------------------------------------------------------------------------------------
# python-docx
# ----------------------------------------------------------------------------------------

TEXTBOX_XML = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:r><w:pict>"
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shape id="SkillsBox" o:spid="_x0000_s1026" type="#_x0000_t202" '
    'style="position:absolute;margin-left:270pt;margin-top:-40pt;width:200pt;height:80pt;'
    'z-index:251659264;mso-position-horizontal-relative:margin" strokeweight=".5pt">'
    "<v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox>"
    "</v:shape></w:pict></w:r></w:p>"
)


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _textbox_paragraph(lines: list[str]):
    from docx.oxml import parse_xml

    paras = "".join(
        '<w:p><w:r>{rpr}<w:t xml:space="preserve">{t}</w:t></w:r></w:p>'.format(
            rpr="<w:rPr><w:b/></w:rPr>" if is_heading(line) else "", t=_xml_escape(line))
        for line in lines
    )
    return parse_xml(TEXTBOX_XML.format(paras=paras))


def docx_file(text: str, out: Path, title: str) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    cp = doc.core_properties
    cp.title = title
    cp.author = "gap-check eval corpus"
    cp.last_modified_by = "scripts/make_eval.py"
    cp.created = FIXED_DATE.replace(tzinfo=None)
    cp.modified = FIXED_DATE.replace(tzinfo=None)
    cp.last_printed = FIXED_DATE.replace(tzinfo=None)
    cp.revision = 1
    cp.comments = ""
    doc.styles["Normal"].font.size = Pt(10)

    lines = text.splitlines()
    i = 0
    first = True
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            continue
        if first:
            doc.add_paragraph(line, style="Title")
            first = False
        elif line.strip() == "[textbox]":
            box = []
            while i < len(lines) and lines[i].strip() != "[/textbox]":
                box.append(lines[i].rstrip())
                i += 1
            i += 1  # skip [/textbox]
            doc.element.body.append(_textbox_paragraph(box))
            # keep sectPr last in the body
            sect = doc.element.body.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
            if sect is not None:
                doc.element.body.remove(sect)
                doc.element.body.append(sect)
        elif line.startswith("## "):
            doc.add_heading(line[3:].strip(), level=1)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:].strip(), style="List Bullet")
        elif line.startswith("|"):
            rows = [line]
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i].rstrip())
                i += 1
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            table = doc.add_table(rows=len(cells), cols=len(cells[0]))
            table.style = "Table Grid"
            for r, row in enumerate(cells):
                for c, val in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = val
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            doc.add_paragraph(line)

    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(normalize_zip(buf.getvalue()))


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


# ----------------------------------------------------------------------------------------

PRODUCERS = {
    "rl-": (one_column_pdf, ".pdf"),
    "twocol-": (two_column_pdf, ".pdf"),
    "fpdf-": (fpdf_pdf, ".pdf"),
    "docx-": (docx_file, ".docx"),
}


def person_name(text: str) -> str:
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("#") and not s.startswith("["):
            return s
    return "resume"


def main() -> int:
    made = []
    for src in sorted(SRC.glob("*.txt")):
        for prefix, (fn, ext) in PRODUCERS.items():
            if src.name.startswith(prefix):
                text = src_text(src)
                out = EVAL / (src.stem + ext)
                fn(text, out, f"{person_name(text)} - Resume")
                made.append(out)
                break
        else:
            print(f"warning: {src.name}: no producer for this prefix, skipped", file=sys.stderr)
    for out in made:
        label = out.with_suffix(".labels.toml")
        if not label.exists():
            print(f"warning: {out.name} has no {label.name}", file=sys.stderr)
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
