"""Title kinds: official names and titles, people and their titles in one article, headlines."""

from __future__ import annotations

import bisect
import itertools
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, cached_property, lru_cache
from itertools import compress, count
from operator import itemgetter
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from vnlint.diagnostic import Edit
from vnlint.document import Block, Document
from vnlint.kinds.base import Context, Hit

# Gaps between two tokens that keep them in one phrase; anything else (a line break, a period,
# a quote) ends the phrase.
_SPACE = " "
_COMMA = ","
_DASH = "-"
_DASHES = "-–—"
_BLANKS = " \t\u00a0\u202f"
# Characters after which a capital letter is expected, so a capital there says nothing.
_SENTENCE_OPENERS = ".!?…:;•*-–—"
_OPENING_QUOTES = "“\"'‘«([{"

CANONICAL = "canonical"
ERROR = "error"
BOTH = "both"


# -- words, shapes and case ----------------------------------------------------------------------


def shape(word: str) -> str:
    """Classify a word's case: "T" (Capitalized), "l" (lower), "U" (UPPER), "m" (mixed)."""
    # Decided once per distinct word (the kinds ask for the same words again and again).
    known = _SHAPES.get(word)
    if known is None:
        known = _shape(word)
        if len(_SHAPES) >= _SHAPES_SIZE:
            _SHAPES.clear()  # bounded: a cleared cache only costs time
        _SHAPES[word] = known
    return known


_SHAPES: dict[str, str] = {}
_SHAPES_SIZE = 1 << 16


