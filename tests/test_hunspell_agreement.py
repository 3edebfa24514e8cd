"""Check the orthography model against the syllable list of Debian's hunspell-vi dictionary.

Skipped where the package is absent (`apt-get install hunspell-vi`). hunspell-vi 1:7.5.0 lists
6,631 entries, 6,605 of them lowercase syllables; the model accepts all but the 25 below, each
a deliberate disagreement. The other way round, hunspell lacks every T1 spelling ("hóa",
"thủy", "ủy": it lists only "hoá", "thuỷ", "uỷ"), which is why it flags clean news.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vnlint.vietnamese.syllable import is_valid
from vnlint.vietnamese.tones import place_tone, tone_style

DIC = Path("/usr/share/hunspell/vi_VN.dic")

pytestmark = pytest.mark.skipif(not DIC.exists(), reason="hunspell-vi is not installed")

# Entries of hunspell-vi that the model rejects, and why that is right for a news linter.
ACCEPTED_DISAGREEMENTS = {
    # Loanwords written as one unit: not Vietnamese syllables, so the model rejects them; the
    # typo rules leave ASCII foreign words alone, so rejecting them costs nothing.
    "basoi": "loanword (French 'bassoir')",
    "email": "English word",
    "gen": "loanword 'gen' (gene): g before e is spelled gh in native syllables",
    "gip": "loanword 'gíp' (jeep) listed without its tone; a stop coda needs sắc or nặng",
    "gram": "loanword (unit); two-consonant onset",
    "internet": "English word",
    "intranet": "English word",
    "ka": "loanword spelling; native syllables write /k/ before a as c",
    "palăng": "loanword (palan, hoist) written solid",
    "ping": "English word",
    "tivi": "loanword written solid",
    "tout": "French word",
    "tuyn": "loanword (tulle); the rhyme 'uyn' exists in no native syllable",
    "web": "English word",
    "xit": "loanword 'xít' listed without its tone; a stop coda needs sắc or nặng",
    "v": "a single letter, not a syllable",
    # Dialect and obsolete spellings that standard news does not use.
    "chưn": "Southern dialect form of 'chân'; the rhyme 'ưn' is not standard",
    "sừn": "dialect; the rhyme 'ưn' is not standard",
    "quấc": "obsolete spelling of 'quốc'",
    "quoàng": "non-standard 'qu' + 'oa' (the standard writes 'quàng')",
    "quoạng": "non-standard 'qu' + 'oa'",
    "quoắt": "non-standard 'qu' + 'oă' (the standard writes 'quắt')",
    "têt": "'Tết' without its tone; a stop coda needs sắc or nặng",
    # Real words the model does not know yet (reported to the vietnamese/ package owner):
    # "quều quào" (clumsy) needs the rhyme "êu" after "qu".
    "quếu": "rhyme 'êu' after 'qu' missing from the model (a gap, not a choice)",
    "quều": "rhyme 'êu' after 'qu' missing from the model (a gap, not a choice)",
}


def _syllables() -> list[str]:
    """Read the dictionary's lowercase entries (the first line is the entry count)."""
    lines = DIC.read_text(encoding="utf-8").splitlines()[1:]
    entries = [line.split("/")[0].strip() for line in lines if line.strip()]
    return [e for e in entries if e.islower()]


def test_the_model_accepts_hunspell_syllables_but_the_explained_few() -> None:
    syllables = _syllables()
    rejected = sorted(s for s in syllables if not is_valid(s))
    agreement = 1 - len(rejected) / len(syllables)
    unexplained = sorted(set(rejected) - ACCEPTED_DISAGREEMENTS.keys())
    assert not unexplained, f"agreement {agreement:.2%}; unexplained: {unexplained}"
    assert agreement >= 0.995, f"agreement {agreement:.2%}"


def test_hunspell_lists_only_the_t2_placement() -> None:
    styled = {s: tone_style(s) for s in _syllables() if tone_style(s)}
    assert styled and set(styled.values()) == {"T2"}
    # Each has a T1 twin the model accepts, and the news writes: "hoá" listed, "hóa" not.
    for syllable in styled:
        twin = place_tone(syllable, "T1")
        assert twin != syllable and is_valid(twin), syllable
    assert "hoá" in styled and "hóa" not in _syllables()
