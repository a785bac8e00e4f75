"""Suggested tags on labelled news and messages: ranking quality and speed.

Reads (never copies) ``labelled/drm_validation.csv`` (Disaster Response Messages:
refugees -> migration; security, military -> security) and ``labelled/cameo_train.tsv``
(ConfliBERT CAMEO classes 1, 3 -> diplomacy; 4 -> security) from the folder
``BRIEFING_REAL_DATA`` names; skips cleanly without it.

The sentences are shuffled once (fixed seed) and halved: the first half is the pool the
"analyst" has tagged (the first N of it, N = 50, 100, 200, 500), the second half is
ranked. Per tag: average precision and precision of the top 20, for rules only, the
model only and both, with each learner (equal scores count in every order: no sort's
luck). One draw of labels: the figures at 200 labels with their spread over ten draws,
each tag on the sets that label it and labels gathered as the app gathers them, are
``benchmarks/bench_suggest_protocol.py``'s. Then training time on 5,000 sentences and
scoring time on 10,000 (three tags, as ``briefing suggest`` does: reasons only for the
pairs above the threshold), and the import cost of the package.

    python -m benchmarks.bench_suggest
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks._common import real_data
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.suggest import Example, Suggester
from briefing_tui.core.suggest.evaluate import tag_score
from briefing_tui.core.suggest.features import features
from briefing_tui.core.suggest.live import score_sentences
from briefing_tui.core.suggest.rules import HitCache

ROOT = Path(__file__).resolve().parent.parent
TAGS = ("security", "migration", "diplomacy")
SIZES = (50, 100, 200, 500)
MODES = (("rules", "rules", "nb"), ("model nb", "model", "nb"),
         ("model logistic", "model", "logistic"), ("both nb", "both", "nb"),
         ("both logistic", "both", "logistic"))


def data_folder() -> Path | None:
    found = real_data("labelled/drm_validation.csv")
    return found.parent if found else None


def load(folder: Path, sources: bool = False) -> list[Any]:
    """(sentence, tags) pairs from both sets; with ``sources``, (sentence, tags, set)
    with set "drm" or "cameo" (bench_suggest_protocol measures a tag on its sets)."""
    pairs: list[Any] = []
    with (folder / "drm_validation.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            tags = set()
            if record["security"] == "1" or record["military"] == "1":
                tags.add("security")
            if record["refugees"] == "1":
                tags.add("migration")
            pairs.append((record["message"], frozenset(tags), "drm") if sources
                         else (record["message"], frozenset(tags)))
    cameo = folder / "cameo_train.tsv"
    if cameo.is_file():
        for line in cameo.read_text(encoding="utf-8").splitlines():
            text, _, label = line.rpartition("\t")
            tags = {"1": {"diplomacy"}, "3": {"diplomacy"}, "4": {"security"}}.get(label, set())
            pairs.append((text, frozenset(tags), "cameo") if sources
                         else (text, frozenset(tags)))
    return pairs


def _examples(pairs: list[tuple[str, frozenset[str]]], name: str) -> list[Example]:
    return [Example(name, i + 1, 0, len(text), text, tags, frozenset(), True)
            for i, (text, tags) in enumerate(pairs)]


def quality(train: list[Example], test: list[Example], codebook: Codebook) -> None:
    """Per tag: average precision, precision of the top 20, and precision / recall of
    what reaches the suggestion threshold."""
    rows = [features(e.text) for e in test]
    print(f"{'labels':>6} {'mode':<17} " + " ".join(f"{t[:9] + ' AP':>12} {'P@20':>5} "
                                                      f"{'P':>4} {'R':>4}" for t in TAGS))
    for size in SIZES:
        part = train[:size]
        counts = {t: sum(t in e.tags for e in part) for t in TAGS}
        for label, mode, learner in MODES:
            suggester = Suggester(codebook, mode=mode, learner=learner)
            suggester.train(part)
            cells = []
            for tag in TAGS:
                scored = [(suggester.score(e.text, tag, row, explain=False)[0], tag in e.tags)
                          for e, row in zip(test, rows, strict=True)]
                f = tag_score(tag, scored)
                cells.append(f"{f.average_precision:>12.2f} {f.p_at_20:>5.2f} "
                             f"{f.precision:>4.2f} {f.recall:>4.2f}")
            print(f"{size:>6} {label:<17} " + " ".join(cells))
        print(f"{'':>6} positives in the {size}: "
              + ", ".join(f"{t} {counts[t]}" for t in TAGS))


def _ece(scored: list[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error: the mean gap, weighted by count, between the score
    and the share of truths in each tenth of the score range."""
    gap = 0.0
    for b in range(bins):
        inside = [(v, t) for v, t in scored if b / bins <= v < (b + 1) / bins
                  or (b == bins - 1 and v == 1.0)]
        if inside:
            gap += abs(sum(v for v, _ in inside) / len(inside)
                       - sum(t for _, t in inside) / len(inside)) * len(inside)
    return gap / len(scored)


