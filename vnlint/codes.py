"""Parse document codes (số và ký hiệu) and dates into parts with spans; canonicalize them.

Pure functions, no rule logic: a permissive scan finds candidates (`24 – QĐ / TW`, `30/2020/NÐ-CP`),
the tables of document types and issuers decide which candidates are codes at all, and each code
knows its canonical form and what keeps it from being canonical. The kinds in
`vnlint/kinds/codes.py` decide what to report.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

PARTY = "party"
STATE = "state"

# Problems that keep a code from its canonical form.
SPACING = "spacing"  # whitespace inside the code: "24 – QĐ / TW"
DASH = "dash"  # a dash or slash other than U+002D / U+002F: "24–QĐ/TW"
LOOKALIKE = "lookalike"  # Eth or Cyrillic letters: "NÐ-CP", "BTС"
LATIN_D = "latin-d"  # D where the code needs Đ: "ND-CP", "QD-TTg"
TELEX = "telex"  # "DD" left by Telex typing for Đ: "QDD-TTg"
CASE = "case"  # "nđ-cp", "QĐ-TTG", "QĐ-Ttg"
VARIANT = "variant"  # a wrong spelling of an issuer: "29-NQ/TƯ"
OLD_SPELLING = "old-spelling"  # an issuer's former spelling: "BGD&ĐT" (a warning at most)
MISSING_HYPHEN = "missing-hyphen"  # "24 QĐ/TW"
REGIME = "regime"  # a Party code written State-style or the reverse: "519/QĐ-UBKTTW"
PARTY_YEAR = "party-year"  # a year inside a Party code: "24/2021/QĐ-TW", "24-QĐ/TW/2021"
MISPLACED_YEAR = "misplaced-year"  # the year after the symbol: "30/NĐ-CP/2020"
SWAPPED = "swapped"  # issuer and type swapped in a Party code: "24-TW/QĐ"
DIGIT_LETTER = "digit-letter"  # a letter for a digit in the number or year: "3O/2020/NĐ-CP"

_SPACE = " \u00a0\u202f\u200b"
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_SLASHES = "/\uff0f\u2215\u2044"
_MAX_SPACES = 2

# Letters that look like Latin capitals: Eth for Đ (Latin-1 misreadings), Cyrillic and Greek.
_LOOKALIKES = str.maketrans(
    {
        "Ð": "Đ",
        "ð": "đ",
        "Ɖ": "Đ",
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "Н": "H",
        "К": "K",
        "М": "M",
        "О": "O",
        "Р": "P",
        "Т": "T",
        "Х": "X",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Η": "H",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Χ": "X",
    }
)


def _lazy(pattern: str) -> Callable[[], re.Pattern[str]]:
    """Return a function that compiles a pattern when first called, then returns it again.

    Most patterns here are only needed where an article has a code's slash and letter, or a
    date of their shape (most articles have neither): compiling them all at import cost every
    one-file run 2 ms. The values of `_SLASH_LETTER_RES` and `_NGAY_DATE_RES` are such
    functions too.
    """
    return cache(lambda: re.compile(pattern))


# A number starts a candidate when nothing code- or number-like is glued before it: not the
# "5" of "1.232,10/oz", the "2015" of "QCVN 10-MT:2015/BTNMT" or the "05" of "29/05/2017".
# The look-behind comes after the first digit (as in `_date_re`): the engine skips ahead to digits.
# The look-ahead asks for what `_scan` reads first, a slash or a hyphen after at most two
# spaces, or a letter after one or two spaces: other numbers ("120.000 đồng/kg") are no
# candidates. It changes no number it accepts: a shorter one is followed by a digit or a letter.
_start_re = _lazy(
    r"\d(?<![\w/.,:&\-\u2010-\u2015\u2212]\d)\d{0,4}[a-z]?"
    rf"(?=[{_SPACE}]{{0,{_MAX_SPACES}}}[{re.escape(_SLASHES + _HYPHENS)}]"
    rf"|[{_SPACE}]{{1,{_MAX_SPACES}}}[^\W\d_])"
)
# A number typed with the letter O for 0 or l / I for 1 ("3O/2020", "l5/2020"): a digit and a
# confusable letter, then a separator.
_confused_start_re = _lazy(
    r"(?<![\w/.,:&\-\u2010-\u2015\u2212])(?=[\dOlI]*\d)(?=\d*[OlI])[\dOlI]{2,5}"
    r"(?=[ \u00a0\u202f\u200b]{0,2}[/\uff0f\u2215\u2044\-\u2010-\u2015\u2212\ufe63\uff0d])"
)
_confused_year_re = _lazy(r"(?=\d*[OlI])(?:19|2[0O])[\dOlI]{2}(?![\w])")
_DIGITS_FOR = str.maketrans({"O": "0", "l": "1", "I": "1"})
_group_re = _lazy(r"[^\W\d_](?:[^\W_]|&)*")
_code_like_re = _lazy(r"[A-ZĐ][A-ZĐ&]*\d*")
_mixed_case_re = _lazy(r"[A-ZĐ](?=[a-zđ]*[A-ZĐ])[A-Za-zĐđ]{1,9}")
_year_re = _lazy(r"(?:19[4-9]\d|20\d\d)(?!\d)")
# "số" before a code, and its misspellings ("só", "sô", "sồ"), optionally with a colon.
_so_re = _lazy(r"(?<![^\W\d_])([Ss][ốóôồ])[ \u00a0]*:?[ \u00a0]*$")
_date_after_re = _lazy(
    r"^[ \u00a0]*,?[ \u00a0]*(?:ban hành |ký )?ngày[ \u00a0]+\d{1,2}"
    r"(?:[/.\-]\d{1,2}[/.\-]|[ \u00a0]+tháng[ \u00a0]+\d{1,2}[ \u00a0]+năm[ \u00a0]+)(\d{4})"
)


# The records of this module are NamedTuples: immutable and compared by value, as frozen
# dataclasses are, and several times cheaper to define. A dataclass generates and compiles its
# methods when the module is imported, about 0.3 ms a class, which every one-file run pays.
# `Tables` caches derived values (`cached_property`) and stays a dataclass.
class Entry(NamedTuple):
    """One abbreviation of a table: a document type or an issuer."""

    code: str
    words: tuple[str, ...] = ()
    name: str = ""
    numbered: bool = False
    variants: tuple[str, ...] = ()
    old_spellings: tuple[str, ...] = ()
    valid_from: int | None = None
    valid_to: int | None = None

    def valid_in(self, year: int | None) -> bool:
        """Tell whether the abbreviation was in use in `year` (always, when the year is unknown)."""
        if year is None:
            return True
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_to is None or year <= self.valid_to
        )


@dataclass(frozen=True)
class Tables:
    """The document-type and issuer tables, per regime ("state", "party")."""

    types: Mapping[str, Mapping[str, Entry]]  # regime -> code -> entry
    issuers: Mapping[str, Mapping[str, Entry]]
    generic_words: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, types: Mapping[str, object], issuers: Mapping[str, object]) -> Tables:
        """Build the tables from the TOML data of `document-types` and `issuers`."""
        generic = types.get("generic-words", [])
        return cls(
            types={r: _entries(types.get(r, [])) for r in (STATE, PARTY)},
            issuers={r: _entries(issuers.get(r, [])) for r in (STATE, PARTY)},
            generic_words=tuple(str(w) for w in generic) if isinstance(generic, list) else (),
        )

    def type_entry(self, code: str, regime: str) -> Entry | None:
        """Return the entry of a canonical type code in a regime."""
        return self.types[regime].get(code)

    def issuer_entry(self, code: str) -> tuple[str, Entry] | None:
        """Return (regime, entry) of a canonical issuer (its term digits stripped), State first."""
        base = code.rstrip("0123456789")
        for regime in (STATE, PARTY):
            entry = self.issuers[regime].get(base)
            if entry is not None and (base == code or entry.numbered):
                return regime, entry
        return None

    @cached_property
    def all_types(self) -> frozenset[str]:
        """Return every type code of either regime."""
        return frozenset(self.types[STATE]) | frozenset(self.types[PARTY])

    @cached_property
    def all_issuers(self) -> frozenset[str]:
        """Return every issuer code of either regime."""
        return frozenset(self.issuers[STATE]) | frozenset(self.issuers[PARTY])

    @cached_property
    def numbered_issuers(self) -> frozenset[str]:
        """Return the issuers followed by a term number (QH, UBTVQH, HĐNN)."""
        return frozenset(
            e.code for regime in (STATE, PARTY) for e in self.issuers[regime].values() if e.numbered
        )

    @cached_property
    def type_word_re(self) -> re.Pattern[str]:
        """Match a type word, then optionally "số", at the end of a window of text."""
        words = sorted(type_words(self), key=len, reverse=True)
        alternatives = "|".join(re.escape(w) for w in words)
        return re.compile(
            rf"(?<![^\W\d_])({alternatives})[ \u00a0]+(?:[Ss][ốóôồ][ \u00a0]*:?[ \u00a0]*)?$",
            re.IGNORECASE,
        )

    def resolve_type(self, raw: str) -> tuple[str, frozenset[str]] | None:
        """Map a written group to a type code of either regime, with the problems the mapping
        fixes (`_resolve`, remembered)."""
        return self._resolution(raw, False)

    def resolve_issuer(self, raw: str) -> tuple[str, frozenset[str]] | None:
        """Map a written group to an issuer, its variants and term numbers allowed, with the
        problems the mapping fixes (`_resolve`, remembered)."""
        return self._resolution(raw, True)

    @cached_property
    def _resolutions(self) -> dict[tuple[str, bool], tuple[str, frozenset[str]] | None]:
        """Return the groups resolved so far (keyed by text and role), for `_resolution`."""
        return {}

    def _resolution(self, raw: str, issuer: bool) -> tuple[str, frozenset[str]] | None:
        """Resolve a group as a type or an issuer, once per process: the same few groups ("TT",
        "QĐ", "km") come back in article after article of an archive, and each resolution tries
        several spellings. The results are immutable; the memory is bounded, as in a long audit
        the set of groups seen keeps growing."""
        key = (raw, issuer)
        memory = self._resolutions
        if key in memory:
            return memory[key]
        if len(memory) >= _RESOLUTIONS_LIMIT:
            memory.clear()
        if issuer:
            found = _resolve(raw, self.all_issuers, self.issuer_variants, self.numbered_issuers)
        else:
            found = _resolve(raw, self.all_types)
        memory[key] = found
        return found

    @cached_property
    def issuer_variants(self) -> Mapping[str, tuple[str, str]]:
        """Map each wrong or former issuer spelling to its canonical code and its problem."""
        out: dict[str, tuple[str, str]] = {}
        for regime in (STATE, PARTY):
            for e in self.issuers[regime].values():
                out.update({v: (e.code, VARIANT) for v in e.variants})
                out.update({v: (e.code, OLD_SPELLING) for v in e.old_spellings})
        return out


# How many resolved groups `Tables` remembers before it starts afresh.
_RESOLUTIONS_LIMIT = 1 << 14


def _entries(raw: object) -> dict[str, Entry]:
    """Read a TOML array of tables into entries keyed by code."""
    out: dict[str, Entry] = {}
    if not isinstance(raw, list):
        return out
    for item in raw:
        if not isinstance(item, dict):
            continue
        entry = Entry(
            code=str(item["code"]),
            words=tuple(item.get("words", ())),
            name=str(item.get("name", "")),
            numbered=bool(item.get("numbered", False)),
            variants=tuple(item.get("variants", ())),
            old_spellings=tuple(item.get("old_spellings", ())),
            valid_from=item.get("valid_from"),
            valid_to=item.get("valid_to"),
        )
        out[entry.code] = entry
    return out


@cache
def default_tables() -> Tables:
    """Load (once per process) the shipped tables from `rules/_data/`."""
    from vnlint.rules import load_table  # lazily: vnlint.rules imports the kinds, which import us

    return Tables.from_data(load_table("document-types"), load_table("issuers"))


class Part(NamedTuple):
    """One piece of a code as written: its span, its text, and its canonical text."""

    start: int
    end: int
    text: str
    canonical: str
    known: bool = False


class DocumentCode(NamedTuple):
    """A document code found in a text, parsed.

    `type` is None for a State công văn (`05/BNV-VP`) and for Quốc hội codes (`59/2020/QH14`).
    `canonical` is None when no single canonical form can be rebuilt (a year in a Party code).
    """

    start: int
    end: int
    text: str
    regime: str  # what the code is: "party" or "state" (after a regime fix, the fixed one)
    number: Part
    year: Part | None
    type: Part | None
    issuer: Part
    units: tuple[Part, ...]
    canonical: str | None
    problems: frozenset[str]
    so: tuple[int, int] | None = None  # the "số" (or its misspelling) written before the code
    date_year: int | None = None  # the year of the date cited right after the code
    historical: bool = False  # may keep a pre-2000 shape ("45-LCT/HĐNN8", "05-CP")

    @property
    def identity(self) -> tuple[int, str, str | None, str, str]:
        """Return what names the document whatever its spelling: number, year, type, issuer."""
        digits = re.sub(r"\D", "", self.number.canonical)
        suffix = self.number.canonical[len(digits) :]
        return (
            int(digits) if digits else 0,
            suffix + (self.year.canonical if self.year else ""),
            self.type.canonical.casefold() if self.type else None,
            self.issuer.canonical.casefold(),
            "-".join(u.canonical.casefold() for u in self.units),
        )

    @property
    def malformed(self) -> bool:
        """Tell whether the code differs from its canonical form."""
        return bool(self.problems)


class _Token(NamedTuple):
    """A run of the text: a number, a separator with its spaces, or a letter group."""

    start: int
    end: int
    text: str


class _Scan(NamedTuple):
    """The raw pieces of a candidate: number, separators and groups with their spans."""

    number: _Token
    shape: str  # "party", "state" or "spaced-party" (number, space, type: "24 QĐ/TW")
    year: _Token | None
    groups: tuple[_Token, ...]
    separators: tuple[_Token, ...] = ()

    @property
    def end(self) -> int:
        """Return where the candidate ends: after its last group."""
        return self.groups[-1].end


# Every code has a slash followed (after at most two spaces) by a letter group: the issuer or
# the type. Most articles have none, and the numbers worth scanning stand just before one.
# One pattern per slash: opening on a literal character, a pattern is scanned far faster than
# one opening on a class of them (and most articles hold none of the rarer slashes).
_SLASH_LETTER_RES = {
    slash: _lazy(re.escape(slash) + r"[ \u00a0\u202f\u200b]{0,2}[^\W\d_]") for slash in _SLASHES
}
# Room for a number (five digits and a letter) and a separator with its spaces ("24 – ").
_BEFORE_GROUP = 16
# How far past its first character a match of `_start_re` reads: five digits, a letter, two
# spaces and a character; `_confused_start_re` reads less (five characters, two spaces and a
# separator: its look-ahead for a digit cannot run past the match, which a space or separator
# ends). A scan for numbers starting up to some offset can stop that far after it.
_START_REACH = 9


def find_codes(text: str, tables: Tables | None = None) -> list[DocumentCode]:
    """Return every document code in the text, in order, with its parts and canonical form."""
    windows = _code_windows(text)
    if not windows:
        return []  # most articles: no slash before a letter, so no code
    tables = tables or default_tables()
    known = tables.all_types | tables.all_issuers
    out: list[DocumentCode] = []
    last_end = 0
    for begin, end in windows:
        for start, num_end in _number_starts(text, begin, end):
            if start < last_end:
                continue
            scan = _scan(text, start, num_end, known)
            if scan is None:
                continue
            code = _judge(text, scan, tables)
            if code is None:
                continue
            out.append(code)
            last_end = code.end
    return out


def _number_starts(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Return (start, end) of each number that may open a code between two offsets, in order,
    those typed with a letter for a digit ("3O", "l5") among them."""
    out = []
    # Bounded: the numbers starting after `end` are not wanted, and without a bound the scan
    # would go on to the next one, however far.
    for m in _start_re().finditer(text, begin, end + _START_REACH + 1):
        if m.start() > end:
            break
        out.append(m.span())
    window = text[begin:end]
    if "O" in window or "l" in window or "I" in window:
        # Bounded too: "l" and "I" are common letters, and an unbounded scan for a pattern that
        # opens on look-arounds would read the rest of the text for every such window.
        for m in _confused_start_re().finditer(text, begin, end + _START_REACH + 1):
            if m.start() > end:
                break
            out.append(m.span())
        out.sort()
    return out


