"""Shared fixtures: test data lives in tests/data (copied in; nothing reads ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
SEED = SAMPLES / "afghan-deportations-2026.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
