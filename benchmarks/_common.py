"""Helpers shared by the benchmark modules: result rows, statistics, generated documents.

Every module's ``run(quick)`` returns a list of :class:`Row` so that ``python -m
benchmarks`` can print one table and write one JSON file; the helpers keep the statistics
(median, spread, p95) computed the same way everywhere.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from devtools.generate import briefing

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"  # git-ignored
RESULTS = ROOT / "results"  # git-ignored

Row = dict[str, Any]


def real_data(inner: str = "") -> Path | None:
    """The folder of third-party documents a benchmark may read, never copy, or None.

    Only ``BRIEFING_REAL_DATA`` names it (the project cites no path outside itself);
    ``inner`` is a path inside it that must exist too. A benchmark without it says so and
    skips its real-data rows.
    """
    explicit = os.environ.get("BRIEFING_REAL_DATA")
    if not explicit:
        return None
    found = Path(explicit) / inner if inner else Path(explicit)
    return found if found.exists() else None


def row(name: str, value: float, unit: str, runs: Sequence[float] | int, *,
        target: str | None = None, ok: bool | None = None, **extra: Any) -> Row:
    """One result. ``runs`` is every measured sample (or just a count when there are many).

    ``target`` is human text such as ``"<= 0.5 s"``; ``ok`` says whether it was met.
    """
    out: Row = {"name": name, "value": value, "unit": unit,
                "runs": runs if isinstance(runs, int) else [round(r, 6) for r in runs]}
    if target is not None:
        out["target"] = target
        out["ok"] = ok
    out.update(extra)
    return out


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile by linear interpolation (numpy's default method)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    pos = (len(ordered) - 1) * fraction
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def spread(values: Sequence[float]) -> dict[str, float]:
    """Median, min, max and interquartile range: single numbers on a noisy machine lie."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "q1": percentile(values, 0.25), "q3": percentile(values, 0.75)}


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return times


def size_label(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} KB"


def document(size: int, folder: Path | None = None, seed: int = 1) -> Path:
    """A generated briefing of ``size`` characters on disk, rewritten only when it differs."""
    folder = folder or DATA / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"briefing-{size}-{seed}.txt"
    text = briefing(size, seed)
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    for stale in folder.glob(f"{path.name}.annotations.yaml*"):
        stale.unlink()  # a sidecar left by an earlier run would change what is measured
    return path


def first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        return handle.readline().strip()


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    try:
        load = os.getloadavg()
    except OSError:
        load = (math.nan, math.nan, math.nan)
    return {"platform": platform.platform(), "machine": platform.machine(),
            "processor": platform.processor(), "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0], "implementation": platform.python_implementation(),
            "loadavg": [round(x, 2) for x in load]}
