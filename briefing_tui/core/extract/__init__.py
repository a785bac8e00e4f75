"""Any briefing file -> the one canonical text that sentences, sidecars and exports use.

The format is chosen by the file's suffix and checked against its first bytes, so a
``.pdf`` that is really an HTML page or a ``.docx`` that is not a zip gets a one-line
reason (:class:`~.text.DocumentError`) instead of a parser's traceback. Plain text
(``.txt``, ``.md``) goes through :mod:`.text` exactly as before; PDF, HTML and DOCX go
through their extractor, whose id (name and version) the sidecar records, and whose
result is cached by the file's hash (:mod:`.cache`), since laying out a long PDF
takes a noticeable fraction of a second.

:func:`sniff_document` is the cheap check for the documents pane: first bytes, a zip's
member list, and for a PDF that looks encrypted or truncated an open without reading
pages. :func:`extract` does the real work; pass ``progress(done, total)`` to hear about
pages (called from the extracting thread).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from briefing_tui.core.extract import cache as extract_cache
from briefing_tui.core.text import (
    MAX_DOCUMENT_BYTES,
    TEXT_SUFFIXES,
    DocumentError,
    LoadedText,
    binary_kind,
    read_document_bytes,
    read_text_file,
    sniff,
)

Progress = Callable[[int, int], None]
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)
#: Every suffix a briefing may have (what folders are searched for).
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, *PDF_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES)
_KINDS = {**dict.fromkeys(PDF_SUFFIXES, "pdf"), **dict.fromkeys(HTML_SUFFIXES, "html"),
          **dict.fromkeys(DOCX_SUFFIXES, "docx")}
_NAMES = {"pdf": "a PDF", "html": "an HTML page", "docx": "a Word .docx file"}
_HEAD = 8192
_TAIL = 4096


def document_kind(path: Path | str) -> str:
    """``pdf``, ``html``, ``docx`` or ``text`` (any other suffix is read as text)."""
    return _KINDS.get(Path(path).suffix.lower(), "text")


def needs_extraction(path: Path | str) -> bool:
    """True for formats whose text is extracted (slow enough for a worker and progress)."""
    return document_kind(path) != "text"


def page_of(pages: tuple[int, ...] | list[int], offset: int) -> int:
    """The 1-based page holding ``offset``, or 0 when the document has no pages."""
    if not pages:
        return 0
    from bisect import bisect_right

    return max(1, bisect_right(pages, offset))


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()[:512]
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or \
        (start.startswith(b"<") and b"<html" in start)


def _what_it_is(head: bytes) -> str:
    """What a file that is not in its suffix's format looks like, for the message."""
    if head.startswith(b"%PDF-"):
        return "it is a PDF file"
    if _looks_html(head):
        return "it is an HTML page"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an old Word .doc or a password-protected Office file"
    kind = binary_kind(head)
    if kind:
        return f"it looks like {kind}"
    return "it holds plain text"


def check_head(kind: str, head: bytes, path: Path | str) -> None:
    """Raise :class:`DocumentError` when the first bytes do not fit the format."""
    if not head.strip():
        raise DocumentError(path, "empty file, nothing to read" if not head else
                            "the file holds only whitespace")
    if kind == "pdf" and b"%PDF-" in head[:1024]:
        return
    if kind == "docx" and head.startswith(b"PK\x03\x04"):
        return
    if kind == "html":
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return  # UTF-16 with a BOM: NUL bytes are expected
        binary = binary_kind(head)
        if binary and not head.startswith(b"%PDF-"):
            raise DocumentError(path, f"not an HTML page: it looks like {binary}")
        if not binary:
            return
    raise DocumentError(path, f"not {_NAMES[kind]}: {_what_it_is(head)}")


def _read_ends(path: Path) -> tuple[int, bytes, bytes]:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(path, "not a regular file")
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
            tail = b""
            if st.st_size > _HEAD:
                handle.seek(max(_HEAD, st.st_size - _TAIL))
                tail = handle.read(_TAIL)
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from None
    return st.st_size, head, tail or head


def sniff_document(path: Path | str) -> int:
    """Check cheaply that a file can be opened as a briefing; return its size.

    The same reasons as :func:`extract` for the common bad files, without extracting.
    """
    path = Path(path)
    kind = document_kind(path)
    if kind == "text":
        return sniff(path)
    size, head, tail = _read_ends(path)
    check_head(kind, head, path)
    if kind == "pdf":
        from briefing_tui.core.extract import pdf as extract_pdf

        if not extract_pdf.available():
            raise DocumentError(path, extract_pdf.MISSING)
        if b"/Encrypt" in head or b"/Encrypt" in tail or b"%%EOF" not in tail:
            extract_pdf.probe(path)
    elif kind == "docx":
        import zipfile

        from briefing_tui.core.extract.docx import check_members

        try:
            with zipfile.ZipFile(path) as archive:
                check_members(archive, archive.namelist(), path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise DocumentError(path, f"damaged Word file: not a readable zip ({exc})") \
                from None
    return size


Extractor = Callable[[bytes, Path, "Progress | None"], LoadedText]


def _extractor(kind: str, path: Path) -> tuple[str, Extractor]:
    """The extractor's id and function (DocumentError when its extra is missing)."""
    if kind == "pdf":
        from briefing_tui.core.extract import pdf as extract_pdf

        try:
            return extract_pdf.extractor_id(), extract_pdf.extract_pdf
        except ImportError as exc:
            raise DocumentError(path, str(exc)) from None
    if kind == "html":
        from briefing_tui.core.extract import html_web

        if html_web.available():  # the [html] extra: trafilatura's body, ours beside it
            return html_web.extractor_id(), html_web.extract_web
        from briefing_tui.core.extract.html import EXTRACTOR, extract_html

        return EXTRACTOR, extract_html
    from briefing_tui.core.extract.docx import EXTRACTOR as DOCX
    from briefing_tui.core.extract.docx import extract_docx

    return DOCX, extract_docx


def extract(path: Path | str, *, progress: Progress | None = None,
            max_bytes: int = MAX_DOCUMENT_BYTES, cache: bool = True) -> LoadedText:
    """Read any briefing into canonical text, or raise :class:`DocumentError`."""
    path = Path(path)
    kind = document_kind(path)
    if kind == "text":
        return read_text_file(path, max_bytes)
    data = read_document_bytes(path, max_bytes)
    check_head(kind, data[:_HEAD], path)
    ident, function = _extractor(kind, path)
    key = hashlib.sha256(data).hexdigest()
    cached = extract_cache.load(key, ident) if cache else None
    if cached is not None:
        if progress is not None:
            progress(1, 1)
        return cached
    try:
        loaded = function(data, path, progress)
    except DocumentError:
        raise
    except Exception as exc:  # a parser's bug on hostile input: a reason, not a crash
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:160]
        raise DocumentError(path, f"cannot be read ({detail})") from exc
    if len(loaded.text) > max_bytes:
        raise DocumentError(path, f"too large: its text is over {max_bytes / 2**20:.0f} MiB")
    if cache:
        extract_cache.store(key, loaded, ident)
    return loaded
