"""Situation-report look-alikes: the layouts that broke our PDF reading, with the answer.

Real sitreps (OCHA, PAHO, WFP) cannot be committed (publisher copyright), so tests and
benchmarks build PDFs with the same features (issue #11) from any paragraphs of text:

- every prose line *kerned*: each glyph placed with its own small gap, wider around
  hyphens and digits (``Port-au-Prince``, ``23 October 2025``, ``US$950,000``), as Word
  writes text, and a *letter-spaced* title (``Tc``);
- page 1: a main column with a *sidebar box* of key figures beside it, at its own font
  size and leading, and an agency *boilerplate box* at the foot, which the main text
  flows past onto page 2;
- page 2: prose wrapped beside a *photo* with its *caption* under it (the caption's lines
  share baselines with the prose), then a *table* written row by row;
- a running head and page numbers on every page; words hyphenated at line ends.

:func:`sitrep` returns the PDF's bytes and the paragraphs a faithful reader gives, in
reading order (the running head once, at the end of page 1; page numbers dropped).
"""

from __future__ import annotations

from devtools.pdfgen import HEIGHT, WIDTH, MiniPdf, Page, kerned_width, text_width

HEAD = "Haiti: Tropical Storm Melissa | Flash Update No. 1"
TITLE = "SITUATION OVERVIEW"
NAMES = ("Port-au-Prince", "Petit-Goâve", "Anse-à-Veau", "Saint-Louis-du-Sud")
FIGURES = ("1,250,000 people affected", "360,000 people in need of food assistance",
           "US$950,000 in anticipatory cash", "59 communes on orange alert")
BOILERPLATE = ("The mission of the Office for the Coordination of Humanitarian Affairs is to "
               "coordinate the global emergency response to save lives and protect people.")
CAPTION = "Figure 1. A flooded road near Les Cayes, 23 October 2025."
TABLE = (("Department", "People in need", "Funding (US$)"),
         ("Grand'Anse", "412,000", "1,950,000"), ("Sud", "388,500", "2,300,000"),
         ("Nippes", "96,200", "450,000"))
SIZE, LEADING = 10.5, 13.5
_MARGIN = 56.0


