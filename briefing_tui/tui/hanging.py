"""Lines with a hanging indent: a label, then text whose wrapped lines start under the text.

A quote in a list reads as a block beside its citation (``¶2 s.4``); Textual wraps a prompt
back to the first column, which buries the label in the text at every width. The wrap is
redone for the width the list gives, so a resize re-flows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

_NARROWEST = 12  # below this many cells for the text, the text wraps under the label


@dataclass(frozen=True)
class Hang:
    """One line of a block: ``label`` in its own cells, ``body`` wrapped beside it."""

    label: Content
    body: Content


class Hanging(Visual):
    """Lines of label + body, each body wrapped with continuation lines under its start."""

    def __init__(self, lines: Sequence[Hang]) -> None:
        self.lines = tuple(lines)
        self._cache: tuple[int, Content] | None = None

    def content(self, width: int) -> Content:
        """The block as one Content laid out for ``width`` cells."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        rows: list[Content] = []
        for line in self.lines:
            indent = line.label.cell_length
            room = width - indent
            if room < _NARROWEST:
                rows += Content.assemble(line.label, line.body).wrap(max(1, width))
                continue
            wrapped = line.body.wrap(room) or [Content("")]
            rows.append(Content.assemble(line.label, wrapped[0]))
            rows += [Content.assemble(" " * indent, part) for part in wrapped[1:]]
        laid_out = Content("\n").join(rows)
        self._cache = (width, laid_out)
        return laid_out

    def __str__(self) -> str:
        """The plain text, one line per label, unwrapped (as ``str`` of a Content)."""
        return "\n".join(line.label.plain + line.body.plain for line in self.lines)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return self.content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.label.cell_length + line.body.cell_length for line in self.lines),
                   default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.content(width).get_height(rules, width)
