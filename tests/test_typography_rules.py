"""Typography rules on cases beyond their examples, many of them near misses from real news."""

from __future__ import annotations

import re

import pytest
from conftest import fix_text, lint_text
from hypothesis import given, settings
from hypothesis import strategies as st

from vnlint.document import Document
from vnlint.kinds import Context
from vnlint.kinds.typography import (
    MultipleSpaces,
    RepeatedWord,
    SpaceBeforePunctuation,
    SpaceInsideBrackets,
    _Gaps,
    _in_aabb,
)


def found(text: str, select: str) -> list[str]:
    return [d.text for d in lint_text(text, [select])]


@pytest.mark.parametrize(
    "text",
    [
        "Angers ? - ? Rennes lúc 01:00",  # placeholder scores in a fixture list
        "Đội hình: 4 - 4 - 2 ! 3",
        "Tổng cộng 1.250.000 đồng, tăng 3,3% ...",
    ],
)
def test_space_before_punctuation_near_misses(text: str) -> None:
    assert found(text, "VN020") == []


def test_french_spacing_is_only_a_warning() -> None:
    (d,) = lint_text("Anh có khỏe không\u00a0?", ["VN020"])
    assert d.severity.label == "warning"
    (d,) = lint_text("Anh có khỏe không ?", ["VN020"])
    assert d.severity.label == "error"


@pytest.mark.parametrize(
    "text",
    [
        'Màn hình 5" và 6" đều có.',  # inch marks
        'Anh viết: "Ngay khi đó" và "Split", tân binh "Rings"',
        'Cái "tôi" 5"3 là gì',
    ],
)
def test_straight_quotes_are_paired_only_when_the_line_is_clear(text: str) -> None:
    assert found(text, "VN021") == []


def test_straight_quotes_with_spaces_inside() -> None:
    assert found('Bà nói: " Tôi không thấy lý do "', "VN021") == [" ", " "]


def test_abbreviation_lists_keep_their_commas() -> None:
    assert found("Bộ VH,TT&DL và các trường ĐH,CĐ", "VN026") == []
    assert found("cho biết,đơn vị này", "VN026") == [","]


def test_repeated_word_variants() -> None:
    assert found("đi đi về về giữa hai nước", "VN023") == []  # AABB reduplication
    assert found("Mua sắm Mua sắm có thể", "VN023") == ["Mua sắm"]  # capitalized: a warning
    assert lint_text("Mua sắm Mua sắm có thể", ["VN023"])[0].severity.label == "warning"
    assert found("Về khung gầm Khung gầm hình ống", "VN023") == []  # heading glued to text
    assert found("với hơn với hơn 15 triệu", "VN023") == ["với hơn"]
    assert fix_text("cô ấy nói nói gì", ["VN023"]).text == "cô ấy nói nói gì"  # not listed
    assert fix_text("với các với các nước", ["VN023"]).text == "với các nước"


def test_stray_punctuation_line_at_the_start_and_alone() -> None:
    assert fix_text(",\nTiêu đề\n", ["VN025"]).text == "Tiêu đề\n"
    assert fix_text(".", ["VN025"]).text == ""


def test_repeated_line_keeps_the_first_copy_of_three() -> None:
    text = "Ảnh: Toàn cảnh hội nghị.\n\nẢnh: Toàn cảnh hội nghị.\nẢnh: Toàn cảnh hội nghị.\n"
    assert fix_text(text, ["VN024"]).text == "Ảnh: Toàn cảnh hội nghị.\n"


# -- the fast scans find what the plain patterns find ----------------------------------------

_SPACES = " \t\u00a0\u202f"
_PIECES = [
    "a", "Ủy", "bản", "kinh", "nghiệm", "của", "và", "3", ",", ".", ";", ":", "!", "?", "/",
    "(", ")", "[", "]", "“", "”", "«", "»", '"', " ", " ", "  ", "\t", "\u00a0", "\u202f",
    "\n", "\r\n", "\u3000", ".5", "./.", "...",
]  # fmt: skip
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _reference_space_before(text: str) -> list[tuple[int, int]]:
    """VN020 as written before its scan opened on the mark."""
    out = []
    for m in re.finditer(rf"[{_SPACES}]+([,.;:!?])(?![\w.]|/\.)", text):
        before = text[m.start() - 1] if m.start() else ""
        if not before or before.isspace():
            continue
        after = text[m.end(1) : m.end(1) + 2].lstrip(_SPACES)[:1]
        if m.group(1) in "?!" and ((after and not after.isalpha()) or not before.isalnum()):
            continue
        out.append((m.start(), m.start(1)))
    return out


