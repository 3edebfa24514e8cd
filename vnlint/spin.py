"""Judge whether an article was machine-spun: phrase evidence plus dictionary-free signals.

Vietnamese "spin content" tools rewrite an article word by word: a word becomes a bad synonym
("bộ máy" → "cỗ máy", "phục vụ" → "ship hàng", "xuất hiện" → "Open") or is padded into a longer
phrase ("hoàn thành" → "hoàn thành xong", "công tác" → "công tác làm việc"), and the titles of
Party and State offices come out corrupted ("đồng chí" → "chiến sỹ", "Chủ tịch" → "quản trị").

`assess(doc)` combines three kinds of evidence into one score in [0, 1]:

- phrases from `rules/_data/spin-phrases.toml`, each weighted by how rare it is in clean news
  (`phrase_weight`): a phrase clean news never uses weighs 1, a common one little. Some entries
  are swapped words ("cỗ máy", "nhìn nhận") that count only where the original fits the
  neighbouring syllables far better (`SWAP_MARGIN`): "tổ chức cỗ máy", not "cỗ máy chiến tranh";
- syllable bigrams clean news never uses although both syllables are common (the seams that a
  swapped or padded word leaves), counted with the shipped lexicon, so no dictionary is needed,
  and, more softly, bigrams it uses far less often than their syllables' frequencies predict;
- capitalized English words inside Vietnamese sentences ("…, Open nhiều cách làm hay").

The weighted evidence per 1,000 syllables, `z`, becomes `score = z / (z + half)`; `half` is
calibrated on clean news (`scripts/calibrate_spin.py`) so that an article is `spun` (score at
least 0.5) for at most a fixed, small share of clean articles, and `suspect` above a lower,
also calibrated, score. Everything here is pure: the document in, an assessment out.

Speed (the archive audit runs this on every article): nothing loops over every token in Python.
Each token gets a rank code with one C-level pass of dict look-ups (`Tokens.codes`), and each
pair of neighbours its state, two list look-ups away in a square table filled as pairs are first
met, or at once for archive runs (`_Common`), with one more pass (`Tokens.states`), or, once an
archive run has filled the table, one NumPy look-up (NumPy is imported for archive runs only,
never to check a few files). The states also mark where a phrase of the shipped table may open
(an opener in another letter case, "Các", has a code of its own) and where a loan word stands,
so that the phrase search (`_candidates`) and the English test look only there. Phrase
candidates are checked on the words around them (`words_near`), swapped words mostly from the
tokens alone (`_swap_fails`). Results are the same as a word-by-word scan of the whole text.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import islice, repeat
from operator import attrgetter, contains, getitem, itemgetter, or_
from typing import TYPE_CHECKING, NamedTuple

from vnlint.document import Document, Token

if TYPE_CHECKING:
    import numpy as np

    from vnlint.lexicon import Lexicon

TABLE = "spin-phrases"
VERDICTS = ("clean", "suspect", "spun")

# A word for phrase matching: letters and digits ("1 số ít"), combining marks kept inside.
WORD_RE = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_BLANKS = " \t\u00a0\u202f"
# What may stand between a lowercase word and a capitalized one inside a sentence.
_MID_SENTENCE_GAP = re.compile(r"[ \t\u00a0\u202f]*,?[ \t\u00a0\u202f]+")
# A phrase's separators: one space, or a comma and a space ("chỉ huy, quản trị").
_PHRASE_PART = re.compile(r"(,? )")
NUMBER = "#"  # a phrase word that stands for any number ("phát hành # hướng dẫn")

# Evidence weights and limits (the threshold itself is calibrated, see the module docstring).
# A phrase counts at most CAP times: a spinner repeats its substitutions, but so does an article
# that names one legitimate term ten times.
CAP = 3
# An unseen bigram is weak evidence alone (clean news has a few per 1,000 syllable pairs: names,
# rare words, loose style); a capitalized English word in a Vietnamese sentence is stronger.
ODD_BIGRAM_WEIGHT = 0.1
# Clean news has unseen bigrams too, at a calibrated rate per judged pair (`PhraseTable.odd_rate`,
# about 4 per 1,000, mostly seams between two common words: "phản đối hội nghị"). Only the excess
# over ODD_EXCESS times that rate counts: an article at its usual rate gets no odd-bigram evidence,
# one that a spinner seamed through gets what it has beyond it.
ODD_EXCESS = 2.0
ENGLISH_WEIGHT = 0.5
# Rare bigrams: syllables both seen at least ODD_MIN_COUNT times, expected side by side at least
# RARE_EXPECTED times, yet seen fewer than RARE_RATIO times that (never, below 100 expected): the
# softer seams a swapped word leaves ("nâng cao hiệu suất cao"). Clean news has them too, at a
# calibrated rate per judged pair (`PhraseTable.rare_rate`, about 14 per 1,000); only the excess
# over RARE_EXCESS times that rate counts, each weighing RARE_WEIGHT.
RARE_EXPECTED = 5.0
RARE_RATIO = 0.01
RARE_EXCESS = 2.0
RARE_WEIGHT = 0.05
# Syllables both seen at least this often, whose expected count side by side (independence,
# count(a) * count(b) / total) is at least ODD_EXPECTED, yet never seen side by side.
ODD_MIN_COUNT = 100
ODD_EXPECTED = 20.0
# An English word is odd when clean news writes it capitalized mid-sentence at most this often
# ("top", "online", "ship" are lowercase loans there; "Lukaku", "Viettel" are names).
ENGLISH_MAX_CAPITALIZED = 0.5
# Short texts are judged as if they had this many syllables: two phrases in a 30-word snippet
# are not the same evidence as sixty in a 900-word article.
MIN_WORDS = 300
# A swapped word ("cỗ máy" for "bộ máy") is spin where the original fits its neighbours at least
# e^SWAP_MARGIN times better: P(previous syllable | first syllable) and P(next | last), from the
# lexicon's bigram counts. "tổ chức cỗ máy": "chức bộ" is common, "chức cỗ" never seen.
SWAP_MARGIN = 3.0
# A "spun" verdict needs at least this much evidence in a text of MIN_WORDS syllables (two
# phrases clean news never uses), whatever the calibration says: one odd phrase is a choice of
# words, a spinner rewrites dozens.
MIN_SPUN_EVIDENCE = 2.0
# A phrase's weight halves at this rate of clean occurrences per million syllables.
HALF_WEIGHT_RATE = 10.0
# A phrase is tier 1 (flagged on its own) when clean news has it at most this many times.
TIER1_MAX_CLEAN = 2


@dataclass(frozen=True)
class Phrase:
    """A spun phrase: what the spinner writes, the original wording, and how telling it is."""

    spun: str
    original: tuple[str, ...]
    pattern: str  # "padding", "synonym" or "title"
    tier: int
    clean: int
    weight: float
    case: bool = False  # match the letter case too ("Open", "TT")
    unless_before: frozenset[str] = frozenset()  # a preceding word that cancels the match
    unless_after: frozenset[str] = frozenset()  # a following word that cancels the match
    mid_sentence: bool = False  # a lowercase word of the same sentence must precede it
    next_lower: bool = False  # the next word, if any, must start lowercase ("toàn nước Mỹ")
    before_name: bool = False  # only before a personal name ("quản trị nước Nguyễn Xuân Phúc")
    leader: bool = False  # only before the name of a Party or State leader ("chiến sỹ")
    swap: bool = False  # only where the original fits the neighbouring syllables far better

    @property
    def words(self) -> tuple[str, ...]:
        """Return the phrase's words, as compared (case-folded unless `case`)."""
        return _parse(self.spun, self.case)[0]

    @property
    def separators(self) -> tuple[str, ...]:
        """Return what stands between consecutive words: "" (spaces) or ","."""
        return _parse(self.spun, self.case)[1]