def _code_windows(text: str) -> list[tuple[int, int]]:
    """Return the stretches where a code's number may start: just before a slash and a letter.

    The number is at most a separator away from the group or year written before that slash
    ("24-QĐ/TW", "30/2020/NĐ-CP", "15/QĐ-BNV"), whatever the group's length.
    """
    windows: list[tuple[int, int]] = []
    # A match holds one slash: the matches of the patterns of each slash never overlap, and
    # sorted they are those one pattern for every slash would find (in order already when the
    # text holds one kind of slash, as it nearly always does).
    patterns = [p() for slash, p in _SLASH_LETTER_RES.items() if slash in text]
    slashes = [m.start() for pattern in patterns for m in pattern.finditer(text)]
    if len(patterns) > 1:
        slashes.sort()
    for slash in slashes:
        begin = max(0, _group_start(text, slash) - _BEFORE_GROUP)
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], slash)
        else:
            windows.append((begin, slash))
    return windows


def _group_start(text: str, slash: int) -> int:
    """Walk back from a slash over up to two spaces and a run of word characters (a long group)."""
    i = slash
    spaces = 0
    while i > 0 and text[i - 1] in _SPACE and spaces < _MAX_SPACES:
        i -= 1
        spaces += 1
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_&"):
        i -= 1
    return i


