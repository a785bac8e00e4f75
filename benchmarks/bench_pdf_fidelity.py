"""PDF text fidelity and speed, side by side: ours, PDFium's plain text, poppler's pdftotext.

    .venv/bin/python -m benchmarks.bench_pdf_fidelity [--quick]

Targets (issue #11): invented words <= 0.1 %, invented pairs <= 0.5 %, >= 97 % of the
reference's words kept, <= 1 s per 10 pages.

- **Look-alikes** (:mod:`devtools.pdflookalike`, always): the true text is known, so
  every reader is measured against it: *invented words* are the share of a reader's
  words not in the truth (``Peninsu la``, ``withthe``), *invented pairs* the share of its
  adjacent word pairs the truth never has (a sidebar read into the main column), *kept*
  the share of the truth's words it gives. Running heads and page numbers are not in the
  truth: a reader that keeps them invents words.
- **Real PDFs** (when present; not in quick mode): the folder ``BRIEFING_REAL_DATA``
  names, its ``pdf/*.pdf``. No truth exists, so as
  in ``pdf_fidelity.py``: ours against PDFium's and poppler's words together (what both
  independent readers say), and each of those two against the other.

Our pairs are counted inside sentences (what an analyst quotes), the peers' along their
text. Times: ours is extraction without the cache; PDFium's is opening and
``get_text_range`` of every page; pdftotext's includes starting the process.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from benchmarks._common import ROOT, Row, real_data, row, timed
from briefing_tui.core.extract import extract
from briefing_tui.core.segment import segment
from devtools.pdflookalike import sitrep

WORD = re.compile(r"[^\W_]+")
_JOINED = re.compile(r"(\w)-\s*\n\s*(\w)")


def words(text: str, join: bool = True) -> list[str]:
    """Lower-case word tokens; a line-end hyphen joins (as pdf_fidelity.py does), and so
    does PDFium's own mark of one, unless ``join`` is false (both forms count as known,
    so ``landslide-prone`` or ``Guévin-Nicoloff`` is no invention)."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u00ad", "")
    if not join:
        return [w.lower() for w in WORD.findall(text.replace("\ufffe", "-"))]
    text = re.sub("[\ufffe\x02]\\s*", "", text)
    return [w.lower() for w in WORD.findall(_JOINED.sub(r"\1\2", text))]


def _pairs(sequence: list[str]) -> list[tuple[str, str]]:
    return list(pairwise(sequence))


def pdfium_text(path: Path) -> list[str]:
    """PDFium's own text of each page."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def poppler_text(path: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=False, timeout=120)
    return done.stdout.split("\f")


def ours_sentences(path: Path) -> list[str]:
    text = extract(path, cache=False).text
    segmentation = segment(text)
    return [segmentation.sentence_text(i) for i in range(len(segmentation.starts))]


def score(units: list[str], known: set[str], known_pairs: set[tuple[str, str]],
          reference: Counter[str]) -> dict[str, float]:
    """Invented words and pairs (pairs inside each unit) and the reference's words kept."""
    tokens = [words(unit) for unit in units]
    flat = [w for unit in tokens for w in unit]
    pairs = [p for unit in tokens for p in _pairs(unit)]
    kept = sum((Counter(flat) & reference).values())
    return {"words": len(flat),
            "invented_words": sum(w not in known for w in flat) / max(1, len(flat)),
            "invented_pairs": sum(p not in known_pairs for p in pairs) / max(1, len(pairs)),
            "kept": kept / max(1, sum(reference.values())),
            "kept_words": kept, "reference_words": sum(reference.values())}


def _per_10_pages(action: Callable[[], object], pages: int, runs: int) -> tuple[float,
                                                                              list[float]]:
    times = timed(action, runs)
    return statistics.median(times) * 10 / max(1, pages), times


