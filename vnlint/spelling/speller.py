"""Generate corrections for a typed syllable and rank them by typing slips, frequency and context.

Candidates come from three sources: the syllables that share the typed word's diacritic-folded
key (Unidecode: "hoach" -> hoạch, hoàch...; a wrong or missing tone, hook, breve or circumflex),
rapidfuzz over those keys (letter slips, at most one edit, two for long words), and Telex or VNI
decoding. The ranking is a noisy channel: log P(typed | candidate), from the kind of slip, plus
log P(candidate | left neighbour) + log P(right neighbour | candidate) from the lexicon's syllable
bigrams (Dirichlet-smoothed with the syllable frequencies). Every look-up folds the tone
placement to T1 ("hoà" -> "hòa"), the only one the corpus writes.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, TypeVar

from vnlint.vietnamese.syllable import TONE_MARKS, is_valid
from vnlint.vietnamese.tones import place_tone

if TYPE_CHECKING:
    from vnlint.lexicon import Lexicon

T = TypeVar("T")

# Syllables seen fewer times than this are never offered as corrections: the tail of the
# corpus holds typos too.
MIN_CANDIDATE_COUNT = 5
# Letter slips two edits away are found among all keys by rapidfuzz for the first few words of a
# run, then through an index of the keys with letters deleted (`Speller._near_by_deletions`):
# the index costs 0.06 s to load, rapidfuzz about 0.5 ms a word. It holds the keys of at least
# DELETIONS_MIN_LENGTH letters (a word of 6 letters is near keys of 4 to 8), each with up to
# DELETIONS_MAX letters deleted.
DELETIONS_AFTER = 32
DELETIONS_MIN_LENGTH = 4
DELETIONS_MAX = 2
# Dirichlet prior strength of the bigram model, in pseudo-occurrences.
MU = 100.0
# At most this many candidates are scored in context.
MAX_RANKED = 24

# log P(typed | intended) for each kind of slip. Dropping a mark is the commonest slip (the key
# was not pressed); a wrong mark is rarer; a letter slip rarer still.
LOG_TONE_DROPPED = math.log(0.2)
LOG_TONE_WRONG = math.log(0.08)
LOG_TONE_ADDED = math.log(0.04)
LOG_MARK_DROPPED = math.log(0.2)
LOG_MARK_WRONG = math.log(0.04)
LOG_LETTER = math.log(0.01)
LOG_KEYBOARD = math.log(0.6)  # Telex or VNI keys read back: almost certainly what was meant
LOG_NO_SLIP = math.log(0.999)

_MODIFIERS = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}


@dataclass(frozen=True)
class Ranked:
    """A candidate correction with its score, posterior and context evidence."""

    text: str
    score: float
    posterior: float
    channel: float
    left: int
    right: int
    count: int

    @property
    def supported(self) -> int:
        """Return the larger bigram count with a neighbour: the context evidence."""
        return max(self.left, self.right)


@dataclass(frozen=True)
class Marks:
    """The diacritics of a syllable: its tone and its vowel and consonant modifiers."""

    tone: str
    modifiers: tuple[str, ...]


@lru_cache(maxsize=1 << 14)
def marks_of(word: str) -> Marks:
    """Return a syllable's tone and modifiers (circumflex, breve, horn, stroke)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [TONE_MARKS[c] for c in decomposed if c in TONE_MARKS]
    modifiers = [_MODIFIERS[c] for c in decomposed if c in _MODIFIERS]
    modifiers += ["stroke"] * word.lower().count("đ")
    return Marks(tones[0] if len(tones) == 1 else "ngang", tuple(sorted(modifiers)))


def slip_cost(typed: Marks, intended: Marks) -> float:
    """Return log P(typed marks | intended marks): how likely the diacritic slip is."""
    cost = 0.0
    if typed.tone != intended.tone:
        if typed.tone == "ngang":
            cost += LOG_TONE_DROPPED
        elif intended.tone == "ngang":
            cost += LOG_TONE_ADDED
        else:
            cost += LOG_TONE_WRONG
    have = list(typed.modifiers)
    for modifier in intended.modifiers:
        if modifier in have:
            have.remove(modifier)
        else:
            cost += LOG_MARK_DROPPED
    cost += LOG_MARK_WRONG * len(have)
    return cost


