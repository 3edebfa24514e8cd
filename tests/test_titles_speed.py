"""The titles pack's shortcuts: each pre-test or narrowed scan against the full scan it
replaces, on crafted texts and on random ones built from the names table."""

from __future__ import annotations

import bisect
import dataclasses
import random
from itertools import compress, count

import pytest

from vnlint.document import Document
from vnlint.kinds import titles
from vnlint.kinds.titles import _SPACE, HeadlineTitleCase, name_table, shape, words

CRAFTED = [
    "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, gặp bà Trần Thị Hà.",
    "XNguyễn Văn An và Nguyễn\u00a0Văn Bình, Lê  Hải, Lê\tHải, Lê\u202fHải.",
    "Phạm\nVăn Đồng; Hồ “Chí Minh”; Vũ 12 Nam; Đỗ Văn5 Lan; Lê Văn Tám và Lê văn tám.",
    "Xem https://x.vn/Nguyễn Văn An và Lê\u0301 Văn An, Le\u0301 Văn An, Nguyễn\u0301 An.",
    "Trưởng Ban Tổ chức Trung ương, Trưởng ban Tổ chức, Trưởng  Ban Nội chính, Trưởng Ban "
    "thường trực, Trưởng BAN Kinh tế, TrưởngBan X, Trưởng ban Nguyễn Văn A, Phó Trưởng ban Dân "
    "vận.",
    "Bộ Chính trị, bộ chính trị, BỘ CHÍNH TRỊ, Ủy ban nhân dân, UỶ BAN NHÂN DÂN, ủY bAN.",
    "Nguyễn, Lê Trần Văn Nam - Bí thư Tỉnh ủy, Phó Chủ tịch nước Võ Văn Thưởng.",
    "Bình Dương Trần Văn Nam và Công ty Sen Hoàng Giang, trường Lê Quý Đôn, đường Lê Lợi.",
]


def random_texts(count_: int, seed: int) -> list[str]:
    """Build texts from the table's words, in any case, with every kind of gap between."""
    table = name_table()
    pool = sorted(
        {f.text for e in table.entries.values() for f in e.forms}
        | {s[:1].upper() + s[1:] for s in table.surnames}
        | {w for g in table.honorifics for w in g.words}
        | {" ".join(h) for h in table.title_heads}
        | {f"{f.head} {f.body}" for f in table.fused}
        | {"Văn", "Thị", "An", "Hải", "ǅan", "Ａn", "日本", "và", "của", "12", "e-mail"}
    )
    gaps = [" "] * 10 + [", ", " - ", " – ", "\n", ". ", "\u00a0", "  ", " “", "1", "\u0301 "]
    rng = random.Random(seed)
    out = []
    for _ in range(count_):
        parts = []
        for _ in range(rng.randint(3, 60)):
            word = rng.choice(pool)
            word = rng.choice([word, word, word, word.upper(), word.lower(), word.swapcase()])
            parts += [word, rng.choice(gaps)]
        out.append("".join(parts))
    return out


TEXTS = CRAFTED + random_texts(120, 7)


def old_surname_places(doc: Document, table: titles.NameTable) -> list[int]:
    """The places of `table.surname_re` as a scan of the whole text finds them."""
    starts = doc.token_starts
    out = []
    for m in table.surname_re.finditer(doc.text):
        k = bisect.bisect_left(starts, m.start())
        if k < len(starts) and starts[k] == m.start():
            out.append(k)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_marks_and_family_names_are_what_a_scan_of_every_word_finds(text: str) -> None:
    doc = Document(text)
    table, ws = name_table(), words(doc)
    marked = table.marked_words
    assert titles._marks(doc, table) == [i for i, w in enumerate(ws.texts) if w in marked]
    assert table.surname_words is not None
    assert titles._surname_places(ws, table) == old_surname_places(doc, table)


def test_family_names_that_are_no_token_are_found_by_scanning_the_text() -> None:
    table = dataclasses.replace(name_table(), surnames=frozenset({"lê", "o'neil", "nguyễn"}))
    assert table.surname_words is None
    for text in [*CRAFTED, "Bà O'neil Văn An gặp Lê Văn Tám."]:
        doc = Document(text)
        assert titles._surname_places(words(doc), table) == old_surname_places(doc, table)
    ws = words(Document("Bà O'neil Văn An gặp Lê Văn Tám."))
    assert [ws.texts[k] for k in titles._surname_places(ws, table)] == ["O", "Lê"]


