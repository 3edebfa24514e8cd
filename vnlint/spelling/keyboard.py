"""Decode Telex and VNI keystrokes left in text when the input method was off, and encode them."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from vnlint.vietnamese.syllable import MARK_OF_TONE, TONE_MARKS, VOWELS, is_valid, parse, strip_tone
from vnlint.vietnamese.tones import place_tone

TELEX_TONES = {"s": "sac", "f": "huyen", "r": "hoi", "x": "nga", "j": "nang"}
VNI_TONES = {"1": "sac", "2": "huyen", "3": "hoi", "4": "nga", "5": "nang"}
_TELEX_KEY_OF_TONE = {tone: key for key, tone in TELEX_TONES.items()}
_VNI_KEY_OF_TONE = {tone: key for key, tone in VNI_TONES.items()}

_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_BREVE = {"a": "ă"}
_HORN = {"o": "ơ", "u": "ư"}
# How each modified letter is typed: (base letter, Telex keys, VNI keys).
_SPELLED = {
    "â": ("a", "aa", "a6"),
    "ê": ("e", "ee", "e6"),
    "ô": ("o", "oo", "o6"),
    "ă": ("a", "aw", "a8"),
    "ơ": ("o", "ow", "o7"),
    "ư": ("u", "uw", "u7"),
    "đ": ("d", "dd", "d9"),
}
_ALL_VOWELS = VOWELS | {"â", "ê", "ô", "ă", "ơ", "ư"}


def _vowel_span(out: list[str]) -> tuple[int, int]:
    """Return the bounds of the last run of vowels in the letters typed so far."""
    end = len(out)
    while end and out[end - 1] not in _ALL_VOWELS:
        end -= 1
    start = end
    while start and out[start - 1] in _ALL_VOWELS:
        start -= 1
    return start, end


def _modify(out: list[str], table: dict[str, str], letters: str) -> bool:
    """Apply a vowel modifier to the last matching vowel of the last vowel run."""
    start, end = _vowel_span(out)
    for i in range(end - 1, start - 1, -1):
        if out[i] in letters and out[i] in table:
            out[i] = table[out[i]]
            return True
    return False


def _horn(out: list[str]) -> bool:
    """Apply the horn: "uo" takes it on both letters (ươ), else the o, else the u."""
    start, end = _vowel_span(out)
    run = "".join(out[start:end])
    for pair in ("uo", "ưo", "uơ"):
        at = run.find(pair)
        if at >= 0:
            out[start + at], out[start + at + 1] = "ư", "ơ"
            return True
    return _modify(out, _HORN, "o") or _modify(out, _HORN, "u")


def _finish(out: list[str], tone: str, original: str) -> str | None:
    """Put the tone on the decoded letters and restore the original's case.

    The result parses as a syllable but may still be invalid (a stop coda without its tone:
    "vie6t" -> "viêt"); the caller judges it. "uow" is read as "ươ" unless only "uơ" is valid
    (thuở, quới).
    """
    word = _mark(out, tone)
    if "ươ" in "".join(out) and (word is None or not is_valid(word)):
        alternative = _mark([c if c != "ư" else "u" for c in out], tone)
        if alternative is not None and is_valid(alternative):
            word = alternative
    return None if word is None else restore_case(word, original)


def _mark(out: list[str], tone: str) -> str | None:
    """Return the letters with the tone placed (T1), or None if they do not parse."""
    toneless = "".join(out)
    if tone != "ngang":
        start, end = _vowel_span(out)
        if start == end:
            return None
        marked = unicodedata.normalize("NFC", toneless[start] + MARK_OF_TONE[tone])
        toneless = toneless[:start] + marked + toneless[start + 1 :]
    word = unicodedata.normalize("NFC", toneless)
    if parse(word) is None:
        return None
    return place_tone(word, "T1")


def restore_case(word: str, model: str) -> str:
    """Give `word` the letter case of `model`: all capitals, a leading capital, or lowercase."""
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=1 << 14)
def decode_telex(word: str) -> str | None:
    """Read a word as Telex keystrokes ("dduwowcj" -> "được"); None if no key acts.

    Cached: every unattested word of a run is read this way, and names recur across articles.
    """
    text, tone = strip_tone(word.lower())
    if tone == "multiple":
        return None
    out: list[str] = []
    used = False
    for ch in text:
        has_vowel = any(c in _ALL_VOWELS for c in out)
        if ch in TELEX_TONES and has_vowel:
            # Vietnamese codas never end in s f r x j: after a vowel they can only be tone keys.
            tone, used = TELEX_TONES[ch], True
        elif ch == "z" and has_vowel:
            tone, used = "ngang", True
        elif ch == "w":
            if not has_vowel:
                out.append("ư")
            elif not (_modify(out, _BREVE, "a") or _horn(out)):
                return None
            used = True
        elif ch in _CIRCUMFLEX and _modify(out, _CIRCUMFLEX, ch):
            used = True
        elif ch == "d" and out == ["d"]:
            out[0], used = "đ", True
        else:
            out.append(ch)
    if not used:
        return None
    return _finish(out, tone, word)


def decode_vni(word: str) -> str | None:
    """Read letters and digits as VNI keystrokes ("vie65t" -> "việt"); None if none acts."""
    text, tone = strip_tone(word.lower())
    if tone == "multiple":
        return None
    out: list[str] = []
    used = False
    for ch in text:
        if ch.isdigit():
            if ch in VNI_TONES:
                tone = VNI_TONES[ch]
            elif ch == "0":
                tone = "ngang"
            elif ch == "6":
                if not (_modify(out, _CIRCUMFLEX, "aeo")):
                    return None
            elif ch == "7":
                if not _horn(out):
                    return None
            elif ch == "8":
                if not _modify(out, _BREVE, "a"):
                    return None
            elif ch == "9":
                if "d" not in out:
                    return None
                out[out.index("d")] = "đ"
            used = True
        else:
            out.append(ch)
    if not used:
        return None
    return _finish(out, tone, word)


def _spell(syllable: str, telex: bool) -> str:
    """Return the keystrokes of one syllable, the tone key last (the commonest habit)."""
    text, tone = strip_tone(syllable)
    keys = []
    for ch in text:
        lower = ch.lower()
        spelled = _SPELLED[lower][1 if telex else 2] if lower in _SPELLED else lower
        keys.append(spelled[0].upper() + spelled[1:] if ch.isupper() else spelled)
    if tone != "ngang":
        keys.append(_TELEX_KEY_OF_TONE[tone] if telex else _VNI_KEY_OF_TONE[tone])
    return "".join(keys)


def encode_telex(syllable: str) -> str:
    """Return the Telex keystrokes of a syllable ("được" -> "dduwowcj")."""
    return _spell(syllable, telex=True)


def encode_vni(syllable: str) -> str:
    """Return the VNI keystrokes of a syllable ("việt" -> "vie65t")."""
    return _spell(syllable, telex=False)


__all__ = [
    "TELEX_TONES",
    "TONE_MARKS",
    "VNI_TONES",
    "decode_telex",
    "decode_vni",
    "encode_telex",
    "encode_vni",
    "restore_case",
]
