"""Team work in the app: who is annotating, coding in one's own layer, adjudication.

Mixed into the app. ``analyst`` signs every change (``by``); in ``layer_mode`` documents
open on the analyst's own layer, so the other analysts' layers are never shown while
coding (blind coding); ``F`` marks that layer finished (its tags then stay as they are)
or in progress again. ``A``
opens the adjudication screen on the shared sidecar of the active document, once the
analyst's own layer of it (if any) is finished.
"""

from __future__ import annotations

from textual.app import App

from briefing_tui.core.sidecar.layers import (
    FINISHED,
    IN_PROGRESS,
    Layer,
    layer_path,
    layer_summary,
    read_layers,
    visible_layers,
)
from briefing_tui.tui.panes import Entry
from briefing_tui.tui.reader import Reader


class TeamMixin(App[int]):
    analyst: str = ""
    layer_mode: bool = False

    def active_reader(self) -> Reader:
        raise NotImplementedError

    def entry_of(self, reader: Reader) -> Entry | None:
        raise NotImplementedError

    def active_entry(self) -> Entry | None:
        return self.entry_of(self.active_reader())

    def document_changed(self, entry: Entry, save: bool = True,
                         sentence: int | None = None) -> None:
        raise NotImplementedError

    def _editable(self, reader: Reader) -> Entry | None:
        """A finished layer is not changed (the analyst may have seen the others' since);
        ``F`` reopens it."""
        entry = self.entry_of(reader)
        document = entry.document if entry else None
        if document is not None and document.layer and \
                document.header.get("status") == FINISHED:
            self.notify(f"Your layer of {document.name} is finished: F reopens it.",
                        severity="warning", markup=False)
            return None
        found: Entry | None = super()._editable(reader)  # type: ignore[misc]
        return found

    def refresh_layers(self, entry: Entry, own: str = "") -> None:
        """The documents pane's layer line; ``own``: our layer's status, maybe unsaved."""
        layers = read_layers(entry.path)
        if own:
            layers = [x for x in layers if x.analyst != self.analyst]
            layers.append(Layer(self.analyst, layer_path(entry.path, self.analyst), own))
            layers.sort(key=lambda x: x.analyst)
        entry.layers = layer_summary(layers)

    def action_finish_layer(self) -> None:
        """Mark the active document's layer finished, or in progress again."""
        entry = self.active_entry()
        document = entry.document if entry else None
        if entry is None or document is None:
            return
        if not document.layer:
            self.notify("Not coding in a layer: start with 'briefing --layer' to code "
                        "blind in your own layer.", severity="warning", markup=False)
            return
        if document.read_only_reason:
            self.notify(f"Not changed: {document.read_only_reason}", severity="warning",
                        markup=False)
            return
        status = IN_PROGRESS if document.header.get("status") == FINISHED else FINISHED
        document.header["status"] = status
        document.saved_revision -= 1  # the header changed: worth a save
        self.refresh_layers(entry, own=status)
        self.document_changed(entry)
        self.notify(f"Your layer of {document.name} is now {status}"
                    + (" (others' layers are visible to you now)" if status == FINISHED
                       else ""), markup=False)

    def action_adjudicate(self) -> None:
        entry = self.active_entry()
        document = entry.document if entry else None
        if entry is None or document is None:
            return
        if document.layer:
            self.notify("Adjudication writes the shared sidecar: open the folder without "
                        "--layer to adjudicate.", severity="warning", markup=False)
            return
        layers = read_layers(entry.path)
        if visible_layers(layers, self.analyst) != layers:
            self.notify("Finish your own layer of this document first (blind coding).",
                        severity="warning", markup=False)
            return
        from briefing_tui.core.adjudication import adjudication
        from briefing_tui.tui.adjudicate import AdjudicationScreen

        try:
            work = adjudication(document, layers, getattr(self, "codebook", None))
        except ValueError as exc:
            self.notify(str(exc).capitalize() + ".", severity="warning", markup=False)
            return
        self.push_screen(AdjudicationScreen(work, entry))
