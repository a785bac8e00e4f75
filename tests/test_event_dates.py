"""Event dates by general rules (look-alike sentences written for these tests, no real
release text): the night before, the day of the announcement, a title's or a mixed-case
dateline's date."""

from __future__ import annotations

from datetime import date

from briefing_tui.core.brief.timeline import event_date
from briefing_tui.core.figures import SentenceRef, document_date, figures_in, side_by_side
from briefing_tui.core.figures.dates import dateline, dates_in, opening_dateline


def test_overnight_is_the_night_before_unless_a_day_is_named() -> None:
    wednesday = date(2014, 9, 24)
    assert [d.date for d in dates_in("Police detained two suspects overnight.", wednesday)] \
        == ["2014-09-23"]  # the night began the day before: the event's start
    named = "Police detained two suspects during an overnight raid in Bannu Monday."
    assert [d.date for d in dates_in(named, wednesday)] == ["2014-09-22"]  # Monday night
    (figure,) = figures_in(named, [SentenceRef(1, 0, len(named))], metadata_date="2014-09-24")
    assert figure.date == "2014-09-22"


def test_the_announcement_day_is_not_the_event_day() -> None:
    text = "Police yesterday confirmed the arrest of three militants in Quetta on June 2."
    (figure,) = figures_in(text, [SentenceRef(1, 0, len(text))], metadata_date="2015-06-10")
    assert (figure.date, figure.date_stated) == ("2015-06-02", True)
    assert event_date(text, date(2015, 6, 10))[:2] == ("2015-06-02", "")
    said = "Officials announced Monday that two militants were killed on 3 May."
    assert event_date(said, date(2015, 5, 6))[0] == "2015-05-03"
    alone = "Police yesterday confirmed the arrest of three militants."
    assert event_date(alone, date(2015, 6, 10))[0] == "2015-06-09"  # nothing else said


def test_a_dateline_with_its_city_in_mixed_case() -> None:
    text = "Strikes in Kunar\nKabul, Afghanistan (Dec. 9, 2009) - A strike hit a camp yesterday."
    top = dateline(text)
    assert top is not None and top[0] == date(2009, 12, 9)
    assert text[top[2]:].lstrip().startswith("A strike")
    assert dateline("Mullah Omar, a leader (born in 1960) said") is None


def test_a_title_ending_with_the_issue_date_dates_the_document() -> None:
    text = ("Joint Command Evening Operational Update June 13, 2011\n2011-06-S-045\n\n"
            "Police detained a suspected facilitator, Tuesday.")
    assert document_date(text, None) == date(2011, 6, 13)
    (figure,) = figures_in(text, [SentenceRef(1, text.index("Police"), len(text))])
    assert figure.date == "2011-06-07"  # the Tuesday before that Monday
    assert document_date("Flash Update 3 - 26 October 2025\n\nText.", None) == date(2025, 10, 26)
    # a sentence that ends with a date is no title: no document date from it
    assert document_date("Police detained two suspects on June 13, 2011.\n", None) is None
    assert document_date("Police detained two suspects on June 13, 2011\n", None) is None


def test_a_dateline_opening_a_later_sentence_is_the_filing_place_and_day() -> None:
    first = "KABUL, Afghanistan (Jan. 20, 2011) — Police detained two militants in Bannu."
    later = ("KABUL, Afghanistan (Jan. 30, 2011) — Two militants were detained on Jan. 19 "
             "during a search of compounds in Khost.")
    text = f"{first}\n\n{later}"
    at = text.index(later)
    assert later[opening_dateline(later):].lstrip().startswith("Two militants")
    (figure,) = figures_in(text, [SentenceRef(2, at, len(text))])
    assert (figure.place, figure.date) == ("Khost", "2011-01-19")  # not Kabul, not Jan. 30


def test_a_date_no_sentence_states_is_marked_as_the_documents() -> None:
    text = "Police detained two militants in Khost. Police killed a militant on 3 May."
    cut = text.index("Police killed")
    refs = [SentenceRef(1, 0, cut - 1), SentenceRef(2, cut, len(text))]
    groups = side_by_side(figures_in(text, refs, metadata_date="2015-05-06"))
    assert [key[3] for key, _ in groups] == ["2015-05-06 (document date)", "2015-05-03"]


def test_the_past_24_hours_are_the_reports_day_and_48_start_the_day_before() -> None:
    thursday = date(2011, 1, 6)
    found = dates_in("Troops killed 12 militants over the past 24 hours.", thursday)
    assert [(d.date, d.until) for d in found] == [("2011-01-06", "")]
    found = dates_in("Troops killed 12 militants in the last 48 hours.", thursday)
    assert [(d.date, d.until) for d in found] == [("2011-01-05", "2011-01-06")]
    assert event_date("Troops killed 12 militants over the past 24 hours.", thursday) == (
        "2011-01-06", "", True)  # stated, not the document's date by default


def test_days_ago_and_the_day_before_yesterday_count_back_from_the_document() -> None:
    friday = date(2014, 9, 26)
    told = ("Police detained two suspects two days ago.",
            "Two civilians were killed the day before yesterday in Bannu.",
            "A raid 3 days ago killed one militant.")
    assert [[d.date for d in dates_in(text, friday)] for text in told] == [
        ["2014-09-24"], ["2014-09-24"], ["2014-09-23"]]
    assert dates_in("Police detained two suspects two days ago.", None) == []


def test_the_weekend_is_the_saturday_and_sunday_before() -> None:
    tuesday, sunday = date(2014, 9, 30), date(2014, 9, 28)
    (told,) = dates_in("Police detained two suspects over the weekend.", tuesday)
    assert (told.date, told.until) == ("2014-09-27", "2014-09-28")
    (told,) = dates_in("Police detained two suspects this weekend.", sunday)
    assert (told.date, told.until) == ("2014-09-27", "2014-09-28")


def test_a_dateline_with_a_comma_or_dash_before_its_date() -> None:
    for text in ("KABUL, Afghanistan, (Dec. 9, 2009) - A strike hit a camp yesterday.",
                 "KABUL, Afghanistan \u2013 (Dec. 9, 2009) A strike hit a camp yesterday."):
        top = dateline(text)
        assert top is not None and top[0] == date(2009, 12, 9)
        assert text[top[2]:].lstrip().startswith("A strike")


def test_a_possessive_day_owned_by_the_figures_own_event_dates_it() -> None:
    text = "The raid came after yesterday's arrest of a Haqqani facilitator in Khost."
    (figure,) = figures_in(text, [SentenceRef(1, 0, len(text))], metadata_date="2012-03-07")
    assert (figure.kind, figure.date, figure.date_stated) == ("arrested", "2012-03-06", True)
    # another event's day stays another's: "Monday's blast" does not date these arrests
    other = "Police arrested two men after Monday's blast in Khost."
    (figure,) = figures_in(other, [SentenceRef(1, 0, len(other))], metadata_date="2012-03-07")
    assert (figure.date, figure.date_stated) == ("2012-03-07", False)
