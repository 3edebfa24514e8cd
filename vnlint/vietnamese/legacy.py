"""Decode legacy Vietnamese encodings (TCVN3, VNI) and UTF-8 mojibake, and find them in text."""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from vnlint.vietnamese.letters import VIETNAMESE_LETTERS
from vnlint.vietnamese.syllable import is_valid
from vnlint.vietnamese.tones import misplaced_tone

TCVN3 = "TCVN3"
VNI = "VNI"
WINDOWS_1258 = "Windows-1258"
UTF8_AS_CP1252 = "UTF-8/Windows-1252"
UTF8_AS_MAC_ROMAN = "UTF-8/Mac Roman"

# Source of both tables: Unikey's charset tables, repository fcitx/fcitx5-unikey, file
# unikey/data.cpp (SingleByteTables "TCVN3" and DoubleByteTables "VNI-WIN"), checked against
# SPEC §5.4. TCVN3 (TCVN 5712:1993, ".VnTime") is one byte per letter; it has no codes for
# capital toned vowels (a capital-only font such as .VnTimeH draws the small ones as capitals),
# so those bytes decode to small letters here and the case is restored by context.
# fmt: off
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# fmt: on

# VNI-Windows: a letter is its base byte, then (for toned or roofed letters) a mark byte.
# Unikey stores each as a 16-bit word, mark in the high byte. Per vowel: base, sắc, huyền,
# hỏi, ngã, nặng; each as (capital, small).
# fmt: off
_VNI_WORDS: dict[str, tuple[int, ...]] = {
    "a": (0x0041, 0x0061, 0xD941, 0xF961, 0xD841, 0xF861,
          0xDB41, 0xFB61, 0xD541, 0xF561, 0xCF41, 0xEF61),
    "â": (0xC241, 0xE261, 0xC141, 0xE161, 0xC041, 0xE061,
          0xC541, 0xE561, 0xC341, 0xE361, 0xC441, 0xE461),
    "ă": (0xCA41, 0xEA61, 0xC941, 0xE961, 0xC841, 0xE861,
          0xDA41, 0xFA61, 0xDC41, 0xFC61, 0xCB41, 0xEB61),
    "đ": (0x00D1, 0x00F1),
    "e": (0x0045, 0x0065, 0xD945, 0xF965, 0xD845, 0xF865,
          0xDB45, 0xFB65, 0xD545, 0xF565, 0xCF45, 0xEF65),
    "ê": (0xC245, 0xE265, 0xC145, 0xE165, 0xC045, 0xE065,
          0xC545, 0xE565, 0xC345, 0xE365, 0xC445, 0xE465),
    "i": (0x0049, 0x0069, 0x00CD, 0x00ED, 0x00CC, 0x00EC,
          0x00C6, 0x00E6, 0x00D3, 0x00F3, 0x00D2, 0x00F2),
    "o": (0x004F, 0x006F, 0xD94F, 0xF96F, 0xD84F, 0xF86F,
          0xDB4F, 0xFB6F, 0xD54F, 0xF56F, 0xCF4F, 0xEF6F),
    "ô": (0xC24F, 0xE26F, 0xC14F, 0xE16F, 0xC04F, 0xE06F,
          0xC54F, 0xE56F, 0xC34F, 0xE36F, 0xC44F, 0xE46F),
    "ơ": (0x00D4, 0x00F4, 0xD9D4, 0xF9F4, 0xD8D4, 0xF8F4,
          0xDBD4, 0xFBF4, 0xD5D4, 0xF5F4, 0xCFD4, 0xEFF4),
    "u": (0x0055, 0x0075, 0xD955, 0xF975, 0xD855, 0xF875,
          0xDB55, 0xFB75, 0xD555, 0xF575, 0xCF55, 0xEF75),
    "ư": (0x00D6, 0x00F6, 0xD9D6, 0xF9F6, 0xD8D6, 0xF8F6,
          0xDBD6, 0xFBF6, 0xD5D6, 0xF5F6, 0xCFD6, 0xEFF6),
    "y": (0x0059, 0x0079, 0xD959, 0xF979, 0xD859, 0xF879,
          0xDB59, 0xFB79, 0xD559, 0xF579, 0x00CE, 0x00EE),
}
# fmt: on
_TONE_ORDER = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# cp1252 leaves five bytes undefined; decoders show them as U+FFFD or as C1 controls.
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_REPLACEMENT = "\ufffd"
_NBSP = "\u00a0"
_UNKNOWN = -1

