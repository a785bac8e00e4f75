"""The benchmarks still run: ``python -m benchmarks --quick`` end to end, as a subprocess.

Run as a separate process (as a user runs it) so a broken import, a changed app API or a
benchmark that no longer finishes shows up here instead of on the day someone needs the
numbers. Only that each benchmark produced positive numbers is checked, not how fast
they are: timings on a shared CI machine are too noisy to assert.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.system  # real ptys, kills or processes: make test, not test-fast

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("segmentation", "sidecar", "anchoring", "reader")


def _peer(name: str) -> bool:
    return any(peer in name for peer in ("less", "SLATE", "floor"))


def test_quick_benchmarks_write_positive_numbers(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert report["machine"]["cpu_count"]
    rows = report["results"]
    errors = [r for r in rows if r.get("error")]
    assert not errors, errors
    for group in GROUPS:
        ours = [r["value"] for r in rows if r["group"] == group and not _peer(r["name"])]
        assert ours, f"no {group} rows"
        assert all(isinstance(v, (int, float)) and v > 0 for v in ours), (group, ours)
        peers = [r["value"] for r in rows if r["group"] == group and _peer(r["name"])]
        # a peer's CPU time can round to 0 (less paints 100 KB in a few ms), and a
        # difference with the floor is noise-signed: a number is what is asked of them
        assert all(isinstance(v, (int, float)) for v in peers), (group, peers)
    names = [r["name"] for r in rows]
    for expected in ("segmentation", "sidecar 1,000 annotations: save",
                     "first screen 100 KB: briefing", "CPU/key j (next sentence), p95",
                     "CPU/key pagedown, p95", "peak RSS"):
        assert any(expected in name for name in names), (expected, names)
    for result in rows:
        assert {"name", "value", "unit", "runs"} <= result.keys(), result
