"""Exporting a corpus to every format (issue #4): 1,000 briefings, 50,000 tagged sentences.

    .venv/bin/python -m benchmarks.bench_export [--quick]

Target (issue 17): each format in 1 s, reading included: finding the files, decoding and
splitting every briefing (sentence numbers need the split), reading its sidecar,
building the summary (key figures, timeline, places and actors too), rendering, writing
the file atomically. Measured in-process per format, and once as the whole ``briefing
export -o`` command (interpreter start and imports too). The summary alone is timed in
one process with a cold cache (an empty cache folder: every briefing split) and a warm
one (each briefing's summary part and split kept from the run before, in the cache's
``parts/`` and ``splits/``: what a second export of an unchanged folder costs), and with
worker processes.

The corpus is generated once (``devtools.generate.briefing``, ~10 KB each, 50 sentences
tagged per briefing, spread through it, a second tag on every fourth and a note on every
tenth) and its sidecars written with the core's own ``Document.save``; it is kept in
``benchmarks/data/`` (git-ignored) and reused while its stamp matches. ``--quick``: 20.
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
from briefing_tui.core.export import FORMATS, render
from briefing_tui.core.summary import build_summary
from devtools.generate import briefing

TAGS = ("security", "migration", "diplomacy")
SIZE = 10_000  # characters per briefing: ~75 sentences, of which 50 are tagged
PER_DOCUMENT = 50
TARGET_S = 1.0
STAMP_VERSION = 1


def corpus(count: int, folder: Path | None = None) -> Path:
    """``count`` tagged briefings on disk (regenerated only when the stamp differs)."""
    folder = folder or DATA / f"export-corpus-{count}"
    stamp = folder / "STAMP.json"
    wanted = {"version": STAMP_VERSION, "count": count, "size": SIZE,
              "per_document": PER_DOCUMENT}
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number in range(count):
        path = folder / f"briefing-{number:04d}.txt"
        path.write_text(briefing(SIZE, seed=number), encoding="utf-8")
        document = open_document(path)
        split = document.segmentation
        total = len(split)
        for j in range(min(PER_DOCUMENT, total)):
            sentence = split.sentence(j * total // PER_DOCUMENT)
            tags = [TAGS[j % 3]] + ([TAGS[(j + 1) % 3]] if j % 4 == 0 else [])
            document.annotations.set_tags(document.text, sentence.start, sentence.end, tags)
            if j % 10 == 0:
                document.annotations.set_note(document.text, sentence.start, sentence.end,
                                              f"Check figure {j} against UNHCR — “disputed”.")
        document.save()
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return folder


def export_once(folder: Path, fmt: str, out: Path, workers: int | None = None) -> int:
    """What ``briefing export`` does, in this process; the number of tagged sentences."""
    book = Codebook()
    summary = build_summary([folder], book, timestamp=None, workers=workers)
    atomic_write(out, render(summary, fmt, book).encode("utf-8"))
    return summary.total


def run(quick: bool, runs: int | None = None) -> list[Row]:
    count = 20 if quick else 1_000
    runs = runs or (1 if quick else 3)
    folder = corpus(count)
    rows: list[Row] = []
    label = f"{count:,} briefings"
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
                began = time.perf_counter()
                summary = build_summary([folder], Codebook(), timestamp=None, workers=workers)
                times.append(time.perf_counter() - began)
            rows.append(row(f"export {label}: summary only, {name}", statistics.median(times),
                            "s", times))
        sentences = len({(i.document, i.annotation_id) for t in summary.tags
                         for i in summary.items[t]})
        for fmt in FORMATS:
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                export_once(folder, fmt, out / f"export.{fmt}")
                times.append(time.perf_counter() - began)
            median = statistics.median(times)
            rows.append(row(f"export {label} ({sentences:,} tagged sentences): {fmt}", median,
                            "s", times, target=f"< {TARGET_S:g} s", ok=median < TARGET_S,
                            bytes=(out / f"export.{fmt}").stat().st_size))
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "briefing_tui.cli", "export", str(folder),
                        "--format", "jsonld", "-o", str(out / "cli.jsonld")],
                       check=True, capture_output=True)
        elapsed = time.perf_counter() - began
        rows.append(row(f"export {label}: whole 'briefing export --format jsonld' command",
                        elapsed, "s", [elapsed], target=f"< {TARGET_S:g} s",
                        ok=elapsed < TARGET_S))
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
    args = parser.parse_args()
    for result in run(args.quick, args.runs):
        mark = "" if result.get("ok") is None else ("ok" if result["ok"] else "MISSED")
        print(f"{result['name']:<78} {result['value']:7.3f} {result['unit']} "
              f"{result.get('target', ''):>6} {mark}")


if __name__ == "__main__":
    main()