def _wrap(text: str, width: float, size: float, first: bool = False) -> list[str]:
    """Greedy lines of kerned text; a long word that does not fit is hyphenated.
    ``first``: only the first line is needed."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if first and lines:
            return lines
        trial = f"{line} {word}" if line else word
        if kerned_width(trial, size) <= width:
            line = trial
            continue
        if len(word) >= 9 and word.isalpha() and line:
            cut = next((c for c in range(len(word) - 3, 3, -1)
                        if kerned_width(f"{line} {word[:c]}-", size) <= width), 0)
            if cut:
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
        lines.append(line) if line else None
        line = word
    return [*lines, line] if line else lines


class _Column:
    """Prose set line by line into a column that may narrow (beside a photo) or move on
    to the next page."""

    def __init__(self, pdf: MiniPdf, x: float, width: float, top: float,
                 bottom: float) -> None:
        self.pdf, self.x, self.width, self.top, self.bottom = pdf, x, width, top, bottom
        self.y = top
        self.page = pdf.pages[-1]
        self.narrow: tuple[float, float, float] = (0.0, 0.0, 0.0)  # top, bottom, width:
        # lines from top down to bottom are this wide (beside a photo)

    def paragraph(self, text: str) -> bool:
        """Set ``text``; True when it ran on from one page to the next."""
        words = text.split()
        ran_on = False
        while words:
            if self.y < self.bottom:
                self.page = _new_page(self.pdf)
                self.y = self.top = HEIGHT - 96
                self.bottom = _MARGIN + 20
                ran_on = len(words) < len(text.split())
            top, bottom, narrow = self.narrow
            width = narrow if bottom < self.y <= top else self.width
            line = _wrap(" ".join(words), width, SIZE, first=True)[0]
            self.page.text(self.x, self.y, line, SIZE, kerned=True)
            used = len(line.split())
            tail = line.endswith("-") and line.split()[-1][:-1] != words[used - 1]
            words = ([words[used - 1][len(line.split()[-1]) - 1:]] if tail else []) + \
                words[used:]
            self.y -= LEADING
        self.y -= LEADING * 0.6
        return ran_on


def _new_page(pdf: MiniPdf) -> Page:
    page = pdf.new_page()
    page.text(_MARGIN, HEIGHT - 40, HEAD, 8.5)
    label = f"Page {len(pdf.pages)} of 2"
    page.text((WIDTH - text_width(label, 8.5)) / 2, 30, label, 8.5)
    return page


def _first_page(page: Page) -> None:
    """Title, the sidebar of key figures and the boilerplate box (around the column)."""
    page.text(_MARGIN, HEIGHT - 80, TITLE, 16, bold=True, tracking=2.0)
    # sidebar box: key figures at 9 pt on 11 pt leading, beside the main column
    page.box(392, HEIGHT - 300, 150, 190)
    page.text(400, HEIGHT - 130, "Key figures", 11, bold=True)
    for number, figure in enumerate(FIGURES):
        for offset, line in enumerate(_wrap(figure, 130, 9)):
            page.text(400, HEIGHT - 152 - number * 34 - offset * 11, line, 9, kerned=True)
    # boilerplate box at the foot of page 1
    page.box(_MARGIN, 52, WIDTH - 2 * _MARGIN, 44)
    for number, line in enumerate(_wrap(BOILERPLATE, WIDTH - 2 * _MARGIN - 40, 8.5)):
        page.text(_MARGIN + 20, 82 - number * 11, line, 8.5)


def sitrep(paragraphs: list[str], *, interleave: bool = False) -> tuple[bytes, list[str]]:
    """A two-page look-alike of ``paragraphs`` (enough to fill page 1 and some of page 2,
    about 3,500 characters or more; the first gets names of places and a date).
    ``interleave``: each page's text written top to bottom across the page (sidebar and
    main column line by line), not in the order it was set."""
    body = [f"{paragraphs[0]} Roads from {NAMES[0]} to {NAMES[1]}, {NAMES[2]} and "
            f"{NAMES[3]} were cut on 23 October 2025.", *paragraphs[1:]]
    for bottom in range(110, 110 + int(LEADING) + 1):  # the page must end mid-paragraph
        pdf = MiniPdf()
        _new_page(pdf)
        main = _Column(pdf, _MARGIN, 316, HEIGHT - 112, bottom)
        cut = 0
        ran_on = False
        while cut < len(body) - 2 and not ran_on:
            ran_on = main.paragraph(body[cut])
            cut += 1
        if ran_on:
            break
    _first_page(pdf.pages[0])
    if len(pdf.pages) == 1:
        main.page, main.y = _new_page(pdf), HEIGHT - 96
    # page 2: prose beside a photo, its caption under it
    photo_top = main.y + LEADING
    main.page.picture(330, photo_top - 150, 210, 150)
    for number, line in enumerate(_wrap(CAPTION, 200, 8)):
        main.page.text(330, photo_top - 164 - number * 10, line, 8)
    main.width = WIDTH - 2 * _MARGIN
    main.narrow = (photo_top, photo_top - 190, 250)
    for text in body[cut:]:
        main.paragraph(text)
    y = min(main.y, photo_top - 200) - 10
    for row in TABLE:  # row by row, cell by cell, as Word writes a table
        for column, cell in enumerate(row):
            main.page.text(_MARGIN + column * 160, y, cell, 10)
        y -= 16
    expected = [TITLE, *body[:cut], "Key figures", *FIGURES, BOILERPLATE, HEAD, *body[cut:],
                CAPTION,
                *(" | ".join(row) for row in TABLE)]
    return pdf.to_bytes(interleave=interleave), expected
