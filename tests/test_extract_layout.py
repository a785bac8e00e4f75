"""The PDF layout rules on hand-placed runs: no PDF library needed to check them."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from briefing_tui.core.extract.pdf import _rotated
from briefing_tui.core.extract.pdf_layout import PageRuns, Run, _Vocabulary, clean, compose

LINE = 14.0


def page(lines: Sequence[tuple[float, float, str]], width: float = 595, height: float = 842,
         ) -> PageRuns:
    """Runs 10 pt high, 5 pt per character, at (x, y of the baseline); a line in capitals
    is set in a larger font (a heading)."""
    return PageRuns(width, height, [Run(x, y, x + 5 * len(t), y + 10, t,
                                        16.0 if t.isupper() else 10.5) for x, y, t in lines])


def prose(lines: list[str], top: float = 760, x: float = 60) -> list[tuple[float, float, str]]:
    return [(x, top - LINE * n, text) for n, text in enumerate(lines)]


@pytest.mark.parametrize(("before", "after", "joined"), [
    ("the displace-", "ment of civilians", "the displacement of civilians"),
    ("its seventy-", "eighth session", "its seventy-eighth session"),  # seen with a hyphen
    ("the Secretary-", "General said", "the Secretary-General said"),
    ("from 1990-", "2000 on", "from 1990-2000 on"),
    ("ten anti-", "-drug campaigns", "ten anti-drug campaigns"),  # the hyphen repeated
    ("one word -", "a dash", "one word - a dash"),
    ("no hyphen", "here", "no hyphen here"),
    ("very landslide-", "prone areas", "very landslide-prone areas"),  # as flood-prone
])
def test_line_end_hyphens(before: str, after: str, joined: str) -> None:
    vocabulary = _Vocabulary(["on its seventy-eighth session", "in flood-prone areas"])
    drop, addition = vocabulary.join(before, after)
    assert (before[:-1] if drop else before) + addition == joined


def test_clean_run_text() -> None:
    assert clean("con\ufb01rmed \ufb02ows \ufb00 \ufb03") == "confirmed flows ff ffi"
    assert clean("congrat\x02") == "congrat-"  # PDFium's mark for a hyphen at a line end
    assert clean("soft\u00ad") == "soft-"
    assert clean("a\x00b\x1bc  d\ud800") == "abc d\ufffd"


def test_running_heads_stay_once_page_numbers_go_titles_stay() -> None:
    pages = []
    words = ["Convoys", "Shelling", "Returns"]
    for number, word in enumerate(words, 1):
        lines = [(60, 800, "OCHA Sudan: Situation Report"), (480, 800, f"{number} of 3"),
                 *prose([f"{word} were reported today."]), (290, 30, f"- {number} -")]
        if number == 1:
            lines.append((60, 780, "A TITLE ON THE FIRST PAGE ONLY"))
        pages.append(page(lines))
    text, starts = compose(pages)
    assert text.split("\n\n") == ["A TITLE ON THE FIRST PAGE ONLY",
                                  "Convoys were reported today.",
                                  "OCHA Sudan: Situation Report",  # once, ending page 1
                                  *(f"{word} were reported today." for word in words[1:])]
    assert [text[s:].split()[0] for s in starts] == ["A", "Shelling", "Returns"]


def test_a_two_page_report_keeps_its_contact_foot_once_and_joins_across_it() -> None:
    """As a PAHO sitrep: the agency and contact lines at the foot of both pages, a
    "Page | N" number; the paragraph cut by the page break still joins past the foot."""
    foot = [(150, 60, "Organisation Panaméricaine de la Santé"),
            (170, 46, "For more information contact ops@agency.org")]
    first = page([*prose(["Teams reached the south after the storm and", "found the "
                          "roads to the coast cut in many"]), *foot, (500, 30, "Page | 1")])
    second = page([*prose(["places by landslides.", "", "Clinics reopened."]), *foot,
                   (500, 30, "Page | 2")])
    text, starts = compose([first, second])
    assert text.split("\n\n") == [
        "Teams reached the south after the storm and found the roads to the coast cut in "
        "many places by landslides.", "Organisation Panaméricaine de la Santé",
        "For more information contact ops@agency.org", "Clinics reopened."]
    assert "Page" not in text and text[starts[1]:].startswith("Clinics")  # after the foot


def test_a_lone_page_number_goes_even_on_one_page() -> None:
    text, _ = compose([page([*prose(["Only text."]), (290, 30, "Page 1"),
                             (500, 800, "iv")])])
    assert text == "Only text."


def test_a_paragraph_cut_by_a_page_break_is_joined_and_the_page_starts_inside() -> None:
    first = page(prose(["The convoy reached the camp after a long", "journey through the "
                        "contested", "areas near El Fasher and the dis-"]))
    second = page(prose(["placed families were registered.", "", "A new paragraph."]))
    text, starts = compose([first, second])
    assert text == ("The convoy reached the camp after a long journey through the contested "
                    "areas near El Fasher and the displaced families were registered.\n\n"
                    "A new paragraph.")
    assert text[starts[1]:].startswith("placed families")


def test_paragraph_breaks_gap_indent_bullet_and_short_line() -> None:
    long = "x" * 80
    next_ = "Next " + "x" * 75
    lines = [(60, 760, long), (60, 746, "ends here."), (60, 724, long),  # a wider gap
             (60, 710, "short line ends."), (60, 696, next_),  # "Next" would have fitted
             (78, 682, long), (60, 668, long),  # a first-line indent
             (60, 654, "\u2022 item one"), (60, 640, "\u2022 item two")]
    text, _ = compose([page(lines)])
    assert text.split("\n\n") == [f"{long} ends here.", f"{long} short line ends.", next_,
                                  f"{long} {long}", "\u2022 item one", "\u2022 item two"]


def test_columns_are_read_one_after_the_other_and_tables_row_by_row() -> None:
    left = [f"left column line {n:02d} of the text" for n in range(8)]
    right = [f"right column line {n:02d} of the text" for n in range(8)]
    lines = [*prose(left), *prose(right, x=320)]
    text, _ = compose([page(lines)])
    assert text == " ".join(left) + " " + " ".join(right)
    table = [(60, 760, "State"), (200, 760, "Displaced"), (60, 740, "Khartoum"),
             (200, 740, "2,851,000"), (60, 720, "Gedaref"), (200, 720, "151,000"),
             (60, 700, "Kassala"), (200, 700, "90,000")]
    text, _ = compose([page(table)])
    assert text.split("\n\n") == ["State | Displaced", "Khartoum | 2,851,000",
                                  "Gedaref | 151,000", "Kassala | 90,000"]


def test_a_last_page_with_little_text_keeps_the_columns_of_the_page_before() -> None:
    full = page([*prose([f"left line {n:02d} with words" for n in range(8)]),
                 *prose([f"right line {n:02d} with words" for n in range(8)], x=320)])
    last = page([(60, 760, "the end of the left column."), (320, 760, "Signed, the chair.")])
    text, _ = compose([full, last])
    assert text.endswith("right line 07 with words the end of the left column.\n\n"
                         "Signed, the chair.")


def test_a_single_column_page_with_short_lines_is_not_split() -> None:
    lines = prose(["A heading", "x" * 90, "x" * 90, "short last line.", "Another heading",
                   "x" * 90, "end."])
    lines.append((400, 600, "Signed: the coordinator"))
    text, _ = compose([page(lines)])
    assert text.startswith("A heading")
    assert "Signed: the coordinator" in text.split("\n\n")[-1]


@pytest.mark.parametrize(("rotation", "box"), [
    (0, (10, 20, 30, 40)), (90, (20, 570, 40, 590)), (180, (570, 802, 590, 822)),
    (270, (802, 10, 822, 30))])
def test_boxes_of_rotated_pages(rotation: int, box: tuple[int, int, int, int]) -> None:
    assert _rotated((10, 20, 30, 40), rotation, 600, 842) == box


def test_no_text_gives_empty_text_and_pages_at_the_end() -> None:
    text, starts = compose([page([]), page([])])
    assert (text, starts) == ("", (0, 0))


def test_prose_beside_a_caption_on_shared_baselines_is_not_a_table() -> None:
    """The producer writes the prose, then the caption beside it: two blocks, not rows."""
    text_lines = ["The hospital courtyard flooded after the canals overflowed and the",
                  "medical director moved stable patients to the nursing school while",
                  "the roads around the hospital stayed under water for two days."]
    caption = ["Figure 2. Hospital of", "Les Cayes"]
    runs = page([*prose(text_lines), *prose(caption, x=420)])
    text, _ = compose([runs])
    assert text.split("\n\n") == [" ".join(text_lines), "Figure 2. Hospital of Les Cayes"]


def test_a_caption_centred_over_two_lines_stays_one_paragraph() -> None:
    """The PAHO sitrep's photo caption: two centred lines, the second looks indented."""
    caption = [(430, 300, "Figure 2. Hospital of Les Cayes"), (470, 286, "Conception area")]
    text, _ = compose([page([*prose(["The hospital courtyard flooded."]), *caption])])
    assert "Figure 2. Hospital of Les Cayes Conception area" in text.split("\n\n")


