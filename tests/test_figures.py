"""Key figures from look-alike sentences (written for these tests, no real release text)."""

from __future__ import annotations

from datetime import date

import pytest

from briefing_tui.core.figures import SentenceRef, document_date, figures_in, side_by_side
from briefing_tui.core.figures.dates import dateline, dates_in, headline_date, year_hint
from briefing_tui.core.figures.gazetteer import canonical, entries, find_places
from briefing_tui.core.figures.numbers import value_of
from briefing_tui.core.figures.rules import counts_in


@pytest.mark.parametrize(("written", "value"), [
    ("7,000", 7000), ("5.8K", 5800), ("2.4 million", 2_400_000), ("three million", 3_000_000),
    ("forty-two", 42), ("a dozen", 12), ("an", 1), ("two hundred and five", 205)])
def test_numbers_as_written(written: str, value: int) -> None:
    assert value_of(written) == value


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The patrol killed two militants near the river.", [(2, "exact", "killed", "militants")]),
    ("Police detained three suspected militants and one militant commander.",
     [(3, "exact", "detained", "militants"), (1, "exact", "detained", "commanders")]),
    ("A militant was killed when the patrol returned fire.",
     [(1, "exact", "killed", "militants")]),
    ("More than 7,000 people were displaced last month.", [(7000, "min", "displaced", "people")]),
    ("Some 2.4 million refugees have returned since January.",
     [(2_400_000, "approx", "returned", "refugees")]),
    ("Up to forty-two families were affected by the floods.",
     [(42, "max", "affected", "families")]),
    ("The patrol captured the militant commander at dawn.",
     [(1, "exact", "captured", "commanders")]),
    ("The raid led to the capture of 12 fighters and the arrest of two suspects.",
     [(12, "exact", "captured", "fighters"), (2, "exact", "arrested", "suspects")]),
    ("Shelling caused the deaths of at least five civilians.",
     [(5, "min", "killed", "civilians")]),
    ("The drought forced the displacement of some 7,000 people.",
     [(7000, "approx", "displaced", "people")]),
    ("Officials confirmed the capture of the two militants.", []),  # told before
])
def test_counts_in_look_alike_sentences(sentence: str, expected: list[tuple[object, ...]]) -> None:
    assert [(c.value, c.qualifier, c.kind, c.who) for c in counts_in(sentence)] == expected


def test_a_back_reference_is_not_counted_again() -> None:
    assert counts_in("The two militants killed in the raid were carrying rifles.") == []


def test_gazetteer_has_every_afghan_province_and_its_spellings() -> None:
    afghan = {e.name for e in entries().values() if e.country == "AFG"}
    assert len(afghan) == 34
    assert canonical("Paktya").name == "Paktia"  # type: ignore[union-attr]
    assert canonical("sar-e pul").name == "Sar-e Pol"  # type: ignore[union-attr]
    places = find_places("Near Torkham crossing and in Oruzgan province, not kp.")
    assert [(p.entry.name, p.entry.adm1, p.named_province) for p in places] == [
        ("Torkham", "Khyber Pakhtunkhwa", False), ("Uruzgan", "Uruzgan", True)]


def test_dates_resolve_against_the_document_date() -> None:
    tuesday = date(2015, 3, 10)
    found = dates_in("The raid took place Sunday; another yesterday; and on 2 March.",
                     tuesday)
    assert [d.date for d in found] == ["2015-03-08", "2015-03-09", "2015-03-02"]
    assert dates_in("It happened yesterday.", None) == []  # no reference: no guess
    top = dateline("QUETTA, Pakistan (Feb. 4, 2015) — Police said")
    assert top is not None and top[0] == date(2015, 2, 4)


def test_figures_keep_citation_place_date_and_source() -> None:
    text = ("PESHAWAR, Pakistan (June 3, 2014) — Police arrested four suspected militants "
            "in Bannu yesterday.\u2028Over 5,000 families were displaced in North Waziristan, "
            "according to UNHCR.")
    cut = text.index("\u2028")
    refs = [SentenceRef(1, 0, cut), SentenceRef(2, cut + 1, len(text))]
    first, second = figures_in(text, refs, document="look.txt", source="Wire")
    assert (first.value, first.kind, first.place, first.date, first.date_stated,
            first.source, first.sentence) == (4, "arrested", "Khyber Pakhtunkhwa",
                                              "2014-06-02", True, "Wire", 1)
    assert text[first.start:first.end].startswith("arrested four")
    assert (second.value, second.qualifier, second.source, second.date_stated) == (
        5000, "min", "UNHCR", False)


