"""Build vnlint's compiled lexicon (vnlint/lexicon/data/lexicon.bin) from the corpus and Viet74K.

Usage:
    python scripts/build_lexicon.py [--corpus ../shared/corpus/baomoi-vn_news.jsonl.gz]
        [--viet74k PATH] [--output vnlint/lexicon/data/lexicon.bin]
        [--held-out-from 32000] [--min-syllable-count 2] [--min-bigram-count 2]

Sources:
- The development corpus (baomoi news, one JSON article a line). Only derived counts are written,
  never text. HELD-OUT SLICE: the articles at line index >= 32000 (the last 3,440 of 35,440) are
  never read by the build; vnlint's measurements (false positives, typo recall) use them.
- Viet74K, the word list shipped in the `underthesea` wheel on PyPI (Apache-2.0, see NOTICE):
  version 9.5.0, path `underthesea/corpus/data/Viet74K.txt` inside the wheel (the same file is
  also at `underthesea/transformer/Viet74K.txt`). Without --viet74k the script fetches that wheel
  itself with `pip download --no-deps` into a temporary folder, so the build is reproducible.

What is counted (text NFC-normalized, syllables = `vnlint.document.TOKEN_RE` matches, the headline
and each body line read as separate lines):
- syllable counts, lowercase-folded;
- per syllable, how often it starts with a capital vs a lowercase letter when not sentence-initial
  (not first on its line, not after . ! ? … or :); ALL-CAPS forms count as capitalized only for
  syllables written in capitals more often than in lowercase (acronyms such as "UBND"), since
  all-caps headings say nothing about a word;
- syllable bigrams: neighbours separated by spaces only (no punctuation, digit or line break),
  lowercase-folded;
- multi-syllable Viet74K words: how often each word's syllable sequence occurs with spaces only
  between its syllables (overlapping occurrences all count); hyphenated spellings are not counted.
  Each word is kept in both accepted tone placements ("hoà bình" as listed, and "hòa bình" as the
  news writes it), each spelling with its own count; entries with punctuation or digits (proverbs
  such as "ăn có nơi, chơi có chốn") are skipped.

Kept: syllables seen at least --min-syllable-count times, plus every Viet74K syllable; bigrams
seen at least --min-bigram-count times whose two syllables are both among the 65,536 most
frequent (so a bigram key fits in 32 bits); every multi-syllable Viet74K word, with count 0 if
never seen. The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from vnlint.document import TOKEN_RE
from vnlint.lexicon.lexicon import encode_lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared/corpus/baomoi-vn_news.jsonl.gz"
DEFAULT_OUTPUT = ROOT / "vnlint/lexicon/data/lexicon.bin"
HELD_OUT_FROM = 32000

UNDERTHESEA_VERSION = "9.5.0"
VIET74K_PATH_IN_WHEEL = "underthesea/corpus/data/Viet74K.txt"

# Syllables joined by spaces only (NBSP included, line breaks excluded): one bigram "run".
_SYLLABLE = TOKEN_RE.pattern
_RUN_RE = re.compile(rf"{_SYLLABLE}(?:[ \t\u00a0\u202f]+{_SYLLABLE})*")
_SPACES_RE = re.compile(r"[ \t\u00a0\u202f]+")
# A syllable after one of these (or first on its line) may be capitalized for the sentence.
_SENTENCE_BREAK_RE = re.compile(r"[.!?…:]")
# Tone marks: grave, acute, tilde, hook above, dot below.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_NOT_BEFORE_RHYME = frozenset("qaăâeêioôơuưy")
# Viet74K entries kept as words: letters joined by spaces or hyphens (no proverbs with commas).
_WORD_ENTRY_RE = re.compile(rf"{_SYLLABLE}(?:[ -]{_SYLLABLE})*")


@dataclass(frozen=True)
class CorpusCounts:
    """What one pass over the corpus counts."""

    articles: int
    tokens: int
    syllables: Counter[str]
    capitalized: Counter[str]
    lowercase: Counter[str]
    bigrams: Counter[str]  # "a b"
    long_words: Counter[str]  # Viet74K words of 3+ syllables, "a b c"


def read_lines(corpus: Path, held_out_from: int) -> Iterator[tuple[int, str]]:
    """Yield (article index, line) for the headline and body lines of the build articles."""
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for index, raw in enumerate(handle):
            if index >= held_out_from:
                break  # The held-out slice is never read, let alone counted.
            record = json.loads(raw)
            text = unicodedata.normalize("NFC", f"{record['title']}\n{record['text']}")
            for line in text.splitlines():
                yield index, line


def count_corpus(lines: Iterable[tuple[int, str]], long_words: set[str]) -> CorpusCounts:
    """Count syllables, case by position, bigrams and long Viet74K words over the lines."""
    # Raw (case-kept) forms are counted first and folded once at the end: far fewer str.lower()
    # calls and case checks than doing it per token.
    initial_forms: Counter[str] = Counter()
    mid_forms: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    long_counts: Counter[str] = Counter()
    # Only bigrams that start a long word need the slower n-gram look-up.
    long_heads = {" ".join(w.split()[:2]) for w in long_words}
    long_lengths = sorted({len(w.split()) for w in long_words})
    articles = -1
    for articles, line in lines:  # noqa: B007 (the last index gives the article count)
        end = 0
        for match in _RUN_RE.finditer(line):
            forms = _SPACES_RE.split(match.group())
            if end == 0 or _SENTENCE_BREAK_RE.search(line, end, match.start()):
                initial_forms[forms[0]] += 1
                mid_forms.update(forms[1:])
            else:
                mid_forms.update(forms)
            end = match.end()
            if len(forms) < 2:
                continue
            folded = [f.lower() for f in forms]
            pairs = [" ".join(p) for p in pairwise(folded)]
            bigrams.update(pairs)
            for i, pair in enumerate(pairs):
                if pair in long_heads:
                    for n in long_lengths:
                        if i + n > len(folded):
                            break
                        candidate = " ".join(folded[i : i + n])
                        if candidate in long_words:
                            long_counts[candidate] += 1
    syllables: Counter[str] = Counter()
    titled: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    for form, n in initial_forms.items():
        syllables[form.lower()] += n
    for form, n in mid_forms.items():
        key = form.lower()
        syllables[key] += n
        if not form[0].isupper():
            lowercase[key] += n
        elif len(form) > 1 and form.isupper():
            upper[key] += n
        else:
            titled[key] += n
    capitalized = Counter(titled)
    for key, n in upper.items():
        if n > lowercase[key]:
            capitalized[key] += n  # More often in capitals than not: an acronym, say so.
    return CorpusCounts(
        articles=articles + 1,
        tokens=sum(syllables.values()),
        syllables=syllables,
        capitalized=capitalized,
        lowercase=lowercase,
        bigrams=bigrams,
        long_words=long_counts,
    )


def fetch_viet74k(folder: Path) -> Path:
    """Download the underthesea wheel with pip and extract Viet74K.txt from it."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            f"underthesea=={UNDERTHESEA_VERSION}",
            "-d",
            str(folder),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (wheel,) = folder.glob(f"underthesea-{UNDERTHESEA_VERSION}-*.whl")
    target = folder / "Viet74K.txt"
    with zipfile.ZipFile(wheel) as archive:
        target.write_bytes(archive.read(VIET74K_PATH_IN_WHEEL))
    return target


