"""Three-way merge of annotation lists by id, for a sidecar changed on disk meanwhile.

``base`` is the state both sides started from (what we last read or wrote), ``mine`` the
state in memory, ``theirs`` the file on disk now. Per id: a change made on one side only
wins; additions on either side are kept; a removal on one side stands when the other side
left the annotation alone. When both sides changed an annotation, tags are merged per tag
(a tag one side removed and the other did not touch stays removed; additions from both
sides are kept) and so are the other fields, except ``dismissed`` (rejected suggestions),
which is the union of both sides; two different new notes are both kept, joined
by a ``---`` line, and reported. Nothing a person wrote is dropped: an annotation removed
on one side but changed on the other is kept and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from briefing_tui.core.annotations import Anchor, Annotation, dismissed_form

NOTE_SEPARATOR = "\n---\n"
_POSITION = ("start", "end", "text", "prefix", "suffix", "anchor")


@dataclass
class MergeResult:
    annotations: list[Annotation]
    conflicts: list[str]  # one line each, for the user


def _label(a: Annotation) -> str:
    quote = " ".join(a.text.split())
    return f"'{quote[:30]}…'" if len(quote) > 30 else f"'{quote}'"


def _pick(base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """Three-way choice of one value; True when both sides changed it differently."""
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    return mine, True


def _tags(base: tuple[str, ...], mine: tuple[str, ...],
          theirs: tuple[str, ...]) -> tuple[str, ...]:
    order = list(dict.fromkeys((*mine, *theirs)))
    return tuple(tag for tag in order if _pick(tag in base, tag in mine, tag in theirs)[0])


def _extra(base: Annotation | None, mine: Annotation,
           theirs: Annotation) -> tuple[Any, bool]:
    b = dict(base.extra) if base else {}
    m, t = dict(mine.extra), dict(theirs.extra)
    missing = object()
    merged: dict[str, Any] = {}
    clash = False
    for key in sorted({*m, *t}):
        value, both = _pick(b.get(key, missing), m.get(key, missing), t.get(key, missing))
        clash |= both
        if value is not missing:
            merged[key] = value
    return tuple(merged.items()), clash


def _position(a: Annotation | None) -> tuple[Any, ...] | None:
    return None if a is None else tuple(getattr(a, name) for name in _POSITION)


def _by(mine: Annotation, theirs: Annotation) -> tuple[str, ...]:
    """Everyone who worked on it, on either side (a union: merges never forget a name)."""
    return tuple(sorted({*mine.by, *theirs.by}))


def _both_changed(base: Annotation | None, mine: Annotation, theirs: Annotation,
                  conflicts: list[str]) -> Annotation:
    """Field by field; ``base`` is None when both sides added the same id."""
    position, moved_both = _pick(_position(base), _position(mine), _position(theirs))
    note, notes_clash = _pick(base.note if base else "", mine.note, theirs.note)
    if notes_clash:
        note = mine.note + NOTE_SEPARATOR + theirs.note
    extra, extra_clash = _extra(base, mine, theirs)
    merged = replace(mine, **dict(zip(_POSITION, position, strict=True)),
                     tags=_tags(base.tags if base else (), mine.tags, theirs.tags), note=note,
                     extra=extra, by=_by(mine, theirs),
                     dismissed=dismissed_form(mine.dismissed, theirs.dismissed))
    if notes_clash:
        conflicts.append(f"note on {_label(merged)} changed on both sides; kept both")
    if moved_both:
        conflicts.append(f"position of {_label(merged)} changed on both sides; kept mine")
    if extra_clash:
        conflicts.append(f"extra fields of {_label(merged)} changed on both sides; kept mine")
    return merged


def merge_annotations(base: list[Annotation], mine: list[Annotation],
                      theirs: list[Annotation]) -> MergeResult:
    """Merge ``mine`` and ``theirs`` against ``base``; output in document order."""
    by_base = {a.id: a for a in base}
    by_mine = {a.id: a for a in mine}
    by_theirs = {a.id: a for a in theirs}
    kept: list[Annotation] = []
    conflicts: list[tuple[tuple[int, int, str], str]] = []
    for ident in {*by_mine, *by_theirs}:
        b, m, t = by_base.get(ident), by_mine.get(ident), by_theirs.get(ident)
        found: list[str] = []
        result, clash = _pick(b, m, t)
        if clash:
            if m is not None and t is not None:
                result = _both_changed(b, m, t, found)
            else:
                result = m if m is not None else t
                assert result is not None  # a clash needs a change on both sides
                found.append(f"{_label(result)} was removed on one side and changed on the "
                             "other; kept it")
        if result is not None:
            kept.append(result)
            conflicts += [(result.sort_key(), line) for line in found]
    kept = _one_per_span(kept, by_mine, by_theirs, conflicts)
    conflicts.sort()
    return MergeResult(kept, [line for _, line in conflicts])


_RANK = {Anchor.EXACT: 0, Anchor.MOVED: 1, Anchor.REVIEW: 2, Anchor.ORPHAN: 3}


def _combine(mine: Annotation, theirs: Annotation) -> Annotation:
    """One annotation holding both: mine's id, both tag lists, both notes; the less
    certain anchor wins, so tags brought in from a re-anchored annotation get reviewed."""
    note = mine.note if theirs.note in ("", mine.note) else \
        theirs.note if not mine.note else mine.note + NOTE_SEPARATOR + theirs.note
    weaker = max(mine, theirs, key=lambda x: _RANK[x.anchor])
    extra = {**dict(theirs.extra), **dict(mine.extra), **dict(weaker.extra)}
    return replace(mine, tags=tuple(dict.fromkeys((*mine.tags, *theirs.tags))), note=note,
                   anchor=weaker.anchor, extra=tuple(extra.items()), by=_by(mine, theirs),
                   dismissed=dismissed_form(mine.dismissed, theirs.dismissed))


def _one_per_span(kept: list[Annotation], by_mine: dict[str, Annotation],
                  by_theirs: dict[str, Annotation],
                  conflicts: list[tuple[tuple[int, int, str], str]]) -> list[Annotation]:
    """Fold my annotation and theirs on one sentence into one (``AnnotationSet.at``
    relies on one annotation per span).

    Two ids on one span come from a re-anchored annotation (it keeps the id of its old
    span) meeting a fresh tag by the other analyst, or from a hand-edited sidecar. Only a
    pair that the merge itself brought together is folded; a side that already held two
    annotations on one span is left as it was.
    """
    spans: dict[tuple[int, int], list[Annotation]] = {}
    for a in kept:
        if a.anchor is not Anchor.ORPHAN:
            spans.setdefault((a.start, a.end), []).append(a)
    folded: dict[str, Annotation] = {}
    for span, group in spans.items():
        ours = [a for a in group if a.id in by_mine]
        others = [a for a in group if a.id not in by_mine]
        if len(ours) != 1 or len(others) != 1:
            continue
        mine, theirs = ours[0], others[0]
        already = by_theirs.get(mine.id)
        if already is not None and (already.start, already.end) == span:
            continue  # theirs held both on this span already
        folded[mine.id] = _combine(mine, theirs)
        folded[theirs.id] = folded[mine.id]
        conflicts.append((mine.sort_key(), f"{_label(mine)} was tagged on both sides under "
                                           "different ids; combined into one"))
    out = [folded.get(a.id, a) for a in kept if a.id not in folded or a.id in by_mine]
    out.sort(key=Annotation.sort_key)
    return out