def _reference_inside_brackets(text: str) -> list[tuple[int, int]]:
    """VN021's brackets as written before the closing scan opened on the mark."""
    opening, closing = "([{“«", ")]}”»"
    out = []
    for m in re.finditer(rf"([{re.escape(opening)}])[{_SPACES}]+(?=\S)", text):
        if text[m.end()] not in closing:
            out.append((m.start(1) + 1, m.end()))
    for m in re.finditer(rf"(?<=\S)[{_SPACES}]+([{re.escape(closing)}])", text):
        if text[m.start() - 1] not in opening:
            out.append((m.start(), m.start(1)))
    return out


def _reference_multiple_spaces(text: str) -> list[tuple[int, int]]:
    """VN022 with its one pattern, no-break spaces or not."""
    return [
        m.span()
        for m in re.finditer(r"[ \u00a0]{2,}(?=\S)", text)
        if m.start() and not text[m.start() - 1].isspace()
    ]


def _spans(text: str, kind: object) -> list[tuple[int, int]]:
    doc = Document.from_text(text)
    return [(h.start, h.end) for h in kind.find(doc, Context())]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_spacing_scans_find_what_the_plain_patterns_find(text: str) -> None:
    assert _spans(text, SpaceBeforePunctuation()) == _reference_space_before(text)
    brackets = SpaceInsideBrackets(straight_quotes=False)
    assert _spans(text, brackets) == _reference_inside_brackets(text)
    assert _spans(text, MultipleSpaces()) == _reference_multiple_spaces(text)


def _scanned_inside_brackets(text: str, opening: str, closing: str) -> list[tuple[int, int]]:
    """VN021's brackets as its two regular-expression scans found them, for any keys."""
    out = []
    for m in re.finditer(rf"([{re.escape(opening)}])[{_SPACES}]+(?=\S)", text):
        if text[m.end()] not in closing:
            out.append((m.start(1) + 1, m.end()))
    for m in re.finditer(rf"([{re.escape(closing)}])(?<=[{_SPACES}][{re.escape(closing)}])", text):
        start = m.start() - 1
        while start and text[start - 1] in _SPACES:
            start -= 1
        if start and not text[start - 1].isspace() and text[start - 1] not in opening:
            out.append((start, m.start(1)))
    return out


@settings(max_examples=400, deadline=None)
@given(
    _texts,
    st.sampled_from(["([{“«", " (", "\t(«", "(“", "\u00a0)"]),
    st.sampled_from([")]}”»", ") ", "(”", "\t)", "\u00a0("]),
)
def test_bracket_marks_are_found_as_the_scans_found_them(
    text: str, opening: str, closing: str
) -> None:
    # Marks that are spaces, or that both open and close, must still match as the patterns
    # did: a match's spaces are read once, whatever marks they hold.
    brackets = SpaceInsideBrackets(opening=opening, closing=closing, straight_quotes=False)
    assert _spans(text, brackets) == _scanned_inside_brackets(text, opening, closing)


def _reference_repeats(words: list[str], single: frozenset[str], gap: object) -> list[int]:
    """VN023 by brute force: every token tried as the start of a doubled phrase."""
    out = []
    resume = 0
    for i in range(len(words)):
        if i < resume:
            continue
        for n in range(4, 0, -1):
            if i + 2 * n > len(words) or words[i : i + n] != words[i + n : i + 2 * n]:
                continue
            if not all(gap[j] for j in range(i, i + 2 * n - 1)):  # type: ignore[index]
                continue
            if n == 1 and (words[i].casefold() not in single or _in_aabb(words, gap, i)):
                continue
            if n > 1 and len(set(words[i : i + n])) == 1:
                continue
            out.append(i + n)
            resume = i + 2 * n - 1
            break
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["của", "ngày", "kinh", "nghiệm", "Về", "về", " ", "  ", ", "]), max_size=40
    )
)
def test_repeated_words_are_those_a_scan_of_every_token_finds(pieces: list[str]) -> None:
    import sys

    import numpy

    text = " ".join(pieces)
    doc = Document.from_text(text)
    kind = RepeatedWord(single=["của", "về"])
    starts, ends, words = doc.token_columns
    expected = [
        starts[i] for i in _reference_repeats(words, kind._single, _Gaps(text, starts, ends))
    ]
    # Both ways of comparing: the plain passes (the one-file case, without NumPy loaded) and the
    # words' hashes (archive runs, once NumPy is loaded).
    for loaded in (None, numpy):
        saved = sys.modules.pop("numpy")
        try:
            if loaded is not None:
                sys.modules["numpy"] = loaded
            assert [h.start for h in kind.find(doc, Context())] == expected
        finally:
            sys.modules["numpy"] = saved
