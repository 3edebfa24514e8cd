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
  swapped or padded word leaves), counted with the shipped lexicon, so no dictionary is needed;
- capitalized English words inside Vietnamese sentences ("…, Open nhiều cách làm hay").

The weighted evidence per 1,000 syllables, `z`, becomes `score = z / (z + half)`; `half` is
calibrated on clean news (`scripts/calibrate_spin.py`) so that an article is `spun` (score at
least 0.5) for at most a fixed, small share of clean articles, and `suspect` above a lower,
also calibrated, score. Everything here is pure: the document in, an assessment out.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING

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
ENGLISH_WEIGHT = 0.5
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

    @cached_property
    def by_first_word(self) -> Mapping[str, tuple[Phrase, ...]]:
        """Index the phrases by their first word (exact for case-sensitive ones), longest first."""
        grouped: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            grouped.setdefault(phrase.words[0], []).append(phrase)
        return {k: tuple(sorted(v, key=lambda p: -len(p.words))) for k, v in grouped.items()}

    @cached_property
    def leader_keys(self) -> tuple[tuple[str, ...], ...]:
        """Return the leader titles as folded word tuples."""
        return tuple(tuple(_key(w) for w in t.split()) for t in self.leader_titles)


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
    source: str  # "phrase", "title", "odd-bigram" or "english"
    weight: float
    original: str = ""


@dataclass(frozen=True)
class Signals:
    """The dictionary-free measurements of one document."""

    syllables: int
    pairs: int  # adjacent pairs of common lowercase syllables that were judged
    odd_bigrams: tuple[tuple[int, int], ...]  # spans of pairs clean news never uses
    english: tuple[tuple[int, int], ...]  # spans of capitalized English words mid-sentence


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


@dataclass(frozen=True)
class Word:
    """A run of letters or digits, with its folded form for comparison."""

    start: int
    end: int
    text: str
    key: str


def words_of(doc: Document) -> tuple[Word, ...]:
    """Return the document's words (letters or digits), masked spans excluded."""
    return tuple(
        Word(m.start(), m.end(), m.group(), _key(m.group()))
        for m in WORD_RE.finditer(doc.text)
        if not doc.is_masked(m.start(), m.end())
    )


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


def find_phrases(
    doc: Document, table: PhraseTable | None = None, bigram_count: BigramCount | None = None
) -> tuple[PhraseMatch, ...]:
    """Find every table phrase in the document; a match inside a longer one is dropped.

    `bigram_count` overrides the lexicon's counts for the swap test (the calibration passes
    leave-one-out counts).
    """
    table = table or phrase_table()
    ws = doc.memo("spin-words", words_of)
    index = table.by_first_word
    text = doc.text
    found: list[tuple[int, int, Phrase]] = []
    for i, word in enumerate(ws):
        candidates = index.get(word.key, ())
        if word.text != word.key:
            candidates += index.get(unicodedata.normalize("NFC", word.text), ())
        if word.text.isdigit():
            candidates += index.get(NUMBER, ())
        for phrase in candidates:
            n = _match_at(text, ws, i, phrase)
            if n and _context_allows(doc, ws, i, i + n, phrase, table, bigram_count):
                found.append((i, i + n, phrase))
    return tuple(
        PhraseMatch(ws[a].start, ws[b - 1].end, p, _adapt(text[ws[a].start : ws[b - 1].end], p))
        for a, b, p in _distinct(found)
    )


def _distinct(found: Sequence[tuple[int, int, Phrase]]) -> list[tuple[int, int, Phrase]]:
    """Keep one match per spun word: the most telling, then the longest, then the first.

    A match nested in a longer one ("quy trình tiến độ" in "quy trình tiến độ chỉ định"), or
    two matches that rewrite the same word ("trong toàn cảnh", "toàn cảnh dịch"), are one piece
    of evidence. Matches that overlap but rewrite different words ("phát hành Quy chế", "Quy chế
    thao tác") are two, and the fix loop applies them in turn.
    """
    ranked = sorted(found, key=lambda m: (-m[2].weight, -(m[1] - m[0]), m[0]))
    kept: list[tuple[int, int, Phrase]] = []
    taken: list[tuple[int, int]] = []
    for a, b, p in ranked:
        lo, hi = _changed(p)
        core = (a + lo, b - hi)
        if any(c <= a and b <= d for c, d, _ in kept):
            continue
        if any(x < core[1] and core[0] < y for x, y in taken):
            continue
        kept.append((a, b, p))
        taken.append(core)
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
    from vnlint.lexicon import default_lexicon

    lexicon = default_lexicon()
    count = bigram_count or lexicon.bigram_count
    spun = phrase.spun.split()
    original = phrase.original[0].split()
    margin = 0.0
    sides = 0
    # Only a side where the two differ says anything ("cỗ máy" / "bộ máy": the left side).
    # A capitalized neighbour may be a name or a sentence start: its bigrams say nothing.
    if before is not None and before.text.islower() and _key(spun[0]) != _key(original[0]):
        margin += _fit(lexicon, count, before.text, original[0], left=True)
        margin -= _fit(lexicon, count, before.text, spun[0], left=True)
        sides += 1
    if after is not None and after.text.islower() and _key(spun[-1]) != _key(original[-1]):
        margin += _fit(lexicon, count, after.text, original[-1], left=False)
        margin -= _fit(lexicon, count, after.text, spun[-1], left=False)
        sides += 1
    return sides > 0 and margin >= SWAP_MARGIN


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
    ws = doc.memo("spin-words", words_of)
    names = set()
    for i in range(len(ws) - 2):
        if ws[i].key == "đồng" and ws[i + 1].key == "chí" and _joined(doc.text, *ws[i : i + 2], ""):
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


