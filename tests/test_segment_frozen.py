"""The splitter's output, frozen: a speed-up must give the same sentences, span for span.

``data/segment_expected.json`` holds a digest of the full segmentation (sentence starts
and ends, paragraph of each sentence, paragraph labels) of the generated 1 MB briefing,
the same briefings hard-wrapped at four widths, every shared segmentation case, every
pySBD golden rule and every hostile input, made by the segmenter it names. While
``SEGMENTER_VERSION`` is that one, the digests must match: a changed split must bump the
version (caches and sidecars key on it), and a faster path must change nothing.
Regenerate only together with a version bump: ``python -m tests.test_segment_frozen``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import yaml

from briefing_tui.core.segment import SEGMENTER_VERSION, segment
from devtools.generate import briefing
from devtools.wrapgen import briefing_pair

from .constants import DATA

EXPECTED = DATA / "segment_expected.json"
WIDTHS = (60, 66, 72, 79)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _groups() -> dict[str, list[str]]:
    groups = {"briefing_1mb": [briefing(1_000_000, 1)],
              "hard_wrapped": [text for width in WIDTHS
                               for text in briefing_pair(3_000, width, seed=width)]}
    for name in ("segmentation_cases", "pysbd_golden_en", "hostile_inputs"):
        groups[name] = list(_strings(yaml.safe_load(
            (DATA / f"{name}.yaml").read_text(encoding="utf-8"))))
    return groups


def digest(texts: list[str]) -> str:
    """One digest of every text's sentences, paragraphs and labels, in order."""
    h = hashlib.sha256()
    for text in texts:
        split = segment(text)
        for table in (split.starts, split.ends, split.para_of):
            h.update(table.tobytes())
            h.update(b"|")
        h.update("\x1f".join(split.para_labels).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def digests() -> dict[str, str]:
    return {name: digest(texts) for name, texts in _groups().items()}


def test_same_splits_as_frozen_while_the_version_is_the_same() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert expected["segmenter"] == SEGMENTER_VERSION, \
        "segmenter version bumped: regenerate data/segment_expected.json"
    assert digests() == expected["digests"]


def test_the_digest_sees_one_moved_sentence_end() -> None:
    texts = ["One sentence here. Another one here.", "Short."]
    moved = ["One sentence here Another one here.", "Short."]
    assert digest(texts) != digest(moved)


if __name__ == "__main__":
    EXPECTED.write_text(json.dumps({"segmenter": SEGMENTER_VERSION, "digests": digests()},
                                   indent=1, sort_keys=True) + "\n", encoding="utf-8")
