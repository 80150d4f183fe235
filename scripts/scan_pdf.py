#!/usr/bin/env python3
"""Make a scanned copy of a text PDF, as an office scanner makes it.

    python3 scripts/scan_pdf.py IN.pdf OUT.pdf [--dpi 200] [--quality 75]
    python3 scripts/scan_pdf.py IN.pdf --png-page1 OUT.png [--dpi 200]

Each page is rasterised in grey with poppler's `pdftoppm` (Debian: poppler-utils) and
JPEG-compressed, and the JPEGs become the pages of a new PDF that holds no text at all (one
DCTDecode image per page, the way scanners and "scan to PDF" write them). `--png-page1`
writes page 1 as a grey PNG instead: the picture of a printed page.

Standard library only, so that the evaluation (scripts/ocr_eval.py) and the fixtures
(scripts/make_format_fixtures.py) need nothing but poppler-utils.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


def rasterise(pdf: Path, dpi: int, fmt: str, *, first_page_only: bool = False, quality: int = 75) -> list[bytes]:
    """The pages of `pdf` as grey JPEG (`fmt="jpeg"`) or PNG (`fmt="png"`) bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        args = ["pdftoppm", "-r", str(dpi), "-gray", f"-{fmt}"]
        if fmt == "jpeg":
            args += ["-jpegopt", f"quality={quality}"]
        if first_page_only:
            args += ["-f", "1", "-l", "1"]
        subprocess.run([*args, str(pdf), f"{tmp}/p"], check=True)
        return [p.read_bytes() for p in sorted(Path(tmp).iterdir(), key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


def jpeg_size(jpeg: bytes) -> tuple[int, int, int]:
    """(width, height, components) from the JPEG's frame header."""
    at = 2
    while at + 9 < len(jpeg):
        if jpeg[at] != 0xFF:
            raise ValueError("not a JPEG marker")
        marker = jpeg[at + 1]
        length = int.from_bytes(jpeg[at + 2:at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(jpeg[at + 5:at + 7], "big")
            width = int.from_bytes(jpeg[at + 7:at + 9], "big")
            return width, height, jpeg[at + 9]
        at += 2 + length
    raise ValueError("no JPEG frame header")


def jpegs_to_pdf(jpegs: list[bytes], dpi: int) -> bytes:
    """A PDF with one full-page grey JPEG image per page and no text."""
    objects: list[bytes] = []  # object n is objects[n - 1]
    n_pages = len(jpegs)
    page_ids = [3 + 3 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, jpeg in enumerate(jpegs):
        # pdftoppm -gray writes grey pixels as three equal channels in its JPEGs.
        width, height, components = jpeg_size(jpeg)
        space = {1: "/DeviceGray", 3: "/DeviceRGB"}[components]
        w_pt, h_pt = width * 72 / dpi, height * 72 / dpi
        page_id, image_id, content_id = page_ids[i], page_ids[i] + 1, page_ids[i] + 2
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.2f} {h_pt:.2f}] "
            f"/Resources << /XObject << /Im0 {image_id} 0 R >> >> /Contents {content_id} 0 R >>".encode()
        )
        objects.append(
            f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {space} "
            f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode()
            + jpeg
            + b"\nendstream"
        )
        content = f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def scan(pdf: Path, out: Path, dpi: int = 200, quality: int = 75) -> None:
    out.write_bytes(jpegs_to_pdf(rasterise(pdf, dpi, "jpeg", quality=quality), dpi))


def png_page1(pdf: Path, out: Path, dpi: int = 200) -> None:
    out.write_bytes(rasterise(pdf, dpi, "png", first_page_only=True)[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--png-page1", type=Path)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--quality", type=int, default=75)
    args = parser.parse_args()
    if args.out:
        scan(args.pdf, args.out, args.dpi, args.quality)
    if args.png_page1:
        png_page1(args.pdf, args.png_page1, args.dpi)
    if not args.out and not args.png_page1:
        parser.error("give OUT.pdf, --png-page1 OUT.png, or both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