def test_cells_written_one_after_another_on_a_baseline_are_rows() -> None:
    cells = [(60, 700, "Department"), (200, 700, "People"), (60, 686, "Sud"),
             (200, 686, "388,500"), (60, 672, "Nippes"), (200, 672, "96,200")]
    text, _ = compose([page(cells)])
    assert text.split("\n\n") == ["Department | People", "Sud | 388,500", "Nippes | 96,200"]


def test_a_bold_heading_of_the_texts_size_is_its_own_paragraph() -> None:
    """Bold to plain where the next word would have fitted: a heading. A bold link that
    runs on at the line's end is not one."""
    lines = [("• Critical Humanitarian Needs", True),
             ("Hurricane Melissa has left a profound humanitarian crisis in Haiti,", False),
             ("affecting an estimated 1.25 million people across 59 communes, for", False),
             ("their families and their homes; for more, visit the World Food", False),
             ("Programme", True)]
    runs = [Run(60, 700 - LINE * n, 60 + 5 * len(t), 710 - LINE * n, t, 10.5, bold)
            for n, (t, bold) in enumerate(lines)]
    text, _ = compose([PageRuns(595, 842, runs)])
    assert text.split("\n\n") == [lines[0][0], " ".join(t for t, _ in lines[1:])]


def test_a_page_of_thousands_of_scattered_words_stays_fast() -> None:
    """A map's labels: every word its own block. Ordering blocks is cubic, so past a
    bound the page is read top down; grouping looks only at the latest blocks. Before
    the bounds this page took minutes; the limit here only catches that again."""
    import random
    import time

    rng = random.Random(1)
    runs = [Run(x, y, x + 30, y + 10, f"w{n}", 10.0) for n in range(3000)
            for x, y in [(rng.uniform(0, 560), rng.uniform(0, 830))]]
    began = time.perf_counter()
    text, _ = compose([PageRuns(595, 842, runs)])
    assert time.perf_counter() - began < 30
    assert sorted(w for w in text.split() if w != "|") == sorted(f"w{n}" for n in range(3000))
