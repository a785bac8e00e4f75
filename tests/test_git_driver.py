"""The git merge driver through real git: merge, rebase and cherry-pick in tmp repositories.

Each case is two analysts on two branches from one commit. The cases are the ones where
git's line merge conflicts (or, with ``merge=union``, keeps duplicate ids) although the
app's merge by id knows the answer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core.merge import NOTE_SEPARATOR
from briefing_tui.core.sidecar import dump_sidecar, parse_sidecar

from .git_helpers import DOC, SIDECAR, Repo, Seed

SEED_DOC = Seed()
S = SEED_DOC.annotation


def _branches(repo: Repo, base: str, ours: str, theirs: str) -> None:
    """main = base + ours; branch 'other' = base + theirs."""
    repo.write(base)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "other")
    repo.write(theirs)
    repo.commit("theirs")
    repo.git("checkout", "-q", "main")
    repo.write(ours)
    repo.commit("ours")


def _tags(text: str) -> dict[int, tuple[str, ...]]:
    spans = {span: i for i, span in enumerate(SEED_DOC.spans)}
    return {spans[(a.start, a.end)]: a.tags for a in parse_sidecar(text).annotations}


CASES = {
    "two new tags between the same two existing lines": (
        [S(1, ("security",)), S(6, ("diplomacy",))],
        [S(1, ("security",)), S(3, ("migration",)), S(6, ("diplomacy",))],
        [S(1, ("security",)), S(4, ("security",)), S(6, ("diplomacy",))],
        {1: ("security",), 3: ("migration",), 4: ("security",), 6: ("diplomacy",)}),
    "both analysts change one sentence": (
        [S(2, ("security",))],
        [S(2, ("security", "migration"))],
        [S(2, ("security", "diplomacy"))],
        {2: ("security", "migration", "diplomacy")}),
    "edits to two neighbouring annotation lines": (
        [S(2, ("security",)), S(3, ("security",))],
        [S(2, ("migration",)), S(3, ("security",))],
        [S(2, ("security",)), S(3, ("security", "diplomacy"))],
        {2: ("migration",), 3: ("security", "diplomacy")}),
    "a removal on one side, a new tag beside it on the other": (
        [S(2, ("security",)), S(3, ("migration",))],
        [S(3, ("migration",))],
        [S(2, ("security",)), S(3, ("migration",)), S(4, ("diplomacy",))],
        {3: ("migration",), 4: ("diplomacy",)}),
    "the same new sentence tagged differently on both sides": (
        [],
        [S(5, ("migration",))],
        [S(5, ("security",))],
        {5: ("migration", "security")}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_five_cases_merge_through_git_merge(tmp_path: Path, case: str) -> None:
    base, ours, theirs, expected = CASES[case]
    repo = Repo(tmp_path / "repo")
    _branches(repo, SEED_DOC.sidecar(base), SEED_DOC.sidecar(ours), SEED_DOC.sidecar(theirs))
    done = repo.git("merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = repo.read()
    assert "<<<<<<<" not in merged
    assert _tags(merged) == expected
    assert merged == SEED_DOC.sidecar(parse_sidecar(merged).annotations)  # canonical bytes


@pytest.mark.parametrize("case", ["two new tags between the same two existing lines",
                                  "edits to two neighbouring annotation lines"])
def test_without_the_driver_git_conflicts_on_these_cases(tmp_path: Path, case: str) -> None:
    """Why the driver exists; also: a clone that never ran git-setup (attributes only)
    gets git's plain text merge, with markers and both sides' lines: nothing lost."""
    base, ours, theirs, _ = CASES[case]
    repo = Repo(tmp_path / "repo", driver=False)
    _branches(repo, SEED_DOC.sidecar(base), SEED_DOC.sidecar(ours), SEED_DOC.sidecar(theirs))
    done = repo.git("merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode != 0 and "CONFLICT" in done.stdout
    merged = repo.read()
    assert "<<<<<<<" in merged
    for annotation in ours + theirs:
        assert annotation.id in merged


def test_both_notes_are_kept_and_the_driver_says_so(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    base = [S(2, ("security",))]
    _branches(repo, SEED_DOC.sidecar(base),
              SEED_DOC.sidecar([S(2, ("security",), note="Check UNHCR")]),
              SEED_DOC.sidecar([S(2, ("security",), note="Source: Tolo News")]))
    done = repo.git("merge", "--no-edit", "other", check=False)
    assert done.returncode == 0
    [merged] = parse_sidecar(repo.read()).annotations
    assert merged.note == "Check UNHCR" + NOTE_SEPARATOR + "Source: Tolo News"
    assert "note on" in done.stderr + done.stdout and "kept both" in done.stderr + done.stdout


def test_rebase_and_cherry_pick_use_the_driver(tmp_path: Path) -> None:
    base, ours, theirs, expected = CASES["both analysts change one sentence"]
    repo = Repo(tmp_path / "repo")
    _branches(repo, SEED_DOC.sidecar(base), SEED_DOC.sidecar(ours), SEED_DOC.sidecar(theirs))
    repo.git("checkout", "-q", "-b", "picked", "main")
    done = repo.git("cherry-pick", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _tags(repo.read()) == expected
    repo.git("checkout", "-q", "other")
    done = repo.git("rebase", "main", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    # replaying theirs onto ours: ours is now the "base" side of git's call order
    assert set(_tags(repo.read())[2]) == set(expected[2])
    assert repo.git("status", "--porcelain").stdout == ""


def test_different_document_text_falls_back_to_conflict_markers(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    base = SEED_DOC.sidecar([S(2, ("security",))])
    ours = SEED_DOC.sidecar([S(2, ("security", "migration"))])
    theirs_data = parse_sidecar(SEED_DOC.sidecar([S(2, ("diplomacy",))]))
    theirs_data.document_sha256 = "0" * 64  # they annotate an edited document
    _branches(repo, base, ours, dump_sidecar(theirs_data))
    done = repo.git("merge", "--no-edit", "other", check=False)
    assert done.returncode != 0
    merged = repo.read()
    assert "<<<<<<< " + SIDECAR + " (ours)" in merged and ">>>>>>> " in merged
    assert '"migration"' in merged and '"diplomacy"' in merged  # both sides, nothing lost
    assert "different document text" in done.stderr + done.stdout


def test_an_unreadable_side_falls_back_and_exits_1(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    base = tmp_path / "base.yaml"
    ours = tmp_path / "ours.yaml"
    theirs = tmp_path / "theirs.yaml"
    base.write_text(SEED_DOC.sidecar([]))
    ours.write_text(SEED_DOC.sidecar([S(1, ("security",))]))
    theirs.write_text("version: 1\nannotations: [unclosed\n")
    done = repo.briefing("merge-driver", str(base), str(ours), str(theirs), SIDECAR)
    assert done.returncode == 1
    assert "their side is not a readable sidecar" in done.stderr
    assert "Traceback" not in done.stderr
    text = ours.read_text()
    assert "<<<<<<<" in text and '"security"' in text and "[unclosed" in text


def test_an_add_add_merge_has_an_empty_base(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.commit("the briefing, no sidecar yet")
    repo.git("checkout", "-q", "-b", "other")
    repo.write(SEED_DOC.sidecar([S(2, ("security",))]))
    repo.commit("theirs")
    repo.git("checkout", "-q", "main")
    repo.write(SEED_DOC.sidecar([S(2, ("migration",)), S(7, ("security",))]))
    repo.commit("ours")
    done = repo.git("merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _tags(repo.read()) == {2: ("migration", "security"), 7: ("security",)}


def test_layer_headers_merge_key_by_key(tmp_path: Path) -> None:
    """A layer's ``status`` is a header key: one side finishing it is kept."""
    name = DOC + ".annotations.amina.yaml"
    repo = Repo(tmp_path / "repo")
    repo.write(SEED_DOC.sidecar([S(2, ("security",))], status="in-progress"), name)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "other")
    repo.write(SEED_DOC.sidecar([S(2, ("security",))], status="finished"), name)
    repo.commit("finished")
    repo.git("checkout", "-q", "main")
    repo.write(SEED_DOC.sidecar([S(2, ("security", "migration"))], status="in-progress"),
               name)
    repo.commit("ours")
    done = repo.git("merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    data = parse_sidecar(repo.read(name))
    assert data.extra == {"status": "finished"}
    assert data.annotations[0].tags == ("security", "migration")


def test_git_setup_is_idempotent(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    first = (repo.root / ".gitattributes").read_text()
    config = repo.git("config", "--local", "--list").stdout
    again = repo.briefing("git-setup")
    assert again.returncode == 0 and "already routes" in again.stdout
    assert (repo.root / ".gitattributes").read_text() == first
    assert repo.git("config", "--local", "--list").stdout == config
    assert first == "*.annotations.yaml merge=briefing\n*.annotations.*.yaml merge=briefing\n"
    assert repo.git("config", "merge.briefing.name").stdout.strip()
    assert "merge-driver %O %A %B %P" in repo.git("config", "merge.briefing.driver").stdout
    assert repo.git("check-attr", "merge", SIDECAR).stdout.strip().endswith("briefing")
    assert repo.git("check-attr", "merge", DOC + ".annotations.bo.yaml"
                    ).stdout.strip().endswith("briefing")


def test_git_setup_global_writes_the_user_files(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo", driver=False)
    done = repo.briefing("git-setup", "--global")
    assert done.returncode == 0, done.stderr
    attributes = repo.home / ".config" / "git" / "attributes"
    assert "*.annotations.yaml merge=briefing" in attributes.read_text()
    assert "merge-driver" in repo.git("config", "--global", "merge.briefing.driver").stdout
    assert repo.briefing("git-setup", "--global").stdout.count("already routes") == 1


def test_git_setup_outside_a_repository_says_so(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo", driver=False)
    outside = tmp_path / "plain"
    outside.mkdir()
    done = repo.briefing("git-setup")
    assert done.returncode == 0
    done = subprocess.run([sys.executable, "-m", "briefing_tui.cli", "git-setup"], cwd=outside,
                          env={**repo.env, "GIT_CEILING_DIRECTORIES": str(tmp_path)},
                          text=True, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("briefing: git-setup: git rev-parse:")
    assert "Traceback" not in done.stderr
