"""The benchmark's SVG chart: well-formed, one line per series, the same bytes each time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from benchmarks.svgplot import Panel, svg

NS = "{http://www.w3.org/2000/svg}"


def _chart() -> str:
    times = {"briefing": [(1.0, 0.3), (10.0, 0.35), (50.0, 0.6)],
             "Textual floor": [(1.0, 0.2), (10.0, 0.2), (50.0, float("nan"))],
             "<odd & name>": [(1.0, 0.1)]}
    return svg([Panel("First screen", "seconds", times),
                Panel("Peak memory", "MB", {"briefing": [(1.0, 50.0), (10.0, 75.0)]})],
               "one run")


def test_the_chart_is_well_formed_svg_with_a_line_and_legend_per_series() -> None:
    root = ET.fromstring(_chart())
    assert root.tag == f"{NS}svg"
    lines = root.findall(f"{NS}polyline")
    assert len(lines) == 4  # three series on the left, one on the right
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "<odd & name>" in texts  # escaped in the file, read back as written
    assert "First screen" in texts and "Peak memory" in texts and "one run" in texts
    points = sorted(len(p.get("points", "").split()) for p in lines)
    assert points == [1, 2, 2, 3]  # the floor's NaN point is left out, the others drawn


def test_the_same_numbers_give_the_same_bytes() -> None:
    assert _chart() == _chart()
