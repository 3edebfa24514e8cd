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
The tokens become flat lists with C-speed passes (`Tokens`); phrases are looked up through an
index of their first two syllables (`PhraseIndex`) and checked only there, on the words around
(`words_near`); the unseen-bigram test reads process-wide tables (`_common`) that fill as pairs
are first met. Results are the same as a word-by-word scan of the whole text.
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
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from vnlint.document import Document, Token

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class PhraseIndex:
    """The phrases by the lowercase syllables (in both tone styles) a document writes them with.

    A phrase is keyed by its first two neighbouring words made of letters only (tokens of the
    document: "số ít" in "1 số ít"), or by one such word if it has no two. Candidates at one
    place are tried case-blind before case-sensitive, longest first, then in table order.
    """

    by_first: Mapping[str, Mapping[str | None, tuple[Entry, ...]]]


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
        entry = Entry((phrase.case, -len(words), position), skip, tuple(then), phrase)
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
    `texts` are NFC; `lows` are NFC and lowercase, the forms the phrase index is keyed by.
    """

    starts: Sequence[int]
    ends: Sequence[int]
    texts: Sequence[str]
    lows: Sequence[str]
    nfc: bool = True  # the text is NFC: `texts` are the text's own letters

    @classmethod
    def of(cls, doc: Document) -> Tokens:
        """Read the document's tokens (`Document.tokens`: masked spans are already left out)."""
        if not doc.token_count:
            return cls((), (), (), ())
        starts, ends, texts = doc.token_columns  # shared lists: read, never modified
        nfc = unicodedata.is_normalized("NFC", doc.text)
        if not nfc:
            texts = [unicodedata.normalize("NFC", t) for t in texts]
        return cls(starts, ends, texts, list(map(str.lower, texts)), nfc)

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
    tokens = doc.tokens
    lo = tokens[first - 1].start if first >= 1 else 0
    while lo > 0 and _WORD_CHAR.match(text, lo - 1):
        lo -= 1
    last = min(last, len(tokens) - 1)
    after = reach + 1
    while True:
        hi = tokens[last + after].end if last + after < len(tokens) else len(text)
        while hi < len(text) and _WORD_CHAR.match(text, hi):
            hi += 1
        if not _DIGIT.search(text, lo, hi):
            # Without digits the words are the tokens (masked ones already left out).
            first_token = bisect.bisect_left(tokens, lo, key=_TOKEN_START)
            last_token = bisect.bisect_left(tokens, hi, first_token, key=_TOKEN_START)
            words = [Word(*t, _key(t.text)) for t in tokens[first_token:last_token]]
        else:
            words = [
                Word(lo + m.start(), lo + m.end(), w, _key(w))
                for m in WORD_RE.finditer(text[lo:hi])
                for w in (m.group(),)
            ]
            if doc.masks:
                words = [w for w in words if not doc.is_masked(w.start, w.end)]
        # Tokens glued by digits ("U23b") make fewer words than tokens: read further if needed.
        if hi == len(text) or sum(w.start > tokens[last].start for w in words) >= reach:
            return words
        after *= 2


def words_of(doc: Document) -> tuple[Word, ...]:
    """Return the document's words (letters or digits), masked spans excluded."""
    return tuple(words_near(doc, 0, len(doc.tokens), len(doc.text))) if doc.tokens else ()


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


_WORD_START = _TOKEN_START = attrgetter("start")
_DIGIT = re.compile(r"\d")


Found = tuple[int, int, "Phrase", int, int]  # start, end, phrase, and the rewritten words' span


def find_phrases(
    doc: Document, table: PhraseTable | None = None, bigram_count: BigramCount | None = None
) -> tuple[PhraseMatch, ...]:
    """Find every table phrase in the document; a match inside a longer one is dropped.

    Candidates come from the phrase index (`PhraseTable.index`): a phrase is tried only where
    its indexed syllables occur side by side in the document, found with C-speed look-ups in
    the lowercase tokens; each candidate is then checked on the words around it. `bigram_count`
    overrides the lexicon's counts for the swap test (the calibration passes leave-one-out
    counts).
    """
    table = table or phrase_table()
    tk = doc.memo("spin-tokens", Tokens.of)
    by_first = table.index.by_first
    lows = tk.lows
    last = len(lows) - 1
    text = doc.text
    found: list[tuple[int, tuple[bool, int, int], Found]] = []
    # Only the tokens that open an indexed phrase, picked without a Python-level loop.
    wanted = set(lows).intersection(by_first).__contains__
    for t in itertools.compress(range(len(lows)), map(wanted, lows)):
        seconds = by_first[lows[t]]
        entries = seconds.get(None, ())
        if t < last and lows[t + 1] in seconds:
            entries += seconds[lows[t + 1]]
        for entry in entries:
            # A cheap look at the following tokens first: most candidates stop here.
            if any(
                t + 2 + j > last or lows[t + 2 + j] not in forms
                for j, forms in enumerate(entry.then)
            ):
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


