"""What a sidecar holds in memory (:class:`SidecarData`), its keys, and its error family.

Kept apart from the text form (:mod:`briefing_tui.core.sidecar.format`) and the validation
of read entries (:mod:`briefing_tui.core.sidecar.validate`) so both can share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.corrections import Corrections
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.metadata import FIELDS, Metadata
from briefing_tui.core.segment import SEGMENTER_NAME, SEGMENTER_VERSION
from briefing_tui.core.sidecar.dismissed import KEY as DISMISSED
from briefing_tui.core.sidecar.header import FIX_KEYS
from briefing_tui.core.sidecar.keep import Layout

VERSION = 1
HEADER_COMMENT = ("# briefing_tui sidecar: one annotation per line. "
                  "Plain YAML; safe to diff, merge and edit.")
ANNOTATION_KEYS = ("id", "start", "end", "text", "prefix", "suffix", "tags", "note", "by",
                   "anchor", DISMISSED)
DOCUMENT_KEYS = ("name", "sha256", "extractor", *FIELDS)
TOP_KEYS = ("version", "document", "segmenter", *FIX_KEYS, "annotations", "rejected")

UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")
ANCHORS = {anchor.value: anchor for anchor in Anchor}
#: :data:`UNSAFE` in UTF-8: U+007F, then U+0080-U+009F (C2 80-9F), then the rest.
_UNSAFE_BYTES = (b"\x7f", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf", b"\xef\xbf\xbe",
                 b"\xef\xbf\xbf")
_C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")
_CHUNK = 1 << 20
_ASCII = bytes(range(0x80))


def unsafe_in(text: str) -> bool | None:
    """Whether ``text`` holds a character of :data:`UNSAFE`; None when it holds a
    surrogate (:data:`SURROGATE`). The same answers as the two regexes, ~20x faster on a
    70 MB sidecar: UTF-8 refuses exactly the surrogates, and the bytes are searched
    with ``bytes.find`` (a chunk at a time, so no copy of the whole file is made)."""
    found = False
    for at in range(0, len(text), _CHUNK):
        try:
            chunk = text[at:at + _CHUNK].encode("utf-8")
        except UnicodeEncodeError:
            return None
        found = found or unsafe_in_utf8(chunk)
    return found


def unsafe_in_utf8(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a character of :data:`UNSAFE`. Past U+007F they are
    all multi-byte, each starting with a lead byte, so they are looked for among the
    non-ASCII bytes alone (a few percent of a sidecar: 70 MB searched in 0.15 s, not
    0.4). Bytes that are not UTF-8 may give either answer: they are refused anyway."""
    if _UNSAFE_BYTES[0] in data:
        return True
    rest = data.translate(None, _ASCII)
    return _C1_BYTES.search(rest) is not None or any(
        unsafe in rest for unsafe in _UNSAFE_BYTES[1:])


class SidecarError(BriefingError):
    """A sidecar problem; ``str()`` is a one-line reason fit for a user."""


class SidecarUnreadable(SidecarError):
    """The sidecar cannot be read and must never be overwritten."""


class SidecarConflict(SidecarError):
    """The sidecar changed on disk since it was loaded."""


class SidecarSaveError(SidecarError):
    """A save failed; the file on disk is left byte-identical."""


@dataclass
class SidecarData:
    """Everything a sidecar holds, plus what loading it found wrong."""

    document_name: str
    document_sha256: str
    annotations: list[Annotation]
    segmenter: str = f"{SEGMENTER_NAME} {SEGMENTER_VERSION}"
    extractor: str = ""
    version: int = VERSION
    problems: list[str] = field(default_factory=list)
    hand_edited: bool = False
    rejected: list[Any] = field(default_factory=list)  # bad entries as read, written back
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys
    document_extra: dict[str, Any] = field(default_factory=dict)  # unknown document keys
    metadata: Metadata = field(default_factory=Metadata)  # as the analyst set it
    corrections: Corrections = field(default_factory=Corrections)  # splits and joins
    layout: Layout | None = field(default=None, repr=False, compare=False)  # where, as text