def _shape(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "U"
    if word.islower():
        return "l"
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return "T"
    return "m"


def recase(word: str, target: str) -> str:
    """Write a word in the case a shape names, keeping its letters and tone marks."""
    if target == "T":
        return word[:1].upper() + word[1:].lower()
    if target == "l":
        return word.lower()
    if target == "U":
        return word.upper()
    return word


@lru_cache(maxsize=1 << 16)
def strip_marks(text: str) -> str:
    """Fold a text to bare lowercase Latin letters (no tones, hats or hooks; đ is d)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def casings(words: Iterable[str]) -> frozenset[str]:
    """Return every way of writing lowercase words: each w with w.lower() in `words`.

    The kinds match words case-insensitively; with this set, an article's words are matched by
    one set intersection with its vocabulary, instead of lowering each.
    """
    out: set[str] = set()
    for word in words:
        out.update(map("".join, itertools.product(*map(_cases_of, word))))
    return frozenset(out)


# The Latin letters (the Vietnamese ones among them), and the characters outside them whose
# lowercase is one: KELVIN SIGN (k), ANGSTROM SIGN (å), and Ȿ and Ɀ (ȿ, ɀ). The tests check
# `_cases_of` against every character of Unicode.
_LATIN_RANGES = (range(0x250), range(0x1E00, 0x1F00))
_LATIN_SIGNS = "\u212a\u212b\u2c7e\u2c7f"


@cache
def _cases_of(char: str) -> tuple[str, ...]:
    """Return the characters whose lowercase is `char` (a lowercase character)."""
    if any(ord(char) in r for r in _LATIN_RANGES):
        return _latin_cases().get(char, ())
    # No shortcut known: look at them all (once per character).
    return tuple(c for c in map(chr, range(sys.maxunicode + 1)) if c.lower() == char)


@cache
def _latin_cases() -> Mapping[str, tuple[str, ...]]:
    """Map each lowercase Latin letter to the characters whose lowercase it is."""
    out: dict[str, list[str]] = defaultdict(list)
    for char in (*map(chr, itertools.chain(*_LATIN_RANGES)), *_LATIN_SIGNS):
        out[char.lower()].append(char)
    return {lower: tuple(chars) for lower, chars in out.items()}


def _both_styles(word: str) -> tuple[str, set[str]]:
    """Return a word's T1 form (the key) and its spellings in both tone styles, lowercase."""
    from vnlint.vietnamese.tones import place_tone

    low = unicodedata.normalize("NFC", word.lower())
    return place_tone(low, "T1"), {low, place_tone(low, "T1"), place_tone(low, "T2")}


def at_sentence_start(text: str, offset: int) -> bool:
    """Tell whether a word at `offset` opens a sentence, a line or a list item."""
    i = offset
    while i > 0 and (text[i - 1] in _BLANKS or text[i - 1] in _OPENING_QUOTES):
        i -= 1
    return i == 0 or text[i - 1] in "\r\n" or text[i - 1] in _SENTENCE_OPENERS


class Word(NamedTuple):
    """A token with the gap that joins it to the token before it (None: a phrase break)."""

    gap: str | None
    text: str
    start: int
    end: int


def words(doc: Document) -> Sequence[Word]:
    """Return the document's words, each paired with the gap before it (shared by every title
    kind, and built word by word only where a kind looks: most of an article is never read)."""
    return doc.memo("titles.words", _Words)


class _Words(Sequence[Word]):
    """The tokens of a document as words, each built (with its gap) when first read.

    The kinds' hot paths skip the word objects: they read `texts[i]` (the document's own list
    of token texts) and `gap(i)`, since building or even fetching a word is a Python call.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._text = doc.text
        # The document's shared token columns: read, never modified.
        self.starts, self.ends, self.texts = doc.token_columns
        self._count = len(self.starts)
        self._gaps: list[str | object | None] = [_UNKNOWN] * self._count
        self._built: list[Word | None] = [None] * self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if index.__class__ is slice:
            return [self[k] for k in range(*index.indices(self._count))]
        word = self._built[index]  # past the end: IndexError, which ends an iteration
        if word is None:
            if index < 0:
                index += self._count
            word = self._built[index] = _NEW_WORD(
                Word, (self.gap(index), self.texts[index], self.starts[index], self.ends[index])
            )
        return word

    def gap(self, index: int) -> str | None:
        """Return what joins word `index` (not negative) to the word before it."""
        gap = self._gaps[index]
        if gap is _UNKNOWN:
            gap = None
            if index:
                end, start = self.ends[index - 1], self.starts[index]
                # Most words follow a single space: classified without slicing the gap out.
                if start == end + 1 and self._text[end] == " ":
                    gap = _SPACE
                else:
                    gap = _gap(self._text[end:start])
            self._gaps[index] = gap
        return gap  # type: ignore[return-value]


_UNKNOWN = object()  # a gap not classified yet
_NEW_WORD = tuple.__new__  # skips NamedTuple's Python-level __new__


def _gap(between: str) -> str | None:
    """Classify what joins two tokens: a space, a comma, a dash, or None (a phrase break)."""
    core = between.strip(_BLANKS)
    if "\n" in between or "\r" in between:
        return None
    if core == "" and between:
        return _SPACE
    if core == ",":
        return _COMMA
    if len(core) == 1 and core in _DASHES and between != core:
        return _DASH  # "Lao động - Thương binh", not the hyphen of "COVID-19" or "e-mail"
    return None


# Candidates are found in C (a whole-text regular expression, or a set intersection with the
# article's vocabulary and one pass over its words), then judged word by word exactly as a
# scan of every word would judge them: the candidates only need to be loose enough never to
# miss a position that scan would act on.
_BLANK_RUN = "[ \t\u00a0\u202f]+"
_LATIN = "\x00-\u024f\u1e00-\u1eff"
# A capital letter: the capitals of the Latin and Vietnamese ranges, or any letter outside them
# (judged in Python).
_CAPITAL = "(?:[{}]|[^{}])".format(
    "".join(re.escape(chr(c)) for c in (*range(0x250), *range(0x1E00, 0x1F00)) if chr(c).isupper()),
    _LATIN,
)


def _trie_regex(strings: Iterable[str]) -> str:
    """Write literal strings as one regular expression factored by prefix."""
    trie: dict[str, dict] = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        ends = "" in node
        alternatives = [
            re.escape(char) + render(child) for char, child in sorted(node.items()) if char
        ]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and not ends:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")" + ("?" if ends else "")

    return render(trie)


def _token_starts(doc: Document) -> list[int]:
    """Return each token's start offset (shared by the document; no Token objects built)."""
    return doc.token_starts


def _index_at(doc: Document, offset: int) -> int | None:
    """Return the index of the token starting at `offset`, if one does."""
    starts = _token_starts(doc)
    i = bisect.bisect_left(starts, offset)
    return i if i < len(starts) and starts[i] == offset else None


def _doc_of(ws: Sequence[Word]) -> Document | None:
    """Return the document a word sequence reads, when it is a document's own words."""
    return ws.doc if isinstance(ws, _Words) else None


def _line_bounds(doc: Document, offset: int) -> tuple[int, int]:
    """Return the start and end of the line holding `offset`."""
    line, _ = doc.line_col(offset)
    return doc.lines()[line - 1]


def in_title_case_line(doc: Document, offset: int, min_words: int = 4, ratio: float = 0.75) -> bool:
    """Tell whether the line holding `offset` capitalizes (nearly) every word, like a heading."""
    start, end = _line_bounds(doc, offset)
    known = doc.memo("titles.title_case_lines", lambda d: {})
    key = (start, min_words, ratio)
    if key not in known:
        known[key] = _title_case_line(doc, start, end, min_words, ratio)
    return known[key]


def _title_case_line(doc: Document, start: int, end: int, min_words: int, ratio: float) -> bool:
    """Tell whether the tokens between two offsets are (nearly) all capitalized."""
    starts = _token_starts(doc)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    texts = doc.words[lo:hi]
    if len(texts) < min_words:
        return False
    # Only words starting with a capital can be "T" or "U": most lines stop here (counted in
    # C: a line may be a long paragraph).
    if sum(map(str.isupper, map(itemgetter(0), texts))) < ratio * len(texts):
        return False
    return sum(shape(t) in "TU" for t in texts) >= ratio * len(texts)


# -- the official-names table --------------------------------------------------------------------

# The records of this module are NamedTuples: immutable and compared by value, as frozen
# dataclasses are, and several times cheaper to define. A dataclass generates and compiles its
# methods when the module is imported, about 0.3 ms a class, which every one-file run pays. The
# classes that cache derived values (`cached_property`) stay dataclasses.


class NameForm(NamedTuple):
    """One spelling of a name, its case shape per syllable, and its verdict."""

    text: str
    shapes: tuple[str, ...]
    status: str  # CANONICAL, ERROR or BOTH


class NameEntry(NamedTuple):
    """A canonical name or title with its known case variants."""

    canonical: str
    forms: tuple[NameForm, ...]

    @property
    def has_both(self) -> bool:
        """Tell whether official sources use another form besides the canonical one."""
        return any(f.status == BOTH for f in self.forms)


class Fused(NamedTuple):
    """A title word fused with the body it heads ("Trưởng" + "Ban Tổ chức Trung ương")."""

    head: str
    body: str
    unless_followed_by: frozenset[str]


class HonorificGroup(NamedTuple):
    """Honorifics that say one thing of a person (male, female, comrade, soldier)."""

    group: str
    words: tuple[str, ...]
    conflicts: frozenset[str]
    instead: str
    not_with_titles: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class NameTable:
    """The compiled `official-names` table: names to match, and the words that find people."""

    entries: Mapping[tuple[str, ...], NameEntry]
    prefixes: frozenset[tuple[str, ...]]
    fold: Mapping[str, str]
    generic_before: frozenset[str]
    fused: tuple[Fused, ...]
    surnames: frozenset[str]
    not_names: frozenset[str]
    not_person_after: tuple[tuple[str, ...], ...]
    short_introducers: tuple[tuple[str, ...], ...]
    not_honorific_after: frozenset[str]
    honorifics: tuple[HonorificGroup, ...]
    title_prefixes: frozenset[str]
    title_heads: tuple[tuple[str, ...], ...]

    @cached_property
    def heads_by_first(self) -> Mapping[str, tuple[tuple[str, ...], ...]]:
        """Index the title heads by their first word's key, longest first."""
        index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for head in sorted(self.title_heads, key=len, reverse=True):
            index[head[0]].append(head)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def spellings(self) -> Mapping[str, frozenset[str]]:
        """Map each key to the lowercase spellings (both tone styles) that fold to it."""
        out: dict[str, set[str]] = defaultdict(set)
        for spelling, key in self.fold.items():
            out[key].add(spelling)
        return {k: frozenset(v) for k, v in out.items()}

    @cached_property
    def name_syllables(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Return every way of writing (any case; see `casings`) the first syllable of a name,
        the second syllable of a name of two or more, and the one syllable of a name of one."""
        first: set[str] = set()
        second: set[str] = set()
        single: set[str] = set()
        for key in self.entries:
            syllables = [k for k in key if k not in (_COMMA, _DASH)]
            if len(syllables) > 1:
                first.update(self.spellings[syllables[0]])
                second.update(self.spellings[syllables[1]])
            else:
                single.update(self.spellings[syllables[0]])
        return casings(first | single), casings(second), casings(single)

    @cached_property
    def surname_re(self) -> re.Pattern[str]:
        """Match a capitalized family name followed by a space and a capital."""
        names = {s[:1].upper() + s[1:] for s in self.surnames}
        return re.compile(_trie_regex(names) + _BLANK_RUN + f"(?={_CAPITAL})")

    @cached_property
    def surname_words(self) -> frozenset[str] | None:
        """Return the capitalized family names as tokens, or None when one is no single token.

        `surname_re` can only match at a token that is one of them (a family name is a whole
        token: letters, then a blank), so the tokens are a pre-test for it; a family name that
        is no token (none is) sends `_capitalized_runs` back to a scan of the whole text.
        """
        from vnlint.document import TOKEN_RE

        names = {s[:1].upper() + s[1:] for s in self.surnames}
        return frozenset(names) if all(map(TOKEN_RE.fullmatch, names)) else None

    @cached_property
    def marked_words(self) -> frozenset[str]:
        """Return the words whose places `_marks` finds: a name's first syllable (any case; see
        `name_syllables`) and a capitalized family name (`surname_words`)."""
        first, _, single = self.name_syllables
        return first | single | (self.surname_words or frozenset())

    @cached_property
    def introducer_lasts(self) -> frozenset[str]:
        """Return every way of writing the last word of a short introducer or a title head
        (any case; see `casings`)."""
        lasts = {p[-1] for p in self.short_introducers}
        for head in self.title_heads:
            lasts.update(self.spellings.get(head[-1], (head[-1],)))
        return casings(lasts)

    @cached_property
    def fused_res(self) -> tuple[re.Pattern[str], ...]:
        """Match each fused title's head and body ("Trưởng ban"), one pattern per fused title."""
        return tuple(
            re.compile(re.escape(f.head) + _BLANK_RUN + f"(?i:{re.escape(f.body)})")
            for f in self.fused
        )

    @cached_property
    def head_lasts(self) -> frozenset[str]:
        """Return the keys of the last words of the title heads."""
        return frozenset(h[-1] for h in self.title_heads)

    @cached_property
    def head_opening_spellings(self) -> frozenset[str]:
        """Return the lowercase words a title head can open with (a prefix or a head's first)."""
        opening = self.title_prefixes | self.heads_by_first.keys()
        return frozenset(s for s, key in self.fold.items() if key in opening)

    @cached_property
    def honorific_lasts(self) -> frozenset[str]:
        """Return the last words of the honorifics (lowercase)."""
        return frozenset(w.split(" ")[-1] for g in self.honorifics for w in g.words)

    @cached_property
    def not_name_starts(self) -> frozenset[str]:
        """Return the first words of the places that start with a family name."""
        return frozenset(n.split()[0] for n in self.not_names)

    @cached_property
    def not_person_lasts(self) -> frozenset[str]:
        """Return the last words of the phrases that make the name after them a place."""
        return frozenset(p[-1] for p in self.not_person_after)

    def key(self, word: str) -> str | None:
        """Return the matching key of a word that occurs in some name or title, else None."""
        return self.fold.get(word.lower())

    def honorific_group(self, phrase: str) -> HonorificGroup | None:
        """Return the group an honorific (lowercase) belongs to."""
        for group in self.honorifics:
            if phrase in group.words:
                return group
        return None


def _split(text: str) -> list[str]:
    """Split a name into its syllables and separators (`,` and `-`), in order."""
    from vnlint.document import TOKEN_RE

    items: list[str] = []
    last = 0
    for m in TOKEN_RE.finditer(text):
        core = text[last : m.start()].strip()
        if items and core == ",":
            items.append(_COMMA)
        elif items and core and core in _DASHES:
            items.append(_DASH)
        items.append(m.group())
        last = m.end()
    return items


def _strings(raw: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _compile(raw: Mapping[str, object]) -> NameTable:
    """Compile the raw TOML table; a malformed entry raises ValueError naming it."""
    fold: dict[str, str] = {}

    def key_of(word: str) -> str:
        key, spellings = _both_styles(word)
        for s in spellings:
            fold[s] = key
        return key

    entries: dict[tuple[str, ...], NameEntry] = {}
    names = raw.get("names", [])
    if not isinstance(names, list):
        raise ValueError("'names' must be an array of tables")
    for n, item in enumerate(names):
        where = f"names[{n}]"
        canonical = item.get("canonical") if isinstance(item, dict) else None
        if not isinstance(canonical, str):
            raise ValueError(f"{where}: missing 'canonical'")
        forms = [(canonical, CANONICAL)]
        forms += [(v, ERROR) for v in _strings(item, "errors", where)]
        forms += [(v, BOTH) for v in _strings(item, "both", where)]
        items = _split(canonical)
        key = tuple(i if i in (_COMMA, _DASH) else key_of(i) for i in items)
        compiled = []
        for text, status in forms:
            parts = _split(text)
            if [p.lower() for p in parts] != [p.lower() for p in items]:
                raise ValueError(f"{where}: {text!r} is not a case variant of {canonical!r}")
            syllables = [p for p in parts if p not in (_COMMA, _DASH)]
            compiled.append(NameForm(text, tuple(shape(s) for s in syllables), status))
        if key in entries:
            raise ValueError(f"{where}: {canonical!r} is listed twice")
        entries[key] = NameEntry(canonical, tuple(compiled))
    prefixes = frozenset(k[:i] for k in entries for i in range(1, len(k) + 1))

    fused = []
    for n, item in enumerate(raw.get("fused", [])):
        fused.append(
            Fused(
                head=item["head"],
                body=item["body"],
                unless_followed_by=frozenset(
                    w.lower() for w in _strings(item, "unless-followed-by", f"fused[{n}]")
                ),
            )
        )
    people = raw.get("people", {})
    if not isinstance(people, dict):
        raise ValueError("'people' must be a table")
    honorifics = []
    for n, item in enumerate(people.get("honorifics", [])):
        where = f"people.honorifics[{n}]"
        honorifics.append(
            HonorificGroup(
                group=item["group"],
                words=_strings(item, "words", where),
                conflicts=frozenset(_strings(item, "conflicts", where)),
                instead=item.get("instead", ""),
                not_with_titles=tuple(
                    tuple(key_of(w) for w in _split(t))
                    for t in _strings(item, "not-with-titles", where)
                ),
            )
        )
    titles = people.get("titles", {})
    heads = tuple(
        tuple(key_of(w) for w in h.split()) for h in _strings(titles, "heads", "people.titles")
    )
    title_prefixes = frozenset(key_of(w) for w in _strings(titles, "prefixes", "people.titles"))
    return NameTable(
        entries=entries,
        prefixes=prefixes,
        fold=fold,
        generic_before=frozenset(_strings(raw, "generic-before", "table")),
        fused=tuple(fused),
        surnames=frozenset(s.lower() for s in _strings(people, "surnames", "people")),
        not_names=frozenset(_strings(people, "not-names", "people")),
        not_person_after=tuple(
            tuple(p.split()) for p in _strings(people, "not-person-after", "people")
        ),
        short_introducers=tuple(
            tuple(p.split()) for p in _strings(people, "short-introducers", "people")
        ),
        not_honorific_after=frozenset(_strings(people, "not-honorific-after", "people")),
        honorifics=tuple(honorifics),
        title_prefixes=title_prefixes,
        title_heads=heads,
    )


@cache
def name_table(name: str = "official-names") -> NameTable:
    """Load and compile a names table from `rules/_data/<name>.toml` (once per process).

    Compiling folds every word to both tone styles (4 ms of a one-file run): the compiled table
    is kept, as plain data, in the user cache (vnlint.cache), keyed by the table file and the
    modules that compile it.
    """
    from vnlint import document
    from vnlint.cache import derived, file_key
    from vnlint.rules import RuleError, load_table, rules_dir
    from vnlint.vietnamese import letters, syllable, tones

    path = rules_dir() / "_data" / f"{name}.toml"
    # The compiled table derives from the table and from the code that compiles it: this
    # module's, and the spelling and token modules it calls.
    code = [Path(__file__), *(Path(str(m.__file__)) for m in (tones, syllable, letters, document))]

    def build() -> dict[str, Any]:
        return _plain(_compile(load_table(name)))

    try:
        try:
            key = file_key(path, *code)
        except OSError:
            return _compile(load_table(name))  # no file to key by: the error, if any, comes here
        return _from_plain(derived(f"names-{name}", key, build))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleError(path, f"bad names table: {exc}") from None


def _plain(table: NameTable) -> dict[str, Any]:
    """Write a compiled table as plain data (what `marshal` stores): records become tuples."""
    out = {f.name: getattr(table, f.name) for f in fields(NameTable)}
    out["entries"] = {
        key: (e.canonical, tuple(map(tuple, e.forms))) for key, e in table.entries.items()
    }
    out["fold"] = dict(table.fold)
    out["fused"] = tuple(map(tuple, table.fused))
    out["honorifics"] = tuple(map(tuple, table.honorifics))
    return out


def _from_plain(plain: Mapping[str, Any]) -> NameTable:
    """Rebuild a compiled table from `_plain`'s data."""
    data = dict(plain)
    entries = data.pop("entries")
    return NameTable(
        entries={
            key: NameEntry(canonical, tuple(NameForm(*f) for f in forms))
            for key, (canonical, forms) in entries.items()
        },
        fused=tuple(Fused(*f) for f in data.pop("fused")),
        honorifics=tuple(HonorificGroup(*h) for h in data.pop("honorifics")),
        **data,
    )


# -- finding official names ----------------------------------------------------------------------


class NameMatch(NamedTuple):
    """An occurrence of a table name, whatever its case, and the listed form it is (if any)."""

    entry: NameEntry
    first: int  # index of the first word
    last: int  # index of the last word
    start: int
    end: int
    shapes: tuple[str, ...]
    form: NameForm | None
    sentence_start: bool


def _identify(entry: NameEntry, shapes: tuple[str, ...], sentence_start: bool) -> NameForm | None:
    """Say which listed form a written name is; a sentence's first capital is not judged."""
    order = {CANONICAL: 0, BOTH: 1, ERROR: 2}
    for form in sorted(entry.forms, key=lambda f: order[f.status]):
        if form.shapes == shapes:
            return form
    if sentence_start and shapes[:1] == ("T",):
        for form in sorted(entry.forms, key=lambda f: order[f.status]):
            if form.shapes[1:] == shapes[1:] and form.shapes[0] in "Tl":
                return form
    return None


def find_names(doc: Document, table: NameTable, ws: _Words | None = None) -> list[NameMatch]:
    """Find every table name in the text (case- and tone-style-insensitive), longest first."""
    ws = words(doc) if ws is None else ws
    texts = ws.texts
    out: list[NameMatch] = []
    following = 0
    for i in _name_starts(doc, table, ws):
        if i < following:
            continue  # inside the name found before
        first_key = table.key(texts[i])
        if first_key is None:
            continue
        path: tuple[str, ...] = (first_key,)
        best: tuple[int, NameEntry] | None = None
        j = i
        while True:
            if path in table.entries:
                best = (j, table.entries[path])
            if j + 1 >= len(ws):
                break
            gap = ws.gap(j + 1)
            key = table.key(texts[j + 1])
            if gap is None or key is None:
                break
            step = (key,) if gap == _SPACE else (gap, key)
            if path + step not in table.prefixes:
                break
            path += step
            j += 1
        if best is None:
            continue
        last, entry = best
        shapes = tuple(map(shape, texts[i : last + 1]))
        start = at_sentence_start(doc.text, ws.starts[i])
        out.append(
            NameMatch(
                entry=entry,
                first=i,
                last=last,
                start=ws.starts[i],
                end=ws.ends[last],
                shapes=shapes,
                form=_identify(entry, shapes, start),
                sentence_start=start,
            )
        )
        following = last + 1
    return out


def _name_starts(doc: Document, table: NameTable, ws: _Words) -> Iterable[int]:
    """Return the indexes of the words where a table name may start, in order (some more: the
    caller reads each name in full).

    The words that may open a name are among the places `_marks` found in C (shared with the
    search for people); the word after each is tested in Python.
    """
    first, second, single = table.name_syllables
    texts = ws.texts
    last = len(texts) - 1
    return [
        i
        for i in _marks(doc, table)
        if texts[i] in first and ((i < last and texts[i + 1] in second) or texts[i] in single)
    ]


def _marks(doc: Document, table: NameTable) -> list[int]:
    """Return, in order, the indexes of the tokens that are one of `table.marked_words`.

    One pass over the tokens in C (a set lookup per token) serves both the official names and
    the people: a pass costs about what a scan of the text by a regular expression does, and
    this one replaces two scans (the family names') and a set intersection (the openers').
    Computed once per document and table.
    """
    known = doc.memo("titles.marks", lambda d: {})
    found = known.get(id(table))
    if found is None or found[0] is not table:  # the table is kept: its id stays its own
        marked = table.marked_words
        found = known[id(table)] = (
            table,
            list(compress(count(), map(marked.__contains__, doc.words))),
        )
    return found[1]


class Analysis:
    """The names and people of one document under one table, computed once for every kind.

    A plain class: it holds its inputs and caches what it derives, and needs none of the
    methods a dataclass would generate (and compile, 0.3 ms of every run) at import.
    """

    def __init__(self, doc: Document, table: NameTable, words: Sequence[Word]) -> None:
        self.doc = doc
        self.table = table
        self.words = words

    @cached_property
    def names(self) -> tuple[NameMatch, ...]:
        """Return the table names found in the document."""
        return tuple(find_names(self.doc, self.table, self.words))

    @cached_property
    def people(self) -> tuple[Mention, ...]:
        """Return the people's full names found in the document."""
        return tuple(find_people(self.words, self.table))

    @cached_property
    def fused(self) -> list[tuple[Fused, int]]:
        """Return the uses of fused titles ("Trưởng Ban X"), read by two kinds (`fused_uses`)."""
        return fused_uses(self.doc, self.words, self.table)


def analyse(doc: Document, table: str) -> Analysis:
    """Return the analysis of a document under a names table, computed once per document."""
    return doc.memo(f"titles.analyse.{table}", lambda d: Analysis(d, name_table(table), words(d)))


def _rewrite(doc: Document, ws: Sequence[Word], first: int, shapes: Sequence[str]) -> str:
    """Return the text of words[first:...] with each word recased to the given shapes."""
    text = doc.text
    parts: list[str] = []
    position = ws[first].start
    for offset, target in enumerate(shapes):
        word = ws[first + offset]
        parts.append(text[position : word.start])
        parts.append(recase(word.text, target))
        position = word.end
    return "".join(parts)


def _target_shapes(match: NameMatch, form: NameForm) -> tuple[str, ...]:
    """Return the shapes to write a match in, keeping a sentence's first capital."""
    if match.sentence_start:
        return (match.shapes[0], *form.shapes[1:])
    return form.shapes


@dataclass(frozen=True)
class MiscapitalizedName:
    """Flag known wrong case variants of official names and titles: `Ủy Ban Nhân Dân`.

    Keys: `table` (the names table in `rules/_data/`). Only variants the table lists as errors
    are reported, never in an all-caps or Title Case line, never after a generic word ("các"),
    and a variant that capitalizes every syllable only where the words around it are lowercase
    (so "Ảnh: Quốc Hội", a photographer, and "Cổng Thông Tin Chính Phủ" stay silent).
    """

    respect_masks: ClassVar[bool] = True
    table: str = "official-names"

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each wrong variant, with the canonical case as the fix."""
        found = analyse(doc, self.table)
        table, ws = found.table, found.words
        for m in found.names:
            if m.form is None or m.form.status != ERROR:
                continue
            if m.sentence_start and all(s == "l" for s in m.shapes[1:]):
                continue  # "Đảng cộng sản..." opening a sentence may be the generic phrase
            if _after_generic(ws, m.first, table):
                continue
            if all(s == "T" for s in m.shapes) and not _title_case_stands_alone(ws, m, table):
                continue
            if in_title_case_line(doc, m.start):
                continue
            canonical = next(f for f in m.entry.forms if f.status == CANONICAL)
            fixed = _rewrite(doc, ws, m.first, _target_shapes(m, canonical))
            if fixed == doc.text[m.start : m.end]:
                continue
            yield Hit(m.start, m.end, suggestions=(fixed,), args={"canonical": canonical.text})


def _after_generic(ws: Sequence[Word], first: int, table: NameTable) -> bool:
    """Tell whether the word before a name makes it generic ("các Bộ trưởng")."""
    if first == 0 or ws[first].gap != _SPACE:
        return False
    return ws[first - 1].text.lower() in table.generic_before


def _title_case_stands_alone(ws: Sequence[Word], m: NameMatch, table: NameTable) -> bool:
    """Tell whether an every-syllable-capitalized name sits among lowercase words.

    A two-syllable one needs a lowercase word just before it ("của Chính Phủ"), since "Quốc Hội"
    is also a given name; a longer one must not continue a capitalized run. Neither may be
    followed by a capitalized word that is not a person's name.
    """
    before = ws[m.first - 1] if m.first > 0 and ws[m.first].gap == _SPACE else None
    if len(m.shapes) <= 2:
        if before is None or shape(before.text) != "l":
            return False
    elif before is not None and shape(before.text) != "l":
        return False
    after = ws[m.last + 1] if m.last + 1 < len(ws) and ws[m.last + 1].gap == _SPACE else None
    if after is not None and shape(after.text) == "T":
        return after.text.lower() in table.surnames
    return True


# -- consistency of accepted forms ---------------------------------------------------------------


class _Use(NamedTuple):
    """One use of an accepted form: where, what it is, and how to rewrite it to another form."""

    start: int
    end: int
    form: str
    canonical: bool
    rewrite: Mapping[str, tuple[Edit, str]]


def fused_uses(doc: Document, ws: Sequence[Word], table: NameTable) -> list[tuple[Fused, int]]:
    """Find "Trưởng Ban X" / "Trưởng ban X": the index of each fused body word, by title."""
    out: list[tuple[Fused, int]] = []
    own = _doc_of(ws) is doc
    for fused, pattern in zip(table.fused, table.fused_res, strict=True):
        if own and fused.head not in doc.vocabulary:
            continue  # no word is the head: the test below (`head.text`) fails everywhere
        if own:
            found = (_index_at(doc, m.start()) for m in pattern.finditer(doc.text))
            candidates: Iterable[int] = [i for i in found if i is not None and i + 2 < len(ws)]
        else:
            candidates = range(len(ws) - 2)
        for i in candidates:
            head, body, name = ws[i], ws[i + 1], ws[i + 2]
            if head.text != fused.head or body.text.lower() != fused.body.lower():
                continue
            if body.gap != _SPACE or name.gap != _SPACE or shape(body.text) not in "Tl":
                continue
            if shape(name.text) != "T" or name.text.lower() in fused.unless_followed_by:
                continue
            if name.text.lower() in table.surnames:
                continue  # "Trưởng ban Nguyễn Văn A": the standalone title before a person
            out.append((fused, i + 1))
    return out


@dataclass(frozen=True)
class InconsistentName:
    """Flag an article that writes one name or title in two accepted ways.

    Keys: `table`. Forms that official sources use side by side (the table's `both` variants,
    and "Trưởng Ban X" / "Trưởng ban X") are each fine; mixing them in one article is not. The
    forms used less often are reported, with the majority form (on a tie, the canonical one) as
    the fix.
    """

    respect_masks: ClassVar[bool] = True
    table: str = "official-names"

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each use of a minority form."""
        found = analyse(doc, self.table)
        ws = found.words
        groups: dict[str, list[_Use]] = defaultdict(list)
        for m in found.names:
            if not m.entry.has_both or m.form is None or m.form.status == ERROR:
                continue
            if in_title_case_line(doc, m.start):
                continue
            rewrite = {}
            for form in m.entry.forms:
                if form.status != ERROR:
                    fixed = _rewrite(doc, ws, m.first, _target_shapes(m, form))
                    rewrite[form.text] = (Edit(m.start, m.end, fixed), fixed)
            groups[m.entry.canonical].append(
                _Use(m.start, m.end, m.form.text, m.form.status == CANONICAL, rewrite)
            )
        for fused, i in found.fused:
            head, body = ws[i - 1], ws[i]
            if in_title_case_line(doc, head.start):
                continue
            key = f"{fused.head} {fused.body}"
            rewrite = {}
            for target in "Tl":
                new = recase(body.text, target)
                shown = doc.text[head.start : body.start] + new
                rewrite[f"{fused.head} {recase(fused.body, target)}"] = (
                    Edit(body.start, body.end, new),
                    shown,
                )
            form = f"{fused.head} {recase(fused.body, shape(body.text))}"
            groups[key].append(_Use(head.start, body.end, form, form == key, rewrite))
        for uses in groups.values():
            yield from _minority(uses)


def _minority(uses: Sequence[_Use]) -> Iterator[Hit]:
    """Yield the uses of every form but the majority one (a tie goes to the canonical form)."""
    counts = Counter(u.form for u in uses)
    if len(counts) < 2:
        return
    canonical = {u.form for u in uses if u.canonical}
    majority = max(counts, key=lambda f: (counts[f], f in canonical))
    for use in uses:
        if use.form == majority:
            continue
        edit, shown = use.rewrite[majority]
        yield Hit(
            use.start,
            use.end,
            suggestions=(shown,),
            edits=(edit,),
            args={
                "majority": majority,
                "count": counts[majority],
                "form": use.form,
                "form_count": counts[use.form],
            },
        )


# -- people and their titles ---------------------------------------------------------------------


class Title(NamedTuple):
    """A title attached to a person's name: its words (indexes into the word list)."""

    first: int
    last: int


class Mention(NamedTuple):
    """A person's full name in the text, with the honorific and titles attached to it."""

    name: str
    first: int
    last: int
    honorific: tuple[int, int] | None  # word indexes of the honorific
    titles: tuple[Title, ...]


def _phrase(ws: _Words, first: int, last: int) -> str:
    """Return the lowercase words first..last joined by single spaces."""
    return " ".join(w.lower() for w in ws.texts[first : last + 1])


def _linked(ws: _Words, i: int) -> bool:
    """Tell whether word i is joined to word i-1 by spaces only."""
    return i > 0 and ws.gap(i) == _SPACE


def _title_head_end(ws: _Words, i: int, table: NameTable) -> int | None:
    """Return the index of the last word of a title head starting at word i, if one starts."""
    texts = ws.texts
    j = i
    for _ in range(2):  # "nguyên Phó", "Phó Tổng"
        if table.key(texts[j]) in table.title_prefixes and j + 1 < len(ws) and _linked(ws, j + 1):
            j += 1
            continue
        break
    for head in table.heads_by_first.get(table.key(texts[j]) or "", ()):
        end = j + len(head) - 1
        if end >= len(ws):
            continue
        if all(table.key(texts[j + n]) == h for n, h in enumerate(head)) and all(
            _linked(ws, j + n) for n in range(1, len(head))
        ):
            return end
    return None


def _name_in_run(ws: _Words, first: int, last: int, table: NameTable) -> int | None:
    """Return where a person's name starts in a run of capitalized words (it ends the run)."""
    texts = ws.texts
    start = None
    for k in range(first, last + 1):
        if texts[k].lower() in table.surnames and 2 <= last - k + 1 <= 4:
            start = k
            break
    if start is None:
        return None
    # "Bình Dương Trần Văn Nam": a later family name with a full name after it is the person.
    for k in range(start + 1, last - 1):
        if texts[k].lower() in table.surnames:
            return k
    if start > first and last - start + 1 < 3:
        return None  # "Công ty Sen Hoàng Giang": two syllables inside a longer name are no person
    return start


_JOINERS = frozenset({"cùng", "và", "với"})


def _titles_after(ws: _Words, last: int, table: NameTable) -> list[Title]:
    """Read "Name, Title, Title" and "Name - Title": the titles that follow a name."""
    out: list[Title] = []
    i = last + 1
    while i < len(ws) and ws.gap(i) in (_COMMA, _DASH):
        if _title_head_end(ws, i, table) is None:
            break
        j = i
        while j + 1 < len(ws) and ws.gap(j + 1) == _SPACE:
            j += 1
        out.append(Title(i, j))
        i = j + 1
    return out


def _titles_before(ws: _Words, first: int, table: NameTable, floor: int) -> list[Title]:
    """Read "Title, Title Name": the titles just before a name, nearest first.

    The search stops at `floor` (the end of the person named before) and at a joining word:
    in "Trưởng ban Tổ chức Hoàng Đăng Quang và Bí thư Tỉnh ủy Phạm Thị Thanh Trà" the second
    person's title starts after "và".
    """
    out: list[Title] = []
    end = first - 1
    if end < floor or not _linked(ws, first):
        return out
    texts = ws.texts
    # A title head can only start on one of these words (a quick test before the full one).
    opens = table.head_opening_spellings
    while end >= floor:
        begin = end
        while begin > floor and _linked(ws, begin) and texts[begin - 1].lower() not in _JOINERS:
            begin -= 1
        head = next(
            (
                k
                for k in range(begin, end + 1)
                if texts[k].lower() in opens and _title_head_end(ws, k, table) is not None
            ),
            None,
        )
        if head is None or (out and head != begin):
            break  # a segment before the nearest one counts only if it is wholly a title
        out.append(Title(head, end))
        if head != begin or ws.gap(begin) != _COMMA:
            break
        end = begin - 1
    return out


def _honorific(ws: _Words, first: int, table: NameTable) -> tuple[int, int] | None:
    """Return the word indexes of the honorific just before a name ("đồng chí", "ông")."""
    # Both sizes end on the word before the name: most names have no honorific word there.
    if first < 1 or ws.texts[first - 1].lower() not in table.honorific_lasts:
        return None
    for size in (2, 1):
        begin = first - size
        if begin < 0 or not all(_linked(ws, k) for k in range(begin + 1, first + 1)):
            continue
        if table.honorific_group(_phrase(ws, begin, first - 1)) is None:
            continue
        if _linked(ws, begin) and ws.texts[begin - 1].lower() in table.not_honorific_after:
            return None  # "ông bà Đỗ Đình Thiện", "các đồng chí"
        return begin, first - 1
    return None


def _not_a_person(ws: _Words, first: int, last: int, table: NameTable) -> bool:
    """Tell whether a name-like run is a place, a street or a school."""
    texts = ws.texts
    if texts[first] in table.not_name_starts:
        text = " ".join(texts[first : last + 1])
        if text in table.not_names or " ".join(text.split()[:2]) in table.not_names:
            return True
    if not _linked(ws, first) or texts[first - 1].lower() not in table.not_person_lasts:
        return False
    for phrase in table.not_person_after:
        begin = first - len(phrase)
        if begin < 0 or not all(_linked(ws, k) for k in range(begin + 1, first + 1)):
            continue
        if tuple(w.lower() for w in texts[begin:first]) == phrase:
            return True
    return False


def find_people(ws: _Words, table: NameTable) -> list[Mention]:
    """Find full names of people (a family name and one to three more capitalized syllables)."""
    out: list[Mention] = []
    for i, j in _capitalized_runs(ws, table):
        k = _name_in_run(ws, i, j, table)
        if k is not None and not _not_a_person(ws, k, j, table):
            honorific = _honorific(ws, k, table)
            titles = _titles_after(ws, j, table)
            if honorific is None:
                floor = out[-1].last + 1 if out else 0
                titles = _titles_before(ws, k, table, floor) + titles
            name = " ".join(ws.texts[k : j + 1])
            out.append(Mention(name, k, j, honorific, tuple(titles)))
    return out


def _capitalized_runs(ws: _Words, table: NameTable) -> Iterator[tuple[int, int]]:
    """Yield (first, last) of each run of capitalized words joined by spaces that may hold a
    person's name (a capitalized family name with a capital after it), in order."""
    last = -1
    for k in _surname_places(ws, table):
        if k <= last:
            continue
        i = k
        while i > 0 and _spaced_title(ws, i, i - 1):
            i -= 1
        j = k
        while j + 1 < len(ws) and _spaced_title(ws, j + 1, j + 1):
            j += 1
        last = j
        yield i, j


def _spaced_title(ws: _Words, i: int, k: int) -> bool:
    """Tell whether word i follows word i-1 after spaces (`ws.gap(i) == _SPACE`) and word k is
    capitalized (`shape(...) == "T"`): the step of a walk along a capitalized run.

    One call for both tests, with the common cases read inline: a single space between the
    words, and a word whose shape is already known.
    """
    end = ws.ends[i - 1]
    if (ws.starts[i] != end + 1 or ws._text[end] != " ") and ws.gap(i) != _SPACE:
        return False
    text = ws.texts[k]
    return (_SHAPES.get(text) or shape(text)) == "T"


def _surname_places(ws: _Words, table: NameTable) -> Iterable[int]:
    """Return, in order, the indexes of the words where `table.surname_re` matches.

    The pattern matches a family name (a whole token) followed by blanks and a capital: it can
    only match at a token in `table.surname_words`, whose places `_marks` has found; it is then
    tried at those tokens alone. Matching there is what a scan of the whole text finds at a
    token's start: a match is a family name and blanks, so no other token starts inside it.
    """
    doc = ws.doc
    names = table.surname_words
    if names is None:  # a family name that is no token: scan the whole text
        starts = ws.starts
        out = []
        for m in table.surname_re.finditer(doc.text):
            k = bisect.bisect_left(starts, m.start())  # the word starting there, if one does
            if k < len(starts) and starts[k] == m.start():
                out.append(k)
        return out
    text, starts, texts = doc.text, ws.starts, ws.texts
    match = table.surname_re.match
    return [
        k for k in _marks(doc, table) if texts[k] in names and match(text, starts[k]) is not None
    ]


@dataclass(frozen=True)
class ConflictingPersonTitle:
    """Flag one person given conflicting honorifics, or one title written two ways.

    Keys: `table`; `honorific-note`, `title-note`, `case-note` (the Vietnamese clause that says
    why, with `{other}` and `{title}` fields). Conflicts come from the table: honorific groups
    that exclude each other ("đồng chí" and "chiến sỹ", "ông" and "bà"), honorifics a title rules
    out (a Politburo member called "chiến sỹ"), and the same title in two cases for the same name
    ("Phó Trưởng Ban thường trực", later "Phó Trưởng ban Thường trực"). Case differences that
    VN301 or VN302 already report are left to them.
    """

    respect_masks: ClassVar[bool] = True
    table: str = "official-names"
    honorific_note: str = "{other}"
    title_note: str = "{title}"
    case_note: str = "{other}"

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield the minority honorific, or the later title, of each conflict."""
        found = analyse(doc, self.table)
        table, ws = found.table, found.words
        by_name: dict[str, list[Mention]] = defaultdict(list)
        for mention in found.people:
            by_name[mention.name].append(mention)
        judged = _judged_words(found)
        for name, mentions in by_name.items():
            yield from self._honorifics(doc, ws, table, name, mentions)
            yield from self._title_cases(doc, ws, table, name, mentions, judged)

    def _honorifics(
        self,
        doc: Document,
        ws: Sequence[Word],
        table: NameTable,
        name: str,
        mentions: Sequence[Mention],
    ) -> Iterator[Hit]:
        """Yield honorifics that contradict the others given to one person, or a title."""
        uses: list[tuple[Mention, HonorificGroup, str]] = []
        for m in mentions:
            if m.honorific is None:
                continue
            group = table.honorific_group(_phrase(ws, *m.honorific))
            if group is not None:
                uses.append((m, group, _phrase(ws, *m.honorific)))
        if not uses:
            return
        titles = [(m, t) for m in mentions for t in m.titles]
        counts = Counter(g.group for _, g, _ in uses)
        order = [g.group for _, g, _ in uses]
        for m, group, _ in uses:
            rivals = [g for g in counts if g in group.conflicts]
            # The majority wins; on a tie, the group used first.
            best = max([group.group, *rivals], key=lambda g: (counts[g], -order.index(g)))
            if best != group.group:
                other = next(p for _, g, p in uses if g.group == best)
                why = self.honorific_note.format(other=other)
                yield _honorific_hit(doc, ws, m, other, name, why)
                continue
            if not group.instead:
                continue
            for _, title in titles:
                keys = tuple(
                    table.key(w.text) or w.text.lower() for w in ws[title.first : title.last + 1]
                )
                if any(keys[: len(t)] == t for t in group.not_with_titles):
                    shown = doc.text[ws[title.first].start : ws[title.last].end]
                    why = self.title_note.format(title=shown)
                    yield _honorific_hit(doc, ws, m, group.instead, name, why)
                    break

    def _title_cases(
        self,
        doc: Document,
        ws: Sequence[Word],
        table: NameTable,
        name: str,
        mentions: Sequence[Mention],
        judged: frozenset[int],
    ) -> Iterator[Hit]:
        """Yield a title that repeats another title of the same person in another case."""
        from vnlint.vietnamese.tones import place_tone

        def key(i: int) -> str:
            return place_tone(ws[i].text.lower(), "T1")

        titles = sorted((t for m in mentions for t in m.titles), key=lambda t: t.first)
        reported: set[int] = set()
        for n, later in enumerate(titles):
            for earlier in titles[:n]:
                size = 0
                while (
                    earlier.first + size <= earlier.last
                    and later.first + size <= later.last
                    and key(earlier.first + size) == key(later.first + size)
                ):
                    size += 1
                differing = [
                    d
                    for d in range(1, size)
                    if _case_differs(ws[earlier.first + d].text, ws[later.first + d].text)
                    and later.first + d not in judged
                    and earlier.first + d not in judged
                ]
                if not differing:
                    continue
                # The shared words must go on past the difference (or make up a whole title):
                # "Giám đốc Công ty X" and "Giám đốc công ty chạy xe" only share a generic noun.
                whole = size in (earlier.last - earlier.first + 1, later.last - later.first + 1)
                if not whole and size < max(differing) + 3:
                    continue
                odd, other = _odd_one(ws, table, titles, earlier, later, differing, key)
                if odd.first in reported:
                    break
                reported.add(odd.first)
                shown = doc.text[ws[other.first].start : ws[other.first + size - 1].end]
                yield Hit(
                    ws[odd.first].start,
                    ws[odd.first + size - 1].end,
                    no_fix=True,
                    args={"person": name, "why": self.case_note.format(other=shown)},
                )
                break


def _odd_one(
    ws: Sequence[Word],
    table: NameTable,
    titles: Sequence[Title],
    earlier: Title,
    later: Title,
    differing: Sequence[int],
    key: Callable[[int], str],
) -> tuple[Title, Title]:
    """Pick which of two differently cased titles to report, and the one to compare it with.

    The person's other titles vote: the case used less often is the odd one. On a tie, a title
    that capitalizes every syllable of its title word ("Bí Thư") is; otherwise the later one.
    """
    top = max(differing)

    def signature(t: Title) -> tuple[str, ...]:
        return tuple(shape(ws[t.first + d].text) for d in differing)

    peers = [
        t
        for t in titles
        if t.last - t.first >= top
        and all(key(t.first + k) == key(earlier.first + k) for k in range(top + 1))
    ]
    votes = Counter(signature(t) for t in peers)
    for_earlier, for_later = votes[signature(earlier)], votes[signature(later)]
    if for_earlier != for_later:
        return (later, earlier) if for_later < for_earlier else (earlier, later)
    if _title_cased_head(ws, earlier, table) and not _title_cased_head(ws, later, table):
        return earlier, later
    return later, earlier


def _title_cased_head(ws: Sequence[Word], title: Title, table: NameTable) -> bool:
    """Tell whether a title capitalizes every syllable of its title word ("Tổng Bí Thư").

    A fused title ("Trưởng Ban" + the body's name) keeps its capital by design.
    """
    end = _title_head_end(ws, title.first, table)
    if end is None or end == title.first:
        return False
    head = ws[title.first : end + 1]
    if any(shape(w.text) != "T" for w in head):
        return False
    pair = (head[-2].text.lower(), head[-1].text.lower())
    return not any(pair == (f.head.lower(), f.body.lower()) for f in table.fused)


def _case_differs(a: str, b: str) -> bool:
    """Tell whether two spellings of a word differ as Capitalized against lowercase."""
    return {shape(a), shape(b)} == {"T", "l"}


def _judged_words(found: Analysis) -> frozenset[int]:
    """Return the indexes of words whose case VN301 or VN302 already judge."""
    out: set[int] = set()
    for m in found.names:
        if m.form is not None and (m.form.status == ERROR or m.entry.has_both):
            out.update(range(m.first, m.last + 1))
    out.update(i for _, i in found.fused)
    return frozenset(out)


def _honorific_hit(
    doc: Document, ws: Sequence[Word], m: Mention, instead: str, name: str, why: str
) -> Hit:
    """Build the hit for an honorific to replace (unsafe: only a human knows the person)."""
    assert m.honorific is not None
    begin, end = m.honorific
    start, stop = ws[begin].start, ws[end].end
    written = doc.text[start:stop]
    suggestion = instead[:1].upper() + instead[1:] if written[:1].isupper() else instead
    return Hit(
        start, stop, suggestions=(suggestion,), unsafe=True, args={"person": name, "why": why}
    )


# -- short forms before the full name ------------------------------------------------------------


@dataclass(frozen=True)
class ShortNameBeforeFull:
    """Flag a short mention ("ông Chính") that comes before the person's full name is given.

    Keys: `table`, `skip-lead`. A short mention is an honorific or a title word and one
    capitalized syllable ("ông Chính", "Bộ trưởng Dũng"); it is premature when a later mention
    presents a full name ending in that syllable (with an honorific or a title; after a title
    word, with the same title) and no full name ending in it comes before. The headline, photo
    captions, quotation credits and, with `skip-lead`, the lead paragraph are exempt: news uses
    short forms there by design.
    """

    respect_masks: ClassVar[bool] = True
    table: str = "official-names"
    skip_lead: bool = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each premature short mention."""
        found = analyse(doc, self.table)
        table, ws, people = found.table, found.words, found.people
        blocks = doc.blocks
        body_start = 0
        if len(blocks) > 1:
            body_start = blocks[2].start if self.skip_lead and len(blocks) > 2 else blocks[1].start
        firsts: dict[str, int] = {}
        for m in people:
            firsts.setdefault(ws.texts[m.last], m.first)
        # Only a given name that ends a full name given later can be premature: the short
        # mentions are looked for among those words alone.
        for begin, given, head in _short_mentions(ws, table, firsts):
            name = ws[given].text
            if ws[begin].start < body_start or len(name) == 1:
                continue  # "bà H." hides a name on purpose
            if _in_caption(doc, ws[begin].start) or _after_quote(doc, ws[begin].start):
                continue
            if firsts.get(name, -1) < given:
                continue  # no full name ending so, or one came first
            full = next(
                (m for m in people if m.first > given and _presents(ws, m, name, head)), None
            )
            if full is None:
                continue
            yield Hit(ws[begin].start, ws[given].end, args={"full": full.name})


def _presents(ws: Sequence[Word], m: Mention, name: str, head: tuple[str, ...] | None) -> bool:
    """Tell whether a mention introduces `name` in full (with the title the short form used)."""
    if ws[m.last].text != name:
        return False
    if head is None:
        return m.honorific is not None or bool(m.titles)
    return any(
        tuple(w.text.lower() for w in ws[t.first : t.first + len(head)]) == head for t in m.titles
    )


_CAPTION_RE = re.compile(
    r"\(\s*ảnh\s*:|(?:^|[.\s])ảnh\s*:|\((?:ngoài cùng |đứng |ngồi )?(?:bên )?(?:trái|phải|giữa)\b",
    re.IGNORECASE,
)


def _in_caption(doc: Document, offset: int) -> bool:
    """Tell whether the line holding `offset` is (or holds) a photo caption ("Ảnh: ...")."""
    start, end = _line_bounds(doc, offset)
    known = doc.memo("titles.caption_lines", lambda d: {})
    if start not in known:
        known[start] = bool(_CAPTION_RE.search(doc.text[start:end]))
    return known[start]


def _after_quote(doc: Document, offset: int) -> bool:
    """Tell whether a mention attributes the quotation just before it ("...” - ông Chung nói)."""
    start, _ = _line_bounds(doc, offset)
    # As `[”"’']\s*[-–—,]?\s*$` would say, without scanning the whole line.
    before = doc.text[start:offset].rstrip()
    if before[-1:] in ("-", "–", "—", ","):
        before = before[:-1].rstrip()
    return before[-1:] in ("”", '"', "’", "'")


def _short_mentions(
    ws: _Words, table: NameTable, firsts: Mapping[str, int]
) -> Iterator[tuple[int, int, tuple[str, ...] | None]]:
    """Yield (introducer, given name, title words or None) for "ông Chính", "Bộ trưởng Dũng",
    for the given names that a full name ends with, up to the first such full name (`firsts`:
    its index)."""
    texts = ws.texts
    for g in _after_introducers(ws, table, firsts):
        if shape(texts[g]) != "T" or not _linked(ws, g):
            continue
        if g + 1 < len(ws) and _linked(ws, g + 1) and shape(texts[g + 1]) in "TU":
            continue  # more capitalized words: a full name or a body, not a short form
        if texts[g].lower() in table.surnames:
            continue  # "ông Nguyễn": a family name alone is not a given name
        found = _introducer(ws, g, table)
        if found is not None:
            yield found[0], g, found[1]


def _after_introducers(ws: _Words, table: NameTable, firsts: Mapping[str, int]) -> list[int]:
    """Return, in order, the indexes of the words in `firsts` (up to the index it gives) that
    follow an introducer's or a title's last word.

    Each given name is looked for by `list.index` (in C), only up to its full name: that is
    mostly in the lead, so most of the article is never read. The word before it is then
    looked up in `table.introducer_lasts` itself: intersecting that set with the article's
    vocabulary first, as a pre-test, cost more than the lookups it could save (an article
    with a full name nearly always has some introducer's word).
    """
    if not firsts:
        return []
    lasts = table.introducer_lasts
    texts = ws.texts
    out = []
    for name, bound in firsts.items():
        g = 0  # the first word follows nothing: the search starts at the second
        while True:
            try:
                g = texts.index(name, g + 1, bound + 1)
            except ValueError:
                break
            if texts[g - 1] in lasts:
                out.append(g)
    out.sort()
    return out


def _introducer(ws: _Words, g: int, table: NameTable) -> tuple[int, tuple[str, ...] | None] | None:
    """Return where the honorific or title word before word g begins, and the title's words."""
    texts = ws.texts
    last = texts[g - 1].lower()
    for phrase in table.short_introducers:
        if phrase[-1] != last:
            continue
        begin = g - len(phrase)
        if begin < 0 or not all(_linked(ws, k) for k in range(begin + 1, g)):
            continue
        if tuple(w.lower() for w in texts[begin:g]) != phrase:
            continue
        if _linked(ws, begin) and texts[begin - 1].lower() in table.not_honorific_after:
            return None  # "ông bà Thiện", "các anh Hải"
        return begin, None
    if table.key(last) not in table.head_lasts:
        return None  # no title ends with the word before
    if g + 1 < len(ws) and _linked(ws, g + 1) and _is_word(texts[g], texts[g + 1]):
        return None  # "Bộ trưởng Quốc phòng": the word after a title opens a body's name
    for begin in range(max(0, g - 4), g):
        linked = all(_linked(ws, k) for k in range(begin + 1, g + 1))
        if linked and _title_head_end(ws, begin, table) == g - 1:
            return begin, tuple(w.lower() for w in texts[begin:g])
    return None


def _is_word(first: str, second: str) -> bool:
    """Tell whether two syllables make a dictionary word ("quốc phòng"), per the lexicon."""
    from vnlint.lexicon import default_lexicon

    return default_lexicon().is_word((first.lower(), second.lower()))


# -- headlines -----------------------------------------------------------------------------------


def article_headline(doc: Document, max_words: int = 40) -> Block | None:
    """Return the headline when the first line looks like one: short, with a body after it."""
    if len(doc.blocks) < 2:
        return None
    block = doc.blocks[0]
    first, last = _token_range(doc, block.start, block.end)
    return block if 2 <= last - first <= max_words else None


def _token_range(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Return the indexes of the first token starting at `start` or after, and of the first
    token starting at `end` or after."""
    starts = _token_starts(doc)
    return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)


@dataclass(frozen=True)
class HeadlineEndsWithPeriod:
    """Flag a headline that ends in a period; the fix deletes it.

    Keys: `abbreviations` (words whose period belongs to them: "Jr.", "Co."), `max-words`
    (a longer first line is a paragraph, not a headline). An ellipsis, `./.` and a period after
    a single letter are left alone.
    """

    respect_masks: ClassVar[bool] = True
    abbreviations: list[str] = field(default_factory=list)
    max_words: int = 40

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield the final period of the headline."""
        block = article_headline(doc, self.max_words)
        if block is None:
            return
        text = doc.text[block.start : block.end].rstrip()
        if not text.endswith(".") or text.endswith(("..", "./.")):
            return
        m = re.search(r"([^\W\d_]*)\.$", text)
        word = m.group(1) if m else ""
        if len(word) == 1 or word in self.abbreviations:
            return
        end = block.start + len(text)
        yield Hit(end - 1, end, suggestions=("",))


@dataclass(frozen=True)
class HeadlineTitleCase:
    """Flag a headline in English-style Title Case: `Hội Nghị Giao Ban Công Tác Xây Dựng Đảng`.

    Keys: `min-words`, `min-ratio` (share of capitalized words), `min-common` (capitalized
    words that are normally lowercase, per the lexicon: at most `common-ratio` of their
    mid-sentence uses are capitalized, among words seen at least `min-count` times). Proper
    names alone never make a headline Title Case.
    """

    respect_masks: ClassVar[bool] = True
    min_words: int = 5
    min_ratio: float = 0.8
    min_common: int = 3
    common_ratio: float = 0.2
    min_count: int = 100
    max_words: int = 40

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield the headline when most of its ordinary words are capitalized."""
        block = article_headline(doc, self.max_words)
        if block is None:
            return
        first, last = _token_range(doc, block.start, block.end)
        texts = doc.words[first:last]
        # The two counts below first, in C where they can be: most headlines are written in
        # sentence case and stop here, before any word is judged one by one.
        if not self._may_be_title_case(texts):
            return
        starts = doc.token_starts[first:last]
        judged = [
            (start, text, s)
            for start, text in zip(starts, texts, strict=True)
            if (s := shape(text)) in "Tl"
        ]
        if len(judged) < self.min_words:
            return
        if sum(s == "T" for _, _, s in judged) < self.min_ratio * len(judged):
            return
        from vnlint.lexicon import default_lexicon

        lexicon = default_lexicon()
        common = [
            (text, s)
            for start, text, s in judged
            if not at_sentence_start(doc.text, start)
            and lexicon.syllable_count(text) >= self.min_count
            and lexicon.capitalized_ratio(text) <= self.common_ratio
        ]
        capitalized = [text for text, s in common if s == "T"]
        if len(capitalized) < self.min_common or len(capitalized) < self.min_ratio * len(common):
            return
        end = block.start + len(doc.text[block.start : block.end].rstrip())
        yield Hit(block.start, end, args={"words": ", ".join(capitalized[:4])})

    def _may_be_title_case(self, texts: Sequence[str]) -> bool:
        """Tell whether the headline's words pass the counts `find` starts with: enough words
        that are "T" or "l", and enough of them "T".

        The same counts, found cheaply: a word is "l" exactly when `str.islower` says so (no
        word is both upper and lower), and only a word opening with a capital can be "T".
        """
        lower = sum(map(str.islower, texts))
        capitals = compress(texts, map(str.isupper, map(itemgetter(0), texts)))
        title = sum(shape(t) == "T" for t in capitals)
        judged = title + lower
        # Written as `find`'s tests are, negated: the same result for any setting.
        return not (judged < self.min_words or title < self.min_ratio * judged)


@dataclass(frozen=True)
class HeadlineBodyMismatch:
    """Flag a name in the headline that the body writes otherwise.

    Keys: `max-words`. Two checks: a dash between capitalized words in the headline that the
    body drops ("miền Trung – Tây Nguyên" against "miền Trung  Tây Nguyên": unsafe fix, restore
    it), and a capitalized name of two or more syllables that the body never writes as the
    headline does but writes with other diacritics ("Võ Văn Thưởng" against "Võ Văn Thương": no
    fix, since either may be the wrong one).
    """

    respect_masks: ClassVar[bool] = True
    max_words: int = 40

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each body phrase that lost the headline's dash, and each renamed name."""
        block = article_headline(doc, self.max_words)
        if block is None:
            return
        ws = words(doc)
        split = _token_range(doc, block.end, block.end)[0]
        body = _Tail(ws, split)
        # A headline without a dash has none that the body could have lost.
        if any(dash in doc.text[block.start : block.end] for dash in _DASHES):
            yield from self._lost_dashes(doc, ws[:split], body)
        yield from self._renamed(doc, ws, split, body)
        yield from self._recounted(doc, block)

    def _recounted(self, doc: Document, block: Block) -> Iterator[Hit]:
        """Yield a headline count ("5 người chết") that the body gives only as another number.

        Precision first: a count is compared only when written in digits with no qualifier
        ("gần", "hơn", "thêm"...), not in a range, a date, a decimal or a percentage, before a
        noun that counts people or things; and only when the body gives that noun a count, always
        the same one, and never writes the headline's number (in digits or in words) anywhere.
        The word after the noun must say what befell them ("chết", "mất tích", "nhập viện"):
        "6 người hàng xóm" may be all of them where the body counts "2 người hàng xóm".
        """
        text = doc.text
        headline = text[block.start : block.end]
        if not any(map(str.isdigit, headline)):
            return
        body_start = block.end
        for m in _COUNT_RE.finditer(headline):
            if not _plain_count(headline, m) or m["next"] not in _OUTCOMES:
                continue
            if _JOINED_RE.match(headline, m.end()):
                continue  # "14 người chết và mất tích": the body may count each apart
            number, noun, nxt = m["number"], m["noun"], m["next"]
            # With the word after the noun when the headline has one: "người chết", not
            # "người mất tích".
            counts = {
                b["number"]
                for b in _COUNT_RE.finditer(text, body_start)
                if b["noun"] == noun and b["next"] == nxt and _plain_count(text, b)
            }
            if len(counts) != 1 or number in counts:
                continue
            if _writes_number(text, body_start, number):
                continue
            (other,) = counts
            shown = f"{other} {noun} {nxt}" if nxt else f"{other} {noun}"
            start, end = block.start + m.start(), block.start + m.end()
            yield Hit(start, end, no_fix=True, args={"headline": m.group(), "body": shown})

    def _lost_dashes(self, doc: Document, head: Sequence[Word], body: _Tail) -> Iterator[Hit]:
        for i in range(1, len(head)):
            if head[i].gap != _DASH or shape(head[i].text) != "T":
                continue
            if shape(head[i - 1].text) != "T":
                continue
            if not (_name_word(doc, head[i - 1]) and _name_word(doc, head[i])):
                continue  # "U23 Việt Nam - U23 Thái Lan": a score line, not two names
            left = [i - 2, i - 1] if i >= 2 and head[i - 1].gap == _SPACE else [i - 1]
            right = [i, i + 1] if i + 1 < len(head) and head[i + 1].gap == _SPACE else [i]
            if len(left) + len(right) < 3:
                continue
            wanted = [head[k].text for k in left + right]
            dash = doc.text[head[i - 1].end : head[i].start]
            cut = len(left)
            places = [
                b
                for b in body.find(wanted[0], re.escape(wanted[0]))
                if b + len(wanted) <= len(body)
                and [w.text for w in body[b : b + len(wanted)]] == wanted
            ]
            # The body writing the dash elsewhere shows it belongs there; without that, only a
            # run of spaces (where a character was lost) says so: "Phong Nha Kẻ Bàng" is a
            # spelling of its own.
            dashed = any(body[b + cut].gap == _DASH for b in places)
            for b in places:
                if not all(body[b + k].gap == _SPACE for k in range(1, len(wanted))):
                    continue
                before, after = body[b + cut - 1], body[b + cut]
                lost = len(doc.text[before.end : after.start]) > 1
                if not (dashed or lost):
                    continue
                # Show the capitalized words on each side of the dash ("Trung – Tây Nguyên").
                first = cut - 1
                while first > 0 and shape(wanted[first - 1]) == "T":
                    first -= 1
                last = cut
                while last + 1 < len(wanted) and shape(wanted[last + 1]) == "T":
                    last += 1
                start, end = body[b + first].start, body[b + last].end
                shown = doc.text[start : before.end] + dash + doc.text[after.start : end]
                headline = " ".join(wanted[first:cut]) + dash + " ".join(wanted[cut : last + 1])
                yield Hit(
                    start,
                    end,
                    suggestions=(shown,),
                    edits=(Edit(before.end, after.start, dash),),
                    args={"headline": headline, "body": doc.text[start:end]},
                )

    def _renamed(self, doc: Document, ws: _Words, split: int, body: _Tail) -> Iterator[Hit]:
        """Yield the headline's names that the body writes only with other diacritics (the
        headline is words 0..split-1; read as texts and gaps, words built for the runs only)."""
        from vnlint.vietnamese.tones import place_tone

        def exact(phrase: Sequence[Word]) -> str:
            return " ".join(place_tone(w.text.lower(), "T1") for w in phrase)

        def folded(phrase: Sequence[Word]) -> str:
            return " ".join(strip_marks(w.text) for w in phrase)

        for run in [ws[begin : last + 1] for begin, last in _name_runs(doc, ws, split)]:
            size = len(run)
            if body.holds(doc.text[run[0].start : run[-1].end], size):
                continue  # the body writes the name as the headline does
            target = exact(run)
            key = folded(run)
            # Only windows whose first word folds like the run's can match either way.
            # (the exact form folds like the run too).
            first = strip_marks(run[0].text)
            linked = []
            for b in body.find_folded(first):
                if b + size > len(body) or strip_marks(body[b].text) != first:
                    continue
                window = body[b : b + size]
                if all(x.gap == _SPACE for x in window[1:]) and folded(window) == key:
                    linked.append(window)
            if any(exact(w) == target for w in linked):
                continue
            other = next((w for w in linked if all(shape(x.text) == "T" for x in w)), None)
            if other is None:
                continue
            written = doc.text[other[0].start : other[-1].end]
            shown = doc.text[run[0].start : run[-1].end]
            if written.isascii() or shown.isascii():
                continue  # "Hong Kong" and "Hồng Kông": a spelling without marks, not a slip
            yield Hit(
                run[0].start,
                run[-1].end,
                suggestions=(written,),
                no_fix=True,
                args={"headline": shown, "body": written},
            )


def _name_runs(doc: Document, ws: _Words, split: int) -> list[tuple[int, int]]:
    """Return (first, last) of each run of two or more capitalized name words joined by spaces
    among words 0..split-1 (the headline), in order.

    A capital that opens the headline or a sentence may be no name ("Vụ Samson"): a run does
    not start there. Read from the token columns; only a word opening with a capital can be
    capitalized ("T"), so the others are passed over in C.
    """
    texts = ws.texts
    capitals = compress(count(), map(str.isupper, map(itemgetter(0), texts[:split])))
    out = []
    following = 0  # the word after the last run read
    for i in capitals:
        if i < following or shape(texts[i]) != "T":
            continue
        j = i
        while j + 1 < split and _spaced_title(ws, j + 1, j + 1) and _name_word_at(ws, j + 1):
            j += 1
        following = j + 1
        if not _name_word_at(ws, i):
            continue
        begin = i + 1 if at_sentence_start(doc.text, ws.starts[i]) else i
        if j > begin:
            out.append((begin, j))
    return out


# Nouns that count people or things in news headlines: "5 người chết", "3 bệnh nhân".
_COUNT_NOUNS = (
    "bệnh nhân",
    "bị can",
    "ca",
    "chiến sĩ",
    "công nhân",
    "cầu thủ",
    "học sinh",
    "ngư dân",
    "người",
    "nạn nhân",
    "thuyền viên",
    "trẻ",
    "đối tượng",
)
_COUNT_RE = re.compile(
    r"(?<![\w.,/:\-–—%])(?P<number>\d{1,4})[ \u00a0]+(?P<noun>"
    + "|".join(re.escape(n) for n in sorted(_COUNT_NOUNS, key=len, reverse=True))
    + r")(?![^\W\d_])(?:[ \u00a0]+(?P<next>[^\W\d_]+))?"
)
# The first syllable of an outcome after a count: "chết", "tử vong", "thiệt mạng", "mất tích",
# "bị thương", "nhập viện", "mắc", "nhiễm".
_OUTCOMES = frozenset({"bị", "chết", "mắc", "mất", "nhiễm", "nhập", "thiệt", "tử"})
# A second outcome joined to the first: "chết và mất tích", "chết, bị thương".
_JOINED_RE = re.compile(r"[ \u00a0]*(?:[^\W\d_]+[ \u00a0]*)?(?:và\b|hoặc\b|,|/)")
# Words before a number that make it approximate, partial or relative.
_QUALIFIERS = frozenset(
    {
        "gần",
        "hơn",
        "khoảng",
        "trên",
        "dưới",
        "hàng",
        "chừng",
        "tới",
        "đến",
        "thêm",
        "lên",
        "còn",
        "mất",
        "ít",
        "nhất",
        "độ",
        "tầm",
        "cả",
        "top",
        "số",
        "thứ",
        "trong",
    }
)
_NUMBER_WORDS = {
    "1": "một",
    "2": "hai",
    "3": "ba",
    "4": "bốn",
    "5": "năm",
    "6": "sáu",
    "7": "bảy",
    "8": "tám",
    "9": "chín",
    "10": "mười",
}


def _plain_count(text: str, m: re.Match[str]) -> bool:
    """Tell whether a count is exact and alone: no qualifier before it, no range after it."""
    before = text[max(0, m.start() - 12) : m.start()].split()
    if before and before[-1].lower().strip('(“"') in _QUALIFIERS:
        return False
    if text[m.start() - 2 : m.start()].strip() in ("-", "–", "—", "/"):
        return False  # "4 - 5 người"
    after = text[m.end("number") : m.end("number") + 3].strip()
    return not after.startswith(("-", "–", "—"))


def _writes_number(text: str, start: int, number: str) -> bool:
    """Tell whether the text after `start` writes a number anywhere, in digits or in words."""
    if re.search(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)", text[start:]):
        return True
    word = _NUMBER_WORDS.get(number)
    return bool(word) and re.search(rf"(?<![^\W\d_]){word}(?![^\W\d_])", text[start:], re.I)


class _Tail(Sequence[Word]):
    """The words of a document from one index on (the body after the headline), unbuilt."""

    def __init__(self, ws: Sequence[Word], start: int) -> None:
        self._ws = ws
        self._start = start

    def __len__(self) -> int:
        return len(self._ws) - self._start

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._ws[self._start + index]

    def holds(self, phrase: str, size: int) -> bool:
        """Tell whether the text after the start holds `phrase` as `size` whole words."""
        doc = _doc_of(self._ws)
        if doc is None or not len(self):
            return False
        text = doc.text
        at = text.find(phrase, self._ws[self._start].start)
        while at >= 0:
            i = _index_at(doc, at)
            if (
                i is not None
                and i + size <= len(self._ws)
                and self._ws[i + size - 1].end == at + len(phrase)
            ):
                return True
            at = text.find(phrase, at + 1)
        return False

    def find_folded(self, folded: str) -> list[int]:
        """Return the indexes of the words that may fold to `folded` (marks and case aside)."""
        doc = _doc_of(self._ws)
        text = _folded_text(doc) if doc is not None else None
        if doc is None or text is None or not folded.isascii():
            return self.find(folded, _folded_pattern(folded))
        begin = self._ws[self._start].start if len(self) else len(text)
        out = []
        size = len(folded)
        at = text.find(folded, begin)
        while at >= 0:
            # A whole word only: no letter glued on either side.
            if not text[at - 1 : at].isalpha() and not text[at + size : at + size + 1].isalpha():
                i = _index_at(doc, at)
                if i is not None and i >= self._start:
                    out.append(i - self._start)
            at = text.find(folded, at + 1)
        return out

    def find(self, word: str, pattern: str) -> list[int]:
        """Return the indexes of the words that may be `word`, found by a pattern over the text."""
        doc = _doc_of(self._ws)
        if doc is None:
            return list(range(len(self)))
        begin = self._ws[self._start].start if len(self) else len(doc.text)
        out = []
        for m in re.compile(pattern).finditer(doc.text, begin):
            i = _index_at(doc, m.start())
            if i is not None and i >= self._start:
                out.append(i - self._start)
        return out


@cache
def _folded_pattern(folded: str) -> str:
    """Write a pattern for the words that fold to `folded` (any case, marks or tone style)."""
    folds = _fold_classes()
    return "(?i)" + "".join(
        folds.get(char, re.escape(char)) + "[\u0300-\u036f]*" for char in folded
    )


# The folding tables are built when a headline first needs them (1 ms, that most articles
# never pay), not at import.
@cache
def _fold_classes() -> dict[str, str]:
    """Map each bare letter to a class of every Latin letter that folds to it ("a": "[aàá...]")."""
    groups: dict[str, list[str]] = defaultdict(list)
    for c in (*range(0x250), *range(0x1E00, 0x1F00)):
        char = chr(c)
        if char.isalpha():
            base = strip_marks(char)
            if len(base) == 1:
                groups[base].append(char)
    return {b: "[" + "".join(re.escape(c) for c in cs) + "]" for b, cs in groups.items()}


@cache
def _fold_table() -> dict[int, str]:
    """Map each Latin letter to its bare lowercase letter, for `str.translate`."""
    return str.maketrans(
        {
            chr(c): strip_marks(chr(c))
            for c in (*range(0x250), *range(0x1E00, 0x1F00))
            if chr(c).isalpha() and len(strip_marks(chr(c))) == 1
        }
    )


_COMBINING_RE = re.compile("[\u0300-\u036f]")


def _folded_text(doc: Document) -> str | None:
    """Return the text with every Latin letter folded to its bare lowercase letter, offsets
    kept; None when combining marks (NFD text) would make the folding change lengths."""

    def fold(d: Document) -> str | None:
        return None if _COMBINING_RE.search(d.text) else d.text.translate(_fold_table())

    return doc.memo("titles.folded", fold)


def _name_word(doc: Document, word: Word) -> bool:
    """Tell whether a word can be part of a name: two letters or more, no digit glued on."""
    text = doc.text
    before = text[word.start - 1] if word.start > 0 else ""
    after = text[word.end] if word.end < len(text) else ""
    return len(word.text) > 1 and not before.isdigit() and not after.isdigit()


def _name_word_at(ws: _Words, i: int) -> bool:
    """Tell whether word i can be part of a name, as `_name_word` does (no word built)."""
    text, start, end = ws._text, ws.starts[i], ws.ends[i]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return len(ws.texts[i]) > 1 and not before.isdigit() and not after.isdigit()


__all__ = [
    "ConflictingPersonTitle",
    "HeadlineBodyMismatch",
    "HeadlineEndsWithPeriod",
    "HeadlineTitleCase",
    "InconsistentName",
    "MiscapitalizedName",
    "ShortNameBeforeFull",
    "find_names",
    "find_people",
    "name_table",
]
