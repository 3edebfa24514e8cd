"""The engine: filtering, ordering, the fix loop and edit application."""

from __future__ import annotations

import pytest
from conftest import fix_text, lint_text

from vnlint.diagnostic import Edit, apply_edits
from vnlint.kinds import Context


def test_apply_edits_back_to_front_and_insertions() -> None:
    assert apply_edits("abcdef", [Edit(4, 5, "X"), Edit(0, 1, ""), Edit(3, 3, "-")]) == "bc-dXf"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_findings_are_sorted_and_deduplicated() -> None:
    found = lint_text("A  b .\nC ( d ) .\n", ["VN02"])
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert len({(d.code, d.start, d.end) for d in found}) == len(found)


def test_fix_loop_reaches_a_fixed_point() -> None:
    result = fix_text("Hội nghị ( khóa XIII )  đã bế mạc . Một số ít việc .\n", ["VN02"])
    assert result.text == "Hội nghị (khóa XIII) đã bế mạc. Một số ít việc.\n"
    assert result.converged and result.remaining == ()


def test_fix_loop_reports_what_it_cannot_fix() -> None:
    result = fix_text("Rất  tốt .\nĐiểm cầu Hà Nội.\nĐiểm cầu Hà Nội.\n", ["VN02"], unsafe=False)
    assert "  " not in result.text and " ." not in result.text
    assert result.text.count("Điểm cầu Hà Nội.") == 1


def test_unsafe_fixes_need_permission() -> None:
    text = "A\u200bB mới\n"  # a zero-width space between letters may stand for a space
    assert fix_text(text, ["VN002"]).text == text
    assert fix_text(text, ["VN002"], unsafe=True).text == "AB mới\n"


def test_accepted_phrases_are_never_flagged() -> None:
    text = "Nhóm nhạc kinh nghiệm kinh nghiệm biểu diễn.\n"
    assert lint_text(text, ["VN023"])
    ctx = Context(accept=frozenset({"kinh nghiệm kinh nghiệm"}))
    assert lint_text(text, ["VN023"], ctx=ctx) == []


def test_masked_spans_are_never_flagged() -> None:
    assert lint_text("Xem https://a.vn/x%20,y .\n", ["VN026"]) == []
