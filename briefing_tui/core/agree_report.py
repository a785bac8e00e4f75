"""``briefing agree``: the analysts' finished layers turned into units, figures and a report.

A document counts when at least two of the chosen analysts have finished their layer of
it; each of its sentences is a unit, coded by every analyst whose layer is finished. A
layer written against an older text of the document is re-anchored first, as on open.
The same per-document codings feed the adjudication screen.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.agreement import Figures, figures_by_tag
from briefing_tui.core.annotations import Anchor, Annotation, AnnotationSet
from briefing_tui.core.codebook import Codebook
from briefing_tui.core.corpus import find_documents
from briefing_tui.core.document import Document, open_document
from briefing_tui.core.sidecar.layers import FINISHED, Layer, read_layers
from briefing_tui.core.text import DocumentError

Coded = dict[str, dict[tuple[int, int], frozenset[str]]]  # analyst -> (doc, sentence) -> tags


def sentence_tags(document: Document, annotations: Iterable[Annotation],
                  ) -> dict[int, frozenset[str]]:
    """Tags per sentence number (0-based) of ``document``; orphans have no sentence."""
    spans = [(s.start, s.end) for s in document.segmentation]
    starts = [start for start, _ in spans]
    index = {span: i for i, span in enumerate(spans)}
    found: dict[int, set[str]] = {}
    for a in annotations:
        if a.anchor is Anchor.ORPHAN or not a.tags:
            continue
        number = index.get((a.start, a.end))
        if number is None:
            number = max(0, bisect.bisect_right(starts, a.start) - 1)
        found.setdefault(number, set()).update(a.tags)
    return {i: frozenset(tags) for i, tags in found.items()}


def layer_document(document: Document, analyst: str) -> Document:
    """``analyst``'s layer of an open document, sharing its text and sentences."""
    layer = Document(document.path, document.loaded, document.segmentation,
                     AnnotationSet(), file_stamp=document.file_stamp, layer=analyst)
    layer.load_sidecar()
    return layer


def document_codings(document: Document, layers: list[Layer], key: int = 0) -> Coded:
    """Each finished layer's tags on every sentence of ``document`` (units ``(key, i)``)."""
    count = len(document.segmentation)
    coded: Coded = {}
    for layer in layers:
        tags = sentence_tags(document, layer_document(document, layer.analyst).annotations)
        coded[layer.analyst] = {(key, i): tags.get(i, frozenset()) for i in range(count)}
    return coded


@dataclass
class AgreeReport:
    analysts: list[str] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each
    figures: list[Figures] = field(default_factory=list)


def agreement_report(paths: Iterable[Path], analysts: list[str] | None = None,
                     codebook: Codebook | None = None) -> AgreeReport:
    report = AgreeReport()
    corpus = find_documents(paths)
    report.skipped += corpus.errors
    coded: Coded = {}
    for key, path in enumerate(corpus.documents):
        found = read_layers(path)
        report.skipped += [f"{layer.path.name}: {layer.error}" for layer in found if layer.error]
        layers = [layer for layer in found
                  if layer.status == FINISHED and (analysts is None or layer.analyst in analysts)]
        if len(layers) < 2:
            continue
        try:
            document = open_document(path)
        except DocumentError as exc:
            report.skipped.append(f"{path.name}: {exc.reason}")
            continue
        report.documents.append(path)
        for analyst, units in document_codings(document, layers, key).items():
            coded.setdefault(analyst, {}).update(units)
    report.analysts = sorted(coded)
    seen = {tag for units in coded.values() for tags in units.values() for tag in tags}
    tags = (codebook or Codebook()).order(seen)
    report.figures = figures_by_tag(tags, coded) if len(coded) >= 2 else []
    return report


def _number(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def report_text(report: AgreeReport) -> str:
    count = len(report.documents)
    lines = [f"{count} finished document{'s' if count != 1 else ''}, analysts: "
             f"{', '.join(report.analysts)}", "",
             f"{'tag':<20} {'n':>6} {'prev.':>6} {'agree':>6} {'Cohen κ':>8} "
             f"{'Fleiss κ':>8} {'Kripp. α':>8}"]
    for f in report.figures:
        agree = "–" if f.agreement is None else f"{f.agreement:.1f}%"
        lines.append(f"{f.tag:<20} {f.n:>6} {f.prevalence:>6.1%} {agree:>6} "
                     f"{_number(f.cohen):>8} {_number(f.fleiss):>8} {_number(f.alpha):>8}")
        lines += [f"  ! {warning}" for warning in f.warnings]
    return "\n".join(lines) + "\n"


def _record(f: Figures) -> dict[str, object]:
    """One tag's figures for a script: every rate a fraction from 0 to 1, as prevalence
    and the κs are (the table shows % agreement as a percentage)."""
    agreement = None if f.agreement is None else f.agreement / 100
    return {"tag": f.tag, "n": f.n, "n_alpha": f.n_alpha, "prevalence": f.prevalence,
            "agreement": agreement, "cohen_kappa": f.cohen, "fleiss_kappa": f.fleiss,
            "krippendorff_alpha": f.alpha, "warnings": list(f.warnings)}


def report_json(report: AgreeReport) -> str:
    return json.dumps({"analysts": report.analysts,
                       "documents": [str(p) for p in report.documents],
                       "tags": [_record(f) for f in report.figures],
                       "skipped": report.skipped}, ensure_ascii=False, indent=2) + "\n"


def report_csv(report: AgreeReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["tag", "n", "n_alpha", "prevalence", "agreement", "cohen_kappa",
               "fleiss_kappa", "krippendorff_alpha", "warnings"]
    writer.writerow(columns)
    for f in report.figures:
        record = _record(f)
        record["warnings"] = "; ".join(f.warnings)
        writer.writerow(["" if record[c] is None else record[c] for c in columns])
    return out.getvalue()
