"""Properties of fixing: idempotent, and never touching text outside its edits."""

from __future__ import annotations

from conftest import fix_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnlint.diagnostic import apply_edits

PIECES = [
    "Hội nghị", "khóa XIII", "hoà", "hòa", "Ủy ban", "Uỷ ban", "kinh nghiệm", "của", "và",
    "3,3%", "18h30", "https://baomoi.vn/a,b", "TP.HCM", "(", ")", "“", "”", '"', ",", ".",
    ";", ":", "...", "./.", "!", "?", " ", "  ", "\n", "\r\n", "\u200b", "\u00a0", "ѕản",
    "Thu\u0309", "Uû ban nh©n d©n", "Điểm cầu Hà Nội.", "\n,\n",
]  # fmt: skip
articles = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


HEAD = "Hội nghị Trung ương bế mạc sáng nay"  # a headline: no final period
TAIL = "Phiên họp kéo dài ba ngày."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_fixing_twice_equals_fixing_once(text: str) -> None:
    once = fix_text(text, unsafe=True)
    twice = fix_text(once.text, unsafe=True)
    assert twice.text == once.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_fixes_change_only_their_edits(text: str) -> None:
    framed = f"{HEAD}\n\n{text}\n\n{TAIL}"
    result = fix_text(framed, unsafe=True)
    # The reported edits are the whole change: replaying them gives the fixed text.
    current = framed
    for edits in result.rounds:
        current = apply_edits(current, edits)
    assert current == result.text
    # Text far from any finding is carried over byte for byte.
    assert result.text.startswith(HEAD + "\n") and result.text.endswith("\n" + TAIL)


@settings(max_examples=100, deadline=None)
@given(articles)
def test_a_converged_fix_leaves_no_safe_fix(text: str) -> None:
    result = fix_text(text)
    if result.converged:
        assert not any(d.fix and d.fix.applies(unsafe=False) for d in result.remaining)
