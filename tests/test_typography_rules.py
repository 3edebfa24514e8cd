"""Typography rules on cases beyond their examples, many of them near misses from real news."""

from __future__ import annotations

import pytest
from conftest import fix_text, lint_text


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