def calibration(train: list[Example], test: list[Example], codebook: Codebook) -> None:
    """Per tag, raw and calibrated scores of rules + model: precision and recall at the
    threshold and the expected calibration error (ECE) over every ranked sentence; and
    the precision inside score bands (does "0.8" mean 8 in 10?)."""
    rows = [features(e.text) for e in test]
    print("calibration (rules + model): P / R at the threshold, ECE")
    print(f"{'labels':>6} {'learner':<9} {'scores':<10} " + " ".join(
        f"{t[:9] + ' P':>11} {'R':>4} {'ECE':>5}" for t in TAGS))
    bands: dict[str, list[tuple[float, bool]]] = {}
    for size in SIZES:
        for learner in ("nb", "logistic"):
            for calibrate in (False, True):
                suggester = Suggester(codebook, learner=learner, calibrate=calibrate)
                suggester.train(train[:size])
                cells = []
                for tag in TAGS:
                    scored = [(suggester.score(e.text, tag, row, explain=False)[0],
                               tag in e.tags) for e, row in zip(test, rows, strict=True)]
                    f = tag_score(tag, scored)
                    cells.append(f"{f.precision:>11.2f} {f.recall:>4.2f} "
                                 f"{_ece(scored):>5.3f}")
                    if size == SIZES[-1] and learner == "nb":
                        bands[f"{tag} {'calibrated' if calibrate else 'raw'}"] = scored
                print(f"{size:>6} {learner:<9} {'calibrated' if calibrate else 'raw':<10} "
                      + " ".join(cells))
    edges = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
    print(f"precision in score bands at {SIZES[-1]} labels (nb; sentences in the band):")
    for name, scored in bands.items():
        cells = []
        for low, high in pairwise(edges):
            inside = [t for v, t in scored if low <= v < high]
            cells.append(f"{low:.1f}+ {sum(inside) / len(inside):.2f} ({len(inside)})"
                         if inside else f"{low:.1f}+ -")
        print(f"  {name:<22} " + "  ".join(cells))


VARIANTS = (("rules", "rules", "nb"), ("nb", "both", "nb"), ("logistic", "both", "logistic"))


def choose(train: list[Example], codebook: Codebook, repeats: int = 3) -> None:
    """The learner decided on the train half alone (the ranked half is never looked
    at): N sentences of it labelled, the rest of it ranked, over ``repeats`` shuffles;
    mean AP and P@20 per tag, and CPU seconds per retrain."""
    print(f"choosing the learner on the train half ({len(train)} sentences; N labelled, "
          f"the rest ranked; mean of {repeats} shuffles)")
    print(f"{'labels':>6} {'learner':<9} " + " ".join(f"{t[:9] + ' AP':>12} {'P@20':>5}"
                                                      for t in TAGS) + "  retrain")
    clock = time.process_time
    for size in SIZES:
        for label, mode, learner in VARIANTS:
            sums = {t: [0.0, 0.0] for t in TAGS}
            spent = 0.0
            for seed in range(repeats):
                pool = train[:]
                random.Random(100 + seed).shuffle(pool)
                part, rest = pool[:size], pool[size:]
                suggester = Suggester(codebook, mode=mode, learner=learner)
                began = clock()
                suggester.train(part)
                spent += clock() - began
                rows = [features(e.text) for e in rest]
                for tag in TAGS:
                    f = tag_score(tag, [(suggester.score(e.text, tag, row, explain=False)[0],
                                         tag in e.tags) for e, row in zip(rest, rows,
                                                                          strict=True)])
                    sums[tag][0] += f.average_precision / repeats
                    sums[tag][1] += f.p_at_20 / repeats
            print(f"{size:>6} {label:<9} " + " ".join(
                f"{sums[t][0]:>12.2f} {sums[t][1]:>5.2f}" for t in TAGS)
                + f"  {spent / repeats:.3f} s")


def _document(pool: list[Example], n: int) -> tuple[str, list[int], list[int]]:
    """``n`` of the sentences as one document's text and sentence spans."""
    texts = [pool[i % len(pool)].text for i in range(n)]
    starts, ends, at = [], [], 0
    for text in texts:
        starts.append(at)
        ends.append(at + len(text))
        at += len(text) + 1
    return " ".join(texts), starts, ends


