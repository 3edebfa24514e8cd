"""Typography kinds: spacing around punctuation and brackets, doubled words, lines and spaces."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count, islice
from operator import eq
from typing import ClassVar

from vnlint.diagnostic import Edit, Severity
from vnlint.document import Document
from vnlint.kinds.base import Context, Hit, KeylessKind

_SPACES = " \t\u00a0\u202f"
_NARROW = "\u00a0\u202f"


@dataclass(frozen=True)
class SpaceBeforePunctuation:
    """Flag spaces between a word and the punctuation mark that follows it.

    Keys: `marks` (the marks that attach to the word before them), `french_marks` (marks
    that French-style typography spaces with a no-break space: only a warning then).
    """

    respect_masks: ClassVar[bool] = True
    marks: str = ",.;:!?"
    french_marks: str = ";:!?"

    @cached_property
    def _re(self) -> re.Pattern[str]:
        marks = re.escape(self.marks)
        # The mark must end there (not ".5", not ":D"), and "..."/"./." are not stray marks.
        # The pattern opens on the mark, with the space before it as a look-behind: the engine
        # then stops at each mark, not at each space (spaces are several times more frequent).
        # The rest of the run of spaces, and the word before it, are read in Python.
        return re.compile(rf"([{marks}])(?<=[{_SPACES}][{marks}])(?![\w.]|/\.)")

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each run of spaces before a mark."""
        text = doc.text
        for m in self._re.finditer(text):
            # As `[spaces]+(mark)` would match: from the first space of the run.
            start = m.start() - 1
            while start and text[start - 1] in _SPACES:
                start -= 1
            before = text[start - 1] if start else ""
            if not before or before.isspace():
                continue  # spaces opening a line, or after a line break: not after a word
            mark = m.group(1)
            after = text[m.end(1) : m.end(1) + 2].lstrip(_SPACES)[:1]
            if mark in "?!" and ((after and not after.isalpha()) or not before.isalnum()):
                continue  # "Angers ? - ? Rennes": a placeholder, not the end of a sentence
            spaces = text[start : m.start(1)]
            severity = None
            if m.group(1) in self.french_marks and all(c in _NARROW for c in spaces):
                severity = Severity.WARNING
            yield Hit(
                start,
                m.start(1),
                suggestions=("",),
                args={"mark": m.group(1)},
                severity=severity,
            )


