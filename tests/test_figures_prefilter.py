"""The first-word pre-filter in front of the figure, place and actor patterns: it may
only skip a sentence that surely holds none of them (issue 17: export speed)."""

from __future__ import annotations

from briefing_tui.core.brief.mentions import Known, Mentions
from briefing_tui.core.figures.first_words import first_words, may_name
from briefing_tui.core.figures.gazetteer import find_places
from briefing_tui.core.figures.rules import counts_in


def test_a_sentence_without_the_first_word_is_ruled_out() -> None:
    words = first_words(["Maidan Wardak", "Kabul"])
    assert not may_name("Nothing happened in the capital.", words)
    assert not may_name("Kabulistan and _kabul are other words.", words)
    assert may_name("Fighting near KABUL — “again”.", words)
    assert may_name("Maidan-Wardak province", words)


def test_names_it_cannot_judge_turn_it_off() -> None:
    assert first_words(["-dash first"]) is None
    assert first_words(["\u212aabul"]) is None  # the Kelvin sign matches k case-blind
    assert may_name("anything at all", None)


def test_non_ascii_text_is_judged_as_re_would_match_it() -> None:
    words = first_words(["Herāt", "Kunar"])
    assert may_name("Attacks in HERĀT district", words)
    assert not may_name("هرات و کابل — no name written in Latin letters", words)
    assert may_name("the \u212aunar valley", words)  # re would match it: so must we


def test_figures_places_and_actors_still_found_in_typographic_text() -> None:
    sentence = "Forces detained five insurgents in Kunar province, “officials” said — again."
    assert [(c.value, c.kind) for c in counts_in(sentence)] == [(5, "detained")]
    assert [p.entry.name for p in find_places(sentence)] == ["Kunar"]
    assert counts_in("A quiet day in the valley — “nothing” to report.") == []
    mentions = Mentions([Known("Médecins Sans Frontières", "actor", ("MSF",))])
    assert mentions.in_text("Médecins Sans Frontières said") == ("Médecins Sans Frontières",)
    assert mentions.in_text("MSF said, then the Taliban denied it.") == (
        "Médecins Sans Frontières", "Taliban")