@dataclass(frozen=True)
class PhraseTable:
    """The phrase data and the score calibration, as read from `rules/_data/spin-phrases.toml`."""

    phrases: tuple[Phrase, ...]
    half: float  # z (evidence per 1,000 syllables) at which the score is 0.5: "spun"
    suspect: float  # the score from which an article is "suspect"
    leader_titles: tuple[str, ...]  # title openings that mark a leader ("Ủy viên Bộ Chính trị")
    odd_rate: float = 0.004  # unseen bigrams per judged pair in clean news (see ODD_EXCESS)
    rare_rate: float = 0.0136  # rare bigrams per judged pair in clean news (see RARE_EXCESS)

    @cached_property
    def index(self) -> PhraseIndex:
        """Index the phrases by the lowercase forms of their first two words (or first word)."""
        return _index_phrases(self.phrases)

    @cached_property
    def leader_keys(self) -> tuple[tuple[str, ...], ...]:
        """Return the leader titles as folded word tuples."""
        return tuple(tuple(_key(w) for w in t.split()) for t in self.leader_titles)


@dataclass(frozen=True)
class Entry:
    """One phrase under one index key."""

    rank: tuple[bool, int, int]  # the order candidates at one place are tried in (see below)
    skip: int  # phrase words before the key ("1" in "1 số ít")
    then: tuple[tuple[str, ...], ...]  # forms of the letter words right after the key
    phrase: Phrase
    # A swapped word whose words are all letter tokens, from the key on: its swap test may be
    # decided from the tokens alone (`_swap_fails`), on the `size` tokens from the key.
    token_swap: bool = False
    size: int = 0  # the phrase's number of words


Seconds = Mapping[str | None, tuple[Entry, ...]]  # an opener's entries by second word


@dataclass(frozen=True)
class PhraseIndex:
    """The phrases by the lowercase syllables (in both tone styles) a document writes them with.

    A phrase is keyed by its first two neighbouring words made of letters only (tokens of the
    document: "số ít" in "1 số ít"), or by one such word if it has no two. Candidates at one
    place are tried case-blind before case-sensitive, longest first, then in table order.
    """

    by_first: Mapping[str, Seconds]

    @cached_property
    def by_code(self) -> Sequence[Seconds | None]:
        """Return the second-word table of each ranked syllable (`_Common.codes`) a phrase
        opens with, by rank code (None for the others, and for the codes of unranked texts).

        A ranked syllable is one lowercase text, so most openers of a table other than the
        shipped one (whose openers the pair states mark) are found by their rank code, with one
        C-level pass over the document's codes (`_candidates`).
        """
        common = _common()
        by_code: list[Seconds | None] = [None] * len(common.rows)
        for first, seconds in self.by_first.items():
            code = common.codes.get(first, common.never)
            if code < common.never:
                by_code[code] = seconds
        return by_code


def _forms(word: str, case: bool) -> tuple[str, ...]:
    """Return the lowercase forms a phrase word may take in a text (T1 and T2 tone placement)."""
    from vnlint.vietnamese.tones import place_tone

    if case:
        return (word.lower(),)
    return tuple(dict.fromkeys((word, place_tone(word, "T2"))))


def _index_phrases(phrases: Sequence[Phrase]) -> PhraseIndex:
    keyed: dict[str, dict[str | None, list[Entry]]] = {}
    for position, phrase in enumerate(phrases):
        words = phrase.words
        letters = [w != NUMBER and w.isalpha() for w in words]
        if not any(letters):
            raise ValueError(f"spin phrase {phrase.spun!r} has no word of letters")
        start = letters.index(True)
        pair = next(
            (j for j in range(start, len(words) - 1) if letters[j] and letters[j + 1]), None
        )
        skip = start if pair is None else pair
        then = []
        if pair is not None:
            for j in range(pair + 2, len(words)):
                if not letters[j]:
                    break
                then.append(_forms(words[j], phrase.case))
        token_swap = phrase.swap and not skip and (len(then) == len(words) - 2 or len(words) == 1)
        rank = (phrase.case, -len(words), position)
        entry = Entry(rank, skip, tuple(then), phrase, token_swap, len(words))
        seconds = (None,) if pair is None else _forms(words[pair + 1], phrase.case)
        for first, second in itertools.product(_forms(words[skip], phrase.case), seconds):
            keyed.setdefault(first, {}).setdefault(second, []).append(entry)
    return PhraseIndex(
        {f: {s: tuple(e) for s, e in by_second.items()} for f, by_second in keyed.items()}
    )


@dataclass(frozen=True)
class PhraseMatch:
    """One occurrence of a table phrase in a document."""

    start: int
    end: int
    phrase: Phrase
    originals: tuple[str, ...]  # the phrase's originals, in the case and tone style of the text


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for spin, with what it weighs in the score."""

    start: int
    end: int
    text: str
    source: str  # "phrase", "title", "odd-bigram", "rare-bigram" or "english"
    weight: float
    original: str = ""


@dataclass(frozen=True)
class Signals:
    """The dictionary-free measurements of one document."""

    syllables: int
    pairs: int  # adjacent common lowercase syllables expected together (ODD_EXPECTED): judged
    odd_bigrams: tuple[tuple[int, int], ...]  # spans of pairs clean news never uses
    english: tuple[tuple[int, int], ...]  # spans of capitalized English words mid-sentence
    rare_pairs: int = 0  # adjacent lowercase syllable pairs the rare-bigram test judged
    rare: tuple[tuple[int, int], ...] = ()  # spans of pairs clean news (almost) never uses


@dataclass(frozen=True)
class SpinAssessment:
    """The verdict on one article: score in [0, 1], `clean`/`suspect`/`spun`, evidence."""

    score: float
    verdict: str
    evidence: tuple[Evidence, ...]  # strongest first
    matches: tuple[PhraseMatch, ...] = ()  # every phrase match, in text order
    z: float = 0.0  # weighted evidence per 1,000 syllables
    syllables: int = 0
    features: Mapping[str, float] = field(default_factory=dict)


# -- the table ---------------------------------------------------------------------------------


def phrase_weight(clean: int, total_syllables: int) -> float:
    """Weigh a phrase by its clean-corpus count: 1.0 when never seen, halving at 1 per million."""
    rate = clean * 1_000_000 / max(total_syllables, 1)
    return round(HALF_WEIGHT_RATE / (HALF_WEIGHT_RATE + rate), 3)


def tier_of(clean: int) -> int:
    """Return the tier a clean-corpus count earns: 1 (flag on its own) or 2 (verdict only)."""
    return 1 if clean <= TIER1_MAX_CLEAN else 2


def phrase_from_entry(entry: Mapping[str, object]) -> Phrase:
    """Build a phrase from one entry of the data file (keys in kebab-case)."""
    original = entry["original"]
    return Phrase(
        spun=unicodedata.normalize("NFC", str(entry["spun"])),
        original=tuple(map(str, original)) if isinstance(original, list) else (str(original),),
        pattern=str(entry["pattern"]),
        tier=int(str(entry.get("tier", 1))),
        clean=int(str(entry.get("clean", 0))),
        weight=float(str(entry.get("weight", 1.0))),
        case=entry.get("case") is True,
        unless_before=_keys(entry.get("unless-before")),
        unless_after=_keys(entry.get("unless-after")),
        mid_sentence=entry.get("mid-sentence") is True,
        next_lower=entry.get("next-lower") is True,
        before_name=entry.get("before-name") is True,
        leader=entry.get("leader") is True,
        swap=entry.get("swap") is True,
    )


def _keys(words: object) -> frozenset[str]:
    return frozenset(_key(str(w)) for w in words) if isinstance(words, list) else frozenset()


def _table_part(data: Mapping[str, object], name: str) -> Mapping[str, object]:
    part = data.get(name)
    return part if isinstance(part, dict) else {}


@cache
def phrase_table() -> PhraseTable:
    """Load (once per process) the shipped phrase table and score calibration."""
    from vnlint.rules import load_table

    data = load_table(TABLE)
    score = _table_part(data, "score")
    entries = data.get("phrases")
    titles = _table_part(data, "leaders").get("titles")
    return PhraseTable(
        phrases=tuple(phrase_from_entry(e) for e in entries) if isinstance(entries, list) else (),
        half=float(str(score.get("half", 10.0))),
        suspect=float(str(score.get("suspect", 0.3))),
        leader_titles=tuple(map(str, titles)) if isinstance(titles, list) else (),
        odd_rate=float(str(score.get("odd-rate", 0.004))),
        rare_rate=float(str(score.get("rare-rate", 0.0136))),
    )


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """Fold a word for comparison: NFC, lowercase, tone marks placed in the T1 style ("hòa")."""
    from vnlint.vietnamese.tones import place_tone

    folded = unicodedata.normalize("NFC", word).lower()
    return place_tone(folded, "T1") if folded.isalpha() else folded


@lru_cache(maxsize=4096)
def _parse(spun: str, case: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a phrase into its compared words and the separators between them."""
    parts = _PHRASE_PART.split(spun)
    words = tuple(p if case or p == NUMBER else _key(p) for p in parts[0::2])
    separators = tuple(s.strip() for s in parts[1::2])
    return words, separators


