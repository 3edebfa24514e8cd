"""Check the shipped lexicon against facts about Vietnamese news text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vnlint.lexicon import DEFAULT_PATH, Lexicon, LexiconError, default_lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    """Load the shipped lexicon once for the module."""
    return default_lexicon()


def test_default_lexicon_is_loaded_once() -> None:
    assert default_lexicon() is default_lexicon()
    assert default_lexicon().path == DEFAULT_PATH


def test_metadata_records_the_held_out_slice(lex: Lexicon) -> None:
    assert lex.metadata["held_out_from"] == 32000
    assert lex.metadata["articles"] == 32000
    assert "Viet74K" in lex.metadata["viet74k"]


def test_common_syllables_are_frequent(lex: Lexicon) -> None:
    for syllable in ("của", "và", "chính", "hoạch"):
        assert lex.syllable_count(syllable) > 5000, syllable
    assert lex.syllable_count("của") > lex.syllable_count("chính") > lex.syllable_count("hoạch")
    assert lex.total_syllables > 10_000_000
    assert lex.syllable_count("của") / lex.total_syllables > 0.005


def test_misspelt_syllables_are_rare(lex: Lexicon) -> None:
    for typo in ("chúnh", "hoach", "truyên"):
        assert lex.syllable_count(typo) <= 20, typo
    assert lex.syllable_count("hoạch") > 100 * max(1, lex.syllable_count("hoach"))


def test_lookup_ignores_case_and_normalization(lex: Lexicon) -> None:
    count = lex.syllable_count("hoạch")
    assert lex.syllable_count("HOẠCH") == count
    assert lex.syllable_count(unicodedata.normalize("NFD", "Hoạch")) == count
    assert lex.syllable_count("qwxz") == 0
    assert lex.syllable_count("") == 0


def test_bigrams(lex: Lexicon) -> None:
    assert lex.bigram_count("tuyên", "truyền") > 500
    assert lex.bigram_count("tuyên", "truyên") <= 2
    assert lex.bigram_count("tuyên", "truyền") > 100 * max(1, lex.bigram_count("tuyên", "truyên"))
    assert lex.bigram_count("kế", "hoạch") > 1000
    assert lex.bigram_count("Kế", "HOẠCH") == lex.bigram_count("kế", "hoạch")
    # Order matters, and unknown syllables have no bigrams.
    assert lex.bigram_count("hoạch", "kế") < lex.bigram_count("kế", "hoạch") / 100
    assert lex.bigram_count("qwxz", "hoạch") == 0
    # Ids fold case and normalization, as the counts do.
    assert lex.id_of(unicodedata.normalize("NFD", "Hoạch")) == lex.syllable_id("hoạch") >= 0
    assert lex.id_of("qwxz") == -1


def test_the_spellers_cached_bigrams_agree_with_the_lexicon() -> None:
    from vnlint.spelling.speller import default_speller, t1

    speller = default_speller()
    lex = speller.lexicon
    pairs = [("tuyên", "truyền"), ("Kế", "HOẠCH"), ("hoà", "bình"), ("qwxz", "hoạch")]
    for first, second in pairs * 2:  # the second round is served from the id cache
        expected = lex.bigram_count(t1(first.lower()), t1(second.lower()))
        assert speller.bigram(first, second) == expected
    assert speller.bigram("hoà", "bình") == speller.bigram("hòa", "bình") > 0


def test_words(lex: Lexicon) -> None:
    assert lex.is_word(["kế", "hoạch"])
    assert lex.is_word(["Kế", "Hoạch"])
    assert lex.is_word(("tuyên", "truyền"))
    assert not lex.is_word(["hoạch", "kế"])
    assert not lex.is_word(["kế"])  # Single syllables are not multi-syllable words.
    assert not lex.is_word([])
    assert lex.word_count(["kế", "hoạch"]) == lex.bigram_count("kế", "hoạch")
    assert lex.word_count(["hoạch", "kế"]) == 0
    # Words of three syllables and more are counted too.
    assert lex.is_word(["bất", "động", "sản"])
    assert lex.word_count(["bất", "động", "sản"]) > 500


def test_words_are_kept_in_both_tone_placements(lex: Lexicon) -> None:
    # Viet74K lists "uỷ ban nhân dân" and "văn hoá"; the news writes "ủy", "hóa".
    for old, new in (
        (["ủy", "ban", "nhân", "dân"], ["uỷ", "ban", "nhân", "dân"]),
        (["văn", "hóa"], ["văn", "hoá"]),
    ):
        assert lex.is_word(old) and lex.is_word(new)
        assert lex.word_count(old) > 100
    assert lex.word_count(["văn", "hóa"]) == lex.bigram_count("văn", "hóa")


def test_words_listing_matches_lookups(lex: Lexicon) -> None:
    words = list(lex.words())
    assert len(words) > 50_000
    assert ("kế", "hoạch") in words
    assert all(len(w) > 1 for w in words)
    assert all(lex.is_word(w) for w in words[::500])
    assert sum(1 for w in words if lex.word_count(w) == 0) > 1000  # Unseen words are kept.


def test_vocabulary(lex: Lexicon) -> None:
    vocabulary = list(lex.vocabulary())
    assert len(vocabulary) > 20_000
    counts = [n for _, n in vocabulary]
    assert counts == sorted(counts, reverse=True)
    assert dict(vocabulary)["hoạch"] == lex.syllable_count("hoạch")
    assert all(s == s.lower() for s, _ in vocabulary[:1000])


def test_capitalized_ratio_tells_proper_nouns(lex: Lexicon) -> None:
    assert lex.capitalized_ratio("của") < 0.01
    assert lex.capitalized_ratio("hoạch") < 0.05
    assert lex.capitalized_ratio("obama") > 0.95
    assert lex.capitalized_ratio("việt") > 0.9
    assert lex.capitalized_ratio("ubnd") > 0.9  # An acronym, written in capitals.
    assert lex.capitalized_ratio("qwxz") == 0.0


def test_damaged_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError):
        Lexicon.load(tmp_path / "missing.bin")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a lexicon")
    with pytest.raises(LexiconError):
        Lexicon.load(bad)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(DEFAULT_PATH.read_bytes()[:100_000])
    with pytest.raises(LexiconError):
        Lexicon.load(truncated)


def test_pair_array_holds_exactly_the_attested_bigrams() -> None:
    import numpy as np

    from vnlint.lexicon.lexicon import PAIR_SHIFT

    lexicon = default_lexicon()
    keys = set(lexicon.pair_array.tolist())
    assert (np.diff(lexicon.pair_array) > 0).all()  # sorted, for the binary search of `attested`
    words = [
        "cán",
        "bộ",
        "công",
        "chức",
        "viên",
        "nhân",
        "dân",
        "thành",
        "phố",
        "hà",
        "nội",
        "tôt",
        "hoach",
        "xyz",
    ]
    ids = {w: lexicon.syllable_id(w) for w in words}
    seen = 0
    for a in words:
        for b in words:
            count = lexicon.bigram_count(a, b)
            ia, ib = ids[a], ids[b]
            inside = ia >= 0 and ib >= 0 and (ia << PAIR_SHIFT | ib) in keys
            assert inside == (count > 0), (a, b)
            if ia >= 0 and ib >= 0:
                key = np.array([ia << PAIR_SHIFT | ib], dtype=np.int64)
                assert bool(lexicon.attested(key)[0]) == (count > 0), (a, b)
            seen += count > 0
    assert seen >= 8  # "cán bộ", "công chức", "nhân dân", "thành phố", "hà nội"...
    assert len(keys) > 500_000
