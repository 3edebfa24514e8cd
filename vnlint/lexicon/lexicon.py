"""Read (and, for the build script, write) the compiled lexicon: syllables, bigrams, words.

The shipped file, `data/lexicon.bin`, is built by `scripts/build_lexicon.py` from the development
corpus (baomoi news; articles at line index >= 32000 are a held-out slice, never counted, kept
for measuring vnlint) and the Viet74K word list from the `underthesea` wheel (see NOTICE), whose
words are kept in both accepted tone placements ("hoà bình" and "hòa bình").

Format (version 1, integers little-endian):
    8 bytes   magic b"vnlex\\0\\0\\1"
    4 bytes   header length H (uint32)
    H bytes   header: UTF-8 JSON {"metadata", "sections": {name: [offset, length]}, "tokens"}
    sections  raw bytes, each starting on a multiple of 8; offsets count from the file start

Sections (n syllables, ids by descending count; m bigrams; w words):
    syllables       UTF-8, "\\n"-joined, in id order
    counts          uint32[n]  occurrences, lowercase-folded
    capitalized     uint32[n]  mid-sentence occurrences starting with a capital
    lowercase       uint32[n]  mid-sentence occurrences starting with a lowercase letter
    bigram_offsets  uint32[n + 1]  row of each first syllable in the two arrays below
    bigram_seconds  uint16[m]  second syllable ids, ascending within a row
    bigram_counts   uint16[m]  counts; 0xFFFF means "see bigram_overflow"
    bigram_overflow uint32[2k] (bigram index, count) pairs for counts >= 0xFFFF
    word_keys       uint64[w]  fingerprints of the words (see `_fingerprint`), ascending
    word_counts     uint32[w]  in word_keys order
    words           UTF-8, "\\n"-joined, sorted: the words, syllables space-joined

Each section is decoded on first use, so `Lexicon.load` reads the file and its header only.
Raw arrays were chosen over zlib-compressed sections by measurement: zlib made the file 1.6 MB
instead of 4.9 MB but inflating every section cost ~15 ms (more than everything else together),
and the wheel, a zip, holds the raw file compressed anyway (2.2 MB). It also keeps the output
byte-for-byte reproducible, which zlib's output is not across zlib builds.

Words are looked up in a sorted array of 64-bit fingerprints rather than a dict of 65,000
strings, which took ~15 ms to build; the strings are read only by `words()`. A false match needs
a 64-bit collision with one of the words: odds of about 1e-14 per look-up.
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MAGIC = b"vnlex\x00\x00\x01"
DEFAULT_PATH = Path(__file__).parent / "data" / "lexicon.bin"

# Bigram second ids and counts are uint16: ids past this are not given bigrams, and larger
# counts go to the overflow table.
_MAX_BIGRAM_SYLLABLES = 0x10000
_OVERFLOW = 0xFFFF
_LENGTH = struct.Struct("<I")
_SECTIONS = frozenset(
    (
        "syllables",
        "counts",
        "capitalized",
        "lowercase",
        "bigram_offsets",
        "bigram_seconds",
        "bigram_counts",
        "bigram_overflow",
        "word_keys",
        "word_counts",
        "words",
    )
)


# Bigram keys (`Lexicon.pair_array`): `first << PAIR_SHIFT | second`. Syllable ids stay far below
# 2**20 (33,502 syllables), which leaves 2**20 and above for callers' sentinel ids.
PAIR_SHIFT = 21


class LexiconError(ValueError):
    """The lexicon file is missing, damaged or of an unknown version."""


def _fold(text: str) -> str:
    """Return the lookup key of a syllable or word: NFC, lowercase."""
    return unicodedata.normalize("NFC", text).lower()


def _fingerprint(key: str) -> int:
    """Return the 64-bit fingerprint of a folded word, stable across processes and machines."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def _to_bytes(values: array[int]) -> bytes:
    """Serialize an array little-endian, whatever the machine."""
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_bytes(typecode: str, data: bytes | memoryview) -> array[int]:
    """Read a little-endian array."""
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Syllable and word frequencies and syllable bigram counts, decoded lazily."""

    path: Path
    metadata: Mapping[str, Any]
    total_syllables: int
    _sections: Mapping[str, memoryview]

    @classmethod
    def load(cls, path: Path | str | None = None) -> Lexicon:
        """Read a compiled lexicon (default: the one shipped with vnlint)."""
        path = Path(path) if path is not None else DEFAULT_PATH
        try:
            data = path.read_bytes()
        except OSError as error:
            raise LexiconError(f"cannot read lexicon {path}: {error}") from error
        if data[:8] != MAGIC:
            raise LexiconError(f"{path} is not a vnlint lexicon (version 1)")
        try:
            (header_length,) = _LENGTH.unpack_from(data, 8)
            header = json.loads(data[12 : 12 + header_length])
            view = memoryview(data)
            sections: dict[str, memoryview] = {}
            for name, (offset, length) in header["sections"].items():
                if offset + length > len(data):
                    raise ValueError(f"section {name} runs past the end of the file")
                sections[name] = view[offset : offset + length]
            missing = _SECTIONS - sections.keys()
            if missing:
                raise ValueError(f"missing sections {sorted(missing)}")
            return cls(path, header["metadata"], header["tokens"], sections)
        except (ValueError, KeyError, TypeError, struct.error) as error:
            raise LexiconError(f"damaged lexicon {path}: {error}") from error

    def _text(self, name: str) -> list[str]:
        """Decode one section holding "\\n"-joined strings."""
        return str(self._sections[name], "utf-8").split("\n")

    def _array(self, name: str, typecode: str) -> array[int]:
        """Decode one section holding an array."""
        return _from_bytes(typecode, self._sections[name])

    @cached_property
    def _syllables(self) -> list[str]:
        """Decode the syllables, in id order."""
        return self._text("syllables")

    @cached_property
    def _ids(self) -> dict[str, int]:
        """Map each syllable to its id."""
        return dict(zip(self._syllables, range(len(self._syllables)), strict=True))

    @cached_property
    def _counts(self) -> array[int]:
        """Decode the syllable counts."""
        return self._array("counts", "I")

    @cached_property
    def _case(self) -> tuple[array[int], array[int]]:
        """Decode the mid-sentence capitalized and lowercase counts."""
        return self._array("capitalized", "I"), self._array("lowercase", "I")

    @cached_property
    def _bigrams(self) -> tuple[array[int], array[int], array[int], dict[int, int]]:
        """Decode the bigram rows, counts and overflow table."""
        overflow = self._array("bigram_overflow", "I")
        return (
            self._array("bigram_offsets", "I"),
            self._array("bigram_seconds", "H"),
            self._array("bigram_counts", "H"),
            dict(zip(overflow[0::2], overflow[1::2], strict=True)),
        )

    @cached_property
    def _word_keys(self) -> array[int]:
        """Decode the word fingerprints."""
        return self._array("word_keys", "Q")

    @cached_property
    def _word_counts(self) -> array[int]:
        """Decode the word counts."""
        return self._array("word_counts", "I")

    def _word_index(self, syllables: Sequence[str]) -> int | None:
        """Find a word's position in word_keys, if it is a word."""
        if len(syllables) < 2:
            return None
        key = _fingerprint(_fold(" ".join(syllables)))
        keys = self._word_keys
        i = bisect_left(keys, key)
        return i if i < len(keys) and keys[i] == key else None

    def syllable_count(self, syllable: str) -> int:
        """Return how often a syllable occurs in the corpus, ignoring case (0 if unknown)."""
        i = self._ids.get(_fold(syllable))
        return 0 if i is None else self._counts[i]

    def capitalized_ratio(self, syllable: str) -> float:
        """Return the share of mid-sentence occurrences that start with a capital (0.0 if none).

        Sentence-initial occurrences (first on a line, or after . ! ? … :) are not counted.
        All-caps occurrences count only for syllables written in capitals more often than in
        lowercase (acronyms such as "UBND"), since all-caps headings say nothing of a word.
        """
        i = self._ids.get(_fold(syllable))
        if i is None:
            return 0.0
        capitalized, lowercase = self._case
        seen = capitalized[i] + lowercase[i]
        return capitalized[i] / seen if seen else 0.0

    def bigram_count(self, first: str, second: str) -> int:
        """Return how often two syllables occur side by side, separated by spaces only."""
        return self.id_bigram_count(self.id_of(first), self.id_of(second))

    def syllable_id(self, folded: str) -> int:
        """Return a folded syllable's id (-1 if unknown), for `id_bigram_count`."""
        return self._ids.get(folded, -1)

    def id_of(self, syllable: str) -> int:
        """Return a syllable's id, whatever its case or normalization (-1 if unknown)."""
        return self._ids.get(_fold(syllable), -1)

    def id_bigram_count(self, a: int, b: int) -> int:
        """Return the bigram count of two syllable ids (see `syllable_id`): the fastest look-up."""
        offsets, seconds, counts, overflow = self._bigrams
        if a < 0 or b < 0 or b >= _MAX_BIGRAM_SYLLABLES or a + 1 >= len(offsets):
            return 0
        hi = offsets[a + 1]
        j = bisect_left(seconds, b, offsets[a], hi)
        if j == hi or seconds[j] != b:
            return 0
        n = counts[j]
        return overflow[j] if n == _OVERFLOW else n

    @cached_property
    def pair_array(self) -> np.ndarray:
        """Return every attested bigram's key (`first_id << PAIR_SHIFT | second_id`), sorted, as
        a NumPy int64 array: 5 MB, built in a few milliseconds, for archive runs that test many
        pairs at once (`attested`). NumPy is imported here, on first use, never by the one-file
        case."""
        import numpy as np

        offsets, seconds, _, _ = self._bigrams
        # The arrays are in the machine's order already (`_from_bytes`): read them in place.
        rows = np.diff(np.frombuffer(offsets, dtype=offsets.typecode).astype(np.int64))
        firsts = np.repeat(np.arange(len(rows), dtype=np.int64), rows)
        # The rows are in first-id order and each row's seconds ascend: the keys come sorted.
        return (firsts << PAIR_SHIFT) | np.frombuffer(seconds, dtype=seconds.typecode)

    def attested(self, keys: np.ndarray) -> np.ndarray:
        """Tell, for each pair key of an int64 array, whether the bigram was ever seen (its count
        is not 0): a boolean array, one binary search per key over `pair_array`."""
        import numpy as np

        table = self.pair_array
        where = np.searchsorted(table, keys)
        where[where == len(table)] = 0
        return table[where] == keys

    def is_word(self, syllables: Sequence[str]) -> bool:
        """Tell whether the syllables form a multi-syllable word of the word list."""
        return self._word_index(syllables) is not None

    def word_count(self, syllables: Sequence[str]) -> int:
        """Return how often a multi-syllable word occurs in the corpus (0 if unknown)."""
        i = self._word_index(syllables)
        return 0 if i is None else self._word_counts[i]

    def vocabulary(self) -> Iterator[tuple[str, int]]:
        """Yield every syllable with its count, most frequent first."""
        return zip(self._syllables, self._counts, strict=True)

    def words(self) -> Iterator[tuple[str, ...]]:
        """Yield every multi-syllable word as its syllables, in sorted order."""
        return (tuple(w.split(" ")) for w in self._text("words"))