def _swap_fails(doc: Document, tk: Tokens, t: int, entry: Entry) -> bool:
    """Tell, from the tokens alone, that a swapped word's candidate fails its swap test.

    Most candidates are common words ("những", "so với") that fit their neighbours; the words
    next to a phrase are the tokens next to it when single spaces separate them and no digit
    (or stray mark) is glued to those tokens, and then the cached `_swap_margin` decides without
    reading the words around. In any other case this says nothing (False) and `_check` decides.
    """
    phrase = entry.phrase
    n = len(phrase.words)
    if not phrase.swap or entry.skip or (len(entry.then) != n - 2 and n != 1):
        return False
    text, starts, ends, texts = doc.text, tk.starts, tk.ends, tk.texts
    last = t + n - 1
    if t <= 0 or last + 1 >= len(starts) or not _plain(text, ends[t - 1], starts[t]):
        return False
    if not _plain(text, ends[last], starts[last + 1]) or not tk.nfc:
        return False
    if _WORD_CHAR.match(text, starts[t - 1] - 1) or _WORD_CHAR.match(text, ends[last + 1]):
        return False
    left, right = texts[t - 1], texts[last + 1]
    margin = _swap_margin(
        phrase.spun,
        phrase.original[0],
        left if left.islower() else None,
        right if right.islower() else None,
    )
    return margin < SWAP_MARGIN


def _plain(text: str, end: int, start: int) -> bool:
    """Tell whether exactly one space separates two tokens."""
    return start - end == 1 and text[end] == " "


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
    return _swap_margin.__wrapped__(phrase.spun, phrase.original[0], left, right, bigram_count) >= (
        SWAP_MARGIN
    )


@lru_cache(maxsize=1 << 14)
def _swap_margin(
    spun: str,
    original: str,
    left: str | None,
    right: str | None,
    bigram_count: BigramCount | None = None,
) -> float:
    """Return how much better (log) the original fits the neighbours; -inf with no usable side.

    A pure function of the lexicon when `bigram_count` is None, so cached process-wide.
    """
    from vnlint.lexicon import default_lexicon

    lexicon = default_lexicon()
    count = bigram_count or lexicon.bigram_count
    spun_words = spun.split()
    original_words = original.split()
    margin = 0.0
    sides = 0
    # Only a side where the two differ says anything ("cỗ máy" / "bộ máy": the left side).
    if left is not None and _key(spun_words[0]) != _key(original_words[0]):
        margin += _fit(lexicon, count, left, original_words[0], left=True)
        margin -= _fit(lexicon, count, left, spun_words[0], left=True)
        sides += 1
    if right is not None and _key(spun_words[-1]) != _key(original_words[-1]):
        margin += _fit(lexicon, count, right, original_words[-1], left=False)
        margin -= _fit(lexicon, count, right, spun_words[-1], left=False)
        sides += 1
    return margin if sides else -math.inf


def _fit(lexicon: Lexicon, count: BigramCount, neighbour: str, syllable: str, left: bool) -> float:
    """Return log P(neighbour | syllable), smoothed: how well a syllable fits one neighbour."""
    pair = count(neighbour, syllable) if left else count(syllable, neighbour)
    return math.log((pair + 0.5) / (lexicon.syllable_count(syllable) + 1))


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
    tokens = doc.tokens
    for a, b in itertools.pairwise(tokens):
        gap = text[a.end : b.start]
        if gap and not gap.strip(_BLANKS):
            yield a, b