# -- words and phrases -------------------------------------------------------------------------


class Word(NamedTuple):
    """A run of letters or digits, with its folded form for comparison."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Tokens:
    """The document's syllable tokens as flat lists, built with C-speed passes (no per-token loop).

    Shared by the phrase search and the dictionary-free signals (`doc.memo("spin-tokens")`).
    `texts` are NFC (the document's own token texts when the text is NFC: shared, never
    modified). What the two ask of every token is worked out once, at C speed: each token's
    rank code (`codes`) and the state of each pair of neighbours (`states`).
    """

    starts: Sequence[int]
    ends: Sequence[int]
    texts: Sequence[str]
    nfc: bool = True  # the text is NFC: `texts` are the text's own letters

    @classmethod
    def of(cls, doc: Document) -> Tokens:
        """Read the document's tokens (`Document.token_columns`: masked spans already left out)."""
        if not doc.token_count:
            return cls((), (), ())
        starts, ends, texts = doc.token_columns  # shared lists: read, never modified
        nfc = unicodedata.is_normalized("NFC", doc.text)
        if not nfc:
            texts = [unicodedata.normalize("NFC", t) for t in texts]
        return cls(starts, ends, texts, nfc)

    @cached_property
    def codes(self) -> list[int]:
        """Return each token's rank code (`_Common.codes`): one C-level pass of dict look-ups."""
        common = _common()
        return list(map(common.codes.get, self.texts, repeat(common.never)))

    @cached_property
    def code_array(self) -> np.ndarray:
        """Return the rank codes as a NumPy array, for archive runs (`_Common.grid`). NumPy is
        imported only here, where the rows were filled (`_Common.fill`), never in the one-file
        case. (Converting the list is quicker than `np.fromiter` over the look-ups.)"""
        import numpy as np

        return np.array(self.codes, dtype=np.intp)

    @cached_property
    def states(self) -> bytes:
        """Return the state of each pair of neighbouring tokens, as the lexicon says (shared:
        read, never modified; see `_pair_states`)."""
        return _pair_states(self)

    @cached_property
    def lows(self) -> Sequence[str]:
        """Return the texts in lowercase (built on first use: few documents need them)."""
        return list(map(str.lower, self.texts))

    def positions(self, first: str, second: str | None = None) -> Iterator[int]:
        """Yield the indices where a lowercase form occurs (followed by `second`, if given)."""
        lows = self.lows
        i = -1
        while True:
            try:
                i = lows.index(first, i + 1)
            except ValueError:
                return
            if second is None or (i + 1 < len(lows) and lows[i + 1] == second):
                yield i


# The same words as WORD_RE, captured, so that `split` returns the gaps and the words in turn.
_WORD_SPLIT = re.compile(f"({WORD_RE.pattern})")
# A word reaches past a token through digits ("U23") and combining marks.
_WORD_CHAR = re.compile(r"[^\W_]|[\u0300-\u036f]")


def words_near(doc: Document, first: int, last: int, reach: int = 1) -> Sequence[Word]:
    """Return the words (letters or digits; masked ones left out) around tokens first..last.

    The stretch runs from a few tokens before `first` to at least `reach` words after token
    `last`, widened to whole words, so that every word a phrase check reads (the neighbours, a
    following name and title) is the same as in the whole document's word list.
    """
    text = doc.text
    starts, ends, texts = doc.token_columns  # shared lists: read, never modified
    n = len(starts)
    lo = starts[first - 1] if first >= 1 else 0
    while lo > 0 and _WORD_CHAR.match(text, lo - 1):
        lo -= 1
    last = min(last, n - 1)
    after = reach + 1
    while True:
        hi = ends[last + after] if last + after < n else len(text)
        while hi < len(text) and _WORD_CHAR.match(text, hi):
            hi += 1
        if not _DIGIT.search(text, lo, hi):
            # Without digits the words are the tokens (masked ones already left out).
            i = bisect.bisect_left(starts, lo)
            j = bisect.bisect_left(starts, hi, i)
            words = list(
                map(
                    _NEW_TUPLE,
                    repeat(Word),
                    zip(starts[i:j], ends[i:j], texts[i:j], map(_key, texts[i:j]), strict=True),
                )
            )
        else:
            words = [
                Word(lo + m.start(), lo + m.end(), w, _key(w))
                for m in WORD_RE.finditer(text[lo:hi])
                for w in (m.group(),)
            ]
            if doc.masks:
                words = [w for w in words if not doc.is_masked(w.start, w.end)]
        # Tokens glued by digits ("U23b") make fewer words than tokens: read further if needed.
        if hi == len(text) or sum(w.start > starts[last] for w in words) >= reach:
            return words
        after *= 2


def words_of(doc: Document) -> tuple[Word, ...]:
    """Return the document's words (letters or digits), masked spans excluded."""
    n = doc.token_count
    return tuple(words_near(doc, 0, n, len(doc.text))) if n else ()


def _gap(text: str, a: Word, b: Word) -> str:
    return text[a.end : b.start]


def _joined(text: str, a: Word, b: Word, separator: str) -> bool:
    """Tell whether two words are joined as a phrase requires: spaces, or a comma and spaces."""
    gap = _gap(text, a, b)
    if not gap or "\n" in gap or "\r" in gap:
        return False
    return gap.strip(_BLANKS) == separator


def _word_matches(word: Word, expected: str, case: bool) -> bool:
    if expected == NUMBER:
        return word.text.isdigit()
    if case:
        return unicodedata.normalize("NFC", word.text) == expected
    return word.key == expected


def _word_at(ws: Sequence[Word], start: int) -> int | None:
    """Return the index of the word starting at a text offset, if one does."""
    i = bisect.bisect_left(ws, start, key=_WORD_START)
    return i if i < len(ws) and ws[i].start == start else None


_WORD_START = attrgetter("start")
_NEW_TUPLE = tuple.__new__  # builds a named tuple without its Python-level __new__
_DIGIT = re.compile(r"\d")


Found = tuple[int, int, "Phrase", int, int]  # start, end, phrase, and the rewritten words' span


def find_phrases(
    doc: Document, table: PhraseTable | None = None, bigram_count: BigramCount | None = None
) -> tuple[PhraseMatch, ...]:
    """Find every table phrase in the document; a match inside a longer one is dropped.

    Candidates come from the phrase index (`PhraseTable.index`): a phrase is tried only where
    its indexed syllables occur side by side in the document, found at C speed (`_candidates`);
    each candidate is then checked on the words around it. `bigram_count` overrides the
    lexicon's counts for the swap test (the calibration passes leave-one-out counts).
    """
    table = table or phrase_table()
    tk = doc.memo("spin-tokens", Tokens.of)
    texts = tk.texts
    last = len(texts) - 1
    text = doc.text
    found: list[tuple[int, tuple[bool, int, int], Found]] = []
    for t, seconds in _candidates(tk, table.index):
        entries = seconds.get(None, ())
        if t < last:
            second = texts[t + 1].lower()
            if second in seconds:
                entries += seconds[second]
        for entry in entries:
            # A cheap look at the following tokens first: most candidates stop here, at the
            # first of them.
            then = entry.then
            if then:
                k = t + 2 + len(then)
                if k > last + 1 or texts[t + 2].lower() not in then[0]:
                    continue
                if not all(map(contains, then[1:], map(str.lower, texts[t + 3 : k]))):
                    continue
            if bigram_count is None and _swap_fails(doc, tk, t, entry):
                continue
            match = _check(doc, tk, t, entry, table, bigram_count)
            if match is not None:
                found.append((match[0], entry.rank, match))
    # In text order, then the index's order (longest phrase first), as `_distinct` expects.
    found.sort(key=lambda f: (f[0], f[1]))
    return tuple(
        PhraseMatch(start, end, p, _adapt(text[start:end], p))
        for start, end, p, _, _ in _distinct([f for _, _, f in found])
    )


