"""Test tone-mark placement styles T1/T2 and misplaced marks (SPEC §5.3)."""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnlint.vietnamese.syllable import MARK_OF_TONE, ONSETS, RHYMES, TONES, is_valid
from vnlint.vietnamese.tones import misplaced_tone, place_tone, tone_style

# SPEC §5.3 test vectors: input, T1 form, T2 form.
SPEC_VECTORS = [
    ("hoà", "hòa", "hoà"),
    ("hòa", "hòa", "hoà"),
    ("hoàn", "hoàn", "hoàn"),
    ("khỏe", "khỏe", "khoẻ"),
    ("khoẻ", "khỏe", "khoẻ"),
    ("thủy", "thủy", "thuỷ"),
    ("thuỷ", "thủy", "thuỷ"),
    ("Ủy", "Ủy", "Uỷ"),
    ("Uỷ", "Ủy", "Uỷ"),
    ("ỦY", "ỦY", "UỶ"),
    ("UỶ", "ỦY", "UỶ"),
    ("qúy", "quý", "quý"),
    ("quốc", "quốc", "quốc"),
    ("giữa", "giữa", "giữa"),
    ("gìn", "gìn", "gìn"),
    ("gì", "gì", "gì"),
    ("giường", "giường", "giường"),
    ("khuyến", "khuyến", "khuyến"),
    ("khuỷu", "khuỷu", "khuỷu"),
    ("ngoái", "ngoái", "ngoái"),
    ("xoáy", "xoáy", "xoáy"),
    ("mía", "mía", "mía"),
    ("múa", "múa", "múa"),
    ("mửa", "mửa", "mửa"),
    ("thuở", "thuở", "thuở"),
    ("huệ", "huệ", "huệ"),
    ("rượu", "rượu", "rượu"),
    ("gửi", "gửi", "gửi"),
    ("hoạch", "hoạch", "hoạch"),
    ("huých", "huých", "huých"),
    ("Hóa", "Hóa", "Hoá"),
    ("Hòa", "Hòa", "Hoà"),
]

# SPEC §5.3 T1/T2 pairs.
STYLE_PAIRS = [
    ("hòa", "hoà"), ("họa", "hoạ"), ("hỏa", "hoả"), ("tòa", "toà"), ("khóa", "khoá"),
    ("hóa", "hoá"), ("xõa", "xoã"), ("thỏa", "thoả"), ("khỏe", "khoẻ"), ("xòe", "xoè"),
    ("lòe", "loè"), ("thủy", "thuỷ"), ("tùy", "tuỳ"), ("ủy", "uỷ"), ("lũy", "luỹ"),
    ("lụy", "luỵ"), ("hủy", "huỷ"), ("thúy", "thuý"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"),
    ("Hòa", "Hoà"),
]  # fmt: skip

# SPEC §5.3 always-wrong placements (plus the brief's extra cases).
MISPLACED = [
    ("qúy", "quý"),
    ("qủa", "quả"),
    ("gìa", "già"),
    ("vìệt", "việt"),
    ("muà", "mùa"),
    ("chuà", "chùa"),
    ("tùân", "tuần"),
    ("rựơu", "rượu"),
    ("hòan", "hoàn"),
    ("tóan", "toán"),
    ("thủơ", "thuở"),
    ("qủy", "quỷ"),
    ("Qúy", "Quý"),
    ("HÒAN", "HOÀN"),
]


@pytest.mark.parametrize(("word", "t1", "t2"), SPEC_VECTORS)
def test_spec_vectors(word: str, t1: str, t2: str) -> None:
    assert place_tone(word, "T1") == t1
    assert place_tone(word, "T2") == t2


@pytest.mark.parametrize(("t1", "t2"), STYLE_PAIRS)
def test_style_pairs(t1: str, t2: str) -> None:
    assert tone_style(t1) == "T1"
    assert tone_style(t2) == "T2"
    assert place_tone(t1, "T2") == t2
    assert place_tone(t2, "T1") == t1
    assert misplaced_tone(t1) is None
    assert misplaced_tone(t2) is None


@pytest.mark.parametrize(
    "word",
    ["hoàn", "quý", "quả", "mía", "múa", "toán", "khuyến", "ngoái", "hoa", "thuy", "Việt", "oà?"],
)
def test_style_neutral_words(word: str) -> None:
    assert tone_style(word) is None


@pytest.mark.parametrize(("wrong", "right"), MISPLACED)
def test_misplaced(wrong: str, right: str) -> None:
    assert misplaced_tone(wrong) == right


CORRECT_WORDS = sorted({word for row in SPEC_VECTORS for word in row} - {"qúy"})


@pytest.mark.parametrize("word", [*CORRECT_WORDS, "film", "", "a", "hoa"])
def test_correct_words_are_not_misplaced(word: str) -> None:
    assert misplaced_tone(word) is None


@pytest.mark.parametrize("word", ["film", "", "24", "vìệt", "hoà-bình"])
def test_unparsable_words_are_unchanged(word: str) -> None:
    assert place_tone(word, "T1") == word
    assert place_tone(word, "T2") == word


def test_decomposed_input_is_recognised() -> None:
    nfd = unicodedata.normalize("NFD", "hoà")
    assert tone_style(nfd) == "T2"
    assert place_tone(nfd, "T1") == "hòa"


def _spell(onset: str, rhyme: str, tone: str, at: int) -> str:
    """Write onset + rhyme with the tone mark on rhyme letter `at`."""
    at = min(at, len(rhyme) - 1)
    mark = MARK_OF_TONE.get(tone, "")
    return unicodedata.normalize("NFC", onset + rhyme[: at + 1] + mark + rhyme[at + 1 :])


@given(
    st.sampled_from(("", *ONSETS)),
    st.sampled_from(sorted(RHYMES)),
    st.sampled_from(TONES),
    st.integers(0, 3),
    st.sampled_from(["T1", "T2"]),
    st.booleans(),
)
def test_placement_properties(
    onset: str, rhyme: str, tone: str, at: int, style: Literal["T1", "T2"], upper: bool
) -> None:
    word = _spell(onset, rhyme, tone, at)
    word = word.upper() if upper else word
    placed = place_tone(word, style)
    # Idempotent, and the other style round-trips back.
    assert place_tone(placed, style) == placed
    other: Literal["T1", "T2"] = "T2" if style == "T1" else "T1"
    assert place_tone(place_tone(placed, other), style) == placed
    # Placement never changes the letters, their case, the tone or validity.
    assert unicodedata.normalize("NFD", placed).replace(MARK_OF_TONE.get(tone, "#"), "") == (
        unicodedata.normalize("NFD", word).replace(MARK_OF_TONE.get(tone, "#"), "")
    )
    assert is_valid(placed) == is_valid(word)
    # A placed word is never misplaced, and its style is the one asked for (if it has one).
    assert misplaced_tone(placed) is None
    assert tone_style(placed) in (None, style)
    # Whatever the mark's position was, misplaced_tone repairs it to an accepted form.
    repaired = misplaced_tone(word)
    if repaired is not None:
        assert repaired in (place_tone(word, "T1"), place_tone(word, "T2"))


@pytest.mark.parametrize("word", ["xúat", "hòach", "gíx"])
def test_misplaced_needs_a_valid_syllable(word: str) -> None:
    # Moving the mark would not make these Vietnamese: they are other misspellings.
    assert misplaced_tone(word) is None