@dataclass(frozen=True)
class SpaceInsideBrackets:
    """Flag spaces just inside brackets and quotation marks: `( khóa XIII )`, `“ Đẩy mạnh ”`.

    Keys: `opening`, `closing` (paired bracket characters), `straight_quotes` (also check
    `"`, pairing them within a paragraph when their count there is even).
    """

    respect_masks: ClassVar[bool] = True
    opening: str = "([{“«"
    closing: str = ")]}”»"
    straight_quotes: bool = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each run of spaces after an opening or before a closing mark."""
        text = doc.text
        yield from self._after_opening(text)
        yield from self._before_closing(text)
        if self.straight_quotes:
            yield from self._straight(doc)

    def _after_opening(self, text: str) -> Iterator[Hit]:
        r"""Yield the spaces after each opening mark, as `([opening])[spaces]+(?=\S)` finds them.

        Brackets are few (a handful an article) and `str.find` skips to them many times faster
        than a regular expression scanning for a class: each mark is found apart, and the
        matches are then read in order, each from where the one before it ended, as the
        pattern's scan would (a mark inside a match's spaces, with odd keys, opens nothing).
        """
        marks = sorted(
            i for mark in set(self.opening) for i in _positions(text, mark, 0, len(text))
        )
        resume = 0
        for i in marks:
            if i < resume:
                continue
            j = i + 1
            while j < len(text) and text[j] in _SPACES:
                j += 1
            if j == i + 1 or j == len(text) or text[j].isspace():
                continue  # no spaces, or nothing visible after them: no match
            resume = j
            if text[j] in self.closing:
                continue  # "( )": an empty pair is not a spacing slip
            yield Hit(i + 1, j, suggestions=("",), args={"mark": text[i]})

    def _before_closing(self, text: str) -> Iterator[Hit]:
        r"""Yield the spaces before each closing mark that follows a word (as
        `(?<=\S)[spaces]+([closing])` finds them), the marks found by `str.find` as above."""
        marks = sorted(
            i for mark in set(self.closing) for i in _positions(text, mark, 1, len(text))
        )
        for i in marks:
            if text[i - 1] not in _SPACES:
                continue
            start = i - 1
            while start and text[start - 1] in _SPACES:
                start -= 1
            if not start or text[start - 1].isspace():
                continue  # no word before the spaces (what `(?<=\S)` asked)
            if text[start - 1] in self.opening:
                continue
            yield Hit(start, i, suggestions=("",), args={"mark": text[i]})

    def _straight(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        if '"' not in text:
            return
        for start, end in doc.lines():
            quotes = _positions(text, '"', start, end)
            if not quotes or len(quotes) % 2:
                continue  # unpaired: which quote opens is unknowable
            if not _parity_agrees(text, start, end, quotes):
                continue  # inch marks, nested or stray quotes: pairing by order would mislead
            for n, q in enumerate(quotes):
                if n % 2 == 0:
                    j = q + 1
                    while j < end and text[j] in _SPACES:
                        j += 1
                    if j > q + 1 and j < end and text[j] != '"':
                        yield Hit(q + 1, j, suggestions=("",), args={"mark": '"'})
                else:
                    j = q
                    while j > start and text[j - 1] in _SPACES:
                        j -= 1
                    if j < q and j > start and text[j - 1] != '"':
                        yield Hit(j, q, suggestions=("",), args={"mark": '"'})


def _positions(text: str, char: str, start: int, end: int) -> list[int]:
    """Return every offset of `char` in text[start:end]."""
    out = []
    i = text.find(char, start, end)
    while i >= 0:
        out.append(i)
        i = text.find(char, i + 1, end)
    return out


def _parity_agrees(text: str, start: int, end: int, quotes: list[int]) -> bool:
    """Tell whether every quote whose side is clear opens or closes as its order says.

    A quote with a word glued to its right only opens, one with a word glued to its left only
    closes; a quote with spaces on both sides could be either, and a quote glued on both sides
    (`5"3`) is no quotation mark at all.
    """
    for n, q in enumerate(quotes):
        left = q > start and not text[q - 1].isspace()
        right = q + 1 < end and not text[q + 1].isspace() and text[q + 1] not in ",.;:!?)…"
        if left and right:
            return False
        if right and not left and n % 2 == 1:
            return False
        if left and not right and n % 2 == 0:
            return False
    return True


class MultipleSpaces(KeylessKind):
    """Flag two or more spaces between words (not indentation, not line ends, not tabs)."""

    respect_masks: ClassVar[bool] = True
    _re: ClassVar[re.Pattern[str]] = re.compile(r"[ \u00a0]{2,}(?=\S)")
    # The same without no-break spaces (most articles have none), written so that it opens on
    # two literal spaces: the engine then skips ahead to them instead of trying every space.
    _plain_re: ClassVar[re.Pattern[str]] = re.compile(r"   *(?=\S)")

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each run of spaces that should be one."""
        text = doc.text
        pattern = self._re if "\u00a0" in text else self._plain_re
        for m in pattern.finditer(text):
            if not m.start() or text[m.start() - 1].isspace():
                continue  # indentation, not spaces between words
            yield Hit(m.start(), m.end(), suggestions=(" ",), args={"count": len(m.group())})