def speed(pool: list[Example], codebook: Codebook) -> None:
    """CPU seconds (the machine is shared), with a peer timed in the same run: splitting
    the same 10,000 sentences' words five times, pure Python the machine's speed sets."""
    train = [pool[i % len(pool)] for i in range(5000)]
    score = [pool[i % len(pool)] for i in range(10000)]
    clock = time.process_time
    began = clock()
    for _ in range(5):
        for example in score:
            example.text.lower().split()
    peer = clock() - began
    print(f"peer      split 10,000 sentences x 5 {peer:6.2f} s")
    text, starts, ends = _document(pool, 10000)
    for learner in ("nb", "logistic"):
        suggester = Suggester(codebook, learner=learner)
        began = clock()
        suggester.train(train)
        trained = clock() - began
        began = clock()
        suggester.suggest(score)
        scored = clock() - began
        cache = HitCache()
        began = clock()
        score_sentences(suggester, text, starts, ends, "bench", cache=cache)
        live = clock() - began
        began = clock()
        score_sentences(suggester, text, starts, ends, "bench", cache=cache)
        again = clock() - began
        print(f"{learner:<9} train 5,000 sentences {trained:6.2f} s (target < 2 s); "
              f"score 10,000 x 3 tags {scored:6.2f} s (target < 1 s; "
              f"{scored / peer:.1f} x peer); in the reader {live:.2f} s, "
              f"after a retrain {again:.2f} s ({again / peer:.1f} x peer)")
    rules = Suggester(codebook, mode="rules")
    began = clock()
    rules.suggest(score)
    matched = clock() - began
    print(f"rules     score 10,000 x 3 tags {matched:6.2f} s ({matched / peer:.1f} x peer)")


MEMORY_CASES = ("untagged", "tagged", "finished")


def _peak_kib() -> tuple[int, int]:
    """``VmHWM`` and ``VmRSS`` of this process in KiB (Linux; exec resets the peak)."""
    found = dict.fromkeys(("VmHWM", "VmRSS"), 0)
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name = line.split(":")[0]
            if name in found:
                found[name] = int(line.split()[1])
    return found["VmHWM"], found["VmRSS"]


def retrain_case(case: str) -> None:
    """One retrain as the reader's worker runs it (a snapshot, train, score every
    sentence) on a generated 10 MB briefing: untagged, a tag on every 200th sentence,
    or those tags and the document finished (every sentence known). Prints one line:
    resident memory before, the peak (VmHWM: the opening's own peak is in it) and
    resident memory after."""
    import tempfile

    from briefing_tui.core.document import open_document
    from briefing_tui.tui.suggesting import Snapshot
    from devtools.generate import briefing

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ten.txt"
        path.write_text(briefing(10_000_000), encoding="utf-8")
        document = open_document(path)
        split = document.segmentation
        if case != "untagged":
            for i in range(0, len(split), 200):
                document.annotations.toggle_tag(document.text, split.starts[i],
                                                split.ends[i], "security")
        if case == "finished":
            document.header["status"] = "finished"
        _, before = _peak_kib()
        began = time.process_time()
        snapshot = Snapshot.of(path, document)
        suggester = Suggester(Codebook())
        learnt = suggester.train(snapshot.examples())
        trained = time.process_time() - began
        scored = score_sentences(suggester, snapshot.text, snapshot.starts, snapshot.ends,
                                 snapshot.sha256, cache=HitCache())
        spent = time.process_time() - began
        peak, now = _peak_kib()
        print(f"{case:<9} {len(split):,} sentences, learnt from {learnt:,}: resident "
              f"{before / 1024:.0f} MiB before, peak {peak / 1024:.0f} MiB (the opening's "
              f"included), {now / 1024:.0f} MiB after; "
              f"train {trained:.1f} s, train + score {spent:.1f} s CPU; "
              f"{len(scored):,} sentences with suggestions")


def retrain_memory() -> None:
    """:func:`retrain_case` in a process of its own for each case (a fresh peak)."""
    print("retrain on a 10 MB briefing (generated):")
    for case in MEMORY_CASES:
        subprocess.run([sys.executable, "-m", "benchmarks.bench_suggest", "--retrain", case],
                       check=True, cwd=ROOT)


def import_cost() -> None:
    def timed(module: str) -> float:
        best = 1e9
        for _ in range(3):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
            best = min(best, time.perf_counter() - began)
        return best

    base = timed("briefing_tui.core.document")
    with_suggest = timed("briefing_tui.core.suggest")
    print(f"import: core.document {base:.3f} s, + core.suggest {with_suggest:.3f} s "
          f"(difference {with_suggest - base:+.3f} s)")


def main() -> int:
    if sys.argv[1:2] == ["--retrain"]:
        retrain_case(sys.argv[2])
        return 0
    folder = data_folder()
    if folder is None:
        print("bench_suggest: no labelled data (set BRIEFING_REAL_DATA); skipped")
        return 0
    pairs = load(folder)
    random.Random(15).shuffle(pairs)
    half = len(pairs) // 2
    train, test = _examples(pairs[:half], "train"), _examples(pairs[half:], "test")
    print(f"{len(pairs)} sentences; ranked: {len(test)} ("
          + ", ".join(f"{t} {sum(t in e.tags for e in test)}" for t in TAGS) + ")")
    codebook = Codebook()
    choose(train, codebook)
    quality(train, test, codebook)
    calibration(train, test, codebook)
    speed(train + test, codebook)
    retrain_memory()
    import_cost()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
