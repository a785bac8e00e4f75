"""A tiny PDF writer for test fixtures and benchmarks: no reportlab needed at test time.

It writes what real producers write where the extractor's rules are tested: text placed
line by line in Helvetica (whose metrics are below, so lines fit their columns), running
headers and footers with page numbers, two columns (in column order, or interleaved line
by line across the page as some typesetters do), tables as cells on shared baselines,
words hyphenated at line ends, the ``fi``/``fl`` ligature glyphs, image-only pages, and
RC4 (40-bit, revision 2) encryption. Everything is deterministic: same input, same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Advance widths (1/1000 em) of Helvetica and Helvetica-Bold for ASCII 32..126.
_HELVETICA = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584)
#: Codes 129 and 141 are unused in WinAnsiEncoding: the font's /Differences puts the
#: ligature glyphs there, so an extractor sees glyphs named ``fi`` and ``fl``.
_LIGATURES = {"\ufb01": b"\x81", "\ufb02": b"\x8d"}
_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
WIDTH, HEIGHT = 595.0, 842.0  # A4 in points


def text_width(text: str, size: float, bold: bool = False) -> float:
    table = _BOLD if bold else _HELVETICA
    return sum(table[ord(c) - 32] if 32 <= ord(c) < 127 else 556 for c in text) * size / 1000


@dataclass
class Page:
    """One page's drawing operations, kept with their position for reordering."""

    ops: list[tuple[float, float, str]] = field(default_factory=list)
    image: bool = False

    def text(self, x: float, y: float, text: str, size: float = 10.5,
             bold: bool = False, *, tracking: float = 0.0, kerned: bool = False) -> None:
        """A line of text at (x, y). ``tracking``: extra space after every glyph (``Tc``,
        letter-spaced headings); ``kerned``: written as Word writes text, short runs of
        glyphs (``Port`` ``-`` ``au``, ``9`` ``5`` ``0``, ``Octob`` ``er``) a little apart
        in a ``TJ`` array, spaces narrowed by kerning."""
        font = "F2" if bold else "F1"
        spacing = f"{tracking:g} Tc " if tracking else ""  # Tc outlives ET: reset by q/Q
        if not kerned:
            op = f"BT /{font} {size:g} Tf {spacing}{x:.2f} {y:.2f} Td ({_escape(text)}) Tj ET"
            self.ops.append((y, x, f"q {op} Q" if tracking else op))
            return
        parts = []
        for word in text.split(" "):
            pieces = _runs(word)
            for number, piece in enumerate(pieces):
                last = number == len(pieces) - 1
                parts.append(f"({_escape(piece + ' ' if last else piece)}) "
                             f"{-1000 * (SPACE_KERN if last else RUN_GAP):g}")
        op = f"BT /{font} {size:g} Tf {spacing}{x:.2f} {y:.2f} Td [{' '.join(parts)}] TJ ET"
        self.ops.append((y, x, f"q {op} Q" if tracking else op))

    def picture(self, x: float, y: float, width: float, height: float) -> None:
        """A photo: the test image drawn over this rectangle (y is its bottom)."""
        self.ops.append((y + height, x, f"q {width:g} 0 0 {height:g} {x:.2f} {y:.2f} cm "
                                        "/Im1 Do Q"))

    def box(self, x: float, y: float, width: float, height: float) -> None:
        """A light grey filled rectangle (a boilerplate box, a sidebar's background)."""
        self.ops.append((y + height, x, f"q 0.9 g {x:.2f} {y:.2f} {width:.2f} {height:.2f} "
                                        "re f Q"))


def _escape(text: str) -> str:
    encoded = b"".join(_LIGATURES.get(c) or c.encode("cp1252", "replace") for c in text)
    escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return escaped.decode("latin-1")


#: Gap between two runs of one word, and the kerning after a space (narrowing it), in em.
RUN_GAP, SPACE_KERN = 0.04, -0.06


