"""The document model: positions, blocks, masks, suppressions, tokens."""

from __future__ import annotations

import unicodedata

from conftest import encode_legacy, lint_text
from hypothesis import given
from hypothesis import strategies as st

from vnlint.document import Document


def test_bom_is_remembered_and_hidden() -> None:
    doc = Document.from_bytes("\ufeffTiêu đề\nNội dung".encode())
    assert doc.bom and doc.text == "Tiêu đề\nNội dung"
    assert doc.line_col(doc.text.index("Nội")) == (2, 1)


def test_line_and_column_in_code_points_with_crlf_and_cr() -> None:
    doc = Document("Hà Nội\r\nĐà Nẵng\rHuế\n")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(doc.text.index("Nẵng")) == (2, 4)
    assert doc.line_col(doc.text.index("Huế")) == (3, 1)
    assert [doc.text[s:e] for s, e in doc.lines()] == ["Hà Nội", "Đà Nẵng", "Huế", ""]


def test_columns_count_code_points_even_in_nfd_text() -> None:
    text = unicodedata.normalize("NFD", "Việt Nam")
    doc = Document(text)
    assert doc.line_col(text.index("Nam")) == (1, len(text) - 3 + 1)


def test_invalid_utf8_keeps_the_bytes() -> None:
    doc = Document.from_bytes(encode_legacy("Quyết định", "cp1258"), "a.txt")
    assert doc.undecodable and doc.raw is not None


def test_headline_is_the_first_non_empty_line() -> None:
    doc = Document("\n  \nTiêu đề\n\nĐoạn một.\nĐoạn hai.\n")
    assert [b.kind for b in doc.blocks] == ["headline", "paragraph", "paragraph"]
    assert doc.text[doc.headline.start : doc.headline.end] == "Tiêu đề"


def test_masks_cover_urls_emails_domains_and_comments() -> None:
    text = (
        "Xem https://baomoi.com/a-b.epi, gửi thư tới toasoan@baomoi.vn hoặc "
        "Phapluatmoitruong.vn. <!-- ghi chú --> hết"
    )
    doc = Document(text)
    masked = [text[s:e] for s, e in doc.masks]
    assert masked == [
        "https://baomoi.com/a-b.epi",
        "toasoan@baomoi.vn",
        "Phapluatmoitruong.vn",
        "<!-- ghi chú -->",
    ]
    assert doc.is_masked(text.index("baomoi.com"), text.index("baomoi.com") + 3)
    assert not doc.is_masked(text.index("hết"), len(text))
    # An insertion right after a URL is outside it; one inside is masked.
    url_end = text.index(",")
    assert not doc.is_masked(url_end, url_end)
    assert doc.is_masked(url_end - 2, url_end - 2)


def test_markdown_code_is_masked_only_in_markdown() -> None:
    text = "Lệnh `a ,b` rồi\n```\nx , y\n```\n"
    assert len(Document(text, "a.md").masks) == 2
    assert Document(text, "a.txt").masks == ()


def test_tokens_are_syllables_and_keep_nfd_words_whole() -> None:
    text = unicodedata.normalize("NFD", "Thủ tướng 18h30 https://x.vn/abc")
    assert [t.text for t in Document(text).tokens] == [
        unicodedata.normalize("NFD", "Thủ"),
        unicodedata.normalize("NFD", "tướng"),
        "h",
    ]


def test_disable_and_enable_region() -> None:
    text = (
        "Một  hai.\n<!-- vnlint-disable VN022 -->\nBa  bốn .\n<!-- vnlint-enable -->\nNăm  sáu.\n"
    )
    found = [(d.code, d.text) for d in lint_text(text, ["VN02"])]
    assert found.count(("VN022", "  ")) == 2
    assert ("VN020", " ") in found  # only VN022 was disabled in the region


def test_disable_without_codes_silences_everything() -> None:
    text = "<!-- vnlint-disable -->\nBa  bốn .\n"
    assert lint_text(text, ["VN02"]) == []


def test_disable_next_line() -> None:
    text = "<!-- vnlint-disable-next-line VN020 -->\nBa bốn .\nNăm sáu .\n"
    found = lint_text(text, ["VN020"])
    assert len(found) == 1 and found[0].start > text.index("Năm")


def test_disable_by_prefix() -> None:
    text = "<!-- vnlint-disable VN02 -->\nBa  bốn .\n"
    assert lint_text(text, ["VN02"]) == []


def test_release_frees_a_checked_document_without_the_garbage_collector() -> None:
    """Rules' analyses refer back to the document; released, nothing waits for the collector."""
    import gc

    from vnlint.engine import lint
    from vnlint.rules import load_default_rules

    text = "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, nói: kế hoach 24 – QĐ / TW.\n\nThân bài.\n"
    rules = load_default_rules()
    lint(Document.from_text(text, "warm.txt"), rules)  # load the tables first
    gc.collect()
    gc.disable()
    try:
        doc = Document.from_text(text, "a.txt")
        assert lint(doc, rules)
        doc.release()
        assert doc.text == text and doc.path == "a.txt"
        del doc
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [o for o in gc.garbage if type(o).__module__.startswith("vnlint")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []


def test_line_starts_agree_with_the_line_break_pattern() -> None:
    """Text with "\\n" breaks only takes a C-level path; it must find what the pattern finds."""
    import random

    from vnlint.document import _LINE_BREAK

    rng = random.Random(1)
    texts = ["", "a", "a\n", "\n\n", "tiêu đề\nthân bài\n", "x\r\ny\rz\n", "\r"]
    texts += ["".join(rng.choice("ab\n\r ") for _ in range(rng.randrange(30))) for _ in range(500)]
    for text in texts:
        expected = (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
        assert Document(text).line_starts == expected, repr(text)


_MASK_PIECES = [
    *("a", "Bé", "9", "_", "-", "+", ".", "@", " ", "\n", "/", ":", "<", ">", "đ", "²", ")", "”"),
    *("!--", "-->", "www.", "http://", "://", ".vn", ".com", "gov", "ab.cd", "x-y"),
    *("me@", "@mail", "a.b@c.vn", "tên+1@", "sở.gov.vn", "@@"),
]


@given(st.lists(st.sampled_from(_MASK_PIECES), max_size=30).map("".join))
def test_masks_scan_from_the_first_possible_start(text: str) -> None:
    """Scanning each mask pattern from where it can first match finds what a scan of the whole
    text finds (e-mails from the first "@", domains from the first top-level domain)."""
    from vnlint import document

    for first_start, pattern in document._MASKS:
        pos = first_start(text)
        whole = [m.span() for m in pattern.finditer(text)]
        assert (pos is None and not whole) or [
            m.span() for m in pattern.finditer(text, pos)
        ] == whole
