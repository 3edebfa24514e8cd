"""The pre-test that clears ordinary Unicode text of legacy runs gives what the search gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vnlint.vietnamese import legacy
from vnlint.vietnamese.legacy import (
    _AFFECTED,
    TCVN3,
    UTF8_AS_CP1252,
    VNI,
    _bytes_as_cp1252,
    _encode_tcvn3,
    _encode_vni,
    _judge,
    _never_affected,
    _surely_unicode,
    _unspelled,
    find_legacy_runs,
)

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
# How `_line_runs` judges tokens: TCVN3 and VNI alone, mojibake also by the space after it.
READINGS = ((TCVN3, False), (VNI, False), (UTF8_AS_CP1252, False), (UTF8_AS_CP1252, True))

# The ways legacy text reaches a Unicode article: TCVN3 and VNI read as Windows-1252, UTF-8
# read as Windows-1252 (its NBSP sometimes turned into a space), Mac Roman or Latin-1.
ENCODERS = [
    lambda s: _bytes_as_cp1252(_encode_tcvn3(s)),
    lambda s: _bytes_as_cp1252(_encode_vni(s)),
    lambda s: _bytes_as_cp1252(s.encode("utf-8")),
    lambda s: _bytes_as_cp1252(s.encode("utf-8")).replace("\u00a0", " "),
    lambda s: s.encode("utf-8").decode("mac_roman"),
    lambda s: s.encode("utf-8").decode("latin-1"),
]


def _search(text: str) -> list[legacy.LegacyRun]:
    """Find the runs without the pre-test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(legacy, "_surely_unicode", lambda text: False)
        return find_legacy_runs(text)


def _mixes(rng: random.Random, n: int) -> list[str]:
    """Articles with some words, a phrase or a line in a legacy encoding, or none."""
    words = " ".join(p.read_text(encoding="utf-8") for p in SEEDS).split(" ")
    texts = []
    for _ in range(n):
        i = rng.randrange(len(words) - 40)
        part = words[i : i + 40]
        k, m = rng.randrange(40), rng.choice((0, 1, 1, 2, 3, 8, 40))
        encode = rng.choice(ENCODERS)
        legacy_part = encode(" ".join(part[k : k + m]))
        if rng.random() < 0.2:
            legacy_part = f"“{legacy_part}”"
        if rng.random() < 0.2:
            legacy_part = rng.choice((str.upper, str.lower, str.title))(legacy_part)
        texts.append(" ".join([*part[:k], legacy_part, *part[k + m :]]))
    return texts


def test_the_pre_test_gives_what_the_search_gives() -> None:
    rng = random.Random(11)
    texts = _mixes(rng, 600) + [p.read_text(encoding="utf-8") for p in SEEDS]
    cleared = found = 0
    for text in texts:
        runs = _search(text)
        assert find_legacy_runs(text) == runs, text
        if _surely_unicode(text):
            assert runs == [], text
            cleared += 1
        found += bool(runs)
    assert cleared > 100 and found > 100  # both ways are taken


def test_whole_legacy_articles_are_left_to_the_search() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert _surely_unicode(text)
        for encode in ENCODERS:
            assert not _surely_unicode(encode(text))


def test_the_letters_no_reading_spells_are_affected_in_none() -> None:
    letters = _unspelled().pattern.strip("[]")
    assert "ư" in letters and "Đ" in letters and "ệ" in letters and "ô" not in letters
    for ch in letters:
        for token in (ch, f"a{ch}b", f"“{ch}”", f"Q{ch}\u00a0", f"{ch}©", f"N{ch}ng"):
            assert _never_affected(token), token
            for encoding, space_after in READINGS:
                assert _judge(token, encoding, space_after)[0] != _AFFECTED, token


def test_a_token_cleared_is_affected_in_no_reading() -> None:
    # Tokens of Vietnamese text and of its legacy forms: what `_never_affected` clears, `_judge`
    # never finds affected, whatever follows the token.
    text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS)[:6000]
    tokens = set(legacy._TOKEN.findall(text))
    for encode in ENCODERS:
        tokens.update(legacy._MOJIBAKE_TOKEN.findall(encode(text)))
    cleared = 0
    for token in tokens:
        affected = any(_judge(token, *reading)[0] == _AFFECTED for reading in READINGS)
        assert not (affected and _never_affected(token)), token
        cleared += _never_affected(token)
    assert 200 < cleared < len(tokens)  # the Unicode ones, and not the legacy ones