def _rows(label: str, path: Path, pages: int, scores: dict[str, dict[str, float]],
          runs: int) -> list[Row]:
    readers: dict[str, Callable[[], object]] = {"ours": lambda: extract(path, cache=False),
                                                "PDFium text": lambda: pdfium_text(path)}
    if shutil.which("pdftotext"):
        readers["pdftotext"] = lambda: poppler_text(path)
    out = []
    for reader, figures in scores.items():
        ours = reader == "ours"
        out.append(row(f"{label}: {reader}, invented words", figures["invented_words"] * 100,
                       "%", 1, target="<= 0.1 %" if ours else None,
                       ok=figures["invented_words"] <= 0.001 if ours else None,
                       words=figures["words"]))
        out.append(row(f"{label}: {reader}, invented pairs", figures["invented_pairs"] * 100,
                       "%", 1, target="<= 0.5 %" if ours else None,
                       ok=figures["invented_pairs"] <= 0.005 if ours else None))
        out.append(row(f"{label}: {reader}, words kept", figures["kept"] * 100, "%", 1,
                       target=">= 97 %" if ours else None,
                       ok=figures["kept"] >= 0.97 if ours else None))
        if reader in readers:
            value, times = _per_10_pages(readers[reader], pages, runs)
            out.append(row(f"{label}: {reader}, time per 10 pages", value, "s", times,
                           target="<= 1 s" if ours else None, ok=value <= 1 if ours else None,
                           pages=pages))
    return out


def lookalike_scores(path: Path, truth: list[str]) -> dict[str, dict[str, float]]:
    tokens = [words(p) for p in truth]
    known = {w for unit in tokens for w in unit}
    known_pairs = {p for unit in tokens for p in _pairs(unit)}
    reference = Counter(w for unit in tokens for w in unit)
    scores = {"ours": score(ours_sentences(path), known, known_pairs, reference),
              "PDFium text": score(["\n".join(pdfium_text(path))], known, known_pairs,
                                   reference)}
    if shutil.which("pdftotext"):
        scores["pdftotext"] = score(["\n".join(poppler_text(path))], known, known_pairs,
                                    reference)
    return scores


def real_scores(path: Path) -> dict[str, dict[str, float]]:
    """As pdf_fidelity.py: ours against both readers; each reader against the other."""
    texts = {"PDFium text": pdfium_text(path), "pdftotext": poppler_text(path)}
    readers = {name: [words(page) for page in pages] for name, pages in texts.items()}
    unjoined = {name: [words(page, join=False) for page in pages]
                for name, pages in texts.items()}
    pdfium_pages = readers["PDFium text"]
    known = {name: {w for page in pages + unjoined[name] for w in page}
             for name, pages in readers.items()}
    pairs = {name: {p for page in pages + unjoined[name] for p in _pairs(page)}
             for name, pages in readers.items()}
    reference = Counter(w for page in pdfium_pages for w in page)
    both_words = known["PDFium text"] | known["pdftotext"]
    both_pairs = pairs["PDFium text"] | pairs["pdftotext"]
    scores = {"ours": score(ours_sentences(path), both_words, both_pairs, reference)}
    for name, other in (("PDFium text", "pdftotext"), ("pdftotext", "PDFium text")):
        scores[name] = score([" ".join(page) for page in readers[name]], known[other],
                             pairs[other], reference)
    return scores


def statement_paragraphs() -> list[str]:
    """The Sudan 2023 General Debate statement (CC0, kept in tests/data), by paragraph."""
    text = (ROOT.parent / "tests" / "data" / "real" / "ungdc_SDN_78_2023_sudan.txt"
            ).read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.replace("\r", "").split("\n") if p.strip()]


def real_folder() -> Path | None:
    return real_data("pdf")


def run(quick: bool) -> list[Row]:
    runs = 1 if quick else 5
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for interleave in (False,) if quick else (False, True):
            data, truth = sitrep(statement_paragraphs()[2:9], interleave=interleave)
            path = Path(folder) / f"lookalike-{interleave}.pdf"
            path.write_bytes(data)
            label = "look-alike sitrep" + (", written across the page" if interleave else "")
            rows += _rows(label, path, 2, lookalike_scores(path, truth), runs)
    real = None if quick or not shutil.which("pdftotext") else real_folder()
    kept = reference = 0.0
    for path in sorted(real.glob("*.pdf")) if real else []:
        pages = len(pdfium_text(path))
        scores = real_scores(path)
        kept, reference = (kept + scores["ours"]["kept_words"],
                           reference + scores["ours"]["reference_words"])
        rows += _rows(f"real {path.name[:28]}", path, pages, scores, runs)
    if reference:  # a running head repeated on a 2-page report weighs on that one alone
        rows.append(row("real PDFs together: ours, words kept", kept / reference * 100, "%",
                        1, target=">= 97 %", ok=kept / reference >= 0.97,
                        words=int(reference)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for result in run(args.quick):
        mark = "" if result.get("ok") is None else ("ok" if result["ok"] else "MISSED")
        print(f"{result['name']:<70} {result['value']:8.3f} {result['unit']:<3} {mark}")


if __name__ == "__main__":
    main()
