"""Freed big buffers go back to the system (tui/memory.py), in a fresh interpreter.

The case that kept ~20 MB for good before: one big buffer freed (glibc then raises its
mmap threshold), a second one made and a block made after it, then the second freed.
With the threshold fixed the second buffer was a mapping of its own and its memory goes
back; without, it sat in the heap under the later block and stayed. And heap blocks
freed under a live one go back when the app gives back after a step of work.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_RUN = """
import sys
from briefing_tui.tui.memory import return_big_buffers

def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024

fixed = return_big_buffers() if sys.argv[1] == "fixed" else False
first = bytearray(20 << 20)
del first  # glibc raises its threshold to 20 MiB here, unless it is fixed
before = rss_mib()
second = bytearray(20 << 20)
later = bytearray(256 << 10)  # above the second in the heap, if the heap holds it
del second
print(fixed, round(rss_mib() - before, 1))
"""


def _kept_mib(mode: str) -> tuple[bool, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    done = subprocess.run([sys.executable, "-c", _RUN, mode], capture_output=True, text=True,
                          timeout=60, check=True, env=env)
    fixed, kept = done.stdout.split()
    return fixed == "True", float(kept)


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc, read from /proc")
def test_a_freed_big_buffer_is_given_back() -> None:
    fixed, kept = _kept_mib("fixed")
    if not fixed:
        pytest.skip("not glibc: nothing to tune")
    assert kept < 5
    _, kept_by_default = _kept_mib("default")
    assert kept_by_default > 15  # the case is real: glibc's own default keeps it


_TRIM = """
from briefing_tui.tui.memory import give_back, return_big_buffers

def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024

print(return_big_buffers())
blocks = [bytearray(100 << 10) for _ in range(200)]  # 20 MiB of heap blocks
kept = blocks[-1]  # the last one pins the heap's top: freeing the rest trims nothing
del blocks
before = rss_mib()
give_back()
print(round(before - rss_mib(), 1))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc, read from /proc")
def test_the_heap_s_free_pages_are_given_back_after_a_step() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    done = subprocess.run([sys.executable, "-c", _TRIM], capture_output=True, text=True,
                          timeout=60, check=True, env=env)
    fixed, returned = done.stdout.split()
    if fixed != "True":
        pytest.skip("not glibc: nothing to tune")
    assert float(returned) > 15


def test_a_threshold_the_user_chose_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.tui.memory import return_big_buffers

    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert return_big_buffers() is False