def _runs(word: str) -> list[str]:
    """A word cut where Word's runs often end: at hyphens, between digits, and after
    every fifth letter of a long word."""
    runs: list[str] = []
    for char in word:
        previous = runs[-1] if runs else ""
        if not previous or char == "-" or previous[-1] == "-" or char.isdigit() or \
                previous[-1].isdigit() or (len(previous) == 5 and len(word) > 7):
            runs.append(char)
        else:
            runs[-1] = previous + char
    return runs


def kerned_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` written with :meth:`Page.text` ``kerned=True``."""
    words = text.split(" ")
    runs = sum(len(_runs(word)) - 1 for word in words)
    return text_width(text, size, bold) + size * (RUN_GAP * runs + SPACE_KERN * (len(words) - 1))


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


class MiniPdf:
    """Pages of positioned text, written as a valid PDF 1.4 file."""

    def __init__(self) -> None:
        self.pages: list[Page] = []

    def new_page(self) -> Page:
        self.pages.append(Page())
        return self.pages[-1]

    def to_bytes(self, *, password: str | None = None, interleave: bool = False,
                 info: dict[str, str] | None = None) -> bytes:
        """The file; ``password`` encrypts it; ``interleave`` writes each page's text in
        top-to-bottom line order across columns instead of the order it was drawn;
        ``info`` is its document information (``{"CreationDate": "D:20251101"}``), plain
        files only."""
        objects: list[bytes] = []
        encoding = b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding " \
                   b"/Differences [129 /fi 141 /fl] >>"
        objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
        objects.append(b"")  # the page tree, filled in below
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 5 0 R >>")
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                       b"/Encoding 5 0 R >>")
        objects.append(encoding)
        image = b"\x00\xff" * 32  # an 8x8 grey checker pattern
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 "
                       b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 64 >>\nstream\n"
                       + image + b"\nendstream")
        kids = []
        streams: list[int] = [6]
        for page in self.pages:
            ops = sorted(page.ops, key=lambda o: (-o[0], o[1])) if interleave else page.ops
            body = "\n".join(op for _, _, op in ops)
            if page.image:
                body = f"q {WIDTH:g} 0 0 {HEIGHT:g} 0 0 cm /Im1 Do Q\n" + body
            content = body.encode("latin-1")
            objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content +
                           b"\nendstream")
            streams.append(len(objects))  # the content stream's object number
            objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents "
                           b"%d 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> "
                           b"/XObject << /Im1 6 0 R >> >> >>" % (WIDTH, HEIGHT, streams[-1]))
            kids.append(len(objects))
        objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % k for k in kids), len(kids))
        ident = hashlib.md5(b"".join(objects)).digest()
        trailer_extra = b""
        if password is not None:
            objects, encrypt = self._encrypt(objects, streams, password, ident)
            objects.append(encrypt)
            trailer_extra = b" /Encrypt %d 0 R" % len(objects)
        elif info:
            objects.append(b"<< %s >>" % b" ".join(
                b"/%s (%s)" % (key.encode("latin-1"), value.encode("latin-1"))
                for key, value in info.items()))
            trailer_extra = b" /Info %d 0 R" % len(objects)
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, obj in enumerate(objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" \
            % (len(objects) + 1, ident.hex().encode(), ident.hex().encode(), trailer_extra, xref)
        return bytes(out)

    @staticmethod
    def _encrypt(objects: list[bytes], streams: list[int], password: str, ident: bytes,
                 ) -> tuple[list[bytes], bytes]:
        """The standard security handler, revision 2: RC4 with a 40-bit key."""
        owner = _rc4(hashlib.md5(_padded("owner-" + password)).digest()[:5], _padded(password))
        permissions = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5(_padded(password) + owner + permissions + ident).digest()[:5]
        user = _rc4(key, _PAD)
        encrypted = list(objects)
        for number in streams:
            obj = objects[number - 1]
            head, _, rest = obj.partition(b"stream\n")
            data = rest[: rest.rindex(b"\nendstream")]
            object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()
            encrypted[number - 1] = head + b"stream\n" + _rc4(object_key[:10], data) + \
                b"\nendstream"
        encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
            owner.hex().encode(), user.hex().encode())
        return encrypted, encrypt


def wrap(text: str, width: float, size: float, *, bold: bool = False,
         hyphenate: bool = True) -> list[str]:
    """Greedy line breaking; with ``hyphenate`` a long word that does not fit is split
    with a hyphen at the line end (``displace-`` / ``ment``), as typesetters do."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if text_width(trial, size, bold) <= width:
            line = trial
            continue
        if hyphenate and len(word) >= 9 and word.isalpha() and line:
            for cut in range(len(word) - 3, 3, -1):
                head = f"{line} {word[:cut]}-"
                if text_width(head, size, bold) <= width:
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


@dataclass
class Layout:
    """Where text goes on each page, and what repeats on every page."""

    columns: int = 1
    gutter: float = 24.0
    margin: float = 56.0
    size: float = 10.5
    leading: float = 13.5
    header: str = ""  # drawn at the top of every page ("" for none)
    footer: str = "Page {n}"  # {n}: the page number ("" for none)
    hyphenate: bool = True


class _Typesetter:
    """Fills columns top to bottom, pages one after another."""

    def __init__(self, lay: Layout) -> None:
        self.lay = lay
        self.pdf = MiniPdf()
        self.col_width = (WIDTH - 2 * lay.margin - (lay.columns - 1) * lay.gutter) / lay.columns
        self.top, self.bottom = HEIGHT - lay.margin - 14, lay.margin + 14
        self.current: Page | None = None
        self.col = 0
        self.y = self.top

    @property
    def x(self) -> float:
        return self.lay.margin + self.col * (self.col_width + self.lay.gutter)

    def page(self) -> Page:
        if self.current is None:
            lay = self.lay
            self.current = self.pdf.new_page()
            if lay.header:
                self.current.text(lay.margin, HEIGHT - lay.margin + 10, lay.header, 8.5)
            if lay.footer:
                label = lay.footer.format(n=len(self.pdf.pages))
                self.current.text((WIDTH - text_width(label, 8.5)) / 2, lay.margin - 20,
                                  label, 8.5)
            self.col, self.y = 0, self.top
        return self.current

    def advance(self, height: float) -> Page:
        """The page to draw the next line on (a new column or page when this one is full)."""
        if self.y - height < self.bottom:
            if self.col + 1 < self.lay.columns:
                self.col, self.y = self.col + 1, self.top
            else:
                self.current = None
        return self.page()

    def block(self, kind: str, text: str) -> None:
        lay = self.lay
        bold = kind == "h"
        size = lay.size * 1.3 if bold else lay.size
        leading = lay.leading * 1.3 if bold else lay.leading
        if kind == "row":
            page = self.advance(leading)
            cells = [c.strip() for c in text.split("|")]
            for i, cell in enumerate(cells):
                page.text(self.x + i * self.col_width / len(cells), self.y, cell, size)
            self.y -= leading * 1.4
            return
        indent = 12.0 if kind == "li" else 0.0
        lines = wrap(text, self.col_width - indent, size, bold=bold,
                     hyphenate=lay.hyphenate and not bold)
        for number, line in enumerate(lines):
            page = self.advance(leading)
            if kind == "li" and number == 0:
                page.text(self.x, self.y, "\u2022", size)
            page.text(self.x + indent, self.y, line, size, bold)
            self.y -= leading
        self.y -= leading * 0.6


def flow(blocks: list[tuple[str, str]], layout: Layout | None = None) -> MiniPdf:
    """Typeset ``blocks`` of (kind, text) onto pages. Kinds: ``h`` heading, ``p``
    paragraph, ``li`` bulleted item, ``row`` table row (cells split on ``|``)."""
    setter = _Typesetter(layout or Layout())
    for kind, text in blocks:
        setter.block(kind, text)
    return setter.pdf
