"""Unknown sidecar keys kept in place, in order and byte for byte.

Another tool (or a person) may add keys we do not know, at the top level or in
``document:``. They are written back where they were (after the same known key), in the
file's order, and as the same text when their value is unchanged: a save of such a file
leaves those lines byte-identical, and a second save gives the same bytes as the first.

The text of one key is its first line (at column 0, or at two spaces in ``document:``)
up to the next key, with the comment lines right above it. It is kept only when it reads
back, alone, as the same value and holds nothing our writer would escape; otherwise the
key is written in our one-line flow form (:func:`flow`), still in place.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from briefing_tui.core.safe_yaml import MAX_DEPTH, Yaml11Number, YamlError, load_yaml


class Unwritable(ValueError):
    """A kept value we could not read back the same (the caller names the file)."""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


#: Characters our writer escapes; raw text holding them is not kept verbatim.
UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass
class Layout:
    """Where each unknown key sat (after which known key; "" = first) and its text."""

    after: dict[str, str] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    document_after: dict[str, str] = field(default_factory=dict)
    document_text: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)


def _float(value: float) -> str:
    """A float both YAML 1.1 and JSON read back (``1e+16`` is a string to YAML 1.1)."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if exponent and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def mapping_key(key: str) -> str:
    """A key as a person would write it (``status:``), quoted only when YAML would read
    the bare word as something else (``"yes":``, ``"a b":``, ``"2":``)."""
    if _PLAIN_KEY.fullmatch(key) and key.lower() not in _YAML_WORDS:
        return key
    return _q(key)


def flow(value: Any, depth: int) -> str:
    """One value as a one-line YAML flow node (JSON whenever the value allows).

    ``depth`` is the nesting level a collection here has in the file; the strict loader
    refuses more than ``MAX_DEPTH``, so we never write what we could not read back.
    """
    if isinstance(value, (list, tuple, dict)) and depth > MAX_DEPTH:
        raise Unwritable(f"a kept value is nested deeper than {MAX_DEPTH} levels")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Yaml11Number):
        return str(value)  # kept as written: ``055`` reads back as the same text
    if isinstance(value, str):
        return _q(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item, depth + 1) for item in value) + "]"
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise Unwritable(f"a kept mapping has a non-text key {key!r}")
            parts.append(f"{_q(key)}: {flow(item, depth + 1)}")
        return "{" + ", ".join(parts) + "}"
    raise Unwritable(f"cannot write a value of type {type(value).__name__}")


def _positions(mapping: dict[str, Any], known: tuple[str, ...]) -> dict[str, str]:
    after: dict[str, str] = {}
    last = ""
    for key in mapping:
        if key in known:
            last = key
        else:
            after[key] = last
    return after


def _chunks(lines: list[str], indent: str) -> Iterator[tuple[int, int]]:
    """(first, end) line ranges of the keys at ``indent``, leading comments included
    (never line 0: at the top that is our own header comment)."""
    starts = [n for n, line in enumerate(lines) if line.startswith(indent) and
              line[len(indent):len(indent) + 1] not in ("", " ", "\t", "#", "-")]
    firsts = []
    for at, start in enumerate(starts):
        first = start
        floor = starts[at - 1] + 1 if at else (1 if not indent else 0)
        while first - 1 >= floor and lines[first - 1].lstrip().startswith("#"):
            first -= 1
        firsts.append(first)
    for at, (start, first) in enumerate(zip(starts, firsts, strict=True)):
        end = firsts[at + 1] if at + 1 < len(starts) else len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        yield first, end


def _texts(lines: list[str], indent: str, values: dict[str, Any],
           dedent: Callable[[str], str]) -> dict[str, str]:
    """The verbatim text of each key in ``values`` that reads back the same."""
    found: dict[str, str] = {}
    for first, end in _chunks(lines, indent):
        text = "\n".join(lines[first:end])
        if UNSAFE.search(text):
            continue
        try:
            alone = load_yaml("\n".join(dedent(line) for line in lines[first:end]) + "\n")
        except YamlError:
            continue
        if isinstance(alone, dict) and len(alone) == 1:
            (key, value), = alone.items()
            if key in values and key not in found and value == values[key] and \
                    type(value) is type(values[key]):
                found[key] = text
    return found


def layout_of(source: str, raw: dict[str, Any], extra: dict[str, Any],
              document_extra: dict[str, Any], top_keys: tuple[str, ...],
              document_keys: tuple[str, ...]) -> Layout | None:
    """Where ``source``'s unknown keys are; None when it has none."""
    if not extra and not document_extra:
        return None
    layout = Layout(after=_positions(raw, top_keys))
    document = raw.get("document")
    if isinstance(document, dict):
        layout.document_after = _positions(document, document_keys)
    lines = source.split("\n")
    if extra:
        layout.text = _texts(lines, "", extra, lambda line: line)
    if document_extra:
        at = next((n for n, line in enumerate(lines) if line.startswith("document:")), -1)
        if at >= 0 and lines[at].rstrip() == "document:":
            end = next((n for n in range(at + 1, len(lines)) if lines[n][:1] not in
                        ("", " ", "#")), len(lines))
            block = lines[at + 1:end]
            layout.document_text = _texts(block, "  ", document_extra,
                                          lambda line: line.removeprefix("  "))
    layout.values = {**{("", k): v for k, v in extra.items()},
                     **{("document", k): v for k, v in document_extra.items()}}
    return layout


def sections_of(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Lines cut where a key starts (``  name:`` in ``document:``, ``splits:`` on top)."""
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        body = line.removeprefix("  ")
        if body[:1] not in ("", " ", "-"):
            out.append((body.split(":", 1)[0], []))
        out[-1][1].append(line)
    return out


def place(sections: list[tuple[str, list[str]]], extra: list[tuple[str, str]],
          after: dict[str, str], order: tuple[str, ...], default: str) -> list[str]:
    """The lines of ``sections`` (known keys, in our order) with each ``(key, text)`` of
    ``extra`` after the known key it followed (``default`` when unknown; the nearest
    earlier one we write when that key is not written)."""
    written = {name for name, _ in sections}
    slots: dict[str, list[str]] = {}
    for key, text in extra:
        where = after.get(key, default)
        while where and where not in written:
            index = order.index(where) if where in order else 0
            where = order[index - 1] if index > 0 else ""
        slots.setdefault(where, []).append(text)
    out = list(slots.get("", []))
    for name, lines in sections:
        out += lines
        out += slots.get(name, [])
    return out


def kept_text(layout: Layout | None, where: str, key: str, value: Any) -> str | None:
    """The verbatim text of an unknown key, when its value is still the one read."""
    if layout is None:
        return None
    texts = layout.text if where == "" else layout.document_text
    text = texts.get(key)
    if text is None:
        return None
    old = layout.values.get((where, key), object())
    return text if old == value and type(old) is type(value) else None