def _skip_spaces(text: str, i: int) -> int:
    """Skip up to `_MAX_SPACES` spaces; more than that is a gap between words, not a slip."""
    j = i
    while j < len(text) and text[j] in _SPACE and j - i < _MAX_SPACES + 1:
        j += 1
    return j if j - i <= _MAX_SPACES else i


def _separator(text: str, i: int, chars: str) -> _Token | None:
    """Read spaces, one separator among `chars`, spaces; return the whole run."""
    j = _skip_spaces(text, i)
    if j >= len(text) or text[j] not in chars:
        return None
    k = _skip_spaces(text, j + 1)
    return _Token(i, k, text[i:k])


def _group(text: str, i: int) -> _Token | None:
    """Read a letter group (`QĐ`, `BGD&ĐT`, `UBTVQH14`) at `i`."""
    m = _group_re().match(text, i)
    return _Token(m.start(), m.end(), m.group()) if m else None


def _scan(text: str, start: int, num_end: int, known: frozenset[str]) -> _Scan | None:
    """Read one candidate from the number at `start`, permissively (spaces, odd dashes)."""
    number = _Token(start, num_end, text[start:num_end])
    slash = _separator(text, num_end, _SLASHES)
    if slash is not None:
        year = None
        seps = [slash]
        pos = slash.end
        y = _year_re().match(text, pos) or _confused_year_re().match(text, pos)
        if y:
            after = _separator(text, y.end(), _SLASHES)
            if after is None:
                return None  # "5/2017": a date or a ratio, not a code
            year = _Token(y.start(), y.end(), y.group())
            seps.append(after)
            pos = after.end
        first = _group(text, pos)
        if first is None:
            return None
        groups = [first]
        _more_groups(text, groups, seps, known)
        return _Scan(number, STATE, year, tuple(groups), tuple(seps))
    dash = _separator(text, num_end, _HYPHENS)
    if dash is not None and _year_re().match(text, dash.end):
        # "19-2017/NQ-CP" is how the Government itself numbered its yearly resolutions 19
        # (2016-2018): a real, if odd, symbol, not a slip to correct.
        return None
    shape = PARTY
    if dash is None:
        # "24 QĐ/TW": the hyphen is missing; judged strictly later.
        spaces = _skip_spaces(text, num_end)
        if spaces == num_end:
            return None
        dash = _Token(num_end, spaces, text[num_end:spaces])
        shape = "spaced-party"
    kind = _group(text, dash.end)
    if kind is None:
        return None
    slash = _separator(text, kind.end, _SLASHES)
    if slash is None:
        return None
    issuer = _group(text, slash.end)
    if issuer is None:
        return None
    groups = [kind, issuer]
    seps = [dash, slash]
    _more_groups(text, groups, seps, known)
    return _Scan(number, shape, None, tuple(groups), tuple(seps))


