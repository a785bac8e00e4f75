"""The core as a library: one lazy import gives a script what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui import core


def test_every_public_name_resolves_to_its_defining_object() -> None:
    from briefing_tui.core.document import open_document
    from briefing_tui.core.export import render

    assert core.open_document is open_document
    assert core.render is render
    for name in core.__all__:
        assert getattr(core, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = core.nothing_here


def test_importing_the_core_loads_no_member_module() -> None:
    code = ("import sys, briefing_tui.core as c; "
            "print(sorted(m for m in sys.modules if m.startswith('briefing_tui.core.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_every_error_family_is_a_briefing_error(tmp_path: Path) -> None:
    for name in ("DocumentError", "SidecarError", "SidecarUnreadable", "CodebookError"):
        assert issubclass(getattr(core, name), core.BriefingError), name
    missing = tmp_path / "missing.txt"
    with pytest.raises(core.BriefingError):
        core.open_document(missing)


def test_a_script_tags_saves_and_renders_through_the_facade(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks resumed in Doha. Fighting went on in Kunar.\n", encoding="utf-8")
    doc = core.open_document(path)
    split = doc.segmentation
    doc.annotations.set_tags(doc.text, split.starts[1], split.ends[1], ["security"])
    doc.save()
    assert core.sidecar_path(path).exists()
    codebook = core.Codebook()
    text = core.render(core.build_summary([tmp_path], codebook, timestamp=None), "md", codebook)
    assert "Fighting went on in Kunar." in text
    assert "Talks resumed" not in text