def tone_placements(syllable: str) -> tuple[str, str] | None:
    """Return a syllable's two accepted spellings ("hòa", "hoà"), if its tone can move."""
    decomposed = unicodedata.normalize("NFD", syllable)
    marks = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(marks) != 1:
        return None
    base = decomposed.replace(marks[0], "")
    plain = unicodedata.normalize("NFC", base)
    # Only the open rhymes oa, oe, uy have both placements; in "quy" the u belongs to "qu".
    if plain[-2:] not in ("oa", "oe", "uy") or plain[-3:-2] in _NOT_BEFORE_RHYME:
        return None
    first = unicodedata.normalize("NFC", base[:-1] + marks[0] + base[-1])
    second = unicodedata.normalize("NFC", base + marks[0])
    return first, second


@dataclass(frozen=True)
class WordList:
    """What the build takes from Viet74K."""

    syllables: set[str]
    words: set[str]  # Multi-syllable words, lowercase, syllables space-joined.
    entries: int
    skipped: int
    respelled: int  # Words added in the other tone placement.


def read_viet74k(path: Path) -> WordList:
    """Read Viet74K's syllables and multi-syllable words, in both tone placements."""
    syllables: set[str] = set()
    listed: set[str] = set()
    words: set[str] = set()
    entries = skipped = 0
    for entry in path.read_text(encoding="utf-8").splitlines():
        entry = unicodedata.normalize("NFC", entry.strip())
        if not entry:
            continue
        entries += 1
        if not _WORD_ENTRY_RE.fullmatch(entry):
            skipped += 1  # Proverbs with punctuation, entries with digits or symbols.
            continue
        parts = [p.lower() for p in TOKEN_RE.findall(entry)]
        # Viet74K mostly writes "hoà", "thuỷ"; the news corpus writes "hòa", "thủy" (not once
        # "thuỷ" in it). Both are accepted, so each word is kept in both spellings: this gives
        # "văn hóa", "hòa bình", "ủy ban" and hundreds more their real counts.
        placements = [tone_placements(p) or (p, p) for p in parts]
        syllables.update(s for pair in placements for s in pair)
        if len(parts) > 1:
            listed.add(" ".join(parts))
            words.add(" ".join(pair[0] for pair in placements))
            words.add(" ".join(pair[1] for pair in placements))
    return WordList(syllables, words, entries, skipped, len(words - listed))