def _candidates(tk: Tokens, index: PhraseIndex) -> list[tuple[int, Seconds]]:
    """Return the tokens that may open an indexed phrase, with their second-word tables (in
    no set order): every opener of a phrase of the shipped table that a second word of its may
    follow, and every opener of another table's. `find_phrases` reads the next token of each.

    Picked without a Python-level loop over the tokens. For the shipped table, the pair states
    mark PAIR after every opener, whatever its letter case, that a second word of its may
    follow (`_mark_openers`): the marks are sparse (one token in twenty), found, not scanned.
    For another table, a ranked syllable's rank code says whether it opens a phrase
    (`PhraseIndex.by_code`), and the other tokens ("Các", names, rare words), which the states
    mark OTHER, are looked up by their lowercase forms.
    """
    codes, texts = tk.codes, tk.texts
    if not codes:
        return []
    by_first = index.by_first
    last = len(codes) - 1
    # The last token has no pair and no next token: it may only open a phrase of one word.
    table = by_first.get(texts[last].lower())
    found: list[tuple[int, Seconds]] = [(last, table)] if table and None in table else []
    common = _common()
    if index is common.marked:
        marks = tk.states.translate(_PAIR_FLAG)
        opens = []
        t = marks.find(1)
        while t >= 0:
            opens.append(t)
            t = marks.find(1, t + 1)
        tables = map(common.tables.__getitem__, map(codes.__getitem__, opens))
        found += zip(opens, tables, strict=True)
        return found
    by_code = index.by_code
    opens = list(itertools.compress(itertools.count(), map(by_code.__getitem__, codes[:last])))
    found += zip(opens, map(by_code.__getitem__, map(codes.__getitem__, opens)), strict=True)
    others = list(itertools.compress(itertools.count(), tk.states.translate(_OTHER_FLAG)))
    hits = map(by_first.get, map(str.lower, map(texts.__getitem__, others)))
    found += filter(itemgetter(1), zip(others, hits, strict=True))
    return found


def _swap_fails(doc: Document, tk: Tokens, t: int, entry: Entry) -> bool:
    """Tell, from the tokens alone, that a swapped word's candidate fails its swap test.

    Most candidates are common words ("những", "so với") that fit their neighbours. The swap
    test reads the words next to the phrase, when blanks alone join them to it, and only in
    lowercase. From the tokens: such a neighbour is the next token when blanks alone stand
    between (unless more word characters are glued to it: "5người"); there is none when
    anything else stands between (unless a number is glued to the next token: "người5, ..."),
    since the only words between two tokens are numbers, and digits are never lowercase
    (letters there are masked, and a masked word is no neighbour; a gap with a combining mark,
    one of which is lowercase, says nothing). `_swap_margin` then decides, from cached sides.
    Whether the phrase matches at all does not matter: a failed swap test means no match
    either way. When a neighbour cannot be told this way, this says nothing (False) and
    `_check` decides.
    """
    if not entry.token_swap or not tk.nfc:
        return False
    text, starts, ends, texts = doc.text, tk.starts, tk.ends, tk.texts
    last = t + entry.size - 1
    if t <= 0 or last + 1 >= len(starts):
        return False
    left = right = None
    gap = text[ends[t - 1] : starts[t]]
    if gap == " " or _joined_gap(gap):
        before = starts[t - 1]
        if before and _WORD_CHAR.match(text, before - 1):
            return False  # the word before is longer than its token ("5người những")
        if texts[t - 1].islower():
            left = texts[t - 1]
    elif _WORD_CHAR.match(gap) or _MARK.search(gap):
        return False  # the word before may be the token with a number glued ("người5, những")
    gap = text[ends[last] : starts[last + 1]]
    if gap == " " or _joined_gap(gap):
        if _WORD_CHAR.match(text, ends[last + 1]):
            return False  # the word after is longer than its token
        if texts[last + 1].islower():
            right = texts[last + 1]
    elif _WORD_CHAR.match(gap, len(gap) - 1) or _MARK.search(gap):
        return False  # the word after may be the token with a number glued ("những 5người")
    phrase = entry.phrase
    return _swap_margin(phrase.spun, phrase.original[0], left, right) < SWAP_MARGIN


_MARK = re.compile(r"[\u0300-\u036f]")  # a combining mark (U+0345 is even a lowercase one)


def _joined_gap(gap: str) -> bool:
    """Tell whether a gap joins two words into a phrase: blanks only, on one line (`_joined`)."""
    return bool(gap) and "\n" not in gap and "\r" not in gap and not gap.strip(_BLANKS)


def _check(
    doc: Document,
    tk: Tokens,
    t: int,
    entry: Entry,
    table: PhraseTable,
    bigram_count: BigramCount | None,
) -> Found | None:
    """Check one candidate on the words around token t: the whole phrase, then its context."""
    phrase = entry.phrase
    ws = words_near(doc, t, t + len(phrase.words), _reach(phrase))
    at = _word_at(ws, tk.starts[t])
    if at is None or at < entry.skip:
        return None
    i = at - entry.skip
    n = _match_at(doc.text, ws, i, phrase)
    if not n or not _context_allows(doc, ws, i, i + n, phrase, table, bigram_count):
        return None
    lo, hi = _changed(phrase)
    return (ws[i].start, ws[i + n - 1].end, phrase, ws[i + lo].start, ws[i + n - 1 - hi].end)


def _reach(phrase: Phrase) -> int:
    """Return how many words after a phrase its context check may read."""
    # A name of up to four syllables, then a leader's title of up to six words.
    return 11 if phrase.leader or phrase.before_name else 1


def _distinct(found: Sequence[Found]) -> list[Found]:
    """Keep one match per spun word: the most telling, then the longest, then the first.

    A match nested in a longer one ("quy trình tiến độ" in "quy trình tiến độ chỉ định"), or
    two matches that rewrite the same word ("trong toàn cảnh", "toàn cảnh dịch"), are one piece
    of evidence. Matches that overlap but rewrite different words ("phát hành Quy chế", "Quy chế
    thao tác") are two, and the fix loop applies them in turn.
    """
    ranked = sorted(found, key=lambda m: (-m[2].weight, -len(m[2].words), m[0]))
    kept: list[Found] = []
    for m in ranked:
        start, end, _, core_start, core_end = m
        if any(k[0] <= start and end <= k[1] for k in kept):
            continue
        if any(k[3] < core_end and core_start < k[4] for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: (m[0], m[1]))


@lru_cache(maxsize=4096)
def _changed_words(spun: str, original: str) -> tuple[int, int]:
    """Count the words a phrase shares with its original at the start and at the end."""
    a = [_key(w) for w in spun.replace(",", " ").split()]
    b = [_key(w) for w in original.replace(",", " ").split()]
    lo = 0
    while lo < min(len(a), len(b)) - 1 and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < min(len(a), len(b)) - lo - 1 and a[-1 - hi] == b[-1 - hi]:
        hi += 1
    return lo, hi


def _changed(phrase: Phrase) -> tuple[int, int]:
    return _changed_words(phrase.spun, phrase.original[0])


def _match_at(text: str, ws: Sequence[Word], i: int, phrase: Phrase) -> int:
    """Return how many words the phrase spans from word i, or 0 when it does not match there."""
    words, separators = phrase.words, phrase.separators
    if i + len(words) > len(ws):
        return 0
    for j, expected in enumerate(words):
        if not _word_matches(ws[i + j], expected, phrase.case):
            return 0
        if j and not _joined(text, ws[i + j - 1], ws[i + j], separators[j - 1]):
            return 0
    return len(words)