def _more_groups(
    text: str, groups: list[_Token], seps: list[_Token], known: frozenset[str]
) -> None:
    """Extend the groups over further hyphenated parts (`-VPCP`, `– GDMN`), conservatively."""
    while True:
        dash = _separator(text, groups[-1].end, _HYPHENS)
        if dash is None:
            return
        group = _group(text, dash.end)
        if group is None:
            return
        # A unit joined by a plain hyphen may be mixed case ("BKHĐT-Th", "CV-HoREA"); joined any
        # other way it must look like a code ("QĐ- TTg", "BTC – TTr"), or "2015/BTNMT - Quy
        # chuẩn" would swallow prose.
        if dash.text != "-" and not (group.text in known or _code_like(group.text)):
            return
        groups.append(group)
        seps.append(dash)


def _variants(raw: str) -> Iterator[tuple[str, frozenset[str]]]:
    """Yield spellings a group may stand for, least changed first, with what each change fixes."""
    folded = raw.translate(_LOOKALIKES)
    base = frozenset({LOOKALIKE}) if folded != raw else frozenset()
    yield folded, base
    if "DD" in folded.upper():
        yield re.sub("DD", "Đ", folded, flags=re.IGNORECASE), base | {TELEX}
    positions = [i for i, c in enumerate(folded) if c in "Dd"]
    if 0 < len(positions) <= 3:
        for n in range(1, len(positions) + 1):
            for chosen in itertools.combinations(positions, n):
                chars = list(folded)
                for i in chosen:
                    chars[i] = "Đ" if chars[i] == "D" else "đ"
                yield "".join(chars), base | {LATIN_D}


