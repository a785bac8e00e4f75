"""Reading files into canonical text: encodings, line endings and every kind of bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.text import (
    DocumentError,
    canonical_text,
    decode_bytes,
    read_text_file,
    text_sha256,
)
from briefing_tui.core.visible import visible

from .constants import DATA


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bom_dropped_and_line_endings_unified(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"\xef\xbb\xbfOne.\r\nTwo.\rThree.\nFour.")
    loaded = read_text_file(path)
    assert loaded.text == "One.\nTwo.\nThree.\nFour."
    assert loaded.sha256 == text_sha256(loaded.text)
    assert not loaded.read_only


def test_reversed_lfcr_becomes_a_paragraph_break() -> None:
    raw = (DATA / "real" / "ungdc_PAK_20_1965_pakistan_LFCR.txt").read_bytes()
    text = decode_bytes(raw).text
    assert "\r" not in text
    assert text.count("\n\n") >= 100


def test_offsets_count_code_points_not_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "تورخم Torkham 👩‍👩‍👧 x".encode())
    text = read_text_file(path).text
    assert text.index("Torkham") == 6
    assert text[text.index("x")] == "x"


@given(st.text())
def test_canonical_text_has_no_cr_and_is_idempotent(raw: str) -> None:
    once = canonical_text(raw)
    assert "\r" not in once
    assert canonical_text(once) == once or once.startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"hello\x00world\x00" * 4, "NUL bytes"),
        (bytes(range(1, 9)) * 200, "non-text"),
    ],
)
def test_bad_files_get_one_line_reasons(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(DocumentError) as info:
        read_text_file(path)
    message = str(info.value)
    assert message.startswith("bad.txt: ")
    assert reason in message
    assert "\n" not in message


def test_invalid_utf8_opens_read_only_with_replacements(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Good start. \xc0\xaf bad \xed\xa0\x80 lone \x80 end.")
    loaded = read_text_file(path)
    assert loaded.read_only
    assert "\ufffd" in loaded.text
    assert "read-only" in loaded.warning
    assert loaded.text.startswith("Good start. ")


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Kabul, Nov. 3.\r\nDone.".encode("utf-16"))
    assert read_text_file(path).text == "Kabul, Nov. 3.\nDone."


def test_missing_unreadable_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="not a regular file"):
        read_text_file(tmp_path)
    big = write(tmp_path, "big.txt", b"word. " * 2000)
    with pytest.raises(DocumentError, match="too large"):
        read_text_file(big, max_bytes=1000)


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"Text.")
    os.chmod(path, 0)
    try:
        if os.geteuid() == 0:  # root reads anything; the file must still open
            assert read_text_file(path).text == "Text."
        else:
            with pytest.raises(DocumentError, match="permission denied"):
                read_text_file(path)
    finally:
        os.chmod(path, 0o644)


def test_huge_single_line_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "line.txt", b"x" * 5_000_000)
    assert len(read_text_file(path).text) == 5_000_000


@given(st.text())
def test_visible_keeps_length_and_removes_every_control(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    for char in shown:
        assert char == "\n" or not (ord(char) < 32 or 0x7F <= ord(char) < 0xA0)
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x1b"


def test_visible_one_line_mode_hides_newlines() -> None:
    assert "\n" not in visible("a\nb", keep_newlines=False)


def test_a_stray_nul_or_escape_in_text_still_opens(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Pasted a\x00b and \x1b[2J here. " + b"Text. " * 30)
    text = read_text_file(path).text
    assert "\x00" in text  # kept: offsets count it; the reader shows it as a symbol
    assert "\x00" not in visible(text) and "\x1b" not in visible(text)
