"""Team work in the app: who is annotating, coding in one's own layer, adjudication.

Mixed into the app. ``analyst`` signs every change (``by``); in ``layer_mode`` documents
open on the analyst's own layer, so the other analysts' layers are never shown while
coding (blind coding); ``F`` marks that layer finished (its tags then stay as they are)
or in progress again. ``A``
opens the adjudication screen on the shared sidecar of the active document, once the
analyst's own layer of it (if any) is finished.
"""

from __future__ import annotations

from briefing_tui.core.sidecar.layers import (
    FINISHED,
    IN_PROGRESS,
    Layer,
    layer_path,
    layer_summary,
    read_layers,
    visible_layers,
)
from briefing_tui.tui.app_base import AppBase
from briefing_tui.tui.entry import Entry


class TeamMixin(AppBase):
    """A part of the app: the analyst's layers and adjudication."""

    def layer_refuses(self, entry: Entry) -> bool:
        """A finished layer is not changed (the analyst may have seen the others' since);
        ``F`` reopens it. True, having said so, when ``entry`` is such a layer."""
        document = entry.document
        if document is not None and document.layer and \
                document.header.get("status") == FINISHED:
            self.notify(f"Your layer of {document.name} is finished: F reopens it.",
                        severity="warning", markup=False)
            return True
        return False

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
        document.set_layer_status(status)
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
            work = adjudication(document, layers, self.codebook)
        except ValueError as exc:
            self.notify(str(exc).capitalize() + ".", severity="warning", markup=False)
            return
        self.push_screen(AdjudicationScreen(work, entry))
