"""``briefing figures`` run as a user runs it: a real process on real files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from briefing_tui.core.document import open_document

TEXT = ("KANDAHAR, Afghanistan (Oct. 3, 2012) — A patrol killed two militants in Zhari "
        "district, Kandahar province, yesterday.\n\n"
        "The weather was mild.\n\n"
        "More than 7,000 people were displaced in Kunduz, according to IOM.\n")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui", "figures", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def briefing(tmp_path: Path) -> Path:
    path = tmp_path / "look.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_by_default_only_tagged_sentences(tmp_path: Path) -> None:
    path = briefing(tmp_path)
    document = open_document(path)
    start = document.text.index("More than")
    end = document.text.index("IOM.") + 4
    document.annotations.toggle_tag(document.text, start, end, "displacement")
    assert document.save()
    result = run(str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "machine-read — check"
    assert [(f["value"], f["kind"], f["source"], f["place"]) for f in data["figures"]] == [
        (7000, "displaced", "IOM", "Kunduz")]


def test_all_csv_with_hxl_row(tmp_path: Path) -> None:
    result = run(str(briefing(tmp_path)), "--all", "--csv", "--hxl")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    hxl = rows[0]
    assert (hxl["killed"], hxl["displaced"], hxl["date"], hxl["adm1"], hxl["source"]) == (
        "#affected+killed", "#affected+idps", "#date", "#adm1+name", "#meta+source")
    killed, displaced = rows[1], rows[2]
    assert (killed["killed"], killed["adm1"], killed["date"], killed["sentence"]) == (
        "2", "Kandahar", "2012-10-02", "1")
    assert (displaced["displaced"], displaced["qualifier"]) == ("7000", "min")
    assert all(row["status"] == "machine-read — check" for row in rows[1:])


def test_listing_and_bad_input(tmp_path: Path) -> None:
    result = run(str(briefing(tmp_path)), "--all")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Key figures (machine-read — check)"
    assert "at least 7,000 — IOM" in result.stdout
    missing = run(str(tmp_path / "absent.txt"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.count("\n") == 1
    misuse = run(str(tmp_path), "--hxl")
    assert misuse.returncode == 2 and "--hxl goes with --csv" in misuse.stderr
