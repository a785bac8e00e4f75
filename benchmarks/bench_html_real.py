"""Real saved pages scored by snippets: what must be in the text and what must not.

    .venv/bin/python -m benchmarks.bench_html --snippets DIR   (or BRIEFING_REAL_WEB=DIR)

``DIR`` holds ``snippets.json`` and the pages it names, saved byte for byte; nothing of
them is in the repository. Its shape::

    {"pages": {NAME: {"file": "NAME.html", "with": [...], "without": [...],
                      "headline": "..." or null, "part": "tune" or "heldout"}}}

``with`` are sentences of the article a reader needs, ``without`` are page furniture
(menus, share bars, comments, related links, newsletter boxes) that should be gone. The
idea and the counting are trafilatura's own evaluation (its ``tests/realworld_tests.py``
and ``evaluate.py``): per page, a ``with`` snippet found is a true positive and one
missing a false negative, a ``without`` snippet present is a false positive and one
absent a true negative; precision, recall, accuracy and F-score (2TP / (2TP + FP + FN))
are taken over all snippets. Both the text and the snippets have their runs of white
space made single spaces before looking, the same for every extractor.

``part`` splits the pages into the ones the rules may be tuned on and the ones held out:
it was fixed from the page's name alone before the first measurement, and the held-out
figures are the honest ones. The app is given the file's bytes, as it would be; the
other extractors get the text decoded in the page's declared encoding.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks._common import Row, row
from briefing_tui.core.extract.html_tree import decode_html

ENV = "BRIEFING_REAL_WEB"
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class RealPage:
    name: str
    data: bytes
    page: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    headline: str | None
    part: str


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn

    def scores(self) -> dict[str, float]:
        tp, fn, fp, tn = self.tp, self.fn, self.fp, self.tn
        return {"precision": tp / (tp + fp) if tp + fp else 0.0,
                "recall": tp / (tp + fn) if tp + fn else 0.0,
                "accuracy": (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0,
                "fscore": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0}


def folder(explicit: Path | None = None) -> Path | None:
    """The snippets folder: ``explicit``, else ``$BRIEFING_REAL_WEB``; None when absent."""
    found = explicit or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    return found if found is not None and (found / "snippets.json").exists() else None


def load(where: Path) -> list[RealPage]:
    meta = json.loads((where / "snippets.json").read_text(encoding="utf-8"))
    out = []
    for name, item in sorted(meta["pages"].items()):
        path = where / item["file"]
        if not path.exists():
            continue
        data = path.read_bytes()
        out.append(RealPage(name, data, decode_html(data)[0], tuple(item["with"]),
                            tuple(item["without"]), item.get("headline"),
                            item.get("part", "tune")))
    return out


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def judge(page: RealPage, text: str) -> Counts:
    """trafilatura's evaluate.py counting for one page."""
    flat = _flat(text)
    counts = Counts()
    for snippet in page.with_:
        if _flat(snippet) in flat:
            counts.tp += 1
        else:
            counts.fn += 1
    for snippet in page.without:
        if _flat(snippet) in flat:
            counts.fp += 1
        else:
            counts.tn += 1
    return counts


def headline_kept(headline: str, text: str) -> bool:
    words = _TOKEN.findall(headline.lower())
    head = _TOKEN.findall(text[:800].lower())
    return any(head[i:i + len(words)] == words for i in range(len(head)))


def _app_bytes(data: bytes) -> str:
    from briefing_tui.core.extract import html_web
    from briefing_tui.core.extract.html import extract_html
    from briefing_tui.core.text import DocumentError

    read = html_web.extract_web if html_web.available() else extract_html

    try:
        return read(data, "page.html").text
    except DocumentError:
        return ""


def texts(label: str, function: Callable[[str], str], pages: list[RealPage],
          ) -> tuple[dict[str, str], list[float]]:
    """Each page's text by one extractor, and the seconds each took."""
    app = label.startswith("the app")
    out, seconds = {}, []
    for page in pages:
        began = time.perf_counter()
        out[page.name] = _app_bytes(page.data) if app else function(page.page)
        seconds.append(time.perf_counter() - began)
    return out, seconds