@cache
def default_lexicon() -> Lexicon:
    """Return the shipped lexicon, loaded once per process."""
    return Lexicon.load()


def _aligned(position: int) -> int:
    """Round a file position up to a multiple of 8."""
    return -(-position // 8) * 8


def encode_lexicon(
    *,
    tokens: int,
    syllables: Mapping[str, int],
    capitalized: Mapping[str, int],
    lowercase: Mapping[str, int],
    bigrams: Mapping[str, int],
    words: Mapping[str, int],
    keep_syllables: Collection[str],
    min_syllable_count: int,
    min_bigram_count: int,
    metadata: Mapping[str, Any],
) -> tuple[bytes, dict[str, int]]:
    """Encode counts (bigrams and words keyed "a b") as a lexicon file; also return figures."""
    kept = {s for s, n in syllables.items() if n >= min_syllable_count}
    kept.update(keep_syllables)
    for word in words:
        kept.update(word.split(" "))
    order = sorted(kept, key=lambda s: (-syllables.get(s, 0), s))
    ids = {s: i for i, s in enumerate(order)}

    rows: list[list[tuple[int, int]]] = [[] for _ in order]
    pruned = 0
    for pair, n in bigrams.items():
        if n < min_bigram_count:
            continue
        first, second = pair.split(" ")
        a, b = ids.get(first), ids.get(second)
        if a is None or b is None or b >= _MAX_BIGRAM_SYLLABLES:
            pruned += 1
            continue
        rows[a].append((b, n))
    offsets = array("I", [0])
    seconds = array("H")
    counts = array("H")
    overflow = array("I")
    for row in rows:
        for b, n in sorted(row):
            if n >= _OVERFLOW:
                overflow.extend((len(counts), n))
            seconds.append(b)
            counts.append(min(n, _OVERFLOW))
        offsets.append(len(seconds))

    word_order = sorted(words)
    word_keys = sorted((_fingerprint(w), w) for w in word_order)
    if len({k for k, _ in word_keys}) != len(word_keys):
        raise LexiconError("two words share a fingerprint: change _fingerprint")
    sections = {
        "syllables": "\n".join(order).encode("utf-8"),
        "counts": _to_bytes(array("I", (syllables.get(s, 0) for s in order))),
        "capitalized": _to_bytes(array("I", (capitalized.get(s, 0) for s in order))),
        "lowercase": _to_bytes(array("I", (lowercase.get(s, 0) for s in order))),
        "bigram_offsets": _to_bytes(offsets),
        "bigram_seconds": _to_bytes(seconds),
        "bigram_counts": _to_bytes(counts),
        "bigram_overflow": _to_bytes(overflow),
        "word_keys": _to_bytes(array("Q", (k for k, _ in word_keys))),
        "word_counts": _to_bytes(array("I", (words[w] for _, w in word_keys))),
        "words": "\n".join(word_order).encode("utf-8"),
    }
    # The header holds the sections' offsets, which depend on its own length: lay the sections
    # out after a header sized with placeholder offsets, then grow it until it fits.
    reserve = 0
    while True:
        table: dict[str, list[int]] = {}
        position = _aligned(12 + reserve)
        for name, raw in sections.items():
            table[name] = [position, len(raw)]
            position = _aligned(position + len(raw))
        header = json.dumps(
            {"metadata": dict(metadata), "sections": table, "tokens": tokens},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        ).encode("utf-8")
        if len(header) <= reserve:
            break
        reserve = len(header)
    out = bytearray(MAGIC + _LENGTH.pack(len(header)) + header)
    for name, raw in sections.items():
        out += bytes(table[name][0] - len(out))
        out += raw
    data = bytes(out)
    summary = {"syllables": len(order), "bigrams": len(seconds), "bigrams_pruned": pruned}
    return data, summary