# ASCII whitespace, digits and punctuation: no legacy encoding spells a letter with them.
_ASCII_SEPARATORS = r"\s!-@\[-`{-~"
_TOKEN = re.compile(rf"[^{_ASCII_SEPARATORS}]+")
# Mojibake keeps the NBSP of "à" (C3 A0) inside the word: "NgÃ\u00a0y" is "Ngày".
_MOJIBAKE_TOKEN = re.compile(rf"(?:[^{_ASCII_SEPARATORS}]|\u00a0)+")
# Quotes and dashes that may cling to a word; « and » must stay last (see _judge).
_EDGE_PUNCTUATION = "\u201c\u201d\u2018\u2019\u201e\u201a\u2013\u2014\u2026\u00ab\u00bb"
_SENTENCE_END = frozenset(".!?\u2026\n")
# Longest stretch of plain ASCII words kept inside one run between two legacy words.
_MAX_ASCII_GAP = 12


@dataclass(frozen=True)
class LegacyRun:
    """A span of text (str offsets, half-open) that looks legacy-encoded or mojibake."""

    start: int
    end: int
    encoding: str
    original: str
    converted: str | None


def _cp1252_char(byte: int) -> str:
    """Return the character a byte shows as in Windows-1252 (C1 control where undefined)."""
    return bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)


@cache
def _tcvn3_table() -> dict[str, str]:
    """Map each TCVN3 byte, as shown in Windows-1252, to its Unicode letter."""
    return {_cp1252_char(byte): letter for byte, letter in _TCVN3_BYTES.items()}


@cache
def _tcvn3_caseless() -> frozenset[str]:
    """Return the TCVN3 characters that stand for both a small and a capital letter."""
    return frozenset(
        ch
        for ch, letter in _tcvn3_table().items()
        if not letter.isascii()
        and letter.islower()
        and letter.upper() not in _tcvn3_table().values()
    )


