"""A concordance (keyword in context): every sentence of a corpus that has a word or
phrase, one line per occurrence, each cited (title, file, ¶ paragraph, s. sentence) and
with the sentence's tags.

Whole words, case-blind; the phrase's spaces match any run of white space (a hard-wrapped
line too), and a final ``*`` any ending (``deport*``: deported, deportation). ``tags``
keeps only sentences carrying one of them. Unreadable documents are listed in
``skipped``, never fatal; sidecars are only read.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.annotations import Anchor
from briefing_tui.core.citation import Citation
from briefing_tui.core.document import Document, open_document
from briefing_tui.core.segment import Segmentation, segment
from briefing_tui.core.text import DocumentError

LIMIT = 10_000  # lines kept; more are counted in ``more``


@dataclass(frozen=True)
class Line:
    """One occurrence: its sentence, where the words are in it, and where it is."""

    path: Path
    citation: Citation
    sentence: str
    start: int  # the words, offsets in ``sentence``
    end: int
    offset: int  # the sentence's start in its document (to jump to it)
    tags: tuple[str, ...] = ()

    @property
    def left(self) -> str:
        return self.sentence[:self.start]

    @property
    def words(self) -> str:
        return self.sentence[self.start:self.end]

    @property
    def right(self) -> str:
        return self.sentence[self.end:]

    @property
    def gap_before(self) -> str:
        """The text's own space before the words (none at the sentence's start or after
        an opening quote): KWIC lines keep the words' punctuation where the text has it."""
        return " " if self.sentence[self.start - 1:self.start].isspace() else ""

    @property
    def gap_after(self) -> str:
        """The text's own space after the words: ``[killed].``, not ``[killed] .``."""
        return " " if self.sentence[self.end:self.end + 1].isspace() else ""


@dataclass
class Concordance:
    phrase: str
    lines: list[Line] = field(default_factory=list)
    documents: int = 0
    more: int = 0  # occurrences past LIMIT, not kept
    skipped: list[str] = field(default_factory=list)


class PhraseError(ValueError):
    """A phrase that cannot be looked for; the message says why in one line."""


def pattern_of(phrase: str) -> re.Pattern[str]:
    """Whole words, case-blind, any white space between them; ``word*`` any ending."""
    words = phrase.split()
    if not words or not any(c.isalnum() for c in phrase):
        raise PhraseError("give a word or phrase to look for")
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") and len(w) > 1 else re.escape(w)
             for w in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _sentence_tags(document: Document, split: Segmentation) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for annotation in document.annotations.sorted():
        if annotation.anchor is Anchor.ORPHAN or not annotation.tags:
            continue
        index = split.index_at(annotation.start)
        if index is not None:
            found.setdefault(index, []).extend(annotation.tags)
    return {i: tuple(dict.fromkeys(tags)) for i, tags in found.items()}


def lines_in(document: Document, pattern: re.Pattern[str],
             tags: Collection[str] | None = None) -> list[Line]:
    """The occurrences in one open document, in text order."""
    split = document.segmentation
    if not split.complete:  # the app's lazily split document: never touch its state
        split = segment(document.text)
    text = document.text
    tagged = _sentence_tags(document, split)
    meta = document.metadata
    lines: list[Line] = []
    for match in pattern.finditer(text):
        index = split.index_at(match.start())
        if index is None or match.end() > split.ends[index]:
            continue  # between sentences, or across two
        on = tagged.get(index, ())
        if tags is not None and not set(on) & set(tags):
            continue
        start = split.starts[index]
        para = split.para_of[index]
        citation = Citation(document.title, document.path.name, para + 1, index + 1,
                            document.page_of(start), meta.date or "", meta.author or "",
                            meta.source or "", split.para_labels[para])
        lines.append(Line(document.path, citation, text[start:split.ends[index]],
                          match.start() - start, match.end() - start, start, on))
    return lines


def concordance(sources: Iterable[Document | Path], phrase: str, *,
                tags: Collection[str] | None = None, limit: int = LIMIT) -> Concordance:
    """Every occurrence of ``phrase`` in ``sources`` (open documents or paths), in corpus
    and text order; raises PhraseError for a phrase with no word in it."""
    pattern = pattern_of(phrase)
    found = Concordance(phrase)
    for source in sources:
        if isinstance(source, Document):
            document = source
        else:
            try:
                document = open_document(source)
            except DocumentError as exc:
                found.skipped.append(str(exc))
                continue
            except OSError as exc:
                found.skipped.append(f"{source.name}: cannot read: {exc.strerror or exc}")
                continue
        found.documents += 1
        lines = lines_in(document, pattern, tags)
        room = max(0, limit - len(found.lines))
        found.lines += lines[:room]
        found.more += len(lines) - len(lines[:room])
    return found