def test_sources_on_the_same_thing_sit_side_by_side_never_summed() -> None:
    text = ("About 3,000 people were displaced in Kunar, according to IOM. "
            "At least 4,500 people were displaced in Kunar, according to OCHA.")
    middle = text.index("At least")
    refs = [SentenceRef(1, 0, middle - 1), SentenceRef(2, middle, len(text))]
    groups = side_by_side(figures_in(text, refs, metadata_date="2016-05-01"))
    assert len(groups) == 1
    key, group = groups[0]
    assert key == ("displaced", "people", "Kunar", "2016-05-01 (document date)")
    assert [(f.source, f.value) for f in group] == [("IOM", 3000), ("OCHA", 4500)]


def test_vague_quantities_are_their_least_and_marked_min() -> None:
    counts = counts_in("Police detained several suspected militants and multiple gunmen; "
                       "the force detained numerous suspected insurgents.")
    assert [(c.value, c.qualifier, c.who) for c in counts] == [
        (3, "min", "militants"), (3, "min", "gunmen"), (4, "min", "insurgents")]


def test_the_event_day_not_the_reporting_day() -> None:
    text = "Today, police confirmed a militant commander was arrested in Bannu, Sunday."
    (figure,) = figures_in(text, [SentenceRef(1, 0, len(text))],
                           metadata_date="2015-03-10")
    assert (figure.date, figure.date_stated) == ("2015-03-08", True)


def test_a_dateline_without_year_takes_the_release_number_above_it() -> None:
    top = dateline("2014-06-S-011\nFor Immediate Release\n\nQUETTA, Pakistan (June 4) — Police")
    assert top is not None and top[0] == date(2014, 6, 4)


def test_a_named_group_and_its_associates() -> None:
    counts = counts_in("Police captured a Lashkar of the Valley commander and two associates.")
    assert [(c.value, c.who) for c in counts] == [(1, "commanders"), (2, "associates")]


def test_no_count_inside_a_word_and_no_pronoun_as_source() -> None:
    from briefing_tui.core.figures.rules import attribution

    assert counts_in("Thousands of Afghan refugees are expelled each month.") == []
    assert attribution("He said that 300 migrants had been deported.") == ""
    assert attribution("UNHCR said that 300 migrants had been deported.") == "UNHCR"


def test_ranges_and_last_week_are_one_date_with_a_last_day() -> None:
    wednesday = date(2012, 10, 3)
    found = dates_in("Fighting on 28-30 September, talks between Oct. 1 and 2; and last "
                     "week a raid.", wednesday)
    assert [(d.date, d.until) for d in found] == [
        ("2012-09-28", "2012-09-30"), ("2012-10-01", "2012-10-02"),
        ("2012-09-24", "2012-09-30")]
    assert [(d.date, d.until) for d in dates_in("from 5 to 3 May", wednesday)] == [
        ("2012-05-03", "")]  # not a range backwards: only the day it can read


def test_a_headline_date_and_a_release_number_date_a_release_without_dateline() -> None:
    text = ("Dec. 6: Operations Conducted in Laghman\n\nISAF Joint Command 2009-12-CA-060\n\n"
            "A security force detained two insurgents in Laghman province yesterday.")
    assert headline_date(text) == date(2009, 12, 6)
    assert document_date(text, None) == date(2009, 12, 6)
    bare = "ISAF 2010-06-CA-001\n\nForces killed two insurgents in Paktika province, June 25."
    assert document_date(bare, None) is None and year_hint(bare) == 2010
    [figure] = figures_in(bare, [SentenceRef(1, 21, len(bare))])
    assert (figure.date, figure.date_stated) == ("2010-06-25", True)
    assert dates_in("It happened yesterday.", None, year=2010) == []  # still no guess


def test_the_date_nearest_the_figure_and_no_possessive_day() -> None:
    text = ("Police targeted a commander responsible for an attack Jan. 7 in Charkh, "
            "detaining four suspected militants in Logar yesterday.")
    (figure,) = figures_in(text, [SentenceRef(1, 0, len(text))], metadata_date="2015-01-09")
    assert figure.date == "2015-01-08"  # yesterday, written next to the detentions
    owned = "Police detained two suspects behind Tuesday\u2019s bombing in Quetta today."
    (figure,) = figures_in(owned, [SentenceRef(1, 0, len(owned))],
                           metadata_date="2015-06-11")
    assert figure.date == "2015-06-11"  # Tuesday's names the bombing, not the detentions


def test_the_past_few_days_start_that_many_days_before() -> None:
    found = dates_in("Troops killed 30 militants during the past two days.", date(2011, 3, 17))
    assert [(d.date, d.until) for d in found] == [("2011-03-15", "2011-03-16")]
