"""Key figures as CSV (with an optional HXL hashtag row) and JSON, each marked machine-read.

One row per figure, its number in the column of what it counts, so a spreadsheet lines up
figures from different sources side by side and nobody adds them by accident.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict

from briefing_tui.core.figures import Figure
from briefing_tui.core.figures.rules import KINDS

MACHINE_READ = "machine-read — check"
HXL_KIND = {"displaced": "#affected+idps", "returned": "#affected+returnees"}
LEAD = [("document", "#meta+document"), ("sentence", "#meta+sentence"),
        ("date", "#date"), ("date_stated", "#meta+date_stated"),
        ("adm1", "#adm1+name"), ("country", "#country+code"),
        ("who", "#affected+type"), ("qualifier", "#meta+qualifier")]
TAIL = [("source", "#meta+source"), ("quote", "#meta+quote"), ("status", "#status")]


def columns() -> list[tuple[str, str]]:
    kinds = [(kind, HXL_KIND.get(kind, f"#affected+{kind}")) for kind in KINDS]
    return [*LEAD, *kinds, *TAIL]


def to_csv(figures: Sequence[Figure], *, hxl: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = columns()
    writer.writerow([name for name, _ in names])
    if hxl:
        writer.writerow([tag for _, tag in names])
    for figure in figures:
        row = {"document": figure.document, "sentence": figure.sentence, "date": figure.date,
               "date_stated": "yes" if figure.date_stated else "no",
               "adm1": figure.place, "country": figure.country, "who": figure.who,
               "qualifier": figure.qualifier, figure.kind: figure.value,
               "source": figure.source, "quote": figure.quote, "status": MACHINE_READ}
        writer.writerow([row.get(name, "") for name, _ in names])
    return out.getvalue()


def to_json(figures: Sequence[Figure]) -> str:
    records = [{**asdict(figure), "status": MACHINE_READ} for figure in figures]
    return json.dumps({"status": MACHINE_READ, "figures": records}, ensure_ascii=False,
                      indent=1) + "\n"


def to_lines(figures: Sequence[Figure]) -> list[str]:
    """A plain listing: figures on the same thing grouped, their sources side by side."""
    from briefing_tui.core.figures import side_by_side

    lines = [f"Key figures ({MACHINE_READ})"]
    for (kind, who, place, when), group in side_by_side(figures):
        head = f"{kind} {who}".strip() + (f", {place}" if place else "") + \
            (f", {when}" if when else "")
        lines.append(head)
        for figure in group:
            qualifier = {"exact": "", "min": "at least ", "approx": "about ",
                         "max": "up to "}[figure.qualifier]
            by = f" — {figure.source}" if figure.source else ""
            lines.append(f"  {qualifier}{figure.value:,}{by}  [{figure.document} "
                         f"s{figure.sentence}] {figure.quote}")
    return lines
