"""Word footnotes and endnotes: the mark in the text, the note after the body.

Word numbers notes in the order the text refers to them — footnotes ``1, 2, 3`` and
endnotes ``i, ii, iii`` unless the document's settings or its last section say another
format or start. We put the same mark in the text where the reference is (``[1]``,
``[i]``) and each note after the body as its own paragraph opened by that mark, in the
order of reference, footnotes first. A reference whose run carries its own mark
(``customMarkFollows``, e.g. ``*``) gets no number: the mark is in the text already, and
its note opens with ``[*]``. The separator "notes" Word keeps in the same part are not
notes and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from xml.etree import ElementTree

from briefing_tui.core.extract.docx_lists import format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KINDS = ("footnote", "endnote")
DEFAULTS = {"footnote": ("decimal", 1), "endnote": ("lowerRoman", 1)}
REFERENCES = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}


def read_formats(settings: ElementTree.Element | None, body: ElementTree.Element | None,
                 ) -> dict[str, tuple[str, int]]:
    """kind -> (number format, first number), from settings.xml then the last section."""
    formats = dict(DEFAULTS)
    places = [settings] if settings is not None else []
    if body is not None:
        places += body.findall(f"{W}sectPr")
    for place in places:
        for kind in KINDS:
            props = place.find(f"{W}{kind}Pr")
            if props is None:
                continue
            fmt, start = formats[kind]
            found = props.find(f"{W}numFmt")
            if found is not None:
                fmt = found.get(f"{W}val", fmt)
            found = props.find(f"{W}numStart")
            if found is not None and found.get(f"{W}val", "").isdigit():
                start = int(found.get(f"{W}val", ""))
            formats[kind] = (fmt, start)
    return formats


def read_bodies(root: ElementTree.Element | None, kind: str,
                paragraphs: Callable[[ElementTree.Element], Iterator[str]],
                ) -> dict[str, list[str]]:
    """id -> the note's paragraphs, separators left out."""
    if root is None:
        return {}
    out = {}
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type", "normal") != "normal":
            continue  # separator, continuationSeparator, continuationNotice
        out[note.get(f"{W}id", "")] = list(paragraphs(note))
    return out


class Notes:
    """Marks in reference order, and the notes' paragraphs to write after the body."""

    def __init__(self, bodies: dict[str, dict[str, list[str]]],
                 formats: dict[str, tuple[str, int]]) -> None:
        self.bodies = bodies  # kind -> id -> paragraphs
        self.formats = formats
        self.order: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}

    def mark(self, reference: ElementTree.Element) -> str:
        """The mark to put in the text for a ``footnoteReference``/``endnoteReference``."""
        kind = REFERENCES[reference.tag]
        ident = reference.get(f"{W}id", "")
        if ident not in self.bodies.get(kind, {}):
            return ""
        seen = self.order[kind]
        if ident not in seen:
            custom = reference.get(f"{W}customMarkFollows", "0") in ("1", "true", "on")
            fmt, start = self.formats[kind]
            number = start + sum(1 for label in seen.values() if label)
            seen[ident] = "" if custom else format_number(number, fmt)
        return f"[{seen[ident]}]" if seen[ident] else ""

    def paragraphs(self) -> Iterator[str]:
        for kind in KINDS:
            for ident, label in self.order[kind].items():
                texts = self.bodies[kind][ident]
                if texts:
                    yield f"[{label or '*'}] {texts[0]}"
                    yield from texts[1:]