def _resolve(
    raw: str,
    known: frozenset[str],
    variants: Mapping[str, tuple[str, str]] | None = None,
    numbered: frozenset[str] = frozenset(),
) -> tuple[str, frozenset[str]] | None:
    """Map a written group to a known code, with the problems the mapping fixes."""
    variants = variants or {}
    digits = raw[len(raw.rstrip("0123456789")) :]
    stem = raw[: len(raw) - len(digits)] if digits else raw
    if digits:
        # Only a legislature takes a term number, of one or two digits (QH14, UBTVQH15): "TT2"
        # is no code, and "QH2013" is no term.
        if len(digits) > 2:
            return None
        known = numbered
    exact: list[tuple[str, frozenset[str]]] = []
    folded_case: list[tuple[str, frozenset[str]]] = []
    for spelling, problems in _variants(stem):
        if spelling in known:
            exact.append((spelling, problems))
        elif spelling in variants:
            code, problem = variants[spelling]
            exact.append((code, problems | {problem}))
        else:
            matches = set(_by_casefold(known).get(spelling.casefold(), ()))
            if len(matches) == 1:
                folded_case.append((matches.pop(), problems | {CASE}))
    for found in (exact, folded_case):
        if found:
            best = min(found, key=lambda f: len(f[1]))
            if len({f[0] for f in found if len(f[1]) == len(best[1])}) > 1:
                return None  # two readings are equally likely: do not guess
            return best[0] + digits, best[1]
    return None


@lru_cache(maxsize=32)
def _by_casefold(known: frozenset[str]) -> Mapping[str, tuple[str, ...]]:
    """Index codes by their casefolded spelling (`_resolve` matches a group in any case)."""
    index: dict[str, list[str]] = defaultdict(list)
    for code in known:
        index[code.casefold()].append(code)
    return {k: tuple(v) for k, v in index.items()}


def _part(token: _Token, canonical: str, known: bool) -> Part:
    """Turn a scanned token into a part of a code."""
    return Part(token.start, token.end, token.text, canonical, known)


def _code_like(raw: str) -> bool:
    """Tell whether a group looks like an abbreviation: capitals, `&`, trailing digits."""
    return bool(_code_like_re().fullmatch(raw.translate(_LOOKALIKES)))


