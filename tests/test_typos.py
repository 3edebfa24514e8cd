"""Test the typo rules (VN1xx), their corrections, and the keyboard and speller helpers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fix_text, lint_text
from hypothesis import given
from hypothesis import strategies as st

from vnlint.document import Document
from vnlint.engine import lint
from vnlint.kinds import Context
from vnlint.rules import load_default_rules
from vnlint.spelling.keyboard import decode_telex, decode_vni, encode_telex, encode_vni
from vnlint.spelling.speller import default_speller, marks_of, slip_cost
from vnlint.vietnamese.syllable import is_valid

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def typos(text: str, select: tuple[str, ...] = ("VN1",), ctx: Context | None = None) -> list:
    """Lint a text with the typo rules only."""
    return lint_text(text, select, ctx=ctx)


def first(text: str, word: str, select: tuple[str, ...] = ("VN1",)) -> tuple[str, str, str]:
    """Return (code, severity, first suggestion) of the finding on `word`."""
    found = [d for d in typos(text, select) if d.text == word]
    assert found, f"nothing on {word!r} in {text!r}: {typos(text, select)}"
    d = found[0]
    return d.code, d.severity.label, d.suggestions[0] if d.suggestions else ""


# -- the seeds -------------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("seed", "word", "code", "suggestion"),
    [
        ("000", "chúnh", "VN101", "chính"),
        ("000", "truyên", "VN102", "truyền"),
        ("003", "hoach", "VN101", "hoạch"),
        ("001", "só", "VN102", "số"),
    ],
)
def test_seed_typos_have_the_right_first_suggestion(
    seed: str, word: str, code: str, suggestion: str
) -> None:
    found = [d for d in typos(_seed(seed)) if d.text == word]
    assert len(found) == 1
    d = found[0]
    assert (d.code, d.severity.label, d.suggestions[0]) == (code, "error", suggestion)


def test_seed_typos_are_the_only_typo_findings() -> None:
    texts = {d.text for seed in ("000", "001", "002", "003", "004") for d in typos(_seed(seed))}
    assert texts == {"chúnh", "truyên", "hoach", "só"}


def test_seed_corrections_in_context() -> None:
    text = _seed("000")
    assert "bảo vệ chính trị nội bộ" in fix_text(text, ["VN1"]).text
    assert "công tác tuyên truyền về" in fix_text(text, ["VN1"]).text
    assert "triển khai kế hoạch, phương hướng" in fix_text(_seed("003"), ["VN1"]).text


# -- clean text stays clean ------------------------------------------------------------------

CLEAN = [
    # T2 placement is correct, whatever the corpus prefers.
    "Hoà bình, thuỷ lợi và sức khoẻ; uỷ ban, tuỳ theo, hoá chất, khoá học, toà án.",
    "Hòa bình, thủy lợi và sức khỏe; ủy ban, tùy theo, hóa chất, khóa học, tòa án.",
    # Names, titles, abbreviations, codes and numbers.
    "Tổng Bí thư Nguyễn Phú Trọng tiếp ông Joe Biden tại Hà Nội ngày 10/9/2023.",
    "Theo Nghị định số 30/2020/NĐ-CP, UBND TP.HCM và HĐND tỉnh Đắk Lắk đã họp.",
    "Đội U23 Việt Nam, máy bay A320, cúm H5N1, mạng 4G, lúc 9h sáng, 5 km/h.",
    # Foreign words, loans written solid, transliterations, handles and links.
    "Xem video trên smartphone, đi taxi, chơi game, mua vaccine và iPhone, livestream.",
    "Đi ôtô hay môtô, 2 kilôgam côcain; ki-lô-mét, H'Mông, Ê-đê, xà phòng.",
    "Chi tiết tại https://baomoi.com/chinhs-tri.html hoặc email tin@baomoi.vn, #thoisu.",
    "The company said it will open a new factory in the north of the country.",
    # Rare words used rightly: reduplicatives, dictionary words the corpus seldom writes.
    "Cười sằng sặc, gõ xoành xoạch, ngã xõng xoài, nói phét, mũi tẹt, vàng ruộm.",
    "Bệnh đậu mùa đã bị xóa sổ; cần phải làm ngay; đôi tròng mắt.",
    # Sentence-initial capitals and ordinary prose.
    "Chính phủ yêu cầu các bộ, ngành khẩn trương triển khai kế hoạch phòng, chống dịch.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_gives_nothing(text: str) -> None:
    assert typos(text) == [], [(d.code, d.text, d.suggestions) for d in typos(text)]


def test_clean_fixture_article_gives_nothing() -> None:
    for path in (ROOT / "tests" / "fixtures" / "clean").glob("*.txt"):
        assert typos(path.read_text(encoding="utf-8")) == [], path


def test_accepted_words_are_not_typos() -> None:
    text = "công tác bảo vệ chúnh trị nội bộ"
    assert typos(text)
    assert typos(text, ctx=Context(accept=frozenset({"chúnh"}))) == []


# -- each rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("hàng nghìn nguời dân", "nguời", ("VN101", "error", "người")),
        ("kết quả thi tôt nghiệp", "tôt", ("VN101", "error", "tốt")),
        ("đã đươc phê duyệt", "đươc", ("VN101", "error", "được")),
        ("khu vưc phát hiện", "vưc", ("VN101", "error", "vực")),
        ("tham gia tury sát", "tury", ("VN101", "error", "truy")),  # a swap, not Telex "tủy"
        ("Chúnh phủ đã họp.", "Chúnh", ("VN101", "error", "Chính")),  # opening a sentence
        ("người phụ nử tử vong", "nử", ("VN102", "error", "nữ")),
        ("sự việc xày ra ngày 5", "xày", ("VN102", "error", "xảy")),
        ("như thê nào", "thê", ("VN103", "error", "thế")),
        ("nhiều chủ đâu tư không kịp", "đâu", ("VN103", "error", "đầu")),
        ("yêu cầu chinhs quyền", "chinhs", ("VN104", "error", "chính")),
        ("đã dduwowcj phê duyệt", "dduwowcj", ("VN104", "error", "được")),
        ("Vie65t Nam", "Vie65t", ("VN104", "error", "Việt")),
        ("tại thànhphố Huế", "thànhphố", ("VN105", "warning", "thành phố")),
        ("có lơịnhuận", "lơịnhuận", ("VN105", "warning", "lợi nhuận")),
        ("Việt Nam vàMalaysia", "vàMalaysia", ("VN105", "warning", "và Malaysia")),
        ("kính chào qúy khách", "qúy", ("VN107", "error", "quý")),
        ("đã hòan thành", "hòan", ("VN107", "error", "hoàn")),
        ("Quốc hiệu Vìệt Nam", "Vìệt", ("VN107", "error", "Việt")),
    ],
)
def test_rules_find_typos_with_the_right_first_suggestion(
    text: str, word: str, expected: tuple[str, str, str]
) -> None:
    assert first(text, word) == expected


def test_telex_leftovers_that_are_words_or_names_are_left_alone() -> None:
    for text in ("đi taxi, tốc độ max, nồi xoong", "ông Norio Maruyama và Dawr"):
        assert [d for d in typos(text) if d.code == "VN104"] == []


def test_a_bare_sentence_is_one_warning_with_a_restoration() -> None:
    text = "Hôm qua ông nói. Thu tuong yeu cau cac bo nganh khan truong trien khai. Xong."
    found = typos(text)
    assert [(d.code, d.severity.label) for d in found] == [("VN106", "warning")]
    assert found[0].text == "Thu tuong yeu cau cac bo nganh khan truong trien khai"
    assert found[0].suggestions == ("Thủ tướng yêu cầu các bộ ngành khẩn trương triển khai",)
    assert found[0].fix is None


def test_unattested_without_clear_context_is_a_warning() -> None:
    code, severity, _ = first("Mái tóc dài óng ượt còn thể hiện", "ượt")
    assert code == "VN102"
    assert severity in ("error", "warning")
    rare = next(d for d in typos("khi măm rất giòn") if d.code == "VN102")
    assert rare.severity.label == "warning"


def test_real_word_errors_need_overwhelming_evidence_and_fix_unsafely() -> None:
    found = [d for d in typos("Anh ấy hỏi như thê nào.") if d.code == "VN103"]
    assert found and found[0].fix is not None
    assert found[0].fix.applicability.value == "unsafe"
    # Rare words used rightly lose to a frequent twin on frequency alone: not reported.
    assert typos("có gato thì ém lại chút này; bị bảng hiệu đè xây xát") == []


def test_unknown_capitalized_words_are_info_and_off_by_default() -> None:
    text = "Ông Nguyễm Văn An phát biểu."
    assert typos(text) == []
    found = typos(text, ("VN108",))
    assert [(d.code, d.severity.label, d.text) for d in found] == [("VN108", "info", "Nguyễm")]
    assert found[0].fix is None


def test_corrections_follow_the_article_tone_style() -> None:
    text = "Hoà bình, thuỷ lợi, khoẻ mạnh, uỷ ban. Chúng ta cần hoaf giải với nhau."
    assert first(text, "hoaf") == ("VN104", "error", "hoà")
    assert first(text.replace("Hoà", "Hòa").replace("thuỷ", "thủy"), "hoaf")[2] == "hòa"
    t2 = Context(tone_style="T2")
    found = lint_text("Chúng ta cần hoaf giải với nhau.", ["VN104"], ctx=t2)
    assert found[0].suggestions[0] == "hoà"


def test_fixing_is_idempotent_and_leaves_nothing_safe() -> None:
    text = "Bảo vệ chúnh trị, kế hoach năm, chinhs quyền, qúy khách, thànhphố Huế."
    once = fix_text(text, ["VN1"])
    assert once.text == "Bảo vệ chính trị, kế hoạch năm, chính quyền, quý khách, thành phố Huế."
    assert fix_text(once.text, ["VN1"]).text == once.text


def test_each_slip_is_reported_once() -> None:
    text = "Bảo vệ chúnh trị, chinhs quyền, qúy khách, thànhphố Huế, Vie65t Nam."
    found = typos(text)
    assert len({(d.start, d.end) for d in found}) == len(found) == 5


# -- keyboard decoding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "word"),
    [
        ("chinhs", "chính"),
        ("dduwowcj", "được"),
        ("duowcj", "dược"),
        ("vieejt", "việt"),
        ("vietej", "việt"),
        ("Vieejt", "Việt"),
        ("nguwowif", "người"),
        ("thuowr", "thuở"),  # "uow" is "uơ" when only that is a syllable
        ("quowis", "quới"),
        ("hoaf", "hòa"),
    ],
)
def test_decode_telex(keys: str, word: str) -> None:
    assert decode_telex(keys) == word


def test_decode_telex_needs_a_key() -> None:
    assert decode_telex("chinh") is None
    assert decode_telex("show") is None


@pytest.mark.parametrize(
    ("keys", "word"),
    [("vie65t", "việt"), ("ngu7o72i", "người"), ("d9u7o7c5", "được"), ("Vie65t", "Việt")],
)
def test_decode_vni(keys: str, word: str) -> None:
    assert decode_vni(keys) == word


def test_vni_without_tone_reads_as_a_toneless_syllable() -> None:
    assert decode_vni("vie6t") == "viêt"  # invalid as is: the rules rank "việt", "viết"
    assert not is_valid("viêt")


def test_keyboard_round_trip_over_the_vocabulary() -> None:
    syllables = [s for s, n in default_speller().lexicon.vocabulary() if n >= 50 and is_valid(s)]
    misses = [
        s
        for s in syllables
        if decode_telex(encode_telex(s)) not in (s, None)
        or decode_vni(encode_vni(s)) not in (s, None)
        or (s.isascii() != (decode_vni(encode_vni(s)) is None))
    ]
    # "oo" rhymes (xoong, boong, soóc) read as "ô" in Telex: unavoidable, and such words are
    # attested as typed, so never decoded by the rules.
    assert all("oo" in s or "oó" in s or "oò" in s or "oọ" in s for s in misses), misses
    assert len(misses) < 0.01 * len(syllables)


# -- the speller -----------------------------------------------------------------------------


def test_fold_matches_unidecode() -> None:
    from unidecode import unidecode

    speller = default_speller()
    for word in ("Được", "hoạch", "ĐẢNG", "thuở", "khuỷu", "Ưu"):
        assert speller.fold(word) == unidecode(word).lower()


def test_variants_share_the_folded_key() -> None:
    variants = default_speller().variants("hoach")
    assert variants[0] == "hoạch"
    assert all(default_speller().fold(v) == "hoach" for v in variants)


def test_slip_costs_prefer_a_dropped_mark_to_a_wrong_one() -> None:
    dropped = slip_cost(marks_of("hoach"), marks_of("hoạch"))
    wrong = slip_cost(marks_of("hoách"), marks_of("hoạch"))
    assert 0 > dropped > wrong
    assert slip_cost(marks_of("được"), marks_of("được")) == 0


def test_context_ranks_the_candidates() -> None:
    speller = default_speller()
    ranked = speller.rank(speller.candidates("chúnh"), "vệ", "trị")
    assert ranked[0].text == "chính" and ranked[0].posterior > 0.99
    ranked = speller.rank(speller.candidates("chúnh"), "của", "ta")
    assert ranked[0].text == "chúng"


def test_tone_placement_is_folded_before_judging_frequency() -> None:
    speller = default_speller()
    assert speller.count("hoà") == speller.count("hòa") > 10_000
    assert speller.bigram("hoà", "bình") == speller.bigram("hòa", "bình") > 1000


# -- start-up cost ---------------------------------------------------------------------------


def test_loading_the_rules_imports_nothing_heavy() -> None:
    code = (
        "import sys; from vnlint.rules import load_default_rules; load_default_rules(); "
        "heavy = {'rapidfuzz', 'unidecode', 'icu'} & set(sys.modules); "
        "assert not heavy, heavy; "
        "assert 'vnlint.lexicon.lexicon' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_clean_text_needs_no_fuzzy_matching() -> None:
    code = (
        "import sys; from vnlint.document import Document; from vnlint.engine import lint; "
        "from vnlint.rules import load_default_rules; "
        "lint(Document.from_text('Chính phủ yêu cầu triển khai kế hoạch.'), "
        "load_default_rules().select(['VN1'])); "
        "assert 'rapidfuzz' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_rules_are_registered() -> None:
    codes = {r.code: r for r in load_default_rules() if r.code.startswith("VN1")}
    assert sorted(codes) == [f"VN10{i}" for i in range(1, 9)]
    assert not codes["VN108"].enabled
    assert all(r.category == "typo" for r in codes.values())


def test_a_document_without_tokens_is_fine() -> None:
    assert lint(Document.from_text(""), load_default_rules().select(["VN1"])) == []
    assert lint(Document.from_text("123 - 456\n\n"), load_default_rules().select(["VN1"])) == []


def test_pair_lookups_agree_with_the_bulk_pair_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-pair look-up (one file) and the whole pair set (archives) judge pairs alike."""
    from vnlint.spelling import checker

    seeds = sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    texts.append("Ông ấy tuyên truyên chủ trương, kế hoach năm nay rất tôt cho người dân.\n")

    def run(analysed: int) -> list[tuple[checker.Finding, ...]]:
        monkeypatch.setattr(checker, "_analysed", analysed)
        monkeypatch.setattr(checker, "_SEEN", {})
        return [checker._analyze(Document.from_text(t, "a.txt")) for t in texts]

    lookups = run(0)
    bulk = run(checker._BULK_AFTER + 1)
    assert lookups == bulk
    assert sum(map(len, bulk)) >= 4  # the seeds' typos and the sentence's three