@dataclass(frozen=True)
class _Common:
    """The lexicon's common lowercase syllables, ranked, with what the bigram tests need.

    Built once per process from the lexicon's vocabulary. `rank` holds the syllables seen at
    least ODD_MIN_COUNT times, most frequent first, so a pair (a, b) of ranks is expected (under
    independence) at least RARE_EXPECTED times exactly when b < limit[a], and at least
    ODD_EXPECTED times when b < odd_limit[a]. Such a pair has a slot at row[a] + b in `seen`:
    ODD_JUDGED where the unseen-bigram test judges the pair, plus what the lexicon says of it,
    looked up once per process: 0 unknown, 1 common enough, 2 rare (seen fewer than
    max(RARE_RATIO times expected, 1) times), 3 never seen. At most sum(limit) pairs, about
    580,000 bytes.
    """

    rank: Mapping[str, int]
    ids: Sequence[int]  # the lexicon's id of each rank
    counts: Sequence[int]
    total: int
    limit: Sequence[int]
    row: Sequence[int]
    seen: bytearray

    def state(self, a: int, b: int, count: int) -> int:
        """Return the state of ranks a, b seen `count` times side by side (2 rare, 3 never)."""
        if not count:
            return 3
        return 2 if count < RARE_RATIO * self.counts[a] * self.counts[b] / self.total else 1


@cache
def _common() -> _Common:
    from vnlint.lexicon import default_lexicon

    lexicon = default_lexicon()
    total = lexicon.total_syllables
    kept = [(s, n) for s, n in lexicon.vocabulary() if n >= ODD_MIN_COUNT and s.islower()]
    rank = {s: i for i, (s, _) in enumerate(kept)}  # the vocabulary comes most frequent first
    counts = [n for _, n in kept]

    def limits(expected: float) -> list[int]:
        out = []
        for ca in counts:
            lo, hi = 0, len(counts)
            while lo < hi:  # the first rank whose expected count with `ca` falls short
                mid = (lo + hi) // 2
                if ca * counts[mid] / total >= expected:
                    lo = mid + 1
                else:
                    hi = mid
            out.append(lo)
        return out

    limit, odd_limit = limits(RARE_EXPECTED), limits(ODD_EXPECTED)
    row = [0, *itertools.accumulate(limit)]
    judged = b"\4" * row[-1]
    seen = bytearray(
        b"".join(judged[:o] + bytes(n - o) for n, o in zip(limit, odd_limit, strict=True))
    )
    seen.append(1)  # the slot of every pair not judged: common enough
    ids = [lexicon.syllable_id(s) for s, _ in kept]
    return _Common(rank, ids, counts, total, limit, row, seen)


# A pair's state in `_Common.seen`: the low two bits say what the lexicon says of it (0 unknown,
# 1 common enough, 2 rare, 3 never seen), ODD_JUDGED that the unseen-bigram test judges it.
ODD_JUDGED = 4
_UNKNOWN = bytes(1 if v & 3 == 0 else 0 for v in range(256))  # 1 where still unknown
_ODD = bytes(1 if v & ODD_JUDGED else 0 for v in range(256))  # 1 where the odd test judges
_RARE = bytes(2 if v & 3 >= 2 else 0 for v in range(256))  # 2 where the rare test flags


def _flag_pairs(
    tk: Tokens, text: str, bigram_count: BigramCount | None
) -> tuple[int, list[tuple[int, int]], int, list[tuple[int, int]]]:
    """Return the pairs the unseen- and the rare-bigram test judged, and the spans each flags."""
    from vnlint.lexicon import default_lexicon

    common = _common()
    syllables = tk.texts
    # Only lowercase syllables are ranked: names, acronyms and sentence starts are no collocations.
    # A pair is judged when both are common and their expected count is high enough; its slot in
    # `seen` says whether clean news wrote it, and slot -1 ("common enough") stands for every
    # pair not judged. One comprehension and C-speed scans: a per-pair loop is too slow.
    rank, limit, row, seen = common.rank, common.limit, common.row, common.seen
    ranks = list(map(rank.get, syllables))
    slots = [
        row[a] + b if a is not None and b is not None and b < limit[a] else -1
        for a, b in itertools.pairwise(ranks)
    ]
    states = bytearray(map(seen.__getitem__, slots))
    unknown = states.translate(_UNKNOWN)
    k = unknown.find(1)
    if k >= 0:  # pairs this process has not looked up yet
        id_count, ids, counts = default_lexicon().id_bigram_count, common.ids, common.counts
        rare = RARE_RATIO / common.total
        while k >= 0:
            a, b = ranks[k], ranks[k + 1]
            n = id_count(ids[a], ids[b])  # type: ignore[index]
            state = 3 if not n else 2 if n < rare * counts[a] * counts[b] else 1  # type: ignore[index]
            states[k] = seen[slots[k]] = states[k] | state
            k = unknown.find(1, k + 1)
    if bigram_count is not None:  # leave-one-out counts: pairs only this article wrote
        for k, slot in enumerate(slots):
            if slot >= 0 and states[k] & 3 != 3:
                a, b = ranks[k], ranks[k + 1]
                n = bigram_count(syllables[k], syllables[k + 1])
                state = common.state(a, b, n)  # type: ignore[arg-type]
                states[k] = states[k] & ODD_JUDGED | state
    odd_judged = states.translate(_ODD)
    odd = _side_by_side(states, 3 | ODD_JUDGED, tk, text)
    rare = _side_by_side(states.translate(_RARE), 2, tk, text)
    return odd_judged.count(1), odd, len(slots) - slots.count(-1), rare


