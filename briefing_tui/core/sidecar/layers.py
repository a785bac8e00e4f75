"""Per-analyst layers for double coding: ``article.txt.annotations.<analyst>.yaml``.

A layer is an ordinary sidecar (same format, same atomic writes) holding one analyst's
own coding of a document, plus a ``status:`` header, ``in-progress`` until the analyst
marks it ``finished``. Layers are what ``briefing agree`` compares and what the
adjudication screen merges into the shared sidecar. While an analyst's own layer of a
document is not finished, the other analysts' layers of it are hidden from them (blind
coding: :func:`visible_layers`).

Layers end in ``.yaml``, which is no briefing suffix, so folder scans never list them;
the "keep mine as a copy" files (``.annotations.mine-N.yaml``) are not layers.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing_tui.core.analyst import ANALYST_NAME, check_analyst
from briefing_tui.core.sidecar import (
    SIDECAR_SUFFIX,
    SidecarData,
    SidecarError,
    read_sidecar,
    write_sidecar,
)

IN_PROGRESS, FINISHED = "in-progress", "finished"
STATUSES = (IN_PROGRESS, FINISHED)
_COPY = re.compile(r"^mine-\d+$")
_MARK = SIDECAR_SUFFIX.removesuffix("yaml")  # ".annotations.": a layer's name goes on
#: folder -> (mtime_ns, {document name: the folder's names that may be its layers})
_listing: dict[Path, tuple[int, dict[str, list[str]]]] = {}


def layer_path(document: Path, analyst: str) -> Path:
    """Where ``analyst``'s layer of ``document`` lives."""
    return document.with_name(f"{document.name}.annotations.{check_analyst(analyst)}.yaml")


def status_of(data: SidecarData) -> str:
    """The layer's status (a layer without one, or with an odd one, is in progress)."""
    value: Any = data.extra.get("status")
    return value if value in STATUSES else IN_PROGRESS


def _by_document(names: list[str]) -> dict[str, list[str]]:
    """Each ``.yaml`` name under every document name it could be a layer of: the part
    before each ``.annotations.`` in it. A folder scan asks once per briefing, so going
    through every name each time made 10,000 briefings O(n²) (120 million comparisons)."""
    index: dict[str, list[str]] = {}
    for name in names:
        if not name.endswith(".yaml"):
            continue
        at = name.find(_MARK)
        while at >= 0:
            if at:
                index.setdefault(name[:at], []).append(name)
            at = name.find(_MARK, at + 1)
    return index


def _names(folder: Path, document: str) -> list[str]:
    """The folder's names that may be layers of ``document``; the folder is listed again
    only when it changed."""
    try:
        mtime = os.stat(folder).st_mtime_ns
        cached = _listing.get(folder)
        if cached is not None and cached[0] == mtime:
            return cached[1].get(document, [])
        index = _by_document(os.listdir(folder))
    except OSError:
        return []
    _listing[folder] = (mtime, index)
    return index.get(document, [])


def find_layers(document: Path) -> dict[str, Path]:
    """Every analyst's layer of ``document``, by analyst name (sorted)."""
    head = document.name + _MARK
    found: dict[str, Path] = {}
    for name in _names(document.parent, document.name):
        if name.startswith(head) and name.endswith(".yaml"):
            analyst = name[len(head):-len(".yaml")]
            if ANALYST_NAME.fullmatch(analyst) and not _COPY.fullmatch(analyst):
                found[analyst] = document.with_name(name)
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Layer:
    analyst: str
    path: Path
    status: str  # in-progress or finished; "" when unreadable
    error: str = ""  # why the layer cannot be read


def read_layers(document: Path) -> list[Layer]:
    """Each layer of ``document`` with its status (an unreadable one says why)."""
    layers = []
    for analyst, path in find_layers(document).items():
        try:
            found = read_sidecar(path)
        except SidecarError as exc:
            layers.append(Layer(analyst, path, "", str(exc)))
            continue
        status = status_of(found[0]) if found is not None else IN_PROGRESS
        layers.append(Layer(analyst, path, status))
    return layers


def visible_layers(layers: list[Layer], analyst: str) -> list[Layer]:
    """The layers ``analyst`` may see: all once their own is finished (or when they have
    none: an adjudicator), else only their own."""
    own = [layer for layer in layers if layer.analyst == analyst]
    if own and own[0].status != FINISHED:
        return own
    return layers


def set_status(path: Path, status: str) -> bool:
    """Mark the layer at ``path`` (it must exist); True when the file changed."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    found = read_sidecar(path)
    if found is None:
        raise SidecarError(f"{path.name} does not exist")
    data, disk = found
    if data.extra.get("status") == status:
        return False
    data.extra["status"] = status
    write_sidecar(path, data, disk)
    return True


def layer_summary(layers: list[Layer]) -> str:
    """One line for the documents pane: ``amina ✓ bo …`` (✓ finished, … in progress)."""
    marks = {FINISHED: "✓", IN_PROGRESS: "…", "": "!"}
    return " ".join(f"{layer.analyst} {marks[layer.status]}" for layer in layers)
