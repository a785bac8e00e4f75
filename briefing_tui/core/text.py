"""Reading a briefing file into the canonical text that every offset refers to.

The canonical text is what docs/ARCHITECTURE.md promises: UTF-8 decoded, a leading BOM dropped,
``\\r\\n`` and lone ``\\r`` turned into ``\\n``. Offsets everywhere are ``str`` indices into
it. Bad files never raise anything but :class:`DocumentError`, whose message is one line
naming the file and the reason, fit to print as is.

Invalid UTF-8 is not refused: the file opens with U+FFFD in place of each bad byte and is
marked read-only, so the analyst can still read it but no sidecar is written against text
that is not really the file's.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefing_tui.core.errors import BriefingError
from briefing_tui.core.sizes import over_limit

#: Largest document we open. A 64 MiB briefing is ~10x the biggest we benchmark; past that
#: the reader's offsets tables alone would cost hundreds of MB.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

#: File suffixes read by this module (other formats come from extractors).
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (Word or other Office file?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office file"),
)


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_BOMS = (*_UTF32_BOMS, b"\xff\xfe", b"\xfe\xff")  # text full of NULs, not binary


class DocumentError(BriefingError):
    """A file that cannot be opened as a briefing; ``str()`` is the one-line message."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


@dataclass(frozen=True)
class LoadedText:
    """A document's canonical text and what we learnt while decoding it."""

    text: str = field(repr=False)  # megabytes: never copied into a repr (Textual's workers)
    sha256: str
    encoding: str
    read_only: bool = False
    warning: str = ""
    #: What made the text from the file (name and version), recorded in the sidecar.
    extractor: str = "text 1"
    #: Start offset of each page in ``text`` (PDFs; empty when the format has no pages).
    pages: tuple[int, ...] = field(default=(), repr=False)


def canonical_text(raw: str) -> str:
    """Drop a leading BOM and turn CRLF and lone CR into LF."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def text_sha256(text: str) -> str:
    """The hash recorded in sidecars: of the canonical text, encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: Every byte value but the controls a text may not hold many of: ``translate`` deletes
#: them, and what is left is the controls, counted at C speed (a Python loop over each
#: byte was a fifth of a folder scan's CPU: 0.9 ms for each 2 KB briefing).
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


def binary_kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is, when that is not text (else None)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if not head:
        return None
    # A stray NUL or escape in a pasted text is shown as a visible symbol; many of them
    # (UTF-16 without a BOM, images, archives) mean the file is not text.
    if head.count(b"\x00") / len(head) > 0.01:
        return "a binary file (it contains NUL bytes)"
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls / len(head) > 0.10:
        return "a binary file (mostly non-text bytes)"
    return None


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> LoadedText:
    """Decode raw bytes to canonical text, or raise :class:`DocumentError`."""
    if not data or data.isspace():  # not strip(): that copies a 50 MB text to test it
        raise DocumentError(path, "empty file, nothing to read" if not data else
                            "the file holds only whitespace")
    encoding = "utf-8"
    if data.startswith(_UTF32_BOMS):  # before UTF-16: FF FE 00 00 starts like its BOM
        try:
            raw = data.decode("utf-32")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"broken UTF-32 text at byte {exc.start}") from None
        return _loaded(raw, "utf-32", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        try:
            raw = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"broken UTF-16 text at byte {exc.start}") from None
        return _loaded(raw, encoding, path)
    kind = binary_kind(data[:8192])
    if kind:
        raise DocumentError(path, f"not a text document: looks like {kind}")
    try:
        raw = data.decode("utf-8")
        if not raw.startswith("\ufeff") and "\r" not in raw and not raw.isspace():
            # already canonical: the file's bytes are the canonical text's UTF-8
            return LoadedText(raw, hashlib.sha256(data).hexdigest(), encoding)
    except UnicodeDecodeError as exc:
        raw = data.decode("utf-8", errors="replace")
        bad = raw.count("\ufffd")
        warning = (f"invalid UTF-8 (first bad byte at offset {exc.start}; {bad} replaced "
                   "with \ufffd): opened read-only")
        return _loaded(raw, "utf-8 (with replacements)", path, read_only=True, warning=warning)
    return _loaded(raw, encoding, path)


def _loaded(raw: str, encoding: str, path: Path | str, *, read_only: bool = False,
            warning: str = "") -> LoadedText:
    text = canonical_text(raw)
    if not text or text.isspace():
        raise DocumentError(path, "the file holds only whitespace")
    return LoadedText(text, text_sha256(text), encoding, read_only, warning)


def sniff(path: Path | str) -> int:
    """Check, from its first bytes, that a file can be a briefing; return its size.

    Raises :class:`DocumentError` like :func:`read_text_file` would for missing, empty or
    binary files, without reading the whole file.
    """
    path = Path(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block the open
            raise DocumentError(path, "not a regular file")
        size = st.st_size
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from None
    if not head.strip() and size <= len(head):
        raise DocumentError(path, "empty file, nothing to read" if not head else
                            "the file holds only whitespace")
    if not head.startswith(_BOMS):
        kind = binary_kind(head)
        if kind:
            raise DocumentError(path, f"not a text document: looks like {kind}")
    return size


def read_document_bytes(path: Path | str, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """A document file's bytes, or :class:`DocumentError` (missing, a folder, too large)."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise DocumentError(path, "not a regular file")
    if st.st_size > max_bytes:
        raise DocumentError(path, f"too large ({over_limit(st.st_size, max_bytes)})")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise DocumentError(path, "permission denied") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise DocumentError(path, f"too large (over {max_bytes / 2**20:.0f} MiB)")
    return data


def stream_sha256(path: Path | str, max_bytes: int = MAX_DOCUMENT_BYTES,
                  ) -> tuple[str, int] | None:
    """The ``sha256`` and text length :func:`read_text_file` would give a file already in
    canonical form (UTF-8, no BOM, no ``\\r``), read a MiB at a time so its text is never
    held (``check`` needs only these of a 50 MB briefing whose sidecar matches); None for
    any other file, which is then read the usual way."""
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
    size = length = 0
    blank = True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                if not size and (chunk.startswith((*_BOMS, b"\xef\xbb\xbf"))
                                 or binary_kind(chunk[:8192])):
                    return None
                size += len(chunk)
                if size > max_bytes or b"\r" in chunk:
                    return None
                digest.update(chunk)
                text = decoder.decode(chunk)
                length += len(text)
                blank = blank and (not text or text.isspace())
            length += len(decoder.decode(b"", final=True))
    except (OSError, UnicodeDecodeError):
        return None
    return None if blank else (digest.hexdigest(), length)


def read_text_file(path: Path | str, max_bytes: int = MAX_DOCUMENT_BYTES) -> LoadedText:
    """Read a ``.txt``/``.md`` file into canonical text, or raise :class:`DocumentError`."""
    return decode_bytes(read_document_bytes(path, max_bytes), path)
