"""Drawing an article's blocks as the HTML of a page, for :mod:`devtools.web_pages`.

:func:`body` writes paragraphs (each through a shape's own ``para`` markup), headings,
lists, quotations and tables; :func:`br_body` writes them as ``<br>``-separated text;
:func:`page` wraps a shape's markup in a head, a cookie banner and a footer.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from devtools import web_furniture as f
from devtools.web_articles import Article

Blocks = tuple[tuple[str, str], ...]
ESCAPED_IMG = ('&lt;img src="https://cdn.example.org/2025/photo-1.jpg" alt="Photo" '
               'width="640" height="427"&gt;')

#: How a page shape draws paragraph ``i`` holding the HTML ``text``.
Para = Callable[[int, str], str]


def _group(blocks: Blocks) -> list[tuple[str, list[str]]]:
    """Consecutive list items and table rows together."""
    out: list[tuple[str, list[str]]] = []
    for kind, text in blocks:
        if kind in ("li", "row") and out and out[-1][0] == kind:
            out[-1][1].append(text)
        else:
            out.append((kind, [text]))
    return out


def _table(rows: list[str], cls: str = "data-table") -> str:
    head, *body = rows
    th = "".join(f"<th>{escape(c)}</th>" for c in head.split("|"))
    trs = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r.split("|")) + "</tr>"
                  for r in body)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>'


def body(blocks: Blocks, *, para: Para | None = None,
         heading: str = "h2", inserts: dict[int, str] | None = None) -> str:
    """The article's blocks as HTML; ``para(i, text)`` draws paragraph i, ``inserts`` puts
    furniture before block i."""
    para = para or (lambda i, t: f"<p>{t}</p>")
    out: list[str] = []
    count = 0
    for index, (kind, texts) in enumerate(_group(blocks)):
        out.append((inserts or {}).get(index, ""))
        if kind == "p":
            out.append(para(count, escape(texts[0], quote=False)))
            count += 1
        elif kind == "h":
            out.append(f"<{heading}>{escape(texts[0])}</{heading}>")
        elif kind == "q":
            out.append(f"<blockquote><p>{escape(texts[0])}</p></blockquote>")
        elif kind == "li":
            out.append("<ul>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>")
        else:
            out.append(_table(texts))
    return "".join(out)


def br_body(blocks: Blocks) -> str:
    """Blogger's and old sites' way: paragraphs as text separated by ``<br><br>``."""
    out: list[str] = []
    for kind, texts in _group(blocks):
        if kind == "p":
            out.append(escape(texts[0], quote=False) + "<br />\n<br />\n")
        elif kind == "h":
            out.append(f"<b>{escape(texts[0])}</b><br />\n")
        elif kind == "q":
            out.append(f"<blockquote>{escape(texts[0])}</blockquote>")
        elif kind == "li":
            out.append("<ul>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>")
        else:
            out.append(_table(texts))
    return "".join(out)


def standfirst(a: Article, tag: str = "p", cls: str = "standfirst") -> str:
    return f'<{tag} class="{cls}">{escape(a.standfirst)}</{tag}>' if a.standfirst else ""


def byline(a: Article, cls: str = "byline") -> str:
    return (f'<div class="{cls}"><span class="author">{escape(a.byline)}</span> '
            f'<time datetime="2025-01-01">{a.date}</time></div>')


def page(a: Article, inner: str, *, site: str = "The Daily Monitor", html_attrs: str = "",
         head_extra: str = "") -> str:
    return (f.head(escape(a.headline), extra=head_extra).replace("<html lang=\"en\">",
                                                                 f"<html lang=\"en\"{html_attrs}>")
            + f"<body>{f.cookie_banner()}{inner}{f.footer(site)}</body></html>")
