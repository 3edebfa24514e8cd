"""Unicode hygiene rules on cases beyond their examples: where they fire, where they must not."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import fix_text, lint_text

from vnlint.document import Document
from vnlint.engine import lint
from vnlint.kinds import Context
from vnlint.rules import load_default_rules


def codes(text: str, select: str) -> list[tuple[str, str]]:
    return [(d.code, d.text) for d in lint_text(text, [select])]


def test_nfd_and_composite_forms_are_flagged_and_fixed() -> None:
    nfc = "Đảng Cộng sản Việt Nam lãnh đạo."
    nfd = unicodedata.normalize("NFD", nfc)
    found = lint_text(nfd, ["VN001"])
    assert [d.suggestions[0] for d in found] == ["Đảng", "Cộng", "sản", "Việt", "lãnh", "đạo"]
    assert fix_text(nfd, ["VN001"]).text == nfc
    composite = "Vi\u00ea\u0323t Nam"  # "Unicode tổ hợp": ê precomposed, the tone combining
    assert fix_text(composite, ["VN001"]).text == "Việt Nam"
    assert lint_text(nfc, ["VN001"]) == []


def test_invisible_characters() -> None:
    assert codes("Nghị\u00ad định", "VN002") == [("VN002", "\u00ad")]
    assert fix_text("Nghị\u00adđịnh", ["VN002"]).text == "Nghịđịnh"  # soft hyphen: safe
    assert lint_text("Gia đình 👨\u200d👩\u200d👧 hạnh phúc", ["VN002"]) == []
    assert codes("\u202eđảo ngược", "VN002") == [("VN002", "\u202e")]


def test_control_characters_but_not_tabs_or_line_breaks() -> None:
    assert codes("a\x00b\x1bc\x85d", "VN003") == [
        ("VN003", "\x00"), ("VN003", "\x1b"), ("VN003", "\x85"),
    ]  # fmt: skip
    assert lint_text("a\tb\r\nc\n", ["VN003"]) == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Đảng Cộng ѕản Việt Nam", "Đảng Cộng sản Việt Nam"),  # Cyrillic dze
        ("để lại hạt сủa mình", "để lại hạt của mình"),  # Cyrillic es
        ("Thông tư 51/2025/TT-BTС", "Thông tư 51/2025/TT-BTC"),  # Cyrillic capital es
        ("Quyết định số 15/QÐ-BNV", "Quyết định số 15/QĐ-BNV"),  # Latin capital eth
        ("Ðiều 28 của Luật", "Điều 28 của Luật"),
        ("xác định ngàу làm việc", "xác định ngày làm việc"),  # Cyrillic u
    ],
)
def test_lookalike_letters_are_folded(text: str, fixed: str) -> None:
    assert lint_text(text, ["VN004"])
    assert fix_text(text, ["VN004"]).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Tổng thống Nga Путин phát biểu tại Мосва.",
        "Thủ môn Hannes Halldórsson và Guðmundsson của Iceland",
        "Hằng số π và góc α trong bài toán",
    ],
)
def test_other_scripts_are_left_alone(text: str) -> None:
    assert lint_text(text, ["VN004"]) == []


def test_mixed_tone_style_flags_the_minority() -> None:
    text = "Ủy ban, Ủy viên, hòa giải; cấp uỷ.\n"
    found = lint_text(text, ["VN005"])
    assert [(d.text, d.suggestions) for d in found] == [("uỷ", ("ủy",))]
    assert fix_text(text, ["VN005"]).text == "Ủy ban, Ủy viên, hòa giải; cấp ủy.\n"


def test_mixed_tone_style_tie_prefers_t1_and_config_wins() -> None:
    text = "hoà giải và hòa bình"
    assert [d.text for d in lint_text(text, ["VN005"])] == ["hoà"]
    rules = load_default_rules().select(["VN005"])
    doc = Document(text)
    assert [d.text for d in lint(doc, rules, Context(tone_style="T2"))] == ["hòa"]
    consistent = Document("thuỷ lợi, hoà bình, khoẻ mạnh")
    assert lint(consistent, rules) == []
    assert len(lint(consistent, rules, Context(tone_style="T1"))) == 3


def test_tone_styles_per_word_cache_agrees_with_judging_each_word() -> None:
    from vnlint.kinds.unicode import _STYLE_CANDIDATE, _StyleCache, tone_styles
    from vnlint.vietnamese.tones import tone_style

    def direct(vocabulary: frozenset[str]) -> dict[str, str]:
        return {
            w: style
            for w in vocabulary
            if _STYLE_CANDIDATE.search(w) and (style := tone_style(w)) is not None
        }

    texts = [
        "Ủy ban, hòa giải, thuỷ lợi, khoẻ mạnh, hoạt động",
        "hoà bình, Thủy, quý, QUÝ, toàn, oa oa",
        "Ủy ban nhân dân và hoà giải",
    ]
    # A cache so small that it is emptied on the way: a cleared cache only costs time.
    cache = _StyleCache(size=8)
    for text in texts * 2:
        vocabulary = Document(text).vocabulary
        assert cache.of(vocabulary) == direct(vocabulary)
        assert tone_styles(Document(text)) == direct(vocabulary)


def test_the_control_pattern_holds_exactly_the_reported_controls() -> None:
    from vnlint.kinds.unicode import _CONTROL_RE
    from vnlint.vietnamese.letters import is_control

    controls = [chr(c) for c in range(0x100) if _CONTROL_RE.match(chr(c))]
    assert controls == [chr(c) for c in range(0x100) if is_control(chr(c))]


def test_the_shared_pretest_holds_every_character_the_character_kinds_look_for() -> None:
    import sys

    from vnlint.kinds.unicode import _CONTROL_RE, _LEGACY_HINT, _char_class, _odd_class
    from vnlint.vietnamese.letters import INVISIBLE, LOOKALIKES

    classes = [_CONTROL_RE, _LEGACY_HINT, _char_class(frozenset(INVISIBLE))]
    classes.append(_char_class(frozenset(LOOKALIKES)))
    odd = _odd_class()
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(odd.match(c)) == any(p.match(c) for p in classes), hex(ord(c))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hà\u200bNội", "VN002"),
        ("Hà Nội\x07", "VN003"),
        ("Hà Nội và ѕản xuất", "VN004"),
        ("Uû ban nh©n d©n tỉnh", "VN006"),
    ],
)
def test_each_character_kind_runs_after_the_shared_pretest(text: str, code: str) -> None:
    # Each kind asks the shared pre-test first, whichever kind asked it before.
    rules = load_default_rules().select(["VN002", "VN003", "VN004", "VN006"])
    assert [d.code for d in lint(Document(text), rules)] == [code]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Quyết định của Uû ban nh©n d©n tỉnh.", "Quyết định của Uỷ ban nhân dân tỉnh."),
        ("Văn kiện §¶ng Céng s¶n ViÖt Nam.", "Văn kiện Đảng Cộng sản Việt Nam."),
        (
            "Theo Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            "Theo Cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
        ("Theo Quyáº¿t Ä‘á»‹nh sá»‘ 24", "Theo Quyết định số 24"),
    ],
)
def test_legacy_encodings_are_converted(text: str, fixed: str) -> None:
    assert lint_text(text, ["VN006"])
    assert fix_text(text, ["VN006"]).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Café « Müller » ©2022, giá 20 € một vé, Crème brûlée, naïve, São Paulo, Zürich.",
        "Ông Nguyễn Văn Hòa phát biểu tại hội nghị ở Đà Nẵng.",
        "The quick brown fox jumps over the lazy dog.",
    ],
)
def test_legacy_detection_stays_silent_on_clean_text(text: str) -> None:
    assert lint_text(text, ["VN006"]) == []


def test_replacement_character() -> None:
    assert codes("Theo Quy\ufffdt định", "VN007") == [("VN007", "Quy\ufffdt")]


@pytest.mark.parametrize(
    ("mojibake", "name"),
    [("Uû ban nh©n d©n tØnh Qu¶ng Ng·i", "TCVN3"), ("UÛy ban nhaân daân tænh", "VNI")],
)
def test_legacy_files_are_named(mojibake: str, name: str) -> None:
    data = mojibake.encode("cp1252")
    found = lint(Document.from_bytes(data, "a.txt"), load_default_rules())
    assert [d.code for d in found] == ["VN000"]
    assert name in found[0].message
