#!/usr/bin/env python3
"""Make the fixtures of the formats read since issue 23, in fixtures/formats/.

    python3 scripts/make_format_fixtures.py        # needs poppler-utils (pdftoppm) only

From fixtures/src/formats-resume.txt (our own words; `# ` headings, `- ` list items,
`| a | b |` table rows, other lines paragraphs):
    formats/resume.odt   LibreOffice text: headings, paragraphs, a list, a table, a comment
    formats/resume.rtf   RTF: font/colour tables, info, \\endash, a \\u escape, a bullet list, a table
    formats/resume.html  a page: <head> with a script and style, h1/h2, ul/li, a table, a comment
From fixtures/resumes/senior-mle-team-lead.pdf (a text PDF made by make_fixtures.py):
    formats/scan.pdf     every page at 200 dpi, grey, JPEG in an image-only PDF (scan_pdf.py)
    formats/photo.png    page 1 at 200 dpi, grey PNG
and broken/legacy-word.doc, the header of a Word 97-2003 file.

The script and the HTML comment mention Java and Rust, which must not be read; the ODT has
a reviewer's comment naming Go, which must not be read either. Output is deterministic
(fixed zip dates), except that the scan depends on poppler's rasteriser version.
"""

from __future__ import annotations

import html
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scan_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
OUT = FIX / "formats"
DATE = (2026, 11, 1, 0, 0, 0)


def blocks(text: str) -> list[tuple[str, object]]:
    """("h", text), ("p", text), ("li", [items]) and ("table", [[cells]]) in order."""
    out: list[tuple[str, object]] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("# "):
            out.append(("h", line[2:]))
        elif line.startswith("- "):
            if out and out[-1][0] == "li":
                out[-1][1].append(line[2:])
            else:
                out.append(("li", [line[2:]]))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        else:
            out.append(("p", line))
    return out


def odt(parts: list[tuple[str, object]]) -> bytes:
    x = lambda s: html.escape(s, quote=False)  # noqa: E731
    body = []
    for kind, value in parts:
        if kind == "h":
            body.append(f'<text:h text:outline-level="1">{x(value)}</text:h>')
        elif kind == "p":
            # Two spaces in the source become <text:s/>, as LibreOffice writes them.
            body.append(f"<text:p>{x(value).replace('  ', ' <text:s/>')}</text:p>")
        elif kind == "li":
            items = "".join(f"<text:list-item><text:p>{x(i)}</text:p></text:list-item>" for i in value)
            body.append(f"<text:list>{items}</text:list>")
        else:
            rows = "".join(
                "<table:table-row>"
                + "".join(f"<table:table-cell><text:p>{x(c)}</text:p></table:table-cell>" for c in row)
                + "</table:table-row>"
                for row in value
            )
            body.append(f'<table:table table:name="Skills">{rows}</table:table>')
    # A reviewer's comment: not text of the resume.
    body.append("<text:p>References on request.<office:annotation><dc:creator>Reviewer</dc:creator>"
                "<text:p>Add Go?</text:p></office:annotation></text:p>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
        "<office:body><office:text>" + "".join(body) + "</office:text></office:body></office:document-content>\n"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>\n"
    )
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        # The mimetype first and stored, as the OpenDocument standard asks.
        z.writestr(zipfile.ZipInfo("mimetype", DATE), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        for name, data in [("content.xml", content), ("META-INF/manifest.xml", manifest)]:
            z.writestr(zipfile.ZipInfo(name, DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def rtf_text(s: str) -> str:
    s = s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    # Date ranges with an en dash, the way word processors write them.
    s = s.replace(" - ", " \\endash  ")
    return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in s)


def rtf(parts: list[tuple[str, object]]) -> bytes:
    out = [
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}{\f1\fnil Symbol;}}",
        r"{\colortbl;\red0\green0\blue0;}{\info{\title Resume}{\author Fixture script}}",
        r"{\*\generator make_format_fixtures.py}\f0\fs20",
    ]
    for kind, value in parts:
        if kind == "h":
            out.append(rf"\pard\sb120\b\fs24 {rtf_text(value)}\b0\fs20\par")
        elif kind == "p":
            out.append(rf"\pard {rtf_text(value)}\par")
        elif kind == "li":
            for item in value:
                out.append(rf"\pard{{\pntext\f1\'b7\tab}}{{\*\pn\pnlvlblt{{\pntxtb\'b7}}}}\fi-360\li720 {rtf_text(item)}\par")
        else:
            for row in value:
                cells = "".join(rf"\intbl {rtf_text(c)}\cell " for c in row)
                out.append(r"\trowd\cellx3000\cellx9000 " + cells + r"\row")
    # A non-ASCII name as a \u escape (and its ? fallback, which must not be read).
    out.append(r"\pard Languages: English, Fran\u231?ais\par")
    out.append("}")
    return ("\n".join(out) + "\n").encode("ascii")


def page(parts: list[tuple[str, object]]) -> bytes:
    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    body = []
    first_heading = True
    for kind, value in parts:
        if kind == "h":
            body.append(f"<h2>{e(value)}</h2>")
        elif kind == "p":
            if first_heading:
                body.append(f"<h1>{e(value)}</h1>")
                first_heading = False
            else:
                body.append(f"<p>{e(value)}</p>")
        elif kind == "li":
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in value) + "</ul>")
        else:
            body.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in value) + "</table>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Resume</title>\n"
        "<style>body { font-family: sans-serif } h2::after { content: 'Java' }</style>\n"
        "<script>const hidden = ['Java', 'Rust'];</script></head>\n<body>\n"
        "<!-- old version: Rust and Java -->\n"
        + "\n".join(body)
        + "\n<p><a href=\"https://example.org/portfolio\">Portfolio</a> &amp; references on request</p>\n"
        "</body></html>\n"
    ).encode("utf-8")


def main() -> int:
    OUT.mkdir(exist_ok=True)
    parts = blocks((FIX / "src" / "formats-resume.txt").read_text(encoding="utf-8"))
    (OUT / "resume.odt").write_bytes(odt(parts))
    (OUT / "resume.rtf").write_bytes(rtf(parts))
    (OUT / "resume.html").write_bytes(page(parts))
    text_pdf = FIX / "resumes" / "senior-mle-team-lead.pdf"
    scan_pdf.scan(text_pdf, OUT / "scan.pdf", dpi=200)
    scan_pdf.png_page1(text_pdf, OUT / "photo.png", dpi=200)
    # The start of an OLE compound file, as Word 97-2003 writes a .doc: refused with a message
    # that says how to convert it (fixtures/expected/broken.toml).
    ole = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff"
    (FIX / "broken" / "legacy-word.doc").write_bytes(ole + bytes(512 - len(ole)))
    for p in [*sorted(OUT.iterdir()), FIX / "broken" / "legacy-word.doc"]:
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
