"""The titles pack (VN3xx): the official-names table, each rule's edges, and the seeds."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest
from conftest import fix_text, lint_text

from vnlint.document import Document
from vnlint.engine import fix_document, lint
from vnlint.kinds.titles import find_people, name_table, shape, strip_marks, words
from vnlint.rules import load_default_rules, rules_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {p.name[:3]: p for p in sorted((ROOT / "seeds").glob("*.txt"))}
TABLE_PATH = rules_dir() / "_data" / "official-names.toml"


def found(text: str, code: str) -> list[tuple[str, str]]:
    """Lint with one rule (or prefix) and return (code, flagged text) pairs."""
    return [(d.code, d.text) for d in lint_text(text, [code])]


def seed_findings(key: str) -> list[tuple[str, str]]:
    """Return the VN3 findings of a seed, as (code, flagged text)."""
    text = SEEDS[key].read_text(encoding="utf-8")
    return [(d.code, d.text) for d in lint_text(text, ["VN3"], path=str(SEEDS[key]))]


# -- the table ---------------------------------------------------------------------------------


def raw_table() -> dict:
    return tomllib.loads(TABLE_PATH.read_text(encoding="utf-8"))


def order(text: str) -> tuple[str, str]:
    """Sort Vietnamese by letters first, then marks and case (Âu before Bùi)."""
    return strip_marks(text), text.casefold()


def test_table_is_nfc_sorted_and_unique() -> None:
    text = TABLE_PATH.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    table = raw_table()
    canonical = [n["canonical"] for n in table["names"]]
    assert canonical == sorted(canonical, key=order)
    assert len({c.casefold() for c in canonical}) == len(canonical)
    lists = {**table["people"], "generic-before": table["generic-before"]}
    for key in ("surnames", "not-names", "not-person-after", "generic-before"):
        assert lists[key] == sorted(lists[key], key=order), key
        assert len(lists[key]) == len(set(lists[key])), key


def test_every_variant_is_a_case_variant_listed_once() -> None:
    for entry in raw_table()["names"]:
        canonical = entry["canonical"]
        errors, both = entry.get("errors", []), entry.get("both", [])
        assert errors or both, canonical
        variants = [*errors, *both]
        assert len(variants) == len(set(variants)), canonical
        assert canonical not in variants
        for v in variants:
            assert v.casefold() == canonical.casefold(), (canonical, v)
            assert v != v.lower(), f"{v!r}: lowercase forms are also generic words"
        assert entry.get("source"), canonical


def test_the_table_compiles_with_both_tone_styles() -> None:
    table = name_table()
    assert table.key("Uỷ") == table.key("ủy") == "ủy"
    assert table.key("Hoà") is None or table.key("hoà") == table.key("hòa")
    assert table.key("xyz") is None


@pytest.mark.parametrize("entry", raw_table()["names"], ids=lambda e: e["canonical"])
def test_each_error_variant_is_fixed_to_the_canonical_form(entry: dict) -> None:
    canonical = entry["canonical"]
    # Mid-sentence, after a lowercase word and before one: where every guard lets it through.
    good = f"Theo thông báo của {canonical} về việc này."
    assert found(good, "VN301") == []
    for variant in entry.get("errors", []):
        bad = f"Theo thông báo của {variant} về việc này."
        assert found(bad, "VN301") == [("VN301", variant)], variant
        assert fix_text(bad, ["VN301"]).text == good


# -- VN301 miscapitalized-official-name ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sáng 5/3, Ủy Ban Nhân Dân tỉnh Nghệ An tổ chức hội nghị tổng kết.",
            "Sáng 5/3, Ủy ban nhân dân tỉnh Nghệ An tổ chức hội nghị tổng kết.",
        ),
        (
            "Nghị quyết của Bộ chính trị về phát triển kinh tế.",
            "Nghị quyết của Bộ Chính trị về phát triển kinh tế.",
        ),
        (
            "Ông được bổ nhiệm làm Trưởng Ban tổ chức Trung ương.",
            "Ông được bổ nhiệm làm Trưởng Ban Tổ chức Trung ương.",
        ),
        (
            "Phòng đã đề nghị Uỷ Ban Nhân Dân tỉnh xem xét.",  # the T2 tone marks stay
            "Phòng đã đề nghị Uỷ ban nhân dân tỉnh xem xét.",
        ),
        (
            "Ủy ban Nhân dân tỉnh đã họp.",  # the sentence's first capital stays
            "Ủy ban nhân dân tỉnh đã họp.",
        ),
    ],
)
def test_vn301_fixes(text: str, expected: str) -> None:
    result = fix_text(text, ["VN301"])
    assert result.text == expected
    assert fix_text(result.text, ["VN301"]).text == expected


def test_vn301_fixes_a_comma_separated_name_whole() -> None:
    text = "đại diện Bộ Văn Hóa, Thể Thao và Du Lịch dự họp"
    assert fix_text(text, ["VN301"]).text == "đại diện Bộ Văn hóa, Thể thao và Du lịch dự họp"


@pytest.mark.parametrize(
    "text",
    [
        "HỘI NGHỊ CỦA ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",  # all caps
        "Hội Nghị Của Ủy Ban Nhân Dân Tỉnh Nghệ An Bàn Về Kinh Tế",  # a Title Case line
        "Chủ đò “làm giá” với du khách. Ảnh: Quốc Hội",  # a photographer
        "Chủ tịch CLB Hà Nội, ông Nguyễn Quốc Hội, cho biết",  # a person
        "Cổng Thông Tin Điện Tử Chính Phủ vừa đăng tải",  # a longer Title Case name
        "Hội nghị các Đảng cộng sản và công nhân quốc tế",  # generic, after "các"
        "Đảng cộng sản các nước đều có cương lĩnh.",  # generic at a sentence start
        "Ủy ban nhân dân tỉnh, Bộ Chính trị, Ban Tổ chức Trung ương, Chính phủ, Quốc hội.",
    ],
)
def test_vn301_stays_silent(text: str) -> None:
    assert found(text, "VN301") == []


def test_vn301_reads_a_capital_then_lowercase_at_a_sentence_start_as_generic() -> None:
    # Mid-sentence "Bộ chính trị" can only be the body; opening a sentence it may be the
    # generic "bộ chính trị" (of some party), so it is left alone there.
    assert found("Chỉ thị của Bộ chính trị đã được ban hành.", "VN301") != []
    assert found("Bộ chính trị đã họp.", "VN301") == []


# -- VN302 inconsistent-official-name -------------------------------------------------------------


def test_vn302_reports_the_minority_form_and_fixes_to_the_majority() -> None:
    text = (
        "Trưởng Ban Tổ chức Trung ương chủ trì. Dự có Trưởng ban Tuyên giáo Trung ương "
        "và Trưởng Ban Nội chính Trung ương."
    )
    assert found(text, "VN302") == [("VN302", "Trưởng ban")]
    fixed = fix_text(text, ["VN302"]).text
    assert "Trưởng Ban Tuyên giáo" in fixed and found(fixed, "VN302") == []


def test_vn302_tie_goes_to_the_canonical_form() -> None:
    text = "Kiểm toán Nhà nước công bố. Theo Kiểm toán nhà nước, số chi sai là 26 tỷ đồng."
    assert found(text, "VN302") == [("VN302", "Kiểm toán Nhà nước")]
    assert fix_text(text, ["VN302"]).text.startswith("Kiểm toán nhà nước công bố.")


@pytest.mark.parametrize(
    "text",
    [
        # Standalone "Trưởng ban" before "Thường trực" or a person is not the fused title.
        "Trưởng Ban Tổ chức Trung ương và Phó Trưởng ban Thường trực Ban Tổ chức Trung ương.",
        "Trưởng Ban Tổ chức Trung ương và Trưởng ban Nguyễn Văn An.",
        # One accepted form, used throughout.
        "Tổng bí thư Nguyễn Phú Trọng gặp Tổng bí thư Tập Cận Bình.",
        "Trưởng ban Tổ chức Trung ương và Phó Trưởng ban Tổ chức Trung ương.",
    ],
)
def test_vn302_stays_silent(text: str) -> None:
    assert found(text, "VN302") == []


def test_vn302_only_compares_within_one_article() -> None:
    # Seed 003 writes "Trưởng ban", seed 004 "Trưởng Ban": each is consistent.
    assert [f for f in seed_findings("003") if f[0] == "VN302"] == []
    assert [f for f in seed_findings("004") if f[0] == "VN302"] == []
    assert "Trưởng ban Tổ chức" in SEEDS["003"].read_text(encoding="utf-8")
    assert "Trưởng Ban Tổ chức" in SEEDS["004"].read_text(encoding="utf-8")


# -- VN303 conflicting-person-title ---------------------------------------------------------------


def test_people_and_their_titles_are_found() -> None:
    doc = Document.from_text(
        "Chủ trì có các đồng chí: Trương Thị Mai, Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng; "
        "Phó Trưởng ban Tổ chức Trung ương Hoàng Đăng Quang và Bí thư Tỉnh ủy Yên Bái Phạm "
        "Thị Thanh Trà dự họp tại Thành phố Hồ Chí Minh."
    )
    ws = words(doc)
    people = {m.name: m for m in find_people(ws, name_table())}
    assert set(people) == {"Trương Thị Mai", "Hoàng Đăng Quang", "Phạm Thị Thanh Trà"}

    def titles(name: str) -> list[str]:
        return [" ".join(w.text for w in ws[t.first : t.last + 1]) for t in people[name].titles]

    assert titles("Trương Thị Mai") == ["Ủy viên Bộ Chính trị", "Bí thư Trung ương Đảng"]
    assert titles("Hoàng Đăng Quang") == ["Phó Trưởng ban Tổ chức Trung ương"]
    assert titles("Phạm Thị Thanh Trà") == ["Bí thư Tỉnh ủy Yên Bái"]
    assert people["Trương Thị Mai"].honorific is None  # "các đồng chí:" is a list


def test_vn303_seed_001_calls_the_same_leaders_chien_sy() -> None:
    text = SEEDS["001"].read_text(encoding="utf-8")
    diagnostics = [d for d in lint_text(text, ["VN303"]) if d.code == "VN303"]
    assert [d.text for d in diagnostics] == ["chiến sỹ", "chiến sỹ"]
    messages = " ".join(d.message for d in diagnostics)
    # Mai Văn Chính is a member of the Central Committee; Trương Thị Mai is "đồng chí" elsewhere.
    assert "Mai Văn Chính" in messages and "Ủy viên Trung ương Đảng" in messages
    assert "Trương Thị Mai" in messages and "“đồng chí”" in messages
    assert all(d.fix is not None and d.fix.applicability.value == "unsafe" for d in diagnostics)


def test_vn303_title_case_conflict_within_one_article() -> None:
    # Seed 000 writes "Phó Trưởng Ban thường trực", seed 001 "Phó Trưởng ban Thường trực":
    # fine across articles, a conflict for one person within one.
    assert "Phó Trưởng Ban thường trực" in SEEDS["000"].read_text(encoding="utf-8")
    assert "Phó Trưởng ban Thường trực" in SEEDS["001"].read_text(encoding="utf-8")
    assert [f for f in seed_findings("000") if f[0] == "VN303"] == []
    text = (
        "Chủ trì có đồng chí Mai Văn Chính, Phó Trưởng Ban thường trực Ban Tổ chức Trung ương. "
        "Phó Trưởng ban Thường trực Ban Tổ chức Trung ương Mai Văn Chính phát biểu."
    )
    diagnostics = lint_text(text, ["VN303"])
    assert [d.text for d in diagnostics] == ["Phó Trưởng ban Thường trực Ban Tổ chức Trung ương"]
    assert diagnostics[0].fix is None
    assert "Phó Trưởng Ban thường trực" in diagnostics[0].message


def test_vn303_reports_the_odd_title_word_not_the_right_one() -> None:
    text = (
        "Ủy viên Bộ Chính trị, Bí Thư Thành ủy Đinh La Thăng dự lễ. Sau đó, "
        "Bí thư Thành ủy Đinh La Thăng phát biểu. Bí thư Thành ủy Đinh La Thăng cảm ơn."
    )
    assert found(text, "VN303") == [("VN303", "Bí Thư Thành ủy")]


@pytest.mark.parametrize(
    "text",
    [
        "Gia đình ông bà Đỗ Đình Thiện chuẩn bị xôi. Ông Đỗ Đình Thiện là cơ sở cách mạng.",
        "Chiến sĩ Nguyễn Văn Đức bị thương; đồng đội đưa chiến sĩ Nguyễn Văn Đức đi cấp cứu.",
        "Ông Huỳnh Thanh, Giám đốc Công ty Cát Vàng, cho biết. Ông Huỳnh Thanh, giám đốc công "
        "ty chạy xe tới.",
    ],
)
def test_vn303_stays_silent(text: str) -> None:
    assert found(text, "VN303") == []


def test_vn303_gender_conflict() -> None:
    text = "Ông Nguyễn Văn An cho biết. Sau đó, ông Nguyễn Văn An và bà Nguyễn Văn An ký biên bản."
    assert found(text, "VN303") == [("VN303", "bà")]


# -- VN304 short-name-before-full ----------------------------------------------------------------

LEAD = "Hội nghị tổng kết ngành tổ chức\nSáng 30/9, hội nghị tổng kết đã diễn ra tại Hà Nội.\n"


def test_vn304_short_form_before_the_full_name() -> None:
    text = LEAD + "Ông Chính cho biết như vậy.\nChủ trì có ông Mai Văn Chính, Phó Trưởng Ban."
    assert found(text, "VN304") == [("VN304", "Ông Chính")]
    assert lint_text(text, ["VN304"])[0].severity.label == "info"


@pytest.mark.parametrize(
    "text",
    [
        # The headline and the lead may use the short form.
        "Ông Chính: ngành đã hoàn thành 19 đề án\nÔng Chính phát biểu.\n"
        "Chủ trì có ông Mai Văn Chính, Phó Trưởng Ban Tổ chức Trung ương.",
        # A caption, a quotation credit, an anonymized initial.
        LEAD + "Ông Chính phát biểu (ảnh: Thiên Bút).\nChủ trì có ông Mai Văn Chính, Giám đốc.",
        LEAD + "“Phải làm ngay” - ông Chính nói.\nChủ trì có ông Mai Văn Chính, Giám đốc.",
        LEAD + "Bà H. bị thương.\nBà Nguyễn Thị H. đã xuất viện.",
        # "Bộ trưởng Quốc phòng" is a title and a body, not "Bộ trưởng Quốc".
        LEAD + "Bộ trưởng Quốc phòng Mỹ thăm Nhật.\nBộ trưởng Lê Văn Quốc chủ trì.",
        # The full name came first.
        LEAD + "Chủ trì có ông Mai Văn Chính, Giám đốc.\nÔng Chính cho biết như vậy.",
    ],
)
def test_vn304_stays_silent(text: str) -> None:
    assert found(text, "VN304") == []


# -- headlines: VN305, VN306, VN307 --------------------------------------------------------------


def test_vn305_deletes_the_period() -> None:
    text = "Xe buýt nhanh BRT ngày đầu thu tiền vé.\nThân bài."
    assert found(text, "VN305") == [("VN305", ".")]
    assert fix_text(text, ["VN305"]).text == "Xe buýt nhanh BRT ngày đầu thu tiền vé\nThân bài."


@pytest.mark.parametrize(
    "text",
    [
        "Chờ đến bao giờ...\nThân bài.",
        "Cổ phiếu của Apple Inc.\nThân bài.",
        "Một câu văn duy nhất.",  # no body: no headline
        "Quyết định có hiệu lực kể từ ngày ký./.\nThân bài.",
        " ".join(["chữ"] * 45) + ".\nThân bài.",  # a paragraph, not a headline
    ],
)
def test_vn305_stays_silent(text: str) -> None:
    assert found(text, "VN305") == []


def test_vn306_title_case_headline() -> None:
    text = "Hội Nghị Giao Ban Công Tác Xây Dựng Đảng Của Các Tỉnh Miền Trung\nThân bài."
    assert [c for c, _ in found(text, "VN306")] == ["VN306"]


@pytest.mark.parametrize(
    "headline",
    [
        "Tổng Bí thư Nguyễn Phú Trọng tiếp Đại sứ Hoa Kỳ",
        "Highlights Real Madrid 4-1 Sevilla",
        "HỘI NGHỊ GIAO BAN CÔNG TÁC XÂY DỰNG ĐẢNG",
        "ĐT Việt Nam: Có Công Phượng, HLV Hữu Thắng “nhớ” Công Vinh",
    ],
)
def test_vn306_stays_silent(headline: str) -> None:
    assert found(headline + "\nThân bài.", "VN306") == []


def test_vn307_seed_002_lost_dash() -> None:
    assert seed_findings("002") == [("VN307", "Trung\u00a0\u00a0Tây Nguyên")]
    text = SEEDS["002"].read_text(encoding="utf-8")
    fixed = fix_text(text, ["VN307"], unsafe=True).text
    assert "khu vực miền Trung – Tây Nguyên năm 2022" in fixed
    assert fix_text(text, ["VN307"]).text == text  # the fix is unsafe


def test_vn307_a_name_with_other_diacritics() -> None:
    text = "Đồng chí Võ Văn Thưởng dự hội nghị\nSáng 29/12, đồng chí Võ Văn Thương phát biểu."
    diagnostics = lint_text(text, ["VN307"])
    assert [d.text for d in diagnostics] == ["Võ Văn Thưởng"]
    assert diagnostics[0].fix is None and "Võ Văn Thương" in diagnostics[0].message


@pytest.mark.parametrize(
    "text",
    [
        # The body never writes the dash and keeps one space: a spelling of its own.
        "Du lịch mạo hiểm tại Phong Nha – Kẻ Bàng\nVườn quốc gia Phong Nha Kẻ Bàng mở tour.",
        # A headline's first word is no name ("Vụ" is "the case of").
        "Vụ Samson bị phạt, Omar được giảm án\nHoàng Vũ Samson bị treo giò 8 trận.",
        # A score line and a competition name are not two names.
        "U23 Việt Nam - U23 Thái Lan\nTỷ số U23 Việt Nam U23 Thái Lan.",
        "Kết quả bóng đá Cup C1 hôm nay\nCập nhật kết quả Cúp C1 châu Âu.",
        # A name spelled without marks is a spelling, not a slip.
        "Dòng phim xã hội đen Hồng Kông\nCác phim Hong Kong thập niên 1990.",
        # Tone placement alone is VN005's business.
        "Khánh Hoà đón khách\nTỉnh Khánh Hòa đón 3 triệu khách.",
    ],
)
def test_vn307_stays_silent(text: str) -> None:
    assert found(text, "VN307") == []


# -- the seeds, clean text, idempotence ----------------------------------------------------------


def test_seed_expectations() -> None:
    assert seed_findings("000") == []
    assert seed_findings("001") == [
        ("VN303", "chiến sỹ"),
        ("VN301", "Ủy Ban Nhân Dân"),
        ("VN303", "chiến sỹ"),
    ]
    assert seed_findings("002") == [("VN307", "Trung\u00a0\u00a0Tây Nguyên")]
    assert seed_findings("003") == []
    assert seed_findings("004") == []


def test_clean_fixture_stays_clean() -> None:
    for path in sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.txt")):
        assert lint_text(path.read_text(encoding="utf-8"), ["VN3"]) == [], path


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_fixing_the_seeds_is_idempotent(key: str) -> None:
    rules = load_default_rules().select(["VN3"])
    doc = Document.from_text(SEEDS[key].read_text(encoding="utf-8"), str(SEEDS[key]))
    once = fix_document(doc, rules, unsafe=True)
    twice = fix_document(Document(once.text, doc.path), rules, unsafe=True)
    assert twice.text == once.text
    assert lint(Document(once.text, doc.path), rules) == []


def test_shape() -> None:
    assert [shape(w) for w in ("Ủy", "ban", "UBND", "Y", "iPhone")] == ["T", "l", "U", "T", "m"]


# -- the per-word shortcuts find what a scan of every word finds ------------------------------


def test_shape_is_decided_once_per_word() -> None:
    from vnlint.kinds.titles import _shape

    words = ["Ủy", "ban", "UBND", "Y", "iPhone", "ĐẢNG", "đảng", "Đảng", "x", "X", "ǅem"]
    assert [shape(w) for w in words * 2] == [_shape(w) for w in words * 2]


def test_cases_of_a_letter_are_every_character_that_lowercases_to_it() -> None:
    """`casings` relies on `_cases_of` for the Latin letters: checked against all of Unicode."""
    from collections import defaultdict

    from vnlint.kinds.titles import _LATIN_RANGES, _cases_of

    latin = {chr(c) for r in _LATIN_RANGES for c in r}
    sources: dict[str, set[str]] = defaultdict(set)
    for code in range(0x110000):
        lower = chr(code).lower()
        if lower in latin:
            sources[lower].add(chr(code))
    for char in sorted(latin):
        if char.lower() == char:
            assert set(_cases_of(char)) == sources[char], char


def test_casings_are_the_words_that_lowercase_to_the_spellings() -> None:
    from vnlint.kinds.titles import casings

    written = casings(["ủy", "ký"])
    assert {"ủy", "Ủy", "ỦY", "ủY", "ký", "KÝ", "\u212aý"} <= written
    assert all(w.lower() in ("ủy", "ký") for w in written)
    assert len(written) == 4 + 3 * 2  # ký: k, K or the Kelvin sign; then ý or Ý


ODD_CASES = [
    "ủY BaN nhân dân tỉnh họp. ÔNg An nói. Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, cho biết.",
    "\u212aIỂM TOÁN NHÀ NƯỚC và \u212aiểm toán Nhà nước; BỘ CHÍNH TRỊ, bộ chính trị, Bộ Chính Trị.",
    "Anh Hải đến. Bộ trưởng Dũng phát biểu.\n"
    "Bộ trưởng Bộ Công an Nguyễn Văn Dũng và anh Trần Văn Hải.",
    "Xem https://x.vn/Ủy-ban và Ủy ban nhân dân, Ủy Ban Nhân Dân, UỶ BAN NHÂN DÂN.",
    "BAn Bí thư, Ban bí thư, ban Bí Thư và đồng chí Lê Văn Tám, đồng CHÍ Tám.",
]


@pytest.mark.parametrize(
    "text", ODD_CASES + [p.read_text(encoding="utf-8") for p in SEEDS.values()]
)
def test_candidate_words_miss_nothing_a_scan_of_every_word_finds(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names and short mentions start only at words found per distinct word; trying every
    word instead gives the same findings."""
    from vnlint.kinds import titles

    rules = load_default_rules().select(["VN3"])
    fast = [(d.code, d.text, d.message) for d in lint(Document(text), rules)]
    monkeypatch.setattr(titles, "_name_starts", lambda doc, table, ws: range(len(ws)))
    monkeypatch.setattr(titles, "_after_introducers", lambda ws, table, firsts: range(1, len(ws)))
    assert [(d.code, d.text, d.message) for d in lint(Document(text), rules)] == fast


@pytest.mark.parametrize(
    "text", ODD_CASES + [p.read_text(encoding="utf-8") for p in SEEDS.values()]
)
def test_given_names_after_introducers_are_those_a_pass_over_every_word_finds(text: str) -> None:
    """The given names are looked for up to their full name only; a pass over every word
    finds the same places, for the people found and for any bounds."""
    from vnlint.kinds.titles import _after_introducers

    doc = Document(text)
    ws, table = words(doc), name_table()
    lasts = doc.vocabulary & table.introducer_lasts

    def every_word(firsts: dict[str, int]) -> list[int]:
        texts = ws.texts
        return [
            g
            for g, w in enumerate(texts)
            if lasts and g and w in firsts and texts[g - 1] in lasts and g <= firsts[w]
        ]

    people: dict[str, int] = {}
    for m in find_people(ws, table):
        people.setdefault(ws.texts[m.last], m.first)
    for firsts in (
        people,
        dict.fromkeys(ws.texts, len(ws)),  # every word, up to the end
        {w: i for i, w in enumerate(ws.texts)},  # every word, up to its last use
        {w: len(ws) - i for i, w in enumerate(ws.texts)},  # and bounds that cut across
    ):
        assert _after_introducers(ws, table, firsts) == every_word(firsts)
