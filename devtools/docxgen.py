"""A tiny .docx writer for test fixtures and benchmarks (the standard library's zipfile).

It writes the parts of WordprocessingML the extractor must handle: headings, bulleted and
numbered lists (with ``numbering.xml``), tables, tracked changes (an insertion and a
deletion), a field code, a content control, a text box with its VML fallback, a line break
and a tab; and for list labels, notes and equations the pieces to build them with:
:func:`numbering_xml` (levels with formats, label texts, starts and instance
overrides), :func:`list_item`, :func:`notes_xml` and :func:`note_reference` (footnotes
and endnotes), and ``raw`` blocks for OMML. Deterministic: same blocks, same bytes.
"""

from __future__ import annotations

import io
import zipfile
from html import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_OOXML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_OOXML}.document.main+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_OOXML}.numbering+xml"/>'
    "</Types>").encode()
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>""".encode()


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>'


def _paragraph(kind: str, text: str) -> str:
    if kind == "raw":  # a ready-made <w:p>, or any body XML
        return text
    props = {"h": '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
             "li": '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
             "ol": '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>',
             }.get(kind, "")
    if kind == "tracked":  # "kept|deleted|inserted"
        kept, deleted, inserted = text.split("|")
        runs = (_run(kept) + f'<w:del w:id="1" w:author="A"><w:r><w:delText>{escape(deleted)}'
                f'</w:delText></w:r></w:del><w:ins w:id="2" w:author="A">{_run(inserted)}'
                "</w:ins>")
    elif kind == "field":  # the field code is not text, its result is
        runs = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
                '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + _run(text) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    elif kind == "textbox":  # the text once, though Word also writes a VML fallback copy
        box = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
        runs = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}'
                f"</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
                "</mc:AlternateContent></w:r>")
    elif kind == "breaks":  # "a|b|c": a, a tab, b, a line break, c
        first, second, third = text.split("|")
        runs = (_run(first) + "<w:r><w:tab/></w:r>" + _run(second) + "<w:r><w:br/></w:r>"
                + _run(third))
    else:
        runs = _run(text)
    paragraph = f"<w:p>{props}{runs}</w:p>"
    if kind == "sdt":
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{paragraph}</w:sdtContent></w:sdt>"
    return paragraph


def _table(rows: list[str]) -> str:
    out = ["<w:tbl>"]
    for row in rows:
        cells = "".join(f"<w:tc><w:p>{_run(cell.strip())}</w:p></w:tc>"
                        for cell in row.split("|"))
        out.append(f"<w:tr>{cells}</w:tr>")
    return "".join(out) + "</w:tbl>"


def document_xml(blocks: list[tuple[str, str]]) -> bytes:
    """``word/document.xml`` for (kind, text) blocks: kinds ``h``, ``p``, ``li``, ``ol``,
    ``row`` (cells split on ``|``), ``tracked``, ``field``, ``textbox``, ``breaks``, ``sdt``."""
    body: list[str] = []
    rows: list[str] = []
    for kind, text in blocks:
        if kind == "row":
            rows.append(text)
            continue
        if rows:
            body.append(_table(rows))
            rows = []
        body.append(_paragraph(kind, text))
    if rows:
        body.append(_table(rows))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:m="{M_NS}"><w:body>'
            f'{"".join(body)}'
            "<w:sectPr/></w:body></w:document>").encode()


def docx(blocks: list[tuple[str, str]], *, document: bytes | None = None,
         extra: dict[str, bytes] | None = None, numbering: bytes | None = None) -> bytes:
    """The .docx file's bytes; ``document`` replaces the generated document.xml,
    ``numbering`` the default numbering.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("[Content_Types].xml", _TYPES), ("_rels/.rels", _RELS),
                           ("word/document.xml", document or document_xml(blocks)),
                           ("word/numbering.xml", numbering or _NUMBERING),
                           *(extra or {}).items()):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def numbering_xml(abstracts: dict[int, list[tuple[str, str, int]]],
                  nums: dict[int, tuple[int, dict[int, int]]], *,
                  legal: tuple[int, int] | None = None) -> bytes:
    """``numbering.xml``: abstract lists (id -> levels of (numFmt, lvlText, start)) and
    instances (numId -> (abstractNumId, {level: startOverride})); ``legal`` marks
    (abstractNumId, level) as legal numbering."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering '
           f'xmlns:w="{W_NS}">']
    for ident, levels in abstracts.items():
        out.append(f'<w:abstractNum w:abstractNumId="{ident}">')
        for ilvl, (fmt, text, start) in enumerate(levels):
            lgl = "<w:isLgl/>" if legal == (ident, ilvl) else ""
            out.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val='
                       f'"{fmt}"/>{lgl}<w:lvlText w:val="{escape(text)}"/></w:lvl>')
        out.append("</w:abstractNum>")
    for num_id, (abstract, overrides) in nums.items():
        extra = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/>'
                        "</w:lvlOverride>" for lvl, start in overrides.items())
        out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{extra}'
                   "</w:num>")
    return ("".join(out) + "</w:numbering>").encode()


def text_run(text: str) -> str:
    """One run of text, for building raw paragraphs."""
    return _run(text)


def list_item(num_id: int, ilvl: int, text: str) -> tuple[str, str]:
    """A raw block: a paragraph of list ``num_id`` at level ``ilvl``."""
    return ("raw", f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
                   f"</w:numPr></w:pPr>{_run(text)}</w:p>")


def note_reference(kind: str, ident: int, *, custom: str = "") -> str:
    """A run referring to footnote/endnote ``ident`` (``custom``: its own mark, e.g. *)."""
    follows = ' w:customMarkFollows="1"' if custom else ""
    mark = f"<w:t>{escape(custom)}</w:t>" if custom else ""
    return (f'<w:r><w:rPr><w:rStyle w:val="{kind.capitalize()}Reference"/></w:rPr>'
            f'<w:{kind}Reference w:id="{ident}"{follows}/>{mark}</w:r>')


def notes_xml(kind: str, notes: dict[int, list[str]]) -> bytes:
    """``footnotes.xml``/``endnotes.xml``: Word's two separators, then each note's
    paragraphs (the first opened by the note's own reference mark, as Word writes it)."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s '
           f'xmlns:w="{W_NS}">',
           f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f"</w:{kind}>",
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"]
    for ident, paragraphs in notes.items():
        body = "".join(
            f"<w:p>{f'<w:r><w:{kind}Ref/></w:r>' if not n else ''}{_run(' ' + p)}</w:p>"
            for n, p in enumerate(paragraphs))
        out.append(f'<w:{kind} w:id="{ident}">{body}</w:{kind}>')
    return ("".join(out) + f"</w:{kind}s>").encode()
