"""Run every benchmark, print one table, keep the numbers as JSON.

    .venv/bin/python -m benchmarks [--quick] [--peer] [--json PATH] [--only NAME ...]

Every ``benchmarks/bench_*.py`` is run; its ``run(quick)`` returns rows {"name",
"value", "unit", "runs", and optionally "target" and "ok"}; this runner adds the
module's group, marks targets ok/MISSED and writes ``benchmarks/results/latest.json``
(git-ignored; ``--json`` writes elsewhere instead) with the machine the numbers came
from — on 2 noisy cores they only mean something next to it. ``--quick`` uses small
documents and 1-2 runs (well under a minute; the test suite runs it so the benchmarks
cannot rot). A module that fails is reported and the others still run; the exit status
is then 1. A missed target is not a failure.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib
import json
import math
import pkgutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from benchmarks._common import RESULTS, Row, machine

#: Group names of the modules the issue asked for, in running order (cheap first); any
#: other ``bench_*.py`` with a ``run(quick)`` runs after them, and the reader (which
#: launches subprocesses) last.
GROUPS = {"bench_segment": "segmentation", "bench_sidecar": "sidecar",
          "bench_anchoring": "anchoring"}
LAST = {"bench_reader": "reader"}


def discover() -> dict[str, str]:
    """group -> module name, for every ``benchmarks/bench_*.py``."""
    here = str(Path(__file__).resolve().parent)
    found = sorted(info.name for info in pkgutil.iter_modules([here])
                   if info.name.startswith("bench_"))
    order = [m for m in GROUPS if m in found] + \
        [m for m in found if m not in GROUPS and m not in LAST] + [m for m in LAST if m in found]
    names = {**GROUPS, **LAST}
    return {names.get(m, m.removeprefix("bench_")): f"benchmarks.{m}" for m in order}


def run_group(group: str, module_name: str, quick: bool, peer: bool) -> list[Row]:
    """One module's rows; a failure becomes an error row instead of stopping the run."""
    began = time.perf_counter()
    try:
        module = importlib.import_module(module_name)
        if not callable(getattr(module, "run", None)):  # a standalone report of its own
            print(f"  {group}: standalone, run it with python -m {module_name}",
                  file=sys.stderr)
            return []
        rows: list[Row] = module.run(quick, peer=peer) if group == "reader" \
            else module.run(quick)
    except Exception as exc:  # report and carry on with the other benchmarks
        traceback.print_exc()
        rows = [{"name": f"{group}: failed", "value": None, "unit": "", "runs": 0,
                 "error": f"{type(exc).__name__}: {exc}"}]
    for result in rows:
        result["group"] = group
        value = result.get("value")
        if isinstance(value, float) and math.isnan(value):
            result["value"] = None  # JSON has no NaN
    print(f"  {group}: {len(rows)} rows in {time.perf_counter() - began:.1f} s",
          file=sys.stderr)
    gc.collect()
    return rows


def _value(result: Row) -> str:
    value = result.get("value")
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def _runs(result: Row) -> str:
    runs = result.get("runs")
    if isinstance(runs, list) and runs:
        low, high = min(runs), max(runs)
        return f"{len(runs)} ({low:.3g}–{high:.3g})" if len(runs) > 1 else "1"
    return str(runs or "")


def table(rows: list[Row], info: dict[str, Any], quick: bool) -> Table:
    load = " ".join(f"{x:g}" for x in info["loadavg"])
    title = Text(f"briefing_tui benchmarks{' (quick)' if quick else ''}: {info['platform']}, "
                 f"{info['cpu_count']} CPUs, Python {info['python']}, load {load}")
    out = Table(title=title, title_justify="left")
    for column, justify in (("benchmark", "left"), ("value", "right"), ("unit", "left"),
                            ("target", "left"), ("", "left"), ("runs (min–max)", "right")):
        out.add_column(column, justify=justify)  # type: ignore[arg-type]
    for result in rows:
        ok = result.get("ok")
        mark = "" if ok is None else ("[green]ok[/]" if ok else "[bold red]MISSED[/]")
        if result.get("error"):
            mark = "[bold red]ERROR[/]"
        out.add_row(Text(result["name"]), _value(result), result.get("unit", ""),
                    Text(result.get("target", "")), mark, _runs(result))
    return out


def main(argv: list[str] | None = None) -> int:
    modules = discover()
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, 1-2 runs")
    parser.add_argument("--peer", action="store_true",
                        help="also time SLATE (installed into benchmarks/data/peer-venv)")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json",
                        help="where to write the results (default: %(default)s)")
    parser.add_argument("--only", nargs="+", choices=list(modules), help="run just these")
    args = parser.parse_args(argv)
    info = machine()
    print(f"machine: {info['platform']}, {info['cpu_count']} CPUs, Python {info['python']}",
          file=sys.stderr)
    began = time.perf_counter()
    started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    rows: list[Row] = []
    for group in args.only or modules:
        rows += run_group(group, modules[group], args.quick, args.peer)
    report = {"machine": info, "quick": args.quick, "peer": args.peer, "started": started,
              "duration_s": round(time.perf_counter() - began, 1), "results": rows}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    Console(width=160).print(table(rows, info, args.quick))
    missed = [r["name"] for r in rows if r.get("ok") is False]
    print(f"{len(rows)} results in {report['duration_s']} s; targets missed: "
          f"{len(missed)}; written to {args.json}")
    return 1 if any(r.get("error") and r["name"].endswith("failed") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
