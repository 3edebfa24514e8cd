"""Parse Vietnamese syllables into onset, glide, nucleus, coda and tone; judge their validity."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from vnlint.vietnamese.letters import VIETNAMESE_LETTERS

TONES = ("ngang", "huyen", "sac", "hoi", "nga", "nang")

# Combining tone marks; vowel-quality marks (U+0302 U+0306 U+031B) are part of the letter.
TONE_MARKS: dict[str, str] = {
    "\u0300": "huyen",
    "\u0301": "sac",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
MARK_OF_TONE: dict[str, str] = {tone: mark for mark, tone in TONE_MARKS.items()}

# Tone name returned by strip_tone when a string carries several tone marks.
MULTIPLE_TONES = "multiple"

VOWELS = frozenset("aăâeêioôơuưy")

# Longest first: the onset is the longest prefix in this list (SPEC §5.3 step 1).
# fmt: off
ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)
# fmt: on
_ONSETS_BY_SIZE = tuple(
    frozenset(o for o in ONSETS if len(o) == size and o not in ("gi", "qu")) for size in (3, 2, 1)
)

CONSONANT_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
STOP_CODAS = frozenset({"c", "ch", "p", "t"})

NUCLEI = frozenset(
    {"a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư"}
    | {"ia", "iê", "ya", "yê", "ua", "uô", "ưa", "ươ", "oo"}
)
# Glides occur only before these nuclei; this is what makes "uy" glide+y but "ui" u+coda i.
_GLIDE_NUCLEI = {"o": frozenset({"a", "ă", "e"}), "u": frozenset({"â", "ê", "y", "ơ", "ya", "yê"})}
# Coda y is written only after a and â (ay, ây, oay, uây); elsewhere the same sound is "i".
_Y_CODA_NUCLEI = frozenset({"a", "â"})

# Every standard rhyme (vần) as written: glide + nucleus + coda. Rhymes after "qu" and the
# iê rhymes after "gi" are listed separately because the onset swallows a letter there.
# fmt: off
RHYMES = frozenset(
    {
        # a
        "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
        # ă, â: never open
        "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
        "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
        # e, ê ("eng": xẻng, kẻng)
        "e", "ec", "em", "en", "eng", "eo", "ep", "et",
        "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
        # i, y
        "i", "ich", "im", "in", "inh", "ip", "it", "iu",
        "y",
        # ia/iê (open form ia), yê without onset
        "ia", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
        "yêm", "yên", "yêng", "yêt", "yêu",
        # o, oo (xoong, boong, soóc), ô, ơ
        "o", "oc", "oi", "om", "on", "ong", "op", "ot",
        "ooc", "oong",
        "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
        "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
        # u, ua/uô
        "u", "uc", "ui", "um", "un", "ung", "up", "ut",
        "ua", "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
        # ư, ưa/ươ ("ưm": ừm)
        "ư", "ưc", "ưi", "ưm", "ưng", "ưt", "ưu",
        "ưa", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
        # glide o
        "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
        "oăc", "oăm", "oăn", "oăng", "oăt",
        "oe", "oen", "oeo", "oet",
        # glide u (bâng khuâng, huênh, thuở, khuya, huých, khuỷu)
        "uân", "uâng", "uât", "uây",
        "uê", "uêch", "uênh",
        "uơ",
        "uy", "uych", "uynh", "uyp", "uyt", "uyu", "uya", "uyên", "uyêt",
    }
)

# After "qu" the u is part of the onset, so the rhyme is what follows it (quân, quyết, quốc).
QU_RHYMES = frozenset(
    {
        "a", "ac", "ach", "ai", "an", "ang", "anh", "ao", "at", "au", "ay",
        "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
        "ân", "âng", "ât", "ây",
        "e", "en", "eo", "et",
        "ê", "êch", "ên", "ênh", "êt",
        "i", "inh", "it",
        "y", "ych", "ynh", "yt", "yên", "yêt",
        "ơ", "ơi", "ôc",
    }
)
# fmt: on

# After "gi" the i of iê is swallowed too: giết, giêng, giếc, chế giễu.
GI_RHYMES = frozenset({rhyme[1:] for rhyme in RHYMES if rhyme.startswith("iê")})

# Open "y" after a consonant is written only after these onsets (ty, hy, kỳ, lý, mỹ, sỹ, vỹ).
_Y_ONSETS = frozenset({"", "h", "k", "l", "m", "n", "s", "t", "th", "v", "d", "đ"})
# These onsets never take a glide: c/k/q spell /k/+glide as "qu"; gh/ngh never glide.
_NO_GLIDE_ONSETS = frozenset({"c", "k", "gh", "ngh", "qu"})
_FRONT_VOWELS = frozenset("ieêy")

_COMBINING_VIETNAMESE = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_SHAPE_CHARS = VIETNAMESE_LETTERS | _COMBINING_VIETNAMESE


@dataclass(frozen=True)
class Syllable:
    """One Vietnamese syllable split into its written parts, lowercase and without tone mark."""

    onset: str
    glide: str
    nucleus: str
    coda: str
    tone: str

    @property
    def rhyme(self) -> str:
        """Return the written rhyme: glide + nucleus + coda."""
        return self.glide + self.nucleus + self.coda


def strip_tone(s: str) -> tuple[str, str]:
    """Remove tone marks; return the NFC text and the tone name (MULTIPLE_TONES if several)."""
    if s.isascii():
        return s, "ngang"
    decomposed = unicodedata.normalize("NFD", s)
    tones = [TONE_MARKS[ch] for ch in decomposed if ch in TONE_MARKS]
    if not tones:
        return unicodedata.normalize("NFC", s), "ngang"
    text = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    return text, tones[0] if len(tones) == 1 else MULTIPLE_TONES


def _split_onset(s: str) -> tuple[str, str] | None:
    """Split a lowercase toneless syllable into onset and the rest, or None if impossible."""
    if not s:
        return None
    if s[0] in VOWELS:
        return "", s
    # "qu" and "gi" take the u/i only when another vowel follows (quý, già; but gì, gìn).
    if s.startswith("q"):
        return ("qu", s[2:]) if len(s) > 2 and s[1] == "u" and s[2] in VOWELS else None
    if s.startswith("gi") and len(s) > 2 and s[2] in VOWELS:
        return "gi", s[2:]
    for size, onsets in zip((3, 2, 1), _ONSETS_BY_SIZE, strict=True):
        if s[:size] in onsets:
            return s[:size], s[size:]
    return None


def _split_vowels(cluster: str) -> tuple[str, str, str] | None:
    """Split a vowel run into glide, nucleus and semivowel coda, or None if no split fits."""
    if cluster in NUCLEI:
        return "", cluster, ""
    for glide in ("", "o", "u"):
        if not cluster.startswith(glide):
            continue
        body = cluster[len(glide) :]
        for semi in ("i", "y", "o", "u"):
            nucleus = body[: -len(semi)]
            if not body.endswith(semi) or nucleus not in NUCLEI:
                continue
            if semi == "y" and nucleus not in _Y_CODA_NUCLEI:
                continue
            if not glide or nucleus in _GLIDE_NUCLEI[glide]:
                return glide, nucleus, semi
        if glide and body in _GLIDE_NUCLEI[glide]:
            return glide, body, ""
    return None


@lru_cache(maxsize=1 << 16)
def parse(word: str) -> Syllable | None:
    """Parse one syllable of any letter case; None if it is not shaped like a Vietnamese one."""
    text, tone = strip_tone(word)
    if tone == MULTIPLE_TONES:
        return None
    text = text.lower()
    if not text or any(ch not in VIETNAMESE_LETTERS for ch in text):
        return None
    split = _split_onset(text)
    if split is None:
        return None
    onset, rest = split
    end = 0
    while end < len(rest) and rest[end] in VOWELS:
        end += 1
    cluster, final = rest[:end], rest[end:]
    if not cluster or final not in CONSONANT_CODAS:
        return None
    parts = _split_vowels(cluster)
    if parts is None:
        return None
    glide, nucleus, semi = parts
    if semi and final:
        return None
    return Syllable(onset, glide, nucleus, semi or final, tone)


def _onset_fits(syllable: Syllable) -> bool:
    """Tell whether the onset's spelling agrees with the rhyme (c/k/q, g/gh, ng/ngh rules)."""
    onset, rhyme = syllable.onset, syllable.rhyme
    first = rhyme[0]
    if syllable.glide and onset in _NO_GLIDE_ONSETS:
        return False
    if onset == "k":
        return first in _FRONT_VOWELS
    if onset in ("gh", "ngh"):
        return first in "ieê"
    if onset in ("c", "ng"):
        return first not in _FRONT_VOWELS
    if onset == "g":
        # "gi" followed by a vowel is the gi onset, so g + i is only the bare vowel i (gì, gìn).
        return first not in "eêy" and (first != "i" or syllable.nucleus == "i")
    return True


