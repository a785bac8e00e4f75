"""Hard-wrapped briefings for measuring the false sentence breaks a wrap causes.

A wrap only replaces spaces by newlines, so the same text unwrapped (each paragraph on
one line) is its own reference: a sentence start found in the wrapped text but not in the
unwrapped one was made by the wrap. The sentences are real-like briefing prose, with the
words a wrap can put first on a line to look like a list item or a heading: ``— `` (a
dash clause), ``W. E. B.`` (initials), ``p. 17)`` (a page reference), ``ill.`` (a roman-
numeral look-alike), ``162.`` (a figure ending a sentence), ``A. Rahman``.
"""

from __future__ import annotations

import random

_PLAIN = (
    "The Rapid Support Forces said that {n:,} people had been displaced in {d} days.",
    "Aid agencies warned that food prices had risen by {p}% since the border closed.",
    "Officials in Kabul said the returnees were sheltering in tents near the crossing.",
    "The ministry of refugees denied that any family had been turned back at Torkham.",
    "Gen. Asim Munir told reporters that talks would resume in Quetta on Jan. {d}.",
    "According to Dr. Ahmadi of the WHO, cholera cases rose in {d} districts.",
    "The U.N. Security Council met on Tuesday and condemned the attack on the convoy.",
    "Fighting near the airport continued through the night, residents said.",
    "At least {n:,} people crossed into Pakistan, according to the UNHCR.",
)
_TRICKY = (
    "The report — issued by OCHA on Monday — says {n:,} people fled the district.",
    "As W. E. B. Du Bois wrote, the problem of the century is the colour line.",
    "The figures for the province (see p. {d}) show a steep rise in displacement.",
    "Many of the detainees were described by their families as ill. Doctors were refused.",
    "The number of verified deaths in the camps rose to {n3}. The ministry disputed it.",
    "The governor, A. Rahman, said the road to the crossing had reopened on Sunday.",
    "Two clinics — one of them run by MSF — closed after the shelling of the market.",
    "The annex lists each incident by date (pp. {d}–{d2}) and by province.",
)


def _sentence(rng: random.Random) -> str:
    template = rng.choice(_TRICKY if rng.random() < 0.35 else _PLAIN)
    return template.format(n=rng.randint(1_000, 90_000), d=rng.randint(2, 28),
                           d2=rng.randint(29, 60), p=rng.randint(5, 90),
                           n3=rng.randint(100, 999))


def wrap(paragraph: str, width: int) -> str:
    """Greedy wrap that only turns spaces into newlines (offsets are kept)."""
    out = list(paragraph)
    line_start = 0
    last_space = -1
    for index, char in enumerate(paragraph):
        if char == " ":
            last_space = index
        if index - line_start >= width and last_space > line_start:
            out[last_space] = "\n"
            line_start = last_space + 1
    return "".join(out)


def briefing_pair(sentences: int, width: int, seed: int = 1,
                  extra: list[str] | None = None) -> tuple[str, str]:
    """``(unwrapped, wrapped)``: the same paragraphs, the second wrapped at ``width``
    columns (one width per document, as a word processor or mailer would).

    ``extra`` (e.g. paragraphs of a real corpus) is mixed in after the generated ones.
    """
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < sentences:
        size = rng.randint(1, 7)
        paragraphs.append(" ".join(_sentence(rng) for _ in range(size)))
        count += size
    paragraphs += extra or []
    flat = "\n\n".join(paragraphs)
    wrapped = "\n\n".join(wrap(p, width) for p in paragraphs)
    return flat, wrapped