@dataclass(frozen=True, eq=False)
class Speller:
    """Candidate corrections for syllables, ranked with one lexicon's counts and bigrams."""

    lexicon: Lexicon

    @cached_property
    def _fold_table(self) -> dict[int, str]:
        """Map each non-ASCII letter to its Unidecode transliteration ("ạ" -> "a", "đ" -> "d")."""
        from unidecode import unidecode

        from vnlint.vietnamese.letters import VIETNAMESE_LETTERS

        return str.maketrans({c: unidecode(c) for c in VIETNAMESE_LETTERS if not c.isascii()})

    def fold(self, word: str) -> str:
        """Return the diacritic-folded key of a word, as Unidecode spells it ("Được" -> "duoc")."""
        return unicodedata.normalize("NFC", word).lower().translate(self._fold_table)

    @cached_property
    def index(self) -> dict[str, tuple[str, ...]]:
        """Map each folded key to the attested syllables that fold to it, most frequent first.

        Built once and then loaded from the user cache (vnlint.cache), keyed by the lexicon file.
        """
        return self._derived("speller-index", self._build_index)

    def _build_index(self) -> dict[str, tuple[str, ...]]:
        from vnlint.vietnamese.syllable import is_vietnamese_word_shape

        syllables = []
        for syllable, count in self.lexicon.vocabulary():
            if count < MIN_CANDIDATE_COUNT:
                break  # the vocabulary comes most frequent first
            syllables.append(syllable)
        syllables = [s for s in syllables if is_vietnamese_word_shape(s)]
        # Fold them all at once: one string through NFC, lower and translate runs at C speed
        # (this index is built on the first suspicious word of a run, so it counts for the
        # one-file pre-commit case).
        keys = self.fold("\n".join(syllables)).split("\n")
        index: dict[str, list[str]] = {}
        for key, syllable in zip(keys, syllables, strict=True):
            index.setdefault(key, []).append(syllable)
        return {key: tuple(group) for key, group in index.items()}

    @cached_property
    def _keys(self) -> dict[int, list[str]]:
        """List the folded keys by length, for rapidfuzz (an edit changes length by one)."""
        by_length: dict[int, list[str]] = {}
        for key in self.index:
            by_length.setdefault(len(key), []).append(key)
        return by_length

    @lru_cache(maxsize=64)  # noqa: B019 (one speller per process; a handful of lengths)
    def _keys_near(self, length: int, cutoff: int) -> list[str]:
        """List the keys whose length is within `cutoff` of `length` (edits change length)."""
        return [
            k for n in range(length - cutoff, length + cutoff + 1) for k in self._keys.get(n, ())
        ]

    @lru_cache(maxsize=1 << 16)  # noqa: B019 (one speller per process; counts never change)
    def count(self, word: str) -> int:
        """Return a syllable's corpus count, whatever its case and tone placement."""
        lower = word.lower()
        n = self.lexicon.syllable_count(lower)
        folded = t1(lower)
        return n if folded == lower else max(n, self.lexicon.syllable_count(folded))

    def bigram(self, first: str, second: str) -> int:
        """Return how often two syllables stand side by side (tone placement folded to T1)."""
        return self.lexicon.id_bigram_count(self._id(first), self._id(second))

    @lru_cache(maxsize=1 << 16)  # noqa: B019 (one speller per process; ids never change)
    def _id(self, word: str) -> int:
        """Return the lexicon id of a syllable in any case and tone placement (-1 if unknown).

        What `Lexicon.bigram_count` looks up for `t1(word.lower())`, cached per word: the
        context checks ask for the same few thousand syllables again and again.
        """
        return self.lexicon.id_of(t1(word.lower()))

    def variants(self, word: str) -> tuple[str, ...]:
        """Return the valid attested syllables with the same folded key (other diacritics)."""
        return tuple(s for s in self.index.get(self.fold(word), ()) if is_valid(s))

    def neighbours(self, word: str) -> list[tuple[str, int]]:
        """Return (syllable, letter edits) for valid syllables within one or two letter edits."""
        return list(self._neighbours(self.fold(word)))

    @lru_cache(maxsize=4096)  # noqa: B019 (one speller per process; keys repeat in a run)
    def _neighbours(self, key: str) -> tuple[tuple[str, int], ...]:
        """Find the attested keys near a folded key, and their valid syllables."""
        found = self._one_edit(key) if len(key) < 6 else self._near(key, 2)
        out = []
        for other, distance in found:
            out.extend((s, distance) for s in self.index[other] if is_valid(s))
        return tuple(out)

    def _near(self, key: str, cutoff: int) -> list[tuple[str, int]]:
        """Return the other keys within `cutoff` edits (OSA distance), as rapidfuzz ranks them:
        nearest first, then in `_keys_near` order."""
        # A count of the calls in this process (in __dict__: the speller is a frozen dataclass).
        calls = self.__dict__["_near_calls"] = self.__dict__.get("_near_calls", 0) + 1
        if (
            calls > DELETIONS_AFTER
            and cutoff <= DELETIONS_MAX
            and len(key) - cutoff >= DELETIONS_MIN_LENGTH
        ):
            return self._near_by_deletions(key, cutoff)
        return self._near_scored(key, cutoff)

    def _near_scored(self, key: str, cutoff: int) -> list[tuple[str, int]]:
        """`_near` by scoring every key of a near length with rapidfuzz."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        keys = self._keys_near(len(key), cutoff)
        found = process.extract(key, keys, scorer=OSA.distance, score_cutoff=cutoff, limit=None)
        return [(other, int(distance)) for other, distance, _ in found if distance]

    def _near_by_deletions(self, key: str, cutoff: int) -> list[tuple[str, int]]:
        """`_near` for archive runs: only the keys that share a string with `key` once at most
        `cutoff` letters are deleted from each are scored (`_deletions`), ten times faster.

        No key is missed: each edit of an OSA alignment (a substitution, an insertion, a swap of
        neighbours) is undone by deleting at most one letter from each side. The keys found are
        scored and ordered as rapidfuzz orders its matches: nearest first, then by length and
        place among the keys of that length (`_keys_near` order).
        """
        from rapidfuzz.distance import OSA

        index = self._deletions
        position = self._key_letters[1]
        found = set()
        for shorter in _deleted(key, cutoff):
            found.update(index.get(shorter, ()))
        scored = []
        for other in found:
            distance = OSA.distance(key, other, score_cutoff=cutoff)
            if 0 < distance <= cutoff:
                scored.append((distance, len(other), position[other], other))
        scored.sort()
        return [(other, distance) for distance, _, _, other in scored]

    @cached_property
    def _deletions(self) -> dict[str, tuple[str, ...]]:
        """Map each string made by deleting up to DELETIONS_MAX letters from a key of at least
        DELETIONS_MIN_LENGTH letters (and the key itself) to those keys: 200,000 strings, 0.4 s
        to build, loaded from the user cache (vnlint.cache) in 0.06 s."""
        # Keyed by the index's parameters too: a table built with others is another table.
        shape = f"min {DELETIONS_MIN_LENGTH}, deleted {DELETIONS_MAX}"
        return self._derived("speller-deletions", self._build_deletions, shape)

    def _derived(self, name: str, build: Callable[[], T], shape: str = "") -> T:
        """Return a table derived from the lexicon, from the user cache (keyed by the lexicon
        file and the `shape` of the table, if given) or built; built in memory for a lexicon
        that has no file."""
        from vnlint.cache import derived, file_key

        try:
            key = file_key(self.lexicon.path)
        except OSError:
            return build()
        return derived(name, f"{key}\0{shape}" if shape else key, build)

    def _build_deletions(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for length, keys in self._keys.items():
            if length >= DELETIONS_MIN_LENGTH:
                for key in keys:
                    for shorter in _deleted(key, DELETIONS_MAX):
                        index.setdefault(shorter, []).append(key)
        return {shorter: tuple(keys) for shorter, keys in index.items()}

    def _one_edit(self, key: str) -> list[tuple[str, int]]:
        """Return `_near(key, 1)` without scoring every key: each string one edit away (a
        deletion, a swap of neighbours, a substitution or an insertion of a letter that keys
        use) is looked up, in `_keys_near` order: four times faster on short keys."""
        letters, position = self._key_letters
        heads = [key[:i] for i in range(len(key) + 1)]
        tails = [key[i:] for i in range(len(key) + 1)]
        edits = {h + t[1:] for h, t in zip(heads, tails, strict=True) if t}
        edits.update(
            h + t[1] + t[0] + t[2:] for h, t in zip(heads, tails, strict=True) if len(t) > 1
        )
        for h, t in zip(heads, tails, strict=True):
            edits.update(h + c + t for c in letters)
            if t:
                edits.update(h + c + t[1:] for c in letters)
        edits.discard(key)
        found = [e for e in edits if e in position]
        found.sort(key=lambda k: (len(k), position[k]))
        return [(k, 1) for k in found]

    @cached_property
    def _key_letters(self) -> tuple[str, dict[str, int]]:
        """Return the letters the keys use, and each key's place among the keys of its length."""
        letters = "".join(sorted({c for key in self.index for c in key}))
        position = {k: i for keys in self._keys.values() for i, k in enumerate(keys)}
        return letters, position

    def candidates(
        self, word: str, *, letters: bool = True, decoded: Iterable[str] = ()
    ) -> dict[str, float]:
        """Return candidate corrections (lowercase, T1) with log P(typed | candidate).

        `letters` adds letter slips (rapidfuzz); `decoded` are Telex or VNI readings of the word,
        whose own diacritic variants are candidates too (a tone forgotten: "vie6t" -> "việt").
        """
        lower = place_tone(unicodedata.normalize("NFC", word).lower(), "T1")
        typed = marks_of(lower)
        out: dict[str, float] = {}

        def offer(candidate: str, cost: float) -> None:
            if candidate != lower and cost > out.get(candidate, -math.inf):
                out[candidate] = cost

        for candidate in self.variants(lower):
            offer(candidate, slip_cost(typed, marks_of(candidate)))
        if letters:
            for candidate, distance in self.neighbours(lower):
                offer(candidate, distance * LOG_LETTER + slip_cost(typed, marks_of(candidate)))
        for reading in decoded:
            reading = reading.lower()
            base = marks_of(reading)
            if is_valid(reading) and self.count(reading) >= MIN_CANDIDATE_COUNT:
                offer(reading, LOG_KEYBOARD)
            for candidate in self.variants(reading):
                offer(candidate, LOG_KEYBOARD + slip_cost(base, marks_of(candidate)))
        return out

    def _left(self, left: str | None, candidate: str, count: int) -> tuple[float, int]:
        """Return log P(candidate | left) and the bigram count behind it."""
        p = (count + 0.5) / self.lexicon.total_syllables
        if left is None:
            return math.log(p), 0
        n = self.bigram(left, candidate)
        return math.log((n + MU * p) / (self.count(left) + MU)), n

    def _right(self, candidate: str, count: int, right: str | None) -> tuple[float, int]:
        """Return log P(right | candidate) and the bigram count behind it."""
        if right is None:
            return 0.0, 0
        n = self.bigram(candidate, right)
        p = (self.count(right) + 0.5) / self.lexicon.total_syllables
        return math.log((n + MU * p) / (count + MU)), n

    def rank(
        self,
        candidates: dict[str, float],
        left: str | None = None,
        right: str | None = None,
    ) -> list[Ranked]:
        """Score candidates (text -> channel log-probability) in context; best first."""
        if len(candidates) > MAX_RANKED:
            # Context rarely lifts a candidate that is both an unlikely slip and a rare word:
            # only the likeliest by slip and frequency are scored against the neighbours.
            likely = sorted(
                candidates, key=lambda c: candidates[c] + math.log(self.count(c) + 1), reverse=True
            )
            candidates = {c: candidates[c] for c in likely[:MAX_RANKED]}
        scored = []
        for text, channel in candidates.items():
            count = self.count(text)
            lp, ln = self._left(left, text, count)
            rp, rn = self._right(text, count, right)
            scored.append((channel + lp + rp, text, channel, ln, rn, count))
        if not scored:
            return []
        best = max(s[0] for s in scored)
        total = sum(math.exp(s[0] - best) for s in scored)
        ranked = [
            Ranked(text, score, math.exp(score - best) / total, channel, ln, rn, count)
            for score, text, channel, ln, rn, count in scored
        ]
        ranked.sort(key=lambda r: (-r.score, r.text))
        return ranked

    def log_next(self, previous: str | None, word: str) -> float:
        """Return log P(word | previous syllable), or log P(word) without one."""
        return self._left(previous, word, self.count(word))[0]

    def lm(self, words: Sequence[str]) -> float:
        """Return the log-probability of a run of syllables under the bigram model."""
        score = 0.0
        previous: str | None = None
        for word in words:
            count = self.count(word)
            score += self._left(previous, word, count)[0]
            previous = word
        return score


def _deleted(key: str, most: int) -> set[str]:
    """Return the key and every string made by deleting up to `most` of its letters."""
    found = {key}
    last = found
    for _ in range(most):
        last = {s[:i] + s[i + 1 :] for s in last for i in range(len(s))}
        found |= last
    return found


@lru_cache(maxsize=1 << 16)
def t1(word: str) -> str:
    """Return a syllable with its tone mark placed as the corpus does, T1 ("hoà" -> "hòa")."""
    return place_tone(word, "T1")


@cache
def default_speller() -> Speller:
    """Return the speller over the shipped lexicon, built once per process."""
    from vnlint.lexicon import default_lexicon

    return Speller(default_lexicon())


def to_style(text: str, style: str) -> str:
    """Re-place the tone mark of every syllable of a correction in the article's style."""
    if style != "T2":
        return text
    from vnlint.document import TOKEN_RE

    return TOKEN_RE.sub(lambda m: place_tone(m.group(), "T2"), text)


__all__ = [
    "MIN_CANDIDATE_COUNT",
    "Marks",
    "Ranked",
    "Speller",
    "default_speller",
    "marks_of",
    "slip_cost",
    "t1",
    "to_style",
]
