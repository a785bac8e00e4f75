"""The brief's period line ends with one full stop, whatever the analyst typed."""

from __future__ import annotations

import pytest

from briefing_tui.core.export.brief_parts import full_stop


@pytest.mark.parametrize(("typed", "printed"), [
    ("2012-09-28 to 2012-10-04", "2012-09-28 to 2012-10-04."),
    ("28 Sept. to 4 Oct.", "28 Sept. to 4 Oct."),
    ("early October?", "early October?"),
    ("the week to 4 Oct. ", "the week to 4 Oct. "),
])
def test_one_full_stop(typed: str, printed: str) -> None:
    assert full_stop(typed) == printed
