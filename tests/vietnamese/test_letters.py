"""Test the letter tables: lookalikes, Vietnamese letters, invisible and control characters."""

from __future__ import annotations

import unicodedata

import pytest

from vnlint.vietnamese.letters import (
    INVISIBLE,
    LOOKALIKES,
    VIETNAMESE_LETTERS,
    fold_lookalikes,
    is_control,
)


@pytest.mark.parametrize(
    ("spoofed", "clean"),
    [
        ("TT-BT\u0421", "TT-BTC"),  # Cyrillic Es (SPEC §3.2)
        ("Cộng \u0455ản", "Cộng sản"),  # Cyrillic dze
        ("\u1d20ăn bản", "văn bản"),  # small capital V
        ("\u0445ác định", "xác định"),  # Cyrillic ha
        ("ngà\u0443", "ngày"),  # Cyrillic u
        ("N\u00d0-CP", "NĐ-CP"),  # Latin Eth
        ("\u00f0iều", "điều"),
        ("\u0189ảng", "Đảng"),  # African D
        ("\u039a\u0397\u039f", "KHO"),  # Greek capitals
        ("Đảng Cộng sản Việt Nam", "Đảng Cộng sản Việt Nam"),
    ],
)
def test_fold_lookalikes(spoofed: str, clean: str) -> None:
    assert fold_lookalikes(spoofed) == clean


def test_fold_keeps_length() -> None:
    text = "".join(LOOKALIKES)
    assert len(fold_lookalikes(text)) == len(text)


def test_lookalike_targets_are_vietnamese_letters() -> None:
    for source, target in LOOKALIKES.items():
        assert target in VIETNAMESE_LETTERS, (source, target)
        assert source not in VIETNAMESE_LETTERS
        assert unicodedata.category(source).startswith("L")


def test_lookalike_scripts() -> None:
    allowed = ("CYRILLIC", "GREEK", "LATIN LETTER SMALL CAPITAL", "LATIN")
    for source in LOOKALIKES:
        assert unicodedata.name(source).startswith(allowed), unicodedata.name(source)


def test_lookalikes_leave_real_letters_alone() -> None:
    text = "Müller café ñandú Straße αβγ đĐ"
    assert fold_lookalikes(text) == text
    # Folding is per character: telling a Russian word from a spoofed one is the caller's job.
    assert fold_lookalikes("\u041c\u043e\u0441\u043a\u0432\u0430") == "Moc\u043a\u0432a"


def test_vietnamese_letters() -> None:
    for letter in "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "fjwz":
        assert letter in VIETNAMESE_LETTERS
        assert letter.upper() in VIETNAMESE_LETTERS
    for letter in "ấầẩẫậỨỪỬỮỰýỳỷỹỵÝỲỶỸỴ":
        assert letter in VIETNAMESE_LETTERS
    for letter in "ñüçÐðäëïöÿ":
        assert letter not in VIETNAMESE_LETTERS
    # 12 vowels x 6 tones + 21 consonants, small and capital.
    assert len(VIETNAMESE_LETTERS) == 2 * (12 * 6 + 21)
    assert all(unicodedata.is_normalized("NFC", letter) for letter in VIETNAMESE_LETTERS)


def test_invisible() -> None:
    for code in [0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E, 0x200E, 0x200F]:
        assert chr(code) in INVISIBLE
    for code in [*range(0x2061, 0x2065), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        assert chr(code) in INVISIBLE
    for char, name in INVISIBLE.items():
        assert unicodedata.name(char) == name
    assert " " not in INVISIBLE
    assert "\u00a0" not in INVISIBLE


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("\x00", True),
        ("\x07", True),
        ("\x0c", True),
        ("\x0b", True),
        ("\x1b", True),
        ("\x7f", True),
        ("\x85", True),
        ("\x9d", True),
        ("\t", False),
        ("\n", False),
        ("\r", False),
        (" ", False),
        ("a", False),
        ("\u00a0", False),
        ("\u200b", False),
    ],
)
def test_is_control(char: str, expected: bool) -> None:
    assert is_control(char) is expected
