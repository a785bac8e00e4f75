"""Word (.docx) briefings with the standard library: a zip of XML, read with care.

A .docx is ``word/document.xml`` inside a zip. We read its body in order: paragraphs
(headings and list items each their own paragraph), tables as one paragraph per row
with cells joined by `` | ``, content controls and tracked insertions included,
deletions, field codes and text-box fallbacks left out. List items carry their label as
Word shows it (``a.``, ``iv)``, ``1.2``, ``•``; :mod:`.docx_lists`), equations are
linear text (:mod:`.docx_math`), and footnotes and endnotes follow the body as their
own paragraphs opened by their mark (``[1] …``), the same mark standing in the text
where the reference is (:mod:`.docx_notes`). Running headers and footers are not read.

Untrusted zips and XML get limits first: at most :data:`MAX_MEMBERS` members, the XML
read through a size cap however small the zip claims it is (zip bombs), and any DTD
or entity declaration refused before parsing (billion laughs, external entities).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

from briefing_tui.core.extract import docx_notes
from briefing_tui.core.extract.docx_lists import Numbering, read_definitions
from briefing_tui.core.extract.docx_math import M, equation
from briefing_tui.core.extract.docx_notes import REFERENCES, Notes
from briefing_tui.core.text import MAX_DOCUMENT_BYTES, DocumentError, LoadedText, text_sha256

EXTRACTOR = "briefing-docx 2"
MAX_MEMBERS = 10_000
MAX_XML_BYTES = MAX_DOCUMENT_BYTES
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", MC_FALLBACK,
         f"{W}commentReference", f"{W}rPr", f"{W}pPr"}
_MATH = {f"{M}oMath", f"{M}oMathPara"}
_OTHER_OFFICE = {"xl/workbook.xml": "an Excel workbook", "ppt/presentation.xml":
                 "a PowerPoint presentation"}


def _read_member(archive: zipfile.ZipFile, name: str, path: Path | str) -> bytes | None:
    """A member's bytes, read through the size cap (the header's size is not trusted)."""
    try:
        with archive.open(name) as handle:
            data = handle.read(MAX_XML_BYTES + 1)
    except KeyError:
        return None
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise DocumentError(path, f"encrypted Word file: {name} needs a password") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error,
            NotImplementedError) as exc:  # NotImplementedError: an unknown compression
        raise DocumentError(path, f"damaged Word file: {name} cannot be read ({exc})") \
            from None
    if len(data) > MAX_XML_BYTES:
        limit = MAX_XML_BYTES
        shown = f"{limit / 2**20:.0f} MiB" if limit >= 2**20 else f"{limit / 2**10:.0f} KiB"
        raise DocumentError(path, f"Word file too large: {name} unpacks to over {shown}")
    return data


def _xml(data: bytes, name: str, path: Path | str) -> ElementTree.Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise DocumentError(path, f"refused: {name} declares a DTD or entities")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise DocumentError(path, f"damaged Word file: {name} is not well-formed XML "
                                  f"({exc})") from None


def open_docx(data: bytes, path: Path | str) -> zipfile.ZipFile:
    """The zip, checked to be a Word document, or :class:`DocumentError` saying what it is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise DocumentError(path, f"damaged Word file: not a readable zip ({exc})") from None
    return check_members(archive, names, path)


def check_members(archive: zipfile.ZipFile, names: list[str], path: Path | str,
                  ) -> zipfile.ZipFile:
    if len(names) > MAX_MEMBERS:
        raise DocumentError(path, f"not a Word document: a zip of {len(names)} files")
    if "word/document.xml" in names:
        return archive
    for member, kind in _OTHER_OFFICE.items():
        if member in names:
            raise DocumentError(path, f"not a Word document: it is {kind}")
    if "mimetype" in names and "content.xml" in names:
        raise DocumentError(path, "not a Word document: an OpenDocument file (save it as "
                                  ".docx)")
    raise DocumentError(path, "not a Word document: a zip without word/document.xml")


