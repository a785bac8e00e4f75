"""Figures misread in real releases and statements, each written again as a look-alike
(no real text): who did it is not who it was done to, "returned fire" is no return, a
sentence's first word is no source."""

from __future__ import annotations

import pytest

from briefing_tui.core.figures.rules import attribution, counts_in, of_another_event


@pytest.mark.parametrize(("sentence", "expected"), [
    # the count before an active verb with an object is the doer
    ("Two gunmen killed a policeman in Quetta.", [(1, "exact", "killed", "policemen")]),
    ("An Afghan and coalition force arrested a militant commander.",
     [(1, "exact", "arrested", "commanders")]),
    ("An Afghan led and coalition supported force searched a compound in Kunar.", []),
    ("Five civilians were killed and some 7,000 people fled the fighting.",
     [(5, "exact", "killed", "civilians"), (7000, "approx", "displaced", "people")]),
    # shots returned are not people who came home
    ("The patrol identified multiple militant positions and returned fire with mortars.", []),
    # a role before a name, without an article: one person
    ("Police killed Lashkar commander Rahim during the raid.",
     [(1, "exact", "killed", "commanders")]),
    # "along with", "as well as": more people of the same act
    ("Police detained the commander along with three of his associates.",
     [(1, "exact", "detained", "commanders"), (3, "exact", "detained", "associates")]),
    ("Police arrested an Islamic Front (IFL) facilitator as well as two suspects.",
     [(1, "exact", "arrested", "facilitators"), (2, "exact", "arrested", "suspects")]),
    ("Police detained the targeted individual.", [(1, "exact", "detained", "individuals")]),
    # "a number of" is an unstated plural, read as "several" (it was "a": one)
    ("Forces killed a number of insurgents in Paktiya.", [(3, "min", "killed", "insurgents")]),
    ("A number of civilians were killed.", [(3, "min", "killed", "civilians")]),
    # an act meant is not an act done; one managed, or a preposition's "to", is
    ("Police detained two suspects during a raid to capture a militant commander.",
     [(2, "exact", "detained", "suspects")]),
    ("Police were able to detain two suspects.", [(2, "exact", "detained", "suspects")]),
    ("Rifles were seized in addition to detaining two suspects.",
     [(2, "exact", "detained", "suspects")]),
    # displaced people who went home are a return, counted as the people they are
    ("More than 350 displaced persons from Cox\u2019s Bazar camps have returned home.",
     [(350, "min", "returned", "displaced persons")]),
    ("Some 7,000 internally displaced persons returned to their villages.",
     [(7000, "approx", "returned", "IDPs")]),
    # a number word alone as the object, whom it counts left to the clause around it
    ("Troops dropped a grenade into the well, killing one and wounding two others.",
     [(1, "exact", "killed", ""), (2, "exact", "wounded", "others")]),
    ("The patrol killed two, detained several and seized rifles.",
     [(2, "exact", "killed", ""), (3, "min", "detained", "")]),
    ("Gunmen killed one of them at the checkpoint.", [(1, "exact", "killed", "")]),
    # a count that goes on to a noun not counted is no figure ("two hours")
    ("The patrol was detained two hours later.", []),
    ("By Friday the toll had reached 12.", []),
    # a bare count after a second verb of the chain counts more of whom the first counted,
    # not a noun of a later phrase ("during a clash with militants")
    ("Troops mistakenly killed three people and wounded one during a clash with militants.",
     [(3, "exact", "killed", "people"), (1, "exact", "wounded", "people")]),
    ("Police killed two suspects in a raid near fighters.",
     [(2, "exact", "killed", "suspects")]),
    # "another": one more of the same
    ("The patrol killed an IMU facilitator and detained another.",
     [(1, "exact", "killed", "facilitators"), (1, "exact", "detained", "facilitators")]),
    ("Police arrested a militant commander and captured another suspect.",
     [(1, "exact", "arrested", "commanders"), (1, "exact", "captured", "suspects")]),
    # a group's name before a role: the person is the role
    ("Soldiers detained a Taliban financier in Zabul.", [(1, "exact", "detained", "financiers")]),
    ("Police arrested the Taliban sub-commander and two Taliban in Kandahar.",
     [(1, "exact", "arrested", "sub-commanders"), (2, "exact", "arrested", "Taliban")]),
    ("The force killed three Taliban after a firefight.", [(3, "exact", "killed", "Taliban")]),
])
def test_counts_read_as_an_analyst_would(sentence: str, expected: list[tuple[object, ...]],
                                         ) -> None:
    assert [(c.value, c.qualifier, c.kind, c.who) for c in counts_in(sentence)] == expected


def test_a_sentence_opening_word_before_reports_is_no_source() -> None:
    assert attribution("Initial reports indicate 13 militants were killed.") == ""
    assert attribution("Local media reported that two people died.") == ""
    assert attribution("UNHCR reported that 300 refugees returned.") == "UNHCR"


@pytest.mark.parametrize(("sentence", "another"), [
    ("The commander is linked to a roadside bomb attack that killed four soldiers.", True),
    ("Police say he led an ambush which had killed two policemen in May.", True),
    ("He is accused of planning raids on convoys, including the killing of three civilians.",
     True),
    ("The Taliban leader was responsible for the deaths of two students.", True),
    # the sentence's own event, whatever else it says of the target
    ("The force, searching for a leader behind attacks on police, killed two insurgents.",
     False),
    ("Afghan forces, responsible for security in Kunduz, detained three suspects.", False),
])
def test_a_count_told_of_another_event(sentence: str, another: bool) -> None:
    (count,) = [c for c in counts_in(sentence) if c.kind in ("killed", "detained")]
    assert of_another_event(sentence[:count.start]) is another