def _rhyme_fits(syllable: Syllable) -> bool:
    """Tell whether the rhyme exists after this onset."""
    onset, rhyme, nucleus = syllable.onset, syllable.rhyme, syllable.nucleus
    if onset == "qu":
        return rhyme in QU_RHYMES
    if onset == "gi":
        # Only the o glide follows gi (gioăng); an i or y there would repeat the onset's i.
        if syllable.glide == "u" or rhyme[0] in "iy":
            return False
        return rhyme in RHYMES or rhyme in GI_RHYMES
    if rhyme not in RHYMES:
        return False
    if not onset:
        # Without an onset iê is spelled yê (yên, yêu); "ia" stays (ỉa).
        return nucleus != "iê"
    if nucleus == "yê" and not syllable.glide:
        return False
    if rhyme == "y":
        return onset in _Y_ONSETS
    return True


@lru_cache(maxsize=1 << 16)
def is_valid(word: str) -> bool:
    """Tell whether a single syllable can exist in Vietnamese spelling and phonotactics."""
    syllable = parse(word)
    if syllable is None:
        return False
    # Stop codas (c ch p t) carry only the sắc or nặng tone.
    if syllable.coda in STOP_CODAS and syllable.tone not in ("sac", "nang"):
        return False
    return _rhyme_fits(syllable) and _onset_fits(syllable)


def is_vietnamese_word_shape(token: str) -> bool:
    """Tell whether a token holds only Latin letters and Vietnamese diacritics."""
    return bool(token) and all(ch in _SHAPE_CHARS for ch in token)
