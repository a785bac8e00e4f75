"""The abbreviations the splitter knows: a short curated list instead of nupunkt's learned one.

nupunkt's model learned 5,865 "abbreviations" from legal and financial text, among them
ordinary words that end sentences in briefings (*month, century, story, will, york, sir*):
each one silently glued two sentences together. A word belongs here only when, in
briefings, it is followed by a period far more often as an abbreviation than as the end of
a sentence. Units that end sentences as often as not (``km``, ``kg``) stay out; a number
before them is not enough to hold a sentence together ("The convoy travelled 12.5 km.").

Dotted acronyms (``U.S.``, ``D.R.C.``) need no entry to stay whole before a lowercase word
(:mod:`briefing_tui.core.segment.sentences` never starts a sentence with a lowercase
continuation); the common ones are listed so that Punkt's orthographic evidence decides
before a capitalised word ("the U.S. Government" vs "by the U.S. The Taliban").
"""

from __future__ import annotations

_TITLES = """
mr mrs ms messrs mme mlle dr prof rev hon sr jr st mt ft gen lt col maj capt cpl sgt pvt
adm cmdr cdr brig gov sen rep pres amb supt insp det esq dep asst atty fr sra
"""
_MONTHS_AND_DAYS = "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri"
_REFERENCES = """
e.g i.e etc cf al vs viz ca approx est fig figs no nos vol vols p pp para paras art arts
ch chap sect secs ed eds op cit ibid seq n° nº ref refs encl
"""
_ORGANISATIONS = "co corp inc ltd llc plc bros dept div univ assn assoc intl natl govt ave blvd rd"
_DOTTED = """
u.s u.k u.n e.u u.s.a u.a.e u.s.s.r d.r.c d.c a.m p.m n.b a.k.a n.y l.a r.s.f
"""

#: Every abbreviation, lowercased and without its final period (Punkt's ``abbrev_types``).
ABBREVIATIONS: frozenset[str] = frozenset(
    " ".join((_TITLES, _MONTHS_AND_DAYS, _REFERENCES, _ORGANISATIONS, _DOTTED)).split())
