"""The screen that paints only changed rows (``tui/partial_compositor.py``) never leaves a
stale cell, and a move does not render the panes it did not change.

A model terminal takes only what each partial update writes (its spans, cut by the
compositor's cuts); after every key it must equal a full render of the screen as it now
is. The session covers moves that scroll and that do not, pages, jumps, tags, a filter,
search, focus changes between panes, the help screen over the main one, and resizes.
"""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.strip import Strip
from textual.widget import Widget

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.panes import AnnotationsPane, DocumentList
from briefing_tui.tui.partial_compositor import PartialCompositor, PartialScreen

from .app_helpers import make_app, settle

Cells = list[list[tuple[str, Style | None]]]


def _write(folder: Path) -> None:
    folder.mkdir()
    lines = [f"Report {n}: convoys crossed the border near post {n} at dawn, and talks "
             f"resumed in the capital with delegation {n} present." for n in range(300)]
    (folder / "long.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "short.txt").write_text("One line. Two lines.\n", encoding="utf-8")


def _cells(strip: Strip) -> list[tuple[str, Style | None]]:
    return [(char, segment.style) for segment in strip for char in segment.text]


class Terminal:
    """What a terminal shows after the full first frame and each partial update."""

    def __init__(self, compositor: Compositor) -> None:
        self.compositor = compositor
        self.lines: Cells = [_cells(strip) for strip in compositor.render_strips()]
        self.updates = 0

    def apply(self, update: ChopsUpdate) -> None:
        self.updates += 1
        for y, x1, x2 in update.spans:
            line = self.lines[y]
            for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
                if strip is None or x >= x2 or end <= x1:
                    continue
                for offset, cell in enumerate(_cells(strip)):
                    if x1 <= x + offset < x2:
                        line[x + offset] = cell

    def repaint(self, update: LayoutUpdate) -> None:
        """A full update: every row of the screen, at its (maybe new) size."""
        self.lines = [[cell for strip in line for cell in _cells(strip)]
                      for line in update.strips]

    def stale(self) -> list[int]:
        """Rows where the terminal differs from the screen rendered afresh."""
        truth = [_cells(strip) for strip in self.compositor.render_strips()]
        return [y for y, (seen, real) in enumerate(zip(self.lines, truth)) if seen != real]


def _watch(app: BriefingApp) -> Terminal:
    """A model terminal fed by every partial update of the app's main screen."""
    compositor = app.screen._compositor
    assert isinstance(app.screen, PartialScreen)
    assert isinstance(compositor, PartialCompositor)
    terminal = Terminal(compositor)
    partial, full = compositor.render_partial_update, compositor.render_full_update

    def partial_update() -> ChopsUpdate | None:
        update = partial()
        if update is not None:
            terminal.apply(update)
        return update

    def full_update(simplify: bool = False) -> LayoutUpdate:
        update = full(simplify)
        terminal.repaint(update)
        return update

    compositor.render_partial_update = partial_update  # type: ignore[method-assign]
    compositor.render_full_update = full_update  # type: ignore[method-assign]
    return terminal


async def test_every_frame_leaves_the_terminal_equal_to_a_full_render(
        tmp_path: Path) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        terminal = _watch(app)
        steps: list[tuple[str, ...]] = [
            ("j",), ("j",) * 20, ("1",), ("j", "2"), ("k",) * 3, ("pagedown",),
            ("pagedown",), ("pageup",), ("end",), ("1",), ("home",), ("f",), ("escape",),
            ("slash", "c", "o", "n"), ("enter",), ("n",), ("escape",), ("tab",),
            ("down", "down"), ("shift+tab",), ("j",) * 5, ("question_mark",), ("escape",),
        ]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            if app.screen._compositor is terminal.compositor:  # not under the help screen
                assert terminal.stale() == [], keys
        for size in ((80, 24), (160, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.press("j", "j", "1", "pagedown")
            await pilot.pause()
            assert terminal.stale() == [], size
        assert terminal.updates


async def test_a_move_renders_neither_the_documents_nor_the_annotations_pane(
        tmp_path: Path) -> None:
    _write(tmp_path / "docs")
    app = make_app(tmp_path / "docs")
    rendered: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        panes = [app.query_one(DocumentList), app.query_one(AnnotationsPane)]

        def counting(widget: Widget) -> None:
            render = widget.render_lines

            def render_lines(crop):  # type: ignore[no-untyped-def]
                rendered.append(type(widget).__name__)
                return render(crop)
            widget.render_lines = render_lines  # type: ignore[method-assign]

        for pane in panes:
            counting(pane)
        for _ in range(25):  # moves that scroll and moves that do not
            await pilot.press("j")
            await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
    # Textual's own compositor renders both panes on every one of these frames: the
    # status line widens the changed box to the whole screen
    assert rendered == []
