"""Exporting a corpus to every format (issue #4): 1,000 briefings, 50,000 tagged sentences.

    .venv/bin/python -m benchmarks.bench_export [--quick] [--held-out]

Target (issue 17): each format in 1 s of CPU when the folder is unchanged: finding the
files, checking each briefing and sidecar (their stat), reading each briefing's kept
pieces, the frame across briefings (key figures side by side, the timeline's order, the
brief), writing the file atomically. Measured in-process per format (CPU, the worker
processes' too) as ``briefing export`` does it (:func:`~briefing_tui.core.export.folder.
export_folder`): first with the summary parts kept but no pieces in this format yet, then
warm; and as the whole ``briefing export -o`` command per format (interpreter start and
imports too). The summary alone is timed in one process with a cold cache (every
briefing split), a warm one, and with worker processes.

The corpus is generated once (``devtools.generate.briefing``, ~10 KB each, 50 sentences
tagged per briefing, spread through it, a second tag on every fourth and a note on every
tenth) and its sidecars written with the core's own ``Document.save``; it is kept in
``benchmarks/data/`` (git-ignored) and reused while its stamp matches. ``--quick``: 20.
``--held-out``: a set of the same kind never tuned on (:func:`corpus`'s ``varied``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import DATA, Row, row
from briefing_tui.core.atomic import atomic_write
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.document import open_document
from briefing_tui.core.export import FORMATS
from briefing_tui.core.export.folder import export_folder
from briefing_tui.core.summary import build_summary
from devtools.generate import briefing

TAGS = ("security", "migration", "diplomacy")
SIZE = 10_000  # characters per briefing: ~75 sentences, of which 50 are tagged
PER_DOCUMENT = 50
TARGET_S = 1.0
STAMP_VERSION = 1


def corpus(count: int, folder: Path | None = None, varied: bool = False) -> Path:
    """``count`` tagged briefings on disk (regenerated only when the stamp differs).

    ``varied``: the held-out set, never tuned on: other seeds, sizes of 4–20 KB, 10–80
    tagged sentences each, notes on every seventh, two folders with a brief.yaml each,
    and every 25th briefing revised after tagging (its tags moved, to review or orphaned).
    """
    name = f"export-{'varied' if varied else 'corpus'}-{count}"
    folder = folder or DATA / name
    stamp = folder / "STAMP.json"
    wanted = {"version": STAMP_VERSION, "count": count, "size": SIZE,
              "per_document": PER_DOCUMENT, "varied": varied}
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number in range(count):
        size = 4_000 + number * 7_919 % 16_000 if varied else SIZE
        per = 10 + number * 31 % 70 if varied else PER_DOCUMENT
        where = folder / ("ab"[number % 2] if varied else "")
        where.mkdir(exist_ok=True)
        path = where / f"briefing-{number:04d}.txt"
        path.write_text(briefing(size, seed=number + (50_000 if varied else 0)),
                        encoding="utf-8")
        document = open_document(path)
        split = document.segmentation
        total = len(split)
        for j in range(min(per, total)):
            sentence = split.sentence(j * total // per)
            tags = [TAGS[j % 3]] + ([TAGS[(j + 1) % 3]] if j % 4 == 0 else [])
            document.annotations.set_tags(document.text, sentence.start, sentence.end, tags)
            if j % (7 if varied else 10) == 0:
                document.annotations.set_note(document.text, sentence.start, sentence.end,
                                              f"Check figure {j} against UNHCR — “disputed”.")
        document.save()
        if varied and number % 25 == 0 and total > 2:
            first = split.sentence(0)
            text = document.text
            path.write_text(text[:first.start] + "Revised: " + text[first.end - 12:],
                            encoding="utf-8")
    if varied:
        for part in "ab":
            (folder / part / "brief.yaml").write_text(
                f"title: Held-out set {part}\ntrends:\n  security: unchanged\n",
                encoding="utf-8")
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return folder


def export_once(folder: Path, fmt: str, out: Path, workers: int | None = None) -> int:
    """What ``briefing export`` does, in this process; the number of tagged sentences."""
    exported = export_folder([folder], fmt, Codebook(), timestamp=None, workers=workers)
    atomic_write(out, exported.data)
    return exported.frame.total


def cpu() -> float:
    """CPU of this process and of its children that ended (the worker processes)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def run(quick: bool, runs: int | None = None, varied: bool = False) -> list[Row]:
    count = 20 if quick else 1_000
    runs = runs or (1 if quick else 3)
    folder = corpus(count, varied=varied)
    rows: list[Row] = []
    label = f"{count:,} {'held-out ' if varied else ''}briefings"
    before = os.environ.get("BRIEFING_CACHE_DIR")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        os.environ["BRIEFING_CACHE_DIR"] = str(out / "cache")  # ours alone, empty at first
        for workers, name in ((1, "1 process, cold cache"), (1, "1 process, warm cache"),
                              (None, "worker processes, warm cache")):
            times = []
            for _ in range(runs):
                if "cold" in name:
                    shutil.rmtree(out / "cache", ignore_errors=True)
                began = cpu()
                summary = build_summary([folder], Codebook(), timestamp=None, workers=workers)
                times.append(cpu() - began)
            rows.append(row(f"export {label}: summary only, {name} (CPU)",
                            statistics.median(times), "s", times))
        sentences = len({(i.document, i.annotation_id) for t in summary.tags
                         for i in summary.items[t]})
        for fmt in FORMATS:
            shutil.rmtree(out / "cache" / "pieces", ignore_errors=True)
            began = cpu()
            export_once(folder, fmt, out / f"export.{fmt}")  # parts kept, pieces not yet
            first = cpu() - began
            rows.append(row(f"export {label}: {fmt}, first in this format (CPU)", first, "s",
                            [first]))
            times = []
            for _ in range(runs):
                began = cpu()
                export_once(folder, fmt, out / f"export.{fmt}")
                times.append(cpu() - began)
            median = statistics.median(times)
            rows.append(row(f"export {label} ({sentences:,} tagged sentences): {fmt}, warm "
                            "(CPU)", median, "s", times, target=f"< {TARGET_S:g} s",
                            ok=median < TARGET_S, bytes=(out / f"export.{fmt}").stat().st_size))
        for fmt in FORMATS:
            began, wall = cpu(), time.perf_counter()
            subprocess.run([sys.executable, "-m", "briefing_tui.cli", "export", str(folder),
                            "--format", fmt, "-o", str(out / f"cli.{fmt}")],
                           check=True, capture_output=True)
            elapsed, used = time.perf_counter() - wall, cpu() - began
            rows.append(row(f"export {label}: whole 'briefing export --format {fmt}' command, "
                            "warm (CPU; wall)", used, "s", [used, elapsed],
                            target=f"< {TARGET_S:g} s", ok=used < TARGET_S))
    if before is None:
        os.environ.pop("BRIEFING_CACHE_DIR", None)
    else:
        os.environ["BRIEFING_CACHE_DIR"] = before
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20 briefings, one run")
    parser.add_argument("--runs", type=int, help="runs of each figure (default 3; quick 1)")
    parser.add_argument("--held-out", action="store_true",
                        help="the held-out set (varied sizes, folders, revised briefings)")
    args = parser.parse_args()
    for result in run(args.quick, args.runs, args.held_out):
        mark = "" if result.get("ok") is None else ("ok" if result["ok"] else "MISSED")
        print(f"{result['name']:<78} {result['value']:7.3f} {result['unit']} "
              f"{result.get('target', ''):>6} {mark}")


if __name__ == "__main__":
    main()
