"""Fixing the sentence split of an open document: join two sentences, cut one in two.

The fixes themselves are values (:mod:`.corrections`); this module applies them to a
document's sentence table and carries its annotations across, as one undoable step:

- **join**: the two sentences become one; its annotation holds both sides' tags (first
  sentence's order, then new ones) and both notes, joined by a ``---`` line as in a merge;
  other keys are kept (the first sentence's win), and both sides' analysts (``by``).
  Undo gives back both exactly.
- **split**: both halves keep the sentence's tags (each half still carries what the
  analyst said of the whole, and who said it: ``by``); the note and other keys stay on
  the first half, where the sentence began. Undo gives back the one annotation exactly.

Nothing is dropped: an annotation that does not sit on exactly one of the sentences
(orphaned, or a hand-made span) is left as it was.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing_tui.core.annotations import Annotation, Change, dismissed_form
from briefing_tui.core.corrections import Corrections, split_candidates
from briefing_tui.core.errors import BriefingError
from briefing_tui.core.merge import NOTE_SEPARATOR
from briefing_tui.core.segment import Segmentation
from briefing_tui.core.segment.paragraphs import paragraph_label

if TYPE_CHECKING:
    from briefing_tui.core.document import Document


class FixError(BriefingError):
    """A join or split that cannot be made here; ``str()`` says why, in one line."""


def _paragraph_of(split: Segmentation, offset: int) -> int | None:
    para = bisect_right(split.para_starts, offset) - 1
    if para < 0 or offset > split.para_ends[para]:
        return None
    return para


def _resplit(split: Segmentation, para: int) -> None:
    first = split.para_first[para]
    last = split.para_first[para + 1] if para + 1 < len(split.para_first) else len(split.starts)
    start, end = split.para_starts[para], split.para_ends[para]
    previous = next((label for label in reversed(split.para_labels[:para]) if label), "")
    _, body = paragraph_label(split.text, start, end, previous)
    spans = split.paragraph_sentences(body, end)
    split.starts[first:last] = array("q", [a for a, _ in spans])
    split.ends[first:last] = array("q", [b for _, b in spans])
    split.para_of[first:last] = array("q", [para] * len(spans))
    delta = len(spans) - (last - first)
    if delta:
        for later in range(para + 1, len(split.para_first)):
            split.para_first[later] += delta


def recorrect(split: Segmentation, fixes: Corrections) -> bool:
    """Give ``split`` new fixes, re-splitting only the paragraphs a changed point is in
    (those not split yet get them when they are). True when a sentence may have moved.

    Call it on the thread that owns the segmentation, not while a worker extends it.
    """
    old = split.corrections
    if old == fixes:
        split.corrections = fixes
        return False
    changed = {p.at for p in set(old.splits) ^ set(fixes.splits)}
    changed |= {p.at for p in set(old.joins) ^ set(fixes.joins)}
    split.corrections = fixes
    paragraphs = {_paragraph_of(split, at) for at in changed}
    for para in sorted((p for p in paragraphs if p is not None), reverse=True):
        _resplit(split, para)
    return True


def _combined(first: Annotation | None, second: Annotation | None, base: Annotation,
              ) -> Annotation:
    notes = [a.note for a in (first, second) if a is not None and a.note]
    extra = dict(second.extra) if second else {}
    extra.update(dict(first.extra) if first else {})
    tags = (*(first.tags if first else ()), *(second.tags if second else ()))
    anchor = (first or second or base).anchor
    by = tuple(sorted({name for a in (first, second) if a is not None for name in a.by}))
    return replace(base, tags=tuple(dict.fromkeys(tags)), note=NOTE_SEPARATOR.join(notes),
                   extra=tuple(sorted(extra.items())), anchor=anchor, by=by,
                   dismissed=dismissed_form(*(a.dismissed for a in (first, second) if a)))


def _ready(document: Document) -> Segmentation:
    split = document.segmentation
    if document.read_only_reason:
        raise FixError(f"read-only: {document.read_only_reason}")
    if not split.complete or not document.ready:
        raise FixError("the document is still being split; try again in a moment")
    return split


def join_next(document: Document, index: int) -> int:
    """Join sentence ``index`` with the next; returns the joined sentence's index."""
    split = _ready(document)
    if index + 1 >= len(split):
        raise FixError("this is the last sentence: there is none after it to join")
    if split.para_of[index] != split.para_of[index + 1]:
        raise FixError("the next sentence starts a new paragraph; joins stay within one")
    start, middle = split.starts[index], split.starts[index + 1]
    notes = document.annotations
    first = notes.at(start, split.ends[index])
    second = notes.at(middle, split.ends[index + 1])
    fixes = notes.corrections.with_join(document.text, middle)
    recorrect(split, fixes)
    joined = split.index_at(start)
    assert joined is not None
    changes: list[Change] = []
    if first is not None or second is not None:
        changes = [(a, None) for a in (first, second) if a is not None]
        base = notes.new_annotation(document.text, start, split.ends[joined])
        changes.append((None, _combined(first, second, base)))
    notes.apply_step(changes, fixes)
    return joined


def split_sentence(document: Document, index: int, at: int) -> int:
    """Cut sentence ``index`` so a new one starts at ``at`` (a word start in it);
    returns the index of the first half."""
    split = _ready(document)
    start, end = split.starts[index], split.ends[index]
    if at not in split_candidates(document.text, start, end):
        raise FixError("a sentence can only be cut where a word starts")
    notes = document.annotations
    found = notes.at(start, end)
    fixes = notes.corrections.with_split(document.text, at)
    recorrect(split, fixes)
    head, tail = split.index_at(start), split.index_at(at)
    assert head is not None and tail is not None
    changes: list[Change] = []
    if found is not None:
        changes.append((found, None))
        first = notes.new_annotation(document.text, start, split.ends[head])
        changes.append((None, replace(first, tags=found.tags, note=found.note,
                                      extra=found.extra, anchor=found.anchor,
                                      dismissed=found.dismissed, by=found.by)))
        if tail != head and found.tags:
            second = notes.new_annotation(document.text, split.starts[tail], split.ends[tail])
            changes.append((None, replace(second, tags=found.tags, anchor=found.anchor,
                                          by=found.by)))
    notes.apply_step(changes, fixes)
    return head


def candidates(document: Document, index: int) -> list[int]:
    """The offsets where sentence ``index`` may be cut (word starts after the first)."""
    split = document.segmentation
    return split_candidates(document.text, split.starts[index], split.ends[index])
