"""What the HTML brief's pieces share with its frame: the escaping, the class, id and
colour of each tag (from counters, never from the tag's text), and the style sheet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from briefing_tui.core.codebook import UNKNOWN_COLOUR, Codebook
from briefing_tui.core.visible import shown

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SLUG = re.compile(r"[^a-z0-9_-]+")


def escaped(text: str, *, one_line: bool = False) -> str:
    """Escaped and made visible; U+2028 and U+2029 (kept unless ``one_line``) become the
    line and paragraph breaks they stand for."""
    out = escape(shown(text, one_line=one_line, keep_separators=not one_line), quote=True)
    if "\u2028" in out or "\u2029" in out:
        out = out.replace("\u2028", "<br>").replace("\u2029", "<br><br>")
    return out


@lru_cache(maxsize=4096)
def label(text: str) -> str:
    """A one-line escape (title, file name), cached: they repeat on every item."""
    return escaped(text, one_line=True)


def _on(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour``."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#fff"


class Tags:
    """Class names, ids and colours per tag, from counters (never from the tag's text)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.index = {name: n for n, name in enumerate(names, 1)}
        self.ids: dict[str, str] = {}
        for name, n in self.index.items():
            slug = _SLUG.sub("-", name.lower()).strip("-")
            ident = f"tag-{slug}" if slug else f"tag-{n}"
            self.ids[name] = ident if ident not in self.ids.values() else f"tag-{n}-{slug}"

    def css(self, codebook: Codebook) -> str:
        colours = {name: c if _COLOUR.fullmatch(c := codebook.colour(name))
                   else UNKNOWN_COLOUR for name in self.names}
        return "".join(f".t{n} {{ --c: {colours[name]}; --on: "
                       f"{_on(colours[name])}; }}\n" for name, n in self.index.items())

    def cls(self, name: str) -> str:
        return f"t{self.index[name]}"

    def pill(self, name: str) -> str:
        return f'<span class="tag {self.cls(name)}">{label(name)}</span>'


STYLE = """\
:root { color-scheme: light dark; --ink: #1d1f23; --muted: #5f6670; --paper: #ffffff;
  --rule: #d9dce1; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e8eb; --muted: #a3a9b2; --paper: #16181c; --rule: #353a42; } }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: var(--paper); max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; }
h2 { border-left: .45rem solid var(--c, var(--rule)); padding-left: .5rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.05rem; color: var(--muted); margin: 1.6rem 0 .4rem; }
.meta, figcaption, .docs small { color: var(--muted); }
table.counts { border-collapse: collapse; margin: 1rem 0; }
table.counts td, table.counts th { padding: .15rem .8rem; border-bottom: 1px solid var(--rule);
  text-align: left; }
table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .85em;
  background: var(--c); color: var(--on, #fff); }
nav.toc ol { padding-left: 1.2rem; }
figure { margin: 0 0 1.1rem; }
blockquote { margin: 0; padding: .3rem .9rem; border-left: .25rem solid var(--c, var(--rule));
  overflow-wrap: anywhere; }
figcaption { padding-left: 1.15rem; font-size: .92em; overflow-wrap: anywhere; }
.context { margin: .2rem 0 .2rem 1.15rem; color: var(--muted); font-style: italic; }
.note { margin: .2rem 0 0 1.15rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.flag { font-weight: bold; color: #b3261e; }
table.figures { border-collapse: collapse; margin: 1rem 0; font-size: .95em; }
table.figures td, table.figures th { padding: .2rem .6rem; border-bottom: 1px solid var(--rule);
  text-align: left; vertical-align: top; }
table.figures td.n { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.unchecked { color: #b3261e; white-space: nowrap; }
ol.timeline { list-style: none; padding-left: 0; }
ol.timeline li { margin: 0 0 .8rem; }
ol.timeline .when { font-weight: bold; font-variant-numeric: tabular-nums; }
@media print { nav.toc { display: none; } body { max-width: none; font-size: 11pt; }
  @page { size: A4; margin: 18mm; } figure, tr, ol.timeline li { break-inside: avoid; }
  h2 { break-after: avoid; } }
"""