def main() -> int:
    """Build the lexicon and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--viet74k", type=Path, help="Viet74K.txt (default: fetch with pip)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--held-out-from", type=int, default=HELD_OUT_FROM)
    parser.add_argument("--min-syllable-count", type=int, default=2)
    parser.add_argument("--min-bigram-count", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()

    with tempfile.TemporaryDirectory() as tmp:
        viet74k_path = args.viet74k or fetch_viet74k(Path(tmp))
        viet74k_bytes = viet74k_path.read_bytes()
        word_list = read_viet74k(viet74k_path)
    long_words = {w for w in word_list.words if w.count(" ") >= 2}

    counts = count_corpus(read_lines(args.corpus, args.held_out_from), long_words)
    counted = time.perf_counter()

    word_counts = {
        w: (counts.bigrams[w] if w.count(" ") == 1 else counts.long_words[w])
        for w in word_list.words
    }
    metadata = {
        "source_corpus": args.corpus.name,
        "articles": counts.articles,
        "held_out_from": args.held_out_from,
        "viet74k": f"underthesea {UNDERTHESEA_VERSION}: {VIET74K_PATH_IN_WHEEL}",
        "viet74k_sha256": hashlib.sha256(viet74k_bytes).hexdigest(),
        "min_syllable_count": args.min_syllable_count,
        "min_bigram_count": args.min_bigram_count,
    }
    data, summary = encode_lexicon(
        tokens=counts.tokens,
        syllables=counts.syllables,
        capitalized=counts.capitalized,
        lowercase=counts.lowercase,
        bigrams=counts.bigrams,
        words=word_counts,
        keep_syllables=word_list.syllables,
        min_syllable_count=args.min_syllable_count,
        min_bigram_count=args.min_bigram_count,
        metadata=metadata,
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)

    seen_words = sum(1 for n in word_counts.values() if n)
    print(f"articles used:      {counts.articles} (held out: line index >= {args.held_out_from})")
    print(f"syllable tokens:    {counts.tokens}")
    print(f"distinct syllables: {len(counts.syllables)}")
    print(f"syllables kept:     {summary['syllables']}")
    print(f"distinct bigrams:   {len(counts.bigrams)}")
    print(f"bigrams kept:       {summary['bigrams']} ({summary['bigrams_pruned']} pruned)")
    print(
        f"Viet74K:            {word_list.entries} entries, {word_list.skipped} skipped "
        "(punctuation, digits)"
    )
    print(
        f"words kept:         {len(word_counts)} multi-syllable, {seen_words} seen in the corpus "
        f"({word_list.respelled} added in the other tone placement)"
    )
    print(f"file:               {args.output} ({len(data) / 1e6:.2f} MB)")
    print(f"sha256:             {hashlib.sha256(data).hexdigest()}")
    total = time.perf_counter() - started
    print(f"build time:         {total:.1f} s (corpus pass {counted - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
