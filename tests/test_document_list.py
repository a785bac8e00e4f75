"""The Documents pane (tui/document_list.py): its keys, mouse and scan updates, in the app.

The pane draws only the rows on screen, so what is asserted here is what those rows
show (``render_line``) and where the highlight is, after the real keys and a real scan
of real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip
from textual.style import Style

from briefing_tui.core.document import open_document
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.document_list import DocumentList
from briefing_tui.tui.entry import Entry

from .app_helpers import make_app, reader, settle


def _folder(tmp_path: Path, count: int, tagged: int = 0) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    for number in range(count):
        path = folder / f"b{number:05}.txt"
        path.write_text(f"Briefing {number}.\n\nTroops shelled the town.\n", encoding="utf-8")
        if number < tagged:
            document = open_document(path)
            split = document.segmentation
            document.annotations.set_tags(document.text, split.starts[1], split.ends[1],
                                          ["security", "health"][: 1 + number % 2])
            document.save()
    return folder


def _rows(pane: DocumentList) -> list[str]:
    return [pane.render_line(y).text.rstrip()
            for y in range(pane.scrollable_content_region.height)]


async def _scanned(pilot: Pilot[int], app: BriefingApp) -> DocumentList:
    await settle(pilot)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.query_one(DocumentList)


async def test_keys_move_the_highlight_and_enter_opens(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path, 60))
    async with app.run_test(size=(120, 35)) as pilot:
        pane = await _scanned(pilot, app)
        await pilot.click("#documents")
        assert app.focused is pane
        assert pane.highlighted == 0
        await pilot.press("down", "down")
        assert pane.highlighted == 2
        await pilot.press("up")
        assert pane.highlighted == 1
        await pilot.press("up", "up")  # round to the last, as OptionList does
        assert pane.highlighted == 59
        await pilot.press("home")
        assert pane.highlighted == 0
        await pilot.press("pagedown")
        page = pane.highlighted
        assert page is not None and 20 <= page < 40  # one pane's height of one-line rows
        assert pane.scroll_offset.y > 0 or page < pane.scrollable_content_region.height
        await pilot.press("end")
        assert pane.highlighted == 59
        assert "b00059.txt" in "\n".join(_rows(pane))  # scrolled to it
        await pilot.press("pageup")
        assert pane.highlighted is not None and pane.highlighted < 59
        await pilot.press("home", "down", "down", "down", "enter")
        view = reader(app)
        assert view.document is not None and view.document.path.name == "b00003.txt"
        assert view.has_focus


async def test_a_click_on_a_row_opens_that_briefing(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path, 5))
    async with app.run_test(size=(120, 35)) as pilot:
        pane = await _scanned(pilot, app)
        row = next(y for y, text in enumerate(_rows(pane)) if "b00002.txt" in text)
        region = pane.content_region
        await pilot.click(offset=(region.x + 3, region.y + row))
        await pilot.pause()
        view = reader(app)
        assert view.document is not None and view.document.path.name == "b00002.txt"
        assert pane.highlighted == 2


async def test_the_scan_fills_in_counts_and_the_rows_below_move_down(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path, 30, tagged=4))
    async with app.run_test(size=(120, 35)) as pilot:
        pane = await _scanned(pilot, app)
        rows = _rows(pane)
        first = next(y for y, text in enumerate(rows) if "b00001.txt" in text)
        assert "●1" in rows[first + 1] and "●1" in rows[first + 1][3:]  # two tags
        fifth = next(y for y, text in enumerate(rows) if "b00005.txt" in text)
        assert fifth == first + 2 * 3 + 1  # b1, b2, b3 two lines each, then b4's one
        assert not rows[fifth + 1].strip().startswith("●")  # untagged: one line


async def test_an_update_redraws_one_entry_and_keeps_the_highlight(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path, 40))
    async with app.run_test(size=(120, 35)) as pilot:
        pane = await _scanned(pilot, app)
        await pilot.click("#documents")
        await pilot.press("down", "down", "down")
        entry = pane.entries[1]
        entry.attention = "2 orphaned, 0 to review"
        pane.update_entry(entry)
        await pilot.pause()
        rows = _rows(pane)
        at = next(y for y, text in enumerate(rows) if "b00001.txt" in text)
        assert rows[at].lstrip().startswith("! ")
        assert "2 orphaned" in rows[at + 1]
        assert "b00002.txt" in rows[at + 2]  # the rest moved down one line
        assert pane.highlighted == 3
        assert pane.entries[pane.highlighted].path.name == "b00003.txt"
        before = pane.virtual_size.height
        entry.attention = ""
        pane.update_entry(entry)
        await pilot.pause()
        assert pane.virtual_size.height == before - 1


async def test_a_narrower_pane_clips_the_names_again(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    long_name = "a-briefing-with-a-very-long-name-about-the-talks-in-kabul.txt"
    (folder / long_name).write_text("Talks resumed.\n", encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        pane = await _scanned(pilot, app)
        wide = _rows(pane)[0]
        assert wide.rstrip().endswith("…")
        await pilot.resize_terminal(170, 35)  # the wide layout: a wider pane
        await pilot.pause()
        wider = _rows(pane)[0]
        assert len(wider.rstrip()) > len(wide.rstrip())
        assert wider.rstrip().endswith("…") or long_name in wider


async def test_a_scan_update_costs_the_rows_it_changed_not_the_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 briefings: updating 200 entries off screen builds those 200 labels (to know
    their heights) and draws none of them; the rest of the list is not touched."""
    app = make_app(_folder(tmp_path, 1_000))
    async with app.run_test(size=(120, 35)) as pilot:
        pane = await _scanned(pilot, app)
        labelled: list[Entry] = []
        drawn: list[int] = []
        label, draw = DocumentList._prompt, DocumentList._strips_of

        def counted_label(self: DocumentList, entry: Entry) -> Content:
            labelled.append(entry)
            return label(self, entry)

        def counted_draw(self: DocumentList, index: int, style: Style) -> list[Strip]:
            drawn.append(index)
            return draw(self, index, style)

        monkeypatch.setattr(DocumentList, "_prompt", counted_label)
        monkeypatch.setattr(DocumentList, "_strips_of", counted_draw)
        changed = pane.entries[-200:]
        for entry in changed:
            entry.counts = {"security": 2}
            pane.update_entry(entry)
        await pilot.pause()
        assert {id(e) for e in labelled} == {id(e) for e in changed}
        assert len(labelled) == 200
        assert all(index < 100 for index in drawn)  # the rows on screen, if any
        assert pane.virtual_size.height == 800 + 2 * 200
        await pilot.click("#documents")
        await pilot.press("end")
        assert "●2" in "\n".join(_rows(pane))
