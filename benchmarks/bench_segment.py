"""Sentence splitting throughput: MB/s of ``core.segment.segment`` on generated briefings.

    .venv/bin/python -m benchmarks.bench_segment [--quick]

Splitting bounds how soon a big briefing is fully navigable and how long the background
worker holds the GIL (DESIGN.md: nupunkt tuned ~8 MB/s). Target (issue: segmentation):
>= 5 MB/s on the 1 MB and 10 MB briefings. MB is 10^6 characters of canonical text, which
for these mostly-ASCII briefings is close to 10^6 bytes. The first call also builds the
tokenizer (cached), so one untimed warm-up call runs first.
"""

from __future__ import annotations

import argparse
import gc
import statistics
from functools import partial

from benchmarks._common import Row, row, size_label, timed
from benchmarks.generate import briefing
from briefing_tui.core.segment import segment

TARGET_MB_S = 5.0


def _count(text: str, counts: list[int]) -> None:
    counts.append(len(segment(text)))


def run(quick: bool) -> list[Row]:
    """MB/s (median of several runs) per size; quick: 100 KB, 2 runs."""
    sizes, runs = ([100_000], 2) if quick else ([1_000_000, 10_000_000], 5)
    segment(briefing(1_000))  # build the tokenizer outside the timing
    rows: list[Row] = []
    for size in sizes:
        text = briefing(size, 1)
        gc.collect()
        counts: list[int] = []
        times = timed(partial(_count, text, counts), runs)
        speeds = [len(text) / 1e6 / t for t in times]
        median = statistics.median(speeds)
        rows.append(row(f"segmentation {size_label(size)}", median, "MB/s", speeds,
                        target=f">= {TARGET_MB_S:g} MB/s", ok=median >= TARGET_MB_S,
                        seconds=statistics.median(times), sentences=counts[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for result in run(args.quick):
        print(f"{result['name']:<28} {result['value']:7.2f} {result['unit']}  "
              f"({result['seconds']:.3f} s)  {'ok' if result['ok'] else 'MISSED'}")


if __name__ == "__main__":
    main()
