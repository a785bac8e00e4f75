"""Word equations (OMML, ``m:oMath``) as linear text an analyst can read and quote.

Word stores an equation as a tree of structures — fractions, scripts, radicals,
n-ary operators, delimiters, matrices — around runs of text (``m:t``). We write the
linear form Word itself offers (close to UnicodeMath): ``(a+b)/2``, ``x^2``, ``x_i``,
``√(b^2-4ac)``, ``∑_(i=1)^n x_i``, ``[a, b; c, d]``. A part of one character needs no
brackets (``x^2``); a longer one gets them (``e^(-x)``). Unknown structures give their
text in order, so no character of an equation is lost.
"""

from __future__ import annotations

from xml.etree import ElementTree

M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Properties: how a structure looks, never text.
_PROPS = frozenset(f"{M}{name}" for name in (
    "rPr fPr sSupPr sSubPr sSubSupPr sPrePr radPr naryPr dPr funcPr accPr barPr boxPr "
    "borderBoxPr eqArrPr mPr mrPr groupChrPr limLowPr limUppPr phantPr oMathParaPr "
    "ctrlPr").split())


def _child(node: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return node.find(f"{M}{name}")


def _prop(node: ElementTree.Element, props: str, name: str, default: str) -> str:
    found = node.find(f"{M}{props}/{M}{name}")
    if found is None:
        return default
    return found.get(f"{M}val", default)


def _wrap(text: str) -> str:
    """A script, numerator or radicand: bare when one character, else in brackets."""
    if len(text) <= 1 or (text.startswith("(") and text.endswith(")") and
                          text.count("(") == 1):
        return text
    return f"({text})"


def _part(node: ElementTree.Element, name: str) -> str:
    found = _child(node, name)
    return linear(found) if found is not None else ""


def _scripts(node: ElementTree.Element) -> str:
    out = ""
    sub, sup = _part(node, "sub"), _part(node, "sup")
    if sub:
        out += "_" + _wrap(sub)
    if sup:
        out += "^" + _wrap(sup)
    return out


def _structure(node: ElementTree.Element) -> str | None:
    """The linear text of one structure, or None when it is not a structure we know."""
    tag = node.tag.removeprefix(M)
    if tag == "f":
        return f"{_wrap(_part(node, 'num'))}/{_wrap(_part(node, 'den'))}"
    if tag in ("sSup", "sSub", "sSubSup"):
        return _part(node, "e") + _scripts(node)
    if tag == "sPre":
        return _scripts(node) + _part(node, "e")
    if tag == "rad":
        degree = _part(node, "deg")
        root = {"": "√", "3": "∛", "4": "∜"}.get(degree)
        head = root if root is not None else f"{_wrap(degree)}√"
        return head + _wrap(_part(node, "e"))
    if tag == "nary":
        char = _prop(node, "naryPr", "chr", "∫")
        return f"{char}{_scripts(node)} {_part(node, 'e')}".rstrip()
    if tag == "d":
        begin = _prop(node, "dPr", "begChr", "(")
        end = _prop(node, "dPr", "endChr", ")")
        sep = _prop(node, "dPr", "sepChr", "|")
        return begin + sep.join(linear(e) for e in node.findall(f"{M}e")) + end
    if tag == "func":
        return f"{_part(node, 'fName')} {_part(node, 'e')}".strip()
    if tag in ("limLow", "limUpp"):
        mark = "_" if tag == "limLow" else "^"
        return _part(node, "e") + mark + _wrap(_part(node, "lim"))
    if tag == "acc":
        return _part(node, "e") + _prop(node, "accPr", "chr", "\u0302")
    if tag == "bar":
        return _part(node, "e") + "\u0305"
    if tag == "m":
        rows = [", ".join(linear(e) for e in row.findall(f"{M}e"))
                for row in node.findall(f"{M}mr")]
        return "[" + "; ".join(rows) + "]"
    if tag == "eqArr":
        return "; ".join(linear(e) for e in node.findall(f"{M}e"))
    return None


def linear(node: ElementTree.Element) -> str:
    """The linear text of an OMML element (an ``m:oMath``, or any part of one)."""
    out: list[str] = []
    for child in node:
        if child.tag in _PROPS:
            continue
        if child.tag in (f"{M}t", f"{W}t"):
            out.append(child.text or "")
            continue
        known = _structure(child)
        out.append(known if known is not None else linear(child))
    return "".join(out)


def equation(node: ElementTree.Element) -> str:
    """An ``m:oMath`` or ``m:oMathPara`` as one line of text."""
    if node.tag == f"{M}oMathPara":
        return " ".join(linear(m) for m in node.iter(f"{M}oMath"))
    return linear(node)