def _context_allows(
    doc: Document,
    ws: Sequence[Word],
    i: int,
    end: int,
    phrase: Phrase,
    table: PhraseTable,
    bigram_count: BigramCount | None = None,
) -> bool:
    """Apply a phrase's context conditions, "when not to fire" first."""
    text = doc.text
    before = ws[i - 1] if i > 0 and _joined(text, ws[i - 1], ws[i], "") else None
    after = ws[end] if end < len(ws) and _joined(text, ws[end - 1], ws[end], "") else None
    if before is not None and before.key in phrase.unless_before:
        return False
    if after is not None and after.key in phrase.unless_after:
        return False
    if phrase.next_lower and after is not None and not after.text[0].islower():
        return False
    if phrase.mid_sentence:
        if i == 0 or not ws[i - 1].text[0].islower():
            return False
        if not _MID_SENTENCE_GAP.fullmatch(_gap(text, ws[i - 1], ws[i])):
            return False
        if after is None or not after.text[0].islower():
            return False
    if phrase.before_name and (after is None or _name_at(text, ws, end) == end):
        return False
    if phrase.swap and not _swap_fits(before, after, phrase, bigram_count):
        return False
    return not phrase.leader or _before_leader(doc, ws, end, table)


def _swap_fits(
    before: Word | None, after: Word | None, phrase: Phrase, bigram_count: BigramCount | None
) -> bool:
    """Tell whether the original fits the neighbours at least e^SWAP_MARGIN times better."""
    # A capitalized neighbour may be a name or a sentence start: its bigrams say nothing.
    left = before.text if before is not None and before.text.islower() else None
    right = after.text if after is not None and after.text.islower() else None
    if left is None and right is None:
        return False
    if bigram_count is None:
        return _swap_margin(phrase.spun, phrase.original[0], left, right) >= SWAP_MARGIN
    return _swap_margin(phrase.spun, phrase.original[0], left, right, bigram_count) >= SWAP_MARGIN


def _swap_margin(
    spun: str,
    original: str,
    left: str | None,
    right: str | None,
    bigram_count: BigramCount | None = None,
) -> float:
    """Return how much better (log) the original fits the neighbours; -inf with no usable side.

    Each side is cached process-wide when `bigram_count` is None (`_side_fits`, a pure function
    of the lexicon then), since the same neighbours come back around a phrase. The margin
    itself is not: pairs of neighbours come back far less often (half the swap tests of an
    archive meet a pair not met before), and a cache of them missed more than it saved.
    """
    if bigram_count is None:
        sides = (
            None if left is None else _side_fits(spun, original, left, True),
            None if right is None else _side_fits(spun, original, right, False),
        )
    else:
        fits = _side_fits.__wrapped__
        sides = (
            None if left is None else fits(spun, original, left, True, bigram_count),
            None if right is None else fits(spun, original, right, False, bigram_count),
        )
    margin = 0.0
    used = 0
    for side in sides:
        if side is not None:
            margin += side[0]
            margin -= side[1]
            used += 1
    return margin if used else -math.inf


@lru_cache(maxsize=1 << 15)
def _side_fits(
    spun: str,
    original: str,
    neighbour: str,
    left: bool,
    bigram_count: BigramCount | None = None,
) -> tuple[float, float] | None:
    """Return how well the original and the spun phrase fit a neighbour on one side (`_fit`),
    or None when they start (left) or end (right) with the same word: that side says nothing
    ("cỗ máy" / "bộ máy": only the left side)."""
    from vnlint.lexicon import default_lexicon

    at = 0 if left else -1
    spun_word, original_word = spun.split()[at], original.split()[at]
    if _key(spun_word) == _key(original_word):
        return None
    lexicon = default_lexicon()
    if bigram_count is None:
        # The lexicon's counts by ids: the neighbour is folded once here, where each
        # `Lexicon.bigram_count` folds both words (the cache misses for new neighbours).
        at_id = lexicon.id_of(neighbour)
        return (
            _id_fit(lexicon, at_id, original_word, left),
            _id_fit(lexicon, at_id, spun_word, left),
        )
    return (
        _fit(lexicon, bigram_count, neighbour, original_word, left),
        _fit(lexicon, bigram_count, neighbour, spun_word, left),
    )


def _fit(lexicon: Lexicon, count: BigramCount, neighbour: str, syllable: str, left: bool) -> float:
    """Return log P(neighbour | syllable), smoothed: how well a syllable fits one neighbour."""
    pair = count(neighbour, syllable) if left else count(syllable, neighbour)
    return math.log((pair + 0.5) / (lexicon.syllable_count(syllable) + 1))


def _id_fit(lexicon: Lexicon, neighbour: int, syllable: str, left: bool) -> float:
    """Return `_fit` with the lexicon's own counts, for a neighbour given by its id."""
    word, count = _syllable_stats(syllable)
    pair = (
        lexicon.id_bigram_count(neighbour, word)
        if left
        else lexicon.id_bigram_count(word, neighbour)
    )
    return math.log((pair + 0.5) / (count + 1))


@cache
def _syllable_stats(syllable: str) -> tuple[int, int]:
    """Return a phrase word's lexicon id and count (a few hundred words: kept)."""
    from vnlint.lexicon import default_lexicon

    lexicon = default_lexicon()
    return lexicon.id_of(syllable), lexicon.syllable_count(syllable)


def _name_at(text: str, ws: Sequence[Word], k: int) -> int:
    """Return the end index of a personal name (2 to 4 capitalized syllables) from word k."""
    j = k
    while j < len(ws) and j - k < 4:
        w = ws[j]
        if not (w.text[0].isupper() and w.text.isalpha() and not w.text.isupper()):
            break
        if j > k and not _joined(text, ws[j - 1], w, ""):
            break
        j += 1
    return j if j - k >= 2 else k


def _before_leader(doc: Document, ws: Sequence[Word], k: int, table: PhraseTable) -> bool:
    """Tell whether words from k name a leader: a title follows, or "đồng chí" names them too."""
    text = doc.text
    if k >= len(ws) or not _joined(text, ws[k - 1], ws[k], ""):
        return False
    end = _name_at(text, ws, k)
    if end == k:
        return False
    if end < len(ws) and _gap(text, ws[end - 1], ws[end]).strip(_BLANKS) in (",", "-", "–"):
        following = tuple(w.key for w in ws[end : end + 6])
        if any(following[: len(t)] == t for t in table.leader_keys):
            return True
    return tuple(w.key for w in ws[k:end]) in doc.memo("spin-comrades", _comrade_names)


def _comrade_names(doc: Document) -> frozenset[tuple[str, ...]]:
    """Collect the names the article introduces with "đồng chí" (a leader's honorific)."""
    tk = doc.memo("spin-tokens", Tokens.of)
    names = set()
    for t in tk.positions("đồng", "chí"):
        ws = words_near(doc, t, t + 1, 5)
        i = _word_at(ws, tk.starts[t])
        if i is None or i + 2 >= len(ws) or (ws[i].key, ws[i + 1].key) != ("đồng", "chí"):
            continue
        if _joined(doc.text, ws[i], ws[i + 1], ""):
            end = _name_at(doc.text, ws, i + 2)
            if end > i + 2 and _joined(doc.text, ws[i + 1], ws[i + 2], ""):
                names.add(tuple(w.key for w in ws[i + 2 : end]))
    return frozenset(names)


def _adapt(matched: str, phrase: Phrase) -> tuple[str, ...]:
    """Write the originals in the matched text's tone style and initial capital."""
    from vnlint.vietnamese.tones import place_tone, tone_style

    found = WORD_RE.findall(unicodedata.normalize("NFC", matched))
    styles = {tone_style(w) for w in found}
    numbers = [w for w in found if w.isdigit()]
    out = []
    for original in phrase.original:
        for number in numbers:
            original = original.replace(NUMBER, number, 1)
        if "T2" in styles and "T1" not in styles:
            original = re.sub(r"\S+", lambda m: place_tone(m.group(), "T2"), original)
        if not phrase.case and matched[:1].isupper() and original[:1].islower():
            original = original[0].upper() + original[1:]
        out.append(original)
    return tuple(out)


# -- dictionary-free signals -------------------------------------------------------------------


BigramCount = Callable[[str, str], int]


