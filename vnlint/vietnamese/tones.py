"""Place tone marks in the T1 (hòa) or T2 (hoà) style and spot misplaced marks (SPEC §5.3)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from vnlint.vietnamese.syllable import (
    MARK_OF_TONE,
    MULTIPLE_TONES,
    TONE_MARKS,
    VOWELS,
    is_valid,
    parse,
    strip_tone,
)

Style = Literal["T1", "T2"]

# Open syllables with these vowel clusters are the only ones whose mark moves between styles.
_STYLE_CLUSTERS = frozenset({"oa", "oe", "uy"})
_ROOF = frozenset("âêô")
_HOOK = frozenset("ăơư")


@dataclass(frozen=True)
class _Layout:
    """Where the vowels of one syllable sit, in a toneless copy that keeps the letter case."""

    toneless: str
    tone: str
    start: int
    cluster: str
    final: str
    onset: str


@lru_cache(maxsize=1 << 16)
def _layout(word: str) -> _Layout | None:
    """Locate the vowel cluster of a syllable, or None if the word does not parse (cached:
    every tone rule and table asks about the same few thousand syllables)."""
    toneless, tone = strip_tone(word)
    syllable = parse(toneless)
    if syllable is None or tone == MULTIPLE_TONES:
        return None
    lower = toneless.lower()
    start = end = len(syllable.onset)
    while end < len(lower) and lower[end] in VOWELS:
        end += 1
    return _Layout(toneless, tone, start, lower[start:end], lower[end:], syllable.onset)


def _position(cluster: str, final: str, style: Style) -> int:
    """Return the index in the vowel cluster that carries the tone (Unikey getTonePosition)."""
    if len(cluster) == 1:
        return 0
    for index, vowel in enumerate(cluster):
        if vowel in _ROOF:
            return index
    if cluster.startswith("ươ"):
        return 1
    for index, vowel in enumerate(cluster):
        if vowel in _HOOK:
            return index
    if len(cluster) == 3:
        return 1
    if style == "T2" and cluster in _STYLE_CLUSTERS:
        return 1
    return 1 if final else 0


def _mark_positions(word: str) -> list[tuple[int, str]]:
    """Return (letter index, tone) for each tone mark, counting letters of the NFC word."""
    positions: list[tuple[int, str]] = []
    letter = -1
    for ch in unicodedata.normalize("NFD", word):
        if not unicodedata.combining(ch):
            letter += 1
        elif ch in TONE_MARKS:
            positions.append((letter, TONE_MARKS[ch]))
    return positions


def _put_mark(toneless: str, index: int, tone: str) -> str:
    """Return the toneless word with the tone's mark on the letter at index."""
    if tone == "ngang":
        return toneless
    marked = unicodedata.normalize("NFC", toneless[index] + MARK_OF_TONE[tone])
    return toneless[:index] + marked + toneless[index + 1 :]


def _is_style_bearing(layout: _Layout) -> bool:
    """Tell whether T1 and T2 put this syllable's mark on different letters."""
    return not layout.final and layout.cluster in _STYLE_CLUSTERS and layout.onset != "qu"


def place_tone(word: str, style: Style) -> str:
    """Re-place the tone mark of one syllable in the given style, keeping each letter's case."""
    layout = _layout(word)
    if layout is None:
        return word
    index = layout.start + _position(layout.cluster, layout.final, style)
    return _put_mark(layout.toneless, index, layout.tone)


@lru_cache(maxsize=1 << 16)
def tone_style(word: str) -> Style | None:
    """Tell which style a style-bearing syllable is written in; None if neutral or unparsable."""
    layout = _layout(word)
    if layout is None or layout.tone == "ngang" or not _is_style_bearing(layout):
        return None
    marks = _mark_positions(word)
    if len(marks) != 1:
        return None
    offset = marks[0][0] - layout.start
    return "T1" if offset == 0 else "T2" if offset == 1 else None


def misplaced_tone(word: str) -> str | None:
    """Return the correctly marked syllable if its mark is wrong in both styles, else None."""
    marks = _mark_positions(word)
    if not marks:
        return None
    fixed = _replace_mark(word, marks)
    # A repair that is still no Vietnamese syllable ("xúat") is some other misspelling.
    return fixed if fixed is not None and is_valid(fixed) else None


def _replace_mark(word: str, marks: list[tuple[int, str]]) -> str | None:
    """Move a misplaced tone mark to its accepted letter; None if nothing to move."""
    toneless, _ = strip_tone(word)
    layout = _layout(toneless)
    if layout is None:
        return None
    accepted = {
        layout.start + _position(layout.cluster, layout.final, style) for style in ("T1", "T2")
    }
    if len(marks) == 1:
        index, tone = marks[0]
        if index in accepted:
            return None
        # Both styles agree unless the syllable is style-bearing; then the mark sat on no
        # vowel at all and T1, the default style, is as good a repair as any.
        return _put_mark(toneless, min(accepted), tone)
    # Several marks (vìệt): keep the one already on an accepted letter, if exactly one is.
    kept = [(index, tone) for index, tone in marks if index in accepted]
    if len(kept) != 1:
        return None
    index, tone = kept[0]
    return _put_mark(toneless, index, tone)
