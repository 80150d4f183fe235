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

def one_column_pdf(text: str, out: Path, title: str) -> None:
    width, height = LETTER
    margin = 54
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=LETTER, invariant=1, pageCompression=0)
    c.setTitle(title)
    c.setAuthor("gap-check eval corpus")
    c.setCreator("scripts/make_eval.py (reportlab)")
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
    out.write_bytes(buf.getvalue())


# ----------------------------------------------------------------------------------------
# reportlab, two columns drawn row by row on shared baselines
# ----------------------------------------------------------------------------------------

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
    for k in blocks:
        while blocks[k] and not blocks[k][-1].strip():
            blocks[k].pop()
    return blocks


def two_column_pdf(text: str, out: Path, title: str) -> None:
    blocks = parse_blocks(text)
    width, height = A4
    margin = 40
    left_x, left_w = margin, 140
    right_x = margin + left_w + 22
    right_edge = width - margin
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    c.setTitle(title)
    c.setAuthor("gap-check eval corpus")
    c.setCreator("scripts/make_eval.py (reportlab, two columns)")

    header = blocks["header"]
    y = height - margin - 10
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

    c.setFillGray(0.93)
    c.rect(left_x - 6, margin, left_w + 6, top - margin + 12, stroke=0, fill=1)
    c.setFillGray(0)
    c.setLineWidth(0.4)
    c.line(right_x - 10, margin, right_x - 10, top + 12)

    left, right = blocks["left"], blocks["right"]
    leading = 13
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
            if m:
                c.setFont(FONT_BOLD, 9)
                c.drawString(x, y, m.group("left"))
                c.setFont(FONT, 9)
                c.drawRightString(right_edge, y, m.group("right"))
            else:
                c.setFont(FONT, 9)
                c.drawString(x, y, line)
    c.showPage()
    c.save()
    out.write_bytes(buf.getvalue())


# ----------------------------------------------------------------------------------------
# fpdf2
# ----------------------------------------------------------------------------------------

def fpdf_pdf(text: str, out: Path, title: str) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("gap-check eval corpus")
    pdf.set_creator("scripts/make_eval.py (fpdf2)")
    regular, bold = find_font("DejaVuSans.ttf"), find_font("DejaVuSans-Bold.ttf")
    if regular and bold:
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        family = "DejaVu"
    else:
        family = "Helvetica"
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
            indent = len(line) - len(line.lstrip(" "))
            pdf.set_x(50 + indent * 4)
            pdf.multi_cell(epw - indent * 4, 13, line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


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
