"""Paths the tests share, imported explicitly (conftest.py keeps only fixtures).

Test data lives in tests/data (copied in; nothing reads outside the project); the seed
briefing is the first of the sample documents the app ships with.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
SEED = SAMPLES / "afghan-deportations-2026.txt"
