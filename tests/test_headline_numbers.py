"""VN307 on numbers: a headline count the body gives only as another number."""

from __future__ import annotations

import pytest
from conftest import lint_text


def counts(text: str) -> list[str]:
    """Return the headline counts VN307 reports."""
    return [d.text for d in lint_text(text, ["VN307"]) if d.text[:1].isdigit()]


def test_a_count_the_body_contradicts_is_flagged() -> None:
    text = "Lũ quét ở Yên Bái, 5 người chết\nMưa lớn làm 6 người chết và 2 người mất tích."
    assert counts(text) == ["5 người chết"]


@pytest.mark.parametrize(
    "text",
    [
        # the body also writes the headline's number, in digits or in words
        "Lũ quét, 5 người chết\nSố người chết tăng lên 6 người; 5 người đã được xác định.",
        "Lũ quét, 5 người chết\nLũ quét làm năm người chết ở hai xã.",
        # approximate, relative or ranged counts
        "Lũ quét, gần 500 người sơ tán\nĐã có 480 người sơ tán.",
        "Thêm 5 ca mắc mới\nCả nước có 105 ca mắc.",
        "Lũ quét, 4-5 người chết\nĐã có 6 người chết.",
        # a compound outcome, counted apart in the body
        "Đã có 14 người chết và mất tích\nĐã có 13 người chết, 1 người mất tích.",
        # no outcome after the noun: a group the body may count in part
        "Tạt axit vào 6 người hàng xóm\nTrong đó có 2 người hàng xóm phải nhập viện.",
        # the body gives the noun two different counts
        "Tai nạn, 5 người chết\nBan đầu 3 người chết, sau đó 4 người chết.",
        # dates, percentages, decimals
        "Ngày 5/6: 30% người nhiễm\nCó 12 người nhiễm.",
    ],
)
def test_counts_that_may_agree_are_left_alone(text: str) -> None:
    assert counts(text) == []
