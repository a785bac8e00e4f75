"""Opening briefings that are not plain text: PDF, HTML and DOCX extraction, then splitting.

    .venv/bin/python -m benchmarks.bench_extract [--quick]

Target (issue #5): a 100-page PDF opens — text extracted, laid out and split into
sentences — in under 3 s on the 2-core development machine. The PDF is generated
(:mod:`devtools.pdfgen`): a report of news-like briefing text with a running head, page
numbers, hyphenated line ends and every fourth page in two columns. Timed with the
extraction cache off (what a first open costs) and on (every later open). Quick mode:
5 pages, 2 runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from functools import partial
from pathlib import Path

from benchmarks._common import Row, row, timed
from briefing_tui.core.document import open_document
from briefing_tui.core.extract import extract
from briefing_tui.core.segment import segment
from devtools.docxgen import docx
from devtools.generate import briefing
from devtools.pdfgen import Layout, MiniPdf, flow

TARGET_S = 3.0


def blocks_of(text: str) -> list[tuple[str, str]]:
    """Briefing paragraphs as typesetting blocks (short lines without a full stop: headings)."""
    out = []
    for para in text.split("\n\n"):
        flat = " ".join(para.split())
        if flat:
            heading = len(flat) < 60 and not flat.endswith((".", "”", ":"))
            out.append(("h" if heading else "p", flat))
    return out


def report_pdf(pages: int) -> bytes:
    """About ``pages`` pages; every fourth group of pages set in two columns."""
    text = briefing(pages * 3_400, 7)
    blocks = blocks_of(text)
    pdf = MiniPdf()
    chunk = max(1, len(blocks) // max(1, pages // 4 or 1))
    for index in range(0, len(blocks), chunk):
        columns = 2 if (index // chunk) % 4 == 3 else 1
        part = flow(blocks[index:index + chunk],
                    Layout(columns=columns, header="Briefing digest — generated"))
        pdf.pages += part.pages
    while len(pdf.pages) > pages:
        pdf.pages.pop()
    return pdf.to_bytes()


def _open(path: Path) -> None:
    open_document(path)


def run(quick: bool) -> list[Row]:
    pages, runs = (5, 2) if quick else (100, 5)
    rows: list[Row] = []
    segment("Warm up.")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        pdf = base / f"report-{pages}.pdf"
        pdf.write_bytes(report_pdf(pages))
        previous = os.environ.get("BRIEFING_CACHE_DIR"), os.environ.get("BRIEFING_NO_CACHE")
        os.environ["BRIEFING_CACHE_DIR"] = str(base / "cache")
        try:
            os.environ["BRIEFING_NO_CACHE"] = "1"
            document = open_document(pdf)
            cold = timed(partial(_open, pdf), runs)
            median = statistics.median(cold)
            rows.append(row(f"PDF {pages} pages: open (extract + split), no cache", median,
                            "s", cold, target=f"< {TARGET_S:g} s", ok=median < TARGET_S,
                            pages=len(document.loaded.pages), chars=len(document.text),
                            sentences=len(document.segmentation),
                            bytes=pdf.stat().st_size))
            only = timed(partial(extract, pdf, cache=False), runs)
            rows.append(row(f"PDF {pages} pages: extraction only", pages /
                            statistics.median(only), "pages/s", only))
            os.environ["BRIEFING_NO_CACHE"] = "0"
            open_document(pdf)  # fills the cache
            warm = timed(partial(_open, pdf), runs)
            rows.append(row(f"PDF {pages} pages: open from the extraction cache",
                            statistics.median(warm), "s", warm))
            rows += _small_formats(base, runs)
        finally:
            for key, value in zip(("BRIEFING_CACHE_DIR", "BRIEFING_NO_CACHE"), previous):
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return rows


def _small_formats(base: Path, runs: int) -> list[Row]:
    """HTML and DOCX of ~100 KB of text each: extraction only (no cache)."""
    blocks = blocks_of(briefing(100_000, 3))
    page = "<html><head><meta charset='utf-8'><title>t</title></head><body><nav><a>Home</a>" \
        "</nav><main><article>" + "".join(
            f"<h2>{t}</h2>" if k == "h" else f"<p>{t}</p>" for k, t in blocks) + \
        "</article></main><footer>© 2024</footer></body></html>"
    html = base / "page.html"
    html.write_text(page, encoding="utf-8")
    word = base / "report.docx"
    word.write_bytes(docx(blocks))
    rows = []
    for label, path in (("HTML", html), ("DOCX", word)):
        times = timed(partial(extract, path, cache=False), max(3, runs))
        rows.append(row(f"{label} 100 KB of text: extraction", statistics.median(times) * 1000,
                        "ms", times))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for result in run(args.quick):
        mark = "" if result.get("ok") is None else ("ok" if result["ok"] else "MISSED")
        print(f"{result['name']:<52} {result['value']:9.3f} {result['unit']:<8} {mark}")


if __name__ == "__main__":
    main()
