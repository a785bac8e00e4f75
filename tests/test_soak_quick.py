"""The SIGKILL soak (benchmarks.soak) in 50 rounds: nothing lost, resurrected or corrupt."""

from __future__ import annotations

import pytest

from benchmarks.soak import soak

pytestmark = pytest.mark.system  # real ptys and SIGKILL: make test, not test-fast


def test_fifty_killed_rounds_lose_nothing() -> None:
    tallies = soak(50, seed=20261202, report=False)
    assert sum(t.rounds for t in tallies.values()) == 50
    for name, tally in tallies.items():
        assert (tally.lost, tally.resurrected, tally.corrupt) == (0, 0, 0), (name, tally)