def test_one_edit_look_ups_find_what_rapidfuzz_finds_in_the_same_order() -> None:
    """Short keys' neighbours come from generated edits; they must equal the scored search."""
    import random

    speller = default_speller()
    keys = sorted(k for k in speller.index if len(k) < 6)
    rng = random.Random(5)
    queries = rng.sample(keys, 400)
    # Keys that are no key: a letter changed (also to letters no key uses), cut, or doubled.
    queries += [q[:1] + rng.choice("aeioñz") + q[2:] for q in queries[:200]]
    queries += [q[:-1] for q in queries[:50]] + [q + q[-1] for q in queries[:50]]
    queries += ["", "x", "chunh", "hoach", "tôt"]
    for query in queries:
        assert speller._one_edit(query) == speller._near_scored(query, 1), query
    assert ("chinh", 1) in speller._one_edit("chunh")


def test_deletion_index_finds_what_scoring_every_key_finds() -> None:
    """Archive runs find long keys' neighbours through the index of keys with letters deleted:
    the same keys, distances and order as rapidfuzz scoring every key of a near length."""
    import random

    from vnlint.spelling import speller as module

    speller = default_speller()
    keys = sorted(k for k in speller.index if len(k) >= 6)
    rng = random.Random(11)
    queries = rng.sample(keys, 150)
    # Keys that are no key: letters changed (also to letters no key uses), swapped, cut, added.
    queries += [q[:2] + rng.choice("aeioñz") + q[3:] for q in queries[:100]]
    queries += [q[:1] + q[2] + q[1] + q[3:] for q in queries[:50]]
    queries += [q[1:] for q in queries[:50]] + [q + "h" for q in queries[:50]]
    queries += ["nghieeng", "thuongxx", "chuyennn", "khuyeenf", "truowngf"]
    found = 0
    for query in queries:
        for cutoff in (1, 2):
            if len(query) - cutoff < module.DELETIONS_MIN_LENGTH:
                continue
            expected = speller._near_scored(query, cutoff)
            assert speller._near_by_deletions(query, cutoff) == expected, (query, cutoff)
            found += len(expected)
    assert found > 500