def _judge(text: str, scan: _Scan, tables: Tables) -> DocumentCode | None:
    """Decide whether a candidate is a document code, and build it; None when it is not."""
    types = tables.all_types
    groups = scan.groups
    problems: set[str] = set()
    type_part: Part | None
    if scan.shape == STATE:
        first = tables.resolve_type(groups[0].text)
        as_issuer = tables.resolve_issuer(groups[0].text)
        if first is not None and len(groups) >= 2:
            type_part = _part(groups[0], first[0], True)
            problems |= first[1]
            issuer_token, unit_tokens = groups[1], groups[2:]
        elif as_issuer is not None and (len(groups) >= 2 or as_issuer[0][-1].isdigit()):
            type_part = None  # a công văn (05/BNV-VP) or a Quốc hội code (59/2020/QH14)
            issuer_token, unit_tokens = groups[0], groups[1:]
        elif len(groups) >= 2 and _code_like(groups[0].text):
            second = tables.resolve_issuer(groups[1].text)
            if second is not None:
                type_part = _part(groups[0], groups[0].text.translate(_LOOKALIKES), False)
                issuer_token, unit_tokens = groups[1], groups[2:]
            elif _cued(text, scan.number.start, tables) and all(_code_like(g.text) for g in groups):
                # "Công văn số 3673/SXD-QLN": a công văn of a body no table lists.
                type_part = None
                issuer_token, unit_tokens = groups[0], groups[1:]
            else:
                return None  # "9/US-VN": nothing here is known
        else:
            return None
    else:
        kind = tables.resolve_type(groups[0].text)
        swapped = _swapped(text, scan, tables) if kind is None else None
        if swapped is not None:
            # "24-TW/QĐ": the type sits in the issuer's slot; the parts trade places below.
            type_token, issuer_token = groups[1], groups[0]
            type_part = Part(type_token.start, type_token.end, type_token.text, swapped[0], True)
            problems |= swapped[1] | {SWAPPED}
            unit_tokens = groups[2:]
        elif kind is None:
            second = tables.resolve_issuer(groups[1].text)
            if scan.shape != PARTY or second is None or not _code_like(groups[0].text):
                return None  # "5 - Jacob/ Poseidon", "45-LCT/HĐNN8" without a known part
            type_part = _part(groups[0], groups[0].text.translate(_LOOKALIKES), False)
            issuer_token, unit_tokens = groups[1], groups[2:]
        else:
            type_part = _part(groups[0], kind[0], True)
            problems |= kind[1]
            issuer_token, unit_tokens = groups[1], groups[2:]
    resolved = tables.resolve_issuer(issuer_token.text)
    if resolved is not None:
        issuer = _part(issuer_token, resolved[0], True)
        problems |= resolved[1]
    elif _code_like(issuer_token.text) or (
        # A mixed-case body of ASCII letters ("HoREA"), not a word glued on ("CPngày").
        not unit_tokens and _mixed_case_re().fullmatch(issuer_token.text)
    ):
        issuer = _part(issuer_token, issuer_token.text.translate(_LOOKALIKES), False)
        if issuer.canonical != issuer.text:
            problems.add(LOOKALIKE)
    else:
        return None
    units = tuple(_unit(t, problems) for t in unit_tokens)
    # Lowercase codes ("nđ-cp") and missing hyphens ("24 QĐ/TW") are only believed after "số" or
    # a type word: elsewhere they are prose ("32-bit", "2 QĐ/TW mới").
    so = _so_before(text, scan.number.start)
    cued = so is not None or _cued(text, scan.number.start, tables)
    if CASE in problems and not cued and (type_part is None or type_part.text not in types):
        return None
    if scan.shape == "spaced-party":
        # Only a Party type before a Party issuer: "5360 CĐ/BCT-PCTT" is no Party code.
        party_type = type_part is not None and type_part.canonical in tables.types[PARTY]
        owner = tables.issuer_entry(issuer.canonical) if issuer.known else None
        if not cued or not party_type or owner is None or owner[0] != PARTY:
            return None
        problems.add(MISSING_HYPHEN)
    for sep in scan.separators:
        stripped = "".join(c for c in sep.text if c not in _SPACE)
        if stripped != sep.text:
            problems.add(SPACING)
        if stripped and stripped not in "-/":
            problems.add(DASH)
    regime = PARTY if scan.shape != STATE else STATE
    number = _part(scan.number, scan.number.text.translate(_DIGITS_FOR), True)
    year = _part(scan.year, scan.year.text.translate(_DIGITS_FOR), True) if scan.year else None
    if number.canonical != number.text or (year is not None and year.canonical != year.text):
        if not cued:
            return None  # "3O/..." is only a code typed with letters after "số" or a type word
        problems.add(DIGIT_LETTER)
    end = scan.end
    trailing = _trailing_year_re().match(text, end) if year is None and not unit_tokens else None
    if trailing is not None and regime == STATE and (type_part is None or not type_part.known):
        trailing = None  # a công văn ("05/BNV-VP") never has a year
    if trailing is not None and regime == STATE:
        # "30/NĐ-CP/2020": the year written after the symbol.
        year = Part(trailing.start(1), trailing.end(1), trailing[1], trailing[1], True)
        problems.add(MISPLACED_YEAR)
        end = trailing.end()
    date_year = _date_year_after(text, end)
    owner = tables.issuer_entry(issuer.canonical) if issuer.known else None
    canonical: str | None
    historical = _historical(regime, year, date_year, owner)
    switch = (
        owner is not None
        and owner[0] != regime
        and type_part is not None
        # "Công điện số 17/CĐ-TW" (Ban Chỉ đạo Trung ương): CĐ is no Party type.
        and type_part.canonical in tables.types[owner[0]]
        and not historical
    )
    if switch and owner is not None:
        problems.add(REGIME)
        if owner[0] == PARTY and year is not None:
            problems.add(PARTY_YEAR)
            canonical = None
        else:
            canonical = _render(owner[0], number, year, type_part, issuer, units)
        regime = owner[0]
    elif trailing is not None and regime == PARTY and type_part is not None:
        # "24-QĐ/TW/2021": Party symbols never hold a year, and which part is wrong is unknown.
        problems.add(PARTY_YEAR)
        canonical = None
        end = trailing.end()
    else:
        canonical = _render(regime, number, year, type_part, issuer, units)
    return DocumentCode(
        start=scan.number.start,
        end=end,
        text=text[scan.number.start : end],
        regime=regime,
        number=number,
        year=year,
        type=type_part,
        issuer=issuer,
        units=units,
        canonical=canonical,
        problems=frozenset(problems),
        so=so,
        date_year=date_year,
        historical=historical,
    )