def measure(doc: Document, bigram_count: BigramCount | None = None) -> Signals:
    """Measure the dictionary-free signals: unseen bigrams of common syllables, English words."""
    from vnlint.lexicon import default_lexicon
    from vnlint.vietnamese.syllable import is_valid

    lexicon = default_lexicon()
    count = bigram_count or lexicon.bigram_count
    total = lexicon.total_syllables
    pairs = 0
    odd: list[tuple[int, int]] = []
    for a, b in adjacent_pairs(doc):
        if not (a.text.islower() and b.text.islower()):
            continue  # names, acronyms and sentence starts are not collocations
        ca, cb = lexicon.syllable_count(a.text), lexicon.syllable_count(b.text)
        if ca < ODD_MIN_COUNT or cb < ODD_MIN_COUNT:
            continue
        pairs += 1
        if ca * cb / total >= ODD_EXPECTED and count(a.text, b.text) == 0:
            odd.append((a.start, b.end))
    english = tuple(_english_words(doc, lexicon, count, is_valid))
    return Signals(len(doc.tokens), pairs, tuple(odd), english)


def _english_words(
    doc: Document, lexicon: Lexicon, count: BigramCount, is_valid: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    """Yield capitalized English words set oddly inside Vietnamese sentences ("…, Open nhiều")."""
    text = doc.text
    tokens = doc.tokens
    for i in range(1, len(tokens) - 1):
        word = tokens[i].text
        if len(word) < 3 or not word.isascii() or not word[0].isupper() or not word[1:].islower():
            continue
        if is_valid(word.lower()):
            continue  # "Tin", "Hoa": a Vietnamese syllable written without its marks
        if lexicon.syllable_count(word) < ODD_MIN_COUNT:
            continue  # a word clean news hardly knows is a name ("Noraidah"), not a loan
        if lexicon.capitalized_ratio(word) > ENGLISH_MAX_CAPITALIZED:
            continue  # names ("Lukaku", "Viettel") are capitalized in clean news too
        prev, nxt = tokens[i - 1], tokens[i + 1]
        gap_before = text[prev.end : tokens[i].start]
        gap_after = text[tokens[i].end : nxt.start]
        if not prev.text[0].islower() or not _MID_SENTENCE_GAP.fullmatch(gap_before):
            continue
        if not gap_after or gap_after.strip(_BLANKS) or not nxt.text.islower():
            continue
        if not is_valid(nxt.text):
            continue
        # Clean news writes "ứng dụng Zalo để", "giải Australian Open": seen collocations.
        if count(word, nxt.text) or ("," not in gap_before and count(prev.text, word)):
            continue
        yield tokens[i].start, tokens[i].end


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
    for start, end in signals.odd_bigrams:
        evidence.append(Evidence(start, end, text[start:end], "odd-bigram", ODD_BIGRAM_WEIGHT))
    for start, end in signals.english:
        evidence.append(Evidence(start, end, text[start:end], "english", ENGLISH_WEIGHT))
    odd_total = ODD_BIGRAM_WEIGHT * len(signals.odd_bigrams)
    english_total = ENGLISH_WEIGHT * len(signals.english)
    z = 1000 * (phrase_total + odd_total + english_total) / max(signals.syllables, MIN_WORDS)
    score = z / (z + table.half) if z > 0 else 0.0
    verdict = "spun" if score >= 0.5 else "suspect" if score >= table.suspect else "clean"
    evidence.sort(key=lambda e: (-e.weight, e.start))
    features = {
        "phrases": round(phrase_total, 4),
        "odd_bigrams": len(signals.odd_bigrams),
        "english": len(signals.english),
        "pairs": signals.pairs,
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
    "phrase_table",
    "phrase_weight",
    "tier_of",
]
