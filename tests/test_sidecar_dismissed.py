"""``dismissed: [tag]``: rejected suggestions kept on disk, byte-stable, through every merge."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from briefing_tui.core.document import open_document
from briefing_tui.core.merge import merge_annotations
from briefing_tui.core.sidecar import dump_sidecar, parse_sidecar

from .app_helpers import copy_samples
from .constants import SEED
from .git_helpers import Repo, Seed

SEED_DOC = Seed()


def test_dismissed_round_trips_byte_stably_after_the_anchor() -> None:
    one = replace(SEED_DOC.annotation(1), dismissed=("migration", "security"))
    two = SEED_DOC.annotation(2, ("security",))
    text = SEED_DOC.sidecar([one, two])
    line = next(row for row in text.splitlines() if one.id in row)
    assert line.endswith(', "dismissed": ["migration", "security"]}')
    assert '"dismissed"' not in next(row for row in text.splitlines() if two.id in row)
    data = parse_sidecar(text)
    assert not data.hand_edited and not data.problems
    assert [a.dismissed for a in data.annotations] == [("migration", "security"), ()]
    assert dump_sidecar(data) == text


def test_a_hand_edited_list_is_read_sorted_and_a_bad_one_is_kept_under_rejected() -> None:
    one = replace(SEED_DOC.annotation(1), dismissed=("migration", "security"))
    text = SEED_DOC.sidecar([one])
    shuffled = text.replace('["migration", "security"]', '["security", "migration"]')
    data = parse_sidecar(shuffled)
    assert data.hand_edited and data.annotations[0].dismissed == ("migration", "security")
    broken = text.replace('["migration", "security"]', '"security"')
    bad = parse_sidecar(broken)
    assert bad.annotations == [] and len(bad.rejected) == 1
    assert "dismissed must be a list of tags" in bad.problems[0]
    assert '"dismissed": "security"' in dump_sidecar(bad)  # nothing lost


def test_dismiss_keeps_an_untagged_sentence_in_the_sidecar_and_undo_removes_it(
        tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    document = open_document(folder / SEED.name)
    start, end = SEED_DOC.spans[3]
    notes = document.annotations
    notes.dismiss(document.text, start, end, "security")
    notes.dismiss(document.text, start, end, "security")  # no second step
    assert document.save()
    on_disk = open_document(folder / SEED.name).annotations.sorted()
    assert [(a.tags, a.dismissed) for a in on_disk] == [((), ("security",))]
    notes.toggle_tag(document.text, start, end, "migration")
    tagged = notes.at(start, end)
    assert tagged is not None and tagged.dismissed == ("security",)
    notes.undo()
    notes.undo()
    assert len(notes) == 0


def test_the_three_way_merge_takes_the_union_of_dismissals() -> None:
    base = SEED_DOC.annotation(2, ("security",))
    mine = replace(base, tags=("security", "migration"), dismissed=("diplomacy",))
    theirs = replace(base, dismissed=("migration", "security-x"))
    merged = merge_annotations([base], [mine], [theirs]).annotations
    assert [a.dismissed for a in merged] == [("diplomacy", "migration", "security-x")]
    only_mine = merge_annotations([base], [mine], [base]).annotations
    assert only_mine[0].dismissed == ("diplomacy",)


def test_git_merge_driver_keeps_both_analysts_dismissals(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    base = SEED_DOC.annotation(2, ("security",))
    repo.write(SEED_DOC.sidecar([base]))
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "other")
    repo.write(SEED_DOC.sidecar([replace(base, dismissed=("migration",))]))
    repo.commit("theirs")
    repo.git("checkout", "-q", "main")
    repo.write(SEED_DOC.sidecar([replace(base, tags=("security", "diplomacy"),
                                         dismissed=("conflict",))]))
    repo.commit("ours")
    done = repo.git("merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = parse_sidecar(repo.read()).annotations
    assert [(a.tags, a.dismissed) for a in merged] == [
        (("security", "diplomacy"), ("conflict", "migration"))]


def test_check_fix_keeps_dismissed_on_a_moved_sentence(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path / "docs", only_seed=True)
    path = folder / SEED.name
    document = open_document(path)
    start, end = SEED_DOC.spans[2]
    document.annotations.dismiss(document.text, start, end, "security")
    assert document.save()
    path.write_text("A new first line.\n\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    fixed = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "check", "--fix",
                            str(folder)], capture_output=True, text=True, timeout=60)
    assert "re-anchored sidecar written" in fixed.stdout, fixed.stdout + fixed.stderr
    again = open_document(path).annotations.sorted()
    assert [(a.start - start, a.dismissed) for a in again] == [(19, ("security",))]