@pytest.mark.parametrize("text", TEXTS)
def test_name_starts_are_those_the_vocabulary_and_a_pass_over_every_word_find(text: str) -> None:
    doc = Document(text)
    table, ws = name_table(), words(doc)
    first, second, single = table.name_syllables
    openers = doc.vocabulary & first
    texts = ws.texts
    expected = [
        i
        for i in compress(count(), map(openers.__contains__, texts))
        if (i < len(texts) - 1 and texts[i + 1] in second) or texts[i] in single
    ]
    assert list(titles._name_starts(doc, table, ws)) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_fused_titles_are_found_as_by_trying_every_word(text: str) -> None:
    """With its own words, `fused_uses` tries only the head's places (none when the head is
    not in the vocabulary); any other word sequence is read word by word."""
    doc = Document(text)
    table, ws = name_table(), words(doc)
    assert titles.fused_uses(doc, ws, table) == titles.fused_uses(doc, list(ws), table)


@pytest.mark.parametrize("text", TEXTS)
def test_walk_steps_and_name_words_read_as_the_words_say(text: str) -> None:
    doc = Document(text)
    ws = words(doc)
    for i in range(1, len(ws)):
        for k in (i - 1, i):
            expected = ws.gap(i) == _SPACE and shape(ws.texts[k]) == "T"
            assert titles._spaced_title(words(Document(text)), i, k) == expected
    for i in range(len(ws)):
        assert titles._name_word_at(ws, i) == titles._name_word(doc, ws[i])


def old_name_runs(doc: Document, ws: titles._Words, split: int) -> list[tuple[int, int]]:
    """The headline's name runs as the scan of every headline word found them."""
    texts, out, i = ws.texts, [], 0
    while i < split:
        if shape(texts[i]) != "T":
            i += 1
            continue
        j = i
        while (
            j + 1 < split
            and ws.gap(j + 1) == _SPACE
            and shape(texts[j + 1]) == "T"
            and titles._name_word(doc, ws[j + 1])
        ):
            j += 1
        if not titles._name_word(doc, ws[i]):
            i = j + 1
            continue
        begin = i + 1 if titles.at_sentence_start(doc.text, ws.starts[i]) else i
        if j > begin:
            out.append((begin, j))
        i = j + 1
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_headline_name_runs_are_those_a_scan_of_every_word_finds(text: str) -> None:
    doc = Document(text)
    ws = words(doc)
    for split in {0, 1, len(ws) // 2, len(ws)}:
        assert titles._name_runs(doc, ws, split) == old_name_runs(doc, ws, split)


@pytest.mark.parametrize("text", TEXTS)
def test_title_case_counts_are_the_shapes_counts(text: str) -> None:
    """The pre-test of VN306 passes exactly when the counts of "T" and "l" shapes do."""
    texts = words(Document(text)).texts
    shapes = [shape(t) for t in texts]
    assert sum(map(str.islower, texts)) == shapes.count("l")
    assert all(t[0].isupper() for t, s in zip(texts, shapes, strict=True) if s == "T")
    for kind in (HeadlineTitleCase(), HeadlineTitleCase(min_words=1, min_ratio=0.5)):
        for size in range(len(texts) + 1):
            judged = [s for s in shapes[:size] if s in "Tl"]
            passes = not (
                len(judged) < kind.min_words or judged.count("T") < kind.min_ratio * len(judged)
            )
            assert kind._may_be_title_case(texts[:size]) == passes


def test_title_case_counts_with_odd_letters() -> None:
    """Titlecase letters, marks and letters without case count as `shape` says."""
    odd = ["ǅan", "ǅ", "A\u0301b", "Ａn", "日本", "ß", "ΣΑ", "İstanbul", "ŉ", "Ǆ", "ǆ", "a\u0301"]
    for word in odd:
        assert (shape(word) == "l") == word.islower()
        assert shape(word) != "T" or word[0].isupper()
    kind = HeadlineTitleCase(min_words=1, min_ratio=0.5)
    shapes = [shape(w) for w in odd]
    judged = [s for s in shapes if s in "Tl"]
    expected = not (judged.count("T") < 0.5 * len(judged))
    assert kind._may_be_title_case(odd) == expected


def test_the_shortcuts_keep_the_findings_of_the_seeds_and_random_texts() -> None:
    """Against the scans of every word (monkeypatched back in), the findings are the same."""
    from vnlint.engine import lint
    from vnlint.rules import load_default_rules

    rules = load_default_rules().select(["VN3"])
    texts = [t + "\n" + t.lower() for t in CRAFTED] + random_texts(40, 11)
    fast = [[(d.code, d.start, d.message) for d in lint(Document(t), rules)] for t in texts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(titles, "_marks", lambda doc, table: list(range(len(doc.words))))
        patch.setattr(
            titles,
            "_surname_places",
            lambda ws, table: old_surname_places(ws.doc, table),
        )
        patch.setattr(titles, "_name_runs", old_name_runs)
        patch.setattr(HeadlineTitleCase, "_may_be_title_case", lambda self, texts: True)
        slow = [[(d.code, d.start, d.message) for d in lint(Document(t), rules)] for t in texts]
    assert slow == fast
    assert sum(map(len, fast)) > 0