def test_the_cached_deletion_index_is_keyed_by_its_parameters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deletion index kept in the user cache is never read back for other parameters."""
    from vnlint.spelling import speller as module

    monkeypatch.setenv("VNLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("VNLINT_NO_CACHE", raising=False)
    lexicon = default_speller().lexicon
    full = module.Speller(lexicon)._deletions
    assert module.Speller(lexicon)._deletions == full  # read back from the cache
    monkeypatch.setattr(module, "DELETIONS_MAX", 1)
    fewer = module.Speller(lexicon)._deletions
    assert set(fewer) < set(full)  # built afresh: strings with two letters deleted are gone


def test_long_keys_switch_to_the_deletion_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first DELETIONS_AFTER searches score every key; later ones use the index."""
    from vnlint.spelling import speller as module

    speller = module.Speller(default_speller().lexicon)
    used: list[str] = []
    monkeypatch.setattr(module.Speller, "_near_scored", lambda self, k, c: used.append("s") or [])
    monkeypatch.setattr(
        module.Speller, "_near_by_deletions", lambda s, k, c: used.append("d") or []
    )
    for _ in range(module.DELETIONS_AFTER + 2):
        speller._near("nghieng", 2)
    speller._near("nghi", 2)  # too short for the index: its neighbours may be shorter than 4
    assert used == ["s"] * module.DELETIONS_AFTER + ["d", "d", "s"]


