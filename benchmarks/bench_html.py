"""Web pages: how much of the article each HTML extractor gives, side by side, and how fast.

    .venv/bin/python -m benchmarks.bench_html [--set dev|holdout|holdout2] [--pages DIR]
    .venv/bin/python -m benchmarks.bench_html --snippets DIR [--misses]

The metric is the public article-extraction benchmark's (scrapinghub/article-extraction-
benchmark, ``evaluate.py``): each page's text and gold text become bags of 4-word
shingles (``\\w+`` tokens), true/false positives and false negatives are counted and
normalised by their sum so that long pages do not weigh more, precision and recall are
averaged over pages, and F1 is taken from the two averages. The same with single words
is printed beside it ("word F1"). Also counted: pages that came out empty, pages whose
headline is missing from the first paragraph, and time per page.

The pages are :mod:`devtools.web_pages` (look-alikes of common publishing systems with
hand-written gold text; the rules were written on them), :mod:`devtools.web_holdout`
and :mod:`devtools.web_holdout2` (shapes written afterwards; their first-contact
figures are the honest ones). ``--pages DIR`` measures real pages instead:
``NAME.html`` beside ``NAME.txt`` (the gold text, its first line the headline).
``--snippets DIR`` (default ``$BRIEFING_REAL_WEB``) scores real saved pages by
sentences that must and must not be in the text, trafilatura's own evaluation
(:mod:`benchmarks.bench_html_real`); without the folder those rows are skipped.

Extractors: ours (the standard-library reader); trafilatura when installed
(:mod:`benchmarks.peer_trafilatura`: ``include_comments=False``, its title put first);
trafilatura's body under our headline with our reader as its fallback
(:mod:`briefing_tui.core.extract.html_web`); and what the app runs, from bytes (that,
when the ``[html]`` extra is installed, else our reader).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from benchmarks import bench_html_real
from benchmarks._common import Row, row
from briefing_tui.core.extract.html import html_to_text
from briefing_tui.core.extract.html_tree import decode_html

_TOKEN = re.compile(r"\w+")
Scores = tuple[float, float, float]


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_scores(true: str, pred: str, n: int = 4) -> Scores:
    """(tp, fp, fn) of one page, normalised to sum to 1 (all 0 when both are empty)."""
    want, got = shingles(true, n), shingles(pred, n)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def summary(scores: Iterable[Scores]) -> tuple[float, float, float]:
    """(precision, recall, F1) over pages, as the public benchmark computes them."""
    scores = list(scores)
    precision = statistics.mean([_precision(*s) for s in scores if s[0] + s[1] > 0] or [0])
    recall = statistics.mean([_recall(*s) for s in scores if s[0] + s[2] > 0] or [0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _trafilatura() -> Callable[[str], str] | None:
    from benchmarks import peer_trafilatura

    return peer_trafilatura.article_text if peer_trafilatura.available() else None


def _app(page: str) -> str:
    from briefing_tui.core.extract import html_web
    from briefing_tui.core.extract.html import extract_html
    from briefing_tui.core.text import DocumentError

    read = html_web.extract_web if html_web.available() else extract_html

    try:
        return read(page.encode("utf-8"), "page.html").text
    except DocumentError:
        return ""


def extractors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"ours (standard library)": html_to_text}
    web = _trafilatura()
    if web is not None:
        from benchmarks.peer_trafilatura import version

        found[f"trafilatura {version()}"] = web
        from briefing_tui.core.extract import html_web

        found["trafilatura + ours (html_web)"] = lambda page: html_web.page_text(page)[0]
    found["the app (extract)"] = _app
    return found


def load_pages(folder: Path | None, which: str = "dev") -> list[tuple[str, str, str]]:
    """The look-alike pages (``dev``: the set the rules were written on, ``holdout``: the
    set they were not), or a folder's real pages."""
    if folder is None:
        from devtools import web_holdout, web_holdout2, web_pages

        shapes = {"holdout": web_holdout, "holdout2": web_holdout2}.get(which, web_pages)
        pages: list[tuple[str, str, str]] = shapes.pages()
        return pages
    out = []
    for html in sorted(folder.glob("*.html")):
        gold = html.with_suffix(".txt")
        if gold.exists():
            page = decode_html(html.read_bytes())[0]  # in its declared encoding
            out.append((html.stem, page, gold.read_text(encoding="utf-8")))
    return out