def fold_syllable(syllable: str) -> str:
    """Fold a syllable as the lexicon keys it: NFC, lowercase."""
    return unicodedata.normalize("NFC", syllable).lower()


def adjacent_pairs(doc: Document) -> Iterator[tuple[Token, Token]]:
    """Yield neighbouring syllables separated by spaces only, as the lexicon counted bigrams."""
    text = doc.text
    starts, ends, _ = doc.token_columns
    for k in range(len(starts) - 1):  # tokens are built only for the pairs yielded
        gap = text[ends[k] : starts[k + 1]]
        if gap and not gap.strip(_BLANKS):
            yield doc.token(k), doc.token(k + 1)


@dataclass(frozen=True)
class _Common:
    """The lexicon's common lowercase syllables, ranked, with what the bigram tests and the
    phrase search need.

    Built once per process from the lexicon's vocabulary and the shipped phrase table. The
    syllables seen at least ODD_MIN_COUNT times are ranked, most frequent first, so a pair
    (a, b) of ranks is expected (under independence) at least RARE_EXPECTED times exactly when
    b < limit[a], and at least ODD_EXPECTED times when b < odd_limit[a]. Expectation is
    symmetric and falls with the rank, so only ranks below `never` = limit[0] are ever judged.

    `codes` gives those ranks by syllable; every other token's code is `never`, but for a loan
    word's ("Open", see `_loan_word`), which is `never` + 1, and for the other spellings of an
    opener of the shipped table's phrases ("Các", "NHỮNG", "bộc"), which have codes of their own
    from `never` + 2 on (`_spell_openers`). The codes are few and one small dict holds them (the
    rank codes under the lexicon's own strings): a document's codes are one C-level pass.

    `rows[a][b]` is the state of the pair of codes a, b: RARE_JUDGED where the rare-bigram test
    judges it (b < limit[a]), ODD_JUDGED where the unseen-bigram test does too, plus what the
    lexicon says of it in the low two bits, looked up once per process (0 unknown yet, 1 common
    enough, 2 rare: seen fewer than max(RARE_RATIO times expected, 1) times, 3 never seen); a
    pair no test judges is 1. The rows of the codes from `never` on also mark their pairs OTHER
    (and a loan word's LOAN); PAIR marks where a phrase may open (`_mark_openers`). A square of
    about 2,600 ** 2 bytes, 6.7 MB: a pair's state is then two list look-ups away, at C speed
    (`_pair_states`), where a compact table of the judged pairs alone needed a Python-level
    test per pair. The rows are bytes, which hold their data after the object's header (a
    bytearray's is one more memory access away): a state looked up later replaces its row
    (`set_state`). Archive runs fill every row at once (`fill`), after which the rows never
    change and are also one NumPy array (`grid`: 6.7 MB more, where the lexicon's set of pair
    keys that `fill` once read took 35 MB), which gives a document's states in one look-up.
    """

    codes: Mapping[str, int]
    ids: Sequence[int]  # the lexicon's id of each rank
    counts: Sequence[int]  # the count of each rank
    total: int
    limit: Sequence[int]
    rows: list[bytes]
    never: int  # the code of the tokens no pair is judged for (loan words' minus one)
    marked: PhraseIndex  # the index whose openers PAIR marks (the shipped table's)
    tables: Sequence[Seconds | None]  # its second-word table by opener code, else None
    # The filled rows as one read-only square uint8 array, once `fill` has run (else empty).
    grid: list[np.ndarray] = field(default_factory=list)

    def state(self, a: int, b: int, count: int) -> int:
        """Return the state of ranks a, b seen `count` times side by side (2 rare, 3 never)."""
        if not count:
            return 3
        return 2 if count < RARE_RATIO * self.counts[a] * self.counts[b] / self.total else 1

    def set_state(self, a: int, b: int, state: int) -> None:
        """Write the state of the pair of codes a, b (replacing row a: bytes do not change)."""
        row = self.rows[a]
        self.rows[a] = b"".join((row[:b], bytes((state,)), row[b + 1 :]))

    def fill(self) -> None:
        """Look every judged pair up at once: what `_pair_states` otherwise does pair by pair.

        For archive runs (BULK_AFTER): a few hundred thousand pairs are judged, and one at a
        time the look-ups never stop coming (170,000 in the first 3,000 articles, 320,000 in
        10,000). Every judged pair's key is tested at once against the lexicon's sorted keys
        (`Lexicon.attested`, with NumPy, imported here: the one-file case never fills): a pair
        is attested exactly when its count is not 0. Counts are read only where a seen pair may
        be rare (RARE_RATIO times its expected count above 1), about 18,000 pairs. The states
        are the same as one by one. The filled rows are then also kept as one square array
        (`grid`), from which `_pair_states` reads a whole document's states at once.
        """
        import numpy as np

        from vnlint.lexicon import default_lexicon
        from vnlint.lexicon.lexicon import PAIR_SHIFT

        lexicon = default_lexicon()
        grid = np.frombuffer(b"".join(self.rows), dtype=np.uint8).reshape(len(self.rows), -1)
        grid = grid.copy()  # (writable)
        # Every judged pair of ranks (a, b): b < limit[a].
        limit = np.array(self.limit, dtype=np.intp)
        firsts, seconds = np.nonzero(np.arange(self.never) < limit[:, np.newaxis])
        ids = np.array(self.ids, dtype=np.int64)
        seen = lexicon.attested(ids[firsts] << PAIR_SHIFT | ids[seconds])
        states = np.where(seen, np.uint8(1), np.uint8(3))  # common enough (unless rare), never
        # A seen pair may be rare only where RARE_RATIO times its expected count is above 1
        # (the floating-point products of `_pair_states`, in the same order: the same bounds).
        counts = np.array(self.counts, dtype=np.float64)
        bound = RARE_RATIO / self.total * counts[firsts] * counts[seconds]
        maybe = np.flatnonzero(seen & (bound > 1))
        pairs = ids[firsts[maybe]].tolist(), ids[seconds[maybe]].tolist()
        found = np.fromiter(map(lexicon.id_bigram_count, *pairs), dtype=np.int64, count=len(maybe))
        states[maybe[found < bound[maybe]]] = 2
        grid[firsts, seconds] = grid[firsts, seconds] & ~np.uint8(3) | states
        grid.flags.writeable = False
        self.rows[:] = map(bytes, grid)
        self.grid[:] = [grid]


# A pair's state (`_Common.rows`): the low two bits say what the lexicon says of it (0 unknown,
# 1 common enough, 2 rare, 3 never seen), ODD_JUDGED that the unseen-bigram test judges it,
# RARE_JUDGED that the rare-bigram test does. A pair no test judges is 1. OTHER marks a pair
# whose first token has no rank code (a name, a capitalized word, a rare syllable: where
# `_candidates` looks for the openers of another table than the shipped one), LOAN one whose
# first token is a loan word (where `_english_words` looks), PAIR one that may open a phrase of
# the shipped table (`_mark_openers`).
ODD_JUDGED = 4
RARE_JUDGED = 8
LOAN = 16
OTHER = 32
PAIR = 64
_UNKNOWN = bytes(1 if v & 3 == 0 else 0 for v in range(256))  # 1 where still unknown
_ODD = bytes(1 if v & ODD_JUDGED else 0 for v in range(256))  # 1 where the odd test judges
_ODD_FLAG = bytes(1 if v & 7 == 3 | ODD_JUDGED else 0 for v in range(256))  # 1 where it flags
_RARE_FLAG = bytes(1 if v & 3 >= 2 else 0 for v in range(256))  # 1 where the rare test flags
_JUDGED = bytes(1 if v & RARE_JUDGED else 0 for v in range(256))  # 1 where the rare test judges
_LOAN_FLAG = bytes(1 if v & LOAN else 0 for v in range(256))  # 1 after a loan word
_OTHER_FLAG = bytes(1 if v & OTHER else 0 for v in range(256))  # 1 after an unranked token
_PAIR_FLAG = bytes(1 if v & PAIR else 0 for v in range(256))  # 1 where a phrase may open
# After this many documents measured, a process is auditing an archive: `_Common.fill` then
# replaces the look-up per new pair.
BULK_AFTER = 50
_measured = 0
# A capitalized ASCII word of three letters or more: a token that may be a loan word ("Open").
_CAPITALIZED = re.compile(r"[A-Z][a-z]{2,}")