def test_dense_bits_and_the_pair_keys_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Archive runs read frequent pairs from a bit table, the rest from the sorted pair keys: the
    same answer as the lexicon's count of each pair."""
    import random

    from vnlint.lexicon import default_lexicon
    from vnlint.lexicon.lexicon import PAIR_SHIFT
    from vnlint.spelling import checker

    lexicon = default_lexicon()
    half = (1 << PAIR_SHIFT) - 1
    rng = random.Random(3)
    attested = [int(k) for k in rng.sample(list(lexicon.pair_array), 3000)]
    # Runs mixing attested pairs, frequent and rare ids, ids around DENSE, and the sentinels,
    # each id standing for a made-up word whose context it is.
    pool = [k >> PAIR_SHIFT for k in attested] + [k & half for k in attested]
    pool += [0, 1, checker.DENSE - 1, checker.DENSE, checker.DENSE + 1, 30000]
    pool += [checker.NO_CONTEXT, checker.UNKNOWN_CONTEXT]
    monkeypatch.setattr(checker, "_CONTEXT_IDS", {f"w{i}": i for i in pool})
    seen = questioned_somewhere = 0
    for _ in range(200):
        contexts = [rng.choice(pool) for _ in range(rng.randrange(0, 60))]
        for key in rng.sample(attested, 5):  # make sure some pairs are attested
            at = rng.randrange(len(contexts) + 1)
            contexts[at:at] = [key >> PAIR_SHIFT, key & half]
        # The reference: the lexicon's own count (sentinel halves are no ids: counted 0).
        expected = [
            i
            for i in range(len(contexts) - 1)
            if not lexicon.id_bigram_count(contexts[i], contexts[i + 1])
        ]
        seen += len(contexts) - 1 - len(expected)
        words = [f"w{i}" for i in contexts]
        assert checker._unseen_in_bulk(words)[1].tolist() == expected
        # A token is questioned when both its pairs are unseen and both neighbours are context.
        questioned = [
            b
            for b in range(1, len(contexts) - 1)
            if b - 1 in expected
            and b in expected
            and checker.NO_CONTEXT not in (contexts[b - 1], contexts[b + 1])
        ]
        assert checker._questioned_in_bulk(words) == questioned
        monkeypatch.setattr(checker, "_SEEN", {})
        monkeypatch.setattr(checker, "_analysed", 0)  # the first documents' path: pair by pair
        assert checker._questioned(words) == questioned
        questioned_somewhere += bool(questioned)
    assert seen >= 1000  # the attested pairs were found, not only the unseen ones
    assert questioned_somewhere >= 20


@given(st.text(alphabet="aZk09_ é²١\u0301.-", max_size=40))
def test_vni_spans_are_the_whole_runs_the_pattern_matches(text: str) -> None:
    """The runs found from their letter-digit hints are exactly those a scan of every word
    finds: ASCII letters, a digit, then ASCII letters and digits, a whole run of \\w."""
    from vnlint.spelling import checker

    every_word = re.compile(r"(?<![\w])[A-Za-z]+[0-9][A-Za-z0-9]*(?![\w])")
    assert list(checker._vni_spans(text)) == [m.span() for m in every_word.finditer(text)]


def test_vni_spans_on_news_like_text() -> None:
    """Keystroke runs are found whole; codes and words with other letters are not runs."""
    from vnlint.spelling import checker

    text = "Ba2n ve62 d9u7o7c5 U23, A320 và H5N1; Covid_19 kh2ông é9 x9y"
    found = [text[a:b] for a, b in checker._vni_spans(text)]
    assert found == ["Ba2n", "ve62", "d9u7o7c5", "U23", "A320", "H5N1", "x9y"]