def _runs_text(node: ElementTree.Element, notes: Notes | None = None) -> str:
    """The text of a paragraph or cell: runs in order, what is not text left out."""
    out: list[str] = []
    stack: list[ElementTree.Element] = [node]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in _SKIP:
            continue
        if tag in REFERENCES:
            out.append(notes.mark(element) if notes is not None else "")
            continue
        if tag in _MATH:
            out.append(equation(element))
            continue
        if tag == f"{W}t":
            out.append(element.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            out.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append(" " if element.get(f"{W}type") == "page" else "\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}p" and element is not node:
            out.append("\n")  # a paragraph inside a cell or text box
        stack.extend(reversed(list(element)))
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _numbered_styles(archive: zipfile.ZipFile, path: Path | str,
                     ) -> dict[str, tuple[str, str]]:
    """styleId -> (numId, level) for paragraph styles that make list items ("List
    Bullet"), following ``basedOn``; from styles.xml."""
    data = _read_member(archive, "word/styles.xml", path)
    if data is None:
        return {}
    root = _xml(data, "word/styles.xml", path)
    own: dict[str, tuple[str, str]] = {}
    based: dict[str, str] = {}
    for style in root.iter(f"{W}style"):
        ident = style.get(f"{W}styleId", "")
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[ident] = parent.get(f"{W}val", "")
        props = style.find(f"{W}pPr/{W}numPr")
        if props is not None:
            own[ident] = _num_key(props)
    styles = {}
    for ident in {*own, *based}:
        seen, current = set(), ident
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if current in own:
            styles[ident] = own[current]
    return styles


def _num_key(props: ElementTree.Element) -> tuple[str, str]:
    num = props.find(f"{W}numId")
    lvl = props.find(f"{W}ilvl")
    return (num.get(f"{W}val", "") if num is not None else "",
            lvl.get(f"{W}val", "0") if lvl is not None else "0")


class _Lists:
    """Labels list paragraphs, whether numbered directly or by their paragraph style."""

    def __init__(self, numbering: Numbering, styles: dict[str, tuple[str, str]]) -> None:
        self.numbering = numbering
        self.styles = styles

    def prefix(self, paragraph: ElementTree.Element) -> str:
        props = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        styled = self.styles.get(style.get(f"{W}val", "")) if style is not None else None
        if props is not None:
            num, lvl = _num_key(props)
            if props.find(f"{W}numId") is None and styled is not None:
                num = styled[0]  # the level given here, the list by the style
        elif styled is not None:
            num, lvl = styled
        else:
            return ""
        try:
            level = int(lvl)
        except ValueError:
            level = 0
        return self.numbering.label(num, min(max(level, 0), 8))


def _blocks(body: ElementTree.Element, lists: _Lists | None,
            notes: Notes | None = None) -> Iterator[str]:
    """Paragraphs and table rows of the body, in order (content controls opened)."""
    stack: list[ElementTree.Element] = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        if element.tag == f"{W}p":
            text = _runs_text(element, notes)
            if text:
                yield (lists.prefix(element) if lists is not None else "") + text
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                cells = [_runs_text(c, notes).replace("\n", " ")
                         for c in row.findall(f"{W}tc")]
                if any(cells):
                    yield " | ".join(c for c in cells if c)
        elif element.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml",
                             f"{W}ins", f"{W}moveTo"):
            stack.extend(reversed(list(element)))


def _part(archive: zipfile.ZipFile, name: str, path: Path | str,
          ) -> ElementTree.Element | None:
    data = _read_member(archive, name, path)
    return _xml(data, name, path) if data is not None else None


def _notes(archive: zipfile.ZipFile, path: Path | str, body: ElementTree.Element | None,
           ) -> Notes:
    formats = docx_notes.read_formats(_part(archive, "word/settings.xml", path), body)
    bodies = {kind: docx_notes.read_bodies(_part(archive, f"word/{kind}s.xml", path), kind,
                                           lambda note: _blocks(note, None))
              for kind in docx_notes.KINDS}
    return Notes(bodies, formats)


def extract_docx(data: bytes, path: Path | str,
                 progress: Callable[[int, int], None] | None = None) -> LoadedText:
    """The canonical text of a Word document's body, then its notes."""
    archive = open_docx(data, path)
    with archive:
        root = _part(archive, "word/document.xml", path)
        if root is None:
            raise DocumentError(path, "not a Word document: a zip without word/document.xml")
        body = root.find(f"{W}body")
        numbering = Numbering(read_definitions(_part(archive, "word/numbering.xml", path)))
        lists = _Lists(numbering, _numbered_styles(archive, path))
        notes = _notes(archive, path, body)
    paragraphs = list(_blocks(body, lists, notes)) if body is not None else []
    text = "\n\n".join([*paragraphs, *notes.paragraphs()])
    if progress is not None:
        progress(1, 1)
    if not text.strip():
        raise DocumentError(path, "no text: the Word document's body is empty")
    return LoadedText(text, text_sha256(text), "docx", extractor=EXTRACTOR)