@cache
def _common() -> _Common:
    from vnlint.lexicon import default_lexicon

    lexicon = default_lexicon()
    total = lexicon.total_syllables
    kept = [(s, n) for s, n in lexicon.vocabulary() if n >= ODD_MIN_COUNT and s.islower()]
    counts = [n for _, n in kept]  # the vocabulary comes most frequent first

    def limits(expected: float, ranks: int) -> list[int]:
        """Return, for each of the first `ranks` ranks a, the first rank b whose expected
        count with a falls short of `expected` (counts fall with the rank, so b does too: one
        sweep, not a search per rank; this runs in the one-file case)."""
        out = []
        b = len(counts)
        for ca in counts[:ranks]:
            while b and not ca * counts[b - 1] / total >= expected:
                b -= 1
            out.append(b)
        return out

    never = limits(RARE_EXPECTED, 1)[0] if counts else 0
    limit, odd_limit = limits(RARE_EXPECTED, never), limits(ODD_EXPECTED, never)
    codes = {s: a for a, (s, _) in enumerate(kept[:never])}
    # A loan word is a common syllable (ODD_MIN_COUNT) capitalized: read from the ranked ones.
    loans = (s.capitalize() for s, _ in kept if _CAPITALIZED.fullmatch(s.capitalize()))
    codes.update(dict.fromkeys(filter(_loan_word, loans), never + 1))
    index = phrase_table().index
    spelled = _spell_openers(index, codes, never)
    judged, odd = bytes([RARE_JUDGED]), bytes([RARE_JUDGED | ODD_JUDGED])
    width = never + 2 + len(spelled)
    rows = [
        odd * o + judged * (n - o) + b"\1" * (width - n)
        for n, o in zip(limit, odd_limit, strict=True)
    ]
    rows.append(bytes([1 | OTHER]) * width)  # no pair is judged for `never`
    rows.append(bytes([1 | OTHER | LOAN]) * width)  # nor for a loan word
    rows += (bytes([1 | OTHER | (LOAN if loan else 0)]) * width for _, loan in spelled)
    tables = _mark_openers(index, codes, rows, never, spelled)
    ids = [lexicon.syllable_id(s) for s, _ in kept[:never]]
    return _Common(codes, ids, counts[:never], total, limit, rows, never, index, tables)


def _spell_openers(index: PhraseIndex, codes: dict[str, int], never: int) -> list[tuple[str, bool]]:
    """Give the other spellings of each opener of `index` codes of their own (in `codes`, from
    `never` + 2 on); return, for each new code, its opener and whether it is a loan word's.

    The other spellings are every text whose lowercase form is the opener (`_spellings`: "Các",
    "CÁC", "cÁc") but the ranked syllable itself, if it is one (not "bộc"). They share a code
    per opener, or two where some of them are loan words ("Open", whose row marks LOAN).
    """
    spelled: dict[tuple[str, bool], int] = {}
    for first in index.by_first:
        for text in _spellings(first):
            base = codes.get(text, never)
            if base < never:
                continue  # the ranked syllable itself
            codes[text] = spelled.setdefault((first, base > never), never + 2 + len(spelled))
    return list(spelled)


def _mark_openers(
    index: PhraseIndex,
    codes: Mapping[str, int],
    rows: list[bytes],
    never: int,
    spelled: Sequence[tuple[str, bool]],
) -> list[Seconds | None]:
    """Mark PAIR in the pair states (`rows`, in place) where a phrase of `index` may open;
    return the second-word table of each code (None where no phrase opens).

    A ranked syllable is one lowercase text, so the pairs of ranked syllables that key a phrase
    are marked exactly; the other spellings of an opener have codes of their own, with rows
    like `never`'s or a loan word's (`_spell_openers`), marked as the opener's. A second token
    without a rank code (a second word written with a capital, or not ranked) is marked too,
    for the phrase search to look at; so is every pair after an opener of a phrase of one
    indexed word ("những"). The phrase search then finds every opener by its marks alone
    (`_candidates`), none by the lowercase forms of the tokens without a rank code.
    """
    own: dict[str, list[int]] = {}
    for code, (first, _) in enumerate(spelled, never + 2):
        own.setdefault(first, []).append(code)
    tables: list[Seconds | None] = [None] * len(rows)
    for first, seconds in index.by_first.items():
        rank = codes.get(first, never)
        for code in ([rank] if rank < never else []) + own.get(first, []):
            tables[code] = seconds
            if None in seconds:
                rows[code] = bytes(map(or_, rows[code], repeat(PAIR)))
                continue
            row = bytearray(rows[code])
            for second in seconds:
                b = codes.get(second, never)
                if b < never:
                    row[b] |= PAIR
            row[never:] = bytes(map(or_, row[never:], repeat(PAIR)))
            rows[code] = bytes(row)
    return tables


# Letters that lowercase to a letter without being its upper or title case (KELVIN SIGN to
# "k"): `str.lower` maps them too (the tests check this against the whole of Unicode).
_OTHER_CAPITALS = {"k": "\u212a", "å": "\u212b", "ß": "\u1e9e", "ω": "\u2126", "θ": "\u03f4"}


def _spellings(word: str) -> Iterator[str]:
    """Yield every text whose lowercase form is `word`, a lowercase word: each letter in any
    case (2 ** len(word) texts, about 2,000 for the shipped openers).

    `str.lower` maps each character to one, but for a capital I with a dot above ("i" and
    U+0307, which a Vietnamese word never has: refused), and a capital sigma, which lowers by
    its place in the word (the texts are checked whole).
    """
    if "\u0307" in word:
        raise ValueError(f"spin phrase opener {word!r}: its capitals cannot be listed")
    choices = [
        dict.fromkeys((ch, ch.upper(), ch.title(), _OTHER_CAPITALS.get(ch, ch))) for ch in word
    ]
    for letters in itertools.product(*choices):
        text = "".join(letters)
        if text.lower() == word:
            yield text


def _pair_states(tk: Tokens) -> bytes:
    """Return the state (`_Common.rows`) of each pair of neighbouring tokens, as the lexicon
    says: the first one's row at the second one's code, one C-level pass over the codes, or
    in archive runs, once the rows are filled, one NumPy look-up in their `grid`."""
    global _measured
    common = _common()
    _measured += 1
    if _measured == BULK_AFTER + 1:
        common.fill()
    if common.grid:
        # Every state is known (`fill`): none is left to look up below.
        codes = tk.code_array
        return common.grid[0][codes[:-1], codes[1:]].tobytes()
    codes, rows = tk.codes, common.rows
    states = bytes(map(getitem, map(rows.__getitem__, codes), islice(codes, 1, None)))
    unknown = states.translate(_UNKNOWN)
    k = unknown.find(1)
    if k < 0:
        return states
    from vnlint.lexicon import default_lexicon

    # Pairs this process has not looked up yet (none once `fill` has run).
    id_count, lexicon_ids, counts = default_lexicon().id_bigram_count, common.ids, common.counts
    rare = RARE_RATIO / common.total
    written = bytearray(states)
    while k >= 0:
        a, b = codes[k], codes[k + 1]
        state = rows[a][b]
        if not state & 3:  # (a pair met twice in one document is looked up once)
            n = id_count(lexicon_ids[a], lexicon_ids[b])
            state |= 3 if not n else 2 if n < rare * counts[a] * counts[b] else 1
            common.set_state(a, b, state)
        written[k] = state
        k = unknown.find(1, k + 1)
    return bytes(written)


def _leave_one_out(tk: Tokens, bigram_count: BigramCount) -> bytearray:
    """Return the pair states with `bigram_count`'s counts (the calibration's leave-one-out
    counts: pairs only this article wrote are unseen) wherever a test judges a pair."""
    common = _common()
    codes, texts = tk.codes, tk.texts
    states = bytearray(tk.states)
    judged = states.translate(_JUDGED)
    k = judged.find(1)
    while k >= 0:
        if states[k] & 3 != 3:
            n = bigram_count(texts[k], texts[k + 1])
            state = common.state(codes[k], codes[k + 1], n)
            states[k] = states[k] & ~3 | state
        k = judged.find(1, k + 1)
    return states


