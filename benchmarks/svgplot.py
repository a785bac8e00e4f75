"""A small line chart as SVG, written by hand: no plotting library for two panels.

``bench_reader`` draws first-screen time and peak memory against document size with it
(the README shows the file). Series are drawn on log-scaled x (sizes) and linear y, with
a legend; the SVG is deterministic for the same numbers (no ids, no dates).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
WIDTH, HEIGHT = 360, 240  # one panel
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 34, 42


@dataclass
class Panel:
    """One chart: a title, a y label, and series name -> [(x, y), ...]."""

    title: str
    y_label: str
    series: Mapping[str, Sequence[tuple[float, float]]]
    x_label: str = "document size (MB)"


def _ticks(high: float) -> list[float]:
    """About five round ticks from 0 to at least ``high``."""
    if high <= 0 or not math.isfinite(high):
        return [0.0, 1.0]
    raw = high / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(high / step)
    return [i * step for i in range(count + 1)]


def _label(value: float) -> str:
    return f"{value:g}" if value >= 1 or value == 0 else f"{value:.2g}"


def _panel(panel: Panel, x0: int) -> list[str]:
    points = [p for values in panel.series.values() for p in values
              if math.isfinite(p[1]) and p[0] > 0]
    xs = sorted({x for x, _ in points}) or [1.0]
    low, high = math.log10(xs[0]), math.log10(xs[-1])
    span = (high - low) or 1.0
    yticks = _ticks(max((y for _, y in points), default=1.0))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return x0 + LEFT + (math.log10(x) - low) / span * inner_w

    def py(y: float) -> float:
        return TOP + inner_h - y / yticks[-1] * inner_h

    out = [f'<text x="{x0 + WIDTH / 2:.1f}" y="18" text-anchor="middle" '
           f'font-weight="bold">{escape(panel.title)}</text>']
    for y in yticks:
        out.append(f'<line x1="{x0 + LEFT}" y1="{py(y):.1f}" x2="{x0 + WIDTH - RIGHT}" '
                   f'y2="{py(y):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 + LEFT - 6}" y="{py(y) + 4:.1f}" '
                   f'text-anchor="end">{_label(y)}</text>')
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{TOP + inner_h + 16}" '
                   f'text-anchor="middle">{_label(x)}</text>')
    out.append(f'<text x="{x0 + LEFT + inner_w / 2:.1f}" y="{HEIGHT - 8}" '
               f'text-anchor="middle">{escape(panel.x_label)}</text>')
    out.append(f'<text transform="translate({x0 + 14},{TOP + inner_h / 2:.1f}) rotate(-90)" '
               f'text-anchor="middle">{escape(panel.y_label)}</text>')
    out.append(f'<rect x="{x0 + LEFT}" y="{TOP}" width="{inner_w}" height="{inner_h}" '
               'fill="none" stroke="#888"/>')
    for number, (name, values) in enumerate(panel.series.items()):
        colour = COLOURS[number % len(COLOURS)]
        shown = sorted(p for p in values if math.isfinite(p[1]) and p[0] > 0)
        if not shown:
            continue
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in shown)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   'stroke-width="2"/>')
        out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>'
                for x, y in shown]
        legend_y = TOP + 14 + 15 * number
        out.append(f'<line x1="{x0 + LEFT + 8}" y1="{legend_y - 4}" x2="{x0 + LEFT + 24}" '
                   f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{x0 + LEFT + 28}" y="{legend_y}">{escape(name)}</text>')
    return out


def svg(panels: Sequence[Panel], caption: str = "") -> str:
    """The panels side by side, with an optional caption under them."""
    height = HEIGHT + (22 if caption else 0)
    width = WIDTH * len(panels)
    body: list[str] = []
    for number, panel in enumerate(panels):
        body += _panel(panel, number * WIDTH)
    if caption:
        body.append(f'<text x="8" y="{HEIGHT + 14}" font-size="11" fill="#555">'
                    f'{escape(caption)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">\n'
            f'<rect width="{width}" height="{height}" fill="white"/>\n'
            + "\n".join(body) + "\n</svg>\n")
