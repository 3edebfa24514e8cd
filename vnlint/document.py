"""Model an article: its text as read, lines, blocks, masks, suppressions and syllable tokens."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress, repeat
from typing import NamedTuple, TypeVar

T = TypeVar("T")

BOM = "\ufeff"

_NEW_TUPLE = tuple.__new__  # skips NamedTuple's Python-level __new__

# Line breaks as editors count them; `str.splitlines` would also split on U+2028, VT, FF...
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A syllable: letters, with combining marks allowed inside (NFD text must still tokenize into
# whole syllables, so that the NFC rule can point at them). Chosen over PyICU's word break
# iterator by measurement: see benchmarks/tokenize_bench.py and the README.
# Written as a run of letters, then runs of marks and letters: in NFC text the first run is the
# whole syllable, matched by one character-class loop (faster than an alternation per letter).
TOKEN_RE = re.compile(r"[^\W\d_]+(?:[\u0300-\u036f]+[^\W\d_]*)*")
# The same, capturing, for re.split: text and tokens alternate, with no match objects built.
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")

_URL = r"(?:https?|ftp)://[^\s<>\"“”]+|www\.[^\s<>\"“”]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_DOMAIN = (
    r"(?<![\w@.])[\w-]+(?:\.[\w-]+)*\."
    r"(?:vn|com|net|org|gov|edu|info|io|biz|tv|asia|int|uk|us|cn|jp|kr|fr|de)"
    r"(?![\w-])(?:/[^\s<>\"“”]*)?"
)
_HTML_COMMENT = r"<!--.*?-->"
_HTML_TAG = r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
_TLD_RE = re.compile(_DOMAIN[_DOMAIN.index(r"\.(?:") :].split("(?:/")[0])


def _run_start(text: str, end: int, letters: str) -> int:
    """Return where the run of word characters and `letters` that ends at `end` begins."""
    while end and (text[end - 1].isalnum() or text[end - 1] in letters):  # \w, as re has it
        end -= 1
    return end


def _email_from(text: str) -> int | None:
    """Return where an e-mail can start at the earliest: the run of name characters before the
    first "@" (an address holds one); None if there is no "@"."""
    at = text.find("@")
    return None if at < 0 else _run_start(text, at, "_.+-")


def _domain_from(text: str) -> int | None:
    """Return where a domain can start at the earliest: the run of host characters before the
    first top-level domain (every domain ends in one, after such a run); None if none."""
    tld = _TLD_RE.search(text)
    return None if tld is None else _run_start(text, tld.start(), "_.-")


# Each mask pattern with a cheap test of where it can match first (None: nowhere): most
# articles hold no URL, e-mail or tag, and scanning for them is a large share of the time spent
# on a file. The scan starts there; look-behinds still see the text before it.
_MASKS: tuple[tuple[Callable[[str], int | None], re.Pattern[str]], ...] = (
    (lambda t: 0 if "<!--" in t else None, re.compile(_HTML_COMMENT, re.DOTALL)),
    (lambda t: 0 if "://" in t or "www." in t else None, re.compile(_URL)),
    (_email_from, re.compile(_EMAIL)),
    (_domain_from, re.compile(_DOMAIN)),
    (lambda t: 0 if "<" in t else None, re.compile(_HTML_TAG)),
)
_MD_CODE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.DOTALL | re.MULTILINE)
# Trailing punctuation is part of the sentence, not of the URL.
_URL_TRAILING = ".,;:!?)]}'’”»…"

_SUPPRESS_RE = re.compile(
    r"<!--\s*vnlint-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE
)
_CODE_LIST_RE = re.compile(r"VN\d{1,3}", re.IGNORECASE)


def _after_break(start: int, length: int) -> int:
    """Return where the next line starts, after a line of `length` and its "\n"."""
    return start + length + 1


class Token(NamedTuple):
    """A run of letters (one syllable in Vietnamese) and where it stands."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Block:
    """A headline or a paragraph: one non-empty line of the article."""

    kind: str  # "headline" or "paragraph"
    start: int
    end: int