@dataclass(frozen=True)
class RepeatedWord:
    """Flag a word or phrase written twice in a row: `kinh nghiệm kinh nghiệm`.

    Keys: `max_syllables` (longest phrase compared), `single` (one-syllable words whose
    doubling is always a slip; other single syllables double legitimately: `ngày ngày`,
    `nhà nhà`, `người người`).
    """

    respect_masks: ClassVar[bool] = True
    max_syllables: int = 4
    single: list[str] = field(default_factory=list)

    @cached_property
    def _single(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.single)

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield the second copy of each doubled phrase, with a fix that deletes it."""
        text = doc.text
        # Words are compared as written: a doubled phrase is typed twice alike, and copies that
        # differ in case are headings glued to their paragraph, which this rule leaves alone.
        words = doc.words
        # Only a word that recurs within max_syllables can start a doubled phrase: find those
        # first (the comparisons run in C), so the common case costs almost nothing.
        found: set[int] = set()
        # NumPy compares the words' hashes, once an archive run has loaded it (the typo and
        # spin packs do after their first documents): a third of the time of one comparison
        # pass per n. It is never imported here: the one-file case keeps the plain passes.
        numpy = sys.modules.get("numpy")
        hashes = numpy.array(list(map(hash, words)), numpy.int64) if numpy else None
        for n in range(1, self.max_syllables + 1):
            # A phrase of n words is doubled at i when word k equals word k + n for each k in
            # i..i+n-1: n such positions in a row. They are rare (a few per article), so the
            # run is checked in Python, on them only.
            if hashes is None:
                same = list(compress(count(), map(eq, words, islice(words, n, None))))
            else:
                # Equal hashes, then equal words (hashes of different words may collide).
                alike = numpy.flatnonzero(hashes[:-n] == hashes[n:]).tolist()
                same = [i for i in alike if words[i] == words[i + n]]
            if n == 1:
                found.update(same)
            elif len(same) >= n:
                at = set(same)
                found.update(i for i in same if all(i + k in at for k in range(1, n)))
        if not found:
            return
        starts, ends, _ = doc.token_columns
        gap = _Gaps(text, starts, ends)
        resume = 0
        for i in sorted(found):
            if i < resume:
                continue  # inside a repeat already reported ("a b a b a b" is one finding)
            repeat = self._repeat_at(i, text, starts, ends, words, gap)
            if repeat is not None:
                hit, resume = repeat
                yield hit

    def _repeat_at(
        self,
        i: int,
        text: str,
        starts: list[int],
        ends: list[int],
        words: list[str],
        gap: _Gaps,
    ) -> tuple[Hit, int] | None:
        """Return the longest doubled phrase starting at token i, and the token after it."""
        for n in range(self.max_syllables, 0, -1):
            if i + 2 * n > len(words):
                continue
            if words[i : i + n] != words[i + n : i + 2 * n]:
                continue
            if not all(gap[j] for j in range(i, i + 2 * n - 1)):
                continue
            if n == 1 and (words[i].casefold() not in self._single or _in_aabb(words, gap, i)):
                continue
            if n > 1 and len(set(words[i : i + n])) == 1:
                continue  # "ngày ngày ngày ngày" is one reduplication, not a phrase twice
            if words[i][0].isupper() != words[i + n][0].isupper():
                continue  # "Về khung gầm Khung gầm...": a heading glued to its paragraph
            # Capitalized repeats are mostly a heading or a byline glued to the next line
            # ("Mỹ Tâm Mỹ Tâm và..."): worth a look, not a certain slip.
            capitalized = words[i + n][0].isupper()
            second, last = starts[i + n], ends[i + 2 * n - 1]
            hit = Hit(
                second,
                last,
                edits=(Edit(ends[i + n - 1], last, ""),),
                args={"phrase": text[second:last]},
                severity=Severity.WARNING if n == 1 or capitalized else None,
            )
            return hit, i + 2 * n - 1
        return None


class _Gaps:
    """gaps[i]: tokens i and i+1 are separated by spaces only (one phrase), computed on demand."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends

    def __getitem__(self, i: int) -> bool:
        if not 0 <= i < len(self.starts) - 1:
            return False
        end, start = self.ends[i], self.starts[i + 1]
        return end < start and self.text[end:start].strip(_SPACES) == ""


