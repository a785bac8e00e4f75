"""Child process for test_sidecar_kill: saves growing states until it is killed.

Run as ``python tests/sidecar_kill_child.py SIDECAR``. It resumes from the state on disk,
prints ``ready N`` and then ``saved N`` after each save returns.
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefing_tui.core.annotations import Annotation
from briefing_tui.core.sidecar import SidecarData, read_sidecar, write_sidecar


def state(step: int) -> SidecarData:
    """The deterministic state number ``step``: it grows, and every step changes bytes."""
    annotations = [
        Annotation(f"a{i:05d}", i * 100, i * 100 + 80, f"sentence {i} " + "é—" * 40,
                   prefix="before " * 4, suffix="after " * 5,
                   tags=("security", "migration")[: 1 + i % 2], note=f"step {step}" * (i % 3))
        for i in range(150 + 2 * step)]
    return SidecarData("article.txt", f"{step:064x}", annotations, extractor="text 1",
                       extra={"step": step})


def main() -> None:
    path = Path(sys.argv[1])
    found = read_sidecar(path)
    step, expected = (0, None) if found is None else (found[0].extra["step"], found[1])
    print("ready", step, flush=True)
    while True:
        step += 1
        expected = write_sidecar(path, state(step), expected)
        print("saved", step, flush=True)


if __name__ == "__main__":
    main()
