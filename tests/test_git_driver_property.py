"""Property: whatever two analysts do, ``git merge`` with the driver gives the same bytes as
the app's own merge (``Document.merge_with_disk``) of the same three versions."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import dump_sidecar, parse_sidecar

from .constants import SEED
from .git_helpers import DOC, SIDECAR, Repo, Seed

SEED_DOC = Seed()
TAGS = ("security", "migration", "diplomacy")
SENTENCES = range(0, 12)

state = st.dictionaries(
    st.sampled_from(SENTENCES),
    st.tuples(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True),
              st.sampled_from(["", "", "check", "source?"])),
    max_size=6)


def _annotations(spec: dict[int, tuple[list[str], str]]) -> list[Annotation]:
    return [SEED_DOC.annotation(i, tuple(tags), note) for i, (tags, note) in spec.items()]


def _app_merge(folder: Path, base: list[Annotation], ours: list[Annotation],
               theirs: str) -> str:
    """What the app does when its sidecar (ours, unsaved) changed on disk (theirs)."""
    shutil.copy(SEED, folder / DOC)
    (folder / SIDECAR).write_text(theirs, encoding="utf-8")
    document = open_document(folder / DOC)
    document.annotations.replace_all(ours)
    document.base = base
    document.merge_with_disk()
    return dump_sidecar(document.snapshot())


@settings(max_examples=12, deadline=None,  # each example is ~10 git runs: no shrinking
          phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(base=state, ours=state, theirs=state)
def test_git_merge_with_the_driver_equals_the_app_merge(
        base: dict[int, tuple[list[str], str]],
        ours: dict[int, tuple[list[str], str]],
        theirs: dict[int, tuple[list[str], str]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        repo = Repo(root / "repo")
        base_a, ours_a, theirs_a = _annotations(base), _annotations(ours), _annotations(theirs)
        repo.write(SEED_DOC.sidecar(base_a))
        repo.commit("base")
        repo.git("checkout", "-q", "-b", "other")
        repo.write(SEED_DOC.sidecar(theirs_a))
        repo.commit("theirs", allow_empty=True)
        repo.git("checkout", "-q", "main")
        repo.write(SEED_DOC.sidecar(ours_a))
        repo.commit("ours", allow_empty=True)
        done = repo.git("merge", "-q", "--no-edit", "other", check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        merged = repo.read()
        app = root / "app"
        app.mkdir()
        expected = _app_merge(app, parse_sidecar(SEED_DOC.sidecar(base_a)).annotations,
                              parse_sidecar(SEED_DOC.sidecar(ours_a)).annotations,
                              SEED_DOC.sidecar(theirs_a))
        assert merged == expected
