"""Test legacy encodings (TCVN3, VNI, Windows-1258), UTF-8 mojibake and their detection."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from vnlint.vietnamese.legacy import (
    TCVN3,
    UTF8_AS_CP1252,
    UTF8_AS_MAC_ROMAN,
    VNI,
    WINDOWS_1258,
    LegacyRun,
    _bytes_as_cp1252,
    _encode_tcvn3,
    _encode_vni,
    decode_tcvn3,
    decode_vni,
    find_legacy_runs,
    fix_utf8_mojibake,
    sniff_bytes,
)
from vnlint.vietnamese.letters import VIETNAMESE_LETTERS

# SPEC §5.4: Unicode phrase, its TCVN3 form and its VNI form, as read through Windows-1252.
SPEC_ROWS = [
    ("Ủy ban nhân dân", "ñy ban nh©n d©n", "UÛy ban nhaân daân"),
    ("Uỷ ban nhân dân", "Uû ban nh©n d©n", "Uyû ban nhaân daân"),
    ("Đảng Cộng sản Việt Nam", "§¶ng Céng s¶n ViÖt Nam", "Ñaûng Coäng saûn Vieät Nam"),
    ("Bộ Chính trị", "Bé ChÝnh trÞ", "Boä Chính trò"),
    ("Quyết định", "QuyÕt ®Þnh", "Quyeát ñònh"),
    ("Ban Chấp hành Trung ương", "Ban ChÊp hµnh Trung \u00ad¬ng", "Ban Chaáp haønh Trung öông"),
    (
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Céng hßa x· héi chñ nghÜa ViÖt Nam",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    ),
]

# SPEC §5.4: UTF-8 mojibake read as Windows-1252 and as Mac Roman.
MOJIBAKE_ROWS = [
    (
        "Đảng Cộng sản Việt Nam",
        "Ä\ufffdáº£ng Cá»™ng sáº£n Viá»‡t Nam",
        "ƒê·∫£ng C·ªông s·∫£n Vi·ªát Nam",
    ),
    (
        "Quyết định số 24-QĐ/TW",
        "Quyáº¿t Ä‘á»‹nh sá»‘ 24-QÄ\ufffd/TW",
        "Quy·∫øt ƒë·ªãnh s·ªë 24-Qƒê/TW",
    ),
    ("Ủy ban nhân dân", "á»¦y ban nhÃ¢n dÃ¢n", "·ª¶y ban nh√¢n d√¢n"),
]

# Clean text that must never look legacy-encoded.
CLEAN_TEXTS = [
    "Đảng Cộng sản Việt Nam lãnh đạo Nhà nước và xã hội.",
    "Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương.",
    "Cô bé có áo màu xanh, bé cười và nói: “Hoà bình là ở đây”.",
    "HỘI NGHỊ LẦN THỨ MƯỜI BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII",
    "The committee met on Monday to discuss the budget and the election schedule.",
    "Le café de la gare était fermé; à Noël, où irons-nous ? Déjà l'été, ça va.",
    "Herr Müller aus Zürich aß Würstchen; Björk, Øresund, São Paulo, Curaçao.",
    "El niño español comió piña; ¿dónde está Raúl? ¡Aún más señor!",
    "© 2018 Báo Tuổi Trẻ. Bản quyền thuộc về tòa soạn ® «Tin tức» · Thời sự · Thể thao",
    "News · Sports · Weather © 2017 « Le Monde » — all rights reserved®",
    "Giá vé 25 €, tức khoảng 650.000 đồng; 3×4 = 12; 25°C; ½ chén.",
    "Nghị định 30/2020/NÐ-CP và Quyết định 24-QÐ/TW, NÐ-CP, NÐ-CP.",
    "Ô tô Ý và xe máy Ô Quý Hồ; LÝ SINH SỰ; XÃ HỘI; NHÃ THY; Thuận Ý.",
    "Nàng “lì xì” cho cả nhà; cãi vã… rồi “ông lớn” thật sự.",
    "Café Nestlé, Beyoncé, André Rodríguez và Hernández đến Mátxcơva.",
    "Mẹ hỏi: “Con đi đâu?” – “Con đi học”.",
]


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), SPEC_ROWS)
def test_spec_rows_decode(unicode: str, tcvn3: str, vni: str) -> None:
    assert decode_tcvn3(tcvn3) == unicode
    assert decode_vni(vni) == unicode


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), SPEC_ROWS)
def test_spec_rows_encode(unicode: str, tcvn3: str, vni: str) -> None:
    # TCVN3 has one code for Ủ and ủ; the SPEC's first row is the capital one.
    assert _bytes_as_cp1252(_encode_tcvn3(unicode)) == tcvn3
    assert _bytes_as_cp1252(_encode_vni(unicode)) == vni


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), SPEC_ROWS)
def test_spec_rows_are_found(unicode: str, tcvn3: str, vni: str) -> None:
    for text, encoding in ((tcvn3, TCVN3), (vni, VNI)):
        runs = find_legacy_runs(text)
        if text == "Boä Chính trò":
            # One unmistakable word ("Boä") is below the precision threshold of two.
            assert runs == []
            continue
        assert len(runs) == 1, text
        run = runs[0]
        assert run.encoding == encoding
        assert run.original == text[run.start : run.end]
        assert run.converted is not None and run.converted in unicode
        # Only plain ASCII words may be left outside the run.
        assert text[: run.start].isascii() and text[run.end :].isascii()


def test_run_in_context() -> None:
    text = "Theo văn bản cũ: “QuyÕt ®Þnh cña Bé ChÝnh trÞ” đã được ban hành.\nDòng sau sạch."
    (run,) = find_legacy_runs(text)
    assert run == LegacyRun(
        start=text.index("QuyÕt"),
        end=text.index("trÞ") + 3,
        encoding=TCVN3,
        original="QuyÕt ®Þnh cña Bé ChÝnh trÞ",
        converted="Quyết định của Bộ Chính trị",
    )


def test_tcvn3_capitals() -> None:
    # Capital toned vowels have no TCVN3 code: all-caps words and sentence starts get them back.
    assert decode_tcvn3("ñY BAN NH¢N D¢N") == "ỦY BAN NHÂN DÂN"
    assert decode_tcvn3("CéNG HßA") == "CỘNG HÒA"
    assert decode_tcvn3("Xin chµo. ñy ban") == "Xin chào. Ủy ban"
    assert decode_tcvn3("®\u00adîc ñy quyÒn") == "được ủy quyền"


def test_tcvn3_and_vni_cover_every_letter() -> None:
    letters = sorted(ch for ch in VIETNAMESE_LETTERS if not ch.isascii())
    assert len(letters) == 2 * 67
    text = " ".join(letters)
    assert decode_vni(_bytes_as_cp1252(_encode_vni(text))) == text
    for letter in letters:
        # Inside an all-caps word the case of a capital toned vowel is recovered too.
        word = f"x{letter}" if letter.islower() else f"X{letter}N"
        assert decode_tcvn3(_bytes_as_cp1252(_encode_tcvn3(f"a {word}"))) == f"a {word}"


@pytest.mark.parametrize(("unicode", "cp1252", "mac_roman"), MOJIBAKE_ROWS)
def test_fix_mojibake_spec_rows(unicode: str, cp1252: str, mac_roman: str) -> None:
    assert fix_utf8_mojibake(cp1252) == unicode
    assert fix_utf8_mojibake(mac_roman) == unicode


@pytest.mark.parametrize(("unicode", "cp1252", "mac_roman"), MOJIBAKE_ROWS)
def test_find_mojibake_spec_rows(unicode: str, cp1252: str, mac_roman: str) -> None:
    for text, encoding in ((cp1252, UTF8_AS_CP1252), (mac_roman, UTF8_AS_MAC_ROMAN)):
        (run,) = find_legacy_runs(text)
        assert run.encoding == encoding
        assert run.converted is not None and unicode.startswith(run.converted)


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Quyáº¿t Ä‘á»‹nh", "Quyết định"),
        ("Dá»±ng", "Dựng"),
        ("Tr√≠ch xu·∫•t th√¥ng tin", "Trích xuất thông tin"),
        ("lÃ\u00a0 báº¡n", "là bạn"),  # NBSP kept
        ("lÃ  báº¡n", "là bạn"),  # NBSP turned into a space before the real one
        ("lÃ báº¡n", "là bạn"),  # both collapsed into one space
        ("hÃ nh Ä‘á»™ng", "hành động"),  # a word-inner NBSP turned into a space
        ("NgÃ\u00a0y", "Ngày"),
        ("Ä\x90áº£ng", "Đảng"),  # undefined byte kept as a C1 control (Latin-1 reading)
        ("cafÃ©", "café"),
        ("Ã\x83Â¡", "á"),  # mojibake of mojibake
    ],
)
def test_fix_mojibake(broken: str, fixed: str) -> None:
    assert fix_utf8_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "text",
    ["", "Việt Nam", "plain ASCII", "Müller", "café", "Â", "vá»\ufffd", "©", "€ 25"],
)
def test_fix_mojibake_refuses(text: str) -> None:
    # "vá»\ufffd" could be về, vọ, vỏ or vờ: not certain, so no fix.
    assert fix_utf8_mojibake(text) is None


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_clean_text_has_no_runs(text: str) -> None:
    assert find_legacy_runs(text) == []
    assert find_legacy_runs(text.upper()) == []
    assert find_legacy_runs(text.lower()) == []


def test_runs_are_found_among_clean_lines() -> None:
    broken = {
        TCVN3: _bytes_as_cp1252(_encode_tcvn3("Nghị quyết của Ban Chấp hành Trung ương")),
        VNI: _bytes_as_cp1252(_encode_vni("Nghị quyết của Ban Chấp hành Trung ương")),
        UTF8_AS_CP1252: "Nghá»‹ quyáº¿t cá»§a Ban Cháº¥p hÃ\u00a0nh Trung Æ°Æ¡ng",
    }
    for encoding, line in broken.items():
        text = "\n".join([*CLEAN_TEXTS[:3], line, *CLEAN_TEXTS[3:]])
        (run,) = find_legacy_runs(text)
        assert run.encoding == encoding
        assert run.original == text[run.start : run.end]
        assert run.converted is not None
        assert run.converted in "Nghị quyết của Ban Chấp hành Trung ương"
        assert len(run.converted) > 30


def _encode_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed â ê ô ơ ư ă, then a separate tone byte."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    pieces = []
    for char in unicodedata.normalize("NFC", text):
        marks = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in tones))
        pieces.append(base + "".join(c for c in marks if c in tones))
    return "".join(pieces).encode("cp1258")


SENTENCES = [
    "Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp công nhân.",
    "Ủy ban nhân dân tỉnh Quảng Ngãi đã ban hành quyết định về việc thành lập hội đồng.",
    "Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XIII đã bế mạc.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_sniff_bytes(sentence: str) -> None:
    text = " ".join(SENTENCES)
    assert sniff_bytes(_encode_tcvn3(text)) == TCVN3
    assert sniff_bytes(_encode_vni(text)) == VNI
    assert sniff_bytes(_encode_cp1258(text)) == WINDOWS_1258
    assert sniff_bytes(_encode_tcvn3(sentence)) == TCVN3
    assert sniff_bytes(_encode_vni(sentence)) == VNI
    assert sniff_bytes(_encode_cp1258(sentence)) == WINDOWS_1258


@pytest.mark.parametrize(
    "data",
    [
        "Đảng Cộng sản Việt Nam".encode(),  # valid UTF-8
        b"plain ascii",
        "Le café de la gare était fermé à Noël.".encode("cp1252"),
        "Herr Müller aus Zürich aß Würstchen.".encode("latin-1"),
        bytes(range(256)),
        b"\xff\xfe" + "Việt Nam".encode("utf-16-le"),
    ],
)
def test_sniff_bytes_refuses(data: bytes) -> None:
    assert sniff_bytes(data) is None


def test_runs_are_ordered_and_disjoint() -> None:
    text = "QuyÕt ®Þnh cña Bé ChÝnh trÞ\nsạch\nQuyáº¿t Ä‘á»‹nh sá»‘ 5\nQuyeát ñònh cuûa Chính phuû"
    runs = find_legacy_runs(text)
    assert [run.encoding for run in runs] == [TCVN3, UTF8_AS_CP1252, VNI]
    for before, after in itertools.pairwise(runs):
        assert before.end <= after.start
    for run in runs:
        assert text[run.start : run.end] == run.original
