"""Word's list labels as Word shows them: ``a.``, ``iv)``, ``1.2``, ``(c)``, ``•``.

A numbered paragraph names a list instance (``numId``) and a level (``ilvl``); the
instance points to an abstract list whose levels say the number format (``decimal``,
``lowerLetter``, ``upperRoman`` …), the start value and the label text with the level
numbers in it (``%1.%2.``). Counting follows Word: instances of one abstract list share
their counters (so a list interrupted by a paragraph carries on), a deeper level starts
again under each new item above it (unless its ``lvlRestart`` says not), legal
numbering (``isLgl``) shows every level in decimal, and an instance with a
``lvlOverride``/``startOverride`` restarts that level the first time it is used — the
way Word writes "Restart at 1". Bullets of any glyph become ``• ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACE = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


def _val(node: ElementTree.Element | None, default: str = "") -> str:
    return node.get(f"{W}val", default) if node is not None else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # restart after this level (1-based); 0 = never
    legal: bool = False


@dataclass
class Definitions:
    """The numbering part: abstract lists' levels and each instance's overrides."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> starts
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId's own lvl


def _level(node: ElementTree.Element) -> Level:
    restart = node.find(f"{W}lvlRestart")
    label = node.find(f"{W}lvlText")  # Word always writes it; other writers may not
    ilvl = _int(node.get(f"{W}ilvl", "0"), 0)
    return Level(fmt=_val(node.find(f"{W}numFmt"), "decimal"),
                 text=_val(label, "") if label is not None else f"%{ilvl + 1}.",
                 start=_int(_val(node.find(f"{W}start"), "1"), 1),
                 restart=_int(_val(restart), 1) if restart is not None else None,
                 legal=node.find(f"{W}isLgl") is not None and
                 _val(node.find(f"{W}isLgl"), "1") not in ("0", "false"))


def read_definitions(root: ElementTree.Element | None) -> Definitions:
    out = Definitions()
    if root is None:
        return out
    for node in root.iter(f"{W}abstractNum"):
        out.abstract[node.get(f"{W}abstractNumId", "")] = {
            _int(lvl.get(f"{W}ilvl", "0"), 0): _level(lvl) for lvl in node.iter(f"{W}lvl")}
    for num in root.iter(f"{W}num"):
        ident = num.get(f"{W}numId", "")
        out.instances[ident] = _val(num.find(f"{W}abstractNumId"))
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = _int(override.get(f"{W}ilvl", "0"), 0)
            start = override.find(f"{W}startOverride")
            if start is not None:
                out.overrides.setdefault(ident, {})[ilvl] = _int(_val(start, "1"), 1)
            level = override.find(f"{W}lvl")
            if level is not None:
                out.levels.setdefault(ident, {})[ilvl] = _level(level)
    return out


def _letters(number: int, upper: bool) -> str:
    """Word's letters: a … z, then aa … zz, aaa …"""
    if number < 1:
        return str(number)
    letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
    return letter.upper() if upper else letter


def _roman(number: int, upper: bool) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = []
    for value, digits in _ROMAN:
        count, number = divmod(number, value)
        out.append(digits * count)
    return "".join(out).upper() if upper else "".join(out)


def format_number(number: int, fmt: str) -> str:
    """One level's number in its format (unknown formats as decimal)."""
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(number, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number, fmt == "upperRoman")
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL.get(number % 10, "th")
        return f"{number}{suffix}"
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Labels list paragraphs in document order (keeps Word's counters)."""

    def __init__(self, definitions: Definitions) -> None:
        self.defs = definitions
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> level -> value
        self.started: set[tuple[str, int]] = set()  # (numId, level) overrides applied

    def _level(self, num_id: str, ilvl: int) -> Level:
        own = self.defs.levels.get(num_id, {}).get(ilvl)
        if own is not None:
            return own
        abstract = self.defs.abstract.get(self.defs.instances.get(num_id, ""), {})
        return abstract.get(ilvl) or Level(fmt="bullet", text="\u2022")

    def label(self, num_id: str, ilvl: int) -> str:
        """The label (with its trailing space) of the next item at this list and level."""
        if num_id in ("", "0") or (num_id not in self.defs.instances and
                                   num_id not in self.defs.levels):
            return "" if num_id in ("", "0") else "\u2022 "
        level = self._level(num_id, ilvl)
        if level.fmt == "bullet":
            return "\u2022 "
        key = self.defs.instances.get(num_id, "") or f"num:{num_id}"
        counters = self.counters.setdefault(key, {})
        start = self.defs.overrides.get(num_id, {}).get(ilvl)
        if start is not None and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = start
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = self._level(num_id, deeper).restart
            if restart != 0 and (restart is None or restart > ilvl):
                del counters[deeper]  # a new item above starts the deeper level again

        def place(found: re.Match[str]) -> str:
            at = int(found.group(1)) - 1
            shown = self._level(num_id, at)
            value = counters.get(at, shown.start)
            return format_number(value, "decimal" if level.legal else shown.fmt)

        text = _PLACE.sub(place, level.text).strip()
        return f"{text} " if text else ""
