"""Classify characters: Vietnamese letters, lookalike letters, invisible and control characters."""

from __future__ import annotations

import unicodedata

# Non-Latin letters that render like a Latin or Vietnamese letter (SPEC §3.1 M11/M13, ENC-7).
# Only letters that are visually identical in common fonts are listed: a false fold would
# rewrite a legitimate foreign word. Escapes keep the confusable characters visible in review.
LOOKALIKES: dict[str, str] = {
    # Cyrillic small letters
    "\u0430": "a",  # а
    "\u0435": "e",  # е
    "\u043e": "o",  # о
    "\u0440": "p",  # р
    "\u0441": "c",  # с
    "\u0443": "y",  # у
    "\u0445": "x",  # х
    "\u0455": "s",  # ѕ DZE
    "\u0456": "i",  # і BYELORUSSIAN-UKRAINIAN I
    "\u0458": "j",  # ј JE
    "\u04bb": "h",  # һ SHHA
    "\u04cf": "l",  # ӏ PALOCHKA
    "\u0501": "d",  # ԁ KOMI DE
    "\u051b": "q",  # ԛ QA
    "\u051d": "w",  # ԝ WE
    # Cyrillic capital letters
    "\u0405": "S",  # Ѕ
    "\u0406": "I",  # І
    "\u0408": "J",  # Ј
    "\u0410": "A",  # А
    "\u0412": "B",  # В
    "\u0415": "E",  # Е
    "\u041a": "K",  # К
    "\u041c": "M",  # М
    "\u041d": "H",  # Н
    "\u041e": "O",  # О
    "\u0420": "P",  # Р
    "\u0421": "C",  # С
    "\u0422": "T",  # Т
    "\u0423": "Y",  # У
    "\u0425": "X",  # Х
    "\u04ae": "Y",  # Ү STRAIGHT U
    "\u04c0": "I",  # Ӏ PALOCHKA
    "\u0500": "D",  # Ԁ KOMI DE
    "\u051a": "Q",  # Ԛ QA
    "\u051c": "W",  # Ԝ WE
    # Greek capital letters and small omicron
    "\u0391": "A",  # Α
    "\u0392": "B",  # Β
    "\u0395": "E",  # Ε
    "\u0396": "Z",  # Ζ
    "\u0397": "H",  # Η
    "\u0399": "I",  # Ι
    "\u039a": "K",  # Κ
    "\u039c": "M",  # Μ
    "\u039d": "N",  # Ν
    "\u039f": "O",  # Ο
    "\u03a1": "P",  # Ρ
    "\u03a4": "T",  # Τ
    "\u03a5": "Y",  # Υ
    "\u03a7": "X",  # Χ
    "\u03bf": "o",  # ο
    # Latin small capitals (U+1D00 block and IPA extensions): they pass for small letters
    "\u1d00": "a",  # ᴀ
    "\u0299": "b",  # ʙ
    "\u1d04": "c",  # ᴄ
    "\u1d05": "d",  # ᴅ
    "\u1d06": "\u0111",  # ᴆ small capital eth -> đ
    "\u1d07": "e",  # ᴇ
    "\u0262": "g",  # ɢ
    "\u029c": "h",  # ʜ
    "\u026a": "i",  # ɪ
    "\u1d0a": "j",  # ᴊ
    "\u1d0b": "k",  # ᴋ
    "\u029f": "l",  # ʟ
    "\u1d0d": "m",  # ᴍ
    "\u0274": "n",  # ɴ
    "\u1d0f": "o",  # ᴏ
    "\u1d18": "p",  # ᴘ
    "\u1d29": "p",  # ᴩ GREEK LETTER SMALL CAPITAL RHO
    "\u0280": "r",  # ʀ
    "\ua731": "s",  # ꜱ
    "\u1d1b": "t",  # ᴛ
    "\u1d1c": "u",  # ᴜ
    "\u1d20": "v",  # ᴠ
    "\u1d21": "w",  # ᴡ
    "\u028f": "y",  # ʏ
    "\u1d22": "z",  # ᴢ
    # D with stroke lookalikes: Windows-1258/VISCII bytes 0xD0/0xF0 read as Latin-1 (SPEC §5.4)
    "\u00d0": "\u0110",  # Ð ETH -> Đ
    "\u00f0": "\u0111",  # ð eth -> đ
    "\u0189": "\u0110",  # Ɖ AFRICAN D -> Đ
}

_FOLD_TABLE = str.maketrans(LOOKALIKES)

_VOWELS = "aăâeêioôơuưy"
_CONSONANTS = "bcdđghklmnpqrstvx"
_LOANWORD_LETTERS = "fjwz"
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _build_letters() -> frozenset[str]:
    """Return every lower- and uppercase letter of Vietnamese, toned vowels included."""
    lower = set(_CONSONANTS + _LOANWORD_LETTERS)
    for vowel in _VOWELS:
        for mark in _TONE_MARKS:
            lower.add(unicodedata.normalize("NFC", vowel + mark))
    return frozenset(lower | {letter.upper() for letter in lower})


# ~270 entries: small enough to build at import time.
VIETNAMESE_LETTERS: frozenset[str] = _build_letters()

INVISIBLE: dict[str, str] = {
    "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}

# Line structure characters are content, not noise.
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def fold_lookalikes(s: str) -> str:
    """Replace each lookalike letter by its Latin or Vietnamese counterpart, one for one."""
    return s.translate(_FOLD_TABLE)


def is_control(ch: str) -> bool:
    """Tell whether a character is a C0/C1 control or DEL, other than tab, LF and CR."""
    code = ord(ch)
    if ch in _ALLOWED_CONTROLS:
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F
