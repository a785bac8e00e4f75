"""Analyst layers (double coding) and ``briefing layers`` / ``briefing agree`` as processes."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nltk.metrics.agreement import AnnotationTask

from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import open_document
from briefing_tui.core.sidecar import parse_sidecar, sidecar_path
from briefing_tui.core.sidecar.layers import (
    FINISHED,
    IN_PROGRESS,
    Layer,
    find_layers,
    layer_path,
    read_layers,
    visible_layers,
)

from .constants import SEED
from .git_helpers import Seed

SEED_DOC = Seed()
TAGS = ("security", "migration", "diplomacy")


def briefing(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def _layer(folder: Path, analyst: str, tags: dict[int, tuple[str, ...]],
           status: str) -> Path:
    path = layer_path(folder / "article.txt", analyst)
    path.write_text(SEED_DOC.sidecar([SEED_DOC.annotation(i, t) for i, t in tags.items()],
                                     status=status), encoding="utf-8")
    return path


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(SEED, folder / "article.txt")
    return folder


def test_a_layer_is_the_documents_sidecar_in_layer_mode(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    document = open_document(folder / "article.txt", analyst="amina", layer=True)
    assert document.sidecar == folder / "article.txt.annotations.amina.yaml"
    first = document.segmentation.sentence_text(0)
    span = next(iter(document.segmentation))
    document.annotations.toggle_tag(document.text, span.start, span.end, "security")
    assert document.save()
    written = document.sidecar.read_text(encoding="utf-8")
    assert f'\nstatus: "{IN_PROGRESS}"\n' in written  # the key bare, as a person writes it
    data = parse_sidecar(written)
    assert data.extra == {"status": IN_PROGRESS}
    assert data.annotations[0].by == ("amina",) and data.annotations[0].text == first
    assert not sidecar_path(folder / "article.txt").exists()  # the shared one untouched
    again = open_document(folder / "article.txt", analyst="amina", layer=True)
    assert again.annotations.sorted() == document.annotations.sorted()
    assert again.header == {"status": IN_PROGRESS}


def test_layers_are_found_never_listed_as_briefings(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layer(folder, "amina", {1: ("security",)}, FINISHED)
    _layer(folder, "bo", {1: ("security",)}, IN_PROGRESS)
    (folder / "article.txt.annotations.mine-1.yaml").write_text("x")  # a kept copy
    (folder / "article.txt.annotations.yaml").write_text(SEED_DOC.sidecar([]))
    assert list(find_layers(folder / "article.txt")) == ["amina", "bo"]
    assert find_documents([folder]).documents == [folder / "article.txt"]
    assert [(x.analyst, x.status) for x in read_layers(folder / "article.txt")] == [
        ("amina", FINISHED), ("bo", IN_PROGRESS)]
    given = briefing("check", folder / "article.txt.annotations.amina.yaml")
    assert given.returncode == 2 and "not a format briefing reads" in given.stderr


def test_blind_coding_hides_the_others_until_yours_is_finished() -> None:
    mine = Layer("amina", Path("a"), IN_PROGRESS)
    theirs = Layer("bo", Path("b"), FINISHED)
    assert visible_layers([mine, theirs], "amina") == [mine]
    done = Layer("amina", Path("a"), FINISHED)
    assert visible_layers([done, theirs], "amina") == [done, theirs]
    assert visible_layers([mine, theirs], "chen") == [mine, theirs]  # the adjudicator


def test_briefing_layers_lists_and_finishes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layer(folder, "amina", {1: ("security",)}, IN_PROGRESS)
    _layer(folder, "bo", {2: ("migration",)}, FINISHED)
    listed = briefing("layers", folder)
    assert listed.returncode == 0 and listed.stdout.endswith("article.txt: amina … bo ✓\n")
    done = briefing("layers", folder, "--finish", "--as", "amina")
    assert done.returncode == 0 and "amina's layer is now finished" in done.stdout
    assert "amina ✓ bo ✓" in briefing("layers", folder).stdout
    assert "was already finished" in briefing("layers", folder, "--finish", "--as",
                                              "amina").stdout
    bad = briefing("layers", folder, "--finish", "--as", "Amina K")
    assert bad.returncode == 2 and "cannot be an analyst name" in bad.stderr


def test_briefing_agree_matches_nltk_on_random_layers(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rng = random.Random(7)
    count = len(SEED_DOC.spans)
    truth = {i: tuple(t for t in TAGS if rng.random() < 0.3) for i in range(count)}
    coded: dict[str, dict[int, tuple[str, ...]]] = {}
    for analyst in ("amina", "bo", "chen"):
        coded[analyst] = {i: tuple(t for t in TAGS if (t in tags) != (rng.random() < 0.15))
                          for i, tags in truth.items()}
        _layer(folder, analyst, {i: t for i, t in coded[analyst].items() if t}, FINISHED)
    _layer(folder, "dara", {0: ("security",)}, IN_PROGRESS)  # not finished: not counted
    done = briefing("agree", folder, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["analysts"] == ["amina", "bo", "chen"]
    for figures in report["tags"]:
        tag = figures["tag"]
        task = AnnotationTask(data=[(a, str(i), int(tag in tags)) for a, units in coded.items()
                                    for i, tags in units.items()])
        assert figures["n"] == count
        assert figures["agreement"] == pytest.approx(task.avg_Ao(), abs=1e-8)  # a fraction
        assert 0 <= figures["prevalence"] <= 1
        assert figures["fleiss_kappa"] == pytest.approx(task.pi(), abs=1e-6)
        assert figures["krippendorff_alpha"] == pytest.approx(task.alpha(), abs=1e-6)
        assert figures["cohen_kappa"] is None  # three analysts
    two = json.loads(briefing("agree", folder, "--json", "--analysts", "amina,bo").stdout)
    task = AnnotationTask(data=[(a, str(i), int("security" in tags))
                                for a in ("amina", "bo") for i, tags in coded[a].items()])
    security = next(f for f in two["tags"] if f["tag"] == "security")
    assert security["cohen_kappa"] == pytest.approx(task.kappa(), abs=1e-6)
    table = briefing("agree", folder)
    assert table.stdout.startswith("1 finished document, analysts: amina, bo, chen")
    assert "Kripp. α" in table.stdout and "few units" in table.stdout
    rows = briefing("agree", folder, "--csv").stdout.splitlines()
    assert rows[0].startswith("tag,n,n_alpha,prevalence,agreement,cohen_kappa")
    first = next(f for f in report["tags"] if f["agreement"] is not None)
    row = next(r.split(",") for r in rows[1:] if r.startswith(first["tag"] + ","))
    assert float(row[4]) == pytest.approx(first["agreement"])  # the same fraction as JSON
    assert len(rows) == 1 + len(report["tags"])


def test_briefing_agree_with_nothing_finished_says_how(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _layer(folder, "amina", {1: ("security",)}, IN_PROGRESS)
    _layer(folder, "bo", {1: ("security",)}, FINISHED)
    done = briefing("agree", folder)
    assert done.returncode == 1 and done.stdout == ""
    assert "briefing layers PATH --finish" in done.stderr
    assert briefing("agree", tmp_path / "nope").returncode == 2


def test_a_bad_analyst_name_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = briefing("--as", "Amina K", folder)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("briefing: --as: 'Amina K' cannot be an analyst name")
    config = tmp_path / "config.yaml"
    config.write_text("analyst: amina\n")
    from briefing_tui.core.settings import ConfigError, load_settings

    assert load_settings(config).analyst == "amina"
    config.write_text("analyst: mine-2\n")
    with pytest.raises(ConfigError, match="analyst: 'mine-2' cannot be an analyst name"):
        load_settings(config)
    assert "mine-2" in briefing("--config", config, folder).stderr