def _side_by_side(flags: bytes | bytearray, tk: Tokens, text: str) -> list[tuple[int, int]]:
    """Return the spans of the flagged pairs (1 in `flags`) written side by side, as bigrams
    were counted."""
    starts, ends = tk.starts, tk.ends
    spans = []
    k = flags.find(1)
    while k >= 0:
        gap = text[ends[k] : starts[k + 1]]
        if gap and not gap.strip(_BLANKS):
            spans.append((starts[k], ends[k + 1]))
        k = flags.find(1, k + 1)
    return spans


def measure(doc: Document, bigram_count: BigramCount | None = None) -> Signals:
    """Measure the dictionary-free signals: unseen and rare bigrams of common syllables, English."""
    tk = doc.memo("spin-tokens", Tokens.of)
    text = doc.text
    states = tk.states if bigram_count is None else _leave_one_out(tk, bigram_count)
    judged = states.translate(_ODD).count(1)
    odd = _side_by_side(states.translate(_ODD_FLAG), tk, text)
    rare_pairs = states.translate(_JUDGED).count(1)
    rare = _side_by_side(states.translate(_RARE_FLAG), tk, text)
    english = tuple(_english_words(doc, tk, states.translate(_LOAN_FLAG), bigram_count))
    return Signals(len(tk.starts), judged, tuple(odd), english, rare_pairs, tuple(rare))


def _english_words(
    doc: Document, tk: Tokens, loans: bytes | bytearray, bigram_count: BigramCount | None
) -> Iterator[tuple[int, int]]:
    """Yield capitalized English words set oddly inside Vietnamese sentences ("…, Open nhiều").

    `loans` has 1 at each token (but the last) that is a loan word (`_Common.codes`): a
    capitalized ASCII word of three letters or more, a whole token, that `_loan_word` accepts
    (one article in eight has any). The tokens are the text's letter runs, so such a token is
    exactly a capitalized word standing alone, neither glued to letters nor to combining marks.
    """
    from vnlint.lexicon import default_lexicon
    from vnlint.vietnamese.syllable import is_valid

    i = loans.find(1)
    if i < 0:
        return
    count = bigram_count or default_lexicon().bigram_count
    text = doc.text
    token = doc.token  # built one by one: only around the few English-looking words
    words = doc.words  # the tokens as written: `tk.texts` are NFC
    while i >= 0:
        # (Not the first token; nor one written otherwise than its NFC form, with a KELVIN
        # SIGN for a K: the word must be ASCII as written.)
        if i and words[i] == tk.texts[i]:
            prev, word, nxt = token(i - 1), token(i), token(i + 1)
            gap_before = text[prev.end : word.start]
            gap_after = text[word.end : nxt.start]
            if (
                prev.text[0].islower()
                and _MID_SENTENCE_GAP.fullmatch(gap_before)
                and gap_after
                and not gap_after.strip(_BLANKS)
                and nxt.text.islower()
                and is_valid(nxt.text)
                # Clean news writes "ứng dụng Zalo để", "giải Australian Open": collocations.
                and not count(word.text, nxt.text)
                and ("," in gap_before or not count(prev.text, word.text))
            ):
                yield word.start, word.end
        i = loans.find(1, i + 1)


def _loan_word(word: str) -> bool:
    """Tell whether a capitalized ASCII word is a loan clean news writes in lowercase ("Open").

    Asked once per process of every common syllable that may be one (`_common`), which gives
    the loan words their code.
    """
    from vnlint.lexicon import default_lexicon
    from vnlint.vietnamese.syllable import is_valid

    lexicon = default_lexicon()
    if lexicon.syllable_count(word) < ODD_MIN_COUNT:
        return False  # a word clean news hardly knows is a name ("Noraidah"), not a loan
    # Names ("Lukaku", "Viettel") are capitalized in clean news too.
    if lexicon.capitalized_ratio(word) > ENGLISH_MAX_CAPITALIZED:
        return False
    return not is_valid(word.lower())  # "Tin", "Hoa": a Vietnamese syllable without its marks


# -- the verdict -------------------------------------------------------------------------------


def combine(
    matches: Sequence[PhraseMatch],
    signals: Signals,
    table: PhraseTable,
    text: str,
    weigh: Callable[[Phrase], float] | None = None,
) -> SpinAssessment:
    """Combine phrase matches and signals into the score, verdict and ranked evidence."""
    weigh = weigh or (lambda p: p.weight)
    evidence: list[Evidence] = []
    per_phrase: Counter[str] = Counter()
    phrase_total = 0.0
    for m in matches:
        w = weigh(m.phrase)
        per_phrase[m.phrase.spun] += 1
        if per_phrase[m.phrase.spun] <= CAP:
            phrase_total += w
        source = "title" if m.phrase.pattern == "title" else "phrase"
        evidence.append(Evidence(m.start, m.end, text[m.start : m.end], source, w, m.originals[0]))
    # Each unseen bigram weighs its share of the excess (nothing in an article at the clean rate).
    odd_total = ODD_BIGRAM_WEIGHT * odd_excess(signals, table.odd_rate)
    odd_each = odd_total / len(signals.odd_bigrams) if signals.odd_bigrams else 0.0
    for start, end in signals.odd_bigrams:
        evidence.append(Evidence(start, end, text[start:end], "odd-bigram", round(odd_each, 4)))
    for start, end in signals.english:
        evidence.append(Evidence(start, end, text[start:end], "english", ENGLISH_WEIGHT))
    english_total = ENGLISH_WEIGHT * len(signals.english)
    # Each rare bigram likewise weighs its share of the excess over clean news's rate.
    rare_total = RARE_WEIGHT * rare_excess(signals, table.rare_rate)
    if rare_total > 0:
        rare_each = round(rare_total / len(signals.rare), 4)
        for start, end in signals.rare:
            evidence.append(Evidence(start, end, text[start:end], "rare-bigram", rare_each))
    evidence_total = phrase_total + odd_total + english_total + rare_total
    z = 1000 * evidence_total / max(signals.syllables, MIN_WORDS)
    score = z / (z + table.half) if z > 0 else 0.0
    verdict = "spun" if score >= 0.5 else "suspect" if score >= table.suspect else "clean"
    evidence.sort(key=lambda e: (-e.weight, e.start))
    features = {
        "phrases": round(phrase_total, 4),
        "odd_bigrams": len(signals.odd_bigrams),
        "odd_excess": round(odd_excess(signals, table.odd_rate), 4),
        "english": len(signals.english),
        "pairs": signals.pairs,
        "rare_bigrams": len(signals.rare),
        "rare_excess": round(rare_excess(signals, table.rare_rate), 4),
        "rare_pairs": signals.rare_pairs,
    }
    return SpinAssessment(
        score=round(score, 4),
        verdict=verdict,
        evidence=tuple(evidence),
        matches=tuple(matches),
        z=z,
        syllables=signals.syllables,
        features=features,
    )


def odd_excess(signals: Signals, odd_rate: float) -> float:
    """Return the unseen bigrams beyond ODD_EXCESS times clean news's rate for as many pairs."""
    return max(0.0, len(signals.odd_bigrams) - ODD_EXCESS * odd_rate * signals.pairs)


def rare_excess(signals: Signals, rare_rate: float) -> float:
    """Return the rare bigrams beyond RARE_EXCESS times clean news's rate for as many pairs."""
    return max(0.0, len(signals.rare) - RARE_EXCESS * rare_rate * signals.rare_pairs)


def assess(doc: Document) -> SpinAssessment:
    """Assess one article: its spin score in [0, 1], verdict and strongest evidence first."""
    table = phrase_table()
    return combine(find_phrases(doc, table), measure(doc), table, doc.text)


__all__ = [
    "VERDICTS",
    "Evidence",
    "Phrase",
    "PhraseMatch",
    "PhraseTable",
    "SpinAssessment",
    "assess",
    "combine",
    "find_phrases",
    "measure",
    "odd_excess",
    "phrase_table",
    "phrase_weight",
    "rare_excess",
    "tier_of",
]
