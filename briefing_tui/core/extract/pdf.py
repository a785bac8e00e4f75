"""PDF briefings through PDFium (pypdfium2): native speed, our layout rules on top.

Chosen on evidence (issue #5; numbers in the README): on generated briefings with
running heads, two columns, tables, hyphenation and a 100-page report, PDFium's plain
text took 0.07-0.12 s for 100 pages, pypdf's 0.46-0.56 s and pdfminer.six's 2.7-3.2 s
(over the 3 s budget on its own). All three get the words and spaces right; none puts
columns written line by line across the page back in order, joins hyphenated words or
drops running heads, and only pdfminer makes paragraphs. PDFium also gives each character
with its box, its own spaces and line breaks and its line-end hyphens: :mod:`.pdf_chars`
keeps PDFium's words exactly as they are (issue #11: re-deriving spaces from glyph gaps
broke and glued words), :mod:`.pdf_order` and :mod:`.pdf_layout` put them in reading order
and paragraphs. PyMuPDF was not considered (AGPL).

pypdfium2 is an optional extra (``pip install 'briefing-tui[pdf]'``): without it a PDF
gets a one-line reason naming the extra. PDFium is not thread-safe, so every call goes
through one lock (the app extracts in a worker while the documents pane sniffs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from briefing_tui.core.extract import pdf_chars
from briefing_tui.core.extract.pdf_layout import LAYOUT_VERSION, PageRuns, Run, compose
from briefing_tui.core.text import DocumentError, LoadedText, text_sha256

NAME = "pypdfium2"
MISSING = "PDF support is not installed: pip install 'briefing-tui[pdf]'"
_LOCK = threading.RLock()
_REASONS = {
    3: "damaged PDF: its structure cannot be read (truncated or corrupt file?)",
    4: "encrypted PDF: it needs a password (save an unprotected copy to open it)",
    5: "encrypted PDF: its protection scheme is not supported",
    6: "damaged PDF: a page cannot be read",
}


def _pdfium() -> ModuleType:
    try:
        import pypdfium2  # type: ignore[import-untyped]
    except ImportError:
        raise ImportError(MISSING) from None
    return pypdfium2  # type: ignore[no-any-return]


def available() -> bool:
    try:
        _pdfium()
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def extractor_id() -> str:
    """``pypdfium2 5.15.2+briefing.1``: the library's version and that of our rules."""
    _pdfium()
    return f"{NAME} {metadata.version(NAME)}+briefing.{LAYOUT_VERSION}"


def _reason(exc: Exception) -> str:
    code = getattr(exc, "err_code", None)
    if isinstance(code, int) and code in _REASONS:
        return _REASONS[code]
    detail = " ".join(str(exc).split())[:120]
    return f"damaged PDF: {detail or type(exc).__name__}"


def _open(pdfium: ModuleType, source: bytes | str, path: Path | str) -> Any:
    try:
        return pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise DocumentError(path, _reason(exc)) from None
    except (OSError, ValueError) as exc:  # pypdfium2 checks some inputs itself
        raise DocumentError(path, f"damaged PDF: {exc}") from None


def probe(path: Path) -> None:
    """Open (but do not read) a PDF: DocumentError when it is encrypted or damaged."""
    try:
        pdfium = _pdfium()
    except ImportError as exc:
        raise DocumentError(path, str(exc)) from None
    with _LOCK:
        _open(pdfium, str(path), path).close()


def _rotated(run: tuple[float, float, float, float], rotation: int, width: float,
             height: float) -> tuple[float, float, float, float]:
    """A box in page space as it is shown once the page's /Rotate is applied."""
    left, bottom, right, top = run
    if rotation == 90:
        return bottom, width - right, top, width - left
    if rotation == 180:
        return width - right, height - top, width - left, height - bottom
    if rotation == 270:
        return height - top, left, height - bottom, right
    return run


def _has_image(pdfium: ModuleType, page: Any) -> bool:
    kinds = (pdfium.raw.FPDF_PAGEOBJ_IMAGE,)
    return any(True for _ in page.get_objects(filter=kinds, max_depth=4))


def _page_runs(pdfium: ModuleType, page: Any) -> tuple[PageRuns, int]:
    """The page's pieces of text (PDFium's words and lines, :mod:`.pdf_chars`) with
    their boxes as shown, and its character count."""
    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    textpage = page.get_textpage()
    try:
        runs = []
        for line in pdf_chars.lines(pdfium, textpage):
            for run in pdf_chars.pieces(line):
                box = _rotated((run.x0, run.y0, run.x1, run.y1), rotation, width, height)
                runs.append(Run(*box, run.text, run.size, run.bold))
        chars = textpage.count_chars()
    finally:
        textpage.close()
    if rotation in (90, 270):
        width, height = height, width
    return PageRuns(width, height, runs), chars


def extract_pdf(data: bytes, path: Path | str,
                progress: Callable[[int, int], None] | None = None) -> LoadedText:
    """The canonical text of a PDF, with each page's start offset in ``pages``."""
    try:
        pdfium = _pdfium()
    except ImportError as exc:
        raise DocumentError(path, str(exc)) from None
    pages: list[PageRuns] = []
    chars = 0
    unreadable: list[int] = []
    empty: list[int] = []
    with _LOCK:
        document = _open(pdfium, data, path)
        try:
            count = len(document)
            for number in range(count):
                try:
                    page = document[number]
                    try:
                        runs, found = _page_runs(pdfium, page)
                        if not found and _has_image(pdfium, page):
                            empty.append(number + 1)
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    runs, found = PageRuns(595.0, 842.0), 0
                    unreadable.append(number + 1)
                pages.append(runs)
                chars += found
                if progress is not None:
                    progress(number + 1, count)
        finally:
            document.close()
    if not count:
        raise DocumentError(path, "empty PDF: it has no pages")
    text, starts = compose(pages)
    if not text.strip():
        if unreadable and len(unreadable) == count:
            raise DocumentError(path, "damaged PDF: no page can be read")
        raise DocumentError(path, "no text layer: a scanned or image-only PDF (briefing "
                                  "does not do OCR; run OCR on it first)")
    return LoadedText(text, text_sha256(text), "pdf", warning=_warning(unreadable, empty),
                      extractor=extractor_id(), pages=starts)


def _pages_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    return shown + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")


def _warning(unreadable: list[int], empty: list[int]) -> str:
    parts = []
    if unreadable:
        parts.append(f"page {_pages_list(unreadable)} could not be read")
    if empty:
        parts.append(f"page {_pages_list(empty)}: only images, no text (scanned?)")
    return "; ".join(parts)
