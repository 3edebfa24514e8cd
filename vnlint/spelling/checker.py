"""Read an article once and sort its suspicious syllables into the typo rules' findings.

One ladder per token decides which rule, if any, owns it, so that a slip is reported once:
keyboard leftovers first, then misplaced marks, impossible syllables (or two words glued), rare
syllables, and last real words that the context rejects. Every step starts with the reasons not
to fire: precision comes first.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress, count, islice, repeat
from operator import add, lshift, not_
from typing import TYPE_CHECKING

# This module is imported only when a typo rule runs: the lexicon and the speller it loads are
# what the rules need, so they are imported here, not per call.
from vnlint.document import Document, Token
from vnlint.lexicon import default_lexicon
from vnlint.lexicon.lexicon import PAIR_SHIFT
from vnlint.spelling.keyboard import decode_telex, decode_vni, restore_case
from vnlint.spelling.speller import (
    LOG_LETTER,
    LOG_NO_SLIP,
    Ranked,
    Speller,
    default_speller,
    marks_of,
    t1,
)
from vnlint.vietnamese.syllable import is_valid, is_vietnamese_word_shape, parse
from vnlint.vietnamese.tones import misplaced_tone

if TYPE_CHECKING:
    import numpy as np  # imported where used: archive runs only, never the one-file case

INVALID = "invalid-syllable"
UNATTESTED = "unattested-syllable"
WRONG_WORD = "wrong-word-in-context"
KEYBOARD = "telex-leftover"
GLUED = "glued-words"
NO_DIACRITICS = "missing-diacritics-sentence"
MISPLACED = "misplaced-tone-mark"
CAPITALIZED = "unknown-capitalized-word"

# A syllable seen at most this often in 18 million is "almost never attested"; at most
# NEVER_SEEN_MAX times, "never" (a handful of typos in the corpus itself).
UNATTESTED_MAX = 5
NEVER_SEEN_MAX = 2
# An impossible spelling is a deliberate one (a loan, a foreign word) when the corpus writes it
# at least once for every this many times it writes its best-attested diacritic twin.
ATTESTED_SHARE = 200
# Without any mark, English words share many spellings with bare syllables ("gap", "tap"):
# only a spelling written 1,000 times less often than its twin is a slip ("cac" for "các").
BARE_ATTESTED_SHARE = 1000
# Bigram evidence: how often the correction must stand beside a neighbour to count as support.
MIN_SUPPORT = 5
# Posterior above which the context makes a correction clear (error), and above which it is
# the only sensible one (a safe fix).
CLEAR = 0.9
CERTAIN = 0.99
# Real-word errors: the correction must beat the typed word by this log-likelihood ratio, be
# seen this often beside both neighbours, and the typed word never beside either.
WRONG_WORD_RATIO = math.log(1e5)
WRONG_WORD_CONTEXT = 11.0  # about 60,000 to one
WRONG_WORD_SUPPORT = 50
WRONG_WORD_MIN_COUNT = 50
# Keyboard leftovers decode to a syllable at least this frequent.
KEYBOARD_MIN_COUNT = 20
MAX_SUGGESTIONS = 5
# A sentence without diacritics has at least this many words.
MIN_BARE_WORDS = 6
_BARE_RUN = b"\1" * MIN_BARE_WORDS

_SPACES = " \t\u00a0\u202f"
# Characters that glue a token to a code, a number, a transliteration or a handle: such
# tokens are not free-standing syllables ("H'Mông", "ô-tô", "km/h", "4G", "#hashtag").
_JOINERS = frozenset("-\u2010\u2011'\u2019_@#/\\&+*=~^`´|")
_SENTENCE_END = re.compile(r"[.!?…;:]|\n")
# Hook above, dot below, horn: marks that only Vietnamese puts on Latin letters.
_VIETNAMESE_ONLY_MARKS = frozenset("\u0309\u0323\u031b")
# Telex keys that add a mark to a letter (â ê ô ă ơ ư đ): rare in foreign names.
_MODIFIER_KEYS = re.compile(r"aa|ee|oo|^dd|[aou]w")
# A digit right after a Latin letter: the cheap test first (the digit opens the pattern).
_VNI_HINT = re.compile(r"[0-9](?<=[A-Za-z][0-9])")
# Letters and digits run together, possibly VNI keystrokes ("vie65t", "ngu7o72i"): a whole run
# of word characters that this matches (`_vni_spans`).
_VNI_RUN = re.compile(r"[A-Za-z]+[0-9][A-Za-z0-9]*")
_WORD_TAIL = re.compile(r"\w*")


@dataclass(frozen=True)
class Finding:
    """One suspicious span, owned by one typo rule, with corrections in T1 placement."""

    rule: str
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    clear: bool = False  # the context makes the correction clear: an error, not a warning
    certain: bool = False  # one correction is overwhelmingly likely: a safe fix
    args: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Slot:
    """A token with its neighbours in the same phrase (spaces only between them)."""

    token: Token
    left: Token | None
    right: Token | None
    sentence_start: bool
    glued: bool


def analyze(doc: Document) -> tuple[Finding, ...]:
    """Return every typo finding of the document (computed once, shared by the typo kinds)."""
    return doc.memo("vnlint.spelling.findings", _analyze)


def _analyze(doc: Document) -> tuple[Finding, ...]:
    """Run the ladder over every token.

    The work is done per distinct word and per distinct pair of neighbours, with process-wide
    caches (articles share most of their vocabulary): only tokens that a cached profile or an
    unseen pair marks as suspicious reach the per-token ladder.
    """
    speller = default_speller()
    if not doc.token_count:
        return ()
    findings: list[Finding] = []
    covered: set[int] = set()
    for finding, inside in _vni_runs(doc, speller):
        findings.append(finding)
        covered.update(inside)
    words = doc.words
    vocabulary = doc.vocabulary
    profile_of = _profiles(vocabulary)  # word -> profile, for every word of the document
    for finding, inside in _bare_sentences(doc, words, profile_of, speller):
        findings.append(finding)
        covered.update(inside)
    text = doc.text
    last = doc.token_count - 1
    token_at = doc.token  # Token objects are built only for the tokens judged
    # Common syllables are only questioned when they have never stood beside either neighbour.
    # Every pass over the tokens below is a C-level map, never a Python loop.
    questioned = _questioned(words)
    odd_words = vocabulary & _SUSPECTS
    suspects = list(compress(count(), map(odd_words.__contains__, words))) if odd_words else []
    if questioned:
        suspects.extend(b for b in questioned if profile_of[words[b]].common)
        suspects.sort()
    for i in suspects:
        if i in covered:
            continue
        profile = profile_of[words[i]]
        if profile.common:
            if i == 0 or i == last:
                continue
            token = token_at(i)
            if not (
                _spaces_only(text, token_at(i - 1).end, token.start)
                and _spaces_only(text, token.end, token_at(i + 1).start)
            ):
                continue
            finding = _wrong_word(_slot(doc, i), speller)
        else:
            finding = _judge(_slot(doc, i), speller)
        if finding is not None:
            findings.append(finding)
    return tuple(findings)


# Process-wide caches: a word's profile and whether two syllables were ever seen side by side
# are pure functions of the words (and of the shipped lexicon). Cleared when they grow large,
# so that a worker auditing a million articles keeps a bounded footprint.
_PROFILES: dict[str, _Profile] = {}
_CONTEXT_IDS: dict[str, int] = {}  # word -> its profile's context_id (a plain dict for map())
_SUSPECTS: set[str] = set()  # the profiled words that are `suspect` (intersected per document)
_SEEN: dict[int, bool] = {}
_CACHE_LIMIT = 1 << 18
# After this many documents a process is auditing an archive: vectorized look-ups of whole
# documents' pairs (`_questioned_in_bulk`, NumPy) then replace the look-up per new pair.
_BULK_AFTER = 50
_analysed = 0

# Pair-key halves that are no lexicon id: a neighbour that is no usable context (a number, a
# name in capitals) questions nothing; an unknown syllable was never seen beside anything.
NO_CONTEXT = 1 << (PAIR_SHIFT - 1)
UNKNOWN_CONTEXT = NO_CONTEXT + 1
_HALF = (1 << PAIR_SHIFT) - 1


def _profiles(vocabulary: frozenset[str]) -> dict[str, _Profile]:
    """Profile each distinct word, computing only the ones no earlier article had; return the
    process-wide table (which then holds every word of the document)."""
    cache = _PROFILES
    missing = vocabulary.difference(cache)
    if missing:
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
            _CONTEXT_IDS.clear()
            _SUSPECTS.clear()
            missing = vocabulary
        for word in missing:
            profile = cache[word] = _profile(word)
            _CONTEXT_IDS[word] = profile.context_id
            if profile.suspect:
                _SUSPECTS.add(word)
    return cache


def _questioned(words: list[str]) -> list[int]:
    """Return, in order, each i where token i was never seen beside either neighbour.

    Pair i joins tokens i and i + 1: token i is questioned when pairs i - 1 and i are both
    unseen, and neither neighbour is NO_CONTEXT (a pair with no usable context questions
    nothing). The caller keeps the common syllables among them.
    """
    global _analysed
    _analysed += 1
    if _analysed > _BULK_AFTER:
        return _questioned_in_bulk(words)
    return [
        b
        for a, b in itertools.pairwise(_unseen_at(words))
        if b == a + 1
        and _CONTEXT_IDS[words[a]] != NO_CONTEXT
        and _CONTEXT_IDS[words[b + 1]] != NO_CONTEXT
    ]


def _unseen_at(words: list[str]) -> list[int]:
    """Return, in order, each i where tokens i and i + 1 were never seen side by side, looking
    up each pair not met before in this process (the first documents of a run).

    Pairs are judged on the words' contexts (`_Profile.context_id`, all profiled), as ints
    `first << PAIR_SHIFT | second` (`Lexicon.pair_array`). Pairs with a NO_CONTEXT half are
    among them (never seen).
    """
    contexts = list(map(_CONTEXT_IDS.__getitem__, words))
    keys = list(map(add, map(lshift, contexts, repeat(PAIR_SHIFT)), islice(contexts, 1, None)))
    cache = _SEEN
    missing = set(keys).difference(cache)
    if missing:
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
            missing = set(keys)
        count_of = default_lexicon().id_bigram_count
        for key in missing:
            # Sentinel halves are no ids: the lexicon counts them 0.
            cache[key] = count_of(key >> PAIR_SHIFT, key & _HALF) > 0
    return list(compress(count(), map(not_, map(cache.__getitem__, keys))))


def _questioned_in_bulk(words: list[str]) -> list[int]:
    """`_questioned` for archive runs: the same test on `_unseen_in_bulk`'s arrays."""
    contexts, unseen_at = _unseen_in_bulk(words)
    both = unseen_at[1:][unseen_at[1:] - unseen_at[:-1] == 1]
    return both[(contexts[both - 1] != NO_CONTEXT) & (contexts[both + 1] != NO_CONTEXT)].tolist()


