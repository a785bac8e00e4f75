"""Finding briefings in the paths an analyst gives: files and folders, in a stable order."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.extract import DOCUMENT_SUFFIXES

#: How many documents one folder scan lists at most (a mistaken `briefing /`).
MAX_DOCUMENTS = 20_000
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}


@dataclass
class Corpus:
    documents: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each, for paths given
    truncated: bool = False
    #: Folders inside the paths given that could not be read, one line each: the rest
    #: is still listed, but the result is incomplete (commands exit 1, as for a skip).
    unreadable: list[str] = field(default_factory=list)


def natural_key(path: Path) -> list[object]:
    """Sort 'report-2' before 'report-10'."""
    return [int(part) if part.isdigit() else part.lower()
            for part in re.split(r"(\d+)", str(path))]


def is_briefing(path: Path, suffixes: Iterable[str] = DOCUMENT_SUFFIXES) -> bool:
    name = path.name
    return (not name.startswith(".") and path.suffix.lower() in tuple(suffixes)
            and not name.endswith(".annotations.yaml"))


def real_path(path: Path) -> Path:
    """Where ``path`` really is, for telling two names of one file apart.

    ``os.path.realpath`` (not ``Path.resolve``, which raises ``RuntimeError`` on a looping
    symlink): a loop or a dangling link stays a path of its own, reported when opened.
    """
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _briefing_name(name: str, suffixes: tuple[str, ...]) -> bool:
    """:func:`is_briefing` on a bare file name, without making a Path (10,000 of them)."""
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # what Path.suffix says
    return (not name.startswith(".") and suffix.lower() in suffixes
            and not name.endswith(".annotations.yaml"))


def _walk(folder: Path, suffixes: tuple[str, ...], limit: int,
          corpus: Corpus) -> list[tuple[Path, str]]:
    """The briefings under ``folder``, each with its :func:`real_path`; folders that
    cannot be read go to ``unreadable``.

    ``os.walk``'s order and choices (top down, folders sorted, symlinked folders listed
    but not entered), by hand with ``os.scandir`` so each entry says whether it is a
    symlink: a file that is not one really is ``realpath(its folder)/name``, so its
    folder is resolved once instead of every file's path component by component (70,000
    ``lstat`` calls for 10,000 briefings).
    """
    found: list[tuple[Path, str]] = []
    stack = [os.fspath(folder)]
    while stack and len(found) <= limit:
        top = stack.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError as exc:
            where = exc.filename if exc.filename is not None else folder
            corpus.unreadable.append(f"{where}: folder not read ({_reason(exc)})")
            continue
        dirs: list[os.DirEntry[str]] = []
        base, real_top = Path(top), ""
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry)
                continue
            if not _briefing_name(entry.name, suffixes):
                continue
            path = base / entry.name
            try:
                plain_file = not entry.is_symlink()
            except OSError:
                plain_file = False
            if plain_file:
                real_top = real_top or str(real_path(base))
                found.append((path, os.path.join(real_top, entry.name)))
            else:
                found.append((path, str(real_path(path))))
        names = sorted(d.name for d in dirs if d.name not in _SKIP_DIRS
                       and not d.name.startswith("."))
        for name in reversed(names):  # popped in sorted order: os.walk's depth first
            child = os.path.join(top, name)
            if not os.path.islink(child):
                stack.append(child)
    found.sort(key=lambda pair: natural_key(pair[0]))
    return found


def _kind(path: Path) -> str:
    """"dir", "file" (anything else that is there, even a broken link) or "" (nothing)."""
    try:
        if path.is_dir():
            return "dir"
    except OSError:  # a name too long, a loop: is_dir says so only on newer Pythons
        pass
    return "file" if os.path.lexists(path) else ""


def find_documents(paths: Iterable[Path | str], suffixes: Iterable[str] = DOCUMENT_SUFFIXES,
                   limit: int = MAX_DOCUMENTS) -> Corpus:
    """Every briefing in ``paths`` (folders searched recursively), without duplicates.

    Never raises for what is on disk: a looping or dangling symlink, an over-long name or
    a file that vanished is listed and fails with its reason when opened; a folder that
    cannot be read is named in ``unreadable``. Two names of one file (a symlink beside
    its target) are listed once, under the first name met.
    """
    suffixes = tuple(suffixes)
    corpus = Corpus()
    seen: set[str] = set()
    found: list[tuple[Path, str]] = []  # each with the real path that tells names apart
    for given in paths:
        path = Path(given)
        kind = _kind(path)
        if kind == "dir":
            found += _walk(path, suffixes, limit, corpus)
        elif kind == "file":
            if path.suffix.lower() in suffixes:
                found.append((path, str(real_path(path))))
            else:
                corpus.errors.append(f"{path.name}: not a format briefing reads (it reads "
                                     f"{', '.join(suffixes)})")
        else:
            corpus.errors.append(f"{given}: no such file or folder")
    for path, key in found:
        if key not in seen:
            seen.add(key)
            corpus.documents.append(path)
    if len(corpus.documents) > limit:
        corpus.documents = corpus.documents[:limit]
        corpus.truncated = True
    return corpus


def sidecar_reason(error: Exception | str, document: Path) -> str:
    """A sidecar error without the long sidecar file name (the pane shows the document)."""
    from briefing_tui.core.sidecar import sidecar_path

    return str(error).replace(sidecar_path(document).name, "the sidecar")


@dataclass
class Glance:
    """A look at a briefing that is not open yet: what the documents pane lists for it.

    Not :class:`briefing_tui.core.summary.Summary` (the tagged sentences of open briefings).
    """

    counts: dict[str, int] = field(default_factory=dict)
    attention: str = ""
    error: str = ""
    layers: str = ""  # the analysts' layers and their status (core.sidecar.layers)


def glance(path: Path) -> Glance:
    """Tag counts and problems of one briefing, from its sidecar and a sniff of the file.

    Cheap enough for thousands of files: the document itself is not decoded, extracted or
    split (a PDF that looks encrypted or truncated is opened, not read).
    """
    from briefing_tui.core.extract import sniff_document
    from briefing_tui.core.sidecar import SidecarError, read_sidecar, sidecar_path
    from briefing_tui.core.sizes import over_limit
    from briefing_tui.core.text import MAX_DOCUMENT_BYTES, DocumentError

    glimpse = Glance()
    try:
        size = sniff_document(path)
    except DocumentError as exc:
        glimpse.error = exc.reason
        return glimpse
    if size > MAX_DOCUMENT_BYTES:
        glimpse.error = f"too large ({over_limit(size, MAX_DOCUMENT_BYTES)})"
        return glimpse
    from briefing_tui.core.sidecar.layers import find_layers, layer_summary, read_layers

    if find_layers(path):
        glimpse.layers = layer_summary(read_layers(path))
    try:
        found = read_sidecar(sidecar_path(path))
    except SidecarError as exc:
        glimpse.attention = f"unreadable: {sidecar_reason(exc, path)}"
        return glimpse
    if found is None:
        return glimpse
    data = found[0]
    for annotation in data.annotations:
        for tag in annotation.tags:
            glimpse.counts[tag] = glimpse.counts.get(tag, 0) + 1
    troubled = sum(1 for a in data.annotations if a.needs_attention)
    if troubled:
        glimpse.attention = f"{troubled} tags need review or are orphaned"
    elif data.problems:
        glimpse.attention = f"{len(data.problems)} bad entries in the sidecar"
    return glimpse