@cache
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Return VNI-Windows decoding maps: two-character spellings and one-character ones."""
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {}
    for base, words in _VNI_WORDS.items():
        for index, word in enumerate(words):
            letter = unicodedata.normalize("NFC", base + _TONE_ORDER[index // 2])
            letter = letter.upper() if index % 2 == 0 else letter
            spelled = _cp1252_char(word & 0xFF) + (_cp1252_char(word >> 8) if word >> 8 else "")
            if spelled != letter:
                (pairs if len(spelled) == 2 else singles)[spelled] = letter
    return pairs, singles


def _tcvn3_case(word: list[str], caseless: list[bool], sentence_start: bool) -> None:
    """Restore the case of TCVN3 letters that have no capital code, in place."""
    definite = [(i, ch) for i, ch in enumerate(word) if not caseless[i] and ch.isalpha()]
    upper = [i for i, ch in definite if ch.isupper()]
    all_caps = bool(upper) and len(upper) == len(definite) and (len(upper) > 1 or upper[0] > 0)
    for i, ch in enumerate(word):
        if caseless[i] and (all_caps or (i == 0 and sentence_start)):
            word[i] = ch.upper()


def _decode_tcvn3(s: str, sentence_start: bool) -> str:
    """Decode TCVN3 shown as Windows-1252; sentence_start says whether s begins a sentence."""
    table, caseless_chars = _tcvn3_table(), _tcvn3_caseless()
    out: list[str] = []
    word: list[str] = []
    caseless: list[bool] = []
    for ch in [*s, " "]:
        letter = table.get(ch, ch)
        if letter.isalpha():
            word.append(letter)
            caseless.append(ch in caseless_chars)
            continue
        if word:
            _tcvn3_case(word, caseless, sentence_start)
            out.extend(word)
            word, caseless = [], []
            sentence_start = False
        if ch in _SENTENCE_END:
            sentence_start = True
        out.append(ch)
    return "".join(out[:-1])


def _encode_tcvn3(s: str) -> bytes:
    """Encode NFC text to TCVN3 bytes (capital toned vowels share the small ones' codes)."""
    codes = {letter: bytes([byte]) for byte, letter in _TCVN3_BYTES.items()}
    # TCVN3 fonts keep the Windows-1252 symbols of 0x80-0x9F (quotes, dashes).
    return b"".join(
        codes.get(ch) or codes.get(ch.lower()) or ch.encode("cp1252", errors="replace") for ch in s
    )


def _encode_vni(s: str) -> bytes:
    """Encode NFC text to VNI-Windows bytes."""
    pairs, singles = _vni_tables()
    spelled = {letter: text for text, letter in (*pairs.items(), *singles.items())}
    return "".join(spelled.get(ch, ch) for ch in s).encode("cp1252", errors="replace")


def decode_tcvn3(s: str) -> str:
    """Decode TCVN3 (ABC) text as it appears when its bytes were read as Windows-1252."""
    return _decode_tcvn3(s, sentence_start=True)


def decode_vni(s: str) -> str:
    """Decode VNI-Windows text as it appears when its bytes were read as Windows-1252."""
    pairs, singles = _vni_tables()
    out: list[str] = []
    i = 0
    while i < len(s):
        pair = pairs.get(s[i : i + 2])
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        out.append(singles.get(s[i], s[i]))
        i += 1
    return "".join(out)


@cache
def _byte_maps() -> tuple[dict[str, int], dict[str, int]]:
    """Return char-to-byte maps for Windows-1252 (C1 controls allowed) and Mac Roman."""
    cp1252 = {chr(byte): byte for byte in range(0x80, 0x100)}  # Latin-1 view, C1 included
    cp1252.update({_cp1252_char(byte): byte for byte in range(0x100)})
    mac_roman = {bytes([byte]).decode("mac_roman"): byte for byte in range(0x100)}
    mac_roman["\u20ac"] = 0xDB  # Apple changed 0xDB from ¤ to € in Mac OS 8.5
    return cp1252, mac_roman


def _to_codes(s: str, table: dict[str, int], allow_unknown: bool) -> list[int] | None:
    """Encode s through table; U+FFFD becomes _UNKNOWN if allowed. None if unencodable."""
    codes: list[int] = []
    for ch in s:
        code = table.get(ch)
        if code is None:
            if not (allow_unknown and ch == _REPLACEMENT):
                return None
            code = _UNKNOWN
        codes.append(code)
    return codes


def _glues(head: list[int], tail: list[int]) -> bool:
    """Tell whether the bytes around a restored NBSP make one valid word ("hÃ nh" is hành)."""
    start = max((i for i, code in enumerate(head) if code == 0x20), default=-1) + 1
    end = next((i for i, code in enumerate(tail) if code == 0x20), len(tail))
    word = head[start:] + tail[:end]
    if _UNKNOWN in word:
        return False
    try:
        text = bytes(word).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _plausibility(text.strip(string.punctuation)) == 2


def _restore_nbsp(codes: list[int]) -> list[int]:
    """Put back 0xA0 continuation bytes that a copy turned into plain spaces ("lÃ " for là)."""
    out: list[int] = []
    need = 0
    for index, code in enumerate(codes):
        if need and code == 0x20:
            out.append(0xA0)
            need -= 1
            # A word-final à (là, và) had a real space after its NBSP, and the two collapsed
            # into one; a word-inner à (hành, ngày) had none.
            tail = codes[index + 1 :]
            if need == 0 and tail and tail[0] != 0x20 and not _glues(out, tail):
                out.append(0x20)
            continue
        out.append(code)
        if 0xC2 <= code <= 0xDF:
            need = 1
        elif 0xE0 <= code <= 0xEF:
            need = 2
        elif 0xF0 <= code <= 0xF4:
            need = 3
        elif 0x80 <= code <= 0xBF and need:
            need -= 1
        else:
            need = 0
    return out


def _plausibility(word: str) -> int:
    """Rank a decoded word: 2 valid Vietnamese, 1 Vietnamese letters only, 0 anything else."""
    if any(not ch.isascii() and ch not in VIETNAMESE_LETTERS for ch in word.replace(_NBSP, "")):
        return 0
    letters = "".join(ch for ch in word if ch.isalpha())
    return 2 if letters and is_valid(letters) else 1


def _decode_segment(codes: list[int]) -> str | None:
    """Decode one word's bytes as UTF-8, choosing the unknown bytes only if one choice fits."""
    unknown = [i for i, code in enumerate(codes) if code == _UNKNOWN]
    if len(unknown) > 3:
        return None
    ranked: dict[int, list[str]] = {}
    for choice in itertools.product(_CP1252_UNDEFINED, repeat=len(unknown)):
        trial = list(codes)
        for index, byte in zip(unknown, choice, strict=True):
            trial[index] = byte
        try:
            text = bytes(trial).decode("utf-8")
        except UnicodeDecodeError:
            continue
        ranked.setdefault(_plausibility(text), []).append(text)
    if not ranked:
        return None
    best = ranked[max(ranked)]
    return best[0] if len(best) == 1 else None


def _decode_utf8(codes: list[int]) -> str | None:
    """Decode bytes as UTF-8, resolving unknown bytes word by word; None if not certain."""
    codes = _restore_nbsp(codes)
    if _UNKNOWN not in codes:
        try:
            return bytes(codes).decode("utf-8")
        except UnicodeDecodeError:
            return None
    parts: list[str] = []
    # Unknown bytes are always continuation bytes, so ASCII never splits a letter.
    for is_word, group in itertools.groupby(
        codes, key=lambda c: c >= 0x80 or c == _UNKNOWN or chr(c).isalnum()
    ):
        segment = list(group)
        text = _decode_segment(segment) if is_word else bytes(segment).decode("ascii")
        if text is None:
            return None
        parts.append(text)
    return "".join(parts)


def _fix_once(s: str) -> tuple[str, str] | None:
    """Undo one layer of UTF-8 mojibake; return the text and the codepage it went through."""
    cp1252, mac_roman = _byte_maps()
    for name, table in ((UTF8_AS_CP1252, cp1252), (UTF8_AS_MAC_ROMAN, mac_roman)):
        codes = _to_codes(s, table, allow_unknown=name == UTF8_AS_CP1252)
        if codes is None:
            continue
        fixed = _decode_utf8(codes)
        if fixed is not None and fixed != s and _clean(fixed):
            return fixed, name
    return None


def _clean(s: str) -> bool:
    """Tell whether decoded text is Latin script, free of controls and replacement marks."""
    # Latin-1 text decoded by accident lands in other scripts ("OÙ " gives an Arabic digit).
    return all(
        (ord(ch) < 0x250 and unicodedata.category(ch) != "Cc")
        or ch in "\t\n\r"
        or 0x300 <= ord(ch) < 0x370
        or 0x1E00 <= ord(ch) < 0x1F00
        or 0x2000 <= ord(ch) < 0x2150
        for ch in s
    )


def _fix_mojibake(s: str) -> tuple[str, str] | None:
    """Repair UTF-8 mojibake; return the text and the codepage of the first wrong decoding."""
    first = _fix_once(s)
    if first is None:
        return None
    fixed, name = first
    # Text that went through the wrong decoder twice needs a second pass.
    for _ in range(2):
        again = _fix_once(fixed)
        if again is None:
            break
        fixed = again[0]
    return fixed, name


def fix_utf8_mojibake(s: str) -> str | None:
    """Repair UTF-8 read as Windows-1252, Latin-1 or Mac Roman; None if s is not such text."""
    repaired = _fix_mojibake(s)
    return None if repaired is None else repaired[0]


def _sane_case(word: str) -> bool:
    """Tell whether a word is lowercase, uppercase or capitalized."""
    return word.islower() or word.isupper() or word.istitle()


def _valid_word(word: str) -> bool:
    """Tell whether a word is a valid Vietnamese syllable, sanely cased and marked."""
    if not (_sane_case(word) and all(ch in VIETNAMESE_LETTERS for ch in word)):
        return False
    # A mark on the wrong letter ("leõ" is VNI for "lẽ") is as foreign as a wrong letter.
    return is_valid(word) and misplaced_tone(word) is None


# Token classes, from the point of view of one candidate encoding.
_NEUTRAL = 0  # plain ASCII or no letters: fits both readings
_AMBIGUOUS = 1  # decodes to a valid syllable but is also one, or is too short to count
_AFFECTED = 2  # garbled as it stands, a valid syllable once decoded
_BREAK = 3  # cannot be text in this encoding (or would decode to nonsense)

# Legacy words needed before a run is reported: one mojibake word is proof enough, but a
# single TCVN3/VNI-looking word also arises from typos and foreign names.
_SEEDS_NEEDED = {TCVN3: 2, VNI: 2, UTF8_AS_CP1252: 1}


def _classify_legacy(token: str, decoded: str) -> int:
    """Classify a TCVN3 or VNI token given its decoding."""
    if not any(ch.isalpha() for ch in decoded):
        return _NEUTRAL
    if decoded == token:
        return _NEUTRAL if _valid_word(token) else _BREAK
    if not _valid_word(decoded):
        # Acronyms such as "Q§" (QĐ) are legacy text too, but too weak to start a run.
        letters_only = all(ch in VIETNAMESE_LETTERS for ch in decoded)
        return _AMBIGUOUS if letters_only and decoded.isupper() else _BREAK
    if _valid_word(token):
        return _AMBIGUOUS
    # Short capital tokens look like acronyms (NÐ-CP has an Eth, not TCVN3 "é").
    acronym = token.isupper() and len(token) <= 3
    strong = len(token) >= 2 and any(ch.isascii() and ch.isalpha() for ch in token)
    return _AFFECTED if strong and not acronym else _AMBIGUOUS


def _classify(token: str, encoding: str) -> int:
    """Classify a token as read in one encoding."""
    if token.isascii() or not any(ch.isalnum() or ch in _tcvn3_table() for ch in token):
        return _NEUTRAL
    if encoding == TCVN3:
        if any(ord(ch) > 0xFF for ch in token):
            return _BREAK
        return _classify_legacy(token, _decode_tcvn3(token, sentence_start=False))
    if encoding == VNI:
        if any(ord(ch) > 0xFF for ch in token):
            return _BREAK
        return _classify_legacy(token, decode_vni(token))
    if _valid_word(token):
        return _BREAK
    fixed = fix_utf8_mojibake(token)
    # Short Latin-1 tokens decode to Cyrillic or Hangul by accident ("“ông" read as Mac
    # Roman); only a word made of Vietnamese letters counts as evidence.
    if fixed is None or not fixed.replace(_NBSP, "").isalnum() or _plausibility(fixed) == 0:
        return _BREAK
    return _AFFECTED


@lru_cache(maxsize=1 << 16)
def _judge(token: str, encoding: str, space_after: bool) -> tuple[int, int, int]:
    """Classify a token; return the class and the (start, end) of the part that has it."""
    kind = _classify(token, encoding)
    if kind != _BREAK:
        return kind, 0, len(token)
    if space_after and any(ch.isascii() for ch in token) and not _valid_word(token):
        # The NBSP of "à" (C3 A0) often becomes a plain space ("lÃ bạn"). A lone lead
        # byte is weak evidence ("XÃ HỘI" is clean), so the repaired word must be valid.
        fixed = fix_utf8_mojibake(token + _NBSP)
        if fixed is not None and _plausibility(fixed) == 2:
            return _AFFECTED, 0, len(token)
    # In TCVN3 « and » are the letters ô and ằ, so they are not punctuation there.
    edges = _EDGE_PUNCTUATION[:-2] if encoding == TCVN3 else _EDGE_PUNCTUATION
    core = token.strip(edges)
    if not core or core == token:
        return _BREAK, 0, len(token)
    offset = token.index(core)
    return _classify(core, encoding), offset, offset + len(core)


@cache
def _mojibake_hint() -> re.Pattern[str]:
    """Return a pattern that every line holding UTF-8 mojibake matches somewhere."""
    cp1252, mac_roman = _byte_maps()
    parts = []
    for table in (cp1252, mac_roman):
        leads = "".join(ch for ch, byte in table.items() if 0xC2 <= byte <= 0xF4)
        continuations = "".join(ch for ch, byte in table.items() if 0x80 <= byte <= 0xBF)
        parts.append(f"[{re.escape(leads)}][{re.escape(continuations)}\ufffd]")
    two_byte_leads = "".join(ch for ch, byte in cp1252.items() if 0xC2 <= byte <= 0xDF)
    parts.append(f"[{re.escape(two_byte_leads)}] ")
    return re.compile("|".join(parts))


def _line_runs(
    line: str, tokens: list[tuple[int, int, str]], encoding: str
) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, affected count) for the runs of one line read in one encoding."""
    judged = []
    for start, end, token in tokens:
        if token.isascii():
            judged.append((start, end, _NEUTRAL))
            continue
        space_after = encoding == UTF8_AS_CP1252 and line[end : end + 1] == " "
        kind, head, tail = _judge(token, encoding, space_after)
        judged.append((start + head, start + tail, kind))
    if sum(1 for _, _, kind in judged if kind == _AFFECTED) < _SEEDS_NEEDED[encoding]:
        return
    run: list[tuple[int, int, int]] = []
    gap = 0
    for start, end, kind in [*judged, (len(line), len(line), _BREAK)]:
        if kind == _NEUTRAL and gap < _MAX_ASCII_GAP:
            gap += 1
            if run:
                run.append((start, end, kind))
            continue
        if kind in (_AFFECTED, _AMBIGUOUS):
            gap = 0
            run.append((start, end, kind))
            continue
        while run and run[-1][2] == _NEUTRAL:
            run.pop()
        affected = sum(1 for item in run if item[2] == _AFFECTED)
        if affected >= _SEEDS_NEEDED[encoding]:
            yield run[0][0], run[-1][1], affected
        run, gap = [], 0


def _convert(text: str, start: int, end: int, encoding: str) -> str | None:
    """Decode a run in context; None unless every letter comes out Vietnamese."""
    span = text[start:end]
    if encoding == TCVN3:
        before = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
        converted = _decode_tcvn3(span, sentence_start=not before or before[-1] in _SENTENCE_END)
    elif encoding == VNI:
        converted = decode_vni(span)
    else:
        converted = None
        if text[end : end + 1] == " ":
            converted = fix_utf8_mojibake(span + _NBSP)
        converted = converted or fix_utf8_mojibake(span)
    if converted is None:
        return None
    letters_ok = all(ch in VIETNAMESE_LETTERS for ch in converted if ch.isalpha())
    return unicodedata.normalize("NFC", converted) if letters_ok else None


def _mojibake_source(span: str) -> str:
    """Name the codepage a mojibake span went through (Windows-1252 unless Mac Roman fits)."""
    repaired = _fix_mojibake(span)
    return UTF8_AS_CP1252 if repaired is None else repaired[1]


def _candidate_runs(text: str) -> Iterator[tuple[int, LegacyRun]]:
    """Yield (evidence, run) for every encoding, before overlaps are resolved."""
    line_start = 0
    for line in text.split("\n"):
        if not line.isascii():
            words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
            for encoding in (TCVN3, VNI, UTF8_AS_CP1252):
                tokens = words
                if encoding == UTF8_AS_CP1252:
                    if not _mojibake_hint().search(line):
                        continue
                    tokens = [
                        (m.start(), m.end(), m.group()) for m in _MOJIBAKE_TOKEN.finditer(line)
                    ]
                for start, end, affected in _line_runs(line, tokens, encoding):
                    begin, finish = line_start + start, line_start + end
                    original = text[begin:finish]
                    name = _mojibake_source(original) if encoding == UTF8_AS_CP1252 else encoding
                    converted = _convert(text, begin, finish, encoding)
                    yield affected, LegacyRun(begin, finish, name, original, converted)
        line_start += len(line) + 1


def find_legacy_runs(text: str) -> list[LegacyRun]:
    """Find spans of TCVN3, VNI or UTF-8 mojibake text inside mostly-Unicode text."""
    if _surely_unicode(text):
        return []
    chosen: list[LegacyRun] = []
    for _, run in sorted(_candidate_runs(text), key=lambda item: -item[0]):
        if all(run.end <= other.start or other.end <= run.start for other in chosen):
            chosen.append(run)
    return sorted(chosen, key=lambda run: run.start)


# Tokens that no reading makes affected (`_never_affected`), remembered process-wide: the tokens
# of ordinary articles come back, and a document's new ones are found with a set difference.
_UNAFFECTED: set[str] = set()
_UNAFFECTED_LIMIT = 1 << 16  # then the set starts afresh, to keep a long audit's footprint bounded


def _surely_unicode(text: str) -> bool:
    """Tell, without reading it line by line, that text holds no legacy run (True), or leave it
    to the search (False).

    A run needs affected tokens on its line (`_line_runs`: two in TCVN3 or VNI, one in UTF-8
    mojibake), and a token is judged on its own (`_judge`): so when no token of the text is
    affected in any of the three readings, no line has a run. The tokens are those of every
    line, NBSP-joined ones too (`_MOJIBAKE_TOKEN`), whatever the line; mojibake tokens are
    judged as if a space followed them, which only adds ways to be affected. Ordinary Unicode
    text passes, mostly on tokens already cleared.
    """
    tokens = set(_TOKEN.findall(text))
    if _NBSP in text:
        tokens.update(_MOJIBAKE_TOKEN.findall(text))
    new = tokens.difference(_UNAFFECTED)
    if len(_UNAFFECTED) + len(new) > _UNAFFECTED_LIMIT:
        _UNAFFECTED.clear()
    for token in new:
        if not _never_affected(token):
            return False
        _UNAFFECTED.add(token)
    return True


def _never_affected(token: str) -> bool:
    """Tell whether a token is affected in no reading (TCVN3, VNI, mojibake before a space).

    ASCII tokens are never judged. A token is affected in none when what `_judge` classifies
    of it, the token and its core without edge punctuation, holds a letter no reading spells
    (`_unspelled`: "người", "Việt"), or when it is a valid Vietnamese word (not garbled as it
    stands, and without edge punctuation to strip).
    """
    if token.isascii() or _unspelled().search(token.strip(_EDGE_PUNCTUATION)):
        return True
    if _valid_word(token):
        return True
    return all(
        _judge(token, encoding, encoding == UTF8_AS_CP1252)[0] != _AFFECTED
        for encoding in (TCVN3, VNI, UTF8_AS_CP1252)
    )


@cache
def _unspelled() -> re.Pattern[str]:
    """Return a pattern of the Vietnamese letters that no reading spells: beyond Latin-1 (so
    neither TCVN3 nor VNI), and in neither Windows-1252 nor Mac Roman (so no mojibake): "ư",
    "ơ", "đ", "ạ"... `_classify` breaks on them in every reading."""
    cp1252, mac_roman = _byte_maps()
    letters = sorted(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)
    return re.compile(f"[{''.join(c for c in letters if c not in cp1252 and c not in mac_roman)}]")


def _bytes_as_cp1252(data: bytes) -> str:
    """Show bytes the way a Windows-1252 reader would, undefined bytes as C1 controls."""
    return "".join(_cp1252_char(byte) for byte in data)


_WORD = re.compile(r"[^\W\d_]+")


def _vietnamese_score(text: str) -> tuple[float, int]:
    """Return the share of non-ASCII words that are valid syllables, and how many there are."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    if not words:
        return 0.0, 0
    valid = sum(1 for word in words if _valid_word(word))
    return valid / len(words), valid


_SNIFFERS: dict[str, Callable[[bytes], str]] = {
    TCVN3: lambda data: decode_tcvn3(_bytes_as_cp1252(data)),
    VNI: lambda data: decode_vni(_bytes_as_cp1252(data)),
    WINDOWS_1258: lambda data: data.decode("cp1258", errors="replace"),
}


def sniff_bytes(data: bytes) -> str | None:
    """Guess the legacy encoding (TCVN3, VNI, Windows-1258) of bytes that are not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    ranked = sorted(
        ((_vietnamese_score(decode(data)), name) for name, decode in _SNIFFERS.items()),
        reverse=True,
    )
    (share, valid), name = ranked[0]
    if share < 0.8 or valid < 2:
        return None
    # Short texts can read well in two encodings ("nhân" is "nhõn" in TCVN3): then say nothing.
    if share - ranked[1][0][0] < 0.05:
        return None
    return name