def _unseen_in_bulk(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """`_unseen_at` for archive runs, with NumPy: pairs of the DENSE most frequent syllables (93%
    of the pairs of news text) and pairs with a sentinel are read from a bit table, the rest
    looked up in the sorted pair keys (`Lexicon.attested`). One C-level pass maps the words
    to their contexts; everything after it is vectorized. Returns the words' contexts and the
    positions of the unseen pairs, as arrays."""
    import numpy as np

    bits = _dense_bits()
    # (A list converted at once is quicker than np.fromiter over the look-ups.)
    contexts = np.array(list(map(_CONTEXT_IDS.__getitem__, words)), np.int64)
    codes = np.minimum(contexts, DENSE)
    codes[contexts >= NO_CONTEXT] = SENTINEL
    first, second = codes[:-1], codes[1:]
    at = first * _WIDTH + second
    seen = (bits[at >> 3] >> (at & 7)) & 1
    undecided_at = np.maximum(first, second) == DENSE  # DENSE in it, and no sentinel
    unseen_at = np.flatnonzero((seen == 0) & ~undecided_at)
    undecided = np.flatnonzero(undecided_at)
    if len(undecided):
        keys = (contexts[undecided] << PAIR_SHIFT) + contexts[undecided + 1]
        never = undecided[~default_lexicon().attested(keys)]
        if len(never):
            unseen_at = np.sort(np.concatenate((unseen_at, never)))
    return contexts, unseen_at


# Syllable ids below DENSE (the lexicon numbers syllables most frequent first) are their own
# code in `_dense_bits`; other ids are DENSE, and the sentinels (NO_CONTEXT, UNKNOWN_CONTEXT)
# SENTINEL. A pair of codes is seen when its bit is set (only pairs of two ids below DENSE
# are), undecided when DENSE is the larger code (an id at or above DENSE, no sentinel: the pair
# keys decide), else never seen (every pair with a sentinel). 4,096 codes cover 93% of news
# text's pairs; as bits they take 2 MB (a byte per pair took 16 MB, and ran no faster).
DENSE = 4096
SENTINEL = DENSE + 1
_WIDTH = SENTINEL + 1


@cache
def _dense_bits() -> np.ndarray:
    """Return the seen bit of each pair of codes (`first * _WIDTH + second`), packed eight to a
    byte, lowest bit first (0.1 s, once per process)."""
    import numpy as np

    keys = default_lexicon().pair_array
    firsts, seconds = keys >> PAIR_SHIFT, keys & _HALF
    dense = (firsts < DENSE) & (seconds < DENSE)
    at = firsts[dense] * _WIDTH + seconds[dense]
    bits = np.zeros((_WIDTH * _WIDTH + 7) // 8, np.uint8)
    np.bitwise_or.at(bits, at >> 3, (1 << (at & 7)).astype(np.uint8))
    return bits


def _slot(doc: Document, i: int) -> _Slot:
    """Pair a token with its phrase neighbours and note what it is glued to."""
    text = doc.text
    token = doc.token(i)
    previous = doc.token(i - 1) if i else None
    following = doc.token(i + 1) if i + 1 < doc.token_count else None
    left = previous if previous and _spaces_only(text, previous.end, token.start) else None
    right = following if following and _spaces_only(text, token.end, following.start) else None
    gap = text[previous.end : token.start] if previous else "\n"
    sentence_start = previous is None or bool(_SENTENCE_END.search(gap))
    return _Slot(token, left, right, sentence_start, _is_glued(text, token))


def _spaces_only(text: str, start: int, end: int) -> bool:
    """Tell whether text[start:end] is a non-empty run of spaces (no line break)."""
    return start < end and not text[start:end].strip(_SPACES)


def _is_glued(text: str, token: Token) -> bool:
    """Tell whether a token is stuck to a digit, a joiner, or a dot inside a code (TP.HCM)."""
    before = text[token.start - 1] if token.start else ""
    after = text[token.end] if token.end < len(text) else ""
    if before.isdigit() or after.isdigit() or before in _JOINERS or after in _JOINERS:
        return True
    if before == "." and token.start > 1 and text[token.start - 2].isalnum():
        return True
    return after == "." and token.end + 1 < len(text) and text[token.end + 1].isalnum()


def _case(word: str) -> str:
    """Classify a word's letter case: lower, title, upper or mixed."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "mixed"


def _neighbour(token: Token | None) -> str | None:
    """Return a neighbour usable as context: a lowercase or capitalized Vietnamese syllable."""
    return None if token is None else _profile(token.text).context


def _suggestions(ranked: Sequence[Ranked], model: str) -> tuple[str, ...]:
    """Return the best corrections, in the typed word's letter case."""
    kept = [r for r in ranked[:MAX_SUGGESTIONS] if r is ranked[0] or r.posterior >= 0.001]
    return tuple(restore_case(r.text, model) for r in kept)


class _Profile:
    """What a word is, whatever its context: computed once per distinct word.

    A plain class with slots, not a frozen dataclass: one is built for every new word of an
    archive (tens of thousands), and this builds three times faster. Never modified.
    """

    __slots__ = (
        "case",
        "common",
        "context",
        "context_id",
        "count",
        "misplaced",
        "settled",
        "shaped",
        "suspect",
        "valid",
        "vietnamese_only",
    )

    def __init__(
        self,
        case: str,
        shaped: bool,  # Vietnamese letters only, two or more
        valid: bool,
        count: int,
        vietnamese_only: bool,  # carries a mark no other Latin-script language uses
        misplaced: bool,  # the tone mark sits where neither style puts it ("qúy", "hòan")
        context: str | None,  # the form used as a neighbour's context (lowercase, T1), if usable
        # No rule fires on it wherever it stands, though it is no common syllable: an attested
        # foreign word or loan ("Trump", "clip", "km"). Decided once per word, not per token.
        settled: bool = False,
    ) -> None:
        self.case = case
        self.shaped = shaped
        self.valid = valid
        self.count = count
        self.vietnamese_only = vietnamese_only
        self.misplaced = misplaced
        self.context = context
        self.settled = settled
        # The context as a pair-key half: its lexicon id, NO_CONTEXT, or UNKNOWN_CONTEXT.
        context_id = NO_CONTEXT
        if context is not None:
            context_id = default_lexicon().syllable_id(context)
            if context_id < 0:
                context_id = UNKNOWN_CONTEXT  # never seen beside anything
        self.context_id = context_id
        # A known lowercase syllable: only its context can question it.
        self.common = case == "lower" and valid and not misplaced and count > UNATTESTED_MAX
        # Questioned wherever it stands: shaped, not an acronym, not common, not a known name
        # and not settled.
        self.suspect = (
            shaped and case != "upper" and not self.quiet and not self.common and not settled
        )

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"_Profile({fields})"

    @property
    def quiet(self) -> bool:
        """Tell whether no rule can fire on this word, wherever it stands (a known name)."""
        return self.case == "title" and self.valid and self.count > 0 and not self.misplaced


def _vietnamese_only(word: str) -> bool:
    """Tell whether a word carries a mark that only Vietnamese puts on Latin letters."""
    if "đ" in word:
        return True
    marks = 0
    for ch in unicodedata.normalize("NFD", word):
        if ch in _VIETNAMESE_ONLY_MARKS:
            return True
        marks = marks + 1 if unicodedata.combining(ch) else 0
        if marks == 2:
            return True  # a vowel mark and a tone on one letter: "ố", "ặ"
    return False


@lru_cache(maxsize=1 << 16)
def _profile(word: str) -> _Profile:
    """Profile one word with the default speller's lexicon."""
    case = _case(word)
    if not is_vietnamese_word_shape(word):
        return _Profile(case, False, False, 0, False, False, None)
    lower = word.lower()
    context = t1(lower) if case in ("lower", "title") else None
    if len(word) < 2:
        return _Profile(case, False, False, 0, False, False, context)
    only = _vietnamese_only(lower)
    misplaced = misplaced_tone(lower) is not None
    speller = default_speller()
    count = speller.count(lower)
    valid = is_valid(lower)
    # The ladder (_judge) ends in "nothing" for these whatever the context: an attested word
    # (so no keyboard leftover) that is a capitalized ASCII name, or an impossible syllable
    # written often enough to be a loan or a foreign word.
    settled = False
    if count > 0 and not misplaced:
        if case == "title":
            settled = word.isascii()
        elif case == "lower" and not valid:
            settled = lower.startswith("dz") or _written_on_purpose(word, count, speller)
    return _Profile(case, True, valid, count, only, misplaced, context, settled)


def _written_on_purpose(word: str, count: int, speller: Speller) -> bool:
    """Tell whether an impossible spelling is written often enough to be deliberate: a loan
    ("ôtô", "rađa") or a foreign word ("gap"), compared with its best-attested twin."""
    _, top = _twins(word, speller)
    share = BARE_ATTESTED_SHARE if word.isascii() else ATTESTED_SHARE
    return count >= 2 and count * share >= top


def _twins(word: str, speller: Speller) -> tuple[dict[str, float], int]:
    """Return a word's diacritic twins (candidates without letter slips) and the best count."""
    twins = speller.candidates(word, letters=False)
    return twins, max((speller.count(c) for c in twins), default=0)


def _judge(slot: _Slot, speller: Speller) -> Finding | None:
    """Decide which rule, if any, owns one token."""
    word = slot.token.text
    profile = _profile(word)
    if not profile.shaped or profile.case == "upper":
        return None  # single letters, other scripts, acronyms and shouted headlines
    if slot.glued:
        return _misplaced(slot)  # codes, numbers and transliterations are not free syllables
    if profile.case == "mixed":
        return _camel_glued(slot, speller)
    found = _misplaced(slot) if profile.misplaced else None
    if found is not None:
        return found
    if profile.case == "lower" and profile.valid and profile.count > UNATTESTED_MAX:
        # The common case, kept fast: a known syllable is only questioned by its context.
        return _wrong_word(slot, speller)
    found = _keyboard(slot, speller, profile)
    if found is not None:
        return found
    if profile.case == "title":
        if slot.sentence_start and not profile.valid and not word.isascii():
            # "Chúnh phủ..." opening a sentence: a slip when the marks are Vietnamese only, or
            # when one correction is certain; otherwise a name ("José") for the info rule.
            found = _invalid(slot, speller, profile)
            if found is not None and (profile.vietnamese_only or found.certain):
                return found
        if profile.count == 0 and not word.isascii():
            # Never seen ("Đắk", "Krông" are seen often): a name glued to the next word
            # ("Khánhđã"), else a name to check.
            return _split(slot, speller) or _capitalized(slot, speller)
        return None
    if not profile.valid:
        return _invalid(slot, speller, profile)
    return _unattested(slot, speller, profile)


def _context(slot: _Slot) -> tuple[str | None, str | None]:
    """Return the lowercase left and right neighbours usable as context."""
    return _neighbour(slot.left), _neighbour(slot.right)


def _misplaced(slot: _Slot) -> Finding | None:
    """Find a tone mark on the wrong letter in both styles ("qúy", "hòan")."""
    word = slot.token.text
    fixed = misplaced_tone(word)
    if fixed is None or not is_valid(fixed):
        return None
    return Finding(MISPLACED, slot.token.start, slot.token.end, (fixed,), True, True)


def _keyboard(slot: _Slot, speller: Speller, profile: _Profile) -> Finding | None:
    """Find Telex keys typed with the input method off ("chinhs", "dduwowcj")."""
    word = slot.token.text
    if profile.count > 0:
        return None  # attested as typed: "xoong", "max", "taxi" are words
    reading = decode_telex(word)
    if reading is None:
        return None
    left, right = _context(slot)
    readings = speller.candidates(word, letters=False, decoded=[reading])
    # A letter slip can look like Telex ("tury" for "truy", not "tủy"): both compete.
    merged = speller.candidates(word)
    for text, channel in readings.items():
        merged[text] = max(channel, merged.get(text, channel))
    ranked = speller.rank(merged, left, right)
    if not ranked or ranked[0].text not in readings or not is_valid(ranked[0].text):
        return None
    best = ranked[0]
    if best.count < KEYBOARD_MIN_COUNT:
        return None
    supported = best.supported >= MIN_SUPPORT
    if profile.case == "title" and not (
        _MODIFIER_KEYS.search(word.lower()) and speller.lexicon.capitalized_ratio(best.text) >= 0.3
    ):
        return None  # foreign names ("Dawr", "Norio"), unless it reads as a Vietnamese name
    if not supported and best.count < 1000:
        return None  # English words read as Telex ("tax" -> "tã") meet no support
    certain = best.posterior >= CERTAIN and (supported or (left is None and right is None))
    return Finding(
        KEYBOARD,
        slot.token.start,
        slot.token.end,
        _suggestions(ranked, word),
        clear=True,
        certain=certain,
        args={"method": "Telex"},
    )


def _vni_runs(doc: Document, speller: Speller) -> Iterator[tuple[Finding, list[int]]]:
    """Find VNI keystrokes: letters with tone and mark digits in them ("vie65t", "d9u7o7c5")."""
    text = doc.text
    for start, end in _vni_spans(text):
        run = text[start:end]
        letters = "".join(c for c in run if c.isalpha())
        digits = re.findall(r"\d+", run)
        if len(letters) < 2 or sum(map(len, digits)) > 3 or any(len(d) > 2 for d in digits):
            continue  # "U23", "A320", "H5N1"
        if _case(letters) not in ("lower", "title") or doc.is_masked(start, end):
            continue
        reading = decode_vni(run)
        if reading is None or reading.lower() == letters.lower():
            continue
        starts = doc.token_starts
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        before = doc.token(first - 1) if first else None
        after = doc.token(last) if last < doc.token_count else None
        left = _neighbour(before) if before and _spaces_only(text, before.end, start) else None
        right = _neighbour(after) if after and _spaces_only(text, end, after.start) else None
        readings = speller.candidates(run, letters=False, decoded=[reading])
        ranked = speller.rank(readings, left, right)
        best = ranked[0] if ranked else None
        if best is None or not is_valid(best.text) or best.count < 200:
            continue
        has_context = left is not None or right is not None
        inside = list(range(first, last))
        yield (
            Finding(
                KEYBOARD,
                start,
                end,
                _suggestions(ranked, run),
                clear=True,
                certain=best.posterior >= CERTAIN
                and (best.supported >= MIN_SUPPORT or not has_context),
                args={"method": "VNI"},
            ),
            inside,
        )


def _vni_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of the whole runs of word characters (`\\w`) that `_VNI_RUN` matches:
    ASCII letters, then a digit after a letter, then ASCII letters and digits.

    Each such run holds a letter followed by a digit (`_VNI_HINT`, rare in news text): the runs
    are found from those, not by trying a match at every word of the text.
    """
    last_end = 0
    for hint in _VNI_HINT.finditer(text):
        if hint.start() < last_end:
            continue  # another digit of the run just read ("d9u7o7c5")
        start = hint.start()
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # \w, as re has it
            start -= 1
        last_end = _WORD_TAIL.match(text, hint.start()).end()
        if _VNI_RUN.fullmatch(text, start, last_end):
            yield start, last_end


def _invalid(slot: _Slot, speller: Speller, profile: _Profile) -> Finding | None:
    """Judge a syllable that cannot exist: a slip, two glued words, a loan or a foreign word."""
    word = slot.token.text
    if word.lower().startswith("dz"):
        return None  # a deliberate colloquial spelling ("dzô", "dzậy")
    left, right = _context(slot)
    twins, top = _twins(word, speller)
    share = BARE_ATTESTED_SHARE if word.isascii() else ATTESTED_SHARE
    if profile.count >= 2 and profile.count * share >= top:
        return None  # written so often enough: a loan ("ôtô", "rađa") or a foreign word ("gap")
    if word.isascii():
        # Without marks, a slip is a word almost never written bare, among Vietnamese words,
        # that the context turns into a syllable ("kế hoach", "cơ qan"); the rest is foreign
        # ("video", "gap").
        if not _vietnamese_nearby(slot):
            return None
        # One letter slip at most: two edits from a syllable is what foreign words are.
        near = {c: p for c, p in speller.candidates(word).items() if p > 2 * LOG_LETTER}
        ranked = speller.rank(near, left, right)
        if not ranked or ranked[0].posterior < CLEAR:
            return None
        best = ranked[0]
        if best.supported < (MIN_SUPPORT if best.text in twins else 20):
            return None
        sides = [n for n, ctx in ((best.left, left), (best.right, right)) if ctx is not None]
        if profile.count >= 2 and min(sides) < MIN_SUPPORT:
            return None  # written so a few times: both neighbours must ask for the twin
        return _invalid_finding(slot, ranked)
    ranked = speller.rank(speller.candidates(word), left, right)
    if top < 100:
        glued = _split(slot, speller)
        if glued is not None:
            return glued
        certain = bool(ranked) and ranked[0].posterior >= CERTAIN and ranked[0].supported >= 20
        if not certain and marks_of(word).tone == "ngang" and _splits_into_syllables(word.lower()):
            return None  # a loanword written solid, toneless ("côcain", "kilôgam"), not a slip
    return _invalid_finding(slot, ranked)


def _invalid_finding(slot: _Slot, ranked: Sequence[Ranked]) -> Finding | None:
    """Report an impossible syllable with its ranked corrections."""
    if not ranked:
        return None  # nothing Vietnamese is near: a foreign word ("skuggsjá", "apatít")
    best = ranked[0]
    certain = best.posterior >= CERTAIN and best.supported >= MIN_SUPPORT
    return Finding(
        INVALID,
        slot.token.start,
        slot.token.end,
        _suggestions(ranked, slot.token.text),
        clear=True,
        certain=certain,
    )


def _splits_into_syllables(word: str) -> bool:
    """Tell whether a word is a run of two or more valid syllables ("ôtô" = ô + tô)."""
    if is_valid(word):
        return True
    return any(is_valid(word[:i]) and _splits_into_syllables(word[i:]) for i in range(1, len(word)))


def _split(slot: _Slot, speller: Speller) -> Finding | None:
    """Find two words typed without the space between them ("thànhphố", "tạicác")."""
    word = slot.token.text
    lower = word.lower()
    if word.isascii():
        return None  # ASCII runs are slugs, handles and brand names
    options = []
    for i in range(1, len(lower)):
        first, second = lower[:i], lower[i:]
        if not (is_valid(first) and is_valid(second)):
            continue
        if marks_of(first).tone == marks_of(second).tone == "ngang":
            continue  # loans written solid are toneless runs ("côca", "balô", "rađa")
        if min(speller.count(first), speller.count(second)) < 20:
            continue
        support = speller.bigram(first, second)
        if support >= MIN_SUPPORT:
            # The parts are written as the corpus writes them (a mark moved: "lơị" -> "lợi").
            parts = restore_case(t1(first), word[:i]), t1(second)
            options.append((support, f"{parts[0]} {parts[1]}"))
    if not options:
        return None
    options.sort(reverse=True)
    certain = len(options) == 1 or options[0][0] >= 100 * options[1][0]
    return Finding(
        GLUED,
        slot.token.start,
        slot.token.end,
        tuple(text for _, text in options[:MAX_SUGGESTIONS]),
        clear=True,
        certain=certain,
    )


def _camel_glued(slot: _Slot, speller: Speller) -> Finding | None:
    """Find a Vietnamese word glued to a capitalized one ("vàMalaysia", "địnhDN")."""
    word = slot.token.text
    cut = next((i for i in range(1, len(word)) if word[i].isupper()), 0)
    first, second = word[:cut], word[cut:]
    if not first.islower() or first.isascii() or not is_valid(first):
        return None  # "iPhone", "eKYC", "mRNA": the lowercase head must be Vietnamese
    if speller.count(first) < 100:
        return None
    if not (second.isupper() and len(second) >= 2) and speller.count(second) < 2:
        return None
    return Finding(
        GLUED, slot.token.start, slot.token.end, (f"{first} {second}",), clear=True, certain=True
    )


def _unattested(slot: _Slot, speller: Speller, profile: _Profile) -> Finding | None:
    """Judge a valid syllable almost never seen: a slip when a correction fits the context."""
    word = slot.token.text
    lower = word.lower()
    left, right = _context(slot)
    if left is None and right is None:
        return None  # no context to judge by
    if (left and speller.bigram(left, lower) > 0) or (right and speller.bigram(lower, right) > 0):
        return None  # rare, but seen right here before ("vàng ruộm")
    if _shares_onset(lower, left) or _shares_onset(lower, right):
        return None  # reduplicatives share their onset ("xoành xoạch", "xõng xoài")
    if word.isascii() and not _vietnamese_nearby(slot):
        return None  # a foreign word among foreign words
    # A word seen before, however rarely, is only questioned for its marks ("truyên"): a
    # letter away there are too many rare words ("chỏm" is not "cho", "téc" not "tép").
    candidates = speller.candidates(lower, letters=profile.count == 0)
    candidates[lower] = LOG_NO_SLIP
    ranked = speller.rank(candidates, left, right)
    best = ranked[0]
    if best.text == lower or best.supported < MIN_SUPPORT:
        return None
    if _in_dictionary(speller, lower, best.text, left, right):
        return None  # a dictionary word the corpus rarely writes ("nói phét", "mũi tẹt")
    clear = best.posterior >= CLEAR
    if profile.count > NEVER_SEEN_MAX:
        # Seen a few times: a rare word more often than a slip. Only a correction that both
        # neighbours ask for is reported ("tuyên truyên về" -> "truyền").
        sides = [n for n, ctx in ((best.left, left), (best.right, right)) if ctx is not None]
        if not clear or min(sides) < MIN_SUPPORT or (len(sides) == 1 and sides[0] < 20):
            return None
    rest = [r for r in ranked if r.text != lower]
    return Finding(
        UNATTESTED,
        slot.token.start,
        slot.token.end,
        _suggestions(rest, word),
        clear=clear,
        certain=clear and best.posterior >= CERTAIN,
        args={"count": profile.count},
    )


def _in_dictionary(
    speller: Speller, word: str, correction: str, left: str | None, right: str | None
) -> bool:
    """Tell whether the word makes a dictionary word with a neighbour that its correction
    does not make (the word list has a few typos of its own: "nử tử" beside "nữ tử")."""
    is_word = speller.lexicon.is_word
    if left and is_word((left, word)) and not is_word((left, correction)):
        return True
    return bool(right and is_word((word, right)) and not is_word((correction, right)))


def _shares_onset(word: str, neighbour: str | None) -> bool:
    """Tell whether two syllables share their onset, as the halves of a reduplicative do."""
    if neighbour is None:
        return False
    if neighbour == word:
        return True  # plain reduplication ("nhầng nhầng", "khèo khèo")
    a, b = parse(word), parse(neighbour)
    return a is not None and b is not None and bool(a.onset) and a.onset == b.onset


def _vietnamese_nearby(slot: _Slot) -> bool:
    """Tell whether a neighbour carries Vietnamese diacritics."""
    return any(t is not None and not t.text.isascii() for t in (slot.left, slot.right))


def _wrong_word(slot: _Slot, speller: Speller) -> Finding | None:
    """Find a real syllable the context rejects for a diacritic twin ("cận phải" -> "cần")."""
    word = slot.token.text
    lower = word.lower()
    left, right = _context(slot)
    if left is None or right is None:
        return None  # overwhelming evidence needs both sides
    if speller.bigram(left, lower) > 0 or speller.bigram(lower, right) > 0:
        return None
    if speller.lexicon.is_word((left, lower)) or speller.lexicon.is_word((lower, right)):
        return None  # a dictionary word the corpus happens not to have ("đậu mùa")
    own = speller.lm([left, lower, right])
    best: tuple[float, str] | None = None
    for twin in speller.variants(lower):
        if twin == lower or speller.count(twin) < WRONG_WORD_MIN_COUNT:
            continue
        if min(speller.bigram(left, twin), speller.bigram(twin, right)) < WRONG_WORD_SUPPORT:
            continue
        gain = speller.lm([left, twin, right]) - own
        # The context alone, without the twins' frequencies, must also favour the twin: a rare
        # word used rightly ("đau rát", "ém lại") loses to its frequent twin on frequency only.
        prior = math.log(speller.count(twin) / max(speller.count(lower), 1))
        if gain < WRONG_WORD_RATIO or gain - prior < WRONG_WORD_CONTEXT:
            continue
        if best is None or gain > best[0]:
            best = (gain, twin)
    if best is None:
        return None
    return Finding(
        WRONG_WORD,
        slot.token.start,
        slot.token.end,
        (restore_case(best[1], word),),
        clear=True,
        certain=True,  # one correction; the rule's policy makes its fix unsafe
        args={"count": _profile(word).count},
    )


def _capitalized(slot: _Slot, speller: Speller) -> Finding | None:
    """Note a capitalized word never seen, or impossible: a name to check, or a slip."""
    word = slot.token.text
    left, right = _context(slot)
    ranked = speller.rank(speller.candidates(word), left, right)
    return Finding(CAPITALIZED, slot.token.start, slot.token.end, _suggestions(ranked[:3], word))


def _bare_sentences(
    doc: Document, words: Sequence[str], profile_of: Mapping[str, _Profile], speller: Speller
) -> Iterator[tuple[Finding, list[int]]]:
    """Find sentences typed without any diacritics ("Thu tuong yeu cau cac bo nganh")."""
    if _BARE_RUN not in bytes(map(str.isascii, words)):
        return  # the usual case: no run of bare words long enough, decided at C speed
    starts = doc.token_starts
    last = len(starts)
    # A sentence ends between tokens i - 1 and i where a sentence end lies between them: one
    # scan of the text, placed by bisect (no token holds punctuation or a line break).
    cuts = {bisect.bisect_right(starts, m.start()) for m in _SENTENCE_END.finditer(doc.text)}
    bounds = [0, *sorted(i for i in cuts if 0 < i < last), last]
    for start, end in itertools.pairwise(bounds):
        if end - start < MIN_BARE_WORDS:
            continue
        group = list(range(start, end))
        typed_words = words[start:end]
        lowered = list(map(str.lower, typed_words))
        if sum(map(str.isascii, lowered)) < 0.9 * len(lowered):
            continue
        # Each bare word must be the folded form of a Vietnamese syllable ("nganh" of "ngành"),
        # and most must be far rarer than their marked twin: English has neither property.
        keyed = stripped = 0
        for typed_word, w in zip(typed_words, lowered, strict=True):
            twins = speller.variants(w) if w.isascii() else (w,)
            if not twins:
                continue
            keyed += 1
            typed = profile_of[typed_word].count
            if w.isascii() and speller.count(twins[0]) >= 20 * (typed + 1):
                stripped += 1
        if keyed < 0.9 * len(lowered) or stripped < max(3, 0.5 * len(lowered)):
            continue
        slots = [_slot(doc, i) for i in group]
        yield (
            Finding(
                NO_DIACRITICS,
                slots[0].token.start,
                slots[-1].token.end,
                (_restore(doc, slots, speller),),
                args={"words": len(group)},
            ),
            group,
        )


def _restore(doc: Document, group: Sequence[_Slot], speller: Speller) -> str:
    """Put the diacritics back with the bigram model (Viterbi over each word's twins)."""
    lattice: list[list[str]] = []
    for slot in group:
        lower = slot.token.text.lower()
        options = list(speller.variants(lower)[:6])
        if lower not in options:
            options.append(lower)
        lattice.append(options)
    # best[j][option] = (score, back-pointer)
    best: list[dict[str, tuple[float, str | None]]] = []
    for j, options in enumerate(lattice):
        column: dict[str, tuple[float, str | None]] = {}
        joined = j > 0 and group[j].left == group[j - 1].token
        for option in options:
            if j == 0:
                column[option] = (speller.log_next(None, option), None)
                continue
            choices = []
            for previous, (score, _) in best[-1].items():
                context = previous if joined else None
                choices.append((score + speller.log_next(context, option), previous))
            column[option] = max(choices)
        best.append(column)
    choice = max(best[-1], key=lambda o: best[-1][o][0])
    path = [choice]
    for j in range(len(best) - 1, 0, -1):
        back = best[j][path[-1]][1]
        assert back is not None
        path.append(back)
    path.reverse()
    text = doc.text
    start = group[0].token.start
    pieces = []
    cursor = start
    for slot, option in zip(group, path, strict=True):
        pieces.append(text[cursor : slot.token.start])
        pieces.append(restore_case(option, slot.token.text))
        cursor = slot.token.end
    return "".join(pieces)


__all__ = ["Finding", "analyze"]