def _headline_kept(gold: str, text: str) -> bool:
    headline = _TOKEN.findall(gold.split("\n", 1)[0].lower())
    head = _TOKEN.findall(text[:600].lower())
    return any(head[i:i + len(headline)] == headline for i in range(len(head)))


def measure(name: str, function: Callable[[str], str], corpus: list[tuple[str, str, str]],
            ) -> tuple[Row, dict[str, Scores]]:
    shingled, words, per_page = [], [], {}
    empty = missing_headline = 0
    seconds = []
    for page_name, page, gold in corpus:
        began = time.perf_counter()
        text = function(page)
        seconds.append(time.perf_counter() - began)
        empty += not text.strip()
        missing_headline += not _headline_kept(gold, text)
        per_page[page_name] = page_scores(gold, text)
        shingled.append(per_page[page_name])
        words.append(page_scores(gold, text, 1))
    precision, recall, f1 = summary(shingled)
    word_f1 = summary(words)[2]
    ms = statistics.median(seconds) * 1000
    result = row(f"HTML {len(corpus)} pages: {name}, F1", f1 or 1e-9, "F1", len(corpus),
                 target=">= 0.96", ok=f1 >= 0.96 and not empty, precision=precision,
                 recall=recall, word_f1=word_f1, empty=empty, missing_headline=missing_headline,
                 ms_per_page=ms)
    return result, per_page


def run(quick: bool = False, folder: Path | None = None) -> list[Row]:
    rows = [] if quick or folder is not None else bench_html_real.run(extractors())
    sets = ("dev",) if quick else ("dev", "holdout", "holdout2")
    for which in sets if folder is None else ("real",):
        corpus = load_pages(folder, which)
        if quick:
            corpus = corpus[::5]
        found = extractors()
        for name, function in (list(found.items())[:1] if quick else found.items()):
            function(corpus[0][1])  # imports and caches out of the timing
            result, _ = measure(f"{which}, {name}", function, corpus)
            rows.append(result)
            rows.append(row(f"HTML {len(corpus)} pages: {which}, {name}, time per page",
                            result["ms_per_page"], "ms", len(corpus)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--pages", type=Path, help="a folder of NAME.html + NAME.txt")
    parser.add_argument("--set", default="dev", choices=("dev", "holdout", "holdout2"),
                        help="which look-alike set (without --pages)")
    parser.add_argument("--show", help="print each extractor's text of this page")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--snippets", nargs="?", const="",
                        help="real pages + snippets.json (default $BRIEFING_REAL_WEB)")
    parser.add_argument("--misses", action="store_true",
                        help="with --snippets: list the tune pages' missed snippets")
    args = parser.parse_args()
    if args.snippets is not None:
        where = bench_html_real.folder(Path(args.snippets) if args.snippets else None)
        if where is None:
            print(f"no snippets.json there (nor in ${bench_html_real.ENV}); nothing to do")
            return
        bench_html_real.report(extractors(), where, args.misses)
        return
    corpus = load_pages(args.pages, args.set)
    if args.show:
        for name, page, gold in corpus:
            if args.show in name:
                for label, function in extractors().items():
                    print(f"===== {label}\n{function(page)}\n")
                print(f"===== gold\n{gold}")
        return
    print(f"{'extractor':<30} {'F1':>6} {'prec':>6} {'recall':>6} {'word F1':>8} "
          f"{'empty':>5} {'no h1':>5} {'ms/page':>8}")
    for label, function in extractors().items():
        function(corpus[0][1])
        result, per_page = measure(label, function, corpus)
        print(f"{label:<30} {result['value']:6.3f} {result['precision']:6.3f} "
              f"{result['recall']:6.3f} {result['word_f1']:8.3f} {result['empty']:5d} "
              f"{result['missing_headline']:5d} {result['ms_per_page']:8.2f}")
        worst = sorted(per_page.items(), key=lambda kv: kv[1][0])[:args.worst]
        for page_name, (tp, fp, fn) in worst:
            print(f"    {page_name:<40} tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}")


if __name__ == "__main__":
    main()
