"""Sentence splitting: speed, pySBD's golden rules, false breaks on hard-wrapped text.

    .venv/bin/python -m benchmarks.bench_segment [--quick]

- **MB/s** of ``core.segment.segment`` on generated briefings (1 MB and 10 MB; MB is 10^6
  characters of canonical text, close to 10^6 bytes for these mostly-ASCII briefings).
  The first call also builds the tokenizer (cached), so one untimed warm-up call runs
  first. Target (issue 11): >= 15 MB/s on 10 MB.
- **peer**: plain nupunkt (its default model, ``span_tokenize`` over the whole text: no
  paragraphs, layout units or our fixes) on the same text in the same run, so the MB/s
  can be read as a ratio on a loaded machine.
- **golden rules**: how many of pySBD's 48 English rules (``tests/data/pysbd_golden_en.yaml``)
  we split as pySBD expects. Target >= 42.
- **false breaks on hard-wrapped text** (not in quick mode): :mod:`devtools.wrapgen`
  wraps real-like briefings at 60-79 columns; a sentence start found in the wrapped text
  and not in the same text unwrapped was made by the wrap. Target <= 0.5 per 1,000.
- **real corpus** (when present, not in quick mode): the folder ``BRIEFING_REAL_DATA``
  names: the UN statements and the ISAF press
  releases (``labelled/isaf_dev_300.jsonl``, read here only, never copied) split for
  speed, and wrapped at 72 columns for false breaks. Skipped cleanly when absent.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
from functools import partial
from pathlib import Path

import nupunkt
import yaml

from benchmarks._common import ROOT, Row, real_data, row, size_label, timed
from briefing_tui.core.segment import segment
from briefing_tui.core.text import canonical_text
from devtools.generate import briefing
from devtools.wrapgen import briefing_pair, wrap

TARGET_MB_S = 15.0
TARGET_GOLDEN = 42
TARGET_FALSE_PER_1000 = 0.5
GOLDEN = ROOT.parent / "tests" / "data" / "pysbd_golden_en.yaml"
WIDTHS = (60, 66, 72, 79)


def _count(text: str, counts: list[int]) -> None:
    counts.append(len(segment(text)))


def _speed(name: str, text: str, runs: int) -> Row:
    gc.collect()
    counts: list[int] = []
    times = timed(partial(_count, text, counts), runs)
    speeds = [len(text) / 1e6 / t for t in times]
    median = statistics.median(speeds)
    return row(name, median, "MB/s", speeds, target=f">= {TARGET_MB_S:g} MB/s",
               ok=median >= TARGET_MB_S, seconds=statistics.median(times),
               sentences=counts[-1])


def _peer_speed(name: str, text: str, runs: int) -> Row:
    """Plain nupunkt on the same text: the peer our MB/s is read against."""
    punkt = nupunkt.load_default_model()
    list(punkt.span_tokenize("Warm up. Then measure."))
    gc.collect()
    times = timed(partial(lambda t: list(punkt.span_tokenize(t)), text), runs)
    speeds = [len(text) / 1e6 / t for t in times]
    return row(name, statistics.median(speeds), "MB/s", speeds,
               seconds=statistics.median(times))


def golden_rules() -> Row:
    """pySBD's English golden rules we pass (pySBD itself fails one of them)."""
    rules = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    passed = 0
    for rule in rules:
        split = segment(rule["text"])
        passed += [split.sentence_text(i) for i in range(len(split))] == rule["sentences"]
    return row("pySBD English golden rules passed", passed, f"of {len(rules)}", 1,
               target=f">= {TARGET_GOLDEN}", ok=passed >= TARGET_GOLDEN)


def false_breaks(flat: str, wrapped: str) -> tuple[int, int]:
    """(sentence starts the wrap made, sentences in the unwrapped text)."""
    reference = segment(flat)
    made = set(segment(wrapped).starts) - set(reference.starts)
    return len(made), len(reference)


def _false_row(name: str, pairs: list[tuple[str, str]]) -> Row:
    made = total = 0
    for flat, wrapped in pairs:
        a, b = false_breaks(flat, wrapped)
        made, total = made + a, total + b
    rate = 1000 * made / max(1, total)
    return row(name, rate, "per 1,000 sentences", 1, target=f"<= {TARGET_FALSE_PER_1000:g}",
               ok=rate <= TARGET_FALSE_PER_1000, false_breaks=made, sentences=total)


def real_folder() -> Path | None:
    return real_data()


def real_corpus(folder: Path) -> list[str]:
    """The real texts: each UN statement, and each ISAF release (U+2028 and all)."""
    texts = [canonical_text(p.read_text(encoding="utf-8"))
             for p in sorted(folder.glob("ungdc_*.txt"))]
    isaf = folder / "labelled" / "isaf_dev_300.jsonl"
    if isaf.is_file():
        texts += [json.loads(line)["text"] for line in
                  isaf.read_text(encoding="utf-8").split("\n") if line.strip()]
    return texts


def _wrapped_real(texts: list[str], width: int) -> tuple[str, str]:
    """Real paragraphs (one per line once U+2028/U+2029 are spaces) unwrapped and wrapped."""
    paragraphs = [" ".join(line.split()) for text in texts
                  for line in text.replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
                  if len(line.split()) > 12]
    return "\n\n".join(paragraphs), "\n\n".join(wrap(p, width) for p in paragraphs)


def run(quick: bool) -> list[Row]:
    """Speed (median of several runs) per size, golden rules, and (full runs) false breaks
    and the real corpus."""
    sizes, runs = ([100_000], 2) if quick else ([1_000_000, 10_000_000], 5)
    segment(briefing(1_000))  # build the tokenizer outside the timing
    rows = []
    for size in sizes:
        text = briefing(size, 1)
        rows.append(_speed(f"segmentation {size_label(size)}", text, runs))
        rows.append(_peer_speed(f"peer: plain nupunkt {size_label(size)}", text, runs))
    rows.append(golden_rules())
    if quick:
        return rows
    rows.append(_false_row("hard-wrapped briefings: false breaks",
                           [briefing_pair(5_000, width, seed=width) for width in WIDTHS]))
    folder = real_folder()
    if folder is not None and (texts := real_corpus(folder)):
        joined = "\n\n".join(texts)
        rows.append(_speed(f"segmentation real corpus ({len(texts)} texts, "
                           f"{len(joined) / 1e6:.2f} MB)", joined, runs))
        rows.append(_peer_speed("peer: plain nupunkt real corpus", joined, runs))
        rows.append(_false_row("real corpus wrapped at 72: false breaks",
                               [_wrapped_real(texts, 72)]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for result in run(args.quick):
        verdict = "" if "ok" not in result else "ok" if result["ok"] else "MISSED"
        print(f"{result['name']:<48} {result['value']:8.2f} {result['unit']}  {verdict}")


if __name__ == "__main__":
    main()