def measure(label: str, function: Callable[[str], str], pages: list[RealPage], part: str,
            ) -> tuple[Row, dict[str, Counts]]:
    chosen = [p for p in pages if part in ("all", p.part)]
    found, seconds = texts(label, function, chosen)
    total, per_page = Counts(), {}
    empty = headlines = with_pages = 0
    found_share, absent_share = [], []
    for page in chosen:
        text = found[page.name]
        counts = per_page[page.name] = judge(page, text)
        total.add(counts)
        empty += not text.strip()
        if page.headline:
            with_pages += 1
            headlines += headline_kept(page.headline, text)
        found_share.append(counts.tp / max(1, counts.tp + counts.fn))
        absent_share.append(counts.tn / max(1, counts.tn + counts.fp))
    scores = total.scores()
    result = row(f"HTML real pages ({part}, {len(chosen)}): {label}, snippet F-score",
                 scores["fscore"], "F", len(chosen), precision=scores["precision"],
                 recall=scores["recall"], accuracy=scores["accuracy"],
                 fscore=scores["fscore"], tp=total.tp, fn=total.fn,
                 fp=total.fp, tn=total.tn, with_found=statistics.mean(found_share or [0]),
                 without_absent=statistics.mean(absent_share or [0]), empty=empty,
                 headline_kept=headlines, headline_pages=with_pages,
                 ms_per_page=statistics.median(seconds or [0]) * 1000)
    return result, per_page


def run(extractors: dict[str, Callable[[str], str]], where: Path | None = None) -> list[Row]:
    """Rows per extractor and part, or none (said on stdout) without the folder."""
    found = folder(where)
    if found is None:
        print(f"bench_html: no real pages (set {ENV} to a folder with snippets.json); skipped")
        return []
    pages = load(found)
    rows = []
    for label, function in extractors.items():
        function(pages[0].page)  # imports and caches out of the timing
        for part in ("tune", "heldout"):
            rows.append(measure(label, function, pages, part)[0])
    return rows


def report(extractors: dict[str, Callable[[str], str]], where: Path, show_misses: bool,
           ) -> None:
    """The table ``--snippets`` prints; with ``show_misses`` each missed snippet too."""
    pages = load(where)
    print(f"{len(pages)} pages from {where}; parts: "
          + ", ".join(f"{part} {sum(p.part == part for p in pages)}"
                      for part in ("tune", "heldout")))
    print(f"{'extractor':<28} {'part':<8} {'F':>5} {'prec':>5} {'rec':>5} {'acc':>5} "
          f"{'with':>5} {'w/o':>5} {'empty':>5} {'h1':>5} {'ms':>7}")
    for label, function in extractors.items():
        function(pages[0].page)
        for part in ("tune", "heldout", "all"):
            result, per_page = measure(label, function, pages, part)
            print(f"{label[:28]:<28} {part:<8} {result['fscore']:5.3f} "
                  f"{result['precision']:5.3f} {result['recall']:5.3f} "
                  f"{result['accuracy']:5.3f} {result['with_found']:5.2f} "
                  f"{result['without_absent']:5.2f} {result['empty']:5d} "
                  f"{result['headline_kept']:2d}/{result['headline_pages']:<2d} "
                  f"{result['ms_per_page']:7.2f}")
            if show_misses and part == "tune":
                _misses(label, function, [p for p in pages if p.part == "tune"], per_page)


def _misses(label: str, function: Callable[[str], str], pages: list[RealPage],
            per_page: dict[str, Counts]) -> None:
    found, _ = texts(label, function, pages)
    for page in pages:
        flat = _flat(found[page.name])
        lost = [s for s in page.with_ if _flat(s) not in flat]
        kept = [s for s in page.without if _flat(s) in flat]
        if lost or kept:
            print(f"    {page.name}: missing {lost} present {kept}")
