"""A word diff of two quotes: ``… [-7,000-]{+7,500+} Afghan …`` shows what changed.

Both sides cut at the same length would hide the change (``briefing check`` did); the
diff keeps a few words of context round each change and drops the rest.
"""

from __future__ import annotations

from difflib import SequenceMatcher

CONTEXT = 3  # words kept either side of a change
MAX_WORDS = 400  # longer quotes are compared on their first words only


def word_diff(old: str, new: str, context: int = CONTEXT) -> str:
    """``old`` → ``new`` as one line: removed words in ``[-…-]``, added in ``{+…+}``."""
    a, b = old.split()[:MAX_WORDS], new.split()[:MAX_WORDS]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    opcodes = matcher.get_opcodes()
    for number, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            words = a[i1:i2]
            first, last = number == 0, number == len(opcodes) - 1
            if len(words) > 2 * context or (first and len(words) > context) or \
                    (last and len(words) > context):
                head = [] if first else words[:context]
                tail = [] if last else words[-context:]
                out += [*head, "…", *tail]
            else:
                out += words
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out) if any(op != "equal" for op, *_ in opcodes) else "(same words)"
