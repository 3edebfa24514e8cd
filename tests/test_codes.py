"""Document codes and dates: the parser against SPEC §1-3, the seeds, near misses, the tables."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import fix_text, lint_text
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vnlint.codes import (
    CASE,
    DASH,
    LATIN_D,
    LOOKALIKE,
    MISSING_HYPHEN,
    OLD_SPELLING,
    PARTY,
    PARTY_YEAR,
    REGIME,
    SPACING,
    STATE,
    TELEX,
    VARIANT,
    DocumentCode,
    default_tables,
    find_codes,
    find_dates,
)
from vnlint.rules import load_table

ROOT = Path(__file__).resolve().parent.parent
SEED_001 = (ROOT / "seeds" / "001_20c9be51a6e18698.txt").read_text(encoding="utf-8")
SEED_003 = (ROOT / "seeds" / "003_740c2c2d84bbe795.txt").read_text(encoding="utf-8")
CLEAN_SEEDS = ["000_ba769a54523a3e63.txt", "002_6e17cd3aac3da930.txt", "004_2162316529c2fb6e.txt"]


def only_code(text: str) -> DocumentCode:
    """Parse a text that must hold exactly one document code."""
    codes = find_codes(text)
    assert len(codes) == 1, [c.text for c in codes]
    return codes[0]


# -- the parser: SPEC §1.4, §2.4 and §3.2 test vectors ------------------------------------------

VALID = [
    ("Quy định số 24-QĐ/TW ngày 30/7/2021", "24-QĐ/TW", PARTY),
    ("Quy định số 08-QĐi/TW", "08-QĐi/TW", PARTY),
    ("Quy định số 04-QyĐ/ĐU", "04-QyĐ/ĐU", PARTY),
    ("Nghị quyết số 847-NQ/QUTW ngày 28-12-2021", "847-NQ/QUTW", PARTY),
    ("Công văn số 268-CV/ĐU", "268-CV/ĐU", PARTY),
    ("Hướng dẫn số 36-HD/VPTW", "36-HD/VPTW", PARTY),
    ("Quyết định số 367-QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", PARTY),
    ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", STATE),
    ("Quyết định số 18/2020/QĐ-TTg", "18/2020/QĐ-TTg", STATE),
    ("Số: 15/QĐ-BNV", "15/QĐ-BNV", STATE),
    ("Luật số 59/2020/QH14", "59/2020/QH14", STATE),
    ("Nghị quyết số 351/2017/UBTVQH14", "351/2017/UBTVQH14", STATE),
    ("Công văn số 05/BNV-VP", "05/BNV-VP", STATE),
    ("Công văn số 5588/BGDĐT-GDPT", "5588/BGDĐT-GDPT", STATE),
    ("Thông tư liên tịch 55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP", STATE),
    ("Lệnh số 07/2025/L-CTN", "07/2025/L-CTN", STATE),
    ("văn bản hợp nhất 03/VBHN-VPQH", "03/VBHN-VPQH", STATE),
    ("Tờ trình số 02/TTr-UBND", "02/TTr-UBND", STATE),
    ("Chương trình số 3303/CTr-UBND", "3303/CTr-UBND", STATE),
    ("Công văn số 4708/BKHĐT-Th", "4708/BKHĐT-Th", STATE),
    ("Nghị quyết số 30a/2008/NQ-CP", "30a/2008/NQ-CP", STATE),
    ("Công văn số 3673/SXD-QLN", "3673/SXD-QLN", STATE),
    ("Hướng dẫn số 36-HD/VPTW (HD is Hướng dẫn, never HĐ)", "36-HD/VPTW", PARTY),
]


@pytest.mark.parametrize(("text", "canonical", "regime"), VALID)
def test_valid_codes_parse_and_are_canonical(text: str, canonical: str, regime: str) -> None:
    code = only_code(text)
    assert code.text == canonical == code.canonical
    assert code.regime == regime
    assert not code.problems
    assert text[code.start : code.end] == code.text


MALFORMED = [
    ("Quy định số 24 – QĐ / TW", "24-QĐ/TW", {SPACING, DASH}),
    ("Quy định sô 24-QÐ/TW", "24-QĐ/TW", {LOOKALIKE}),
    ("Quy định số 24-qđ/tw", "24-QĐ/TW", {CASE}),
    ("Quy định số 24/QĐ-TW", "24-QĐ/TW", {REGIME}),
    ("Quyết định 519/QĐ-UBKTTW", "519-QĐ/UBKTTW", {REGIME}),
    ("Công văn số 268/CV-ĐU", "268-CV/ĐU", {REGIME}),
    ("Quyết định số 31 – QĐ/TW, ngày 01/10/1997", "31-QĐ/TW", {SPACING, DASH}),
    ("Số: 367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", {SPACING}),
    ("Quy định số 24 QĐ/TW", "24-QĐ/TW", {SPACING, MISSING_HYPHEN}),
    ("Nghị quyết 29-NQ/TƯ", "29-NQ/TW", {VARIANT}),
    ("Nghị định số 30/2020/ND-CP", "30/2020/NĐ-CP", {LATIN_D}),
    ("Nghị định số 30/2020/NÐ-CP", "30/2020/NĐ-CP", {LOOKALIKE}),
    ("Nghị định số 30 / 2020 / NĐ - CP", "30/2020/NĐ-CP", {SPACING}),
    ("Nghị định số 30/2020/NĐ–CP", "30/2020/NĐ-CP", {DASH}),
    ("Nghị định số 30/2020/NĐ\u2011CP", "30/2020/NĐ-CP", {DASH}),
    ("Nghị định số 30/2020/NĐ-\u200bCP", "30/2020/NĐ-CP", {SPACING}),
    ("Nghị định 56/2012/nĐ-cp", "56/2012/NĐ-CP", {CASE}),
    ("Quyết định số 18/2020/QĐ-TTG", "18/2020/QĐ-TTg", {CASE}),
    ("Quyết định 58/2016/QĐ-Ttg", "58/2016/QĐ-TTg", {CASE}),
    ("Quyết định 22/2021/QD-TTg", "22/2021/QĐ-TTg", {LATIN_D}),
    ("Quyết định số 2551/QDD-TTg", "2551/QĐ-TTg", {TELEX}),
    ("Quyết định số: 1206 /QĐ-HVTC", "1206/QĐ-HVTC", {SPACING}),
    ("Thông tư 33/2018/TT- BGTVT", "33/2018/TT-BGTVT", {SPACING}),
    ("Thông tư 51/2025/TT-BTС", "51/2025/TT-BTC", {LOOKALIKE}),
    ("Thông tư số 03 /2016/TT-BNNPTNT", "03/2016/TT-BNNPTNT", {SPACING}),
    ("Nghị định số 116/2020/NĐ - CP", "116/2020/NĐ-CP", {SPACING}),
    ("Quyết định số 47/2000/QĐ-BGD&ĐT", "47/2000/QĐ-BGDĐT", {OLD_SPELLING}),
    ("Luật 106/2016/Qh13", "106/2016/QH13", {CASE}),
    ("Công văn số 301/BGDĐT – GDMN", "301/BGDĐT-GDMN", {SPACING, DASH}),
    ("công văn số 2000/BTC – TTr", "2000/BTC-TTr", {SPACING, DASH}),
    ("Quyết định số 649/QĐ- TTg", "649/QĐ-TTg", {SPACING}),
]


@pytest.mark.parametrize(("text", "canonical", "problems"), MALFORMED)
def test_malformed_codes_get_their_canonical_form(
    text: str, canonical: str, problems: set[str]
) -> None:
    code = only_code(text)
    assert code.canonical == canonical
    assert code.problems == problems


def test_a_year_in_a_party_code_has_no_canonical_form() -> None:
    code = only_code("Quy định số 24/2021/QĐ-TW")
    assert code.problems == {REGIME, PARTY_YEAR}
    assert code.canonical is None


def test_parts_have_spans_into_the_text() -> None:
    text = "theo Nghị định số 116/2020/NĐ - CP của Chính phủ"
    code = only_code(text)
    assert code.number.text == "116" and text[code.number.start : code.number.end] == "116"
    assert code.year is not None and code.year.text == "2020"
    assert code.type is not None and code.type.canonical == "NĐ"
    assert code.issuer.canonical == "CP" and text[code.issuer.start : code.issuer.end] == "CP"
    assert code.so is not None and text[code.so[0] : code.so[1]] == "số"


def test_historical_shapes_are_kept() -> None:
    # Before about 2000 State codes were hyphenated ("05-CP", "45-LCT/HĐNN8"): not flagged.
    assert find_codes("Nghị định số 05-CP ngày 20 tháng 01 năm 1995") == []
    code = only_code("Lệnh số 45-LCT/HĐNN8")
    assert code.historical and not code.problems
    assert not only_code("Quyết định 224/1999/QĐ-TTg").problems


NOT_CODES = [
    "quý III / 2021",
    "quý IV/2021",
    "đạt 19/28 ( 67,85 % )",
    "5 - Jacob/ Poseidon",
    "radar AN / FPS-20 - AN / FPS-66",
    "ứng dụng 32-bit - thứ vốn",
    "QCVN 10-MT:2015/BTNMT - Quy chuẩn",
    "QCVN 02 – 13: 2009/BNNPTNT – tàu cá",
    "gọi 0912-345-678 hoặc 024.3825.1234",
    "ngày 30/7/2021, ngày 8-11-2019",
    "ngày 29/05/2017 - REUTERS/Erik De Castro",
    "giá $1.232,10/oz – cao nhất",
    "vận tốc 80/km/h",
    "tỷ số 2 - 1, hiệp 1 - 0",
    "BMW 5-Series, 7-Eleven, VN30-Index",
    "ngày 15/5 - PV",
    "Hà Nội 2 – TNG Thái Nguyên",
    "Đội CSGT số 1 - Công an Hà Nội",
    "vì 2 QĐ/TW mới",
    "Công điện số 5360 CĐ/BCT-PCTT",
    "Nghị quyết số 19-2017/NQ-CP",  # the Government's own numbering of resolutions 19
]


@pytest.mark.parametrize("text", NOT_CODES)
def test_near_misses_are_not_codes(text: str) -> None:
    assert find_codes(text) == [], [c.text for c in find_codes(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Công điện số 17/CĐ-TW của Ban Chỉ đạo Trung ương về Phòng chống thiên tai",
        "Nghị định số 132/NĐ-CP ngày 29-9-1961",
        "Hợp đồng số 12/HD-UBND",
        "Đề án số 05/DA-UBND",
    ],
)
def test_near_misses_that_are_codes_are_not_malformed(text: str) -> None:
    assert not only_code(text).problems


# -- the seeds --------------------------------------------------------------------------------

SEED_001_CODES = [
    "24-QĐ/TW",
    "08-KL/TW",
    "06-HD/BTCTW",
    "14-KL/TW",
    "01-HD/TW",
    "30-QĐ/TW",
    "02-HD/BTCTW",
    "08-HD/BTCTW",
    "05-HD/BTCTW",
    "208-QĐ/TW",
    "07-HD/BTCTW",
    "03-HD/BTCTW",
    "24-QĐ/TW",
    "04-KL/TW",
    "30-QĐ/TW",
    "24-QĐ/TW",
    "01-KL/TW",
    "05-CT/TW",
]


def test_seed_001_every_malformed_code_is_flagged_and_fixed() -> None:
    flagged = [d for d in lint_text(SEED_001, ["VN401"]) if d.code == "VN401"]
    assert [d.text for d in flagged] == [
        c.replace("-", " – ").replace("/", " / ") for c in SEED_001_CODES
    ]
    assert [d.suggestions[0] for d in flagged] == SEED_001_CODES
    assert len(set(SEED_001_CODES)) == 15
    assert all(d.fix is not None and d.fix.applicability.value == "safe" for d in flagged)
    fixed = fix_text(SEED_001, ["VN4"]).text
    assert [c.text for c in find_codes(fixed)] == SEED_001_CODES
    assert not any(c.problems for c in find_codes(fixed))
    # "quý III / 2021" is a quarter, not a code: the fix leaves it alone.
    assert fixed.count("quý III / 2021") == SEED_001.count("quý III / 2021") > 0


def test_seed_001_so_date_and_missing_so() -> None:
    found = lint_text(SEED_001, ["VN402", "VN407", "VN408"])
    assert [(d.code, d.text) for d in found] == [
        ("VN408", "01 – HD / TW"),
        ("VN402", "só"),
        ("VN407", "8-11-2019"),
    ]
    fixed = fix_text(SEED_001, ["VN4"]).text
    assert "Hướng dẫn số 01-HD/TW, ngày 28/9/2021" in fixed
    assert "Quy định số 208-QĐ/TW ngày 8/11/2019" in fixed


def test_seed_001_fix_is_idempotent() -> None:
    once = fix_text(SEED_001, ["VN4"])
    assert once.converged
    assert fix_text(once.text, ["VN4"]).text == once.text
    assert lint_text(once.text, ["VN4"]) == []


def test_seed_003_spaced_party_code() -> None:
    found = lint_text(SEED_003, ["VN4"])
    assert [(d.code, d.text, d.suggestions) for d in found] == [
        ("VN401", "26 - NQ/TW", ("26-NQ/TW",))
    ]


@pytest.mark.parametrize("name", CLEAN_SEEDS)
def test_clean_seeds_raise_nothing(name: str) -> None:
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    assert lint_text(text, ["VN4"]) == []


# -- the other code rules -------------------------------------------------------------------------


def test_type_word_mismatch_severity() -> None:
    [certain] = lint_text("Quy định số 08-KL/TW của Bộ Chính trị", ["VN403"])
    assert certain.severity.label == "error" and certain.fix is None
    [regime] = lint_text("Quy định số 15/QĐ-BNV", ["VN403"])
    assert regime.severity.label == "warning"
    # A Party code written State-style is judged as the Party code it is.
    assert lint_text("Quy định 181/QĐ-TW", ["VN403"]) == []
    assert (
        lint_text("Thông tư 37/2015/TTLT-BYT-BTC; Thông báo kết luận số 15-TB/TW", ["VN403"]) == []
    )


def test_an_old_issuer_spelling_is_only_a_warning() -> None:
    [old] = lint_text("Thông tư số 12/2011/TT-BGD&ĐT", ["VN401"])
    assert old.severity.label == "warning" and old.suggestions == ("12/2011/TT-BGDĐT",)
    [both] = lint_text("Thông tư số 12/2011/TT - BGD&ĐT", ["VN401"])
    assert both.severity.label == "error"


def test_unknown_type_needs_a_known_issuer() -> None:
    assert [d.text for d in lint_text("Nghị quyết số 28-CQ/TW", ["VN404"])] == ["CQ"]
    assert lint_text("Quyết định số 12-QX/TWĐTN", ["VN404"]) == []
    # Local compounds of a known type are coined by agencies; a type glued to an issuer is a slip.
    assert lint_text("Quyết định số 1840/QĐTĐC-UBND", ["VN404"]) == []
    assert [d.text for d in lint_text("Thông tư số 06/2013/TTLTBCA-BQP", ["VN404"])] == ["TTLTBCA"]


def test_inconsistent_spellings_of_one_document() -> None:
    text = "Kế hoạch số 04-KH/TW của Bộ Chính trị. Theo Kế hoạch số 4-KH/TW, ..."
    [found] = lint_text(text, ["VN405"])
    assert found.text == "4-KH/TW" and found.suggestions == ("04-KH/TW",)


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "possible"),
    [
        ("ngày 30/2/2022", False),
        ("ngày 29/2/2023", False),
        ("ngày 29/2/2024", True),
        ("ngày 29/2", True),
        ("ngày 31/6 tới", False),
        ("Ngày 20/20/2011", False),
        ("ngày 31 tháng 4 năm 2020", False),
        ("ngày 05 tháng 3 năm 2020", True),
        ("Cập nhật 13:12, 29/12/2022", True),
    ],
)
def test_dates(text: str, possible: bool) -> None:
    [date] = find_dates(text)
    assert date.possible is possible


@pytest.mark.parametrize(
    "text", ["từ ngày 5-8", "ngày 23-24 tháng 1", "tỷ lệ 19/28", "30/2020/NĐ-CP", "ngày 38-40 độ C"]
)
def test_not_dates(text: str) -> None:
    assert [d for d in find_dates(text) if not d.possible] == []


_DATE_PIECES = [
    "ngày ", "Ngày ", "NGÀY ", "nGàY ", "xngày ", "ngày  ", "ngày\u00a0", "1", "12", "2020",
    "1999", "/", ".", "-", "\u2013", ",", " ", " tháng ", " năm ", "x", "a", "\n", "3O", "l5",
]  # fmt: skip


def _found_dates(text: str) -> list[tuple[int, int, int, int, int | None, str, bool]]:
    """Dates as `find_dates` finds them, as the fields `_reference_dates` gives."""
    return [
        (d.start, d.end, d.day, d.month, d.year, d.separator, d.after_ngay)
        for d in find_dates(text)
    ]


def _reference_dates(text: str) -> list[tuple[int, int, int, int, int | None, str, bool]]:
    """Dates as `find_dates` read them with one scan of each pattern over the whole text."""
    from vnlint.codes import _date_re, _ngay_before_re, _ngay_date_re

    out = []
    for m in _date_re().finditer(text):
        ngay = bool(_ngay_before_re().search(text[max(0, m.start() - 8) : m.start()]))
        out.append((m.start(), m.end(), int(m[1]), int(m[3]), int(m[4]), m[2], ngay))
    taken = {d[0] for d in out}
    for m in _ngay_date_re().finditer(text):
        if m[2] is not None:
            if m.start(1) not in taken:
                out.append((m.start(1), m.end(3), int(m[1]), int(m[3]), None, m[2], True))
            continue
        year = int(m[5]) if m[5] else None
        out.append((m.start(1), m.end(), int(m[1]), int(m[4]), year, " tháng ", True))
    return sorted(out, key=lambda d: d[0])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=25).map("".join))
def test_date_scans_find_what_one_scan_of_each_pattern_finds(text: str) -> None:
    assert _found_dates(text) == _reference_dates(text)


# Pieces that make d/m/yyyy dates often: glued ones, overlapping ones ("1/2/2020/3/2021"),
# days of one to three digits, years of four and five.
_DMY_PIECES = [
    "1", "12", "123", "2020", "20201", "/", "/", ".", "-", "\u2013", ",", " ", "x", "ngày ",
    "12/3/2020", "1.1.1999", "31-12-2021", "/12/", ".1.", "/2020", "\u0663",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_DMY_PIECES), max_size=20).map("".join))
@example("12/12/2020 1/2/2020/3/2021 12.3.20201 x1-1-1999, 10/10/2020")
def test_dates_are_tried_at_every_place_a_date_may_start(text: str) -> None:
    assert _found_dates(text) == _reference_dates(text)


_CODE_PIECES = [
    "1", "24", "30", "2020", "123456", "5a", ".", ",", ":", "&", "/", "\uff0f", "\u2215",
    "\u2044", "-", "\u2013", " ", "  ", "QĐ", "TW", "NĐ", "CP", "BNV", "số ", "3O", "l5", "x",
    "\n", "Quyết định ",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CODE_PIECES), max_size=25).map("".join))
def test_code_windows_are_those_of_one_scan_for_every_slash(text: str) -> None:
    from vnlint.codes import _BEFORE_GROUP, _code_windows, _group_start

    windows: list[tuple[int, int]] = []
    for m in re.finditer(r"[/\uff0f\u2215\u2044][ \u00a0\u202f\u200b]{0,2}[^\W\d_]", text):
        begin = max(0, _group_start(text, m.start()) - _BEFORE_GROUP)
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], m.start())
        else:
            windows.append((begin, m.start()))
    assert _code_windows(text) == windows


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CODE_PIECES), max_size=25).map("".join))
@example("Số 12345a  /QĐ, 3O2l5  -QĐ/TW và 12020 QĐ/TW")
def test_number_starts_are_read_no_further_than_needed(text: str) -> None:
    from vnlint.codes import _confused_start_re, _number_starts

    # `_start_re` as first written: the look-behind before the digits.
    plain = re.compile(
        r"(?<![\w/.,:&\-\u2010-\u2015\u2212])\d{1,5}[a-z]?"
        r"(?=[ \u00a0\u202f\u200b]{0,2}[/\uff0f\u2215\u2044\-\u2010-\u2014\u2212\ufe63\uff0d]"
        r"|[ \u00a0\u202f\u200b]{1,2}[^\W\d_])"
    )

    def unbounded(begin: int, end: int) -> list[tuple[int, int]]:
        spans = [m.span() for m in plain.finditer(text, begin) if m.start() <= end]
        if any(c in text[begin:end] for c in "OlI"):
            spans += [
                m.span() for m in _confused_start_re().finditer(text, begin) if m.start() <= end
            ]
            spans.sort()
        return spans

    for begin in range(0, len(text) + 1, 3):
        for end in range(begin, len(text) + 1, 2):
            assert _number_starts(text, begin, end) == unbounded(begin, end)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_CODE_PIECES, "5a/", "12ab", "\u00a0", "\u2014", "km"]), max_size=25
    ).map("".join)
)
@example("Quyết định số 24-QĐ/TW, 24 QĐ/TW và 30/2020/NĐ-CP")
@example("3 – QĐ / TW, 12ab/2020, 5a\u00a0\u2014 CP, 120.000 đồng/kg, 1  x/2")
def test_number_starts_left_out_are_those_no_scan_reads(text: str) -> None:
    from vnlint.codes import _scan, _start_re

    # Any number followed, within two spaces, by something other than a space: the look-ahead
    # of `_start_re` before it asked for what `_scan` reads first.
    loose = re.compile(
        r"\d(?<![\w/.,:&\-\u2010-\u2015\u2212]\d)\d{0,4}[a-z]?(?=[ \u00a0\u202f\u200b]{0,2}\S)"
    )
    known = default_tables().all_types | default_tables().all_issuers
    kept = {m.start(): m.end() for m in _start_re().finditer(text)}
    for m in loose.finditer(text):
        if m.start() in kept:
            assert kept.pop(m.start()) == m.end()  # the same number, not a shorter one
        else:
            assert _scan(text, m.start(), m.end(), known) is None
    assert kept == {}  # and no number the loose pattern does not find


def test_resolutions_are_remembered_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    import vnlint.codes as codes_module
    from vnlint.codes import Tables, _resolve

    base = default_tables()
    groups = [
        *sorted(base.all_types | base.all_issuers),
        *sorted(base.issuer_variants),
        "QDD", "nđ", "Ttg", "ND", "BGDĐT", "QH14", "QH2013", "TT2", "km", "BTС", "HĐNN8", "",
    ]  # fmt: skip
    for limit in (len(groups) * 2, 8):  # all remembered; then forgotten again and again
        monkeypatch.setattr(codes_module, "_RESOLUTIONS_LIMIT", limit)
        tables = Tables(base.types, base.issuers, base.generic_words)  # a memory of its own
        for _ in range(2):  # the second time, from the memory
            for raw in groups:
                assert tables.resolve_type(raw) == _resolve(raw, tables.all_types)
                assert tables.resolve_issuer(raw) == _resolve(
                    raw, tables.all_issuers, tables.issuer_variants, tables.numbered_issuers
                )
                assert len(tables._resolutions) <= limit


def test_codes_indexed_by_case_are_those_compared_one_by_one() -> None:
    from vnlint.codes import _by_casefold

    tables = default_tables()
    for known in (tables.all_types, tables.all_issuers, tables.numbered_issuers):
        for code in known:
            for spelling in (code, code.lower(), code.upper(), code.swapcase(), code + "X"):
                wanted = {k for k in known if k.casefold() == spelling.casefold()}
                assert set(_by_casefold(known).get(spelling.casefold(), ())) == wanted


def test_mixed_date_style_fixes_to_the_majority() -> None:
    text = "ngày 20-1-2022, ngày 23-6-2022 và ngày 30/7/2021"
    [found] = lint_text(text, ["VN407"])
    assert found.text == "30/7/2021" and found.suggestions == ("30-7-2021",)
    assert found.fix is not None and found.fix.applicability.value == "safe"
    [tie] = lint_text("ngày 20-1-2022 và ngày 30/7/2021", ["VN407"])
    assert tie.text == "30/7/2021" and tie.fix is not None
    assert tie.fix.applicability.value == "unsafe"


# -- the tables are data, and data has tests ----------------------------------------------------


@pytest.mark.parametrize("name", ["document-types", "issuers"])
def test_tables_are_sorted_unique_and_dated_sanely(name: str) -> None:
    data = load_table(name)
    for regime in (STATE, PARTY):
        entries = data[regime]
        assert isinstance(entries, list) and entries
        codes = [e["code"] for e in entries]
        assert codes == sorted(codes), f"{name}.{regime} is not sorted"
        assert len(codes) == len(set(codes)), f"{name}.{regime} has duplicates"
        for entry in entries:
            assert re.fullmatch(r"[A-ZĐ][A-Za-zĐ]*", entry["code"]), entry
            assert entry.get("valid_from", 0) <= entry.get("valid_to", 9999), entry
            assert entry.get("source"), entry
            if name == "document-types":
                assert entry["words"], entry


def test_tables_are_nfc_and_every_type_word_is_found() -> None:
    for name in ("document-types", "issuers"):
        text = (ROOT / "rules" / "_data" / f"{name}.toml").read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)
    tables = default_tables()
    assert {"QĐ", "QyĐ", "TTr", "CTr", "NĐ", "TT", "KL"} <= set(tables.all_types)
    assert {"TTg", "CP", "TW", "BTCTW", "QH", "UBTVQH"} <= set(tables.all_issuers)
    party_qd = tables.type_entry("QĐ", PARTY)
    assert party_qd is not None and set(party_qd.words) == {"Quyết định", "Quy định"}


# -- SPEC §3: colon after "số" (M7), misplaced year (M8), swapped parts (M9), O/l/I for 0/1 (M12)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Nghị định số 30/NĐ-CP/2020 của Chính phủ", "Nghị định số 30/2020/NĐ-CP của Chính phủ"),
        ("Quyết định số 24-TW/QĐ của Bộ Chính trị", "Quyết định số 24-QĐ/TW của Bộ Chính trị"),
        ("Nghị định só 3O/2O2O/ND-CP", "Nghị định số 30/2020/NĐ-CP"),
        ("theo Thông tư l5/2020/TT-BTC", "theo Thông tư 15/2020/TT-BTC"),
        ("Quyết định số: 1206/QĐ-HVTC của", "Quyết định số 1206/QĐ-HVTC của"),
    ],
)
def test_spec_malformations_are_fixed(text: str, fixed: str) -> None:
    assert fix_text(text, ["VN4"]).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Số: 15/QĐ-BNV",  # a State header writes the colon
        "Công văn số 05/BNV-VP/2020",  # a công văn has no year to move
        "mã 3O/2020/NĐ-CP",  # letters for digits only after "số" or a type word
        "tỷ số 24-TW/QĐ",  # a swap only after "số" or a type word
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
        "Quyết định số 24-QĐ/TW, ngày 30/7/2021",
    ],
)
def test_spec_malformation_look_alikes_are_left_alone(text: str) -> None:
    assert [d.code for d in lint_text(text, ["VN401", "VN402"])] == []


def test_a_swap_not_confirmed_by_the_type_word_is_an_unsafe_fix() -> None:
    (d,) = lint_text("Chỉ thị số 24-TW/QĐ", ["VN401"])
    assert d.fix is not None and d.fix.applicability.value == "unsafe"
    (d,) = lint_text("Quyết định số 24-TW/QĐ", ["VN401"])
    assert d.fix is not None and d.fix.applicability.value == "safe"


def test_a_year_after_a_party_code_has_no_fix() -> None:
    (d,) = lint_text("Quy định số 24-QĐ/TW/2021 của Ban Bí thư", ["VN401"])
    assert d.text == "24-QĐ/TW/2021" and d.fix is None


def test_lazy_patterns_compile_once_when_first_used() -> None:
    from vnlint.codes import _lazy

    pattern = _lazy(r"\d+/[A-Z]+")
    assert pattern.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert pattern() is pattern()
    assert pattern().fullmatch("24/QĐ") is None and pattern().fullmatch("24/TW")


def test_month_lengths_are_the_calendars() -> None:
    import calendar

    from vnlint.codes import _days_in_month

    for year in (*range(1890, 2110), 0, 1, 1600, 1700, 9999):
        for month in range(1, 13):
            assert _days_in_month(year, month) == calendar.monthrange(year, month)[1]
