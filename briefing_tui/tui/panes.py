"""The side panes (the Documents pane is :mod:`.document_list`). All user text goes in as
``Content``, never markup."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing_tui.core.annotations import Anchor, Annotation
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import Document
from briefing_tui.tui.document_list import DocumentList
from briefing_tui.tui.labels import clip, plain

__all__ = ["AnnotationsPane", "DocumentList", "clip", "plain"]  # the panes and their labels

GROUP_LIMIT = 300  # listed per tag; the filter (f) shows them all in the reader
REBUILD_DELAY = 0.12


class AnnotationsPane(OptionList):
    """The open document's tagged sentences grouped by tag; orphans listed apart."""

    # Its size is set by the stylesheet, so a rebuild's new length changes only what it
    # scrolls: Textual's own virtual_size relaid out and repainted the whole screen on
    # each (~0.1 s at 10 MB, inside whatever key came next).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    @dataclass
    class AnnotationChosen(Message):
        """An annotation was chosen: the reader goes to its sentence."""

        pane: AnnotationsPane
        annotation: Annotation

        @property
        def control(self) -> AnnotationsPane:
            return self.pane

    def __init__(self, codebook: Codebook, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codebook = codebook
        self.analyst = ""  # set by the app: your own name alone goes unsaid
        self._targets: dict[str, Annotation] = {}
        self._pending: Timer | None = None
        self._document: Document | None = None  # the document last shown
        self._built_width: int | None = None  # the width its quotes were clipped to
        self.border_title = "Annotations"

    def show_soon(self, document: Document | None) -> None:
        """Rebuild after a short pause: tagging fast through 10,000 tags stays smooth."""
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(REBUILD_DELAY, lambda: self.show(document))

    def postpone(self) -> None:
        """The user is still busy (a key was pressed): rebuild only when they pause."""
        if self._pending is not None:
            self._pending.reset()

    def on_resize(self) -> None:
        """Quotes are clipped to the pane: rebuild them when its width changes."""
        width = self.scrollable_content_region.width
        if self._built_width is not None and width != self._built_width:
            self.show(self._document)

    def show(self, document: Document | None) -> None:
        self._document = document
        self._built_width = self.scrollable_content_region.width
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._targets.clear()
        if document is None:
            self.clear_options()
            return
        annotations = document.annotations.sorted()
        options: list[Option] = []
        numbers = document.segmentation
        all_tags = self.codebook.order({t for a in annotations for t in a.tags})
        for tag in all_tags:
            members = [a for a in annotations if tag in a.tags and not a.needs_attention]
            if not members:
                continue
            colour = self.codebook.colour(tag)
            header = Content.assemble(Content.styled(f"■ {tag}", f"bold {colour}"),
                                      f"  {len(members)}")
            options.append(Option(header, disabled=True))
            options += [self._option(a, numbers.index_of_span(a.start, a.end), f"{tag}:")
                        for a in members[:GROUP_LIMIT]]
            if len(members) > GROUP_LIMIT:
                more = f"     … {len(members) - GROUP_LIMIT} more (f shows only {tag})"
                options.append(Option(Content.styled(more, "italic $text-muted"),
                                      disabled=True))
        notes = [a for a in annotations if a.note and not a.tags and not a.needs_attention]
        if notes:
            options.append(Option(Content.styled(f"✎ notes  {len(notes)}", "bold"),
                                  disabled=True))
            options += [self._option(a, numbers.index_of_span(a.start, a.end), "note:")
                        for a in notes[:GROUP_LIMIT]]
        troubled = [a for a in annotations if a.needs_attention]
        if troubled:
            options.append(Option(Content.styled(f"⚠ needs attention  {len(troubled)}",
                                                 "bold $warning"), disabled=True))
            options += [self._option(a, None, "attention:") for a in troubled]
        if not options:
            options.append(Option(Content.styled("No tags yet. Press 1, 2 or 3 on a sentence.",
                                                 "italic $text-muted"), disabled=True))
        self.set_options(options)  # not clear + add: no passing empty list

    def _option(self, annotation: Annotation, index: int | None, group: str) -> Option:
        key = f"{group}{annotation.id}"
        self._targets[key] = annotation
        where = f"{index + 1:>3} " if index is not None else "  ? "
        label: list[Content | str] = [Content.styled(where, "$text-muted")]
        if annotation.anchor is Anchor.ORPHAN:
            label.append(Content.styled("orphan ", "bold $error"))
        elif annotation.anchor is Anchor.REVIEW:
            label.append(Content.styled("review ", "bold $warning"))
        room = max(20, (self.scrollable_content_region.width or 34) - 6)  # 34: not laid out yet
        label.append(plain(clip(annotation.text, room)))
        if annotation.note:
            label += ["\n    ", plain("✎ " + clip(annotation.note, room - 2), "italic $text-muted")]
        if any(name != self.analyst for name in annotation.by):  # your own name alone goes unsaid
            label += ["\n    ", plain("by " + clip(", ".join(annotation.by), room - 3),
                                       "$text-muted")]
        return Option(Content.assemble(*label), id=key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None:
            self.post_message(self.AnnotationChosen(self, target))
