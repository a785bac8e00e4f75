"""nupunkt's sentence spans in one lean pass: the same candidates, decisions and offsets.

``PunktSentenceTokenizer.span_tokenize`` (nupunkt 0.8.0, MIT) finds candidate ends with
one regex, builds each candidate's context, asks its memoized decision engine, then
realigns closing punctuation, in three generator passes. On briefings that driver, not
the decisions (memoized, ~3 % of the time), was two thirds of all our splitting time.
This is the same algorithm fused into one loop over the same compiled pattern, using
nupunkt's own decision function and boundary regex, with one shortcut: where the text's
only white space is the plain space (as in every unit we pass, line breaks already
spaces), the start of a candidate's word is a ``str.rfind`` rather than a backtracking
regex. ``tests/test_segment_punkt_spans.py`` checks it span for span against
``span_tokenize`` on every text the tests hold; nupunkt is pinned, and a tokenizer
whose annotation the decision engine does not reproduce is handed to nupunkt itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from nupunkt.tokenizers.sentence_tokenizer import _candidate_pattern

#: Contexts whose whole verdict (nupunkt's checks and its decision) is remembered.
_KNOWN_MAX = 200_000
#: The characters nupunkt's boundary-realignment regex can start with.
_REALIGN_FIRST = frozenset("'\")]}\u201d\u2019\u00bb*")


#: The ending marks in nupunkt's candidate regex (``(?:[!\?\.]|\u2026)``, the class
#: in any order): replaced by a plain period for a text that has no other mark.
_ENDING_MARKS = re.compile(r"\(\?:\[(?:\\?[!?.]){3}\]\|\\u2026\)")


def _next_start(text: str, n: int, pos: int, token: int) -> int:
    """Where the sentence after the break at ``pos`` starts: its next word."""
    if token >= 0:
        return token
    pos += 1
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


class PunktSpans:
    """``spans(text)`` == ``list(punkt.span_tokenize(text))``, faster."""

    def __init__(self, punkt: Any) -> None:
        self.punkt = punkt
        self.exact = punkt._uses_decision_engine()
        pattern = _candidate_pattern(punkt._lang_vars.period_context_pattern)
        self.finditer = pattern.finditer
        # sre scans a character class at ~100 instructions a character, a literal
        # ~20 times faster: most texts have no "!", "?" or "…" (a test checks the swap)
        period_first, swapped = _ENDING_MARKS.subn(r"\\.", pattern.pattern, 1)
        self.period_finditer = re.compile(period_first, pattern.flags).finditer \
            if swapped else pattern.finditer
        self.groups = tuple(pattern.groupindex[name] for name in ("_tail", "_nw", "next_tok"))
        self.realign = punkt._lang_vars.re_boundary_realignment.match
        self.last_ws = punkt._RE_LAST_WS.match
        self.is_enumerator = punkt._is_line_start_enumerator
        self.closing = punkt._CLOSING_CHARS
        self.lowercase_continues = bool(punkt.EXCL_QUEST_LOWERCASE_CONTINUES)
        #: context -> whether it ends a sentence, for candidates whose verdict only
        #: their context decides (not near a line start)
        self.known: dict[tuple[str, str], bool] = {}
        #: nupunkt's memoized decision (its parameters are frozen: fetched once)
        self.decide: Callable[[tuple[str, str]], bool] = punkt._decision_state()[3] \
            if self.exact else punkt.text_contains_sentbreak

    def _word_start(self, text: str, plain: bool, prev_start: int, prev_stop: int,
                    match_pos: int) -> int:
        """Where the candidate's word starts (nupunkt's ``_RE_LAST_WS`` rule), and the
        start of a spaced ellipsis ending at ``match_pos``."""
        if plain:
            space = text.rfind(" ", prev_stop, match_pos)
            word_start = space + 1 if space > prev_stop else prev_start
        else:
            m = self.last_ws(text, prev_stop, match_pos)
            word_start = m.end() if m and m.end() > prev_stop + 1 else prev_start
        if match_pos > 1 and text[match_pos - 1].isspace():
            run_start = match_pos  # the last period of ". . .": one ellipsis token
            while True:
                i = run_start - 1
                while i >= 0 and text[i].isspace():
                    i -= 1
                if 0 <= i < run_start - 1 and text[i] == ".":
                    run_start = i
                else:
                    break
            if run_start < match_pos:
                m = self.last_ws(text[prev_stop:run_start].rstrip())
                run_word = prev_stop + m.end() if m and m.end() > 1 else prev_start
                word_start = min(word_start, run_word)
        return word_start

    def _is_end(self, text: str, n: int, pos: int) -> bool:
        """nupunkt's checks of the candidate at ``pos`` before it asks the decision
        engine (``_slices_from_text``)."""
        if text[pos] == "." and self.is_enumerator(text, pos):
            return False
        pos += 1
        if pos < n and text[pos] in "!?":
            return False
        k = pos
        while k < n and text[k] in " \t":
            k += 1
        if k > pos and k < n and text[k] in "!?" and (
                k + 1 == n or text[k + 1].isspace() or text[k + 1] in "!?"):
            return False
        if self.lowercase_continues and text[pos - 1] in "!?" and k < n and \
                text[k].islower():
            return False
        if pos < n and text[pos] in self.closing:
            closing = self.closing
            while pos < n and text[pos] in closing:
                pos += 1
            while pos < n and text[pos] in " \t":
                pos += 1
            if pos < n and text[pos].islower():
                return False
        return True

    def _breaks(self, text: str) -> list[tuple[int, int]]:
        """The unaligned sentence slices (``_slices_from_text``). One tight loop over
        the candidate matches: it runs once per candidate end, ~20,000 times per MB, so
        a match's groups are read only when its verdict is asked."""
        n = len(text)
        end = n
        while end > 0 and text[end - 1].isspace():
            end -= 1
        slices: list[tuple[int, int]] = []
        last_break = 0
        other_marks = "!" in text or "?" in text or "\u2026" in text
        if n >= 2 and (other_marks or "." in text):
            decide = self.decide
            known = self.known
            is_end = self._is_end
            tail, after, token = self.groups
            # whitespace other than the space (or any non-printable) takes nupunkt's regex
            plain = text.isprintable()
            # the line-start enumerator check looks back 12 characters for a line start
            near = 12 if "\n" not in text else n
            rfind = text.rfind
            prev_start = prev_stop = 0
            previous = None
            for match in (self.finditer if other_marks else self.period_finditer)(text):
                pos = match.start()
                if plain and text[pos - 1] != " ":
                    space = rfind(" ", prev_stop, pos)
                    word_start = space + 1 if space > prev_stop else prev_start
                else:
                    word_start = self._word_start(text, plain, prev_start, prev_stop, pos)
                if previous is not None and prev_stop <= word_start:
                    split = previous.end(tail)
                    context = (text[prev_start:split], text[split:previous.end(after)])
                    if prev_stop >= near:
                        ends = known.get(context)
                        if ends is None:
                            ends = is_end(text, n, prev_stop) and decide(context)
                            if len(known) < _KNOWN_MAX:
                                known[context] = ends
                    else:
                        ends = is_end(text, n, prev_stop) and decide(context)
                    if ends:
                        slices.append((last_break, prev_stop + 1))
                        last_break = _next_start(text, n, prev_stop, previous.start(token))
                previous = match
                prev_start, prev_stop = word_start, pos
            if previous is not None:
                split = previous.end(tail)
                context = (text[prev_start:split], text[split:previous.end(after)])
                ends = known.get(context) if prev_stop >= near else None
                if ends is None:
                    ends = is_end(text, n, prev_stop) and decide(context)
                if ends:
                    slices.append((last_break, prev_stop + 1))
                    last_break = _next_start(text, n, prev_stop, previous.start(token))
        if last_break < end:
            slices.append((last_break, end))
        return slices

    def __call__(self, text: str) -> list[tuple[int, int]]:
        if not self.exact:
            return list(self.punkt.span_tokenize(text))
        slices = self._breaks(text)
        if len(slices) == 1:
            start, stop = slices[0]
            return [(start, stop)] if stop > start else []
        out: list[tuple[int, int]] = []
        realign = 0
        realign_match = self.realign
        opens_realign = _REALIGN_FIRST
        last = len(slices) - 1
        for index, (start, stop) in enumerate(slices):
            start += realign
            if index < last:
                next_start, next_stop = slices[index + 1]
                # the boundary regex starts with a closing mark: test that first
                m = realign_match(text, next_start, next_stop) \
                    if text[next_start] in opens_realign else None
                if m:
                    out.append((start, next_start + len(m.group(0).rstrip())))
                    realign = m.end() - next_start
                    continue
                realign = 0
            if stop > start:
                out.append((start, stop))
        return out
