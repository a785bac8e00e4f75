"""Deterministic generator of news-like briefings for benchmarks (fixed seed, no clock).

The text mixes what real briefings hold and what makes segmenters and wrappers slow:
headlines, datelines, bullet lists, abbreviations (U.N., Lt. Col.), numbers (7,000;
3.5 million), curly quotes and em dashes, Arabic-script names, and hard-wrapped paragraphs.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from pathlib import Path

PLACES = ["Kabul", "Islamabad", "Torkham", "Herat", "Kandahar", "Peshawar", "Quetta",
          "Spin Boldak", "Jalalabad", "Khartoum", "El Fasher", "Port Sudan", "Sittwe",
          "Cox’s Bazar", "Geneva", "New York", "لښکرګاه", "تورخم"]
ACTORS = ["the U.N. Security Council", "Lt. Col. Ahmad Zia", "UNHCR", "the Taliban",
          "Pakistan’s foreign ministry", "Dr. Ahmadi of the WHO", "aid agencies",
          "the Rapid Support Forces", "Gen. Asim Munir", "the Afghan government",
          "Mullah Hamdullah Fitrat", "OCHA", "the European Union", "Amb. Brink"]
VERBS = ["said", "warned", "reported", "confirmed", "denied", "announced", "urged"]
OBJECTS = ["that {n} people had been displaced in {days} days",
           "that talks would resume in {place} on Jan. {day}",
           "an increase of {pct}% in border crossings",
           "“a grave breach of sovereignty” near {place}",
           "that $ {m} million was needed — most of it for shelter",
           "restraint after shelling near checkpoint No. {day}",
           "that returnees faced food prices up {pct}% since 2023"]
HEADINGS = ["Military Tensions with TTP", "Mass Deportations And Repatriation",
            "Humanitarian Access", "Implications for Refugees", "Diplomatic Talks"]


def _sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS).format(
        n=f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}", days=rng.randint(2, 90),
        place=rng.choice(PLACES), day=rng.randint(1, 28), pct=rng.randint(3, 95),
        m=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}")
    sentence = f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {obj}."
    return sentence[0].upper() + sentence[1:]


def _paragraph(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(HEADINGS)
    if roll < 0.13:
        return "\n".join(f"- {_sentence(rng)[:-1]}" for _ in range(rng.randint(2, 5)))
    if roll < 0.16:
        return f"{rng.choice(PLACES).upper()}, Nov. {rng.randint(1, 30)} (Reuters) — " + \
            _sentence(rng)
    body = " ".join(_sentence(rng) for _ in range(rng.randint(2, 7)))
    if roll < 0.45:
        return textwrap.fill(body, 72)
    return body


def briefing(size: int, seed: int = 1) -> str:
    """A briefing of about ``size`` characters, the same for the same arguments."""
    rng = random.Random(seed)
    parts = ["Afghans have left Pakistan and returned to their home country"]
    total = len(parts[0])
    while total < size:
        para = _paragraph(rng)
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, help="characters")
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.write_text(briefing(args.size, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