# A year written after the symbol ("30/NĐ-CP/2020"), then nothing code-like.
_trailing_year_re = _lazy(
    r"[ \u00a0]?[/\uff0f\u2215\u2044][ \u00a0]?((?:19[4-9]\d|20\d\d))(?![\w/\-]|[.,]\d)"
)


def _swapped(text: str, scan: _Scan, tables: Tables) -> tuple[str, frozenset[str]] | None:
    """Read "24-TW/QĐ" (a Party issuer where the type goes, a Party type where the issuer goes):
    return the type's canonical code and the problems of its spelling, else None."""
    if scan.shape != PARTY or len(scan.groups) != 2:
        return None
    issuer = _resolve(scan.groups[0].text, frozenset(tables.issuers[PARTY]))
    kind = _resolve(scan.groups[1].text, frozenset(tables.types[PARTY]))
    if issuer is None or kind is None or issuer[1] or kind[1]:
        return None  # only exact spellings: a swap on top of other slips is a guess
    if tables.issuer_entry(kind[0]) is not None or kind[0] in tables.issuers[PARTY]:
        return None  # "CV" or "TT" may name a body too
    if type_word_before(text, scan.number.start, tables) is None:
        return None  # "số" alone is no cue here: "tỷ số 24-TW/QĐ"
    return kind[0], frozenset()


def _historical(
    regime: str, year: Part | None, date_year: int | None, owner: tuple[str, Entry] | None
) -> bool:
    """Tell whether a code may keep a pre-2000 shape, so that its regime is not judged."""
    if (year is not None and int(year.canonical) < 2000) or (
        date_year is not None and date_year < 2000
    ):
        return True
    if owner is None:
        return False
    if owner[1].valid_to is not None and owner[1].valid_to < 2000:
        return True  # "45-LCT/HĐNN8": the Hội đồng Nhà nước issued in the old shape only
    # State codes were hyphenated before about 2000 ("05-CP"), so a Party-shaped State code is
    # only wrong when a date says it is recent; a State-shaped Party code is always wrong.
    return owner[0] == STATE and regime == PARTY and year is None and date_year is None


def _unit(token: _Token, problems: set[str]) -> Part:
    """Keep a unit as written (units are open, and may be mixed case: "GDTrH"), lookalikes aside."""
    folded = token.text.translate(_LOOKALIKES)
    if folded != token.text:
        problems.add(LOOKALIKE)
    return _part(token, folded, False)


def _render(
    regime: str,
    number: Part,
    year: Part | None,
    type_part: Part | None,
    issuer: Part,
    units: Sequence[Part],
) -> str:
    """Write the canonical form: `24-QĐ/TW` (Party) or `30/2020/NĐ-CP` (State)."""
    tail = "".join(f"-{u.canonical}" for u in units)
    if regime == PARTY and type_part is not None and year is None:
        return f"{number.canonical}-{type_part.canonical}/{issuer.canonical}{tail}"
    head = f"{number.canonical}/{year.canonical}/" if year else f"{number.canonical}/"
    body = f"{type_part.canonical}-{issuer.canonical}" if type_part else issuer.canonical
    return head + body + tail


def _so_before(text: str, start: int) -> tuple[int, int] | None:
    """Return the span of "số" (or "só", "sô", "sồ") just before a code, if any."""
    window = text[max(0, start - 12) : start]
    m = _so_re().search(window)
    if m is None:
        return None
    offset = start - len(window)
    return offset + m.start(1), offset + m.end(1)


def _cued(text: str, start: int, tables: Tables) -> bool:
    """Tell whether "số" or a type word stands right before a code."""
    return _so_before(text, start) is not None or type_word_before(text, start, tables) is not None


def type_words(tables: Tables) -> tuple[str, ...]:
    """Return every type word of the tables (types, numbered issuers, generic words)."""
    words: set[str] = set(tables.generic_words)
    for regime in (STATE, PARTY):
        for entry in tables.types[regime].values():
            words.update(entry.words)
        for entry in tables.issuers[regime].values():
            words.update(entry.words)
    return tuple(sorted(words))


def type_word_before(text: str, start: int, tables: Tables) -> tuple[int, int, str] | None:
    """Return (start, end, word) of the type word right before a code ("Quyết định số 15/...")."""
    window = text[max(0, start - 40) : start]
    m = tables.type_word_re.search(window)
    if m is None:
        return None
    offset = start - len(window)
    return offset + m.start(1), offset + m.end(1), m.group(1)


def _date_year_after(text: str, end: int) -> int | None:
    """Return the year of the date cited right after a code (", ngày 30/7/2021"), if any."""
    m = _date_after_re().match(text[end : end + 48])
    return int(m.group(1)) if m else None


# -- dates ------------------------------------------------------------------------------------

