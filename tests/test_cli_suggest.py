"""``briefing suggest`` as a user runs it: a subprocess over real files in tmp_path."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.suggest import examples_from
from briefing_tui.core.suggest.evaluate import cross_validate
from tests.suggest_helpers import ATTACKS, PLAIN, TALKS, tag_sentences, write_briefing


def briefing(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False, cwd=cwd,
                          env={"HOME": str(cwd or Path.cwd()), "PATH": "/usr/bin:/bin"})


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    train = write_briefing(folder / "train.txt", [*ATTACKS, *TALKS, *PLAIN])
    tag_sentences(train, "security", ["Gunmen"])
    tag_sentences(train, "diplomacy", ["The foreign"])
    write_briefing(folder / "new.txt", [
        "A checkpoint in district 44 was overrun at dawn.",
        "Refugees crossed the border at night.",
        "Rainfall in the valley was normal for week 44 of the season."])
    return folder


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_suggest_ranks_untagged_sentences_with_reasons_and_writes_nothing(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    before = _tree(tmp_path)
    done = briefing("suggest", folder / "new.txt", "--train", folder, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert {(r["sentence"], r["tag"]) for r in records} == {(1, "security"), (2, "migration")}
    assert set(records[0]) == {"document", "sentence", "start", "end", "tag", "score",
                               "reason", "text"}
    scores = [r["score"] for r in records]
    assert scores == sorted(scores, reverse=True)
    migration = next(r for r in records if r["tag"] == "migration")
    assert migration["reason"] == ("rules only (0 of 5 labels): matched 'refugee', "
                                   "'crossed the border'")
    text = (folder / "new.txt").read_text(encoding="utf-8")
    assert text[migration["start"]:migration["end"]] == migration["text"]
    security = next(r for r in records if r["tag"] == "security")
    assert security["reason"].startswith("model 60% (30 labels)")
    assert not (folder / "new.txt.annotations.yaml").exists()
    assert _tree(tmp_path) == before  # no sidecar, lock or cache file appeared or changed


def test_suggest_tag_limit_and_plain_output(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = briefing("suggest", folder, "--tag", "migration", "--limit", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    fields = lines[0].split("\t")
    assert fields[0].endswith("new.txt") and fields[1:3] == ["2", "50"]
    assert fields[4] == "migration" and fields[5] == "0.75"


def test_suggest_eval_prints_cross_validated_figures_per_tag(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = briefing("suggest", folder, "--eval", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = {r["tag"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert set(rows) == {"security", "diplomacy"}
    assert rows["security"]["labels"] == 30 and rows["security"]["p_at_20"] == 1.0
    # the figures are the bench's (bench_suggest_protocol's "eval" row): one function
    examples = [e for path in sorted(folder.glob("*.txt"))
                for e in examples_from(open_document(path), str(path))]
    for score in cross_validate(examples, Codebook()):
        assert rows[score.tag]["p_at_20"] == round(score.p_at_20, 3)
        assert rows[score.tag]["average_precision"] == round(score.average_precision, 3)
    assert 0 < rows["security"]["rules_p_at_20"] <= 1.0
    table = briefing("suggest", folder, "--eval", cwd=tmp_path)
    assert table.stdout.splitlines()[0] == \
        "tag\tlabels\tprecision\trecall\tP@20\tAP\trules P@20\trules AP"
    # 60 tagged; the 30 untagged sentences of the unfinished document are not negatives
    assert "over the 60 sentences whose tags are known" in table.stdout.splitlines()[-1]


def test_suggest_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    unknown = briefing("suggest", folder, "--tag", "weather", cwd=tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.strip().splitlines() == [
        "briefing: suggest: unknown tag 'weather' (not in the codebook, not on any sentence)"]
    untagged = tmp_path / "untagged"
    untagged.mkdir()
    write_briefing(untagged / "a.txt", PLAIN)
    nothing = briefing("suggest", untagged, "--eval", cwd=tmp_path)
    assert nothing.returncode == 2 and "no tagged documents" in nothing.stderr
    assert "Traceback" not in nothing.stderr
    zero = briefing("suggest", folder, "--limit", "0", cwd=tmp_path)
    assert zero.returncode == 2 and "must be 1 or more" in zero.stderr
    bad_sidecar = tmp_path / "bad"
    bad_sidecar.mkdir()
    write_briefing(bad_sidecar / "b.txt", ATTACKS[:3])
    (bad_sidecar / "b.txt.annotations.yaml").write_text("annotations: [\n", encoding="utf-8")
    alone = briefing("suggest", bad_sidecar, cwd=tmp_path)
    assert alone.returncode == 2 and "no sentences found" in alone.stderr
    write_briefing(bad_sidecar / "c.txt", ["Refugees crossed the border at night."])
    skipped = briefing("suggest", bad_sidecar, cwd=tmp_path)
    assert skipped.returncode == 1  # one file skipped, the other one still suggested in
    assert "\tmigration\t" in skipped.stdout
    assert "sidecar unreadable, skipped" in skipped.stderr and "Traceback" not in skipped.stderr
    assert (bad_sidecar / "b.txt.annotations.yaml").read_text() == "annotations: [\n"