@dataclass(frozen=True)
class Suppression:
    """Codes (or every code, when empty) silenced between two offsets."""

    start: int
    end: int
    codes: tuple[str, ...]

    def covers(self, code: str, offset: int) -> bool:
        """Tell whether this suppression silences `code` at `offset`."""
        if not self.start <= offset < self.end:
            return False
        return not self.codes or any(code.startswith(c) for c in self.codes)


class Document:
    """An article's text exactly as read, with views that rules share."""

    def __init__(
        self,
        text: str,
        path: str = "-",
        *,
        bom: bool = False,
        raw: bytes | None = None,
        read_error: str | None = None,
        failure: str | None = None,
    ) -> None:
        self.text = text
        self.path = path
        self.bom = bom
        # Set only when the bytes were not valid UTF-8: `text` is then a lossy stand-in.
        self.raw = raw
        # Set only when the file could not be read at all.
        self.read_error = read_error
        # Set only when checking the file failed on an error of vnlint's own (`runner.failed`).
        self.failure = failure
        self._memo: dict[str, object] = {}

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        """Compute a per-document analysis once and share it between rules (e.g. a spin score)."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]  # type: ignore[return-value]

    def release(self) -> None:
        """Drop the shared views and analyses, once every rule is done with the document.

        Rules' analyses refer back to the document, so without this each checked document
        leaves a reference cycle that only the garbage collector frees; released, it is freed
        at once, and a long audit needs the collector rarely (`runner.settle_heap`).
        """
        views = vars(type(self))
        for name in [n for n in self.__dict__ if isinstance(views.get(n), cached_property)]:
            del self.__dict__[name]
        self._memo = {}

    @property
    def undecodable(self) -> bool:
        """Tell whether the text is not the file's true content (unreadable or not UTF-8, or
        standing for a file whose check failed)."""
        return self.raw is not None or self.read_error is not None or self.failure is not None

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "-") -> Document:
        """Decode UTF-8 (with or without a BOM); keep undecodable bytes for the encoding rule."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return cls(data.decode("utf-8", errors="replace"), path, raw=data)
        return cls.from_text(text, path)

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> Document:
        """Wrap decoded text, remembering (and hiding) a leading BOM."""
        if text.startswith(BOM):
            return cls(text[1:], path, bom=True)
        return cls(text, path)

    @property
    def is_markdown(self) -> bool:
        """Tell whether the article is Markdown (masks code, not only URLs)."""
        return self.path.lower().endswith((".md", ".markdown"))

    # -- lines -------------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Return the offset at which each line begins."""
        if "\r" in self.text:
            return (0, *(m.end() for m in _LINE_BREAK.finditer(self.text)))
        # Only "\n" breaks lines: the running sum of the lines' lengths, each with its break.
        return tuple(accumulate(map(len, self.text.split("\n")[:-1]), _after_break, initial=0))

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column (in code points) of an offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def lines(self) -> tuple[tuple[int, int], ...]:
        """Return (start, end) of each line, without its line break."""
        return self._lines

    @cached_property
    def _lines(self) -> tuple[tuple[int, int], ...]:
        starts = self.line_starts
        out = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            while end > start and self.text[end - 1] in "\r\n":
                end -= 1
            out.append((start, end))
        return tuple(out)

    # -- blocks ------------------------------------------------------------------------------

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """Split the article into its headline (first non-empty line) and paragraphs."""
        out: list[Block] = []
        for start, end in self.lines():
            if not self.text[start:end].strip():
                continue
            out.append(Block("paragraph" if out else "headline", start, end))
        return tuple(out)

    @property
    def headline(self) -> Block | None:
        """Return the headline block, if the article has any text."""
        return self.blocks[0] if self.blocks else None

    # -- masks -------------------------------------------------------------------------------

    @cached_property
    def masks(self) -> tuple[tuple[int, int], ...]:
        """Return sorted, merged spans that rules must not touch (URLs, e-mails, tags, code)."""
        spans = []
        for first_start, pattern in _MASKS:
            pos = first_start(self.text)
            if pos is None:
                continue
            for m in pattern.finditer(self.text, pos):
                start, end = m.span()
                if not m.group().startswith("<"):
                    while end > start and self.text[end - 1] in _URL_TRAILING:
                        end -= 1
                spans.append((start, end))
        if self.is_markdown:
            spans.extend(m.span() for m in _MD_CODE_RE.finditer(self.text))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)

    @cached_property
    def _mask_starts(self) -> list[int]:
        return [s for s, _ in self.masks]

    def is_masked(self, start: int, end: int) -> bool:
        """Tell whether [start, end) overlaps a masked span (or an insertion point lies inside)."""
        # Masks are disjoint and sorted: only the last one starting before `end` can overlap.
        probe = end - 1 if end > start else start - 1
        i = bisect.bisect_right(self._mask_starts, probe) - 1
        return i >= 0 and self.masks[i][1] > start

    # -- suppressions -------------------------------------------------------------------------

    @cached_property
    def suppressions(self) -> tuple[Suppression, ...]:
        """Read `<!-- vnlint-disable ... -->` style comments into suppressed regions."""
        out: list[Suppression] = []
        open_regions: dict[tuple[str, ...], int] = {}
        for m in _SUPPRESS_RE.finditer(self.text):
            action = m.group(1).lower()
            codes = tuple(sorted({c.upper() for c in _CODE_LIST_RE.findall(m.group(2))}))
            if action == "disable-next-line":
                line, _ = self.line_col(m.end())
                if line < len(self.line_starts):
                    start = self.line_starts[line]
                    end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else None
                    out.append(Suppression(start, end or len(self.text), codes))
            elif action == "disable":
                open_regions.setdefault(codes, m.end())
            else:
                for key in [k for k in open_regions if not codes or k == codes]:
                    out.append(Suppression(open_regions.pop(key), m.start(), key))
        for key, start in open_regions.items():
            out.append(Suppression(start, len(self.text), key))
        return tuple(out)

    def is_suppressed(self, code: str, offset: int) -> bool:
        """Tell whether an inline comment silences `code` at `offset`."""
        return any(s.covers(code, offset) for s in self.suppressions)

    # -- tokens ------------------------------------------------------------------------------

    @property
    def words(self) -> list[str]:
        """Return each token's text, in order (shared: many rules only need the words)."""
        return self._token_columns[2]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Return the distinct token texts: rules decide per distinct word, not per token."""
        return frozenset(self.words)

    @property
    def token_starts(self) -> list[int]:
        """Return each token's start offset, for bisecting from an offset to a token."""
        return self._token_columns[0]

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Return the letter runs (syllables) of the text, masked spans excluded."""
        # Built by C-level map and zip: tokens are the hot path of every pack.
        return tuple(map(_NEW_TUPLE, repeat(Token), zip(*self._token_columns, strict=True)))

    def token(self, i: int) -> Token:
        """Return token i without building every token (rules that judge a few tokens)."""
        if "tokens" in self.__dict__:
            return self.tokens[i]
        starts, ends, words = self._token_columns
        return _NEW_TUPLE(Token, (starts[i], ends[i], words[i]))

    @property
    def token_count(self) -> int:
        """Return the number of tokens (without building them)."""
        return len(self._token_columns[0])

    @property
    def token_columns(self) -> tuple[list[int], list[int], list[str]]:
        """Return the tokens' starts, ends and texts as three lists (shared; do not modify)."""
        return self._token_columns

    @cached_property
    def _token_columns(self) -> tuple[list[int], list[int], list[str]]:
        """Return the tokens' starts, ends and texts as three lists."""
        # split() alternates gaps and tokens; the running sum of their lengths gives every
        # token's start (the end of the gap before it) and end, all at C speed.
        parts = _TOKEN_SPLIT.split(self.text)
        offsets = list(accumulate(map(len, parts)))
        starts = offsets[0:-1:2]
        ends = offsets[1::2]
        words = parts[1::2]
        if self.masks:
            # Drop the tokens that overlap a masked span (few spans; bisect for each).
            keep = [True] * len(starts)
            for mask_start, mask_end in self.masks:
                first = bisect.bisect_right(ends, mask_start)
                last = bisect.bisect_left(starts, mask_end, first)
                keep[first:last] = [False] * (last - first)
            starts = list(compress(starts, keep))
            ends = list(compress(ends, keep))
            words = list(compress(words, keep))
        return starts, ends, words
