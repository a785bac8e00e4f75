"""Finding briefings in a folder: the same list as ``os.walk`` + ``os.path.realpath``.

``core.corpus`` walks folders with ``os.scandir`` and resolves each folder once rather
than every file (10,000 briefings: 70,000 ``lstat`` calls fewer); these tests hold it to
the plain definition on a tree with every awkward entry: symlinks to files, to folders,
looping and dangling, hidden and skipped folders, names that only look like briefings,
an unreadable folder, and the limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.corpus import find_documents, is_briefing, natural_key

from .test_hostile_cli import UNPRIVILEGED


def _reference(folder: Path, limit: int = 20_000) -> list[Path]:
    """What the listing means: os.walk (skipped and hidden folders left out), sorted
    naturally, two names of one real file listed once under the first."""
    batch: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in {".git", "node_modules", "__pycache__",
                                                      ".venv", "venv", ".hg", ".svn"}
                         and not d.startswith("."))
        batch += [Path(root) / f for f in files if is_briefing(Path(f))]
        if len(batch) > limit:
            break
    seen: set[str] = set()
    listed = []
    for path in sorted(batch, key=natural_key):
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            listed.append(path)
    return listed[:limit]


def _tree(root: Path) -> Path:
    folder = root / "briefings"
    (folder / "b" / "deeper").mkdir(parents=True)
    (folder / "a").mkdir()
    (folder / "c").mkdir()
    (folder / ".hidden").mkdir()
    (folder / "node_modules").mkdir()
    for name in ("report-10.txt", "report-2.txt", "notes.md", "x.PDF", "page.htm",
                 "a/one.txt", "b/two.docx", "b/deeper/three.txt", ".hidden/secret.txt",
                 "node_modules/pkg.txt", "a/.dotfile.txt", "a/data.csv", "a/trailing.",
                 "a/report-2.txt.annotations.yaml", "b/a..txt", "b/.txt", "c/item-10.txt",
                 "c/item-2.txt"):
        (folder / name).write_text("Text.\n", encoding="utf-8")
    (folder / "link-to-two.docx").symlink_to(folder / "b" / "two.docx")  # listed once
    (folder / "a" / "relative.txt").symlink_to("../report-2.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    (folder / "c-link").symlink_to(folder / "b", target_is_directory=True)  # not entered
    (root / "outside.txt").write_text("Elsewhere.\n", encoding="utf-8")
    (folder / "b" / "outside-link.txt").symlink_to(root / "outside.txt")
    return folder


def test_the_walk_lists_what_os_walk_and_realpath_list(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    found = find_documents([folder])
    assert found.documents == _reference(folder)
    names = [str(p.relative_to(folder)) for p in found.documents]
    assert "b/deeper/three.txt" in names and "loop.txt" in names and "dangling.md" in names
    assert "b/a..txt" in names and "b/.txt" not in names and "a/trailing." not in names
    assert not any(n.startswith((".hidden", "node_modules", "c-link")) for n in names)
    assert names.index("c/item-2.txt") < names.index("c/item-10.txt")
    # a symlink and its target are one briefing, under the first name met
    assert ("b/two.docx" in names) != ("link-to-two.docx" in names)
    assert ("a/relative.txt" in names) != ("report-2.txt" in names)


def test_a_folder_given_by_a_relative_or_symlinked_path(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _tree(tmp_path)
    (tmp_path / "via").symlink_to(folder, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for given in (Path("briefings"), Path("via"), Path("./briefings/"), Path("via/b")):
        assert find_documents([given]).documents == _reference(given), given
    both = find_documents([Path("briefings"), Path("via")]).documents
    assert both == _reference(Path("briefings"))  # the second name of each is a duplicate


def test_an_unreadable_folder_is_named_and_the_rest_listed(tmp_path: Path) -> None:
    """In a process without the capabilities that let root read any folder (as a user)."""
    folder = _tree(tmp_path)
    locked = folder / "b" / "deeper"
    script = ("import json, sys; from pathlib import Path; "
              "from briefing_tui.core.corpus import find_documents; "
              "found = find_documents([Path(sys.argv[1])]); "
              "print(json.dumps([list(found.unreadable), [str(d) for d in found.documents]]))")
    locked.chmod(0)
    try:
        done = subprocess.run([*UNPRIVILEGED, sys.executable, "-c", script, str(folder)],
                              capture_output=True, text=True, timeout=60, check=True)
    finally:
        locked.chmod(0o755)
    unreadable, documents = json.loads(done.stdout)
    assert [u.split(":")[0] for u in unreadable] == [str(locked)]
    assert documents == [str(p) for p in _reference(folder) if locked not in p.parents]
    assert any(locked in p.parents for p in _reference(folder))  # it did hold briefings


def test_the_limit_stops_after_the_folder_that_passes_it(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for part in ("a", "b", "c"):
        (folder / part).mkdir(parents=True)
        for number in range(4):
            (folder / part / f"{number}.txt").write_text("T.\n", encoding="utf-8")
    found = find_documents([folder], limit=5)
    assert found.truncated and found.documents == _reference(folder, limit=5)