# The lookbehinds come after the first character matched (`\d(?<![...]\d)` is "no [...] before
# the digit"), so that the regular expression engine can skip ahead to digits and to "ngày".
_date_re = _lazy(r"(\d(?<![\w/.,:\-\u2013]\d)\d?)([/.\-])(\d{1,2})\2(\d{4})(?![\w/\-]|[.,]\d)")
# "ngày d/m" (a short date) or "ngày d tháng m [năm y]" (a date in words); "ngày" in any case.
_NGAY_DATE_TAIL = (  # what follows "ngày"
    r"[ \u00a0]+(\d{1,2})"
    r"(?:(/)(\d{1,2})(?![\w/.\-]|[.,]\d)"
    r"|[ \u00a0]+tháng[ \u00a0]+(\d{1,2})(?:[ \u00a0]+năm[ \u00a0]+(\d{4}))?(?![\d/.\-]))"
)
_ngay_date_re = _lazy(r"[nN](?<![^\W\d_][nN])[gG][àÀ][yY]" + _NGAY_DATE_TAIL)
_ngay_before_re = _lazy(r"(?<![^\W\d_])(?i:ngày)[ \u00a0]+$")
# Scanning is what dates cost, and a pattern that opens on a literal character is scanned far
# faster than one opening on a class (`\d`, `[nN]`):
# - a d/m/yyyy date has its separator on both sides of the month, so its first separator is
#   where one of `_DATE_HINTS` matches: `_date_re` is only tried one and two characters (the
#   day's digits) before such a place (most articles hold none, and are not tried at all);
# - `_ngay_date_re` is searched as `_NGAY_DATE_RES`, opened on its "à" (a match then starts
#   there, but only its groups are read), one pattern per case of the letter.
_DATE_HINTS = tuple(re.compile(rf"{re.escape(s)}\d{{1,2}}{re.escape(s)}\d{{4}}") for s in "/.-")
_NGAY_DATE_RES = {
    a: _lazy(rf"{a}(?<=[nN][gG]{a})(?<![^\W\d_][nN][gG]{a})[yY]" + _NGAY_DATE_TAIL) for a in "àÀ"
}


class Date(NamedTuple):
    """A date written in a text: its span, parts, separator ("/", "-", "." or " tháng ")."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    separator: str
    after_ngay: bool

    @property
    def possible(self) -> bool:
        """Tell whether the day exists (29/2 needs a leap year; without a year it is allowed)."""
        if not 1 <= self.month <= 12 or self.day < 1:
            return False
        if self.year is None:
            return self.day <= (29 if self.month == 2 else _days_in_month(2001, self.month))
        return self.day <= _days_in_month(self.year, self.month)


def _days_in_month(year: int, month: int) -> int:
    """Return how many days a month has (`calendar.monthrange(year, month)[1]`, whose import,
    with datetime and locale, cost a one-file run 2 ms)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def find_dates(text: str) -> list[Date]:
    """Return the dates of a text: d/m/yyyy (any of / - .), "ngày d/m", "ngày d tháng m năm y".

    Dates without a year are only read after "ngày" and with a slash: "ngày 5-8" is as often a
    range of days as a date, and "19/28" a ratio.
    """
    out: list[Date] = []
    last_end = 0
    for start in _date_starts(text):
        # As `_date_re().finditer` finds them: the first match at or after the end of the last.
        if start < last_end or (m := _date_re().match(text, start)) is None:
            continue
        ngay = bool(_ngay_before_re().search(text[max(0, start - 8) : start]))
        out.append(Date(start, m.end(), int(m[1]), int(m[3]), int(m[4]), m[2], ngay))
        last_end = m.end()
    taken = {d.start for d in out}
    # As `_ngay_date_re().finditer` finds them: the matches of both cases hold one "ngày" each,
    # so they never overlap, and merged by offset they come in the same order.
    found = [pattern().finditer(text) for a, pattern in _NGAY_DATE_RES.items() if a in text]
    matches = found[0] if len(found) == 1 else sorted(itertools.chain(*found), key=_match_start)
    for m in matches:
        if m[2] is not None:
            if m.start(1) not in taken:
                out.append(Date(m.start(1), m.end(3), int(m[1]), int(m[3]), None, m[2], True))
            continue
        year = int(m[5]) if m[5] else None
        out.append(Date(m.start(1), m.end(), int(m[1]), int(m[4]), year, " tháng ", True))
    out.sort(key=lambda d: d.start)
    return out


def _date_starts(text: str) -> list[int]:
    """Return, in order, every offset where a d/m/yyyy date (`_date_re`) may start: one or two
    characters (the day) before a place where one of `_DATE_HINTS` matches.

    Every date's first separator is such a place, and scanning for all of them (three patterns
    that open on a literal character) is cheaper than one scan for `_date_re`, which opens on
    a digit. The hints' matches never overlap another: but for its two separators a match is
    digits, and its second separator, followed by four digits, starts none. So `finditer`
    misses no place.
    """
    places = [m.start() for hint in _DATE_HINTS for m in hint.finditer(text)]
    if not places:
        return places
    return sorted({s - k for s in places for k in (2, 1) if s >= k})


def _match_start(m: re.Match[str]) -> int:
    """Return where a match starts (a sort key)."""
    return m.start()


__all__ = [
    "CASE",
    "DASH",
    "DIGIT_LETTER",
    "LATIN_D",
    "LOOKALIKE",
    "MISPLACED_YEAR",
    "MISSING_HYPHEN",
    "OLD_SPELLING",
    "PARTY",
    "PARTY_YEAR",
    "REGIME",
    "SPACING",
    "STATE",
    "SWAPPED",
    "TELEX",
    "VARIANT",
    "Date",
    "DocumentCode",
    "Entry",
    "Part",
    "Tables",
    "default_tables",
    "find_codes",
    "find_dates",
    "type_word_before",
    "type_words",
]