def _in_aabb(words: list[str], gap: _Gaps, i: int) -> bool:
    """Tell whether words[i] doubles inside an AABB reduplication ("đi đi về về")."""
    before = i >= 2 and words[i - 2] == words[i - 1] != words[i] and gap[i - 2] and gap[i - 1]
    after = i + 3 < len(words) and words[i + 2] == words[i + 3] != words[i] and gap[i + 1]
    return before or (after and gap[i + 2])


@dataclass(frozen=True)
class RepeatedLine:
    """Flag a line that repeats the line before it (captions pasted twice).

    Keys: `min_words` (shorter lines, such as separators, may repeat).
    """

    respect_masks: ClassVar[bool] = True
    min_words: int = 3

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each repeated line, with a fix that deletes it and the break before it."""
        text = doc.text
        previous: tuple[int, int] | None = None
        for start, end in doc.lines():
            content = text[start:end].strip()
            if not content:
                continue
            if previous is not None:
                p_start, p_end = previous
                if text[p_start:p_end].strip() == content and self._long_enough(content):
                    yield Hit(start, end, edits=(Edit(p_end, end, ""),))
                    continue  # a third copy is compared with the first, which stays
            previous = (start, end)

    def _long_enough(self, content: str) -> bool:
        return len(re.findall(r"[^\W\d_]+", content)) >= self.min_words


@dataclass(frozen=True)
class StrayPunctuationLine:
    """Flag a line holding nothing but punctuation (`,` or `.` left over from editing).

    Keys: `marks` (characters that make up such a line). An ellipsis line and the end mark
    `./.` are not stray.
    """

    respect_masks: ClassVar[bool] = True
    marks: str = ",.;:"

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each punctuation-only line, with a fix that deletes the line."""
        text = doc.text
        lines = doc.lines()
        for n, (start, end) in enumerate(lines):
            content = text[start:end].strip()
            if not content or any(c not in self.marks for c in content):
                continue
            if re.fullmatch(r"\.{3,}", content):
                continue
            c_start = start + text[start:end].index(content)
            # Delete the line with the break before it (or after it, on the first line).
            if n > 0:
                edit = Edit(lines[n - 1][1], end, "")
            elif n + 1 < len(lines):
                edit = Edit(start, lines[n + 1][0], "")
            else:
                edit = Edit(start, end, "")
            yield Hit(c_start, c_start + len(content), edits=(edit,), args={"line": content})


@dataclass(frozen=True)
class MissingSpaceAfterPunctuation:
    """Flag a comma, semicolon or colon glued to the next word: `24-QĐ/TW,ngày`.

    Keys: `marks`. Decimals (`3,3%`), times (`18:30`), URLs and abbreviations with a period
    (`TP.HCM`, `PGS.TS`) are never flagged: the mark must sit between two words of at least
    `min_letters` letters.
    """

    respect_masks: ClassVar[bool] = True
    marks: str = ",;"
    min_letters: int = 2

    @cached_property
    def _re(self) -> re.Pattern[str]:
        n = self.min_letters
        marks = re.escape(self.marks)
        # The mark comes first in the pattern: the engine then jumps from mark to mark instead
        # of testing the look-behind at every character.
        return re.compile(rf"([{marks}])(?<=[^\W\d_]{{{n}}}[{marks}])(?=[^\W\d_]{{{n}}})")

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each glued mark, with a fix that inserts a space after it."""
        text = doc.text
        for m in self._re.finditer(text):
            before = _word_before(text, m.start(1))
            after = _word_after(text, m.end(1))
            if before.isupper() and after.isupper():
                continue  # "Bộ VH,TT&DL", "ĐH,CĐ": lists of abbreviations are written so
            yield Hit(
                m.start(1),
                m.end(1),
                edits=(Edit(m.end(1), m.end(1), " "),),
                args={"mark": m.group(1)},
            )


def _word_before(text: str, i: int) -> str:
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:i]


def _word_after(text: str, i: int) -> str:
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in ",;":
        j += 1
    return text[i:j]
