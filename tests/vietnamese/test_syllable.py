"""Test syllable parsing, tone stripping and phonotactic validity."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnlint.vietnamese.syllable import (
    GI_RHYMES,
    MARK_OF_TONE,
    MULTIPLE_TONES,
    ONSETS,
    QU_RHYMES,
    RHYMES,
    TONE_MARKS,
    TONES,
    Syllable,
    is_valid,
    is_vietnamese_word_shape,
    parse,
    strip_tone,
)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("hoạch", ("h", "o", "a", "ch", "nang")),
        ("quyết", ("qu", "", "yê", "t", "sac")),
        ("giường", ("gi", "", "ươ", "ng", "huyen")),
        ("gì", ("g", "", "i", "", "huyen")),
        ("gìn", ("g", "", "i", "n", "huyen")),
        ("già", ("gi", "", "a", "", "huyen")),
        ("giữa", ("gi", "", "ưa", "", "nga")),
        ("giết", ("gi", "", "ê", "t", "sac")),
        ("khuỷu", ("kh", "u", "y", "u", "hoi")),
        ("khuya", ("kh", "u", "ya", "", "ngang")),
        ("ngoẻo", ("ng", "o", "e", "o", "hoi")),
        ("xoáy", ("x", "o", "a", "y", "sac")),
        ("người", ("ng", "", "ươ", "i", "huyen")),
        ("muối", ("m", "", "uô", "i", "sac")),
        ("túi", ("t", "", "u", "i", "sac")),
        ("thuở", ("th", "u", "ơ", "", "hoi")),
        ("uỷ", ("", "u", "y", "", "hoi")),
        ("yêu", ("", "", "yê", "u", "ngang")),
        ("xoong", ("x", "", "oo", "ng", "ngang")),
        ("nghiêng", ("ngh", "", "iê", "ng", "ngang")),
        ("đường", ("đ", "", "ươ", "ng", "huyen")),
        ("khuấy", ("kh", "u", "â", "y", "sac")),
    ],
)
def test_parse_parts(word: str, parts: tuple[str, str, str, str, str]) -> None:
    assert parse(word) == Syllable(*parts)


@pytest.mark.parametrize("word", ["Hoà", "HOÀ", "hoà", "hOÀ"])
def test_parse_ignores_case(word: str) -> None:
    assert parse(word) == Syllable("h", "o", "a", "", "huyen")


def test_parse_accepts_decomposed_and_composite_forms() -> None:
    expected = parse("Việt")
    assert parse(unicodedata.normalize("NFD", "Việt")) == expected
    # "Unicode tổ hợp": precomposed ê plus a combining dot below (SPEC §5.4).
    assert parse("Vi\u00ea\u0323t") == expected


@pytest.mark.parametrize(
    "word",
    ["", "film", "jazz", "wifi", "zalo", "abc1", "vìệt", "hoà-bình", "aa", "ngh", "qa", "q", "ae"],
)
def test_parse_rejects_non_syllables(word: str) -> None:
    assert parse(word) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoà", ("hoa", "huyen")),
        ("Việt", ("Viêt", "nang")),
        ("ĐỨC", ("ĐƯC", "sac")),
        ("ư", ("ư", "ngang")),
        ("abc", ("abc", "ngang")),
        ("hoa\u0340", ("hoa", "huyen")),
        ("vìệt", ("viêt", MULTIPLE_TONES)),
    ],
)
def test_strip_tone(text: str, expected: tuple[str, str]) -> None:
    assert strip_tone(text) == expected


def test_tone_tables_agree() -> None:
    assert set(TONE_MARKS.values()) == set(TONES) - {"ngang"}
    assert {mark: tone for tone, mark in MARK_OF_TONE.items()} == TONE_MARKS


# (valid, invalid) pairs: each invalid word breaks exactly one rule.
@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("hoạch", "hoach"),  # stop coda needs sắc or nặng
        ("học", "hoc"),
        ("tập", "tâp"),
        ("chính", "chúnh"),  # "unh" is no rhyme
        ("bia", "biê"),  # iê needs a coda; the open form is ia
        ("mua", "muô"),
        ("mưa", "mươ"),
        ("kê", "cê"),  # k before e ê i y, c elsewhere
        ("ca", "ka"),
        ("kìa", "cìa"),
        ("ghế", "gế"),  # gh before e ê i
        ("ga", "gha"),
        ("nghe", "nge"),
        ("ngà", "nghà"),
        ("quý", "cuý"),  # /kw/ is spelled qu
        ("quốc", "quúc"),
        ("ách", "ốch"),  # ch only after a, ê, i
        ("anh", "onh"),
        ("huỳnh", "huỳng"),
        ("yên", "iên"),  # without an onset iê is spelled yê
        ("tiên", "tyên"),
        ("khuya", "khya"),
        ("ăn", "ă"),  # ă and â need a coda
        ("ân", "â"),
        ("xẻng", "xẻnh"),  # eng is a rhyme (xẻng, kẻng), enh is not
        ("kênh", "kêng"),
        ("giết", "giiết"),
        ("gì", "gy"),
    ],
)
def test_valid_invalid_pairs(good: str, bad: str) -> None:
    assert is_valid(good), good
    assert not is_valid(bad), bad


@pytest.mark.parametrize(
    "word",
    [
        "xoong", "boong", "soóc", "huých", "khuỷu", "ngoẻo", "huênh", "ngoặc", "hoẵng",
        "khuâng", "bâng", "hưu", "rượu", "muối", "ngoài", "xoay", "khuấy", "khuya", "huýt",
        "quỳnh", "biếc", "xuyên", "tuyết", "thuở", "nhoẻn", "loét",
        "quen", "quét", "quê", "quên", "quệt", "quắp", "quạu", "quới", "giếng", "giêng",
        "gìn", "gịt", "giữa", "giường", "gioăng", "ỉa", "ừm", "ty", "kỳ", "lý", "mỹ", "sỹ",
        "tỷ", "ngoáo", "oạp", "Việt", "NAM", "Đảng", "buýt", "tuýp", "uỷ", "ủy", "yểng",
    ],
)  # fmt: skip
def test_valid_syllables(word: str) -> None:
    assert is_valid(word)


@pytest.mark.parametrize(
    "word",
    ["hoach", "ôtô", "clip", "kg", "ok", "gy", "noo", "iêu"],
)
def test_invalid_syllables(word: str) -> None:
    assert not is_valid(word)


def test_rhyme_inventory_size_and_shape() -> None:
    assert 150 <= len(RHYMES) <= 165
    for rhyme in RHYMES | QU_RHYMES:
        assert unicodedata.is_normalized("NFC", rhyme)
        assert strip_tone(rhyme)[1] == "ngang"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("Việt", True),
        ("NGHĨA", True),
        ("wifi", True),
        (unicodedata.normalize("NFD", "Việt"), True),
        ("Müller", False),
        ("hoà-bình", False),
        ("24", False),
        ("", False),
        ("\u0441ản", False),  # Cyrillic es
    ],
)
def test_word_shape(token: str, expected: bool) -> None:
    assert is_vietnamese_word_shape(token) is expected


def _compose(onset: str, rhyme: str, tone: str) -> str:
    """Write onset + rhyme with the tone mark on the first vowel of the rhyme."""
    mark = MARK_OF_TONE.get(tone, "")
    return unicodedata.normalize("NFC", onset + rhyme[0] + mark + rhyme[1:])


def _is_gi_spelling(onset: str, rhyme: str) -> bool:
    """Tell whether g + i-rhyme is written like gi + rhyme (g+ia is "gia" = gi+a)."""
    return onset == "g" and rhyme[0] == "i" and len(rhyme) > 1 and rhyme[1] in "aăâeêioôơuưy"


# Every onset + rhyme pair the tables accept (tone-independent: checked with sắc).
VALID_PAIRS = sorted(
    (onset, rhyme)
    for onset in ("", *ONSETS)
    for rhyme in RHYMES | QU_RHYMES | GI_RHYMES
    if is_valid(_compose(onset, rhyme, "sac")) and not _is_gi_spelling(onset, rhyme)
)


@given(st.sampled_from(VALID_PAIRS), st.sampled_from(TONES))
def test_composed_valid_syllables_parse_back(pair: tuple[str, str], tone: str) -> None:
    onset, rhyme = pair
    word = _compose(onset, rhyme, tone)
    syllable = parse(word)
    assert syllable is not None
    assert (syllable.onset, syllable.rhyme, syllable.tone) == (onset, rhyme, tone)
    assert parse(word.upper()) == syllable
    assert parse(word.capitalize()) == syllable


def test_all_valid_pairs_parse_back() -> None:
    assert len(VALID_PAIRS) > 2000
    for onset, rhyme in VALID_PAIRS:
        for tone in TONES:
            syllable = parse(_compose(onset, rhyme, tone))
            assert syllable is not None
            assert (syllable.onset, syllable.rhyme, syllable.tone) == (onset, rhyme, tone)


def test_every_rhyme_is_valid_after_some_onset() -> None:
    paired = {rhyme for _, rhyme in VALID_PAIRS}
    assert paired >= RHYMES