def _side_by_side(
    states: bytes | bytearray, flag: int, tk: Tokens, text: str
) -> list[tuple[int, int]]:
    """Return the spans of the flagged pairs written side by side (as bigrams were counted)."""
    starts, ends = tk.starts, tk.ends
    spans = []
    k = states.find(flag)
    while k >= 0:
        gap = text[ends[k] : starts[k + 1]]
        if gap and not gap.strip(_BLANKS):
            spans.append((starts[k], ends[k + 1]))
        k = states.find(flag, k + 1)
    return spans


# A capitalized ASCII word of three letters or more, standing alone: where `_english_words` looks.
# (The capital comes first, ahead of the look-behind, so that the scan can skip to capitals.)
_ENGLISH_RE = re.compile(r"[A-Z](?<![^\W\d_][A-Z])[a-z]{2,}(?![^\W\d_]|[\u0300-\u036f])")


def measure(doc: Document, bigram_count: BigramCount | None = None) -> Signals:
    """Measure the dictionary-free signals: unseen and rare bigrams of common syllables, English."""
    tk = doc.memo("spin-tokens", Tokens.of)
    judged, odd, rare_pairs, rare = _flag_pairs(tk, doc.text, bigram_count)
    english = tuple(_english_words(doc, tk.starts, tk.ends, bigram_count))
    return Signals(len(tk.starts), judged, tuple(odd), english, rare_pairs, tuple(rare))


def _english_words(
    doc: Document, starts: Sequence[int], ends: Sequence[int], bigram_count: BigramCount | None
) -> Iterator[tuple[int, int]]:
    """Yield capitalized English words set oddly inside Vietnamese sentences ("…, Open nhiều")."""
    from vnlint.lexicon import default_lexicon
    from vnlint.vietnamese.syllable import is_valid

    count = bigram_count or default_lexicon().bigram_count
    text = doc.text
    token = doc.token  # built one by one: only around the few English-looking words
    n = doc.token_count
    for m in _ENGLISH_RE.finditer(text):
        word = m.group()
        if not _loan_word(word):
            continue
        i = bisect.bisect_left(starts, m.start())
        if not 0 < i < n - 1 or starts[i] != m.start() or ends[i] != m.end():
            continue  # not a whole syllable token (masked, or glued to marks), or at an end
        prev, nxt = token(i - 1), token(i + 1)
        gap_before = text[prev.end : m.start()]
        gap_after = text[m.end() : nxt.start]
        if not prev.text[0].islower() or not _MID_SENTENCE_GAP.fullmatch(gap_before):
            continue
        if not gap_after or gap_after.strip(_BLANKS) or not nxt.text.islower():
            continue
        if not is_valid(nxt.text):
            continue
        # Clean news writes "ứng dụng Zalo để", "giải Australian Open": seen collocations.
        if count(word, nxt.text) or ("," not in gap_before and count(prev.text, word)):
            continue
        yield m.start(), m.end()


@lru_cache(maxsize=1 << 14)
def _loan_word(word: str) -> bool:
    """Tell whether a capitalized ASCII word is a loan clean news writes in lowercase ("Open")."""
    from vnlint.lexicon import default_lexicon
    from vnlint.vietnamese.syllable import is_valid

    lexicon = default_lexicon()
    if is_valid(word.lower()):
        return False  # "Tin", "Hoa": a Vietnamese syllable written without its marks
    if lexicon.syllable_count(word) < ODD_MIN_COUNT:
        return False  # a word clean news hardly knows is a name ("Noraidah"), not a loan
    # Names ("Lukaku", "Viettel") are capitalized in clean news too.
    return lexicon.capitalized_ratio(word) <= ENGLISH_MAX_CAPITALIZED


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
