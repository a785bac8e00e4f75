"""Finding a briefing's layers in a big folder: the folder is indexed once per listing.

A scan asks for every briefing's layers; going through every file name each time made a
folder of 10,000 briefings take minutes (O(n²)). Real files in tmp_path; the answers are
checked against the rule itself (a name is a layer of DOC when it is
``DOC.annotations.<analyst>.yaml`` with a valid analyst name, not a "mine" copy).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefing_tui.core.analyst import ANALYST_NAME
from briefing_tui.core.sidecar.layers import find_layers

TRICKY = ["a.txt", "a.txt.annotations.yaml", "a.txt.annotations.bob.yaml",
          "a.txt.annotations.mine-2.yaml", "a.txt.annotations.ann.yaml",
          "a.txt.annotations.x.txt", "a.txt.annotations.x.txt.annotations.eve.yaml",
          ".annotations.bob.yaml", "b.md", "b.md.annotations.bob.yml",
          "b.md.annotations.bob.yaml.bak", "c.annotations.txt",
          "c.annotations.txt.annotations.dan.yaml", "notes.yaml"]


def _by_the_rule(folder: Path, document: str) -> dict[str, Path]:
    head = f"{document}.annotations."
    found = {}
    for name in os.listdir(folder):
        analyst = name[len(head):-len(".yaml")]
        if name.startswith(head) and name.endswith(".yaml") and \
                ANALYST_NAME.fullmatch(analyst) and not analyst.startswith("mine-"):
            found[analyst] = folder / name
    return dict(sorted(found.items()))


def test_each_documents_layers_are_exactly_those_the_rule_names(tmp_path: Path) -> None:
    for name in TRICKY:
        (tmp_path / name).write_text("x", encoding="utf-8")
    documents = ["a.txt", "a.txt.annotations.x.txt", "b.md", "c.annotations.txt", "zzz.txt"]
    for document in documents:
        assert find_layers(tmp_path / document) == _by_the_rule(tmp_path, document), document
    assert list(find_layers(tmp_path / "a.txt")) == ["ann", "bob", "x.txt.annotations.eve"]


def test_a_new_layer_is_found_once_the_folder_changed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert find_layers(tmp_path / "a.txt") == {}
    time.sleep(0.01)  # a new mtime_ns even on coarse clocks
    (tmp_path / "a.txt.annotations.bob.yaml").write_text("x", encoding="utf-8")
    assert list(find_layers(tmp_path / "a.txt")) == ["bob"]


def test_asking_for_every_briefing_of_a_big_folder_is_linear(tmp_path: Path) -> None:
    count = 10_000
    for number in range(count):
        (tmp_path / f"b{number:05}.txt").touch()
        if number % 5 == 0:
            (tmp_path / f"b{number:05}.txt.annotations.yaml").touch()
    (tmp_path / "b00007.txt.annotations.bob.yaml").touch()
    began = time.process_time()
    found = [find_layers(tmp_path / f"b{number:05}.txt") for number in range(count)]
    used = time.process_time() - began
    assert [i for i, layers in enumerate(found) if layers] == [7]
    assert used < 3.0, f"{used:.1f} s CPU for {count:,} briefings"  # O(n²): ~60 s here
