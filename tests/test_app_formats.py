"""PDF, HTML and Word briefings in the app: extracted in a worker, then read and tagged."""

from __future__ import annotations

import shutil
from pathlib import Path

from .app_helpers import make_app, reader, saved, sentence, settle
from .constants import DATA

EXTRACT = DATA / "extract"


async def wait_for_document(pilot: object, app: object) -> None:
    for _ in range(100):
        await settle(pilot)  # type: ignore[arg-type]
        if reader(app).document is not None:  # type: ignore[arg-type]
            return


async def test_a_pdf_is_extracted_in_a_worker_then_tagged(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    pdf = folder / "sitrep.pdf"
    shutil.copy(EXTRACT / "sitrep.pdf", pdf)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_document(pilot, app)
        view = reader(app)
        assert view.document is not None
        assert view.document.loaded.extractor.startswith("pypdfium2")
        await pilot.press("j", "2")
        await settle(pilot)
        quote = sentence(app)
    [annotation] = saved(pdf)
    assert annotation.text == quote and annotation.tags == ("migration",)
    assert pdf.read_bytes() == (EXTRACT / "sitrep.pdf").read_bytes()


async def test_an_html_page_opens_with_its_article_text(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    page = next(p for p in sorted(EXTRACT.glob("*.htm*")))
    shutil.copy(page, folder / page.name)
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_document(pilot, app)
        view = reader(app)
        assert view.document is not None
        assert "<" not in view.document.text.split("\n")[0]
        assert len(view.document.segmentation) > 5


async def test_a_broken_pdf_is_listed_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n garbage")
    (folder / "notes.txt").write_text("A plain briefing.\n", encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(40):
            await settle(pilot)
            if app.entries[0].error:
                break
        assert app.entries[0].error
        assert app.is_running
