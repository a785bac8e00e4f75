"""briefing_tui's core as a library: no Textual, lazy, one import for a script.

    from briefing_tui import core
    doc = core.open_document("article.txt")       # DocumentError, SidecarUnreadable
    doc.annotations.set_tags(doc.text, start, end, ["security"])
    doc.save()                                     # SidecarConflict, SidecarSaveError
    codebook = core.Codebook()                     # or core.load_codebook(path): CodebookError
    summary = core.build_summary(["briefings/"], codebook, timestamp=None)
    print(core.render(summary, "md", codebook))

Names resolve on first use (PEP 562), so ``import briefing_tui.core`` costs nothing and
a script pays only for what it touches. Every error raised on purpose is a
:class:`BriefingError` with a one-line message.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: public name → the module that defines it
_NAMES = {
    "BriefingError": "errors",
    "DocumentError": "text",
    "open_document": "document",
    "Document": "document",
    "Segmentation": "segment",
    "read_sidecar": "sidecar",
    "write_sidecar": "sidecar",
    "sidecar_path": "sidecar",
    "SidecarError": "sidecar.format",
    "SidecarUnreadable": "sidecar.format",
    "SidecarConflict": "sidecar.format",
    "SidecarSaveError": "sidecar.format",
    "reanchor": "anchoring",
    "merge_annotations": "merge",
    "find_documents": "corpus",
    "Codebook": "codebook",
    "CodebookError": "codebook",
    "load_codebook": "codebook",
    "build_summary": "summary",
    "render": "export",
    "FORMATS": "export",
}

__all__ = [
    "FORMATS",
    "BriefingError",
    "Codebook",
    "CodebookError",
    "Document",
    "DocumentError",
    "Segmentation",
    "SidecarConflict",
    "SidecarError",
    "SidecarSaveError",
    "SidecarUnreadable",
    "build_summary",
    "find_documents",
    "load_codebook",
    "merge_annotations",
    "open_document",
    "read_sidecar",
    "reanchor",
    "render",
    "sidecar_path",
    "write_sidecar",
]

if TYPE_CHECKING:  # the type checker sees the real names; at run time they load lazily
    from briefing_tui.core.anchoring import reanchor
    from briefing_tui.core.codebook import Codebook, CodebookError, load_codebook
    from briefing_tui.core.corpus import find_documents
    from briefing_tui.core.document import Document, open_document
    from briefing_tui.core.errors import BriefingError
    from briefing_tui.core.export import FORMATS, render
    from briefing_tui.core.merge import merge_annotations
    from briefing_tui.core.segment import Segmentation
    from briefing_tui.core.sidecar import read_sidecar, sidecar_path, write_sidecar
    from briefing_tui.core.sidecar.format import (
        SidecarConflict,
        SidecarError,
        SidecarSaveError,
        SidecarUnreadable,
    )
    from briefing_tui.core.summary import build_summary
    from briefing_tui.core.text import DocumentError


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing_tui.core' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"briefing_tui.core.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
